//! Booleans, fixed-width integers, floats, and fixed-size arrays.

use crate::codec::{Decode, Encode, Reader, Writer};
use crate::error::Result;
#[cfg(feature = "generate")]
use crate::generate::{Gen, Generate};
use crate::schema::{ArrayLen, Describe, WireType};
use crate::version::ProtocolVersion;

impl Encode for bool {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        w.put_u8(u8::from(*self));
        Ok(())
    }
    const FIXED_SIZE: Option<usize> = Some(1);
    #[inline(always)]
    fn encode_fixed(&self, out: &mut [u8], _: ProtocolVersion) {
        put_fixed(out, [u8::from(*self)]);
    }
}

/// Copies `bytes` to the start of `out` (generated code passes a slice of
/// exactly `N` bytes, where the check compiles away).
#[inline(always)]
pub(crate) fn put_fixed<const N: usize>(out: &mut [u8], bytes: [u8; N]) {
    if let Some(dst) = out.get_mut(..N) {
        dst.copy_from_slice(&bytes);
    }
}

/// Any non-zero byte reads as `true`, as vanilla reads it; it re-encodes as 1.
impl<'a> Decode<'a> for bool {
    const MIN_SIZE: usize = 1;
    #[inline]
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Ok(r.u8()? != 0)
    }
}

impl Describe for bool {
    fn describe(_: ProtocolVersion) -> WireType {
        WireType::Bool
    }
}

#[cfg(feature = "generate")]
impl Generate for bool {
    fn generate(g: &mut Gen<'_>) -> Self {
        g.bool()
    }
}

macro_rules! number {
    ($($ty:ty, $len:literal, $wire:ident, $label:literal;)*) => {$(
        impl Encode for $ty {
            #[inline]
            fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
                w.put_slice(&self.to_be_bytes());
                Ok(())
            }
            const FIXED_SIZE: Option<usize> = Some($len);
            #[inline(always)]
            fn encode_fixed(&self, out: &mut [u8], _: ProtocolVersion) {
                put_fixed(out, self.to_be_bytes());
            }
        }
        impl<'a> Decode<'a> for $ty {
            const MIN_SIZE: usize = $len;
            #[inline]
            fn decode(r: &mut Reader<'a>) -> Result<Self> {
                Ok(<$ty>::from_be_bytes(r.take_array::<$len>($label)?))
            }
        }
        impl Describe for $ty {
            fn describe(_: ProtocolVersion) -> WireType {
                WireType::$wire
            }
        }
    )*};
}

number! {
    i8, 1, Byte, "Byte";
    i16, 2, Short, "Short";
    u16, 2, UnsignedShort, "Unsigned Short";
    i32, 4, Int, "Int";
    i64, 8, Long, "Long";
    f32, 4, Float, "Float";
    f64, 8, Double, "Double";
}

impl Encode for u8 {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        w.put_u8(*self);
        Ok(())
    }
    const FIXED_SIZE: Option<usize> = Some(1);
    #[inline(always)]
    fn encode_fixed(&self, out: &mut [u8], _: ProtocolVersion) {
        put_fixed(out, [*self]);
    }
    #[inline]
    fn encode_slice(items: &[Self], w: &mut Writer<'_>) -> Result<()> {
        w.put_slice(items);
        Ok(())
    }
}

impl<'a> Decode<'a> for u8 {
    const MIN_SIZE: usize = 1;
    #[inline]
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.u8()
    }
    #[inline]
    fn decode_vec(r: &mut Reader<'a>, count: usize) -> Result<Vec<Self>> {
        Ok(r.take(count, "byte array")?.to_vec())
    }
}

impl Describe for u8 {
    fn describe(_: ProtocolVersion) -> WireType {
        WireType::UnsignedByte
    }
}

macro_rules! gen_int {
    ($($ty:ty),*) => {$(
        #[cfg(feature = "generate")]
        impl Generate for $ty {
            fn generate(g: &mut Gen<'_>) -> Self {
                g.int_in(<$ty>::MIN as i64, <$ty>::MAX as i64) as $ty
            }
        }
    )*};
}
gen_int!(i8, u8, i16, u16, i32, i64);

#[cfg(feature = "generate")]
impl Generate for f32 {
    fn generate(g: &mut Gen<'_>) -> Self {
        if g.byte() % 8 == 0 {
            f32::from_bits(g.u64() as u32)
        } else {
            g.f64() as f32
        }
    }
}

