//! Chunk column data: the bytes carried by Chunk Data (0x21) and Map Chunk
//! Bulk (0x26), in the 1.8 layout that protocols 47 and 54 share
//! ([Chunk Format](https://wiki.vg/Chunk_Format), 1.8 layout).
//!
//! The packets keep those bytes opaque (`Bytes`), because their layout
//! depends on facts the packet does not carry (Chunk Data has no sky-light
//! flag: the receiver knows it from the dimension). [`ChunkColumn::decode`]
//! turns them into typed sections once those facts are known, and
//! [`ChunkColumn::encode`] gives back the exact same bytes.
//!
//! A column's bytes are not laid out section by section but as four
//! consecutive blocks, each covering every present section in ascending
//! order:
//!
//! | Part | Size |
//! |---|---|
//! | block states, 2 bytes **little-endian** each | 8192 per section |
//! | block light, one nibble per block | 2048 per section |
//! | sky light (Overworld only) | 2048 per section |
//! | biomes (ground-up columns only) | 256 |
//!
//! Within a section the block index is `y·256 + z·16 + x`; within a byte
//! of light, the even index is the low nibble.

use std::fmt;

#[cfg(feature = "generate")]
use mcproto_core::{Gen, Generate};

/// Sections in a column (16 × 16 = 256 blocks high).
pub const SECTIONS: usize = 16;
/// Blocks in one 16 × 16 × 16 section.
pub const SECTION_BLOCKS: usize = 4096;
/// Bytes of block-state data per section (2 per block).
pub const BLOCK_BYTES: usize = 2 * SECTION_BLOCKS;
/// Bytes of one light array (a nibble per block).
pub const LIGHT_BYTES: usize = SECTION_BLOCKS / 2;
/// Bytes of the biome array (one per x, z column).
pub const BIOME_BYTES: usize = 256;
/// Height of a column in blocks.
pub const COLUMN_HEIGHT: usize = 16 * SECTIONS;

/// A block state as the chunk format and the block-change packets number
/// it: `(block id << 4) | metadata`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct BlockState(pub u16);

impl BlockState {
    /// Air (id 0, metadata 0).
    pub const AIR: BlockState = BlockState(0);

    /// The state of block `id` (0–4095; higher bits are dropped) with
    /// `metadata` (0–15; higher bits are dropped).
    pub const fn new(id: u16, metadata: u8) -> Self {
        BlockState(((id & 0x0FFF) << 4) | (metadata as u16 & 0x0F))
    }

    /// The block id.
    pub const fn id(self) -> u16 {
        self.0 >> 4
    }

    /// The metadata (damage value) of the block.
    pub const fn metadata(self) -> u8 {
        (self.0 & 0x0F) as u8
    }
}

#[cfg(feature = "generate")]
impl Generate for BlockState {
    fn generate(g: &mut Gen<'_>) -> Self {
        BlockState(u16::from_be_bytes([g.byte(), g.byte()]))
    }
}

/// Why chunk data could not be decoded, or a change could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChunkError {
    /// The data is not exactly the size the bit mask and flags call for.
    SizeMismatch {
        /// Size the mask and flags call for.
        expected: usize,
        /// Size of the data received.
        actual: usize,
    },
    /// Map Chunk Bulk data is not exactly the sum of its columns' sizes.
    BulkSizeMismatch {
        /// Sum of the columns' sizes.
        expected: usize,
        /// Size of the data received.
        actual: usize,
    },
    /// A section with sky light in a column without, or the reverse.
    SkyLightMismatch {
        /// Whether the column has sky light.
        column: bool,
    },
    /// Map Chunk Bulk can only carry ground-up columns (with biomes).
    NotGroundUp,
    /// A section index outside 0..16.
    NoSuchSection(usize),
    /// Block coordinates outside the section or column.
    OutOfBounds {
        /// X inside the column or section.
        x: usize,
        /// Y inside the column or section.
        y: usize,
        /// Z inside the column or section.
        z: usize,
    },
}

impl fmt::Display for ChunkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChunkError::SizeMismatch { expected, actual } => write!(
                f,
                "chunk column data is {actual} bytes, the bit mask and flags call for {expected}"
            ),
            ChunkError::BulkSizeMismatch { expected, actual } => write!(
                f,
                "map chunk bulk data is {actual} bytes, its columns call for {expected}"
            ),
            ChunkError::SkyLightMismatch { column: true } => {
                f.write_str("section without sky light in a column with sky light")
            }
            ChunkError::SkyLightMismatch { column: false } => {
                f.write_str("section with sky light in a column without sky light")
            }
            ChunkError::NotGroundUp => {
                f.write_str("map chunk bulk columns must be ground-up (with biomes)")
            }
            ChunkError::NoSuchSection(n) => write!(f, "no chunk section {n} (0..16)"),
            ChunkError::OutOfBounds { x, y, z } => {
                write!(f, "block ({x}, {y}, {z}) is outside the chunk")
            }
        }
    }
}

