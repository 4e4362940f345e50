//! Connections: a stream with framing, a protocol state, a side, and the
//! registry of the negotiated version.
//!
//! A [`Connection`] has a reader half and a writer half that can be split
//! and used from different tasks. Each half tracks the state it is in;
//! [`Connection::set_state`] moves both. Typed reads check that the packet
//! type belongs to the current state and direction; "any" reads decode with
//! the registry. Packets are written with the id the registry gives their
//! type, so a forked registry that renumbers a packet is honoured.
//!
//! The same types work over `std::io` streams (blocking methods) and, with
//! the `tokio` feature, over async streams (`*_async` methods).

use std::io::{Read, Write};
use std::time::Duration;

use bytes::Bytes;

use crate::codec::{Decode, DecodeLimits};
use crate::error::{Error, ErrorKind, PacketContext, Result};
use crate::frame::{FrameDecoder, FrameEncoder, FrameLimits};
use crate::io::{PacketReader, PacketWriter};
use crate::packet::{Packet, PacketGroup, decode_body};
use crate::registry::{AnyPacket, DynPacket, Registry};
use crate::state::{Direction, State};
use crate::version::ProtocolVersion;

/// Which end of a connection this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// Connected to a server: reads clientbound packets, writes serverbound.
    Client,
    /// Accepted from a client: reads serverbound packets, writes clientbound.
    Server,
}

impl Side {
    /// Direction of the packets this side receives.
    pub const fn incoming(self) -> Direction {
        match self {
            Side::Client => Direction::Clientbound,
            Side::Server => Direction::Serverbound,
        }
    }

    /// Direction of the packets this side sends.
    pub const fn outgoing(self) -> Direction {
        self.incoming().opposite()
    }
}

fn wrong_place(
    meta: &crate::packet::PacketMeta,
    state: State,
    direction: Direction,
    version: ProtocolVersion,
) -> Error {
    Error::new(ErrorKind::Protocol(
        "packet type does not belong to the connection's state and direction",
    ))
    .in_packet(meta.name)
    .with_context(PacketContext {
        state,
        direction,
        id: None,
        version,
    })
}

/// The receiving half of a connection.
#[derive(Debug)]
pub struct ConnReader<R> {
    packets: PacketReader<R>,
    state: State,
    side: Side,
    registry: Registry,
}

impl<R> ConnReader<R> {
    /// A reader half in the handshaking state.
    pub fn new(inner: R, registry: Registry, side: Side) -> Self {
        ConnReader {
            packets: PacketReader::new(inner, registry.version()),
            state: State::Handshaking,
            side,
            registry,
        }
    }

    /// The current state.
    pub fn state(&self) -> State {
        self.state
    }

    /// Moves to another state.
    pub fn set_state(&mut self, state: State) {
        self.state = state;
    }

    /// Direction of the packets read.
    pub fn direction(&self) -> Direction {
        self.side.incoming()
    }

    /// The registry in use.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Switches to another registry (and its protocol version).
    pub fn set_registry(&mut self, registry: Registry) {
        self.packets.set_version(registry.version());
        self.registry = registry;
    }

    /// The protocol version.
    pub fn version(&self) -> ProtocolVersion {
        self.registry.version()
    }

    /// Framing state: compression, encryption, limits.
    pub fn framing_mut(&mut self) -> &mut FrameDecoder {
        self.packets.decoder_mut()
    }

    /// Whether bytes after a packet are an error (default) or ignored (for
    /// lenient proxies). Applies to every read: typed, any and group.
    pub fn set_strict(&mut self, strict: bool) {
        self.packets.set_strict(strict);
    }

    /// Whether bytes after a packet are an error.
    pub fn is_strict(&self) -> bool {
        self.packets.is_strict()
    }

    /// Replaces the frame limits (frame length, declared uncompressed size).
    pub fn set_frame_limits(&mut self, limits: FrameLimits) {
        self.packets.decoder_mut().set_limits(limits);
    }

    /// The frame limits in force.
    pub fn frame_limits(&self) -> FrameLimits {
        self.packets.decoder().limits()
    }

    /// Replaces the limits on nested data (NBT depth and size).
    pub fn set_decode_limits(&mut self, limits: DecodeLimits) {
        self.packets.set_decode_limits(limits);
    }

    /// The limits on nested data in force.
    pub fn decode_limits(&self) -> DecodeLimits {
        self.packets.decode_limits()
    }

    /// The stream.
    pub fn get_ref(&self) -> &R {
        self.packets.get_ref()
    }

