//! The world around the player: time, weather and game-state changes, explosions,
//! effects, sounds and particles, the world border and maps.

use crate::play::types::GameMode;
use crate::version::*;
use mcproto_core::IntValue;
use mcproto_core::{Decode, Encode, Packet, Position};
use std::borrow::Cow;

/// The world's age and time of day; vanilla sends it every second.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct TimeUpdate {
    /// Ticks since the world was created; commands do not change it.
    pub world_age: i64,
    /// World time in ticks (`% 24000` is the time of day). Negative: the
    /// daylight cycle is stopped and the sun stays at the absolute value.
    pub time_of_day: i64,
}

/// Sets up or changes the world border.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct WorldBorder {
    /// The action (VarInt) and the fields it selects.
    pub action: WorldBorderAction,
}

/// What a [`WorldBorder`] packet does.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum WorldBorderAction {
    /// Sets the size at once.
    #[mc(tag = 0)]
    SetSize {
        /// Despite wiki.vg's name, the diameter (side length) in blocks.
        radius: f64,
    },
    /// Moves the size from one value to another over time.
    #[mc(tag = 1)]
    LerpSize {
        /// Current diameter in blocks.
        old_radius: f64,
        /// Target diameter in blocks.
        new_radius: f64,
        /// Milliseconds until `new_radius` is reached (a VarLong).
        #[mc(varlong)]
        speed: i64,
    },
    /// Moves the centre.
    #[mc(tag = 2)]
    SetCenter {
        /// Centre X, in blocks.
        x: f64,
        /// Centre Z, in blocks.
        z: f64,
    },
    /// Sends the whole border state (on join and dimension change).
    #[mc(tag = 3)]
    Initialize {
        /// Centre X, in blocks.
        x: f64,
        /// Centre Z, in blocks.
        z: f64,
        /// Current diameter in blocks.
        old_radius: f64,
        /// Target diameter in blocks.
        new_radius: f64,
        /// Milliseconds until `new_radius` is reached (a VarLong).
        #[mc(varlong)]
        speed: i64,
        /// Largest distance from 0 that nether portals may teleport to
        /// (vanilla 29999984).
        #[mc(varint)]
        portal_teleport_boundary: i32,
        /// Warning time in seconds.
        #[mc(varint)]
        warning_time: i32,
        /// Warning distance in blocks.
        #[mc(varint)]
        warning_blocks: i32,
    },
    /// Sets the warning time.
    #[mc(tag = 4)]
    SetWarningTime {
        /// Seconds.
        #[mc(varint)]
        warning_time: i32,
    },
    /// Sets the warning distance.
    #[mc(tag = 5)]
    SetWarningBlocks {
        /// Blocks.
        #[mc(varint)]
        warning_blocks: i32,
    },
}

/// An explosion: the blocks it destroys and the push it gives the player.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
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
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ExplosionRecord {
    /// Offset along x.
    pub x: i8,
    /// Offset along y.
    pub y: i8,
    /// Offset along z.
    pub z: i8,
}

/// Plays a sound or particle effect at a block (door sounds, block break
/// particles, records...).
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
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

/// Plays a sound by name at a position: wiki.vg's *Sound Effect* in 1.8,
/// *Named Sound Effect* from 1.9 on, where vanilla uses it for sounds
/// outside its registry (the id-based [`SoundEffect`] plays the others).
///
/// From 1.9 a sound category follows the name
/// ([page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Named_Sound_Effect));
/// from 1.10 the pitch is a Float
/// ([page](https://wiki.vg/index.php?title=Protocol&oldid=8235#Named_Sound_Effect)).
/// 1.9 also renamed almost every sound (`note.harp` → `block.note.harp`).
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct NamedSoundEffect<'a> {
    /// Sound event name, e.g. `random.click` (vanilla reads at most 256
    /// characters).
    #[mc(max_len = 256)]
    pub sound_name: Cow<'a, str>,
    /// The volume slider the sound obeys; from 1.9 on only.
    #[mc(since = V1_9)]
    pub sound_category: Option<SoundCategory>,
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
    /// The pitch multiplier, 1.0 = normal (vanilla sounds use 0.5–2.0).
    /// Before 1.10 an Unsigned Byte × 63 (vanilla writes `(int)(pitch *
    /// 63)`, reads `/ 63`); from 1.10 a Float.
    #[mc(as(V1_8 = fixed(u8, 63), V1_10 = f32))]
    pub pitch: f32,
}

/// Plays a sound of the game's sound registry, by id, at a position (1.9
/// on, [page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Sound_Effect)).
/// Sound ids are registry data and change between versions.
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct SoundEffect {
    /// Sound event id in the version's sound registry.
    #[mc(varint)]
    pub sound_id: i32,
    /// The volume slider the sound obeys.
    pub sound_category: SoundCategory,
    /// Absolute x in blocks, sent as an Int × 8.
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
    /// The pitch multiplier, 1.0 = normal: an Unsigned Byte × 63 in 1.9 –
    /// 1.9.4, a Float from 1.10
    /// ([page](https://wiki.vg/index.php?title=Protocol&oldid=8235#Sound_Effect)).
    /// wiki.vg's 1.9.4 page gives × 63.5 for this packet and × 63 for the
    /// named one; this follows vanilla 1.8 and ViaVersion's 1.9.4 → 1.10
    /// translation, which both use 63 (a byte of 63 is 1.0 either way
    /// within 1%).
    #[mc(as(V1_8 = fixed(u8, 63), V1_10 = f32))]
    pub pitch: f32,
}

