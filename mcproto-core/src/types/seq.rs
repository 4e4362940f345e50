//! Arrays, byte arrays and boolean-prefixed optionals.
//!
//! A bare `Vec<T>`, `[T]`, [`Bytes`] or `&[u8]` is VarInt-prefixed; the
//! derive's `len`, `count` and `rest` attributes choose another way through
//! [`DecodeSeq`]/[`EncodeSeq`].

use std::borrow::Cow;

use bytes::Bytes;

use crate::codec::{
    Decode, DecodeBounded, DecodeSeq, Encode, EncodeBounded, EncodeSeq, Reader, Writer,
};
use crate::error::{ErrorKind, LengthUnit, Result, fail};
#[cfg(feature = "generate")]
use crate::generate::{Gen, Generate, GenerateBounded, GenerateSeq};
use crate::schema::{ArrayLen, Describe, WireType};
use crate::types::repr::{IntRepr, VarIntRepr};
use crate::version::ProtocolVersion;

const MAX_VARINT_LEN: usize = i32::MAX as usize;

#[inline]
fn write_len(w: &mut Writer<'_>, len: usize, max: usize) -> Result<()> {
    if len > max {
        return fail(ErrorKind::TooLong {
            len,
            max,
            unit: LengthUnit::Elements,
        });
    }
    w.put_varint(len as i32);
    Ok(())
}

/// Fails unless the bytes left are at most `max` (a rest-of-packet byte
/// array with a maximum).
#[inline]
fn check_rest(r: &Reader<'_>, max: usize) -> Result<()> {
    if r.remaining() > max {
        return fail(ErrorKind::TooLong {
            len: r.remaining(),
            max,
            unit: LengthUnit::Bytes,
        });
    }
    Ok(())
}

impl<T: Encode> Encode for [T] {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        write_len(w, self.len(), MAX_VARINT_LEN)?;
        T::encode_slice(self, w)
    }
}

impl<T: Encode> Encode for Vec<T> {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        self.as_slice().encode(w)
    }
}

impl<T: Encode> EncodeBounded for Vec<T> {
    fn encode_bounded(&self, w: &mut Writer<'_>, max: usize) -> Result<()> {
        write_len(w, self.len(), max)?;
        T::encode_slice(self, w)
    }
}

impl<T: Encode> EncodeSeq for Vec<T> {
    #[inline]
    fn seq_len(&self) -> usize {
        self.len()
    }
    #[inline]
    fn encode_items(&self, w: &mut Writer<'_>) -> Result<()> {
        T::encode_slice(self, w)
    }
}

impl<'a, T: Decode<'a>> Decode<'a> for Vec<T> {
    const MIN_SIZE: usize = 1;
    #[inline]
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Self::decode_bounded(r, MAX_VARINT_LEN)
    }
}

impl<'a, T: Decode<'a>> DecodeBounded<'a> for Vec<T> {
    #[inline]
    fn decode_bounded(r: &mut Reader<'a>, max: usize) -> Result<Self> {
        let len = r.read_len::<VarIntRepr>(max, T::MIN_SIZE)?;
        T::decode_vec(r, len)
    }
}

impl<'a, T: Decode<'a>> DecodeSeq<'a> for Vec<T> {
    const ELEM_MIN_SIZE: usize = T::MIN_SIZE;
    #[inline]
    fn decode_counted(r: &mut Reader<'a>, count: usize) -> Result<Self> {
        T::decode_vec(r, count)
    }
    fn decode_rest(r: &mut Reader<'a>, max: usize) -> Result<Self> {
        let mut v = Vec::new();
        while !r.is_empty() {
            v.push(T::decode(r)?);
        }
        // Counted once all are read, so the error gives the real length;
        // each element took input, so the vector is bounded by the packet.
        if v.len() > max {
            return fail(ErrorKind::TooLong {
                len: v.len(),
                max,
                unit: LengthUnit::Elements,
            });
        }
        Ok(v)
    }
}

impl<T: Describe> Describe for Vec<T> {
    fn describe(version: ProtocolVersion) -> WireType {
        WireType::Array {
            len: ArrayLen::Prefixed(Box::new(VarIntRepr::wire_type())),
            of: Box::new(T::describe(version)),
        }
    }
}

#[cfg(feature = "generate")]
impl<T: Generate> Generate for Vec<T> {
    fn generate(g: &mut Gen<'_>) -> Self {
        let n = g.len(usize::MAX);
        Self::generate_counted(g, n)
    }
}

#[cfg(feature = "generate")]
impl<T: Generate> GenerateBounded for Vec<T> {
    fn generate_bounded(g: &mut Gen<'_>, max: usize) -> Self {
        let n = g.len(max);
        Self::generate_counted(g, n)
    }
}

#[cfg(feature = "generate")]
impl<T: Generate> GenerateSeq for Vec<T> {
    fn generate_counted(g: &mut Gen<'_>, count: usize) -> Self {
        (0..count).map(|_| T::generate(g)).collect()
    }
}

