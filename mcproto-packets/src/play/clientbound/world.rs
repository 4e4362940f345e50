//! Clientbound play packets 0x20–0x37: entity properties, chunks and
//! blocks, world effects, windows, signs, maps and statistics.
//!
//! Every one has the same id and layout in protocols 47 and 54
//! (protocol-54-ids.md lists them all as unchanged).

use mcproto::bytes::Bytes;
use mcproto::{
    Chat, Decode, Encode, Generate, IntValue, Nbt, Packet, Position, SharedStr, Slot, Uuid,
};

use crate::play::chunk::{self, BIOME_BYTES, BlockState, ChunkColumn, ChunkError};
use crate::play::types::GameMode;

// ---- 0x20 Entity Properties ---------------------------------------------

/// Sets attributes of an entity (max health, movement speed...) and the
/// modifiers applied to them.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x20, state = Play, direction = Clientbound)]
pub struct EntityProperties {
    /// The entity whose properties these are.
    #[mc(varint)]
    pub entity_id: i32,
    /// The properties, counted by an Int (not a VarInt).
    #[mc(len = i32)]
    pub properties: Vec<EntityProperty>,
}

/// One attribute of an [`EntityProperties`] packet.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct EntityProperty {
    /// Attribute name, e.g. `generic.maxHealth`, `generic.movementSpeed`
    /// (vanilla reads at most 64 characters).
    #[mc(max_len = 64)]
    pub key: SharedStr,
    /// Base value, before modifiers.
    pub value: f64,
    /// Modifiers applied to the base value.
    pub modifiers: Vec<EntityPropertyModifier>,
}

/// A modifier of an [`EntityProperty`].
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct EntityPropertyModifier {
    /// Identifies the modifier (e.g. the sprint speed boost).
    pub uuid: Uuid,
    /// Amount, applied as `operation` says.
    pub amount: f64,
    /// How the amount is applied.
    pub operation: EntityPropertyOperation,
}

/// How an [`EntityPropertyModifier`] changes the value (a Byte).
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = i8)]
pub enum EntityPropertyOperation {
    /// Adds the amount to the base value.
    #[mc(tag = 0)]
    Add,
    /// Adds amount × base value.
    #[mc(tag = 1)]
    AddMultipliedBase,
    /// Multiplies the value by (1 + amount).
    #[mc(tag = 2)]
    Multiply,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

// ---- 0x21 Chunk Data ----------------------------------------------------

/// Sends one chunk column, whole or some of its sections; with Ground-Up
/// Continuous and an empty mask it unloads the column.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x21, state = Play, direction = Clientbound)]
pub struct ChunkData {
    /// Chunk coordinate (block x >> 4).
    pub chunk_x: i32,
    /// Chunk coordinate (block z >> 4).
    pub chunk_z: i32,
    /// True: the whole column (sections missing from the mask are air, and
    /// the data ends with the biome array); false: only the listed sections
    /// are replaced.
    pub ground_up_continuous: bool,
    /// Bit n set: section n (blocks y = 16n … 16n+15) is in the data.
    pub primary_bit_mask: u16,
    /// The column bytes (wiki-chunk-format-47.md). Kept opaque because the
    /// layout also depends on whether the dimension has sky light, which
    /// the packet does not say; decode with [`ChunkData::column`].
    pub data: Bytes,
}

impl ChunkData {
    /// Decodes the data; `sky_light` is true in the Overworld (the
    /// dimension from Join Game / Respawn).
    pub fn column(&self, sky_light: bool) -> Result<ChunkColumn, ChunkError> {
        ChunkColumn::decode(
            &self.data,
            self.primary_bit_mask,
            sky_light,
            self.ground_up_continuous,
        )
    }

    /// The packet sending `column` at chunk coordinates (x, z).
    pub fn from_column(chunk_x: i32, chunk_z: i32, column: &ChunkColumn) -> Self {
        ChunkData {
            chunk_x,
            chunk_z,
            ground_up_continuous: column.is_ground_up(),
            primary_bit_mask: column.primary_bit_mask(),
            data: column.encode().into(),
        }
    }

