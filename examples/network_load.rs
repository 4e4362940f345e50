//! Load and overhead of the network proxy, on loopback.
//!
//! Switching (the default): two lobbies (in this process) behind the
//! `proxy` example (a child process, so that its memory is its own), with
//! BungeeCord forwarding and compression on both legs. N bots log in
//! through the proxy and each moves between the backends `--switches`
//! times, sending `--lines` chat lines on every backend and waiting for
//! each to come back from that backend. Any line not echoed, echoed by the
//! wrong backend, or any decode error fails the run. Reports the time, the
//! moves per second and the proxy's peak RSS (`VmHWM`, Linux).
//!
//! Overhead (`--overhead`): one client, directly and through the proxy:
//! the chat round trip (median and p99 of `--samples`), and the
//! throughput of a chunk-heavy stream (`--chunks` full chunk columns).
//!
//! ```sh
//! cargo build --release --examples
//! cargo run --release --example network_load -- --bots 200 --switches 5
//! cargo run --release --example network_load -- --overhead
//! ```

use std::net::SocketAddr;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clap::Parser;
use mcproto::client::{Client, ClientBuilder};
use mcproto::forwarding::Forwarding;
use mcproto::packets::PlayClientbound;
use mcproto::packets::play::chunk::{BlockState, ChunkColumn};
use mcproto::packets::play::clientbound::{ChatMessage as Say, ChatPosition, ChunkData};
use mcproto::packets::play::serverbound::ChatMessage;
use mcproto::packets::version;
use mcproto::prelude::*;
use mcproto::server::{Lobby, Server, ServerConfig};
use tokio::io::{AsyncBufReadExt, BufReader};

/// Load and overhead of the network proxy.
#[derive(Parser, Debug)]
#[command(about)]
struct Args {
    /// Bots (switching run).
    #[arg(long, default_value_t = 200)]
    bots: usize,
    /// Moves between backends per bot.
    #[arg(long, default_value_t = 5)]
    switches: usize,
    /// Chat lines per bot on each backend.
    #[arg(long, default_value_t = 3)]
    lines: usize,
    /// Protocol version (a number or a name like 1.12.2).
    #[arg(long, default_value = "340")]
    protocol: String,
    /// Measure the proxy's overhead instead.
    #[arg(long)]
    overhead: bool,
    /// Chat round trips per path (overhead run).
    #[arg(long, default_value_t = 500)]
    samples: usize,
    /// Chunk columns streamed per path (overhead run).
    #[arg(long, default_value_t = 400)]
    chunks: usize,
}

const LIMIT: Duration = Duration::from_secs(120);

fn fail(why: &str) -> ! {
    eprintln!("network_load: {why}");
    std::process::exit(1)
}

async fn lobby(name: &str, forwarding: Forwarding, spawn_x: f64) -> SocketAddr {
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        compression_threshold: Some(64),
        max_players: 100_000,
        forwarding,
        ..ServerConfig::default()
    })
    .await
    .unwrap_or_else(|e| fail(&format!("backend {name}: {e}")));
    let addr = server.local_addr();
    let lobby = Arc::new(Lobby::new().name(name).spawn(spawn_x, 0.5).view_radius(1));
    tokio::spawn(server.run(move |player| lobby.clone().serve(player)));
    addr
}

fn trusted() -> Forwarding {
    Forwarding::BungeeCord {
        trusted: vec!["127.0.0.1/32".parse().expect("a CIDR range")],
    }
}

/// The `proxy` example next to this binary, with a configuration naming
/// `servers`; returns its address and the child.
async fn start_proxy(servers: &[(&str, SocketAddr)]) -> (SocketAddr, tokio::process::Child) {
    let exe = std::env::current_exe().unwrap_or_else(|e| fail(&e.to_string()));
    let proxy = exe.with_file_name("proxy");
    if !proxy.exists() {
        fail(&format!(
            "{} is missing: cargo build --release --examples",
            proxy.display()
        ));
    }
    let mut config = String::from(
        "bind = \"127.0.0.1:0\"\ndefault = \"lobby\"\nforwarding = \"bungeecord\"\n\
         compression = 256\nmax_players = 100000\n[servers]\n",
    );
    for (name, addr) in servers {
        config.push_str(&format!("{name} = \"{addr}\"\n"));
    }
    let path = std::env::temp_dir().join(format!("network-load-{}.toml", std::process::id()));
    std::fs::write(&path, config).unwrap_or_else(|e| fail(&e.to_string()));
    let mut child = tokio::process::Command::new(proxy)
        .arg("--config")
        .arg(&path)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| fail(&format!("cannot start the proxy: {e}")));
    let stdout = child.stdout.take().expect("piped");
    let mut lines = BufReader::new(stdout).lines();
    let addr = tokio::time::timeout(Duration::from_secs(10), async {
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(addr) = line.strip_prefix("network proxy on ") {
                return addr.parse().ok();
            }
        }
        None
    })
    .await
    .ok()
    .flatten()
    .unwrap_or_else(|| fail("the proxy did not start"));
    // Keep draining its output so it never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (addr, child)
}

