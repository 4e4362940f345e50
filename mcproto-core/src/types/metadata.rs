//! Entity metadata, in the two encodings of protocols 47 – 340.
//!
//! One [`Metadata`] value serves every version; the [`Reader`] or
//! [`Writer`] says which encoding applies:
//!
//! | | 47, 54 (1.8) | 107 – 334 (1.9 – 1.11) | 335 – 340 (1.12) |
//! |---|---|---|---|
//! | entry header | one byte `type << 5 \| index` | index `u8`, then type VarInt | same |
//! | indices | 0 – 31 | 0 – 254 | 0 – 254 |
//! | end of list | `0x7F` | `0xFF` | `0xFF` |
//! | types | 0 – 7 | 0 – 12 | 0 – 13 (13 = NBT) |
//!
//! The same type id means different things in the two encodings (1 is a
//! Short in 1.8, a VarInt from 1.9 on), so every [`MetadataValue`] variant
//! is named for what it holds and maps to its id per version
//! ([`MetadataValue::type_id`]). A value a version cannot carry (a Short in
//! 1.9, a Boolean in 1.8, NBT before 1.12) fails to encode with
//! [`ErrorKind::NotInVersion`]; a type id the version does not define fails
//! to decode with [`ErrorKind::InvalidMetadataType`].
//!
//! Which index means what for which entity changes between releases (1.10
//! inserts "no gravity" at index 5, shifting every subclass); that is data,
//! not encoding, and not handled here: an entry keeps the index it was
//! given or read with.

use std::num::NonZeroI32;

use crate::codec::{Decode, DecodeBounded, Encode, EncodeBounded, Reader, Writer};
use crate::error::{ErrorKind, Result, fail};
#[cfg(feature = "generate")]
use crate::generate::{Gen, Generate};
use crate::schema::{Describe, WireType};
use crate::types::chat::Chat;
use crate::types::nbt::Nbt;
use crate::types::position::Position;
use crate::types::slot::Slot;
use crate::types::string::DEFAULT_MAX_STRING;
use crate::types::uuid::Uuid;
use crate::version::ProtocolVersion;

/// Protocol 107 (1.9): index byte + VarInt type, types 0 – 12, end 0xFF.
const NINE: ProtocolVersion = ProtocolVersion(107);
/// Protocol 335 (1.12): adds type 13, NBT.
const TWELVE: ProtocolVersion = ProtocolVersion(335);

/// Ends the list in 47 and 54 (it would be a Float at index 31).
const END_1_8: u8 = 0x7f;
/// Ends the list from 107 on (an index of 255).
const END_1_9: u8 = 0xff;

/// The two encodings, and the type table of the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// 47 and 54: packed key byte, types 0 – 7.
    V1_8,
    /// 107 – 334: index, VarInt type 0 – 12.
    V1_9,
    /// 335 on: as 1.9, plus type 13 (NBT).
    V1_12,
}

impl Format {
    fn of(version: ProtocolVersion) -> Self {
        if version >= TWELVE {
            Format::V1_12
        } else if version >= NINE {
            Format::V1_9
        } else {
            Format::V1_8
        }
    }
}

/// Entity metadata: a list of indexed, typed values.
///
/// In 47 and 54 each entry is one byte `type << 5 | index` and a value,
/// and the byte 0x7F ends the list (so a Float at index 31 cannot be
/// sent). From 107 on each entry is an index byte (0 – 254), a VarInt type
/// id and a value, and the index 0xFF ends the list.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Metadata(pub Vec<MetadataEntry>);

impl Metadata {
    /// No entries (just the end marker on the wire).
    pub const fn new() -> Self {
        Metadata(Vec::new())
    }

    /// Appends an entry; entries are sent in the order given.
    pub fn push(&mut self, index: u8, value: MetadataValue) {
        self.0.push(MetadataEntry { index, value });
    }

    /// The same list with one more entry.
    #[must_use]
    pub fn with(mut self, index: u8, value: MetadataValue) -> Self {
        self.push(index, value);
        self
    }

    /// The value of the first entry with `index`.
    pub fn get(&self, index: u8) -> Option<&MetadataValue> {
        self.0.iter().find(|e| e.index == index).map(|e| &e.value)
    }
}

