//! Group enums as typed views of a registry: each registry makes, once per
//! group, a table from packet id to the group's variant.

use std::any::TypeId;
use std::borrow::Cow;
use std::marker::PhantomData;
use std::sync::Arc;

use super::{PacketDescriptor, Registry, table_index};
use crate::codec::{DecodeLimits, Leniency, Reader};
use crate::error::{Error, PacketContext, Result};
use crate::packet::{HandledBy, PacketGroup, PacketMeta, RawPacket};
use crate::state::{Direction, State};
use crate::version::ProtocolVersion;

/// The id has no entry in the registry: the `Unknown` variant.
const UNKNOWN: u8 = u8::MAX;
/// The registry knows the packet, the group does not: the `Other` variant.
const OTHER: u8 = u8::MAX - 1;
/// Most typed variants a group can have.
pub(crate) const MAX_VARIANTS: usize = OTHER as usize;

/// Id → variant of one group under one registry.
pub(crate) struct GroupTable {
    pub(crate) group: TypeId,
    // The registry it was made for (the address of its shared part).
    owner: usize,
    state: State,
    direction: Direction,
    version: ProtocolVersion,
    /// Variant index per id, or [`OTHER`] / [`UNKNOWN`].
    slots: Box<[u8]>,
    /// The packet at each id, for errors and for `Other`.
    packets: Box<[Option<PacketDescriptor>]>,
}

impl GroupTable {
    pub(crate) fn build<G: PacketGroup>(registry: &Registry) -> GroupTable {
        let types = G::packet_types();
        let table = &registry.0.tables[table_index(G::STATE, G::DIRECTION)];
        let mut slots = vec![UNKNOWN; table.by_id.len()].into_boxed_slice();
        for (id, d) in table.by_id.iter().enumerate() {
            if let Some(d) = d {
                let ty = (d.type_id)();
                slots[id] = match types.iter().position(|t| *t == ty) {
                    Some(i) if i < MAX_VARIANTS => i as u8,
                    _ => OTHER,
                };
            }
        }
        GroupTable {
            group: G::group_id(),
            owner: registry.identity(),
            state: G::STATE,
            direction: G::DIRECTION,
            version: registry.version(),
            slots,
            packets: table.by_id.clone().into_boxed_slice(),
        }
    }
}

impl std::fmt::Debug for GroupTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupTable")
            .field("state", &self.state)
            .field("direction", &self.direction)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

impl GroupTable {
    /// Whether this is group `G`'s table under `registry`.
    #[inline]
    pub(crate) fn is_for<G: PacketGroup>(&self, registry: &Registry) -> bool {
        self.group == G::group_id() && self.owner == registry.identity()
    }
}

/// Decodes one frame (packet id + body) as group `G` with `table`.
#[inline]
pub(crate) fn decode_group<'a, G: PacketGroup>(
    table: &GroupTable,
    limits: DecodeLimits,
    leniency: Leniency,
    strict: bool,
    frame: &'a [u8],
) -> Result<G::Of<'a>> {
    dispatch::<G, (), _>(
        table,
        limits,
        leniency,
        strict,
        frame,
        &mut (),
        #[inline(always)]
        |_, index, r, strict| G::decode_variant(index, r, strict),
        |_, packet| packet,
    )
}

