//! The chunk column formats of Chunk Data and Map Chunk Bulk.
//!
//! 1.8 layout (47, 54): sizes, sections, light and biome positions worked
//! by hand from wiki.vg's [Chunk Format](https://wiki.vg/Chunk_Format) page
//! (1.8 layout).
//!
//! 1.9 layout (107 – 340): the two chunk-section examples of the
//! multi-version notes (golden-vectors.md, checked here by length, leading
//! bytes, longs and SHA-256), columns worked by hand, every malformed
//! field, and round trips of generated columns in every version and of
//! vanilla-like sections packed by an independent encoder below.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::ProtocolVersion;
use mcproto_packets::play::chunk;
use mcproto_packets::play::chunk::{
    BlockState, ChunkColumn, ChunkError, ChunkFormat, ChunkSection, NibbleArray,
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

// ---------------------------------------------------------------- 1.9 layout

const P107: ProtocolVersion = mcproto_packets::version::V1_9;
const P340: ProtocolVersion = mcproto_packets::version::V1_12_2;

/// Every release protocol from 1.8 to 1.12.2 (and snapshot 54).
fn all_versions() -> impl Iterator<Item = ProtocolVersion> {
    mcproto_packets::version::KNOWN.iter().map(|v| v.protocol)
}

/// The 1.9-layout versions.
fn paletted_versions() -> impl Iterator<Item = ProtocolVersion> {
    all_versions().filter(|v| ChunkFormat::of(*v) == ChunkFormat::V1_9)
}

/// SHA-256 (FIPS 180-4), to check the notes' section examples.
fn sha256(data: &[u8]) -> String {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, c) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().map(|x| format!("{x:08x}")).collect()
}

