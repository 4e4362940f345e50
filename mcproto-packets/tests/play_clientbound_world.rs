//! Clientbound play packets 0x20–0x37 and the chunk column format: golden
//! vectors worked by hand from wiki-protocol-47.md and
//! wiki-chunk-format-47.md, and generated round trips.
//!
//! Every packet here has the same id and layout in protocols 47 and 54
//! (protocol-54-ids.md), so each vector is checked in both.
//!
//! Numbers used below, worked once:
//! - Position (1.8: x << 38 | (y & 0xfff) << 26 | (z & 0x3ffffff)):
//!   (1, 2, 3)   = 1<<38 | 2<<26 | 3 = 00 00 00 40 08 00 00 03;
//!   (0, 64, 0)  = 64<<26 = 1<<32    = 00 00 00 01 00 00 00 00;
//!   (-1,-1,-1)  = all bits set      = ff ff ff ff ff ff ff ff.
//! - Float (IEEE 754 single): 0.0 = 00000000, 0.25 = 3e800000,
//!   0.5 = 3f000000, 1.0 = 3f800000, 3.0 = 40400000, 64.0 = 42800000,
//!   -1.0 = bf800000. Double: 0.5 = 3fe0000000000000, 20.0 = 4034000000000000.
//! - VarInt: 300 = ac 02; 256 = 80 02; 276 = 94 02; 2748 (0x0abc) = bc 15;
//!   8193 (0x2001) = 81 40; 10240 (0x2800) = 80 50.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::types::nbt::{Compound, Value};
use mcproto_core::{Chat, ErrorKind, Nbt, Packet, Position, Slot, Uuid};
use mcproto_packets::play::chunk::{
    self, BlockState, ChunkColumn, ChunkError, ChunkSection, NibbleArray,
};
use mcproto_packets::play::clientbound::{
    BlockAction, BlockBreakAnimation, BlockChange, ChangeGameState, ChangeGameStateReason,
    ChunkData, CloseWindow, ConfirmTransaction, Effect, EntityProperties, EntityProperty,
    EntityPropertyModifier, EntityPropertyOperation, Explosion, ExplosionRecord, Map, MapChunkBulk,
    MapChunkBulkMeta, MapIcon, MapPixels, MultiBlockChange, MultiBlockChangeRecord, OpenSignEditor,
    OpenWindow, Particle, ParticleType, SetSlot, SoundEffect, SpawnGlobalEntity,
    SpawnGlobalEntityType, Statistic, Statistics, UpdateBlockEntity, UpdateBlockEntityAction,
    UpdateSign, WindowItems, WindowProperty,
};
use mcproto_packets::play::types::GameMode;

/// The same golden vector in protocols 47 and 54 (unchanged packets).
fn golden_both<P>(packet: &P, hex_bytes: &str)
where
    P: Packet + for<'a> mcproto_core::Decode<'a> + std::fmt::Debug + PartialEq,
{
    golden(packet, V47, hex_bytes);
    golden(packet, V54, hex_bytes);
}

