//! Reading and writing packets over `std::io` streams (and, with the
//! `tokio` feature, async streams).
//!
//! [`PacketReader`] and [`PacketWriter`] wrap a stream with a
//! [`FrameDecoder`]/[`FrameEncoder`], so compression and encryption are
//! switched on the framing values they expose. The one-shot functions
//! [`read_packet`] and [`write_packet`] use the plain framing of the
//! handshaking and status states.

use std::io::{Read, Write};

use bytes::{Bytes, BytesMut};

use crate::codec::{Decode, DecodeLimits, Reader};
use crate::error::{Error, ErrorKind, Result};
use crate::frame::{FrameDecoder, FrameEncoder};
use crate::packet::{Packet, decode_packet_from};
use crate::registry::{AnyPacket, DynPacket, Registry};
use crate::state::{Direction, State};
use crate::version::ProtocolVersion;

/// Decodes one packet of type `P` from a whole frame (id + body), with the
/// default [`DecodeLimits`].
pub fn decode_frame<P>(frame: &Bytes, version: ProtocolVersion, strict: bool) -> Result<P>
where
    P: Packet + for<'a> Decode<'a>,
{
    decode_packet_from(&mut Reader::from_bytes(frame, version), strict)
}

/// Reads packets from a byte stream.
#[derive(Debug)]
pub struct PacketReader<R> {
    inner: R,
    decoder: FrameDecoder,
    version: ProtocolVersion,
    strict: bool,
    limits: DecodeLimits,
}

impl<R> PacketReader<R> {
    /// A reader for protocol `version` with plain framing and vanilla's
    /// limits: frame limits on [`PacketReader::decoder_mut`], nested-data
    /// limits with [`PacketReader::set_decode_limits`], trailing bytes an
    /// error unless [`PacketReader::set_strict`] says otherwise.
    pub fn new(inner: R, version: ProtocolVersion) -> Self {
        PacketReader {
            inner,
            decoder: FrameDecoder::new(),
            version,
            strict: true,
            limits: DecodeLimits::default(),
        }
    }

    /// The framing state (compression, encryption, limits).
    pub fn decoder(&self) -> &FrameDecoder {
        &self.decoder
    }

    /// The framing state, to change (compression, encryption, limits).
    pub fn decoder_mut(&mut self) -> &mut FrameDecoder {
        &mut self.decoder
    }

    /// The protocol version packets are decoded for.
    pub fn version(&self) -> ProtocolVersion {
        self.version
    }

    /// Changes the protocol version.
    pub fn set_version(&mut self, version: ProtocolVersion) {
        self.version = version;
    }

    /// With `false`, bytes after a decoded packet are ignored instead of
    /// being an error (for lenient proxies).
    pub fn set_strict(&mut self, strict: bool) {
        self.strict = strict;
    }

    /// Whether bytes after a decoded packet are an error (the default).
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// Replaces the limits on nested data (NBT depth and size) that packets
    /// are decoded with.
    pub fn set_decode_limits(&mut self, limits: DecodeLimits) {
        self.limits = limits;
    }

    /// The limits on nested data in force.
    pub fn decode_limits(&self) -> DecodeLimits {
        self.limits
    }

    /// A reader over `frame` with this reader's version and limits.
    pub fn frame_reader<'a>(&self, frame: &'a Bytes) -> Reader<'a> {
        Reader::from_bytes(frame, self.version).with_limits(self.limits)
    }

    /// The stream.
    pub fn get_ref(&self) -> &R {
        &self.inner
    }

    /// The stream and the framing state.
    pub fn into_parts(self) -> (R, FrameDecoder) {
        (self.inner, self.decoder)
    }

    fn decode_typed<P: Packet + for<'a> Decode<'a>>(&self, frame: &Bytes) -> Result<P> {
        decode_packet_from(&mut self.frame_reader(frame), self.strict)
    }

    fn decode_any(
        &self,
        frame: &Bytes,
        registry: &Registry,
        state: State,
        direction: Direction,
    ) -> Result<AnyPacket> {
        registry.decode_from(state, direction, &mut self.frame_reader(frame), self.strict)
    }
}

