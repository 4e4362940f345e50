//! Splitting a received byte stream into packets.

use bytes::{Buf, BytesMut};

use super::FrameLimits;
use super::inflate::Inflater;
use crate::error::{Error, ErrorKind, Result, fail};

#[cfg(feature = "encryption")]
type Decryptor = cfb8::Decryptor<aes::Aes128>;

/// Splits a byte stream into packets.
///
/// Frames come out borrowed ([`next_frame`](Self::next_frame)): no
/// reference count and no allocation; a frame is valid until the next call.
///
/// ```
/// # use mcproto_core::frame::FrameDecoder;
/// let mut dec = FrameDecoder::new();
/// dec.feed(&[2, 0x00, 0x2a, 1, 0x03]);
/// let mut ids = Vec::new();
/// while let Some(frame) = dec.next_frame()? {
///     ids.push(frame[0]);
/// }
/// assert_eq!(ids, [0x00, 0x03]);
/// # Ok::<(), mcproto_core::Error>(())
/// ```
pub struct FrameDecoder {
    buf: BytesMut,
    // With a cipher: bytes at the start of `buf` that are already decrypted.
    decrypted: usize,
    // Bytes at the start of `buf` already returned by `next_frame`; dropped
    // (`compact`) before the buffer grows or hands out `Bytes`.
    pos: usize,
    // Output of the last borrowed frame that was decompressed.
    inflated: Vec<u8>,
    threshold: Option<usize>,
    limits: FrameLimits,
    // Made on the first compressed packet, which a connection without
    // compression never pays for.
    inflate: Inflater,
    #[cfg(feature = "encryption")]
    cipher: Option<Decryptor>,
}

impl std::fmt::Debug for FrameDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FrameDecoder")
            .field("buffered", &self.buf.len())
            .field("threshold", &self.threshold)
            .field("limits", &self.limits)
            .field("encrypted", &self.is_encrypted())
            .finish()
    }
}

impl Default for FrameDecoder {
    fn default() -> Self {
        Self::new()
    }
}

impl FrameDecoder {
    /// A decoder with vanilla's limits, no compression, no encryption.
    pub fn new() -> Self {
        Self::with_limits(FrameLimits::default())
    }

    /// A decoder with the given limits.
    pub fn with_limits(limits: FrameLimits) -> Self {
        FrameDecoder {
            buf: BytesMut::new(),
            decrypted: 0,
            pos: 0,
            inflated: Vec::new(),
            threshold: None,
            limits,
            inflate: Inflater::default(),
            #[cfg(feature = "encryption")]
            cipher: None,
        }
    }

    /// The limits in force.
    pub fn limits(&self) -> FrameLimits {
        self.limits
    }

    /// Replaces the limits (they apply from the next frame on).
    pub fn set_limits(&mut self, limits: FrameLimits) {
        self.limits = limits;
    }

    /// Switches the compressed framing on (`Some(threshold)`) or off.
    /// A negative threshold from Set Compression means off.
    pub fn set_compression(&mut self, threshold: Option<usize>) {
        self.threshold = threshold;
    }

    /// The compression threshold in force.
    pub fn compression(&self) -> Option<usize> {
        self.threshold
    }

    /// Decrypts everything from now on, including bytes already buffered
    /// but not yet returned as frames.
    #[cfg(feature = "encryption")]
    pub fn enable_encryption(&mut self, shared_secret: &[u8; 16]) {
        use aes::cipher::KeyIvInit;
        self.compact();
        self.cipher = Some(Decryptor::new(shared_secret.into(), shared_secret.into()));
        self.decrypted = 0;
    }

    /// Whether encryption is on.
    pub fn is_encrypted(&self) -> bool {
        #[cfg(feature = "encryption")]
        {
            self.cipher.is_some()
        }
        #[cfg(not(feature = "encryption"))]
        {
            false
        }
    }

    /// Appends received bytes.
    pub fn feed(&mut self, data: &[u8]) {
        self.compact();
        self.buf.extend_from_slice(data);
    }

