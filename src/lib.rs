//! # mcproto
//!
//! A framework for the Minecraft Java Edition network protocol, versions 47
//! (1.8.x) and 54 (snapshot 15w32c): typed packets declared with a derive
//! macro, version-aware codecs, registries, framing, and connections.
//!
//! This crate re-exports everything a user needs; see the README for a tour.

pub use mcproto_core::*;
pub use mcproto_packets as packets;

#[cfg(feature = "tokio")]
pub mod client;
#[doc(hidden)]
pub mod fuzzing;
#[cfg(feature = "tokio")]
pub mod server;

/// The names most programs need.
pub mod prelude {
    pub use mcproto_core::{
        Angle, AnyPacket, Chat, Decode, Describe, Direction, Encode, Error, ErrorKind, Generate,
        ItemStack, Metadata, Nbt, Packet, Position, ProtocolVersion, Reader, Registry, Result,
        SharedStr, Slot, State, Uuid, VarInt, VarLong, Writer, packet_group,
    };
    pub use mcproto_packets::handshaking::serverbound::{Handshake, NextState};
}
