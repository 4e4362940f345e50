//! # mcproto
//!
//! A framework for the Minecraft Java Edition network protocol, versions 47
//! (1.8.x) and 54 (snapshot 15w32c): typed packets declared with a derive
//! macro, version-aware codecs, registries, framing, and connections.
//!
//! This crate re-exports everything a user needs: the core (wire types,
//! codec traits, errors, registries, framing, I/O), the derive macros, the
//! packet declarations ([`packets`]), and the [`client`], [`server`] and
//! [`proxy`] built from them.
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
//! let p = Hello { protocol_version: 47, server_address: "localhost".into(), server_port: 25565, next_state: NextState::Login };
//! let bytes = p.encode_packet(ProtocolVersion::V47)?;
//! assert_eq!(bytes, b"\x00\x2f\x09localhost\x63\xdd\x02");
//! assert_eq!(Hello::decode_packet(&bytes, ProtocolVersion::V47)?, p);
//! # Ok::<(), mcproto::Error>(())
//! ```
//!
//! ## Attributes
//!
//! On a type: `#[mc(tag = R)]` (enums: the tag's integer representation),
//! `#[mc(crate = path)]` (for crates that re-export the derive). On a
//! packet: `#[packet(id = N, state = S, direction = D)]`, with
//! `id(47 = a, 54 = b)` for ids that change and `54 = none` for packets a
//! version lacks. On a field, `#[mc(...)]`:
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
//! `#[mc(other)] Unknown(i32)` variant that re-encodes identically; enums
//! whose tag selects the fields that follow are closed, and an unknown tag
//! is a typed error. Tags may change with the version: the tag's width
//! (`#[mc(tag(47 = i16, 107 = varint))]` on the enum), a variant's value
//! (`#[mc(tag(47 = 2, 315 = 3))]`), and which variants exist
//! (`#[mc(since = 315, tag = 2)]`; encoding a variant in a version that
//! lacks it fails with [`ErrorKind::NotInVersion`]).
//!
//! ## Features
//!
//! `serde`, `tokio` and `encryption` are on by default. `generate` adds
//! `Generate` (random valid values, for property tests) to every type and
//! packet, and `fuzzing` the fuzz target bodies; neither is compiled
//! otherwise.
//!
//! ## Registries and groups
//!
//! ```
//! use mcproto::packets::{PlayServerbound, registry};
//! use mcproto::{Direction, ProtocolVersion, State};
//!
//! // The counterpart of Python mcproto's generate_packet_map(direction, state).
//! let map = registry(ProtocolVersion::V54)?.packet_map(State::Play, Direction::Serverbound);
//! assert_eq!(map[&0x08], "UseItem");
//! // A generated enum per state and direction, for `match`.
//! let p = PlayServerbound::decode(&[0x00, 0x2a], ProtocolVersion::V47)?;
//! assert!(matches!(p, PlayServerbound::KeepAlive(k) if k.keep_alive_id == 42));
//! # Ok::<(), mcproto::Error>(())
//! ```
//!
//! Errors are one type, [`Error`]: a precise [`ErrorKind`] plus where it
//! happened (packet, state, direction, id, version, field path).

pub use mcproto_core::*;
pub use mcproto_packets as packets;

#[cfg(feature = "tokio")]
pub mod client;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
#[cfg(feature = "tokio")]
pub mod proxy;
#[cfg(feature = "tokio")]
pub mod server;

/// The names most programs need.
pub mod prelude {
    #[cfg(feature = "generate")]
    pub use mcproto_core::Generate;
    pub use mcproto_core::{
        Angle, AnyPacket, Chat, Decode, Describe, Direction, Encode, Error, ErrorKind, ItemStack,
        Metadata, Nbt, Packet, Position, ProtocolVersion, Reader, Registry, Result, SharedStr,
        Slot, State, Uuid, VarInt, VarLong, Writer, packet_group,
    };
    pub use mcproto_packets::handshaking::serverbound::{Handshake, NextState};
}
