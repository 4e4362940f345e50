//! Chunk column data: the bytes carried by Chunk Data (and, in 47 and 54,
//! Map Chunk Bulk), in both layouts of protocols 47 – 340
//! ([Chunk Format](https://wiki.vg/Chunk_Format)).
//!
//! The packets keep those bytes opaque (a byte array), because their layout
//! depends on facts the packet does not carry (Chunk Data has no sky-light
//! flag: the receiver knows it from the dimension). [`ChunkColumn::decode_for`]
//! turns them into typed sections once those facts are known, and
//! [`ChunkColumn::encode_for`] gives back the exact same bytes;
//! [`ChunkColumn::decode`] and [`ChunkColumn::encode`] are the 1.8 layout.
//!
//! ## 47 and 54 ([`ChunkFormat::V1_8`])
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
//! ## 107 – 340 ([`ChunkFormat::V1_9`])
//!
//! Each present section in ascending order, then the biomes of a ground-up
//! column (256 bytes). A section is:
//!
//! | Field | Wire type |
//! |---|---|
//! | bits per block: 4 – 8 (section palette) or 13 (global ids) | Unsigned Byte |
//! | palette length, 0 for global ids | VarInt |
//! | palette: global ids the data indexes | VarInt × length |
//! | data length in longs, 64 × bits | VarInt |
//! | 4096 entries of *bits* bits, low bits first, an entry straddling two longs where 64 is no multiple of *bits* | Long × length |
//! | block light | 2048 bytes |
//! | sky light (Overworld only) | 2048 bytes |
//!
//! The size is no longer a function of the mask: the data must be parsed.
//! A global id is the block state `block id << 4 | metadata`, the number
//! the 1.8 layout and Block Change send too, in 13 bits (so block ids up to
//! 511 only). Decoding keeps a section's palette and bits
//! ([`ChunkSection::layout`]), so that vanilla's bytes, whose palette order
//! is the history of the section, encode back exactly; a section built here
//! gets its distinct states in block order, with the width vanilla would
//! pick for that many (4 bits up to 16 states, then the fewest up to 256,
//! then 13-bit global ids).
//!
//! In both layouts the block index within a section is `y·256 + z·16 + x`;
//! within a byte of light, the even index is the low nibble.

use std::fmt;
use std::hash::{Hash, Hasher};

use mcproto_core::ProtocolVersion;
use mcproto_core::types::varint::{decode_varint, put_varint, varint_len};
#[cfg(feature = "generate")]
use mcproto_core::{Gen, Generate};

use crate::version::V1_9;

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
/// Bits per block of the global palette in 107 – 340 (1.9 – 1.12).
pub const GLOBAL_BITS: u8 = 13;
/// Fewest bits per block of a section palette (107 – 340).
pub const MIN_PALETTE_BITS: u8 = 4;
/// Most bits per block of a section palette (107 – 340): 256 states.
pub const MAX_PALETTE_BITS: u8 = 8;
/// Block states the 13-bit global palette can number (0 – 8191).
pub const GLOBAL_STATES: usize = 1 << GLOBAL_BITS;

/// The layout of chunk data, by protocol version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChunkFormat {
    /// 47 and 54: every section's blocks (2 bytes each), then every
    /// section's block light, then sky light, then biomes.
    V1_8,
    /// 107 – 340: each section with its palette, packed longs and light;
    /// then biomes.
    V1_9,
}

impl ChunkFormat {
    /// The layout of `version`.
    pub const fn of(version: ProtocolVersion) -> Self {
        if version.at_least(V1_9) {
            ChunkFormat::V1_9
        } else {
            ChunkFormat::V1_8
        }
    }
}

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

