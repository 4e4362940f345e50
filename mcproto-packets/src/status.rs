//! The status state: the server list ping.

/// Packets the server sends in the status state.
pub mod clientbound {
    use std::borrow::Cow;

    use mcproto_core::{Packet, Result, ServerStatus};

    /// Answer to [`StatusRequest`](super::serverbound::StatusRequest): the
    /// server's status as JSON.
    #[derive(Packet, Debug, Clone, PartialEq)]
    #[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[packet(state = Status, direction = Clientbound)]
    pub struct StatusResponse<'a> {
        /// The status JSON, kept as sent; see [`StatusResponse::status`].
        pub json: Cow<'a, str>,
    }

    impl StatusResponse<'_> {
        /// A response carrying `status`.
        pub fn new(status: &ServerStatus) -> StatusResponse<'static> {
            StatusResponse {
                json: status.to_json().into(),
            }
        }

        /// The typed status.
        pub fn status(&self) -> Result<ServerStatus> {
            ServerStatus::from_json(&self.json)
        }
    }

    /// Answer to [`Ping`](super::serverbound::Ping), echoing its payload.
    #[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
    #[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[packet(state = Status, direction = Clientbound)]
    pub struct Pong {
        /// The payload of the Ping.
        pub payload: i64,
    }
}

/// Packets the client sends in the status state.
pub mod serverbound {
    use mcproto_core::Packet;

    /// Asks for the server's status; sent right after the Handshake.
    #[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
    #[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[packet(state = Status, direction = Serverbound)]
    pub struct StatusRequest;

    /// Measures latency: the server echoes the payload in a Pong.
    #[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
    #[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[packet(state = Status, direction = Serverbound)]
    pub struct Ping {
        /// Any number; vanilla sends the time in milliseconds.
        pub payload: i64,
    }
}
