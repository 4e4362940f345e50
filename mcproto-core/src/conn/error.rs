//! Errors of a session: what ends or refuses a connection, as opposed to
//! what is wrong with one packet's bytes (a wire [`Error`]).

use std::fmt;

use crate::error::Error;
use crate::registry::RegistryError;
use crate::state::State;
use crate::types::Chat;
use crate::version::{NoCommonVersion, ProtocolVersion};

/// Why a connection, a login or a status query failed.
///
/// A packet that does not decode (or encode) is [`ConnectionError::Packet`],
/// with the wire error naming the packet, field and version. Everything else
/// here is about the session: the socket, the peer's behaviour, time limits,
/// encryption and the registry.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConnectionError {
    /// The socket failed.
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
    /// The peer closed the connection cleanly, between frames.
    #[error("connection closed")]
    Closed,
    /// The peer closed the connection in the middle of a frame.
    #[error("connection closed inside a frame ({buffered} bytes buffered)")]
    TruncatedFrame {
        /// Bytes received of the unfinished frame.
        buffered: usize,
    },
    /// A frame or a packet could not be decoded or encoded.
    #[error(transparent)]
    Packet(#[from] Error),
    /// The peer sent Disconnect.
    #[error("disconnected: {}", .reason.to_plain())]
    Disconnected {
        /// The reason, as sent.
        reason: Chat,
    },
    /// A time limit passed.
    #[error("timed out {0}")]
    Timeout(Phase),
    /// The peer did not follow the protocol.
    #[error("protocol violation: {0}")]
    Protocol(Violation),
    /// Encryption could not be set up.
    #[error("encryption: {0}")]
    Crypto(#[from] CryptoError),
    /// A registry could not be built.
    #[error(transparent)]
    Registry(#[from] RegistryError),
    /// No registry exists for the protocol version asked for.
    #[error("unsupported protocol version {0}")]
    UnsupportedVersion(ProtocolVersion),
    /// Client and server have no protocol version in common.
    #[error(transparent)]
    NoCommonVersion(#[from] NoCommonVersion),
}

impl ConnectionError {
    /// Whether the peer simply closed the connection between frames.
    pub fn is_closed(&self) -> bool {
        matches!(self, ConnectionError::Closed)
    }

    /// The wire error, when a packet was at fault.
    pub fn packet_error(&self) -> Option<&Error> {
        match self {
            ConnectionError::Packet(e) => Some(e),
            _ => None,
        }
    }
}

/// What was being waited for when a time limit passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Phase {
    /// Opening the TCP connection.
    Connecting,
    /// Waiting for the Handshake.
    Handshake,
    /// The status exchange (request, response, ping).
    Status,
    /// Logging in.
    Login,
    /// Waiting for the next packet in the play state.
    Play,
    /// Waiting for the answer to a Keep Alive.
    KeepAlive,
    /// Writing to a peer that does not read.
    Write,
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Phase::Connecting => "connecting",
            Phase::Handshake => "waiting for the handshake",
            Phase::Status => "during the status exchange",
            Phase::Login => "logging in",
            Phase::Play => "waiting for the next packet",
            Phase::KeepAlive => "waiting for a keep-alive answer",
            Phase::Write => "writing to a peer that does not read",
        })
    }
}

/// How the peer broke the protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Violation {
    /// A packet that is not allowed at this point.
    UnexpectedPacket {
        /// The connection state.
        state: State,
        /// The packet's name, when it is known.
        name: Option<&'static str>,
        /// The packet id, when it is known.
        id: Option<i32>,
    },
    /// A second status request on one connection.
    SecondStatusRequest,
    /// The Pong does not echo the Ping's payload.
    PongMismatch,
    /// A packet type or group read or written in a state or direction it
    /// does not belong to.
    WrongState {
        /// What was asked for.
        name: &'static str,
        /// The connection's state.
        state: State,
    },
    /// The peer's send queue is full: it does not read fast enough.
    SendQueueFull,
    /// The server asked for a protocol version this side cannot speak.
    UnsupportedVersion(ProtocolVersion),
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::UnexpectedPacket { state, name, id } => {
                f.write_str("unexpected ")?;
                match name {
                    Some(name) => f.write_str(name)?,
                    None => f.write_str("packet")?,
                }
                if let Some(id) = id {
                    write!(f, " ({id:#04x})")?;
                }
                write!(f, " in the {state} state")
            }
            Violation::SecondStatusRequest => f.write_str("a second status request"),
            Violation::PongMismatch => f.write_str("the Pong does not echo the Ping"),
            Violation::WrongState { name, state } => {
                write!(f, "{name} does not belong to the {state} state")
            }
            Violation::SendQueueFull => f.write_str("send queue full"),
            Violation::UnsupportedVersion(v) => write!(f, "unsupported protocol version {v}"),
        }
    }
}

/// Why an encryption step failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CryptoError {
    /// The RSA key pair could not be generated.
    #[error("RSA key generation failed")]
    KeyGeneration,
    /// The public key could not be encoded as DER.
    #[error("cannot encode the RSA public key")]
    KeyEncoding,
    /// The server's public key is not a valid DER SubjectPublicKeyInfo.
    #[error("invalid server public key")]
    InvalidPublicKey,
    /// RSA encryption failed.
    #[error("RSA encryption failed")]
    Encrypt,
    /// RSA decryption failed (not encrypted with this server's key).
    #[error("RSA decryption failed")]
    Decrypt,
    /// The shared secret the client sent is not 16 bytes.
    #[error("shared secret is {0} bytes, not 16")]
    SecretLength(usize),
    /// The verify token came back different.
    #[error("verify token mismatch")]
    VerifyTokenMismatch,
    /// The peer asked for encryption, and this build has none.
    #[error("encryption requested, but built without the `encryption` feature")]
    Unsupported,
}