impl Encode for Bytes {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        write_len(w, self.len(), MAX_VARINT_LEN)?;
        w.put_slice(self);
        Ok(())
    }
}

impl EncodeBounded for Bytes {
    fn encode_bounded(&self, w: &mut Writer<'_>, max: usize) -> Result<()> {
        write_len(w, self.len(), max)?;
        w.put_slice(self);
        Ok(())
    }
}

impl EncodeSeq for Bytes {
    #[inline]
    fn seq_len(&self) -> usize {
        self.len()
    }
    #[inline]
    fn encode_items(&self, w: &mut Writer<'_>) -> Result<()> {
        w.put_slice(self);
        Ok(())
    }
}

impl<'a> Decode<'a> for Bytes {
    const MIN_SIZE: usize = 1;
    #[inline]
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Self::decode_bounded(r, MAX_VARINT_LEN)
    }
}

impl<'a> DecodeBounded<'a> for Bytes {
    #[inline]
    fn decode_bounded(r: &mut Reader<'a>, max: usize) -> Result<Self> {
        let len = r.read_len::<VarIntRepr>(max, 1)?;
        Self::decode_counted(r, len)
    }
}

impl<'a> DecodeSeq<'a> for Bytes {
    const ELEM_MIN_SIZE: usize = 1;
    #[inline]
    fn decode_counted(r: &mut Reader<'a>, count: usize) -> Result<Self> {
        r.take(count, "byte array").map(Bytes::copy_from_slice)
    }
    #[inline]
    fn decode_rest(r: &mut Reader<'a>, max: usize) -> Result<Self> {
        check_rest(r, max)?;
        Ok(Bytes::copy_from_slice(r.take_rest()))
    }
}

impl Describe for Bytes {
    fn describe(_: ProtocolVersion) -> WireType {
        WireType::Array {
            len: ArrayLen::Prefixed(Box::new(WireType::VarInt)),
            of: Box::new(WireType::Byte),
        }
    }
}

#[cfg(feature = "generate")]
impl Generate for Bytes {
    fn generate(g: &mut Gen<'_>) -> Self {
        Bytes::from(g.bytes(usize::MAX))
    }
}

#[cfg(feature = "generate")]
impl GenerateBounded for Bytes {
    fn generate_bounded(g: &mut Gen<'_>, max: usize) -> Self {
        Bytes::from(g.bytes(max))
    }
}

#[cfg(feature = "generate")]
impl GenerateSeq for Bytes {
    fn generate_counted(g: &mut Gen<'_>, count: usize) -> Self {
        (0..count).map(|_| g.byte()).collect()
    }
}

impl<'a> Decode<'a> for &'a [u8] {
    const MIN_SIZE: usize = 1;
    #[inline]
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Self::decode_bounded(r, MAX_VARINT_LEN)
    }
}

impl<'a> DecodeBounded<'a> for &'a [u8] {
    #[inline]
    fn decode_bounded(r: &mut Reader<'a>, max: usize) -> Result<Self> {
        let len = r.read_len::<VarIntRepr>(max, 1)?;
        r.take(len, "byte array")
    }
}

impl<'a> DecodeSeq<'a> for &'a [u8] {
    const ELEM_MIN_SIZE: usize = 1;
    #[inline]
    fn decode_counted(r: &mut Reader<'a>, count: usize) -> Result<Self> {
        r.take(count, "byte array")
    }
    #[inline]
    fn decode_rest(r: &mut Reader<'a>, max: usize) -> Result<Self> {
        check_rest(r, max)?;
        Ok(r.take_rest())
    }
}

impl EncodeBounded for [u8] {
    fn encode_bounded(&self, w: &mut Writer<'_>, max: usize) -> Result<()> {
        write_len(w, self.len(), max)?;
        w.put_slice(self);
        Ok(())
    }
}

impl EncodeSeq for &[u8] {
    fn seq_len(&self) -> usize {
        self.len()
    }
    fn encode_items(&self, w: &mut Writer<'_>) -> Result<()> {
        w.put_slice(self);
        Ok(())
    }
}

impl Describe for &[u8] {
    fn describe(version: ProtocolVersion) -> WireType {
        Bytes::describe(version)
    }
}

/// A byte array borrowed from the input when decoded (an owned `Vec<u8>`
/// when built to be sent): what the standard packets hold, so that
/// decoding from a frame copies nothing and
/// [`IntoOwned`](crate::IntoOwned) gives the owned form.
impl Encode for Cow<'_, [u8]> {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        write_len(w, self.len(), MAX_VARINT_LEN)?;
        w.put_slice(self);
        Ok(())
    }
}

impl EncodeBounded for Cow<'_, [u8]> {
    #[inline]
    fn encode_bounded(&self, w: &mut Writer<'_>, max: usize) -> Result<()> {
        write_len(w, self.len(), max)?;
        w.put_slice(self);
        Ok(())
    }
}

