//! An embeddable server: it accepts connections, answers the status ping
//! (and the pre-Netty legacy ping), logs players in (offline mode, optional
//! compression and encryption), keeps them alive, and hands each player in
//! the play state to your code.
//!
//! ```no_run
//! # async fn example() -> Result<(), mcproto::ConnectionError> {
//! use mcproto::packets::PlayServerbound;
//! use mcproto::server::{Server, ServerConfig};
//! let server = Server::bind(ServerConfig::default()).await?;
//! server
//!     .run(|mut player| async move {
//!         let name = player.name().to_owned();
//!         while let Some(Ok(packet)) = player.next().await {
//!             match packet {
//!                 PlayServerbound::ChatMessage(chat) => println!("<{name}> {}", chat.message),
//!                 other => println!("{name} sent {}", other.name()),
//!             }
//!         }
//!     })
//!     .await
//! # }
//! ```
//!
//! Every connection runs in its own task with read timeouts for each
//! phase, so a client that sends nothing, trickles bytes, or sends garbage
//! is disconnected without affecting the others.

mod config;
mod keepalive;
mod lobby;
pub(crate) mod login;
mod player;
mod status;

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[cfg(feature = "proxy")]
pub(crate) use config::DEFAULT_BACKLOG;
pub use config::ServerConfig;
pub use lobby::{Lobby, lobby};
pub use player::{PacketSender, Player};
pub(crate) use status::status_of;

use mcproto_core::bytes::Bytes;
use mcproto_core::conn::{AsyncConnection, ConnectionError, Phase, Side};
use mcproto_core::{Packet, ProtocolVersion, Registry, Uuid};
use mcproto_packets::handshaking::serverbound::{Handshake, NextState};
use mcproto_packets::login::clientbound::Disconnect as LoginDisconnect;

use crate::forwarding::ForwardedHandshake;
use mcproto_packets::registry;
use mcproto_packets::version;
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::watch;
use tokio::time::timeout;

use keepalive::KeepAliveState;

type Result<T> = std::result::Result<T, ConnectionError>;

struct PlayerEntry {
    name: String,
    uuid: Uuid,
    sender: PacketSender,
    keepalive: Arc<KeepAliveState>,
}

struct Shared {
    config: ServerConfig,
    local_addr: SocketAddr,
    players: Mutex<HashMap<u64, PlayerEntry>>,
    next_id: AtomicU64,
    shutdown: watch::Sender<bool>,
    #[cfg(feature = "encryption")]
    key: Option<mcproto_core::crypto::ServerKey>,
}

impl Shared {
    fn accepts(&self, version: ProtocolVersion) -> bool {
        self.config.versions.contains(&version)
            || self
                .config
                .registries
                .iter()
                .any(|r| r.version() == version)
    }

    fn registry_for(&self, version: ProtocolVersion) -> Option<Registry> {
        if let Some(r) = self
            .config
            .registries
            .iter()
            .find(|r| r.version() == version)
        {
            return Some(r.clone());
        }
        if !self.config.versions.contains(&version) {
            return None;
        }
        registry(version).ok().cloned()
    }

    fn players_lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, PlayerEntry>> {
        // A panic while holding the lock cannot leave the map inconsistent
        // (each operation is a single insert/remove/read).
        self.players.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A handle on a running server: its players, broadcasting, shutting down.
#[derive(Clone)]
pub struct ServerHandle(Arc<Shared>);

impl std::fmt::Debug for ServerHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerHandle")
            .field("local_addr", &self.0.local_addr)
            .finish()
    }
}

