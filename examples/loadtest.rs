//! Load test, on loopback only and bounded in time: the example server
//! (the lobby of `examples/server.rs`) holds N bots that log in and each
//! send a movement packet at 20 Hz and answer Keep Alives (sent every
//! second here). Reports packets per second both ways, the CPU used by the
//! server's threads and by the bots' threads, and the p50/p99 of the Keep
//! Alive round trips the server measured.
//!
//! ```sh
//! cargo run --release --example loadtest -- --bots 1000 --secs 30
//! cargo run --release --example loadtest -- --bots 200 --secs 10 --protocol 1.12.2
//! ```
//!
//! The server and the bots run in one process on two separate tokio
//! runtimes (threads named `server` and `bots`), so their CPU time is told
//! apart from `/proc/self/task/*/stat` (Linux). Bots are raw
//! `mcproto::conn::AsyncConnection`s (no `Client`): one task each, that writes
//! its movement on a timer and reads whatever the server sends, confirming
//! the spawn teleport from 1.9 on as a vanilla client does.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clap::Parser;
use mcproto::conn::{AsyncConnection, Violation};
use mcproto::packets::login::serverbound::LoginStart;
use mcproto::packets::play::serverbound as sb;
use mcproto::packets::{LoginClientbound, PlayClientbound, registry, version};
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
}

fn main() {
    let args = Args::parse();
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(n) => println!("open-file limit: {n}"),
        Err(e) => println!("could not raise the open-file limit: {e}"),
    }
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.threads)
        .thread_name("server")
        .enable_all()
        .build()
        .expect("server runtime");
    let bots_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.threads)
        .thread_name("bots")
        .enable_all()
        .build()
        .expect("bots runtime");

    let config = ServerConfig {
        bind: "127.0.0.1:0".into(),
        max_players: args.bots,
        compression_threshold: usize::try_from(args.compression).ok(),
        keepalive_interval: Duration::from_millis(args.keepalive_ms),
        keepalive_timeout: Duration::from_secs(30),
        phase_timeout: Duration::from_secs(30),
        ..ServerConfig::default()
    };
    let server = server_rt
        .block_on(Server::bind(config))
        .expect("bind on loopback");
    let addr = server.local_addr();
    let handle = server.handle();
    let server_task = server_rt.spawn(server.run(lobby));
    println!(
        "server on {addr}; {} bots at {} Hz, protocol {}",
        args.bots,
        args.hz,
        version::describe(args.protocol)
    );

    let stats = Arc::new(Stats::default());
    let (stop_tx, stop_rx) = watch::channel(false);
    let start = Instant::now();
    for i in 0..args.bots {
        let stats = stats.clone();
        let stop = stop_rx.clone();
        let hz = args.hz;
        let protocol = args.protocol;
        bots_rt.spawn(async move {
            if let Err(e) = bot(addr.to_string(), protocol, i, hz, &stats, stop).await
                && !e.is_closed()
            {
                stats.failed.fetch_add(1, Ordering::Relaxed);
                if stats.failed.load(Ordering::Relaxed) <= 5 {
                    eprintln!("bot {i}: {e}");
                }
            }
        });
        // Stagger the logins a little: 100 per 50 ms.
        if i % 100 == 99 {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    let deadline = Instant::now() + Duration::from_secs(120);
    while (handle.player_count() < args.bots || stats.in_play.load(Ordering::Relaxed) < args.bots)
        && Instant::now() < deadline
        && stats.failed.load(Ordering::Relaxed) == 0
    {
        std::thread::sleep(Duration::from_millis(100));
    }
    println!(
        "{} players in play after {:.1} s ({} bots failed)",
        handle.player_count(),
        start.elapsed().as_secs_f64(),
        stats.failed.load(Ordering::Relaxed)
    );
    // Let the login burst (join messages to everyone) drain.
    std::thread::sleep(Duration::from_secs(3));

    let measured = measure(&args, &handle, &stats);
    let _ = stop_tx.send(true);
    handle.shutdown();
    let _ = server_rt
        .block_on(async { tokio::time::timeout(Duration::from_secs(10), server_task).await });
    bots_rt.shutdown_timeout(Duration::from_secs(2));
    server_rt.shutdown_timeout(Duration::from_secs(2));
    std::process::exit(if measured { 0 } else { 1 });
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
    let server_cpu = (cpu1.0 - cpu0.0) / elapsed * 100.0;
    let bots_cpu = (cpu1.1 - cpu0.1) / elapsed * 100.0;
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
    stats.failed.load(Ordering::Relaxed) == 0
}

/// CPU seconds used so far by the threads named `server` and `bots`.
fn thread_cpu() -> (f64, f64) {
    // USER_HZ is 100 on every Linux configuration Rust supports.
    const TICKS_PER_SEC: f64 = 100.0;
    let (mut server, mut bots) = (0u64, 0u64);
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return (0.0, 0.0);
    };
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
        let ticks = fields
            .get(11)
            .and_then(|u| u.parse::<u64>().ok())
            .unwrap_or(0)
            + fields
                .get(12)
                .and_then(|s| s.parse::<u64>().ok())
                .unwrap_or(0);
        if comm.starts_with("server") {
            server += ticks;
        } else if comm.starts_with("bots") {
            bots += ticks;
        }
    }
    (server as f64 / TICKS_PER_SEC, bots as f64 / TICKS_PER_SEC)
}

async fn bot(
    addr: String,
    protocol: ProtocolVersion,
    i: usize,
    hz: u64,
    stats: &Stats,
    mut stop: watch::Receiver<bool>,
) -> Result<(), ConnectionError> {
    let reg = registry(protocol)?.clone();
    let mut conn = AsyncConnection::connect(&addr, Duration::from_secs(30), reg).await?;
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
    stats.in_play.fetch_add(1, Ordering::Relaxed);
    let (mut reader, mut writer) = conn.split();
    let mut tick = tokio::time::interval(Duration::from_micros(1_000_000 / hz.max(1)));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let (mut x, mut z) = (0.5 + i as f64 % 100.0, 0.5 + (i / 100) as f64);
    let mut n: u64 = 0;
    loop {
        tokio::select! {
            _ = stop.changed() => return Ok(()),
            _ = tick.tick() => {
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
            // Cancellation-safe: a frame half read stays buffered.
            packet = reader.read::<PlayClientbound>() => {
                stats.received.fetch_add(1, Ordering::Relaxed);
                let (keep_alive, teleport) = match packet? {
                    PlayClientbound::KeepAlive(ka) => (Some(ka.keep_alive_id), None),
                    // 1.9 on: the server ignores movement until the
                    // teleport is confirmed.
                    PlayClientbound::PlayerPositionAndLook(p) => (None, p.teleport_id),
                    _ => (None, None),
                };
                if let Some(teleport_id) = teleport {
                    writer.queue(&sb::TeleportConfirm { teleport_id })?;
                    writer.flush().await?;
                    stats.sent.fetch_add(1, Ordering::Relaxed);
                }
                if let Some(keep_alive_id) = keep_alive {
                    writer.queue(&sb::KeepAlive { keep_alive_id })?;
                    writer.flush().await?;
                    stats.sent.fetch_add(1, Ordering::Relaxed);
                    stats.keepalives.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
    }
}
