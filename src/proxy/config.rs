//! The network proxy's configuration, read from TOML.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

/// What a [`Network`](super::Network) proxy does.
///
/// ```toml
/// bind = "127.0.0.1:25577"
/// default = "lobby"
/// forwarding = "bungeecord"   # or "bungeeguard" (with token = "...") or "none"
/// compression = 256
/// online = false
/// [servers]
/// lobby = "127.0.0.1:25601"
/// games = { address = "127.0.0.1:25602", proxy_protocol = true }
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkConfig {
    /// Address to listen on.
    #[serde(default = "default_bind")]
    pub bind: String,
    /// The server players join first.
    pub default: String,
    /// The backends, by name.
    pub servers: BTreeMap<String, BackendConfig>,
    /// How backends learn who the player is.
    #[serde(default)]
    pub forwarding: ForwardingMode,
    /// BungeeGuard's token, sent to every backend (with `bungeeguard`).
    #[serde(default)]
    pub token: Option<String>,
    /// Compression threshold towards players; absent or negative: off.
    #[serde(default)]
    pub compression: Option<i32>,
    /// Authenticate players with Mojang's session server (needs the
    /// `online` feature).
    #[serde(default)]
    pub online: bool,
    /// The message of the day in the server list.
    #[serde(default = "default_motd")]
    pub motd: String,
    /// The player limit shown in the server list and enforced at login.
    #[serde(default = "default_max_players")]
    pub max_players: usize,
    /// Seconds to wait for a backend to accept and log a player in.
    #[serde(default = "default_connect_timeout")]
    pub connect_timeout_secs: u64,
    /// Record every player's session (what their client receives) as a
    /// ReplayMod `.mcpr` file in this directory (needs the `recording`
    /// feature).
    #[serde(default)]
    pub recordings: Option<PathBuf>,
}

/// A backend: its address, or a table with options.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum BackendConfig {
    /// `lobby = "127.0.0.1:25601"`.
    Address(String),
    /// `lobby = { address = "127.0.0.1:25601", proxy_protocol = true }`.
    Table {
        /// `host:port`.
        address: String,
        /// Send a PROXY protocol v2 header (the player's address) first.
        #[serde(default)]
        proxy_protocol: bool,
    },
}

impl BackendConfig {
    /// `host:port`.
    pub fn address(&self) -> &str {
        match self {
            BackendConfig::Address(a) | BackendConfig::Table { address: a, .. } => a,
        }
    }

    /// Whether connections start with a PROXY protocol header.
    pub fn proxy_protocol(&self) -> bool {
        matches!(
            self,
            BackendConfig::Table {
                proxy_protocol: true,
                ..
            }
        )
    }
}

/// How the proxy tells backends who the player is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ForwardingMode {
    /// Nothing: backends see the proxy's address and offline UUIDs (the
    /// default, as in BungeeCord: a vanilla backend refuses a forwarded
    /// Handshake's long address).
    #[default]
    None,
    /// BungeeCord's legacy forwarding in the Handshake.
    BungeeCord,
    /// BungeeCord forwarding with a BungeeGuard token.
    BungeeGuard,
}

/// Why a configuration was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("reading {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Not valid TOML, or not this layout.
    #[error("{0}")]
    Toml(#[from] toml::de::Error),
    /// Valid TOML whose values do not fit together.
    #[error("{0}")]
    Invalid(String),
}

fn default_bind() -> String {
    "127.0.0.1:25577".into()
}

fn default_motd() -> String {
    "A Minecraft network".into()
}

fn default_max_players() -> usize {
    1000
}

fn default_connect_timeout() -> u64 {
    5
}

