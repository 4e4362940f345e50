//! Play serverbound packets (protocol 47: 0x00–0x19; protocol 54: 0x00–0x1A):
//! golden vectors worked by hand from wiki-protocol-47.md and
//! protocol-54-ids.md, negative tests, and generated round trips.
//!
//! Recurring encodings, worked once (IEEE 754 / 1.8 Position packing):
//! - Position (1, 2, 3): x 1<<38 | y 2<<26 | z 3 = 00 00 00 40 08 00 00 03;
//!   (0, 0, 0) = eight 00; (−1, −1, −1) = every bit set = eight ff.
//! - Float 0.5 = 2^-1: exp 126 = 3f 00 00 00; 1.0: exp 127 = 3f 80 00 00;
//!   −1.0 = bf 80 00 00.
//! - Double 1.5 = 1.1b × 2^0: exp 0x3ff, mantissa top bit = 3f f8 00…;
//!   64.0 = 2^6: exp 0x405 = 40 50 00…; −2.5 = −1.01b × 2^1: exp 0x400 =
//!   c0 04 00…; 100.0 = 1.5625 × 2^6 (1.1001b) = 40 59 00….
//! - Slot: Short id, then (if id ≥ 0) Byte count, Short damage, NBT (00 = none);
//!   empty = ff ff.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::bytes::Bytes;
use mcproto_core::{Chat, ErrorKind, ItemStack, Nbt, Packet, Position, Slot, Uuid};
use mcproto_packets::play::serverbound::*;
use mcproto_packets::play::types::{BlockFace, Hand};

mcproto_core::packet_group! {
    /// Every play serverbound packet: the group fails to compile if two
    /// packets share an id in one protocol version.
    #[mc(crate = mcproto_core)]
    #[allow(dead_code)]
    enum Serverbound(Play, Serverbound) {
        KeepAlive, ChatMessage, UseEntity, Player, PlayerPosition, PlayerLook,
        PlayerPositionAndLook, PlayerDigging, UseItem, PlayerBlockPlacement,
        HeldItemChange, Animation, EntityAction, SteerVehicle, CloseWindow,
        ClickWindow, ConfirmTransaction, CreativeInventoryAction, EnchantItem,
        UpdateSign, PlayerAbilities, TabComplete, ClientSettings, ClientStatus,
        PluginMessage, Spectate, ResourcePackStatus,
    }
}

const P123: Position = Position::new(1, 2, 3);
const ORIGIN: Position = Position::new(0, 0, 0);

/// Checks a packet type's ids in 47 and 54.
fn ids<P: Packet>(v47: Option<i32>, v54: Option<i32>) {
    assert_eq!(
        (P::id_for(V47), P::id_for(V54)),
        (v47, v54),
        "{}",
        P::META.name
    );
}

#[test]
fn ids_follow_the_tables() {
    // 47 and 54 ids from wiki-protocol-47.md and protocol-54-ids.md "Play,
    // serverbound": 0x00–0x07 unchanged, Use Item new at 0x08, the rest
    // shifted by one.
    ids::<KeepAlive>(Some(0x00), Some(0x00));
    ids::<ChatMessage>(Some(0x01), Some(0x01));
    ids::<UseEntity>(Some(0x02), Some(0x02));
    ids::<Player>(Some(0x03), Some(0x03));
    ids::<PlayerPosition>(Some(0x04), Some(0x04));
    ids::<PlayerLook>(Some(0x05), Some(0x05));
    ids::<PlayerPositionAndLook>(Some(0x06), Some(0x06));
    ids::<PlayerDigging>(Some(0x07), Some(0x07));
    ids::<UseItem>(None, Some(0x08));
    ids::<PlayerBlockPlacement>(Some(0x08), Some(0x09));
    ids::<HeldItemChange>(Some(0x09), Some(0x0A));
    ids::<Animation>(Some(0x0A), Some(0x0B));
    ids::<EntityAction>(Some(0x0B), Some(0x0C));
    ids::<SteerVehicle>(Some(0x0C), Some(0x0D));
    ids::<CloseWindow>(Some(0x0D), Some(0x0E));
    ids::<ClickWindow>(Some(0x0E), Some(0x0F));
    ids::<ConfirmTransaction>(Some(0x0F), Some(0x10));
    ids::<CreativeInventoryAction>(Some(0x10), Some(0x11));
    ids::<EnchantItem>(Some(0x11), Some(0x12));
    ids::<UpdateSign>(Some(0x12), Some(0x13));
    ids::<PlayerAbilities>(Some(0x13), Some(0x14));
    ids::<TabComplete>(Some(0x14), Some(0x15));
    ids::<ClientSettings>(Some(0x15), Some(0x16));
    ids::<ClientStatus>(Some(0x16), Some(0x17));
    ids::<PluginMessage>(Some(0x17), Some(0x18));
    ids::<Spectate>(Some(0x18), Some(0x19));
    ids::<ResourcePackStatus>(Some(0x19), Some(0x1A));
    assert_eq!(Serverbound::DESCRIPTORS.len(), 27);
}