impl EncodeSeq for Cow<'_, [u8]> {
    #[inline]
    fn seq_len(&self) -> usize {
        self.len()
    }
    #[inline]
    fn encode_items(&self, w: &mut Writer<'_>) -> Result<()> {
        w.put_slice(self);
        Ok(())
    }
}

impl<'a> Decode<'a> for Cow<'a, [u8]> {
    const MIN_SIZE: usize = 1;
    #[inline]
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        <&'a [u8]>::decode(r).map(Cow::Borrowed)
    }
}

impl<'a> DecodeBounded<'a> for Cow<'a, [u8]> {
    #[inline]
    fn decode_bounded(r: &mut Reader<'a>, max: usize) -> Result<Self> {
        <&'a [u8]>::decode_bounded(r, max).map(Cow::Borrowed)
    }
}

impl<'a> DecodeSeq<'a> for Cow<'a, [u8]> {
    const ELEM_MIN_SIZE: usize = 1;
    #[inline]
    fn decode_counted(r: &mut Reader<'a>, count: usize) -> Result<Self> {
        r.take(count, "byte array").map(Cow::Borrowed)
    }
    #[inline]
    fn decode_rest(r: &mut Reader<'a>, max: usize) -> Result<Self> {
        check_rest(r, max)?;
        Ok(Cow::Borrowed(r.take_rest()))
    }
}

impl Describe for Cow<'_, [u8]> {
    fn describe(version: ProtocolVersion) -> WireType {
        Bytes::describe(version)
    }
}

#[cfg(feature = "generate")]
impl Generate for Cow<'static, [u8]> {
    fn generate(g: &mut Gen<'_>) -> Self {
        Cow::Owned(g.bytes(usize::MAX))
    }
}

#[cfg(feature = "generate")]
impl GenerateBounded for Cow<'static, [u8]> {
    fn generate_bounded(g: &mut Gen<'_>, max: usize) -> Self {
        Cow::Owned(g.bytes(max))
    }
}

#[cfg(feature = "generate")]
impl GenerateSeq for Cow<'static, [u8]> {
    fn generate_counted(g: &mut Gen<'_>, count: usize) -> Self {
        Cow::Owned((0..count).map(|_| g.byte()).collect())
    }
}

/// `Option<T>` is a boolean followed by the value when it is `true`.
///
/// Fields that are present or absent according to an earlier field or the
/// protocol version are also `Option<T>`, but carry `#[mc(when = ...)]`,
/// `#[mc(since = ...)]` or `#[mc(before = ...)]`; those have no boolean.
impl<T: Encode> Encode for Option<T> {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        match self {
            Some(v) => {
                w.put_u8(1);
                v.encode(w)
            }
            None => {
                w.put_u8(0);
                Ok(())
            }
        }
    }
}

impl<'a, T: Decode<'a>> Decode<'a> for Option<T> {
    const MIN_SIZE: usize = 1;
    #[inline]
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        if bool::decode(r)? {
            T::decode(r).map(Some)
        } else {
            Ok(None)
        }
    }
}

impl<T: Describe> Describe for Option<T> {
    fn describe(version: ProtocolVersion) -> WireType {
        WireType::Optional(Box::new(T::describe(version)))
    }
}

#[cfg(feature = "generate")]
impl<T: Generate> Generate for Option<T> {
    fn generate(g: &mut Gen<'_>) -> Self {
        if g.bool() { Some(T::generate(g)) } else { None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{decode_exact, encode_to_vec};
    use crate::version::ProtocolVersion;

    const V: ProtocolVersion = ProtocolVersion(47);

    #[test]
    fn golden_arrays_and_options() {
        assert_eq!(
            encode_to_vec(&vec![1i16, -1], V).unwrap(),
            [2, 0, 1, 0xff, 0xff]
        );
        assert_eq!(encode_to_vec(&Some(5u8), V).unwrap(), [1, 5]);
        assert_eq!(encode_to_vec(&None::<u8>, V).unwrap(), [0]);
        assert_eq!(
            encode_to_vec(&Bytes::from_static(b"ab"), V).unwrap(),
            [2, b'a', b'b']
        );
        assert_eq!(
            decode_exact::<Vec<i16>>(&[2, 0, 1, 0xff, 0xff], V).unwrap(),
            vec![1, -1]
        );
        assert_eq!(decode_exact::<Option<u8>>(&[1, 7], V).unwrap(), Some(7));
    }

    #[test]
    fn lying_length_is_rejected_before_allocating() {
        // 2^31-1 shorts declared, 2 bytes present.
        let err = decode_exact::<Vec<i16>>(&[0xff, 0xff, 0xff, 0xff, 0x07, 0, 0], V).unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::LengthExceedsInput {
                len: 2147483647,
                needed: 4294967294,
                remaining: 2
            }
        ));
        let err = decode_exact::<Bytes>(&[0x05, 1, 2], V).unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::LengthExceedsInput { len: 5, .. }
        ));
    }
}