/// One metadata entry.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MetadataEntry {
    /// Index: 0 – 31 in 47 and 54, 0 – 254 from 107 on. What it means
    /// depends on the entity type and the version.
    pub index: u8,
    /// The value, whose variant gives the wire type.
    pub value: MetadataValue,
}

/// A block face, as metadata's Direction type (from 107) sends it: a
/// VarInt 0 – 5. Vanilla rejects any other number, and so does the decoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Facing {
    /// 0: −Y.
    Down,
    /// 1: +Y.
    Up,
    /// 2: −Z.
    North,
    /// 3: +Z.
    South,
    /// 4: −X.
    West,
    /// 5: +X.
    East,
}

impl Facing {
    /// Every face, by wire number.
    pub const ALL: [Facing; 6] = [
        Facing::Down,
        Facing::Up,
        Facing::North,
        Facing::South,
        Facing::West,
        Facing::East,
    ];

    /// The wire number (0 – 5).
    pub const fn id(self) -> i32 {
        self as i32
    }

    /// The face with wire number `id`, if there is one.
    pub fn from_id(id: i32) -> Option<Facing> {
        usize::try_from(id)
            .ok()
            .and_then(|i| Facing::ALL.get(i))
            .copied()
    }
}

impl Encode for Facing {
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        w.put_varint(self.id());
        Ok(())
    }
}

impl<'a> Decode<'a> for Facing {
    const MIN_SIZE: usize = 1;
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let id = r.varint()?;
        match Facing::from_id(id) {
            Some(f) => Ok(f),
            None => fail(ErrorKind::UnknownValue {
                ty: "Facing",
                value: i64::from(id),
            }),
        }
    }
}

impl Describe for Facing {
    fn describe(_: ProtocolVersion) -> WireType {
        WireType::Enum {
            name: "Facing",
            repr: Box::new(WireType::VarInt),
            values: vec![
                ("Down", 0),
                ("Up", 1),
                ("North", 2),
                ("South", 3),
                ("West", 4),
                ("East", 5),
            ],
            open: false,
        }
    }
}

#[cfg(feature = "generate")]
impl Generate for Facing {
    fn generate(g: &mut Gen<'_>) -> Self {
        Facing::ALL[g.below(Facing::ALL.len())]
    }
}

/// A metadata value. Each variant is named for what it holds; the type id
/// it is sent with depends on the version ([`MetadataValue::type_id`]).
///
/// | variant | 47, 54 | 107 – 334 | 335 – 340 |
/// |---|---|---|---|
/// | `Byte` | 0 | 0 | 0 |
/// | `Short` | 1 | — | — |
/// | `Int` | 2 | — | — |
/// | `VarInt` | — | 1 | 1 |
/// | `Float` | 3 | 2 | 2 |
/// | `String` | 4 | 3 | 3 |
/// | `Chat` | — | 4 | 4 |
/// | `Slot` | 5 | 5 | 5 |
/// | `Boolean` | — | 6 | 6 |
/// | `Rotation` | 7 | 7 | 7 |
/// | `Position` | 6 (three Ints) | 8 (packed) | 8 (packed) |
/// | `OptPosition` | — | 9 | 9 |
/// | `Facing` | — | 10 | 10 |
/// | `OptUuid` | — | 11 | 11 |
/// | `OptBlockState` | — | 12 | 12 |
/// | `Nbt` | — | — | 13 |
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum MetadataValue {
    /// A signed byte (often bit flags).
    Byte(i8),
    /// A Short (47 and 54 only).
    Short(i16),
    /// An Int (47 and 54 only).
    Int(i32),
    /// A VarInt (from 107).
    VarInt(i32),
    /// A Float.
    Float(f32),
    /// A string of at most 32767 characters.
    String(String),
    /// A chat component as JSON text, at most 32767 characters (from 107).
    Chat(Chat),
    /// An item stack or the empty slot.
    Slot(Box<Slot>),
    /// A Boolean (from 107; 1.8 sends flags as Bytes).
    Boolean(bool),
    /// Three Floats: rotations around x, y and z in degrees (armor stand
    /// poses).
    Rotation {
        /// Rotation around x.
        pitch: f32,
        /// Rotation around y.
        yaw: f32,
        /// Rotation around z.
        roll: f32,
    },
    /// A block position. 47 and 54 send it as three Ints (any `i32`); from
    /// 107 on it is a packed [`Position`], whose ranges then apply.
    Position(Position),
    /// A block position or nothing: a Boolean, then the packed position
    /// when true (from 107).
    OptPosition(Option<Position>),
    /// A block face (from 107).
    Facing(Facing),
    /// A UUID or nothing: a Boolean, then the UUID when true (from 107).
    OptUuid(Option<Uuid>),
    /// A block state or nothing, one VarInt where 0 means nothing — so air
    /// cannot be sent as present (from 107). Vanilla 1.9 – 1.12 number it
    /// as `Block.getStateId` does, `block id | metadata << 12`, which is
    /// not the `block id << 4 | metadata` of chunk data and Block Change.
    OptBlockState(Option<NonZeroI32>),
    /// An NBT compound, or [`Nbt::Absent`] (the byte 0x00), from 335
    /// (1.12: the entities on a player's shoulders).
    Nbt(Nbt),
}

