//! Typed decode and encode of the packets whose layout is the same in
//! protocol 47 and in valence_protocol (1.20.1): derived code, a
//! hand-written field-by-field baseline, and valence, on identical bytes.
//!
//! Every benchmark works on a batch of `N` different packets (id + body)
//! and reports packets per second. The standard packets borrow their
//! strings and byte arrays from the bytes they are decoded from: every
//! decode row reads borrowed slices, and the rows named `*owned*` or
//! `derived_copy` also copy them into the packet's owned (`'static`) form.

use std::hint::black_box;

use std::borrow::Cow;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mcproto::packets::handshaking::serverbound::{Handshake, NextState};
use mcproto::packets::play::serverbound as sb;
use mcproto::packets::status::clientbound::StatusResponse;
use mcproto::packets::{HandshakingServerbound, PlayServerbound, StatusClientbound};
use mcproto::prelude::*;
use mcproto::types::string::{read_cow, read_str};
use mcproto::{DEFAULT_MAX_STRING, DecodeOwned};
use mcproto_benchmarks::valence::{valence_decode, valence_encode};
use mcproto_benchmarks::{self as inputs, Sink, Take, moved};
use valence_protocol::packets::handshaking::HandshakeC2s;
use valence_protocol::packets::handshaking::handshake_c2s::HandshakeNextState;
use valence_protocol::packets::play::{
    CustomPayloadC2s, FullC2s, PositionAndOnGroundC2s, RenameItemC2s,
};
use valence_protocol::packets::status::QueryResponseS2c;

const N: usize = 1000;
const V: ProtocolVersion = inputs::V;

/// Plugin Message with borrowed fields: decoding it copies nothing and
/// allocates nothing (the derive supports `&'a str` and `&'a [u8]`).
#[derive(Packet, Debug, Clone, PartialEq)]
#[packet(state = Play, direction = Serverbound)]
pub struct PluginMessageRef<'a> {
    #[mc(max_len = 20)]
    channel: &'a str,
    #[mc(rest)]
    data: &'a [u8],
}

/// The standard registry of `V`, looked up once (as a connection holds
/// its registry).
fn registry() -> &'static Registry {
    static REGISTRY: std::sync::OnceLock<&'static Registry> = std::sync::OnceLock::new();
    REGISTRY.get_or_init(|| mcproto::packets::registry(V).unwrap())
}

/// One packet type through the registry (id looked up, then checked).
#[inline(always)]
fn typed<'a, P: Packet + Decode<'a>>(bytes: &'a [u8]) -> Result<P> {
    registry().decode_packet_from::<P>(&mut Reader::new(bytes, V), true)
}

/// The same, into the packet's owned form (its strings and byte arrays
/// copied).
#[inline(always)]
fn typed_owned<P: Packet + DecodeOwned>(bytes: &[u8]) -> Result<P> {
    registry().decode_owned_from::<P>(&mut Reader::new(bytes, V), true)
}

fn encode_with_registry<P: Packet>(p: &P, buf: &mut Vec<u8>) -> Result<()> {
    registry().encode(p, buf)
}

// ---- hand-written baselines ---------------------------------------------

/// The framing every decode variant shares: id, body, nothing left.
#[inline(always)]
fn with_id<'a, T>(
    bytes: &'a [u8],
    id: i32,
    body: impl FnOnce(&mut Reader<'a>) -> Result<T>,
) -> Result<T> {
    let mut r = Reader::new(bytes, V);
    if r.varint()? != id {
        return Err(Error::new(ErrorKind::UnknownPacket { id }));
    }
    let v = body(&mut r)?;
    r.finish()?;
    Ok(v)
}

#[inline(always)]
fn f64_(r: &mut Reader<'_>) -> Result<f64> {
    Ok(f64::from_be_bytes(r.take_array::<8>("Double")?))
}

