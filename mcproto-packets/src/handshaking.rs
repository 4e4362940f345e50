//! The handshaking state: the first packet of every connection.

/// Packets the client sends in the handshaking state.
pub mod serverbound {
    use std::borrow::Cow;

    use mcproto_core::{Decode, Encode, Packet};

    /// The first packet of a connection; it names the protocol version and
    /// switches the connection to the status or login state.
    #[derive(Packet, Debug, Clone, PartialEq)]
    #[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[packet(state = Handshaking, direction = Serverbound)]
    pub struct Handshake<'a> {
        /// 47 for 1.8.x, 54 for 15w32c.
        #[mc(varint)]
        pub protocol_version: i32,
        /// Host name or address the client typed (informational).
        #[mc(max_len = 255)]
        pub server_address: Cow<'a, str>,
        /// Port the client connected to (informational).
        pub server_port: u16,
        /// The state to switch to.
        pub next_state: NextState,
    }

    /// Where a [`Handshake`] leads.
    #[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
    #[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[mc(tag = varint)]
    pub enum NextState {
        /// Server list ping.
        Status = 1,
        /// Log in and play.
        Login = 2,
    }

    /// The pre-Netty (1.6 and older) server list ping, which starts with the
    /// raw byte 0xFE instead of a framed packet.
    ///
    /// It is not a framed packet: servers detect it by peeking at the first
    /// byte of a connection. It is registered at 0xFE as minecraft-data
    /// models it, so that tools see the whole handshaking state.
    #[derive(Packet, Debug, Clone, PartialEq)]
    #[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[packet(state = Handshaking, direction = Serverbound)]
    pub struct LegacyServerListPing {
        /// Always 0x01 from 1.4–1.6 clients.
        pub payload: u8,
    }
}
