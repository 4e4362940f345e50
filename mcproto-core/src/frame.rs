//! Packet framing: length prefix, compression and encryption, sans-IO.
//!
//! ```text
//! without compression            with compression (after Set Compression)
//! +--------+------------------+  +--------+-------------+---------------------------+
//! | Length | Packet ID + Data |  | Length | Data Length | Packet ID + Data          |
//! | VarInt | Length bytes     |  | VarInt | VarInt      | zlib if Data Length != 0  |
//! +--------+------------------+  +--------+-------------+---------------------------+
//! ```
//!
//! Encryption (AES-128/CFB8 after the Encryption Response) applies to the
//! whole byte stream underneath. [`FrameDecoder`] takes bytes in whatever
//! pieces they arrive and yields whole packets (id + body) as [`Bytes`];
//! [`FrameEncoder`] does the reverse. Both are plain values with no I/O, so
//! the sync, tokio and `tokio_util::codec` adapters share them, and a read
//! that is cancelled loses nothing: bytes live in the decoder's buffer.

use bytes::{Buf, BufMut, Bytes, BytesMut};
use flate2::{Compress, Compression, FlushCompress, Status};
use libdeflater::{DecompressionError, Decompressor};

use crate::error::{Error, ErrorKind, Result, fail};
use crate::types::varint::{varint_bytes, varint_len};

/// Limits a frame decoder enforces; the defaults are vanilla's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameLimits {
    /// Largest frame (after the length prefix): 2097151, the most a 3-byte VarInt holds.
    pub max_frame_len: usize,
    /// Largest declared uncompressed size of a compressed packet: 8 MiB.
    pub max_uncompressed_len: usize,
}

impl Default for FrameLimits {
    fn default() -> Self {
        FrameLimits {
            max_frame_len: MAX_FRAME_LEN,
            max_uncompressed_len: MAX_UNCOMPRESSED_LEN,
        }
    }
}

/// Largest frame vanilla accepts (3-byte VarInt).
pub const MAX_FRAME_LEN: usize = 2_097_151;
/// Largest uncompressed packet accepted by default (2^23).
pub const MAX_UNCOMPRESSED_LEN: usize = 8 * 1024 * 1024;

#[cfg(feature = "encryption")]
type Decryptor = cfb8::Decryptor<aes::Aes128>;
#[cfg(feature = "encryption")]
type Encryptor = cfb8::Encryptor<aes::Aes128>;