    /// The packet that unloads the column at (x, z): ground-up, no
    /// sections, so the data is just a (zeroed) biome array.
    pub fn unload(chunk_x: i32, chunk_z: i32) -> Self {
        ChunkData {
            chunk_x,
            chunk_z,
            ground_up_continuous: true,
            primary_bit_mask: 0,
            data: Bytes::from_static(&[0; BIOME_BYTES]),
        }
    }
}

// ---- 0x22 Multi Block Change --------------------------------------------

/// Changes several blocks of one chunk column at once.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x22, state = Play, direction = Clientbound)]
pub struct MultiBlockChange {
    /// Chunk coordinate of the column.
    pub chunk_x: i32,
    /// Chunk coordinate of the column.
    pub chunk_z: i32,
    /// The changed blocks.
    pub records: Vec<MultiBlockChangeRecord>,
}

/// One block of a [`MultiBlockChange`].
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

// ---- 0x23 Block Change --------------------------------------------------

/// Changes one block.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x23, state = Play, direction = Clientbound)]
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

// ---- 0x24 Block Action --------------------------------------------------

/// Animates a block: note block notes, piston moves, chest lids.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x24, state = Play, direction = Clientbound)]
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

// ---- 0x25 Block Break Animation -----------------------------------------

/// Shows (or removes) the crack of a block being broken.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x25, state = Play, direction = Clientbound)]
pub struct BlockBreakAnimation {
    /// Any id unique to this crack; the same id replaces the previous stage.
    #[mc(varint)]
    pub entity_id: i32,
    /// The block being broken.
    pub location: Position,
    /// 0–9; any other value removes the crack.
    pub destroy_stage: i8,
}

// ---- 0x26 Map Chunk Bulk ------------------------------------------------

/// Sends several whole chunk columns at once (vanilla: up to about 10).
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x26, state = Play, direction = Clientbound)]
pub struct MapChunkBulk {
    /// Whether every column carries sky light (Overworld: true; Nether and
    /// End: false).
    pub sky_light_sent: bool,
    /// Position and bit mask of each column, in data order.
    pub chunk_meta: Vec<MapChunkBulkMeta>,
    /// The columns' bytes one after another, each ground-up (with biomes);
    /// runs to the end of the packet, with no per-column length. Split and
    /// decode with [`MapChunkBulk::columns`].
    #[mc(rest)]
    pub chunk_data: Bytes,
}

/// Where a column of a [`MapChunkBulk`] goes and which sections it has.
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MapChunkBulkMeta {
    /// Chunk coordinate (block x >> 4).
    pub chunk_x: i32,
    /// Chunk coordinate (block z >> 4).
    pub chunk_z: i32,
    /// Bit n set: section n is in the column's data.
    pub primary_bit_mask: u16,
}

impl MapChunkBulk {
    /// Each column's bytes (sharing the packet's buffer), in meta order;
    /// fails unless the data is exactly the sum of the columns' sizes.
    pub fn column_data(&self) -> Result<Vec<Bytes>, ChunkError> {
        let slices = chunk::split_bulk(
            &self.chunk_data,
            self.chunk_meta.iter().map(|m| m.primary_bit_mask),
            self.sky_light_sent,
        )?;
        Ok(slices
            .into_iter()
            .map(|s| self.chunk_data.slice_ref(s))
            .collect())
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

// ---- 0x27 Explosion -----------------------------------------------------

/// An explosion: the blocks it destroys and the push it gives the player.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x27, state = Play, direction = Clientbound)]
pub struct Explosion {
    /// Centre of the explosion (absolute, in blocks).
    pub x: f32,
    /// Centre of the explosion.
    pub y: f32,
    /// Centre of the explosion.
    pub z: f32,
    /// Unused by the client.
    pub radius: f32,
    /// Destroyed blocks (each becomes air), counted by an Int.
    #[mc(len = i32)]
    pub records: Vec<ExplosionRecord>,
    /// Velocity added to the receiving player.
    pub player_motion_x: f32,
    /// Velocity added to the receiving player.
    pub player_motion_y: f32,
    /// Velocity added to the receiving player.
    pub player_motion_z: f32,
}

/// A destroyed block of an [`Explosion`]: signed offsets from the
/// explosion's coordinates truncated to integers.
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ExplosionRecord {
    /// Offset along x.
    pub x: i8,
    /// Offset along y.
    pub y: i8,
    /// Offset along z.
    pub z: i8,
}

// ---- 0x28 Effect --------------------------------------------------------

/// Plays a sound or particle effect at a block (door sounds, block break
/// particles, records...).
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x28, state = Play, direction = Clientbound)]
pub struct Effect {
    /// Sounds in the 1000s, particles in the 2000s (e.g. 2001 block break).
    pub effect_id: i32,
    /// The block the effect plays at.
    pub location: Position,
    /// Depends on the effect (2001: block id | metadata << 12).
    pub data: i32,
    /// Play at full volume whatever the distance (1.8 honours it only for
    /// effect 1013, the wither spawning).
    pub disable_relative_volume: bool,
}

