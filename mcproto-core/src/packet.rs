//! The [`Packet`] trait: a type with a name, a state, a direction and an id
//! per protocol version.

use crate::codec::{Decode, Encode, Reader, Writer};
use crate::error::{Error, ErrorKind, PacketContext, Result};
use crate::schema::Describe;
use crate::state::{Direction, State};
use crate::version::ProtocolVersion;

/// From protocol version `since` on, a packet has id `id` (`None`: it does
/// not exist from that version on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionedId {
    /// First protocol version this entry applies to.
    pub since: i32,
    /// The id, or `None` if the packet is absent.
    pub id: Option<i32>,
}

/// The id in `version` given a table of [`VersionedId`]s in ascending order.
pub const fn id_in(ids: &[VersionedId], version: i32) -> Option<i32> {
    let mut found = None;
    let mut i = 0;
    while i < ids.len() {
        if ids[i].since <= version {
            found = ids[i].id;
        }
        i += 1;
    }
    found
}

/// What the registry needs to know about a packet type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PacketMeta {
    /// The packet's name (the Rust type name).
    pub name: &'static str,
    /// The state it is sent in.
    pub state: State,
    /// The way it travels.
    pub direction: Direction,
    /// Its id per protocol version, in ascending order of `since`.
    pub ids: &'static [VersionedId],
}

impl PacketMeta {
    /// The packet's id in `version`, or `None` if it does not exist there.
    pub const fn id_for(&self, version: ProtocolVersion) -> Option<i32> {
        id_in(self.ids, version.0)
    }

    /// Error context for this packet.
    pub fn context(&self, id: Option<i32>, version: ProtocolVersion) -> PacketContext {
        PacketContext {
            state: self.state,
            direction: self.direction,
            id,
            version,
        }
    }
}

/// A packet: its body encodes and decodes, and it has a name, a state, a
/// direction and ids. Derive it with `#[derive(Packet)]`.
pub trait Packet: Encode + Describe {
    /// Name, state, direction and ids.
    const META: &'static PacketMeta;

    /// The packet's id in `version`, or `None` if it does not exist there.
    fn id_for(version: ProtocolVersion) -> Option<i32> {
        Self::META.id_for(version)
    }

    /// Packet id (VarInt) followed by the body, for `version`.
    fn encode_packet(&self, version: ProtocolVersion) -> Result<Vec<u8>> {
        let mut buf = Vec::new();
        self.encode_packet_into(&mut buf, version)?;
        Ok(buf)
    }

    /// Appends the packet id and body to `buf`.
    fn encode_packet_into(&self, buf: &mut Vec<u8>, version: ProtocolVersion) -> Result<()> {
        let id = Self::id_for(version).ok_or_else(|| not_in_version(Self::META, version))?;
        let mut w = Writer::new(buf, version);
        w.put_varint(id);
        self.encode(&mut w).map_err(|e| {
            e.in_packet(Self::META.name)
                .with_context(Self::META.context(Some(id), version))
        })
    }

    /// Decodes packet id + body from `data`, which must hold exactly one
    /// packet of this type.
    #[inline]
    fn decode_packet<'a>(data: &'a [u8], version: ProtocolVersion) -> Result<Self>
    where
        Self: Decode<'a>,
    {
        decode_packet_from(&mut Reader::new(data, version), true)
    }
}

#[cold]
fn not_in_version(meta: &PacketMeta, version: ProtocolVersion) -> Error {
    Error::new(ErrorKind::PacketNotInVersion { version: version.0 })
        .in_packet(meta.name)
        .with_context(meta.context(None, version))
}

/// Reads a packet id and a body of type `P` from `r`; with `strict`, bytes
/// left over are an error.
#[inline]
pub fn decode_packet_from<'a, P: Packet + Decode<'a>>(
    r: &mut Reader<'a>,
    strict: bool,
) -> Result<P> {
    let version = r.version();
    let Some(expected) = P::id_for(version) else {
        return Err(not_in_version(P::META, version));
    };
    let id = match r.varint() {
        Ok(id) => id,
        Err(e) => return Err(annotate(e, P::META, None, version)),
    };
    if id != expected {
        return Err(annotate(
            Error::new(ErrorKind::UnexpectedPacket {
                expected,
                actual: id,
            }),
            P::META,
            Some(id),
            version,
        ));
    }
    decode_body::<P>(r, id, strict)
}

/// Decodes the body of a `P` whose id was already read.
#[inline]
pub fn decode_body<'a, P: Packet + Decode<'a>>(
    r: &mut Reader<'a>,
    id: i32,
    strict: bool,
) -> Result<P> {
    let p = match P::decode(r) {
        Ok(p) => p,
        Err(e) => return Err(annotate(e, P::META, Some(id), r.version())),
    };
    if strict && !r.is_empty() {
        let e = Error::new(ErrorKind::TrailingBytes {
            count: r.remaining(),
        });
        return Err(annotate(e, P::META, Some(id), r.version()));
    }
    Ok(p)
}

#[cold]
fn annotate(e: Error, meta: &PacketMeta, id: Option<i32>, version: ProtocolVersion) -> Error {
    e.in_packet(meta.name)
        .with_context(meta.context(id, version))
}

/// The enum of every packet of one state and direction, generated by
/// `packet_group!`.
pub trait PacketGroup: Sized {
    /// The group's state.
    const STATE: State;
    /// The group's direction.
    const DIRECTION: Direction;
    /// Decodes the body of the packet with `id`.
    fn decode_body(id: i32, r: &mut Reader<'_>) -> Result<Self>;
    /// Encodes the body (without the id).
    fn encode_body(&self, w: &mut Writer<'_>) -> Result<()>;
    /// The packet's id in `version`.
    fn id(&self, version: ProtocolVersion) -> Option<i32>;
    /// The packet's name.
    fn name(&self) -> &'static str;
}