/// Splits a byte stream into packets.
///
/// Frames come out either as [`Bytes`] ([`try_next`](Self::try_next)),
/// which share the receive buffer, or borrowed
/// ([`next_frame`](Self::next_frame)), which costs no reference count and
/// no allocation: a borrowed frame is valid until the next call.
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

    /// Drops the frames already returned by `next_frame`.
    #[inline]
    fn compact(&mut self) {
        if self.pos > 0 {
            self.buf.advance(self.pos);
            self.decrypted = self.decrypted.saturating_sub(self.pos);
            self.pos = 0;
        }
    }

    /// The next whole packet (id + body), or `None` until more bytes arrive.
    pub fn try_next(&mut self) -> Result<Option<Bytes>> {
        let Some((start, len)) = self.next_span()? else {
            return Ok(None);
        };
        self.buf.advance(start);
        let frame = self.buf.split_to(len).freeze();
        self.decrypted = self.decrypted.saturating_sub(start + len);
        self.pos = 0;
        match self.threshold {
            None => Ok(Some(frame)),
            Some(threshold) => self.decompress(frame, threshold).map(Some),
        }
    }

    /// The next whole packet (id + body), borrowed from the decoder: no
    /// reference count, no allocation (a compressed packet is inflated into
    /// a buffer the decoder reuses). It is valid until the next call; decode
    /// it with a [`Reader`](crate::Reader) to get borrowed (`&str`, `&[u8]`)
    /// or copied fields. `None` until more bytes arrive.
    #[inline]
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

    /// The frames buffered now, borrowed one after another: the same frames
    /// as repeated [`next_frame`](Self::next_frame) calls, with the read
    /// position kept in the iterator (a register) instead of the decoder.
    ///
    /// ```
    /// # use mcproto_core::frame::FrameDecoder;
    /// let mut dec = FrameDecoder::new();
    /// dec.feed(&[2, 0x00, 0x2a, 1, 0x03]);
    /// let mut frames = dec.frames();
    /// let mut ids = Vec::new();
    /// while let Some(frame) = frames.next_frame()? {
    ///     ids.push(frame[0]);
    /// }
    /// assert_eq!(ids, [0x00, 0x03]);
    /// # Ok::<(), mcproto_core::Error>(())
    /// ```
    pub fn frames(&mut self) -> Frames<'_> {
        self.decrypt_new();
        Frames {
            pos: self.pos,
            threshold: self.threshold,
            limits: self.limits,
            dec: self,
        }
    }

    /// Finds the next whole frame, returns its start in `buf` and its
    /// length, and moves `pos` past it.
    #[inline]
    fn next_span(&mut self) -> Result<Option<(usize, usize)>> {
        self.decrypt_new();
        let avail = self.buf.len() - self.pos;
        let Some((len, prefix)) = frame_length(&self.buf[self.pos..])? else {
            return Ok(None);
        };
        check_frame_len(len, self.limits)?;
        if avail < prefix + len {
            self.compact();
            reserve_for_frame(&mut self.buf, prefix + len - avail);
            return Ok(None);
        }
        let start = self.pos + prefix;
        self.pos = start + len;
        Ok(Some((start, len)))
    }

    fn decompress(&mut self, mut frame: Bytes, threshold: usize) -> Result<Bytes> {
        match check_compressed(&frame, threshold, self.limits)? {
            (n, None) => {
                frame.advance(n);
                Ok(frame)
            }
            (n, Some(declared)) => {
                let mut out = Vec::new();
                self.inflate.inflate_into(&frame[n..], declared, &mut out)?;
                Ok(Bytes::from(out))
            }
        }
    }
}

/// Borrowed frames from a [`FrameDecoder`]; see [`FrameDecoder::frames`].
/// The decoder takes the read position back when this is dropped.
#[derive(Debug)]
pub struct Frames<'d> {
    dec: &'d mut FrameDecoder,
    pos: usize,
    // Copies of the decoder's settings, which cannot change meanwhile.
    threshold: Option<usize>,
    limits: FrameLimits,
}

impl Frames<'_> {
    /// The next whole frame (id + body), valid until the next call; `None`
    /// once the buffered bytes hold no whole frame.
    #[inline]
    pub fn next_frame(&mut self) -> Result<Option<&[u8]>> {
        let buf = &self.dec.buf[..];
        let Some((len, prefix)) = frame_length(&buf[self.pos..])? else {
            return Ok(None);
        };
        let limits = self.limits;
        check_frame_len(len, limits)?;
        let start = self.pos + prefix;
        if buf.len() - start < len {
            // Incomplete: let the decoder make room for the rest.
            self.dec.pos = self.pos;
            self.dec.compact();
            self.pos = 0;
            let missing = prefix + len - self.dec.buf.len();
            reserve_for_frame(&mut self.dec.buf, missing);
            return Ok(None);
        }
        self.pos = start + len;
        let dec = &mut *self.dec;
        packet_of_frame(
            &dec.buf[start..start + len],
            self.threshold,
            limits,
            &mut dec.inflate,
            &mut dec.inflated,
        )
        .map(Some)
    }
}

