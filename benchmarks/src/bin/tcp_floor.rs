//! The machine's floor for `loadtest`'s server CPU per received packet:
//! the same traffic (N connections on loopback, each sending one small
//! packet every 50 ms with `TCP_NODELAY`, as the bots do) read by a server
//! that does nothing with it, on the same two tokio runtimes of two
//! workers (`server`, `bots`). What the server threads spend per packet
//! here is what the kernel and tokio cost before any protocol code runs.
//!
//! ```sh
//! cargo run --release --manifest-path benchmarks/Cargo.toml --bin tcp_floor -- [CONNS] [SECS] [--delack] [--echo]
//! ```
//!
//! Two ways of taking the acknowledgement off each read, to measure
//! whether they lower the machine's work: `--delack` turns `TCP_QUICKACK`
//! off before every read (the kernel then delays the ACK to a timer), and
//! `--echo` has the server write one byte to every connection every 50 ms,
//! which carries the ACK as a game server's per-tick updates do.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What a bot sends each tick: the size of an uncompressed Player Position
/// frame (1 length + 1 id + 33 body bytes; the loadtest's frames, with
/// compression on, carry one byte more, and Position And Look's eight).
const PACKET: usize = 35;
const TICK: Duration = Duration::from_millis(50);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let delack = args.iter().any(|a| a == "--delack");
    let echo = args.iter().any(|a| a == "--echo");
    let mut numbers = args.iter().filter_map(|a| a.parse::<u64>().ok());
    let conns = numbers.next().unwrap_or(5000) as usize;
    let secs = numbers.next().unwrap_or(20);

    // Two descriptors per connection, as in the loadtest.
    let _ = rlimit::increase_nofile_limit(u64::MAX);
    let runtime = |name: &str| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name(name)
            .enable_all()
            .build()
            .expect("runtime")
    };
    let server = runtime("server");
    let bots = runtime("bots");
    let received = Arc::new(AtomicU64::new(0));
    let reads = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));

    let listener = server.block_on(async {
        let socket = tokio::net::TcpSocket::new_v4().expect("socket");
        socket.bind("127.0.0.1:0".parse().unwrap()).expect("bind");
        socket.listen(4096).expect("listen")
    });
    let addr = listener.local_addr().expect("addr");
    server.spawn(accept(
        listener,
        received.clone(),
        reads.clone(),
        Mode { delack, echo },
    ));

    let start = Instant::now();
    for i in 0..conns {
        bots.spawn(bot(addr, i, failed.clone()));
        if i % 100 == 99 {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    std::thread::sleep(Duration::from_secs(3));
    let failed = failed.load(Ordering::Relaxed);
    if failed > 0 {
        eprintln!("{failed} of {conns} connections failed (is the open-file limit high enough?)");
        std::process::exit(1);
    }
    println!(
        "{conns} connections in {:.1} s{}{}",
        start.elapsed().as_secs_f64(),
        if delack { ", delayed ACKs" } else { "" },
        if echo {
            ", a byte written back every tick"
        } else {
            ""
        }
    );

    let (s0, b0, k0) = cpu();
    let (r0, n0) = (
        received.load(Ordering::Relaxed),
        reads.load(Ordering::Relaxed),
    );
    let t0 = Instant::now();
    std::thread::sleep(Duration::from_secs(secs));
    let elapsed = t0.elapsed().as_secs_f64();
    let (s1, b1, k1) = cpu();
    let packets = (received.load(Ordering::Relaxed) - r0) / PACKET as u64;
    let read_calls = reads.load(Ordering::Relaxed) - n0;
    let server_cpu = s1 - s0;
    println!(
        "{:.0} packets/s received, {:.0} reads/s; server threads {:.0} % of a core, bots {:.0} %",
        packets as f64 / elapsed,
        read_calls as f64 / elapsed,
        100.0 * server_cpu / elapsed,
        100.0 * (b1 - b0) / elapsed
    );
    let per_packet = |cpu: f64| cpu * 1e6 / packets.max(1) as f64;
    println!(
        "server CPU per received packet: {:.2} µs ({:.2} µs of it in the kernel)",
        per_packet(server_cpu),
        per_packet(k1 - k0)
    );
    std::process::exit(0);
}

/// What the reading server does besides reading.
#[derive(Clone, Copy)]
struct Mode {
    delack: bool,
    echo: bool,
}

async fn accept(
    listener: TcpListener,
    received: Arc<AtomicU64>,
    reads: Arc<AtomicU64>,
    mode: Mode,
) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let (received, reads) = (received.clone(), reads.clone());
        tokio::spawn(async move {
            let (mut rd, mut wr) = stream.into_split();
            if mode.echo {
                tokio::spawn(async move {
                    let mut tick = tokio::time::interval(TICK);
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
                if mode.delack {
                    let _ = rd.as_ref().set_quickack(false);
                }
                received.fetch_add(n as u64, Ordering::Relaxed);
                reads.fetch_add(1, Ordering::Relaxed);
            }
        });
    }
}

async fn bot(addr: std::net::SocketAddr, i: usize, failed: Arc<AtomicU64>) {
    let stream = match TcpStream::connect(addr).await {
        Ok(stream) => stream,
        Err(e) => {
            if failed.fetch_add(1, Ordering::Relaxed) == 0 {
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
    let mut tick = tokio::time::interval(TICK);
    loop {
        tick.tick().await;
        if wr.write_all(&packet).await.is_err() {
            return;
        }
    }
}

/// CPU seconds so far of the threads named `server*`, of those named
/// `bots*`, and the `server*` threads' system time.
fn cpu() -> (f64, f64, f64) {
    let ticks_per_sec = 100.0;
    let (mut server, mut bots, mut server_sys) = (0u64, 0u64, 0u64);
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return (0.0, 0.0, 0.0);
    };
    for t in tasks.flatten() {
        let Ok(stat) = std::fs::read_to_string(t.path().join("stat")) else {
            continue;
        };
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let comm = &stat[open + 1..close];
        let fields: Vec<&str> = stat[close + 2..].split_whitespace().collect();
        let ticks: u64 = [11, 12]
            .iter()
            .filter_map(|&i| fields.get(i).and_then(|v| v.parse::<u64>().ok()))
            .sum();
        if comm.starts_with("server") {
            server += ticks;
            server_sys += fields
                .get(12)
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0);
        } else if comm.starts_with("bots") {
            bots += ticks;
        }
    }
    (
        server as f64 / ticks_per_sec,
        bots as f64 / ticks_per_sec,
        server_sys as f64 / ticks_per_sec,
    )
}
