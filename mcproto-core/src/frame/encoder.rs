//! Framing packets to send: length prefix, compression, encryption.

use bytes::{BufMut, BytesMut};
use flate2::{Compress, Compression, FlushCompress, Status};

use super::MAX_FRAME_LEN;
use crate::error::{Error, ErrorKind, Result, fail};
use crate::types::varint::{varint_bytes, varint_len};

#[cfg(feature = "encryption")]
type Encryptor = cfb8::Encryptor<aes::Aes128>;

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
