//! Load test, on loopback only and bounded in time: the example server
//! (the lobby of `examples/server.rs`) holds N bots that log in, stay idle
//! for `--idle-secs`, then each send a movement packet at 20 Hz, and answer
//! Keep Alives (sent every second here) throughout. Reports the join time
//! and the failed joins, the memory of the idle players, packets per second
//! both ways, the CPU used by the server's threads (also per packet it
//! received) and by the bots' threads, and the p50/p99 of the Keep Alive
//! round trips the server measured. Exits with 1 if a bot failed to join
//! (or dropped out), with 2 if the open-file limit is too low.
//!
//! ```sh
//! cargo run --release --example loadtest -- --bots 1000 --secs 30
//! cargo run --release --example loadtest -- --bots 200 --secs 10 --protocol 1.12.2
//! cargo run --release --example loadtest -- --floor --bots 5000 --secs 20
//! ```
//!
//! `--floor` replaces server and bots with their bare traffic: each bot
//! writes a packet-sized buffer every tick, and a server that only reads
//! it reports its CPU per packet, the part of the protocol run's figure
//! that no protocol code can remove (`--delack`, `--echo`: two ways of
//! taking the acknowledgement off each read, to measure what they save).
//!
//! Memory: the process's resident set (`/proc/self/statm`) before the
//! bots and after they joined, while idle, divided by the players: that
//! holds both ends of every connection (server and bot). The server's own
//! share is counted by this example's allocator, which attributes every
//! allocation to the runtime whose thread made it: "server heap".
//!
//! The server and the bots run in one process on two separate tokio
//! runtimes (threads named `server` and `bots`), so their CPU time is told
//! apart from `/proc/self/task/*/stat` (Linux). Bots are raw
//! `mcproto::conn::AsyncConnection`s (no `Client`): one task each, that writes
//! its movement on a timer and reads whatever the server sends, confirming
//! the spawn teleport from 1.9 on as a vanilla client does. Bots decode
//! only what they answer (Keep Alive, the spawn teleport) and skip the
//! rest (chunks, chat) undecoded, so that their CPU stays out of the
//! server's way on a shared machine.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::Arc;
use std::sync::atomic::{AtomicIsize, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clap::Parser;
use mcproto::RawPacket;
use mcproto::conn::{AsyncConnection, Violation};
use mcproto::packets::login::serverbound::LoginStart;
use mcproto::packets::play::clientbound as cb;
use mcproto::packets::play::serverbound as sb;
use mcproto::packets::{LoginClientbound, registry, version};
use mcproto::prelude::*;
use mcproto::server::{Server, ServerConfig, ServerHandle, lobby};
use tokio::sync::watch;

/// Load test of the example server with raw-connection bots.
#[derive(Parser, Debug)]
#[command(about)]
struct Args {
    /// Number of bots.
    #[arg(long, default_value_t = 1000)]
    bots: usize,
    /// Seconds of steady state to measure (after every bot is in).
    #[arg(long, default_value_t = 30)]
    secs: u64,
    /// Movement packets per second per bot.
    #[arg(long, default_value_t = 20)]
    hz: u64,
    /// Milliseconds between the server's Keep Alives.
    #[arg(long, default_value_t = 1000)]
    keepalive_ms: u64,
    /// Compression threshold; -1 turns compression off.
    #[arg(long, default_value_t = 256, allow_negative_numbers = true)]
    compression: i32,
    /// Worker threads of each runtime (server, bots).
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// Protocol version of the bots, a number or a game version ("47",
    /// "1.12.2").
    #[arg(long, default_value = "47", value_parser = parse_version)]
    protocol: ProtocolVersion,
    /// Seconds the joined bots stay idle (Keep Alives only) before moving;
    /// the memory per idle player is measured at the end.
    #[arg(long, default_value_t = 5)]
    idle_secs: u64,
    /// The server's listen backlog (`ServerConfig::backlog`).
    #[arg(long)]
    backlog: Option<u32>,
    /// Measure the machine's floor instead: the same steady traffic (each
    /// bot writes a 35-byte packet every tick) read by a server that does
    /// nothing with it, on the same runtimes. What its server threads
    /// spend per packet is what the kernel and tokio cost before any
    /// protocol code runs.
    #[arg(long)]
    floor: bool,
    /// With `--floor`: turn `TCP_QUICKACK` off before every read, so the
    /// kernel acknowledges on a timer instead of in the read.
    #[arg(long, requires = "floor")]
    delack: bool,
    /// With `--floor`: the server writes one byte to every connection
    /// every tick, which carries the acknowledgements as a game server's
    /// per-tick updates do.
    #[arg(long, requires = "floor")]
    echo: bool,
}

/// Live heap bytes allocated by threads of the server runtime, of the bots
/// runtime, and of any other thread.
static HEAP: [AtomicIsize; 3] = [const { AtomicIsize::new(0) }; 3];

thread_local! {
    // Which counter of HEAP this thread's allocations go to.
    static SIDE: Cell<usize> = const { Cell::new(2) };
}

/// The system allocator, counting live bytes per runtime. A block freed by
/// a thread of the other runtime would be counted there; the server and
/// the bots share no memory, so that does not happen here.
struct Counting;

fn count(delta: isize) {
    let side = SIDE.try_with(Cell::get).unwrap_or(2);
    HEAP[side].fetch_add(delta, Ordering::Relaxed);
}

// SAFETY: every call goes to `System` unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Resident set of the process, in bytes (Linux; 0 elsewhere).
fn rss() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}

