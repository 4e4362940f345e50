//! Integer wire representations and integer-valued types.
//!
//! `#[mc(as = u8)]`, `#[mc(varint)]` and enum tags pick one of the marker
//! types below; the field's Rust type converts through [`IntValue`].

use crate::codec::{Reader, Writer};
use crate::error::{Error, ErrorKind, Result, fail};
#[cfg(feature = "generate")]
use crate::generate::Gen;
use crate::schema::WireType;
use crate::version::ProtocolVersion;

/// An integer wire representation (VarInt, unsigned byte, short...).
pub trait IntRepr {
    /// Name used in schemas and errors.
    const NAME: &'static str;
    /// Smallest encoding in bytes.
    const MIN_SIZE: usize;
    /// Smallest value it can carry.
    const MIN: i64;
    /// Largest value it can carry.
    const MAX: i64;
    /// Reads a value.
    fn read(r: &mut Reader<'_>) -> Result<i64>;
    /// Reads a value that is almost always small: a length prefix or an
    /// enum's tag (see [`Reader::varint_small`]). The same as
    /// [`IntRepr::read`] but for VarInts.
    #[inline(always)]
    fn read_small(r: &mut Reader<'_>) -> Result<i64> {
        Self::read(r)
    }
    /// Writes `v`, which the caller checked is in `MIN..=MAX`.
    fn write_unchecked(v: i64, w: &mut Writer<'_>);
    /// The schema description.
    fn wire_type() -> WireType;

    /// Writes `v`, failing if it does not fit.
    #[inline]
    fn write(v: i64, w: &mut Writer<'_>) -> Result<()> {
        if v < Self::MIN || v > Self::MAX {
            return fail(ErrorKind::OutOfRange {
                ty: Self::NAME,
                value: v,
            });
        }
        Self::write_unchecked(v, w);
        Ok(())
    }

    /// A random value, biased towards small magnitudes and the extremes.
    #[cfg(feature = "generate")]
    fn generate(g: &mut Gen<'_>) -> i64 {
        g.int_in(Self::MIN, Self::MAX)
    }
}

macro_rules! fixed_repr {
    ($(#[$doc:meta])* $name:ident, $ty:ty, $len:literal, $wire:ident, $label:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name;
        impl IntRepr for $name {
            const NAME: &'static str = $label;
            const MIN_SIZE: usize = $len;
            const MIN: i64 = <$ty>::MIN as i64;
            const MAX: i64 = <$ty>::MAX as i64;
            #[inline]
            fn read(r: &mut Reader<'_>) -> Result<i64> {
                Ok(<$ty>::from_be_bytes(r.take_array::<$len>($label)?) as i64)
            }
            #[inline]
            fn write_unchecked(v: i64, w: &mut Writer<'_>) {
                w.put_slice(&(v as $ty).to_be_bytes());
            }
            fn wire_type() -> WireType {
                WireType::$wire
            }
        }
    };
}

fixed_repr!(/// Signed byte.
    I8, i8, 1, Byte, "Byte");
fixed_repr!(/// Unsigned byte.
    U8, u8, 1, UnsignedByte, "Unsigned Byte");
fixed_repr!(/// Big-endian signed 16-bit.
    I16, i16, 2, Short, "Short");
fixed_repr!(/// Big-endian unsigned 16-bit.
    U16, u16, 2, UnsignedShort, "Unsigned Short");
fixed_repr!(/// Big-endian signed 32-bit.
    I32, i32, 4, Int, "Int");
fixed_repr!(/// Big-endian signed 64-bit.
    I64, i64, 8, Long, "Long");

/// VarInt representation.
#[derive(Debug, Clone, Copy)]
pub struct VarIntRepr;
impl IntRepr for VarIntRepr {
    const NAME: &'static str = "VarInt";
    const MIN_SIZE: usize = 1;
    const MIN: i64 = i32::MIN as i64;
    const MAX: i64 = i32::MAX as i64;
    #[inline(always)]
    fn read(r: &mut Reader<'_>) -> Result<i64> {
        r.varint().map(i64::from)
    }
    #[inline(always)]
    fn read_small(r: &mut Reader<'_>) -> Result<i64> {
        r.varint_small().map(i64::from)
    }
    #[inline]
    fn write_unchecked(v: i64, w: &mut Writer<'_>) {
        w.put_varint(v as i32);
    }
    fn wire_type() -> WireType {
        WireType::VarInt
    }
}

/// VarLong representation.
#[derive(Debug, Clone, Copy)]
pub struct VarLongRepr;
impl IntRepr for VarLongRepr {
    const NAME: &'static str = "VarLong";
    const MIN_SIZE: usize = 1;
    const MIN: i64 = i64::MIN;
    const MAX: i64 = i64::MAX;
    #[inline]
    fn read(r: &mut Reader<'_>) -> Result<i64> {
        r.varlong()
    }
    #[inline]
    fn write_unchecked(v: i64, w: &mut Writer<'_>) {
        w.put_varlong(v);
    }
    fn wire_type() -> WireType {
        WireType::VarLong
    }
}

/// A Rust type whose values are integers: the primitive integers, and enums
/// derived with `#[mc(tag = ...)]` whose variants carry no data. An enum's
/// numbering may depend on the protocol version, so both directions take it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent as an integer representation",
    label = "an integer or an enum of constants is needed here",
    note = "floating-point fields take `as = f32`, `as = f64` or `as = fixed(I, SCALE)`"
)]
pub trait IntValue: Sized {
    /// The number sent for `self` in `version`; fails for a value that
    /// does not exist there, or cannot be sent as it is (an unknown value
    /// that collides with a named one).
    fn to_wire(&self, version: ProtocolVersion) -> Result<i64>;
    /// The value number `v` stands for in `version`.
    fn from_wire(v: i64, version: ProtocolVersion) -> Result<Self>;
}

macro_rules! int_value {
    ($($ty:ty),*) => {$(
        impl IntValue for $ty {
            #[inline]
            fn to_wire(&self, _: ProtocolVersion) -> Result<i64> {
                Ok(*self as i64)
            }
            #[inline]
            fn from_wire(v: i64, _: ProtocolVersion) -> Result<Self> {
                <$ty>::try_from(v).map_err(|_| Error::new(ErrorKind::OutOfRange { ty: stringify!($ty), value: v }))
            }
        }
    )*};
}
int_value!(i8, u8, i16, u16, i32, u32, i64);

impl IntValue for bool {
    fn to_wire(&self, _: ProtocolVersion) -> Result<i64> {
        Ok(i64::from(*self))
    }
    fn from_wire(v: i64, _: ProtocolVersion) -> Result<Self> {
        Ok(v != 0)
    }
}

/// Reads a `T` sent in representation `R`.
#[inline(always)]
pub fn decode_as<T: IntValue, R: IntRepr>(r: &mut Reader<'_>) -> Result<T> {
    T::from_wire(R::read(r)?, r.version())
}

/// Writes a `T` in representation `R`.
#[inline]
pub fn encode_as<T: IntValue, R: IntRepr>(v: &T, w: &mut Writer<'_>) -> Result<()> {
    R::write(v.to_wire(w.version())?, w)
}
