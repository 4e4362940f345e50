//! Client ↔ proxy ↔ server on loopback: both ends see exactly what they see
//! without the proxy, and the proxy decodes everything, compression included.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use mcproto::client::ClientBuilder;
use mcproto::packets::play::clientbound::{ChatMessage, ChatPosition, SpawnPosition};
use mcproto::packets::play::serverbound::ChatMessage as Say;
use mcproto::packets::{PlayClientbound, PlayServerbound};
use mcproto::proxy::logging::{LoggingConfig, LoggingProxy};
use mcproto::server::{Server, ServerConfig};
use mcproto::{Direction, State};
use tokio::time::timeout;

type Log = Arc<Mutex<Vec<String>>>;

/// Runs one scenario against a fresh server, optionally through a proxy;
/// returns what the client received and what the server received.
async fn scenario(through_proxy: bool, proxy_log: Option<Log>) -> (Vec<String>, Vec<String>) {
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        compression_threshold: Some(64),
        keepalive_interval: Duration::from_secs(3600),
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let handle = server.handle();
    let received: Log = Arc::default();
    let server_log = received.clone();
    tokio::spawn(server.run(move |mut player| {
        let log = server_log.clone();
        async move {
            let _ = player.send(&SpawnPosition {
                location: mcproto::Position::new(1, 2, 3),
            });
            let server = player.server().clone();
            while let Some(Ok(p)) = player.next().await {
                log.lock().unwrap().push(format!("{p:?}"));
                if let PlayServerbound::ChatMessage(say) = p {
                    server.broadcast(&ChatMessage {
                        json_data: mcproto::Chat::text(&format!("echo {}", say.message)),
                        position: ChatPosition::Chat,
                    });
                }
            }
        }
    }));
    let mut address = handle.local_addr().to_string();
    if through_proxy {
        let observer_log = proxy_log.clone().unwrap_or_default();
        let proxy = LoggingProxy::bind(LoggingConfig {
            bind: "127.0.0.1:0".into(),
            upstream: address.clone(),
            observer: Some(Arc::new(move |o| {
                if let Ok(p) = o.packet {
                    observer_log.lock().unwrap().push(format!(
                        "{} {} {}",
                        o.direction,
                        o.state,
                        p.name()
                    ));
                }
            })),
            ..LoggingConfig::default()
        })
        .await
        .unwrap();
        address = proxy.local_addr().unwrap().to_string();
        tokio::spawn(proxy.run());
    }
    let mut client = ClientBuilder::new(&address)
        .username("Via")
        .allowed_versions([mcproto::packets::version::V1_8])
        .connect()
        .await
        .unwrap();
    let long = "a chat line long enough to be compressed, well over sixty-four bytes";
    client
        .send(&Say {
            message: long.into(),
        })
        .unwrap();
    let mut seen = Vec::new();
    timeout(Duration::from_secs(10), async {
        loop {
            let p = client.next().await.unwrap().unwrap();
            seen.push(format!("{p:?}"));
            if let PlayClientbound::ChatMessage(c) = p
                && c.json_data.to_plain().starts_with("echo ")
            {
                return;
            }
        }
    })
    .await
    .unwrap();
    client.close().await.unwrap();
    handle.shutdown();
    let server_saw = received.lock().unwrap().clone();
    (seen, server_saw)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proxy_is_transparent_and_decodes_both_ways() {
    let direct = scenario(false, None).await;
    let log: Log = Arc::default();
    let proxied = scenario(true, Some(log.clone())).await;
    assert_eq!(proxied, direct);
    assert!(direct.0[0].starts_with("SpawnPosition"), "{direct:?}");
    assert!(direct.1[0].starts_with("ChatMessage"), "{direct:?}");
    let log = log.lock().unwrap().clone();
    let first: Vec<&str> = log.iter().take(4).map(String::as_str).collect();
    assert_eq!(
        first,
        [
            "serverbound handshaking Handshake",
            "serverbound login LoginStart",
            "clientbound login SetCompression",
            "clientbound login LoginSuccess",
        ]
    );
    // After login the two directions race: the client's chat line may be
    // logged before or after the server's first play packet.
    assert!(
        log.iter().any(|l| l == "clientbound play SpawnPosition"),
        "{log:?}"
    );
    // The long chat line went through compressed and was decoded.
    assert!(log.contains(&format!(
        "{} {} ChatMessage",
        Direction::Serverbound,
        State::Play
    )));
}
