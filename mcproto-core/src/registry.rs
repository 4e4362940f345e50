//! Packet registries: which packet type has which id, per protocol version,
//! state and direction.
//!
//! A [`Registry`] is a plain value built from [`PacketDescriptor`]s, which
//! `packet_group!` generates from the packet declarations. It decodes any
//! packet of a (state, direction) into an [`AnyPacket`], and gives the id to
//! encode a packet with. Forks copy a registry into a [`RegistryBuilder`],
//! add, replace, remove and renumber packets, and build a new one, possibly
//! under a new protocol version number; conflicting registrations are
//! reported by [`RegistryBuilder::build`].

use std::any::{Any, TypeId};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::Arc;

use bytes::Bytes;

use crate::codec::{Decode, Reader, Writer};
use crate::error::{Error, ErrorKind, PacketContext, Result};
use crate::packet::{Packet, PacketMeta};
use crate::schema::WireType;
use crate::state::{Direction, State};
use crate::version::ProtocolVersion;

/// A packet whose concrete type is known only at run time.
///
/// Implemented for every owned [`Packet`] that is also `Clone`, `PartialEq`,
/// `Debug`, `Send` and `Sync`.
pub trait DynPacket: Any + Send + Sync + fmt::Debug {
    /// The packet's static description.
    fn meta(&self) -> &'static PacketMeta;
    /// Encodes the body (without the id).
    fn encode_body(&self, w: &mut Writer<'_>) -> Result<()>;
    /// For downcasting.
    fn as_any(&self) -> &dyn Any;
    /// For downcasting by value.
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
    /// A boxed copy.
    fn clone_box(&self) -> Box<dyn DynPacket>;
    /// Equality with a packet of any type.
    fn eq_dyn(&self, other: &dyn DynPacket) -> bool;
}

impl<P> DynPacket for P
where
    P: Packet + Clone + PartialEq + fmt::Debug + Send + Sync + 'static,
{
    fn meta(&self) -> &'static PacketMeta {
        P::META
    }
    fn encode_body(&self, w: &mut Writer<'_>) -> Result<()> {
        self.encode(w)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }
    fn clone_box(&self) -> Box<dyn DynPacket> {
        Box::new(self.clone())
    }
    fn eq_dyn(&self, other: &dyn DynPacket) -> bool {
        other.as_any().downcast_ref::<P>() == Some(self)
    }
}

/// A decoded packet of any type; downcast it to the type you expect.
pub struct AnyPacket(Box<dyn DynPacket>);

impl AnyPacket {
    /// Wraps a packet.
    pub fn new<P: DynPacket>(packet: P) -> Self {
        AnyPacket(Box::new(packet))
    }

    /// The packet's name.
    pub fn name(&self) -> &'static str {
        self.0.meta().name
    }

    /// The packet's static description.
    pub fn meta(&self) -> &'static PacketMeta {
        self.0.meta()
    }

    /// Whether the packet is a `P`.
    pub fn is<P: 'static>(&self) -> bool {
        self.0.as_any().is::<P>()
    }

    /// The packet as a `P`, if it is one.
    pub fn downcast_ref<P: 'static>(&self) -> Option<&P> {
        self.0.as_any().downcast_ref()
    }

    /// The packet as a `P`, or the packet back if it is not one.
    pub fn downcast<P: 'static>(self) -> std::result::Result<P, AnyPacket> {
        if !self.is::<P>() {
            return Err(self);
        }
        match self.0.into_any().downcast::<P>() {
            Ok(p) => Ok(*p),
            Err(_) => unreachable!("the type was checked above"),
        }
    }

    /// The packet as a trait object.
    pub fn as_dyn(&self) -> &dyn DynPacket {
        &*self.0
    }
}

impl fmt::Debug for AnyPacket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Clone for AnyPacket {
    fn clone(&self) -> Self {
        AnyPacket(self.0.clone_box())
    }
}

impl PartialEq for AnyPacket {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_dyn(&*other.0)
    }
}

/// How to decode, describe and identify one packet type, without knowing
/// the type statically.
#[derive(Clone, Copy)]
pub struct PacketDescriptor {
    /// Name, state, direction, ids.
    pub meta: &'static PacketMeta,
    /// Decodes a body into an [`AnyPacket`].
    pub decode: for<'a> fn(&mut Reader<'a>) -> Result<AnyPacket>,
    /// The body layout in a protocol version.
    pub describe: fn(ProtocolVersion) -> WireType,
    /// The Rust type's id.
    pub type_id: fn() -> TypeId,
}