/// `VmHWM` (peak resident set) of a process, in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

async fn until_chat(client: &mut Client, needle: &str) -> Result<String, String> {
    let wait = async {
        loop {
            match client.next().await {
                Some(Ok(PlayClientbound::ChatMessage(chat))) => {
                    let text = chat.json_data.to_plain();
                    if text.contains(needle) {
                        return Ok(text);
                    }
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(format!("waiting for {needle:?}: {e}")),
                None => return Err(format!("session ended waiting for {needle:?}")),
            }
        }
    };
    tokio::time::timeout(LIMIT, wait)
        .await
        .unwrap_or_else(|_| Err(format!("no {needle:?} within {LIMIT:?}")))
}

async fn connect(addr: SocketAddr, name: &str, v: ProtocolVersion) -> Result<Client, String> {
    ClientBuilder::new(&addr.to_string())
        .username(name)
        .initial_version(v)
        .allowed_versions([v])
        .read_timeout(LIMIT)
        .connect()
        .await
        .map_err(|e| format!("{name}: {e}"))
}

async fn bot(
    proxy: SocketAddr,
    i: usize,
    args: Arc<Args>,
    v: ProtocolVersion,
    moves: Arc<AtomicUsize>,
) -> Result<(), String> {
    let name = format!("bot{i}");
    let mut client = connect(proxy, &name, v).await?;
    until_chat(&mut client, "[lobby] Welcome").await?;
    let mut on = "lobby";
    for s in 0..=args.switches {
        for l in 0..args.lines {
            let text = format!("{name} {s} {l}");
            client
                .send(&ChatMessage {
                    message: text.as_str().into(),
                })
                .map_err(|e| e.to_string())?;
            let echo = format!("<{name}> {text}");
            let line = until_chat(&mut client, &echo).await?;
            if line != format!("[{on}] {echo}") {
                return Err(format!(
                    "{name}: {line:?} came from the wrong backend (on {on})"
                ));
            }
        }
        if s == args.switches {
            break;
        }
        let to = if on == "lobby" { "games" } else { "lobby" };
        client
            .send(&ChatMessage {
                message: format!("/server {to}").into(),
            })
            .map_err(|e| e.to_string())?;
        until_chat(&mut client, &format!("[{to}] Welcome, {name}")).await?;
        moves.fetch_add(1, Ordering::Relaxed);
        on = to;
    }
    client.close().await.map_err(|e| e.to_string())
}

async fn switching(args: Arc<Args>, v: ProtocolVersion) {
    let lobby_addr = lobby("lobby", trusted(), 0.5).await;
    let games_addr = lobby("games", trusted(), 1000.5).await;
    let (proxy, child) = start_proxy(&[("lobby", lobby_addr), ("games", games_addr)]).await;
    let pid = child.id().unwrap_or(0);
    let idle_rss = peak_rss_kib(pid);
    let moves = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..args.bots {
        tasks.spawn(bot(proxy, i, args.clone(), v, moves.clone()));
        // Logins spread over a moment, as players arrive.
        if i % 20 == 19 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    let mut failures = Vec::new();
    while let Some(done) = tasks.join_next().await {
        match done {
            Ok(Ok(())) => {}
            Ok(Err(e)) => failures.push(e),
            Err(e) => failures.push(e.to_string()),
        }
    }
    let took = start.elapsed();
    let peak = peak_rss_kib(pid);
    let moves = moves.load(Ordering::Relaxed);
    println!("protocol {}", version::describe(v));
    println!(
        "{} bots, {} moves each, {} lines per backend: {} moves in {:.1} s ({:.0} moves/s)",
        args.bots,
        args.switches,
        args.lines,
        moves,
        took.as_secs_f64(),
        moves as f64 / took.as_secs_f64()
    );
    let lines = args.bots * (args.switches + 1) * args.lines;
    println!("chat lines sent and echoed by the right backend: {lines}");
    match (idle_rss, peak) {
        (Some(idle), Some(peak)) => println!(
            "proxy peak RSS: {:.1} MiB (idle before the bots: {:.1} MiB)",
            peak as f64 / 1024.0,
            idle as f64 / 1024.0
        ),
        _ => println!("proxy peak RSS: unavailable (needs /proc)"),
    }
    if !failures.is_empty() {
        for f in failures.iter().take(10) {
            eprintln!("  {f}");
        }
        fail(&format!("{} of {} bots failed", failures.len(), args.bots));
    }
}

/// A backend that streams `chunks` full chunk columns to each player, then
/// says "done".
async fn stream_backend(chunks: usize, forwarding: Forwarding) -> SocketAddr {
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        compression_threshold: Some(64),
        send_queue: chunks + 64,
        forwarding,
        ..ServerConfig::default()
    })
    .await
    .unwrap_or_else(|e| fail(&e.to_string()));
    let addr = server.local_addr();
    tokio::spawn(server.run(move |mut player| async move {
        let v = player.version();
        let column = heavy_column();
        let join = mcproto::packets::play::clientbound::JoinGame {
            entity_id: 1,
            gamemode: mcproto::packets::play::clientbound::JoinGameMode::new(
                mcproto::packets::play::types::GameMode::Creative,
            ),
            dimension: mcproto::packets::play::types::Dimension::Overworld,
            difficulty: mcproto::packets::play::types::Difficulty::Peaceful,
            max_players: 1,
            level_type: mcproto::packets::play::clientbound::LevelType::Flat,
            reduced_debug_info: false,
        };
        if player.send(&join).is_err() {
            return;
        }
        // Wait for the client's go, so both paths time the stream alone.
        while let Some(Ok(p)) = player.next().await {
            if let mcproto::packets::PlayServerbound::ChatMessage(c) = p
                && &*c.message == "go"
            {
                break;
            }
        }
        for i in 0..chunks {
            let (x, z) = ((i % 32) as i32, (i / 32) as i32);
            let Ok(packet) = ChunkData::from_column_for(x, z, &column, v) else {
                return;
            };
            if player.send(&packet).is_err() {
                return;
            }
        }
        let _ = player.send(&Say {
            json_data: Chat::text("done"),
            position: ChatPosition::System,
        });
        while player.next().await.is_some() {}
    }));
    addr
}

