//! The client's automatic answers, as a vanilla client of each version
//! gives them: Client Settings and the brand after Join Game, the answer
//! to each Player Position And Look (relative flags resolved), and a
//! position update every second; and nothing when they are turned off.
//!
//! A raw connection plays the server and compares what the client sends
//! with bytes worked out by hand from wiki.vg:
//! - packet ids: the 1.8 page (`oldid=7368`: Client Settings 0x15, Plugin
//!   Message 0x17, Player Position 0x04, Player Position And Look 0x06),
//!   1.9–1.11 (`oldid=7617`: Teleport Confirm 0x00, Client Settings 0x04,
//!   Plugin Message 0x09, Player Position 0x0C, Player Position And Look
//!   0x0D), 1.12.1–1.12.2 (`oldid=14204`: 0x00, 0x04, 0x09, 0x0D, 0x0E);
//! - layouts: Client Settings = String locale, Byte view distance, chat
//!   mode (Byte in 1.8, VarInt from 1.9), Boolean colours, Unsigned Byte
//!   skin parts, VarInt main hand (1.9 on; 1 = right); Plugin Message =
//!   String channel + the rest (`MC|Brand`: a String); positions are
//!   big-endian IEEE 754 Doubles, angles Floats, on-ground a Boolean.
//!
//! The floating-point constants below were encoded by hand (sign,
//! exponent + bias, mantissa), each noted with its value.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use mcproto::client::{Behaviour, ChatMode, Client, ClientBuilder, Location, MainHand, Settings};
use mcproto::conn::{AsyncConnection, Side};
use mcproto::packets::login::clientbound::LoginSuccess;
use mcproto::packets::login::serverbound::LoginStart;
use mcproto::packets::play::clientbound::{
    ChatMessage, ChatPosition, JoinGame, JoinGameMode, LevelType, PlayerPositionAndLook, Respawn,
};
use mcproto::packets::play::serverbound::PlayerPosition;
use mcproto::packets::play::types::{Difficulty, Dimension, GameMode};
use mcproto::packets::version::{self, V1_8, V1_9, V1_10, V1_12_2};
use mcproto::packets::{PlayClientbound, PlayServerbound, registry};
use mcproto::prelude::*;
use mcproto::server::{Server, ServerConfig};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::task::JoinHandle;
use tokio::time::timeout;

type Conn = AsyncConnection<OwnedReadHalf, OwnedWriteHalf>;

const LIMIT: Duration = Duration::from_secs(10);

// Doubles, big-endian.
const D_100_5: [u8; 8] = [0x40, 0x59, 0x20, 0, 0, 0, 0, 0]; // 100.5 = 1.5703125 × 2^6
const D_64: [u8; 8] = [0x40, 0x50, 0, 0, 0, 0, 0, 0]; // 64 = 1 × 2^6
const D_M20_25: [u8; 8] = [0xC0, 0x34, 0x40, 0, 0, 0, 0, 0]; // −20.25 = −1.265625 × 2^4
const D_102: [u8; 8] = [0x40, 0x59, 0x80, 0, 0, 0, 0, 0]; // 102 = 1.59375 × 2^6
const D_63_5: [u8; 8] = [0x40, 0x4F, 0xC0, 0, 0, 0, 0, 0]; // 63.5 = 1.984375 × 2^5
const D_7: [u8; 8] = [0x40, 0x1C, 0, 0, 0, 0, 0, 0]; // 7 = 1.75 × 2^2
const D_M8_5: [u8; 8] = [0xC0, 0x21, 0, 0, 0, 0, 0, 0]; // −8.5 = −1.0625 × 2^3
const D_70: [u8; 8] = [0x40, 0x51, 0x80, 0, 0, 0, 0, 0]; // 70 = 1.09375 × 2^6
const D_12: [u8; 8] = [0x40, 0x28, 0, 0, 0, 0, 0, 0]; // 12 = 1.5 × 2^3
const D_3: [u8; 8] = [0x40, 0x08, 0, 0, 0, 0, 0, 0]; // 3 = 1.5 × 2^1
const D_65: [u8; 8] = [0x40, 0x50, 0x40, 0, 0, 0, 0, 0]; // 65 = 1.015625 × 2^6
const D_11_5: [u8; 8] = [0x40, 0x27, 0, 0, 0, 0, 0, 0]; // 11.5 = 1.4375 × 2^3
const D_1_25: [u8; 8] = [0x3F, 0xF4, 0, 0, 0, 0, 0, 0]; // 1.25 = 1.25 × 2^0
const D_M2: [u8; 8] = [0xC0, 0, 0, 0, 0, 0, 0, 0]; // −2 = −1 × 2^1
// Floats, big-endian.
const F_0: [u8; 4] = [0, 0, 0, 0];
const F_90: [u8; 4] = [0x42, 0xB4, 0, 0]; // 90 = 1.40625 × 2^6
const F_135: [u8; 4] = [0x43, 0x07, 0, 0]; // 135 = 1.0546875 × 2^7
const F_10: [u8; 4] = [0x41, 0x20, 0, 0]; // 10 = 1.25 × 2^3
const F_M45: [u8; 4] = [0xC2, 0x34, 0, 0]; // −45 = −1.40625 × 2^5
const F_30: [u8; 4] = [0x41, 0xF0, 0, 0]; // 30 = 1.875 × 2^4
const F_180: [u8; 4] = [0x43, 0x34, 0, 0]; // 180 = 1.40625 × 2^7
const F_M10: [u8; 4] = [0xC1, 0x20, 0, 0]; // −10 = −1.25 × 2^3

