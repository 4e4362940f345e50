//! # mcproto
//!
//! A framework for the Minecraft Java Edition network protocol, every
//! release from 1.8 to 1.12.2 (protocols 47 to 340) and the snapshot
//! 15w32c (54): typed packets declared once with a derive macro,
//! version-aware codecs, registries, framing, and connections.
//!
//! This crate re-exports everything a user needs: the core (wire types,
//! codec traits, errors, registries, framing, I/O), the derive macros, the
//! packet declarations ([`packets`]), and the [`client`], [`server`] and
//! `proxy` (feature `proxy`) built from them.
//!
//! ## Declaring a packet
//!
//! ```
//! use mcproto::prelude::*;
//!
//! /// Sent first on every connection.
//! #[derive(Packet, Debug, Clone, PartialEq)]
//! #[packet(id = 0x00, state = Handshaking, direction = Serverbound)]
//! pub struct Hello {
//!     #[mc(varint)]
//!     pub protocol_version: i32,
//!     #[mc(max_len = 255)]
//!     pub server_address: String,
//!     pub server_port: u16,
//!     pub next_state: NextState,
//! }
//!
//! // Ids live in registries: start from a standard one, add the packet.
//! let registry = Registry::builder(ProtocolVersion(47)).register::<Hello>().build()?;
//! let p = Hello { protocol_version: 47, server_address: "localhost".into(), server_port: 25565, next_state: NextState::Login };
//! let mut bytes = Vec::new();
//! registry.encode(&p, &mut bytes)?;
//! assert_eq!(bytes, b"\x00\x2f\x09localhost\x63\xdd\x02");
//! assert_eq!(registry.decode_packet::<Hello>(&bytes)?, p);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Attributes
//!
//! On a type: `#[mc(tag = R)]` (enums: the tag's integer representation),
//! `#[mc(crate = path)]` (for crates that re-export the derive). On a
//! packet: `#[packet(state = S, direction = D)]`, plus `id = N` (or
//! `id(47 = a, 54 = b)`, `54 = none` for a version without it) for a packet
//! that brings its own id; the standard packets get theirs from per-version
//! id tables ([`packet_table!`]). On a field, `#[mc(...)]`:
//!
//! | attribute | meaning |
//! |---|---|
//! | `varint`, `varlong`, `as = R` | an integer (or value enum) sent as R: `varint`, `varlong`, `i8`, `u8`, `i16`, `u16`, `i32`, `i64`; a float field (`f32`, `f64`) sent as `f32`, `f64` or `fixed(I, SCALE)` (integer I carrying the value × SCALE, rounded down); on a `Vec`, for each element |
//! | `as(47 = fixed(i32, 32), 107 = f64)` | a representation that changes with the version |
//! | `fixed = 32` | short for `as = fixed(i32, 32)` |
//! | `len = R` | count prefix of a `Vec`/`Bytes` in integer representation R (default VarInt) |
//! | `count = expr` | no prefix: the count is computed from earlier fields |
//! | `max_len = N`, `max_len(47 = 100, 315 = 256)` | strings: characters (default 32767); sequences: elements, `rest` ones included |
//! | `rest` | runs to the end of the packet (last field only) |
//! | `negative_empty` | a negative count prefix reads as an empty list, as vanilla's loops do (still bounded by `max_len` and the input) |
//! | `since = 54`, `before = V1_9` | exists only from / before that version |
//! | `when = expr` | exists only when `expr` holds (earlier fields in scope as references, and `version`, a [`ProtocolVersion`]) |
//! | `with = path`, `with(47 = a, 107 = b)` | `path::{encode, decode, describe, generate}` |
//!
//! A version is an integer (`107`) or a path to a [`ProtocolVersion`]
//! constant (`V1_9`). In a map `(version = value, ...)`, listed in
//! ascending order, each value applies from its version on, the first also
//! to the versions before it. One attribute of each kind: `varint`,
//! `varlong`, `as`, `fixed` and `with` all say how the value is sent, and
//! `len`, `count` and `rest` how long a sequence is.
//!
//! **`Option<T>` has one meaning by itself: a Boolean, then the value when
//! it is true.** With `when`, `since` or `before` it means "present or
//! absent as the condition says", with no Boolean on the wire. Encoding a
//! `Some` where the condition says absent (or `None` where it says
//! present) is an error; for version gates, a value the version lacks is
//! left out.
//!
//! Enums whose variants are constants keep unknown values in an
//! `#[mc(other)] Unknown(i32)` variant that re-encodes identically, in every
//! version or (with `since`/`before` on it) only in some; without it an
//! enum is closed and an unknown value is a typed error. On an enum whose
//! tag selects the fields that follow, `#[mc(other)] Unknown(i32)` means
//! what vanilla does for a tag it does not know: no fields follow. Tags
//! may change with the version: the tag's width
//! (`#[mc(tag(47 = i16, 107 = varint))]` on the enum), a variant's value
//! (`#[mc(tag(47 = 2, 315 = 3))]`), and which variants exist
//! (`#[mc(since = 315, tag = 2)]`; encoding a variant in a version that
//! lacks it fails with [`ErrorKind::NotInVersion`]).
//!
//! ## Features
//!
//! `serde`, `tokio`, `encryption` and `srv` are on by default. `srv`
//! resolves addresses as the vanilla client does (SRV records, see
//! [`resolve`]). `online` adds HTTPS (rustls) for online mode: Microsoft
//! sign-in and the session server ([`auth`]), online-mode servers
//! ([`server::ServerConfig`]'s `online_mode`). `recording` reads and
//! writes ReplayMod recordings. `generate` adds `Generate`
//! (random valid values, for property tests) to every type and packet, and
//! `fuzzing` the fuzz target bodies; neither is compiled otherwise.
//!
//! This library is published on crates.io as `craftwire` (the name
//! `mcproto` is another project's there) and keeps the library name
//! `mcproto`: depend on `craftwire`, write `use mcproto::…`.
//!
//! ## Registries and groups
//!
//! A [`Registry`] is the only authority on ids: every way from an id to a
//! typed packet goes through one, so a fork's registry (new packets, new
//! ids, a new version number) works everywhere the standard ones do.
//!
//! ```
//! use mcproto::packets::version::{V1_8, V15W32C};
//! use mcproto::packets::{PlayServerbound, registry};
//! use mcproto::{Direction, State};
//!
//! // The counterpart of Python mcproto's generate_packet_map(direction, state).
//! let map = registry(V15W32C)?.packet_map(State::Play, Direction::Serverbound);
//! assert_eq!(map[&0x08], "UseItem");
//! // A generated enum per state and direction, for `match`; connections
//! // keep the decoder for you.
//! let decoder = registry(V1_8)?.group_decoder::<PlayServerbound>();
//! match decoder.decode(&[0x00, 0x2a])? {
//!     PlayServerbound::KeepAlive(k) => assert_eq!(k.keep_alive_id, 42),
//!     other => panic!("{other:?}"),
//! }
//! // An id the registry does not know arrives raw.
//! assert!(matches!(decoder.decode(&[0x7f])?, PlayServerbound::Unknown(raw) if raw.id == 0x7f));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Errors come in two layers: a wire [`Error`] (a precise [`ErrorKind`]
//! plus where it happened: packet, state, direction, id, version, field
//! path), and a [`ConnectionError`] for what ends a session (I/O, a
//! disconnect, a timeout, a protocol violation, encryption), which wraps a
//! wire error when a packet was at fault.

