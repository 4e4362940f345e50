//! Serverbound play packets, acting on the world: golden vectors worked by hand
//! from wiki.vg's [1.8 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=7368), its [15w32c
//! page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=6788)
//! and its [1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617),
//! negative tests, and generated round trips. Encodings used throughout are
//! worked once in `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::{Chat, ErrorKind, Position, Slot};
use mcproto_packets::play::serverbound::*;
use mcproto_packets::play::types::{BlockFace, Hand};

#[test]
fn use_entity() {
    // 47: id 02 | target 5 = 05 | type 0 (interact) = 00; no hand in 47.
    golden(
        &UseEntity {
            target: 5,
            action: UseEntityAction::Interact { hand: None },
        },
        V47,
        "02 05 00",
    );
    // Attack: target 300 = ac 02 | type 1; never a hand.
    let attack = UseEntity {
        target: 300,
        action: UseEntityAction::Attack,
    };
    golden(&attack, V47, "02 ac02 01");
    golden(&attack, V54, "02 ac02 01");
    // Interact at: type 2 | x 0.5 = 3f000000 | y 1.0 = 3f800000 | z −1.0 = bf800000.
    golden(
        &UseEntity {
            target: 5,
            action: UseEntityAction::InteractAt {
                x: 0.5,
                y: 1.0,
                z: -1.0,
                hand: None,
            },
        },
        V47,
        "02 05 02 3f000000 3f800000 bf800000",
    );
    // 54: interact gains a VarInt hand after the type: off hand = 01.
    golden(
        &UseEntity {
            target: 5,
            action: UseEntityAction::Interact {
                hand: Some(Hand::OffHand),
            },
        },
        V54,
        "02 05 00 01",
    );
    // 54: interact at: the three floats, then the hand (main = 00).
    golden(
        &UseEntity {
            target: 5,
            action: UseEntityAction::InteractAt {
                x: 0.5,
                y: 1.0,
                z: -1.0,
                hand: Some(Hand::MainHand),
            },
        },
        V54,
        "02 05 02 3f000000 3f800000 bf800000 00",
    );
    // A 54 encoder needs the hand.
    let no_hand = UseEntity {
        target: 5,
        action: UseEntityAction::Interact { hand: None },
    };
    assert!(matches!(
        no_hand.encode_packet(V54).unwrap_err().kind(),
        ErrorKind::MissingField
    ));
    // 1.9: id 0a, same layout as 54.
    golden(
        &UseEntity {
            target: 5,
            action: UseEntityAction::InteractAt {
                x: 0.5,
                y: 1.0,
                z: -1.0,
                hand: Some(Hand::OffHand),
            },
        },
        V107,
        "0a 05 02 3f000000 3f800000 bf800000 01",
    );
    golden(&attack, V107, "0a ac02 01");
    // Type 3 does not exist: the type selects the layout, so it is an error.
    let err = UseEntity::decode_packet_owned(&hex("02 05 03"), V47).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::UnknownValue {
            ty: "UseEntityAction",
            value: 3
        }
    ));
}

#[test]
fn player_digging() {
    // id 07 | status 0 (VarInt) | location (1,2,3) | face 1 (+Y).
    golden(
        &PlayerDigging {
            status: DiggingStatus::StartedDigging,
            location: P123,
            face: BlockFace::Top,
        },
        V47,
        "07 00 0000004008000003 01",
    );
    // Status 5 (shoot arrow / finish eating): location 0/0/0, face 255 read
    // unsigned = no face.
    golden(
        &PlayerDigging {
            status: DiggingStatus::ShootArrowFinishEating,
            location: ORIGIN,
            face: BlockFace::Unspecified,
        },
        V47,
        "07 05 0000000000000000 ff",
    );
    // 54: status 6 (swap item in hand): location 0/0/0, face 0.
    golden(
        &PlayerDigging {
            status: DiggingStatus::SwapItemInHand,
            location: ORIGIN,
            face: BlockFace::Bottom,
        },
        V54,
        "07 06 0000000000000000 00",
    );
    // Vanilla reads the status with readEnumValue, so a status past the
    // last one fails the packet: 6 in 47 (1.8 knows 0–5), 7 from 1.9 on
    // (swap hands is 6), where it used to come back as Unknown.
    let unknown = |bytes: &str, v| {
        let err = PlayerDigging::decode_packet_owned(&hex(bytes), v).unwrap_err();
        match err.kind() {
            ErrorKind::UnknownValue { value, .. } => *value,
            other => panic!("{bytes}: {other}"),
        }
    };
    assert_eq!(unknown("07 06 0000000000000000 00", V47), 6);
    assert_eq!(unknown("13 07 0000000000000000 00", V107), 7);
    assert_eq!(unknown("14 07 0000000000000000 00", V340), 7);
    // A VarInt (vanilla), not a Byte (wiki.vg): c8 01 is the one status 200.
    assert_eq!(unknown("07 c801 0000000000000000 05", V47), 200);
    // Swap hands (6) exists from 54 on, and a 47 encoder refuses it.
    assert!(
        PlayerDigging {
            status: DiggingStatus::SwapItemInHand,
            location: ORIGIN,
            face: BlockFace::Bottom,
        }
        .encode_packet(V47)
        .is_err()
    );
    // 1.9: id 13, layout unchanged.
    golden(
        &PlayerDigging {
            status: DiggingStatus::StartedDigging,
            location: P123,
            face: BlockFace::Top,
        },
        V107,
        "13 00 0000004008000003 01",
    );
}

