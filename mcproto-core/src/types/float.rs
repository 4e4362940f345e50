//! Floating-point fields on the wire: IEEE floats (`as = f32`, `as = f64`)
//! and fixed-point integers (`as = fixed(i32, 32)`, short `fixed = 32`),
//! which 1.8 uses for entity positions and 1.9 replaces with doubles.

use crate::codec::{Reader, Writer};
use crate::error::{Error, ErrorKind, Result};
#[cfg(feature = "generate")]
use crate::generate::Gen;
use crate::schema::WireType;
use crate::types::repr::IntRepr;

/// A floating-point field type (`f32`, `f64`), sent as a float of either
/// width or as a fixed-point integer.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent as a float or fixed-point number",
    label = "an `f32` or `f64` field is needed here",
    note = "integer fields take an integer representation: varint, varlong, i8, u8, i16, u16, i32, i64"
)]
pub trait FixedFloat: Sized + Copy {
    /// Significant bits of the type (53 for `f64`).
    const MANTISSA_BITS: u32;
    /// The nearest value to `v`.
    fn from_f64(v: f64) -> Self;
    /// The value as an `f64` (exact).
    fn to_f64(self) -> f64;
    /// The next larger value (the value itself for NaN and +∞).
    fn next_up(self) -> Self;

    /// The integer to send: `floor(self × scale)`, as vanilla computes it.
    fn to_raw(self, scale: u32) -> Option<i64> {
        let v = (self.to_f64() * f64::from(scale)).floor();
        (v.is_finite() && v >= i64::MIN as f64 && v < i64::MAX as f64).then_some(v as i64)
    }

    /// The value of wire integer `raw`: `raw / scale`, as the smallest
    /// float that encodes back to `raw` when there is one, so that a
    /// decoded packet re-encodes to the same bytes.
    #[inline]
    fn from_raw(raw: i64, scale: u32) -> Self {
        let v = Self::from_f64(raw as f64 / f64::from(scale));
        // Division by a power of two is exact while `raw` fits the
        // mantissa: the common case (×32, ×4096) needs no check.
        if scale.is_power_of_two() && raw.unsigned_abs() < 1u64 << Self::MANTISSA_BITS {
            return v;
        }
        // Otherwise the quotient may have been rounded down to a float
        // whose × scale floors to raw − 1; it is at most a few steps away.
        let mut up = v;
        for _ in 0..4 {
            match up.to_raw(scale) {
                Some(x) if x == raw => return up,
                Some(x) if x > raw => break,
                _ => up = up.next_up(),
            }
        }
        v
    }
}

impl FixedFloat for f64 {
    const MANTISSA_BITS: u32 = f64::MANTISSA_DIGITS;
    #[inline]
    fn from_f64(v: f64) -> Self {
        v
    }
    #[inline]
    fn to_f64(self) -> f64 {
        self
    }
    fn next_up(self) -> Self {
        if self.is_nan() || self == f64::INFINITY {
            self
        } else if self == 0.0 {
            f64::from_bits(1)
        } else if self > 0.0 {
            f64::from_bits(self.to_bits() + 1)
        } else {
            f64::from_bits(self.to_bits() - 1)
        }
    }
}

impl FixedFloat for f32 {
    const MANTISSA_BITS: u32 = f32::MANTISSA_DIGITS;
    #[inline]
    fn from_f64(v: f64) -> Self {
        v as f32
    }
    #[inline]
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
    fn next_up(self) -> Self {
        if self.is_nan() || self == f32::INFINITY {
            self
        } else if self == 0.0 {
            f32::from_bits(1)
        } else if self > 0.0 {
            f32::from_bits(self.to_bits() + 1)
        } else {
            f32::from_bits(self.to_bits() - 1)
        }
    }
}

