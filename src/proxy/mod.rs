//! Proxies: a network proxy in front of many backend servers, and a
//! logging proxy in front of one.
//!
//! [`Network`] is what BungeeCord and Velocity are: players connect to it,
//! it logs them in itself, connects them to the default backend with their
//! identity forwarded, relays their packets, and moves them between
//! backends (`/server NAME`, or a backend's BungeeCord `Connect`). It
//! decodes only what it must: the packets that change the connection
//! (compression, respawn), that it answers itself (its commands, the
//! BungeeCord channel), that it must undo on a switch (tab list,
//! scoreboards, boss bars), and, once a switch has given the player a
//! second entity id, the packets that name entities. Everything else is
//! relayed as raw frames, so unknown or fork packets pass unchanged.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use mcproto::proxy::{Network, NetworkConfig};
//! let config = NetworkConfig::from_toml(r#"
//!     default = "lobby"
//!     forwarding = "bungeecord"
//!     [servers]
//!     lobby = "127.0.0.1:25601"
//!     games = "127.0.0.1:25602"
//! "#)?;
//! Network::bind(config).await?.run().await?;
//! # Ok(()) }
//! ```
//!
//! [`logging::LoggingProxy`] forwards the bytes of one client to one
//! upstream unchanged and logs every packet decoded.

mod backend;
mod config;
mod entity_ids;
mod hud;
pub mod logging;
mod network;
mod session;

pub use backend::BackendError;
pub use config::{BackendConfig, ConfigError, ForwardingMode, NetworkConfig};
pub use network::{Network, NetworkHandle, NetworkPlayer};