#[inline(always)]
fn f32_(r: &mut Reader<'_>) -> Result<f32> {
    Ok(f32::from_be_bytes(r.take_array::<4>("Float")?))
}

#[inline]
fn hand_decode_position(r: &mut Reader<'_>) -> Result<sb::PlayerPosition> {
    Ok(sb::PlayerPosition {
        x: f64_(r)?,
        feet_y: f64_(r)?,
        z: f64_(r)?,
        on_ground: r.u8()? != 0,
    })
}

#[inline]
fn hand_decode_position_look(r: &mut Reader<'_>) -> Result<sb::PlayerPositionAndLook> {
    Ok(sb::PlayerPositionAndLook {
        x: f64_(r)?,
        feet_y: f64_(r)?,
        z: f64_(r)?,
        yaw: f32_(r)?,
        pitch: f32_(r)?,
        on_ground: r.u8()? != 0,
    })
}

#[inline]
fn hand_decode_plugin<'a>(r: &mut Reader<'a>) -> Result<sb::PluginMessage<'a>> {
    let channel = read_cow(r, 20)?;
    let data = r.take_rest();
    if data.len() > sb::PluginMessage::MAX_DATA {
        return Err(Error::new(ErrorKind::TooLong {
            len: data.len(),
            max: sb::PluginMessage::MAX_DATA,
            unit: mcproto::error::LengthUnit::Bytes,
        }));
    }
    Ok(sb::PluginMessage {
        channel,
        data: Cow::Borrowed(data),
    })
}

#[inline]
fn hand_decode_plugin_ref<'a>(r: &mut Reader<'a>) -> Result<PluginMessageRef<'a>> {
    Ok(PluginMessageRef {
        channel: read_str(r, 20)?,
        data: r.take_rest(),
    })
}

#[inline]
fn hand_decode_handshake<'a>(r: &mut Reader<'a>) -> Result<Handshake<'a>> {
    let protocol_version = r.varint()?;
    let server_address = read_cow(r, 255)?;
    let server_port = u16::from_be_bytes(r.take_array::<2>("UnsignedShort")?);
    let next_state = match r.varint()? {
        1 => NextState::Status,
        2 => NextState::Login,
        other => {
            return Err(Error::new(ErrorKind::UnknownValue {
                ty: "NextState",
                value: i64::from(other),
            }));
        }
    };
    Ok(Handshake {
        protocol_version,
        server_address,
        server_port,
        next_state,
    })
}

#[inline]
fn hand_decode_status<'a>(r: &mut Reader<'a>) -> Result<StatusResponse<'a>> {
    Ok(StatusResponse {
        json: read_cow(r, DEFAULT_MAX_STRING)?,
    })
}

#[inline]
fn hand_decode_chat<'a>(r: &mut Reader<'a>) -> Result<sb::ChatMessage<'a>> {
    Ok(sb::ChatMessage {
        message: read_cow(r, 100)?,
    })
}

#[inline]
fn hand_encode_position(p: &sb::PlayerPosition, w: &mut Writer<'_>) {
    w.put_varint(0x04);
    w.put_slice(&p.x.to_be_bytes());
    w.put_slice(&p.feet_y.to_be_bytes());
    w.put_slice(&p.z.to_be_bytes());
    w.put_u8(p.on_ground as u8);
}

#[inline]
fn hand_encode_position_look(p: &sb::PlayerPositionAndLook, w: &mut Writer<'_>) {
    w.put_varint(0x06);
    w.put_slice(&p.x.to_be_bytes());
    w.put_slice(&p.feet_y.to_be_bytes());
    w.put_slice(&p.z.to_be_bytes());
    w.put_slice(&p.yaw.to_be_bytes());
    w.put_slice(&p.pitch.to_be_bytes());
    w.put_u8(p.on_ground as u8);
}