/// "en_US" as a String: length 5, then ASCII.
const EN_US: [u8; 6] = [0x05, b'e', b'n', b'_', b'U', b'S'];
/// "MC|Brand" then the String "vanilla": the Plugin Message body.
const BRAND_VANILLA: [u8; 17] = [
    0x08, b'M', b'C', b'|', b'B', b'r', b'a', b'n', b'd', 0x07, b'v', b'a', b'n', b'i', b'l', b'l',
    b'a',
];

fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// Client Settings with the defaults: en_US, 8 chunks, chat on (0),
/// colours on, every skin part (0x7F); 1.9 on also main hand right (1).
fn default_settings(version: ProtocolVersion) -> Vec<u8> {
    if version == V1_8 {
        cat(&[&[0x15], &EN_US, &[0x08, 0x00, 0x01, 0x7F]])
    } else {
        cat(&[&[0x04], &EN_US, &[0x08, 0x00, 0x01, 0x7F, 0x01]])
    }
}

/// Serverbound ids by version: (Plugin Message, Player Position, Player
/// Position And Look).
fn ids(version: ProtocolVersion) -> (u8, u8, u8) {
    if version == V1_8 {
        (0x17, 0x04, 0x06)
    } else if version < version::V1_12_1 {
        (0x09, 0x0C, 0x0D)
    } else {
        (0x09, 0x0D, 0x0E)
    }
}

fn brand(version: ProtocolVersion) -> Vec<u8> {
    cat(&[&[ids(version).0], &BRAND_VANILLA])
}

/// Player Position And Look (serverbound) as the answer to a teleport:
/// on-ground false.
fn answer(
    version: ProtocolVersion,
    x: [u8; 8],
    y: [u8; 8],
    z: [u8; 8],
    yaw: [u8; 4],
    pitch: [u8; 4],
) -> Vec<u8> {
    cat(&[&[ids(version).2], &x, &y, &z, &yaw, &pitch, &[0x00]])
}

/// Player Position.
fn position(
    version: ProtocolVersion,
    x: [u8; 8],
    y: [u8; 8],
    z: [u8; 8],
    on_ground: bool,
) -> Vec<u8> {
    cat(&[&[ids(version).1], &x, &y, &z, &[u8::from(on_ground)]])
}

/// Teleport Confirm: id 0x00, the Teleport ID as a VarInt.
fn confirm(teleport_id: &[u8]) -> Vec<u8> {
    cat(&[&[0x00], teleport_id])
}

fn join_game(dimension: Dimension) -> JoinGame {
    JoinGame {
        entity_id: 42,
        gamemode: JoinGameMode::new(GameMode::Survival),
        dimension,
        difficulty: Difficulty::Easy,
        max_players: 20,
        level_type: LevelType::Default,
        reduced_debug_info: false,
    }
}

fn teleport(
    version: ProtocolVersion,
    (x, y, z): (f64, f64, f64),
    (yaw, pitch): (f32, f32),
    flags: i8,
    id: i32,
) -> PlayerPositionAndLook {
    PlayerPositionAndLook {
        x,
        y,
        z,
        yaw,
        pitch,
        flags,
        teleport_id: (version >= V1_9).then_some(id),
    }
}

