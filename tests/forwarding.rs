//! A backend behind a proxy: BungeeCord forwarding (trusted addresses),
//! BungeeGuard tokens and the PROXY protocol give the server the player's
//! real address and UUID; direct, forged and wrongly-signed connections are
//! refused with a Disconnect that says why.

use std::net::SocketAddr;
use std::time::Duration;

use mcproto::conn::{AsyncConnection, Side};
use mcproto::forwarding::{
    ForwardedHandshake, ForwardedPlayer, Forwarding, ProfileProperty, forwarding_registry,
};
use mcproto::packets::LoginClientbound;
use mcproto::packets::login::serverbound::LoginStart;
use mcproto::packets::{registry, version::V1_8};
use mcproto::prelude::*;
use mcproto::server::{Server, ServerConfig};
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;
use tokio::time::timeout;

const LIMIT: Duration = Duration::from_secs(10);

/// A server that reports each player's address and UUID, then keeps them.
async fn backend(
    config: ServerConfig,
) -> (
    SocketAddr,
    mpsc::UnboundedReceiver<(SocketAddr, Uuid, usize)>,
) {
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        compression_threshold: None,
        ..config
    })
    .await
    .unwrap();
    let addr = server.local_addr();
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(server.run(move |mut player| {
        let tx = tx.clone();
        async move {
            let _ = tx.send((player.address(), player.uuid(), player.properties().len()));
            while player.next().await.is_some() {}
        }
    }));
    (addr, rx)
}

/// Logs in with the given server address (and, first, raw `prefix` bytes);
/// returns "ok" or the Disconnect text.
async fn login(server: SocketAddr, prefix: &[u8], address: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(server).await.unwrap();
    stream.write_all(prefix).await.unwrap();
    let reg = forwarding_registry(registry(V1_8).unwrap()).unwrap();
    let mut conn = AsyncConnection::from_tcp(stream, reg, Side::Client).unwrap();
    conn.writer
        .send(&ForwardedHandshake {
            protocol_version: 47,
            server_address: address.into(),
            server_port: server.port(),
            next_state: NextState::Login,
        })
        .await
        .unwrap();
    conn.set_state(State::Login);
    conn.writer
        .send(&LoginStart {
            name: "Steve".into(),
        })
        .await
        .unwrap();
    match timeout(LIMIT, conn.reader.read::<LoginClientbound>())
        .await
        .unwrap()
        .unwrap()
    {
        LoginClientbound::LoginSuccess(_) => "ok".into(),
        LoginClientbound::Disconnect(d) => d.reason.to_plain(),
        other => format!("{other:?}"),
    }
}

fn forwarded(token: Option<&str>) -> String {
    ForwardedPlayer {
        host: "play.example.net".into(),
        address: "10.1.2.3".parse().unwrap(),
        uuid: Uuid::from_u128(0xabcdef),
        properties: token
            .map(|t| ProfileProperty {
                name: "bungeeguard-token".into(),
                value: t.into(),
                signature: None,
            })
            .into_iter()
            .chain([ProfileProperty {
                name: "textures".into(),
                value: "e30=".into(),
                signature: Some("sig".into()),
            }])
            .collect(),
    }
    .to_address()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bungeecord_forwarding_from_a_trusted_proxy() {
    let (addr, mut players) = backend(ServerConfig {
        forwarding: Forwarding::BungeeCord {
            trusted: vec!["127.0.0.1/32".parse().unwrap()],
        },
        ..ServerConfig::default()
    })
    .await;
    assert_eq!(login(addr, &[], &forwarded(None)).await, "ok");
    let (address, uuid, properties) = timeout(LIMIT, players.recv()).await.unwrap().unwrap();
    assert_eq!(
        address.ip(),
        "10.1.2.3".parse::<std::net::IpAddr>().unwrap()
    );
    assert_eq!(uuid, Uuid::from_u128(0xabcdef));
    assert_eq!(properties, 1);
    // A direct connection (no forwarded fields) is refused.
    assert_eq!(
        login(addr, &[], "localhost").await,
        "This server only accepts players through its proxy (no forwarded player information)."
    );
    // Bad forwarding data is refused, not guessed at.
    let bad = format!("h\x0010.1.2.3\x00{}", "z".repeat(32));
    assert_eq!(
        login(addr, &[], &bad).await,
        "Bad forwarded player information: the forwarded UUID is not 32 hexadecimal digits."
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_forwarding_from_an_untrusted_address_is_refused() {
    let (addr, _players) = backend(ServerConfig {
        forwarding: Forwarding::BungeeCord {
            trusted: vec!["10.0.0.0/8".parse().unwrap()],
        },
        ..ServerConfig::default()
    })
    .await;
    assert_eq!(
        login(addr, &[], &forwarded(None)).await,
        "This server only accepts players through its proxy."
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bungeeguard_tokens() {
    let (addr, mut players) = backend(ServerConfig {
        forwarding: Forwarding::BungeeGuard {
            tokens: vec!["SECRET".into()],
        },
        ..ServerConfig::default()
    })
    .await;
    assert_eq!(login(addr, &[], &forwarded(Some("SECRET"))).await, "ok");
    // The token is not one of the player's properties.
    let (_, _, properties) = timeout(LIMIT, players.recv()).await.unwrap().unwrap();
    assert_eq!(properties, 1);
    assert_eq!(
        login(addr, &[], &forwarded(Some("guess"))).await,
        "Invalid BungeeGuard token."
    );
    assert_eq!(
        login(addr, &[], &forwarded(None)).await,
        "This server requires a BungeeGuard token."
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proxy_protocol_gives_the_client_address() {
    let (addr, mut players) = backend(ServerConfig {
        proxy_protocol: Some(vec!["127.0.0.0/8".parse().unwrap()]),
        ..ServerConfig::default()
    })
    .await;
    let client: SocketAddr = "198.51.100.20:40404".parse().unwrap();
    let header = mcproto::proxy_protocol::v2_header(client, addr);
    assert_eq!(login(addr, &header, "localhost").await, "ok");
    let (address, _, _) = timeout(LIMIT, players.recv()).await.unwrap().unwrap();
    assert_eq!(address, client);
}