#[inline]
fn hand_encode_str(s: &str, max: usize, w: &mut Writer<'_>) -> Result<()> {
    if s.len() > max && s.encode_utf16().count() > max {
        return Err(Error::new(ErrorKind::TooLong {
            len: s.len(),
            max,
            unit: mcproto::error::LengthUnit::Chars,
        }));
    }
    w.put_varint(s.len() as i32);
    w.put_slice(s.as_bytes());
    Ok(())
}

#[inline]
fn hand_encode_plugin(p: &sb::PluginMessage, w: &mut Writer<'_>) -> Result<()> {
    w.put_varint(0x17);
    hand_encode_str(&p.channel, 20, w)?;
    w.put_slice(&p.data);
    Ok(())
}

#[inline]
fn hand_encode_handshake(p: &Handshake, w: &mut Writer<'_>) -> Result<()> {
    w.put_varint(0x00);
    w.put_varint(p.protocol_version);
    hand_encode_str(&p.server_address, 255, w)?;
    w.put_slice(&p.server_port.to_be_bytes());
    w.put_varint(match p.next_state {
        NextState::Status => 1,
        NextState::Login => 2,
    });
    Ok(())
}

#[inline]
fn hand_encode_status(p: &StatusResponse, w: &mut Writer<'_>) -> Result<()> {
    w.put_varint(0x00);
    hand_encode_str(&p.json, DEFAULT_MAX_STRING, w)
}

#[inline]
fn hand_encode_chat(p: &sb::ChatMessage, w: &mut Writer<'_>) -> Result<()> {
    w.put_varint(0x01);
    hand_encode_str(&p.message, 100, w)
}

// ---- benchmarks -----------------------------------------------------------

macro_rules! bench_decode {
    ($g:expr, $name:literal, $batch:expr, |$b:ident| $body:expr) => {
        $g.bench_function(BenchmarkId::new("decode", $name), |bench| {
            bench.iter(|| {
                for $b in $batch.iter() {
                    black_box(&$body.unwrap());
                }
            })
        });
    };
}

fn player_position(c: &mut Criterion) {
    let batch = inputs::player_positions(N);
    let mut g = c.benchmark_group("packet/player_position");
    g.throughput(Throughput::Elements(N as u64));
    // What a server calls: the play group, through the registry's table.
    let group = registry().group_decoder::<PlayServerbound>();
    bench_decode!(g, "group", batch, |b| group.decode(b).map(Take::take));
    bench_decode!(g, "group_whole", batch, |b| group.decode(b).map(moved));
    bench_decode!(g, "handler", batch, |b| group.handle(b, &mut Sink));
    bench_decode!(g, "derived", batch, |b| typed::<sb::PlayerPosition>(b));
    bench_decode!(g, "derived_body", batch, |b| with_id(b, 0x04, |r| {
        <sb::PlayerPosition as Decode>::decode(r)
    }));
    bench_decode!(g, "hand_body", batch, |b| with_id(
        b,
        0x04,
        hand_decode_position
    ));
    bench_decode!(g, "valence", batch, |b| valence_decode::<
        PositionAndOnGroundC2s,
    >(b, 0x04));

    let values: Vec<sb::PlayerPosition> = batch
        .iter()
        .map(|b| typed::<sb::PlayerPosition>(b).unwrap())
        .collect();
    let vvalues: Vec<PositionAndOnGroundC2s> = batch
        .iter()
        .map(|b| valence_decode(b, 0x04).unwrap())
        .collect();
    check_same(&values, &vvalues, 0x04, encode_with_registry);
    bench_encode(&mut g, &values, &vvalues, 0x04, |p, w| {
        hand_encode_position(p, w);
        Ok(())
    });
    g.finish();
}