impl Drop for Frames<'_> {
    fn drop(&mut self) {
        self.dec.pos = self.pos;
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
    let Some(threshold) = threshold else {
        return Ok(frame);
    };
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
fn frame_length(buf: &[u8]) -> Result<Option<(usize, usize)>> {
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

/// The first output buffer for a compressed frame is at most this many
/// times its compressed size (plus [`MIN_INFLATE`]), or the declared size if
/// smaller; vanilla's chunk columns fit. A frame that would inflate further
/// is inflated again into a buffer twice as large, so the memory a frame
/// costs follows what its stream really produces, not what it declares.
const FIRST_INFLATE_RATIO: usize = 64;

/// Smallest first output buffer.
const MIN_INFLATE: usize = 4 * 1024;

/// The largest output buffer a decoder keeps between borrowed frames.
const KEEP_INFLATED: usize = 1024 * 1024;

/// The decoder's inflater, made on the first compressed frame. libdeflate
/// decompresses whole buffers (2x zlib-rs here), which suits frames: their
/// size is declared up front.
#[derive(Default)]
struct Inflater(Option<Decompressor>);

impl std::fmt::Debug for Inflater {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Inflater").field(&self.0.is_some()).finish()
    }
}

impl Inflater {
    /// Inflates `input`, which must hold exactly `declared` bytes, into
    /// `out` (replacing its contents); never produces more than `declared`
    /// bytes, however much the stream would give. Like vanilla's
    /// `Inflater`, it checks the Adler-32 and ignores bytes after the end of
    /// the zlib stream.
    fn inflate_into(&mut self, input: &[u8], declared: usize, out: &mut Vec<u8>) -> Result<()> {
        let inflate = self.0.get_or_insert_with(Decompressor::new);
        let mut cap = declared.min(
            input
                .len()
                .saturating_mul(FIRST_INFLATE_RATIO)
                .saturating_add(MIN_INFLATE),
        );
        if out.capacity() > KEEP_INFLATED && cap <= KEEP_INFLATED {
            // A reused buffer does not keep the memory of one large frame.
            *out = Vec::new();
        }
        loop {
            out.clear();
            out.resize(cap, 0);
            match inflate.zlib_decompress(input, out) {
                Ok(n) if n == declared => return Ok(()),
                Ok(n) => {
                    out.truncate(n);
                    return fail(ErrorKind::SizeMismatch {
                        declared,
                        actual: n,
                        more: false,
                    });
                }
                // The stream really produced `cap` bytes: room for more.
                Err(DecompressionError::InsufficientSpace) if cap < declared => {
                    cap = declared.min(cap.saturating_mul(2));
                }
                Err(DecompressionError::InsufficientSpace) => {
                    return fail(ErrorKind::SizeMismatch {
                        declared,
                        actual: declared,
                        more: true,
                    });
                }
                Err(DecompressionError::BadData) => return fail(ErrorKind::BadCompression),
            }
        }
    }
}

/// Frames packets, compressing and encrypting as configured.
pub struct FrameEncoder {
    threshold: Option<usize>,
    level: Compression,
    // Made on the first packet to compress: zlib's deflate state takes a
    // few hundred KiB, which a connection without compression never pays.
    deflate: Option<Compress>,
    scratch: Vec<u8>,
    max_frame_len: usize,
    #[cfg(feature = "encryption")]
    cipher: Option<Encryptor>,
}

impl std::fmt::Debug for FrameEncoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FrameEncoder")
            .field("threshold", &self.threshold)
            .field("level", &self.level.level())
            .finish()
    }
}

impl Default for FrameEncoder {
    fn default() -> Self {
        Self::new()
    }
}

impl FrameEncoder {
    /// An encoder with no compression or encryption.
    pub fn new() -> Self {
        let level = Compression::new(4);
        FrameEncoder {
            threshold: None,
            level,
            deflate: None,
            scratch: Vec::new(),
            max_frame_len: MAX_FRAME_LEN,
            #[cfg(feature = "encryption")]
            cipher: None,
        }
    }

    /// Switches the compressed framing on (`Some(threshold)`) or off.
    pub fn set_compression(&mut self, threshold: Option<usize>) {
        self.threshold = threshold;
    }

    /// The compression threshold in force.
    pub fn compression(&self) -> Option<usize> {
        self.threshold
    }

    /// zlib level (0–9; default 4).
    pub fn set_level(&mut self, level: u32) {
        self.level = Compression::new(level.min(9));
        self.deflate = None;
    }

    /// Encrypts everything written from now on.
    #[cfg(feature = "encryption")]
    pub fn enable_encryption(&mut self, shared_secret: &[u8; 16]) {
        use aes::cipher::KeyIvInit;
        self.cipher = Some(Encryptor::new(shared_secret.into(), shared_secret.into()));
    }