fn decode_any<P>(r: &mut Reader<'_>) -> Result<AnyPacket>
where
    P: Packet + for<'a> Decode<'a> + DynPacket,
{
    P::decode(r).map(AnyPacket::new)
}

impl PacketDescriptor {
    /// The descriptor of packet type `P`.
    pub const fn of<P>() -> Self
    where
        P: Packet + for<'a> Decode<'a> + DynPacket,
    {
        PacketDescriptor {
            meta: P::META,
            decode: decode_any::<P>,
            describe: <P as crate::schema::Describe>::describe,
            type_id: TypeId::of::<P>,
        }
    }

    /// The packet's name.
    pub fn name(&self) -> &'static str {
        self.meta.name
    }
}

impl fmt::Debug for PacketDescriptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PacketDescriptor")
            .field("meta", self.meta)
            .finish()
    }
}

const fn table_index(state: State, direction: Direction) -> usize {
    (state as usize) * 2 + direction as usize
}

#[derive(Clone, Default)]
struct Table {
    by_id: Vec<Option<PacketDescriptor>>,
}

#[derive(Clone)]
struct Inner {
    version: ProtocolVersion,
    tables: [Table; 8],
    by_type: HashMap<TypeId, (State, Direction, i32)>,
}

/// Packet ids for one protocol version, all states and directions.
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
        RegistryBuilder {
            version,
            base: None,
            ops: Vec::new(),
        }
    }

    /// The registry of every descriptor that has an id in `version`.
    pub fn from_descriptors(
        version: ProtocolVersion,
        descriptors: &[PacketDescriptor],
    ) -> Result<Registry, RegistryError> {
        let mut b = Registry::builder(version);
        for d in descriptors {
            if let Some(id) = d.meta.id_for(version) {
                b.ops.push(Op::Add(*d, id));
            }
        }
        b.build()
    }

    /// A builder starting from this registry's packets; `build` gives a new
    /// registry and leaves this one unchanged.
    pub fn to_builder(&self) -> RegistryBuilder {
        RegistryBuilder {
            version: self.0.version,
            base: Some(self.clone()),
            ops: Vec::new(),
        }
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

    /// The id under which packet type `P` is registered.
    pub fn id_of<P: 'static>(&self) -> Option<i32> {
        self.0.by_type.get(&TypeId::of::<P>()).map(|(_, _, id)| *id)
    }

    /// The state, direction and id of a packet value's type.
    pub fn lookup(&self, packet: &dyn DynPacket) -> Option<(State, Direction, i32)> {
        self.0.by_type.get(&packet.as_any().type_id()).copied()
    }

    /// Decodes a body whose id was already read. Unless `strict` is false,
    /// bytes left over are an error.
    pub fn decode_body(
        &self,
        state: State,
        direction: Direction,
        id: i32,
        r: &mut Reader<'_>,
        strict: bool,
    ) -> Result<AnyPacket> {
        let cx = PacketContext {
            state,
            direction,
            id: Some(id),
            version: r.version(),
        };
        let Some(d) = self.get(state, direction, id) else {
            return Err(Error::new(ErrorKind::UnknownPacket { id }).with_context(cx));
        };
        let annotate = |e: Error| e.in_packet(d.meta.name).with_context(cx);
        let p = (d.decode)(r).map_err(annotate)?;
        if strict {
            r.finish().map_err(annotate)?;
        }
        Ok(p)
    }

    /// Decodes packet id + body from `data` (one whole packet).
    pub fn decode(&self, state: State, direction: Direction, data: &[u8]) -> Result<AnyPacket> {
        let mut r = Reader::new(data, self.0.version);
        self.decode_from(state, direction, &mut r, true)
    }

    /// Decodes packet id + body from a shared buffer; `Bytes` and string
    /// fields reference `data` instead of copying.
    pub fn decode_bytes(
        &self,
        state: State,
        direction: Direction,
        data: &Bytes,
    ) -> Result<AnyPacket> {
        let mut r = Reader::from_bytes(data, self.0.version);
        self.decode_from(state, direction, &mut r, true)
    }

    /// Decodes packet id + body from a reader.
    pub fn decode_from(
        &self,
        state: State,
        direction: Direction,
        r: &mut Reader<'_>,
        strict: bool,
    ) -> Result<AnyPacket> {
        let id = r.varint().map_err(|e| {
            e.with_context(PacketContext {
                state,
                direction,
                id: None,
                version: r.version(),
            })
        })?;
        self.decode_body(state, direction, id, r, strict)
    }

    /// Appends id + body of `packet` to `buf`, with the id this registry
    /// gives its type.
    pub fn encode_into(&self, packet: &dyn DynPacket, buf: &mut Vec<u8>) -> Result<()> {
        let meta = packet.meta();
        let Some((_, _, id)) = self.lookup(packet) else {
            return Err(Error::new(ErrorKind::PacketNotInVersion {
                version: self.0.version.0,
            })
            .in_packet(meta.name)
            .with_context(meta.context(None, self.0.version)));
        };
        let mut w = Writer::new(buf, self.0.version);
        w.put_varint(id);
        packet.encode_body(&mut w).map_err(|e| {
            e.in_packet(meta.name)
                .with_context(meta.context(Some(id), self.0.version))
        })
    }

    /// Id + body of `packet`.
    pub fn encode(&self, packet: &dyn DynPacket) -> Result<Vec<u8>> {
        let mut buf = Vec::new();
        self.encode_into(packet, &mut buf)?;
        Ok(buf)
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

#[derive(Clone)]
enum Op {
    Add(PacketDescriptor, i32),
    Replace(TypeId, &'static str, PacketDescriptor),
    Remove(TypeId, &'static str),
    Renumber(TypeId, &'static str, i32),
    NoId(&'static str),
}

/// Builds a [`Registry`], possibly starting from another one.
#[derive(Clone)]
pub struct RegistryBuilder {
    version: ProtocolVersion,
    base: Option<Registry>,
    ops: Vec<Op>,
}

impl fmt::Debug for RegistryBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegistryBuilder")
            .field("version", &self.version)
            .field("operations", &self.ops.len())
            .finish()
    }
}

/// A type that can be put in a registry.
pub trait RegistrablePacket: Packet + for<'a> Decode<'a> + DynPacket {}
impl<P: Packet + for<'a> Decode<'a> + DynPacket> RegistrablePacket for P {}

impl RegistryBuilder {
    /// Gives the registry being built another protocol version number
    /// (a fork's own version that inherits everything else).
    #[must_use]
    pub fn version(mut self, version: ProtocolVersion) -> Self {
        self.version = version;
        self
    }

    /// Adds `P` at the id it declares for the version being built.
    #[must_use]
    pub fn register<P: RegistrablePacket>(mut self) -> Self {
        match P::META.id_for(self.version) {
            Some(id) => self.ops.push(Op::Add(PacketDescriptor::of::<P>(), id)),
            None => self.ops.push(Op::NoId(P::META.name)),
        }
        self
    }

    /// Adds `P` at `id`, whatever it declares.
    #[must_use]
    pub fn register_as<P: RegistrablePacket>(mut self, id: i32) -> Self {
        self.ops.push(Op::Add(PacketDescriptor::of::<P>(), id));
        self
    }

    /// Adds a packet described at run time.
    #[must_use]
    pub fn register_descriptor(mut self, descriptor: PacketDescriptor, id: i32) -> Self {
        self.ops.push(Op::Add(descriptor, id));
        self
    }

    /// Puts `New` where `Old` was (same state, direction and id).
    #[must_use]
    pub fn replace<Old: 'static, New: RegistrablePacket>(mut self) -> Self {
        self.ops.push(Op::Replace(
            TypeId::of::<Old>(),
            std::any::type_name::<Old>(),
            PacketDescriptor::of::<New>(),
        ));
        self
    }

    /// Removes `P`.
    #[must_use]
    pub fn remove<P: 'static>(mut self) -> Self {
        self.ops
            .push(Op::Remove(TypeId::of::<P>(), std::any::type_name::<P>()));
        self
    }

    /// Gives `P` a new id.
    #[must_use]
    pub fn renumber<P: 'static>(mut self, id: i32) -> Self {
        self.ops.push(Op::Renumber(
            TypeId::of::<P>(),
            std::any::type_name::<P>(),
            id,
        ));
        self
    }

    /// Applies the operations in order; every conflict or missing packet is
    /// reported, not only the first.
    pub fn build(self) -> Result<Registry, RegistryError> {
        let mut inner = match &self.base {
            Some(base) => Inner {
                version: self.version,
                ..(*base.0).clone()
            },
            None => Inner {
                version: self.version,
                tables: Default::default(),
                by_type: HashMap::new(),
            },
        };
        let mut problems = Vec::new();
        for op in self.ops {
            match op {
                Op::Add(d, id) => insert(&mut inner, d, id, &mut problems),
                Op::Replace(old, old_name, new) => match inner.by_type.remove(&old) {
                    Some((state, dir, id)) => {
                        inner.tables[table_index(state, dir)].by_id[id as usize] = None;
                        if (new.meta.state, new.meta.direction) != (state, dir) {
                            problems.push(Problem::WrongPlace {
                                name: new.meta.name,
                                state,
                                direction: dir,
                            });
                        }
                        insert(&mut inner, new, id, &mut problems);
                    }
                    None => problems.push(Problem::NotRegistered { name: old_name }),
                },
                Op::Remove(t, name) => match inner.by_type.remove(&t) {
                    Some((state, dir, id)) => {
                        inner.tables[table_index(state, dir)].by_id[id as usize] = None
                    }
                    None => problems.push(Problem::NotRegistered { name }),
                },
                Op::NoId(name) => problems.push(Problem::NoIdInVersion {
                    name,
                    version: self.version,
                }),
                Op::Renumber(t, name, new_id) => match inner.by_type.remove(&t) {
                    Some((state, dir, id)) => {
                        let slot = &mut inner.tables[table_index(state, dir)].by_id[id as usize];
                        if let Some(d) = slot.take() {
                            insert(&mut inner, d, new_id, &mut problems);
                        }
                    }
                    None => problems.push(Problem::NotRegistered { name }),
                },
            }
        }
        if problems.is_empty() {
            Ok(Registry(Arc::new(inner)))
        } else {
            Err(RegistryError { problems })
        }
    }
}