#[test]
fn sha256_matches_the_standard_examples() {
    assert_eq!(
        sha256(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        sha256(b""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}

/// Longs as big-endian bytes.
fn longs(values: &[u64]) -> Vec<u8> {
    values.iter().flat_map(|l| l.to_be_bytes()).collect()
}

/// The notes' 4-bit example: palette [air 0, stone 16, granite 17], block
/// 0 stone (entry 1), block 1 granite (entry 2), light all 15, sky light.
fn four_bit_section() -> Vec<u8> {
    let mut data = vec![0u64; 256];
    data[0] = 0x21; // entry 0 = 1, entry 1 = 2, four bits each, low first
    [
        hex("04 03 00 10 11 80 02"),
        longs(&data),
        vec![0xff; 2 * 2048],
    ]
    .concat()
}

/// The notes' 13-bit example: global ids, block 9 = 0xabc (carpet, id 171
/// meta 12) across longs 1 and 2, block light 15, no sky light.
fn thirteen_bit_section() -> Vec<u8> {
    let mut data = vec![0u64; 832];
    // Entry 9 starts at stream bit 9 × 13 = 117 = bit 53 of long 1: its
    // low 11 bits (0x2bc) there, its top bit at bit 0 of long 2.
    data[1] = 0x2bc << 53;
    data[2] = 1;
    assert_eq!(data[1], 0x5780_0000_0000_0000);
    [hex("0d 00 c0 06"), longs(&data), vec![0xff; 2048]].concat()
}

#[test]
fn golden_four_bit_section() {
    let bytes = four_bit_section();
    assert_eq!(bytes.len(), 6151);
    assert_eq!(
        sha256(&bytes),
        "c57d4aaad52dea7db0d610d8a1a7ff63fe645953f217fbabedb107fbf7aea0a5"
    );
    assert_eq!(
        &bytes[..16],
        &hex("04 03 00 10 11 80 02 00 00 00 00 00 00 00 21 00")[..]
    );
    for v in paletted_versions() {
        let col = ChunkColumn::decode_for(&bytes, 0x0001, true, false, v).unwrap();
        let s = col.section(0).unwrap();
        assert_eq!(s.block(0, 0, 0), Some(BlockState::new(1, 0)));
        assert_eq!(s.block(1, 0, 0), Some(BlockState::new(1, 1)));
        assert_eq!(s.block(2, 0, 0), Some(BlockState::AIR));
        assert_eq!(s.non_air_blocks(), 2);
        assert_eq!(s.block_light().get(4095), Some(15));
        assert_eq!(s.sky_light().unwrap().get(0), Some(15));
        let layout = s.layout().unwrap();
        assert_eq!(layout.bits_per_block(), 4);
        assert_eq!(
            layout.palette().unwrap(),
            &[BlockState(0), BlockState(16), BlockState(17)]
        );
        assert_eq!(col.encode_for(v).unwrap(), bytes);
        assert_eq!(col.encoded_len(v).unwrap(), bytes.len());
    }
}

#[test]
fn golden_thirteen_bit_section() {
    let bytes = thirteen_bit_section();
    assert_eq!(bytes.len(), 8708);
    assert_eq!(
        sha256(&bytes),
        "8a3aedf9a33a84b2a917bb400ac242aac2e56cf29786e039a99e908381244c5e"
    );
    assert_eq!(
        &bytes[..16],
        &hex("0d 00 c0 06 00 00 00 00 00 00 00 00 57 80 00 00")[..]
    );
    for v in paletted_versions() {
        let col = ChunkColumn::decode_for(&bytes, 0x0001, false, false, v).unwrap();
        let s = col.section(0).unwrap();
        let carpet = BlockState::new(171, 12);
        assert_eq!(carpet, BlockState(0xabc));
        // Block 9 is (9, 0, 0); its neighbours are air.
        assert_eq!(s.block(9, 0, 0), Some(carpet));
        assert_eq!(s.block(8, 0, 0), Some(BlockState::AIR));
        assert_eq!(s.block(10, 0, 0), Some(BlockState::AIR));
        assert_eq!(s.non_air_blocks(), 1);
        assert!(!s.has_sky_light());
        let layout = s.layout().unwrap();
        assert_eq!((layout.bits_per_block(), layout.palette()), (13, None));
        assert_eq!(col.encode_for(v).unwrap(), bytes);
        assert_eq!(col.encoded_len(v).unwrap(), bytes.len());
    }
}

#[test]
fn decoded_sections_keep_their_palette_and_built_ones_get_the_smallest() {
    // The 4-bit example re-built from its blocks: the palette is then the
    // states in block order (stone, granite, air), still 4 bits.
    let col = ChunkColumn::decode_for(&four_bit_section(), 1, true, false, P107).unwrap();
    let mut built = ChunkColumn::new(true, false);
    built.set_block(0, 0, 0, BlockState::new(1, 0)).unwrap();
    built.set_block(1, 0, 0, BlockState::new(1, 1)).unwrap();
    // The decoded light is all 15; the built block light is 0.
    built
        .section_mut(0)
        .unwrap()
        .block_light_mut()
        .clone_from(col.section(0).unwrap().block_light());
    assert_eq!(
        built, col,
        "equal blocks and light; the layout is not compared"
    );
    let mut data = vec![0u64; 256];
    data[0] = 0x10; // entry 0 = 0 (stone), entry 1 = 1 (granite), the rest 2
    for (i, l) in data.iter_mut().enumerate() {
        *l |= if i == 0 {
            0x2222_2222_2222_2200
        } else {
            0x2222_2222_2222_2222
        };
    }
    let expected = [
        hex("04 03 10 11 00 80 02"),
        longs(&data),
        vec![0xff; 2 * 2048],
    ]
    .concat();
    assert_eq!(built.encode_for(P107).unwrap(), expected);
    let again = ChunkColumn::decode_for(&expected, 1, true, false, P107).unwrap();
    assert_eq!(again, col);

    // A block the decoded palette lacks is appended to it: dirt (48) goes
    // to entry 3, and the rest of the bytes stay as they were.
    let mut changed = col.clone();
    changed.set_block(2, 0, 0, BlockState::new(3, 0)).unwrap();
    let bytes = changed.encode_for(P107).unwrap();
    let mut expected = four_bit_section();
    expected.splice(1..5, hex("04 00 10 11 30"));
    // Long 0 is now at byte 8 (one more palette byte): entry 2 = 3.
    expected[8..16].copy_from_slice(&0x321u64.to_be_bytes());
    assert_eq!(bytes, expected);
    // Clearing the layout picks the smallest palette again.
    changed.section_mut(0).unwrap().clear_layout();
    assert_eq!(
        &changed.encode_for(P107).unwrap()[..6],
        &hex("04 04 10 11 30 00")[..]
    );
}

/// A section of `n` distinct states (0, 16, 32, …), block i = state i % n.
fn section_of(n: usize) -> ChunkSection {
    let mut s = ChunkSection::new(BlockState::AIR, true);
    for (i, b) in s.blocks_mut().iter_mut().enumerate() {
        *b = BlockState(((i % n) * 16) as u16);
    }
    s
}

#[test]
fn bits_per_block_grow_with_the_palette() {
    for (n, bits) in [
        (1, 4),
        (2, 4),
        (16, 4),
        (17, 5),
        (32, 5),
        (33, 6),
        (64, 6),
        (65, 7),
        (128, 7),
        (129, 8),
        (256, 8),
        (257, 13),
        (511, 13),
    ] {
        let mut col = ChunkColumn::new(true, true);
        col.set_section(5, Some(section_of(n))).unwrap();
        let bytes = col.encode_for(P340).unwrap();
        assert_eq!(bytes[0], bits, "{n} states");
        let back = ChunkColumn::decode_for(&bytes, 1 << 5, true, true, P340).unwrap();
        assert_eq!(back, col, "{n} states");
        let layout = back.section(5).unwrap().layout().unwrap();
        assert_eq!(layout.bits_per_block(), bits);
        assert_eq!(layout.palette().map(<[_]>::len), (bits <= 8).then_some(n));
        assert_eq!(back.encode_for(P340).unwrap(), bytes);
        // Bits, palette (VarInt n and the states: 0–112 one byte, 128 and
        // up two), VarInt 64 × bits, the longs, light, sky light, biomes.
        let palette = if bits == 13 {
            1
        } else {
            let one_byte = n.min(8);
            (if n < 128 { 1 } else { 2 }) + one_byte + 2 * (n - one_byte)
        };
        let long_count = 64 * bits as usize;
        let len_varint = if long_count < 128 { 1 } else { 2 };
        assert_eq!(
            bytes.len(),
            1 + palette + len_varint + 8 * long_count + 4096 + 256,
            "{n} states"
        );
        assert_eq!(col.encoded_len(P340).unwrap(), bytes.len());
    }
}

#[test]
fn five_bit_entries_straddle_longs() {
    // 17 states: 5 bits. Entry 12 takes stream bits 60–64: its low 4 bits
    // at the top of long 0, its top bit at the bottom of long 1.
    let mut s = ChunkSection::new(BlockState::AIR, false);
    for (i, b) in s.blocks_mut().iter_mut().enumerate().take(17) {
        *b = BlockState(i as u16 * 16);
    }
    // Entries 0–16 are 0–16 (palette = block order); the rest are 0 (air).
    let mut col = ChunkColumn::new(false, false);
    col.set_section(0, Some(s)).unwrap();
    let bytes = col.encode_for(P107).unwrap();
    // 05, VarInt 17, the palette: 0–112 one byte each (8), 128–256 two
    // (9), the last 256 = 80 02; then VarInt 320 = c0 02.
    assert_eq!(&bytes[..3], &[5, 17, 0]);
    assert_eq!(&bytes[26..30], &hex("80 02 c0 02"));
    let longs_at = 30;
    let long = |k: usize| {
        u64::from_be_bytes(
            bytes[longs_at + 8 * k..longs_at + 8 * k + 8]
                .try_into()
                .unwrap(),
        )
    };
    let mut expected0 = 0u64;
    for i in 0..12u64 {
        expected0 |= i << (5 * i);
    }
    expected0 |= (12 & 0xf) << 60;
    assert_eq!(long(0), expected0);
    // Long 1: the top bit of 12 (0), then entries 13–16 from bit 1.
    let mut expected1 = 12 >> 4;
    for i in 13..=16u64 {
        expected1 |= i << (5 * i - 64);
    }
    assert_eq!(long(1), expected1);
    assert_eq!(long(2), 0);
    assert_eq!(
        ChunkColumn::decode_for(&bytes, 1, false, false, P107).unwrap(),
        col
    );
}

#[test]
fn columns_with_biomes_and_several_sections() {
    // Sections 3 (the 4-bit example) and 4 (the same), ground-up with
    // biomes: 2 × 6151 + 256 bytes; biome (x 4, z 5) at 5·16 + 4 = 84.
    let mut biomes = vec![1u8; 256];
    biomes[84] = 2;
    let bytes = [four_bit_section(), four_bit_section(), biomes.clone()].concat();
    let col = ChunkColumn::decode_for(&bytes, 0x0018, true, true, P107).unwrap();
    assert_eq!(col.primary_bit_mask(), 0x0018);
    assert_eq!(col.block(0, 48, 0), Some(BlockState::new(1, 0)));
    assert_eq!(col.block(1, 64, 0), Some(BlockState::new(1, 1)));
    assert_eq!(col.block(0, 47, 0), None, "section 2 not sent");
    assert_eq!(col.biome(4, 5), Some(2));
    assert_eq!(col.encode_for(P107).unwrap(), bytes);
    assert_eq!(col.encoded_len(P107).unwrap(), 2 * 6151 + 256);
    // Ground-up with no sections: just the biomes.
    let empty = ChunkColumn::decode_for(&biomes, 0, true, true, P340).unwrap();
    assert_eq!(empty.encode_for(P340).unwrap(), biomes);
    // Without the biomes flag the 256 bytes are left over.
    assert_eq!(
        ChunkColumn::decode_for(&biomes, 0, true, false, P340).unwrap_err(),
        ChunkError::TrailingBytes(256)
    );
    // Sky light is per dimension: without it the 4-bit section is followed
    // by its sky light, 2048 bytes too many; the 13-bit one lacks it.
    assert_eq!(
        ChunkColumn::decode_for(&four_bit_section(), 1, false, false, P107).unwrap_err(),
        ChunkError::TrailingBytes(2048)
    );
    assert_eq!(
        ChunkColumn::decode_for(&thirteen_bit_section(), 1, true, false, P107).unwrap_err(),
        ChunkError::UnexpectedEnd {
            what: "sky light",
            needed: 2048,
            remaining: 0
        }
    );
    // The same bytes are no 1.8 column.
    assert!(ChunkColumn::decode_for(&bytes, 0x0018, true, true, V54).is_err());
}

/// A 4-bit section header with `palette` and `data_len` longs, then the
/// longs (all zero: every entry 0) and light.
fn section_with(bits: u8, palette: &str, data_len: &str, longs_n: usize) -> Vec<u8> {
    [
        vec![bits],
        hex(palette),
        hex(data_len),
        vec![0; 8 * longs_n],
        vec![0xff; 2048],
    ]
    .concat()
}

#[test]
fn malformed_sections_are_typed_errors() {
    let dec = |b: &[u8]| ChunkColumn::decode_for(b, 1, false, false, P107).unwrap_err();
    // Bits vanilla neither sends nor reads as sent.
    for bits in [0u8, 1, 3, 9, 12, 14, 255] {
        assert_eq!(
            dec(&section_with(bits, "01 00", "80 02", 256)),
            ChunkError::InvalidBitsPerBlock(bits)
        );
    }
    // Palette lengths: 17 entries do not fit 4 bits, negative, and the
    // global palette must be empty.
    assert_eq!(
        dec(&section_with(4, "11", "80 02", 256)),
        ChunkError::InvalidPaletteLength { bits: 4, len: 17 }
    );
    assert_eq!(
        dec(&section_with(4, "ff ff ff ff 0f", "80 02", 256)),
        ChunkError::InvalidPaletteLength { bits: 4, len: -1 }
    );
    assert_eq!(
        dec(&section_with(13, "01 00", "c0 06", 832)),
        ChunkError::InvalidPaletteLength { bits: 13, len: 1 }
    );
    // Palette entries: a duplicate, 8192 (80 40), negative.
    assert_eq!(
        dec(&section_with(4, "02 10 10", "80 02", 256)),
        ChunkError::DuplicatePaletteEntry(BlockState(16))
    );
    assert_eq!(
        dec(&section_with(4, "01 80 40", "80 02", 256)),
        ChunkError::InvalidBlockState(8192)
    );
    assert_eq!(
        dec(&section_with(4, "01 ff ff ff ff 0f", "80 02", 256)),
        ChunkError::InvalidBlockState(-1)
    );
    // 8191 (ff 3f) is the largest global id.
    assert!(
        ChunkColumn::decode_for(
            &section_with(4, "01 ff 3f", "80 02", 256),
            1,
            false,
            false,
            P107
        )
        .is_ok()
    );
    // The data array must be 64 longs per bit.
    assert_eq!(
        dec(&section_with(4, "01 00", "ff 01", 255)),
        ChunkError::DataLengthMismatch {
            bits: 4,
            expected: 256,
            actual: 255
        }
    );
    assert_eq!(
        dec(&section_with(5, "01 00", "80 02", 256)),
        ChunkError::DataLengthMismatch {
            bits: 5,
            expected: 320,
            actual: 256
        }
    );
    // Entries must index the palette: none does an empty one.
    assert_eq!(
        dec(&section_with(4, "00", "80 02", 256)),
        ChunkError::PaletteIndexOutOfRange { index: 0, len: 0 }
    );
    let mut b = section_with(4, "01 00", "80 02", 256);
    b[4 + 7] = 0x10; // entry 1 = 1
    assert_eq!(
        dec(&b),
        ChunkError::PaletteIndexOutOfRange { index: 1, len: 1 }
    );
    // A VarInt of six bytes.
    assert_eq!(
        dec(&hex("04 80 80 80 80 80 00")),
        ChunkError::InvalidVarInt {
            what: "palette length"
        }
    );
    // A bit above section 15 of a VarInt mask.
    assert_eq!(
        mcproto_packets::play::chunk::mask_from_varint(0x1_0000),
        Err(ChunkError::InvalidMask(0x1_0000))
    );
    assert_eq!(
        mcproto_packets::play::chunk::mask_from_varint(-1),
        Err(ChunkError::InvalidMask(-1))
    );
    assert_eq!(
        mcproto_packets::play::chunk::mask_from_varint(0xffff),
        Ok(0xffff)
    );
    // Every proper prefix of a valid column is an error, never a panic.
    let bytes = [thirteen_bit_section(), vec![7; 256]].concat();
    assert!(ChunkColumn::decode_for(&bytes, 1, false, true, P107).is_ok());
    for cut in (0..bytes.len())
        .step_by(7)
        .chain(bytes.len() - 300..bytes.len())
    {
        assert!(
            matches!(
                ChunkColumn::decode_for(&bytes[..cut], 1, false, true, P107),
                Err(ChunkError::UnexpectedEnd { .. })
            ),
            "{cut}"
        );
    }
    // A mask naming more sections than were sent.
    assert!(matches!(
        ChunkColumn::decode_for(&thirteen_bit_section(), 3, false, false, P107),
        Err(ChunkError::UnexpectedEnd {
            what: "bits per block",
            ..
        })
    ));
}

#[test]
fn states_beyond_the_global_palette_do_not_encode_from_107() {
    let mut col = ChunkColumn::new(true, true);
    col.set_block(0, 0, 0, BlockState::new(512, 0)).unwrap();
    assert_eq!(BlockState::new(512, 0), BlockState(8192));
    assert!(col.encode_for(V47).is_ok());
    for v in paletted_versions() {
        assert_eq!(
            col.encode_for(v).unwrap_err(),
            ChunkError::InvalidBlockState(8192)
        );
        assert_eq!(
            col.encoded_len(v).unwrap_err(),
            ChunkError::InvalidBlockState(8192)
        );
    }
    col.set_block(0, 0, 0, BlockState::new(511, 15)).unwrap();
    assert!(col.encode_for(P107).is_ok());
}

#[test]
fn flat_columns_for_a_server() {
    let bedrock = BlockState::new(7, 0);
    let dirt = BlockState::new(3, 0);
    let grass = BlockState::new(2, 0);
    let col = ChunkColumn::flat(&[(bedrock, 1), (dirt, 2), (grass, 1)], true).unwrap();
    assert!(col.is_ground_up() && col.has_sky_light());
    assert_eq!(col.primary_bit_mask(), 0x0001);
    assert_eq!(col.block(7, 0, 9), Some(bedrock));
    assert_eq!(col.block(7, 2, 9), Some(dirt));
    assert_eq!(col.block(15, 3, 15), Some(grass));
    assert_eq!(col.block(0, 4, 0), Some(BlockState::AIR));
    assert_eq!(col.biome(3, 3), Some(1));
    for v in all_versions() {
        let bytes = col.encode_for(v).unwrap();
        assert_eq!(col.encoded_len(v).unwrap(), bytes.len(), "{v}");
        let back = ChunkColumn::decode_for(&bytes, 1, true, true, v).unwrap();
        assert_eq!(back, col, "{v}");
    }
    // 1.8: the fixed size, bedrock first (70 00 little-endian).
    let old = col.encode_for(V47).unwrap();
    assert_eq!(old, col.encode());
    assert_eq!(old.len(), 12288 + 256);
    assert_eq!(&old[..2], &[0x70, 0x00]);
    // 1.9: palette in block order [bedrock 112, dirt 48, grass 32, air 0],
    // 4 bits. Layer 0 (256 entries = 16 longs) is entry 0, layers 1–2
    // entry 1, layer 3 entry 2, the rest air, entry 3.
    let new = col.encode_for(P107).unwrap();
    assert_eq!(&new[..8], &hex("04 04 70 30 20 00 80 02"));
    let long = |k: usize| u64::from_be_bytes(new[8 + 8 * k..16 + 8 * k].try_into().unwrap());
    assert_eq!(long(0), 0);
    assert_eq!(long(15), 0);
    assert_eq!(long(16), 0x1111_1111_1111_1111);
    assert_eq!(long(47), 0x1111_1111_1111_1111);
    assert_eq!(long(48), 0x2222_2222_2222_2222);
    assert_eq!(long(64), 0x3333_3333_3333_3333);
    assert_eq!(long(255), 0x3333_3333_3333_3333);
    assert_eq!(new.len(), 8 + 2048 + 4096 + 256);
    assert!(
        new[8 + 2048..8 + 4096].iter().all(|&b| b == 0),
        "block light 0"
    );
    assert!(
        new[8 + 4096..8 + 6144].iter().all(|&b| b == 0xff),
        "sky light 15"
    );
    assert!(new[8 + 6144..].iter().all(|&b| b == 1), "plains");

    // Layers spanning sections; air layers create none.
    let col = ChunkColumn::flat(&[(bedrock, 1), (BlockState::AIR, 40), (dirt, 2)], false).unwrap();
    assert_eq!(col.primary_bit_mask(), 0b101);
    assert_eq!(col.block(0, 41, 0), Some(dirt));
    assert_eq!(col.block(0, 42, 0), Some(dirt));
    assert_eq!(col.block(0, 43, 0), Some(BlockState::AIR));
    assert!(!col.section(0).unwrap().has_sky_light());
    // Up to the top of the column, and no higher.
    assert_eq!(
        ChunkColumn::flat(&[(dirt, 256)], true)
            .unwrap()
            .primary_bit_mask(),
        0xffff
    );
    assert_eq!(
        ChunkColumn::flat(&[(dirt, 200), (grass, 57)], true).unwrap_err(),
        ChunkError::TooTall { height: 257 }
    );
    assert_eq!(
        ChunkColumn::flat(&[(dirt, usize::MAX), (grass, 1)], true).unwrap_err(),
        ChunkError::TooTall { height: usize::MAX }
    );
    let mut col = ChunkColumn::new(true, true);
    assert!(col.set_layer(256, dirt).is_err());
    col.set_layer(100, BlockState::AIR).unwrap();
    assert_eq!(col.primary_bit_mask(), 0);
}

#[test]
fn size_helpers_agree_per_version() {
    let col = ChunkColumn::flat(&[(BlockState::new(1, 0), 40)], true).unwrap();
    let mask = col.primary_bit_mask();
    for v in all_versions() {
        let len = col.encode_for(v).unwrap().len();
        assert_eq!(col.encoded_len(v).unwrap(), len);
        let min = ChunkColumn::min_data_size(mask, true, true, v);
        assert!(min <= len, "{v}");
        for (n, s) in col.sections() {
            assert!(s.encoded_len(true, v).unwrap() > 0, "{n}");
        }
        if ChunkFormat::of(v) == ChunkFormat::V1_8 {
            assert_eq!(min, ChunkColumn::data_size(mask, true, true));
            assert_eq!(len, min);
        }
    }
    // One section of one state is the smallest 1.9 section: 4101 bytes
    // without sky light, 6149 with.
    let one = ChunkColumn::flat(&[(BlockState::new(1, 0), 16)], false).unwrap();
    assert_eq!(one.encoded_len(P107).unwrap(), 4101 + 256);
    assert_eq!(ChunkColumn::min_data_size(1, false, true, P107), 4101 + 256);
    assert_eq!(ChunkColumn::min_data_size(1, true, false, P107), 6149);
    assert_eq!(ChunkFormat::of(V47), ChunkFormat::V1_8);
    assert_eq!(ChunkFormat::of(V54), ChunkFormat::V1_8);
    assert_eq!(ChunkFormat::of(P107), ChunkFormat::V1_9);
    assert_eq!(ChunkFormat::of(P340), ChunkFormat::V1_9);
}

/// An independent 1.9 section encoder: packs `entries` bit by bit.
fn pack_section(bits: u8, palette: Option<&[u16]>, entries: &[u16], light: &[u8]) -> Vec<u8> {
    fn varint(mut v: u32, out: &mut Vec<u8>) {
        loop {
            if v < 0x80 {
                out.push(v as u8);
                return;
            }
            out.push((v as u8 & 0x7f) | 0x80);
            v >>= 7;
        }
    }
    let mut out = vec![bits];
    match palette {
        Some(p) => {
            varint(p.len() as u32, &mut out);
            for s in p {
                varint(u32::from(*s), &mut out);
            }
        }
        None => out.push(0),
    }
    let n = 64 * bits as usize;
    varint(n as u32, &mut out);
    let mut words = vec![0u64; n];
    for (i, e) in entries.iter().enumerate() {
        for b in 0..bits as usize {
            if e >> b & 1 == 1 {
                let bit = i * bits as usize + b;
                words[bit / 64] |= 1 << (bit % 64);
            }
        }
    }
    out.extend(words.iter().flat_map(|w| w.to_be_bytes()));
    out.extend_from_slice(light);
    out
}

/// A deterministic stream of numbers from a seed (splitmix64).
struct Mix(u64);
impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Generated columns of every version encode, decode to themselves and
    /// re-encode to the same bytes; the size helpers agree.
    #[test]
    fn generated_columns_round_trip_in_every_version(seed: Vec<u8>) {
        use mcproto_core::{Gen, Generate};
        for v in all_versions() {
            let col = ChunkColumn::generate(&mut Gen::new(&seed, v));
            let bytes = col.encode_for(v).unwrap();
            proptest::prop_assert_eq!(col.encoded_len(v).unwrap(), bytes.len());
            let mask = col.primary_bit_mask();
            let (sky, gu) = (col.has_sky_light(), col.is_ground_up());
            proptest::prop_assert!(ChunkColumn::min_data_size(mask, sky, gu, v) <= bytes.len());
            let back = ChunkColumn::decode_for(&bytes, mask, sky, gu, v).unwrap();
            proptest::prop_assert_eq!(&back, &col);
            proptest::prop_assert_eq!(back.encode_for(v).unwrap(), bytes);
        }
    }

    /// Sections as vanilla may send them — any width 4–8 or 13, a palette
    /// in any order with unused entries — decode to the blocks the entries
    /// name and encode back to the same bytes.
    #[test]
    fn vanilla_like_sections_round_trip(seed: u64, sky: bool, ground_up: bool) {
        let mut m = Mix(seed);
        let bits = [4u8, 5, 6, 7, 8, 13][m.below(6) as usize];
        let palette: Option<Vec<u16>> = (bits <= 8).then(|| {
            let len = 1 + m.below(1 << bits) as usize;
            let mut p: Vec<u16> = Vec::new();
            while p.len() < len {
                let s = m.below(8192) as u16;
                if !p.contains(&s) {
                    p.push(s);
                }
            }
            p
        });
        let bound = palette.as_ref().map_or(8192, |p| p.len() as u64);
        // Few distinct entries in runs, or every entry random.
        let runs = m.below(2) == 0;
        let mut entries = vec![0u16; 4096];
        let mut cur = 0;
        for e in entries.iter_mut() {
            if !runs || m.below(64) == 0 {
                cur = m.below(bound) as u16;
            }
            *e = cur;
        }
        let light: Vec<u8> = (0..if sky { 4096 } else { 2048 }).map(|_| m.next() as u8).collect();
        let mut bytes = pack_section(bits, palette.as_deref(), &entries, &light);
        let mut mask = 1u16 << m.below(16);
        if m.below(2) == 0 {
            // A second section, the same bytes again.
            let again = bytes.clone();
            bytes.extend_from_slice(&again);
            mask |= if mask == 0x8000 { 1 } else { mask << 1 };
        }
        if ground_up {
            bytes.extend((0..256).map(|_| m.next() as u8));
        }
        for v in paletted_versions() {
            let col = ChunkColumn::decode_for(&bytes, mask, sky, ground_up, v).unwrap();
            for (_, s) in col.sections() {
                for (i, e) in entries.iter().enumerate() {
                    let expected = match &palette {
                        Some(p) => p[*e as usize],
                        None => *e,
                    };
                    proptest::prop_assert_eq!(s.blocks()[i], BlockState(expected));
                }
                proptest::prop_assert_eq!(s.block_light().as_bytes(), &light[..2048]);
            }
            proptest::prop_assert_eq!(col.encode_for(v).unwrap(), bytes.clone());
            proptest::prop_assert_eq!(col.encoded_len(v).unwrap(), bytes.len());
            // In 1.8 layout and back, the blocks and light survive.
            let old = col.encode_for(V47).unwrap();
            let back = ChunkColumn::decode(&old, mask, sky, ground_up).unwrap();
            proptest::prop_assert_eq!(&back, &col);
        }
    }

    /// Arbitrary data never panics; what decodes re-encodes to data that
    /// decodes the same.
    #[test]
    fn arbitrary_data_never_panics(data: Vec<u8>, mask: u16, sky: bool, ground_up: bool) {
        for v in [P107, P340] {
            if let Ok(col) = ChunkColumn::decode_for(&data, mask, sky, ground_up, v) {
                let bytes = col.encode_for(v).unwrap();
                let back = ChunkColumn::decode_for(&bytes, mask, sky, ground_up, v).unwrap();
                proptest::prop_assert_eq!(back, col);
            }
        }
    }

    /// A section header followed by the right amount of arbitrary bytes:
    /// decodes or fails with a typed error, never panics.
    #[test]
    fn arbitrary_section_bodies_never_panic(head in proptest::collection::vec(0u8..20, 1..8), fill: u8) {
        let mut data = head.clone();
        data.extend(std::iter::repeat_n(fill, 8 * 832 + 4096 + 256));
        let _ = ChunkColumn::decode_for(&data, 1, true, true, P107);
    }
}
