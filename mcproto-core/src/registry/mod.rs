//! Packet registries: which packet type has which id, in one protocol
//! version, per state and direction.
//!
//! A [`Registry`] is a plain value, and the only authority on ids: group
//! enums, connections, clients, servers, proxies and the inspector all find
//! packets through one. The packets crate builds the standard registry of
//! each version from per-version [`IdTable`]s; forks copy one into a
//! [`RegistryBuilder`], add, replace, remove and renumber packets, possibly
//! under a new protocol number, and build their own.

mod any_packet;
mod builder;
mod group;

use std::any::TypeId;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::{Arc, RwLock};

pub use any_packet::{AnyPacket, DynPacket, PacketDescriptor, RegistrablePacket};
pub use builder::{Problem, RegistryBuilder, RegistryError};
pub use group::GroupDecoder;

use crate::codec::{Decode, DecodeLimits, DecodeOwned, Reader, Writer};
use crate::error::{Error, ErrorKind, PacketContext, Result};
use crate::packet::{Packet, PacketGroup, unexpected_packet};
use crate::schema::WireType;
use crate::state::{Direction, State};
use crate::version::ProtocolVersion;
pub(crate) use group::{GroupTable, MAX_VARIANTS, decode_group, handle_group};

/// The packets of one state and direction at their ids, for one or more
/// protocol versions: what `packet_table!` builds and
/// [`RegistryBuilder::table`] adds.
#[derive(Debug, Clone, Copy)]
pub struct IdTable {
    /// The state of every packet in the table.
    pub state: State,
    /// The direction of every packet in the table.
    pub direction: Direction,
    /// `(id, packet)` in ascending id order.
    pub entries: &'static [(i32, PacketDescriptor)],
}

/// Whether `entries` has strictly ascending ids and every packet declares
/// `state` and `direction` (checked at compile time by `packet_table!`).
#[doc(hidden)]
pub const fn table_is_valid(
    state: State,
    direction: Direction,
    entries: &[(i32, PacketDescriptor)],
) -> bool {
    let mut i = 0;
    while i < entries.len() {
        let meta = entries[i].1.meta;
        if meta.state as u8 != state as u8 || meta.direction as u8 != direction as u8 {
            return false;
        }
        if i > 0 && entries[i - 1].0 >= entries[i].0 {
            return false;
        }
        i += 1;
    }
    true
}

/// An [`IdTable`]: the packets of one state and direction, each at its id,
/// listed in ascending id order as wiki.vg's packet tables are.
///
/// ```
/// use mcproto_core::{Packet, packet_table};
///
/// /// A packet of a fork's own.
/// #[derive(Packet, Debug, Clone, PartialEq)]
/// #[packet(state = Play, direction = Serverbound)]
/// pub struct Wave {
///     #[mc(varint)]
///     pub entity_id: i32,
/// }
///
/// const FORK_SERVERBOUND: mcproto_core::IdTable = packet_table!(Play, Serverbound: 0x30 => Wave);
/// assert_eq!(FORK_SERVERBOUND.entries[0].0, 0x30);
/// ```
///
/// Ids out of order, or a packet declared for another state or direction,
/// stop the build.
#[macro_export]
macro_rules! packet_table {
    ($state:ident, $direction:ident: $($id:literal => $ty:ty),* $(,)?) => {{
        const ENTRIES: &[(i32, $crate::PacketDescriptor)] =
            &[$(($id, $crate::PacketDescriptor::of::<$ty>())),*];
        const _: () = assert!(
            $crate::registry::table_is_valid(
                $crate::State::$state,
                $crate::Direction::$direction,
                ENTRIES,
            ),
            "packet_table!: ids must ascend, and every packet must declare the table's state and direction"
        );
        $crate::IdTable {
            state: $crate::State::$state,
            direction: $crate::Direction::$direction,
            entries: ENTRIES,
        }
    }};
}

const fn table_index(state: State, direction: Direction) -> usize {
    (state as usize) * 2 + direction as usize
}

