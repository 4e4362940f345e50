//! Decode-any over recorded-style mixed play streams: frame splitting plus
//! decoding every packet, through the generated group enums (the general
//! path the README recommends: a group decoder over borrowed frames, as
//! connections read), through the group's handler (the README's fast path:
//! the packets valence decodes typed go to methods, the others to `packet`
//! as the group value) and through `Registry::decode_any` (the dynamic one,
//! boxing every packet).
//!
//! valence_protocol splits the same frames and decodes, with its own types,
//! the packets whose layout is identical in 1.20.1 (movement, looks, plugin
//! messages, entity looks and head looks, velocity, time); the others it
//! only frames, so it does less work than mcproto here.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mcproto::frame::FrameDecoder;
use mcproto::packets::play::{clientbound as cb, serverbound as sb};
use mcproto::packets::{
    PlayClientbound, PlayClientboundHandler, PlayServerbound, PlayServerboundHandler, registry,
};
use mcproto::{Direction, HandledBy, PacketGroup, State};
use mcproto_benchmarks as inputs;
use valence_protocol::Decode;
use valence_protocol::packets::play as vp;

const TICKS: usize = 400;

fn vdecode<'a, P: Decode<'a>>(body: &'a [u8]) {
    let mut r = body;
    black_box(&P::decode(&mut r).unwrap());
    assert!(r.is_empty());
}

/// valence: frames, and typed decode of the packets it shares with 1.8.
fn valence_serverbound(dec: &mut valence_protocol::PacketDecoder, stream: &[u8]) -> usize {
    dec.queue_slice(stream);
    let mut typed = 0;
    while let Some(f) = dec.try_next_packet().unwrap() {
        typed += 1;
        match f.id {
            0x03 => vdecode::<vp::OnGroundOnlyC2s>(&f.body),
            0x04 => vdecode::<vp::PositionAndOnGroundC2s>(&f.body),
            0x05 => vdecode::<vp::LookAndOnGroundC2s>(&f.body),
            0x06 => vdecode::<vp::FullC2s>(&f.body),
            0x17 => vdecode::<vp::CustomPayloadC2s<'_>>(&f.body),
            _ => typed -= 1,
        }
    }
    typed
}

fn valence_clientbound(dec: &mut valence_protocol::PacketDecoder, stream: &[u8]) -> usize {
    dec.queue_slice(stream);
    let mut typed = 0;
    while let Some(f) = dec.try_next_packet().unwrap() {
        typed += 1;
        match f.id {
            0x03 => vdecode::<vp::WorldTimeUpdateS2c>(&f.body),
            0x12 => vdecode::<vp::EntityVelocityUpdateS2c>(&f.body),
            0x16 => vdecode::<vp::RotateS2c>(&f.body),
            0x19 => vdecode::<vp::EntitySetHeadYawS2c>(&f.body),
            _ => typed -= 1,
        }
    }
    typed
}

/// The group decoder over borrowed frames, each packet as the group value.
fn group_borrowed<G: PacketGroup>(
    v: mcproto::ProtocolVersion,
    dec: &mut FrameDecoder,
    stream: &[u8],
) -> usize {
    let group = registry(v).unwrap().group_decoder::<G>();
    dec.feed(stream);
    let mut n = 0;
    while let Some(f) = dec.next_frame().unwrap() {
        black_box(&group.decode(f).unwrap());
        n += 1;
    }
    n
}

/// Takes the packets valence decodes typed by method, the rest as the
/// group value (each handed to `black_box` by reference).
struct Sink;

impl<'a> PlayServerboundHandler<'a> for Sink {
    type Output = ();
    fn packet(&mut self, p: PlayServerbound<'a>) {
        black_box(&p);
    }
    fn player(&mut self, p: sb::Player) {
        black_box(&p);
    }
    fn player_position(&mut self, p: sb::PlayerPosition) {
        black_box(&p);
    }
    fn player_look(&mut self, p: sb::PlayerLook) {
        black_box(&p);
    }
    fn player_position_and_look(&mut self, p: sb::PlayerPositionAndLook) {
        black_box(&p);
    }
    fn plugin_message(&mut self, p: sb::PluginMessage<'a>) {
        black_box(&p);
    }
}

impl<'a> PlayClientboundHandler<'a> for Sink {
    type Output = ();
    fn packet(&mut self, p: PlayClientbound<'a>) {
        black_box(&p);
    }
    fn time_update(&mut self, p: cb::TimeUpdate) {
        black_box(&p);
    }
    fn entity_velocity(&mut self, p: cb::EntityVelocity) {
        black_box(&p);
    }
    fn entity_look(&mut self, p: cb::EntityLook) {
        black_box(&p);
    }
    fn entity_head_look(&mut self, p: cb::EntityHeadLook) {
        black_box(&p);
    }
}

