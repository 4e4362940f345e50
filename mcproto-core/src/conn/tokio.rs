//! Connections over tokio streams, and the `tokio_util` codec.

use std::time::Duration;

use ::tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use ::tokio::net::TcpStream;
use ::tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use bytes::{Bytes, BytesMut};

use super::{DecodeErrorPolicy, Limits, ReadCore, Result, Session, Side, WriteCore};
use crate::codec::{Decode, DecodeOwned};
use crate::conn::{ConnectionError, Phase};
use crate::frame::{FrameDecoder, FrameEncoder};
use crate::packet::{HandledBy, Packet, PacketGroup, RawPacket};
use crate::registry::Registry;
use crate::state::State;

/// The receiving half of a connection over a tokio stream.
///
/// Every read is cancellation-safe: a dropped read loses no bytes, which
/// stay buffered for the next one.
#[derive(Debug)]
pub struct AsyncConnReader<R> {
    inner: R,
    core: ReadCore,
}

impl<R> AsyncConnReader<R> {
    /// A reader half in the handshaking state.
    pub fn new(inner: R, registry: Registry, side: Side) -> Self {
        AsyncConnReader {
            inner,
            core: ReadCore::new(Session::new(registry, side)),
        }
    }

    /// Registry, state and side.
    pub fn session(&self) -> &Session {
        &self.core.session
    }

    /// Registry, state and side, to change.
    pub fn session_mut(&mut self) -> &mut Session {
        &mut self.core.session
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.core.limits
    }

    /// Replaces the limits (frame, nested data, trailing bytes).
    pub fn set_limits(&mut self, limits: Limits) {
        self.core.set_limits(limits);
    }

    /// The errors of packets skipped or handed out raw under
    /// [`DecodeErrorPolicy::Skip`] / [`DecodeErrorPolicy::Raw`] since the
    /// last call (the last 16 at most), oldest first.
    pub fn take_decode_errors(&mut self) -> Vec<crate::error::Error> {
        std::mem::take(&mut self.core.decode_errors)
    }

    /// Whether a whole packet is buffered, so that the next read returns
    /// without waiting for the stream (a relay flushes when it is not).
    pub fn has_buffered_packet(&mut self) -> Result<bool> {
        self.core.has_frame()
    }

    /// The framing state: compression, encryption.
    pub fn framing_mut(&mut self) -> &mut FrameDecoder {
        &mut self.core.decoder
    }

    /// The stream.
    pub fn get_ref(&self) -> &R {
        &self.inner
    }
}

impl<R: AsyncRead + Unpin> AsyncConnReader<R> {
    async fn wait_for_frame(&mut self) -> Result<()> {
        while !self.core.has_frame()? {
            let n = self.inner.read_buf(self.core.read_buffer()).await?;
            if n == 0 {
                return Err(self.core.eof());
            }
        }
        Ok(())
    }