/// The volume slider a sound obeys (a VarInt; 1.9 on), in vanilla's
/// `SoundCategory` order.
///
/// Closed: vanilla reads it with `readEnumValue`, an index into the
/// enum's constants that fails past the end (`SPacketSoundEffect`,
/// `SPacketCustomSound`, 1.9–1.12.2), so an
/// unknown value fails the packet here too.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum SoundCategory {
    /// Master volume.
    #[mc(tag = 0)]
    Master,
    /// Music.
    #[mc(tag = 1)]
    Music,
    /// Jukebox and note blocks.
    #[mc(tag = 2)]
    Records,
    /// Rain and thunder.
    #[mc(tag = 3)]
    Weather,
    /// Blocks.
    #[mc(tag = 4)]
    Blocks,
    /// Hostile creatures.
    #[mc(tag = 5)]
    Hostile,
    /// Friendly creatures.
    #[mc(tag = 6)]
    Neutral,
    /// Players.
    #[mc(tag = 7)]
    Players,
    /// Ambient and environment.
    #[mc(tag = 8)]
    Ambient,
    /// Voice and speech.
    #[mc(tag = 9)]
    Voice,
}

/// Spawns particles.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
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

/// Particle ids (an Int in [`Particle`]): protocol 47's, and those later
/// releases add, each from the release that adds it (vanilla's
/// `EnumParticleTypes`).
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
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
    /// `dragonbreath` (1.9 on).
    #[mc(since = V1_9, tag = 42)]
    DragonBreath,
    /// `endRod` (1.9 on).
    #[mc(since = V1_9, tag = 43)]
    EndRod,
    /// `damageIndicator` (1.9 on).
    #[mc(since = V1_9, tag = 44)]
    DamageIndicator,
    /// `sweepAttack` (1.9 on).
    #[mc(since = V1_9, tag = 45)]
    SweepAttack,
    /// `fallingdust` (1.10 on): data is a block state id.
    #[mc(since = V1_10, tag = 46)]
    FallingDust,
    /// `totem` (1.11 on).
    #[mc(since = V1_11, tag = 47)]
    Totem,
    /// `spit` (1.11 on).
    #[mc(since = V1_11, tag = 48)]
    Spit,
    /// A value this crate does not know (kept as received; no data).
    #[mc(other)]
    Unknown(i32),
}

impl ParticleType {
    /// Number of VarInts in [`Particle::data`] for this particle: 2 for
    /// icon crack, 1 for block crack, block dust and falling dust, otherwise
    /// 0 (vanilla's argument counts).
    ///
    /// Falling dust departs from minecraft-data, whose 1.10 – 1.12.2 files
    /// give it no data: vanilla's 1.10 – 1.12 `EnumParticleTypes` declares
    /// one argument for it, and the packet writes that many VarInts.
    pub fn data_len(&self) -> usize {
        match self {
            ParticleType::IconCrack => 2,
            ParticleType::BlockCrack | ParticleType::BlockDust | ParticleType::FallingDust => 1,
            _ => 0,
        }
    }
}

/// Changes a piece of game state: weather, game mode, credits, demo
/// messages.
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
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
            ChangeGameStateReason::ChangeGameMode => {
                // Numbered alike in every protocol version.
                GameMode::from_wire(self.value as i64, crate::version::V1_8).ok()
            }
            _ => None,
        }
    }
}

/// What a [`ChangeGameState`] changes (an Unsigned Byte).
///
/// Rain follows vanilla and minecraft-data: 1 = rain starts, 2 = rain stops
/// (some wiki.vg revisions label them the other way round).
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
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

/// Updates a map item: its icons and, optionally, a rectangle of pixels.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct Map<'a> {
    /// The map id (the map item's damage value).
    #[mc(varint)]
    pub item_damage: i32,
    /// Zoom level, 0–4.
    pub scale: i8,
    /// Whether the player and item-frame markers are shown; from 1.9 on
    /// only ([page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Map)).
    #[mc(since = V1_9)]
    pub tracking_position: Option<bool>,
    /// Player and frame markers.
    pub icons: Vec<MapIcon>,
    /// Number of updated columns; 0 = no pixel data follows. Read unsigned
    /// as vanilla does (wiki.vg says Byte, minecraft-data i8).
    pub columns: u8,
    /// The updated rectangle, present exactly when `columns > 0`.
    #[mc(when = *columns > 0)]
    pub pixels: Option<MapPixels<'a>>,
}

/// A marker on a [`Map`].
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
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
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MapPixels<'a> {
    /// Number of rows updated (vanilla reads it unsigned).
    pub rows: u8,
    /// X offset of the leftmost updated column.
    pub x: u8,
    /// Z offset of the topmost updated row.
    pub z: u8,
    /// Map colour indices, row by row (VarInt length prefix).
    pub data: Cow<'a, [u8]>,
}