#[test]
fn use_item() {
    // 54 only: id 08 | hand VarInt (0 main, 1 off).
    golden(
        &UseItem {
            hand: Hand::MainHand,
        },
        V54,
        "08 00",
    );
    golden(
        &UseItem {
            hand: Hand::OffHand,
        },
        V54,
        "08 01",
    );
    // 1.9 – 1.9.2: id 1d.
    golden(
        &UseItem {
            hand: Hand::OffHand,
        },
        V107,
        "1d 01",
    );
    // It does not exist in 47.
    let err = UseItem {
        hand: Hand::MainHand,
    }
    .encode_packet(V47)
    .unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::PacketNotInVersion { version: 47 }
    ));
}

#[test]
fn use_item_bytes_are_not_a_47_block_placement() {
    // 47 and 54 both use serverbound id 0x08, for different packets. The
    // 54 Use Item bytes (id 08 + one VarInt) are far too short for a 47
    // Player Block Placement (Position alone is 8 bytes): an error, never a
    // wrong value.
    for bytes in ["08 00", "08 01"] {
        let err = PlayerBlockPlacement::decode_packet_owned(&hex(bytes), V47).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::UnexpectedEof { .. }),
            "{bytes}: {err}"
        );
        // Through the group's id dispatch as well: 47 picks Player Block
        // Placement for 0x08 and fails; 54 picks Use Item.
        assert!(decode_group::<mcproto_packets::PlayServerbound>(&hex(bytes), V47).is_err());
        assert!(matches!(
            decode_group::<mcproto_packets::PlayServerbound>(&hex(bytes), V54).unwrap(),
            mcproto_packets::PlayServerbound::UseItem(_)
        ));
    }
    // And the other way round: a 47 block placement is not a 54 Use Item
    // (one VarInt, then bytes left over).
    let placement = hex("08 0000004008000003 01 0001 40 0000 00 08 0f 00");
    assert!(UseItem::decode_packet_owned(&placement, V54).is_err());
    assert!(matches!(
        decode_group::<mcproto_packets::PlayServerbound>(&placement, V47).unwrap(),
        mcproto_packets::PlayServerbound::PlayerBlockPlacement(_)
    ));
    // In 54 a block placement is 0x09; 0x08 is refused by its decoder.
    assert!(matches!(
        PlayerBlockPlacement::decode_packet_owned(&hex("08 00"), V54)
            .unwrap_err()
            .kind(),
        ErrorKind::UnexpectedPacket {
            expected: 9,
            actual: 8
        }
    ));
}

