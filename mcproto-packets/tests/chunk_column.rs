//! The 1.8 chunk column format of Chunk Data and Map Chunk Bulk: sizes,
//! sections, light and biome positions worked by hand from wiki.vg's [Chunk
//! Format](https://wiki.vg/Chunk_Format) page (1.8 layout).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_packets::play::chunk;
use mcproto_packets::play::chunk::{
    BlockState, ChunkColumn, ChunkError, ChunkSection, NibbleArray,
};

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
