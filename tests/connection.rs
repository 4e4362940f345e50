//! Client against server on loopback: status, login with and without
//! compression and encryption, keep-alive, chat, disconnects.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use mcproto::client::ClientBuilder;
use mcproto::conn::Connection;
use mcproto::packets::handshaking::serverbound::{Handshake, NextState};
use mcproto::packets::login::serverbound::LoginStart;
use mcproto::packets::play::clientbound::{ChatMessage, JoinGame, KeepAlive};
use mcproto::packets::play::serverbound::ChatMessage as SendChat;
use mcproto::packets::{LoginClientbound, PlayClientbound, registry};
use mcproto::server::{Server, ServerConfig, ServerHandle, lobby};
use mcproto::{ErrorKind, ProtocolVersion, State};
use tokio::time::timeout;

const LIMIT: Duration = Duration::from_secs(20);

async fn start(config: ServerConfig) -> ServerHandle {
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        ..config
    })
    .await
    .unwrap();
    let handle = server.handle();
    tokio::spawn(server.run(lobby));
    handle
}

fn client(handle: &ServerHandle, name: &str) -> ClientBuilder {
    ClientBuilder::new(&handle.local_addr().to_string()).username(name)
}

/// Reads packets until one of type `P` arrives.
async fn next_of<P: Clone + 'static>(c: &mut mcproto::client::Client) -> P {
    timeout(LIMIT, async {
        loop {
            let p = c
                .next()
                .await
                .expect("session ended")
                .expect("session error");
            if let Some(x) = p.downcast_ref::<P>() {
                return x.clone();
            }
        }
    })
    .await
    .expect("timed out waiting for a packet")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_and_ping() {
    let handle = start(ServerConfig {
        motd: "Hello loopback".into(),
        max_players: 7,
        ..ServerConfig::default()
    })
    .await;
    let report = timeout(LIMIT, client(&handle, "x").status(true))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(report.status.description.to_plain(), "Hello loopback");
    assert_eq!(report.status.players.max, 7);
    assert_eq!(report.status.players.online, 0);
    assert!(report.latency.is_some());
    handle.shutdown();
}