#[cfg(feature = "generate")]
impl Generate for f64 {
    fn generate(g: &mut Gen<'_>) -> Self {
        g.f64()
    }
}

impl<T: Encode, const N: usize> Encode for [T; N] {
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        T::encode_slice(self, w)
    }
}

impl<'a, T: Decode<'a>, const N: usize> Decode<'a> for [T; N] {
    const MIN_SIZE: usize = T::MIN_SIZE * N;
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let items = T::decode_vec(r, N)?;
        // decode_vec returns exactly N items or fails.
        items.try_into().map_err(|_| {
            crate::error::Error::new(crate::error::ErrorKind::UnexpectedEof {
                what: "array",
                needed: N,
                remaining: 0,
            })
        })
    }
}

impl<T: Describe, const N: usize> Describe for [T; N] {
    fn describe(version: ProtocolVersion) -> WireType {
        WireType::Array {
            len: ArrayLen::Fixed(N),
            of: Box::new(T::describe(version)),
        }
    }
}

#[cfg(feature = "generate")]
impl<T: Generate, const N: usize> Generate for [T; N] {
    fn generate(g: &mut Gen<'_>) -> Self {
        std::array::from_fn(|_| T::generate(g))
    }
}

impl<T: Encode + ?Sized> Encode for &T {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        (**self).encode(w)
    }
    const FIXED_SIZE: Option<usize> = T::FIXED_SIZE;
    #[inline(always)]
    fn encode_fixed(&self, out: &mut [u8], version: ProtocolVersion) {
        (**self).encode_fixed(out, version);
    }
}

impl<T: Encode + ?Sized> Encode for Box<T> {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        (**self).encode(w)
    }
    const FIXED_SIZE: Option<usize> = T::FIXED_SIZE;
    #[inline(always)]
    fn encode_fixed(&self, out: &mut [u8], version: ProtocolVersion) {
        (**self).encode_fixed(out, version);
    }
}

impl<'a, T: Decode<'a>> Decode<'a> for Box<T> {
    const MIN_SIZE: usize = T::MIN_SIZE;
    #[inline]
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        T::decode(r).map(Box::new)
    }
}

impl<T: Describe> Describe for Box<T> {
    fn describe(version: ProtocolVersion) -> WireType {
        T::describe(version)
    }
}

#[cfg(feature = "generate")]
impl<T: Generate> Generate for Box<T> {
    fn generate(g: &mut Gen<'_>) -> Self {
        Box::new(T::generate(g))
    }
}

#[cfg(test)]
mod tests {
    use crate::codec::{decode_exact, encode_to_vec};
    use crate::version::ProtocolVersion;

    const V: ProtocolVersion = ProtocolVersion(47);

    #[test]
    fn numbers_are_big_endian() {
        // Worked by hand from the data-types table: network byte order.
        assert_eq!(encode_to_vec(&0x1234i16, V).unwrap(), [0x12, 0x34]);
        assert_eq!(encode_to_vec(&-2i32, V).unwrap(), [0xff, 0xff, 0xff, 0xfe]);
        assert_eq!(encode_to_vec(&65535u16, V).unwrap(), [0xff, 0xff]);
        assert_eq!(encode_to_vec(&1.0f32, V).unwrap(), [0x3f, 0x80, 0, 0]);
        assert_eq!(
            encode_to_vec(&-2.0f64, V).unwrap(),
            [0xc0, 0, 0, 0, 0, 0, 0, 0]
        );
        assert_eq!(
            encode_to_vec(&i64::MIN, V).unwrap(),
            [0x80, 0, 0, 0, 0, 0, 0, 0]
        );
        assert_eq!(encode_to_vec(&true, V).unwrap(), [1]);
        assert_eq!(decode_exact::<i16>(&[0xff, 0x85], V).unwrap(), -123);
        assert_eq!(decode_exact::<u16>(&[0x63, 0xdd], V).unwrap(), 25565);
        assert!(decode_exact::<bool>(&[2], V).unwrap());
        assert!(!decode_exact::<bool>(&[0], V).unwrap());
    }

    #[test]
    fn truncated_numbers_fail() {
        assert!(decode_exact::<i64>(&[0; 7], V).is_err());
        assert!(decode_exact::<f32>(&[0; 3], V).is_err());
        assert!(decode_exact::<i8>(&[], V).is_err());
        assert!(decode_exact::<i8>(&[1, 2], V).is_err());
    }
}
