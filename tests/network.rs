//! The network proxy in front of two of our lobbies, with BungeeCord
//! forwarding and compression on both legs: a player logs in, chats, moves
//! to the other backend and back, and every step is checked from the
//! client's side: whose chat answers, what each backend was told about the
//! player, which entity id the client sees, and what the recording holds.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use mcproto::client::{Client, ClientBuilder};
use mcproto::forwarding::Forwarding;
use mcproto::packets::PlayClientbound;
use mcproto::packets::play::serverbound::ChatMessage;
use mcproto::packets::version::{self, V1_8, V1_12_2};
use mcproto::prelude::*;
use mcproto::proxy::{Network, NetworkConfig, NetworkHandle};
use mcproto::server::{Lobby, Server, ServerConfig};
use tokio::time::timeout;

const LIMIT: Duration = Duration::from_secs(20);

async fn backend(name: &str, spawn_x: f64, forwarding: Forwarding) -> SocketAddr {
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        motd: format!("The {name} server"),
        compression_threshold: Some(64),
        forwarding,
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let addr = server.local_addr();
    let lobby = Arc::new(Lobby::new().name(name).spawn(spawn_x, 0.5).view_radius(1));
    tokio::spawn(server.run(move |player| lobby.clone().serve(player)));
    addr
}

fn trusted() -> Forwarding {
    Forwarding::BungeeCord {
        trusted: vec!["127.0.0.1/32".parse().unwrap()],
    }
}

async fn network(extra: &str) -> (SocketAddr, NetworkHandle) {
    let lobby = backend("lobby", 0.5, trusted()).await;
    let games = backend("games", 1000.5, trusted()).await;
    let config = NetworkConfig::from_toml(&format!(
        r#"
        bind = "127.0.0.1:0"
        default = "lobby"
        forwarding = "bungeecord"
        compression = 256
        motd = "Our network"
        {extra}
        [servers]
        lobby = "{lobby}"
        games = "{games}"
        "#
    ))
    .unwrap();
    let network = Network::bind(config).await.unwrap();
    let addr = network.local_addr();
    let handle = network.handle();
    tokio::spawn(network.run());
    (addr, handle)
}

/// What the client has seen so far.
#[derive(Default)]
struct Seen {
    /// The entity id of the (only) Join Game.
    entity_id: Option<i32>,
    /// Entity ids of Entity Status packets (the lobby sends one for the
    /// player's own entity on every join).
    statuses: Vec<i32>,
    respawns: usize,
    /// Where the last Player Position And Look put the player (x).
    x: Option<f64>,
    packets: usize,
}

/// Reads until a chat line containing `needle`; returns it.
async fn until_chat(client: &mut Client, seen: &mut Seen, needle: &str) -> String {
    let wait = async {
        loop {
            let packet = client.next().await.expect("session ended").expect("read");
            seen.packets += 1;
            match packet {
                PlayClientbound::ChatMessage(chat) => {
                    let text = chat.json_data.to_plain();
                    if text.contains(needle) {
                        return text;
                    }
                }
                PlayClientbound::JoinGame(join) => {
                    assert!(seen.entity_id.is_none(), "a second Join Game");
                    seen.entity_id = Some(join.entity_id);
                }
                PlayClientbound::EntityStatus(s) => seen.statuses.push(s.entity_id),
                PlayClientbound::Respawn(_) => seen.respawns += 1,
                PlayClientbound::PlayerPositionAndLook(p) => seen.x = Some(p.x),
                _ => {}
            }
        }
    };
    timeout(LIMIT, wait)
        .await
        .unwrap_or_else(|_| panic!("no chat line with {needle:?}"))
}

