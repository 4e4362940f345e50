//! Block positions (1.8 packing).

use crate::codec::{Decode, Encode, Reader, Writer};
use crate::error::{ErrorKind, Result, fail};
#[cfg(feature = "generate")]
use crate::generate::{Gen, Generate};
use crate::schema::{Describe, WireType};
use crate::version::ProtocolVersion;

/// A block position, packed into 64 bits as 1.8 does:
/// x in the top 26 bits, then y in 12 bits, then z in the low 26 bits,
/// each two's complement. (From 1.14 on the order is x, z, y; not here.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Position {
    /// East-west, −33554432 ..= 33554431.
    pub x: i32,
    /// Height, −2048 ..= 2047.
    pub y: i32,
    /// North-south, −33554432 ..= 33554431.
    pub z: i32,
}

impl Position {
    /// A position.
    pub const fn new(x: i32, y: i32, z: i32) -> Self {
        Position { x, y, z }
    }

    /// The packed 64-bit form.
    pub fn pack(self) -> Result<i64> {
        const XZ: std::ops::RangeInclusive<i32> = -(1 << 25)..=(1 << 25) - 1;
        const Y: std::ops::RangeInclusive<i32> = -(1 << 11)..=(1 << 11) - 1;
        for (v, ok) in [
            (self.x, XZ.contains(&self.x)),
            (self.y, Y.contains(&self.y)),
            (self.z, XZ.contains(&self.z)),
        ] {
            if !ok {
                return fail(ErrorKind::OutOfRange {
                    ty: "Position",
                    value: i64::from(v),
                });
            }
        }
        Ok(((i64::from(self.x) & 0x3FF_FFFF) << 38)
            | ((i64::from(self.y) & 0xFFF) << 26)
            | (i64::from(self.z) & 0x3FF_FFFF))
    }

    /// Unpacks the 64-bit form.
    pub fn unpack(v: i64) -> Self {
        // Shift each field to the top, then arithmetic-shift back to sign-extend.
        Position {
            x: (v >> 38) as i32,
            y: ((v << 26) >> 52) as i32,
            z: ((v << 38) >> 38) as i32,
        }
    }
}

impl Encode for Position {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        w.put_slice(&self.pack()?.to_be_bytes());
        Ok(())
    }
}

impl<'a> Decode<'a> for Position {
    const MIN_SIZE: usize = 8;
    #[inline]
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Ok(Position::unpack(i64::from_be_bytes(
            r.take_array::<8>("Position")?,
        )))
    }
}

impl Describe for Position {
    fn describe(_: ProtocolVersion) -> WireType {
        WireType::Named("Position")
    }
}

#[cfg(feature = "generate")]
impl Generate for Position {
    fn generate(g: &mut Gen<'_>) -> Self {
        Position {
            x: g.int_in(-(1 << 25), (1 << 25) - 1) as i32,
            y: g.int_in(-(1 << 11), (1 << 11) - 1) as i32,
            z: g.int_in(-(1 << 25), (1 << 25) - 1) as i32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{decode_exact, encode_to_vec};
    use crate::version::ProtocolVersion;

    const V: ProtocolVersion = ProtocolVersion(47);

    fn hex(s: &str) -> Vec<u8> {
        s.split_whitespace()
            .map(|b| u8::from_str_radix(b, 16).unwrap())
            .collect()
    }

    #[test]
    fn position_golden_vectors() {
        // Computed from the 1.8 packing formula (https://wiki.vg/Data_types, Position).
        let cases = [
            ((0, 0, 0), "00 00 00 00 00 00 00 00"),
            ((1, 2, 3), "00 00 00 40 08 00 00 03"),
            ((-1, -1, -1), "ff ff ff ff ff ff ff ff"),
            ((18357644, 831, -20882616), "46 07 63 0c fe c1 5b 48"),
            ((-33554432, 0, 33554431), "80 00 00 00 01 ff ff ff"),
        ];
        for ((x, y, z), h) in cases {
            let p = Position::new(x, y, z);
            assert_eq!(encode_to_vec(&p, V).unwrap(), hex(h), "{p:?}");
            assert_eq!(decode_exact::<Position>(&hex(h), V).unwrap(), p);
        }
    }

    #[test]
    fn position_out_of_range_is_an_encode_error() {
        assert!(encode_to_vec(&Position::new(0, 2048, 0), V).is_err());
        assert!(encode_to_vec(&Position::new(1 << 25, 0, 0), V).is_err());
    }
}
