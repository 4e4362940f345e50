//! What a server does.

use std::time::Duration;

use ipnet::IpNet;
use mcproto_core::{Limits, ProtocolVersion, Registry};

use crate::forwarding::Forwarding;

/// The default [`ServerConfig::backlog`]: tokio's `TcpListener::bind`
/// uses 1024, which a flood of a few thousand logins overflows.
pub(crate) const DEFAULT_BACKLOG: u32 = 4096;

/// What a [`Server`](super::Server) does; [`ServerConfig::default`] gives
/// vanilla-like values.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Address to listen on.
    pub bind: String,
    /// Connections the kernel holds for the server before it accepts them
    /// (the `listen` backlog; default 4096). A join flood beyond it is
    /// refused by the kernel. Linux caps it at `net.core.somaxconn`.
    pub backlog: u32,
    /// The message of the day, as plain text.
    pub motd: String,
    /// Player slots reported in the status and enforced at login.
    pub max_players: usize,
    /// Compression threshold sent in Set Compression; `None` turns compression off.
    pub compression_threshold: Option<usize>,
    /// Whether logins are encrypted (offline-mode encryption: no session server).
    pub encryption: bool,
    /// Protocol versions accepted at login (default: every version the
    /// packets crate ships).
    pub versions: Vec<ProtocolVersion>,
    /// Registries to use instead of the standard ones (for forked
    /// protocols); a registry's version is accepted too.
    pub registries: Vec<Registry>,
    /// How often a Keep Alive is sent.
    pub keepalive_interval: Duration,
    /// A player whose answer to Keep Alive is this late is disconnected, and
    /// so is one that reads nothing for this long while packets wait.
    pub keepalive_timeout: Duration,
    /// Read timeout of each phase before play (handshake, status, login).
    pub phase_timeout: Duration,
    /// Packets queued for one player before it is dropped as too slow.
    pub send_queue: usize,
    /// Favicon data URI (`data:image/png;base64,...`).
    pub favicon: Option<String>,
    /// Limits for every connection: frame length and declared uncompressed
    /// size (vanilla: 2097151 bytes and 8 MiB), nested data (NBT: 512
    /// levels, 2 MiB), and whether trailing bytes are an error.
    pub limits: Limits,
    /// Player information forwarded by a proxy in front of this server
    /// (BungeeCord, Velocity's legacy mode, BungeeGuard); off by default.
    pub forwarding: Forwarding,
    /// With addresses, every connection must start with a PROXY protocol
    /// (v1 or v2) header from one of them, which gives the client's real
    /// address; off by default.
    pub proxy_protocol: Option<Vec<IpNet>>,
    /// Online mode (feature `online`): encrypted logins verified with the
    /// session server, which names the player; `None` (the default) is
    /// offline mode.
    #[cfg(feature = "online")]
    pub online_mode: Option<crate::auth::OnlineMode>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            bind: "127.0.0.1:25565".into(),
            backlog: DEFAULT_BACKLOG,
            motd: "An mcproto server".into(),
            max_players: 20,
            compression_threshold: Some(256),
            encryption: false,
            versions: mcproto_packets::version::supported().collect(),
            registries: Vec::new(),
            keepalive_interval: Duration::from_secs(5),
            keepalive_timeout: Duration::from_secs(30),
            phase_timeout: Duration::from_secs(10),
            send_queue: 4096,
            favicon: None,
            limits: Limits::default(),
            forwarding: Forwarding::None,
            proxy_protocol: None,
            #[cfg(feature = "online")]
            online_mode: None,
        }
    }
}
