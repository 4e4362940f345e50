//! Inputs shared by the benchmarks: deterministic byte streams built with
//! mcproto's own encoders, so every run (and every peer) sees the same bytes.

use bytes::BytesMut;
use mcproto::frame::FrameEncoder;
use mcproto::packets::handshaking::serverbound::Handshake;
use mcproto::packets::play::clientbound as cb;
use mcproto::packets::play::serverbound as sb;
use mcproto::packets::status::clientbound::StatusResponse;
use mcproto::packets::{
    HandshakingServerbound, HandshakingServerboundHandler, PlayServerbound, PlayServerboundHandler,
    StatusClientbound, StatusClientboundHandler,
};
use mcproto::prelude::*;
use mcproto::{Metadata, MetadataEntry, MetadataValue};
use std::hint::black_box;

pub mod valence;

/// The packets of the `packet/*` benchmark groups, as their rows name them.
pub const PACKETS: [&str; 6] = [
    "player_position",
    "player_position_and_look",
    "plugin_message",
    "handshake",
    "status_response",
    "chat_message",
];

/// Protocol version every stream is encoded for.
pub const V: ProtocolVersion = mcproto::packets::version::V1_8;

/// The compression threshold of the compressed streams (vanilla's default).
pub const THRESHOLD: usize = 256;

/// A small xorshift generator: the same numbers on every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// A float in `lo..hi`.
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * (hi - lo)
    }
}

/// VarInt values with a realistic mix of encoded sizes: packet ids, lengths
/// and small counts (1 byte), entity ids and block states (2–3 bytes), large
/// ids (4 bytes) and negative numbers (5 bytes).
///
/// Share by encoded size: 1 byte 50 %, 2 bytes 25 %, 3 bytes 15 %,
/// 4 bytes 5 %, 5 bytes 5 %.
pub fn varint_values(n: usize) -> Vec<i32> {
    let mut rng = Rng::new(0x5eed_0001);
    (0..n)
        .map(|_| {
            let pick = rng.below(100);
            let (lo, hi): (i64, i64) = match pick {
                0..50 => (0, 1 << 7),
                50..75 => (1 << 7, 1 << 14),
                75..90 => (1 << 14, 1 << 21),
                90..95 => (1 << 21, 1 << 28),
                _ => (-(1 << 30), 0),
            };
            (lo + rng.below((hi - lo) as u64) as i64) as i32
        })
        .collect()
}