    /// The buffer to read into directly (e.g. with `read_buf`); bytes
    /// appended there are treated as received.
    pub fn buffer_mut(&mut self) -> &mut BytesMut {
        self.compact();
        &mut self.buf
    }

    /// Bytes received and not yet returned in a frame.
    pub fn buffered(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Takes the buffered, not yet framed bytes (decrypted), e.g. for a proxy
    /// that stops decoding.
    pub fn take_buffered(&mut self) -> BytesMut {
        self.compact();
        self.decrypt_new();
        self.decrypted = 0;
        std::mem::take(&mut self.buf)
    }

    #[inline]
    fn decrypt_new(&mut self) {
        #[cfg(feature = "encryption")]
        if let Some(c) = &mut self.cipher
            && self.decrypted < self.buf.len()
        {
            c.decrypt(&mut self.buf[self.decrypted..]);
            self.decrypted = self.buf.len();
        }
    }

    /// Drops the frames already returned and makes room for the `missing`
    /// bytes of an incomplete frame; out of line, so that `next_frame`
    /// stays small enough to inline into the caller's loop.
    #[cold]
    #[inline(never)]
    fn make_room(&mut self, missing: usize) {
        self.compact();
        reserve_for_frame(&mut self.buf, missing);
    }

    /// Drops the frames already returned by `next_frame`.
    #[inline]
    fn compact(&mut self) {
        if self.pos > 0 {
            self.buf.advance(self.pos);
            self.decrypted = self.decrypted.saturating_sub(self.pos);
            self.pos = 0;
        }
    }

    /// The next whole packet (id + body), borrowed from the decoder: no
    /// reference count, no allocation (a compressed packet is inflated into
    /// a buffer the decoder reuses). It is valid until the next call; decode
    /// it with a [`Reader`](crate::Reader) to get borrowed (`&str`, `&[u8]`)
    /// or copied fields. `None` until more bytes arrive.
    #[inline(always)]
    pub fn next_frame(&mut self) -> Result<Option<&[u8]>> {
        let Some((start, len)) = self.next_span()? else {
            return Ok(None);
        };
        packet_of_frame(
            &self.buf[start..start + len],
            self.threshold,
            self.limits,
            &mut self.inflate,
            &mut self.inflated,
        )
        .map(Some)
    }

    /// The next whole packet (id + body), as [`next_frame`](Self::next_frame)
    /// would return it, but left in the buffer: the next call returns it
    /// again. A compressed frame is inflated each time.
    pub fn peek_frame(&mut self) -> Result<Option<&[u8]>> {
        let pos = self.pos;
        let Some((start, len)) = self.next_span()? else {
            return Ok(None);
        };
        self.pos = pos;
        packet_of_frame(
            &self.buf[start..start + len],
            self.threshold,
            self.limits,
            &mut self.inflate,
            &mut self.inflated,
        )
        .map(Some)
    }

    #[cfg(test)]
    pub(super) fn inflated_capacity(&self) -> usize {
        self.inflated.capacity()
    }

    /// Whether a whole frame is buffered, so that the next
    /// [`next_frame`](Self::next_frame) returns it; errors are those that
    /// call would report for the frame's length.
    pub fn has_frame(&mut self) -> Result<bool> {
        self.decrypt_new();
        match frame_length(&self.buf[self.pos..])? {
            None => Ok(false),
            Some((len, prefix)) => {
                check_frame_len(len, self.limits)?;
                Ok(self.buf.len() - self.pos >= prefix + len)
            }
        }
    }

    /// Finds the next whole frame, returns its start in `buf` and its
    /// length, and moves `pos` past it.
    #[inline(always)]
    fn next_span(&mut self) -> Result<Option<(usize, usize)>> {
        self.decrypt_new();
        let avail = self.buf.len() - self.pos;
        let Some((len, prefix)) = frame_length(&self.buf[self.pos..])? else {
            return Ok(None);
        };
        check_frame_len(len, self.limits)?;
        if avail < prefix + len {
            self.make_room(prefix + len - avail);
            return Ok(None);
        }
        let start = self.pos + prefix;
        self.pos = start + len;
        Ok(Some((start, len)))
    }
}

/// The packet (id + body) in a borrowed frame: the frame itself without
/// compression, else its data after the Data Length, inflated into
/// `inflated` when compressed.
#[inline(always)]
fn packet_of_frame<'a>(
    frame: &'a [u8],
    threshold: Option<usize>,
    limits: FrameLimits,
    inflate: &mut Inflater,
    inflated: &'a mut Vec<u8>,
) -> Result<&'a [u8]> {
    match threshold {
        None => Ok(frame),
        Some(threshold) => compressed_packet(frame, threshold, limits, inflate, inflated),
    }
}

