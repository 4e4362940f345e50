//! Clientbound play packets, spawning, moving, equipping and changing entities:
//! golden vectors worked by hand from wiki.vg's [1.8 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=7368) and its [15w32c
//! page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=6788), and
//! generated round trips. Encodings used throughout are worked once in
//! `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::types::nbt::{Compound, Value};
use mcproto_core::{
    Angle, Chat, ErrorKind, Metadata, MetadataEntry, MetadataValue, Nbt, Position, Slot, Uuid,
};
use mcproto_packets::play::clientbound::{
    Animation, AttachEntity, CollectItem, DestroyEntities, Entity, EntityEffect, EntityEquipment,
    EntityHeadLook, EntityLook, EntityLookAndRelativeMove, EntityMetadata, EntityProperties,
    EntityProperty, EntityPropertyModifier, EntityPropertyOperation, EntityRelativeMove,
    EntityStatus, EntityTeleport, EntityVelocity, EquipmentSlot, OpenWindow, PaintingDirection,
    RemoveEntityEffect, SetExperience, SoundEffect, SpawnExperienceOrb, SpawnGlobalEntity,
    SpawnMob, SpawnObject, SpawnObjectVelocity, SpawnPainting, SpawnPlayer, UpdateEntityNbt,
};

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
    // There is no off hand in 47 (a variant the version lacks).
    assert!(matches!(
        off.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::NotInVersion {
            ty: "EquipmentSlot::OffHand",
            version: 47
        }
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

#[test]
fn update_entity_nbt_is_47_only() {
    // id 49 | entity VarInt 5 | no tag: single 00.
    golden(
        &UpdateEntityNbt {
            entity_id: 5,
            tag: Nbt::Absent,
        },
        V47,
        "49 05 00",
    );
    // Root compound 0a, name length 00 00 | Byte tag 01, name "a" = 00 01 61, value 01 | End 00.
    let mut c = Compound::new();
    c.insert("a", Value::Byte(1));
    let p = UpdateEntityNbt {
        entity_id: 5,
        tag: Nbt::new(c),
    };
    golden(&p, V47, "49 05 0a 0000 01 0001 61 01 00");
    // Removed in 15w31a: no id in 54.
    assert!(UpdateEntityNbt::id_for(V54).is_none());
    assert!(p.encode_packet(V54).is_err());
}

#[test]
fn entity_properties() {
    let p = EntityProperties {
        entity_id: 1,
        properties: vec![EntityProperty {
            key: "generic.maxHealth".into(),
            value: 20.0,
            modifiers: vec![EntityPropertyModifier {
                uuid: Uuid::from_u128(1),
                amount: 0.5,
                operation: EntityPropertyOperation::Multiply,
            }],
        }],
    };
    // id 20 | entity VarInt 1 = 01 | property count as an Int = 00 00 00 01
    // | key: 17 chars = 11 + ASCII | value 20.0 = 40 34 00.. | modifiers
    // VarInt 1 = 01 | UUID 00×15 01 | amount 0.5 = 3f e0 00.. | op 2 = 02.
    let h = format!(
        "20 01 00000001 11 {} 4034000000000000 01 {} 01 3fe0000000000000 02",
        ascii("generic.maxHealth"),
        rep("00", 15)
    );
    golden_both(&p, &h);
    // No properties: the Int count is four zero bytes, not one.
    golden_both(
        &EntityProperties {
            entity_id: 300,
            properties: vec![],
        },
        "20 ac 02 00 00 00 00",
    );
    // An unknown operation byte (0xff = -1) is kept and re-encoded.
    let odd = EntityProperties {
        entity_id: 0,
        properties: vec![EntityProperty {
            key: "a".into(),
            value: 0.5,
            modifiers: vec![EntityPropertyModifier {
                uuid: Uuid::from_u128(0),
                amount: 0.5,
                operation: EntityPropertyOperation::Unknown(-1),
            }],
        }],
    };
    let h = format!(
        "20 00 00000001 01 61 3fe0000000000000 01 {} 3fe0000000000000 ff",
        rep("00", 16)
    );
    golden(&odd, V47, &h);
    // A count larger than the input is refused before allocating.
    let err = EntityProperties::decode_packet(&hex("20 00 7f ff ff ff"), V47).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::LengthExceedsInput { .. }));
}

#[test]
fn vanilla_string_limits() {
    // Vanilla 1.8 reads these with readStringFromBuffer(N): Entity
    // Properties keys 64, Sound Effect names 256, Open Window types 32.
    let too_long = |err: mcproto_core::Error| {
        assert!(matches!(err.kind(), ErrorKind::TooLong { .. }), "{err}");
    };
    let property = |key: String| EntityProperties {
        entity_id: 0,
        properties: vec![EntityProperty {
            key: key.into(),
            value: 0.0,
            modifiers: vec![],
        }],
    };
    let sound = |name: String| SoundEffect {
        sound_name: name.into(),
        effect_position_x: 0.0,
        effect_position_y: 0.0,
        effect_position_z: 0.0,
        volume: 1.0,
        pitch: 63,
    };
    let window = |kind: String| OpenWindow {
        window_id: 1,
        window_type: kind.into(),
        window_title: Chat::from_json(r#""""#),
        number_of_slots: 0,
        entity_id: None,
    };
    for v in [V47, V54] {
        assert!(property("k".repeat(64)).encode_packet(v).is_ok());
        too_long(property("k".repeat(65)).encode_packet(v).unwrap_err());
        assert!(sound("s".repeat(256)).encode_packet(v).is_ok());
        too_long(sound("s".repeat(257)).encode_packet(v).unwrap_err());
        assert!(window("w".repeat(32)).encode_packet(v).is_ok());
        too_long(window("w".repeat(33)).encode_packet(v).unwrap_err());
    }
    // And on the wire: a 33-character window type is refused.
    let h = format!("2d 01 21 {} 02 2222 00", rep("77", 33));
    too_long(OpenWindow::decode_packet(&hex(&h), V47).unwrap_err());
    let h = format!("2d 01 20 {} 02 2222 00", rep("77", 32));
    assert!(OpenWindow::decode_packet(&hex(&h), V47).is_ok());
}

round_trips!(
    EntityEquipment,
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
    UpdateEntityNbt,
    EntityProperties,
    SpawnGlobalEntity,
);