    /// The next packet as group `G`, which must be the group of the
    /// current state and of this side's incoming direction (see
    /// [`ConnReader::read`](super::ConnReader::read)).
    pub async fn read<G: PacketGroup>(&mut self) -> Result<G::Of<'_>> {
        self.core.prepare_group::<G>()?;
        self.wait_for_frame().await?;
        if self.core.limits.on_decode_error == DecodeErrorPolicy::Skip {
            while self.core.skip_if_undecodable::<G>()? {
                self.wait_for_frame().await?;
            }
        }
        self.core.decode_group::<G>()
    }

    /// The next packet as group `G`, handed to `handler`: a packet with a
    /// method in the group's handler trait goes straight to it, without
    /// building the group value (see
    /// [`GroupDecoder::handle`](crate::GroupDecoder::handle)); the rules of
    /// [`read`](Self::read) apply.
    pub async fn handle<'a, G, H>(&'a mut self, handler: &mut H) -> Result<G::Output>
    where
        G: HandledBy<'a, H>,
    {
        self.core.prepare_group::<G>()?;
        self.wait_for_frame().await?;
        if self.core.limits.on_decode_error == DecodeErrorPolicy::Skip {
            while self.core.skip_if_undecodable::<G>()? {
                self.wait_for_frame().await?;
            }
        }
        self.core.handle_group::<G, H>(handler)
    }

    /// The next packet, which must be a `P`.
    pub async fn read_packet<'a, P: Packet + Decode<'a>>(&'a mut self) -> Result<P> {
        self.wait_for_frame().await?;
        self.core.decode_packet::<P>()
    }

    /// The next packet, which must be a `P`, in its owned form: for a
    /// packet kept while later ones are read (`let start: LoginStart =
    /// reader.read_owned().await?` is a `LoginStart<'static>`).
    pub async fn read_owned<P: Packet + DecodeOwned>(&mut self) -> Result<P> {
        self.wait_for_frame().await?;
        self.core.decode_owned::<P>()
    }

    /// The id of the next packet, which stays unread (waits for it).
    pub async fn peek_id(&mut self) -> Result<i32> {
        self.wait_for_frame().await?;
        self.core.peek_id()
    }

    /// The next packet, undecoded.
    pub async fn read_raw(&mut self) -> Result<RawPacket<'_>> {
        self.wait_for_frame().await?;
        self.core.decode_raw()
    }

    /// The next packet as its frame (id + body, decompressed), undecoded:
    /// what a relay hands to [`AsyncConnWriter::queue_raw`].
    pub async fn read_frame(&mut self) -> Result<&[u8]> {
        self.wait_for_frame().await?;
        self.core.next_frame()
    }
}

/// The sending half of a connection over a tokio stream.
#[derive(Debug)]
pub struct AsyncConnWriter<W> {
    inner: W,
    core: WriteCore,
}

impl<W> AsyncConnWriter<W> {
    /// A writer half in the handshaking state.
    pub fn new(inner: W, registry: Registry, side: Side) -> Self {
        AsyncConnWriter {
            inner,
            core: WriteCore::new(Session::new(registry, side)),
        }
    }

    /// Registry, state and side.
    pub fn session(&self) -> &Session {
        &self.core.session
    }

    /// Registry, state and side, to change.
    pub fn session_mut(&mut self) -> &mut Session {
        &mut self.core.session
    }

    /// The framing state: compression, encryption.
    pub fn framing_mut(&mut self) -> &mut FrameEncoder {
        &mut self.core.encoder
    }

    /// Frames `packet` into the pending output with the id the registry
    /// gives its type; nothing is written until [`flush`](Self::flush).
    pub fn queue<P: Packet>(&mut self, packet: &P) -> Result<()> {
        self.core.queue(packet)
    }

    /// Frames an already encoded packet (id + body).
    pub fn queue_raw(&mut self, packet: &[u8]) -> Result<()> {
        self.core.queue_raw(packet)
    }

    /// Queues a frame made by a [`FrameEncoder`] with this writer's
    /// compression threshold and no encryption (see
    /// [`FrameEncoder::encode_framed`]): a packet sent to many connections
    /// is framed and compressed once.
    pub fn queue_framed(&mut self, frame: &[u8]) {
        self.core.encoder.encode_framed(frame, &mut self.core.out);
    }

    /// Bytes framed and not yet written.
    pub fn pending(&self) -> usize {
        self.core.out.len()
    }

    /// The stream, mutably (bytes written there bypass the framing).
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.inner
    }

    /// The stream (anything pending is dropped).
    pub fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: AsyncWrite + Unpin> AsyncConnWriter<W> {
    /// Writes everything pending and flushes the stream.
    pub async fn flush(&mut self) -> Result<()> {
        self.inner.write_all(&self.core.out).await?;
        self.core.written();
        self.inner.flush().await?;
        Ok(())
    }

    /// Queues `packet` and flushes.
    pub async fn send<P: Packet>(&mut self, packet: &P) -> Result<()> {
        self.queue(packet)?;
        self.flush().await
    }
}

