//! Building registries: tables, registrations, replacements, renumbering.

use std::any::TypeId;
use std::fmt;
use std::sync::{Arc, RwLock};

use super::{
    ByType, IdTable, Inner, PacketDescriptor, RegistrablePacket, Registry, TypeIndex, table_index,
};
use crate::state::{Direction, State};
use crate::version::ProtocolVersion;

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

impl RegistryBuilder {
    pub(super) fn new(version: ProtocolVersion, base: Option<Registry>) -> Self {
        RegistryBuilder {
            version,
            base,
            ops: Vec::new(),
        }
    }

    /// Gives the registry being built another protocol version number
    /// (a fork's own version that inherits everything else).
    #[must_use]
    pub fn version(mut self, version: ProtocolVersion) -> Self {
        self.version = version;
        self
    }

    /// Adds `P` at the id it declares for the version being built.
    #[must_use]
    pub fn register<P>(mut self) -> Self
    where
        P: RegistrablePacket,
    {
        match P::META.declared_id(self.version) {
            Some(id) => self.ops.push(Op::Add(PacketDescriptor::of::<P>(), id)),
            None => self.ops.push(Op::NoId(P::META.name)),
        }
        self
    }

    /// Adds `P` at `id`, whatever it declares.
    #[must_use]
    pub fn register_as<P>(mut self, id: i32) -> Self
    where
        P: RegistrablePacket,
    {
        self.ops.push(Op::Add(PacketDescriptor::of::<P>(), id));
        self
    }

    /// Adds every packet of an id table (a state and direction of one or
    /// more protocol versions) at its id.
    #[must_use]
    pub fn table(mut self, table: IdTable) -> Self {
        for (id, d) in table.entries {
            self.ops.push(Op::Add(*d, *id));
        }
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
    pub fn replace<Old, New>(mut self) -> Self
    where
        Old: 'static,
        New: RegistrablePacket,
    {
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
            Some(base) => base.0.copy(self.version),
            None => Inner {
                version: self.version,
                tables: Default::default(),
                by_type: ByType::default(),
                ids: TypeIndex::default(),
                groups: RwLock::new(Vec::new()),
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
            for table in &mut inner.tables {
                table.index_types();
            }
            inner.ids = TypeIndex::new(&inner.by_type, &inner.tables);
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
