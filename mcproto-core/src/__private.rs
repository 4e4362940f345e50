//! Items the derive macros' generated code refers to. Not a public API.

pub use core::option::Option::{self, None, Some};
pub use core::result::Result::{Err, Ok};
pub use std::boxed::Box;
pub use std::vec::Vec;

pub use crate::codec::{
    Decode, DecodeBounded, DecodeSeq, Encode, EncodeBounded, EncodeSeq, Reader, Writer,
    cautious_capacity,
};
pub use crate::error::{Error, ErrorKind, LengthUnit, PacketContext, Result};
pub use crate::generate::{Gen, Generate, GenerateBounded, GenerateSeq};
pub use crate::packet::{Packet, PacketGroup, PacketMeta, RawPacket, VersionedId, id_in};
pub use crate::registry::{AnyPacket, PacketDescriptor, Registry};
pub use crate::schema::{ArrayLen, Describe, FieldSchema, VariantSchema, WireType};
pub use crate::state::{Direction, State};
pub use crate::types::position::{FixedFloat, decode_fixed, encode_fixed, generate_fixed};
pub use crate::types::repr::{
    I8, I16, I32, I64, IntRepr, IntValue, U8, U16, VarIntRepr, VarLongRepr, decode_as, encode_as,
};
pub use crate::version::ProtocolVersion;
pub use bytes::Bytes;
pub use std::any::TypeId;
pub use std::borrow::Cow;

/// The smaller of two sizes, in const context.
pub const fn min_size(a: usize, b: usize) -> usize {
    if a < b { a } else { b }
}

/// Error for a tag value no variant has.
#[cold]
pub fn unknown_value(ty: &'static str, value: i64) -> Error {
    Error::new(ErrorKind::UnknownValue { ty, value })
}

/// Error for bytes left after a packet.
#[cold]
pub fn trailing_bytes(count: usize) -> Error {
    Error::new(ErrorKind::TrailingBytes { count })
}

/// Error for a `Some` where the condition says absent.
#[cold]
pub fn unexpected_field() -> Error {
    Error::new(ErrorKind::UnexpectedField)
}

/// Error for a `None` where the field is required.
#[cold]
pub fn missing_field() -> Error {
    Error::new(ErrorKind::MissingField)
}

/// Error for a sequence whose length differs from its computed count.
#[cold]
pub fn count_mismatch(expected: usize, actual: usize) -> Error {
    Error::new(ErrorKind::CountMismatch { expected, actual })
}

/// Converts a computed element count.
#[inline]
pub fn count_from<T: TryInto<usize> + Copy + Into<i64>>(n: T) -> Result<usize> {
    n.try_into()
        .map_err(|_| Error::new(ErrorKind::NegativeLength { len: n.into() }))
}

/// Writes a length prefix of representation `R`, checking `max`.
#[inline]
pub fn write_len<R: IntRepr>(w: &mut Writer<'_>, len: usize, max: usize) -> Result<()> {
    if len > max {
        return Err(Error::new(ErrorKind::TooLong {
            len,
            max,
            unit: LengthUnit::Elements,
        }));
    }
    R::write(len as i64, w)
}

/// A random length for a sequence prefixed by `R` with at most `max` elements.
pub fn generate_len<R: IntRepr>(g: &mut Gen<'_>, max: usize) -> usize {
    let cap = usize::try_from(R::MAX).unwrap_or(usize::MAX).min(max);
    g.len(cap)
}

/// A random `T` that fits representation `R`.
pub fn generate_as<T: IntValue + Generate, R: IntRepr>(g: &mut Gen<'_>) -> T {
    match T::from_i64(R::generate(g)) {
        Ok(v) => v,
        Err(_) => {
            let v = T::generate(g);
            let raw = v.to_i64();
            if raw >= R::MIN && raw <= R::MAX {
                v
            } else {
                // Fall back to a value that always fits.
                T::from_i64(0).unwrap_or(v)
            }
        }
    }
}

/// The layout `of` with its array length replaced.
pub fn with_len(of: WireType, len: ArrayLen) -> WireType {
    match of {
        WireType::Array { of, .. } => WireType::Array { len, of },
        other => WireType::Array {
            len,
            of: Box::new(other),
        },
    }
}

/// Most typed variants a packet group can have.
pub const MAX_GROUP_VARIANTS: usize = crate::registry::MAX_VARIANTS;

/// Whether every packet of a group declares the group's state and direction.
pub const fn all_in_place<const N: usize>(
    metas: [&PacketMeta; N],
    state: State,
    direction: Direction,
) -> bool {
    let mut i = 0;
    while i < N {
        if metas[i].state as u8 != state as u8 || metas[i].direction as u8 != direction as u8 {
            return false;
        }
        i += 1;
    }
    true
}

/// The layout of a `T` sent as `R`: an enum keeps its name and values with
/// the new representation; anything else is just `R`.
pub fn describe_as<T: Describe, R: IntRepr>() -> WireType {
    match T::describe() {
        WireType::Enum {
            name, values, open, ..
        } => WireType::Enum {
            name,
            repr: Box::new(R::wire_type()),
            values,
            open,
        },
        _ => R::wire_type(),
    }
}