async fn join_switch_and_return(version: ProtocolVersion, name: &str) {
    let (addr, handle) = network("").await;
    let mut client = ClientBuilder::new(&addr.to_string())
        .username(name)
        .initial_version(version)
        .allowed_versions([version])
        .connect()
        .await
        .unwrap();
    assert_eq!(client.version(), version);
    let uuid = mcproto::types::offline_uuid(name);
    let mut seen = Seen::default();

    // The lobby was told the player's UUID and address by the proxy.
    let welcome = until_chat(&mut client, &mut seen, "Welcome").await;
    assert_eq!(
        welcome,
        format!("[lobby] Welcome, {name} ({uuid}) from 127.0.0.1")
    );
    assert_eq!(seen.x, Some(0.5));
    let first_id = seen.entity_id.expect("Join Game");
    client
        .send(&ChatMessage {
            message: "hello".into(),
        })
        .unwrap();
    until_chat(&mut client, &mut seen, &format!("[lobby] <{name}> hello")).await;

    // Unknown servers and the current one are answered by the proxy.
    client
        .send(&ChatMessage {
            message: "/server nowhere".into(),
        })
        .unwrap();
    until_chat(&mut client, &mut seen, "There is no server named nowhere").await;
    client
        .send(&ChatMessage {
            message: "/server lobby".into(),
        })
        .unwrap();
    until_chat(&mut client, &mut seen, "already connected").await;

    for (server, x) in [("games", 1000.5), ("lobby", 0.5)] {
        let respawns = seen.respawns;
        client
            .send(&ChatMessage {
                message: format!("/server {server}").into(),
            })
            .unwrap();
        let welcome = until_chat(&mut client, &mut seen, "Welcome").await;
        assert_eq!(
            welcome,
            format!("[{server}] Welcome, {name} ({uuid}) from 127.0.0.1")
        );
        // The Respawn dance: another dimension, then the real one.
        assert_eq!(seen.respawns, respawns + 2);
        assert_eq!(seen.x, Some(x));
        client
            .send(&ChatMessage {
                message: format!("on {server}").into(),
            })
            .unwrap();
        until_chat(
            &mut client,
            &mut seen,
            &format!("[{server}] <{name}> on {server}"),
        )
        .await;
        let players = handle.players();
        assert_eq!(players.len(), 1);
        assert_eq!(players[0].server, server);
    }
    // Every Entity Status the backends sent for the player arrived with the
    // id the client knows, whatever id each backend gave.
    assert!(seen.statuses.len() >= 3, "{:?}", seen.statuses);
    assert!(
        seen.statuses.iter().all(|&id| id == first_id),
        "{:?} vs {first_id}",
        seen.statuses
    );
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moves_between_backends_in_1_8() {
    join_switch_and_return(V1_8, "alice").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moves_between_backends_in_1_12_2() {
    join_switch_and_return(V1_12_2, "bob").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_version_joins_through_the_proxy() {
    let (addr, _handle) = network("").await;
    for version in version::supported() {
        let name = format!("v{}", version.0);
        let mut client = ClientBuilder::new(&addr.to_string())
            .username(&name)
            .initial_version(version)
            .allowed_versions([version])
            .connect()
            .await
            .unwrap_or_else(|e| panic!("{version}: {e}"));
        let mut seen = Seen::default();
        until_chat(&mut client, &mut seen, "Welcome").await;
        client
            .send(&ChatMessage {
                message: "/server games".into(),
            })
            .unwrap();
        until_chat(&mut client, &mut seen, "[games] Welcome").await;
        client.close().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_backend_keeps_the_player_where_they_are() {
    let lobby = backend("lobby", 0.5, trusted()).await;
    // A port nobody listens on.
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let config = NetworkConfig::from_toml(&format!(
        "bind = \"127.0.0.1:0\"\ndefault = \"lobby\"\nforwarding = \"bungeecord\"\n\
         [servers]\nlobby = \"{lobby}\"\ngames = \"{dead}\"\n"
    ))
    .unwrap();
    let network = Network::bind(config).await.unwrap();
    let addr = network.local_addr();
    tokio::spawn(network.run());
    let mut client = ClientBuilder::new(&addr.to_string())
        .username("carol")
        .connect()
        .await
        .unwrap();
    let mut seen = Seen::default();
    until_chat(&mut client, &mut seen, "Welcome").await;
    client
        .send(&ChatMessage {
            message: "/server games".into(),
        })
        .unwrap();
    let why = until_chat(&mut client, &mut seen, "Could not connect to games").await;
    assert!(why.contains("cannot reach it"), "{why}");
    // Still on the lobby, chatting.
    client
        .send(&ChatMessage {
            message: "still here".into(),
        })
        .unwrap();
    until_chat(&mut client, &mut seen, "[lobby] <carol> still here").await;
    assert_eq!(seen.respawns, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backend_without_forwarding_refuses_and_the_login_says_why() {
    // A backend expecting forwarding from another address range.
    let strict = backend(
        "lobby",
        0.5,
        Forwarding::BungeeCord {
            trusted: vec!["10.0.0.0/8".parse().unwrap()],
        },
    )
    .await;
    let config = NetworkConfig::from_toml(&format!(
        "bind = \"127.0.0.1:0\"\ndefault = \"lobby\"\nforwarding = \"bungeecord\"\n\
         [servers]\nlobby = \"{strict}\"\n"
    ))
    .unwrap();
    let network = Network::bind(config).await.unwrap();
    let addr = network.local_addr();
    tokio::spawn(network.run());
    let Err(e) = ClientBuilder::new(&addr.to_string())
        .username("dave")
        .connect()
        .await
    else {
        panic!("the login went through");
    };
    let ConnectionError::Disconnected { reason } = e else {
        panic!("{e}");
    };
    assert_eq!(
        reason.to_plain(),
        "Could not connect to lobby: it refused the login: \
         This server only accepts players through its proxy."
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_proxy_answers_the_status_itself() {
    let (addr, _handle) = network("max_players = 42").await;
    let report = ClientBuilder::new(&addr.to_string())
        .status(true)
        .await
        .unwrap();
    assert_eq!(report.status.description.to_plain(), "Our network");
    assert_eq!(report.status.players.max, 42);
    assert_eq!(report.status.players.online, 0);
    // The pre-Netty ping too.
    let legacy = ClientBuilder::new(&addr.to_string())
        .legacy_status()
        .await
        .unwrap();
    assert_eq!(legacy.motd, "Our network");
    assert_eq!((legacy.online, legacy.max), (0, 42));
    assert_eq!(legacy.protocol, Some(127));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recording_holds_what_the_client_received() {
    let dir = std::env::temp_dir().join(format!("mcproto-network-rec-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (addr, handle) = network(&format!("recordings = {:?}", dir.display().to_string())).await;
    let mut client = ClientBuilder::new(&addr.to_string())
        .username("erin")
        .initial_version(V1_12_2)
        .allowed_versions([V1_12_2])
        .connect()
        .await
        .unwrap();
    let mut seen = Seen::default();
    until_chat(&mut client, &mut seen, "Welcome").await;
    client
        .send(&ChatMessage {
            message: "/server games".into(),
        })
        .unwrap();
    until_chat(&mut client, &mut seen, "[games] Welcome").await;
    client
        .send(&ChatMessage {
            message: "bye".into(),
        })
        .unwrap();
    until_chat(&mut client, &mut seen, "<erin> bye").await;
    // The proxy's shutdown kicks the player: everything up to that
    // Disconnect is what the client received.
    handle.shutdown();
    let mut received = seen.packets;
    loop {
        match timeout(LIMIT, client.next()).await.expect("the kick") {
            Some(Ok(_)) => received += 1,
            Some(Err(ConnectionError::Disconnected { reason })) => {
                assert_eq!(reason.to_plain(), "The proxy is shutting down");
                received += 1;
                break;
            }
            other => panic!("{:?}", other.map(|r| r.map(|p| p.name()))),
        }
    }

    // The proxy finishes the file when the session ends.
    let file = timeout(LIMIT, async {
        loop {
            if let Some(Ok(entry)) = std::fs::read_dir(&dir).ok().and_then(|mut d| d.next()) {
                let path = entry.path();
                if mcproto::recording::Recording::open(&path).is_ok_and(|r| r.meta.is_some()) {
                    return path;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("a recording");
    let mut recording = mcproto::recording::Recording::open(&file).unwrap();
    assert_eq!(recording.meta.as_ref().unwrap().version(), Some(V1_12_2));
    let registry = mcproto::packets::registry(V1_12_2).unwrap();
    let mut tracker = mcproto::recording::StateTracker::default();
    let mut play = 0;
    for packet in recording.packets().unwrap() {
        let packet = packet.unwrap();
        match tracker.state_of(registry, &packet.data) {
            State::Login => {}
            _ => {
                registry
                    .group_decoder::<PlayClientbound>()
                    .decode(&packet.data)
                    .unwrap();
                play += 1;
            }
        }
    }
    assert_eq!(play, received);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backend_behind_the_proxy_protocol_gets_its_header() {
    let lobby = backend("lobby", 0.5, trusted()).await;
    // This backend refuses any connection that does not start with a
    // PROXY header from 127.0.0.1.
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        forwarding: trusted(),
        proxy_protocol: Some(vec!["127.0.0.1/32".parse().unwrap()]),
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let games = server.local_addr();
    let named = Arc::new(Lobby::new().name("games"));
    tokio::spawn(server.run(move |player| named.clone().serve(player)));
    let config = |games_entry: String| {
        NetworkConfig::from_toml(&format!(
            "bind = \"127.0.0.1:0\"\ndefault = \"lobby\"\nforwarding = \"bungeecord\"\n\
             [servers]\nlobby = \"{lobby}\"\ngames = {games_entry}\n"
        ))
        .unwrap()
    };
    for (entry, works) in [
        (
            format!("{{ address = \"{games}\", proxy_protocol = true }}"),
            true,
        ),
        (format!("\"{games}\""), false),
    ] {
        let network = Network::bind(config(entry)).await.unwrap();
        let addr = network.local_addr();
        tokio::spawn(network.run());
        let mut client = ClientBuilder::new(&addr.to_string())
            .username("frank")
            .connect()
            .await
            .unwrap();
        let mut seen = Seen::default();
        until_chat(&mut client, &mut seen, "Welcome").await;
        client
            .send(&ChatMessage {
                message: "/server games".into(),
            })
            .unwrap();
        if works {
            let welcome = until_chat(&mut client, &mut seen, "[games] Welcome").await;
            assert!(welcome.ends_with("from 127.0.0.1"), "{welcome}");
        } else {
            until_chat(&mut client, &mut seen, "Could not connect to games").await;
        }
        client.close().await.unwrap();
    }
}