fn player_position_look(c: &mut Criterion) {
    let batch = inputs::player_positions_and_looks(N);
    let mut g = c.benchmark_group("packet/player_position_and_look");
    g.throughput(Throughput::Elements(N as u64));
    let group = registry().group_decoder::<PlayServerbound>();
    bench_decode!(g, "group", batch, |b| group.decode(b).map(Take::take));
    bench_decode!(g, "group_whole", batch, |b| group.decode(b).map(moved));
    bench_decode!(g, "handler", batch, |b| group.handle(b, &mut Sink));
    bench_decode!(g, "derived", batch, |b| typed::<sb::PlayerPositionAndLook>(
        b
    ));
    bench_decode!(g, "derived_body", batch, |b| with_id(b, 0x06, |r| {
        <sb::PlayerPositionAndLook as Decode>::decode(r)
    }));
    bench_decode!(g, "hand_body", batch, |b| with_id(
        b,
        0x06,
        hand_decode_position_look
    ));
    bench_decode!(g, "valence", batch, |b| valence_decode::<FullC2s>(b, 0x06));

    let values: Vec<sb::PlayerPositionAndLook> = batch
        .iter()
        .map(|b| typed::<sb::PlayerPositionAndLook>(b).unwrap())
        .collect();
    let vvalues: Vec<FullC2s> = batch
        .iter()
        .map(|b| valence_decode(b, 0x06).unwrap())
        .collect();
    check_same(&values, &vvalues, 0x06, encode_with_registry);
    bench_encode(&mut g, &values, &vvalues, 0x06, |p, w| {
        hand_encode_position_look(p, w);
        Ok(())
    });
    g.finish();
}

fn plugin_message(c: &mut Criterion) {
    let batch = inputs::plugin_messages(N);
    let mut g = c.benchmark_group("packet/plugin_message");
    g.throughput(Throughput::Elements(N as u64));
    // Borrowed: channel and data point into the input.
    bench_decode!(g, "derived", batch, |b| typed::<sb::PluginMessage>(b));
    bench_decode!(g, "derived_body", batch, |b| with_id(b, 0x17, |r| {
        <sb::PluginMessage as Decode>::decode(r)
    }));
    bench_decode!(g, "hand_body", batch, |b| with_id(
        b,
        0x17,
        hand_decode_plugin
    ));
    // Owned: both fields copied.
    bench_decode!(g, "derived_copy", batch, |b| typed_owned::<
        sb::PluginMessage<'static>,
    >(b));
    // What a server calls: the play group over a borrowed frame.
    let group = registry().group_decoder::<PlayServerbound>();
    bench_decode!(g, "group", batch, |b| group.decode(b).map(Take::take));
    bench_decode!(g, "group_whole", batch, |b| group.decode(b).map(moved));
    bench_decode!(g, "handler", batch, |b| group.handle(b, &mut Sink));
    bench_decode!(g, "group_owned", batch, |b| group
        .decode(b)
        .map(PlayServerbound::into_owned));
    // A type with `&'a str` and `&'a [u8]` fields.
    bench_decode!(g, "derived_borrowed", batch, |b| with_id(b, 0x17, |r| {
        <PluginMessageRef<'_> as Decode>::decode(r)
    }));
    bench_decode!(g, "derived_borrowed_body", batch, |b| with_id(
        b,
        0x17,
        |r| { <PluginMessageRef<'_> as Decode>::decode(r) }
    ));
    bench_decode!(g, "hand_borrowed_body", batch, |b| with_id(
        b,
        0x17,
        hand_decode_plugin_ref
    ));
    bench_decode!(g, "valence", batch, |b| valence_decode::<
        CustomPayloadC2s<'_>,
    >(b, 0x17));

    let values: Vec<sb::PluginMessage> = batch.iter().map(|b| typed(b).unwrap()).collect();
    let vvalues: Vec<CustomPayloadC2s<'_>> = batch
        .iter()
        .map(|b| valence_decode(b, 0x17).unwrap())
        .collect();
    check_same(&values, &vvalues, 0x17, encode_with_registry);
    bench_encode(&mut g, &values, &vvalues, 0x17, hand_encode_plugin);
    g.finish();
}

fn handshake(c: &mut Criterion) {
    let batch = inputs::handshakes(N);
    let mut g = c.benchmark_group("packet/handshake");
    g.throughput(Throughput::Elements(N as u64));
    bench_decode!(g, "derived", batch, |b| typed::<Handshake>(b));
    bench_decode!(g, "derived_copy", batch, |b| typed_owned::<
        Handshake<'static>,
    >(b));
    let group = registry().group_decoder::<HandshakingServerbound>();
    bench_decode!(g, "group", batch, |b| group.decode(b).map(Take::take));
    bench_decode!(g, "group_whole", batch, |b| group.decode(b).map(moved));
    bench_decode!(g, "handler", batch, |b| group.handle(b, &mut Sink));
    bench_decode!(g, "group_owned", batch, |b| group
        .decode(b)
        .map(HandshakingServerbound::into_owned));
    bench_decode!(g, "derived_body", batch, |b| with_id(b, 0x00, |r| {
        <Handshake as Decode>::decode(r)
    }));
    bench_decode!(g, "hand_body", batch, |b| with_id(
        b,
        0x00,
        hand_decode_handshake
    ));
    bench_decode!(g, "valence", batch, |b| valence_decode::<HandshakeC2s<'_>>(
        b, 0x00
    ));

    let values: Vec<Handshake> = batch.iter().map(|b| typed(b).unwrap()).collect();
    let vvalues: Vec<HandshakeC2s<'_>> = batch
        .iter()
        .map(|b| valence_decode(b, 0x00).unwrap())
        .collect();
    assert!(matches!(
        vvalues[0].next_state,
        HandshakeNextState::Status | HandshakeNextState::Login
    ));
    check_same(&values, &vvalues, 0x00, encode_with_registry);
    bench_encode(&mut g, &values, &vvalues, 0x00, hand_encode_handshake);
    g.finish();
}