impl ServerHandle {
    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.0.local_addr
    }

    /// The configuration the server runs with.
    pub fn config(&self) -> &ServerConfig {
        &self.0.config
    }

    /// Players in the play state.
    pub fn player_count(&self) -> usize {
        self.0.players_lock().len()
    }

    /// Names and UUIDs of the players in the play state.
    pub fn players(&self) -> Vec<(String, Uuid)> {
        self.0
            .players_lock()
            .values()
            .map(|p| (p.name.clone(), p.uuid))
            .collect()
    }

    /// The Keep Alive round trip of every player that answered one (see
    /// [`Player::latency`]).
    pub fn latencies(&self) -> Vec<Duration> {
        self.0
            .players_lock()
            .values()
            .filter_map(|p| p.keepalive.latency())
            .collect()
    }

    /// Queues `packet` for every player; returns how many got it. The
    /// packet is encoded, compressed and framed once per registry (protocol
    /// version) in use, and the bytes are shared by the players of that
    /// version (each connection only encrypts them, if it encrypts).
    pub fn broadcast<P: Packet + 'static>(&self, packet: &P) -> usize {
        let mut framed: Vec<(Registry, Option<usize>, Option<Bytes>)> = Vec::new();
        let mut delivered = 0;
        // Queueing never waits, so the lock is held for the loop instead of
        // copying every sender out.
        let players = self.0.players_lock();
        for s in players.values().map(|p| &p.sender) {
            let frame = match framed
                .iter()
                .find(|(r, t, _)| Registry::ptr_eq(r, s.registry()) && *t == s.threshold())
            {
                Some((_, _, f)) => f.clone(),
                None => {
                    let mut buf = Vec::new();
                    let f = match s
                        .registry()
                        .encode(packet, &mut buf)
                        .map_err(ConnectionError::from)
                        .and_then(|()| player::frame_for(&buf, s.threshold()))
                    {
                        Ok(f) => Some(f),
                        Err(e) => {
                            tracing::warn!("broadcast: {e}");
                            None
                        }
                    };
                    framed.push((s.registry().clone(), s.threshold(), f.clone()));
                    f
                }
            };
            if let Some(f) = frame
                && s.send_frame(f).is_ok()
            {
                delivered += 1;
            }
        }
        delivered
    }

    /// Stops accepting connections, tells every player the server is
    /// closing (after what was already queued for them), and lets
    /// [`Server::run`] return once the connections are done.
    pub fn shutdown(&self) {
        let _ = self.0.shutdown.send(true);
        for p in self.0.players_lock().values() {
            p.sender.close(Some("Server closed"));
        }
    }
}

/// A bound server, ready to [`run`](Server::run).
pub struct Server {
    listener: TcpListener,
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("local_addr", &self.shared.local_addr)
            .finish()
    }
}

impl Server {
    /// Binds the listening socket (and makes the RSA key if encryption is on).
    pub async fn bind(config: ServerConfig) -> Result<Server> {
        let listener = listen(&config.bind, config.backlog).await?;
        let local_addr = listener.local_addr()?;
        #[cfg(feature = "encryption")]
        let key = if config.encryption {
            Some(
                tokio::task::spawn_blocking(mcproto_core::crypto::ServerKey::generate)
                    .await
                    .map_err(|_| mcproto_core::conn::CryptoError::KeyGeneration)??,
            )
        } else {
            None
        };
        #[cfg(not(feature = "encryption"))]
        if config.encryption {
            return Err(mcproto_core::conn::CryptoError::Unsupported.into());
        }
        let (shutdown, _) = watch::channel(false);
        Ok(Server {
            listener,
            shared: Arc::new(Shared {
                config,
                local_addr,
                players: Mutex::new(HashMap::new()),
                next_id: AtomicU64::new(1),
                shutdown,
                #[cfg(feature = "encryption")]
                key,
            }),
        })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.shared.local_addr
    }

    /// A handle for broadcasting and shutting down.
    pub fn handle(&self) -> ServerHandle {
        ServerHandle(self.shared.clone())
    }

    /// Accepts connections until [`ServerHandle::shutdown`], running
    /// `handler` for every player that reaches the play state.
    pub async fn run<H, F>(self, handler: H) -> Result<()>
    where
        H: Fn(Player) -> F + Send + Sync + 'static,
        F: Future<Output = ()> + Send + 'static,
    {
        let handler = Arc::new(handler);
        let shared = self.shared.clone();
        accept_until(
            self.listener,
            self.shared.shutdown.subscribe(),
            move |stream, peer| serve(shared.clone(), stream, peer, handler.clone()),
        )
        .await;
        Ok(())
    }
}

/// A listening socket on `bind` (an address or `host:port`, the first of
/// its addresses that binds) with room for `backlog` connections not yet
/// accepted. Like `TcpListener::bind`, it reuses the address of a socket
/// in TIME_WAIT (Unix), but its backlog is not fixed at 1024.
pub(crate) async fn listen(bind: &str, backlog: u32) -> std::io::Result<TcpListener> {
    let mut last = None;
    for addr in tokio::net::lookup_host(bind).await? {
        let socket = if addr.is_ipv4() {
            TcpSocket::new_v4()?
        } else {
            TcpSocket::new_v6()?
        };
        #[cfg(unix)]
        socket.set_reuseaddr(true)?;
        match socket.bind(addr).and_then(|()| socket.listen(backlog)) {
            Ok(listener) => return Ok(listener),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{bind}: no address to listen on"),
        )
    }))
}

/// Whether a failed `accept` is about the one connection it would have
/// returned (the peer gave up first), so the next accept can follow at
/// once; other errors (out of descriptors or memory) need a pause.
fn peer_gone(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionAborted
            | ConnectionReset
            | Interrupted
            | WouldBlock
            | HostUnreachable
            | NetworkUnreachable
            | NetworkDown
    )
}

/// How long the accept loop waits after running out of descriptors (or
/// similar) before it tries again: the connections waiting meanwhile stay
/// in the backlog.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(20);

