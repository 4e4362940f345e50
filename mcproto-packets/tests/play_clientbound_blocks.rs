//! Clientbound play packets, chunks, blocks and block entities: golden vectors
//! worked by hand from wiki.vg's [1.8 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=7368), its [15w32c
//! page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=6788) and
//! its [1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617), and
//! generated round trips. Encodings used throughout are worked once in
//! `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::types::nbt::{Compound, Value};
use mcproto_core::{Chat, ErrorKind, Nbt, Position};
use mcproto_packets::play::chunk::{BlockState, ChunkColumn, ChunkError, ChunkSection};
use mcproto_packets::play::clientbound::{
    BlockAction, BlockBreakAnimation, BlockChange, ChunkData, MapChunkBulk, MapChunkBulkMeta,
    MultiBlockChange, MultiBlockChangeRecord, OpenSignEditor, Statistic, Statistics, UnloadChunk,
    UpdateBlockEntity, UpdateBlockEntityAction, UpdateSign,
};

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
        block_entities: None,
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
fn chunk_data_from_1_9() {
    // 1.9 (id 20): the mask is a VarInt (1 = 01); the data stays opaque.
    let partial = ChunkData {
        chunk_x: 0,
        chunk_z: 0,
        ground_up_continuous: false,
        primary_bit_mask: 1,
        data: vec![1, 2, 3].into(),
        block_entities: None,
    };
    golden(&partial, V107, "20 00000000 00000000 00 01 03 010203");
    // All 16 sections: 0xffff = groups 7f, 7f, 03 = ff ff 03.
    golden(
        &ChunkData {
            primary_bit_mask: 0xffff,
            ..partial.clone()
        },
        V109,
        "20 00000000 00000000 00 ffff03 03 010203",
    );
    // Vanilla reads the mask with readVarInt and tests only its 16 section
    // bits (SPacketChunkData, Chunk.read: 1.9 to 1.12.2), so bits above
    // them are read, kept and ignored: 0x10001 = groups 01, 00, 04 = 81 80
    // 04 is section 0 only, and −1 = ff ff ff ff 0f all sixteen.
    for (v, bytes, mask, sections) in [
        (
            V107,
            "20 00000000 00000000 00 818004 03 010203",
            0x10001,
            0x0001,
        ),
        (
            V340,
            "20 00000000 00000000 00 ffffffff0f 03 010203 00",
            -1,
            0xffff,
        ),
    ] {
        let p = ChunkData::decode_packet_owned(&hex(bytes), v).unwrap();
        assert_eq!(p.primary_bit_mask, mask, "{v:?}");
        assert_eq!(p.section_mask(), sections);
        assert_eq!(p.encode_packet(v).unwrap(), hex(bytes));
    }
    // Before 1.9 the mask is an Unsigned Short: 0x10001 cannot be sent.
    assert!(
        ChunkData {
            primary_bit_mask: 0x10001,
            ..partial.clone()
        }
        .encode_packet(V47)
        .is_err()
    );
    // Unload Chunk (new, id 1d): x 1 | z −1.
    golden(
        &UnloadChunk {
            chunk_x: 1,
            chunk_z: -1,
        },
        V107,
        "1d 00000001 ffffffff",
    );
    assert!(matches!(
        UnloadChunk {
            chunk_x: 1,
            chunk_z: -1
        }
        .encode_packet(V47)
        .unwrap_err()
        .kind(),
        ErrorKind::PacketNotInVersion { version: 47 }
    ));
    // Map Chunk Bulk is gone.
    assert!(MapChunkBulk::id_for(V107).is_none());
}

