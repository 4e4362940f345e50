//! The network proxy: listener, players, status.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mcproto_core::conn::{AsyncConnection, ConnectionError, Phase, Side};
use mcproto_core::{ProtocolVersion, ServerStatus, State, Uuid};
use mcproto_packets::StatusServerbound;
use mcproto_packets::handshaking::serverbound::{Handshake, NextState};
use mcproto_packets::status::clientbound::{Pong, StatusResponse};
use mcproto_packets::{registry, version};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch};
use tokio::time::timeout;

use super::config::NetworkConfig;
use super::session;

type Result<T> = std::result::Result<T, ConnectionError>;

/// How long a client may take for each step before the proxy has a
/// backend for it (handshake, status, login).
pub(crate) const PHASE_TIMEOUT: Duration = Duration::from_secs(10);

/// What a session is asked to do from outside its own connection.
#[derive(Debug)]
pub(crate) enum Command {
    /// Move to this backend.
    Connect(String),
    /// Show this chat line.
    Message(String),
    /// Disconnect with this reason.
    Kick(String),
    /// Deliver a BungeeCord `Forward` payload to the backend.
    Forward { channel: String, data: Vec<u8> },
}

/// A player on the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkPlayer {
    /// Their name.
    pub name: String,
    /// Their UUID (as the backends are told).
    pub uuid: Uuid,
    /// Their address.
    pub address: SocketAddr,
    /// The backend they are on.
    pub server: String,
}

pub(crate) struct Entry {
    pub player: NetworkPlayer,
    pub commands: mpsc::Sender<Command>,
}

pub(crate) struct Shared {
    pub config: NetworkConfig,
    /// Online mode: players are verified with the session server.
    #[cfg(feature = "online")]
    pub online: Option<crate::auth::OnlineMode>,
    pub players: Mutex<HashMap<Uuid, Entry>>,
    shutdown: watch::Sender<bool>,
}

impl Shared {
    pub(crate) fn players(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, Entry>> {
        // Each operation is one insert, remove or read: a panic elsewhere
        // cannot leave the map half-changed.
        self.players.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sends `command` to the player named `name`; false if not online.
    pub(crate) fn command(&self, name: &str, command: Command) -> bool {
        let sender = self
            .players()
            .values()
            .find(|e| e.player.name.eq_ignore_ascii_case(name))
            .map(|e| e.commands.clone());
        sender.is_some_and(|s| s.try_send(command).is_ok())
    }

    /// Sends `command` to every player (`None`) or those on `server`.
    pub(crate) fn command_all(&self, server: Option<&str>, command: impl Fn() -> Command) {
        let senders: Vec<_> = self
            .players()
            .values()
            .filter(|e| server.is_none_or(|s| e.player.server == s))
            .map(|e| e.commands.clone())
            .collect();
        for s in senders {
            let _ = s.try_send(command());
        }
    }

    /// Names of the players on `server` (`None`: all).
    pub(crate) fn names_on(&self, server: Option<&str>) -> Vec<String> {
        self.players()
            .values()
            .filter(|e| server.is_none_or(|s| e.player.server == s))
            .map(|e| e.player.name.clone())
            .collect()
    }

    fn status(&self, client: ProtocolVersion) -> ServerStatus {
        let shown = if version::is_supported(client) {
            client
        } else {
            version::supported().last().unwrap_or(version::V1_8)
        };
        let players = self.players();
        let sample = players
            .values()
            .map(|e| (e.player.name.as_str(), e.player.uuid));
        crate::server::status_of(
            shown,
            &self.config.motd,
            self.config.max_players,
            players.len(),
            sample,
        )
    }
}

/// A bound network proxy.
pub struct Network {
    listener: TcpListener,
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Network")
            .field("bind", &self.shared.config.bind)
            .finish_non_exhaustive()
    }
}

/// A handle on a running [`Network`]: its players, shutting down.
#[derive(Clone)]
pub struct NetworkHandle(Arc<Shared>);

impl std::fmt::Debug for NetworkHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NetworkHandle").finish_non_exhaustive()
    }
}

impl NetworkHandle {
    /// The players on the network, with the backend each is on.
    pub fn players(&self) -> Vec<NetworkPlayer> {
        self.0
            .players()
            .values()
            .map(|e| e.player.clone())
            .collect()
    }

    /// Moves a player to another backend; false if they are not online.
    pub fn connect(&self, player: &str, server: &str) -> bool {
        self.0.command(player, Command::Connect(server.to_owned()))
    }

    /// Stops accepting players and disconnects everyone.
    pub fn shutdown(&self) {
        let _ = self.0.shutdown.send(true);
        self.0
            .command_all(None, || Command::Kick("The proxy is shutting down".into()));
    }
}

