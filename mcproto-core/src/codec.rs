//! The [`Encode`]/[`Decode`] traits and the [`Reader`]/[`Writer`] they use.

use crate::error::{Error, ErrorKind, LengthUnit, Result, fail};
use crate::version::ProtocolVersion;

/// Limits a [`Reader`] enforces on nested data (NBT).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeLimits {
    /// Maximum nesting of NBT lists and compounds (vanilla: 512).
    pub nbt_max_depth: u16,
    /// Budget for the estimated in-memory size of one NBT value (vanilla: 2 MiB).
    pub nbt_max_bytes: u32,
}

impl Default for DecodeLimits {
    fn default() -> Self {
        DecodeLimits {
            nbt_max_depth: 512,
            nbt_max_bytes: 2 * 1024 * 1024,
        }
    }
}

/// Where decoding deliberately departs from vanilla, and the way back.
///
/// The defaults are this crate's rules, each stricter than vanilla for
/// safety or clarity; setting a field gives vanilla's behaviour (or, for
/// [`Leniency::unchecked_chat`], a superset of it). A connection sets it
/// through [`Limits::leniency`](crate::Limits::leniency).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Leniency {
    /// Strings holding invalid UTF-8: refused with
    /// [`ErrorKind::InvalidUtf8`] (the default), or, when set, decoded
    /// lossily, each invalid sequence becoming U+FFFD, as vanilla's
    /// `new String(bytes, UTF_8)` does. A lossy string is a copy, so it no
    /// longer re-encodes to the received bytes.
    pub lossy_utf8: bool,
    /// [`Chat`](crate::Chat) fields: checked to hold one JSON value
    /// (RFC 8259, any depth) by default; when set, not checked at all. Vanilla parses chat with Gson in lenient mode, which
    /// also takes comments, unquoted and single-quoted strings, and so on
    /// (and refuses what is not a text component); this crate refuses
    /// those extensions by default, and takes anything when asked.
    pub unchecked_chat: bool,
}

/// A cursor over the bytes of one packet, carrying the protocol version.
///
/// Borrowed fields (`Cow`, `&str`, `&[u8]`) decoded from it point into its
/// buffer for `'a`.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    buf: &'a [u8],
    version: ProtocolVersion,
    limits: DecodeLimits,
    leniency: Leniency,
}

impl<'a> Reader<'a> {
    /// A reader over `buf` for protocol `version`.
    #[inline]
    pub fn new(buf: &'a [u8], version: ProtocolVersion) -> Self {
        Reader {
            buf,
            version,
            limits: DecodeLimits::default(),
            leniency: Leniency::default(),
        }
    }

    /// Replaces the nested-data limits.
    #[must_use]
    #[inline]
    pub fn with_limits(mut self, limits: DecodeLimits) -> Self {
        self.limits = limits;
        self
    }

    /// Replaces the departures from vanilla in force (see [`Leniency`]).
    #[must_use]
    #[inline]
    pub fn with_leniency(mut self, leniency: Leniency) -> Self {
        self.leniency = leniency;
        self
    }

    /// The protocol version being decoded.
    #[inline]
    pub fn version(&self) -> ProtocolVersion {
        self.version
    }

    /// The nested-data limits in force.
    #[inline]
    pub fn limits(&self) -> DecodeLimits {
        self.limits
    }

    /// The departures from vanilla in force.
    #[inline]
    pub fn leniency(&self) -> Leniency {
        self.leniency
    }