impl MetadataValue {
    /// The variant's name, as errors give it.
    pub fn name(&self) -> &'static str {
        match self {
            MetadataValue::Byte(_) => "MetadataValue::Byte",
            MetadataValue::Short(_) => "MetadataValue::Short",
            MetadataValue::Int(_) => "MetadataValue::Int",
            MetadataValue::VarInt(_) => "MetadataValue::VarInt",
            MetadataValue::Float(_) => "MetadataValue::Float",
            MetadataValue::String(_) => "MetadataValue::String",
            MetadataValue::Chat(_) => "MetadataValue::Chat",
            MetadataValue::Slot(_) => "MetadataValue::Slot",
            MetadataValue::Boolean(_) => "MetadataValue::Boolean",
            MetadataValue::Rotation { .. } => "MetadataValue::Rotation",
            MetadataValue::Position(_) => "MetadataValue::Position",
            MetadataValue::OptPosition(_) => "MetadataValue::OptPosition",
            MetadataValue::Facing(_) => "MetadataValue::Facing",
            MetadataValue::OptUuid(_) => "MetadataValue::OptUuid",
            MetadataValue::OptBlockState(_) => "MetadataValue::OptBlockState",
            MetadataValue::Nbt(_) => "MetadataValue::Nbt",
        }
    }

    /// The type id this value is sent with in `version`, or `None` when
    /// the version has no such type.
    pub fn type_id(&self, version: ProtocolVersion) -> Option<u8> {
        let format = Format::of(version);
        if format == Format::V1_8 {
            return match self {
                MetadataValue::Byte(_) => Some(0),
                MetadataValue::Short(_) => Some(1),
                MetadataValue::Int(_) => Some(2),
                MetadataValue::Float(_) => Some(3),
                MetadataValue::String(_) => Some(4),
                MetadataValue::Slot(_) => Some(5),
                MetadataValue::Position(_) => Some(6),
                MetadataValue::Rotation { .. } => Some(7),
                _ => None,
            };
        }
        match self {
            MetadataValue::Byte(_) => Some(0),
            MetadataValue::VarInt(_) => Some(1),
            MetadataValue::Float(_) => Some(2),
            MetadataValue::String(_) => Some(3),
            MetadataValue::Chat(_) => Some(4),
            MetadataValue::Slot(_) => Some(5),
            MetadataValue::Boolean(_) => Some(6),
            MetadataValue::Rotation { .. } => Some(7),
            MetadataValue::Position(_) => Some(8),
            MetadataValue::OptPosition(_) => Some(9),
            MetadataValue::Facing(_) => Some(10),
            MetadataValue::OptUuid(_) => Some(11),
            MetadataValue::OptBlockState(_) => Some(12),
            MetadataValue::Nbt(_) if format == Format::V1_12 => Some(13),
            MetadataValue::Short(_) | MetadataValue::Int(_) | MetadataValue::Nbt(_) => None,
        }
    }

    /// Writes the value (without the entry header). The caller checked
    /// that the version carries it.
    fn encode_value(&self, w: &mut Writer<'_>, format: Format) -> Result<()> {
        match self {
            MetadataValue::Byte(v) => v.encode(w),
            MetadataValue::Short(v) => v.encode(w),
            MetadataValue::Int(v) => v.encode(w),
            MetadataValue::VarInt(v) => {
                w.put_varint(*v);
                Ok(())
            }
            MetadataValue::Float(v) => v.encode(w),
            MetadataValue::String(v) => v.encode_bounded(w, DEFAULT_MAX_STRING),
            MetadataValue::Chat(v) => v.encode_bounded(w, DEFAULT_MAX_STRING),
            MetadataValue::Slot(v) => v.encode(w),
            MetadataValue::Boolean(v) => v.encode(w),
            MetadataValue::Rotation { pitch, yaw, roll } => {
                pitch.encode(w)?;
                yaw.encode(w)?;
                roll.encode(w)
            }
            MetadataValue::Position(p) if format == Format::V1_8 => {
                p.x.encode(w)?;
                p.y.encode(w)?;
                p.z.encode(w)
            }
            MetadataValue::Position(p) => p.encode(w),
            MetadataValue::OptPosition(p) => p.encode(w),
            MetadataValue::Facing(f) => f.encode(w),
            MetadataValue::OptUuid(u) => u.encode(w),
            MetadataValue::OptBlockState(s) => {
                w.put_varint(s.map_or(0, NonZeroI32::get));
                Ok(())
            }
            MetadataValue::Nbt(n) => n.encode(w),
        }
    }

    /// Reads a 1.8 value of type `ty` (0 – 7).
    fn decode_1_8(ty: u8, r: &mut Reader<'_>) -> Result<Self> {
        Ok(match ty {
            0 => MetadataValue::Byte(i8::decode(r)?),
            1 => MetadataValue::Short(i16::decode(r)?),
            2 => MetadataValue::Int(i32::decode(r)?),
            3 => MetadataValue::Float(f32::decode(r)?),
            4 => MetadataValue::String(String::decode_bounded(r, DEFAULT_MAX_STRING)?),
            5 => MetadataValue::Slot(Box::new(Slot::decode(r)?)),
            6 => MetadataValue::Position(Position {
                x: i32::decode(r)?,
                y: i32::decode(r)?,
                z: i32::decode(r)?,
            }),
            7 => MetadataValue::Rotation {
                pitch: f32::decode(r)?,
                yaw: f32::decode(r)?,
                roll: f32::decode(r)?,
            },
            // The type is three bits: the caller never passes more.
            other => return fail(ErrorKind::InvalidMetadataType(other)),
        })
    }

    /// Reads a 1.9 (or, with `nbt`, 1.12) value of type `ty`.
    fn decode_1_9(ty: i32, nbt: bool, r: &mut Reader<'_>) -> Result<Self> {
        Ok(match ty {
            0 => MetadataValue::Byte(i8::decode(r)?),
            1 => MetadataValue::VarInt(r.varint()?),
            2 => MetadataValue::Float(f32::decode(r)?),
            3 => MetadataValue::String(String::decode_bounded(r, DEFAULT_MAX_STRING)?),
            4 => MetadataValue::Chat(Chat::decode_bounded(r, DEFAULT_MAX_STRING)?),
            5 => MetadataValue::Slot(Box::new(Slot::decode(r)?)),
            6 => MetadataValue::Boolean(bool::decode(r)?),
            7 => MetadataValue::Rotation {
                pitch: f32::decode(r)?,
                yaw: f32::decode(r)?,
                roll: f32::decode(r)?,
            },
            8 => MetadataValue::Position(Position::decode(r)?),
            9 => MetadataValue::OptPosition(Option::<Position>::decode(r)?),
            10 => MetadataValue::Facing(Facing::decode(r)?),
            11 => MetadataValue::OptUuid(Option::<Uuid>::decode(r)?),
            12 => MetadataValue::OptBlockState(NonZeroI32::new(r.varint()?)),
            13 if nbt => MetadataValue::Nbt(Nbt::decode(r)?),
            // A type id that does not fit a byte is reported as 255.
            other => {
                return fail(ErrorKind::InvalidMetadataType(
                    u8::try_from(other).unwrap_or(u8::MAX),
                ));
            }
        })
    }
}