/// [`packet_of_frame`] with compression on. Out of line: inlined, it made
/// `next_frame` too large to inline into the caller's loop, which cost
/// every connection without compression a call per frame.
#[inline(never)]
fn compressed_packet<'a>(
    frame: &'a [u8],
    threshold: usize,
    limits: FrameLimits,
    inflate: &mut Inflater,
    inflated: &'a mut Vec<u8>,
) -> Result<&'a [u8]> {
    match check_compressed(frame, threshold, limits)? {
        (n, None) => Ok(&frame[n..]),
        (n, Some(declared)) => {
            inflate.inflate_into(&frame[n..], declared, inflated)?;
            Ok(inflated)
        }
    }
}

/// Checks a frame length against the limits.
#[inline]
fn check_frame_len(len: usize, limits: FrameLimits) -> Result<()> {
    if len > limits.max_frame_len {
        return fail(ErrorKind::FrameTooLarge {
            len,
            max: limits.max_frame_len,
        });
    }
    if len == 0 {
        return fail(ErrorKind::UnexpectedEof {
            what: "packet id (empty frame)",
            needed: 1,
            remaining: 0,
        });
    }
    Ok(())
}

/// Reads the Data Length of a compressed-format frame and checks it:
/// returns its size in bytes and, if the packet is compressed, its declared
/// uncompressed size.
#[inline]
fn check_compressed(
    frame: &[u8],
    threshold: usize,
    limits: FrameLimits,
) -> Result<(usize, Option<usize>)> {
    let (declared, n) =
        crate::types::varint::decode_varint(frame).map_err(|e| e.at("frame.data_length"))?;
    if declared == 0 {
        if frame.len() == n {
            // Uncompressed, but no packet id: as for an empty frame.
            return fail(ErrorKind::UnexpectedEof {
                what: "packet id (empty frame)",
                needed: 1,
                remaining: 0,
            });
        }
        return Ok((n, None));
    }
    let declared = usize::try_from(declared).map_err(|_| {
        Error::new(ErrorKind::NegativeLength {
            len: i64::from(declared),
        })
    })?;
    if declared < threshold {
        return fail(ErrorKind::BelowThreshold {
            declared,
            threshold,
        });
    }
    if declared > limits.max_uncompressed_len {
        return fail(ErrorKind::FrameTooLarge {
            len: declared,
            max: limits.max_uncompressed_len,
        });
    }
    Ok((n, Some(declared)))
}

/// Reads a frame length prefix: `Ok(None)` if incomplete.
#[inline]
pub(super) fn frame_length(buf: &[u8]) -> Result<Option<(usize, usize)>> {
    if let Some(&b) = buf.first()
        && b < 0x80
    {
        return Ok(Some((usize::from(b), 1)));
    }
    frame_length_multi(buf)
}

fn frame_length_multi(buf: &[u8]) -> Result<Option<(usize, usize)>> {
    let mut value: usize = 0;
    for i in 0..3 {
        let Some(&b) = buf.get(i) else {
            return Ok(None);
        };
        value |= usize::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Ok(Some((value, i + 1)));
        }
    }
    fail(ErrorKind::VarIntTooLong {
        what: "frame length",
        max_bytes: 3,
    })
}

/// Smallest buffer growth while a frame is incomplete.
const MIN_RESERVE: usize = 8 * 1024;

/// Room for the rest of an incomplete frame, but never more than doubling
/// what was received: a length prefix alone reserves little.
#[cold]
fn reserve_for_frame(buf: &mut BytesMut, missing: usize) {
    buf.reserve(missing.min(buf.len().max(MIN_RESERVE)));
}
