//! Legacy ("BungeeCord") player-info forwarding: how a proxy tells a
//! 1.8–1.12 backend who the player really is.
//!
//! The proxy puts the player's address, UUID and profile properties into
//! the Handshake's server address, separated by NULs:
//! `host\0client-ip\0uuid-without-dashes[\0properties-json]`. BungeeCord,
//! Waterfall and Velocity's `legacy` mode all write it; BungeeGuard adds a
//! `bungeeguard-token` property so that a backend can tell its own proxy
//! from anyone who can reach it. A backend must only believe this from
//! addresses it trusts (or with a valid token), since any client could
//! write it.

use std::fmt;
use std::net::IpAddr;

use ipnet::IpNet;
use mcproto_core::{Packet, Registry, RegistryError, Uuid};
use mcproto_packets::handshaking::serverbound::{Handshake, NextState};
use serde::{Deserialize, Serialize};

/// Most characters a forwarded server address may hold: Spigot and Paper
/// raise the Handshake's limit to this when BungeeCord forwarding is on
/// (vanilla reads at most 255, which no forwarded address fits).
pub const MAX_FORWARDED_LEN: usize = i16::MAX as usize;

/// The property BungeeGuard adds, holding its token.
pub const BUNGEEGUARD_PROPERTY: &str = "bungeeguard-token";

/// The Handshake as a backend with forwarding reads it (and a proxy writes
/// it): the standard layout, with room in the server address for the
/// forwarded fields (vanilla allows 255 characters, which they never fit).
#[derive(Packet, Debug, Clone, PartialEq)]
#[packet(state = Handshaking, direction = Serverbound)]
pub struct ForwardedHandshake {
    /// The client's protocol version.
    #[mc(varint)]
    pub protocol_version: i32,
    /// The host, then the forwarded fields ([`ForwardedPlayer::to_address`]).
    #[mc(max_len = 32767)]
    pub server_address: String,
    /// The port the client connected to.
    pub server_port: u16,
    /// Status or login.
    pub next_state: NextState,
}

/// `base` with [`ForwardedHandshake`] in place of the standard Handshake.
pub fn forwarding_registry(base: &Registry) -> Result<Registry, RegistryError> {
    base.to_builder()
        .replace::<Handshake, ForwardedHandshake>()
        .build()
}

/// One property of a player's profile (skin textures, for one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileProperty {
    /// Its name (`textures`).
    pub name: String,
    /// Its value (base64 JSON for textures).
    pub value: String,
    /// Mojang's signature of the value, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// What a proxy forwards about a player.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForwardedPlayer {
    /// The host name the player connected to.
    pub host: String,
    /// The player's real address.
    pub address: IpAddr,
    /// The player's UUID, as the proxy authenticated it.
    pub uuid: Uuid,
    /// The profile properties (skin), BungeeGuard's token among them.
    pub properties: Vec<ProfileProperty>,
}

/// Why a server address does not hold valid forwarding.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ForwardingError {
    /// A plain address: no forwarding at all.
    #[error("the handshake carries no forwarded player information")]
    Missing,
    /// Not three or four NUL-separated fields.
    #[error("{0} forwarding fields instead of 3 or 4")]
    FieldCount(usize),
    /// The client address is not an IP address.
    #[error("the forwarded client address is not an IP address")]
    Address,
    /// The UUID is not 32 hexadecimal digits.
    #[error("the forwarded UUID is not 32 hexadecimal digits")]
    Uuid,
    /// The whole address is longer than [`MAX_FORWARDED_LEN`].
    #[error("forwarded data of {len} characters, more than {MAX_FORWARDED_LEN}")]
    TooLong {
        /// Its length in UTF-16 units.
        len: usize,
    },
    /// The properties are not a JSON array of `{name, value, signature?}`.
    #[error("the forwarded properties are not valid JSON: {0}")]
    Properties(String),
}