impl Encode for Metadata {
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        let version = w.version();
        let format = Format::of(version);
        for entry in &self.0 {
            let Some(ty) = entry.value.type_id(version) else {
                return fail(ErrorKind::NotInVersion {
                    ty: entry.value.name(),
                    version: version.number(),
                });
            };
            if format == Format::V1_8 {
                if entry.index > 31 {
                    return fail(ErrorKind::OutOfRange {
                        ty: "metadata index",
                        value: i64::from(entry.index),
                    });
                }
                let key = (ty << 5) | entry.index;
                if key == END_1_8 {
                    return fail(ErrorKind::OutOfRange {
                        ty: "metadata key (Float at index 31 is the terminator)",
                        value: i64::from(key),
                    });
                }
                w.put_u8(key);
            } else {
                if entry.index == END_1_9 {
                    return fail(ErrorKind::OutOfRange {
                        ty: "metadata index (255 is the terminator)",
                        value: i64::from(entry.index),
                    });
                }
                w.put_u8(entry.index);
                w.put_varint(i32::from(ty));
            }
            entry.value.encode_value(w, format)?;
        }
        w.put_u8(if format == Format::V1_8 {
            END_1_8
        } else {
            END_1_9
        });
        Ok(())
    }
}

/// Every entry takes at least two bytes (a header and a one-byte value),
/// so the entries read are at most half the input: the list, grown as
/// entries arrive, is bounded by what was received.
impl<'a> Decode<'a> for Metadata {
    const MIN_SIZE: usize = 1;
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let format = Format::of(r.version());
        let mut entries = Vec::new();
        loop {
            let head = r.u8()?;
            let entry = match format {
                Format::V1_8 => {
                    if head == END_1_8 {
                        break;
                    }
                    MetadataEntry {
                        index: head & 0x1f,
                        value: MetadataValue::decode_1_8(head >> 5, r)?,
                    }
                }
                Format::V1_9 | Format::V1_12 => {
                    if head == END_1_9 {
                        break;
                    }
                    let ty = r.varint()?;
                    MetadataEntry {
                        index: head,
                        value: MetadataValue::decode_1_9(ty, format == Format::V1_12, r)?,
                    }
                }
            };
            entries.push(entry);
        }
        Ok(Metadata(entries))
    }
}

