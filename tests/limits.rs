//! Per-connection limits: frame limits, nested-data (NBT) limits and
//! strictness, set once on a connection's reader and honoured by every kind
//! of read (one packet type, group, raw).

use mcproto::Limits;
use mcproto::codec::DecodeLimits;
use mcproto::conn::{ConnReader, Side};
use mcproto::error::NbtError;
use mcproto::frame::FrameLimits;
use mcproto::packets::play::serverbound::{CreativeInventoryAction, KeepAlive};
use mcproto::packets::{PlayServerbound, registry};
use mcproto::prelude::*;

const V: ProtocolVersion = mcproto::packets::version::V1_8;

fn framed(packet: &[u8]) -> Vec<u8> {
    assert!(packet.len() < 128);
    let mut out = vec![packet.len() as u8];
    out.extend_from_slice(packet);
    out
}

fn reader(bytes: &[u8]) -> ConnReader<&[u8]> {
    let mut r = ConnReader::new(bytes, registry(V).unwrap().clone(), Side::Server);
    r.session_mut().set_state(State::Play);
    r
}

fn with_limits(bytes: &[u8], limits: Limits) -> ConnReader<&[u8]> {
    let mut r = reader(bytes);
    r.set_limits(limits);
    r
}

fn packet_error(e: mcproto::ConnectionError) -> mcproto::Error {
    match e {
        mcproto::ConnectionError::Packet(e) => e,
        other => panic!("not a packet error: {other}"),
    }
}

#[test]
fn strictness_applies_to_every_read() {
    // Keep Alive id 5, then two stray bytes.
    let bytes = framed(&[0x00, 0x05, 0xaa, 0xbb]);
    // Strict (the default): each kind of read rejects the trailing bytes.
    let mut r = reader(&bytes);
    assert!(r.limits().strict);
    let e = packet_error(r.read_packet::<KeepAlive>().unwrap_err());
    assert!(
        matches!(e.kind(), ErrorKind::TrailingBytes { count: 2 }),
        "{e}"
    );
    let e = packet_error(reader(&bytes).read::<PlayServerbound>().unwrap_err());
    assert!(
        matches!(e.kind(), ErrorKind::TrailingBytes { count: 2 }),
        "{e}"
    );
    // A raw read does not decode, so it has nothing to reject.
    assert_eq!(reader(&bytes).read_raw().unwrap().body.len(), 3);
    // Lenient: the packet is read, the rest ignored.
    let lenient = |bytes| {
        with_limits(
            bytes,
            Limits {
                strict: false,
                ..Limits::default()
            },
        )
    };
    assert_eq!(
        lenient(&bytes)
            .read_packet::<KeepAlive>()
            .unwrap()
            .keep_alive_id,
        5
    );
    assert!(matches!(
        lenient(&bytes).read::<PlayServerbound>().unwrap(),
        PlayServerbound::KeepAlive(KeepAlive { keep_alive_id: 5 })
    ));
}

/// Creative Inventory Action holding stone with NBT nested `depth` compounds deep.
fn creative_with_nbt(depth: usize) -> Vec<u8> {
    let mut p = vec![0x10, 0x00, 0x01, 0x00, 0x01, 0x01, 0x00, 0x00];
    p.extend_from_slice(&[10, 0, 0]); // root compound ""
    for _ in 1..depth {
        p.extend_from_slice(&[10, 0, 1, b'c']); // compound "c"
    }
    p.extend(std::iter::repeat_n(0, depth)); // the ends
    p
}

#[test]
fn decode_limits_apply_per_connection() {
    let bytes = framed(&creative_with_nbt(6));
    // Vanilla's limits (512 levels) accept six.
    let mut r = reader(&bytes);
    assert_eq!(r.limits().decode, DecodeLimits::default());
    assert!(r.read_packet::<CreativeInventoryAction>().is_ok());
    // A connection limited to four levels rejects it, whatever the read.
    let tight = Limits {
        decode: DecodeLimits {
            nbt_max_depth: 4,
            ..DecodeLimits::default()
        },
        ..Limits::default()
    };
    let e = packet_error(
        with_limits(&bytes, tight)
            .read_packet::<CreativeInventoryAction>()
            .unwrap_err(),
    );
    assert!(
        matches!(e.kind(), ErrorKind::Nbt(NbtError::TooDeep { max: 4 })),
        "{e}"
    );
    assert_eq!(e.packet_name(), Some("CreativeInventoryAction"));
    let e = packet_error(
        with_limits(&bytes, tight)
            .read::<PlayServerbound>()
            .unwrap_err(),
    );
    assert!(matches!(
        e.kind(),
        ErrorKind::Nbt(NbtError::TooDeep { max: 4 })
    ));
    assert_eq!(e.packet_name(), Some("CreativeInventoryAction"));
    // And a size budget smaller than the tag.
    let small = Limits {
        decode: DecodeLimits {
            nbt_max_bytes: 64,
            ..DecodeLimits::default()
        },
        ..Limits::default()
    };
    assert!(matches!(
        packet_error(
            with_limits(&bytes, small)
                .read::<PlayServerbound>()
                .unwrap_err()
        )
        .kind(),
        ErrorKind::Nbt(NbtError::TooLarge { max: 64 })
    ));
}

#[test]
fn frame_limits_apply_per_connection() {
    let bytes = framed(&creative_with_nbt(6));
    let small = Limits {
        frame: FrameLimits {
            max_frame_len: 16,
            ..FrameLimits::default()
        },
        ..Limits::default()
    };
    let mut r = with_limits(&bytes, small);
    assert_eq!(r.limits(), small);
    // Every read frames first, so every read hits the frame limit.
    let e = packet_error(r.read_raw().unwrap_err());
    assert!(
        matches!(e.kind(), ErrorKind::FrameTooLarge { max: 16, .. }),
        "{e}"
    );
    let e = packet_error(
        with_limits(&bytes, small)
            .read::<PlayServerbound>()
            .unwrap_err(),
    );
    assert!(matches!(e.kind(), ErrorKind::FrameTooLarge { .. }), "{e}");
}

#[test]
fn leniency_applies_per_connection() {
    // Chat Message (id 01) "a", 0xff, "b": not UTF-8. Vanilla decodes it
    // lossily (new String(bytes, UTF_8)); this crate refuses it unless the
    // connection asks for vanilla's behaviour.
    let bytes = framed(&[0x01, 0x03, b'a', 0xff, b'b']);
    let mut r = reader(&bytes);
    assert_eq!(r.limits().leniency, mcproto::Leniency::default());
    let e = packet_error(r.read::<PlayServerbound>().unwrap_err());
    assert!(matches!(e.kind(), ErrorKind::InvalidUtf8), "{e}");
    let lossy = Limits {
        leniency: mcproto::Leniency {
            lossy_utf8: true,
            ..mcproto::Leniency::default()
        },
        ..Limits::default()
    };
    match with_limits(&bytes, lossy)
        .read::<PlayServerbound>()
        .unwrap()
    {
        PlayServerbound::ChatMessage(m) => assert_eq!(m.message, "a\u{fffd}b"),
        other => panic!("{other:?}"),
    }
    let m = with_limits(&bytes, lossy)
        .read_owned::<mcproto::packets::play::serverbound::ChatMessage>()
        .unwrap();
    assert_eq!(m.message, "a\u{fffd}b");
}
