//! Entity metadata (1.8 encoding, also used by protocol 54).

use crate::codec::{Decode, DecodeBounded, Encode, EncodeBounded, Reader, Writer};
use crate::error::{ErrorKind, Result, fail};
#[cfg(feature = "generate")]
use crate::generate::{Gen, Generate};
use crate::schema::{Describe, WireType};
use crate::types::string::{DEFAULT_MAX_STRING, SharedStr};
use crate::version::ProtocolVersion;

use crate::types::slot::Slot;

/// Entity metadata: entries, then the byte 0x7F.
///
/// Each entry is one byte `type << 5 | index` and a value of that type.
/// The key 0x7F is the terminator, so a Float at index 31 cannot be sent.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Metadata(pub Vec<MetadataEntry>);

/// One metadata entry.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MetadataEntry {
    /// Index 0..=31; its meaning depends on the entity type.
    pub index: u8,
    /// The value, whose variant gives the wire type.
    pub value: MetadataValue,
}

/// A metadata value.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum MetadataValue {
    /// Type 0.
    Byte(i8),
    /// Type 1.
    Short(i16),
    /// Type 2.
    Int(i32),
    /// Type 3.
    Float(f32),
    /// Type 4 (at most 32767 characters).
    String(SharedStr),
    /// Type 5.
    Slot(Box<Slot>),
    /// Type 6: three Ints (not a packed Position).
    Position {
        /// X.
        x: i32,
        /// Y.
        y: i32,
        /// Z.
        z: i32,
    },
    /// Type 7: three Floats (armor stand rotations).
    Rotation {
        /// Pitch.
        pitch: f32,
        /// Yaw.
        yaw: f32,
        /// Roll.
        roll: f32,
    },
}

impl MetadataValue {
    /// The 3-bit type number.
    pub fn type_id(&self) -> u8 {
        match self {
            MetadataValue::Byte(_) => 0,
            MetadataValue::Short(_) => 1,
            MetadataValue::Int(_) => 2,
            MetadataValue::Float(_) => 3,
            MetadataValue::String(_) => 4,
            MetadataValue::Slot(_) => 5,
            MetadataValue::Position { .. } => 6,
            MetadataValue::Rotation { .. } => 7,
        }
    }
}

const TERMINATOR: u8 = 0x7f;

impl Encode for Metadata {
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        for entry in &self.0 {
            if entry.index > 31 {
                return fail(ErrorKind::OutOfRange {
                    ty: "metadata index",
                    value: i64::from(entry.index),
                });
            }
            let key = (entry.value.type_id() << 5) | entry.index;
            if key == TERMINATOR {
                return fail(ErrorKind::OutOfRange {
                    ty: "metadata key (Float at index 31 is the terminator)",
                    value: i64::from(key),
                });
            }
            w.put_u8(key);
            match &entry.value {
                MetadataValue::Byte(v) => v.encode(w)?,
                MetadataValue::Short(v) => v.encode(w)?,
                MetadataValue::Int(v) => v.encode(w)?,
                MetadataValue::Float(v) => v.encode(w)?,
                MetadataValue::String(v) => v.encode_bounded(w, DEFAULT_MAX_STRING)?,
                MetadataValue::Slot(v) => v.encode(w)?,
                MetadataValue::Position { x, y, z } => {
                    x.encode(w)?;
                    y.encode(w)?;
                    z.encode(w)?;
                }
                MetadataValue::Rotation { pitch, yaw, roll } => {
                    pitch.encode(w)?;
                    yaw.encode(w)?;
                    roll.encode(w)?;
                }
            }
        }
        w.put_u8(TERMINATOR);
        Ok(())
    }
}

impl<'a> Decode<'a> for Metadata {
    const MIN_SIZE: usize = 1;
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let mut entries = Vec::new();
        loop {
            let key = r.u8()?;
            if key == TERMINATOR {
                return Ok(Metadata(entries));
            }
            let index = key & 0x1f;
            let value = match key >> 5 {
                0 => MetadataValue::Byte(i8::decode(r)?),
                1 => MetadataValue::Short(i16::decode(r)?),
                2 => MetadataValue::Int(i32::decode(r)?),
                3 => MetadataValue::Float(f32::decode(r)?),
                4 => MetadataValue::String(SharedStr::decode_bounded(r, DEFAULT_MAX_STRING)?),
                5 => MetadataValue::Slot(Box::new(Slot::decode(r)?)),
                6 => MetadataValue::Position {
                    x: i32::decode(r)?,
                    y: i32::decode(r)?,
                    z: i32::decode(r)?,
                },
                // key >> 5 is at most 7.
                _ => MetadataValue::Rotation {
                    pitch: f32::decode(r)?,
                    yaw: f32::decode(r)?,
                    roll: f32::decode(r)?,
                },
            };
            entries.push(MetadataEntry { index, value });
        }
    }
}

impl Describe for Metadata {
    fn describe(_: ProtocolVersion) -> WireType {
        WireType::Named("Entity Metadata")
    }
}

#[cfg(feature = "generate")]
impl Generate for Metadata {
    fn generate(g: &mut Gen<'_>) -> Self {
        let n = g.len(5);
        let entries = (0..n)
            .map(|_| {
                let value = match g.below(8) {
                    0 => MetadataValue::Byte(g.byte() as i8),
                    1 => MetadataValue::Short(g.u64() as i16),
                    2 => MetadataValue::Int(g.u64() as i32),
                    3 => MetadataValue::Float(g.f64() as f32),
                    4 => MetadataValue::String(g.string(30).into()),
                    5 => MetadataValue::Slot(Box::new(Slot::generate(g))),
                    6 => MetadataValue::Position {
                        x: g.u64() as i32,
                        y: g.u64() as i32,
                        z: g.u64() as i32,
                    },
                    _ => MetadataValue::Rotation {
                        pitch: g.f64() as f32,
                        yaw: g.f64() as f32,
                        roll: g.f64() as f32,
                    },
                };
                // Index 31 of type Float would collide with the terminator.
                let max_index = if value.type_id() == 3 { 30 } else { 31 };
                MetadataEntry {
                    index: g.below(max_index + 1) as u8,
                    value,
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
}