impl ForwardedPlayer {
    /// Reads the forwarding a Handshake's server address holds.
    pub fn parse(address: &str) -> Result<ForwardedPlayer, ForwardingError> {
        let len = address.encode_utf16().count();
        if len > MAX_FORWARDED_LEN {
            return Err(ForwardingError::TooLong { len });
        }
        let fields: Vec<&str> = address.split('\0').collect();
        let (host, ip, uuid, properties) = match fields.as_slice() {
            [_] => return Err(ForwardingError::Missing),
            [host, ip, uuid] => (host, ip, uuid, None),
            [host, ip, uuid, props] => (host, ip, uuid, Some(*props)),
            other => return Err(ForwardingError::FieldCount(other.len())),
        };
        let address: IpAddr = ip.parse().map_err(|_| ForwardingError::Address)?;
        if uuid.len() != 32 || !uuid.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ForwardingError::Uuid);
        }
        let uuid = Uuid::parse_str(uuid).map_err(|_| ForwardingError::Uuid)?;
        let properties = match properties {
            None => Vec::new(),
            Some(json) => serde_json::from_str(json)
                .map_err(|e| ForwardingError::Properties(e.to_string()))?,
        };
        Ok(ForwardedPlayer {
            host: (*host).to_owned(),
            address,
            uuid,
            properties,
        })
    }

    /// The server address a proxy sends: the host, then the forwarded
    /// fields.
    pub fn to_address(&self) -> String {
        let mut out = format!("{}\0{}\0{}", self.host, self.address, self.uuid.simple());
        if !self.properties.is_empty() {
            out.push('\0');
            // A Vec of plain structs always serialises.
            out.push_str(&serde_json::to_string(&self.properties).unwrap_or_default());
        }
        out
    }

    /// BungeeGuard's token, when the proxy sent one.
    pub fn bungeeguard_token(&self) -> Option<&str> {
        self.properties
            .iter()
            .find(|p| p.name == BUNGEEGUARD_PROPERTY)
            .map(|p| p.value.as_str())
    }

    /// The properties without BungeeGuard's token (what the player's
    /// profile really holds).
    pub fn profile_properties(&self) -> impl Iterator<Item = &ProfileProperty> {
        self.properties
            .iter()
            .filter(|p| p.name != BUNGEEGUARD_PROPERTY)
    }
}

/// Whom a backend server believes about forwarded player information.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Forwarding {
    /// No forwarding: the connection's own address, offline UUIDs (a
    /// forwarded handshake is read as a plain one, as vanilla does).
    #[default]
    None,
    /// BungeeCord forwarding, believed from these proxy addresses only;
    /// every player must come through one of them.
    BungeeCord {
        /// The proxies' addresses (`127.0.0.1/32`).
        trusted: Vec<IpNet>,
    },
    /// BungeeCord forwarding with BungeeGuard's token, from any address.
    BungeeGuard {
        /// The tokens the proxies were given.
        tokens: Vec<String>,
    },
}

/// Why a backend refuses a connection under [`Forwarding`]; its `Display`
/// is the Disconnect text the player sees.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// The connection does not come from a trusted proxy.
    Untrusted(IpAddr),
    /// The handshake's forwarding is missing or malformed.
    Malformed(ForwardingError),
    /// BungeeGuard: no token.
    MissingToken,
    /// BungeeGuard: a token the server was not given.
    WrongToken,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Untrusted(_) => {
                f.write_str("This server only accepts players through its proxy.")
            }
            Refusal::Malformed(ForwardingError::Missing) => f.write_str(
                "This server only accepts players through its proxy (no forwarded player information).",
            ),
            Refusal::Malformed(e) => write!(f, "Bad forwarded player information: {e}."),
            Refusal::MissingToken => f.write_str("This server requires a BungeeGuard token."),
            Refusal::WrongToken => f.write_str("Invalid BungeeGuard token."),
        }
    }
}

impl Forwarding {
    /// Whether forwarding is on.
    pub fn is_enabled(&self) -> bool {
        !matches!(self, Forwarding::None)
    }