#[derive(Clone, Default)]
struct Table {
    by_id: Vec<Option<PacketDescriptor>>,
    // The type of each id's packet, made once the registry is built: a
    // typed decode compares one entry instead of probing `by_type`.
    type_ids: Vec<Option<TypeId>>,
}

impl Table {
    fn index_types(&mut self) {
        self.type_ids = self
            .by_id
            .iter()
            .map(|d| d.as_ref().map(|d| (d.type_id)()))
            .collect();
    }
}

/// Hashes a [`TypeId`], which is already a hash: its bits are used as they
/// are, so finding a packet type's id costs one multiply and a probe.
#[derive(Default)]
struct TypeIdHasher(u64);

impl Hasher for TypeIdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 =
                (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u128(&mut self, n: u128) {
        self.write_u64(n as u64 ^ (n >> 64) as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type ByType = HashMap<TypeId, (State, Direction, i32), BuildHasherDefault<TypeIdHasher>>;

/// Packet type → id, for encoding, made once the registry is built: open
/// addressing on the type's hash, at most a quarter full, so a lookup is
/// nearly always one probe. (The map's group probe cost more than encoding
/// a small packet's body.)
///
/// Packet types with a [`TypeSlot`](crate::packet::TypeSlot) (every derived
/// one without type parameters) are also kept at their slot's number in
/// `by_slot`, which costs an encode one load instead of the probe. The
/// entry keeps the `TypeId`, so a wrong slot can only miss, never give
/// another type's id; a miss falls back to the probe.
#[derive(Clone, Default)]
struct TypeIndex {
    slots: Box<[Option<(TypeId, i32)>]>,
    // The hash's top bits pick the slot (Fibonacci hashing).
    shift: u32,
    by_slot: Box<[Option<(TypeId, i32)>]>,
}

impl TypeIndex {
    fn new(by_type: &ByType, tables: &[Table]) -> TypeIndex {
        let mut by_slot: Vec<Option<(TypeId, i32)>> = Vec::new();
        for table in tables {
            for (id, d) in table.by_id.iter().enumerate() {
                let Some(d) = d else { continue };
                let Some(n) = (d.type_slot)().and_then(|s| s.assign()) else {
                    continue;
                };
                if by_slot.len() <= n {
                    by_slot.resize(n + 1, None);
                }
                by_slot[n] = Some(((d.type_id)(), id as i32));
            }
        }
        let mut index = Self::hashed(by_type);
        index.by_slot = by_slot.into_boxed_slice();
        index
    }

    fn hashed(by_type: &ByType) -> TypeIndex {
        let bits = (by_type.len() * 4)
            .next_power_of_two()
            .max(8)
            .trailing_zeros();
        let mut slots = vec![None; 1 << bits].into_boxed_slice();
        let shift = 64 - bits;
        let mask = slots.len() - 1;
        for (&t, &(_, _, id)) in by_type {
            let mut i = Self::home(t, shift);
            while slots[i].is_some() {
                i = (i + 1) & mask;
            }
            slots[i] = Some((t, id));
        }
        TypeIndex {
            slots,
            shift,
            by_slot: Box::default(),
        }
    }

    #[inline(always)]
    fn home(t: TypeId, shift: u32) -> usize {
        let mut h = TypeIdHasher::default();
        t.hash(&mut h);
        (h.finish() >> shift) as usize
    }

    /// The id of packet type `P`: by its slot when it has one.
    #[inline(always)]
    fn of<P: Packet>(&self) -> Option<i32> {
        let t = TypeId::of::<P::Static>();
        if let Some(slot) = P::type_slot()
            && let Some(Some((k, id))) = self.by_slot.get(slot.get())
            && *k == t
        {
            return Some(*id);
        }
        self.get(t)
    }

    #[inline]
    fn get(&self, t: TypeId) -> Option<i32> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = Self::home(t, self.shift);
        // Terminates: the table always has empty slots (or is empty).
        loop {
            match self.slots.get(i)? {
                Some((k, id)) if *k == t => return Some(*id),
                Some(_) => i = (i + 1) & mask,
                None => return None,
            }
        }
    }
}

struct Inner {
    version: ProtocolVersion,
    tables: [Table; 8],
    by_type: ByType,
    ids: TypeIndex,
    // Each group's id → variant table, made on first use.
    groups: RwLock<Vec<Arc<GroupTable>>>,
}

impl Inner {
    fn copy(&self, version: ProtocolVersion) -> Inner {
        Inner {
            version,
            tables: self.tables.clone(),
            by_type: self.by_type.clone(),
            ids: TypeIndex::default(),
            groups: RwLock::new(Vec::new()),
        }
    }
}

/// Packet ids for one protocol version, all states and directions.
///
/// Cheap to clone (one reference count); copies share their group tables.
#[derive(Clone)]
pub struct Registry(Arc<Inner>);

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_struct("Registry");
        m.field("version", &self.0.version);
        for state in State::ALL {
            for dir in Direction::ALL {
                let n = self.packets(state, dir).count();
                if n > 0 {
                    m.field(&format!("{state} {dir}"), &n);
                }
            }
        }
        m.finish()
    }
}

