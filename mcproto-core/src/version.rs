//! Protocol version numbers: ordering and negotiation.
//!
//! Core knows how versions compare, not which ones exist: the packets crate
//! (or whoever builds a registry) names and ships them.

use std::fmt;

/// A protocol version number, as sent in the Handshake.
///
/// Encoders and decoders read it from the [`Reader`](crate::Reader) /
/// [`Writer`](crate::Writer), so one packet definition serves every
/// version. Versions order by number, which matches release order for
/// every release protocol up to 1.12.2 (snapshot 15w32c, 54, sits between
/// 1.8's 47 and 1.9's 107, where it belongs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct ProtocolVersion(pub i32);

impl ProtocolVersion {
    /// The version number.
    pub const fn number(self) -> i32 {
        self.0
    }

    /// Whether `self` is `other` or later (usable in const context).
    pub const fn at_least(self, other: ProtocolVersion) -> bool {
        self.0 >= other.0
    }
}

impl fmt::Display for ProtocolVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl From<i32> for ProtocolVersion {
    fn from(n: i32) -> Self {
        ProtocolVersion(n)
    }
}

/// Picks the protocol version to use with a server that reported
/// `server_version` in its status response: the server's own, when it is
/// among `allowed`.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_order_by_number() {
        assert!(ProtocolVersion(54) > ProtocolVersion(47));
        assert!(ProtocolVersion(107).at_least(ProtocolVersion(54)));
        assert!(!ProtocolVersion(47).at_least(ProtocolVersion(54)));
        assert_eq!(ProtocolVersion(340).to_string(), "340");
    }

    #[test]
    fn negotiation_picks_server_version_or_explains() {
        let allowed = [ProtocolVersion(47), ProtocolVersion(54)];
        assert_eq!(
            negotiate(ProtocolVersion(54), &allowed),
            Ok(ProtocolVersion(54))
        );
        let err = negotiate(ProtocolVersion(107), &allowed[..1]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "server speaks protocol 107, but only 47 are allowed"
        );
    }
}