    /// Appends one framed packet (`packet` = id + body) to `out`. A packet
    /// is compressed when it is at least the threshold long, as vanilla does.
    pub fn encode(&mut self, packet: &[u8], out: &mut BytesMut) -> Result<()> {
        let start = out.len();
        match self.threshold {
            None => {
                self.check_len(packet.len())?;
                put_varint_buf(out, packet.len());
                out.extend_from_slice(packet);
            }
            Some(t) if packet.len() < t => {
                self.check_len(packet.len() + 1)?;
                put_varint_buf(out, packet.len() + 1);
                out.put_u8(0);
                out.extend_from_slice(packet);
            }
            Some(_) => {
                self.scratch.clear();
                self.scratch.reserve(packet.len() / 2 + 64);
                let level = self.level;
                let deflate = self
                    .deflate
                    .get_or_insert_with(|| Compress::new(level, true));
                deflate.reset();
                loop {
                    let consumed = deflate.total_in() as usize;
                    let status = deflate
                        .compress_vec(
                            &packet[consumed..],
                            &mut self.scratch,
                            FlushCompress::Finish,
                        )
                        .map_err(|_| Error::new(ErrorKind::BadCompression))?;
                    if status == Status::StreamEnd {
                        break;
                    }
                    self.scratch.reserve(self.scratch.capacity().max(64));
                }
                let data_len = varint_len(packet.len() as i32);
                self.check_len(data_len + self.scratch.len())?;
                put_varint_buf(out, data_len + self.scratch.len());
                put_varint_buf(out, packet.len());
                out.extend_from_slice(&self.scratch);
            }
        }
        #[cfg(feature = "encryption")]
        if let Some(c) = &mut self.cipher {
            c.encrypt(&mut out[start..]);
        }
        #[cfg(not(feature = "encryption"))]
        let _ = start;
        Ok(())
    }

    fn check_len(&self, len: usize) -> Result<()> {
        if len > self.max_frame_len {
            return fail(ErrorKind::FrameTooLarge {
                len,
                max: self.max_frame_len,
            });
        }
        Ok(())
    }
}