impl Describe for Metadata {
    fn describe(version: ProtocolVersion) -> WireType {
        WireType::Named(match Format::of(version) {
            Format::V1_8 => "Entity Metadata (1.8: type << 5 | index, types 0-7, end 0x7F)",
            Format::V1_9 => "Entity Metadata (1.9: index, VarInt type 0-12, end 0xFF)",
            Format::V1_12 => "Entity Metadata (1.12: index, VarInt type 0-13, end 0xFF)",
        })
    }
}

#[cfg(feature = "generate")]
impl MetadataValue {
    /// A 1.8 value: types 0 – 7, any `i32` coordinates.
    fn generate_1_8(g: &mut Gen<'_>) -> Self {
        match g.below(8) {
            0 => MetadataValue::Byte(g.byte() as i8),
            1 => MetadataValue::Short(g.u64() as i16),
            2 => MetadataValue::Int(g.u64() as i32),
            3 => MetadataValue::Float(g.f64() as f32),
            4 => MetadataValue::String(g.string(30)),
            5 => MetadataValue::Slot(Box::new(Slot::generate(g))),
            6 => MetadataValue::Position(Position {
                x: g.u64() as i32,
                y: g.u64() as i32,
                z: g.u64() as i32,
            }),
            _ => MetadataValue::Rotation {
                pitch: g.f64() as f32,
                yaw: g.f64() as f32,
                roll: g.f64() as f32,
            },
        }
    }