fn eof_error(buffered: usize) -> Error {
    if buffered == 0 {
        Error::new(ErrorKind::ConnectionClosed)
    } else {
        Error::new(ErrorKind::TruncatedFrame { buffered })
    }
}

impl<R: Read> PacketReader<R> {
    /// The next frame (packet id + body).
    pub fn read_frame(&mut self) -> Result<Bytes> {
        let mut chunk = [0u8; 8192];
        loop {
            if let Some(frame) = self.decoder.try_next()? {
                return Ok(frame);
            }
            let n = self.inner.read(&mut chunk)?;
            if n == 0 {
                return Err(eof_error(self.decoder.buffered()));
            }
            self.decoder.feed(&chunk[..n]);
        }
    }

    /// The next packet, which must be a `P`.
    pub fn read_packet<P: Packet + for<'a> Decode<'a>>(&mut self) -> Result<P> {
        let frame = self.read_frame()?;
        self.decode_typed(&frame)
    }

    /// The next packet, whatever it is, decoded with `registry`.
    pub fn read_any(
        &mut self,
        registry: &Registry,
        state: State,
        direction: Direction,
    ) -> Result<AnyPacket> {
        let frame = self.read_frame()?;
        self.decode_any(&frame, registry, state, direction)
    }
}

/// Writes packets to a byte stream.
#[derive(Debug)]
pub struct PacketWriter<W> {
    inner: W,
    encoder: FrameEncoder,
    version: ProtocolVersion,
    body: Vec<u8>,
    out: BytesMut,
}

impl<W> PacketWriter<W> {
    /// A writer for protocol `version` with plain framing.
    pub fn new(inner: W, version: ProtocolVersion) -> Self {
        PacketWriter {
            inner,
            encoder: FrameEncoder::new(),
            version,
            body: Vec::new(),
            out: BytesMut::new(),
        }
    }

    /// The framing state (compression, encryption).
    pub fn encoder_mut(&mut self) -> &mut FrameEncoder {
        &mut self.encoder
    }

    /// The protocol version packets are encoded for.
    pub fn version(&self) -> ProtocolVersion {
        self.version
    }

    /// Changes the protocol version.
    pub fn set_version(&mut self, version: ProtocolVersion) {
        self.version = version;
    }

    /// The stream.
    pub fn get_ref(&self) -> &W {
        &self.inner
    }

    /// The stream, mutably (bytes written directly bypass the framing).
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.inner
    }

    /// The stream and the framing state.
    pub fn into_parts(self) -> (W, FrameEncoder) {
        (self.inner, self.encoder)
    }

    /// Frames `packet` into the pending output without writing it.
    pub fn queue<P: Packet>(&mut self, packet: &P) -> Result<()> {
        self.body.clear();
        packet.encode_packet_into(&mut self.body, self.version)?;
        self.encoder.encode(&self.body, &mut self.out)
    }

    /// Frames a packet of any type, with the id `registry` gives it.
    pub fn queue_any(&mut self, packet: &dyn DynPacket, registry: &Registry) -> Result<()> {
        self.body.clear();
        registry.encode_into(packet, &mut self.body)?;
        self.encoder.encode(&self.body, &mut self.out)
    }

    /// Frames an already encoded packet (id + body).
    pub fn queue_raw(&mut self, packet: &[u8]) -> Result<()> {
        self.encoder.encode(packet, &mut self.out)
    }

    /// Bytes framed and not yet written.
    pub fn pending(&self) -> usize {
        self.out.len()
    }
}

impl<W: Write> PacketWriter<W> {
    /// Writes `packet` and flushes.
    pub fn write_packet<P: Packet>(&mut self, packet: &P) -> Result<()> {
        self.queue(packet)?;
        self.flush()
    }

    /// Writes a packet of any type and flushes.
    pub fn write_any(&mut self, packet: &dyn DynPacket, registry: &Registry) -> Result<()> {
        self.queue_any(packet, registry)?;
        self.flush()
    }

    /// Writes everything queued and flushes the stream.
    pub fn flush(&mut self) -> Result<()> {
        self.inner.write_all(&self.out)?;
        self.out.clear();
        self.inner.flush()?;
        Ok(())
    }
}

