//! VarInt and VarLong: little-endian base-128 integers, two's complement,
//! no zig-zag (every negative VarInt takes 5 bytes).

use crate::codec::{Decode, Encode, Reader, Writer};
use crate::error::{ErrorKind, Result, fail};

/// Longest VarInt in bytes.
pub const VARINT_MAX_BYTES: usize = 5;
/// Longest VarLong in bytes.
pub const VARLONG_MAX_BYTES: usize = 10;

/// Decodes a VarInt at the start of `buf`, returning it and its length.
///
/// As vanilla, the fifth byte contributes only its low four bits; a sixth
/// byte is an error.
#[inline]
pub fn decode_varint(buf: &[u8]) -> Result<(i32, usize)> {
    if let Some(chunk) = buf.first_chunk::<8>() {
        // Branch-light path, taken whenever eight bytes are readable: the
        // length comes from the first byte without the continuation bit,
        // found in one word, and the value is gathered from the whole word
        // and then masked to that length. No branch depends on the data
        // except the (never taken) overlong check.
        let word = u64::from_le_bytes(*chunk);
        let stops = !word & 0x8080_8080_8080_8080;
        let len = (stops.trailing_zeros() / 8 + 1) as usize;
        if len > VARINT_MAX_BYTES {
            return fail(ErrorKind::VarIntTooLong {
                what: "VarInt",
                max_bytes: VARINT_MAX_BYTES as u8,
            });
        }
        let gathered = (word & 0x7f)
            | ((word >> 1) & (0x7f << 7))
            | ((word >> 2) & (0x7f << 14))
            | ((word >> 3) & (0x7f << 21))
            | ((word >> 4) & (0x7f << 28));
        let value = gathered & (u64::MAX >> (64 - 7 * len));
        return Ok((value as u32 as i32, len));
    }
    // The last bytes of a frame (a packet's final field is often a
    // one-byte VarInt: Handshake's next state, a short string's length):
    // without the call to the slow path. Only here, where no word can be
    // read: first in the function, this branch mispredicted on a mix of
    // lengths and cost the word path a fifth of its speed.
    if let Some(&b) = buf.first()
        && b < 0x80
    {
        return Ok((i32::from(b), 1));
    }
    decode_varint_slow(buf)
}

#[cold]
fn decode_varint_slow(buf: &[u8]) -> Result<(i32, usize)> {
    decode_varint_loop(buf)
}

/// [`decode_varint`] a byte at a time.
#[inline]
pub(crate) fn decode_varint_loop(buf: &[u8]) -> Result<(i32, usize)> {
    let mut value: u32 = 0;
    for i in 0..VARINT_MAX_BYTES {
        let Some(&b) = buf.get(i) else {
            return fail(ErrorKind::UnexpectedEof {
                what: "VarInt",
                needed: i + 1,
                remaining: buf.len(),
            });
        };
        value |= u32::from(b & 0x7f).wrapping_shl(7 * i as u32);
        if b & 0x80 == 0 {
            return Ok((value as i32, i + 1));
        }
    }
    fail(ErrorKind::VarIntTooLong {
        what: "VarInt",
        max_bytes: VARINT_MAX_BYTES as u8,
    })
}

/// Decodes a VarLong at the start of `buf`, returning it and its length.
#[inline]
pub fn decode_varlong(buf: &[u8]) -> Result<(i64, usize)> {
    let mut value: u64 = 0;
    for i in 0..VARLONG_MAX_BYTES {
        let Some(&b) = buf.get(i) else {
            return fail(ErrorKind::UnexpectedEof {
                what: "VarLong",
                needed: i + 1,
                remaining: buf.len(),
            });
        };
        value |= u64::from(b & 0x7f).wrapping_shl(7 * i as u32);
        if b & 0x80 == 0 {
            return Ok((value as i64, i + 1));
        }
    }
    fail(ErrorKind::VarIntTooLong {
        what: "VarLong",
        max_bytes: VARLONG_MAX_BYTES as u8,
    })
}

/// Bytes a VarInt takes.
#[inline]
pub const fn varint_len(v: i32) -> usize {
    let v = v as u32;
    if v == 0 {
        return 1;
    }
    let bits = 32 - v.leading_zeros() as usize;
    bits.div_ceil(7)
}