/// A server on loopback that logs one client in with `version` and then
/// runs `script` on the connection, in the play state.
async fn raw_server<F, Fut, T>(version: ProtocolVersion, script: F) -> (String, JoinHandle<T>)
where
    F: FnOnce(Conn) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = T> + Send,
    T: Send + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let task = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let mut conn =
            AsyncConnection::from_tcp(stream, registry(version).unwrap().clone(), Side::Server)
                .unwrap();
        let hs: Handshake = conn.reader.read_packet().await.unwrap();
        assert_eq!(hs.protocol_version, version.0);
        conn.set_state(State::Login);
        let start: LoginStart = conn.reader.read_packet().await.unwrap();
        conn.writer
            .send(&LoginSuccess {
                uuid: "00000000-0000-0000-0000-000000000001".into(),
                username: start.name,
            })
            .await
            .unwrap();
        conn.set_state(State::Play);
        script(conn).await
    });
    (addr, task)
}

/// The next frame the client sent (id + body), within a few seconds.
async fn frame(conn: &mut Conn) -> Vec<u8> {
    timeout(Duration::from_secs(5), conn.reader.read_frame())
        .await
        .expect("the client sent nothing")
        .expect("the connection failed")
        .to_vec()
}

/// Asserts the client sends nothing for `d`.
async fn silence(conn: &mut Conn, d: Duration) {
    if let Ok(r) = timeout(d, conn.reader.read_frame()).await {
        panic!("the client sent {:02x?}", r.map(<[u8]>::to_vec));
    }
}