/// Decodes one frame as group `G`: a typed variant's body by `typed` (given
/// its variant index), `Other` and `Unknown` as the group value by
/// `fallback`. Both [`GroupDecoder::decode`] and [`GroupDecoder::handle`]
/// are this function, so they agree on every frame.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub(crate) fn dispatch<'a, G: PacketGroup, S, T>(
    table: &GroupTable,
    limits: DecodeLimits,
    leniency: Leniency,
    strict: bool,
    frame: &'a [u8],
    state: &mut S,
    typed: impl FnOnce(&mut S, u8, &mut Reader<'a>, bool) -> Result<T>,
    fallback: impl FnOnce(&mut S, G::Of<'a>) -> T,
) -> Result<T> {
    // Every standard id fits in one byte: read it without the VarInt
    // decoder, which costs more than the rest of the dispatch.
    let (id, body) = match frame {
        [b, body @ ..] if *b < 0x80 => (i32::from(*b), body),
        _ => match read_long_id(frame) {
            Ok(v) => v,
            Err(e) => return Err(annotate(table, e, None)),
        },
    };
    let mut r = Reader::new(body, table.version)
        .with_limits(limits)
        .with_leniency(leniency);
    // A negative id becomes a huge index, past the table: Unknown.
    let slot = table
        .slots
        .get(id as u32 as usize)
        .copied()
        .unwrap_or(UNKNOWN);
    if slot < OTHER {
        return match typed(state, slot, &mut r, strict) {
            Ok(p) => Ok(p),
            Err(e) => Err(annotate(table, e, Some(id))),
        };
    }
    decode_rare::<G>(table, strict, id, slot, r).map(|g| fallback(state, g))
}

/// Decodes one frame as group `G` and hands the packet to `handler`.
#[inline(always)]
pub(crate) fn handle_group<'a, G: HandledBy<'a, H>, H>(
    table: &GroupTable,
    limits: DecodeLimits,
    leniency: Leniency,
    strict: bool,
    frame: &'a [u8],
    handler: &mut H,
) -> Result<G::Output> {
    dispatch::<G, H, G::Output>(
        table,
        limits,
        leniency,
        strict,
        frame,
        handler,
        // The closure, not the function item, so that the inlining holds.
        #[inline(always)]
        |h, index, r, strict| G::handle_variant(h, index, r, strict),
        |h, packet| G::handle_packet(h, packet),
    )
}

/// The id and body of a frame whose id is not one byte (or is missing).
#[cold]
#[inline(never)]
fn read_long_id(frame: &[u8]) -> Result<(i32, &[u8])> {
    let mut r = Reader::new(frame, ProtocolVersion(0));
    let id = r.varint()?;
    Ok((id, r.take_rest()))
}

#[cold]
#[inline(never)]
fn decode_rare<'a, G: PacketGroup>(
    table: &GroupTable,
    strict: bool,
    id: i32,
    slot: u8,
    mut r: Reader<'a>,
) -> Result<G::Of<'a>> {
    if slot == UNKNOWN {
        return Ok(G::unknown(RawPacket {
            id,
            body: Cow::Borrowed(r.take_rest()),
        }));
    }
    let Some(d) = table.packets[id as usize] else {
        unreachable!("an Other slot has a packet")
    };
    let p = (d.decode)(&mut r).map_err(|e| annotate(table, e, Some(id)))?;
    if strict {
        r.finish().map_err(|e| annotate(table, e, Some(id)))?;
    }
    Ok(G::other(p))
}

#[cold]
#[inline(never)]
fn annotate(t: &GroupTable, e: Error, id: Option<i32>) -> Error {
    let cx = PacketContext {
        state: t.state,
        direction: t.direction,
        id,
        version: t.version,
    };
    let meta: Option<&PacketMeta> = id
        .and_then(|i| usize::try_from(i).ok())
        .and_then(|i| t.packets.get(i).copied().flatten())
        .map(|d| d.meta);
    match meta {
        Some(m) => e.in_packet(m.name).with_context(cx),
        None => e.with_context(cx),
    }
}

/// Decodes the packets of group `G` as one registry numbers them: the fast,
/// typed path from a frame to a `match`.
///
/// ```
/// # use mcproto_core::{Packet, Registry, ProtocolVersion, packet_group, packet_table};
/// #[derive(Packet, Debug, Clone, PartialEq)]
/// #[packet(state = Status, direction = Serverbound)]
/// pub struct Ping { pub payload: i64 }
///
/// packet_group! {
///     #[derive(Debug)]
///     pub enum StatusIn(Status, Serverbound) { Ping }
/// }
///
/// let registry = Registry::builder(ProtocolVersion(47))
///     .table(packet_table!(Status, Serverbound: 0x01 => Ping))
///     .build()?;
/// let decoder = registry.group_decoder::<StatusIn>();
/// match decoder.decode(&[0x01, 0, 0, 0, 0, 0, 0, 0, 42])? {
///     StatusIn::Ping(p) => assert_eq!(p.payload, 42),
///     other => panic!("{other:?}"),
/// }
/// // An id the registry does not know arrives raw.
/// assert!(matches!(decoder.decode(&[0x07, 1, 2])?, StatusIn::Unknown(raw) if raw.id == 7));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct GroupDecoder<G> {
    table: Arc<GroupTable>,
    limits: DecodeLimits,
    leniency: Leniency,
    strict: bool,
    _group: PhantomData<fn() -> G>,
}