impl NetworkConfig {
    /// Reads and checks a TOML file.
    pub fn load(path: impl AsRef<Path>) -> Result<NetworkConfig, ConfigError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.to_owned(),
            source,
        })?;
        NetworkConfig::from_toml(&text)
    }

    /// Parses and checks TOML text.
    pub fn from_toml(text: &str) -> Result<NetworkConfig, ConfigError> {
        let config: NetworkConfig = toml::from_str(text)?;
        config.check()?;
        Ok(config)
    }

    /// Checks what serde cannot: the default server exists, BungeeGuard has
    /// a token, features asked for are compiled in.
    pub fn check(&self) -> Result<(), ConfigError> {
        let invalid = |m: String| Err(ConfigError::Invalid(m));
        if self.servers.is_empty() {
            return invalid("[servers] lists no backend".into());
        }
        if !self.servers.contains_key(&self.default) {
            let names: Vec<&str> = self.servers.keys().map(String::as_str).collect();
            return invalid(format!(
                "default = {:?} is not in [servers] ({})",
                self.default,
                names.join(", ")
            ));
        }
        if self.forwarding == ForwardingMode::BungeeGuard
            && self.token.as_deref().is_none_or(str::is_empty)
        {
            return invalid("forwarding = \"bungeeguard\" needs token = \"...\"".into());
        }
        if self.online && !cfg!(feature = "online") {
            return invalid("online = true needs the crate's `online` feature".into());
        }
        if self.recordings.is_some() && !cfg!(feature = "recording") {
            return invalid("recordings needs the crate's `recording` feature".into());
        }
        for (name, backend) in &self.servers {
            // Names travel in `/server NAME` and BungeeCord messages.
            if name.is_empty() || name.contains([' ', ',']) {
                return invalid(format!("server name {name:?} has a space or comma"));
            }
            if backend.address().rsplit_once(':').is_none() {
                return invalid(format!(
                    "server {name}: address {:?} has no port",
                    backend.address()
                ));
            }
        }
        Ok(())
    }

    /// The compression threshold, `None` when off.
    pub fn compression_threshold(&self) -> Option<usize> {
        self.compression.and_then(|t| usize::try_from(t).ok())
    }

    /// How long a backend connection and login may take.
    pub fn connect_timeout(&self) -> Duration {
        Duration::from_secs(self.connect_timeout_secs.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"
        bind = "127.0.0.1:25577"
        default = "lobby"
        forwarding = "bungeecord"
        compression = 256
        online = false
        [servers]
        lobby = "127.0.0.1:25601"
        games = { address = "127.0.0.1:25602", proxy_protocol = true }
    "#;

    #[test]
    fn reads_the_documented_layout() {
        let c = NetworkConfig::from_toml(EXAMPLE).unwrap();
        assert_eq!(c.default, "lobby");
        assert_eq!(c.forwarding, ForwardingMode::BungeeCord);
        assert_eq!(c.compression_threshold(), Some(256));
        assert_eq!(c.servers["lobby"].address(), "127.0.0.1:25601");
        assert!(!c.servers["lobby"].proxy_protocol());
        assert!(c.servers["games"].proxy_protocol());
        assert_eq!(c.max_players, 1000);
    }

    #[test]
    fn refuses_what_cannot_work() {
        let no_default = EXAMPLE.replace("default = \"lobby\"", "default = \"hub\"");
        let e = NetworkConfig::from_toml(&no_default)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("\"hub\" is not in [servers] (games, lobby)"),
            "{e}"
        );
        let guard = EXAMPLE.replace("\"bungeecord\"", "\"bungeeguard\"");
        let e = NetworkConfig::from_toml(&guard).unwrap_err().to_string();
        assert!(e.contains("needs token"), "{e}");
        let typo = EXAMPLE.replace("online", "onlin");
        assert!(matches!(
            NetworkConfig::from_toml(&typo),
            Err(ConfigError::Toml(_))
        ));
        let mode = EXAMPLE.replace("\"bungeecord\"", "\"velocity\"");
        assert!(matches!(
            NetworkConfig::from_toml(&mode),
            Err(ConfigError::Toml(_))
        ));
        let port = EXAMPLE.replace("127.0.0.1:25601", "localhost");
        let e = NetworkConfig::from_toml(&port).unwrap_err().to_string();
        assert!(e.contains("has no port"), "{e}");
        let off = EXAMPLE.replace("compression = 256", "compression = -1");
        assert_eq!(
            NetworkConfig::from_toml(&off)
                .unwrap()
                .compression_threshold(),
            None
        );
    }
}
