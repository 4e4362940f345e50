//! The protocol versions this crate ships registries for, with the game
//! versions that speak each (names as in minecraft-data's
//! `protocolVersions.json`, release versions only).

use mcproto_core::ProtocolVersion;

/// Minecraft 1.8 – 1.8.9.
pub const V1_8: ProtocolVersion = ProtocolVersion(47);
/// Snapshot 15w32c of the 1.9 cycle.
pub const V15W32C: ProtocolVersion = ProtocolVersion(54);
/// Minecraft 1.9.
pub const V1_9: ProtocolVersion = ProtocolVersion(107);
/// Minecraft 1.9.1.
pub const V1_9_1: ProtocolVersion = ProtocolVersion(108);
/// Minecraft 1.9.2.
pub const V1_9_2: ProtocolVersion = ProtocolVersion(109);
/// Minecraft 1.9.3 – 1.9.4.
pub const V1_9_4: ProtocolVersion = ProtocolVersion(110);
/// Minecraft 1.10 – 1.10.2.
pub const V1_10: ProtocolVersion = ProtocolVersion(210);
/// Minecraft 1.11.
pub const V1_11: ProtocolVersion = ProtocolVersion(315);
/// Minecraft 1.11.1 – 1.11.2.
pub const V1_11_1: ProtocolVersion = ProtocolVersion(316);
/// Minecraft 1.12.
pub const V1_12: ProtocolVersion = ProtocolVersion(335);
/// Minecraft 1.12.1.
pub const V1_12_1: ProtocolVersion = ProtocolVersion(338);
/// Minecraft 1.12.2.
pub const V1_12_2: ProtocolVersion = ProtocolVersion(340);

/// A protocol version with the game versions that speak it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionInfo {
    /// The protocol number.
    pub protocol: ProtocolVersion,
    /// Game version names, oldest first.
    pub names: &'static [&'static str],
}

/// Release names of every protocol this crate knows, oldest first, as
/// minecraft-data's `protocolVersions.json` lists them (15w32c is the one
/// snapshot); each ships a registry (see [`SUPPORTED`]).
pub const KNOWN: &[VersionInfo] = &[
    VersionInfo {
        protocol: V1_8,
        names: &[
            "1.8", "1.8.1", "1.8.2", "1.8.3", "1.8.4", "1.8.5", "1.8.6", "1.8.7", "1.8.8", "1.8.9",
        ],
    },
    VersionInfo {
        protocol: V15W32C,
        names: &["15w32c"],
    },
    VersionInfo {
        protocol: V1_9,
        names: &["1.9"],
    },
    VersionInfo {
        protocol: V1_9_1,
        names: &["1.9.1"],
    },
    VersionInfo {
        protocol: V1_9_2,
        names: &["1.9.2"],
    },
    VersionInfo {
        protocol: V1_9_4,
        names: &["1.9.3", "1.9.4"],
    },
    VersionInfo {
        protocol: V1_10,
        names: &["1.10", "1.10.1", "1.10.2"],
    },
    VersionInfo {
        protocol: V1_11,
        names: &["1.11"],
    },
    VersionInfo {
        protocol: V1_11_1,
        names: &["1.11.1", "1.11.2"],
    },
    VersionInfo {
        protocol: V1_12,
        names: &["1.12"],
    },
    VersionInfo {
        protocol: V1_12_1,
        names: &["1.12.1"],
    },
    VersionInfo {
        protocol: V1_12_2,
        names: &["1.12.2"],
    },
];

/// Every version with a registry here, oldest first: every version in
/// [`KNOWN`].
pub const SUPPORTED: &[VersionInfo] = KNOWN;

/// The protocol numbers of [`SUPPORTED`], oldest first.
pub fn supported() -> impl Iterator<Item = ProtocolVersion> {
    SUPPORTED.iter().map(|v| v.protocol)
}

/// Whether a registry ships for `version`.
pub fn is_supported(version: ProtocolVersion) -> bool {
    SUPPORTED.iter().any(|v| v.protocol == version)
}

/// Game versions that speak `version` (empty if it is not known here).
pub fn names(version: ProtocolVersion) -> &'static [&'static str] {
    KNOWN
        .iter()
        .find(|v| v.protocol == version)
        .map_or(&[], |v| v.names)
}

/// The newest game version name of `version`, for status responses
/// (`"1.8.9"`), or the number when it is not shipped here.
pub fn name(version: ProtocolVersion) -> String {
    names(version)
        .last()
        .map_or_else(|| version.to_string(), |n| (*n).to_owned())
}

/// `"47 (1.8–1.8.9)"`: the number with its game versions, for messages.
pub fn describe(version: ProtocolVersion) -> String {
    match names(version) {
        [] => version.to_string(),
        [only] => format!("{version} ({only})"),
        [first, .., last] => format!("{version} ({first}–{last})"),
    }
}

/// Looks up a game version name (`"1.8.9"`, `"15w32c"`) or a number (`"47"`).
pub fn parse(s: &str) -> Option<ProtocolVersion> {
    let s = s.trim();
    if let Ok(n) = s.parse::<i32>() {
        return Some(ProtocolVersion(n));
    }
    KNOWN
        .iter()
        .find(|v| v.names.contains(&s))
        .map(|v| v.protocol)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_release_protocol_ships() {
        let numbers: Vec<i32> = supported().map(|v| v.0).collect();
        assert_eq!(
            numbers,
            [47, 54, 107, 108, 109, 110, 210, 315, 316, 335, 338, 340]
        );
        assert!(is_supported(V1_12_2) && !is_supported(ProtocolVersion(339)));
        assert_eq!(name(V1_12_2), "1.12.2");
    }

    #[test]
    fn names_map_to_numbers() {
        assert_eq!(parse("1.8.9"), Some(V1_8));
        assert_eq!(parse("1.8"), Some(V1_8));
        assert_eq!(parse("15w32c"), Some(V15W32C));
        assert_eq!(parse("54"), Some(V15W32C));
        assert_eq!(parse("1.7.10"), None);
        assert_eq!(parse("1.12.2"), Some(V1_12_2));
        assert_eq!(parse("1.9.3"), Some(V1_9_4));
        assert_eq!(describe(V1_10), "210 (1.10–1.10.2)");
        // Release order is protocol order in this range.
        assert!(KNOWN.windows(2).all(|w| w[0].protocol < w[1].protocol));
        assert_eq!(describe(V1_8), "47 (1.8–1.8.9)");
        assert_eq!(describe(V15W32C), "54 (15w32c)");
        assert_eq!(name(V1_8), "1.8.9");
        assert!(V1_8 < V15W32C);
    }
}