impl<G> Clone for GroupDecoder<G> {
    fn clone(&self) -> Self {
        GroupDecoder {
            table: self.table.clone(),
            limits: self.limits,
            leniency: self.leniency,
            strict: self.strict,
            _group: PhantomData,
        }
    }
}

impl<G> std::fmt::Debug for GroupDecoder<G> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupDecoder")
            .field("state", &self.table.state)
            .field("direction", &self.table.direction)
            .field("version", &self.table.version)
            .field("strict", &self.strict)
            .finish()
    }
}

impl<G: PacketGroup> GroupDecoder<G> {
    pub(crate) fn new(table: Arc<GroupTable>, limits: DecodeLimits, strict: bool) -> Self {
        GroupDecoder {
            table,
            limits,
            leniency: Leniency::default(),
            strict,
            _group: PhantomData,
        }
    }

    /// The same decoder with other nested-data limits.
    #[must_use]
    pub fn with_limits(mut self, limits: DecodeLimits) -> Self {
        self.limits = limits;
        self
    }

    /// The same decoder with other departures from vanilla (see [`Leniency`]).
    #[must_use]
    pub fn with_leniency(mut self, leniency: Leniency) -> Self {
        self.leniency = leniency;
        self
    }

    /// The same decoder; with `false`, bytes after a packet are ignored
    /// instead of being an error.
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// The protocol version packets are decoded for.
    pub fn version(&self) -> ProtocolVersion {
        self.table.version
    }

    /// Decodes one frame (packet id + body).
    #[inline]
    pub fn decode<'a>(&self, frame: &'a [u8]) -> Result<G::Of<'a>> {
        decode_group::<G>(&self.table, self.limits, self.leniency, self.strict, frame)
    }

    /// Decodes one frame (packet id + body) and hands the packet to
    /// `handler`: a packet with a method in the group's handler trait
    /// (`packet_group!` declares `{Group}Handler`) goes straight to that
    /// method, without building the group value; others to its `packet`
    /// method. Errors are those of [`decode`](Self::decode).
    ///
    /// ```
    /// # use mcproto_core::{Packet, Registry, ProtocolVersion, packet_group, packet_table};
    /// #[derive(Packet, Debug, Clone, PartialEq)]
    /// #[packet(state = Status, direction = Serverbound)]
    /// pub struct Ping { pub payload: i64 }
    ///
    /// packet_group! {
    ///     #[derive(Debug)]
    ///     pub enum StatusIn(Status, Serverbound) { Ping }
    /// }
    ///
    /// struct Pings(i64);
    /// impl<'a> StatusInHandler<'a> for Pings {
    ///     type Output = bool;
    ///     fn ping(&mut self, p: Ping) -> bool {
    ///         self.0 += p.payload;
    ///         true
    ///     }
    ///     fn packet(&mut self, _other: StatusIn<'a>) -> bool {
    ///         false
    ///     }
    /// }
    ///
    /// let registry = Registry::builder(ProtocolVersion(47))
    ///     .table(packet_table!(Status, Serverbound: 0x01 => Ping))
    ///     .build()?;
    /// let decoder = registry.group_decoder::<StatusIn>();
    /// let mut pings = Pings(0);
    /// assert!(decoder.handle(&[0x01, 0, 0, 0, 0, 0, 0, 0, 42], &mut pings)?);
    /// assert!(!decoder.handle(&[0x07, 1, 2], &mut pings)?);
    /// assert_eq!(pings.0, 42);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn handle<'a, H>(&self, frame: &'a [u8], handler: &mut H) -> Result<G::Output>
    where
        G: HandledBy<'a, H>,
    {
        handle_group::<G, H>(
            &self.table,
            self.limits,
            self.leniency,
            self.strict,
            frame,
            handler,
        )
    }
}
