//! Clientbound play packets 0x00–0x1F: login into the world, chat, time,
//! health, the player's own position, and spawning, moving and changing
//! entities. The ids are the same in protocols 47 and 54.
//!
//! Protocol 54 (15w31a on) changes four of these layouts: Entity Equipment's
//! slot numbering and width ([`EquipmentSlot`]), Spawn Player (no Current
//! Item), Spawn Object (UUID, velocity always sent) and Spawn Mob (UUID); see
//! `protocol-54-ids.md`, "Layout changes".

use mcproto::error::fail;
use mcproto::{
    Angle, Chat, Decode, DecodeBounded, Describe, Encode, EncodeBounded, ErrorKind, Gen, Generate,
    IntValue, Metadata, Packet, Position, Reader, Result, SharedStr, Slot, Uuid, WireType, Writer,
};

use crate::play::types::{Difficulty, Dimension, GameMode};

// ---- auxiliary types --------------------------------------------------

/// Join Game's game mode byte: the game mode in the low bits, and bit 0x08
/// set for a hardcore world.
///
/// Hand-written because the derive has no bit fields. Vanilla 1.8 reads the
/// byte unsigned, takes `& 0x08` as hardcore and the rest (`& !0x08`) as the
/// game mode; decoding does the same, so every byte re-encodes identically
/// (an unknown mode is kept in [`GameMode::Unknown`]). Encoding fails for a
/// mode that does not fit in an unsigned byte or has bit 0x08 set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct JoinGameMode {
    /// The game mode (bits other than 0x08).
    pub mode: GameMode,
    /// Hardcore world (bit 0x08): the player is banned or sent to spectator
    /// mode on death, and the client shows hardcore hearts.
    pub hardcore: bool,
}

impl JoinGameMode {
    /// The hardcore bit.
    pub const HARDCORE: u8 = 0x08;

    /// A non-hardcore game mode.
    pub const fn new(mode: GameMode) -> Self {
        JoinGameMode {
            mode,
            hardcore: false,
        }
    }

    /// The byte as sent.
    pub fn to_byte(self) -> Result<u8> {
        let mode = self.mode.to_wire()?;
        match u8::try_from(mode) {
            Ok(m) if m & Self::HARDCORE == 0 => {
                Ok(if self.hardcore { m | Self::HARDCORE } else { m })
            }
            _ => fail(ErrorKind::OutOfRange {
                ty: "JoinGameMode.mode (0..=255 without the hardcore bit 0x08)",
                value: mode,
            }),
        }
    }

    /// The value of a byte as received (every byte has one).
    pub fn from_byte(b: u8) -> Self {
        JoinGameMode {
            // Every value is a GameMode (unknown ones become Unknown).
            mode: GameMode::from_i64(i64::from(b & !Self::HARDCORE))
                .unwrap_or(GameMode::Unknown(i32::from(b & !Self::HARDCORE))),
            hardcore: b & Self::HARDCORE != 0,
        }
    }
}

impl Encode for JoinGameMode {
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        w.put_u8(self.to_byte()?);
        Ok(())
    }
}

impl<'a> Decode<'a> for JoinGameMode {
    const MIN_SIZE: usize = 1;
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.u8().map(JoinGameMode::from_byte)
    }
}

impl Describe for JoinGameMode {
    fn describe() -> WireType {
        // On the wire it is one unsigned byte (minecraft-data: u8).
        WireType::UnsignedByte
    }
}

impl Generate for JoinGameMode {
    fn generate(g: &mut Gen<'_>) -> Self {
        let mode = GameMode::generate(g);
        // Normalise through the byte form: drops the hardcore bit from an
        // unknown mode and turns Unknown(named value) into the named value.
        let raw = mode.to_i64() as u8 & !Self::HARDCORE;
        JoinGameMode {
            hardcore: g.bool(),
            ..JoinGameMode::from_byte(raw)
        }
    }
}