/// The group decoder's handler path: the same frames, packets by method.
fn handler_borrowed<G>(dec: &mut FrameDecoder, stream: &[u8]) -> usize
where
    G: PacketGroup + for<'a> HandledBy<'a, Sink>,
{
    let group = registry(inputs::V).unwrap().group_decoder::<G>();
    dec.feed(stream);
    let mut n = 0;
    while let Some(f) = dec.next_frame().unwrap() {
        group.handle(f, &mut Sink).unwrap();
        n += 1;
    }
    n
}

fn registry_borrowed(dec: &mut FrameDecoder, stream: &[u8], direction: Direction) -> usize {
    let reg = registry(inputs::V).unwrap();
    dec.feed(stream);
    let mut n = 0;
    while let Some(f) = dec.next_frame().unwrap() {
        black_box(&reg.decode_any(State::Play, direction, f).unwrap());
        n += 1;
    }
    n
}

fn stream_benches(
    c: &mut Criterion,
    name: &str,
    packets: &[Vec<u8>],
    direction: Direction,
    threshold: Option<usize>,
) {
    let stream = inputs::frame_stream(packets, threshold);
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Elements(packets.len() as u64));
    let mut dec = FrameDecoder::new();
    dec.set_compression(threshold);
    let borrowed = match direction {
        Direction::Serverbound => group_borrowed::<PlayServerbound>,
        Direction::Clientbound => group_borrowed::<PlayClientbound>,
    };
    let borrowed = |dec: &mut FrameDecoder, stream: &[u8]| borrowed(inputs::V, dec, stream);
    assert_eq!(borrowed(&mut dec, &stream), packets.len());
    g.bench_function("mcproto_group_borrowed", |b| {
        b.iter(|| borrowed(&mut dec, &stream))
    });
    let handler = match direction {
        Direction::Serverbound => handler_borrowed::<PlayServerbound>,
        Direction::Clientbound => handler_borrowed::<PlayClientbound>,
    };
    assert_eq!(handler(&mut dec, &stream), packets.len());
    g.bench_function("mcproto_handler_borrowed", |b| {
        b.iter(|| handler(&mut dec, &stream))
    });
    assert_eq!(
        registry_borrowed(&mut dec, &stream, direction),
        packets.len()
    );
    g.bench_function("mcproto_registry_borrowed", |b| {
        b.iter(|| registry_borrowed(&mut dec, &stream, direction))
    });
    let mut vdec = valence_protocol::PacketDecoder::new();
    vdec.set_compression(threshold.map(|t| t as u32));
    let valence = match direction {
        Direction::Serverbound => valence_serverbound,
        Direction::Clientbound => valence_clientbound,
    };
    let typed = valence(&mut vdec, &stream);
    eprintln!(
        "{name}: {} packets, {} bytes framed; valence decodes {typed} of them typed",
        packets.len(),
        stream.len()
    );
    g.bench_function("valence", |b| b.iter(|| valence(&mut vdec, &stream)));
    g.finish();
}

/// The serverbound stream in 47 and in 340, per byte: a layout gated by
/// version must cost nothing where it does not change.
fn versions(c: &mut Criterion) {
    use mcproto::packets::version::{V1_8, V1_12_2};
    let mut g = c.benchmark_group("stream/serverbound_by_version");
    for (name, v) in [("v47", V1_8), ("v340", V1_12_2)] {
        let packets = inputs::serverbound_play_stream_for(v, TICKS * 10);
        let stream = inputs::frame_stream(&packets, None);
        let mut dec = FrameDecoder::new();
        assert_eq!(
            group_borrowed::<PlayServerbound>(v, &mut dec, &stream),
            packets.len()
        );
        eprintln!(
            "stream/serverbound_by_version/{name}: {} packets, {} bytes framed",
            packets.len(),
            stream.len()
        );
        g.throughput(Throughput::Bytes(stream.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| group_borrowed::<PlayServerbound>(v, &mut dec, &stream))
        });
    }
    g.finish();
}

fn streams(c: &mut Criterion) {
    let sb = inputs::serverbound_play_stream(TICKS * 10);
    stream_benches(c, "stream/serverbound", &sb, Direction::Serverbound, None);
    let cb = inputs::clientbound_play_stream(TICKS);
    stream_benches(c, "stream/clientbound", &cb, Direction::Clientbound, None);
    // The same clientbound stream compressed at 256 (no packet of exactly
    // 256 bytes, which valence would refuse).
    let cb: Vec<Vec<u8>> = cb
        .into_iter()
        .filter(|p| p.len() != inputs::THRESHOLD)
        .collect();
    stream_benches(
        c,
        "stream/clientbound_compressed",
        &cb,
        Direction::Clientbound,
        Some(inputs::THRESHOLD),
    );
}

criterion_group!(stream, streams, versions);
criterion_main!(stream);
