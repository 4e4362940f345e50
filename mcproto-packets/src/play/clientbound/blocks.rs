//! Chunks, blocks and block entities: chunk columns, block changes, block actions
//! and break animations, signs.

use crate::play::chunk::{self, BIOME_BYTES, BlockState, ChunkColumn, ChunkError};
use crate::version::*;
use mcproto_core::{Chat, Decode, Encode, Nbt, Packet, Position, ProtocolVersion, Result};
use std::borrow::Cow;

/// Sends one chunk column, whole or some of its sections; before 1.9, with
/// Ground-Up Continuous and an empty mask it unloads the column (1.9 has
/// [`UnloadChunk`] for that).
///
/// From 1.9 ([page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Chunk_Data))
/// the mask is a VarInt and the data holds paletted sections; from 1.9.4
/// ([page](https://wiki.vg/index.php?title=Protocol&oldid=7959#Chunk_Data))
/// the column's block entities follow the data.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct ChunkData<'a> {
    /// Chunk coordinate (block x >> 4).
    pub chunk_x: i32,
    /// Chunk coordinate (block z >> 4).
    pub chunk_z: i32,
    /// True: the whole column (sections missing from the mask are air, and
    /// the data ends with the biome array); false: only the listed sections
    /// are replaced.
    pub ground_up_continuous: bool,
    /// Bit n set: section n (blocks y = 16n … 16n+15) is in the data. An
    /// Unsigned Short before 1.9, a VarInt from 1.9 on, of which vanilla
    /// (1.9 – 1.12.2: `SPacketChunkData`, then `Chunk.read`) tests only
    /// the 16 section bits: other bits are kept as received, and
    /// [`ChunkData::section_mask`] leaves them out.
    #[mc(as(V1_8 = u16, V1_9 = varint))]
    pub primary_bit_mask: i32,
    /// The column bytes ([Chunk Format](https://wiki.vg/Chunk_Format), in the version's layout). Kept opaque because the
    /// layout also depends on whether the dimension has sky light, which
    /// the packet does not say; decode with [`ChunkData::column_for`].
    pub data: Cow<'a, [u8]>,
    /// The column's block entities (signs, chests, …) as NBT compounds,
    /// counted by a VarInt; from 1.9.4 on only (earlier, each came in its
    /// own [`UpdateBlockEntity`]). A negative count is none: vanilla reads
    /// them in a `for` loop (`SPacketChunkData`, 1.12.2).
    #[mc(since = V1_9_4, negative_empty)]
    pub block_entities: Option<Vec<Nbt>>,
}

impl ChunkData<'_> {
    /// The sections in the data: the 16 low bits of
    /// [`ChunkData::primary_bit_mask`], the ones vanilla reads.
    pub fn section_mask(&self) -> u16 {
        self.primary_bit_mask as u16
    }

    /// Decodes the data in the 1.8 layout (protocols 47 and 54);
    /// `sky_light` is true in the Overworld (the dimension from Join Game /
    /// Respawn). [`ChunkData::column_for`] reads every version's layout.
    pub fn column(&self, sky_light: bool) -> Result<ChunkColumn, ChunkError> {
        ChunkColumn::decode(
            &self.data,
            self.section_mask(),
            sky_light,
            self.ground_up_continuous,
        )
    }

    /// Decodes the data in the layout of `version` (the paletted sections
    /// of 1.9 on, or 1.8's); `sky_light` as for [`ChunkData::column`].
    pub fn column_for(
        &self,
        sky_light: bool,
        version: ProtocolVersion,
    ) -> Result<ChunkColumn, ChunkError> {
        ChunkColumn::decode_for(
            &self.data,
            self.section_mask(),
            sky_light,
            self.ground_up_continuous,
            version,
        )
    }

    /// The packet sending `column` at chunk coordinates (x, z) in
    /// `version`: the data in that version's layout and, from 1.9.4 on, an
    /// empty block-entity list (fill [`ChunkData::block_entities`] to send
    /// signs, chests …).
    pub fn from_column_for(
        chunk_x: i32,
        chunk_z: i32,
        column: &ChunkColumn,
        version: ProtocolVersion,
    ) -> Result<Self, ChunkError> {
        Ok(ChunkData {
            chunk_x,
            chunk_z,
            ground_up_continuous: column.is_ground_up(),
            primary_bit_mask: column.primary_bit_mask().into(),
            data: column.encode_for(version)?.into(),
            block_entities: (version >= V1_9_4).then(Vec::new),
        })
    }

    /// The packet sending `column` at chunk coordinates (x, z) in the 1.8
    /// layout (protocols 47 and 54; [`ChunkData::from_column_for`] builds
    /// it for any version).
    pub fn from_column(chunk_x: i32, chunk_z: i32, column: &ChunkColumn) -> Self {
        ChunkData {
            chunk_x,
            chunk_z,
            ground_up_continuous: column.is_ground_up(),
            primary_bit_mask: column.primary_bit_mask().into(),
            data: column.encode().into(),
            block_entities: None,
        }
    }

    /// The packet that unloads the column at (x, z) before 1.9: ground-up,
    /// no sections, so the data is just a (zeroed) biome array. From 1.9
    /// on, send [`UnloadChunk`].
    pub fn unload(chunk_x: i32, chunk_z: i32) -> Self {
        ChunkData {
            chunk_x,
            chunk_z,
            ground_up_continuous: true,
            primary_bit_mask: 0,
            data: Cow::Borrowed(&[0; BIOME_BYTES]),
            block_entities: None,
        }
    }
}

