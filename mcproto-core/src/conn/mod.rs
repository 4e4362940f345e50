//! Connections: packets over a byte stream, through a registry.
//!
//! One surface, two flavours: [`Connection`] with [`ConnReader`] and
//! [`ConnWriter`] halves over `std::io` streams, and (feature `tokio`)
//! [`AsyncConnection`] with [`AsyncConnReader`] and [`AsyncConnWriter`]
//! over tokio streams. Both have the same verbs:
//!
//! | reader | what for |
//! |---|---|
//! | `read::<G>()` | the next packet as the group enum `G` of the current state: the recommended way to receive |
//! | `read_packet::<P>()` | the next packet, which must be a `P` (login and handshake steps) |
//! | `read_raw()` | the next packet undecoded, id and body (proxies, relays) |
//! | `read_frame()` | the same as one slice, id + body, for `queue_raw` |
//! | `peek_id()` | the id of the next packet, left unread (to pick how to read it) |
//!
//! | writer | what for |
//! |---|---|
//! | `queue(&packet)` | frame a packet into the pending output |
//! | `queue_raw(frame)` | frame an already encoded packet (id + body) |
//! | `flush()` | write what is pending |
//! | `send(&packet)` | `queue` then `flush` |
//!
//! Each half keeps a [`Session`] (registry, state, side): ids come from the
//! registry, so a fork's registry renumbers every read and write. [`Limits`]
//! (frame, nested data, trailing bytes, [`Leniency`]) are set once per reader.
//!
//! [`FrameDecoder`] and [`FrameEncoder`] underneath are sans-IO; the
//! `tokio_util` codec [`McCodec`] wraps them for `Framed`.

mod error;
mod sync;
#[cfg(feature = "tokio")]
mod tokio;

use std::sync::Arc;

use bytes::BytesMut;

pub use error::{ConnectionError, CryptoError, Phase, Violation};

pub use sync::{ConnReader, ConnWriter, Connection};
#[cfg(feature = "tokio")]
pub use tokio::{AsyncConnReader, AsyncConnWriter, AsyncConnection, McCodec};

use crate::codec::{Decode, DecodeLimits, DecodeOwned, Leniency, Reader};
use crate::frame::{FrameDecoder, FrameEncoder, FrameLimits};
use crate::packet::{HandledBy, Packet, PacketGroup, PacketMeta, RawPacket};
use crate::registry::{GroupTable, Registry, decode_group, handle_group};
use crate::state::{Direction, State};
use crate::version::ProtocolVersion;

/// Result of connection operations.
pub type Result<T, E = ConnectionError> = std::result::Result<T, E>;

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

/// What a reader does with a frame that is well formed but whose packet
/// does not decode. The frame's length is known, so the stream stays in
/// step whichever is chosen; a frame that cannot be split (bad length,
/// corrupt compression) always fails the read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DecodeErrorPolicy {
    /// The read fails with the packet's error; sessions disconnect (what a
    /// vanilla server does).
    #[default]
    Fail,
    /// The packet is dropped and the read goes on to the next one. The
    /// error is kept for [`ConnReader::take_decode_errors`]. Each packet of
    /// a group read is decoded twice (once to check it), because the packet
    /// handed out borrows the receive buffer.
    Skip,
    /// The packet is handed out undecoded, as the group's `Unknown`
    /// variant; the error is kept as for `Skip`.
    Raw,
}

/// Most decode errors a reader keeps for `take_decode_errors`.
const KEPT_ERRORS: usize = 16;

/// What a reader enforces on received data; the defaults are vanilla's,
/// except where [`Leniency`] says this crate is stricter on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Frame length and declared uncompressed size.
    pub frame: FrameLimits,
    /// Nested data: NBT depth and size.
    pub decode: DecodeLimits,
    /// Whether bytes left after a packet are an error (the default) or
    /// ignored (for lenient proxies).
    pub strict: bool,
    /// What a group read does with a packet that does not decode.
    pub on_decode_error: DecodeErrorPolicy,
    /// Where decoding departs from vanilla on purpose (invalid UTF-8,
    /// chat JSON), and the way back; see [`Leniency`].
    pub leniency: Leniency,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            frame: FrameLimits::default(),
            decode: DecodeLimits::default(),
            strict: true,
            on_decode_error: DecodeErrorPolicy::Fail,
            leniency: Leniency::default(),
        }
    }
}

/// The protocol side of one half of a connection: the registry (and so the
/// version), the state, and which end this is.
#[derive(Debug, Clone)]
pub struct Session {
    registry: Registry,
    state: State,
    side: Side,
}