impl std::error::Error for ChunkError {}

/// 4096 light values of 4 bits, two per byte, the even index in the low
/// nibble (the wire form, kept as is).
#[derive(Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct NibbleArray(Box<[u8]>); // invariant: LIGHT_BYTES long

impl NibbleArray {
    /// Every value set to `level` (0–15; higher bits are dropped).
    pub fn filled(level: u8) -> Self {
        let l = level & 0x0F;
        NibbleArray(vec![l | (l << 4); LIGHT_BYTES].into_boxed_slice())
    }

    /// The array whose wire form is `bytes` (exactly 2048 bytes).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ChunkError> {
        if bytes.len() != LIGHT_BYTES {
            return Err(ChunkError::SizeMismatch {
                expected: LIGHT_BYTES,
                actual: bytes.len(),
            });
        }
        Ok(NibbleArray(bytes.into()))
    }

    /// The wire form (2048 bytes).
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The value at block index `index` (0–4095), or `None` outside.
    pub fn get(&self, index: usize) -> Option<u8> {
        let b = *self.0.get(index / 2)?;
        Some(if index % 2 == 0 { b & 0x0F } else { b >> 4 })
    }

    /// Sets the value at block index `index` (0–4095) to `level` (0–15;
    /// higher bits are dropped). Returns false, changing nothing, outside.
    pub fn set(&mut self, index: usize, level: u8) -> bool {
        let Some(b) = self.0.get_mut(index / 2) else {
            return false;
        };
        let l = level & 0x0F;
        *b = if index % 2 == 0 {
            (*b & 0xF0) | l
        } else {
            (*b & 0x0F) | (l << 4)
        };
        true
    }
}

impl fmt::Debug for NibbleArray {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // 2048 bytes are too many to print; a uniform array is common.
        match self.0.first() {
            Some(&b) if self.0.iter().all(|&x| x == b) && b >> 4 == b & 0x0F => {
                write!(f, "NibbleArray(all {})", b & 0x0F)
            }
            _ => f.write_str("NibbleArray(mixed)"),
        }
    }
}

#[cfg(feature = "generate")]
impl Generate for NibbleArray {
    fn generate(g: &mut Gen<'_>) -> Self {
        let mut a = NibbleArray::filled(g.byte());
        for _ in 0..g.len(usize::MAX) {
            let i = g.below(SECTION_BLOCKS);
            a.set(i, g.byte());
        }
        a
    }
}

/// The index of section-relative coordinates, or `None` outside 0..16.
fn section_index(x: usize, y: usize, z: usize) -> Option<usize> {
    (x < 16 && y < 16 && z < 16).then_some((y << 8) | (z << 4) | x)
}

/// One 16 × 16 × 16 section: block states, block light and (in
/// dimensions with a sky) sky light.
#[derive(Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ChunkSection {
    blocks: Box<[BlockState]>, // invariant: SECTION_BLOCKS long
    block_light: NibbleArray,
    sky_light: Option<NibbleArray>,
}

impl ChunkSection {
    /// A section filled with `block`, block light 0 and, when `sky_light`,
    /// sky light 15.
    pub fn new(block: BlockState, sky_light: bool) -> Self {
        ChunkSection {
            blocks: vec![block; SECTION_BLOCKS].into_boxed_slice(),
            block_light: NibbleArray::filled(0),
            sky_light: sky_light.then(|| NibbleArray::filled(15)),
        }
    }

    /// The 4096 block states, index `y·256 + z·16 + x`.
    pub fn blocks(&self) -> &[BlockState] {
        &self.blocks
    }

    /// The block states, mutable (same order).
    pub fn blocks_mut(&mut self) -> &mut [BlockState] {
        &mut self.blocks
    }

    /// Block light, same order.
    pub fn block_light(&self) -> &NibbleArray {
        &self.block_light
    }

    /// Block light, mutable.
    pub fn block_light_mut(&mut self) -> &mut NibbleArray {
        &mut self.block_light
    }