/// The VarInt encodings of `values`, back to back.
pub fn varint_stream(values: &[i32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(values.len() * 3);
    for v in values {
        mcproto::types::varint::put_varint(&mut out, *v);
    }
    out
}

fn enc<P: Packet>(p: &P) -> Vec<u8> {
    enc_for(V, p)
}

fn enc_for<P: Packet>(v: ProtocolVersion, p: &P) -> Vec<u8> {
    let mut buf = Vec::new();
    mcproto::packets::registry(v)
        .expect("a shipped version")
        .encode(p, &mut buf)
        .expect("bench packet encodes");
    buf
}

/// `n` Player Position packets (id + body) with varied coordinates.
pub fn player_positions(n: usize) -> Vec<Vec<u8>> {
    let mut rng = Rng::new(0x5eed_0002);
    (0..n)
        .map(|_| {
            enc(&sb::PlayerPosition {
                x: rng.range(-3e4, 3e4),
                feet_y: rng.range(0.0, 256.0),
                z: rng.range(-3e4, 3e4),
                on_ground: rng.below(2) == 0,
            })
        })
        .collect()
}

/// `n` Player Position And Look packets (id + body).
pub fn player_positions_and_looks(n: usize) -> Vec<Vec<u8>> {
    let mut rng = Rng::new(0x5eed_0003);
    (0..n)
        .map(|_| {
            enc(&sb::PlayerPositionAndLook {
                x: rng.range(-3e4, 3e4),
                feet_y: rng.range(0.0, 256.0),
                z: rng.range(-3e4, 3e4),
                yaw: rng.range(-720.0, 720.0) as f32,
                pitch: rng.range(-90.0, 90.0) as f32,
                on_ground: rng.below(2) == 0,
            })
        })
        .collect()
}

/// Channels valid in both protocols: valence reads the channel as an
/// `Ident` (`namespace:path`, lower case), which 1.8's `MC|Brand` is not.
pub const CHANNELS: [&str; 4] = ["minecraft:brand", "bungeecord:main", "wecui:cui", "fml:hs"];

/// `n` Plugin Message packets (id + body) with 8–200 bytes of data.
pub fn plugin_messages(n: usize) -> Vec<Vec<u8>> {
    let mut rng = Rng::new(0x5eed_0004);
    (0..n)
        .map(|_| {
            let channel = CHANNELS[rng.below(CHANNELS.len() as u64) as usize];
            let len = 8 + rng.below(193) as usize;
            let data: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
            enc(&sb::PluginMessage {
                channel: channel.into(),
                data: data.into(),
            })
        })
        .collect()
}

/// `n` Handshake packets (id + body).
pub fn handshakes(n: usize) -> Vec<Vec<u8>> {
    let mut rng = Rng::new(0x5eed_0005);
    let hosts = [
        "localhost",
        "mc.example.org",
        "play.some-network.net",
        "10.0.0.12",
    ];
    (0..n)
        .map(|_| {
            enc(&Handshake {
                protocol_version: 47,
                server_address: hosts[rng.below(4) as usize].into(),
                server_port: 25565,
                next_state: if rng.below(2) == 0 {
                    NextState::Status
                } else {
                    NextState::Login
                },
            })
        })
        .collect()
}

/// `n` serverbound Chat Message packets (id + body): 1–100 characters of
/// chat (the 1.8 limit), words of ASCII with an accented letter now and
/// then.
pub fn chat_messages(n: usize) -> Vec<Vec<u8>> {
    let mut rng = Rng::new(0x5eed_0006);
    let words = [
        "gg", "hello", "anyone", "selling", "diamonds", "at", "spawn", "café", "lol", "brb",
        "heading", "back", "to", "base", "où", "est", "la", "ferme",
    ];
    (0..n)
        .map(|_| {
            let target = 1 + rng.below(100) as usize;
            let mut text = String::new();
            while text.chars().count() < target {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(words[rng.below(words.len() as u64) as usize]);
            }
            let text: String = text.chars().take(target).collect();
            enc(&sb::ChatMessage {
                message: text.into(),
            })
        })
        .collect()
}

/// A typical status JSON (version, players with a sample, description,
/// no favicon): about 400 bytes.
pub fn status_json(i: usize) -> String {
    format!(
        concat!(
            r#"{{"version":{{"name":"1.8.9","protocol":47}},"players":{{"max":100,"online":{},"#,
            r#""sample":[{{"name":"Alex","id":"ec561538-f3fd-461d-aff5-086b22154bce"}},"#,
            r#"{{"name":"Steve","id":"8667ba71-b85a-4004-af54-457a9734eed7"}}]}},"#,
            r#""description":{{"text":"A Minecraft server","color":"gold","extra":[{{"text":" — welcome!","color":"white"}}]}}}}"#
        ),
        i % 100
    )
}

/// `n` Status Response packets (id + body).
pub fn status_responses(n: usize) -> Vec<Vec<u8>> {
    (0..n)
        .map(|i| {
            enc(&mcproto::packets::status::clientbound::StatusResponse {
                json: status_json(i).into(),
            })
        })
        .collect()
}

/// One chunk column as vanilla 1.8 sends it around spawn: four sections
/// (y 0–63: bedrock, stone with ores, dirt, grass, air above), block light,
/// sky light, biomes. 49 408 bytes; compresses to a few KiB.
pub fn chunk_column(rng: &mut Rng) -> Vec<u8> {
    let mut data = Vec::with_capacity(4 * 12288 + 256);
    for section in 0..4u32 {
        for i in 0..4096u32 {
            let y = section * 16 + i / 256;
            let block: u16 = match y {
                0 => 7,
                1..=54 if rng.below(50) == 0 => 14 + rng.below(3) as u16,
                1..=54 => 1,
                55..=59 => 3,
                60 => 2,
                _ => 0,
            };
            data.extend_from_slice(&(block << 4).to_le_bytes());
        }
    }
    for section in 0..4u32 {
        // Block light (all dark), then sky light (full above ground).
        data.extend(std::iter::repeat_n(0u8, 2048));
        let sky = if section == 3 { 0xff } else { 0x00 };
        data.extend(std::iter::repeat_n(sky, 2048));
    }
    data.extend((0..256).map(|_| [1u8, 4, 27][rng.below(3) as usize]));
    data
}

fn metadata_packet(rng: &mut Rng, entity_id: i32) -> cb::EntityMetadata {
    cb::EntityMetadata {
        entity_id,
        metadata: Metadata(vec![
            MetadataEntry {
                index: 0,
                value: MetadataValue::Byte(rng.below(4) as i8),
            },
            MetadataEntry {
                index: 6,
                value: MetadataValue::Float(rng.range(1.0, 20.0) as f32),
            },
        ]),
    }
}

/// A recorded-style clientbound play stream (what a client reads): per
/// tick, movement of 20 nearby entities (relative moves, looks, head looks,
/// velocity, an occasional teleport and metadata), and over the stream
/// chat, time updates, keep-alives, block changes and chunk columns.
/// Returns packets (id + body).
pub fn clientbound_play_stream(ticks: usize) -> Vec<Vec<u8>> {
    let mut rng = Rng::new(0x5eed_0010);
    let mut out = Vec::new();
    let chat_lines = [
        "<Alex> anyone up for a trip to the nether?",
        "<Steve> sure, meet at spawn",
        "Notch joined the game",
        "<Herobrine> ...",
    ];
    for tick in 0..ticks {
        for e in 0..20 {
            let entity_id = 1000 + e;
            let angle = || Angle(0);
            match rng.below(10) {
                0..4 => out.push(enc(&cb::EntityLookAndRelativeMove {
                    entity_id,
                    delta_x: rng.below(64) as f64 / 32.0 - 1.0,
                    delta_y: 0.0,
                    delta_z: rng.below(64) as f64 / 32.0 - 1.0,
                    yaw: Angle(rng.below(256) as u8),
                    pitch: angle(),
                    on_ground: true,
                })),
                4..7 => out.push(enc(&cb::EntityRelativeMove {
                    entity_id,
                    delta_x: rng.below(64) as f64 / 32.0 - 1.0,
                    delta_y: 0.0,
                    delta_z: rng.below(64) as f64 / 32.0 - 1.0,
                    on_ground: true,
                })),
                7 => out.push(enc(&cb::EntityLook {
                    entity_id,
                    yaw: Angle(rng.below(256) as u8),
                    pitch: Angle(rng.below(64) as u8),
                    on_ground: true,
                })),
                8 => out.push(enc(&cb::EntityVelocity {
                    entity_id,
                    velocity_x: rng.below(2000) as i16 - 1000,
                    velocity_y: -627,
                    velocity_z: rng.below(2000) as i16 - 1000,
                })),
                _ => {}
            }
            if rng.below(4) == 0 {
                out.push(enc(&cb::EntityHeadLook {
                    entity_id,
                    head_yaw: Angle(rng.below(256) as u8),
                }));
            }
            if rng.below(100) == 0 {
                out.push(enc(&cb::EntityTeleport {
                    entity_id,
                    x: rng.range(-100.0, 100.0).round(),
                    y: 64.0,
                    z: rng.range(-100.0, 100.0).round(),
                    yaw: Angle(0),
                    pitch: Angle(0),
                    on_ground: true,
                }));
            }
            if rng.below(50) == 0 {
                out.push(enc(&metadata_packet(&mut rng, entity_id)));
            }
        }
        if tick % 20 == 0 {
            out.push(enc(&cb::TimeUpdate {
                world_age: 100_000 + tick as i64,
                time_of_day: 6000 + tick as i64,
            }));
        }
        if tick % 100 == 0 {
            out.push(enc(&cb::KeepAlive {
                keep_alive_id: tick as i64,
            }));
        }
        if tick % 7 == 0 {
            let line = chat_lines[rng.below(4) as usize];
            out.push(enc(&cb::ChatMessage {
                json_data: Chat::text(line),
                position: cb::ChatPosition::Chat,
            }));
        }
        if tick % 3 == 0 {
            out.push(enc(&cb::BlockChange {
                location: Position {
                    x: rng.below(200) as i32 - 100,
                    y: 60 + rng.below(8) as i32,
                    z: rng.below(200) as i32 - 100,
                },
                block_id: (rng.below(100) as i32) << 4,
            }));
        }
        if tick % 40 == 0 {
            out.push(enc(&cb::ChunkData {
                chunk_x: rng.below(20) as i32 - 10,
                chunk_z: rng.below(20) as i32 - 10,
                ground_up_continuous: true,
                primary_bit_mask: 0x000f,
                data: chunk_column(&mut rng).into(),
                block_entities: None,
            }));
        }
    }
    out
}

/// A recorded-style serverbound play stream (what a server reads from one
/// player): a movement packet every tick (vanilla 1.8 sends one every
/// tick), arm swings, keep-alive answers, chat, plugin messages, entity
/// actions and hot-bar changes. Returns packets (id + body).
pub fn serverbound_play_stream(ticks: usize) -> Vec<Vec<u8>> {
    serverbound_play_stream_for(V, ticks)
}

/// The same stream in protocol `v`: the same packets and values, each in
/// that version's layout (from 1.9 the arm swing names its hand; at 340
/// Keep Alive is a Long).
pub fn serverbound_play_stream_for(v: ProtocolVersion, ticks: usize) -> Vec<Vec<u8>> {
    let enc = |p: &dyn EncodeFor| p.encode_for(v);
    let mut rng = Rng::new(0x5eed_0011);
    let mut out = Vec::new();
    let (mut x, mut y, mut z) = (120.5, 64.0, -33.5);
    for tick in 0..ticks {
        x += rng.range(-0.2, 0.2);
        z += rng.range(-0.2, 0.2);
        match rng.below(10) {
            0..5 => out.push(enc(&sb::PlayerPositionAndLook {
                x,
                feet_y: y,
                z,
                yaw: rng.range(-180.0, 180.0) as f32,
                pitch: rng.range(-30.0, 30.0) as f32,
                on_ground: true,
            })),
            5..8 => out.push(enc(&sb::PlayerPosition {
                x,
                feet_y: y,
                z,
                on_ground: true,
            })),
            8 => out.push(enc(&sb::PlayerLook {
                yaw: rng.range(-180.0, 180.0) as f32,
                pitch: rng.range(-30.0, 30.0) as f32,
                on_ground: true,
            })),
            _ => out.push(enc(&sb::Player { on_ground: true })),
        }
        if rng.below(20) == 0 {
            y = 64.0 + rng.below(3) as f64;
        }
        if rng.below(8) == 0 {
            let hand = (v >= mcproto::packets::version::V1_9)
                .then_some(mcproto::packets::play::types::Hand::MainHand);
            out.push(enc(&sb::Animation { hand }));
        }
        if tick % 100 == 50 {
            out.push(enc(&sb::KeepAlive {
                keep_alive_id: (tick / 100) as i64,
            }));
        }
        if tick % 60 == 30 {
            out.push(enc(&sb::ChatMessage {
                message: "gg, heading back to base".into(),
            }));
        }
        if tick % 50 == 10 {
            let channel = CHANNELS[rng.below(CHANNELS.len() as u64) as usize];
            let len = 8 + rng.below(120) as usize;
            out.push(enc(&sb::PluginMessage {
                channel: channel.into(),
                data: (0..len)
                    .map(|_| rng.next_u64() as u8)
                    .collect::<Vec<u8>>()
                    .into(),
            }));
        }
        if tick % 25 == 0 {
            out.push(enc(&sb::HeldItemChange {
                slot: rng.below(9) as i16,
            }));
        }
    }
    out
}

/// A packet encoded in a chosen version, as a trait object (the stream
/// builders mix packet types).
trait EncodeFor {
    fn encode_for(&self, v: ProtocolVersion) -> Vec<u8>;
}

impl<P: Packet + 'static> EncodeFor for P {
    fn encode_for(&self, v: ProtocolVersion) -> Vec<u8> {
        enc_for(v, self)
    }
}

