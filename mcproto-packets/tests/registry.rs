//! The generated groups and the standard registries.

mod common;

use common::*;
use mcproto_core::{Direction, ErrorKind, Packet, ProtocolVersion, State};
use mcproto_packets::handshaking::serverbound::{Handshake, NextState};
use mcproto_packets::status::serverbound::Ping;
use mcproto_packets::{StatusServerbound, packet_map, registry};

#[test]
fn group_enum_decodes_by_id_and_version() {
    let bytes = hex("01 00 00 00 00 00 00 00 2a");
    assert_eq!(
        decode_group::<StatusServerbound>(&bytes, V47).unwrap(),
        StatusServerbound::Ping(Ping { payload: 42 })
    );
    assert_eq!(
        decode_group::<StatusServerbound>(&bytes, V54)
            .unwrap()
            .name(),
        "Ping"
    );
    // An id the registry does not know arrives raw, with its body.
    let raw = hex("07 01 02");
    match decode_group::<StatusServerbound>(&raw, V47).unwrap() {
        StatusServerbound::Unknown(p) => assert_eq!((p.id, &p.body[..]), (7, &[1u8, 2][..])),
        other => panic!("{other:?}"),
    }
    // A version without a registry is refused where the registry is made.
    assert!(registry(ProtocolVersion(5)).is_err());
    // Trailing bytes are an error naming the packet, state, id and version.
    let err =
        decode_group::<StatusServerbound>(&hex("01 00 00 00 00 00 00 00 2a ff"), V47).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TrailingBytes { count: 1 }));
    assert_eq!(err.packet_name(), Some("Ping"));
    let cx = err.context().unwrap();
    assert_eq!(
        (cx.state, cx.direction, cx.id, cx.version),
        (State::Status, Direction::Serverbound, Some(1), V47)
    );
}

#[test]
fn registry_decodes_any_packet_and_encodes_with_its_id() {
    let reg = registry(V47).unwrap();
    let h = Handshake {
        protocol_version: 47,
        server_address: "a".into(),
        server_port: 1,
        next_state: NextState::Status,
    };
    let bytes = h.encode_packet(V47).unwrap();
    let any = reg
        .decode_any(State::Handshaking, Direction::Serverbound, &bytes)
        .unwrap();
    assert_eq!(any.name(), "Handshake");
    assert_eq!(any.downcast_ref::<Handshake>(), Some(&h));
    let mut again = Vec::new();
    reg.encode_any(any.as_dyn(), &mut again).unwrap();
    assert_eq!(again, bytes);
    let err = reg
        .decode_any(State::Handshaking, Direction::Serverbound, &hex("07"))
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::UnknownPacket { id: 7 }));
    assert_eq!(Handshake::META.name, "Handshake");
}

#[test]
fn packet_maps_list_ids() {
    let map = packet_map(V47, State::Status, Direction::Clientbound).unwrap();
    assert_eq!(
        map.into_iter().collect::<Vec<_>>(),
        [(0, "StatusResponse"), (1, "Pong")]
    );
    let map = packet_map(V54, State::Login, Direction::Serverbound).unwrap();
    assert_eq!(
        map.into_iter().collect::<Vec<_>>(),
        [(0, "LoginStart"), (1, "EncryptionResponse")]
    );
}

#[test]
fn group_values_stay_small() {
    // A packet much larger than the common ones is `#[boxed]` in its group,
    // so that moving any group value stays cheap (no memcpy call): the
    // largest unboxed packets are Player Block Placement (serverbound) and
    // the 64-byte clientbound ones.
    use std::mem::size_of;
    assert!(size_of::<mcproto_packets::PlayServerbound<'static>>() <= 80);
    assert!(size_of::<mcproto_packets::PlayClientbound<'static>>() <= 72);
}