/// An IEEE float wire representation.
pub trait FloatRepr {
    /// Name used in schemas.
    const NAME: &'static str;
    /// Bytes on the wire.
    const MIN_SIZE: usize;
    /// Reads a value.
    fn read(r: &mut Reader<'_>) -> Result<f64>;
    /// Writes `v`, rounded to the representation's precision.
    fn write(v: f64, w: &mut Writer<'_>);
    /// `v` rounded to the representation's precision.
    fn narrow(v: f64) -> f64;
    /// The schema description.
    fn wire_type() -> WireType;
}

/// Big-endian IEEE 754 single precision.
#[derive(Debug, Clone, Copy)]
pub struct F32;

impl FloatRepr for F32 {
    const NAME: &'static str = "Float";
    const MIN_SIZE: usize = 4;
    #[inline]
    fn read(r: &mut Reader<'_>) -> Result<f64> {
        Ok(f64::from(f32::from_be_bytes(r.take_array::<4>("Float")?)))
    }
    #[inline]
    fn write(v: f64, w: &mut Writer<'_>) {
        w.put_slice(&(v as f32).to_be_bytes());
    }
    fn narrow(v: f64) -> f64 {
        f64::from(v as f32)
    }
    fn wire_type() -> WireType {
        WireType::Float
    }
}

/// Big-endian IEEE 754 double precision.
#[derive(Debug, Clone, Copy)]
pub struct F64;

impl FloatRepr for F64 {
    const NAME: &'static str = "Double";
    const MIN_SIZE: usize = 8;
    #[inline]
    fn read(r: &mut Reader<'_>) -> Result<f64> {
        Ok(f64::from_be_bytes(r.take_array::<8>("Double")?))
    }
    #[inline]
    fn write(v: f64, w: &mut Writer<'_>) {
        w.put_slice(&v.to_be_bytes());
    }
    fn narrow(v: f64) -> f64 {
        v
    }
    fn wire_type() -> WireType {
        WireType::Double
    }
}

/// Reads a `T` sent as float representation `R`.
#[inline]
pub fn decode_float<T: FixedFloat, R: FloatRepr>(r: &mut Reader<'_>) -> Result<T> {
    R::read(r).map(T::from_f64)
}

/// Writes a `T` as float representation `R`.
#[inline]
pub fn encode_float<T: FixedFloat, R: FloatRepr>(v: T, w: &mut Writer<'_>) -> Result<()> {
    R::write(v.to_f64(), w);
    Ok(())
}

/// Reads a fixed-point number sent as `R`.
#[inline]
pub fn decode_fixed<F: FixedFloat, R: IntRepr>(r: &mut Reader<'_>, scale: u32) -> Result<F> {
    Ok(F::from_raw(R::read(r)?, scale))
}

/// Writes a fixed-point number as `R`.
#[inline]
pub fn encode_fixed<F: FixedFloat, R: IntRepr>(v: F, w: &mut Writer<'_>, scale: u32) -> Result<()> {
    match v.to_raw(scale) {
        Some(raw) if raw >= R::MIN && raw <= R::MAX => {
            R::write_unchecked(raw, w);
            Ok(())
        }
        _ => Err(Error::new(ErrorKind::FixedOutOfRange {
            ty: R::NAME,
            value: v.to_f64(),
        })),
    }
}

/// A random float that survives a round trip through `R` exactly.
#[cfg(feature = "generate")]
pub fn generate_float<T: FixedFloat, R: FloatRepr>(g: &mut Gen<'_>) -> T {
    T::from_f64(R::narrow(T::from_f64(g.f64()).to_f64()))
}

/// A random fixed-point number that survives a round trip exactly.
#[cfg(feature = "generate")]
pub fn generate_fixed<F: FixedFloat, R: IntRepr>(g: &mut Gen<'_>, scale: u32) -> F {
    let mut raw = R::generate(g);
    loop {
        let v = F::from_raw(raw, scale);
        // An `f32` cannot hold every large integer / scale; move towards
        // zero until one that can (0 always can).
        if v.to_raw(scale) == Some(raw) || raw == 0 {
            return v;
        }
        raw /= 256;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::repr::{I8, I32, U8};
    use crate::version::ProtocolVersion;

    const V: ProtocolVersion = ProtocolVersion(47);

    fn hex(s: &str) -> Vec<u8> {
        s.split_whitespace()
            .map(|b| u8::from_str_radix(b, 16).unwrap())
            .collect()
    }

    #[test]
    fn fixed_point_floors_and_round_trips() {
        let mut buf = Vec::new();
        // 1.5 blocks × 32 = 48 = 0x30; -0.01 floors to -1.
        encode_fixed::<f64, I32>(1.5, &mut Writer::new(&mut buf, V), 32).unwrap();
        encode_fixed::<f64, I32>(-0.01, &mut Writer::new(&mut buf, V), 32).unwrap();
        assert_eq!(buf, hex("00 00 00 30 ff ff ff ff"));
        let mut r = Reader::new(&buf, V);
        assert_eq!(decode_fixed::<f64, I32>(&mut r, 32).unwrap(), 1.5);
        assert_eq!(decode_fixed::<f64, I32>(&mut r, 32).unwrap(), -1.0 / 32.0);
        // Relative moves cover only -4 ..< 4 blocks.
        assert!(encode_fixed::<f64, I8>(4.0, &mut Writer::new(&mut Vec::new(), V), 32).is_err());
        assert!(
            encode_fixed::<f64, I32>(f64::NAN, &mut Writer::new(&mut Vec::new(), V), 32).is_err()
        );
    }

    #[test]
    fn every_fixed_value_re_encodes_to_its_bytes() {
        // ×63 (1.8 sound pitch) divides inexactly: 10 / 63 × 63 is
        // 9.999…, which would floor to 9 without the correction.
        for scale in [63, 100, 3] {
            for raw in 0..=255u8 {
                let v: f32 = decode_fixed::<f32, U8>(&mut Reader::new(&[raw], V), scale).unwrap();
                let mut out = Vec::new();
                encode_fixed::<f32, U8>(v, &mut Writer::new(&mut out, V), scale).unwrap();
                assert_eq!(out, [raw], "{raw} / {scale}");
                let v: f64 = decode_fixed::<f64, U8>(&mut Reader::new(&[raw], V), scale).unwrap();
                let mut out = Vec::new();
                encode_fixed::<f64, U8>(v, &mut Writer::new(&mut out, V), scale).unwrap();
                assert_eq!(out, [raw], "{raw} / {scale}");
            }
        }
    }

    #[test]
    fn floats_of_either_width() {
        let mut buf = Vec::new();
        encode_float::<f64, F32>(1.5, &mut Writer::new(&mut buf, V)).unwrap();
        encode_float::<f32, F64>(-2.0, &mut Writer::new(&mut buf, V)).unwrap();
        assert_eq!(buf, hex("3f c0 00 00  c0 00 00 00 00 00 00 00"));
        let mut r = Reader::new(&buf, V);
        assert_eq!(decode_float::<f64, F32>(&mut r).unwrap(), 1.5);
        assert_eq!(decode_float::<f32, F64>(&mut r).unwrap(), -2.0);
    }
}
