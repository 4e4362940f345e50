//! Clientbound play packets 0x00–0x1F: golden vectors worked by hand from the
//! tables in wiki-protocol-47.md and protocol-54-ids.md ("Layout changes"),
//! and generated round trips.
//!
//! Number encodings used below: Int/Short/Long are big-endian two's
//! complement; fixed-point = floor(value × 32) as Int (or Byte for relative
//! moves); floats are IEEE 754 big-endian; VarInt = 7 bits per byte, low
//! group first, 0x80 = more follows.
// Tests panic on purpose; the workspace lints warn on unwrap/expect.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::{
    Angle, Chat, ErrorKind, Metadata, MetadataEntry, MetadataValue, Packet, Position, Slot, Uuid,
};
use mcproto_packets::play::clientbound::{
    Animation, AnimationId, AttachEntity, ChatMessage, ChatPosition, CollectItem, DestroyEntities,
    Entity, EntityEffect, EntityEquipment, EntityHeadLook, EntityLook, EntityLookAndRelativeMove,
    EntityMetadata, EntityRelativeMove, EntityStatus, EntityTeleport, EntityVelocity,
    EquipmentSlot, HeldItemChange, JoinGame, JoinGameMode, KeepAlive, LevelType, PaintingDirection,
    PlayerPositionAndLook, RemoveEntityEffect, Respawn, SetExperience, SpawnExperienceOrb,
    SpawnMob, SpawnObject, SpawnObjectVelocity, SpawnPainting, SpawnPlayer, SpawnPosition,
    TimeUpdate, UpdateHealth, UseBed,
};
use mcproto_packets::play::types::{Difficulty, Dimension, GameMode};

fn uuid() -> Uuid {
    Uuid::parse_str("b50ad385-829d-3141-a216-7e7d7539ba7f").unwrap()
}
// The same UUID as sent: its 16 bytes in order.
const UUID_HEX: &str = "b50ad385829d3141a2167e7d7539ba7f";

#[test]
fn keep_alive() {
    // id 00 | VarInt 300 = 300 & 0x7f = 0x2c | 0x80 = ac, 300 >> 7 = 2 → ac 02.
    golden(&KeepAlive { keep_alive_id: 300 }, V47, "00 ac 02");
    golden(&KeepAlive { keep_alive_id: 0 }, V54, "00 00");
}

#[test]
fn join_game() {
    let p = JoinGame {
        entity_id: 1,
        gamemode: JoinGameMode {
            mode: GameMode::Creative,
            hardcore: true,
        },
        dimension: Dimension::Nether,
        difficulty: Difficulty::Hard,
        max_players: 20,
        level_type: LevelType::Default,
        reduced_debug_info: false,
    };
    // id 01 | Int 1 = 00 00 00 01 | mode creative 1 | hardcore 0x08 = 09 |
    // dimension Byte -1 = ff | difficulty 3 | max players 20 = 14 |
    // "default" = 07 + 64 65 66 61 75 6c 74 | reduced debug false = 00.
    let bytes = "01 00000001 09 ff 03 14 07 64656661756c74 00";
    golden(&p, V47, bytes);
    // Unchanged in 54.
    golden(&p, V54, bytes);
    let p2 = JoinGame {
        entity_id: -2,
        gamemode: JoinGameMode::new(GameMode::Spectator),
        dimension: Dimension::End,
        difficulty: Difficulty::Peaceful,
        max_players: 255,
        level_type: LevelType::LargeBiomes,
        reduced_debug_info: true,
    };
    // Int -2 = ff ff ff fe | mode 3, no hardcore bit = 03 | End = 01 | 00 |
    // 255 = ff (unsigned) | "largeBiomes" = 0b + 6c 61 72 67 65 42 69 6f 6d 65 73 | 01.
    golden(
        &p2,
        V47,
        "01 fffffffe 03 01 00 ff 0b 6c617267654269 6f6d6573 01",
    );
    // Byte 0x0c = hardcore (0x08) + unknown mode 4; a level type spelled
    // "FLAT" is not "flat" and is kept as received.
    let odd = JoinGame {
        gamemode: JoinGameMode {
            mode: GameMode::Unknown(4),
            hardcore: true,
        },
        dimension: Dimension::Overworld,
        level_type: LevelType::Other("FLAT".into()),
        ..p2
    };
    // ... 0c | Overworld 00 | 00 | ff | "FLAT" = 04 46 4c 41 54 | 01.
    golden(&odd, V47, "01 fffffffe 0c 00 00 ff 04 464c4154 01");
}