/// The world generator of a level, as Join Game and Respawn name it.
///
/// A string on the wire, so the derive's integer enums do not apply: this
/// type is hand-written. Names are matched exactly (vanilla matches them
/// ignoring case and falls back to `default`); any other string is kept in
/// [`LevelType::Other`] and re-encoded as received. Vanilla 1.8 reads the
/// field with a maximum of 16 characters (`readStringFromBuffer(16)` in
/// both packets), so longer strings are refused both ways.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum LevelType {
    /// `default`.
    Default,
    /// `flat`: superflat.
    Flat,
    /// `largeBiomes`.
    LargeBiomes,
    /// `amplified`.
    Amplified,
    /// `default_1_1`: the 1.1 generator.
    Default11,
    /// Any other name, as received. Encoding fails if it is one of the
    /// names above (use that variant).
    Other(SharedStr),
}

impl LevelType {
    /// Longest name vanilla accepts.
    pub const MAX_LEN: usize = 16;

    const NAMED: [(LevelType, &'static str); 5] = [
        (LevelType::Default, "default"),
        (LevelType::Flat, "flat"),
        (LevelType::LargeBiomes, "largeBiomes"),
        (LevelType::Amplified, "amplified"),
        (LevelType::Default11, "default_1_1"),
    ];

    /// The name as sent.
    pub fn as_str(&self) -> &str {
        match self {
            LevelType::Default => "default",
            LevelType::Flat => "flat",
            LevelType::LargeBiomes => "largeBiomes",
            LevelType::Amplified => "amplified",
            LevelType::Default11 => "default_1_1",
            LevelType::Other(s) => s,
        }
    }

    /// The level type named `s` (exact match), or [`LevelType::Other`].
    pub fn from_name(s: impl Into<SharedStr>) -> Self {
        let s = s.into();
        Self::NAMED
            .iter()
            .find(|(_, name)| *name == s.as_str())
            .map_or(LevelType::Other(s), |(t, _)| t.clone())
    }
}

impl Encode for LevelType {
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        if let LevelType::Other(s) = self
            && let Some(i) = Self::NAMED.iter().position(|(_, name)| *name == s.as_str())
        {
            // `value` is the position of the name in the variant list.
            return fail(ErrorKind::OutOfRange {
                ty: "LevelType::Other (this name has a named variant)",
                value: i as i64,
            });
        }
        self.as_str().encode_bounded(w, Self::MAX_LEN)
    }
}

impl<'a> Decode<'a> for LevelType {
    const MIN_SIZE: usize = 1;
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        SharedStr::decode_bounded(r, Self::MAX_LEN).map(LevelType::from_name)
    }
}

impl Describe for LevelType {
    fn describe() -> WireType {
        WireType::String { max: Self::MAX_LEN }
    }
}

impl Generate for LevelType {
    fn generate(g: &mut Gen<'_>) -> Self {
        match g.below(6) {
            5 => LevelType::from_name(g.string(Self::MAX_LEN)),
            i => Self::NAMED[i].0.clone(),
        }
    }
}

/// An equipment slot of Entity Equipment, numbered differently per version.
///
/// Protocol 47 sends a Short: 0 held item, 1 boots, 2 leggings, 3 chestplate,
/// 4 helmet. Protocol 54 (15w31a on) sends a VarInt: 0 main hand, 1 off hand,
/// 2 boots, 3 leggings, 4 chestplate, 5 helmet (`protocol-54-ids.md`, Entity
/// Equipment). Hand-written because both the width and the numbering depend
/// on the version, which the derive's `as(47 = .., 54 = ..)` cannot express
/// (it changes the width, not the values). [`EquipmentSlot::OffHand`] does not
/// exist in 47: encoding it there is an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum EquipmentSlot {
    /// The held item (47) / main hand (54).
    MainHand,
    /// The off hand (protocol 54 on).
    OffHand,
    /// Boots.
    Boots,
    /// Leggings.
    Leggings,
    /// Chestplate.
    Chestplate,
    /// Helmet.
    Helmet,
    /// A number this crate does not know, as sent **in the version it was
    /// received in** (the numberings differ, so it is not translated).
    Unknown(i32),
}

impl EquipmentSlot {
    // Named slots in wire order of each version.
    const V47: [EquipmentSlot; 5] = [
        EquipmentSlot::MainHand,
        EquipmentSlot::Boots,
        EquipmentSlot::Leggings,
        EquipmentSlot::Chestplate,
        EquipmentSlot::Helmet,
    ];
    const V54: [EquipmentSlot; 6] = [
        EquipmentSlot::MainHand,
        EquipmentSlot::OffHand,
        EquipmentSlot::Boots,
        EquipmentSlot::Leggings,
        EquipmentSlot::Chestplate,
        EquipmentSlot::Helmet,
    ];