/// Bytes a VarLong takes.
#[inline]
pub const fn varlong_len(v: i64) -> usize {
    let v = v as u64;
    if v == 0 {
        return 1;
    }
    let bits = 64 - v.leading_zeros() as usize;
    bits.div_ceil(7)
}

/// The encoding of a VarInt: a buffer and how many of its bytes are used.
#[inline]
pub fn varint_bytes(v: i32) -> ([u8; VARINT_MAX_BYTES], usize) {
    let mut v = v as u32;
    let mut tmp = [0u8; VARINT_MAX_BYTES];
    let mut n = 0;
    while v >= 0x80 && n < VARINT_MAX_BYTES - 1 {
        tmp[n] = (v as u8 & 0x7f) | 0x80;
        v >>= 7;
        n += 1;
    }
    tmp[n] = v as u8;
    (tmp, n + 1)
}

/// Appends a VarInt to `out`.
#[inline]
pub fn put_varint(out: &mut Vec<u8>, v: i32) {
    let u = v as u32;
    if u < 0x80 {
        out.push(u as u8);
        return;
    }
    // Two bytes (string and array lengths up to 16 383) as one fixed-size
    // append: a copy of variable length costs more than the rest.
    if u < 0x4000 {
        out.extend_from_slice(&[(u as u8) | 0x80, (u >> 7) as u8]);
        return;
    }
    let (tmp, n) = varint_bytes(v);
    out.extend_from_slice(&tmp[..n]);
}

/// Appends a VarLong to `out`.
#[inline]
pub fn put_varlong(out: &mut Vec<u8>, v: i64) {
    let mut v = v as u64;
    let mut tmp = [0u8; VARLONG_MAX_BYTES];
    let mut n = 0;
    loop {
        if v < 0x80 {
            tmp[n] = v as u8;
            n += 1;
            break;
        }
        tmp[n] = (v as u8 & 0x7f) | 0x80;
        v >>= 7;
        n += 1;
    }
    out.extend_from_slice(&tmp[..n]);
}

/// An `i32` sent as a VarInt. Packets usually write `#[mc(varint)] x: i32`
/// instead; this newtype is for places an attribute cannot reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct VarInt(pub i32);

/// An `i64` sent as a VarLong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct VarLong(pub i64);

impl Encode for VarInt {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        w.put_varint(self.0);
        Ok(())
    }
}

impl<'a> Decode<'a> for VarInt {
    const MIN_SIZE: usize = 1;
    #[inline]
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.varint().map(VarInt)
    }
}

impl Encode for VarLong {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        w.put_varlong(self.0);
        Ok(())
    }
}

impl<'a> Decode<'a> for VarLong {
    const MIN_SIZE: usize = 1;
    #[inline]
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.varlong().map(VarLong)
    }
}

impl crate::schema::Describe for VarInt {
    fn describe(_: crate::version::ProtocolVersion) -> crate::schema::WireType {
        crate::schema::WireType::VarInt
    }
}

impl crate::schema::Describe for VarLong {
    fn describe(_: crate::version::ProtocolVersion) -> crate::schema::WireType {
        crate::schema::WireType::VarLong
    }
}

#[cfg(feature = "generate")]
impl crate::generate::Generate for VarInt {
    fn generate(g: &mut crate::generate::Gen<'_>) -> Self {
        VarInt(i32::generate(g))
    }
}

#[cfg(feature = "generate")]
impl crate::generate::Generate for VarLong {
    fn generate(g: &mut crate::generate::Gen<'_>) -> Self {
        VarLong(i64::generate(g))
    }
}

impl From<i32> for VarInt {
    fn from(v: i32) -> Self {
        VarInt(v)
    }
}

impl From<VarInt> for i32 {
    fn from(v: VarInt) -> Self {
        v.0
    }
}

impl From<i64> for VarLong {
    fn from(v: i64) -> Self {
        VarLong(v)
    }
}