/// Accepts connections until `stop` turns true, each served in its own
/// task by `serve`, whose error ends only that connection (logged); then
/// gives the connections 5 s to finish. Shared by the server and the
/// network proxy. An accept that fails for want of descriptors (EMFILE)
/// pauses the loop briefly; it never ends it.
pub(crate) async fn accept_until<S, F>(
    listener: TcpListener,
    mut stop: watch::Receiver<bool>,
    serve: S,
) where
    S: Fn(TcpStream, SocketAddr) -> F,
    F: Future<Output = Result<()>> + Send + 'static,
{
    let mut tasks = tokio::task::JoinSet::new();
    // Failed accepts since the last one that worked: logged once per run.
    let mut failing = 0u64;
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(a) => a,
                    Err(e) if peer_gone(&e) => {
                        tracing::debug!("accept: {e}");
                        continue;
                    }
                    Err(e) => {
                        if failing == 0 {
                            tracing::warn!("accept failed: {e}; retrying every {ACCEPT_BACKOFF:?}");
                        }
                        failing += 1;
                        tokio::select! {
                            _ = stop.changed() => break,
                            () = tokio::time::sleep(ACCEPT_BACKOFF) => {}
                        }
                        continue;
                    }
                };
                if failing > 0 {
                    tracing::info!("accepting again after {failing} failed accepts");
                    failing = 0;
                }
                let connection = serve(stream, peer);
                tasks.spawn(async move {
                    match connection.await {
                        Ok(()) => {}
                        Err(e) if e.is_closed() => tracing::debug!(%peer, "connection closed"),
                        Err(e) => tracing::info!(%peer, "connection dropped: {e}"),
                    }
                });
            }
            Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
        }
    }
    drop(listener);
    // Players were told to leave; give their connections time to flush.
    let drain = async { while tasks.join_next().await.is_some() {} };
    if timeout(Duration::from_secs(5), drain).await.is_err() {
        tasks.abort_all();
    }
}

async fn serve<H, F>(
    shared: Arc<Shared>,
    stream: TcpStream,
    peer: SocketAddr,
    handler: Arc<H>,
) -> Result<()>
where
    H: Fn(Player) -> F + Send + Sync + 'static,
    F: Future<Output = ()> + Send + 'static,
{
    let limit = shared.config.phase_timeout;
    let mut stream = stream;
    let peer = match &shared.config.proxy_protocol {
        Some(trusted) => crate::proxy_protocol::read_header(&mut stream, trusted, limit).await?,
        None => peer,
    };
    let mut first = [0u8; 1];
    let n = timeout(limit, stream.peek(&mut first))
        .await
        .map_err(|_| ConnectionError::Timeout(Phase::Handshake))??;
    if n == 0 {
        return Err(ConnectionError::Closed);
    }
    if first[0] == 0xFE {
        return status::legacy_ping(&shared, stream).await;
    }
    // Handshaking is the same in every version: any registry reads it.
    let base = shared
        .config
        .registries
        .first()
        .cloned()
        .map_or_else(|| registry(version::V1_8).cloned(), Ok)?;
    let forwarding = shared.config.forwarding.is_enabled();
    let base = if forwarding {
        crate::forwarding::forwarding_registry(&base)?
    } else {
        base
    };
    let mut conn = AsyncConnection::from_tcp(stream, base, Side::Server)?;
    conn.reader.set_limits(shared.config.limits);
    let (protocol, address, next_state) = timeout(limit, async {
        Ok::<_, ConnectionError>(if forwarding {
            let hs: ForwardedHandshake = conn.reader.read_packet().await?;
            (hs.protocol_version, hs.server_address, hs.next_state)
        } else {
            let hs: Handshake = conn.reader.read_packet().await?;
            (
                hs.protocol_version,
                hs.server_address.to_string(),
                hs.next_state,
            )
        })
    })
    .await
    .map_err(|_| ConnectionError::Timeout(Phase::Handshake))??;
    let version = ProtocolVersion(protocol);
    match next_state {
        NextState::Status => status::status(&shared, conn, version).await,
        NextState::Login => {
            let forwarded = match shared.config.forwarding.check(peer.ip(), &address) {
                Ok(f) => f,
                Err(refusal) => {
                    tracing::warn!(%peer, "refused: {refusal}");
                    conn.set_state(mcproto_core::State::Login);
                    conn.writer
                        .send(&LoginDisconnect {
                            reason: mcproto_core::Chat::text(&refusal.to_string()),
                        })
                        .await?;
                    return Ok(());
                }
            };
            let Some(player) = login::login(&shared, conn, version, peer, forwarded).await? else {
                return Ok(());
            };
            let name = player.name.clone();
            tracing::info!(%peer, name, "joined");
            handler(player).await;
            tracing::info!(%peer, name, "left");
            Ok(())
        }
    }
}
