//! Handshaking, status and login packets: golden vectors worked by hand from
//! wiki.vg's [1.8 protocol page](https://wiki.vg/index.php?title=Protocol&oldid=7368),
//! and generated round trips.

mod common;

use common::*;
use mcproto_core::{Chat, ErrorKind};
use mcproto_packets::handshaking::serverbound::{Handshake, LegacyServerListPing, NextState};
use mcproto_packets::login::clientbound::{
    Disconnect, EncryptionRequest, LoginSuccess, SetCompression,
};
use mcproto_packets::login::serverbound::{EncryptionResponse, LoginStart};
use mcproto_packets::status::clientbound::{Pong, StatusResponse};
use mcproto_packets::status::serverbound::{Ping, StatusRequest};

#[test]
fn handshake() {
    // id 00 | VarInt 47 = 2f | "localhost" (09 + 9 bytes) | port 25565 = 63 dd | next state 2.
    let h = Handshake {
        protocol_version: 47,
        server_address: "localhost".into(),
        server_port: 25565,
        next_state: NextState::Login,
    };
    golden(&h, V47, "00 2f 09 6c6f63616c686f7374 63 dd 02");
    // Protocol 54 carries its own number: 36.
    let h54 = Handshake {
        protocol_version: 54,
        next_state: NextState::Status,
        ..h.clone()
    };
    golden(&h54, V54, "00 36 09 6c6f63616c686f7374 63 dd 01");
    // Next state 3 does not exist.
    let err = Handshake::decode_packet_owned(&hex("00 2f 00 63 dd 03"), V47).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::UnknownValue {
            ty: "NextState",
            value: 3
        }
    ));
    // The address is limited to 255 characters.
    let long = Handshake {
        server_address: "x".repeat(256).into(),
        ..h
    };
    assert!(long.encode_packet(V47).is_err());
    golden(&LegacyServerListPing { payload: 1 }, V47, "fe 01 01");
}

#[test]
fn status() {
    golden(&StatusRequest, V47, "00");
    golden(&Ping { payload: 1 }, V47, "01 00 00 00 00 00 00 00 01");
    golden(&Pong { payload: -2 }, V54, "01 ff ff ff ff ff ff ff fe");
    let json = r#"{"a":1}"#;
    golden(
        &StatusResponse { json: json.into() },
        V47,
        "00 07 7b2261223a317d",
    );
}

#[test]
fn login() {
    golden(
        &LoginStart {
            name: "Notch".into(),
        },
        V47,
        "00 05 4e6f746368",
    );
    golden(
        &EncryptionRequest {
            server_id: "".into(),
            public_key: vec![0x30, 0x81].into(),
            verify_token: vec![1, 2, 3, 4].into(),
        },
        V47,
        "01 00 02 30 81 04 01 02 03 04",
    );
    golden(
        &EncryptionResponse {
            shared_secret: vec![0xaa; 2].into(),
            verify_token: vec![0xbb].into(),
        },
        V47,
        "01 02 aa aa 01 bb",
    );
    let uuid = "b50ad385-829d-3141-a216-7e7d7539ba7f";
    let success = LoginSuccess {
        uuid: uuid.into(),
        username: "Notch".into(),
    };
    let mut expected = String::from("02 24 ");
    expected.extend(uuid.bytes().map(|b| format!("{b:02x}")));
    expected.push_str(" 05 4e6f746368");
    golden(&success, V47, &expected);
    assert_eq!(success.uuid().unwrap().to_string(), uuid);
    // Threshold -1 (off) is a five-byte VarInt.
    golden(&SetCompression { threshold: -1 }, V47, "03 ff ff ff ff 0f");
    golden(&SetCompression { threshold: 256 }, V47, "03 80 02");
    golden(
        &Disconnect {
            reason: Chat::from_json(r#""bye""#),
        },
        V47,
        "00 05 22627965 22",
    );
    // Names longer than 16 characters are refused.
    assert!(
        LoginStart::decode_packet_owned(&hex("00 11 6161616161616161616161616161616161"), V47)
            .is_err()
    );
}

round_trips!(
    Handshake,
    LegacyServerListPing,
    StatusRequest,
    StatusResponse,
    Ping,
    Pong,
    LoginStart,
    EncryptionRequest,
    EncryptionResponse,
    Disconnect,
    LoginSuccess,
    SetCompression
);