/// Any 16-bit state in 47 and 54; from 107 on, one the 13-bit global
/// palette can carry.
#[cfg(feature = "generate")]
impl Generate for BlockState {
    fn generate(g: &mut Gen<'_>) -> Self {
        let s = BlockState(u16::from_be_bytes([g.byte(), g.byte()]));
        match ChunkFormat::of(g.version()) {
            ChunkFormat::V1_8 => s,
            ChunkFormat::V1_9 => BlockState(s.0 % GLOBAL_STATES as u16),
        }
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
    /// The data ended inside a field (107 – 340 layout).
    UnexpectedEnd {
        /// The field being read.
        what: &'static str,
        /// Bytes it needs.
        needed: usize,
        /// Bytes that were left.
        remaining: usize,
    },
    /// A VarInt longer than 5 bytes (107 – 340 layout).
    InvalidVarInt {
        /// The field being read.
        what: &'static str,
    },
    /// Bytes left after the last section and the biomes (107 – 340 layout).
    TrailingBytes(usize),
    /// Bits per block other than 4 – 8 or 13, which is all vanilla sends
    /// and reads consistently (107 – 340 layout).
    InvalidBitsPerBlock(u8),
    /// A palette length that is negative, longer than its bits can index,
    /// or not 0 for the global palette (107 – 340 layout).
    InvalidPaletteLength {
        /// Bits per block of the section.
        bits: u8,
        /// The length read.
        len: i32,
    },
    /// The same state twice in a section palette (107 – 340 layout).
    DuplicatePaletteEntry(BlockState),
    /// A block state the 13-bit global palette cannot carry: negative or
    /// 8192 and above (107 – 340 layout).
    InvalidBlockState(i32),
    /// A data array of another length than 64 longs per bit (107 – 340
    /// layout).
    DataLengthMismatch {
        /// Bits per block of the section.
        bits: u8,
        /// Longs those bits call for.
        expected: usize,
        /// Longs announced.
        actual: i32,
    },
    /// A data entry indexing past the end of the section palette (107 –
    /// 340 layout).
    PaletteIndexOutOfRange {
        /// The index read.
        index: u16,
        /// The palette length.
        len: usize,
    },
    /// A primary bit mask with bits above section 15.
    InvalidMask(i32),
    /// Layers higher than a column.
    TooTall {
        /// Total height of the layers.
        height: usize,
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
            ChunkError::UnexpectedEnd {
                what,
                needed,
                remaining,
            } => write!(
                f,
                "chunk data ends in {what}: needed {needed} bytes, {remaining} left"
            ),
            ChunkError::InvalidVarInt { what } => {
                write!(f, "chunk data: {what} is a VarInt longer than 5 bytes")
            }
            ChunkError::TrailingBytes(n) => {
                write!(f, "{n} bytes after the last chunk section and the biomes")
            }
            ChunkError::InvalidBitsPerBlock(b) => {
                write!(f, "chunk section of {b} bits per block (4 to 8, or 13)")
            }
            ChunkError::InvalidPaletteLength { bits, len } => write!(
                f,
                "chunk section palette of length {len} with {bits} bits per block"
            ),
            ChunkError::DuplicatePaletteEntry(s) => {
                write!(f, "block state {} twice in a chunk section palette", s.0)
            }
            ChunkError::InvalidBlockState(s) => {
                write!(f, "block state {s} does not fit the 13-bit global palette")
            }
            ChunkError::DataLengthMismatch {
                bits,
                expected,
                actual,
            } => write!(
                f,
                "chunk section data of {actual} longs, {bits} bits per block call for {expected}"
            ),
            ChunkError::PaletteIndexOutOfRange { index, len } => write!(
                f,
                "chunk section data indexes palette entry {index} of {len}"
            ),
            ChunkError::InvalidMask(m) => {
                write!(f, "primary bit mask {m:#x} names sections above 15")
            }
            ChunkError::TooTall { height } => {
                write!(
                    f,
                    "layers {height} blocks high do not fit a 256-block column"
                )
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

/// How a section was laid out in the 107 – 340 format when it was decoded:
/// its bits per block and its palette, in the order received.
///
/// Vanilla's palette order is the history of the section (states are
/// appended as they are first placed, and stay when no block uses them
/// any more), so it cannot be recomputed from the blocks; keeping it is
/// what lets a decoded section encode back to the same bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SectionLayout {
    bits: u8,                           // 4 – 8, or GLOBAL_BITS
    palette: Option<Box<[BlockState]>>, // None for the global palette; distinct, < GLOBAL_STATES
}

impl SectionLayout {
    /// Bits per block: 4 – 8 with a section palette, 13 with global ids.
    pub fn bits_per_block(&self) -> u8 {
        self.bits
    }

    /// The section palette (global ids the data indexes), or `None` when
    /// the data holds global ids.
    pub fn palette(&self) -> Option<&[BlockState]> {
        self.palette.as_deref()
    }
}

/// One 16 × 16 × 16 section: block states, block light and (in
/// dimensions with a sky) sky light.
///
/// Two sections are equal when their blocks and light are; the
/// [`layout`](ChunkSection::layout) a decoded section remembers is not
/// compared.
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ChunkSection {
    blocks: Box<[BlockState]>, // invariant: SECTION_BLOCKS long
    block_light: NibbleArray,
    sky_light: Option<NibbleArray>,
    #[cfg_attr(feature = "serde", serde(skip))]
    layout: Option<SectionLayout>,
}

impl PartialEq for ChunkSection {
    fn eq(&self, other: &Self) -> bool {
        self.blocks == other.blocks
            && self.block_light == other.block_light
            && self.sky_light == other.sky_light
    }
}

impl Eq for ChunkSection {}

impl Hash for ChunkSection {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.blocks.hash(state);
        self.block_light.hash(state);
        self.sky_light.hash(state);
    }
}

impl ChunkSection {
    /// A section filled with `block`, block light 0 and, when `sky_light`,
    /// sky light 15.
    pub fn new(block: BlockState, sky_light: bool) -> Self {
        ChunkSection {
            blocks: vec![block; SECTION_BLOCKS].into_boxed_slice(),
            block_light: NibbleArray::filled(0),
            sky_light: sky_light.then(|| NibbleArray::filled(15)),
            layout: None,
        }
    }

    /// The bits per block and palette the section was decoded with (107 –
    /// 340 format), which encoding keeps as long as they still fit the
    /// blocks; `None` for a section built here or decoded from 47/54 data.
    pub fn layout(&self) -> Option<&SectionLayout> {
        self.layout.as_ref()
    }

    /// Forgets the decoded layout: the section then encodes with the
    /// smallest palette that fits its blocks.
    pub fn clear_layout(&mut self) {
        self.layout = None;
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

    /// Sets every block of layer `y` (0–15) of the section to `block`.
    pub fn set_layer(&mut self, y: usize, block: BlockState) -> Result<(), ChunkError> {
        let start = section_index(0, y, 0).ok_or(ChunkError::OutOfBounds { x: 0, y, z: 0 })?;
        if let Some(layer) = self.blocks.get_mut(start..start + 256) {
            layer.fill(block);
        }
        Ok(())
    }

    /// The exact size of the section in `version`'s layout, in a column
    /// with or without sky light; the same errors as encoding it.
    pub fn encoded_len(
        &self,
        sky_light: bool,
        version: ProtocolVersion,
    ) -> Result<usize, ChunkError> {
        let light = LIGHT_BYTES + if sky_light { LIGHT_BYTES } else { 0 };
        Ok(match ChunkFormat::of(version) {
            ChunkFormat::V1_8 => BLOCK_BYTES + light,
            ChunkFormat::V1_9 => self.plan()?.len() + light,
        })
    }

    /// The bits and palette to send in the 107 – 340 layout, and each
    /// block's entry.
    ///
    /// A decoded layout is kept when every block is in its palette. A
    /// block that is not is appended to the palette (as vanilla does),
    /// with more bits if needed; a section without a layout gets its
    /// distinct states in block order. Past 256 states, global ids.
    fn plan(&self) -> Result<Plan, ChunkError> {
        let (mut palette, min_bits) = match &self.layout {
            Some(SectionLayout { palette: None, .. }) => return self.global_plan(),
            Some(SectionLayout {
                bits,
                palette: Some(p),
            }) => (p.to_vec(), *bits),
            None => (Vec::new(), MIN_PALETTE_BITS),
        };
        // Entry of each global id in the palette, u16::MAX when absent.
        let mut entry_of = [u16::MAX; GLOBAL_STATES];
        for (i, state) in palette.iter().enumerate() {
            if let Some(e) = entry_of.get_mut(usize::from(state.0)) {
                *e = i as u16;
            }
        }
        let mut entries = Box::new([0u16; SECTION_BLOCKS]);
        for (entry, block) in entries.iter_mut().zip(self.blocks.iter()) {
            let Some(e) = entry_of.get_mut(usize::from(block.0)) else {
                return Err(ChunkError::InvalidBlockState(i32::from(block.0)));
            };
            if *e == u16::MAX {
                if palette.len() == 1 << MAX_PALETTE_BITS {
                    return self.global_plan();
                }
                *e = palette.len() as u16;
                palette.push(*block);
            }
            *entry = *e;
        }
        Ok(Plan {
            bits: bits_for(palette.len()).max(min_bits),
            palette: Some(palette),
            entries,
        })
    }

    fn global_plan(&self) -> Result<Plan, ChunkError> {
        let mut entries = Box::new([0u16; SECTION_BLOCKS]);
        for (entry, block) in entries.iter_mut().zip(self.blocks.iter()) {
            if usize::from(block.0) >= GLOBAL_STATES {
                return Err(ChunkError::InvalidBlockState(i32::from(block.0)));
            }
            *entry = block.0;
        }
        Ok(Plan {
            bits: GLOBAL_BITS,
            palette: None,
            entries,
        })
    }

    /// Appends the section in the 107 – 340 layout; sky light as the
    /// column says (left out, or made up as 15).
    fn encode_1_9(&self, out: &mut Vec<u8>, sky_light: bool) -> Result<(), ChunkError> {
        let plan = self.plan()?;
        out.push(plan.bits);
        match &plan.palette {
            Some(p) => {
                put_varint(out, p.len() as i32);
                for state in p {
                    put_varint(out, i32::from(state.0));
                }
            }
            // Vanilla still writes an empty palette.
            None => put_varint(out, 0),
        }
        put_varint(out, longs_for(plan.bits) as i32);
        pack(&plan.entries[..], plan.bits, out);
        out.extend_from_slice(self.block_light.as_bytes());
        if sky_light {
            match &self.sky_light {
                Some(l) => out.extend_from_slice(l.as_bytes()),
                None => out.extend_from_slice(&[0xFF; LIGHT_BYTES]),
            }
        }
        Ok(())
    }

    /// Reads one section in the 107 – 340 layout.
    fn decode_1_9(c: &mut Cursor<'_>, sky_light: bool) -> Result<Self, ChunkError> {
        let bits = c.u8("bits per block")?;
        let global = match bits {
            MIN_PALETTE_BITS..=MAX_PALETTE_BITS => false,
            GLOBAL_BITS => true,
            other => return Err(ChunkError::InvalidBitsPerBlock(other)),
        };
        let len = c.varint("palette length")?;
        let palette = if global {
            if len != 0 {
                return Err(ChunkError::InvalidPaletteLength { bits, len });
            }
            None
        } else {
            if !(0..=1 << bits).contains(&len) {
                return Err(ChunkError::InvalidPaletteLength { bits, len });
            }
            // At most 256 entries.
            let mut palette = Vec::with_capacity(len as usize);
            let mut seen = [0u64; GLOBAL_STATES / 64];
            for _ in 0..len {
                let id = c.varint("palette entry")?;
                let state = u16::try_from(id)
                    .ok()
                    .filter(|s| usize::from(*s) < GLOBAL_STATES)
                    .ok_or(ChunkError::InvalidBlockState(id))?;
                let (word, bit) = (usize::from(state) / 64, usize::from(state) % 64);
                if let Some(w) = seen.get_mut(word) {
                    if *w & (1 << bit) != 0 {
                        return Err(ChunkError::DuplicatePaletteEntry(BlockState(state)));
                    }
                    *w |= 1 << bit;
                }
                palette.push(BlockState(state));
            }
            Some(palette)
        };
        let count = c.varint("data array length")?;
        let expected = longs_for(bits);
        if usize::try_from(count).ok() != Some(expected) {
            return Err(ChunkError::DataLengthMismatch {
                bits,
                expected,
                actual: count,
            });
        }
        let data = c.take(expected * 8, "data array")?;
        let block_light = c.take(LIGHT_BYTES, "block light")?;
        let sky = if sky_light {
            Some(c.take(LIGHT_BYTES, "sky light")?)
        } else {
            None
        };
        let mut entries = Box::new([0u16; SECTION_BLOCKS]);
        unpack(data, bits, &mut entries[..]);
        let blocks = match &palette {
            None => entries.iter().map(|&e| BlockState(e)).collect(),
            Some(p) => entries
                .iter()
                .map(|&e| {
                    p.get(usize::from(e))
                        .copied()
                        .ok_or(ChunkError::PaletteIndexOutOfRange {
                            index: e,
                            len: p.len(),
                        })
                })
                .collect::<Result<_, _>>()?,
        };
        Ok(ChunkSection {
            blocks,
            block_light: NibbleArray::from_bytes(block_light)?,
            sky_light: sky.map(NibbleArray::from_bytes).transpose()?,
            layout: Some(SectionLayout {
                bits,
                palette: palette.map(Vec::into_boxed_slice),
            }),
        })
    }
}

/// What a section sends in the 107 – 340 layout.
struct Plan {
    bits: u8,
    palette: Option<Vec<BlockState>>,
    entries: Box<[u16; SECTION_BLOCKS]>, // palette entries, or global ids
}

impl Plan {
    /// Bytes of the section's block part: bits, palette, longs.
    fn len(&self) -> usize {
        let palette = match &self.palette {
            Some(p) => {
                varint_len(p.len() as i32)
                    + p.iter().map(|s| varint_len(i32::from(s.0))).sum::<usize>()
            }
            None => varint_len(0),
        };
        let longs = longs_for(self.bits);
        1 + palette + varint_len(longs as i32) + 8 * longs
    }
}

/// Bits per block vanilla picks for `n` distinct states: 4 up to 16, the
/// fewest that index them up to 256, then the global palette.
fn bits_for(n: usize) -> u8 {
    if n > 1 << MAX_PALETTE_BITS {
        GLOBAL_BITS
    } else {
        let needed = usize::BITS - n.saturating_sub(1).leading_zeros();
        (needed as u8).max(MIN_PALETTE_BITS)
    }
}

/// Longs of 4096 entries of `bits` bits: 64 per bit, none left over.
const fn longs_for(bits: u8) -> usize {
    SECTION_BLOCKS * bits as usize / 64
}

/// Packs `entries` (each below `1 << bits`) into big-endian longs, low bits
/// first, an entry straddling two longs when it does not fit the first.
fn pack(entries: &[u16], bits: u8, out: &mut Vec<u8>) {
    let bits = u32::from(bits);
    let mut word = 0u64;
    let mut filled = 0u32; // bits of `word` in use, always < 64
    for &e in entries {
        let e = u64::from(e);
        word |= e << filled;
        filled += bits;
        if filled >= 64 {
            out.extend_from_slice(&word.to_be_bytes());
            filled -= 64;
            // The high bits of `e` that did not fit.
            word = if filled > 0 { e >> (bits - filled) } else { 0 };
        }
    }
    // 4096 entries fill whole longs: nothing is left in `word`.
}

/// Unpacks `out.len()` entries of `bits` bits from big-endian longs (the
/// inverse of [`pack`]); `data` holds at least the longs they need.
fn unpack(data: &[u8], bits: u8, out: &mut [u16]) {
    let bits = u32::from(bits);
    let mask = (1u64 << bits) - 1;
    let mut words = data
        .chunks_exact(8)
        .map(|c| c.try_into().map(u64::from_be_bytes).unwrap_or(0));
    let mut word = 0u64;
    let mut avail = 0u32; // unread bits at the bottom of `word`
    for o in out.iter_mut() {
        if avail >= bits {
            *o = (word & mask) as u16;
            word >>= bits;
            avail -= bits;
        } else {
            // The low `avail` bits are here, the rest in the next long.
            let next = words.next().unwrap_or(0);
            *o = ((word | (next << avail)) & mask) as u16;
            let used = bits - avail;
            word = next >> used;
            avail = 64 - used;
        }
    }
}

/// Reads the 107 – 340 layout, with typed errors.
struct Cursor<'d> {
    data: &'d [u8],
}

impl<'d> Cursor<'d> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'d [u8], ChunkError> {
        let (head, tail) = self
            .data
            .split_at_checked(n)
            .ok_or(ChunkError::UnexpectedEnd {
                what,
                needed: n,
                remaining: self.data.len(),
            })?;
        self.data = tail;
        Ok(head)
    }

