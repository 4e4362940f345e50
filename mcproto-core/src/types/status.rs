//! The status (server list ping) response JSON, typed.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::types::chat::TextComponent;

/// What a server reports in its status response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerStatus {
    /// Game version name and protocol number.
    pub version: StatusVersion,
    /// Player counts and a sample of names.
    pub players: StatusPlayers,
    /// The MOTD, a chat component or a plain string.
    pub description: TextComponent,
    /// `data:image/png;base64,...` of a 64×64 PNG.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub favicon: Option<String>,
}

/// `version` in the status response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusVersion {
    /// Display name, e.g. `1.8.9`.
    pub name: String,
    /// Protocol number, e.g. 47.
    pub protocol: i32,
}

/// `players` in the status response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusPlayers {
    /// Slots.
    pub max: i32,
    /// Players online.
    pub online: i32,
    /// Some of the players online.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sample: Vec<StatusPlayer>,
}

/// One entry of the player sample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusPlayer {
    /// Player name.
    pub name: String,
    /// UUID with hyphens.
    pub id: String,
}

impl ServerStatus {
    /// Parses a status response's JSON.
    pub fn from_json(json: &str) -> Result<Self> {
        serde_json::from_str(json).map_err(|e| {
            Error::new(ErrorKind::Json {
                line: e.line(),
                column: e.column(),
            })
        })
    }

    /// The JSON text.
    pub fn to_json(&self) -> String {
        // Serialising plain strings, numbers and JSON values cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_vanilla_shape() {
        let json = r#"{"version":{"name":"1.8.9","protocol":47},"players":{"max":20,"online":1,
            "sample":[{"name":"Notch","id":"069a79f4-44e9-4726-a5be-fca90e38aaf5"}]},
            "description":{"text":"A Minecraft Server"},"favicon":"data:image/png;base64,AA=="}"#;
        let s = ServerStatus::from_json(json).unwrap();
        assert_eq!(s.version.protocol, 47);
        assert_eq!(s.players.sample[0].name, "Notch");
        assert_eq!(s.description.to_plain(), "A Minecraft Server");
        assert_eq!(ServerStatus::from_json(&s.to_json()).unwrap(), s);
        // Older servers send the description as a bare string.
        let s = ServerStatus::from_json(r#"{"version":{"name":"x","protocol":47},"players":{"max":1,"online":0},"description":"motd"}"#).unwrap();
        assert_eq!(s.description.to_plain(), "motd");
    }
}
