//! Every packet of Minecraft Java Edition protocol 47 (1.8.x) and protocol
//! 54 (snapshot 15w32c), declared once with mcproto's derive, grouped by
//! state and direction, with the registries generated from them.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod handshaking;
pub mod ids;
pub mod login;
pub mod play;
mod registry;
pub mod status;
pub mod version;

pub use registry::*;
