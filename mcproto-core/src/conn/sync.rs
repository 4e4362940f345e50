//! Connections over `std::io` streams.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use super::{DecodeErrorPolicy, Limits, ReadCore, Result, Session, Side, WriteCore};
use crate::codec::{Decode, DecodeOwned};
use crate::conn::{ConnectionError, Phase};
use crate::frame::{FrameDecoder, FrameEncoder};
use crate::packet::{HandledBy, Packet, PacketGroup, RawPacket};
use crate::registry::Registry;
use crate::state::State;

/// The receiving half of a connection over a `std::io` stream.
#[derive(Debug)]
pub struct ConnReader<R> {
    inner: R,
    core: ReadCore,
}

impl<R> ConnReader<R> {
    /// A reader half in the handshaking state.
    pub fn new(inner: R, registry: Registry, side: Side) -> Self {
        ConnReader {
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

impl<R: Read> ConnReader<R> {
    fn fill(&mut self) -> Result<()> {
        let mut chunk = [0u8; 8192];
        let n = self.inner.read(&mut chunk)?;
        if n == 0 {
            return Err(self.core.eof());
        }
        self.core.decoder.feed(&chunk[..n]);
        Ok(())
    }

    fn wait_for_frame(&mut self) -> Result<()> {
        while !self.core.has_frame()? {
            self.fill()?;
        }
        Ok(())
    }

    /// The next packet as group `G`, which must be the group of the
    /// current state and of this side's incoming direction. Ids the
    /// registry numbers differently, packets only a fork has, and ids
    /// nobody knows all arrive here: as their variant, as `Other`, or as
    /// `Unknown`.
    pub fn read<G: PacketGroup>(&mut self) -> Result<G::Of<'_>> {
        self.core.prepare_group::<G>()?;
        self.wait_for_frame()?;
        if self.core.limits.on_decode_error == DecodeErrorPolicy::Skip {
            while self.core.skip_if_undecodable::<G>()? {
                self.wait_for_frame()?;
            }
        }
        self.core.decode_group::<G>()
    }

    /// The next packet as group `G`, handed to `handler`: a packet with a
    /// method in the group's handler trait goes straight to it, without
    /// building the group value (see
    /// [`GroupDecoder::handle`](crate::GroupDecoder::handle)); the rules of
    /// [`read`](Self::read) apply.
    pub fn handle<'a, G, H>(&'a mut self, handler: &mut H) -> Result<G::Output>
    where
        G: HandledBy<'a, H>,
    {
        self.core.prepare_group::<G>()?;
        self.wait_for_frame()?;
        if self.core.limits.on_decode_error == DecodeErrorPolicy::Skip {
            while self.core.skip_if_undecodable::<G>()? {
                self.wait_for_frame()?;
            }
        }
        self.core.handle_group::<G, H>(handler)
    }

    /// The next packet, which must be a `P`.
    pub fn read_packet<'a, P: Packet + Decode<'a>>(&'a mut self) -> Result<P> {
        self.wait_for_frame()?;
        self.core.decode_packet::<P>()
    }

    /// The next packet, which must be a `P`, in its owned form: for a
    /// packet kept while later ones are read (`let start: LoginStart =
    /// reader.read_owned()?` is a `LoginStart<'static>`).
    pub fn read_owned<P: Packet + DecodeOwned>(&mut self) -> Result<P> {
        self.wait_for_frame()?;
        self.core.decode_owned::<P>()
    }

    /// The id of the next packet, which stays unread (waits for it).
    pub fn peek_id(&mut self) -> Result<i32> {
        self.wait_for_frame()?;
        self.core.peek_id()
    }

    /// The next packet, undecoded.
    pub fn read_raw(&mut self) -> Result<RawPacket<'_>> {
        self.wait_for_frame()?;
        self.core.decode_raw()
    }

    /// The next packet as its frame (id + body, decompressed), undecoded:
    /// what a relay hands to [`ConnWriter::queue_raw`].
    pub fn read_frame(&mut self) -> Result<&[u8]> {
        self.wait_for_frame()?;
        self.core.next_frame()
    }
}

/// The sending half of a connection over a `std::io` stream.
#[derive(Debug)]
pub struct ConnWriter<W> {
    inner: W,
    core: WriteCore,
}

impl<W> ConnWriter<W> {
    /// A writer half in the handshaking state.
    pub fn new(inner: W, registry: Registry, side: Side) -> Self {
        ConnWriter {
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

    /// Bytes framed and not yet written.
    pub fn pending(&self) -> usize {
        self.core.out.len()
    }

    /// The stream.
    pub fn get_ref(&self) -> &W {
        &self.inner
    }

    /// The stream, mutably (bytes written there bypass the framing).
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.inner
    }
}

impl<W: Write> ConnWriter<W> {
    /// Writes everything pending and flushes the stream.
    pub fn flush(&mut self) -> Result<()> {
        self.inner.write_all(&self.core.out)?;
        self.core.out.clear();
        self.inner.flush()?;
        Ok(())
    }

    /// Queues `packet` and flushes.
    pub fn send<P: Packet>(&mut self, packet: &P) -> Result<()> {
        self.queue(packet)?;
        self.flush()
    }
}

/// Both halves of a connection over `std::io` streams.
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
    pub fn split(self) -> (ConnReader<R>, ConnWriter<W>) {
        (self.reader, self.writer)
    }
}

impl Connection<TcpStream, TcpStream> {
    /// Connects to `addr` with blocking sockets, giving up after `timeout`
    /// for each address it resolves to.
    pub fn connect(addr: &str, timeout: Duration, registry: Registry) -> Result<Self> {
        use std::net::ToSocketAddrs;
        let mut last = None;
        for a in addr.to_socket_addrs()? {
            match TcpStream::connect_timeout(&a, timeout) {
                Ok(s) => return Self::from_tcp(s, registry, Side::Client),
                Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                    last = Some(ConnectionError::Timeout(Phase::Connecting))
                }
                Err(e) => last = Some(e.into()),
            }
        }
        Err(last.unwrap_or_else(|| {
            ConnectionError::Io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{addr} resolved to no address"),
            ))
        }))
    }

    /// Wraps a connected blocking socket.
    pub fn from_tcp(stream: TcpStream, registry: Registry, side: Side) -> Result<Self> {
        stream.set_nodelay(true)?;
        let reader = stream.try_clone()?;
        Ok(Connection::new(reader, stream, registry, side))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::version::ProtocolVersion;

    fn empty() -> Registry {
        match Registry::builder(ProtocolVersion(47)).build() {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn eof_between_frames_is_closed_inside_is_truncated() {
        let mut r = ConnReader::new(&[][..], empty(), Side::Server);
        assert!(r.read_raw().unwrap_err().is_closed());
        let mut r = ConnReader::new(&[5u8, 0, 1][..], empty(), Side::Server);
        assert!(matches!(
            r.read_raw().unwrap_err(),
            ConnectionError::TruncatedFrame { buffered: 3 }
        ));
    }

    #[test]
    fn reads_consecutive_frames() {
        let data = [1u8, 0x2a, 2, 0x07, 0xcc];
        let mut r = ConnReader::new(&data[..], empty(), Side::Server);
        let p = r.read_raw().unwrap();
        assert_eq!((p.id, &p.body[..]), (0x2a, &[][..]));
        let p = r.read_raw().unwrap();
        assert_eq!((p.id, &p.body[..]), (0x07, &[0xcc][..]));
        assert!(r.read_raw().unwrap_err().is_closed());
    }
}