// ---- 0x29 Sound Effect --------------------------------------------------

/// Plays a named sound at a position (later wiki revisions: Named Sound
/// Effect).
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x29, state = Play, direction = Clientbound)]
pub struct SoundEffect {
    /// Sound event name, e.g. `random.click` (vanilla reads at most 256
    /// characters).
    #[mc(max_len = 256)]
    pub sound_name: SharedStr,
    /// Absolute x in blocks, sent as an Int × 8 (encoded floored; vanilla
    /// truncates, which differs only for negative coordinates by < 1/8).
    #[mc(fixed = 8)]
    pub effect_position_x: f64,
    /// Absolute y in blocks, sent as an Int × 8.
    #[mc(fixed = 8)]
    pub effect_position_y: f64,
    /// Absolute z in blocks, sent as an Int × 8.
    #[mc(fixed = 8)]
    pub effect_position_z: f64,
    /// 1.0 = 100%; may be larger.
    pub volume: f32,
    /// 63 = 100%.
    pub pitch: u8,
}

// ---- 0x2A Particle ------------------------------------------------------

/// Spawns particles.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x2A, state = Play, direction = Clientbound)]
pub struct Particle {
    /// Which particle; also fixes the length of `data`.
    pub particle_id: ParticleType,
    /// Raises the particle's view distance from 256 to 65536 blocks.
    pub long_distance: bool,
    /// Position of the particles (absolute, in blocks).
    pub x: f32,
    /// Position of the particles.
    pub y: f32,
    /// Position of the particles.
    pub z: f32,
    /// Multiplied by a random Gaussian for each particle.
    pub offset_x: f32,
    /// Multiplied by a random Gaussian for each particle.
    pub offset_y: f32,
    /// Multiplied by a random Gaussian for each particle.
    pub offset_z: f32,
    /// Usually the speed.
    pub particle_data: f32,
    /// Number of particles.
    pub particle_count: i32,
    /// No length prefix: [`ParticleType::data_len`] values (icon crack:
    /// item id and damage; block crack and block dust: block id |
    /// metadata << 12).
    #[mc(count = particle_id.data_len(), as = varint)]
    pub data: Vec<i32>,
}

