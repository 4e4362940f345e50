//! Every packet of every Minecraft Java Edition release protocol from 47
//! (1.8.x) to 340 (1.12.2), and of the snapshot protocol 54 (15w32c),
//! declared once with mcproto's derive (fields and values gated by
//! version where they differ), grouped by state and direction, with each
//! version's registry built from its id tables.
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