    /// Bytes not read yet.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.buf.len()
    }

    /// Whether everything was read.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// The unread bytes, without consuming them.
    #[inline]
    pub fn peek_rest(&self) -> &'a [u8] {
        self.buf
    }

    /// Takes the next `n` bytes; `what` names the value for the error.
    #[inline]
    pub fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8]> {
        if n > self.buf.len() {
            return fail(ErrorKind::UnexpectedEof {
                what,
                needed: n,
                remaining: self.buf.len(),
            });
        }
        let (head, tail) = self.buf.split_at(n);
        self.buf = tail;
        Ok(head)
    }

    /// Takes the next `N` bytes as an array.
    #[inline]
    pub fn take_array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N]> {
        match self.buf.split_first_chunk::<N>() {
            Some((head, tail)) => {
                self.buf = tail;
                Ok(*head)
            }
            None => fail(ErrorKind::UnexpectedEof {
                what,
                needed: N,
                remaining: self.buf.len(),
            }),
        }
    }

    /// Takes everything that is left.
    #[inline]
    pub fn take_rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.buf)
    }

    /// Reads one byte.
    #[inline]
    pub fn u8(&mut self) -> Result<u8> {
        match self.buf.split_first() {
            Some((b, tail)) => {
                self.buf = tail;
                Ok(*b)
            }
            None => fail(ErrorKind::UnexpectedEof {
                what: "byte",
                needed: 1,
                remaining: 0,
            }),
        }
    }

    /// Reads a VarInt.
    #[inline(always)]
    pub fn varint(&mut self) -> Result<i32> {
        let (value, len) = crate::types::varint::decode_varint(self.buf)?;
        self.buf = &self.buf[len..];
        Ok(value)
    }

    /// Reads a VarInt that is almost always below 128: a length or an
    /// enum's tag. One byte is tested first, a branch that predicts well
    /// on such values; [`Reader::varint`] has no branch on the length, for
    /// fields whose values have any size (its word read mispredicts less
    /// on a mix of lengths).
    #[inline(always)]
    pub fn varint_small(&mut self) -> Result<i32> {
        if let Some((&b, rest)) = self.buf.split_first()
            && b < 0x80
        {
            self.buf = rest;
            return Ok(i32::from(b));
        }
        self.varint_any()
    }

    // Byte by byte: for the two or three bytes of a length of 128 or more,
    // fewer instructions than the word read and its masks.
    #[inline(never)]
    fn varint_any(&mut self) -> Result<i32> {
        let (value, len) = crate::types::varint::decode_varint_loop(self.buf)?;
        self.buf = self.buf.get(len..).unwrap_or_default();
        Ok(value)
    }

    /// Reads a VarLong.
    #[inline]
    pub fn varlong(&mut self) -> Result<i64> {
        let (value, len) = crate::types::varint::decode_varlong(self.buf)?;
        self.buf = &self.buf[len..];
        Ok(value)
    }

    /// Fails with [`ErrorKind::TrailingBytes`] unless everything was read.
    pub fn finish(&self) -> Result<()> {
        if self.buf.is_empty() {
            Ok(())
        } else {
            fail(ErrorKind::TrailingBytes {
                count: self.buf.len(),
            })
        }
    }

    /// Reads a length prefix of representation `R` and checks it: not
    /// negative, at most `max`, and small enough that `len` elements of at
    /// least `min_elem_size` bytes (taken as 1 if 0) fit in what remains.
    #[inline]
    pub fn read_len<R: crate::types::repr::IntRepr>(
        &mut self,
        max: usize,
        min_elem_size: usize,
    ) -> Result<usize> {
        let len = R::read_small(self)?;
        self.check_len(len, max, min_elem_size)
    }

    /// Like [`Reader::read_len`], but a negative count is no elements: what
    /// vanilla reads where the count bounds a `for (i = 0; i < n; i++)`
    /// loop rather than sizing an array. Still bounded by `max` and the
    /// input.
    #[inline]
    pub fn read_len_or_empty<R: crate::types::repr::IntRepr>(
        &mut self,
        max: usize,
        min_elem_size: usize,
    ) -> Result<usize> {
        let len = R::read_small(self)?;
        self.check_len(len.max(0), max, min_elem_size)
    }

    /// Checks a length read from the wire (see [`Reader::read_len`]).
    #[inline]
    pub fn check_len(&self, len: i64, max: usize, min_elem_size: usize) -> Result<usize> {
        if len < 0 {
            return fail(ErrorKind::NegativeLength { len });
        }
        let len_u = len as u64;
        if len_u > max as u64 {
            return fail(ErrorKind::TooLong {
                len: len_u.min(usize::MAX as u64) as usize,
                max,
                unit: LengthUnit::Elements,
            });
        }
        let needed = len_u.saturating_mul(min_elem_size.max(1) as u64);
        if needed > self.buf.len() as u64 {
            return fail(ErrorKind::LengthExceedsInput {
                len: len_u,
                needed,
                remaining: self.buf.len(),
            });
        }
        Ok(len_u as usize)
    }
}

