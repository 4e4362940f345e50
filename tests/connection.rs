//! Client against server on loopback: status, login with and without
//! compression and encryption, keep-alive, chat, disconnects.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use mcproto::client::ClientBuilder;
use mcproto::conn::{AsyncConnReader, AsyncConnection, Side};
use mcproto::packets::handshaking::serverbound::{Handshake, NextState};
use mcproto::packets::login::serverbound::LoginStart;
use mcproto::packets::play::clientbound::{ChatMessage, JoinGame, KeepAlive};
use mcproto::packets::play::serverbound::ChatMessage as SendChat;
use mcproto::packets::version::{V1_8, V15W32C};
use mcproto::packets::{LoginClientbound, PlayClientbound, registry};
use mcproto::server::{Server, ServerConfig, ServerHandle, lobby};
use mcproto::{ConnectionError, ProtocolVersion, State};
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
            if let Some(x) = p.as_any().and_then(|a| a.downcast_ref::<P>()) {
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
    c.send(&SendChat {
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
    login_with(None, false, V1_8).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_with_threshold_zero() {
    login_with(Some(0), false, V1_8).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_with_threshold_256_in_protocol_54() {
    login_with(Some(256), false, V15W32C).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_with_encryption_and_compression() {
    login_with(Some(64), true, V1_8).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn version_is_negotiated_from_the_status() {
    let handle = start(ServerConfig {
        versions: vec![V15W32C],
        ..ServerConfig::default()
    })
    .await;
    let c = timeout(LIMIT, client(&handle, "n").connect())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.version(), V15W32C);
    // A client that only allows 47 gets a clear error.
    let err = timeout(
        LIMIT,
        client(&handle, "m")
            .allowed_versions([V1_8, ProtocolVersion(46)])
            .connect(),
    )
    .await
    .unwrap()
    .unwrap_err();
    assert!(
        matches!(&err, ConnectionError::NoCommonVersion(e) if e.server == V15W32C),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "server speaks protocol 54, but only 47, 46 are allowed"
    );
    handle.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chat_both_ways_between_two_players() {
    let handle = start(ServerConfig::default()).await;
    let mut a = client(&handle, "Alice").connect().await.unwrap();
    let mut b = client(&handle, "Bob").connect().await.unwrap();
    a.send(&SendChat {
        message: "hi Bob".into(),
    })
    .unwrap();
    b.send(&SendChat {
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
    let mut c = client(&handle, "Alive")
        .on(move |_: &KeepAlive| {
            counter.fetch_add(1, Ordering::Relaxed);
        })
        .connect()
        .await
        .unwrap();
    // Handlers only: `run` drives the session (and answers keep-alives).
    let session = tokio::spawn(async move { c.run().await });
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
    session.abort();
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
    let reg = registry(V1_8).unwrap().clone();
    let mut conn = AsyncConnection::connect(&handle.local_addr().to_string(), LIMIT, reg)
        .await
        .unwrap();
    conn.writer
        .send(&Handshake {
            protocol_version: 47,
            server_address: "localhost".into(),
            server_port: 1,
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
    assert!(matches!(
        conn.reader.read::<LoginClientbound>().await.unwrap(),
        LoginClientbound::LoginSuccess(_)
    ));
    conn.set_state(State::Play);
    let reason = timeout(LIMIT, async {
        loop {
            if let PlayClientbound::Disconnect(d) =
                conn.reader.read::<PlayClientbound>().await.unwrap()
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
    match err {
        ConnectionError::Disconnected { reason } => assert_eq!(reason.to_plain(), "Go away"),
        other => panic!("{other:?}"),
    }
    handle.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn legacy_server_list_ping_is_answered() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let handle = start(ServerConfig {
        motd: "Legacy".into(),
        max_players: 9,
        ..ServerConfig::default()
    })
    .await;
    // 1.4-1.6 clients send FE 01; the answer is FF, a UTF-16 length, then
    // "§1\0127\0<version>\0<motd>\0<online>\0<max>" in UTF-16BE.
    let mut s = tokio::net::TcpStream::connect(handle.local_addr())
        .await
        .unwrap();
    s.write_all(&[0xfe, 0x01]).await.unwrap();
    let mut out = Vec::new();
    timeout(LIMIT, s.read_to_end(&mut out))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(out[0], 0xff);
    let len = u16::from_be_bytes([out[1], out[2]]) as usize;
    let units: Vec<u16> = out[3..]
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect();
    assert_eq!(units.len(), len);
    let text = String::from_utf16(&units).unwrap();
    let parts: Vec<&str> = text.split('\0').collect();
    assert_eq!(parts, ["§1", "127", "1.8.9", "Legacy", "0", "9"]);
    handle.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokio_util_codec_frames_packets() {
    use mcproto::conn::McCodec;
    use mcproto::packets::StatusServerbound;
    use mcproto::packets::status::serverbound::Ping;
    use tokio_util::codec::Framed;
    let (a, b) = tokio::io::duplex(64);
    let mut left = Framed::new(a, McCodec::new());
    let mut right = Framed::new(b, McCodec::new());
    let reg = registry(V1_8).unwrap();
    let mut bytes = Vec::new();
    reg.encode(&Ping { payload: 7 }, &mut bytes).unwrap();
    futures_util::SinkExt::send(&mut left, bytes.as_slice())
        .await
        .unwrap();
    let frame = futures_util::StreamExt::next(&mut right)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        reg.group_decoder::<StatusServerbound>()
            .decode(&frame)
            .unwrap(),
        StatusServerbound::Ping(Ping { payload: 7 })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_read_loses_no_bytes() {
    use tokio::io::AsyncWriteExt;
    let (mut w, r) = tokio::io::duplex(1024);
    let mut reader = AsyncConnReader::new(r, registry(V1_8).unwrap().clone(), Side::Server);
    // Half a frame arrives, the read is dropped by a select!, the rest arrives.
    w.write_all(&[0x04, 0x00, 0xaa]).await.unwrap();
    tokio::select! {
        _ = reader.read_raw() => panic!("the frame is incomplete"),
        _ = tokio::time::sleep(Duration::from_millis(50)) => {}
    }
    w.write_all(&[0xbb, 0xcc, 0x01, 0x01]).await.unwrap();
    let raw = reader.read_raw().await.unwrap();
    assert_eq!((raw.id, &raw.body[..]), (0x00, &[0xaa, 0xbb, 0xcc][..]));
    assert_eq!(reader.read_raw().await.unwrap().id, 0x01);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn online_mode_joins_through_the_session_server() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // A fake session server that records the join request and answers 204.
    let fake = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let fake_addr = fake.local_addr().unwrap();
    let request = tokio::spawn(async move {
        let (mut s, _) = fake.accept().await.unwrap();
        let mut buf = vec![0u8; 4096];
        let mut got = Vec::new();
        while !String::from_utf8_lossy(&got).contains("}") {
            let n = s.read(&mut buf).await.unwrap();
            got.extend_from_slice(&buf[..n]);
        }
        s.write_all(b"HTTP/1.1 204 No Content\r\n\r\n")
            .await
            .unwrap();
        String::from_utf8(got).unwrap()
    });
    let handle = start(ServerConfig {
        encryption: true,
        ..ServerConfig::default()
    })
    .await;
    let profile = mcproto::Uuid::from_u128(0x1234);
    let c = client(&handle, "Online")
        .auth_token(mcproto::client::AuthToken {
            access_token: "token-abc".into(),
            profile,
        })
        .session_server(format!("http://{fake_addr}"))
        .connect()
        .await
        .unwrap();
    let req = timeout(LIMIT, request).await.unwrap().unwrap();
    assert!(
        req.starts_with("POST /session/minecraft/join HTTP/1.1\r\n"),
        "{req}"
    );
    let body = &req[req.find('{').unwrap()..];
    let json: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(json["accessToken"], "token-abc");
    assert_eq!(json["selectedProfile"], profile.simple().to_string());
    // The server hash is Minecraft's signed hex SHA-1: up to 40 hex digits, maybe a '-'.
    let hash = json["serverId"].as_str().unwrap();
    assert!(
        hash.trim_start_matches('-').len() <= 40
            && hash
                .trim_start_matches('-')
                .chars()
                .all(|c| c.is_ascii_hexdigit())
    );
    drop(c);
    handle.shutdown();
}

/// A server-side handler: counts the player's positions and answers chat
/// with what it counted.
struct Echo {
    sender: mcproto::server::PacketSender,
    positions: usize,
}

impl<'a> mcproto::packets::PlayServerboundHandler<'a> for Echo {
    type Output = ();
    fn player_position(&mut self, _: mcproto::packets::play::serverbound::PlayerPosition) {
        self.positions += 1;
    }
    fn chat_message(&mut self, chat: SendChat<'a>) {
        let text = format!("{} after {} positions", chat.message, self.positions);
        self.sender
            .send(&ChatMessage {
                json_data: mcproto::Chat::text(&text),
                position: mcproto::packets::play::clientbound::ChatPosition::Chat,
            })
            .unwrap();
    }
    fn packet(&mut self, other: mcproto::packets::PlayServerbound<'a>) {
        // Keep Alive answers are the session's: a handler never sees them.
        assert_ne!(other.name(), "KeepAlive");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_handles_packets_by_method() {
    use mcproto::packets::PlayServerbound;
    use mcproto::packets::play::serverbound::PlayerPosition;
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        keepalive_interval: Duration::from_millis(50),
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let handle = server.handle();
    tokio::spawn(server.run(|mut player| async move {
        let mut echo = Echo {
            sender: player.sender(),
            positions: 0,
        };
        while let Some(r) = player.handle::<PlayServerbound, _>(&mut echo).await {
            if r.is_err() {
                break;
            }
        }
    }));
    let mut c = client(&handle, "Hana")
        .vanilla_behaviour(false)
        .connect()
        .await
        .unwrap();
    // Keep-alives come and are answered while the positions go out.
    tokio::time::sleep(Duration::from_millis(200)).await;
    for i in 0..3 {
        let p = PlayerPosition {
            x: f64::from(i),
            feet_y: 64.0,
            z: 0.0,
            on_ground: true,
        };
        c.send(&p).unwrap();
    }
    c.send(&SendChat {
        message: "hi".into(),
    })
    .unwrap();
    let answer: ChatMessage = next_of(&mut c).await;
    assert_eq!(answer.json_data.to_plain(), "hi after 3 positions");
    handle.shutdown();
}
