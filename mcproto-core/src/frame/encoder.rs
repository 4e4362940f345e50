//! Framing packets to send: length prefix, compression, encryption.

use std::cell::RefCell;

use bytes::{BufMut, BytesMut};
use flate2::{Compress, Compression, FlushCompress, Status};

use super::MAX_FRAME_LEN;
use crate::error::{Error, ErrorKind, Result, fail};
use crate::types::varint::{varint_bytes, varint_len};

#[cfg(feature = "encryption")]
type Encryptor = cfb8::Encryptor<aes::Aes128>;

thread_local! {
    // The zlib deflate states of this thread, one per level, made on the
    // first packet to compress. A packet is compressed in one call and the
    // state is reset before each, so nothing is kept between packets: every
    // encoder on a thread shares them, and a connection does not hold the
    // few hundred KiB of a deflate state while it is idle.
    static DEFLATE: RefCell<[Option<Compress>; 10]> = const { RefCell::new([const { None }; 10]) };
    // The compressed output of the packet being framed.
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// A scratch buffer above this is not kept for the next packet.
const KEEP_SCRATCH: usize = 256 * 1024;

/// Frames packets, compressing and encrypting as configured.
///
/// The zlib state that compresses is the thread's (one per level), not the
/// encoder's: an encoder is a few dozen bytes, whatever it compressed.
pub struct FrameEncoder {
    threshold: Option<usize>,
    level: Compression,
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
            Some(_) => SCRATCH.with_borrow_mut(|scratch| {
                compress(packet, self.level, scratch)?;
                let data_len = varint_len(packet.len() as i32);
                self.check_len(data_len + scratch.len())?;
                put_varint_buf(out, data_len + scratch.len());
                put_varint_buf(out, packet.len());
                out.extend_from_slice(scratch);
                if scratch.capacity() > KEEP_SCRATCH {
                    *scratch = Vec::new();
                }
                Ok::<(), Error>(())
            })?,
        }
        #[cfg(feature = "encryption")]
        if let Some(c) = &mut self.cipher {
            c.encrypt(&mut out[start..]);
        }
        #[cfg(not(feature = "encryption"))]
        let _ = start;
        Ok(())
    }

    /// Appends a frame made by an encoder with the same compression
    /// threshold and no encryption (length prefix included), encrypting it
    /// if this encoder encrypts: a packet sent to many connections is
    /// compressed once.
    pub fn encode_framed(&mut self, frame: &[u8], out: &mut BytesMut) {
        let start = out.len();
        out.extend_from_slice(frame);
        #[cfg(feature = "encryption")]
        if let Some(c) = &mut self.cipher {
            c.encrypt(&mut out[start..]);
        }
        #[cfg(not(feature = "encryption"))]
        let _ = start;
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

/// `packet` as a zlib stream at `level`, into `scratch` (replacing its
/// contents), with the thread's deflate state.
fn compress(packet: &[u8], level: Compression, scratch: &mut Vec<u8>) -> Result<()> {
    scratch.clear();
    scratch.reserve(packet.len() / 2 + 64);
    DEFLATE.with_borrow_mut(|states| {
        let slot = &mut states[level.level().min(9) as usize];
        let deflate = slot.get_or_insert_with(|| Compress::new(level, true));
        deflate.reset();
        loop {
            let consumed = deflate.total_in() as usize;
            let status = deflate
                .compress_vec(&packet[consumed..], scratch, FlushCompress::Finish)
                .map_err(|_| Error::new(ErrorKind::BadCompression))?;
            if status == Status::StreamEnd {
                return Ok(());
            }
            scratch.reserve(scratch.capacity().max(64));
        }
    })
}

fn put_varint_buf(out: &mut BytesMut, v: usize) {
    let (tmp, n) = varint_bytes(v as i32);
    out.extend_from_slice(&tmp[..n]);
}
