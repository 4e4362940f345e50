//! The generated groups and the standard registries.

mod common;

use common::*;
use mcproto_core::{Direction, ErrorKind, Packet, State};
use mcproto_packets::handshaking::serverbound::{Handshake, NextState};
use mcproto_packets::status::serverbound::Ping;
use mcproto_packets::{HandshakingServerbound, StatusServerbound, packet_map, registry};

#[test]
fn group_enum_decodes_by_id_and_version() {
    let bytes = hex("01 00 00 00 00 00 00 00 2a");
    assert_eq!(
        StatusServerbound::decode(&bytes, V47).unwrap(),
        StatusServerbound::Ping(Ping { payload: 42 })
    );
    assert_eq!(
        StatusServerbound::decode(&bytes, V54).unwrap().name(),
        "Ping"
    );
    let err = StatusServerbound::decode(&hex("07"), V47).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::UnknownPacket { id: 7 }));
    let cx = err.context().unwrap();
    assert_eq!(
        (cx.state, cx.direction, cx.id),
        (State::Status, Direction::Serverbound, Some(7))
    );
    let err = StatusServerbound::decode(&bytes, mcproto_core::ProtocolVersion(5)).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::UnsupportedVersion { version: 5 }
    ));
    // Trailing bytes are an error naming the packet.
    let err = StatusServerbound::decode(&hex("01 00 00 00 00 00 00 00 2a ff"), V47).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TrailingBytes { count: 1 }));
    assert_eq!(err.packet_name(), Some("Ping"));
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
        .decode(State::Handshaking, Direction::Serverbound, &bytes)
        .unwrap();
    assert_eq!(any.name(), "Handshake");
    assert_eq!(any.downcast_ref::<Handshake>(), Some(&h));
    assert_eq!(reg.encode(any.as_dyn()).unwrap(), bytes);
    let group = HandshakingServerbound::try_from(any).unwrap();
    assert_eq!(group, HandshakingServerbound::Handshake(h));
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