/// A full-height column of mixed blocks: what a loaded world sends.
fn heavy_column() -> ChunkColumn {
    let mut layers = Vec::new();
    for y in 0..256 {
        let block = match y % 7 {
            0 => BlockState::new(1, 0),
            1 => BlockState::new(3, 0),
            2 => BlockState::new(4, 0),
            3 => BlockState::new(12, 0),
            4 => BlockState::new(13, 0),
            5 => BlockState::new(17, (y % 4) as u8),
            _ => BlockState::new(5, (y % 6) as u8),
        };
        layers.push((block, 1));
    }
    ChunkColumn::flat(&layers, true).unwrap_or_else(|e| fail(&e.to_string()))
}

async fn round_trips(addr: SocketAddr, name: &str, v: ProtocolVersion, n: usize) -> Vec<Duration> {
    let mut client = connect(addr, name, v).await.unwrap_or_else(|e| fail(&e));
    until_chat(&mut client, "Welcome")
        .await
        .unwrap_or_else(|e| fail(&e));
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        let text = format!("ping {i}");
        let start = Instant::now();
        let _ = client.send(&ChatMessage {
            message: text.as_str().into(),
        });
        until_chat(&mut client, &format!("<{name}> {text}"))
            .await
            .unwrap_or_else(|e| fail(&e));
        times.push(start.elapsed());
    }
    times.sort();
    times
}

async fn stream(addr: SocketAddr, name: &str, v: ProtocolVersion) -> (Duration, u64, usize) {
    let mut client = connect(addr, name, v).await.unwrap_or_else(|e| fail(&e));
    let _ = client.send(&ChatMessage {
        message: "go".into(),
    });
    let start = Instant::now();
    let (mut bytes, mut columns) = (0u64, 0usize);
    loop {
        match client.next().await {
            Some(Ok(PlayClientbound::ChunkData(c))) => {
                bytes += c.data.len() as u64;
                columns += 1;
            }
            Some(Ok(PlayClientbound::ChatMessage(c))) if c.json_data.to_plain() == "done" => break,
            Some(Ok(_)) => {}
            Some(Err(e)) => fail(&format!("stream: {e}")),
            None => fail("stream ended early"),
        }
    }
    (start.elapsed(), bytes, columns)
}

