//! Decoding a fixed-size packet allocates nothing, and strings and byte
//! arrays decode without copying when asked: borrowed (`&str`, `&[u8]`)
//! from any buffer, or shared (`SharedStr`, `Bytes`) from a `Bytes` frame.
//!
//! `allocation-counter` is the global allocator of this test binary only;
//! it counts the allocations of the current thread inside `measure`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Wire, decode_group};
use mcproto_core::bytes::{Bytes, BytesMut};
use mcproto_core::frame::{FrameDecoder, FrameEncoder};
use mcproto_core::{Decode, Packet, ProtocolVersion, Reader};
use mcproto_packets::PlayServerbound;
use mcproto_packets::play::clientbound as cb;
use mcproto_packets::play::serverbound as sb;

const V: ProtocolVersion = common::V47;

/// Plugin Message with borrowed fields.
#[derive(Packet, Debug, PartialEq)]
#[packet(state = Play, direction = Serverbound)]
struct PluginMessageRef<'a> {
    #[mc(max_len = 20)]
    channel: &'a str,
    #[mc(rest)]
    data: &'a [u8],
}

fn allocations(f: impl FnOnce()) -> u64 {
    allocation_counter::measure(f).count_total
}

fn movement() -> Vec<Vec<u8>> {
    vec![
        sb::PlayerPosition {
            x: 1.5,
            feet_y: 64.0,
            z: -3.25,
            on_ground: true,
        }
        .encode_packet(V)
        .unwrap(),
        sb::PlayerPositionAndLook {
            x: 1.5,
            feet_y: 64.0,
            z: -3.25,
            yaw: 90.0,
            pitch: -10.0,
            on_ground: false,
        }
        .encode_packet(V)
        .unwrap(),
        sb::PlayerLook {
            yaw: 1.0,
            pitch: 2.0,
            on_ground: true,
        }
        .encode_packet(V)
        .unwrap(),
        sb::KeepAlive { keep_alive_id: 7 }.encode_packet(V).unwrap(),
    ]
}

#[test]
fn fixed_size_packets_decode_without_allocating() {
    let packets = movement();
    let teleport = cb::EntityTeleport {
        entity_id: 12,
        x: 1.0,
        y: 2.0,
        z: 3.0,
        yaw: mcproto_core::Angle(4),
        pitch: mcproto_core::Angle(5),
        on_ground: true,
    }
    .encode_packet(V)
    .unwrap();
    // The group's id table is made on first use, outside the count.
    let group = mcproto_packets::registry(V)
        .unwrap()
        .group_decoder::<PlayServerbound>();
    decode_group::<PlayServerbound>(&packets[0], V).unwrap();
    let n = allocations(|| {
        let p = sb::PlayerPosition::decode_packet(&packets[0], V).unwrap();
        assert!(p.on_ground);
        let p = sb::PlayerPositionAndLook::decode_packet(&packets[1], V).unwrap();
        assert_eq!(p.yaw, 90.0);
        let p = cb::EntityTeleport::decode_packet(&teleport, V).unwrap();
        assert_eq!(p.entity_id, 12);
        // Through the group enum too.
        for bytes in &packets {
            let p = group.decode(bytes).unwrap();
            assert!(!p.name().is_empty());
        }
    });
    assert_eq!(n, 0, "decoding fixed-size packets allocated");
}

#[test]
fn borrowed_frames_and_packets_allocate_nothing() {
    let mut packets = movement();
    packets.push(
        sb::PluginMessage {
            channel: "MC|Brand".into(),
            data: b"\x07vanilla".to_vec().into(),
        }
        .encode_packet(V)
        .unwrap(),
    );
    let mut stream = BytesMut::new();
    let mut enc = FrameEncoder::new();
    for p in &packets {
        enc.encode(p, &mut stream).unwrap();
    }
    let group = mcproto_packets::registry(V)
        .unwrap()
        .group_decoder::<PlayServerbound>();
    let mut dec = FrameDecoder::new();
    // The decoder's buffer grows on the first feed only.
    dec.feed(&stream);
    while dec.next_frame().unwrap().is_some() {}
    let n = allocations(|| {
        dec.feed(&stream);
        let mut seen = 0;
        while let Some(frame) = dec.next_frame().unwrap() {
            if frame[0] == 0x17 {
                let mut r = Reader::new(frame, V);
                assert_eq!(r.varint().unwrap(), 0x17);
                let m = PluginMessageRef::decode(&mut r).unwrap();
                assert_eq!(m.channel, "MC|Brand");
                assert_eq!(m.data, b"\x07vanilla");
                // Borrowed: the fields point into the frame.
                assert!(frame.as_ptr_range().contains(&m.channel.as_ptr()));
            } else {
                group.decode(frame).unwrap();
            }
            seen += 1;
        }
        assert_eq!(seen, packets.len());
    });
    assert_eq!(n, 0, "borrowed frame splitting and decoding allocated");
    // The counter works: the owned type copies its fields out of a slice.
    let owned = allocations(|| {
        sb::PluginMessage::decode_packet(packets.last().unwrap(), V).unwrap();
    });
    assert!(owned >= 2, "{owned} allocations for two copied fields");
}

#[test]
fn shared_fields_reference_the_frame() {
    let packet = sb::PluginMessage {
        channel: "MC|Brand".into(),
        data: b"\x07vanilla".to_vec().into(),
    }
    .encode_packet(V)
    .unwrap();
    // A packet decoded from a `Bytes` buffer: its `SharedStr` and `Bytes`
    // fields share that buffer.
    let frame = Bytes::from(packet);
    let n = allocations(|| {
        let mut r = Reader::from_bytes(&frame, V);
        assert_eq!(r.varint().unwrap(), 0x17);
        let m = sb::PluginMessage::decode(&mut r).unwrap();
        assert_eq!(m.channel, "MC|Brand");
        assert!(frame.as_ptr_range().contains(&m.data.as_ptr()));
        assert!(frame.as_ptr_range().contains(&m.channel.as_ptr()));
    });
    assert_eq!(n, 0, "shared decoding copied");
}