fn status_response(c: &mut Criterion) {
    let batch = inputs::status_responses(N);
    let mut g = c.benchmark_group("packet/status_response");
    g.throughput(Throughput::Elements(N as u64));
    bench_decode!(g, "derived", batch, |b| typed::<StatusResponse>(b));
    bench_decode!(g, "derived_copy", batch, |b| typed_owned::<
        StatusResponse<'static>,
    >(b));
    let group = registry().group_decoder::<StatusClientbound>();
    bench_decode!(g, "group", batch, |b| group.decode(b).map(Take::take));
    bench_decode!(g, "group_whole", batch, |b| group.decode(b).map(moved));
    bench_decode!(g, "handler", batch, |b| group.handle(b, &mut Sink));
    bench_decode!(g, "group_owned", batch, |b| group
        .decode(b)
        .map(StatusClientbound::into_owned));
    bench_decode!(g, "derived_body", batch, |b| with_id(b, 0x00, |r| {
        <StatusResponse as Decode>::decode(r)
    }));
    bench_decode!(g, "hand_body", batch, |b| with_id(
        b,
        0x00,
        hand_decode_status
    ));
    bench_decode!(g, "valence", batch, |b| valence_decode::<
        QueryResponseS2c<'_>,
    >(b, 0x00));

    let values: Vec<StatusResponse> = batch.iter().map(|b| typed(b).unwrap()).collect();
    let vvalues: Vec<QueryResponseS2c<'_>> = batch
        .iter()
        .map(|b| valence_decode(b, 0x00).unwrap())
        .collect();
    check_same(&values, &vvalues, 0x00, encode_with_registry);
    bench_encode(&mut g, &values, &vvalues, 0x00, hand_encode_status);
    g.finish();
}