// Ids above this would make the dense tables large; the protocol's ids are
// all below 0x100.
const MAX_ID: i32 = 0xFFFF;

fn insert(inner: &mut Inner, d: PacketDescriptor, id: i32, problems: &mut Vec<Problem>) {
    let (state, dir) = (d.meta.state, d.meta.direction);
    if !(0..=MAX_ID).contains(&id) {
        problems.push(Problem::BadId {
            name: d.meta.name,
            id,
        });
        return;
    }
    let type_id = (d.type_id)();
    if inner.by_type.contains_key(&type_id) {
        problems.push(Problem::Duplicate { name: d.meta.name });
        return;
    }
    let table = &mut inner.tables[table_index(state, dir)];
    let i = id as usize;
    if table.by_id.len() <= i {
        table.by_id.resize(i + 1, None);
    }
    if let Some(existing) = &table.by_id[i] {
        problems.push(Problem::Conflict {
            state,
            direction: dir,
            id,
            existing: existing.meta.name,
            new: d.meta.name,
        });
        return;
    }
    table.by_id[i] = Some(d);
    inner.by_type.insert(type_id, (state, dir, id));
}

/// One thing wrong with a registry being built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Two packets at one id.
    Conflict {
        /// State.
        state: State,
        /// Direction.
        direction: Direction,
        /// The contested id.
        id: i32,
        /// The packet already there.
        existing: &'static str,
        /// The packet that was added.
        new: &'static str,
    },
    /// The same type registered twice.
    Duplicate {
        /// The type.
        name: &'static str,
    },
    /// A packet to replace, remove or renumber is not in the registry.
    NotRegistered {
        /// The type.
        name: &'static str,
    },
    /// A replacement declares another state or direction than the packet it replaces.
    WrongPlace {
        /// The replacement.
        name: &'static str,
        /// State of the replaced packet.
        state: State,
        /// Direction of the replaced packet.
        direction: Direction,
    },
    /// `register` was used for a packet that declares no id for the version.
    NoIdInVersion {
        /// The packet.
        name: &'static str,
        /// The version being built.
        version: ProtocolVersion,
    },
    /// An id outside 0..=0xFFFF.
    BadId {
        /// The packet.
        name: &'static str,
        /// The id.
        id: i32,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Conflict {
                state,
                direction,
                id,
                existing,
                new,
            } => write!(
                f,
                "{new} and {existing} both registered at {state} {direction} {id:#04x}"
            ),
            Problem::Duplicate { name } => write!(f, "{name} registered twice"),
            Problem::NotRegistered { name } => write!(f, "{name} is not in the registry"),
            Problem::WrongPlace {
                name,
                state,
                direction,
            } => {
                write!(
                    f,
                    "{name} cannot replace a {state} {direction} packet: it is declared elsewhere"
                )
            }
            Problem::NoIdInVersion { name, version } => {
                write!(
                    f,
                    "{name} declares no id for protocol {version}; use register_as"
                )
            }
            Problem::BadId { name, id } => write!(f, "{name}: id {id} out of range"),
        }
    }
}

/// Why a registry could not be built: every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid registry: {}", self.problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct RegistryError {
    /// The problems, in the order the operations were given.
    pub problems: Vec<Problem>,
}