    /// A 1.9 value (with `nbt`, a 1.12 one): types 0 – 12 (13).
    fn generate_1_9(g: &mut Gen<'_>, nbt: bool) -> Self {
        match g.below(if nbt { 14 } else { 13 }) {
            0 => MetadataValue::Byte(g.byte() as i8),
            1 => MetadataValue::VarInt(g.int_in(i64::from(i32::MIN), i64::from(i32::MAX)) as i32),
            2 => MetadataValue::Float(g.f64() as f32),
            3 => MetadataValue::String(g.string(30)),
            4 => MetadataValue::Chat(Chat::generate(g)),
            5 => MetadataValue::Slot(Box::new(Slot::generate(g))),
            6 => MetadataValue::Boolean(g.bool()),
            7 => MetadataValue::Rotation {
                pitch: g.f64() as f32,
                yaw: g.f64() as f32,
                roll: g.f64() as f32,
            },
            8 => MetadataValue::Position(Position::generate(g)),
            9 => MetadataValue::OptPosition(Option::<Position>::generate(g)),
            10 => MetadataValue::Facing(Facing::generate(g)),
            11 => MetadataValue::OptUuid(Option::<Uuid>::generate(g)),
            12 => MetadataValue::OptBlockState(NonZeroI32::new(
                g.int_in(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
            )),
            _ => MetadataValue::Nbt(Nbt::generate(g)),
        }
    }
}

/// Only values the generator's version can carry, at indices it can send.
#[cfg(feature = "generate")]
impl Generate for Metadata {
    fn generate(g: &mut Gen<'_>) -> Self {
        let format = Format::of(g.version());
        let n = g.len(5);
        let entries = (0..n)
            .map(|_| match format {
                Format::V1_8 => {
                    let value = MetadataValue::generate_1_8(g);
                    // Index 31 of type Float would collide with the terminator.
                    let max_index = if matches!(value, MetadataValue::Float(_)) {
                        30
                    } else {
                        31
                    };
                    MetadataEntry {
                        index: g.below(max_index + 1) as u8,
                        value,
                    }
                }
                Format::V1_9 | Format::V1_12 => {
                    let value = MetadataValue::generate_1_9(g, format == Format::V1_12);
                    MetadataEntry {
                        // 0 – 254: 255 is the terminator.
                        index: g.below(255) as u8,
                        value,
                    }
                }
            })
            .collect();
        Metadata(entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{decode_exact, encode_to_vec};
    use crate::version::ProtocolVersion;

    const V: ProtocolVersion = ProtocolVersion(47);

    #[test]
    fn golden_metadata() {
        // Index 0 Byte 0x20 (invisible), index 6 Float 20.0 (health), end.
        let bytes = [0x00, 0x20, 0x66, 0x41, 0xa0, 0x00, 0x00, 0x7f];
        let m = decode_exact::<Metadata>(&bytes, V).unwrap();
        assert_eq!(
            m.0,
            vec![
                MetadataEntry {
                    index: 0,
                    value: MetadataValue::Byte(0x20)
                },
                MetadataEntry {
                    index: 6,
                    value: MetadataValue::Float(20.0)
                },
            ]
        );
        assert_eq!(encode_to_vec(&m, V).unwrap(), bytes);
        // The terminator is required.
        assert!(decode_exact::<Metadata>(&bytes[..7], V).is_err());
        // Float at index 31 cannot be encoded.
        let bad = Metadata(vec![MetadataEntry {
            index: 31,
            value: MetadataValue::Float(1.0),
        }]);
        assert!(encode_to_vec(&bad, V).is_err());
    }

    #[test]
    fn entries_stay_small() {
        // A flood of 3-byte entries costs this much per entry (plus the
        // list's growth): the hostile-input allocation bound counts on it.
        assert!(std::mem::size_of::<MetadataEntry>() <= 48);
    }

    #[test]
    fn formats_by_version() {
        for (v, f) in [
            (47, Format::V1_8),
            (54, Format::V1_8),
            (106, Format::V1_8),
            (107, Format::V1_9),
            (316, Format::V1_9),
            (334, Format::V1_9),
            (335, Format::V1_12),
            (340, Format::V1_12),
        ] {
            assert_eq!(Format::of(ProtocolVersion(v)), f, "{v}");
        }
    }
}