    fn named(version: i32) -> &'static [EquipmentSlot] {
        if version >= 54 {
            &Self::V54
        } else {
            &Self::V47
        }
    }

    /// The number sent for this slot in protocol `version`.
    pub fn to_wire(self, version: i32) -> Result<i32> {
        let named = Self::named(version);
        match self {
            EquipmentSlot::Unknown(n) => {
                if usize::try_from(n).is_ok_and(|i| i < named.len()) {
                    fail(ErrorKind::OutOfRange {
                        ty: "EquipmentSlot::Unknown (this value has a named variant)",
                        value: i64::from(n),
                    })
                } else {
                    Ok(n)
                }
            }
            slot => match named.iter().position(|s| *s == slot) {
                Some(i) => Ok(i as i32),
                // Only OffHand is missing from a table.
                None => fail(ErrorKind::OutOfRange {
                    ty: "EquipmentSlot::OffHand (no off hand before protocol 54)",
                    value: 1,
                }),
            },
        }
    }

    /// The slot that number `n` means in protocol `version`.
    pub fn from_wire(n: i32, version: i32) -> Self {
        usize::try_from(n)
            .ok()
            .and_then(|i| Self::named(version).get(i).copied())
            .unwrap_or(EquipmentSlot::Unknown(n))
    }
}

impl Encode for EquipmentSlot {
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        let v = w.version().0;
        let n = self.to_wire(v)?;
        if v >= 54 {
            w.put_varint(n);
            Ok(())
        } else {
            match i16::try_from(n) {
                Ok(s) => s.encode(w),
                Err(_) => fail(ErrorKind::OutOfRange {
                    ty: "Short",
                    value: i64::from(n),
                }),
            }
        }
    }
}

impl<'a> Decode<'a> for EquipmentSlot {
    // A one-byte VarInt in 54 (a two-byte Short in 47).
    const MIN_SIZE: usize = 1;
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let v = r.version().0;
        let n = if v >= 54 {
            r.varint()?
        } else {
            i32::from(i16::decode(r)?)
        };
        Ok(EquipmentSlot::from_wire(n, v))
    }
}

impl Describe for EquipmentSlot {
    fn describe() -> WireType {
        WireType::PerVersion(vec![
            (
                47,
                WireType::Enum {
                    name: "EquipmentSlot",
                    repr: Box::new(WireType::Short),
                    values: vec![
                        ("MainHand", 0),
                        ("Boots", 1),
                        ("Leggings", 2),
                        ("Chestplate", 3),
                        ("Helmet", 4),
                    ],
                    open: true,
                },
            ),
            (
                54,
                WireType::Enum {
                    name: "EquipmentSlot",
                    repr: Box::new(WireType::VarInt),
                    values: vec![
                        ("MainHand", 0),
                        ("OffHand", 1),
                        ("Boots", 2),
                        ("Leggings", 3),
                        ("Chestplate", 4),
                        ("Helmet", 5),
                    ],
                    open: true,
                },
            ),
        ])
    }
}