/// Serverbound Chat Message: in protocol 47 one String (at most 100
/// characters). Valence's `ChatMessageC2s` (1.20.1) adds a timestamp, a
/// salt, an optional signature and acknowledgements, so it cannot read
/// these bytes; its `RenameItemC2s` is one String too, and reads exactly
/// the same bytes (with its own limit of 32 767 characters).
fn chat_message(c: &mut Criterion) {
    let batch = inputs::chat_messages(N);
    let mut g = c.benchmark_group("packet/chat_message");
    g.throughput(Throughput::Elements(N as u64));
    let group = registry().group_decoder::<PlayServerbound>();
    bench_decode!(g, "group", batch, |b| group.decode(b).map(Take::take));
    bench_decode!(g, "group_whole", batch, |b| group.decode(b).map(moved));
    bench_decode!(g, "handler", batch, |b| group.handle(b, &mut Sink));
    bench_decode!(g, "group_owned", batch, |b| group
        .decode(b)
        .map(PlayServerbound::into_owned));
    bench_decode!(g, "derived", batch, |b| typed::<sb::ChatMessage>(b));
    bench_decode!(g, "derived_copy", batch, |b| typed_owned::<
        sb::ChatMessage<'static>,
    >(b));
    bench_decode!(g, "derived_body", batch, |b| with_id(b, 0x01, |r| {
        <sb::ChatMessage as Decode>::decode(r)
    }));
    bench_decode!(g, "hand_body", batch, |b| with_id(
        b,
        0x01,
        hand_decode_chat
    ));
    bench_decode!(
        g,
        "valence",
        batch,
        |b| valence_decode::<RenameItemC2s<'_>>(b, 0x01)
    );

    let values: Vec<sb::ChatMessage> = batch.iter().map(|b| typed(b).unwrap()).collect();
    let vvalues: Vec<RenameItemC2s<'_>> = batch
        .iter()
        .map(|b| valence_decode(b, 0x01).unwrap())
        .collect();
    check_same(&values, &vvalues, 0x01, encode_with_registry);
    bench_encode(&mut g, &values, &vvalues, 0x01, hand_encode_chat);
    g.finish();
}

/// Both libraries encode the same values to the same bytes.
fn check_same<T, U: valence_protocol::Encode>(
    ours: &[T],
    theirs: &[U],
    id: i32,
    enc: impl Fn(&T, &mut Vec<u8>) -> Result<()>,
) {
    for (a, b) in ours.iter().zip(theirs) {
        let mut x = Vec::new();
        enc(a, &mut x).unwrap();
        let mut y = Vec::new();
        valence_encode(b, id, &mut y).unwrap();
        assert_eq!(x, y, "mcproto and valence encode differently");
    }
}

fn bench_encode<T: Packet, U: valence_protocol::Encode>(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    values: &[T],
    vvalues: &[U],
    id: i32,
    hand: impl Fn(&T, &mut Writer<'_>) -> Result<()>,
) {
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 20);
    // What a user holds: the registry of the connection's version.
    let registry = registry();
    g.bench_function(BenchmarkId::new("encode", "derived"), |bench| {
        bench.iter(|| {
            buf.clear();
            for p in values {
                registry.encode(p, &mut buf).unwrap();
            }
            black_box(buf.len())
        })
    });
    g.bench_function(BenchmarkId::new("encode", "derived_body"), |bench| {
        bench.iter(|| {
            buf.clear();
            let mut w = Writer::new(&mut buf, V);
            for p in values {
                w.put_varint(id);
                p.encode(&mut w).unwrap();
            }
            black_box(buf.len())
        })
    });
    g.bench_function(BenchmarkId::new("encode", "hand_body"), |bench| {
        bench.iter(|| {
            buf.clear();
            let mut w = Writer::new(&mut buf, V);
            for p in values {
                hand(p, &mut w).unwrap();
            }
            black_box(buf.len())
        })
    });
    g.bench_function(BenchmarkId::new("encode", "valence"), |bench| {
        bench.iter(|| {
            buf.clear();
            for p in vvalues {
                valence_encode(p, id, &mut buf).unwrap();
            }
            black_box(buf.len())
        })
    });
}

criterion_group!(
    packets,
    player_position,
    player_position_look,
    plugin_message,
    handshake,
    status_response,
    chat_message
);
criterion_main!(packets);