#[test]
fn join_game_mode_and_level_type_errors() {
    // A mode whose number uses the hardcore bit cannot be sent.
    assert!(
        JoinGameMode::new(GameMode::Unknown(8)).to_byte().is_err(),
        "mode 8 overlaps the hardcore bit"
    );
    assert!(JoinGameMode::new(GameMode::Unknown(256)).to_byte().is_err());
    assert_eq!(
        JoinGameMode {
            mode: GameMode::Adventure,
            hardcore: true
        }
        .to_byte()
        .unwrap(),
        0x0a
    );
    // Every byte decodes and gives itself back.
    for b in 0..=255u8 {
        assert_eq!(JoinGameMode::from_byte(b).to_byte().unwrap(), b);
    }
    // Level type names are at most 16 characters (vanilla readStringFromBuffer(16)).
    let long = Respawn {
        dimension: Dimension::Overworld,
        difficulty: Difficulty::Easy,
        gamemode: GameMode::Survival,
        level_type: LevelType::Other("x".repeat(17).into()),
    };
    assert!(long.encode_packet(V47).is_err());
    // id 07 | Int 0 | 01 | 00 | String of 17 bytes "xxx…".
    let mut wire = String::from("07 00000000 01 00 11");
    wire.push_str(&"78".repeat(17));
    assert!(matches!(
        Respawn::decode_packet(&hex(&wire), V47).unwrap_err().kind(),
        ErrorKind::TooLong { .. }
    ));
    // An Other holding a known name would decode as that name: refused.
    let clash = Respawn {
        level_type: LevelType::Other("flat".into()),
        ..long
    };
    assert!(clash.encode_packet(V47).is_err());
    assert_eq!(LevelType::from_name("default_1_1"), LevelType::Default11);
}