#[test]
fn player_block_placement() {
    // 47: id 08 | location (1,2,3) | face Byte 1 | held item: id 1 = 00 01,
    // count 64 = 40, damage 00 00, no NBT 00 | cursor 0.5, 0.9375, 0 in
    // sixteenths: 8, 15, 0.
    golden(
        &PlayerBlockPlacement {
            location: P123,
            face: BlockFace::Top,
            held_item: Some(Slot::item(1, 64)),
            hand: None,
            cursor_position_x: 0.5,
            cursor_position_y: 0.9375,
            cursor_position_z: 0.0,
        },
        V47,
        "08 0000004008000003 01 0001 40 0000 00 08 0f 00",
    );
    // 47 "use item" special case: location −1/−1/−1 (all ones) | face 255 |
    // empty slot ff ff | cursor 0, 0, 0.
    golden(
        &PlayerBlockPlacement {
            location: Position::new(-1, -1, -1),
            face: BlockFace::Unspecified,
            held_item: Some(Slot::EMPTY),
            hand: None,
            cursor_position_x: 0.0,
            cursor_position_y: 0.0,
            cursor_position_z: 0.0,
        },
        V47,
        "08 ffffffffffffffff ff ffff 00 00 00",
    );
    // 54: id 09 | location | face VarInt 1 = 01 | hand off = 01 (no held
    // item) | cursor in sixteenths 8, 15, 0.
    golden(
        &PlayerBlockPlacement {
            location: P123,
            face: BlockFace::Top,
            held_item: None,
            hand: Some(Hand::OffHand),
            cursor_position_x: 0.5,
            cursor_position_y: 0.9375,
            cursor_position_z: 0.0,
        },
        V54,
        "09 0000004008000003 01 01 08 0f 00",
    );
    // 54: face 255 as a VarInt takes two bytes: ff 01 | hand main 00 |
    // cursor 240 (f0) read unsigned (15 blocks), 0, 0.
    golden(
        &PlayerBlockPlacement {
            location: Position::new(-1, -1, -1),
            face: BlockFace::Unspecified,
            held_item: None,
            hand: Some(Hand::MainHand),
            cursor_position_x: 15.0,
            cursor_position_y: 0.0,
            cursor_position_z: 0.0,
        },
        V54,
        "09 ffffffffffffffff ff01 00 f0 00 00",
    );
    // 1.9 (golden vector #21 of the research notes): id 1c | location
    // (10, 64, −5) = 10<<38 | 64<<26 | (−5 & 0x3ffffff) = 00 00 02 81 03 ff ff
    // fb | face up VarInt 01 | hand main 00 | cursor 0.5, 1.0, 0.25 as
    // sixteenths: bytes 8, 16, 4.
    golden(
        &PlayerBlockPlacement {
            location: Position::new(10, 64, -5),
            face: BlockFace::Top,
            held_item: None,
            hand: Some(Hand::MainHand),
            cursor_position_x: 0.5,
            cursor_position_y: 1.0,
            cursor_position_z: 0.25,
        },
        V107,
        "1c 00000281 03fffffb 01 00 08 10 04",
    );
    // 1.11 (golden vector #22): the same, with the cursor as three Floats
    // 0.5 = 3f000000, 1.0 = 3f800000, 0.25 = 3e800000.
    let place = PlayerBlockPlacement {
        location: Position::new(10, 64, -5),
        face: BlockFace::Top,
        held_item: None,
        hand: Some(Hand::MainHand),
        cursor_position_x: 0.5,
        cursor_position_y: 1.0,
        cursor_position_z: 0.25,
    };
    golden(
        &place,
        V315,
        "1c 00000281 03fffffb 01 00 3f000000 3f800000 3e800000",
    );
    golden(&place, V210, "1c 00000281 03fffffb 01 00 08 10 04");
    // A Float keeps what sixteenths floor away: 0.3 is 4/16 before 1.11.
    let odd = PlayerBlockPlacement {
        cursor_position_x: 0.3,
        ..place.clone()
    };
    assert_eq!(
        odd.encode_packet(V210).unwrap(),
        hex("1c 00000281 03fffffb 01 00 04 10 04")
    );
    golden(
        &odd,
        V316,
        "1c 00000281 03fffffb 01 00 3e99999a 3f800000 3e800000",
    );
    // 47 needs the held item, 54 the hand.
    let p = PlayerBlockPlacement {
        location: P123,
        face: BlockFace::Top,
        held_item: None,
        hand: None,
        cursor_position_x: 0.0,
        cursor_position_y: 0.0,
        cursor_position_z: 0.0,
    };
    assert!(matches!(
        p.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::MissingField
    ));
    assert!(matches!(
        p.encode_packet(V54).unwrap_err().kind(),
        ErrorKind::MissingField
    ));
}