/// Particle ids of protocol 47 (an Int in [`Particle`]).
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = i32)]
pub enum ParticleType {
    /// `explode`.
    #[mc(tag = 0)]
    Explode,
    /// `largeexplode`.
    #[mc(tag = 1)]
    LargeExplode,
    /// `hugeexplosion`.
    #[mc(tag = 2)]
    HugeExplosion,
    /// `fireworksSpark`.
    #[mc(tag = 3)]
    FireworksSpark,
    /// `bubble`.
    #[mc(tag = 4)]
    Bubble,
    /// `splash`.
    #[mc(tag = 5)]
    Splash,
    /// `wake`.
    #[mc(tag = 6)]
    Wake,
    /// `suspended`.
    #[mc(tag = 7)]
    Suspended,
    /// `depthsuspend`.
    #[mc(tag = 8)]
    DepthSuspend,
    /// `crit`.
    #[mc(tag = 9)]
    Crit,
    /// `magicCrit`.
    #[mc(tag = 10)]
    MagicCrit,
    /// `smoke`.
    #[mc(tag = 11)]
    Smoke,
    /// `largesmoke`.
    #[mc(tag = 12)]
    LargeSmoke,
    /// `spell`.
    #[mc(tag = 13)]
    Spell,
    /// `instantSpell`.
    #[mc(tag = 14)]
    InstantSpell,
    /// `mobSpell`.
    #[mc(tag = 15)]
    MobSpell,
    /// `mobSpellAmbient`.
    #[mc(tag = 16)]
    MobSpellAmbient,
    /// `witchMagic`.
    #[mc(tag = 17)]
    WitchMagic,
    /// `dripWater`.
    #[mc(tag = 18)]
    DripWater,
    /// `dripLava`.
    #[mc(tag = 19)]
    DripLava,
    /// `angryVillager`.
    #[mc(tag = 20)]
    AngryVillager,
    /// `happyVillager`.
    #[mc(tag = 21)]
    HappyVillager,
    /// `townaura`.
    #[mc(tag = 22)]
    TownAura,
    /// `note`.
    #[mc(tag = 23)]
    Note,
    /// `portal`.
    #[mc(tag = 24)]
    Portal,
    /// `enchantmenttable`.
    #[mc(tag = 25)]
    EnchantmentTable,
    /// `flame`.
    #[mc(tag = 26)]
    Flame,
    /// `lava`.
    #[mc(tag = 27)]
    Lava,
    /// `footstep`.
    #[mc(tag = 28)]
    Footstep,
    /// `cloud`.
    #[mc(tag = 29)]
    Cloud,
    /// `reddust`.
    #[mc(tag = 30)]
    RedDust,
    /// `snowballpoof`.
    #[mc(tag = 31)]
    SnowballPoof,
    /// `snowshovel`.
    #[mc(tag = 32)]
    SnowShovel,
    /// `slime`.
    #[mc(tag = 33)]
    Slime,
    /// `heart`.
    #[mc(tag = 34)]
    Heart,
    /// `barrier`.
    #[mc(tag = 35)]
    Barrier,
    /// `iconcrack`: data is item id and damage.
    #[mc(tag = 36)]
    IconCrack,
    /// `blockcrack`: data is block id | metadata << 12.
    #[mc(tag = 37)]
    BlockCrack,
    /// `blockdust`: data is block id | metadata << 12.
    #[mc(tag = 38)]
    BlockDust,
    /// `droplet`.
    #[mc(tag = 39)]
    Droplet,
    /// `take`.
    #[mc(tag = 40)]
    Take,
    /// `mobappearance`.
    #[mc(tag = 41)]
    MobAppearance,
    /// A value this crate does not know (kept as received; no data).
    #[mc(other)]
    Unknown(i32),
}

impl ParticleType {
    /// Number of VarInts in [`Particle::data`] for this particle: 2 for
    /// icon crack, 1 for block crack and block dust, otherwise 0.
    pub fn data_len(&self) -> usize {
        match self {
            ParticleType::IconCrack => 2,
            ParticleType::BlockCrack | ParticleType::BlockDust => 1,
            _ => 0,
        }
    }
}

// ---- 0x2B Change Game State ---------------------------------------------

/// Changes a piece of game state: weather, game mode, credits, demo
/// messages.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x2B, state = Play, direction = Clientbound)]
pub struct ChangeGameState {
    /// What changes.
    pub reason: ChangeGameStateReason,
    /// Depends on the reason: game mode 0–3 for
    /// [`ChangeGameStateReason::ChangeGameMode`] (see
    /// [`ChangeGameState::game_mode`]); 0 welcome screen, 101 movement, 102
    /// jump, 103 inventory hint for demo messages; 0–1 for rain and thunder
    /// strength.
    pub value: f32,
}

impl ChangeGameState {
    /// The new game mode, when the reason is a game-mode change.
    pub fn game_mode(&self) -> Option<GameMode> {
        match self.reason {
            ChangeGameStateReason::ChangeGameMode => GameMode::from_i64(self.value as i64).ok(),
            _ => None,
        }
    }
}