    fn decode_typed<P: Packet + for<'a> Decode<'a> + 'static>(&self, frame: &Bytes) -> Result<P> {
        let (state, dir) = (self.state, self.direction());
        if (P::META.state, P::META.direction) != (state, dir) {
            return Err(wrong_place(P::META, state, dir, self.version()));
        }
        let mut r = self.packets.frame_reader(frame);
        let id = r.varint()?;
        match self.registry.id_of::<P>() {
            Some(expected) if expected == id => decode_body::<P>(&mut r, id, self.is_strict()),
            Some(expected) => Err(Error::new(ErrorKind::UnexpectedPacket {
                expected,
                actual: id,
            })
            .in_packet(P::META.name)
            .with_context(P::META.context(Some(id), self.version()))),
            None => Err(Error::new(ErrorKind::PacketNotInVersion {
                version: self.version().0,
            })
            .in_packet(P::META.name)),
        }
    }

    fn decode_any(&self, frame: &Bytes) -> Result<AnyPacket> {
        let mut r = self.packets.frame_reader(frame);
        self.registry
            .decode_from(self.state, self.direction(), &mut r, self.is_strict())
    }

    fn decode_group<G: PacketGroup>(&self, frame: &Bytes) -> Result<G> {
        let (state, dir) = (self.state, self.direction());
        if (G::STATE, G::DIRECTION) != (state, dir) {
            return Err(Error::new(ErrorKind::Protocol(
                "packet group does not belong to the connection's state and direction",
            )));
        }
        let mut r = self.packets.frame_reader(frame);
        let id = r.varint()?;
        let p = G::decode_body(id, &mut r)?;
        if !self.is_strict() {
            return Ok(p);
        }
        r.finish().map_err(|e| {
            e.in_packet(p.name()).with_context(PacketContext {
                state,
                direction: dir,
                id: Some(id),
                version: self.version(),
            })
        })?;
        Ok(p)
    }
}

impl<R: Read> ConnReader<R> {
    /// The next frame (packet id + body).
    pub fn read_frame(&mut self) -> Result<Bytes> {
        self.packets.read_frame()
    }

    /// The next packet, which must be a `P`.
    pub fn read<P: Packet + for<'a> Decode<'a> + 'static>(&mut self) -> Result<P> {
        let frame = self.read_frame()?;
        self.decode_typed(&frame)
    }

    /// The next packet, decoded with the registry.
    pub fn read_any(&mut self) -> Result<AnyPacket> {
        let frame = self.read_frame()?;
        self.decode_any(&frame)
    }

    /// The next packet as the generated enum of the current state.
    pub fn read_group<G: PacketGroup>(&mut self) -> Result<G> {
        let frame = self.read_frame()?;
        self.decode_group(&frame)
    }
}

/// The sending half of a connection.
#[derive(Debug)]
pub struct ConnWriter<W> {
    packets: PacketWriter<W>,
    state: State,
    side: Side,
    registry: Registry,
}

impl<W> ConnWriter<W> {
    /// A writer half in the handshaking state.
    pub fn new(inner: W, registry: Registry, side: Side) -> Self {
        ConnWriter {
            packets: PacketWriter::new(inner, registry.version()),
            state: State::Handshaking,
            side,
            registry,
        }
    }

    /// The current state.
    pub fn state(&self) -> State {
        self.state
    }

    /// Moves to another state.
    pub fn set_state(&mut self, state: State) {
        self.state = state;
    }

    /// Direction of the packets written.
    pub fn direction(&self) -> Direction {
        self.side.outgoing()
    }

    /// The registry in use.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Switches to another registry (and its protocol version).
    pub fn set_registry(&mut self, registry: Registry) {
        self.packets.set_version(registry.version());
        self.registry = registry;
    }

    /// The protocol version.
    pub fn version(&self) -> ProtocolVersion {
        self.registry.version()
    }

    /// Framing state: compression, encryption.
    pub fn framing_mut(&mut self) -> &mut FrameEncoder {
        self.packets.encoder_mut()
    }

    /// The stream.
    pub fn get_ref(&self) -> &W {
        self.packets.get_ref()
    }

    /// Frames `packet` into the pending output, with the id the registry
    /// gives its type. Nothing is written until a flush.
    pub fn queue(&mut self, packet: &dyn DynPacket) -> Result<()> {
        let meta = packet.meta();
        let (state, dir) = (self.state, self.direction());
        if (meta.state, meta.direction) != (state, dir) {
            return Err(wrong_place(meta, state, dir, self.version()));
        }
        self.packets.queue_any(packet, &self.registry)
    }

    /// Frames an already encoded packet (id + body).
    pub fn queue_raw(&mut self, packet: &[u8]) -> Result<()> {
        self.packets.queue_raw(packet)
    }

    /// Bytes framed and not yet written.
    pub fn pending(&self) -> usize {
        self.packets.pending()
    }

    /// The stream, mutably (e.g. to shut it down).
    pub fn stream_mut(&mut self) -> &mut W {
        self.packets.get_mut()
    }

    /// The stream (anything queued and not flushed is dropped).
    pub fn into_inner(self) -> W {
        self.packets.into_parts().0
    }
}

impl<W: Write> ConnWriter<W> {
    /// Writes `packet` and flushes.
    pub fn send(&mut self, packet: &dyn DynPacket) -> Result<()> {
        self.queue(packet)?;
        self.flush()
    }

    /// Writes everything queued.
    pub fn flush(&mut self) -> Result<()> {
        self.packets.flush()
    }
}