    /// Sky light, if the section has it (same order).
    pub fn sky_light(&self) -> Option<&NibbleArray> {
        self.sky_light.as_ref()
    }

    /// Sky light, mutable, if the section has it.
    pub fn sky_light_mut(&mut self) -> Option<&mut NibbleArray> {
        self.sky_light.as_mut()
    }

    /// Whether the section carries sky light.
    pub fn has_sky_light(&self) -> bool {
        self.sky_light.is_some()
    }

    /// The block at section coordinates (each 0–15), `None` outside.
    pub fn block(&self, x: usize, y: usize, z: usize) -> Option<BlockState> {
        self.blocks.get(section_index(x, y, z)?).copied()
    }

    /// Sets the block at section coordinates (each 0–15).
    pub fn set_block(
        &mut self,
        x: usize,
        y: usize,
        z: usize,
        block: BlockState,
    ) -> Result<(), ChunkError> {
        match section_index(x, y, z).and_then(|i| self.blocks.get_mut(i)) {
            Some(b) => {
                *b = block;
                Ok(())
            }
            None => Err(ChunkError::OutOfBounds { x, y, z }),
        }
    }

    /// Number of blocks that are not air (id 0).
    pub fn non_air_blocks(&self) -> usize {
        self.blocks.iter().filter(|b| b.id() != 0).count()
    }
}

impl fmt::Debug for ChunkSection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChunkSection")
            .field("non_air_blocks", &self.non_air_blocks())
            .field("block_light", &self.block_light)
            .field("sky_light", &self.sky_light)
            .finish()
    }
}

#[cfg(feature = "generate")]
impl ChunkSection {
    /// A section whose blocks are random, with or without sky light.
    fn generate_with(g: &mut Gen<'_>, sky_light: bool) -> Self {
        let mut s = ChunkSection::new(BlockState::generate(g), sky_light);
        for _ in 0..g.len(usize::MAX) {
            let i = g.below(SECTION_BLOCKS);
            if let Some(b) = s.blocks.get_mut(i) {
                *b = BlockState::generate(g);
            }
        }
        s.block_light = NibbleArray::generate(g);
        if sky_light {
            s.sky_light = Some(NibbleArray::generate(g));
        }
        s
    }
}

#[cfg(feature = "generate")]
impl Generate for ChunkSection {
    fn generate(g: &mut Gen<'_>) -> Self {
        let sky = g.bool();
        ChunkSection::generate_with(g, sky)
    }
}

/// A chunk column as sent: the sections present (by index 0–15), whether
/// the dimension has sky light, and the biome array of a ground-up column.
///
/// In a ground-up column a missing section is all air; in a column that is
/// not ground-up (a partial update) it means "unchanged".
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ChunkColumn {
    sections: [Option<ChunkSection>; SECTIONS],
    sky_light: bool,
    biomes: Option<Box<[u8]>>, // invariant: BIOME_BYTES long
}

impl ChunkColumn {
    /// An empty column (no sections). A ground-up column gets biomes all 1
    /// (plains).
    pub fn new(sky_light: bool, ground_up: bool) -> Self {
        ChunkColumn {
            sections: Default::default(),
            sky_light,
            biomes: ground_up.then(|| vec![1; BIOME_BYTES].into_boxed_slice()),
        }
    }

    /// The exact size of a column's data: `k × (8192 + 2048 [+ 2048 sky
    /// light]) [+ 256 biomes]` for `k` sections in `mask`.
    pub const fn data_size(mask: u16, sky_light: bool, ground_up: bool) -> usize {
        let per_section = BLOCK_BYTES + LIGHT_BYTES + if sky_light { LIGHT_BYTES } else { 0 };
        mask.count_ones() as usize * per_section + if ground_up { BIOME_BYTES } else { 0 }
    }