impl Session {
    /// A session in the handshaking state.
    pub fn new(registry: Registry, side: Side) -> Self {
        Session {
            registry,
            state: State::Handshaking,
            side,
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

    /// The registry in use.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Switches to another registry (and its protocol version).
    pub fn set_registry(&mut self, registry: Registry) {
        self.registry = registry;
    }

    /// The protocol version.
    pub fn version(&self) -> ProtocolVersion {
        self.registry.version()
    }

    /// Which end this is.
    pub fn side(&self) -> Side {
        self.side
    }
}

fn keep(errors: &mut Vec<crate::error::Error>, e: crate::error::Error) {
    if errors.len() == KEPT_ERRORS {
        errors.remove(0);
    }
    errors.push(e);
}

fn wrong_state(name: &'static str, state: State) -> ConnectionError {
    ConnectionError::Protocol(Violation::WrongState { name, state })
}

/// The reading half's state, shared by the sync and tokio readers.
#[derive(Debug)]
struct ReadCore {
    decoder: FrameDecoder,
    session: Session,
    limits: Limits,
    // The last group read and its table under the session's registry.
    group: Option<Arc<GroupTable>>,
    // Errors of packets skipped or handed out raw, newest last.
    decode_errors: Vec<crate::error::Error>,
}

impl ReadCore {
    fn new(session: Session) -> Self {
        ReadCore {
            decoder: FrameDecoder::new(),
            session,
            limits: Limits::default(),
            group: None,
            decode_errors: Vec::new(),
        }
    }

    fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
        self.decoder.set_limits(limits.frame);
    }

    /// Checks that `G` belongs here and makes its table current.
    #[inline]
    fn prepare_group<G: PacketGroup>(&mut self) -> Result<()> {
        if (G::STATE, G::DIRECTION) != (self.session.state, self.session.side.incoming()) {
            return Err(wrong_state(G::NAME, self.session.state));
        }
        match &self.group {
            Some(t) if t.is_for::<G>(&self.session.registry) => {}
            _ => self.group = Some(self.session.registry.group_table::<G>()),
        }
        Ok(())
    }

    /// Decodes the buffered frame as `G` (after [`prepare_group`]).
    #[inline]
    fn decode_group<G: PacketGroup>(&mut self) -> Result<G::Of<'_>> {
        self.take_group::<G, (), _>(
            &mut (),
            |_, table, limits, frame| {
                decode_group::<G>(table, limits.decode, limits.leniency, limits.strict, frame)
            },
            |_, raw| raw,
        )
    }

    /// Hands the buffered frame to `handler` as `G` (after
    /// [`prepare_group`]); with [`DecodeErrorPolicy::Raw`], a frame that
    /// fails to decode reaches the handler's `packet` method as `Unknown`
    /// (no other method has been called for it).
    #[inline]
    fn handle_group<'a, G: HandledBy<'a, H>, H>(
        &'a mut self,
        handler: &mut H,
    ) -> Result<G::Output> {
        self.take_group::<G, H, _>(
            handler,
            |h, table, limits, frame| {
                handle_group::<G, H>(
                    table,
                    limits.decode,
                    limits.leniency,
                    limits.strict,
                    frame,
                    h,
                )
            },
            |h, raw| G::handle_packet(h, raw),
        )
    }