#[test]
fn keep_alive_and_chat() {
    // id 00 | VarInt 300 = ac 02.
    let k = KeepAlive { keep_alive_id: 300 };
    golden(&k, V47, "00 ac 02");
    golden(&k, V54, "00 ac 02");
    // id 01 | "hi" = 02 68 69.
    let c = ChatMessage {
        message: "hi".into(),
    };
    golden(&c, V47, "01 02 6869");
    golden(&c, V54, "01 02 6869");
    // 100 characters are fine, 101 are not (either way).
    let ok = ChatMessage {
        message: "x".repeat(100).into(),
    };
    assert!(ok.encode_packet(V47).is_ok());
    let long = ChatMessage {
        message: "x".repeat(101).into(),
    };
    assert!(long.encode_packet(V47).is_err());
    let mut bytes = hex("01 65");
    bytes.extend([b'x'; 101]);
    assert!(matches!(
        ChatMessage::decode_packet(&bytes, V47).unwrap_err().kind(),
        ErrorKind::TooLong { .. }
    ));
}

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
    // Type 3 does not exist: the type selects the layout, so it is an error.
    let err = UseEntity::decode_packet(&hex("02 05 03"), V47).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::UnknownValue {
            ty: "UseEntityAction",
            value: 3
        }
    ));
}