/// Both halves of a connection over tokio streams.
#[derive(Debug)]
pub struct AsyncConnection<R, W> {
    /// The receiving half.
    pub reader: AsyncConnReader<R>,
    /// The sending half.
    pub writer: AsyncConnWriter<W>,
}

impl<R, W> AsyncConnection<R, W> {
    /// A connection over a reader and a writer, in the handshaking state.
    pub fn new(reader: R, writer: W, registry: Registry, side: Side) -> Self {
        AsyncConnection {
            reader: AsyncConnReader::new(reader, registry.clone(), side),
            writer: AsyncConnWriter::new(writer, registry, side),
        }
    }

    /// Moves both halves to `state`.
    pub fn set_state(&mut self, state: State) {
        self.reader.session_mut().set_state(state);
        self.writer.session_mut().set_state(state);
    }

    /// Switches both halves to another registry (and its version).
    pub fn set_registry(&mut self, registry: Registry) {
        self.reader.session_mut().set_registry(registry.clone());
        self.writer.session_mut().set_registry(registry);
    }

    /// Turns compression on in both directions (`None`: off).
    pub fn set_compression(&mut self, threshold: Option<usize>) {
        self.reader.framing_mut().set_compression(threshold);
        self.writer.framing_mut().set_compression(threshold);
    }

    /// Turns AES/CFB8 encryption on in both directions.
    #[cfg(feature = "encryption")]
    pub fn enable_encryption(&mut self, shared_secret: &[u8; 16]) {
        self.reader.framing_mut().enable_encryption(shared_secret);
        self.writer.framing_mut().enable_encryption(shared_secret);
    }

    /// Registry, state and side (of the reader half).
    pub fn session(&self) -> &Session {
        self.reader.session()
    }

    /// The two halves.
    pub fn split(self) -> (AsyncConnReader<R>, AsyncConnWriter<W>) {
        (self.reader, self.writer)
    }
}

impl AsyncConnection<OwnedReadHalf, OwnedWriteHalf> {
    /// Connects to `addr`, giving up after `timeout`.
    pub async fn connect(addr: &str, timeout: Duration, registry: Registry) -> Result<Self> {
        let stream = ::tokio::time::timeout(timeout, TcpStream::connect(addr))
            .await
            .map_err(|_| ConnectionError::Timeout(Phase::Connecting))??;
        Self::from_tcp(stream, registry, Side::Client)
    }

    /// Wraps a connected socket.
    pub fn from_tcp(stream: TcpStream, registry: Registry, side: Side) -> Result<Self> {
        stream.set_nodelay(true)?;
        let (r, w) = stream.into_split();
        Ok(AsyncConnection::new(r, w, registry, side))
    }
}

/// A `tokio_util` codec: bytes in, frames (packet id + body) out.
///
/// Use it with `Framed`; switch compression and encryption through
/// [`McCodec::decoder_mut`]/[`McCodec::encoder_mut`] (reachable with
/// `Framed::codec_mut`). Each frame is copied out of the decoder's buffer
/// into its own [`Bytes`], so frames can outlive the next read.
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
    type Error = ConnectionError;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<Bytes>> {
        // The frame decoder keeps its own buffer (it decrypts each byte
        // exactly once), so all input moves there.
        if !src.is_empty() {
            self.decoder.feed(src);
            src.clear();
        }
        Ok(self.decoder.next_frame()?.map(Bytes::copy_from_slice))
    }
}

impl tokio_util::codec::Encoder<&[u8]> for McCodec {
    type Error = ConnectionError;

    fn encode(&mut self, packet: &[u8], dst: &mut BytesMut) -> Result<()> {
        Ok(self.encoder.encode(packet, dst)?)
    }
}

impl tokio_util::codec::Encoder<Bytes> for McCodec {
    type Error = ConnectionError;

    fn encode(&mut self, packet: Bytes, dst: &mut BytesMut) -> Result<()> {
        Ok(self.encoder.encode(&packet, dst)?)
    }
}