/// Hex of a string's ASCII bytes (the body of a String field).
fn ascii(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

/// `byte` repeated `n` times, as hex.
fn rep(byte: &str, n: usize) -> String {
    byte.repeat(n)
}

const POS_123: &str = "00 00 00 40 08 00 00 03";

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
fn chunk_data_packets() {
    // Unload: ground-up, mask 0, so the data is only the 256-byte biome array.
    // id 21 | x 1 = 00000001 | z -1 = ffffffff | ground-up 01 | mask 0000 |
    // size VarInt 256 = 80 02 | 256 × 00.
    let unload = ChunkData::unload(1, -1);
    golden_both(
        &unload,
        &format!("21 00000001 ffffffff 01 0000 80 02 {}", rep("00", 256)),
    );
    let column = unload.column(true).unwrap();
    assert_eq!(column.primary_bit_mask(), 0);
    assert!(column.is_ground_up());
    // The packet keeps the data opaque: three bytes with mask 1 decode as a
    // packet (id 21 | 0 | 0 | not ground-up 00 | mask 0001 | size 03 | data)...
    let partial = ChunkData {
        chunk_x: 0,
        chunk_z: 0,
        ground_up_continuous: false,
        primary_bit_mask: 1,
        data: vec![1, 2, 3].into(),
    };
    golden_both(&partial, "21 00000000 00000000 00 0001 03 010203");
    // ...but not as a column: one section without sky light needs 8192 +
    // 2048 = 10240 bytes.
    assert_eq!(
        partial.column(false).unwrap_err(),
        ChunkError::SizeMismatch {
            expected: 10240,
            actual: 3
        }
    );
    // One section of stone (state 1<<4 = 0x0010, little-endian 10 00),
    // block light 0, no sky light, not ground-up: size 10240 = VarInt 80 50.
    let mut col = ChunkColumn::new(false, false);
    col.set_section(0, Some(ChunkSection::new(BlockState::new(1, 0), false)))
        .unwrap();
    let p = ChunkData::from_column(-2, 3, &col);
    golden_both(
        &p,
        &format!(
            "21 fffffffe 00000003 00 0001 80 50 {} {}",
            rep("1000", 4096),
            rep("00", 2048)
        ),
    );
    assert_eq!(p.column(false).unwrap(), col);
}

#[test]
fn block_changes() {
    let p = MultiBlockChange {
        chunk_x: 2,
        chunk_z: -3,
        records: vec![
            MultiBlockChangeRecord::new(1, 64, 2, BlockState::new(1, 0)),
            MultiBlockChangeRecord::new(15, 255, 15, BlockState::new(0xab, 0xc)),
        ],
    };
    // id 22 | x 00000002 | z -3 = fffffffd | 2 records |
    // (x 1 << 4 | z 2 = 12) y 64 = 40, stone 1<<4 = 16 = VarInt 10 |
    // (15 << 4 | 15 = ff) y ff, 0x0abc = VarInt bc 15.
    golden_both(&p, "22 00000002 fffffffd 02 12 40 10 ff ff bc 15");
    let r = p.records[1];
    assert_eq!((r.x(), r.y(), r.z()), (15, 255, 15));
    assert_eq!((r.block_type(), r.metadata()), (0xab, 0xc));
    assert_eq!(r.block_state(), Some(BlockState(0x0abc)));
    // Chunk (2, -3) starts at block (32, -48).
    assert_eq!(p.records[0].position(2, -3), Position::new(33, 64, -46));

    // id 23 | location (1,2,3) | granite (1<<4 | 1 = 0x11) = VarInt 11.
    let b = BlockChange {
        location: Position::new(1, 2, 3),
        block_id: 0x11,
    };
    golden_both(&b, &format!("23 {POS_123} 11"));
    assert_eq!((b.block_type(), b.metadata()), (1, 1));
    golden_both(
        &BlockChange {
            location: Position::new(-1, -1, -1),
            block_id: 0x0abc,
        },
        "23 ffffffffffffffff bc 15",
    );

    // id 24 | location (0,64,0) | byte 1 = 1 | byte 2 = 1 viewer | chest 54 = 36.
    golden_both(
        &BlockAction {
            location: Position::new(0, 64, 0),
            byte_1: 1,
            byte_2: 1,
            block_type: 54,
        },
        "24 0000000100000000 01 01 36",
    );
    // Unsigned bytes: 200 = c8.
    golden_both(
        &BlockAction {
            location: Position::new(1, 2, 3),
            byte_1: 200,
            byte_2: 255,
            block_type: 25,
        },
        &format!("24 {POS_123} c8 ff 19"),
    );

    // id 25 | entity 300 = ac 02 | (-1,-1,-1) | stage 9 / -1 (removes) = ff.
    golden_both(
        &BlockBreakAnimation {
            entity_id: 300,
            location: Position::new(-1, -1, -1),
            destroy_stage: 9,
        },
        "25 ac 02 ffffffffffffffff 09",
    );
    golden_both(
        &BlockBreakAnimation {
            entity_id: 0,
            location: Position::new(1, 2, 3),
            destroy_stage: -1,
        },
        &format!("25 00 {POS_123} ff"),
    );
}

#[test]
fn map_chunk_bulk() {
    // id 26 | no sky light 00 | 1 column | x 1, z 2, mask 0000 | its data,
    // to the end of the packet: just the biome array (bulk columns are
    // ground-up), 256 × 01 (plains).
    let p = MapChunkBulk {
        sky_light_sent: false,
        chunk_meta: vec![MapChunkBulkMeta {
            chunk_x: 1,
            chunk_z: 2,
            primary_bit_mask: 0,
        }],
        chunk_data: vec![1; 256].into(),
    };
    golden_both(
        &p,
        &format!("26 00 01 00000001 00000002 0000 {}", rep("01", 256)),
    );
    let cols = p.columns().unwrap();
    assert_eq!(cols.len(), 1);
    assert_eq!(cols[0].biome(15, 15), Some(1));
    assert_eq!(cols[0], ChunkColumn::new(false, true));

    // Two columns with sky light: one stone section (mask 0001: 8192 +
    // 2048 + 2048 + 256 = 12544 bytes) and an empty one (256 bytes).
    let mut a = ChunkColumn::new(true, true);
    a.set_section(0, Some(ChunkSection::new(BlockState::new(1, 0), true)))
        .unwrap();
    let b = ChunkColumn::new(true, true);
    let bulk = MapChunkBulk::from_columns(true, [(0, 0, &a), (-1, 5, &b)]).unwrap();
    assert_eq!(bulk.chunk_data.len(), 12544 + 256);
    let mut expected = hex(&format!(
        "26 01 02 00000000 00000000 0001 ffffffff 00000005 0000 {} {} {} {} {}",
        rep("1000", 4096),
        rep("00", 2048), // block light 0
        rep("ff", 2048), // sky light 15 in both nibbles
        rep("01", 256),  // biomes of column a
        rep("01", 256),  // biomes of column b
    ));
    assert_eq!(bulk.encode_packet(V47).unwrap(), expected);
    assert_eq!(MapChunkBulk::decode_packet(&expected, V47).unwrap(), bulk);
    assert_eq!(bulk.columns().unwrap(), vec![a.clone(), b.clone()]);
    let slices = bulk.column_data().unwrap();
    assert_eq!((slices[0].len(), slices[1].len()), (12544, 256));

    // One byte short: the packet decodes (the data is opaque), the columns don't.
    expected.pop();
    let short = MapChunkBulk::decode_packet(&expected, V47).unwrap();
    assert_eq!(
        short.columns().unwrap_err(),
        ChunkError::BulkSizeMismatch {
            expected: 12800,
            actual: 12799
        }
    );
    // Bulk columns must be ground-up and match the sky-light flag.
    let not_ground_up = ChunkColumn::new(true, false);
    assert_eq!(
        MapChunkBulk::from_columns(true, [(0, 0, &not_ground_up)]).unwrap_err(),
        ChunkError::NotGroundUp
    );
    assert!(matches!(
        MapChunkBulk::from_columns(false, [(0, 0, &a)]).unwrap_err(),
        ChunkError::SkyLightMismatch { column: true }
    ));
}

#[test]
fn explosion_effect_sound() {
    let p = Explosion {
        x: 0.5,
        y: 64.0,
        z: -1.0,
        radius: 3.0,
        records: vec![
            ExplosionRecord { x: 1, y: 0, z: -1 },
            ExplosionRecord {
                x: -128,
                y: 127,
                z: 0,
            },
        ],
        player_motion_x: 0.0,
        player_motion_y: 0.25,
        player_motion_z: 0.0,
    };
    // id 27 | 0.5 | 64.0 | -1.0 | radius 3.0 | count as Int 2 |
    // (1, 0, -1) = 01 00 ff | (-128, 127, 0) = 80 7f 00 | motion 0, 0.25, 0.
    golden_both(
        &p,
        "27 3f000000 42800000 bf800000 40400000 00000002 01 00 ff 80 7f 00 00000000 3e800000 00000000",
    );

    // id 28 | effect 2001 = 0x7d1 | (1,2,3) | data stone 1 | relative volume 00.
    golden_both(
        &Effect {
            effect_id: 2001,
            location: Position::new(1, 2, 3),
            data: 1,
            disable_relative_volume: false,
        },
        &format!("28 000007d1 {POS_123} 00000001 00"),
    );
    golden_both(
        &Effect {
            effect_id: 1013,
            location: Position::new(0, 64, 0),
            data: 0,
            disable_relative_volume: true,
        },
        "28 000003f5 0000000100000000 00000000 01",
    );

    // id 29 | "random.click" (12 = 0c) | x 1.5×8 = 12 = 0000000c |
    // y 64×8 = 512 = 00000200 | z -0.5×8 = -4 = fffffffc | volume 1.0 | pitch 63 = 3f.
    let s = SoundEffect {
        sound_name: "random.click".into(),
        effect_position_x: 1.5,
        effect_position_y: 64.0,
        effect_position_z: -0.5,
        volume: 1.0,
        pitch: 63,
    };
    golden_both(
        &s,
        &format!(
            "29 0c {} 0000000c 00000200 fffffffc 3f800000 3f",
            ascii("random.click")
        ),
    );
}

#[test]
fn particles() {
    let base = Particle {
        particle_id: ParticleType::Explode,
        long_distance: false,
        x: 0.0,
        y: 64.0,
        z: 0.0,
        offset_x: 0.0,
        offset_y: 0.0,
        offset_z: 0.0,
        particle_data: 0.0,
        particle_count: 1,
        data: vec![],
    };
    // The ten fixed fields after the id: long distance, x, y, z, offsets,
    // particle data, count 1.
    let fixed = |long: &str| {
        format!("{long} 00000000 42800000 00000000 00000000 00000000 00000000 00000000 00000001")
    };
    // id 2a | explode 0 = 00000000 | fixed | no data.
    golden_both(&base, &format!("2a 00000000 {}", fixed("00")));
    // iconcrack 36 = 0x24: two VarInts, diamond sword 276 = 94 02, damage 0.
    let icon = Particle {
        particle_id: ParticleType::IconCrack,
        long_distance: true,
        data: vec![276, 0],
        ..base.clone()
    };
    golden_both(&icon, &format!("2a 00000024 {} 94 02 00", fixed("01")));
    // blockcrack 37 = 0x25: one VarInt, id 1 | meta 2 << 12 = 8193 = 81 40.
    let crack = Particle {
        particle_id: ParticleType::BlockCrack,
        data: vec![1 | (2 << 12)],
        ..base.clone()
    };
    golden_both(&crack, &format!("2a 00000025 {} 81 40", fixed("00")));
    // blockdust 38 = 0x26: one VarInt, stone 1.
    let dust = Particle {
        particle_id: ParticleType::BlockDust,
        data: vec![1],
        ..base.clone()
    };
    golden_both(&dust, &format!("2a 00000026 {} 01", fixed("00")));
    // mobappearance 41 = 0x29, last known id: no data.
    let mob = Particle {
        particle_id: ParticleType::MobAppearance,
        ..base.clone()
    };
    golden_both(&mob, &format!("2a 00000029 {}", fixed("00")));
    // Unknown id 42 = 0x2a is kept, with no data.
    let unknown = Particle {
        particle_id: ParticleType::Unknown(42),
        ..base.clone()
    };
    golden_both(&unknown, &format!("2a 0000002a {}", fixed("00")));
    // Data whose length disagrees with the particle is an encode error.
    let wrong = Particle {
        data: vec![1],
        ..icon
    };
    assert!(matches!(
        wrong.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::CountMismatch {
            expected: 2,
            actual: 1
        }
    ));
}

#[test]
fn change_game_state_and_global_entity() {
    let g = |reason, value| ChangeGameState { reason, value };
    // id 2b | reason | value. Rain follows vanilla: 1 starts, 2 stops.
    golden_both(&g(ChangeGameStateReason::RainStarts, 0.0), "2b 01 00000000");
    golden_both(&g(ChangeGameStateReason::RainStops, 0.0), "2b 02 00000000");
    let mode = g(ChangeGameStateReason::ChangeGameMode, 1.0);
    golden_both(&mode, "2b 03 3f800000");
    assert_eq!(mode.game_mode(), Some(GameMode::Creative));
    assert_eq!(g(ChangeGameStateReason::RainStarts, 1.0).game_mode(), None);
    golden_both(
        &g(ChangeGameStateReason::RainStrength, 0.5),
        "2b 07 3f000000",
    );
    golden_both(
        &g(ChangeGameStateReason::ElderGuardianEffect, 0.0),
        "2b 0a 00000000",
    );
    // Reason 9 is unused in 1.8: kept as Unknown; 255 too (unsigned byte).
    golden_both(&g(ChangeGameStateReason::Unknown(9), 0.0), "2b 09 00000000");
    golden_both(
        &g(ChangeGameStateReason::Unknown(255), -1.0),
        "2b ff bf800000",
    );

    // id 2c | entity 5 | thunderbolt 1 | x 100.5×32 = 3216 = 00000c90 |
    // y 64×32 = 2048 = 00000800 | z -10.25×32 = -328 = fffffeb8.
    golden_both(
        &SpawnGlobalEntity {
            entity_id: 5,
            r#type: SpawnGlobalEntityType::Thunderbolt,
            x: 100.5,
            y: 64.0,
            z: -10.25,
        },
        "2c 05 01 00000c90 00000800 fffffeb8",
    );
    golden_both(
        &SpawnGlobalEntity {
            entity_id: 300,
            r#type: SpawnGlobalEntityType::Unknown(-1),
            x: 0.0,
            y: 0.0,
            z: 0.0,
        },
        "2c ac 02 ff 00000000 00000000 00000000",
    );
}

#[test]
fn windows() {
    // id 2d | window 1 | "minecraft:chest" (15 = 0f) | title "\"Chest\"" (7
    // bytes) | 27 slots = 1b | no entity id (not EntityHorse).
    let chest = OpenWindow {
        window_id: 1,
        window_type: "minecraft:chest".into(),
        window_title: Chat::from_json(r#""Chest""#),
        number_of_slots: 27,
        entity_id: None,
    };
    golden_both(
        &chest,
        &format!(
            "2d 01 0f {} 07 {} 1b",
            ascii("minecraft:chest"),
            ascii(r#""Chest""#)
        ),
    );
    // EntityHorse (11 = 0b) adds the horse's entity id as an Int: 42 = 0000002a.
    let horse = OpenWindow {
        window_id: 2,
        window_type: "EntityHorse".into(),
        window_title: Chat::from_json(r#""Horse""#),
        number_of_slots: 2,
        entity_id: Some(42),
    };
    golden_both(
        &horse,
        &format!(
            "2d 02 0b {} 07 {} 02 0000002a",
            ascii("EntityHorse"),
            ascii(r#""Horse""#)
        ),
    );
    let no_id = OpenWindow {
        entity_id: None,
        ..horse
    };
    assert!(matches!(
        no_id.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::MissingField
    ));
    let stray_id = OpenWindow {
        entity_id: Some(1),
        ..chest
    };
    assert!(matches!(
        stray_id.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::UnexpectedField
    ));

    // id 2e | window 0; 255 as an unsigned byte.
    golden_both(&CloseWindow { window_id: 0 }, "2e 00");
    golden_both(&CloseWindow { window_id: 255 }, "2e ff");

    // id 2f | window -1 = ff | slot -1 = ffff | empty slot = item id -1 = ffff:
    // clears the cursor.
    golden_both(
        &SetSlot {
            window_id: -1,
            slot: -1,
            slot_data: Slot::EMPTY,
        },
        "2f ff ffff ffff",
    );
    // window 0 | slot 36 = 0024 | stone: id 0001, count 64 = 40, damage
    // 0000, no NBT 00.
    golden_both(
        &SetSlot {
            window_id: 0,
            slot: 36,
            slot_data: Slot::item(1, 64),
        },
        "2f 00 0024 0001 40 0000 00",
    );

    // id 30 | window 0 | count as a Short 2 = 0002 | stone ×64 | empty.
    golden_both(
        &WindowItems {
            window_id: 0,
            slot_data: vec![Slot::item(1, 64), Slot::EMPTY],
        },
        "30 00 0002 0001 40 0000 00 ffff",
    );
    golden_both(
        &WindowItems {
            window_id: 3,
            slot_data: vec![],
        },
        "30 03 0000",
    );
    // A negative Short count is refused.
    let err = WindowItems::decode_packet(&hex("30 00 ffff"), V47).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::NegativeLength { len: -1 }));

    // id 31 | window 1 | property 0 | value 200 = 00c8.
    golden_both(
        &WindowProperty {
            window_id: 1,
            property: 0,
            value: 200,
        },
        "31 01 0000 00c8",
    );
    golden_both(
        &WindowProperty {
            window_id: 2,
            property: 3,
            value: -1,
        },
        "31 02 0003 ffff",
    );

    // id 32 | window 0 | action 12 = 000c | rejected 00; window -1 = ff accepted.
    golden_both(
        &ConfirmTransaction {
            window_id: 0,
            action_number: 12,
            accepted: false,
        },
        "32 00 000c 00",
    );
    golden_both(
        &ConfirmTransaction {
            window_id: -1,
            action_number: -2,
            accepted: true,
        },
        "32 ff fffe 01",
    );
}

#[test]
fn signs() {
    // id 33 | (1,2,3) | "\"Hi\"" (4 bytes: 22 48 69 22) | three "\"\"" (02 22 22).
    let empty = || Chat::from_json(r#""""#);
    golden_both(
        &UpdateSign {
            location: Position::new(1, 2, 3),
            line_1: Chat::from_json(r#""Hi""#),
            line_2: empty(),
            line_3: empty(),
            line_4: empty(),
        },
        &format!("33 {POS_123} 04 22486922 02 2222 02 2222 02 2222"),
    );
    // id 36 | (0,64,0).
    golden_both(
        &OpenSignEditor {
            location: Position::new(0, 64, 0),
        },
        "36 0000000100000000",
    );
}

#[test]
fn maps() {
    // id 34 | map 0 | scale 2 | 1 icon: type 1 << 4 | direction 8 = 18,
    // x -128 = 80, z 127 = 7f | columns 0: nothing follows.
    let icon = MapIcon::new(1, 8, -128, 127);
    assert_eq!((icon.icon_type(), icon.direction()), (1, 8));
    let m = Map {
        item_damage: 0,
        scale: 2,
        icons: vec![icon],
        columns: 0,
        pixels: None,
    };
    golden_both(&m, "34 00 02 01 18 80 7f 00");
    // map 300 = ac 02 | scale 0 | no icons | 2 columns | rows 1 | x 126 = 7e
    // | z 0 | length 2 | colours 22 23.
    let with_pixels = Map {
        item_damage: 300,
        scale: 0,
        icons: vec![],
        columns: 2,
        pixels: Some(MapPixels {
            rows: 1,
            x: 126,
            z: 0,
            data: vec![0x22, 0x23].into(),
        }),
    };
    golden_both(&with_pixels, "34 ac 02 00 00 02 01 7e 00 02 2223");
    // Columns is unsigned: 200 = c8 is > 0, so the rectangle follows
    // (read as a signed byte it would be negative and nothing would).
    let wide = Map {
        item_damage: 1,
        scale: 4,
        icons: vec![MapIcon::new(15, 15, 0, 0)],
        columns: 200,
        pixels: Some(MapPixels {
            rows: 128,
            x: 0,
            z: 0,
            data: vec![].into(),
        }),
    };
    golden_both(&wide, "34 01 04 01 ff 00 00 c8 80 00 00 00");
    // Pixels without columns (or the reverse) cannot be encoded.
    let bad = Map {
        columns: 0,
        ..with_pixels
    };
    assert!(matches!(
        bad.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::UnexpectedField
    ));
    let bad = Map { columns: 1, ..m };
    assert!(matches!(
        bad.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::MissingField
    ));
}

#[test]
fn block_entities_and_statistics() {
    // id 35 | (1,2,3) | skull 4 | no NBT: the single byte 00.
    golden_both(
        &UpdateBlockEntity {
            location: Position::new(1, 2, 3),
            action: UpdateBlockEntityAction::Skull,
            nbt_data: Nbt::Absent,
        },
        &format!("35 {POS_123} 04 00"),
    );
    // With NBT: TAG_Compound 0a, root name length 0000 | TAG_Byte 01, name
    // "Rot" (0003 52 6f 74), value 3 | TAG_End 00.
    let mut c = Compound::new();
    c.insert("Rot", Value::Byte(3));
    golden_both(
        &UpdateBlockEntity {
            location: Position::new(0, 64, 0),
            action: UpdateBlockEntityAction::Skull,
            nbt_data: Nbt::new(c),
        },
        "35 0000000100000000 04 0a 0000 01 0003 526f74 03 00",
    );
    // Banner 6; an unknown action 9 is kept.
    golden_both(
        &UpdateBlockEntity {
            location: Position::new(-1, -1, -1),
            action: UpdateBlockEntityAction::Banner,
            nbt_data: Nbt::Absent,
        },
        "35 ffffffffffffffff 06 00",
    );
    golden_both(
        &UpdateBlockEntity {
            location: Position::new(1, 2, 3),
            action: UpdateBlockEntityAction::Unknown(9),
            nbt_data: Nbt::Absent,
        },
        &format!("35 {POS_123} 09 00"),
    );

    // id 37 | 2 entries | "stat.jump" (9 = 09) value 3 |
    // "achievement.openInventory" (25 = 19) value 1.
    golden_both(
        &Statistics {
            statistics: vec![
                Statistic {
                    name: "stat.jump".into(),
                    value: 3,
                },
                Statistic {
                    name: "achievement.openInventory".into(),
                    value: 1,
                },
            ],
        },
        &format!(
            "37 02 09 {} 03 19 {} 01",
            ascii("stat.jump"),
            ascii("achievement.openInventory")
        ),
    );
    golden_both(&Statistics { statistics: vec![] }, "37 00");
}

// ---- the chunk format ---------------------------------------------------

#[test]
fn column_sizes_follow_the_spec_formula() {
    // 12288·k + 256 with sky light and biomes; 10240·k without sky light.
    assert_eq!(ChunkColumn::data_size(0x0001, true, true), 12288 + 256);
    assert_eq!(ChunkColumn::data_size(0x8001, true, true), 2 * 12288 + 256);
    assert_eq!(ChunkColumn::data_size(0xffff, true, true), 16 * 12288 + 256);
    assert_eq!(ChunkColumn::data_size(0x0003, false, false), 2 * 10240);
    assert_eq!(ChunkColumn::data_size(0x00f0, false, true), 4 * 10240 + 256);
    assert_eq!(ChunkColumn::data_size(0, true, true), 256);
    assert_eq!(ChunkColumn::data_size(0, true, false), 0);
}

#[test]
fn one_section_of_stone() {
    // Section 0 only (mask 0001), no sky light, not ground-up: 4096 × "10 00"
    // (stone, id 1 meta 0, little-endian) then 2048 bytes of block light.
    let data = hex(&format!("{} {}", rep("1000", 4096), rep("00", 2048)));
    let col = ChunkColumn::decode(&data, 0x0001, false, false).unwrap();
    let stone = BlockState::new(1, 0);
    assert_eq!(stone, BlockState(0x0010));
    assert_eq!(col.block(0, 0, 0), Some(stone));
    assert_eq!(col.block(15, 15, 15), Some(stone));
    // Section 1 was not sent; y 256 is above the column.
    assert_eq!(col.block(0, 16, 0), None);
    assert_eq!(col.block(0, 256, 0), None);
    assert_eq!(col.primary_bit_mask(), 1);
    assert!(!col.is_ground_up() && !col.has_sky_light());
    assert_eq!(col.section(0).unwrap().non_air_blocks(), 4096);
    assert_eq!(col.encode(), data);
    // One byte more or less is a typed error, never a panic.
    for bad in [
        &data[..data.len() - 1],
        &[data.as_slice(), &[0]].concat()[..],
    ] {
        assert_eq!(
            ChunkColumn::decode(bad, 0x0001, false, false).unwrap_err(),
            ChunkError::SizeMismatch {
                expected: 10240,
                actual: bad.len()
            }
        );
    }
    // The same bytes are too short once sky light is expected.
    assert_eq!(
        ChunkColumn::decode(&data, 0x0001, true, false).unwrap_err(),
        ChunkError::SizeMismatch {
            expected: 12288,
            actual: 10240
        }
    );
}

#[test]
fn block_light_sky_light_and_biome_positions() {
    // Section 3 only (mask 0008), sky light, ground-up:
    // 8192 + 2048 + 2048 + 256 = 12544 bytes.
    // - Block (1, 2, 3) in the section (column y = 48 + 2 = 50): index
    //   2·256 + 3·16 + 1 = 561, bytes 1122–1123 = state 0x0abc (id 0xab,
    //   meta 0xc) little-endian: bc 0a.
    // - Block light index 561 is odd: high nibble of byte 280 → f0.
    // - Sky light byte 0 = 21: index 0 (low nibble) 1, index 1 (high) 2.
    // - Biome (x 4, z 5): index 5·16 + 4 = 84 → 2 (desert).
    let mut data = vec![0u8; 12544];
    data[1122] = 0xbc;
    data[1123] = 0x0a;
    data[8192 + 280] = 0xf0;
    data[8192 + 2048] = 0x21;
    data[8192 + 4096 + 84] = 2;
    let col = ChunkColumn::decode(&data, 0x0008, true, true).unwrap();
    let b = col.block(1, 50, 3).unwrap();
    assert_eq!((b.id(), b.metadata()), (0xab, 0xc));
    assert_eq!(col.block(0, 50, 0), Some(BlockState::AIR));
    assert_eq!(col.block(1, 2, 3), None, "section 0 not sent");
    let s = col.section(3).unwrap();
    assert_eq!(s.block(1, 2, 3), Some(b));
    assert_eq!(s.block_light().get(561), Some(15));
    assert_eq!(s.block_light().get(560), Some(0));
    let sky = s.sky_light().unwrap();
    assert_eq!(
        (sky.get(0), sky.get(1), sky.get(2)),
        (Some(1), Some(2), Some(0))
    );
    assert_eq!(sky.get(4096), None);
    assert_eq!(col.biome(4, 5), Some(2));
    assert_eq!(col.biome(5, 4), Some(0));
    assert_eq!(col.encode(), data);
}

#[test]
fn building_columns() {
    let mut col = ChunkColumn::new(true, true);
    col.set_block(0, 0, 0, BlockState::new(1, 0)).unwrap();
    col.set_block(15, 255, 15, BlockState::new(0xab, 0xc))
        .unwrap();
    // Sections 0 and 15 were created: mask 8001.
    assert_eq!(col.primary_bit_mask(), 0x8001);
    let bytes = col.encode();
    assert_eq!(bytes.len(), 2 * 12288 + 256);
    // Section 0 starts with stone (10 00); section 15's last block
    // (index 4095, bytes 8190–8191 of the second section) is bc 0a.
    assert_eq!(&bytes[..4], &[0x10, 0x00, 0x00, 0x00]);
    assert_eq!(&bytes[8192 + 8190..8192 + 8192], &[0xbc, 0x0a]);
    // Block light 0, then sky light 15 (ff) for created sections, then
    // biomes 1 (plains).
    assert!(bytes[16384..16384 + 4096].iter().all(|&b| b == 0));
    assert!(bytes[20480..20480 + 4096].iter().all(|&b| b == 0xff));
    assert!(bytes[24576..].iter().all(|&b| b == 1));
    assert_eq!(
        ChunkColumn::decode(&bytes, 0x8001, true, true).unwrap(),
        col
    );

    assert_eq!(
        col.set_block(16, 0, 0, BlockState::AIR).unwrap_err(),
        ChunkError::OutOfBounds { x: 16, y: 0, z: 0 }
    );
    assert!(col.set_block(0, 256, 0, BlockState::AIR).is_err());
    assert_eq!(
        col.set_section(16, None).unwrap_err(),
        ChunkError::NoSuchSection(16)
    );
    assert_eq!(
        col.set_section(1, Some(ChunkSection::new(BlockState::AIR, false)))
            .unwrap_err(),
        ChunkError::SkyLightMismatch { column: true }
    );
    // Removing a section returns it and clears its bit.
    assert!(col.set_section(15, None).unwrap().is_some());
    assert_eq!(col.primary_bit_mask(), 0x0001);
    col.set_biomes(None);
    assert_eq!(col.encode().len(), 12288);

    let mut n = NibbleArray::filled(0);
    assert!(n.set(1, 0xf) && n.set(2, 7) && !n.set(4096, 1));
    assert_eq!(&n.as_bytes()[..2], &[0xf0, 0x07]);
    assert_eq!(NibbleArray::filled(3).as_bytes()[0], 0x33);
}

#[test]
fn bulk_data_splits_by_meta() {
    // Masks 0001 and 0000 with sky light: 12544 and 256 bytes.
    let data = vec![0u8; 12800];
    let parts = chunk::split_bulk(&data, [0x0001, 0x0000], true).unwrap();
    assert_eq!(
        parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
        [12544, 256]
    );
    // Without sky light the same masks need 10240 + 256 + 256.
    assert_eq!(
        chunk::split_bulk(&data, [0x0001, 0x0000], false).unwrap_err(),
        ChunkError::BulkSizeMismatch {
            expected: 10752,
            actual: 12800
        }
    );
    assert!(chunk::split_bulk(&[], [], true).unwrap().is_empty());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Any bytes of the right size decode, and encode back to the same bytes.
    #[test]
    fn column_bytes_round_trip(mask: u16, sky: bool, ground_up: bool, seed: Vec<u8>) {
        let mask = mask & 0x0111; // at most 3 sections keeps the test quick
        let size = ChunkColumn::data_size(mask, sky, ground_up);
        let data: Vec<u8> = if seed.is_empty() {
            vec![0; size]
        } else {
            seed.iter().cycle().take(size).copied().collect()
        };
        let col = ChunkColumn::decode(&data, mask, sky, ground_up).unwrap();
        proptest::prop_assert_eq!(col.encode(), data);
    }

    /// Generated columns survive encode → decode.
    #[test]
    fn generated_columns_round_trip(seed: Vec<u8>) {
        use mcproto_core::{Gen, Generate};
        let col = ChunkColumn::generate(&mut Gen::new(&seed, V47));
        let bytes = col.encode();
        let back = ChunkColumn::decode(
            &bytes,
            col.primary_bit_mask(),
            col.has_sky_light(),
            col.is_ground_up(),
        )
        .unwrap();
        proptest::prop_assert_eq!(back, col);
    }
}

round_trips!(
    EntityProperties,
    ChunkData,
    MultiBlockChange,
    BlockChange,
    BlockAction,
    BlockBreakAnimation,
    MapChunkBulk,
    Explosion,
    Effect,
    SoundEffect,
    Particle,
    ChangeGameState,
    SpawnGlobalEntity,
    OpenWindow,
    CloseWindow,
    SetSlot,
    WindowItems,
    WindowProperty,
    ConfirmTransaction,
    UpdateSign,
    Map,
    UpdateBlockEntity,
    OpenSignEditor,
    Statistics,
);

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