impl Generate for EquipmentSlot {
    fn generate(g: &mut Gen<'_>) -> Self {
        let v = g.version().0;
        let named = Self::named(v);
        let i = g.below(named.len() + 1);
        match named.get(i) {
            Some(s) => *s,
            None => {
                let n = if v >= 54 {
                    g.int_in(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
                } else {
                    i32::from(g.int_in(i64::from(i16::MIN), i64::from(i16::MAX)) as i16)
                };
                // Values with a name come back as that name.
                EquipmentSlot::from_wire(n, v)
            }
        }
    }
}

/// Where a chat message is shown.
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = i8)]
pub enum ChatPosition {
    /// A player's chat message, in the chat box.
    #[mc(tag = 0)]
    Chat,
    /// A system message (command feedback), in the chat box.
    #[mc(tag = 1)]
    System,
    /// Above the hotbar (the "action bar").
    #[mc(tag = 2)]
    AboveHotbar,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

/// The animation an Animation packet plays (protocol 47 meanings; 54 is not
/// known to change them).
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = u8)]
pub enum AnimationId {
    /// Swing arm.
    #[mc(tag = 0)]
    SwingArm,
    /// Take damage (red flash).
    #[mc(tag = 1)]
    TakeDamage,
    /// Leave bed.
    #[mc(tag = 2)]
    LeaveBed,
    /// Eat food.
    #[mc(tag = 3)]
    EatFood,
    /// Critical hit particles.
    #[mc(tag = 4)]
    CriticalEffect,
    /// Magic (enchantment) critical hit particles.
    #[mc(tag = 5)]
    MagicCriticalEffect,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

/// The direction a painting faces (out of the wall, towards the viewer).
///
/// Numbered as vanilla 1.8 sends it: `EnumFacing.getHorizontalIndex()`, i.e.
/// 0 south (+z), 1 west (−x), 2 north (−z), 3 east (+x). The table in
/// `wiki-protocol-47.md` (after wiki.vg's 1.8 page) lists 0 as −z and 2 as
/// +z; the decompiled `S10PacketSpawnPainting` and `EnumFacing` disagree, and
/// vanilla wins (later wiki.vg revisions also give south = 0, north = 2).
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = u8)]
pub enum PaintingDirection {
    /// Facing +z.
    #[mc(tag = 0)]
    South,
    /// Facing −x.
    #[mc(tag = 1)]
    West,
    /// Facing −z.
    #[mc(tag = 2)]
    North,
    /// Facing +x.
    #[mc(tag = 3)]
    East,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

/// Spawn Object's initial velocity, in 1/8000 block per tick.
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SpawnObjectVelocity {
    /// Velocity X.
    pub x: i16,
    /// Velocity Y.
    pub y: i16,
    /// Velocity Z.
    pub z: i16,
}

// ---- packets ------------------------------------------------------------

/// Checks the connection is alive; the client echoes the id back.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x00, state = Play, direction = Clientbound)]
pub struct KeepAlive {
    /// Random number the client must send back in serverbound Keep Alive.
    #[mc(varint)]
    pub keep_alive_id: i32,
}

/// First packet of the play state: the player's entity and the world.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x01, state = Play, direction = Clientbound)]
pub struct JoinGame {
    /// The player's entity id (an Int here).
    pub entity_id: i32,
    /// Game mode, with the hardcore bit 0x08.
    pub gamemode: JoinGameMode,
    /// Dimension, sent as a Byte here (an Int in Respawn).
    pub dimension: Dimension,
    /// Difficulty.
    pub difficulty: Difficulty,
    /// Used by the client to lay out the player list.
    pub max_players: u8,
    /// World generator.
    pub level_type: LevelType,
    /// Hides most of the debug screen (F3).
    pub reduced_debug_info: bool,
}

/// A chat message, system message or action-bar text for the player.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x02, state = Play, direction = Clientbound)]
pub struct ChatMessage {
    /// The message, as a chat component.
    pub json_data: Chat,
    /// Where it is shown.
    pub position: ChatPosition,
}

/// The world's age and time of day; vanilla sends it every second.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x03, state = Play, direction = Clientbound)]
pub struct TimeUpdate {
    /// Ticks since the world was created; commands do not change it.
    pub world_age: i64,
    /// World time in ticks (`% 24000` is the time of day). Negative: the
    /// daylight cycle is stopped and the sun stays at the absolute value.
    pub time_of_day: i64,
}

/// An item an entity holds or wears changed.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x04, state = Play, direction = Clientbound)]
pub struct EntityEquipment {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Which slot: a Short in 47, a VarInt with another numbering in 54
    /// (see [`EquipmentSlot`]).
    pub slot: EquipmentSlot,
    /// The item (empty to clear the slot).
    pub item: Slot,
}

/// The world spawn, where the compass points; after login and on change.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x05, state = Play, direction = Clientbound)]
pub struct SpawnPosition {
    /// The spawn block.
    pub location: Position,
}

/// The player's health, food and saturation changed.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x06, state = Play, direction = Clientbound)]
pub struct UpdateHealth {
    /// Half-hearts: 0 or less is dead, 20 is full.
    pub health: f32,
    /// Food level, 0–20.
    #[mc(varint)]
    pub food: i32,
    /// Food saturation, 0.0–5.0.
    pub food_saturation: f32,
}

/// The player respawns or changes dimension.
///
/// A Respawn into the dimension the client is already in does not reload
/// the world; servers send another dimension first to force a reload.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x07, state = Play, direction = Clientbound)]
pub struct Respawn {
    /// Dimension, sent as an Int here (a Byte in Join Game).
    #[mc(as = i32)]
    pub dimension: Dimension,
    /// Difficulty.
    pub difficulty: Difficulty,
    /// Game mode (no hardcore bit here).
    pub gamemode: GameMode,
    /// World generator.
    pub level_type: LevelType,
}

/// Teleports the player; the client confirms with its own Player Position
/// And Look.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x08, state = Play, direction = Clientbound)]
pub struct PlayerPositionAndLook {
    /// X, absolute or relative (see `flags`).
    pub x: f64,
    /// Y of the feet, absolute or relative.
    pub y: f64,
    /// Z, absolute or relative.
    pub z: f64,
    /// Yaw in degrees, absolute or relative.
    pub yaw: f32,
    /// Pitch in degrees, absolute or relative.
    pub pitch: f32,
    /// Bit set = the value is relative to the current one: 0x01 X, 0x02 Y,
    /// 0x04 Z, 0x08 yaw, 0x10 pitch (the `RELATIVE_*` constants).
    pub flags: i8,
}

impl PlayerPositionAndLook {
    /// `flags` bit: X is relative.
    pub const RELATIVE_X: i8 = 0x01;
    /// `flags` bit: Y is relative.
    pub const RELATIVE_Y: i8 = 0x02;
    /// `flags` bit: Z is relative.
    pub const RELATIVE_Z: i8 = 0x04;
    /// `flags` bit: yaw is relative (vanilla's Y_ROT).
    pub const RELATIVE_YAW: i8 = 0x08;
    /// `flags` bit: pitch is relative (vanilla's X_ROT).
    pub const RELATIVE_PITCH: i8 = 0x10;
}

/// Selects the player's hotbar slot.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x09, state = Play, direction = Clientbound)]
pub struct HeldItemChange {
    /// Hotbar slot 0–8.
    pub slot: i8,
}

/// A player goes to sleep in a bed.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x0A, state = Play, direction = Clientbound)]
pub struct UseBed {
    /// The sleeping player.
    #[mc(varint)]
    pub entity_id: i32,
    /// The head block of the bed.
    pub location: Position,
}

/// An entity plays an animation.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x0B, state = Play, direction = Clientbound)]
pub struct Animation {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Which animation.
    pub animation: AnimationId,
}

/// Another player comes into view (not sent when a player joins).
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x0C, state = Play, direction = Clientbound)]
pub struct SpawnPlayer {
    /// The player's entity id.
    #[mc(varint)]
    pub entity_id: i32,
    /// Must already be known from Player List Item (which carries the name
    /// and skin).
    pub player_uuid: Uuid,
    /// Absolute X in blocks, sent as an Int × 32.
    #[mc(fixed = 32)]
    pub x: f64,
    /// Absolute Y in blocks, sent as an Int × 32.
    #[mc(fixed = 32)]
    pub y: f64,
    /// Absolute Z in blocks, sent as an Int × 32.
    #[mc(fixed = 32)]
    pub z: f64,
    /// Yaw.
    pub yaw: Angle,
    /// Pitch.
    pub pitch: Angle,
    /// Item id in hand; 0 (not −1) for none. Protocol 47 only: removed in
    /// 15w31a (protocol-54-ids.md D1, although seed 004 still lists it).
    #[mc(before = 54)]
    pub current_item: Option<i16>,
    /// Metadata; always at least the terminator (the client crashes on a
    /// player without metadata).
    pub metadata: Metadata,
}