/// Writes one packet with plain framing (no compression or encryption).
pub fn write_packet<W: Write, P: Packet>(
    w: &mut W,
    packet: &P,
    version: ProtocolVersion,
) -> Result<()> {
    let mut pw = PacketWriter::new(w, version);
    pw.write_packet(packet)
}

/// Reads one packet with plain framing. Bytes after the frame stay unread
/// only if they were not yet received: use a [`PacketReader`] to read more
/// than one packet from a stream.
pub fn read_packet<R: Read, P: Packet + for<'a> Decode<'a>>(
    r: &mut R,
    version: ProtocolVersion,
) -> Result<P> {
    let mut prefix = Vec::with_capacity(3);
    let len = loop {
        let mut b = [0u8; 1];
        if r.read(&mut b)? == 0 {
            return Err(eof_error(prefix.len()));
        }
        prefix.push(b[0]);
        if b[0] & 0x80 == 0 {
            let (len, _) = crate::types::varint::decode_varint(&prefix)?;
            break len;
        }
        if prefix.len() == 3 {
            return Err(Error::new(ErrorKind::VarIntTooLong {
                what: "frame length",
                max_bytes: 3,
            }));
        }
    };
    let len = usize::try_from(len).map_err(|_| {
        Error::new(ErrorKind::NegativeLength {
            len: i64::from(len),
        })
    })?;
    if len > crate::frame::MAX_FRAME_LEN {
        return Err(Error::new(ErrorKind::FrameTooLarge {
            len,
            max: crate::frame::MAX_FRAME_LEN,
        }));
    }
    if len == 0 {
        return Err(Error::new(ErrorKind::UnexpectedEof {
            what: "packet id (empty frame)",
            needed: 1,
            remaining: 0,
        }));
    }
    // The buffer grows with the bytes that arrive, not with the prefix.
    let mut frame = Vec::new();
    r.take(len as u64).read_to_end(&mut frame)?;
    if frame.len() < len {
        return Err(Error::new(ErrorKind::TruncatedFrame {
            buffered: prefix.len() + frame.len(),
        }));
    }
    decode_frame(&Bytes::from(frame), version, true)
}

#[cfg(feature = "tokio")]
pub use self::tokio_io::*;

#[cfg(feature = "tokio")]
mod tokio_io {
    use ::tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
    use bytes::{Bytes, BytesMut};

    use super::{PacketReader, PacketWriter, eof_error};
    use crate::codec::Decode;
    use crate::error::{Error, Result};
    use crate::frame::{FrameDecoder, FrameEncoder};
    use crate::packet::Packet;
    use crate::registry::{AnyPacket, DynPacket, Registry};
    use crate::state::{Direction, State};
    use crate::version::ProtocolVersion;

    impl<R: AsyncRead + Unpin> PacketReader<R> {
        /// The next frame (packet id + body). Cancellation-safe: if the
        /// future is dropped, bytes already received stay buffered.
        pub async fn read_frame_async(&mut self) -> Result<Bytes> {
            loop {
                if let Some(frame) = self.decoder.try_next()? {
                    return Ok(frame);
                }
                let buf = self.decoder.buffer_mut();
                if buf.capacity() - buf.len() < 4096 {
                    buf.reserve(8192);
                }
                let n = self.inner.read_buf(buf).await?;
                if n == 0 {
                    return Err(eof_error(self.decoder.buffered()));
                }
            }
        }

        /// The next packet, which must be a `P`. Cancellation-safe.
        pub async fn read_packet_async<P: Packet + for<'a> Decode<'a>>(&mut self) -> Result<P> {
            let frame = self.read_frame_async().await?;
            self.decode_typed(&frame)
        }

        /// The next packet, whatever it is. Cancellation-safe.
        pub async fn read_any_async(
            &mut self,
            registry: &Registry,
            state: State,
            direction: Direction,
        ) -> Result<AnyPacket> {
            let frame = self.read_frame_async().await?;
            self.decode_any(&frame, registry, state, direction)
        }
    }

    impl<W: AsyncWrite + Unpin> PacketWriter<W> {
        /// Writes `packet` and flushes.
        pub async fn write_packet_async<P: Packet>(&mut self, packet: &P) -> Result<()> {
            self.queue(packet)?;
            self.flush_async().await
        }