#[test]
fn chunk_data_block_entities_from_1_9_4() {
    // 1.9.4 (id 20) appends the column's block entities: a VarInt count,
    // then NBT compounds. None: 00.
    let partial = ChunkData {
        chunk_x: 0,
        chunk_z: 0,
        ground_up_continuous: false,
        primary_bit_mask: 1,
        data: vec![1, 2, 3].into(),
        block_entities: Some(vec![]),
    };
    golden(&partial, V110, "20 00000000 00000000 00 01 03 010203 00");
    // One compound {a: Byte 1}: 0a 0000 | 01 0001 61 01 | 00.
    let mut c = Compound::new();
    c.insert("a", Value::Byte(1));
    let one = ChunkData {
        block_entities: Some(vec![Nbt::new(c)]),
        ..partial.clone()
    };
    golden(
        &one,
        V316,
        "20 00000000 00000000 00 01 03 010203 01 0a0000 01000161 01 00",
    );
    // Required from 1.9.4, absent before.
    assert!(matches!(
        ChunkData {
            block_entities: None,
            ..partial.clone()
        }
        .encode_packet(V110)
        .unwrap_err()
        .kind(),
        ErrorKind::MissingField
    ));
    assert_eq!(
        one.encode_packet(V109).unwrap(),
        hex("20 00000000 00000000 00 01 03 010203")
    );
    // Built from a column, the data follows the version and 1.9.4 on get
    // an empty block-entity list: a ground-up column without sections is
    // just the 256 biome bytes in every layout.
    let empty = ChunkColumn::new(true, true);
    for v in [V47, V107, V110, V340] {
        let p = ChunkData::from_column_for(3, 4, &empty, v).unwrap();
        assert_eq!(p.block_entities.is_some(), v >= V110, "{v}");
        assert_eq!(p.data.len(), 256, "{v}");
        assert_eq!(p.column_for(true, v).unwrap(), empty, "{v}");
        assert_eq!(
            ChunkData::decode_packet_owned(&p.encode_packet(v).unwrap(), v).unwrap(),
            p
        );
    }
    // Clientbound Update Sign is gone from 1.9.4: the text is in the sign's
    // block entity.
    assert!(UpdateSign::id_for(V109).is_some());
    assert!(UpdateSign::id_for(V110).is_none());
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

    // 1.9 moves them: Multi Block Change 10, Block Change 0b, Block Action
    // 0a, Block Break Animation 08; layouts unchanged.
    golden(&p, V107, "10 00000002 fffffffd 02 12 40 10 ff ff bc 15");
    golden(&b, V107, &format!("0b {POS_123} 11"));
    golden(
        &BlockAction {
            location: Position::new(0, 64, 0),
            byte_1: 1,
            byte_2: 1,
            block_type: 54,
        },
        V107,
        "0a 0000000100000000 01 01 36",
    );
    golden(
        &BlockBreakAnimation {
            entity_id: 300,
            location: Position::new(-1, -1, -1),
            destroy_stage: 9,
        },
        V107,
        "08 ac 02 ffffffffffffffff 09",
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
    assert_eq!(
        MapChunkBulk::decode_packet_owned(&expected, V47).unwrap(),
        bulk
    );
    assert_eq!(bulk.columns().unwrap(), vec![a.clone(), b.clone()]);
    let slices = bulk.column_data().unwrap();
    assert_eq!((slices[0].len(), slices[1].len()), (12544, 256));

    // One byte short: the packet decodes (the data is opaque), the columns don't.
    expected.pop();
    let short = MapChunkBulk::decode_packet_owned(&expected, V47).unwrap();
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
fn signs() {
    // id 33 | (1,2,3) | "\"Hi\"" (4 bytes: 22 48 69 22) | three "\"\"" (02 22 22).
    let empty = || Chat::from_json(r#""""#);
    let sign = UpdateSign {
        location: Position::new(1, 2, 3),
        line_1: Chat::from_json(r#""Hi""#),
        line_2: empty(),
        line_3: empty(),
        line_4: empty(),
    };
    golden_both(
        &sign,
        &format!("33 {POS_123} 04 22486922 02 2222 02 2222 02 2222"),
    );
    // 1.9 – 1.9.2: id 46, still JSON lines.
    golden(
        &sign,
        V107,
        &format!("46 {POS_123} 04 22486922 02 2222 02 2222 02 2222"),
    );
    golden(
        &OpenSignEditor {
            location: Position::new(0, 64, 0),
        },
        V107,
        "2a 0000000100000000",
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
    // 1.9: Update Block Entity 09, Statistics 07.
    golden(
        &UpdateBlockEntity {
            location: Position::new(1, 2, 3),
            action: UpdateBlockEntityAction::Skull,
            nbt_data: Nbt::Absent,
        },
        V107,
        &format!("09 {POS_123} 04 00"),
    );
    golden(&Statistics { statistics: vec![] }, V107, "07 00");
}

round_trips!(
    ChunkData,
    MultiBlockChange,
    BlockChange,
    BlockAction,
    BlockBreakAnimation,
    MapChunkBulk,
    UpdateSign,
    UpdateBlockEntity,
    OpenSignEditor,
    UnloadChunk,
);

#[test]
fn chunk_data_reads_a_negative_block_entity_count_as_none() {
    // Vanilla reads the block entities in a `for` loop (SPacketChunkData,
    // 1.9.4 to 1.12.2), while the data's byte count sizes an array: id 20 |
    // x 0 | z 0 | not full 00 | mask 01 | 3 bytes 010203 | VarInt −1.
    for v in [V110, V340] {
        let p = ChunkData::decode_packet_owned(
            &hex("20 00000000 00000000 00 01 03 010203 ffffffff0f"),
            v,
        )
        .unwrap();
        assert_eq!(p.block_entities, Some(vec![]), "{v:?}");
        assert_eq!(
            p.encode_packet(v).unwrap(),
            hex("20 00000000 00000000 00 01 03 010203 00")
        );
        let err = ChunkData::decode_packet_owned(&hex("20 00000000 00000000 00 01 ffffffff0f"), v)
            .unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::NegativeLength { .. }),
            "{err}"
        );
    }
}