    /// Decodes the data of one column, sent with primary bit mask `mask`;
    /// `sky_light` comes from the dimension (Chunk Data) or the packet (Map
    /// Chunk Bulk), `ground_up` from Chunk Data (always true in Map Chunk
    /// Bulk). The data must be exactly [`ChunkColumn::data_size`] bytes.
    pub fn decode(
        data: &[u8],
        mask: u16,
        sky_light: bool,
        ground_up: bool,
    ) -> Result<Self, ChunkError> {
        let expected = Self::data_size(mask, sky_light, ground_up);
        if data.len() != expected {
            return Err(ChunkError::SizeMismatch {
                expected,
                actual: data.len(),
            });
        }
        let k = mask.count_ones() as usize;
        // The size check makes every split below in range; `split_at_checked`
        // keeps that a typed error rather than a panic all the same.
        let too_short = || ChunkError::SizeMismatch {
            expected,
            actual: data.len(),
        };
        let (blocks, rest) = data
            .split_at_checked(k * BLOCK_BYTES)
            .ok_or_else(too_short)?;
        let (block_light, rest) = rest
            .split_at_checked(k * LIGHT_BYTES)
            .ok_or_else(too_short)?;
        let (sky, biomes) = rest
            .split_at_checked(if sky_light { k * LIGHT_BYTES } else { 0 })
            .ok_or_else(too_short)?;

        let mut column = ChunkColumn {
            sections: Default::default(),
            sky_light,
            biomes: ground_up.then(|| biomes.into()),
        };
        let mut blocks = blocks.chunks_exact(BLOCK_BYTES);
        let mut block_light = block_light.chunks_exact(LIGHT_BYTES);
        let mut sky = sky.chunks_exact(LIGHT_BYTES);
        for (n, slot) in column.sections.iter_mut().enumerate() {
            if mask & (1 << n) == 0 {
                continue;
            }
            let b = blocks.next().ok_or_else(too_short)?;
            let bl = block_light.next().ok_or_else(too_short)?;
            let sl = if sky_light {
                Some(NibbleArray::from_bytes(sky.next().ok_or_else(too_short)?)?)
            } else {
                None
            };
            *slot = Some(ChunkSection {
                blocks: b
                    .chunks_exact(2)
                    .map(|p| BlockState(u16::from_le_bytes([p[0], p[1]])))
                    .collect(),
                block_light: NibbleArray::from_bytes(bl)?,
                sky_light: sl,
            });
        }
        Ok(column)
    }

    /// The column's data, as [`ChunkColumn::decode`] reads it. A section
    /// whose sky light disagrees with the column (replaced through
    /// [`ChunkColumn::section_mut`]) is written as the column says: its sky
    /// light left out, or full sky light (15) made up.
    pub fn encode(&self) -> Vec<u8> {
        let size = Self::data_size(
            self.primary_bit_mask(),
            self.sky_light,
            self.biomes.is_some(),
        );
        let mut out = Vec::with_capacity(size);
        for s in self.sections.iter().flatten() {
            for b in s.blocks.iter() {
                out.extend_from_slice(&b.0.to_le_bytes());
            }
        }
        for s in self.sections.iter().flatten() {
            out.extend_from_slice(s.block_light.as_bytes());
        }
        if self.sky_light {
            for s in self.sections.iter().flatten() {
                match &s.sky_light {
                    Some(l) => out.extend_from_slice(l.as_bytes()),
                    None => out.extend_from_slice(&[0xFF; LIGHT_BYTES]),
                }
            }
        }
        if let Some(b) = &self.biomes {
            out.extend_from_slice(b);
        }
        out
    }