/// The load average line (Linux), for the record of each run.
fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "-".into())
}

fn mib(bytes: f64) -> String {
    format!("{:.1} MiB", bytes / (1024.0 * 1024.0))
}

fn parse_version(s: &str) -> Result<ProtocolVersion, String> {
    match version::parse(s) {
        Some(v) if version::is_supported(v) => Ok(v),
        _ => Err(format!(
            "not a supported version; supported: {}",
            version::supported()
                .map(version::describe)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[derive(Default)]
struct Stats {
    sent: AtomicU64,
    received: AtomicU64,
    keepalives: AtomicU64,
    in_play: AtomicUsize,
    failed: AtomicUsize,
    // Bots whose connection ended after they joined (before the stop).
    dropped: AtomicUsize,
}

fn main() {
    let args = Args::parse();
    println!("load average at start: {}", loadavg());
    // Both ends of every connection are in this process, plus a few.
    let needed = 2 * args.bots as u64 + 64;
    let limit = match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("could not raise the open-file limit (RLIMIT_NOFILE): {e}");
            rlimit::getrlimit(rlimit::Resource::NOFILE).map_or(0, |(soft, _)| soft)
        }
    };
    println!("open-file limit: {limit} (needs {needed})");
    if limit < needed {
        eprintln!(
            "the open-file limit ({limit}) is too low for {} bots: about {needed} descriptors \
             are needed; raise the hard limit (ulimit -Hn, or LimitNOFILE for a service)",
            args.bots
        );
        std::process::exit(2);
    }
    if let Ok(s) = std::fs::read_to_string("/proc/sys/net/core/somaxconn") {
        println!("net.core.somaxconn: {} (caps the listen backlog)", s.trim());
    }
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.threads)
        .thread_name("server")
        .on_thread_start(|| SIDE.with(|s| s.set(0)))
        .enable_all()
        .build()
        .expect("server runtime");
    let bots_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.threads)
        .thread_name("bots")
        .on_thread_start(|| SIDE.with(|s| s.set(1)))
        .enable_all()
        .build()
        .expect("bots runtime");
    if args.floor {
        floor::run(&args, &server_rt, &bots_rt);
        return;
    }

    let defaults = ServerConfig::default();
    let config = ServerConfig {
        bind: "127.0.0.1:0".into(),
        backlog: args.backlog.unwrap_or(defaults.backlog),
        max_players: args.bots,
        compression_threshold: usize::try_from(args.compression).ok(),
        keepalive_interval: Duration::from_millis(args.keepalive_ms),
        keepalive_timeout: Duration::from_secs(30),
        phase_timeout: Duration::from_secs(30),
        ..defaults
    };
    let backlog = config.backlog;
    let server = server_rt
        .block_on(Server::bind(config))
        .expect("bind on loopback");
    let addr = server.local_addr();
    let handle = server.handle();
    let server_task = server_rt.spawn(server.run(lobby));
    println!(
        "server on {addr} (backlog {backlog}); {} bots at {} Hz, protocol {}",
        args.bots,
        args.hz,
        version::describe(args.protocol)
    );

    let stats = Arc::new(Stats::default());
    let (stop_tx, stop_rx) = watch::channel(false);
    let (go_tx, go_rx) = watch::channel(false);
    // Let the runtimes and the server settle before the first figure.
    std::thread::sleep(Duration::from_millis(200));
    let (rss0, heap0) = (rss(), HEAP[0].load(Ordering::Relaxed));
    let start = Instant::now();
    for i in 0..args.bots {
        let stats = stats.clone();
        let stop = stop_rx.clone();
        let go = go_rx.clone();
        let hz = args.hz;
        let protocol = args.protocol;
        bots_rt.spawn(async move {
            let result = bot(addr.to_string(), protocol, i, hz, &stats, stop, go).await;
            let joined = match &result {
                Ok(joined) => *joined,
                Err((joined, _)) => *joined,
            };
            match result {
                Ok(_) => {}
                Err((_, e)) if e.is_closed() && joined => {
                    stats.dropped.fetch_add(1, Ordering::Relaxed);
                }
                Err((joined, e)) => {
                    let n = if joined {
                        stats.dropped.fetch_add(1, Ordering::Relaxed)
                    } else {
                        stats.failed.fetch_add(1, Ordering::Relaxed)
                    };
                    if n < 5 {
                        let what = if joined { "dropped" } else { "failed to join" };
                        eprintln!("bot {i} {what}: {e}");
                    }
                }
            }
        });
        // Stagger the logins a little: 100 per 50 ms.
        if i % 100 == 99 {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut joined_after = None;
    while Instant::now() < deadline {
        let in_play = stats.in_play.load(Ordering::Relaxed);
        let failed = stats.failed.load(Ordering::Relaxed);
        if joined_after.is_none() && handle.player_count() >= args.bots && in_play >= args.bots {
            joined_after = Some(start.elapsed());
        }
        // Every bot joined (and the server counts it), or gave up.
        if joined_after.is_some() || in_play + failed >= args.bots {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let failed = stats.failed.load(Ordering::Relaxed);
    let in_play = stats.in_play.load(Ordering::Relaxed);
    match joined_after {
        Some(t) => println!(
            "{} players in play after {:.2} s: all joined, 0 failed",
            handle.player_count(),
            t.as_secs_f64()
        ),
        None => println!(
            "{} players in play ({in_play} bots in play) after {:.2} s: {failed} bots failed to join, {} missing",
            handle.player_count(),
            start.elapsed().as_secs_f64(),
            args.bots.saturating_sub(in_play + failed)
        ),
    }
    // Let the login burst (join messages to everyone) drain, then hold
    // the players idle: only Keep Alives.
    std::thread::sleep(Duration::from_secs(3));
    std::thread::sleep(Duration::from_secs(args.idle_secs));
    let players = handle.player_count().max(1) as f64;
    let (rss1, heap1) = (rss(), HEAP[0].load(Ordering::Relaxed));
    println!(
        "memory idle after {} s: process resident {} (+{} for {} players: {:.1} KiB per player, server and bot ends); server heap +{} ({:.1} KiB per player)",
        args.idle_secs,
        mib(rss1 as f64),
        mib(rss1.saturating_sub(rss0) as f64),
        handle.player_count(),
        rss1.saturating_sub(rss0) as f64 / players / 1024.0,
        mib((heap1 - heap0) as f64),
        (heap1 - heap0) as f64 / players / 1024.0,
    );
    let _ = go_tx.send(true);
    // Let the movement start everywhere before the window opens.
    std::thread::sleep(Duration::from_secs(2));

    let measured = measure(&args, &handle, &stats);
    let _ = stop_tx.send(true);
    handle.shutdown();
    let _ = server_rt
        .block_on(async { tokio::time::timeout(Duration::from_secs(10), server_task).await });
    bots_rt.shutdown_timeout(Duration::from_secs(2));
    server_rt.shutdown_timeout(Duration::from_secs(2));
    let failed = stats.failed.load(Ordering::Relaxed);
    let in_play = stats.in_play.load(Ordering::Relaxed);
    let dropped = stats.dropped.load(Ordering::Relaxed);
    println!("load average at end: {}", loadavg());
    let ok = measured && failed == 0 && in_play == args.bots && dropped == 0;
    if !ok {
        eprintln!(
            "FAILED: {failed} bots failed to join, {} never joined, {dropped} dropped after joining",
            args.bots.saturating_sub(in_play + failed)
        );
    }
    std::process::exit(if ok { 0 } else { 1 });
}

/// The steady-state window: counters, CPU and round trips.
fn measure(args: &Args, handle: &ServerHandle, stats: &Stats) -> bool {
    let sent0 = stats.sent.load(Ordering::Relaxed);
    let recv0 = stats.received.load(Ordering::Relaxed);
    let cpu0 = thread_cpu();
    let t0 = Instant::now();
    let mut rtts: Vec<Duration> = Vec::new();
    let window = Duration::from_secs(args.secs);
    // Each player's latest round trip, sampled once per Keep Alive period.
    let period = Duration::from_millis(args.keepalive_ms.max(100));
    while t0.elapsed() < window {
        std::thread::sleep(period);
        rtts.extend(handle.latencies());
    }
    let elapsed = t0.elapsed().as_secs_f64();
    let cpu1 = thread_cpu();
    let sent = stats.sent.load(Ordering::Relaxed) - sent0;
    let recv = stats.received.load(Ordering::Relaxed) - recv0;
    rtts.sort();
    let pct = |p: f64| -> String {
        if rtts.is_empty() {
            return "-".into();
        }
        let i = ((rtts.len() - 1) as f64 * p).round() as usize;
        format!("{:.2} ms", rtts[i].as_secs_f64() * 1e3)
    };
    let server_cpu = (cpu1.server - cpu0.server) / elapsed * 100.0;
    let bots_cpu = (cpu1.bots - cpu0.bots) / elapsed * 100.0;
    let per_packet = if sent > 0 {
        (cpu1.server - cpu0.server) / sent as f64 * 1e6
    } else {
        0.0
    };
    println!(
        "measured {elapsed:.1} s with {} players:",
        handle.player_count()
    );
    println!(
        "  serverbound (bots -> server): {:.0} packets/s",
        sent as f64 / elapsed
    );
    println!(
        "  clientbound (server -> bots): {:.0} packets/s",
        recv as f64 / elapsed
    );
    println!(
        "  CPU: server threads {server_cpu:.0} %, bot threads {bots_cpu:.0} % (100 % = one core)"
    );
    println!("  server CPU per received packet: {per_packet:.2} µs");
    println!(
        "  keep-alive round trip ({} samples): p50 {}, p99 {}, max {}",
        rtts.len(),
        pct(0.50),
        pct(0.99),
        pct(1.0)
    );
    println!(
        "  keep-alives answered by the bots: {}",
        stats.keepalives.load(Ordering::Relaxed)
    );
    true
}

/// CPU seconds used so far by the threads named `server` and `bots`.
#[derive(Clone, Copy)]
struct ThreadCpu {
    server: f64,
    /// Of `server`, the time spent in the kernel.
    server_kernel: f64,
    bots: f64,
}

fn thread_cpu() -> ThreadCpu {
    // USER_HZ is 100 on every Linux configuration Rust supports.
    const TICKS_PER_SEC: f64 = 100.0;
    let (mut server, mut server_kernel, mut bots) = (0u64, 0u64, 0u64);
    if let Ok(tasks) = std::fs::read_dir("/proc/self/task") {
        for t in tasks.flatten() {
            let Ok(stat) = std::fs::read_to_string(t.path().join("stat")) else {
                continue;
            };
            // "tid (comm) state ... utime stime ..." (fields 14 and 15).
            let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
                continue;
            };
            let comm = &stat[open + 1..close];
            let fields: Vec<&str> = stat[close + 2..].split_whitespace().collect();
            let field = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok());
            let (user, kernel) = (field(11).unwrap_or(0), field(12).unwrap_or(0));
            if comm.starts_with("server") {
                server += user + kernel;
                server_kernel += kernel;
            } else if comm.starts_with("bots") {
                bots += user + kernel;
            }
        }
    }
    ThreadCpu {
        server: server as f64 / TICKS_PER_SEC,
        server_kernel: server_kernel as f64 / TICKS_PER_SEC,
        bots: bots as f64 / TICKS_PER_SEC,
    }
}

/// `--floor`: the steady traffic without the protocol.
mod floor {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::{Duration, Instant};

    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};
    use tokio::runtime::Runtime;

    use super::{Args, thread_cpu};

    /// What a bot writes each tick: the size of an uncompressed Player
    /// Position frame (1 length + 1 id + 33 body bytes; the protocol run's
    /// frames, compressed, carry one byte more, Position And Look's eight).
    const PACKET: usize = 35;

    #[derive(Default)]
    struct Counts {
        received: AtomicU64,
        reads: AtomicU64,
        failed: AtomicU64,
    }

    pub fn run(args: &Args, server_rt: &Runtime, bots_rt: &Runtime) {
        let tick = Duration::from_micros(1_000_000 / args.hz.max(1));
        let counts = Arc::new(Counts::default());
        let listener = server_rt.block_on(async {
            let socket = tokio::net::TcpSocket::new_v4().expect("socket");
            socket.bind("127.0.0.1:0".parse().unwrap()).expect("bind");
            socket.listen(4096).expect("listen")
        });
        let addr = listener.local_addr().expect("addr");
        server_rt.spawn(accept(
            listener,
            counts.clone(),
            args.delack,
            args.echo.then_some(tick),
        ));
        let start = Instant::now();
        for i in 0..args.bots {
            bots_rt.spawn(bot(addr, i, tick, counts.clone()));
            if i % 100 == 99 {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        std::thread::sleep(Duration::from_secs(3));
        let failed = counts.failed.load(Ordering::Relaxed);
        if failed > 0 {
            eprintln!("{failed} of {} connections failed", args.bots);
            std::process::exit(1);
        }
        println!(
            "floor: {} connections in {:.1} s, {} Hz{}{}",
            args.bots,
            start.elapsed().as_secs_f64(),
            args.hz,
            if args.delack { ", delayed ACKs" } else { "" },
            if args.echo {
                ", a byte written back every tick"
            } else {
                ""
            }
        );
        let (cpu0, r0, n0) = (
            thread_cpu(),
            counts.received.load(Ordering::Relaxed),
            counts.reads.load(Ordering::Relaxed),
        );
        let t0 = Instant::now();
        std::thread::sleep(Duration::from_secs(args.secs));
        let elapsed = t0.elapsed().as_secs_f64();
        let cpu1 = thread_cpu();
        let packets = (counts.received.load(Ordering::Relaxed) - r0) / PACKET as u64;
        let reads = counts.reads.load(Ordering::Relaxed) - n0;
        let per_packet = |cpu: f64| cpu * 1e6 / packets.max(1) as f64;
        println!(
            "  {:.0} packets/s received in {:.0} reads/s",
            packets as f64 / elapsed,
            reads as f64 / elapsed
        );
        println!(
            "  CPU: server threads {:.0} %, bot threads {:.0} % (100 % = one core)",
            100.0 * (cpu1.server - cpu0.server) / elapsed,
            100.0 * (cpu1.bots - cpu0.bots) / elapsed
        );
        println!(
            "  server CPU per received packet: {:.2} µs ({:.2} µs of it in the kernel)",
            per_packet(cpu1.server - cpu0.server),
            per_packet(cpu1.server_kernel - cpu0.server_kernel)
        );
        println!("load average at end: {}", super::loadavg());
    }

    async fn accept(
        listener: TcpListener,
        counts: Arc<Counts>,
        delack: bool,
        echo: Option<Duration>,
    ) {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let counts = counts.clone();
            tokio::spawn(async move {
                let (mut rd, mut wr) = stream.into_split();
                if let Some(tick) = echo {
                    tokio::spawn(async move {
                        let mut tick = tokio::time::interval(tick);
                        while wr.write_all(&[0]).await.is_ok() {
                            tick.tick().await;
                        }
                    });
                }
                let mut buf = vec![0u8; 4096];
                while let Ok(n) = rd.read(&mut buf).await {
                    if n == 0 {
                        return;
                    }
                    if delack {
                        let _ = rd.as_ref().set_quickack(false);
                    }
                    counts.received.fetch_add(n as u64, Ordering::Relaxed);
                    counts.reads.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    }

    async fn bot(addr: std::net::SocketAddr, i: usize, tick: Duration, counts: Arc<Counts>) {
        let stream = match TcpStream::connect(addr).await {
            Ok(stream) => stream,
            Err(e) => {
                if counts.failed.fetch_add(1, Ordering::Relaxed) == 0 {
                    eprintln!("connection {i}: {e}");
                }
                return;
            }
        };
        let _ = stream.set_nodelay(true);
        let (mut rd, mut wr) = stream.into_split();
        // Drains what the server writes (`--echo`).
        tokio::spawn(async move {
            let mut buf = [0u8; 256];
            while rd.read(&mut buf).await.is_ok_and(|n| n > 0) {}
        });
        let packet = [7u8; PACKET];
        let mut tick = tokio::time::interval(tick);
        loop {
            tick.tick().await;
            if wr.write_all(&packet).await.is_err() {
                return;
            }
        }
    }
}

/// One bot: `Ok` when told to stop; the error says whether it had joined.
async fn bot(
    addr: String,
    protocol: ProtocolVersion,
    i: usize,
    hz: u64,
    stats: &Stats,
    stop: watch::Receiver<bool>,
    go: watch::Receiver<bool>,
) -> Result<bool, (bool, ConnectionError)> {
    let mut joined = false;
    let stopping = stop.clone();
    match play(addr, protocol, i, hz, stats, stop, go, &mut joined).await {
        Ok(()) => Ok(joined),
        // The server closing once told to stop is how a run ends.
        Err(_) if *stopping.borrow() => Ok(joined),
        Err(e) => Err((joined, e)),
    }
}

#[allow(clippy::too_many_arguments)]
async fn play(
    addr: String,
    protocol: ProtocolVersion,
    i: usize,
    hz: u64,
    stats: &Stats,
    mut stop: watch::Receiver<bool>,
    mut go: watch::Receiver<bool>,
    joined: &mut bool,
) -> Result<(), ConnectionError> {
    let reg = registry(protocol)?.clone();
    let keep_alive_id = reg.id_of::<cb::KeepAlive>();
    let teleport_id = reg.id_of::<cb::PlayerPositionAndLook>();
    let mut conn = AsyncConnection::connect(&addr, Duration::from_secs(30), reg.clone()).await?;
    let port = addr
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or(25565);
    conn.writer
        .send(&Handshake {
            protocol_version: protocol.0,
            server_address: "127.0.0.1".into(),
            server_port: port,
            next_state: NextState::Login,
        })
        .await?;
    conn.set_state(State::Login);
    conn.writer
        .send(&LoginStart {
            name: format!("bot{i}").into(),
        })
        .await?;
    loop {
        match conn.reader.read::<LoginClientbound>().await? {
            LoginClientbound::SetCompression(c) => {
                conn.set_compression(usize::try_from(c.threshold).ok());
            }
            LoginClientbound::LoginSuccess(_) => break,
            LoginClientbound::Disconnect(d) => {
                return Err(ConnectionError::Disconnected { reason: d.reason });
            }
            other => {
                return Err(ConnectionError::Protocol(Violation::UnexpectedPacket {
                    state: State::Login,
                    name: Some(other.name()),
                    id: None,
                }));
            }
        }
    }
    conn.set_state(State::Play);
    *joined = true;
    stats.in_play.fetch_add(1, Ordering::Relaxed);
    let (mut reader, mut writer) = conn.split();
    let mut tick = tokio::time::interval(Duration::from_micros(1_000_000 / hz.max(1)));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let (mut x, mut z) = (0.5 + i as f64 % 100.0, 0.5 + (i / 100) as f64);
    let mut n: u64 = 0;
    // Idle (Keep Alives only) until told to move.
    let mut moving = *go.borrow();
    loop {
        tokio::select! {
            _ = stop.changed() => return Ok(()),
            _ = go.changed(), if !moving => {
                moving = true;
                tick.reset();
            }
            _ = tick.tick(), if moving => {
                n += 1;
                x += 0.05;
                z -= 0.05;
                if n % 2 == 0 {
                    writer.queue(&sb::PlayerPositionAndLook {
                        x,
                        feet_y: 64.0,
                        z,
                        yaw: (n % 360) as f32,
                        pitch: 0.0,
                        on_ground: true,
                    })?;
                } else {
                    writer.queue(&sb::PlayerPosition { x, feet_y: 64.0, z, on_ground: true })?;
                }
                writer.flush().await?;
                stats.sent.fetch_add(1, Ordering::Relaxed);
            }
            // Cancellation-safe: a frame half read stays buffered. Each
            // frame is inflated once, then decoded only if answered.
            frame = reader.read_frame() => {
                let frame = frame?;
                let id = Some(RawPacket::parse(frame)?.id);
                stats.received.fetch_add(1, Ordering::Relaxed);
                if id == keep_alive_id {
                    let ka: cb::KeepAlive = reg.decode_packet(frame)?;
                    writer.queue(&sb::KeepAlive { keep_alive_id: ka.keep_alive_id })?;
                    writer.flush().await?;
                    stats.sent.fetch_add(1, Ordering::Relaxed);
                    stats.keepalives.fetch_add(1, Ordering::Relaxed);
                } else if id == teleport_id {
                    let p: cb::PlayerPositionAndLook = reg.decode_packet(frame)?;
                    // 1.9 on: the server ignores movement until the
                    // teleport is confirmed.
                    if let Some(teleport_id) = p.teleport_id {
                        writer.queue(&sb::TeleportConfirm { teleport_id })?;
                        writer.flush().await?;
                        stats.sent.fetch_add(1, Ordering::Relaxed);
                    }
                }
                // Chunks, chat, the rest of the spawn: not looked at.
            }
        }
    }
}
