//! Inflating compressed frames, with memory that follows what a stream
//! really produces.

use libdeflater::{DecompressionError, Decompressor};

use crate::error::ErrorKind;
use crate::error::{Result, fail};

/// The first output buffer for a compressed frame is at most this many
/// times its compressed size (plus [`MIN_INFLATE`]), or the declared size if
/// smaller; vanilla's chunk columns fit. A frame that would inflate further
/// is inflated again into a buffer twice as large, so the memory a frame
/// costs follows what its stream really produces, not what it declares.
pub(super) const FIRST_INFLATE_RATIO: usize = 64;

/// Smallest first output buffer.
pub(super) const MIN_INFLATE: usize = 4 * 1024;

/// The largest output buffer a decoder keeps between borrowed frames.
pub(super) const KEEP_INFLATED: usize = 1024 * 1024;

/// The decoder's inflater, made on the first compressed frame. libdeflate
/// decompresses whole buffers (2x zlib-rs here), which suits frames: their
/// size is declared up front.
#[derive(Default)]
pub(super) struct Inflater(Option<Decompressor>);

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
    pub(super) fn inflate_into(
        &mut self,
        input: &[u8],
        declared: usize,
        out: &mut Vec<u8>,
    ) -> Result<()> {
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