impl Registry {
    /// An empty builder for protocol `version`.
    pub fn builder(version: ProtocolVersion) -> RegistryBuilder {
        RegistryBuilder::new(version, None)
    }

    /// A builder starting from this registry's packets; `build` gives a new
    /// registry and leaves this one unchanged.
    pub fn to_builder(&self) -> RegistryBuilder {
        RegistryBuilder::new(self.0.version, Some(self.clone()))
    }

    /// The protocol version.
    pub fn version(&self) -> ProtocolVersion {
        self.0.version
    }

    /// The packet with `id` in (`state`, `direction`).
    pub fn get(&self, state: State, direction: Direction, id: i32) -> Option<&PacketDescriptor> {
        let table = &self.0.tables[table_index(state, direction)];
        usize::try_from(id)
            .ok()
            .and_then(|i| table.by_id.get(i))
            .and_then(Option::as_ref)
    }

    /// The packets of (`state`, `direction`) in id order.
    pub fn packets(
        &self,
        state: State,
        direction: Direction,
    ) -> impl Iterator<Item = (i32, &PacketDescriptor)> {
        self.0.tables[table_index(state, direction)]
            .by_id
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.as_ref().map(|d| (i as i32, d)))
    }

    /// Id → packet name for (`state`, `direction`): the counterpart of
    /// Python mcproto's `generate_packet_map(direction, state)`.
    pub fn packet_map(&self, state: State, direction: Direction) -> BTreeMap<i32, &'static str> {
        self.packets(state, direction)
            .map(|(id, d)| (id, d.meta.name))
            .collect()
    }

    /// The id under which packet type `P` is registered (a packet type
    /// with a lifetime is registered as its `'static` form).
    pub fn id_of<P: 'static>(&self) -> Option<i32> {
        self.0.ids.get(TypeId::of::<P>())
    }

    /// The id of packet `P` of any lifetime: its owned form's.
    #[inline(always)]
    fn packet_id<P: Packet>(&self) -> Option<i32> {
        self.0.ids.of::<P>()
    }

    /// The state, direction and id of a packet type.
    pub fn lookup(&self, type_id: TypeId) -> Option<(State, Direction, i32)> {
        self.0.by_type.get(&type_id).copied()
    }

    /// Appends id + body of `packet` to `buf`, with the id this registry
    /// gives its type.
    #[inline(always)]
    pub fn encode<P: Packet>(&self, packet: &P, buf: &mut Vec<u8>) -> Result<()> {
        let Some(id) = self.packet_id::<P>() else {
            return Err(self.not_registered(P::META));
        };
        let version = self.0.version;
        let mut w = Writer::new(buf, version);
        // A fixed-size packet with a one-byte id (every standard one): id
        // and body in one reservation.
        if let Some(n) = P::FIXED_SIZE
            && let Ok(id) = u8::try_from(id)
            && id < 0x80
        {
            w.put_fixed(1 + n, |out| {
                if let Some((first, body)) = out.split_first_mut() {
                    *first = id;
                    packet.encode_fixed(body, version);
                }
            });
            return Ok(());
        }
        w.put_varint(id);
        match packet.encode(&mut w) {
            Ok(()) => Ok(()),
            Err(e) => Err(annotate(
                e,
                P::META.name,
                P::META.context(Some(id), self.0.version),
            )),
        }
    }

    /// Appends id + body of a packet of any registered type to `buf`.
    pub fn encode_any(&self, packet: &dyn DynPacket, buf: &mut Vec<u8>) -> Result<()> {
        let meta = packet.meta();
        let Some(id) = self.0.ids.get(packet.as_any().type_id()) else {
            return Err(self.not_registered(meta));
        };
        let mut w = Writer::new(buf, self.0.version);
        w.put_varint(id);
        packet
            .encode_body(&mut w)
            .map_err(|e| annotate(e, meta.name, meta.context(Some(id), self.0.version)))
    }

    #[cold]
    fn not_registered(&self, meta: &'static crate::packet::PacketMeta) -> Error {
        Error::new(ErrorKind::PacketNotInVersion {
            version: self.0.version.0,
        })
        .in_packet(meta.name)
        .with_context(meta.context(None, self.0.version))
    }

    /// Decodes a frame (id + body) that must hold exactly one `P`.
    pub fn decode_packet<'a, P>(&self, frame: &'a [u8]) -> Result<P>
    where
        P: Packet + Decode<'a>,
    {
        self.decode_packet_from(&mut Reader::new(frame, self.0.version), true)
    }

    /// Decodes id + body of a `P` from `r`; with `strict`, bytes left over
    /// are an error.
    #[inline]
    pub fn decode_packet_from<'a, P>(&self, r: &mut Reader<'a>, strict: bool) -> Result<P>
    where
        P: Packet + Decode<'a>,
    {
        self.decode_with::<P, P>(r, strict, P::decode)
    }

    /// Decodes a frame (id + body) that must hold exactly one `P`, as its
    /// owned form: for a packet kept after the frame is gone (`P` is
    /// `PluginMessage<'static>`, say).
    pub fn decode_owned<P>(&self, frame: &[u8]) -> Result<P>
    where
        P: Packet + DecodeOwned,
    {
        self.decode_owned_from(&mut Reader::new(frame, self.0.version), true)
    }

    /// Decodes id + body of a `P` from `r` as its owned form; with
    /// `strict`, bytes left over are an error.
    #[inline]
    pub fn decode_owned_from<P>(&self, r: &mut Reader<'_>, strict: bool) -> Result<P>
    where
        P: Packet + DecodeOwned,
    {
        self.decode_with::<P, P>(r, strict, |r| P::decode_owned(r))
    }

    /// Checks the id of packet `P`, decodes the body with `body`, and checks
    /// for bytes left over.
    #[inline(always)]
    fn decode_with<'a, P: Packet, T>(
        &self,
        r: &mut Reader<'a>,
        strict: bool,
        body: impl FnOnce(&mut Reader<'a>) -> Result<T>,
    ) -> Result<T> {
        let version = self.0.version;
        let id = match r.varint() {
            Ok(id) => id,
            Err(e) => return Err(self.bad_id::<P>(Err(e))),
        };
        let table = &self.0.tables[table_index(P::META.state, P::META.direction)];
        let registered = usize::try_from(id)
            .ok()
            .and_then(|i| table.type_ids.get(i))
            .copied()
            .flatten();
        if registered != Some(TypeId::of::<P::Static>()) {
            return Err(self.bad_id::<P>(Ok(id)));
        }
        let p = match body(r) {
            Ok(p) => p,
            Err(e) => {
                return Err(annotate(
                    e,
                    P::META.name,
                    P::META.context(Some(id), version),
                ));
            }
        };
        if strict && !r.is_empty() {
            let e = Error::new(ErrorKind::TrailingBytes {
                count: r.remaining(),
            });
            return Err(annotate(
                e,
                P::META.name,
                P::META.context(Some(id), version),
            ));
        }
        Ok(p)
    }

    /// Why a frame is not a `P`: `P` is not registered, its id could not be
    /// read, or it holds another packet.
    #[cold]
    #[inline(never)]
    fn bad_id<P: Packet>(&self, id: Result<i32>) -> Error {
        let version = self.0.version;
        match (self.packet_id::<P>(), id) {
            (None, _) => self.not_registered(P::META),
            (Some(_), Err(e)) => annotate(e, P::META.name, P::META.context(None, version)),
            (Some(expected), Ok(id)) => unexpected_packet(P::META, expected, id, version),
        }
    }

    /// Decodes a frame (id + body) of (`state`, `direction`), whatever its
    /// type, into an [`AnyPacket`]; an id the registry does not know is
    /// [`ErrorKind::UnknownPacket`]. The dynamic path, for inspectors and
    /// loggers: group enums are faster and match by variant.
    pub fn decode_any(
        &self,
        state: State,
        direction: Direction,
        frame: &[u8],
    ) -> Result<AnyPacket> {
        let mut r = Reader::new(frame, self.0.version);
        let cx = |id| PacketContext {
            state,
            direction,
            id,
            version: self.0.version,
        };
        let id = r.varint().map_err(|e| e.with_context(cx(None)))?;
        let Some(d) = self.get(state, direction, id) else {
            return Err(Error::new(ErrorKind::UnknownPacket { id }).with_context(cx(Some(id))));
        };
        let p = (d.decode)(&mut r).map_err(|e| annotate(e, d.meta.name, cx(Some(id))))?;
        r.finish()
            .map_err(|e| annotate(e, d.meta.name, cx(Some(id))))?;
        Ok(p)
    }

    /// A decoder for group `G` under this registry, with the default
    /// limits and trailing bytes an error. The group's id table is made on
    /// the first call and shared by every copy of the registry.
    pub fn group_decoder<G: PacketGroup>(&self) -> GroupDecoder<G> {
        GroupDecoder::new(self.group_table::<G>(), DecodeLimits::default(), true)
    }

    /// Whether `a` and `b` are copies of one registry (not merely equal).
    pub fn ptr_eq(a: &Registry, b: &Registry) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    /// A number that identifies this registry and its copies.
    fn identity(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }

    pub(crate) fn group_table<G: PacketGroup>(&self) -> Arc<GroupTable> {
        let key = G::group_id();
        if let Ok(groups) = self.0.groups.read()
            && let Some(t) = groups.iter().find(|t| t.group == key)
        {
            return t.clone();
        }
        let table = Arc::new(GroupTable::build::<G>(self));
        if let Ok(mut groups) = self.0.groups.write() {
            groups.push(table.clone());
        }
        table
    }

    /// Every packet with its state, direction, id and layout, in the
    /// registry's protocol version.
    pub fn schema(&self) -> Vec<PacketSchema> {
        let mut out = Vec::new();
        for state in State::ALL {
            for direction in Direction::ALL {
                for (id, d) in self.packets(state, direction) {
                    out.push(PacketSchema {
                        state,
                        direction,
                        id,
                        name: d.meta.name,
                        layout: (d.describe)(self.0.version),
                    });
                }
            }
        }
        out
    }
}

#[cold]
fn annotate(e: Error, name: &'static str, cx: PacketContext) -> Error {
    e.in_packet(name).with_context(cx)
}

/// One packet of [`Registry::schema`].
#[derive(Debug, Clone, PartialEq)]
pub struct PacketSchema {
    /// State.
    pub state: State,
    /// Direction.
    pub direction: Direction,
    /// Id.
    pub id: i32,
    /// Name.
    pub name: &'static str,
    /// Body layout.
    pub layout: WireType,
}