/// An item, arrow or orb is picked up (animation only; the entity is
/// removed separately with Destroy Entities).
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x0D, state = Play, direction = Clientbound)]
pub struct CollectItem {
    /// The entity picked up.
    #[mc(varint)]
    pub collected_entity_id: i32,
    /// The entity picking it up.
    #[mc(varint)]
    pub collector_entity_id: i32,
}

/// A vehicle, projectile, falling block, item or other non-mob entity
/// comes into view.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x0E, state = Play, direction = Clientbound)]
pub struct SpawnObject {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Protocol 54 on only (new in 15w31a).
    #[mc(since = 54)]
    pub object_uuid: Option<Uuid>,
    /// Object type (wiki-object-data-47.md), e.g. 1 boat, 2 item stack,
    /// 10 minecart, 60 arrow, 70 falling block.
    pub object_type: i8,
    /// Absolute X in blocks, sent as an Int × 32.
    #[mc(fixed = 32)]
    pub x: f64,
    /// Absolute Y in blocks, sent as an Int × 32.
    #[mc(fixed = 32)]
    pub y: f64,
    /// Absolute Z in blocks, sent as an Int × 32.
    #[mc(fixed = 32)]
    pub z: f64,
    /// Pitch (note: before yaw here).
    pub pitch: Angle,
    /// Yaw.
    pub yaw: Angle,
    /// Meaning depends on the object type (wiki-object-data-47.md).
    pub data: i32,
    /// Sent only when `data > 0` in protocol 47 (vanilla's test; some
    /// wiki.vg revisions and minecraft-data say ≠ 0), and always in 54.
    #[mc(when = *data > 0 || version >= 54)]
    pub velocity: Option<SpawnObjectVelocity>,
}

