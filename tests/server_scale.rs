//! The server under a join flood, on loopback only and bounded in time and
//! connections:
//!
//! - the listen backlog is the configured one (Linux: the kernel holds
//!   backlog + 1 connections that were not accepted, and drops the SYN of
//!   the next one);
//! - hundreds of connections made before the server accepts any (all in
//!   the backlog at once) all log in;
//! - a player whose writer ends (here: keep-alive timeout) while it sends
//!   nothing has its reader ended too, so the handler returns.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use mcproto::conn::AsyncConnection;
use mcproto::packets::handshaking::serverbound::{Handshake, NextState};
use mcproto::packets::login::serverbound::LoginStart;
use mcproto::packets::{LoginClientbound, PlayClientbound, registry};
use mcproto::server::{Server, ServerConfig, lobby};
use mcproto::{ProtocolVersion, State};
use tokio::net::TcpStream;
use tokio::time::timeout;

const V: ProtocolVersion = mcproto::packets::version::V1_8;
const LIMIT: Duration = Duration::from_secs(30);

fn somaxconn() -> u32 {
    std::fs::read_to_string("/proc/sys/net/core/somaxconn")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(4096)
}

/// How many of `attempts` connections, made one after the other, complete
/// within a short time while nothing accepts them.
async fn connections_held(addr: SocketAddr, attempts: usize) -> (usize, Vec<TcpStream>) {
    let mut held = Vec::new();
    for _ in 0..attempts {
        // A dropped SYN is retried after a second: 300 ms means "dropped".
        if let Ok(Ok(s)) = timeout(Duration::from_millis(300), TcpStream::connect(addr)).await {
            held.push(s);
        }
    }
    (held.len(), held)
}

#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_configured_backlog_is_applied() {
    // Bound, never run: nothing accepts.
    let small = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        backlog: 4,
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let (n, _held) = connections_held(small.local_addr(), 12).await;
    assert!(
        (4..=5).contains(&n),
        "backlog 4: {n} connections completed without an accept"
    );
    if somaxconn() >= 64 {
        let large = Server::bind(ServerConfig {
            bind: "127.0.0.1:0".into(),
            backlog: 64,
            ..ServerConfig::default()
        })
        .await
        .unwrap();
        let (n, _held) = connections_held(large.local_addr(), 12).await;
        assert_eq!(n, 12, "backlog 64");
    }
    // The default is larger than tokio's 1024.
    assert_eq!(ServerConfig::default().backlog, 4096);
}