#[test]
fn held_item_change_and_animation() {
    // id 09 (47) / 0a (54) | slot Short 8 = 00 08.
    let h = HeldItemChange { slot: 8 };
    golden(&h, V47, "09 0008");
    golden(&h, V54, "0a 0008");
    // 47: id 0a and nothing else.
    golden(&Animation { hand: None }, V47, "0a");
    // 54: id 0b | hand VarInt: main 00, off 01.
    golden(
        &Animation {
            hand: Some(Hand::MainHand),
        },
        V54,
        "0b 00",
    );
    golden(
        &Animation {
            hand: Some(Hand::OffHand),
        },
        V54,
        "0b 01",
    );
    // 1.9: Held Item Change 17, Animation 1a.
    golden(&h, V107, "17 0008");
    golden(
        &Animation {
            hand: Some(Hand::OffHand),
        },
        V107,
        "1a 01",
    );
}

#[test]
fn update_sign() {
    // id 12 (47) / 13 (54) | location (1,2,3) | four Chat strings:
    // "a" (JSON string, quotes included) = 03 22 61 22; "" = 02 22 22;
    // "b" = 03 22 62 22; "c" = 03 22 63 22.
    let json = |s: &str| SignLine::Json(Chat::from_json(s));
    let s = UpdateSign {
        location: P123,
        line_1: json(r#""a""#),
        line_2: json(r#""""#),
        line_3: json(r#""b""#),
        line_4: json(r#""c""#),
    };
    golden(
        &s,
        V47,
        "12 0000004008000003 03226122 022222 03226222 03226322",
    );
    golden(
        &s,
        V54,
        "13 0000004008000003 03226122 022222 03226222 03226322",
    );
    // 1.9: id 19 | the same location | four plain strings: "a" = 01 61,
    // "" = 00, "b" = 01 62, "c" = 01 63.
    let plain = |s: &str| SignLine::Plain(s.to_owned().into());
    let p = UpdateSign {
        location: P123,
        line_1: plain("a"),
        line_2: plain(""),
        line_3: plain("b"),
        line_4: plain("c"),
    };
    golden(&p, V107, "19 0000004008000003 0161 00 0162 0163");
    // Each version reads its own kind of line and refuses to send the
    // other: JSON lines are not plain text, and neither is translated.
    for (sign, v, ty) in [(&p, V47, "SignLine::Plain"), (&s, V107, "SignLine::Json")] {
        let err = sign.encode_packet(v).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::NotInVersion { ty: t, .. } if *t == ty),
            "{err}"
        );
    }
    // The 1.8 bytes of the JSON lines, read in 1.9: plain lines with quotes.
    let back = UpdateSign::decode_packet_owned(
        &hex("19 0000004008000003 03226122 022222 03226222 03226322"),
        V107,
    )
    .unwrap();
    assert_eq!(back.line_1, plain(r#""a""#));
}

#[test]
fn update_sign_lines_are_limited_to_384_characters() {
    // Vanilla 1.8 reads each line with readStringFromBuffer(384).
    let sign = |line: String| UpdateSign {
        location: P123,
        line_1: SignLine::Json(Chat::from_json(r#""a""#)),
        line_2: SignLine::Json(Chat::from_json(r#""b""#)),
        line_3: SignLine::Json(Chat::from_json(line)),
        line_4: SignLine::Json(Chat::from_json(r#""c""#)),
    };
    for v in [V47, V54] {
        assert!(sign("x".repeat(384)).encode_packet(v).is_ok());
        let err = sign("x".repeat(385)).encode_packet(v).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::TooLong { .. }), "{err}");
    }
    // 385 characters on the wire (VarInt 385 = 81 03): refused.
    let h = format!(
        "12 0000004008000003 03226122 03226222 8103 {} 03226322",
        "78".repeat(385)
    );
    let err = UpdateSign::decode_packet_owned(&hex(&h), V47).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TooLong { .. }), "{err}");
    // The plain lines of 1.9 keep the limit.
    let plain = |line: String| UpdateSign {
        location: P123,
        line_1: SignLine::Plain("a".into()),
        line_2: SignLine::Plain("b".into()),
        line_3: SignLine::Plain(line.into()),
        line_4: SignLine::Plain("c".into()),
    };
    assert!(plain("x".repeat(384)).encode_packet(V107).is_ok());
    let err = plain("x".repeat(385)).encode_packet(V107).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TooLong { .. }), "{err}");
    let h = format!(
        "19 0000004008000003 0161 0162 8103 {} 0163",
        "78".repeat(385)
    );
    let err = UpdateSign::decode_packet_owned(&hex(&h), V107).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TooLong { .. }), "{err}");
}

round_trips!(
    UseEntity,
    PlayerDigging,
    UseItem,
    PlayerBlockPlacement,
    HeldItemChange,
    Animation,
    UpdateSign,
);
