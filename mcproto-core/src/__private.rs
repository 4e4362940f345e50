//! Items the derive macros' generated code refers to. Not a public API.

pub use core::option::Option::{self, None, Some};
pub use core::result::Result::{Err, Ok};
pub use std::boxed::Box;
pub use std::vec::Vec;

pub use crate::codec::{
    Decode, DecodeBounded, DecodeOwned, DecodeSeq, Encode, EncodeBounded, EncodeSeq, Reader,
    Writer, cautious_capacity,
};
pub use crate::error::{Error, ErrorKind, LengthUnit, PacketContext, Result};
#[cfg(feature = "generate")]
pub use crate::generate::{Gen, Generate, GenerateBounded, GenerateSeq};
pub use crate::owned::IntoOwned;
pub use crate::packet::{
    HandledBy, Packet, PacketGroup, PacketMeta, RawPacket, TypeSlot, VersionedId, id_in,
};
pub use crate::registry::{AnyPacket, GroupDecoder, PacketDescriptor, Registry};
pub use crate::schema::{ArrayLen, Describe, FieldSchema, VariantSchema, WireType};
pub use crate::state::{Direction, State};
pub use crate::types::float::{
    F32, F64, FixedFloat, FloatRepr, decode_fixed, decode_float, encode_fixed, encode_float,
};
#[cfg(feature = "generate")]
pub use crate::types::float::{generate_fixed, generate_float};
pub use crate::types::repr::{
    I8, I16, I32, I64, IntRepr, IntValue, U8, U16, VarIntRepr, VarLongRepr, decode_as, encode_as,
};
pub use crate::version::ProtocolVersion;
pub use bytes::Bytes;
pub use std::any::TypeId;
pub use std::borrow::Cow;

/// The total of the fields' fixed sizes, if every field has one.
pub const fn fixed_sum(sizes: &[Option<usize>]) -> Option<usize> {
    let mut total = 0;
    let mut i = 0;
    while i < sizes.len() {
        match sizes[i] {
            Some(n) => total += n,
            None => return None,
        }
        i += 1;
    }
    Some(total)
}

/// A field's fixed size (0 when it has none: then the struct has none and
/// the size is never used).
pub const fn fixed_len(size: Option<usize>) -> usize {
    match size {
        Some(n) => n,
        None => 0,
    }
}

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

/// Error for an enum variant that does not exist in `version`.
#[cold]
pub fn not_in_version(ty: &'static str, version: ProtocolVersion) -> Error {
    Error::new(ErrorKind::NotInVersion {
        ty,
        version: version.0,
    })
}

/// Fails if a rest-of-packet sequence has more than `max` elements.
#[inline]
pub fn check_rest_len(len: usize, max: usize) -> Result<()> {
    if len > max {
        return Err(Error::new(ErrorKind::TooLong {
            len,
            max,
            unit: LengthUnit::Elements,
        }));
    }
    Ok(())
}

/// The body of every impl the derive emits for a declaration with errors:
/// the crate does not compile, so this never runs; its type fits any body.
#[cold]
#[allow(clippy::panic)]
pub fn invalid_declaration() -> ! {
    panic!("the derive reported errors for this type")
}

/// A random length for a sequence prefixed by `R` with at most `max` elements.
#[cfg(feature = "generate")]
pub fn generate_len<R: IntRepr>(g: &mut Gen<'_>, max: usize) -> usize {
    let cap = usize::try_from(R::MAX).unwrap_or(usize::MAX).min(max);
    g.len(cap)
}

/// A random `T` that fits representation `R` in the generator's version.
#[cfg(feature = "generate")]
pub fn generate_as<T: IntValue + Generate, R: IntRepr>(g: &mut Gen<'_>) -> T {
    let version = g.version();
    match T::from_wire(R::generate(g), version) {
        Ok(v) => v,
        Err(_) => {
            let v = T::generate(g);
            match v.to_wire(version) {
                Ok(raw) if raw >= R::MIN && raw <= R::MAX => v,
                // Fall back to a value that always fits.
                _ => T::from_wire(0, version).unwrap_or(v),
            }
        }
    }
}

/// The index of a variant chosen among those that exist in the
/// generator's version (`present`); 0 if none does.
#[cfg(feature = "generate")]
pub fn pick_present<const N: usize>(g: &mut Gen<'_>, present: &[bool; N]) -> usize {
    let n = present.iter().filter(|p| **p).count();
    let k = g.below(n);
    present
        .iter()
        .enumerate()
        .filter(|(_, p)| **p)
        .nth(k)
        .map_or(0, |(i, _)| i)
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

/// The layout of a `T` sent as `R` in `version`: an enum keeps its name
/// and values with the new representation; anything else is just `R`.
pub fn describe_as<T: Describe, R: IntRepr>(version: ProtocolVersion) -> WireType {
    match T::describe(version) {
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

/// `[lo, hi)` of versions from the lower bounds `from` and upper bounds
/// `until` (`i32::MIN`/`MAX` without any), for the check below.
pub const fn version_range(from: &[i32], until: &[i32]) -> (i32, i32) {
    let (mut lo, mut hi) = (i32::MIN, i32::MAX);
    let mut i = 0;
    while i < from.len() {
        if from[i] > lo {
            lo = from[i];
        }
        i += 1;
    }
    let mut i = 0;
    while i < until.len() {
        if until[i] < hi {
            hi = until[i];
        }
        i += 1;
    }
    (lo, hi)
}

/// Whether two version ranges share no version: the duplicate-tag check of
/// enums whose versions are constants.
pub const fn ranges_disjoint(a: (i32, i32), b: (i32, i32)) -> bool {
    a.0 >= a.1 || b.0 >= b.1 || a.1 <= b.0 || b.1 <= a.0
}