impl Network {
    /// Checks the configuration and binds the listening socket.
    pub async fn bind(config: NetworkConfig) -> std::result::Result<Network, super::ConfigError> {
        config.check()?;
        let listener = crate::server::listen(&config.bind, crate::server::DEFAULT_BACKLOG)
            .await
            .map_err(|source| super::ConfigError::Io {
                path: config.bind.clone().into(),
                source,
            })?;
        Ok(Network {
            listener,
            shared: Arc::new(Shared {
                #[cfg(feature = "online")]
                online: config.online.then(crate::auth::OnlineMode::new),
                config,
                players: Mutex::new(HashMap::new()),
                shutdown: watch::channel(false).0,
            }),
        })
    }

    /// Verifies players with `online` (its session server, its key)
    /// instead of the configuration's `online` setting.
    #[cfg(feature = "online")]
    pub fn online_mode(mut self, online: crate::auth::OnlineMode) -> Self {
        if let Some(shared) = Arc::get_mut(&mut self.shared) {
            shared.online = Some(online);
        }
        self
    }

    /// The address the proxy listens on.
    pub fn local_addr(&self) -> SocketAddr {
        // A bound listener always has its address.
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)))
    }

    /// A handle for the running proxy.
    pub fn handle(&self) -> NetworkHandle {
        NetworkHandle(self.shared.clone())
    }

    /// Accepts players until [`NetworkHandle::shutdown`].
    pub async fn run(self) -> Result<()> {
        let shared = self.shared.clone();
        crate::server::accept_until(
            self.listener,
            self.shared.shutdown.subscribe(),
            move |stream, peer| serve(shared.clone(), stream, peer),
        )
        .await;
        Ok(())
    }
}

async fn serve(shared: Arc<Shared>, stream: TcpStream, peer: SocketAddr) -> Result<()> {
    let mut first = [0u8; 1];
    let n = timeout(PHASE_TIMEOUT, stream.peek(&mut first))
        .await
        .map_err(|_| ConnectionError::Timeout(Phase::Handshake))??;
    if n == 0 {
        return Err(ConnectionError::Closed);
    }
    if first[0] == 0xFE {
        return legacy_ping(&shared, stream).await;
    }
    // Handshaking is the same in every version: any registry reads it.
    let base = registry(version::V1_8)?.clone();
    let mut conn = AsyncConnection::from_tcp(stream, base, Side::Server)?;
    let handshake: Handshake = timeout(PHASE_TIMEOUT, conn.reader.read_packet())
        .await
        .map_err(|_| ConnectionError::Timeout(Phase::Handshake))??;
    let version = ProtocolVersion(handshake.protocol_version);
    match handshake.next_state {
        NextState::Status => status(&shared, conn, version).await,
        NextState::Login => session::run(shared, conn, version, peer).await,
    }
}

/// One status request and one ping, answered by the proxy itself.
async fn status(
    shared: &Shared,
    mut conn: super::backend::Conn,
    version: ProtocolVersion,
) -> Result<()> {
    conn.set_state(State::Status);
    let mut answered = false;
    loop {
        let ping = match timeout(PHASE_TIMEOUT, conn.reader.read::<StatusServerbound>())
            .await
            .map_err(|_| ConnectionError::Timeout(Phase::Status))??
        {
            StatusServerbound::StatusRequest(_) if !answered => None,
            StatusServerbound::Ping(p) => Some(p.payload),
            _ => return Ok(()),
        };
        match ping {
            None => {
                answered = true;
                let response = StatusResponse::new(&shared.status(version));
                conn.writer.send(&response).await?;
            }
            Some(payload) => return conn.writer.send(&Pong { payload }).await,
        }
    }
}

/// The pre-Netty server list ping (1.4–1.6 clients, and tools).
async fn legacy_ping(shared: &Shared, mut stream: TcpStream) -> Result<()> {
    use crate::legacy::{LegacyStatus, read_request, reply_for};
    use tokio::io::AsyncWriteExt;
    let request = read_request(&mut stream, PHASE_TIMEOUT).await?;
    let newest = version::supported().last().unwrap_or(version::V1_8);
    let status = LegacyStatus {
        // 127: not a pre-Netty protocol, so old clients show "outdated".
        protocol: Some(127),
        version: Some(version::name(newest)),
        motd: shared
            .config
            .motd
            .chars()
            .filter(|c| *c != '\u{a7}' && *c != '\0')
            .collect(),
        online: i32::try_from(shared.players().len()).unwrap_or(i32::MAX),
        max: i32::try_from(shared.config.max_players).unwrap_or(i32::MAX),
    };
    stream.write_all(&reply_for(&request, &status)).await?;
    stream.shutdown().await?;
    Ok(())
}