/// A connection: both halves.
#[derive(Debug)]
pub struct Connection<R, W> {
    /// The receiving half.
    pub reader: ConnReader<R>,
    /// The sending half.
    pub writer: ConnWriter<W>,
}

impl<R, W> Connection<R, W> {
    /// A connection over a reader and a writer, in the handshaking state.
    pub fn new(reader: R, writer: W, registry: Registry, side: Side) -> Self {
        Connection {
            reader: ConnReader::new(reader, registry.clone(), side),
            writer: ConnWriter::new(writer, registry, side),
        }
    }

    /// Moves both halves to `state`.
    pub fn set_state(&mut self, state: State) {
        self.reader.set_state(state);
        self.writer.set_state(state);
    }

    /// Switches both halves to another registry (and its version).
    pub fn set_registry(&mut self, registry: Registry) {
        self.reader.set_registry(registry.clone());
        self.writer.set_registry(registry);
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

    /// The current state (of the reader half).
    pub fn state(&self) -> State {
        self.reader.state()
    }

    /// The protocol version.
    pub fn version(&self) -> ProtocolVersion {
        self.reader.version()
    }

    /// The two halves.
    pub fn split(self) -> (ConnReader<R>, ConnWriter<W>) {
        (self.reader, self.writer)
    }
}

impl Connection<std::net::TcpStream, std::net::TcpStream> {
    /// Connects to `addr` with blocking sockets, giving up after `timeout`.
    pub fn connect_std(addr: &str, timeout: Duration, registry: Registry) -> Result<Self> {
        use std::net::ToSocketAddrs;
        let mut last = None;
        for a in addr.to_socket_addrs()? {
            match std::net::TcpStream::connect_timeout(&a, timeout) {
                Ok(s) => return Self::from_std(s, registry, Side::Client),
                Err(e) => last = Some(e),
            }
        }
        Err(last.map_or_else(
            || Error::new(ErrorKind::Protocol("address resolved to nothing")),
            Error::from,
        ))
    }

    /// Wraps a connected blocking socket.
    pub fn from_std(stream: std::net::TcpStream, registry: Registry, side: Side) -> Result<Self> {
        stream.set_nodelay(true)?;
        let reader = stream.try_clone()?;
        Ok(Connection::new(reader, stream, registry, side))
    }
}

#[cfg(feature = "tokio")]
mod tokio_conn {
    use std::time::Duration;

    use ::tokio::io::{AsyncRead, AsyncWrite};
    use ::tokio::net::TcpStream;
    use ::tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
    use bytes::Bytes;

    use super::{ConnReader, ConnWriter, Connection, Side};
    use crate::codec::Decode;
    use crate::error::{Error, ErrorKind, Result};
    use crate::packet::{Packet, PacketGroup};
    use crate::registry::{AnyPacket, DynPacket, Registry};

    impl<R: AsyncRead + Unpin> ConnReader<R> {
        /// The next frame. Cancellation-safe: a dropped read loses no bytes.
        pub async fn read_frame_async(&mut self) -> Result<Bytes> {
            self.packets.read_frame_async().await
        }

        /// The next packet, which must be a `P`. Cancellation-safe.
        pub async fn read_async<P: Packet + for<'a> Decode<'a> + 'static>(&mut self) -> Result<P> {
            let frame = self.read_frame_async().await?;
            self.decode_typed(&frame)
        }

        /// The next packet, decoded with the registry. Cancellation-safe.
        pub async fn read_any_async(&mut self) -> Result<AnyPacket> {
            let frame = self.read_frame_async().await?;
            self.decode_any(&frame)
        }

        /// The next packet as the generated enum of the current state.
        pub async fn read_group_async<G: PacketGroup>(&mut self) -> Result<G> {
            let frame = self.read_frame_async().await?;
            self.decode_group(&frame)
        }
    }

    impl<W: AsyncWrite + Unpin> ConnWriter<W> {
        /// Writes `packet` and flushes.
        pub async fn send_async(&mut self, packet: &dyn DynPacket) -> Result<()> {
            self.queue(packet)?;
            self.flush_async().await
        }

        /// Writes everything queued.
        pub async fn flush_async(&mut self) -> Result<()> {
            self.packets.flush_async().await
        }
    }

    impl Connection<OwnedReadHalf, OwnedWriteHalf> {
        /// Connects to `addr`, giving up after `timeout`.
        pub async fn connect(addr: &str, timeout: Duration, registry: Registry) -> Result<Self> {
            let stream = ::tokio::time::timeout(timeout, TcpStream::connect(addr))
                .await
                .map_err(|_| Error::new(ErrorKind::Timeout("connecting")))??;
            Self::from_tcp(stream, registry, Side::Client)
        }

        /// Wraps a connected socket.
        pub fn from_tcp(stream: TcpStream, registry: Registry, side: Side) -> Result<Self> {
            stream.set_nodelay(true)?;
            let (r, w) = stream.into_split();
            Ok(Connection::new(r, w, registry, side))
        }
    }
}
