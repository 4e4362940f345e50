//! Per-connection limits: frame limits, nested-data (NBT) limits and
//! strictness, set on a connection's reader and honoured by every kind of
//! read (typed, any, group).

use mcproto::codec::DecodeLimits;
use mcproto::conn::{ConnReader, Side};
use mcproto::error::NbtError;
use mcproto::frame::FrameLimits;
use mcproto::packets::play::serverbound::{CreativeInventoryAction, KeepAlive};
use mcproto::packets::{PlayServerbound, registry};
use mcproto::prelude::*;

const V: ProtocolVersion = ProtocolVersion::V47;

fn framed(packet: &[u8]) -> Vec<u8> {
    assert!(packet.len() < 128);
    let mut out = vec![packet.len() as u8];
    out.extend_from_slice(packet);
    out
}

fn reader(bytes: &[u8]) -> ConnReader<&[u8]> {
    let mut r = ConnReader::new(bytes, registry(V).unwrap().clone(), Side::Server);
    r.set_state(State::Play);
    r
}

#[test]
fn strictness_applies_to_every_read() {
    // Keep Alive id 5, then two stray bytes.
    let bytes = framed(&[0x00, 0x05, 0xaa, 0xbb]);
    // Strict (the default): each kind of read rejects the trailing bytes.
    let mut r = reader(&bytes);
    assert!(r.is_strict());
    let e = r.read::<KeepAlive>().unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::TrailingBytes { count: 2 }),
        "{e}"
    );
    let e = reader(&bytes).read_any().unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::TrailingBytes { count: 2 }),
        "{e}"
    );
    let e = reader(&bytes).read_group::<PlayServerbound>().unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::TrailingBytes { count: 2 }),
        "{e}"
    );
    // Lenient: the packet is read, the rest ignored.
    let lenient = |bytes| {
        let mut r = reader(bytes);
        r.set_strict(false);
        r
    };
    assert_eq!(
        lenient(&bytes).read::<KeepAlive>().unwrap().keep_alive_id,
        5
    );
    assert!(lenient(&bytes).read_any().unwrap().is::<KeepAlive>());
    assert!(matches!(
        lenient(&bytes).read_group::<PlayServerbound>().unwrap(),
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
    assert_eq!(r.decode_limits(), DecodeLimits::default());
    assert!(r.read::<CreativeInventoryAction>().is_ok());
    // A connection limited to four levels rejects it, whatever the read.
    let tight = DecodeLimits {
        nbt_max_depth: 4,
        ..DecodeLimits::default()
    };
    let mut r = reader(&bytes);
    r.set_decode_limits(tight);
    let e = r.read::<CreativeInventoryAction>().unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::Nbt(NbtError::TooDeep { max: 4 })),
        "{e}"
    );
    assert_eq!(e.packet_name(), Some("CreativeInventoryAction"));
    let mut r = reader(&bytes);
    r.set_decode_limits(tight);
    assert!(matches!(
        r.read_any().unwrap_err().kind(),
        ErrorKind::Nbt(NbtError::TooDeep { max: 4 })
    ));
    // And a size budget smaller than the tag.
    let mut r = reader(&bytes);
    r.set_decode_limits(DecodeLimits {
        nbt_max_bytes: 64,
        ..DecodeLimits::default()
    });
    assert!(matches!(
        r.read_group::<PlayServerbound>().unwrap_err().kind(),
        ErrorKind::Nbt(NbtError::TooLarge { max: 64 })
    ));
}

#[test]
fn frame_limits_apply_per_connection() {
    let bytes = framed(&creative_with_nbt(6));
    let mut r = reader(&bytes);
    let small = FrameLimits {
        max_frame_len: 16,
        ..FrameLimits::default()
    };
    r.set_frame_limits(small);
    assert_eq!(r.frame_limits(), small);
    let e = r.read_any().unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::FrameTooLarge { max: 16, .. }),
        "{e}"
    );
}