// The derives name `::mcproto`; inside the facade, that is this crate.
extern crate self as mcproto;

pub use mcproto_core::*;
pub use mcproto_packets as packets;

pub mod auth;
#[cfg(feature = "tokio")]
pub mod client;
pub mod forwarding;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
#[cfg(feature = "online")]
pub mod http;
pub mod legacy;
#[cfg(feature = "proxy")]
pub mod proxy;
#[cfg(feature = "tokio")]
pub mod proxy_protocol;
#[cfg(feature = "recording")]
pub mod recording;
#[cfg(feature = "tokio")]
pub mod resolve;
#[cfg(feature = "tokio")]
pub mod server;

/// The names most programs need.
pub mod prelude {
    #[cfg(feature = "generate")]
    pub use mcproto_core::Generate;
    pub use mcproto_core::{
        Angle, AnyPacket, Chat, ConnectionError, Decode, DecodeOwned, Describe, Direction, Encode,
        Error, ErrorKind, IntoOwned, ItemStack, Metadata, Nbt, Packet, PacketGroup, Position,
        ProtocolVersion, RawPacket, Reader, Registry, Result, Slot, State, Uuid, VarInt, VarLong,
        Writer, packet_group, packet_table,
    };
    pub use mcproto_packets::handshaking::serverbound::{Handshake, NextState};
}
