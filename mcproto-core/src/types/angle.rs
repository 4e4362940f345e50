//! Angles: a rotation in 256ths of a full turn.

use crate::codec::{Decode, Encode, Reader, Writer};
use crate::error::Result;
#[cfg(feature = "generate")]
use crate::generate::{Gen, Generate};
use crate::schema::{Describe, WireType};
use crate::version::ProtocolVersion;

/// A rotation in steps of 1/256 of a full turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Angle(pub u8);

impl Angle {
    /// The nearest angle to `degrees` (any value; wraps around).
    pub fn from_degrees(degrees: f32) -> Self {
        Angle(((degrees / 360.0 * 256.0).round() as i64).rem_euclid(256) as u8)
    }

    /// The angle in degrees, 0 ..< 360.
    pub fn degrees(self) -> f32 {
        f32::from(self.0) * 360.0 / 256.0
    }
}

impl Encode for Angle {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        w.put_u8(self.0);
        Ok(())
    }
    const FIXED_SIZE: Option<usize> = Some(1);
    #[inline(always)]
    fn encode_fixed(&self, out: &mut [u8], _: ProtocolVersion) {
        crate::types::primitives::put_fixed(out, [self.0]);
    }
}

impl<'a> Decode<'a> for Angle {
    const MIN_SIZE: usize = 1;
    #[inline]
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.u8().map(Angle)
    }
}

impl Describe for Angle {
    fn describe(_: ProtocolVersion) -> WireType {
        WireType::Named("Angle")
    }
}

#[cfg(feature = "generate")]
impl Generate for Angle {
    fn generate(g: &mut Gen<'_>) -> Self {
        Angle(g.byte())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn angle_from_degrees() {
        assert_eq!(Angle::from_degrees(90.0), Angle(0x40));
        assert_eq!(Angle::from_degrees(-90.0), Angle(0xc0));
    }
}