#[test]
fn chat_message() {
    let p = ChatMessage {
        json_data: Chat::from_json(r#"{"text":"hi"}"#),
        position: ChatPosition::AboveHotbar,
    };
    // id 02 | String of 13 bytes = 0d: { " t e x t " : " h i " } =
    // 7b 22 74 65 78 74 22 3a 22 68 69 22 7d | position 2 = 02.
    golden(&p, V47, "02 0d 7b2274657874223a226869227d 02");
    // Unknown positions are kept: "x" as JSON = 22 78 22, position 5.
    golden(
        &ChatMessage {
            json_data: Chat::from_json(r#""x""#),
            position: ChatPosition::Unknown(5),
        },
        V54,
        "02 03 227822 05",
    );
    // Position is a signed Byte: ff = -1.
    let m = ChatMessage::decode_packet(&hex("02 00 ff"), V47).unwrap();
    assert_eq!(m.position, ChatPosition::Unknown(-1));
}

#[test]
fn time_update() {
    // id 03 | Long 24000 = 0x5dc0 | Long -6000: 0x10000 - 0x1770 = 0xe890, sign-extended.
    golden(
        &TimeUpdate {
            world_age: 24000,
            time_of_day: -6000,
        },
        V47,
        "03 0000000000005dc0 ffffffffffffe890",
    );
}

#[test]
fn entity_equipment() {
    let helmet = EntityEquipment {
        entity_id: 5,
        slot: EquipmentSlot::Helmet,
        item: Slot::item(310, 1),
    };
    // 47: id 04 | VarInt 5 | Short slot 4 (helmet) = 00 04 | Slot: id 310 =
    // 0x0136, count 1, damage 0 = 00 00, no NBT = 00.
    golden(&helmet, V47, "04 05 0004 0136 01 0000 00");
    // 54: the slot is a VarInt and the helmet is 5.
    golden(&helmet, V54, "04 05 05 0136 01 0000 00");
    // 47 held item = Short 0; empty slot = item id -1 = ff ff.
    let held = EntityEquipment {
        entity_id: 5,
        slot: EquipmentSlot::MainHand,
        item: Slot::EMPTY,
    };
    golden(&held, V47, "04 05 0000 ffff");
    golden(&held, V54, "04 05 00 ffff");
    // 54 off hand = 1; 47 boots = 1 too.
    let off = EntityEquipment {
        slot: EquipmentSlot::OffHand,
        ..held.clone()
    };
    golden(&off, V54, "04 05 01 ffff");
    let boots = EntityEquipment {
        slot: EquipmentSlot::Boots,
        ..held.clone()
    };
    golden(&boots, V47, "04 05 0001 ffff");
    golden(&boots, V54, "04 05 02 ffff");
    // There is no off hand in 47.
    assert!(matches!(
        off.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::OutOfRange { .. }
    ));
    // Unknown numbers are kept in the numbering of their version.
    golden(
        &EntityEquipment {
            slot: EquipmentSlot::Unknown(5),
            ..held.clone()
        },
        V47,
        "04 05 0005 ffff",
    );
    golden(
        &EntityEquipment {
            slot: EquipmentSlot::Unknown(-1),
            ..held.clone()
        },
        V54,
        "04 05 ffffffff0f ffff",
    );
    // An Unknown that has a name in this version is refused.
    let clash = EntityEquipment {
        slot: EquipmentSlot::Unknown(4),
        ..held
    };
    assert!(clash.encode_packet(V47).is_err());
    assert!(clash.encode_packet(V54).is_err());
    assert_eq!(EquipmentSlot::from_wire(1, 47), EquipmentSlot::Boots);
    assert_eq!(EquipmentSlot::from_wire(1, 54), EquipmentSlot::OffHand);
}

#[test]
fn spawn_position_update_health_respawn() {
    // Position(-1, 64, 5): x = 0x3ffffff << 38 = ff ff ff c0 00 00 00 00,
    // y = 64 << 26 = 2^32 = 00 00 00 01 00 00 00 00, z = 5 → ff ff ff c1 00 00 00 05.
    golden(
        &SpawnPosition {
            location: Position::new(-1, 64, 5),
        },
        V47,
        "05 ffffffc1 00000005",
    );
    // Float 20.0 = 0x41a00000 | VarInt 20 = 14 | Float 5.0 = 0x40a00000.
    golden(
        &UpdateHealth {
            health: 20.0,
            food: 20,
            food_saturation: 5.0,
        },
        V47,
        "06 41a00000 14 40a00000",
    );
    // Dimension as Int -1 = ff ff ff ff | Normal 2 | Adventure 2 | "flat" = 04 66 6c 61 74.
    let r = Respawn {
        dimension: Dimension::Nether,
        difficulty: Difficulty::Normal,
        gamemode: GameMode::Adventure,
        level_type: LevelType::Flat,
    };
    golden(&r, V47, "07 ffffffff 02 02 04 666c6174");
    golden(&r, V54, "07 ffffffff 02 02 04 666c6174");
    // "amplified" = 09 61 6d 70 6c 69 66 69 65 64; "default_1_1" = 0b 64 65 66
    // 61 75 6c 74 5f 31 5f 31; unknown dimension Int 2.
    golden(
        &Respawn {
            dimension: Dimension::Unknown(2),
            difficulty: Difficulty::Peaceful,
            gamemode: GameMode::Survival,
            level_type: LevelType::Amplified,
        },
        V47,
        "07 00000002 00 00 09 616d706c6966696564",
    );
    golden(
        &Respawn {
            dimension: Dimension::Overworld,
            difficulty: Difficulty::Easy,
            gamemode: GameMode::Creative,
            level_type: LevelType::Default11,
        },
        V47,
        "07 00000000 01 01 0b 64656661756c745f315f31",
    );
}

#[test]
fn player_position_and_look() {
    let p = PlayerPositionAndLook {
        x: 1.5,
        y: 64.0,
        z: -2.25,
        yaw: 90.0,
        pitch: 0.0,
        flags: PlayerPositionAndLook::RELATIVE_YAW | PlayerPositionAndLook::RELATIVE_PITCH,
    };
    // Double 1.5 = 3ff8 0…; 64.0 = 2^6: exponent 1023+6 = 0x405 → 4050 0…;
    // -2.25 = -(1.125 × 2): exponent 0x400, mantissa 0.125 → c002 0…;
    // Float 90.0 = 1.40625 × 2^6: exponent 133 = 0x85, mantissa 0x340000 → 42b40000;
    // Float 0 | flags 0x08 | 0x10 = 18.
    golden(
        &p,
        V47,
        "08 3ff8000000000000 4050000000000000 c002000000000000 42b40000 00000000 18",
    );
}

#[test]
fn small_packets() {
    golden(&HeldItemChange { slot: 8 }, V47, "09 08");
    // VarInt 7 | Position(1, 2, 3) = 1 << 38 | 2 << 26 | 3 = 00 00 00 40 08 00 00 03.
    golden(
        &UseBed {
            entity_id: 7,
            location: Position::new(1, 2, 3),
        },
        V47,
        "0a 07 0000004008000003",
    );
    golden(
        &Animation {
            entity_id: 7,
            animation: AnimationId::LeaveBed,
        },
        V47,
        "0b 07 02",
    );
    // Unsigned byte 200 = c8 is an unknown animation.
    golden(
        &Animation {
            entity_id: 7,
            animation: AnimationId::Unknown(200),
        },
        V54,
        "0b 07 c8",
    );
    // VarInt 10 = 0a, VarInt 20 = 14.
    golden(
        &CollectItem {
            collected_entity_id: 10,
            collector_entity_id: 20,
        },
        V47,
        "0d 0a 14",
    );
}

#[test]
fn spawn_player() {
    let p = SpawnPlayer {
        entity_id: 300,
        player_uuid: uuid(),
        x: 1.5,
        y: 64.0,
        z: -0.5,
        yaw: Angle(64),
        pitch: Angle(0),
        current_item: Some(0),
        metadata: Metadata(vec![
            MetadataEntry {
                index: 0,
                value: MetadataValue::Byte(0),
            },
            MetadataEntry {
                index: 6,
                value: MetadataValue::Float(20.0),
            },
        ]),
    };
    // id 0c | VarInt 300 = ac 02 | UUID | x 1.5×32 = 48 = 00 00 00 30 |
    // y 64×32 = 2048 = 00 00 08 00 | z -0.5×32 = -16 = ff ff ff f0 |
    // yaw 40 | pitch 00 | current item Short 0 = 00 00 |
    // metadata: key (0<<5)|0 = 00, Byte 00; key (3<<5)|6 = 66, Float 20.0 = 41 a0 00 00; end 7f.
    golden(
        &p,
        V47,
        &format!("0c ac02 {UUID_HEX} 00000030 00000800 fffffff0 40 00 0000 0000 66 41a00000 7f"),
    );
    // 54: no current item (D1).
    let p54 = SpawnPlayer {
        current_item: None,
        ..p.clone()
    };
    golden(
        &p54,
        V54,
        &format!("0c ac02 {UUID_HEX} 00000030 00000800 fffffff0 40 00 0000 66 41a00000 7f"),
    );
    // 47 needs the current item.
    assert!(matches!(
        p54.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::MissingField
    ));
    // Positions that do not fit an Int × 32 are refused.
    let far = SpawnPlayer {
        x: 1e9,
        ..p.clone()
    };
    assert!(matches!(
        far.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::FixedOutOfRange { .. }
    ));
}

#[test]
fn spawn_object() {
    let arrow = SpawnObject {
        entity_id: 1,
        object_uuid: None,
        object_type: 60,
        x: 0.0,
        y: 100.5,
        z: -1.0,
        pitch: Angle(0),
        yaw: Angle(128),
        data: 42,
        velocity: Some(SpawnObjectVelocity {
            x: 8000,
            y: -8000,
            z: 0,
        }),
    };
    // 47, Data > 0: id 0e | VarInt 1 | type 60 = 3c | x 0 | y 100.5×32 = 3216 =
    // 00 00 0c 90 | z -32 = ff ff ff e0 | pitch 00 | yaw 80 | Data 42 = 00 00 00 2a |
    // velocity Short 8000 = 1f 40, -8000 = 0x10000 - 0x1f40 = e0 c0, 0 = 00 00.
    golden(
        &arrow,
        V47,
        "0e 01 3c 00000000 00000c90 ffffffe0 00 80 0000002a 1f40 e0c0 0000",
    );
    // 47, Data = 0: no velocity.
    let item = SpawnObject {
        object_type: 2,
        data: 0,
        velocity: None,
        ..arrow
    };
    golden(
        &item,
        V47,
        "0e 01 02 00000000 00000c90 ffffffe0 00 80 00000000",
    );
    // 47, Data < 0: vanilla tests Data > 0, so still no velocity.
    let negative = SpawnObject { data: -1, ..item };
    golden(
        &negative,
        V47,
        "0e 01 02 00000000 00000c90 ffffffe0 00 80 ffffffff",
    );
    // 54: UUID after the entity id; velocity present even with Data 0
    // (Short 1 = 00 01, -1 = ff ff, 0 = 00 00).
    let item54 = SpawnObject {
        object_uuid: Some(uuid()),
        velocity: Some(SpawnObjectVelocity { x: 1, y: -1, z: 0 }),
        ..item
    };
    golden(
        &item54,
        V54,
        &format!("0e 01 {UUID_HEX} 02 00000000 00000c90 ffffffe0 00 80 00000000 0001 ffff 0000"),
    );
    // A velocity where 47 has none, none where 54 needs one, and no UUID in 54.
    assert!(matches!(
        item54.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::UnexpectedField
    ));
    assert!(matches!(
        SpawnObject {
            object_uuid: Some(uuid()),
            ..item
        }
        .encode_packet(V54)
        .unwrap_err()
        .kind(),
        ErrorKind::MissingField
    ));
    assert!(matches!(
        arrow.encode_packet(V54).unwrap_err().kind(),
        ErrorKind::MissingField
    ));
    // Data > 0 without the velocity is missing it in 47.
    assert!(matches!(
        SpawnObject {
            velocity: None,
            ..arrow
        }
        .encode_packet(V47)
        .unwrap_err()
        .kind(),
        ErrorKind::MissingField
    ));
}

#[test]
fn spawn_mob() {
    let pig = SpawnMob {
        entity_id: 2,
        entity_uuid: None,
        mob_type: 90,
        x: 0.5,
        y: 64.0,
        z: 0.5,
        yaw: Angle(0x40),
        pitch: Angle(0),
        head_pitch: Angle(0x40),
        velocity_x: 0,
        velocity_y: 0,
        velocity_z: -1,
        metadata: Metadata::default(),
    };
    // id 0f | VarInt 2 | type 90 = 5a | x 0.5×32 = 16 = 00 00 00 10 | y 2048 = 00 00 08 00 |
    // z 00 00 00 10 | yaw 40 | pitch 00 | head 40 | velocity 0, 0, -1 = ff ff |
    // metadata: only the terminator 7f.
    golden(
        &pig,
        V47,
        "0f 02 5a 00000010 00000800 00000010 40 00 40 0000 0000 ffff 7f",
    );
    // 54: the UUID follows the entity id.
    let pig54 = SpawnMob {
        entity_uuid: Some(uuid()),
        ..pig.clone()
    };
    golden(
        &pig54,
        V54,
        &format!("0f 02 {UUID_HEX} 5a 00000010 00000800 00000010 40 00 40 0000 0000 ffff 7f"),
    );
    assert!(matches!(
        pig.encode_packet(V54).unwrap_err().kind(),
        ErrorKind::MissingField
    ));
    // Mob type is unsigned: c8 = 200.
    let m = SpawnMob::decode_packet(
        &hex("0f 02 c8 00000010 00000800 00000010 40 00 40 0000 0000 ffff 7f"),
        V47,
    )
    .unwrap();
    assert_eq!(m.mob_type, 200);
}

#[test]
fn spawn_painting_and_orb() {
    let kebab = SpawnPainting {
        entity_id: 3,
        title: "Kebab".into(),
        location: Position::new(1, 2, 3),
        direction: PaintingDirection::North,
    };
    // id 10 | VarInt 3 | "Kebab" = 05 4b 65 62 61 62 | Position(1,2,3) | north = 2 (vanilla numbering).
    golden(&kebab, V47, "10 03 05 4b65626162 0000004008000003 02");
    golden(
        &SpawnPainting {
            direction: PaintingDirection::South,
            ..kebab.clone()
        },
        V54,
        "10 03 05 4b65626162 0000004008000003 00",
    );
    // Titles are at most 13 characters.
    let long = SpawnPainting {
        title: "x".repeat(14).into(),
        ..kebab
    };
    assert!(long.encode_packet(V47).is_err());
    let mut wire = String::from("10 03 0e");
    wire.push_str(&"78".repeat(14));
    wire.push_str(" 0000004008000003 02");
    assert!(SpawnPainting::decode_packet(&hex(&wire), V47).is_err());
    // id 11 | VarInt 4 | x 32 = 00 00 00 20 | y 64 = 00 00 00 40 |
    // z -96 = 0x100 - 0x60 = ff ff ff a0 | Short 7.
    golden(
        &SpawnExperienceOrb {
            entity_id: 4,
            x: 1.0,
            y: 2.0,
            z: -3.0,
            count: 7,
        },
        V47,
        "11 04 00000020 00000040 ffffffa0 0007",
    );
}

#[test]
fn velocity_and_destroy() {
    // Short 100 = 00 64, -100 = 0x10000 - 0x64 = ff 9c.
    golden(
        &EntityVelocity {
            entity_id: 5,
            velocity_x: 100,
            velocity_y: -100,
            velocity_z: 0,
        },
        V47,
        "12 05 0064 ff9c 0000",
    );
    // Count VarInt 3 | 1 = 01 | 300 = ac 02 | -1 = ff ff ff ff 0f.
    golden(
        &DestroyEntities {
            entity_ids: vec![1, 300, -1],
        },
        V47,
        "13 03 01 ac02 ffffffff0f",
    );
    golden(&DestroyEntities { entity_ids: vec![] }, V54, "13 00");
    // A count larger than the bytes left fails before allocating.
    assert!(DestroyEntities::decode_packet(&hex("13 ff ff ff ff 07"), V47).is_err());
}

#[test]
fn movement() {
    // VarInt 128 = 80 01.
    golden(&Entity { entity_id: 128 }, V47, "14 80 01");
    // Δ 0.5×32 = 16 = 10 | -0.25×32 = -8 = f8 | 3.96875×32 = 127 = 7f | on ground 01.
    let mv = EntityRelativeMove {
        entity_id: 6,
        delta_x: 0.5,
        delta_y: -0.25,
        delta_z: 3.96875,
        on_ground: true,
    };
    golden(&mv, V47, "15 06 10 f8 7f 01");
    // 4 blocks × 32 = 128 does not fit a Byte.
    assert!(matches!(
        EntityRelativeMove { delta_x: 4.0, ..mv }
            .encode_packet(V47)
            .unwrap_err()
            .kind(),
        ErrorKind::FixedOutOfRange { .. }
    ));
    golden(
        &EntityLook {
            entity_id: 6,
            yaw: Angle(0xc0),
            pitch: Angle(0x20),
            on_ground: false,
        },
        V47,
        "16 06 c0 20 00",
    );
    // Δ -4×32 = -128 = 80 | 0 | 0.03125×32 = 1 | yaw 10 | pitch f0 | 01.
    golden(
        &EntityLookAndRelativeMove {
            entity_id: 6,
            delta_x: -4.0,
            delta_y: 0.0,
            delta_z: 0.03125,
            yaw: Angle(0x10),
            pitch: Angle(0xf0),
            on_ground: true,
        },
        V47,
        "17 06 80 00 01 10 f0 01",
    );
    // x -100×32 = -3200 = 0x1_0000_0000 - 0xc80 = ff ff f3 80 |
    // y 70.25×32 = 2248 = 00 00 08 c8 | z 1000×32 = 32000 = 00 00 7d 00 | 00 00 01.
    let tp = EntityTeleport {
        entity_id: 7,
        x: -100.0,
        y: 70.25,
        z: 1000.0,
        yaw: Angle(0),
        pitch: Angle(0),
        on_ground: true,
    };
    golden(&tp, V47, "18 07 fffff380 000008c8 00007d00 00 00 01");
    golden(&tp, V54, "18 07 fffff380 000008c8 00007d00 00 00 01");
    // Fixed-point floors: -0.01×32 = -0.32 → -1 = ff ff ff ff, which reads back as -1/32.
    let floored = EntityTeleport {
        x: -0.01,
        y: 0.0,
        z: 0.0,
        ..tp
    };
    let bytes = floored.encode_packet(V47).unwrap();
    assert_eq!(bytes, hex("18 07 ffffffff 00000000 00000000 00 00 01"));
    assert_eq!(
        EntityTeleport::decode_packet(&bytes, V47).unwrap().x,
        -1.0 / 32.0
    );
    golden(
        &EntityHeadLook {
            entity_id: 7,
            head_yaw: Angle(0x80),
        },
        V47,
        "19 07 80",
    );
}

#[test]
fn status_attach_metadata_effects_experience() {
    // Entity id is an Int here: 300 = 00 00 01 2c | status Byte 2.
    golden(
        &EntityStatus {
            entity_id: 300,
            entity_status: 2,
        },
        V47,
        "1a 0000012c 02",
    );
    // Int 1 | Int -1 = ff ff ff ff (detach) | leash false.
    golden(
        &AttachEntity {
            entity_id: 1,
            vehicle_id: -1,
            leash: false,
        },
        V47,
        "1b 00000001 ffffffff 00",
    );
    golden(
        &AttachEntity {
            entity_id: 1,
            vehicle_id: 2,
            leash: true,
        },
        V54,
        "1b 00000001 00000002 01",
    );
    // Metadata: String at index 2: key (4<<5)|2 = 82, "Bob" = 03 42 6f 62, end 7f.
    golden(
        &EntityMetadata {
            entity_id: 9,
            metadata: Metadata(vec![MetadataEntry {
                index: 2,
                value: MetadataValue::String("Bob".into()),
            }]),
        },
        V47,
        "1c 09 82 03 426f62 7f",
    );
    // Effect 1 | amplifier 1 | duration VarInt 600 = 0x258: 0x58|0x80 = d8, 600>>7 = 4 | hide 01.
    golden(
        &EntityEffect {
            entity_id: 9,
            effect_id: 1,
            amplifier: 1,
            duration: 600,
            hide_particles: true,
        },
        V47,
        "1d 09 01 01 d804 01",
    );
    golden(
        &RemoveEntityEffect {
            entity_id: 9,
            effect_id: 1,
        },
        V47,
        "1e 09 01",
    );
    // Float 0.5 = 3f000000 | level 30 = 1e | total 1395 = 0x573: 0x73|0x80 = f3, 1395>>7 = 10 = 0a.
    golden(
        &SetExperience {
            experience_bar: 0.5,
            level: 30,
            total_experience: 1395,
        },
        V47,
        "1f 3f000000 1e f30a",
    );
}

round_trips!(
    KeepAlive,
    JoinGame,
    ChatMessage,
    TimeUpdate,
    EntityEquipment,
    SpawnPosition,
    UpdateHealth,
    Respawn,
    PlayerPositionAndLook,
    HeldItemChange,
    UseBed,
    Animation,
    SpawnPlayer,
    CollectItem,
    SpawnObject,
    SpawnMob,
    SpawnPainting,
    SpawnExperienceOrb,
    EntityVelocity,
    DestroyEntities,
    Entity,
    EntityRelativeMove,
    EntityLook,
    EntityLookAndRelativeMove,
    EntityTeleport,
    EntityHeadLook,
    EntityStatus,
    AttachEntity,
    EntityMetadata,
    EntityEffect,
    RemoveEntityEffect,
    SetExperience,
);