fn pct(times: &[Duration], p: f64) -> Duration {
    let i = ((times.len() as f64 - 1.0) * p).round() as usize;
    times[i.min(times.len() - 1)]
}

async fn overhead(args: Arc<Args>, v: ProtocolVersion) {
    let direct_lobby = lobby("direct", Forwarding::None, 0.5).await;
    let behind = lobby("lobby", trusted(), 0.5).await;
    let direct_stream = stream_backend(args.chunks, Forwarding::None).await;
    let behind_stream = stream_backend(args.chunks, trusted()).await;
    let (proxy, _child) = start_proxy(&[("lobby", behind), ("stream", behind_stream)]).await;

    let direct = round_trips(direct_lobby, "direct", v, args.samples).await;
    let proxied = round_trips(proxy, "proxied", v, args.samples).await;
    println!("protocol {}", version::describe(v));
    println!("| chat round trip | median | p99 |");
    println!("|---|---|---|");
    for (what, t) in [("direct", &direct), ("through the proxy", &proxied)] {
        println!(
            "| {what} | {:.0} µs | {:.0} µs |",
            pct(t, 0.5).as_secs_f64() * 1e6,
            pct(t, 0.99).as_secs_f64() * 1e6
        );
    }
    println!(
        "added by the proxy (median): {:.0} µs per round trip (two relayed packets)",
        (pct(&proxied, 0.5).as_secs_f64() - pct(&direct, 0.5).as_secs_f64()) * 1e6
    );

    let (d_time, d_bytes, d_cols) = stream(direct_stream, "streamdirect", v).await;
    // Through the proxy the stream backend is reached with /server.
    let mut client = connect(proxy, "streamproxied", v)
        .await
        .unwrap_or_else(|e| fail(&e));
    until_chat(&mut client, "Welcome")
        .await
        .unwrap_or_else(|e| fail(&e));
    let _ = client.send(&ChatMessage {
        message: "/server stream".into(),
    });
    // The stream backend sends Join Game only; the proxy's Respawns say
    // the move is done.
    let mut respawns = 0;
    while respawns < 2 {
        match client.next().await {
            Some(Ok(PlayClientbound::Respawn(_))) => respawns += 1,
            Some(Ok(_)) => {}
            _ => fail("the move to the stream backend failed"),
        }
    }
    let _ = client.send(&ChatMessage {
        message: "go".into(),
    });
    let start = Instant::now();
    let (mut p_bytes, mut p_cols) = (0u64, 0usize);
    loop {
        match client.next().await {
            Some(Ok(PlayClientbound::ChunkData(c))) => {
                p_bytes += c.data.len() as u64;
                p_cols += 1;
            }
            Some(Ok(PlayClientbound::ChatMessage(c))) if c.json_data.to_plain() == "done" => break,
            Some(Ok(_)) => {}
            Some(Err(e)) => fail(&format!("proxied stream: {e}")),
            None => fail("proxied stream ended early"),
        }
    }
    let p_time = start.elapsed();
    if (d_cols, d_bytes) != (p_cols, p_bytes) {
        fail(&format!(
            "the streams differ: {d_cols} columns / {d_bytes} B direct, {p_cols} / {p_bytes} through the proxy"
        ));
    }
    println!(
        "| chunk stream ({d_cols} columns, {:.1} MiB of chunk data) | time | MiB/s |",
        d_bytes as f64 / 1048576.0
    );
    println!("|---|---|---|");
    for (what, t) in [("direct", d_time), ("through the proxy", p_time)] {
        println!(
            "| {what} | {:.0} ms | {:.0} |",
            t.as_secs_f64() * 1e3,
            d_bytes as f64 / 1048576.0 / t.as_secs_f64()
        );
    }
}

#[tokio::main]
async fn main() {
    let args = Arc::new(Args::parse());
    let v = version::parse(&args.protocol)
        .filter(|v| version::is_supported(*v))
        .unwrap_or_else(|| fail(&format!("unsupported protocol {:?}", args.protocol)));
    if args.overhead {
        overhead(args, v).await;
    } else {
        switching(args, v).await;
    }
}
