//! Packets whose type is known only at run time, and how a registry decodes
//! and describes a packet type without knowing it statically.

use std::any::{Any, TypeId};
use std::fmt;

use crate::codec::{DecodeOwned, Reader};
use crate::error::Result;
use crate::packet::{Packet, PacketMeta};
use crate::schema::{Describe, WireType};

/// A packet value of some registered type, for [`AnyPacket`].
///
/// Implemented for every [`Packet`] that a registry can decode: one that is
/// also `Clone`, `PartialEq`, `Debug`, `Send`, `Sync` and `'static` (for a
/// packet type with a lifetime, its `'static` form), so
/// that an [`AnyPacket`] (and a group enum holding one) can be compared,
/// cloned and printed. Sending needs none of this: a connection sends any
/// [`Packet`].
pub trait DynPacket: Any + Send + Sync + fmt::Debug {
    /// The packet's static description.
    fn meta(&self) -> &'static PacketMeta;
    /// Encodes the body (without the id).
    fn encode_body(&self, w: &mut crate::codec::Writer<'_>) -> Result<()>;
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
    fn encode_body(&self, w: &mut crate::codec::Writer<'_>) -> Result<()> {
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

/// A decoded packet of any registered type; downcast it to the type you
/// expect. Group enums carry one in their `Other` variant.
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

    /// The packet, for downcasting by value.
    pub fn into_any(self) -> Box<dyn Any> {
        self.0.into_any()
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

#[cfg(feature = "serde")]
impl serde::Serialize for AnyPacket {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{:?}", self.0))
    }
}

/// How to decode, describe and identify one packet type, without knowing
/// the type statically: what id tables and registries hold.
#[derive(Clone, Copy)]
pub struct PacketDescriptor {
    /// Name, state, direction, declared ids.
    pub meta: &'static PacketMeta,
    /// Decodes a body into an [`AnyPacket`].
    pub decode: for<'a> fn(&mut Reader<'a>) -> Result<AnyPacket>,
    /// The body layout in a protocol version.
    pub describe: fn(crate::version::ProtocolVersion) -> WireType,
    /// The Rust type's id.
    pub type_id: fn() -> TypeId,
    /// The type's slot, if it has one (see [`Packet::type_slot`]).
    #[doc(hidden)]
    pub type_slot: fn() -> Option<&'static crate::packet::TypeSlot>,
}

fn decode_any<P>(r: &mut Reader<'_>) -> Result<AnyPacket>
where
    P: Packet + DecodeOwned + DynPacket,
{
    P::decode_owned(r).map(AnyPacket::new)
}

/// What a packet type needs to be registered: its owned form (the type at
/// `'static`), decodable into that form, and comparable, clonable and
/// printable, so that an [`AnyPacket`] holding it can be too. Implemented
/// for every such type; sending needs only [`Packet`].
pub trait RegistrablePacket:
    Packet<Static = Self> + DecodeOwned + Clone + PartialEq + fmt::Debug + Send + Sync + 'static
{
}

impl<P> RegistrablePacket for P where
    P: Packet<Static = P> + DecodeOwned + Clone + PartialEq + fmt::Debug + Send + Sync + 'static
{
}

impl PacketDescriptor {
    /// The descriptor of packet type `P`, in its owned form (for a packet
    /// with a lifetime, the type at `'static`).
    pub const fn of<P>() -> Self
    where
        P: RegistrablePacket,
    {
        PacketDescriptor {
            meta: P::META,
            decode: decode_any::<P>,
            describe: <P as Describe>::describe,
            type_id: TypeId::of::<P>,
            type_slot: <P as Packet>::type_slot,
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