/// A mob comes into view.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x0F, state = Play, direction = Clientbound)]
pub struct SpawnMob {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Protocol 54 on only (new in 15w31a).
    #[mc(since = 54)]
    pub entity_uuid: Option<Uuid>,
    /// Mob type id, e.g. 50 creeper, 54 zombie, 90 pig, 120 villager.
    pub mob_type: u8,
    /// Absolute X in blocks, sent as an Int × 32.
    #[mc(fixed = 32)]
    pub x: f64,
    /// Absolute Y in blocks, sent as an Int × 32.
    #[mc(fixed = 32)]
    pub y: f64,
    /// Absolute Z in blocks, sent as an Int × 32.
    #[mc(fixed = 32)]
    pub z: f64,
    /// Yaw.
    pub yaw: Angle,
    /// Pitch.
    pub pitch: Angle,
    /// wiki.vg's name; vanilla writes the head's yaw here.
    pub head_pitch: Angle,
    /// 1/8000 block per tick.
    pub velocity_x: i16,
    /// 1/8000 block per tick.
    pub velocity_y: i16,
    /// 1/8000 block per tick.
    pub velocity_z: i16,
    /// Metadata.
    pub metadata: Metadata,
}

/// A painting comes into view.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x10, state = Play, direction = Clientbound)]
pub struct SpawnPainting {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// The painting's name, e.g. "Kebab" (vanilla limit: 13 characters).
    #[mc(max_len = 13)]
    pub title: SharedStr,
    /// The centre block of the painting.
    pub location: Position,
    /// The direction it faces.
    pub direction: PaintingDirection,
}

/// An experience orb comes into view.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x11, state = Play, direction = Clientbound)]
pub struct SpawnExperienceOrb {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Absolute X in blocks, sent as an Int × 32.
    #[mc(fixed = 32)]
    pub x: f64,
    /// Absolute Y in blocks, sent as an Int × 32.
    #[mc(fixed = 32)]
    pub y: f64,
    /// Absolute Z in blocks, sent as an Int × 32.
    #[mc(fixed = 32)]
    pub z: f64,
    /// Experience the orb gives.
    pub count: i16,
}

/// An entity's velocity changed.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x12, state = Play, direction = Clientbound)]
pub struct EntityVelocity {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// 1/8000 block per tick (vanilla clamps to ±3.9 blocks/tick first).
    pub velocity_x: i16,
    /// 1/8000 block per tick.
    pub velocity_y: i16,
    /// 1/8000 block per tick.
    pub velocity_z: i16,
}

/// Entities leave view or are removed.
#[derive(Packet, Generate, Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x13, state = Play, direction = Clientbound)]
pub struct DestroyEntities {
    /// The entities (a VarInt count, then VarInts).
    #[mc(as = varint)]
    pub entity_ids: Vec<i32>,
}

/// An entity did not move or turn since the last movement packet.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x14, state = Play, direction = Clientbound)]
pub struct Entity {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
}

/// An entity moved by less than 4 blocks.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x15, state = Play, direction = Clientbound)]
pub struct EntityRelativeMove {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Change in blocks, sent as a Byte × 32 (−4 ≤ Δ < 4).
    #[mc(fixed = 32, as = i8)]
    pub delta_x: f64,
    /// Change in blocks, sent as a Byte × 32.
    #[mc(fixed = 32, as = i8)]
    pub delta_y: f64,
    /// Change in blocks, sent as a Byte × 32.
    #[mc(fixed = 32, as = i8)]
    pub delta_z: f64,
    /// On the ground.
    pub on_ground: bool,
}

