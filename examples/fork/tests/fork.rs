//! The fork over real connections: its own client and server, on loopback.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use mcproto::client::ClientBuilder;
use mcproto::packets::play::clientbound::{Camera, JoinGame, Title, TitleAction};
use mcproto::packets::play::serverbound;
use mcproto::prelude::*;
use mcproto::server::{Server, ServerConfig};
use mcproto_fork_example::{ColoredChat, Emote, FORK_VERSION, PlayEmote, Rgb, fork_registry};
use tokio::time::timeout;

#[test]
fn registry_changes() {
    let fork = fork_registry().unwrap();
    let std47 = mcproto::packets::registry(ProtocolVersion::V47).unwrap();
    assert_eq!(fork.version(), FORK_VERSION);
    assert_eq!(fork.id_of::<PlayEmote>(), Some(0x1A));
    assert_eq!(fork.id_of::<ColoredChat>(), Some(0x01));
    assert_eq!(fork.id_of::<serverbound::ChatMessage>(), None);
    assert_eq!(fork.id_of::<Camera>(), None);
    assert_eq!(fork.id_of::<Title>(), Some(0x4A));
    assert_eq!(std47.id_of::<Title>(), Some(0x45));
    // Everything else is inherited.
    assert_eq!(fork.id_of::<JoinGame>(), std47.id_of::<JoinGame>());
    // One clientbound packet removed, one serverbound added.
    assert_eq!(
        fork.packets(State::Play, Direction::Clientbound).count(),
        73
    );
    assert_eq!(
        fork.packets(State::Play, Direction::Serverbound).count(),
        27
    );
    // The version-gated field exists in the fork's version only.
    let e = PlayEmote {
        entity_id: 1,
        emote: Emote::Wave,
        intensity: Some(9),
    };
    let mut buf = Vec::new();
    fork.encode_into(&e, &mut buf).unwrap();
    // id 1a | entity 01 | tag 00 | intensity 09
    assert_eq!(buf, [0x1a, 0x01, 0x00, 0x09]);
    assert_eq!(
        e.encode_packet(ProtocolVersion::V47).unwrap(),
        [0x1a, 0x01, 0x00]
    );
}

#[test]
fn conflicting_registrations_are_reported() {
    let err = fork_registry()
        .unwrap()
        .to_builder()
        .register_as::<ColoredChat>(0x02)
        .renumber::<Title>(0x00)
        .remove::<Camera>()
        .build()
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("ColoredChat registered twice"), "{text}");
    assert!(
        text.contains("Title and KeepAlive both registered at play clientbound 0x00"),
        "{text}"
    );
    assert!(text.contains("Camera is not in the registry"), "{text}");
    assert_eq!(err.problems.len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fork_client_and_server_talk() {
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        versions: vec![FORK_VERSION],
        registries: vec![fork_registry().unwrap()],
        compression_threshold: Some(64),
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let handle = server.handle();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(server.run(move |mut player| {
        let log = log.clone();
        async move {
            while let Some(Ok(p)) = player.next().await {
                if let Some(e) = p.downcast_ref::<PlayEmote>() {
                    log.lock().unwrap().push(format!("{e:?}"));
                    // Answer with the renumbered Title.
                    let _ = player.send(Title {
                        action: TitleAction::SetTitle {
                            text: Chat::text("nice emote"),
                        },
                    });
                }
                if let Some(c) = p.downcast_ref::<ColoredChat>() {
                    log.lock().unwrap().push(format!("{c:?}"));
                }
            }
        }
    }));
    let mut client = ClientBuilder::new(&handle.local_addr().to_string())
        .username("Forker")
        .registry(fork_registry().unwrap())
        .connect()
        .await
        .unwrap();
    assert_eq!(client.version(), FORK_VERSION);
    client
        .send(ColoredChat {
            message: "hello".into(),
            color: Rgb { r: 255, g: 0, b: 0 },
        })
        .unwrap();
    client
        .send(PlayEmote {
            entity_id: 1,
            emote: Emote::Say { text: "hi".into() },
            intensity: Some(3),
        })
        .unwrap();
    // The standard chat packet is not part of the fork.
    assert!(
        client
            .send_now(serverbound::ChatMessage {
                message: "x".into()
            })
            .await
            .is_err()
    );
    let title = timeout(Duration::from_secs(10), async {
        loop {
            let p = client.next().await.unwrap().unwrap();
            if let Some(t) = p.downcast_ref::<Title>() {
                return t.clone();
            }
        }
    })
    .await
    .unwrap();
    assert!(matches!(title.action, TitleAction::SetTitle { .. }));
    let seen = seen.lock().unwrap().clone();
    assert_eq!(
        seen,
        [
            "ColoredChat { message: \"hello\", color: Rgb { r: 255, g: 0, b: 0 } }",
            "PlayEmote { entity_id: 1, emote: Say { text: \"hi\" }, intensity: Some(3) }",
        ]
    );
    handle.shutdown();
}
