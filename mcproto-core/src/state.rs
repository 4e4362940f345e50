//! Connection states and packet directions.

use std::fmt;
use std::str::FromStr;

/// The state a connection is in; it selects which packets can be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum State {
    /// The first state: only the Handshake.
    Handshaking,
    /// Server list ping: Request/Response, Ping/Pong.
    Status,
    /// Login: name, encryption, compression.
    Login,
    /// The game itself.
    Play,
}

impl State {
    /// All states, in connection order.
    pub const ALL: [State; 4] = [State::Handshaking, State::Status, State::Login, State::Play];

    /// Lower-case name, as the inspector's `--state` flag spells it.
    pub const fn name(self) -> &'static str {
        match self {
            State::Handshaking => "handshaking",
            State::Status => "status",
            State::Login => "login",
            State::Play => "play",
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for State {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        State::ALL
            .into_iter()
            .find(|st| st.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!("unknown state {s:?} (expected handshaking, status, login or play)")
            })
    }
}

/// Which way a packet travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Direction {
    /// Client to server.
    Serverbound,
    /// Server to client.
    Clientbound,
}

impl Direction {
    /// Both directions.
    pub const ALL: [Direction; 2] = [Direction::Serverbound, Direction::Clientbound];

    /// Lower-case name, as the inspector's `--direction` flag spells it.
    pub const fn name(self) -> &'static str {
        match self {
            Direction::Serverbound => "serverbound",
            Direction::Clientbound => "clientbound",
        }
    }

    /// The other direction.
    pub const fn opposite(self) -> Direction {
        match self {
            Direction::Serverbound => Direction::Clientbound,
            Direction::Clientbound => Direction::Serverbound,
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Direction {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Direction::ALL
            .into_iter()
            .find(|d| d.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown direction {s:?} (expected serverbound or clientbound)"))
    }
}