#[test]
fn movement() {
    // id 03 | on ground true = 01.
    golden(&Player { on_ground: true }, V47, "03 01");
    // id 04 | x 1.5 | feet y 64.0 | z −2.5 | on ground false.
    golden(
        &PlayerPosition {
            x: 1.5,
            feet_y: 64.0,
            z: -2.5,
            on_ground: false,
        },
        V47,
        "04 3ff8000000000000 4050000000000000 c004000000000000 00",
    );
    // id 05 | yaw 90.0 = 1.01101b × 2^6: exp 133 = 0x85 → 42 b4 00 00 |
    // pitch −45.0 = −1.01101b × 2^5: exp 132 → c2 34 00 00 | on ground 01.
    golden(
        &PlayerLook {
            yaw: 90.0,
            pitch: -45.0,
            on_ground: true,
        },
        V47,
        "05 42b40000 c2340000 01",
    );
    // id 06 | x 100.0 | feet y 64.0 | z 1.5 | yaw 90.0 | pitch 0.0 | on ground 01.
    golden(
        &PlayerPositionAndLook {
            x: 100.0,
            feet_y: 64.0,
            z: 1.5,
            yaw: 90.0,
            pitch: 0.0,
            on_ground: true,
        },
        V47,
        "06 4059000000000000 4050000000000000 3ff8000000000000 42b40000 00000000 01",
    );
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
    // Status is a VarInt (vanilla), not a Byte (wiki.vg): 200 = c8 01 is one
    // status, kept as an unknown value and re-encoded identically.
    golden(
        &PlayerDigging {
            status: DiggingStatus::Unknown(200),
            location: ORIGIN,
            face: BlockFace::East,
        },
        V47,
        "07 c801 0000000000000000 05",
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
        let err = PlayerBlockPlacement::decode_packet(&hex(bytes), V47).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::UnexpectedEof { .. }),
            "{bytes}: {err}"
        );
        // Through the group's id dispatch as well: 47 picks Player Block
        // Placement for 0x08 and fails; 54 picks Use Item.
        assert!(Serverbound::decode(&hex(bytes), V47).is_err());
        assert!(matches!(
            Serverbound::decode(&hex(bytes), V54).unwrap(),
            Serverbound::UseItem(_)
        ));
    }
    // And the other way round: a 47 block placement is not a 54 Use Item
    // (one VarInt, then bytes left over).
    let placement = hex("08 0000004008000003 01 0001 40 0000 00 08 0f 00");
    assert!(UseItem::decode_packet(&placement, V54).is_err());
    assert!(matches!(
        Serverbound::decode(&placement, V47).unwrap(),
        Serverbound::PlayerBlockPlacement(_)
    ));
    // In 54 a block placement is 0x09; 0x08 is refused by its decoder.
    assert!(matches!(
        PlayerBlockPlacement::decode_packet(&hex("08 00"), V54)
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
    // count 64 = 40, damage 00 00, no NBT 00 | cursor 8, 15, 0.
    golden(
        &PlayerBlockPlacement {
            location: P123,
            face: BlockFace::Top,
            held_item: Some(Slot::item(1, 64)),
            hand: None,
            cursor_position_x: 8,
            cursor_position_y: 15,
            cursor_position_z: 0,
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
            cursor_position_x: 0,
            cursor_position_y: 0,
            cursor_position_z: 0,
        },
        V47,
        "08 ffffffffffffffff ff ffff 00 00 00",
    );
    // 54: id 09 | location | face VarInt 1 = 01 | hand off = 01 (no held
    // item) | cursor 8, 15, 0.
    golden(
        &PlayerBlockPlacement {
            location: P123,
            face: BlockFace::Top,
            held_item: None,
            hand: Some(Hand::OffHand),
            cursor_position_x: 8,
            cursor_position_y: 15,
            cursor_position_z: 0,
        },
        V54,
        "09 0000004008000003 01 01 08 0f 00",
    );
    // 54: face 255 as a VarInt takes two bytes: ff 01 | hand main 00 |
    // cursor 240 (f0) read unsigned, 0, 0.
    golden(
        &PlayerBlockPlacement {
            location: Position::new(-1, -1, -1),
            face: BlockFace::Unspecified,
            held_item: None,
            hand: Some(Hand::MainHand),
            cursor_position_x: 240,
            cursor_position_y: 0,
            cursor_position_z: 0,
        },
        V54,
        "09 ffffffffffffffff ff01 00 f0 00 00",
    );
    // 47 needs the held item, 54 the hand.
    let p = PlayerBlockPlacement {
        location: P123,
        face: BlockFace::Top,
        held_item: None,
        hand: None,
        cursor_position_x: 0,
        cursor_position_y: 0,
        cursor_position_z: 0,
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
}

#[test]
fn entity_action() {
    // 47: id 0b | entity 42 = 2a | action 3 (start sprinting) | parameter 0.
    golden(
        &EntityAction {
            entity_id: 42,
            action_id: EntityActionKind::StartSprinting,
            action_parameter: 0,
        },
        V47,
        "0b 2a 03 00",
    );
    // 47: action 6 (open horse inventory).
    golden(
        &EntityAction {
            entity_id: 42,
            action_id: EntityActionKind::OpenHorseInventory,
            action_parameter: 0,
        },
        V47,
        "0b 2a 06 00",
    );
    // 54: id 0c | action 5 (horse jump) | jump boost 100 = 64.
    golden(
        &EntityAction {
            entity_id: 42,
            action_id: EntityActionKind::JumpWithHorse,
            action_parameter: 100,
        },
        V54,
        "0c 2a 05 64",
    );
    // 54 dropped action 6, but decoders accept it (D3).
    golden(
        &EntityAction {
            entity_id: 42,
            action_id: EntityActionKind::OpenHorseInventory,
            action_parameter: 0,
        },
        V54,
        "0c 2a 06 00",
    );
}

#[test]
fn steer_vehicle() {
    // id 0c (47) / 0d (54) | sideways 1.0 | forward −1.0 | flags jump|unmount = 03.
    let s = SteerVehicle {
        sideways: 1.0,
        forward: -1.0,
        flags: SteerVehicle::JUMP | SteerVehicle::UNMOUNT,
    };
    golden(&s, V47, "0c 3f800000 bf800000 03");
    golden(&s, V54, "0d 3f800000 bf800000 03");
}

#[test]
fn windows() {
    // Close Window: id 0d | window 0.
    golden(&CloseWindow { window_id: 0 }, V47, "0d 00");
    // Signed: the byte c8 is window −56 (200 − 256), as vanilla reads it.
    golden(&CloseWindow { window_id: -56 }, V47, "0d c8");
    golden(&CloseWindow { window_id: 0 }, V54, "0e 00");

    // Click Window, 47: id 0e | window 0 | slot 36 = 00 24 | button 1 |
    // action 2 = 00 02 | mode 1 (shift) | item id 276 = 01 14, count 01,
    // damage 00 00, no NBT 00.
    golden(
        &ClickWindow {
            window_id: 0,
            slot: 36,
            button: 1,
            action_number: 2,
            mode: ClickWindowMode::ShiftClick,
            clicked_item: Slot::item(276, 1),
        },
        V47,
        "0e 00 0024 01 0002 01 0114 01 0000 00",
    );
    // 54: id 0f | window 1 | slot −999 = 65536 − 999 = 64537 = fc 19 |
    // button 4 (start right drag) | action 3 | mode 5 (drag) | empty ff ff.
    golden(
        &ClickWindow {
            window_id: 1,
            slot: -999,
            button: 4,
            action_number: 3,
            mode: ClickWindowMode::Drag,
            clicked_item: Slot::EMPTY,
        },
        V54,
        "0f 01 fc19 04 0003 05 ffff",
    );
    // A mode outside 0–6 is kept: Byte 7.
    golden(
        &ClickWindow {
            window_id: -1,
            slot: 0,
            button: 0,
            action_number: 1,
            mode: ClickWindowMode::Unknown(7),
            clicked_item: Slot::EMPTY,
        },
        V47,
        "0e ff 0000 00 0001 07 ffff",
    );

    // Confirm Transaction: id 0f (47) / 10 (54) | window 1 | action 12 = 00 0c | accepted.
    golden(
        &ConfirmTransaction {
            window_id: 1,
            action_number: 12,
            accepted: false,
        },
        V47,
        "0f 01 000c 00",
    );
    golden(
        &ConfirmTransaction {
            window_id: 1,
            action_number: -1,
            accepted: true,
        },
        V54,
        "10 01 ffff 01",
    );

    // Creative Inventory Action, 47: id 10 | slot 36 | item id 35 = 00 23,
    // count 1, damage 14 = 00 0e, no NBT.
    golden(
        &CreativeInventoryAction {
            slot: 36,
            clicked_item: Slot(Some(ItemStack {
                id: 35,
                count: 1,
                damage: 14,
                nbt: Nbt::Absent,
            })),
        },
        V47,
        "10 0024 0023 01 000e 00",
    );
    // 54: id 11 | slot −1 (drop) = ff ff | empty slot ff ff.
    golden(
        &CreativeInventoryAction {
            slot: -1,
            clicked_item: Slot::EMPTY,
        },
        V54,
        "11 ffff ffff",
    );

    // Enchant Item: id 11 (47) / 12 (54) | window 3 | enchantment 2.
    let e = EnchantItem {
        window_id: 3,
        enchantment: 2,
    };
    golden(&e, V47, "11 03 02");
    golden(&e, V54, "12 03 02");
}

#[test]
fn update_sign() {
    // id 12 (47) / 13 (54) | location (1,2,3) | four Chat strings:
    // "a" (JSON string, quotes included) = 03 22 61 22; "" = 02 22 22;
    // "b" = 03 22 62 22; "c" = 03 22 63 22.
    let s = UpdateSign {
        location: P123,
        line_1: Chat::from_json(r#""a""#),
        line_2: Chat::from_json(r#""""#),
        line_3: Chat::from_json(r#""b""#),
        line_4: Chat::from_json(r#""c""#),
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
}

#[test]
fn update_sign_lines_are_limited_to_384_characters() {
    // Vanilla 1.8 reads each line with readStringFromBuffer(384).
    let sign = |line: String| UpdateSign {
        location: P123,
        line_1: Chat::from_json(r#""a""#),
        line_2: Chat::from_json(r#""b""#),
        line_3: Chat::from_json(line),
        line_4: Chat::from_json(r#""c""#),
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
    let err = UpdateSign::decode_packet(&hex(&h), V47).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TooLong { .. }), "{err}");
}

#[test]
fn player_abilities() {
    // id 13 (47) / 14 (54) | flags flying|allow flying = 02|04 = 06 |
    // flying speed 0.05 = 3d 4c cc cd | walking speed 0.1 = 3d cc cc cd
    // (0.1 = 1.6 × 2^-4: exp 123, mantissa 0x4ccccd rounded up).
    let a = PlayerAbilities {
        flags: PlayerAbilities::FLYING | PlayerAbilities::ALLOW_FLYING,
        flying_speed: 0.05,
        walking_speed: 0.1,
    };
    golden(&a, V47, "13 06 3d4ccccd 3dcccccd");
    golden(&a, V54, "14 06 3d4ccccd 3dcccccd");
    // The vanilla bit order (D7): invulnerable 1, flying 2, allow flying 4, creative 8.
    assert_eq!(
        [
            PlayerAbilities::INVULNERABLE,
            PlayerAbilities::FLYING,
            PlayerAbilities::ALLOW_FLYING,
            PlayerAbilities::CREATIVE_MODE
        ],
        [0x01, 0x02, 0x04, 0x08]
    );
}

#[test]
fn tab_complete() {
    // id 14 | "/he" = 03 2f 68 65 | has position false = 00.
    let no_pos = TabComplete {
        text: "/he".into(),
        looked_at_block: None,
    };
    golden(&no_pos, V47, "14 03 2f6865 00");
    // has position true = 01 | (1,2,3).
    let pos = TabComplete {
        text: "/he".into(),
        looked_at_block: Some(P123),
    };
    golden(&pos, V47, "14 03 2f6865 01 0000004008000003");
    // 54: id 15, same layout (no Assume Command yet, D4).
    golden(&no_pos, V54, "15 03 2f6865 00");
    golden(&pos, V54, "15 03 2f6865 01 0000004008000003");
}

#[test]
fn client_settings() {
    // 47: id 15 | "en_GB" = 05 65 6e 5f 47 42 | view distance 8 |
    // chat mode 0 | colors true 01 | skin parts all seven bits = 7f.
    let s47 = ClientSettings {
        locale: "en_GB".into(),
        view_distance: 8,
        chat_mode: ChatMode::Enabled,
        chat_colors: true,
        displayed_skin_parts: 0x7f,
        main_hand: None,
    };
    golden(&s47, V47, "15 05 656e5f4742 08 00 01 7f");
    // 54: id 16 | … chat mode 1 (commands only) | colors false | cape|hat =
    // 41 | main hand VarInt 1 (right).
    let s54 = ClientSettings {
        locale: "en_GB".into(),
        view_distance: 12,
        chat_mode: ChatMode::CommandsOnly,
        chat_colors: false,
        displayed_skin_parts: ClientSettings::CAPE | ClientSettings::HAT,
        main_hand: Some(MainHand::Right),
    };
    golden(&s54, V54, "16 05 656e5f4742 0c 01 00 41 01");
    golden(
        &ClientSettings {
            chat_mode: ChatMode::Hidden,
            main_hand: Some(MainHand::Left),
            ..s54.clone()
        },
        V54,
        "16 05 656e5f4742 0c 02 00 41 00",
    );
    // 54 needs the main hand.
    assert!(matches!(
        s47.encode_packet(V54).unwrap_err().kind(),
        ErrorKind::MissingField
    ));
    // Vanilla 1.8 reads at most 7 locale characters.
    let long = ClientSettings {
        locale: "en_GB_xx".into(),
        ..s47
    };
    assert!(long.encode_packet(V47).is_err());
    assert!(
        ClientSettings::decode_packet(&hex("15 08 656e5f47425f7878 08 00 01 7f"), V47).is_err()
    );
}

#[test]
fn client_status() {
    // id 16 (47) / 17 (54) | action VarInt.
    golden(
        &ClientStatus {
            action_id: ClientStatusAction::PerformRespawn,
        },
        V47,
        "16 00",
    );
    golden(
        &ClientStatus {
            action_id: ClientStatusAction::RequestStats,
        },
        V47,
        "16 01",
    );
    // 2: "taking inventory" achievement in 47, "opened inventory" in 54.
    let open = ClientStatus {
        action_id: ClientStatusAction::OpenInventory,
    };
    golden(&open, V47, "16 02");
    golden(&open, V54, "17 02");
}

#[test]
fn plugin_message() {
    // id 17 | "MC|Brand" = 08 4d 43 7c 42 72 61 6e 64 | data to the end, no
    // length: here a String "vanilla" = 07 76 61 6e 69 6c 6c 61.
    let m = PluginMessage {
        channel: "MC|Brand".into(),
        data: Bytes::from_static(b"\x07vanilla"),
    };
    golden(&m, V47, "17 08 4d437c4272616e64 07 76616e696c6c61");
    golden(&m, V54, "18 08 4d437c4272616e64 07 76616e696c6c61");
    // Empty data: the packet ends after the channel.
    golden(
        &PluginMessage {
            channel: "REGISTER".into(),
            data: Bytes::new(),
        },
        V47,
        "17 08 5245474953544552",
    );
    // Channels are at most 20 characters.
    let long = PluginMessage {
        channel: "c".repeat(21).into(),
        data: Bytes::new(),
    };
    assert!(long.encode_packet(V47).is_err());
}

#[test]
fn spectate_and_resource_pack_status() {
    // id 18 (47) / 19 (54) | UUID, most significant half first.
    let s = Spectate {
        target_player: Uuid::from_u128(0x0123_4567_89ab_cdef_fedc_ba98_7654_3210),
    };
    golden(&s, V47, "18 0123456789abcdef fedcba9876543210");
    golden(&s, V54, "19 0123456789abcdef fedcba9876543210");
    // id 19 (47) / 1a (54) | hash "abc" = 03 61 62 63 | result VarInt.
    golden(
        &ResourcePackStatus {
            hash: "abc".into(),
            result: ResourcePackResult::Accepted,
        },
        V47,
        "19 03 616263 03",
    );
    golden(
        &ResourcePackStatus {
            hash: "abc".into(),
            result: ResourcePackResult::SuccessfullyLoaded,
        },
        V47,
        "19 03 616263 00",
    );
    golden(
        &ResourcePackStatus {
            hash: "abc".into(),
            result: ResourcePackResult::Declined,
        },
        V54,
        "1a 03 616263 01",
    );
    golden(
        &ResourcePackStatus {
            hash: "abc".into(),
            result: ResourcePackResult::FailedDownload,
        },
        V54,
        "1a 03 616263 02",
    );
    // The hash is at most 40 characters (a SHA-1 in hex).
    let long = ResourcePackStatus {
        hash: "0".repeat(41).into(),
        result: ResourcePackResult::Accepted,
    };
    assert!(long.encode_packet(V47).is_err());
}

round_trips!(
    KeepAlive,
    ChatMessage,
    UseEntity,
    Player,
    PlayerPosition,
    PlayerLook,
    PlayerPositionAndLook,
    PlayerDigging,
    UseItem,
    PlayerBlockPlacement,
    HeldItemChange,
    Animation,
    EntityAction,
    SteerVehicle,
    CloseWindow,
    ClickWindow,
    ConfirmTransaction,
    CreativeInventoryAction,
    EnchantItem,
    UpdateSign,
    PlayerAbilities,
    TabComplete,
    ClientSettings,
    ClientStatus,
    PluginMessage,
    Spectate,
    ResourcePackStatus,
);