fn hex(b: &[u8]) -> String {
    b.iter()
        .map(|x| format!("{x:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

macro_rules! assert_bytes {
    ($got:expr, $want:expr, $what:expr) => {{
        let (got, want): (Vec<u8>, Vec<u8>) = ($got, $want);
        assert!(
            got == want,
            "{}:\n  got  {}\n  want {}",
            $what,
            hex(&got),
            hex(&want)
        );
    }};
}

/// Reads the client until `server` finishes; returns the names of the
/// packets `next()` handed out and what the server returned. A chat line
/// "move" makes the client send `on_move` itself.
async fn drive<T>(
    client: &mut Client,
    server: JoinHandle<T>,
    on_move: Option<PlayerPosition>,
) -> (Vec<&'static str>, T) {
    let sender = client.sender();
    let mut seen = Vec::new();
    tokio::pin!(server);
    timeout(LIMIT * 2, async {
        loop {
            tokio::select! {
                r = &mut server => return (seen, r.expect("server script panicked")),
                p = client.next() => match p {
                    Some(Ok(p)) => {
                        seen.push(p.name());
                        if let PlayClientbound::ChatMessage(chat) = &p
                            && chat.json_data.to_plain() == "move"
                            && let Some(m) = &on_move
                        {
                            sender.send(m).unwrap();
                        }
                    }
                    // The server may close first; its result tells.
                    Some(Err(_)) | None => {
                        return (seen, (&mut server).await.expect("server script panicked"));
                    }
                },
            }
        }
    })
    .await
    .expect("timed out")
}

fn builder(addr: &str, version: ProtocolVersion) -> ClientBuilder {
    ClientBuilder::new(addr)
        .username("bot")
        .allowed_versions([version])
}

/// Asserts that the next frame is a periodic Player Position `want`,
/// about a second after `since`; returns when it came.
async fn periodic(conn: &mut Conn, since: Instant, want: Vec<u8>) -> Instant {
    let got = frame(conn).await;
    let at = Instant::now();
    assert_bytes!(got, want, "periodic Player Position");
    let gap = at - since;
    assert!(
        gap >= Duration::from_millis(800) && gap <= Duration::from_millis(2000),
        "the update came {gap:?} after the previous movement packet"
    );
    at
}

/// Join Game, then an absolute and a relative teleport (flags X | Y | yaw
/// = 0x0B), then two periodic updates: 1.8 and 1.12.2 take the same
/// numbers, so the same hand-made bytes serve both.
async fn join_and_teleports(version: ProtocolVersion) {
    let handled = Arc::new(AtomicUsize::new(0));
    let (addr, server) = raw_server(version, move |mut conn| async move {
        conn.writer
            .send(&join_game(Dimension::Overworld))
            .await
            .unwrap();
        assert_bytes!(
            frame(&mut conn).await,
            default_settings(version),
            "Client Settings"
        );
        assert_bytes!(frame(&mut conn).await, brand(version), "MC|Brand");

        conn.writer
            .send(&teleport(version, (100.5, 64.0, -20.25), (90.0, 0.0), 0, 7))
            .await
            .unwrap();
        if version >= V1_9 {
            assert_bytes!(
                frame(&mut conn).await,
                confirm(&[0x07]),
                "Teleport Confirm 7"
            );
        }
        assert_bytes!(
            frame(&mut conn).await,
            answer(version, D_100_5, D_64, D_M20_25, F_90, F_0),
            "answer to the absolute teleport"
        );

        // x += 1.5, y += −0.5, z = 7, yaw += 45, pitch = 10; id 300 is
        // the VarInt AC 02.
        conn.writer
            .send(&teleport(
                version,
                (1.5, -0.5, 7.0),
                (45.0, 10.0),
                0x0B,
                300,
            ))
            .await
            .unwrap();
        if version >= V1_9 {
            assert_bytes!(
                frame(&mut conn).await,
                confirm(&[0xAC, 0x02]),
                "Teleport Confirm 300"
            );
        }
        assert_bytes!(
            frame(&mut conn).await,
            answer(version, D_102, D_63_5, D_7, F_135, F_10),
            "answer to the relative teleport (102, 63.5, 7, 135°, 10°)"
        );
        let answered = Instant::now();
        // Then Player Position every second, standing (on-ground true).
        let want = position(version, D_102, D_63_5, D_7, true);
        let first = periodic(&mut conn, answered, want.clone()).await;
        periodic(&mut conn, first, want).await;
    })
    .await;
    let counter = handled.clone();
    let mut client = builder(&addr, version)
        .on(move |_: &PlayerPositionAndLook| {
            counter.fetch_add(1, Ordering::SeqCst);
        })
        .connect()
        .await
        .unwrap();
    let (seen, ()) = drive(&mut client, server, None).await;
    // next() and the typed handler still see every packet.
    assert_eq!(
        seen,
        ["JoinGame", "PlayerPositionAndLook", "PlayerPositionAndLook"]
    );
    assert_eq!(handled.load(Ordering::SeqCst), 2);
    assert_eq!(
        client.position(),
        Some(Location {
            x: 102.0,
            y: 63.5,
            z: 7.0,
            yaw: 135.0,
            pitch: 10.0,
            on_ground: true
        })
    );
    assert_eq!(client.entity_id(), Some(42));
    assert_eq!(client.dimension(), Some(Dimension::Overworld));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_1_8_settings_brand_and_the_position_echoed() {
    join_and_teleports(V1_8).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_1_12_2_teleport_confirm_then_the_position() {
    join_and_teleports(V1_12_2).await;
}

/// 1.10 (the 1.9 id table), with other numbers: flags Z | pitch (0x14).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_1_10_relative_z_and_pitch() {
    let version = V1_10;
    let (addr, server) = raw_server(version, move |mut conn| async move {
        conn.writer
            .send(&join_game(Dimension::Overworld))
            .await
            .unwrap();
        assert_bytes!(
            frame(&mut conn).await,
            default_settings(version),
            "Client Settings"
        );
        assert_bytes!(frame(&mut conn).await, brand(version), "MC|Brand");
        conn.writer
            .send(&teleport(version, (-8.5, 70.0, 12.0), (-45.0, 30.0), 0, 1))
            .await
            .unwrap();
        assert_bytes!(
            frame(&mut conn).await,
            confirm(&[0x01]),
            "Teleport Confirm 1"
        );
        assert_bytes!(
            frame(&mut conn).await,
            answer(version, D_M8_5, D_70, D_12, F_M45, F_30),
            "answer to the absolute teleport"
        );
        // x = 3, y = 65, z += −0.5, yaw = 180, pitch += −40.
        conn.writer
            .send(&teleport(
                version,
                (3.0, 65.0, -0.5),
                (180.0, -40.0),
                0x14,
                2,
            ))
            .await
            .unwrap();
        assert_bytes!(
            frame(&mut conn).await,
            confirm(&[0x02]),
            "Teleport Confirm 2"
        );
        assert_bytes!(
            frame(&mut conn).await,
            answer(version, D_3, D_65, D_11_5, F_180, F_M10),
            "answer to the relative teleport (3, 65, 11.5, 180°, −10°)"
        );
        let answered = Instant::now();
        periodic(
            &mut conn,
            answered,
            position(version, D_3, D_65, D_11_5, true),
        )
        .await;
    })
    .await;
    let mut client = builder(&addr, version).connect().await.unwrap();
    drive(&mut client, server, None).await;
    let p = client.position().unwrap();
    assert_eq!(
        (p.x, p.y, p.z, p.yaw, p.pitch),
        (3.0, 65.0, 11.5, 180.0, -10.0)
    );
}

/// Turned off, the client sends nothing by itself, but still follows
/// where the server puts the player.
async fn silent(version: ProtocolVersion) {
    let (addr, server) = raw_server(version, move |mut conn| async move {
        conn.writer
            .send(&join_game(Dimension::Overworld))
            .await
            .unwrap();
        conn.writer
            .send(&teleport(version, (100.5, 64.0, -20.25), (90.0, 0.0), 0, 3))
            .await
            .unwrap();
        // Longer than the position period.
        silence(&mut conn, Duration::from_millis(1600)).await;
    })
    .await;
    let mut client = builder(&addr, version)
        .vanilla_behaviour(false)
        .connect()
        .await
        .unwrap();
    let (seen, ()) = drive(&mut client, server, None).await;
    assert_eq!(seen, ["JoinGame", "PlayerPositionAndLook"]);
    assert_eq!(client.position().map(|p| (p.x, p.z)), Some((100.5, -20.25)));
    assert_eq!(client.behaviour(), &Behaviour::none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn turned_off_it_sends_nothing_in_1_8() {
    silent(V1_8).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn turned_off_it_sends_nothing_in_1_12_2() {
    silent(V1_12_2).await;
}

/// One switch on, the others off: only the teleport is answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_teleport_answer() {
    let version = V1_12_2;
    let (addr, server) = raw_server(version, move |mut conn| async move {
        conn.writer
            .send(&join_game(Dimension::Overworld))
            .await
            .unwrap();
        conn.writer
            .send(&teleport(version, (100.5, 64.0, -20.25), (90.0, 0.0), 0, 7))
            .await
            .unwrap();
        assert_bytes!(frame(&mut conn).await, confirm(&[0x07]), "Teleport Confirm");
        assert_bytes!(
            frame(&mut conn).await,
            answer(version, D_100_5, D_64, D_M20_25, F_90, F_0),
            "answer"
        );
        silence(&mut conn, Duration::from_millis(1600)).await;
    })
    .await;
    let mut client = builder(&addr, version)
        .behaviour(Behaviour {
            answer_teleports: true,
            ..Behaviour::none()
        })
        .connect()
        .await
        .unwrap();
    drive(&mut client, server, None).await;
}

/// A configured brand and settings: de_DE, 2 chunks, commands only (1),
/// no colours, cape only (0x01), left hand (0).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn brand_and_settings_are_configurable() {
    let version = V1_12_2;
    let (addr, server) = raw_server(version, move |mut conn| async move {
        conn.writer
            .send(&join_game(Dimension::Overworld))
            .await
            .unwrap();
        assert_bytes!(
            frame(&mut conn).await,
            cat(&[&[0x04, 0x05], b"de_DE", &[0x02, 0x01, 0x00, 0x01, 0x00]]),
            "Client Settings"
        );
        assert_bytes!(
            frame(&mut conn).await,
            cat(&[&[0x09, 0x08], b"MC|Brand", &[0x0B], b"mcproto-bot"]),
            "MC|Brand"
        );
    })
    .await;
    let mut client = builder(&addr, version)
        .brand("mcproto-bot")
        .settings(Settings {
            locale: "de_DE".into(),
            view_distance: 2,
            chat_mode: ChatMode::CommandsOnly,
            chat_colors: false,
            skin_parts: 0x01,
            main_hand: MainHand::Left,
        })
        .connect()
        .await
        .unwrap();
    drive(&mut client, server, None).await;
}

/// Respawn: the dimension changes and the updates pause (the player is
/// nowhere) until the next Player Position And Look, which is answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn respawn_pauses_the_updates_until_the_next_teleport() {
    let version = V1_12_2;
    let (addr, server) = raw_server(version, move |mut conn| async move {
        conn.writer
            .send(&join_game(Dimension::Overworld))
            .await
            .unwrap();
        frame(&mut conn).await; // settings
        frame(&mut conn).await; // brand
        conn.writer
            .send(&teleport(version, (100.5, 64.0, -20.25), (90.0, 0.0), 0, 1))
            .await
            .unwrap();
        assert_bytes!(
            frame(&mut conn).await,
            confirm(&[0x01]),
            "Teleport Confirm 1"
        );
        frame(&mut conn).await; // the answer
        conn.writer
            .send(&Respawn {
                dimension: Dimension::Nether,
                difficulty: Difficulty::Easy,
                gamemode: GameMode::Survival,
                level_type: LevelType::Default,
            })
            .await
            .unwrap();
        silence(&mut conn, Duration::from_millis(1600)).await;
        conn.writer
            .send(&teleport(version, (102.0, 63.5, 7.0), (135.0, 10.0), 0, 2))
            .await
            .unwrap();
        assert_bytes!(
            frame(&mut conn).await,
            confirm(&[0x02]),
            "Teleport Confirm 2"
        );
        assert_bytes!(
            frame(&mut conn).await,
            answer(version, D_102, D_63_5, D_7, F_135, F_10),
            "answer after the respawn"
        );
        periodic(
            &mut conn,
            Instant::now(),
            position(version, D_102, D_63_5, D_7, true),
        )
        .await;
    })
    .await;
    let mut client = builder(&addr, version).connect().await.unwrap();
    let (seen, ()) = drive(&mut client, server, None).await;
    assert_eq!(
        seen,
        [
            "JoinGame",
            "PlayerPositionAndLook",
            "Respawn",
            "PlayerPositionAndLook"
        ]
    );
    assert_eq!(client.dimension(), Some(Dimension::Nether));
}

/// A movement packet the user sends moves the tracked position and
/// restarts the period: the next update reports the user's position a
/// second after it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_users_movement_is_what_the_updates_report() {
    let version = V1_8;
    let (addr, server) = raw_server(version, move |mut conn| async move {
        conn.writer
            .send(&join_game(Dimension::Overworld))
            .await
            .unwrap();
        frame(&mut conn).await; // settings
        frame(&mut conn).await; // brand
        conn.writer
            .send(&teleport(version, (100.5, 64.0, -20.25), (90.0, 0.0), 0, 0))
            .await
            .unwrap();
        frame(&mut conn).await; // the answer
        // Half a period later, ask the client to move.
        tokio::time::sleep(Duration::from_millis(500)).await;
        conn.writer
            .send(&ChatMessage {
                json_data: Chat::text("move"),
                position: ChatPosition::Chat,
            })
            .await
            .unwrap();
        let own = position(version, D_1_25, D_64, D_M2, false);
        assert_bytes!(
            frame(&mut conn).await,
            own.clone(),
            "the user's Player Position"
        );
        periodic(&mut conn, Instant::now(), own).await;
    })
    .await;
    let mut client = builder(&addr, version).connect().await.unwrap();
    let (_, ()) = drive(
        &mut client,
        server,
        Some(PlayerPosition {
            x: 1.25,
            feet_y: 64.0,
            z: -2.0,
            on_ground: false,
        }),
    )
    .await;
    let p = client.position().unwrap();
    assert_eq!(
        (p.x, p.y, p.z, p.yaw, p.on_ground),
        (1.25, 64.0, -2.0, 90.0, false)
    );
}

/// Every version against the embedded server: what the server's player
/// reads after Join Game and one teleport, in order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_version_against_the_embedded_server() {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let addr = server.local_addr().to_string();
    let handle = server.handle();
    tokio::spawn(server.run(move |mut player| {
        let tx = tx.clone();
        async move {
            let version = player.version();
            player.send(&join_game(Dimension::Overworld)).unwrap();
            player
                .send(&teleport(version, (0.5, 4.0, 0.5), (0.0, 0.0), 0, 11))
                .unwrap();
            let mut names = Vec::new();
            while let Some(Ok(p)) = player.next().await {
                let name = p.name();
                if let PlayServerbound::TeleportConfirm(c) = &p {
                    assert_eq!(c.teleport_id, 11);
                }
                names.push(name);
                if name == "PlayerPosition" {
                    break;
                }
            }
            let _ = tx.send((version, names));
        }
    }));
    let clients: Vec<_> = version::supported()
        .map(|v| {
            let addr = addr.clone();
            tokio::spawn(async move {
                let mut client = builder(&addr, v).connect().await.unwrap();
                // Read until the server closes the session.
                while let Some(Ok(_)) = client.next().await {}
            })
        })
        .collect();
    let mut results = Vec::new();
    for _ in version::supported() {
        results.push(timeout(LIMIT, rx.recv()).await.unwrap().unwrap());
    }
    results.sort_by_key(|(v, _)| *v);
    for (v, names) in results {
        let mut want = vec!["ClientSettings", "PluginMessage"];
        if v >= V1_9 {
            want.push("TeleportConfirm");
        }
        want.extend(["PlayerPositionAndLook", "PlayerPosition"]);
        assert_eq!(names, want, "protocol {v}");
    }
    handle.shutdown();
    for c in clients {
        let _ = timeout(LIMIT, c).await;
    }
}
