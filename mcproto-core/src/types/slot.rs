//! Inventory slots (1.8 layout).

use crate::codec::{Decode, Encode, Reader, Writer};
use crate::error::{ErrorKind, Result, fail};
#[cfg(feature = "generate")]
use crate::generate::{Gen, Generate};
use crate::schema::{Describe, WireType};
use crate::types::nbt::Nbt;
use crate::version::ProtocolVersion;

/// An inventory slot: empty, or an item stack.
///
/// On the wire an empty slot is the item id −1 and nothing else. Vanilla
/// treats every negative id as empty, and so does this decoder; an empty
/// slot is always written as −1, so a slot received with another negative
/// id does not re-encode to the same bytes.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Slot(pub Option<ItemStack>);

/// The contents of a non-empty slot.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ItemStack {
    /// Item or block id (non-negative).
    pub id: i16,
    /// Stack size.
    pub count: i8,
    /// Damage, or the metadata value for blocks.
    pub damage: i16,
    /// Enchantments, names and other item data.
    pub nbt: Nbt,
}

impl Slot {
    /// The empty slot.
    pub const EMPTY: Slot = Slot(None);

    /// A slot holding `count` of item `id` with no damage or NBT.
    pub fn item(id: i16, count: i8) -> Self {
        Slot(Some(ItemStack {
            id,
            count,
            damage: 0,
            nbt: Nbt::Absent,
        }))
    }

    /// Whether the slot is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

impl Encode for Slot {
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        match &self.0 {
            None => (-1i16).encode(w),
            Some(item) => {
                if item.id < 0 {
                    // It would read back as an empty slot.
                    return fail(ErrorKind::OutOfRange {
                        ty: "Slot item id",
                        value: i64::from(item.id),
                    });
                }
                item.id.encode(w)?;
                item.count.encode(w)?;
                item.damage.encode(w)?;
                item.nbt.encode(w)
            }
        }
    }
}

impl<'a> Decode<'a> for Slot {
    const MIN_SIZE: usize = 2;
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let id = i16::decode(r)?;
        if id < 0 {
            return Ok(Slot(None));
        }
        Ok(Slot(Some(ItemStack {
            id,
            count: i8::decode(r)?,
            damage: i16::decode(r)?,
            nbt: Nbt::decode(r)?,
        })))
    }
}

impl Describe for Slot {
    fn describe(_: ProtocolVersion) -> WireType {
        WireType::Named("Slot")
    }
}

#[cfg(feature = "generate")]
impl Generate for Slot {
    fn generate(g: &mut Gen<'_>) -> Self {
        if g.bool() {
            Slot(None)
        } else {
            Slot(Some(ItemStack {
                id: g.int_in(0, i64::from(i16::MAX)) as i16,
                count: g.byte() as i8,
                damage: g.u64() as i16,
                nbt: Nbt::generate(g),
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{decode_exact, encode_to_vec};
    use crate::version::ProtocolVersion;

    const V: ProtocolVersion = ProtocolVersion(47);

    #[test]
    fn golden_slots() {
        assert_eq!(encode_to_vec(&Slot::EMPTY, V).unwrap(), [0xff, 0xff]);
        // Stone (1) × 64, damage 0, no NBT: 00 01 | 40 | 00 00 | 00.
        let stone = [0x00, 0x01, 0x40, 0x00, 0x00, 0x00];
        assert_eq!(encode_to_vec(&Slot::item(1, 64), V).unwrap(), stone);
        assert_eq!(decode_exact::<Slot>(&stone, V).unwrap(), Slot::item(1, 64));
        // Any negative id is an empty slot of two bytes, as vanilla reads it.
        assert_eq!(decode_exact::<Slot>(&[0xff, 0xfe], V).unwrap(), Slot::EMPTY);
    }
}
