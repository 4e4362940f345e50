//! Protocol versions: numbers, names, and negotiation.

use std::fmt;

use crate::error::{Error, ErrorKind, Result};

/// A protocol version number, as sent in the Handshake.
///
/// Encoders and decoders read it from the [`Reader`](crate::Reader) /
/// [`Writer`](crate::Writer), so one packet definition serves every version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct ProtocolVersion(pub i32);

impl ProtocolVersion {
    /// Minecraft 1.8 – 1.8.9.
    pub const V47: ProtocolVersion = ProtocolVersion(47);
    /// Snapshot 15w32c of the 1.9 cycle.
    pub const V54: ProtocolVersion = ProtocolVersion(54);

    /// The version number.
    pub const fn number(self) -> i32 {
        self.0
    }

    /// Game versions that speak this protocol, if it is a known one.
    pub fn names(self) -> &'static [&'static str] {
        KNOWN_VERSIONS
            .iter()
            .find(|v| v.protocol == self)
            .map_or(&[], |v| v.names)
    }

    /// Whether the standard packet set has tables for this version.
    pub fn is_supported(self) -> bool {
        SUPPORTED_VERSIONS.contains(&self)
    }

    /// Looks a game version name ("1.8.9", "15w32c") or a number ("47") up.
    pub fn parse(s: &str) -> Option<ProtocolVersion> {
        if let Ok(n) = s.trim().parse::<i32>() {
            return Some(ProtocolVersion(n));
        }
        KNOWN_VERSIONS
            .iter()
            .find(|v| v.names.contains(&s.trim()))
            .map(|v| v.protocol)
    }
}

impl fmt::Display for ProtocolVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.names() {
            [] => write!(f, "{}", self.0),
            [only] => write!(f, "{} ({only})", self.0),
            [first, .., last] => write!(f, "{} ({first}–{last})", self.0),
        }
    }
}

impl From<i32> for ProtocolVersion {
    fn from(n: i32) -> Self {
        ProtocolVersion(n)
    }
}

/// A protocol version with the game versions that speak it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionInfo {
    /// The protocol number.
    pub protocol: ProtocolVersion,
    /// Game version names, oldest first.
    pub names: &'static [&'static str],
}

/// Protocol versions whose packet tables ship with mcproto, oldest first.
pub const SUPPORTED_VERSIONS: &[ProtocolVersion] = &[ProtocolVersion::V47, ProtocolVersion::V54];

/// Every version mcproto knows by name.
pub const KNOWN_VERSIONS: &[VersionInfo] = &[
    VersionInfo {
        protocol: ProtocolVersion::V47,
        names: &[
            "1.8", "1.8.1", "1.8.2", "1.8.3", "1.8.4", "1.8.5", "1.8.6", "1.8.7", "1.8.8", "1.8.9",
        ],
    },
    VersionInfo {
        protocol: ProtocolVersion::V54,
        names: &["15w32c"],
    },
];

/// Index of `version` in [`SUPPORTED_VERSIONS`], usable in const context.
pub const fn supported_index(version: i32) -> Option<usize> {
    let mut i = 0;
    while i < SUPPORTED_VERSIONS.len() {
        if SUPPORTED_VERSIONS[i].0 == version {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Picks the protocol version to use with a server that reported
/// `server_version` in its status response.
///
/// The server's version is used when it is among `allowed`; otherwise there
/// is no version both sides speak, and the error says which ones were on
/// each side.
pub fn negotiate(
    server_version: ProtocolVersion,
    allowed: &[ProtocolVersion],
) -> Result<ProtocolVersion, NoCommonVersion> {
    if allowed.contains(&server_version) {
        Ok(server_version)
    } else {
        Err(NoCommonVersion {
            server: server_version,
            allowed: allowed.to_vec(),
        })
    }
}

/// The server speaks none of the versions the client allows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "server speaks protocol {server}, but only {} are allowed",
    display_list(allowed)
)]
pub struct NoCommonVersion {
    /// What the server reported.
    pub server: ProtocolVersion,
    /// What the client was allowed to use.
    pub allowed: Vec<ProtocolVersion>,
}

fn display_list(v: &[ProtocolVersion]) -> String {
    v.iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Fails with [`ErrorKind::UnsupportedVersion`] unless the standard tables cover `version`.
pub fn require_supported(version: ProtocolVersion) -> Result<usize> {
    supported_index(version.0)
        .ok_or_else(|| Error::new(ErrorKind::UnsupportedVersion { version: version.0 }))
}

/// Number of [`SUPPORTED_VERSIONS`].
pub const SUPPORTED_COUNT: usize = SUPPORTED_VERSIONS.len();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_numbers() {
        assert_eq!(ProtocolVersion::parse("1.8.9"), Some(ProtocolVersion(47)));
        assert_eq!(ProtocolVersion::parse("1.8"), Some(ProtocolVersion(47)));
        assert_eq!(ProtocolVersion::parse("15w32c"), Some(ProtocolVersion(54)));
        assert_eq!(ProtocolVersion::parse("54"), Some(ProtocolVersion(54)));
        assert_eq!(ProtocolVersion::parse("1.9"), None);
        assert_eq!(ProtocolVersion(47).to_string(), "47 (1.8–1.8.9)");
        assert_eq!(ProtocolVersion(54).to_string(), "54 (15w32c)");
    }

    #[test]
    fn negotiation_picks_server_version_or_explains() {
        let allowed = [ProtocolVersion::V47, ProtocolVersion::V54];
        assert_eq!(
            negotiate(ProtocolVersion(54), &allowed),
            Ok(ProtocolVersion(54))
        );
        assert_eq!(
            negotiate(ProtocolVersion(47), &allowed[..1]),
            Ok(ProtocolVersion(47))
        );
        let err = negotiate(ProtocolVersion(107), &allowed[..1]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "server speaks protocol 107, but only 47 (1.8–1.8.9) are allowed"
        );
    }
}