fn put_varint_buf(out: &mut BytesMut, v: usize) {
    let (tmp, n) = varint_bytes(v as i32);
    out.extend_from_slice(&tmp[..n]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::varint::put_varint;

    fn frames(dec: &mut FrameDecoder) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        while let Some(f) = dec.try_next().unwrap() {
            out.push(f.to_vec());
        }
        out
    }

    fn borrowed_frames(dec: &mut FrameDecoder) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        while let Some(f) = dec.next_frame().unwrap() {
            out.push(f.to_vec());
        }
        out
    }

    #[test]
    fn borrowed_and_shared_frames_agree() {
        let packets: Vec<Vec<u8>> = (1..60)
            .map(|n| (0..n * 11).map(|i| (i % 7) as u8).collect())
            .collect();
        for threshold in [None, Some(64)] {
            let mut enc = FrameEncoder::new();
            enc.set_compression(threshold);
            let mut stream = BytesMut::new();
            for p in &packets {
                enc.encode(p, &mut stream).unwrap();
            }
            // All at once, alternating the two kinds of frame.
            let mut dec = FrameDecoder::new();
            dec.set_compression(threshold);
            dec.feed(&stream);
            let mut got = Vec::new();
            for i in 0.. {
                let f = if i % 2 == 0 {
                    dec.next_frame().unwrap().map(<[u8]>::to_vec)
                } else {
                    dec.try_next().unwrap().map(|b| b.to_vec())
                };
                match f {
                    Some(f) => got.push(f),
                    None => break,
                }
            }
            assert_eq!(got, packets);
            assert_eq!(dec.buffered(), 0);
            // Through the iterator, in pieces of 7 bytes.
            let mut dec = FrameDecoder::new();
            dec.set_compression(threshold);
            let mut got = Vec::new();
            for piece in stream.chunks(7) {
                dec.feed(piece);
                let mut frames = dec.frames();
                while let Some(f) = frames.next_frame().unwrap() {
                    got.push(f.to_vec());
                }
            }
            assert_eq!(got, packets);
            assert_eq!(dec.buffered(), 0);
            // In pieces of 5 bytes.
            let mut dec = FrameDecoder::new();
            dec.set_compression(threshold);
            let mut got = Vec::new();
            for piece in stream.chunks(5) {
                dec.feed(piece);
                got.extend(borrowed_frames(&mut dec));
            }
            assert_eq!(got, packets);
        }
    }

    #[test]
    fn plain_frames_golden() {
        // Length 3, then id 00 and two bytes.
        let mut enc = FrameEncoder::new();
        let mut out = BytesMut::new();
        enc.encode(&[0x00, 0xaa, 0xbb], &mut out).unwrap();
        assert_eq!(&out[..], [0x03, 0x00, 0xaa, 0xbb]);
        let mut dec = FrameDecoder::new();
        dec.feed(&out);
        assert_eq!(frames(&mut dec), vec![vec![0x00, 0xaa, 0xbb]]);
    }

    #[test]
    fn byte_by_byte_equals_all_at_once() {
        let mut enc = FrameEncoder::new();
        enc.set_compression(Some(16));
        let packets: Vec<Vec<u8>> = (0..40)
            .map(|n| (0..n * 7).map(|i| (i % 251) as u8).collect())
            .collect();
        let mut stream = BytesMut::new();
        for p in packets.iter().filter(|p| !p.is_empty()) {
            enc.encode(p, &mut stream).unwrap();
        }
        let expected: Vec<Vec<u8>> = packets.into_iter().filter(|p| !p.is_empty()).collect();
        let mut all = FrameDecoder::new();
        all.set_compression(Some(16));
        all.feed(&stream);
        assert_eq!(frames(&mut all), expected);
        let mut one = FrameDecoder::new();
        one.set_compression(Some(16));
        let mut got = Vec::new();
        for b in stream.iter() {
            one.feed(&[*b]);
            got.extend(frames(&mut one));
        }
        assert_eq!(got, expected);
    }

    #[test]
    fn threshold_edges() {
        // Below the threshold: Data Length 0 and the raw packet.
        let mut enc = FrameEncoder::new();
        enc.set_compression(Some(4));
        let mut out = BytesMut::new();
        enc.encode(&[1, 2, 3], &mut out).unwrap();
        assert_eq!(&out[..], [0x04, 0x00, 1, 2, 3]);
        // At the threshold: compressed, Data Length 4.
        let mut out = BytesMut::new();
        enc.encode(&[1, 2, 3, 4], &mut out).unwrap();
        assert_eq!(out[1], 0x04);
        let mut dec = FrameDecoder::new();
        dec.set_compression(Some(4));
        dec.feed(&out);
        assert_eq!(frames(&mut dec), vec![vec![1, 2, 3, 4]]);
        // A compressed packet declaring less than the threshold is rejected.
        let mut dec = FrameDecoder::new();
        dec.set_compression(Some(5));
        dec.feed(&out);
        assert!(matches!(
            dec.try_next().unwrap_err().kind(),
            ErrorKind::BelowThreshold {
                declared: 4,
                threshold: 5
            }
        ));
    }

    #[test]
    fn every_size_around_the_threshold_round_trips() {
        for threshold in [0usize, 1, 64, 256] {
            for len in threshold.saturating_sub(3).max(1)..=threshold + 3 {
                let packet: Vec<u8> = (0..len).map(|i| (i * 31 % 256) as u8).collect();
                let mut enc = FrameEncoder::new();
                enc.set_compression(Some(threshold));
                let mut out = BytesMut::new();
                enc.encode(&packet, &mut out).unwrap();
                // The Data Length after the frame length: 0 below the
                // threshold, the size at or above it.
                let (_, prefix) = frame_length(&out).unwrap().unwrap();
                let (declared, _) = crate::types::varint::decode_varint(&out[prefix..]).unwrap();
                let expected = if len >= threshold { len as i32 } else { 0 };
                assert_eq!(declared, expected, "threshold {threshold}, size {len}");
                let mut dec = FrameDecoder::new();
                dec.set_compression(Some(threshold));
                dec.feed(&out);
                assert_eq!(
                    frames(&mut dec),
                    vec![packet],
                    "threshold {threshold}, size {len}"
                );
            }
        }
    }

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut c = Compress::new(Compression::new(6), true);
        let mut out = Vec::with_capacity(data.len() + 64);
        c.compress_vec(data, &mut out, FlushCompress::Finish)
            .unwrap();
        out
    }

    fn compressed_frame(declared: usize, zdata: &[u8]) -> Vec<u8> {
        let mut body = Vec::new();
        put_varint(&mut body, declared as i32);
        body.extend_from_slice(zdata);
        let mut frame = Vec::new();
        put_varint(&mut frame, body.len() as i32);
        frame.extend(body);
        frame
    }

    #[test]
    fn declared_size_must_match() {
        let z = zlib(&[7; 100]);
        for (declared, more) in [(99, true), (101, false)] {
            let mut dec = FrameDecoder::new();
            dec.set_compression(Some(1));
            dec.feed(&compressed_frame(declared, &z));
            let e = dec.try_next().unwrap_err();
            assert!(
                matches!(e.kind(), ErrorKind::SizeMismatch { declared: d, more: m, .. } if *d == declared && *m == more),
                "{e}"
            );
        }
    }

    #[test]
    fn corrupt_streams_are_errors_and_trailing_bytes_are_ignored() {
        let mut z = zlib(&[9; 300]);
        // As vanilla's Inflater: bytes after the zlib stream are not read.
        let mut trailing = z.clone();
        trailing.extend_from_slice(b"junk");
        let mut dec = FrameDecoder::new();
        dec.set_compression(Some(256));
        dec.feed(&compressed_frame(300, &trailing));
        assert_eq!(dec.next_frame().unwrap(), Some(&[9u8; 300][..]));
        // A wrong checksum, a truncated stream.
        let last = z.len() - 1;
        z[last] ^= 1;
        for bad in [z.clone(), z[..z.len() / 2].to_vec()] {
            let mut dec = FrameDecoder::new();
            dec.set_compression(Some(256));
            dec.feed(&compressed_frame(300, &bad));
            assert!(matches!(
                dec.try_next().unwrap_err().kind(),
                ErrorKind::BadCompression
            ));
        }
    }

    /// Frames whose declared size is far above their compressed size are
    /// inflated in several passes; they must give the answers of one pass.
    #[test]
    fn frames_of_any_ratio_inflate_alike() {
        let data = vec![0u8; 512 * 1024];
        let z = zlib(&data);
        assert!(data.len() > 4 * (z.len() * FIRST_INFLATE_RATIO + MIN_INFLATE));
        let run = |declared: usize, zdata: &[u8]| {
            let mut dec = FrameDecoder::new();
            dec.set_compression(Some(256));
            dec.feed(&compressed_frame(declared, zdata));
            dec.try_next().map(|f| f.unwrap().to_vec())
        };
        assert_eq!(run(data.len(), &z).unwrap(), data);
        let mut trailing = z.clone();
        trailing.extend_from_slice(b"junk");
        assert_eq!(run(data.len(), &trailing).unwrap(), data);
        for (declared, more) in [(data.len() - 1, true), (data.len() + 1, false)] {
            let e = run(declared, &z).unwrap_err();
            assert!(
                matches!(e.kind(), ErrorKind::SizeMismatch { declared: d, more: m, .. } if *d == declared && *m == more),
                "{e}"
            );
        }
        let mut bad = z.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert!(matches!(
            run(data.len(), &bad).unwrap_err().kind(),
            ErrorKind::BadCompression
        ));
        // A frame declaring a large size but inflating to little fails
        // with the size it really produced.
        let small = zlib(&[5; 300]);
        let e = run(1 << 20, &small).unwrap_err();
        assert!(
            matches!(
                e.kind(),
                ErrorKind::SizeMismatch {
                    actual: 300,
                    more: false,
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn a_large_borrowed_frame_is_not_kept_in_memory() {
        let large = vec![3u8; 4 * KEEP_INFLATED];
        let mut dec = FrameDecoder::new();
        dec.set_compression(Some(256));
        dec.feed(&compressed_frame(large.len(), &zlib(&large)));
        dec.feed(&compressed_frame(300, &zlib(&[4; 300])));
        assert_eq!(dec.next_frame().unwrap().unwrap().len(), large.len());
        assert!(dec.inflated.capacity() >= large.len());
        assert_eq!(dec.next_frame().unwrap(), Some(&[4u8; 300][..]));
        assert!(dec.inflated.capacity() <= KEEP_INFLATED);
    }

    #[test]
    fn zip_bomb_stops_at_the_limit() {
        // 16 MiB of zeros compress to ~16 KiB; the declared size is honest
        // but over the 8 MiB limit, so nothing is inflated.
        let z = zlib(&vec![0u8; 16 * 1024 * 1024]);
        let mut dec = FrameDecoder::new();
        dec.set_compression(Some(256));
        dec.feed(&compressed_frame(16 * 1024 * 1024, &z));
        assert!(matches!(
            dec.try_next().unwrap_err().kind(),
            ErrorKind::FrameTooLarge { .. }
        ));
        // Declared small, inflating large: stops after the declared size.
        let mut dec = FrameDecoder::new();
        dec.set_compression(Some(256));
        dec.feed(&compressed_frame(1000, &z));
        assert!(matches!(
            dec.try_next().unwrap_err().kind(),
            ErrorKind::SizeMismatch { more: true, .. }
        ));
    }

    #[test]
    fn frame_length_limits() {
        let mut dec = FrameDecoder::new();
        dec.feed(&[0xff, 0xff, 0xff, 0x01]);
        assert!(matches!(
            dec.try_next().unwrap_err().kind(),
            ErrorKind::VarIntTooLong { max_bytes: 3, .. }
        ));
        let mut dec = FrameDecoder::with_limits(FrameLimits {
            max_frame_len: 10,
            ..FrameLimits::default()
        });
        dec.feed(&[11]);
        assert!(matches!(
            dec.try_next().unwrap_err().kind(),
            ErrorKind::FrameTooLarge { len: 11, max: 10 }
        ));
        let mut dec = FrameDecoder::new();
        dec.feed(&[0]);
        assert!(dec.try_next().is_err());
    }

    #[cfg(feature = "encryption")]
    #[test]
    fn cfb8_known_answer() {
        // AES-128/CFB8 vector: key = IV = 00..0f,
        // plaintext 0f002f1048656c6c6f -> ciphertext 05441c2fbecb785208.
        let key: [u8; 16] = std::array::from_fn(|i| i as u8);
        let cipher = [0x05, 0x44, 0x1c, 0x2f, 0xbe, 0xcb, 0x78, 0x52, 0x08];
        let plain = [0x0f, 0x00, 0x2f, 0x10, 0x48, 0x65, 0x6c, 0x6c, 0x6f];
        // Fed in two pieces (3 + 6): the cipher state carries across.
        let mut dec = FrameDecoder::new();
        dec.enable_encryption(&key);
        dec.feed(&cipher[..3]);
        assert!(dec.try_next().unwrap().is_none());
        dec.feed(&cipher[3..]);
        // The frame declares 15 bytes, so it is incomplete; the buffer holds
        // the decrypted bytes.
        assert!(dec.try_next().unwrap().is_none());
        assert_eq!(&dec.take_buffered()[..], plain);
    }

    #[cfg(feature = "encryption")]
    #[test]
    fn encrypted_and_compressed_round_trip() {
        let key = [7u8; 16];
        let mut enc = FrameEncoder::new();
        let mut dec = FrameDecoder::new();
        let mut wire = BytesMut::new();
        // One packet in clear, then encryption and compression on both ends.
        enc.encode(&[1, 2], &mut wire).unwrap();
        let clear = wire.split();
        dec.feed(&clear);
        assert_eq!(frames(&mut dec), vec![vec![1, 2]]);
        enc.enable_encryption(&key);
        enc.set_compression(Some(8));
        let packets = [vec![3u8; 4], vec![4u8; 300], vec![5u8; 8]];
        for p in &packets {
            enc.encode(p, &mut wire).unwrap();
        }
        let mut borrowed = FrameDecoder::new();
        borrowed.feed(&clear);
        assert_eq!(borrowed.next_frame().unwrap(), Some(&[1u8, 2][..]));
        // Switched on right after a borrowed frame was returned.
        borrowed.enable_encryption(&key);
        borrowed.set_compression(Some(8));
        borrowed.feed(&wire);
        assert_eq!(borrowed_frames(&mut borrowed), packets.to_vec());
        dec.enable_encryption(&key);
        dec.set_compression(Some(8));
        dec.feed(&wire);
        assert_eq!(frames(&mut dec), packets.to_vec());
    }
}
