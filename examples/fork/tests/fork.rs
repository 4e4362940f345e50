//! The fork over real connections, written with the facade crate only:
//! its own client and server on loopback, tokio and blocking, matching on
//! group enums that the fork's registry numbers.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mcproto::client::ClientBuilder;
use mcproto::conn::{Connection, Side};
use mcproto::packets::PlayClientbound;
use mcproto::packets::login::clientbound::LoginSuccess;
use mcproto::packets::login::serverbound::LoginStart;
use mcproto::packets::play::clientbound::{Camera, JoinGame, Title, TitleAction};
use mcproto::packets::play::serverbound;
use mcproto::prelude::*;
use mcproto::server::{Server, ServerConfig};
use mcproto_fork_example::{
    ColoredChat, Emote, FORK_VERSION, ForkServerbound, PlayEmote, Rgb, fork_registry,
};
use tokio::time::timeout;

#[test]
fn registry_changes() {
    let fork = fork_registry().unwrap();
    let std47 = mcproto::packets::registry(mcproto::packets::version::V1_8).unwrap();
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
    fork.encode(&e, &mut buf).unwrap();
    // id 1a | entity 01 | tag 00 | intensity 09
    assert_eq!(buf, [0x1a, 0x01, 0x00, 0x09]);
    // Registered in a protocol-47 registry, the field is left out.
    let plain = std47.to_builder().register::<PlayEmote>().build().unwrap();
    let mut buf = Vec::new();
    plain.encode(&e, &mut buf).unwrap();
    assert_eq!(buf, [0x1a, 0x01, 0x00]);
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

#[test]
fn fork_groups_decode_by_the_fork_registry() {
    let fork = fork_registry().unwrap();
    let decoder = fork.group_decoder::<ForkServerbound>();
    // The fork's own packet at its id, typed.
    let emote = decoder.decode(&[0x1a, 0x05, 0x00, 0x07]).unwrap();
    assert_eq!(
        emote,
        ForkServerbound::PlayEmote(PlayEmote {
            entity_id: 5,
            emote: Emote::Wave,
            intensity: Some(7),
        })
    );
    // A standard packet the group leaves out arrives typed, as Other.
    match decoder.decode(&[0x03, 0x01]).unwrap() {
        ForkServerbound::Other(p) => {
            assert_eq!(
                p.downcast_ref::<serverbound::Player>().map(|p| p.on_ground),
                Some(true)
            )
        }
        other => panic!("{other:?}"),
    }
    // An id nobody knows arrives raw.
    match decoder.decode(&[0x70, 0xaa]).unwrap() {
        ForkServerbound::Unknown(raw) => assert_eq!((raw.id, &raw.body[..]), (0x70, &[0xaa][..])),
        other => panic!("{other:?}"),
    }
    // The standard group under the fork's registry: the fork's packets
    // arrive as Other, the renumbered Title at its new id.
    let title = fork.group_decoder::<PlayClientbound>();
    let mut bytes = Vec::new();
    fork.encode(
        &Title {
            action: TitleAction::Reset,
        },
        &mut bytes,
    )
    .unwrap();
    assert_eq!(bytes[0], 0x4a);
    assert!(matches!(
        title.decode(&bytes).unwrap(),
        PlayClientbound::Title(_)
    ));
}

/// The blocking connections: a fork server thread and a fork client.
#[test]
fn fork_over_blocking_connections() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let server = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut conn =
            Connection::from_tcp(stream, fork_registry().unwrap(), Side::Server).unwrap();
        let hs: Handshake = conn.reader.read_packet().unwrap();
        assert_eq!(hs.protocol_version, FORK_VERSION.0);
        conn.set_state(State::Login);
        let start: LoginStart = conn.reader.read_packet().unwrap();
        conn.writer
            .send(&LoginSuccess {
                uuid: "00000000-0000-0000-0000-000000000001".into(),
                username: start.name,
            })
            .unwrap();
        conn.set_state(State::Play);
        let mut seen = Vec::new();
        for _ in 0..3 {
            seen.push(match conn.reader.read::<ForkServerbound>().unwrap() {
                ForkServerbound::ColoredChat(c) => format!("chat {}", c.message),
                ForkServerbound::PlayEmote(e) => format!("emote {:?}", e.emote),
                ForkServerbound::Unknown(raw) => format!("raw {:#04x} {:?}", raw.id, &raw.body[..]),
                other => format!("other {}", other.name()),
            });
        }
        seen
    });
    let mut conn =
        Connection::connect(&addr, Duration::from_secs(5), fork_registry().unwrap()).unwrap();
    conn.writer
        .send(&Handshake {
            protocol_version: FORK_VERSION.0,
            server_address: "localhost".into(),
            server_port: 25565,
            next_state: NextState::Login,
        })
        .unwrap();
    conn.set_state(State::Login);
    conn.writer
        .send(&LoginStart {
            name: "Forker".into(),
        })
        .unwrap();
    let ok: LoginSuccess = conn.reader.read_packet().unwrap();
    assert_eq!(ok.username, "Forker");
    conn.set_state(State::Play);
    conn.writer
        .queue(&ColoredChat {
            message: "hello".into(),
            color: Rgb { r: 1, g: 2, b: 3 },
        })
        .unwrap();
    conn.writer
        .queue(&PlayEmote {
            entity_id: 1,
            emote: Emote::Dance { speed: 2.0 },
            intensity: None,
        })
        .unwrap_err();
    conn.writer
        .queue(&PlayEmote {
            entity_id: 1,
            emote: Emote::Dance { speed: 2.0 },
            intensity: Some(1),
        })
        .unwrap();
    // An id the fork does not know, sent as raw bytes.
    conn.writer.queue_raw(&[0x7f, 0x01, 0x02]).unwrap();
    conn.writer.flush().unwrap();
    assert_eq!(
        server.join().unwrap(),
        [
            "chat hello",
            "emote Dance { speed: 2.0 }",
            "raw 0x7f [1, 2]"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fork_client_and_server_talk() {
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        versions: vec![],
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
            let sender = player.sender();
            while let Some(Ok(p)) = player.read::<ForkServerbound>().await {
                match p {
                    ForkServerbound::PlayEmote(e) => {
                        log.lock().unwrap().push(format!("{e:?}"));
                        // Answer with the renumbered Title.
                        let _ = sender.send(&Title {
                            action: TitleAction::SetTitle {
                                text: Chat::text("nice emote"),
                            },
                        });
                    }
                    ForkServerbound::ColoredChat(c) => log.lock().unwrap().push(format!("{c:?}")),
                    _ => {}
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
        .send(&ColoredChat {
            message: "hello".into(),
            color: Rgb { r: 255, g: 0, b: 0 },
        })
        .unwrap();
    client
        .send(&PlayEmote {
            entity_id: 1,
            emote: Emote::Say { text: "hi".into() },
            intensity: Some(3),
        })
        .unwrap();
    // The standard chat packet is not part of the fork: refused at the call.
    assert!(
        client
            .send(&serverbound::ChatMessage {
                message: "x".into()
            })
            .is_err()
    );
    let title = timeout(Duration::from_secs(10), async {
        loop {
            if let PlayClientbound::Title(t) = client.next().await.unwrap().unwrap() {
                return t;
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