/// Where encoded bytes go, and the protocol version they are encoded for.
#[derive(Debug)]
pub struct Writer<'w> {
    buf: &'w mut Vec<u8>,
    version: ProtocolVersion,
}

impl<'w> Writer<'w> {
    /// A writer appending to `buf`, encoding for `version`.
    #[inline]
    pub fn new(buf: &'w mut Vec<u8>, version: ProtocolVersion) -> Self {
        Writer { buf, version }
    }

    /// The protocol version being encoded.
    #[inline]
    pub fn version(&self) -> ProtocolVersion {
        self.version
    }

    /// Appends `n` bytes written by `write` into a slice of exactly that
    /// length: one capacity check however many fields `write` fills.
    #[inline(always)]
    pub fn put_fixed(&mut self, n: usize, write: impl FnOnce(&mut [u8])) {
        let start = self.buf.len();
        self.buf.resize(start + n, 0);
        if let Some(out) = self.buf.get_mut(start..start + n) {
            write(out);
        }
    }

    /// Appends bytes.
    #[inline]
    pub fn put_slice(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Appends one byte.
    #[inline]
    pub fn put_u8(&mut self, b: u8) {
        self.buf.push(b);
    }

    /// Appends a VarInt.
    #[inline]
    pub fn put_varint(&mut self, v: i32) {
        crate::types::varint::put_varint(self.buf, v);
    }

    /// Appends a VarLong.
    #[inline]
    pub fn put_varlong(&mut self, v: i64) {
        crate::types::varint::put_varlong(self.buf, v);
    }

    /// Bytes written so far to the underlying buffer (including what was
    /// there before).
    #[inline]
    pub fn position(&self) -> usize {
        self.buf.len()
    }

    /// The underlying buffer.
    pub fn buffer(&mut self) -> &mut Vec<u8> {
        self.buf
    }
}

/// A value that can be written in its wire form.
pub trait Encode {
    /// Writes `self` to `w`.
    fn encode(&self, w: &mut Writer<'_>) -> Result<()>;

    /// The size of every value of the type in every version, when it has
    /// one and writing it cannot fail (numbers, Booleans, UUIDs, and
    /// derived structs of only such fields). A struct of them is then
    /// written into one reservation instead of one per field.
    #[doc(hidden)]
    const FIXED_SIZE: Option<usize> = None;

    /// Writes `self` into `out`, which is exactly
    /// [`FIXED_SIZE`](Self::FIXED_SIZE) bytes; called only when that is
    /// `Some`, and must write what [`encode`](Self::encode) writes.
    #[doc(hidden)]
    #[inline]
    fn encode_fixed(&self, out: &mut [u8], version: ProtocolVersion) {
        let _ = (out, version);
    }

    /// Writes a slice of values; `u8` overrides it with one copy.
    #[doc(hidden)]
    #[inline]
    fn encode_slice(items: &[Self], w: &mut Writer<'_>) -> Result<()>
    where
        Self: Sized,
    {
        for item in items {
            item.encode(w)?;
        }
        Ok(())
    }
}

/// A value that can be read from its wire form, possibly borrowing from the
/// input for `'a`.
pub trait Decode<'a>: Sized {
    /// Fewest bytes any encoding of this type takes; length prefixes are
    /// checked against it before allocating.
    const MIN_SIZE: usize = 0;

    /// Reads a value from `r`.
    fn decode(r: &mut Reader<'a>) -> Result<Self>;

    /// Reads `count` values (already checked against the input); `u8`
    /// overrides it with one copy.
    #[doc(hidden)]
    #[inline]
    fn decode_vec(r: &mut Reader<'a>, count: usize) -> Result<Vec<Self>> {
        let mut v = Vec::with_capacity(cautious_capacity::<Self>(count));
        for _ in 0..count {
            if v.len() == v.capacity() {
                // Past the cautious first allocation, grow once to the count
                // (checked against the input) rather than doubling: the
                // peak is then the final size, not up to twice it.
                v.reserve_exact(count - v.len());
            }
            v.push(Self::decode(r)?);
        }
        Ok(v)
    }
}

/// A type that decodes from a reader of any lifetime into a value that
/// borrows nothing: what a registry's dynamic path (an
/// [`AnyPacket`](crate::AnyPacket)) holds.
///
/// `#[derive(Packet)]` implements it for the packet's owned form: the
/// packet itself, or for a packet with a lifetime the type at `'static`,
/// decoded borrowed and then made owned with
/// [`IntoOwned`](crate::IntoOwned).
pub trait DecodeOwned: Sized + 'static {
    /// Reads a value from `r`, copying what it would borrow.
    fn decode_owned(r: &mut Reader<'_>) -> Result<Self>;
}

/// How many elements to preallocate for a length read from the wire:
/// never more than 64 KiB, so a lying prefix cannot reserve much.
#[inline]
pub fn cautious_capacity<T>(count: usize) -> usize {
    const MAX_PREALLOC_BYTES: usize = 64 * 1024;
    let size = std::mem::size_of::<T>().max(1);
    count.min(MAX_PREALLOC_BYTES / size)
}

/// A string or sequence with a caller-given maximum length.
pub trait DecodeBounded<'a>: Sized {
    /// Reads a value whose length is at most `max` (characters for
    /// strings, elements for sequences).
    fn decode_bounded(r: &mut Reader<'a>, max: usize) -> Result<Self>;
}

/// Encoding counterpart of [`DecodeBounded`].
pub trait EncodeBounded {
    /// Writes `self`, failing if it is longer than `max`.
    fn encode_bounded(&self, w: &mut Writer<'_>, max: usize) -> Result<()>;
}

/// A sequence whose length is given from outside: a prefix of another
/// width, a count computed from an earlier field, or the rest of the packet.
pub trait DecodeSeq<'a>: Sized {
    /// Minimum wire size of one element.
    const ELEM_MIN_SIZE: usize;
    /// Reads exactly `count` elements (already checked against the input).
    fn decode_counted(r: &mut Reader<'a>, count: usize) -> Result<Self>;
    /// Reads elements until the input ends; more than `max` is an error.
    fn decode_rest(r: &mut Reader<'a>, max: usize) -> Result<Self>;
}

/// Encoding counterpart of [`DecodeSeq`].
pub trait EncodeSeq {
    /// Number of elements.
    fn seq_len(&self) -> usize;
    /// Writes the elements without any prefix.
    fn encode_items(&self, w: &mut Writer<'_>) -> Result<()>;
}

/// Encodes `value` for `version` into a new buffer.
pub fn encode_to_vec<T: Encode + ?Sized>(value: &T, version: ProtocolVersion) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    value.encode(&mut Writer::new(&mut buf, version))?;
    Ok(buf)
}

/// Decodes a `T` that must span all of `bytes`.
pub fn decode_exact<'a, T: Decode<'a>>(bytes: &'a [u8], version: ProtocolVersion) -> Result<T> {
    let mut r = Reader::new(bytes, version);
    let v = T::decode(&mut r)?;
    r.finish()?;
    Ok(v)
}

impl Error {
    /// Shorthand used by generated code.
    #[doc(hidden)]
    #[cold]
    pub fn missing_field() -> Self {
        Error::new(ErrorKind::MissingField)
    }
}