    /// The primary bit mask: bit n set when section n is present.
    pub fn primary_bit_mask(&self) -> u16 {
        self.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.is_some())
            .fold(0, |m, (n, _)| m | (1 << n))
    }

    /// Whether the column carries sky light.
    pub fn has_sky_light(&self) -> bool {
        self.sky_light
    }

    /// Whether the column is ground-up continuous (carries biomes).
    pub fn is_ground_up(&self) -> bool {
        self.biomes.is_some()
    }

    /// Section `n` (blocks y = 16n … 16n+15), if present.
    pub fn section(&self, n: usize) -> Option<&ChunkSection> {
        self.sections.get(n)?.as_ref()
    }

    /// Section `n`, mutable, if present.
    pub fn section_mut(&mut self, n: usize) -> Option<&mut ChunkSection> {
        self.sections.get_mut(n)?.as_mut()
    }

    /// The present sections with their indices, bottom up.
    pub fn sections(&self) -> impl Iterator<Item = (usize, &ChunkSection)> {
        self.sections
            .iter()
            .enumerate()
            .filter_map(|(n, s)| Some((n, s.as_ref()?)))
    }

    /// Puts `section` at index `n` (or removes it with `None`), returning
    /// what was there. The section's sky light must match the column's.
    pub fn set_section(
        &mut self,
        n: usize,
        section: Option<ChunkSection>,
    ) -> Result<Option<ChunkSection>, ChunkError> {
        if let Some(s) = &section {
            if s.has_sky_light() != self.sky_light {
                return Err(ChunkError::SkyLightMismatch {
                    column: self.sky_light,
                });
            }
        }
        let slot = self
            .sections
            .get_mut(n)
            .ok_or(ChunkError::NoSuchSection(n))?;
        Ok(std::mem::replace(slot, section))
    }

    /// The 256 biome ids, index `z·16 + x`, of a ground-up column.
    pub fn biomes(&self) -> Option<&[u8]> {
        self.biomes.as_deref()
    }

    /// The biome ids, mutable, of a ground-up column.
    pub fn biomes_mut(&mut self) -> Option<&mut [u8]> {
        self.biomes.as_deref_mut()
    }

    /// Sets the biome array; `None` makes the column not ground-up.
    pub fn set_biomes(&mut self, biomes: Option<[u8; BIOME_BYTES]>) {
        self.biomes = biomes.map(|b| Box::from(&b[..]));
    }

    /// The biome at column coordinates x, z (0–15), if the column has biomes.
    pub fn biome(&self, x: usize, z: usize) -> Option<u8> {
        if x >= 16 || z >= 16 {
            return None;
        }
        self.biomes.as_ref()?.get((z << 4) | x).copied()
    }

    /// The block at column coordinates (x, z 0–15, y 0–255); `None` outside
    /// the column or when its section is not present (which in a ground-up
    /// column means air).
    pub fn block(&self, x: usize, y: usize, z: usize) -> Option<BlockState> {
        if y >= COLUMN_HEIGHT {
            return None;
        }
        self.section(y >> 4)?.block(x, y & 15, z)
    }

    /// Sets the block at column coordinates (x, z 0–15, y 0–255). A missing
    /// section is created first: air, block light 0, sky light 15.
    pub fn set_block(
        &mut self,
        x: usize,
        y: usize,
        z: usize,
        block: BlockState,
    ) -> Result<(), ChunkError> {
        let out = ChunkError::OutOfBounds { x, y, z };
        if x >= 16 || y >= COLUMN_HEIGHT || z >= 16 {
            return Err(out);
        }
        let sky = self.sky_light;
        let slot = self.sections.get_mut(y >> 4).ok_or(out)?;
        slot.get_or_insert_with(|| ChunkSection::new(BlockState::AIR, sky))
            .set_block(x, y & 15, z, block)
    }
}

#[cfg(feature = "generate")]
impl Generate for ChunkColumn {
    fn generate(g: &mut Gen<'_>) -> Self {
        let sky = g.bool();
        let mut c = ChunkColumn::new(sky, g.bool());
        // A few sections keep generated columns small.
        for _ in 0..g.len(3) {
            let n = g.below(SECTIONS);
            if let Some(slot) = c.sections.get_mut(n) {
                *slot = Some(ChunkSection::generate_with(g, sky));
            }
        }
        if let Some(b) = c.biomes.as_deref_mut() {
            for x in b.iter_mut().take(g.len(usize::MAX) * 16) {
                *x = g.byte();
            }
        }
        c
    }
}

/// Splits Map Chunk Bulk data into one slice per column, given the
/// columns' primary bit masks in packet order and the packet's sky-light
/// flag (bulk columns always carry biomes). The data must be exactly the
/// sum of the columns' sizes.
pub fn split_bulk(
    data: &[u8],
    masks: impl IntoIterator<Item = u16>,
    sky_light: bool,
) -> Result<Vec<&[u8]>, ChunkError> {
    let sizes: Vec<usize> = masks
        .into_iter()
        .map(|m| ChunkColumn::data_size(m, sky_light, true))
        .collect();
    let expected = sizes.iter().fold(0usize, |a, s| a.saturating_add(*s));
    let mismatch = ChunkError::BulkSizeMismatch {
        expected,
        actual: data.len(),
    };
    if expected != data.len() {
        return Err(mismatch);
    }
    let mut rest = data;
    let mut out = Vec::with_capacity(sizes.len());
    for size in sizes {
        let (head, tail) = rest.split_at_checked(size).ok_or(mismatch.clone())?;
        out.push(head);
        rest = tail;
    }
    Ok(out)
}

/// Decodes Map Chunk Bulk data into columns (see [`split_bulk`]).
pub fn decode_bulk(
    data: &[u8],
    masks: impl IntoIterator<Item = u16> + Clone,
    sky_light: bool,
) -> Result<Vec<ChunkColumn>, ChunkError> {
    split_bulk(data, masks.clone(), sky_light)?
        .into_iter()
        .zip(masks)
        .map(|(d, m)| ChunkColumn::decode(d, m, sky_light, true))
        .collect()
}