/// Frames `packets` back to back, compressed at `threshold` if given
/// (mcproto's encoder: level 4, packets of at least `threshold` bytes
/// compressed, as vanilla does).
pub fn frame_stream(packets: &[Vec<u8>], threshold: Option<usize>) -> Vec<u8> {
    let mut enc = FrameEncoder::new();
    enc.set_compression(threshold);
    let mut out = BytesMut::new();
    for p in packets {
        enc.encode(p, &mut out).expect("bench packet frames");
    }
    out.to_vec()
}

/// Total bytes of a list of packets.
pub fn total_len(packets: &[Vec<u8>]) -> usize {
    packets.iter().map(Vec::len).sum()
}

/// The handler the `handler` rows decode into: the benchmarked packets by
/// method, everything else as the group value, each handed to `black_box`
/// by reference, as every row hands over its result (see [`Take`]).
#[derive(Debug)]
pub struct Sink;

impl<'a> PlayServerboundHandler<'a> for Sink {
    type Output = ();
    fn packet(&mut self, packet: PlayServerbound<'a>) {
        black_box(&packet);
    }
    fn player_position(&mut self, p: sb::PlayerPosition) {
        black_box(&p);
    }
    fn player_position_and_look(&mut self, p: sb::PlayerPositionAndLook) {
        black_box(&p);
    }
    fn plugin_message(&mut self, p: sb::PluginMessage<'a>) {
        black_box(&p);
    }
    fn chat_message(&mut self, p: sb::ChatMessage<'a>) {
        black_box(&p);
    }
}