async fn login_with(compression: Option<usize>, encryption: bool, version: ProtocolVersion) {
    let handle = start(ServerConfig {
        compression_threshold: compression,
        encryption,
        ..ServerConfig::default()
    })
    .await;
    let mut c = timeout(
        LIMIT,
        client(&handle, "Steve")
            .allowed_versions([version])
            .connect(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(c.username(), "Steve");
    assert_eq!(c.uuid(), mcproto::types::offline_uuid("Steve"));
    let join: JoinGame = next_of(&mut c).await;
    assert_eq!(join.entity_id, 1);
    // A chat line larger than the threshold checks compressed frames both ways.
    let text = "x".repeat(90);
    c.send(SendChat {
        message: text.as_str().into(),
    })
    .unwrap();
    loop {
        let chat: ChatMessage = next_of(&mut c).await;
        if chat.json_data.to_plain() == format!("<Steve> {text}") {
            break;
        }
    }
    c.close().await.unwrap();
    handle.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_without_compression() {
    login_with(None, false, ProtocolVersion::V47).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_with_threshold_zero() {
    login_with(Some(0), false, ProtocolVersion::V47).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_with_threshold_256_in_protocol_54() {
    login_with(Some(256), false, ProtocolVersion::V54).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_with_encryption_and_compression() {
    login_with(Some(64), true, ProtocolVersion::V47).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn version_is_negotiated_from_the_status() {
    let handle = start(ServerConfig {
        versions: vec![ProtocolVersion::V54],
        ..ServerConfig::default()
    })
    .await;
    let c = timeout(LIMIT, client(&handle, "n").connect())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.version(), ProtocolVersion::V54);
    // A client that only allows 47 gets a clear error.
    let err = timeout(
        LIMIT,
        client(&handle, "m")
            .allowed_versions([ProtocolVersion::V47, ProtocolVersion(46)])
            .connect(),
    )
    .await
    .unwrap()
    .unwrap_err();
    assert!(
        err.to_string().contains("no protocol version in common"),
        "{err}"
    );
    handle.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chat_both_ways_between_two_players() {
    let handle = start(ServerConfig::default()).await;
    let mut a = client(&handle, "Alice").connect().await.unwrap();
    let mut b = client(&handle, "Bob").connect().await.unwrap();
    a.send(SendChat {
        message: "hi Bob".into(),
    })
    .unwrap();
    b.send(SendChat {
        message: "hi Alice".into(),
    })
    .unwrap();
    for c in [&mut a, &mut b] {
        let mut seen = Vec::new();
        while seen.len() < 2 {
            let chat: ChatMessage = next_of(c).await;
            let line = chat.json_data.to_plain();
            if line.starts_with('<') {
                seen.push(line);
            }
        }
        seen.sort();
        assert_eq!(seen, ["<Alice> hi Bob", "<Bob> hi Alice"]);
    }
    assert_eq!(handle.player_count(), 2);
    handle.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keep_alive_is_answered_over_several_cycles() {
    let handle = start(ServerConfig {
        keepalive_interval: Duration::from_millis(100),
        keepalive_timeout: Duration::from_millis(450),
        ..ServerConfig::default()
    })
    .await;
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    let c = client(&handle, "Alive")
        .on(move |_: &KeepAlive| {
            counter.fetch_add(1, Ordering::Relaxed);
        })
        .packet_stream(false)
        .connect()
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    // Many more cycles than the timeout allows without answers.
    assert!(
        seen.load(Ordering::Relaxed) >= 5,
        "{} keep-alives",
        seen.load(Ordering::Relaxed)
    );
    assert_eq!(handle.player_count(), 1);
    // The server measured the round trips (what vanilla shows as ping).
    let latencies = handle.latencies();
    assert_eq!(latencies.len(), 1);
    assert!(latencies[0] < Duration::from_secs(1), "{latencies:?}");
    drop(c);
    handle.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_client_is_dropped_with_a_reason() {
    let handle = start(ServerConfig {
        keepalive_interval: Duration::from_millis(100),
        keepalive_timeout: Duration::from_millis(400),
        compression_threshold: None,
        ..ServerConfig::default()
    })
    .await;
    // A raw connection that logs in and never answers Keep Alive.
    let reg = registry(ProtocolVersion::V47).unwrap().clone();
    let mut conn = Connection::connect(&handle.local_addr().to_string(), LIMIT, reg)
        .await
        .unwrap();
    conn.writer
        .send_async(&Handshake {
            protocol_version: 47,
            server_address: "localhost".into(),
            server_port: 1,
            next_state: NextState::Login,
        })
        .await
        .unwrap();
    conn.set_state(State::Login);
    conn.writer
        .send_async(&LoginStart {
            name: "Mute".into(),
        })
        .await
        .unwrap();
    assert!(matches!(
        conn.reader
            .read_group_async::<LoginClientbound>()
            .await
            .unwrap(),
        LoginClientbound::LoginSuccess(_)
    ));
    conn.set_state(State::Play);
    let reason = timeout(LIMIT, async {
        loop {
            if let PlayClientbound::Disconnect(d) = conn
                .reader
                .read_group_async::<PlayClientbound>()
                .await
                .unwrap()
            {
                return d.reason.to_plain();
            }
        }
    })
    .await
    .unwrap();
    assert_eq!(reason, "Timed out");
    handle.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disconnect_reason_reaches_the_client() {
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let handle = server.handle();
    tokio::spawn(server.run(|player| async move {
        player.disconnect("Go away");
        let mut player = player;
        while player.next().await.is_some() {}
    }));
    let mut c = client(&handle, "Eve").connect().await.unwrap();
    let err = timeout(LIMIT, async {
        loop {
            match c.next().await {
                Some(Ok(_)) => continue,
                Some(Err(e)) => return e,
                None => panic!("no error before the end"),
            }
        }
    })
    .await
    .unwrap();
    match err.kind() {
        ErrorKind::Disconnected { reason } => assert_eq!(reason.to_plain(), "Go away"),
        other => panic!("{other:?}"),
    }
    handle.shutdown();
}