        /// Writes a packet of any type and flushes.
        pub async fn write_any_async(
            &mut self,
            packet: &dyn DynPacket,
            registry: &Registry,
        ) -> Result<()> {
            self.queue_any(packet, registry)?;
            self.flush_async().await
        }

        /// Writes everything queued and flushes the stream.
        pub async fn flush_async(&mut self) -> Result<()> {
            self.inner.write_all(&self.out).await?;
            self.out.clear();
            self.inner.flush().await?;
            Ok(())
        }
    }

    /// Writes one packet with plain framing.
    pub async fn write_packet_async<W: AsyncWrite + Unpin, P: Packet>(
        w: &mut W,
        packet: &P,
        version: ProtocolVersion,
    ) -> Result<()> {
        PacketWriter::new(w, version)
            .write_packet_async(packet)
            .await
    }

    /// Reads one packet with plain framing (reads byte by byte up to the end
    /// of the frame, so nothing after it is consumed).
    pub async fn read_packet_async<R: AsyncRead + Unpin, P: Packet + for<'a> Decode<'a>>(
        r: &mut R,
        version: ProtocolVersion,
    ) -> Result<P> {
        let mut dec = FrameDecoder::new();
        loop {
            if let Some(frame) = dec.try_next()? {
                return super::decode_frame(&frame, version, true);
            }
            let mut b = [0u8; 1];
            if r.read(&mut b).await? == 0 {
                return Err(eof_error(dec.buffered()));
            }
            dec.feed(&b);
        }
    }

    /// A `tokio_util` codec: frames in, frames (packet id + body) out.
    ///
    /// Use it with `Framed`; switch compression and encryption through
    /// [`McCodec::decoder_mut`]/[`McCodec::encoder_mut`] (reachable with
    /// `Framed::codec_mut`).
    #[derive(Debug, Default)]
    pub struct McCodec {
        decoder: FrameDecoder,
        encoder: FrameEncoder,
    }

    impl McCodec {
        /// A codec with plain framing.
        pub fn new() -> Self {
            Self::default()
        }

        /// The decoding side.
        pub fn decoder_mut(&mut self) -> &mut FrameDecoder {
            &mut self.decoder
        }

        /// The encoding side.
        pub fn encoder_mut(&mut self) -> &mut FrameEncoder {
            &mut self.encoder
        }
    }

    impl tokio_util::codec::Decoder for McCodec {
        type Item = Bytes;
        type Error = Error;

        fn decode(&mut self, src: &mut BytesMut) -> Result<Option<Bytes>> {
            // The frame decoder keeps its own buffer (it decrypts each byte
            // exactly once), so all input moves there.
            if !src.is_empty() {
                self.decoder.feed(src);
                src.clear();
            }
            self.decoder.try_next()
        }
    }

    impl tokio_util::codec::Encoder<&[u8]> for McCodec {
        type Error = Error;

        fn encode(&mut self, packet: &[u8], dst: &mut BytesMut) -> Result<()> {
            self.encoder.encode(packet, dst)
        }
    }

    impl tokio_util::codec::Encoder<Bytes> for McCodec {
        type Error = Error;

        fn encode(&mut self, packet: Bytes, dst: &mut BytesMut) -> Result<()> {
            self.encoder.encode(&packet, dst)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eof_between_frames_is_closed_inside_is_truncated() {
        let mut r = PacketReader::new(&[][..], ProtocolVersion::V47);
        assert!(r.read_frame().unwrap_err().is_closed());
        let mut r = PacketReader::new(&[5u8, 0, 1][..], ProtocolVersion::V47);
        assert!(matches!(
            r.read_frame().unwrap_err().kind(),
            ErrorKind::TruncatedFrame { buffered: 3 }
        ));
    }

    #[test]
    fn reads_consecutive_frames() {
        let data = [1u8, 0xaa, 2, 0xbb, 0xcc];
        let mut r = PacketReader::new(&data[..], ProtocolVersion::V47);
        assert_eq!(&r.read_frame().unwrap()[..], [0xaa]);
        assert_eq!(&r.read_frame().unwrap()[..], [0xbb, 0xcc]);
        assert!(r.read_frame().unwrap_err().is_closed());
    }
}
