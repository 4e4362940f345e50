//! Logging a player in to a backend: the forwarded Handshake, Login Start,
//! the backend's compression, and its Join Game.

use std::net::SocketAddr;

use mcproto_core::conn::{AsyncConnection, ConnectionError, Side};
use mcproto_core::{ProtocolVersion, RawPacket, Registry, State, Uuid};
use mcproto_packets::LoginClientbound;
use mcproto_packets::handshaking::serverbound::{Handshake, NextState};
use mcproto_packets::login::serverbound::LoginStart;
use mcproto_packets::play::clientbound::JoinGame;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};

use super::config::{ForwardingMode, NetworkConfig};
use crate::forwarding::{
    BUNGEEGUARD_PROPERTY, ForwardedHandshake, ForwardedPlayer, ProfileProperty, forwarding_registry,
};

pub(crate) type Conn = AsyncConnection<OwnedReadHalf, OwnedWriteHalf>;

/// Packets a backend may send between Login Success and Join Game that are
/// kept for the client; more is not a vanilla-like server.
const MAX_EARLY_PACKETS: usize = 64;

/// Why a backend did not take the player.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BackendError {
    /// No server of that name is configured.
    #[error("there is no server named {0}")]
    UnknownServer(String),
    /// The TCP connection failed or timed out.
    #[error("cannot reach it ({0})")]
    Unreachable(String),
    /// The backend refused the login with this reason.
    #[error("it refused the login: {0}")]
    Refused(String),
    /// The backend asked for encryption: it runs in online mode, which a
    /// server behind a proxy must not.
    #[error("it is in online mode (behind a proxy, backends run with online-mode=false)")]
    OnlineMode,
    /// The login did not finish in time.
    #[error("it did not finish the login in time")]
    Timeout,
    /// The backend broke the protocol or the connection.
    #[error("{0}")]
    Connection(#[from] ConnectionError),
}

/// Who is logging in, as the backends are told.
#[derive(Debug, Clone)]
pub(crate) struct Identity {
    pub name: String,
    pub uuid: Uuid,
    pub address: SocketAddr,
    pub properties: Vec<ProfileProperty>,
}

/// A backend connection in the play state, right after its Join Game.
pub(crate) struct Backend {
    /// The server's name in the configuration.
    pub name: String,
    pub conn: Conn,
    pub join: JoinGame,
    /// The Join Game frame as received.
    pub join_frame: Vec<u8>,
    /// Frames the backend sent before Join Game (kept for the client).
    pub early: Vec<Vec<u8>>,
}

/// Connects `who` to the backend `server` and logs them in.
pub(crate) async fn connect(
    config: &NetworkConfig,
    server: &str,
    who: &Identity,
    registry: &Registry,
) -> Result<Backend, BackendError> {
    let backend = config
        .servers
        .get(server)
        .ok_or_else(|| BackendError::UnknownServer(server.to_owned()))?;
    let login = async {
        let mut stream = TcpStream::connect(backend.address())
            .await
            .map_err(|e| BackendError::Unreachable(e.to_string()))?;
        if backend.proxy_protocol() {
            let server = stream.peer_addr().map_err(ConnectionError::from)?;
            let header = crate::proxy_protocol::v2_header(who.address, server);
            stream
                .write_all(&header)
                .await
                .map_err(ConnectionError::from)?;
        }
        let (host, port) = split_address(backend.address());
        let forwarding = config.forwarding != ForwardingMode::None;
        let handshake_registry = if forwarding {
            forwarding_registry(registry).map_err(ConnectionError::from)?
        } else {
            registry.clone()
        };
        let mut conn = AsyncConnection::from_tcp(stream, handshake_registry, Side::Client)?;
        let version = registry.version();
        if forwarding {
            let mut properties = who.properties.clone();
            if config.forwarding == ForwardingMode::BungeeGuard {
                properties.push(ProfileProperty {
                    name: BUNGEEGUARD_PROPERTY.into(),
                    value: config.token.clone().unwrap_or_default(),
                    signature: None,
                });
            }
            let forwarded = ForwardedPlayer {
                host: host.to_owned(),
                address: who.address.ip(),
                uuid: who.uuid,
                properties,
            };
            conn.writer.queue(&ForwardedHandshake {
                protocol_version: version.0,
                server_address: forwarded.to_address(),
                server_port: port,
                next_state: NextState::Login,
            })?;
        } else {
            conn.writer.queue(&Handshake {
                protocol_version: version.0,
                server_address: host.into(),
                server_port: port,
                next_state: NextState::Login,
            })?;
        }
        conn.set_state(State::Login);
        conn.set_registry(registry.clone());
        conn.writer
            .send(&LoginStart {
                name: who.name.clone().into(),
            })
            .await?;
        loop {
            let threshold = match conn.reader.read::<LoginClientbound>().await? {
                LoginClientbound::SetCompression(c) => c.threshold,
                LoginClientbound::LoginSuccess(_) => break,
                LoginClientbound::Disconnect(d) => {
                    return Err(BackendError::Refused(d.reason.to_plain()));
                }
                LoginClientbound::EncryptionRequest(_) => return Err(BackendError::OnlineMode),
                other => {
                    return Err(BackendError::Connection(ConnectionError::Protocol(
                        mcproto_core::conn::Violation::UnexpectedPacket {
                            state: State::Login,
                            name: Some(other.name()),
                            id: None,
                        },
                    )));
                }
            };
            conn.set_compression(usize::try_from(threshold).ok());
        }
        conn.set_state(State::Play);
        join_game(server, conn, registry, version).await
    };
    match tokio::time::timeout(config.connect_timeout(), login).await {
        Ok(result) => result,
        Err(_) => Err(BackendError::Timeout),
    }
}

/// Reads up to the backend's Join Game.
async fn join_game(
    server: &str,
    mut conn: Conn,
    registry: &Registry,
    version: ProtocolVersion,
) -> Result<Backend, BackendError> {
    let join_id = registry.id_of::<JoinGame>();
    let disconnect_id = registry.id_of::<mcproto_packets::play::clientbound::Disconnect>();
    let mut early = Vec::new();
    loop {
        let frame = conn.reader.read_frame().await?;
        let id = Some(RawPacket::parse(frame).map_err(ConnectionError::from)?.id);
        if id == join_id {
            let join: JoinGame = registry
                .decode_packet(frame)
                .map_err(ConnectionError::from)?;
            let join_frame = frame.to_vec();
            tracing::debug!(server, %version, entity_id = join.entity_id, "backend joined");
            return Ok(Backend {
                name: server.to_owned(),
                conn,
                join,
                join_frame,
                early,
            });
        }
        if id == disconnect_id {
            let d: mcproto_packets::play::clientbound::Disconnect =
                registry
                    .decode_packet(frame)
                    .map_err(ConnectionError::from)?;
            return Err(BackendError::Refused(d.reason.to_plain()));
        }
        if early.len() >= MAX_EARLY_PACKETS {
            return Err(BackendError::Connection(ConnectionError::Protocol(
                mcproto_core::conn::Violation::UnexpectedPacket {
                    state: State::Play,
                    name: None,
                    id,
                },
            )));
        }
        early.push(frame.to_vec());
    }
}

/// `host:port` split; the port defaults to 25565.
fn split_address(address: &str) -> (&str, u16) {
    match address.rsplit_once(':') {
        Some((host, port)) => (
            host.trim_start_matches('[').trim_end_matches(']'),
            port.parse().unwrap_or(25565),
        ),
        None => (address, 25565),
    }
}