/// What a [`ChangeGameState`] changes (an Unsigned Byte).
///
/// Rain follows vanilla and minecraft-data: 1 = rain starts, 2 = rain stops
/// (some wiki.vg revisions label them the other way round).
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = u8)]
pub enum ChangeGameStateReason {
    /// "No bed nearby / bed occupied" (tile.bed.notValid).
    #[mc(tag = 0)]
    InvalidBed,
    /// Rain starts.
    #[mc(tag = 1)]
    RainStarts,
    /// Rain stops (also sent when the weather is cleared).
    #[mc(tag = 2)]
    RainStops,
    /// The game mode changes to the value.
    #[mc(tag = 3)]
    ChangeGameMode,
    /// Shows the end credits.
    #[mc(tag = 4)]
    EnterCredits,
    /// A demo message, chosen by the value.
    #[mc(tag = 5)]
    DemoMessage,
    /// An arrow hit a player (plays the hit sound).
    #[mc(tag = 6)]
    ArrowHitPlayer,
    /// Rain strength ("fade value"), 0–1.
    #[mc(tag = 7)]
    RainStrength,
    /// Thunder strength ("fade time"), 0–1.
    #[mc(tag = 8)]
    ThunderStrength,
    /// The elder guardian's appearance effect and sound.
    #[mc(tag = 10)]
    ElderGuardianEffect,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

// ---- 0x2C Spawn Global Entity -------------------------------------------

/// Spawns a global entity: a thunderbolt, visible from far away.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x2C, state = Play, direction = Clientbound)]
pub struct SpawnGlobalEntity {
    /// The new entity's id.
    #[mc(varint)]
    pub entity_id: i32,
    /// Which global entity (1 = thunderbolt, the only one).
    pub r#type: SpawnGlobalEntityType,
    /// Absolute position in blocks (sent as Int × 32).
    #[mc(fixed = 32)]
    pub x: f64,
    /// Absolute position in blocks (sent as Int × 32).
    #[mc(fixed = 32)]
    pub y: f64,
    /// Absolute position in blocks (sent as Int × 32).
    #[mc(fixed = 32)]
    pub z: f64,
}

/// The kind of a [`SpawnGlobalEntity`] (a Byte).
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = i8)]
pub enum SpawnGlobalEntityType {
    /// A lightning bolt, the only global entity.
    #[mc(tag = 1)]
    Thunderbolt,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

// ---- 0x2D–0x32 Windows --------------------------------------------------

/// Opens a window (chest, furnace, horse inventory...) on the client.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x2D, state = Play, direction = Clientbound)]
pub struct OpenWindow {
    /// Non-zero; 0 is the player inventory.
    pub window_id: u8,
    /// e.g. `minecraft:chest`, `minecraft:furnace`, or `EntityHorse`
    /// (vanilla reads at most 32 characters).
    #[mc(max_len = 32)]
    pub window_type: SharedStr,
    /// Title shown in the window.
    pub window_title: Chat,
    /// Slots of the window, not counting the player inventory.
    pub number_of_slots: u8,
    /// The horse's entity id; present only when the type is `EntityHorse`.
    #[mc(when = &**window_type == "EntityHorse")]
    pub entity_id: Option<i32>,
}

/// Closes a window (the server forcing it shut).
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x2E, state = Play, direction = Clientbound)]
pub struct CloseWindow {
    /// 0 = player inventory.
    pub window_id: u8,
}

/// Sets one slot of a window, or the item on the cursor.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x2F, state = Play, direction = Clientbound)]
pub struct SetSlot {
    /// 0 player inventory; −1 with slot −1: the item on the cursor.
    pub window_id: i8,
    /// Slot index in the window.
    pub slot: i16,
    /// The new contents (a negative item id means empty).
    pub slot_data: Slot,
}

/// Sets every slot of a window.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x30, state = Play, direction = Clientbound)]
pub struct WindowItems {
    /// 0 = player inventory.
    pub window_id: u8,
    /// One per slot, counted by a Short.
    #[mc(len = i16)]
    pub slot_data: Vec<Slot>,
}

/// Updates a window property: furnace progress, enchantment levels,
/// beacon effects, brewing time.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x31, state = Play, direction = Clientbound)]
pub struct WindowProperty {
    /// The window.
    pub window_id: u8,
    /// Which property; meaning depends on the window type.
    pub property: i16,
    /// New value of the property.
    pub value: i16,
}

/// Accepts or rejects a window click (Click Window) the client made.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x32, state = Play, direction = Clientbound)]
pub struct ConfirmTransaction {
    /// The window the click was in.
    pub window_id: i8,
    /// The Action Number of the Click Window being answered.
    pub action_number: i16,
    /// If false the client must send this packet back (serverbound Confirm
    /// Transaction) before its clicks are accepted again.
    pub accepted: bool,
}