impl<'a> HandshakingServerboundHandler<'a> for Sink {
    type Output = ();
    fn packet(&mut self, packet: HandshakingServerbound<'a>) {
        black_box(&packet);
    }
    fn handshake(&mut self, p: Handshake<'a>) {
        black_box(&p);
    }
}

impl<'a> StatusClientboundHandler<'a> for Sink {
    type Output = ();
    fn packet(&mut self, packet: StatusClientbound<'a>) {
        black_box(&packet);
    }
    fn status_response(&mut self, p: StatusResponse<'a>) {
        black_box(&p);
    }
}

/// What the `group` rows do with a decoded group value: a `match` whose
/// arms hand the benchmarked packets to `black_box` by reference, that is
/// read where the value holds them, as an arm that reads the packet's
/// fields does; other packets are dropped. (Bound by value, the packet is
/// first copied out of the value, which stalls on the stores that just
/// wrote it.) The `group_whole` rows move the whole value into `black_box`
/// instead, as a program that keeps or forwards the value does.
pub trait Take {
    /// Matches the value and takes its packet.
    fn take(self);
}

/// What the `group_whole` rows do with the group value: move it, whole,
/// into `black_box`.
#[inline]
pub fn moved<T>(value: T) {
    black_box(value);
}

impl Take for PlayServerbound<'_> {
    #[inline]
    fn take(self) {
        match &self {
            PlayServerbound::PlayerPosition(p) => drop(black_box(p)),
            PlayServerbound::PlayerPositionAndLook(p) => drop(black_box(p)),
            PlayServerbound::PluginMessage(p) => drop(black_box(p)),
            PlayServerbound::ChatMessage(p) => drop(black_box(p)),
            _ => {}
        }
    }
}

impl Take for HandshakingServerbound<'_> {
    #[inline]
    fn take(self) {
        if let HandshakingServerbound::Handshake(p) = &self {
            black_box(p);
        }
    }
}

impl Take for StatusClientbound<'_> {
    #[inline]
    fn take(self) {
        if let StatusClientbound::StatusResponse(p) = &self {
            black_box(p);
        }
    }
}