/// Handshake and Login Start on `stream`, then waits for Login Success and
/// the spawn's Player Position And Look.
async fn join(stream: TcpStream, addr: SocketAddr, name: String) -> Result<(), String> {
    let reg = registry(V).unwrap().clone();
    let mut conn = AsyncConnection::from_tcp(stream, reg, mcproto::conn::Side::Client)
        .map_err(|e| e.to_string())?;
    conn.writer
        .send(&Handshake {
            protocol_version: V.0,
            server_address: "localhost".into(),
            server_port: addr.port(),
            next_state: NextState::Login,
        })
        .await
        .map_err(|e| e.to_string())?;
    conn.set_state(State::Login);
    conn.writer
        .send(&LoginStart { name: name.into() })
        .await
        .map_err(|e| e.to_string())?;
    loop {
        match conn
            .reader
            .read::<LoginClientbound>()
            .await
            .map_err(|e| e.to_string())?
        {
            LoginClientbound::LoginSuccess(_) => break,
            LoginClientbound::SetCompression(c) => {
                conn.set_compression(usize::try_from(c.threshold).ok());
            }
            other => return Err(format!("{other:?}")),
        }
    }
    conn.set_state(State::Play);
    loop {
        if let PlayClientbound::PlayerPositionAndLook(_) = conn
            .reader
            .read::<PlayClientbound>()
            .await
            .map_err(|e| e.to_string())?
        {
            break;
        }
    }
    // Keep reading (join messages of the others) until the test ends.
    // (The whole connection moves: its writer half closing would end it.)
    tokio::spawn(async move {
        let mut conn = conn;
        while conn.reader.read_raw().await.is_ok() {}
    });
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_waiting_in_the_backlog_all_join() {
    const N: usize = 400;
    let nofile = rlimit::increase_nofile_limit(u64::MAX).expect("raise RLIMIT_NOFILE");
    assert!(
        nofile >= 2 * N as u64 + 100,
        "RLIMIT_NOFILE {nofile} is too low"
    );
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        backlog: 512.min(somaxconn()),
        max_players: N,
        phase_timeout: LIMIT,
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let addr = server.local_addr();
    let handle = server.handle();
    // Every connection completes in the kernel before the first accept.
    let mut connects = tokio::task::JoinSet::new();
    for _ in 0..N {
        connects.spawn(async move { timeout(LIMIT, TcpStream::connect(addr)).await });
    }
    let mut streams = Vec::with_capacity(N);
    while let Some(r) = connects.join_next().await {
        streams.push(r.unwrap().expect("connect in time").expect("connect"));
    }
    let run = tokio::spawn(server.run(lobby));
    let mut joins = tokio::task::JoinSet::new();
    for (i, s) in streams.into_iter().enumerate() {
        joins.spawn(timeout(LIMIT, join(s, addr, format!("flood{i}"))));
    }
    let mut failed = Vec::new();
    while let Some(r) = joins.join_next().await {
        match r.unwrap() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => failed.push(e),
            Err(_) => failed.push("timed out".into()),
        }
    }
    assert!(
        failed.is_empty(),
        "{} failed: {:?}",
        failed.len(),
        &failed[..failed.len().min(5)]
    );
    timeout(LIMIT, async {
        while handle.player_count() < N {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .unwrap_or_else(|_| panic!("every player counted: {}", handle.player_count()));
    handle.shutdown();
    timeout(LIMIT, run).await.unwrap().unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_player_dropped_by_its_writer_ends_its_handler() {
    let ended = Arc::new(AtomicUsize::new(0));
    let counter = ended.clone();
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        keepalive_interval: Duration::from_millis(100),
        keepalive_timeout: Duration::from_millis(300),
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let addr = server.local_addr();
    let handle = server.handle();
    let run = tokio::spawn(server.run(move |mut player| {
        let counter = counter.clone();
        async move {
            // Nothing comes: only the writer's end can end this loop.
            let mut last = None;
            while let Some(p) = player.next().await {
                last = Some(p.is_ok());
            }
            assert_eq!(last, None, "the reader ends without an error");
            counter.fetch_add(1, Ordering::Relaxed);
        }
    }));
    // Logs in, then reads (so that writes never stall) and never answers.
    let stream = TcpStream::connect(addr).await.unwrap();
    let reg = registry(V).unwrap().clone();
    let mut conn = AsyncConnection::from_tcp(stream, reg, mcproto::conn::Side::Client).unwrap();
    conn.writer
        .send(&Handshake {
            protocol_version: V.0,
            server_address: "localhost".into(),
            server_port: addr.port(),
            next_state: NextState::Login,
        })
        .await
        .unwrap();
    conn.set_state(State::Login);
    conn.writer
        .send(&LoginStart {
            name: "Mute".into(),
        })
        .await
        .unwrap();
    let reader = tokio::spawn(async move {
        loop {
            match conn.reader.read::<LoginClientbound>().await.unwrap() {
                LoginClientbound::LoginSuccess(_) => break,
                LoginClientbound::SetCompression(c) => {
                    conn.set_compression(usize::try_from(c.threshold).ok());
                }
                other => panic!("{other:?}"),
            }
        }
        conn.set_state(State::Play);
        let mut reason = None;
        loop {
            match conn.reader.read::<PlayClientbound>().await {
                Ok(PlayClientbound::Disconnect(d)) => reason = Some(d.reason.to_plain()),
                Ok(_) => {}
                Err(_) => return (reason, conn),
            }
        }
    });
    // The handler returned, though the client is still connected.
    timeout(Duration::from_secs(5), async {
        while ended.load(Ordering::Relaxed) == 0 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("the handler of a timed-out player returns");
    let (reason, _conn) = timeout(LIMIT, reader).await.unwrap().unwrap();
    assert_eq!(reason.as_deref(), Some("Timed out"));
    assert_eq!(handle.player_count(), 0);
    handle.shutdown();
    timeout(LIMIT, run).await.unwrap().unwrap().unwrap();
}