// ---- 0x33 Update Sign ---------------------------------------------------

/// Sets the text of a sign.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x33, state = Play, direction = Clientbound)]
pub struct UpdateSign {
    /// The sign.
    pub location: Position,
    /// First line (JSON chat in 47 and 54).
    pub line_1: Chat,
    /// Second line.
    pub line_2: Chat,
    /// Third line.
    pub line_3: Chat,
    /// Fourth line.
    pub line_4: Chat,
}

// ---- 0x34 Map -----------------------------------------------------------

/// Updates a map item: its icons and, optionally, a rectangle of pixels.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x34, state = Play, direction = Clientbound)]
pub struct Map {
    /// The map id (the map item's damage value).
    #[mc(varint)]
    pub item_damage: i32,
    /// Zoom level, 0–4.
    pub scale: i8,
    /// Player and frame markers.
    pub icons: Vec<MapIcon>,
    /// Number of updated columns; 0 = no pixel data follows. Read unsigned
    /// as vanilla does (wiki.vg says Byte, minecraft-data i8).
    pub columns: u8,
    /// The updated rectangle, present exactly when `columns > 0`.
    #[mc(when = *columns > 0)]
    pub pixels: Option<MapPixels>,
}

/// A marker on a [`Map`].
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MapIcon {
    /// High nibble: icon type; low nibble: direction in steps of 22.5°
    /// (as vanilla 1.8 reads it; wiki.vg revisions describe the nibbles
    /// differently). See [`MapIcon::icon_type`] and [`MapIcon::direction`].
    pub direction_and_type: u8,
    /// Map coordinate, −128…127.
    pub x: i8,
    /// Map coordinate, −128…127.
    pub z: i8,
}

impl MapIcon {
    /// An icon of type `icon_type` facing `direction` (both 0–15, higher
    /// bits dropped).
    pub fn new(icon_type: u8, direction: u8, x: i8, z: i8) -> Self {
        MapIcon {
            direction_and_type: ((icon_type & 15) << 4) | (direction & 15),
            x,
            z,
        }
    }

    /// The icon type (texture index), 0–15.
    pub fn icon_type(&self) -> u8 {
        self.direction_and_type >> 4
    }

    /// The direction, 0–15 (× 22.5°).
    pub fn direction(&self) -> u8 {
        self.direction_and_type & 15
    }
}

/// The updated rectangle of a [`Map`] (its width is the packet's Columns).
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MapPixels {
    /// Number of rows updated (vanilla reads it unsigned).
    pub rows: u8,
    /// X offset of the leftmost updated column.
    pub x: u8,
    /// Z offset of the topmost updated row.
    pub z: u8,
    /// Map colour indices, row by row (VarInt length prefix).
    pub data: Bytes,
}

// ---- 0x35 Update Block Entity -------------------------------------------

/// Sets the data of a block entity (spawner, command block, beacon, skull,
/// flower pot, banner).
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x35, state = Play, direction = Clientbound)]
pub struct UpdateBlockEntity {
    /// The block entity's block.
    pub location: Position,
    /// Which kind of block entity the data is for.
    pub action: UpdateBlockEntityAction,
    /// The block entity's data; `Nbt::Absent` is the single byte 0x00.
    pub nbt_data: Nbt,
}

/// The kind of block entity an [`UpdateBlockEntity`] updates (an Unsigned
/// Byte).
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

// ---- 0x36 Open Sign Editor ----------------------------------------------

/// Opens the sign editor for a sign the player just placed.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x36, state = Play, direction = Clientbound)]
pub struct OpenSignEditor {
    /// The sign to edit.
    pub location: Position,
}

// ---- 0x37 Statistics ----------------------------------------------------

/// Sends the player's statistics and achievements (the answer to Client
/// Status action 1).
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x37, state = Play, direction = Clientbound)]
pub struct Statistics {
    /// The statistics, each with its current value.
    pub statistics: Vec<Statistic>,
}

/// One entry of [`Statistics`].
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Statistic {
    /// e.g. `stat.walkOneCm`, `achievement.openInventory`.
    pub name: SharedStr,
    /// The statistic's value (an achievement counts as earned when > 0).
    #[mc(varint)]
    pub value: i32,
}