/// An entity turned (its head is turned by Entity Head Look).
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x16, state = Play, direction = Clientbound)]
pub struct EntityLook {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Absolute yaw, not a change.
    pub yaw: Angle,
    /// Absolute pitch.
    pub pitch: Angle,
    /// On the ground.
    pub on_ground: bool,
}

/// An entity moved by less than 4 blocks and turned.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x17, state = Play, direction = Clientbound)]
pub struct EntityLookAndRelativeMove {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Change in blocks, sent as a Byte × 32 (−4 ≤ Δ < 4).
    #[mc(fixed = 32, as = i8)]
    pub delta_x: f64,
    /// Change in blocks, sent as a Byte × 32.
    #[mc(fixed = 32, as = i8)]
    pub delta_y: f64,
    /// Change in blocks, sent as a Byte × 32.
    #[mc(fixed = 32, as = i8)]
    pub delta_z: f64,
    /// Absolute yaw.
    pub yaw: Angle,
    /// Absolute pitch.
    pub pitch: Angle,
    /// On the ground.
    pub on_ground: bool,
}

/// An entity moved by 4 blocks or more.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x18, state = Play, direction = Clientbound)]
pub struct EntityTeleport {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Absolute X in blocks, sent as an Int × 32.
    #[mc(fixed = 32)]
    pub x: f64,
    /// Absolute Y in blocks, sent as an Int × 32.
    #[mc(fixed = 32)]
    pub y: f64,
    /// Absolute Z in blocks, sent as an Int × 32.
    #[mc(fixed = 32)]
    pub z: f64,
    /// Yaw.
    pub yaw: Angle,
    /// Pitch.
    pub pitch: Angle,
    /// On the ground.
    pub on_ground: bool,
}

/// An entity turned its head.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x19, state = Play, direction = Clientbound)]
pub struct EntityHeadLook {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Head yaw.
    pub head_yaw: Angle,
}

/// An entity event (hurt, death, eating, taming...).
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x1A, state = Play, direction = Clientbound)]
pub struct EntityStatus {
    /// The entity; an Int here, not a VarInt.
    pub entity_id: i32,
    /// Event code, whose meaning depends on the entity type (e.g. 2 hurt,
    /// 3 dead, 9 item use finished, 10 sheep eating grass). Kept as a plain
    /// byte rather than an enum because the codes overlap between entity
    /// types.
    pub entity_status: i8,
}

/// An entity mounts or leaves a vehicle, or is leashed or unleashed.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x1B, state = Play, direction = Clientbound)]
pub struct AttachEntity {
    /// The rider, or the leashed entity (an Int here).
    pub entity_id: i32,
    /// The vehicle, or the leash holder (an Int); −1 detaches.
    pub vehicle_id: i32,
    /// A leash rather than riding.
    pub leash: bool,
}

/// Some of an entity's metadata changed.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x1C, state = Play, direction = Clientbound)]
pub struct EntityMetadata {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// The changed entries.
    pub metadata: Metadata,
}

/// An entity gains a potion effect.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x1D, state = Play, direction = Clientbound)]
pub struct EntityEffect {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Potion effect id (1 speed, 2 slowness, ...; a registry id, kept as
    /// a number).
    pub effect_id: i8,
    /// Effect level − 1.
    pub amplifier: i8,
    /// Duration in ticks.
    #[mc(varint)]
    pub duration: i32,
    /// Hide the effect's particles.
    pub hide_particles: bool,
}

/// An entity loses a potion effect.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x1E, state = Play, direction = Clientbound)]
pub struct RemoveEntityEffect {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Potion effect id.
    pub effect_id: i8,
}

/// The player's experience changed.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x1F, state = Play, direction = Clientbound)]
pub struct SetExperience {
    /// Fill of the experience bar, 0.0–1.0.
    pub experience_bar: f32,
    /// Level.
    #[mc(varint)]
    pub level: i32,
    /// Total experience points.
    #[mc(varint)]
    pub total_experience: i32,
}