    /// Checks a login from `peer` whose Handshake carried `address`:
    /// `Ok(None)` without forwarding, the forwarded player when it is
    /// believed, the refusal otherwise.
    pub fn check(&self, peer: IpAddr, address: &str) -> Result<Option<ForwardedPlayer>, Refusal> {
        match self {
            Forwarding::None => Ok(None),
            Forwarding::BungeeCord { trusted } => {
                if !trusted.iter().any(|net| net.contains(&peer)) {
                    return Err(Refusal::Untrusted(peer));
                }
                ForwardedPlayer::parse(address)
                    .map(Some)
                    .map_err(Refusal::Malformed)
            }
            Forwarding::BungeeGuard { tokens } => {
                let player = ForwardedPlayer::parse(address).map_err(Refusal::Malformed)?;
                match player.bungeeguard_token() {
                    None => Err(Refusal::MissingToken),
                    Some(t) if tokens.iter().any(|k| k == t) => Ok(Some(player)),
                    Some(_) => Err(Refusal::WrongToken),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const UUID: &str = "b50ad385829d3141a2167e7d7539ba7f";

    #[test]
    fn parses_what_bungeecord_writes() {
        let p = ForwardedPlayer::parse(&format!("play.example.net\x0010.1.2.3\x00{UUID}")).unwrap();
        assert_eq!(p.host, "play.example.net");
        assert_eq!(p.address, "10.1.2.3".parse::<IpAddr>().unwrap());
        assert_eq!(p.uuid.to_string(), "b50ad385-829d-3141-a216-7e7d7539ba7f");
        assert!(p.properties.is_empty());
        let json = r#"[{"name":"textures","value":"abc","signature":"sig"},{"name":"bungeeguard-token","value":"SECRET"}]"#;
        let p = ForwardedPlayer::parse(&format!("h\0::1\0{UUID}\0{json}")).unwrap();
        assert_eq!(p.address, "::1".parse::<IpAddr>().unwrap());
        assert_eq!(p.bungeeguard_token(), Some("SECRET"));
        assert_eq!(p.profile_properties().count(), 1);
        // And back, byte for byte.
        assert_eq!(p.to_address(), format!("h\0::1\0{UUID}\0{json}"));
    }

    #[test]
    fn every_malformed_shape_is_refused() {
        assert_eq!(
            ForwardedPlayer::parse("localhost"),
            Err(ForwardingError::Missing)
        );
        assert_eq!(
            ForwardedPlayer::parse("a\0b"),
            Err(ForwardingError::FieldCount(2))
        );
        assert_eq!(
            ForwardedPlayer::parse("a\0b\0c\0d\0e"),
            Err(ForwardingError::FieldCount(5))
        );
        assert_eq!(
            ForwardedPlayer::parse(&format!("h\0not-an-ip\0{UUID}")),
            Err(ForwardingError::Address)
        );
        assert_eq!(
            ForwardedPlayer::parse("h\x001.2.3.4\x00b50ad385-829d-3141-a216-7e7d7539ba7f"),
            Err(ForwardingError::Uuid)
        );
        assert_eq!(
            ForwardedPlayer::parse("h\x001.2.3.4\x00zz"),
            Err(ForwardingError::Uuid)
        );
        assert!(matches!(
            ForwardedPlayer::parse(&format!("h\x001.2.3.4\x00{UUID}\0{{bad")),
            Err(ForwardingError::Properties(_))
        ));
        assert!(matches!(
            ForwardedPlayer::parse(&format!("h\x001.2.3.4\x00{UUID}\0[{{\"name\":1}}]")),
            Err(ForwardingError::Properties(_))
        ));
        let huge = format!("h\x001.2.3.4\x00{UUID}\0{}", "x".repeat(MAX_FORWARDED_LEN));
        assert!(matches!(
            ForwardedPlayer::parse(&huge),
            Err(ForwardingError::TooLong { .. })
        ));
    }

    #[test]
    fn trust_and_tokens() {
        let fwd = format!("h\x0010.0.0.9\x00{UUID}");
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        let remote: IpAddr = "203.0.113.7".parse().unwrap();
        let bungee = Forwarding::BungeeCord {
            trusted: vec!["127.0.0.1/32".parse().unwrap()],
        };
        assert!(bungee.check(local, &fwd).unwrap().is_some());
        assert_eq!(bungee.check(remote, &fwd), Err(Refusal::Untrusted(remote)));
        assert_eq!(
            bungee.check(local, "localhost"),
            Err(Refusal::Malformed(ForwardingError::Missing))
        );
        let guard = Forwarding::BungeeGuard {
            tokens: vec!["SECRET".into()],
        };
        let with = |t: &str| {
            format!(
                r#"h{}10.0.0.9{}{UUID}{}[{{"name":"bungeeguard-token","value":"{t}"}}]"#,
                '\0', '\0', '\0'
            )
        };
        assert!(guard.check(remote, &with("SECRET")).unwrap().is_some());
        assert_eq!(
            guard.check(remote, &with("guess")),
            Err(Refusal::WrongToken)
        );
        assert_eq!(guard.check(remote, &fwd), Err(Refusal::MissingToken));
        assert_eq!(Forwarding::None.check(remote, &fwd), Ok(None));
        assert_eq!(
            Refusal::WrongToken.to_string(),
            "Invalid BungeeGuard token."
        );
    }

    proptest::proptest! {
        #[test]
        fn forwarded_addresses_round_trip(
            host in "[a-z0-9.-]{0,40}",
            v4 in proptest::prelude::any::<[u8; 4]>(),
            v6 in proptest::prelude::any::<[u16; 8]>(),
            six in proptest::prelude::any::<bool>(),
            uuid in proptest::prelude::any::<u128>(),
            props in proptest::collection::vec(("[a-z-]{1,12}", "\\PC{0,40}", proptest::option::of("[A-Za-z0-9+/=]{0,40}")), 0..4),
        ) {
            let address: IpAddr = if six { v6.into() } else { v4.into() };
            let player = ForwardedPlayer {
                host,
                address,
                uuid: Uuid::from_u128(uuid),
                properties: props
                    .into_iter()
                    .map(|(name, value, signature)| ProfileProperty { name, value, signature })
                    .collect(),
            };
            proptest::prop_assert_eq!(ForwardedPlayer::parse(&player.to_address()), Ok(player));
        }
    }
}