    /// Takes the buffered frame and decodes it as `G` with `decode`; under
    /// [`DecodeErrorPolicy::Raw`] a frame that fails goes to `raw` as
    /// `Unknown`, its error kept.
    #[inline(always)]
    fn take_group<'a, G: PacketGroup, S, T>(
        &'a mut self,
        state: &mut S,
        decode: impl FnOnce(&mut S, &GroupTable, &Limits, &'a [u8]) -> crate::error::Result<T>,
        raw: impl FnOnce(&mut S, G::Of<'a>) -> T,
    ) -> Result<T> {
        let ReadCore {
            decoder,
            limits,
            group,
            decode_errors,
            ..
        } = self;
        let Some(table) = group.as_deref() else {
            unreachable!("prepare_group sets the table")
        };
        let Some(frame) = decoder.next_frame()? else {
            unreachable!("a frame is buffered")
        };
        match decode(state, table, limits, frame) {
            Ok(out) => Ok(out),
            Err(e) if limits.on_decode_error == DecodeErrorPolicy::Raw => {
                keep(decode_errors, e);
                let unknown = G::unknown(RawPacket::parse(frame)?);
                Ok(raw(state, unknown))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// With [`DecodeErrorPolicy::Skip`]: whether the buffered frame fails
    /// to decode as `G`; if so, it is dropped and its error kept.
    fn skip_if_undecodable<G: PacketGroup>(&mut self) -> Result<bool> {
        let ReadCore {
            decoder,
            limits,
            group,
            decode_errors,
            ..
        } = self;
        let Some(table) = group.as_deref() else {
            unreachable!("prepare_group sets the table")
        };
        let Some(frame) = decoder.peek_frame()? else {
            unreachable!("a frame is buffered")
        };
        let error =
            decode_group::<G>(table, limits.decode, limits.leniency, limits.strict, frame).err();
        match error {
            None => Ok(false),
            Some(e) => {
                keep(decode_errors, e);
                decoder.next_frame()?;
                Ok(true)
            }
        }
    }

    fn decode_packet<'a, P: Packet + Decode<'a>>(&'a mut self) -> Result<P> {
        self.decode_one(P::META, |registry, r, strict| {
            registry.decode_packet_from::<P>(r, strict)
        })
    }

    fn decode_owned<P: Packet + DecodeOwned>(&mut self) -> Result<P> {
        self.decode_one(P::META, |registry, r, strict| {
            registry.decode_owned_from::<P>(r, strict)
        })
    }

    /// Decodes the buffered frame, which must be the packet `meta` names in
    /// the connection's state, with `decode`.
    fn decode_one<'a, T>(
        &'a mut self,
        meta: &'static PacketMeta,
        decode: impl FnOnce(&Registry, &mut Reader<'a>, bool) -> crate::Result<T>,
    ) -> Result<T> {
        let (state, dir) = (self.session.state, self.session.side.incoming());
        if (meta.state, meta.direction) != (state, dir) {
            return Err(wrong_state(meta.name, state));
        }
        let ReadCore {
            decoder,
            session,
            limits,
            ..
        } = self;
        let Some(frame) = decoder.next_frame()? else {
            unreachable!("a frame is buffered")
        };
        let mut r = Reader::new(frame, session.version())
            .with_limits(limits.decode)
            .with_leniency(limits.leniency);
        Ok(decode(&session.registry, &mut r, limits.strict)?)
    }

    /// The id of the buffered frame, which stays buffered.
    fn peek_id(&mut self) -> Result<i32> {
        let Some(frame) = self.decoder.peek_frame()? else {
            unreachable!("a frame is buffered")
        };
        Ok(RawPacket::parse(frame)?.id)
    }

    fn decode_raw(&mut self) -> Result<RawPacket<'_>> {
        Ok(RawPacket::parse(self.next_frame()?)?)
    }

    /// The buffered frame (the caller waited for one).
    fn next_frame(&mut self) -> Result<&[u8]> {
        match self.decoder.next_frame()? {
            Some(frame) => Ok(frame),
            None => unreachable!("a frame is buffered"),
        }
    }

    fn eof(&self) -> ConnectionError {
        match self.decoder.buffered() {
            0 => ConnectionError::Closed,
            buffered => ConnectionError::TruncatedFrame { buffered },
        }
    }

    fn has_frame(&mut self) -> Result<bool> {
        Ok(self.decoder.has_frame()?)
    }

    /// Room to read into; the decoder treats what is appended as received.
    #[cfg(feature = "tokio")]
    fn read_buffer(&mut self) -> &mut BytesMut {
        let buf = self.decoder.buffer_mut();
        if buf.is_empty() && buf.capacity() > KEEP_BUFFER {
            // Once a large frame is read, an idle connection does not keep
            // its memory.
            *buf = BytesMut::new();
        }
        if buf.capacity() - buf.len() < 4096 {
            buf.reserve(8192);
        }
        buf
    }
}

/// The largest buffer a connection keeps between reads and between
/// flushes: an idle connection holds at most this much per direction.
#[cfg(feature = "tokio")]
const KEEP_BUFFER: usize = 16 * 1024;

/// The writing half's state, shared by the sync and tokio writers.
#[derive(Debug)]
struct WriteCore {
    encoder: FrameEncoder,
    session: Session,
    body: Vec<u8>,
    out: BytesMut,
}

impl WriteCore {
    fn new(session: Session) -> Self {
        WriteCore {
            encoder: FrameEncoder::new(),
            session,
            body: Vec::new(),
            out: BytesMut::new(),
        }
    }

    fn queue<P: Packet>(&mut self, packet: &P) -> Result<()> {
        let (state, dir) = (self.session.state, self.session.side.outgoing());
        if (P::META.state, P::META.direction) != (state, dir) {
            return Err(wrong_state(P::META.name, state));
        }
        self.body.clear();
        self.session.registry.encode(packet, &mut self.body)?;
        Ok(self.encoder.encode(&self.body, &mut self.out)?)
    }

    fn queue_raw(&mut self, packet: &[u8]) -> Result<()> {
        Ok(self.encoder.encode(packet, &mut self.out)?)
    }

    /// The pending output was written: empties it, and lets go of a buffer
    /// that a burst made large.
    #[cfg(feature = "tokio")]
    fn written(&mut self) {
        self.out.clear();
        if self.out.capacity() > KEEP_BUFFER {
            self.out = BytesMut::new();
        }
        if self.body.capacity() > KEEP_BUFFER {
            self.body = Vec::new();
        }
    }
}