/// Tells the client to forget one chunk column (1.9 on,
/// [page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Unload_Chunk));
/// harmless for a column it does not have.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct UnloadChunk {
    /// Chunk coordinate (block x >> 4).
    pub chunk_x: i32,
    /// Chunk coordinate (block z >> 4).
    pub chunk_z: i32,
}

/// Changes several blocks of one chunk column at once.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct MultiBlockChange {
    /// Chunk coordinate of the column.
    pub chunk_x: i32,
    /// Chunk coordinate of the column.
    pub chunk_z: i32,
    /// The changed blocks.
    pub records: Vec<MultiBlockChangeRecord>,
}

/// One block of a [`MultiBlockChange`].
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MultiBlockChangeRecord {
    /// `(x << 4) | z`, block coordinates inside the column; see
    /// [`MultiBlockChangeRecord::x`] and [`MultiBlockChangeRecord::z`].
    pub horizontal_position: u8,
    /// Block height, 0–255.
    pub y_coordinate: u8,
    /// The new block, `(block id << 4) | metadata`.
    #[mc(varint)]
    pub block_id: i32,
}

impl MultiBlockChangeRecord {
    /// A record setting the block at column coordinates (x, y, z; x and z
    /// 0–15, higher bits dropped) to `block`.
    pub fn new(x: u8, y: u8, z: u8, block: BlockState) -> Self {
        MultiBlockChangeRecord {
            horizontal_position: ((x & 15) << 4) | (z & 15),
            y_coordinate: y,
            block_id: i32::from(block.0),
        }
    }

    /// X inside the column (0–15).
    pub fn x(&self) -> u8 {
        self.horizontal_position >> 4
    }

    /// Z inside the column (0–15).
    pub fn z(&self) -> u8 {
        self.horizontal_position & 15
    }

    /// Y (0–255).
    pub fn y(&self) -> u8 {
        self.y_coordinate
    }

    /// The block id, without metadata.
    pub fn block_type(&self) -> i32 {
        self.block_id >> 4
    }

    /// The block metadata (0–15).
    pub fn metadata(&self) -> u8 {
        (self.block_id & 15) as u8
    }

    /// The block state, if the value fits one (16 bits).
    pub fn block_state(&self) -> Option<BlockState> {
        u16::try_from(self.block_id).ok().map(BlockState)
    }

    /// The absolute position, in the column at chunk coordinates (x, z).
    pub fn position(&self, chunk_x: i32, chunk_z: i32) -> Position {
        Position::new(
            chunk_x.wrapping_mul(16).wrapping_add(i32::from(self.x())),
            i32::from(self.y_coordinate),
            chunk_z.wrapping_mul(16).wrapping_add(i32::from(self.z())),
        )
    }
}

/// Changes one block.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct BlockChange {
    /// The block.
    pub location: Position,
    /// The new block, `(block id << 4) | metadata`.
    #[mc(varint)]
    pub block_id: i32,
}

impl BlockChange {
    /// The block id, without metadata.
    pub fn block_type(&self) -> i32 {
        self.block_id >> 4
    }

    /// The block metadata (0–15).
    pub fn metadata(&self) -> u8 {
        (self.block_id & 15) as u8
    }
}

/// Animates a block: note block notes, piston moves, chest lids.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct BlockAction {
    /// The block.
    pub location: Position,
    /// Note block: instrument; piston: 0 push, 1 pull; chest: always 1.
    pub byte_1: u8,
    /// Note block: pitch; piston: direction; chest: number of viewers (lid
    /// open when > 0).
    pub byte_2: u8,
    /// The block's id, without metadata.
    #[mc(varint)]
    pub block_type: i32,
}

/// Shows (or removes) the crack of a block being broken.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct BlockBreakAnimation {
    /// Any id unique to this crack; the same id replaces the previous stage.
    #[mc(varint)]
    pub entity_id: i32,
    /// The block being broken.
    pub location: Position,
    /// 0–9; any other value removes the crack.
    pub destroy_stage: i8,
}