impl From<VarLong> for i64 {
    fn from(v: VarLong) -> Self {
        v.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    // Vectors from the spec's data-types page (https://wiki.vg/Data_types, VarInt and VarLong),
    // worked from the definition there.
    const VARINTS: &[(i32, &str)] = &[
        (0, "00"),
        (1, "01"),
        (2, "02"),
        (127, "7f"),
        (128, "8001"),
        (255, "ff01"),
        (300, "ac02"),
        (25565, "ddc701"),
        (2097151, "ffff7f"),
        (2147483647, "ffffffff07"),
        (-1, "ffffffff0f"),
        (-2147483648, "8080808008"),
    ];

    const VARLONGS: &[(i64, &str)] = &[
        (0, "00"),
        (1, "01"),
        (127, "7f"),
        (128, "8001"),
        (2147483647, "ffffffff07"),
        (9223372036854775807, "ffffffffffffffff7f"),
        (-1, "ffffffffffffffffff01"),
        (-2147483648, "80808080f8ffffffff01"),
        (-9223372036854775808, "80808080808080808001"),
    ];

    #[test]
    fn varint_golden_vectors() {
        for &(v, h) in VARINTS {
            let bytes = hex(h);
            let mut out = Vec::new();
            put_varint(&mut out, v);
            assert_eq!(out, bytes, "encode {v}");
            assert_eq!(varint_len(v), bytes.len());
            // Short buffer (slow path) and padded buffer (word path).
            assert_eq!(
                decode_varint(&bytes).unwrap(),
                (v, bytes.len()),
                "decode {h}"
            );
            let mut padded = bytes.clone();
            padded.extend_from_slice(&[0xaa; 9]);
            assert_eq!(
                decode_varint(&padded).unwrap(),
                (v, bytes.len()),
                "decode padded {h}"
            );
        }
    }

    #[test]
    fn varlong_golden_vectors() {
        for &(v, h) in VARLONGS {
            let bytes = hex(h);
            let mut out = Vec::new();
            put_varlong(&mut out, v);
            assert_eq!(out, bytes, "encode {v}");
            assert_eq!(varlong_len(v), bytes.len());
            assert_eq!(
                decode_varlong(&bytes).unwrap(),
                (v, bytes.len()),
                "decode {h}"
            );
        }
    }

    #[test]
    fn too_long_and_truncated_are_errors() {
        for buf in [&[0x80u8, 0x80, 0x80, 0x80, 0x80, 0x01][..], &[0xff; 12][..]] {
            assert!(matches!(
                decode_varint(buf).unwrap_err().kind(),
                ErrorKind::VarIntTooLong { .. }
            ));
        }
        assert!(matches!(
            decode_varlong(&[0xff; 11]).unwrap_err().kind(),
            ErrorKind::VarIntTooLong { .. }
        ));
        for &(_, h) in VARINTS {
            let bytes = hex(h);
            for cut in 0..bytes.len() {
                assert!(matches!(
                    decode_varint(&bytes[..cut]).unwrap_err().kind(),
                    ErrorKind::UnexpectedEof { .. }
                ));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn varint_round_trips(v: i32, pad in proptest::collection::vec(proptest::num::u8::ANY, 0..10)) {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            let n = out.len();
            out.extend(pad);
            proptest::prop_assert_eq!(decode_varint(&out).unwrap(), (v, n));
        }

        #[test]
        fn varlong_round_trips(v: i64) {
            let mut out = Vec::new();
            put_varlong(&mut out, v);
            proptest::prop_assert_eq!(decode_varlong(&out).unwrap(), (v, out.len()));
        }

        #[test]
        fn word_and_byte_paths_agree(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..12)) {
            let fast = decode_varint(&bytes).map_err(|e| e.to_string());
            let slow = decode_varint_slow(&bytes).map_err(|e| e.to_string());
            proptest::prop_assert_eq!(fast, slow);
        }

        #[test]
        fn small_and_word_reads_agree(bytes in proptest::collection::vec(
            proptest::prop_oneof![3 => 0u8..0x80, 2 => proptest::num::u8::ANY],
            0..12,
        )) {
            let mut small = Reader::new(&bytes, crate::version::ProtocolVersion(47));
            let mut word = small.clone();
            proptest::prop_assert_eq!(
                small.varint_small().map_err(|e| e.to_string()),
                word.varint().map_err(|e| e.to_string())
            );
            proptest::prop_assert_eq!(small.remaining(), word.remaining());
        }
    }
}
