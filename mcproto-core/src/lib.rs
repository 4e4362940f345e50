//! Core of the mcproto framework: wire types, the [`Encode`]/[`Decode`]
//! traits, protocol versions, packet metadata and registries.
//!
//! This crate knows no concrete packet; `mcproto-packets` declares them with
//! the derive macros re-exported here, and the `mcproto` facade puts it all
//! together.
//!
//! # Decoding model
//!
//! Decoding reads from a [`Reader`], a cursor over a byte slice that also
//! carries the negotiated [`ProtocolVersion`]. Borrowed field types
//! (`Cow<'a, str>`, `Cow<'a, [u8]>`, `&'a str`, `&'a [u8]`) decode without
//! copying, and a type with such fields has an owned form, the type at
//! `'static` ([`IntoOwned`]); `String`, `Vec<u8>` and [`bytes::Bytes`]
//! copy. No decoder trusts a length prefix: every length is checked against
//! the input that remains before anything is allocated.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

// The derives name `::mcproto_core` inside this crate.
extern crate self as mcproto_core;

pub mod codec;
pub mod conn;
#[cfg(feature = "encryption")]
pub mod crypto;
pub mod error;
pub mod frame;
#[cfg(feature = "generate")]
pub mod generate;
pub mod owned;
pub mod packet;
pub mod registry;
pub mod schema;
pub mod state;
pub mod types;
pub mod version;

#[doc(hidden)]
pub mod __private;

pub use codec::{
    Decode, DecodeBounded, DecodeOwned, DecodeSeq, Encode, EncodeBounded, EncodeSeq, Leniency,
    Reader, Writer,
};
pub use conn::{ConnectionError, Limits, Session, Side};
pub use error::{Error, ErrorKind, Result};
#[cfg(feature = "generate")]
pub use generate::{Gen, Generate};
#[cfg(feature = "generate")]
pub use mcproto_derive::Generate;
pub use mcproto_derive::{Decode, Encode, Packet, packet_group};
pub use owned::IntoOwned;
pub use packet::{HandledBy, Packet, PacketGroup, PacketMeta, RawPacket, VersionedId};
pub use registry::{
    AnyPacket, DynPacket, GroupDecoder, IdTable, PacketDescriptor, RegistrablePacket, Registry,
    RegistryBuilder, RegistryError,
};
pub use schema::{Describe, FieldSchema, VariantSchema, WireType};
pub use state::{Direction, State};
pub use types::*;
pub use version::ProtocolVersion;

pub use bytes;
pub use uuid;