    fn u8(&mut self, what: &'static str) -> Result<u8, ChunkError> {
        Ok(self.take(1, what)?.first().copied().unwrap_or(0))
    }

    fn varint(&mut self, what: &'static str) -> Result<i32, ChunkError> {
        match decode_varint(self.data) {
            Ok((v, n)) => {
                self.take(n, what)?;
                Ok(v)
            }
            Err(e) => Err(match e.kind() {
                mcproto_core::ErrorKind::UnexpectedEof { needed, .. } => {
                    ChunkError::UnexpectedEnd {
                        what,
                        needed: *needed,
                        remaining: self.data.len(),
                    }
                }
                _ => ChunkError::InvalidVarInt { what },
            }),
        }
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
        if ChunkFormat::of(g.version()) == ChunkFormat::V1_9 {
            // Enough distinct states for every palette width: 4 bits (up
            // to 16), 5 – 8 bits (17 – 256) and global ids (more).
            let distinct = match g.below(4) {
                0 => 1,
                1 => g.int_in(2, 16),
                2 => g.int_in(17, 256),
                _ => g.int_in(257, 1200),
            } as usize;
            if distinct > 1 {
                let first = g.u64() as usize;
                // An odd step makes `distinct` (< 8192) different states.
                let step = g.u64() as usize | 1;
                let stride = g.below(64) | 1;
                for (i, b) in s.blocks.iter_mut().enumerate() {
                    let k = (i * stride) % distinct;
                    *b = BlockState(
                        (first.wrapping_add(k.wrapping_mul(step)) % GLOBAL_STATES) as u16,
                    );
                }
            }
        }
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

    /// The fewest bytes a column's data can take in `version`'s layout
    /// with primary bit mask `mask`: in 47 and 54 the exact size
    /// ([`ChunkColumn::data_size`]); from 107 on, where palettes make the
    /// size vary, a lower bound (every section with a one-state palette).
    pub const fn min_data_size(
        mask: u16,
        sky_light: bool,
        ground_up: bool,
        version: ProtocolVersion,
    ) -> usize {
        match ChunkFormat::of(version) {
            ChunkFormat::V1_8 => Self::data_size(mask, sky_light, ground_up),
            ChunkFormat::V1_9 => {
                // Bits, palette length 1, one 1-byte entry, VarInt 256, the
                // longs, block light, sky light.
                let per_section = 1
                    + 1
                    + 1
                    + 2
                    + 8 * longs_for(MIN_PALETTE_BITS)
                    + LIGHT_BYTES
                    + if sky_light { LIGHT_BYTES } else { 0 };
                mask.count_ones() as usize * per_section + if ground_up { BIOME_BYTES } else { 0 }
            }
        }
    }

    /// Decodes the data of one column in `version`'s layout, sent with
    /// primary bit mask `mask`; `sky_light` comes from the dimension (Join
    /// Game / Respawn), `ground_up` from Chunk Data. In 47 and 54 this is
    /// [`ChunkColumn::decode`]. From 107 on the data must be exactly the
    /// sections of the mask and, when ground-up, the biomes: anything else
    /// is a typed error, and a section is allocated only once its bytes
    /// were found in the data.
    pub fn decode_for(
        data: &[u8],
        mask: u16,
        sky_light: bool,
        ground_up: bool,
        version: ProtocolVersion,
    ) -> Result<Self, ChunkError> {
        if ChunkFormat::of(version) == ChunkFormat::V1_8 {
            return Self::decode(data, mask, sky_light, ground_up);
        }
        let mut c = Cursor { data };
        let mut column = ChunkColumn {
            sections: Default::default(),
            sky_light,
            biomes: None,
        };
        for (n, slot) in column.sections.iter_mut().enumerate() {
            if mask & (1 << n) != 0 {
                *slot = Some(ChunkSection::decode_1_9(&mut c, sky_light)?);
            }
        }
        if ground_up {
            column.biomes = Some(c.take(BIOME_BYTES, "biomes")?.into());
        }
        if !c.data.is_empty() {
            return Err(ChunkError::TrailingBytes(c.data.len()));
        }
        Ok(column)
    }

    /// The column's data in `version`'s layout, as
    /// [`ChunkColumn::decode_for`] reads it: in 47 and 54
    /// [`ChunkColumn::encode`]; from 107 on each section with the palette
    /// it was decoded with (or the smallest that fits), which fails only
    /// for a block state of 8192 or more (block id above 511), beyond the
    /// 13-bit global palette.
    pub fn encode_for(&self, version: ProtocolVersion) -> Result<Vec<u8>, ChunkError> {
        if ChunkFormat::of(version) == ChunkFormat::V1_8 {
            return Ok(self.encode());
        }
        let mut out = Vec::with_capacity(Self::min_data_size(
            self.primary_bit_mask(),
            self.sky_light,
            self.biomes.is_some(),
            version,
        ));
        for s in self.sections.iter().flatten() {
            s.encode_1_9(&mut out, self.sky_light)?;
        }
        if let Some(b) = &self.biomes {
            out.extend_from_slice(b);
        }
        Ok(out)
    }

    /// The exact size of [`ChunkColumn::encode_for`]'s output, with the
    /// same errors, without encoding.
    pub fn encoded_len(&self, version: ProtocolVersion) -> Result<usize, ChunkError> {
        let mut len = if self.biomes.is_some() {
            BIOME_BYTES
        } else {
            0
        };
        for s in self.sections.iter().flatten() {
            len += s.encoded_len(self.sky_light, version)?;
        }
        Ok(len)
    }

    /// A ground-up column of horizontal layers, bottom (y = 0) up: each
    /// `(block, thickness)` fills that many whole layers. Above the
    /// layers is air; sections holding only air are not created (vanilla
    /// does not send them). Block light 0, sky light 15 when `sky_light`,
    /// biomes plains. It encodes in every version ([`ChunkColumn::encode_for`])
    /// as long as the blocks have ids up to 511.
    ///
    /// ```
    /// use mcproto_packets::play::chunk::{BlockState, ChunkColumn};
    ///
    /// // Bedrock, two layers of dirt, grass: a superflat column.
    /// let column = ChunkColumn::flat(
    ///     &[
    ///         (BlockState::new(7, 0), 1),
    ///         (BlockState::new(3, 0), 2),
    ///         (BlockState::new(2, 0), 1),
    ///     ],
    ///     true,
    /// )
    /// .unwrap();
    /// assert_eq!(column.primary_bit_mask(), 0x0001);
    /// assert_eq!(column.block(0, 3, 0), Some(BlockState::new(2, 0)));
    /// ```
    pub fn flat(layers: &[(BlockState, usize)], sky_light: bool) -> Result<Self, ChunkError> {
        let height = layers.iter().fold(0usize, |h, (_, t)| h.saturating_add(*t));
        if height > COLUMN_HEIGHT {
            return Err(ChunkError::TooTall { height });
        }
        let mut column = ChunkColumn::new(sky_light, true);
        let mut y = 0;
        for &(block, thickness) in layers {
            for _ in 0..thickness {
                column.set_layer(y, block)?;
                y += 1;
            }
        }
        Ok(column)
    }

    /// Sets every block of layer `y` (0–255) to `block`. A missing section
    /// is created first (air, block light 0, sky light 15), except for air,
    /// which a missing section already is.
    pub fn set_layer(&mut self, y: usize, block: BlockState) -> Result<(), ChunkError> {
        if y >= COLUMN_HEIGHT {
            return Err(ChunkError::OutOfBounds { x: 0, y, z: 0 });
        }
        let sky = self.sky_light;
        let Some(slot) = self.sections.get_mut(y >> 4) else {
            return Err(ChunkError::OutOfBounds { x: 0, y, z: 0 });
        };
        match slot {
            Some(s) => s.set_layer(y & 15, block),
            None if block == BlockState::AIR => Ok(()),
            None => slot
                .get_or_insert_with(|| ChunkSection::new(BlockState::AIR, sky))
                .set_layer(y & 15, block),
        }
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
                layout: None,
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

/// The primary bit mask of a Chunk Data packet from 107 on, sent as a
/// VarInt, as the 16 bits of the sections it names; a bit above section 15
/// (or a negative number) is an error.
pub fn mask_from_varint(mask: i32) -> Result<u16, ChunkError> {
    u16::try_from(mask).map_err(|_| ChunkError::InvalidMask(mask))
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
