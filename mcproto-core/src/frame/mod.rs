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
//! pieces they arrive and yields whole packets (id + body), borrowed;
//! [`FrameEncoder`] does the reverse. Both are plain values with no I/O, so
//! the sync, tokio and `tokio_util::codec` adapters share them, and a read
//! that is cancelled loses nothing: bytes live in the decoder's buffer.

mod decoder;
mod encoder;
mod inflate;

pub use decoder::FrameDecoder;
pub use encoder::FrameEncoder;

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

#[cfg(test)]
mod tests {
    use super::decoder::frame_length;
    use super::inflate::{FIRST_INFLATE_RATIO, KEEP_INFLATED, MIN_INFLATE};
    use super::*;
    use crate::error::{ErrorKind, Result};
    use crate::types::varint::put_varint;
    use bytes::BytesMut;
    use flate2::{Compress, Compression, FlushCompress};

    fn frames(dec: &mut FrameDecoder) -> Vec<Vec<u8>> {
        borrowed_frames(dec)
    }

    /// The next frame, copied.
    fn next(dec: &mut FrameDecoder) -> Result<Option<Vec<u8>>> {
        dec.next_frame().map(|f| f.map(<[u8]>::to_vec))
    }

    fn borrowed_frames(dec: &mut FrameDecoder) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        while let Some(f) = dec.next_frame().unwrap() {
            out.push(f.to_vec());
        }
        out
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
            next(&mut dec).unwrap_err().kind(),
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
            let e = next(&mut dec).unwrap_err();
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
                next(&mut dec).unwrap_err().kind(),
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
            next(&mut dec).map(|f| f.unwrap().to_vec())
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
        assert!(dec.inflated_capacity() >= large.len());
        assert_eq!(dec.next_frame().unwrap(), Some(&[4u8; 300][..]));
        assert!(dec.inflated_capacity() <= KEEP_INFLATED);
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
            next(&mut dec).unwrap_err().kind(),
            ErrorKind::FrameTooLarge { .. }
        ));
        // Declared small, inflating large: stops after the declared size.
        let mut dec = FrameDecoder::new();
        dec.set_compression(Some(256));
        dec.feed(&compressed_frame(1000, &z));
        assert!(matches!(
            next(&mut dec).unwrap_err().kind(),
            ErrorKind::SizeMismatch { more: true, .. }
        ));
    }

    #[test]
    fn frame_length_limits() {
        let mut dec = FrameDecoder::new();
        dec.feed(&[0xff, 0xff, 0xff, 0x01]);
        assert!(matches!(
            next(&mut dec).unwrap_err().kind(),
            ErrorKind::VarIntTooLong { max_bytes: 3, .. }
        ));
        let mut dec = FrameDecoder::with_limits(FrameLimits {
            max_frame_len: 10,
            ..FrameLimits::default()
        });
        dec.feed(&[11]);
        assert!(matches!(
            next(&mut dec).unwrap_err().kind(),
            ErrorKind::FrameTooLarge { len: 11, max: 10 }
        ));
        let mut dec = FrameDecoder::new();
        dec.feed(&[0]);
        assert!(next(&mut dec).is_err());
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
        assert!(next(&mut dec).unwrap().is_none());
        dec.feed(&cipher[3..]);
        // The frame declares 15 bytes, so it is incomplete; the buffer holds
        // the decrypted bytes.
        assert!(next(&mut dec).unwrap().is_none());
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