/// Sends several whole chunk columns at once (vanilla: up to about 10).
/// Protocol 47 and 54 only: 1.9 sends one [`ChunkData`] per column.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct MapChunkBulk<'a> {
    /// Whether every column carries sky light (Overworld: true; Nether and
    /// End: false).
    pub sky_light_sent: bool,
    /// Position and bit mask of each column, in data order.
    pub chunk_meta: Vec<MapChunkBulkMeta>,
    /// The columns' bytes one after another, each ground-up (with biomes);
    /// runs to the end of the packet, with no per-column length. Split and
    /// decode with [`MapChunkBulk::columns`].
    #[mc(rest)]
    pub chunk_data: Cow<'a, [u8]>,
}

/// Where a column of a [`MapChunkBulk`] goes and which sections it has.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MapChunkBulkMeta {
    /// Chunk coordinate (block x >> 4).
    pub chunk_x: i32,
    /// Chunk coordinate (block z >> 4).
    pub chunk_z: i32,
    /// Bit n set: section n is in the column's data.
    pub primary_bit_mask: u16,
}

impl MapChunkBulk<'_> {
    /// Each column's bytes (slices of the packet's data), in meta order;
    /// fails unless the data is exactly the sum of the columns' sizes.
    pub fn column_data(&self) -> Result<Vec<&[u8]>, ChunkError> {
        chunk::split_bulk(
            &self.chunk_data,
            self.chunk_meta.iter().map(|m| m.primary_bit_mask),
            self.sky_light_sent,
        )
    }

    /// The decoded columns, in meta order (pair them with `chunk_meta`).
    pub fn columns(&self) -> Result<Vec<ChunkColumn>, ChunkError> {
        chunk::decode_bulk(
            &self.chunk_data,
            self.chunk_meta.iter().map(|m| m.primary_bit_mask),
            self.sky_light_sent,
        )
    }

    /// The packet sending `columns`, each at its chunk coordinates. Every
    /// column must be ground-up and have sky light exactly when
    /// `sky_light_sent`.
    pub fn from_columns<'c>(
        sky_light_sent: bool,
        columns: impl IntoIterator<Item = (i32, i32, &'c ChunkColumn)>,
    ) -> Result<Self, ChunkError> {
        let mut chunk_meta = Vec::new();
        let mut data = Vec::new();
        for (chunk_x, chunk_z, column) in columns {
            if !column.is_ground_up() {
                return Err(ChunkError::NotGroundUp);
            }
            if column.has_sky_light() != sky_light_sent {
                return Err(ChunkError::SkyLightMismatch {
                    column: column.has_sky_light(),
                });
            }
            chunk_meta.push(MapChunkBulkMeta {
                chunk_x,
                chunk_z,
                primary_bit_mask: column.primary_bit_mask(),
            });
            data.extend_from_slice(&column.encode());
        }
        Ok(MapChunkBulk {
            sky_light_sent,
            chunk_meta,
            chunk_data: data.into(),
        })
    }
}

/// Sets the text of a sign. Up to 1.9.2 only: 1.9.4 removed it
/// ([pre-release page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=7782)),
/// sign text then travels as block-entity NBT.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct UpdateSign {
    /// The sign.
    pub location: Position,
    /// First line (JSON chat in every version that has the packet).
    pub line_1: Chat,
    /// Second line.
    pub line_2: Chat,
    /// Third line.
    pub line_3: Chat,
    /// Fourth line.
    pub line_4: Chat,
}

/// Sets the data of a block entity (spawner, command block, beacon, skull,
/// flower pot, banner).
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct UpdateBlockEntity {
    /// The block entity's block.
    pub location: Position,
    /// Which kind of block entity the data is for.
    pub action: UpdateBlockEntityAction,
    /// The block entity's data; `Nbt::Absent` is the single byte 0x00.
    pub nbt_data: Nbt,
}

/// The kind of block entity an [`UpdateBlockEntity`] updates (an Unsigned
/// Byte). Later releases add kinds (structure blocks, end gateways, signs
/// from 1.9.4, beds in 1.12 …); those arrive as [`Self::Unknown`] with
/// their number.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = u8)]
pub enum UpdateBlockEntityAction {
    /// Mob spawner: entity type and spawn settings.
    #[mc(tag = 1)]
    MobSpawner,
    /// Command block text.
    #[mc(tag = 2)]
    CommandBlock,
    /// Beacon levels and effects.
    #[mc(tag = 3)]
    Beacon,
    /// Skull type and rotation.
    #[mc(tag = 4)]
    Skull,
    /// Flower pot contents.
    #[mc(tag = 5)]
    FlowerPot,
    /// Banner base colour and patterns.
    #[mc(tag = 6)]
    Banner,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

/// Opens the sign editor for a sign the player just placed.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct OpenSignEditor {
    /// The sign to edit.
    pub location: Position,
}
