//! An embeddable server: it accepts connections, answers the status ping
//! (and the pre-Netty legacy ping), logs players in (offline mode, optional
//! compression and encryption), keeps them alive, and hands each player in
//! the play state to your code.
//!
//! ```no_run
//! # async fn example() -> mcproto::Result<()> {
//! use mcproto::server::{Server, ServerConfig};
//! let server = Server::bind(ServerConfig::default()).await?;
//! server
//!     .run(|mut player| async move {
//!         while let Some(Ok(packet)) = player.next().await {
//!             println!("{} sent {}", player.name(), packet.name());
//!         }
//!     })
//!     .await
//! # }
//! ```
//!
//! Every connection runs in its own task with read timeouts for each
//! phase, so a client that sends nothing, trickles bytes, or sends garbage
//! is disconnected without affecting the others.

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod lobby;

pub use lobby::lobby;

use mcproto_core::codec::DecodeLimits;
use mcproto_core::conn::{ConnReader, ConnWriter, Connection, Side};
use mcproto_core::frame::FrameLimits;
use mcproto_core::{
    AnyPacket, Chat, DynPacket, Error, ErrorKind, ProtocolVersion, Registry, Result, ServerStatus,
    State, Uuid,
};
use mcproto_packets::handshaking::serverbound::{Handshake, NextState};
use mcproto_packets::login::clientbound::{
    Disconnect as LoginDisconnect, LoginSuccess, SetCompression,
};
use mcproto_packets::login::serverbound::LoginStart;
use mcproto_packets::play::clientbound::{Disconnect as PlayDisconnect, KeepAlive};
use mcproto_packets::play::serverbound::KeepAlive as KeepAliveResponse;
use mcproto_packets::status::clientbound::{Pong, StatusResponse};
use mcproto_packets::{StatusServerbound, registry};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch};
use tokio::time::timeout;

/// What a [`Server`] does; [`ServerConfig::default`] gives vanilla-like values.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Address to listen on.
    pub bind: String,
    /// The message of the day, as plain text.
    pub motd: String,
    /// Player slots reported in the status and enforced at login.
    pub max_players: usize,
    /// Compression threshold sent in Set Compression; `None` turns compression off.
    pub compression_threshold: Option<usize>,
    /// Whether logins are encrypted (offline-mode encryption: no session server).
    pub encryption: bool,
    /// Protocol versions accepted at login.
    pub versions: Vec<ProtocolVersion>,
    /// Registries to use instead of the standard ones (for forked protocols).
    pub registries: Vec<Registry>,
    /// How often a Keep Alive is sent.
    pub keepalive_interval: Duration,
    /// A player whose answer to Keep Alive is this late is disconnected, and
    /// so is one that reads nothing for this long while packets wait.
    pub keepalive_timeout: Duration,
    /// Read timeout of each phase before play (handshake, status, login).
    pub phase_timeout: Duration,
    /// Packets queued for one player before it is dropped as too slow.
    pub send_queue: usize,
    /// Favicon data URI (`data:image/png;base64,...`).
    pub favicon: Option<String>,
    /// Frame limits for every connection: frame length and declared
    /// uncompressed size (vanilla: 2097151 bytes and 8 MiB).
    pub frame_limits: FrameLimits,
    /// Limits on nested data in packets: NBT depth and size (vanilla: 512
    /// levels, 2 MiB).
    pub decode_limits: DecodeLimits,
    /// Whether bytes after a packet are an error (the default) or ignored.
    pub strict: bool,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            bind: "127.0.0.1:25565".into(),
            motd: "An mcproto server".into(),
            max_players: 20,
            compression_threshold: Some(256),
            encryption: false,
            versions: vec![ProtocolVersion::V47, ProtocolVersion::V54],
            registries: Vec::new(),
            keepalive_interval: Duration::from_secs(5),
            keepalive_timeout: Duration::from_secs(30),
            phase_timeout: Duration::from_secs(10),
            send_queue: 4096,
            favicon: None,
            frame_limits: FrameLimits::default(),
            decode_limits: DecodeLimits::default(),
            strict: true,
        }
    }
}

enum Outgoing {
    Packet(AnyPacket),
    Close(Option<Chat>),
}

/// Queues packets for one player; cheap to clone.
#[derive(Clone)]
pub struct PacketSender {
    tx: mpsc::Sender<Outgoing>,
}

impl std::fmt::Debug for PacketSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PacketSender")
            .field("closed", &self.tx.is_closed())
            .finish()
    }
}

impl PacketSender {
    /// Queues a packet; it is written as soon as possible. Fails when the
    /// connection is closed or the player's queue is full (the player is
    /// then disconnected as too slow).
    pub fn send<P: DynPacket>(&self, packet: P) -> Result<()> {
        self.send_any(AnyPacket::new(packet))
    }

    /// Queues a packet of any type.
    pub fn send_any(&self, packet: AnyPacket) -> Result<()> {
        match self.tx.try_send(Outgoing::Packet(packet)) {
            Ok(()) => Ok(()),
            Err(mpsc::error::TrySendError::Closed(_)) => {
                Err(Error::new(ErrorKind::ConnectionClosed))
            }
            Err(mpsc::error::TrySendError::Full(_)) => {
                self.close(Some("Too slow: the server's send queue for you is full"));
                Err(Error::new(ErrorKind::Protocol("send queue full")))
            }
        }
    }

    /// Sends what is queued, then a Disconnect with `reason` (if any), and closes.
    pub fn close(&self, reason: Option<&str>) {
        // A full queue cannot take the close message; dropping every sender
        // ends the writer anyway.
        let _ = self.tx.try_send(Outgoing::Close(reason.map(Chat::text)));
    }

    /// Whether the connection is gone.
    pub fn is_closed(&self) -> bool {
        self.tx.is_closed()
    }
}

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

    fn status(&self, client_version: ProtocolVersion) -> ServerStatus {
        let players = self.players_lock();
        let shown = if self.config.versions.contains(&client_version) {
            client_version
        } else {
            self.config
                .versions
                .first()
                .copied()
                .unwrap_or(ProtocolVersion::V47)
        };
        ServerStatus {
            version: mcproto_core::StatusVersion {
                name: shown
                    .names()
                    .last()
                    .copied()
                    .unwrap_or("mcproto")
                    .to_owned(),
                protocol: shown.0,
            },
            players: mcproto_core::StatusPlayers {
                max: i32::try_from(self.config.max_players).unwrap_or(i32::MAX),
                online: i32::try_from(players.len()).unwrap_or(i32::MAX),
                sample: players
                    .values()
                    .take(12)
                    .map(|p| mcproto_core::StatusPlayer {
                        name: p.name.clone(),
                        id: p.uuid.to_string(),
                    })
                    .collect(),
            },
            description: mcproto_core::TextComponent::text(self.config.motd.clone()),
            favicon: self.config.favicon.clone(),
        }
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

    /// Queues `packet` for every player; returns how many got it.
    pub fn broadcast<P: DynPacket + Clone>(&self, packet: P) -> usize {
        let senders: Vec<PacketSender> = self
            .0
            .players_lock()
            .values()
            .map(|p| p.sender.clone())
            .collect();
        senders
            .iter()
            .filter(|s| s.send(packet.clone()).is_ok())
            .count()
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

/// A player in the play state.
pub struct Player {
    id: u64,
    name: String,
    uuid: Uuid,
    version: ProtocolVersion,
    incoming: mpsc::Receiver<Result<AnyPacket>>,
    sender: PacketSender,
    keepalive: Arc<KeepAliveState>,
    server: ServerHandle,
}

impl std::fmt::Debug for Player {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Player")
            .field("name", &self.name)
            .field("uuid", &self.uuid)
            .field("version", &self.version)
            .finish()
    }
}

impl Player {
    /// A number unique to this connection on this server, counting from 1.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The name the player logged in with.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The player's UUID (offline mode: version 3 of `"OfflinePlayer:<name>"`).
    pub fn uuid(&self) -> Uuid {
        self.uuid
    }

    /// The protocol version the player speaks.
    pub fn version(&self) -> ProtocolVersion {
        self.version
    }

    /// Round trip of the last Keep Alive the player answered (what vanilla
    /// shows as ping); `None` before the first answer.
    pub fn latency(&self) -> Option<Duration> {
        self.keepalive.latency()
    }

    /// The next packet from the player (Keep Alive answers are handled
    /// already); `None` once the connection is closed.
    pub async fn next(&mut self) -> Option<Result<AnyPacket>> {
        self.incoming.recv().await
    }

    /// Queues a packet for the player.
    pub fn send<P: DynPacket>(&self, packet: P) -> Result<()> {
        self.sender.send(packet)
    }

    /// A cloneable sender for this player.
    pub fn sender(&self) -> PacketSender {
        self.sender.clone()
    }

    /// The server.
    pub fn server(&self) -> &ServerHandle {
        &self.server
    }

    /// Disconnects the player with `reason` after what is already queued.
    pub fn disconnect(&self, reason: &str) {
        self.sender.close(Some(reason));
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
        let listener = TcpListener::bind(&config.bind).await?;
        let local_addr = listener.local_addr()?;
        #[cfg(feature = "encryption")]
        let key = if config.encryption {
            Some(
                tokio::task::spawn_blocking(mcproto_core::crypto::ServerKey::generate)
                    .await
                    .map_err(|_| Error::new(ErrorKind::Crypto("key generation task failed")))??,
            )
        } else {
            None
        };
        #[cfg(not(feature = "encryption"))]
        if config.encryption {
            return Err(Error::new(ErrorKind::Crypto(
                "built without the `encryption` feature",
            )));
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
        let mut stop = self.shared.shutdown.subscribe();
        let mut tasks = tokio::task::JoinSet::new();
        loop {
            tokio::select! {
                _ = stop.changed() => break,
                accepted = self.listener.accept() => {
                    let (stream, peer) = match accepted {
                        Ok(a) => a,
                        Err(e) => {
                            // Out of descriptors and similar: back off briefly.
                            tracing::warn!("accept failed: {e}");
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            continue;
                        }
                    };
                    let shared = self.shared.clone();
                    let handler = handler.clone();
                    tasks.spawn(async move {
                        if let Err(e) = serve(shared, stream, peer, handler).await {
                            if e.is_closed() {
                                tracing::debug!(%peer, "connection closed");
                            } else {
                                tracing::info!(%peer, "connection dropped: {e}");
                            }
                        }
                    });
                }
                Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
            }
        }
        drop(self.listener);
        // Players were told to leave; give their connections time to flush.
        let drain = async { while tasks.join_next().await.is_some() {} };
        if timeout(Duration::from_secs(5), drain).await.is_err() {
            tasks.abort_all();
        }
        Ok(())
    }
}

async fn phase<T>(
    limit: Duration,
    what: &'static str,
    f: impl Future<Output = Result<T>>,
) -> Result<T> {
    timeout(limit, f)
        .await
        .map_err(|_| Error::new(ErrorKind::Timeout(what)))?
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
    let mut first = [0u8; 1];
    let n = phase(limit, "waiting for the handshake", async {
        Ok(stream.peek(&mut first).await?)
    })
    .await?;
    if n == 0 {
        return Err(Error::new(ErrorKind::ConnectionClosed));
    }
    if first[0] == 0xFE {
        return legacy_ping(&shared, stream).await;
    }
    let base = shared
        .registry_for(ProtocolVersion::V47)
        .or_else(|| registry(ProtocolVersion::V47).ok().cloned())
        .ok_or_else(|| Error::new(ErrorKind::UnsupportedVersion { version: 47 }))?;
    let mut conn = Connection::from_tcp(stream, base, Side::Server)?;
    conn.reader.set_frame_limits(shared.config.frame_limits);
    conn.reader.set_decode_limits(shared.config.decode_limits);
    conn.reader.set_strict(shared.config.strict);
    let hs: Handshake = phase(limit, "reading the handshake", conn.reader.read_async()).await?;
    let version = ProtocolVersion(hs.protocol_version);
    match hs.next_state {
        NextState::Status => status(&shared, conn, version).await,
        NextState::Login => {
            let Some(player) = login(&shared, conn, version, peer).await? else {
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

async fn status(
    shared: &Shared,
    mut conn: Connection<OwnedReadHalf, OwnedWriteHalf>,
    version: ProtocolVersion,
) -> Result<()> {
    conn.set_state(State::Status);
    // Status packets are the same in every version, so any client gets an answer.
    let limit = shared.config.phase_timeout;
    // One request and one ping at most, as vanilla: a client repeating
    // requests cannot hold the connection open past two phase timeouts.
    let mut answered = false;
    loop {
        match phase(
            limit,
            "reading a status request",
            conn.reader.read_group_async::<StatusServerbound>(),
        )
        .await?
        {
            StatusServerbound::StatusRequest(_) if answered => {
                return Err(Error::new(ErrorKind::Protocol(
                    "a second status request on one connection",
                )));
            }
            StatusServerbound::StatusRequest(_) => {
                answered = true;
                let response = StatusResponse::new(&shared.status(version));
                conn.writer.send_async(&response).await?;
            }
            // Vanilla also answers a Ping that comes without a Request.
            StatusServerbound::Ping(ping) => {
                conn.writer
                    .send_async(&Pong {
                        payload: ping.payload,
                    })
                    .await?;
                return Ok(());
            }
        }
    }
}

async fn login(
    shared: &Arc<Shared>,
    mut conn: Connection<OwnedReadHalf, OwnedWriteHalf>,
    version: ProtocolVersion,
    peer: SocketAddr,
) -> Result<Option<Player>> {
    conn.set_state(State::Login);
    let limit = shared.config.phase_timeout;
    let Some(registry) = shared.registry_for(version) else {
        let accepted: Vec<String> = shared
            .config
            .versions
            .iter()
            .map(|v| v.to_string())
            .collect();
        let reason = format!(
            "Unsupported protocol {version}; this server speaks {}",
            accepted.join(", ")
        );
        conn.writer
            .send_async(&LoginDisconnect {
                reason: Chat::text(&reason),
            })
            .await?;
        return Ok(None);
    };
    conn.set_registry(registry);
    let start: LoginStart = phase(limit, "reading Login Start", conn.reader.read_async()).await?;
    let name = start.name.to_string();
    if shared.players_lock().len() >= shared.config.max_players {
        conn.writer
            .send_async(&LoginDisconnect {
                reason: Chat::text("The server is full"),
            })
            .await?;
        return Ok(None);
    }

    #[cfg(feature = "encryption")]
    if let Some(key) = &shared.key {
        use mcproto_packets::login::clientbound::EncryptionRequest;
        use mcproto_packets::login::serverbound::EncryptionResponse;
        let token = mcproto_core::crypto::random_secret()[..4].to_vec();
        let request = EncryptionRequest {
            server_id: "".into(),
            public_key: key.public_der().to_vec().into(),
            verify_token: token.clone().into(),
        };
        conn.writer.send_async(&request).await?;
        let response: EncryptionResponse = phase(
            limit,
            "reading Encryption Response",
            conn.reader.read_async(),
        )
        .await?;
        let secret = key.decrypt(&response.shared_secret)?;
        if key.decrypt(&response.verify_token)? != token {
            return Err(Error::new(ErrorKind::Crypto("verify token mismatch")));
        }
        let secret: [u8; 16] = secret
            .try_into()
            .map_err(|_| Error::new(ErrorKind::Crypto("shared secret is not 16 bytes")))?;
        conn.enable_encryption(&secret);
    }

    if let Some(threshold) = shared.config.compression_threshold {
        let t = i32::try_from(threshold).unwrap_or(i32::MAX);
        conn.writer
            .send_async(&SetCompression { threshold: t })
            .await?;
        conn.set_compression(Some(threshold));
    }
    let uuid = mcproto_core::types::offline_uuid(&name);
    conn.writer
        .send_async(&LoginSuccess {
            uuid: uuid.to_string().into(),
            username: name.clone().into(),
        })
        .await?;
    conn.set_state(State::Play);
    tracing::debug!(%peer, name, %version, "logged in");

    let (reader, writer) = conn.split();
    let (tx, rx) = mpsc::channel(shared.config.send_queue.max(16));
    let sender = PacketSender { tx };
    let (in_tx, in_rx) = mpsc::channel(256);
    let id = shared.next_id.fetch_add(1, Ordering::Relaxed);
    let keepalive = Arc::new(KeepAliveState {
        last_sent: AtomicI32::new(0),
        sent_at: Mutex::new(Instant::now()),
        last_ack: Mutex::new(Instant::now()),
        rtt_micros: AtomicU64::new(NO_RTT),
    });
    shared.players_lock().insert(
        id,
        PlayerEntry {
            name: name.clone(),
            uuid,
            sender: sender.clone(),
            keepalive: keepalive.clone(),
        },
    );
    let shared2 = shared.clone();
    let stall = shared.config.keepalive_timeout;
    let writer_task = tokio::spawn(async move {
        let result = write_loop(writer, rx, stall).await;
        if let Err(e) = &result {
            tracing::info!(%peer, "dropping a player: {e}");
        }
        shared2.players_lock().remove(&id);
        result
    });
    let reader_task = tokio::spawn(read_loop(reader, in_tx, keepalive.clone(), sender.clone()));
    tokio::spawn(keepalive_loop(
        keepalive.clone(),
        sender.clone(),
        shared.config.keepalive_interval,
        shared.config.keepalive_timeout,
    ));
    // When the writer ends, the reader has nothing to serve.
    tokio::spawn(async move {
        let _ = writer_task.await;
        reader_task.abort();
    });
    Ok(Some(Player {
        id,
        name,
        uuid,
        version,
        incoming: in_rx,
        sender,
        keepalive,
        server: ServerHandle(shared.clone()),
    }))
}

struct KeepAliveState {
    last_sent: AtomicI32,
    sent_at: Mutex<Instant>,
    last_ack: Mutex<Instant>,
    // Round trip of the last answered Keep Alive, in microseconds.
    rtt_micros: AtomicU64,
}

const NO_RTT: u64 = u64::MAX;

impl KeepAliveState {
    fn latency(&self) -> Option<Duration> {
        match self.rtt_micros.load(Ordering::Relaxed) {
            NO_RTT => None,
            us => Some(Duration::from_micros(us)),
        }
    }
}

async fn keepalive_loop(
    state: Arc<KeepAliveState>,
    sender: PacketSender,
    every: Duration,
    limit: Duration,
) {
    let mut ticker = tokio::time::interval(every);
    ticker.tick().await;
    let mut next_id: i32 = 1;
    loop {
        ticker.tick().await;
        if sender.is_closed() {
            return;
        }
        let since = state
            .last_ack
            .lock()
            .map(|t| t.elapsed())
            .unwrap_or_default();
        if since > limit {
            tracing::info!("keep-alive timed out after {since:?}");
            sender.close(Some("Timed out"));
            return;
        }
        if let Ok(mut t) = state.sent_at.lock() {
            *t = Instant::now();
        }
        state.last_sent.store(next_id, Ordering::Relaxed);
        if sender
            .send(KeepAlive {
                keep_alive_id: next_id,
            })
            .is_err()
        {
            return;
        }
        next_id = next_id.wrapping_add(1).max(1);
    }
}

async fn read_loop(
    mut reader: ConnReader<OwnedReadHalf>,
    incoming: mpsc::Sender<Result<AnyPacket>>,
    keepalive: Arc<KeepAliveState>,
    sender: PacketSender,
) {
    loop {
        match reader.read_any_async().await {
            Ok(packet) => {
                if let Some(ka) = packet.downcast_ref::<KeepAliveResponse>() {
                    if ka.keep_alive_id == keepalive.last_sent.load(Ordering::Relaxed)
                        && let Ok(mut t) = keepalive.last_ack.lock()
                    {
                        let now = Instant::now();
                        *t = now;
                        if let Ok(sent) = keepalive.sent_at.lock() {
                            let rtt = now.saturating_duration_since(*sent);
                            let us = u64::try_from(rtt.as_micros()).unwrap_or(NO_RTT - 1);
                            keepalive.rtt_micros.store(us, Ordering::Relaxed);
                        }
                    }
                    continue;
                }
                if incoming.send(Ok(packet)).await.is_err() {
                    return;
                }
            }
            Err(e) => {
                if !e.is_closed() {
                    tracing::info!("disconnecting a player after a bad packet: {e}");
                    sender.close(Some(&format!("Bad packet: {e}")));
                }
                let _ = incoming.send(Err(e)).await;
                return;
            }
        }
    }
}

/// Most bytes framed into one write before it is flushed.
const MAX_BATCH: usize = 256 * 1024;

/// Writes what is queued for a player. A write that makes no progress for
/// `stall` (a client that stopped reading) ends the connection: otherwise
/// the writer would wait forever and the player would never be dropped.
async fn write_loop(
    mut writer: ConnWriter<OwnedWriteHalf>,
    mut rx: mpsc::Receiver<Outgoing>,
    stall: Duration,
) -> Result<()> {
    use tokio::io::AsyncWriteExt;
    const STALLED: &str = "writing to a player that does not read";
    let mut closing: Option<Option<Chat>> = None;
    while closing.is_none() {
        let Some(first) = rx.recv().await else { break };
        let mut next = Some(first);
        // Batch whatever else is queued into one write, up to MAX_BATCH bytes.
        while let Some(msg) = next.take() {
            match msg {
                Outgoing::Packet(p) => writer.queue(p.as_dyn())?,
                Outgoing::Close(reason) => {
                    closing = Some(reason);
                    break;
                }
            }
            if writer.pending() < MAX_BATCH {
                next = rx.try_recv().ok();
            }
        }
        phase(stall, STALLED, writer.flush_async()).await?;
    }
    if let Some(Some(reason)) = closing {
        phase(
            stall,
            STALLED,
            writer.send_async(&PlayDisconnect { reason }),
        )
        .await?;
    }
    phase(stall, STALLED, writer.flush_async()).await?;
    let mut stream = writer.into_inner();
    let _ = timeout(stall, stream.shutdown()).await;
    Ok(())
}

/// Answers the pre-Netty server list ping as vanilla 1.8 does: a kick
/// packet (0xFF) whose UTF-16BE text carries the MOTD and player counts.
async fn legacy_ping(shared: &Shared, mut stream: TcpStream) -> Result<()> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut buf = [0u8; 256];
    let mut n = stream.read(&mut buf).await?;
    // 1.4+ clients follow 0xFE with 0x01 (and 1.6 with a plugin message);
    // give the rest a moment to arrive.
    if n == 1
        && let Ok(Ok(more)) = timeout(Duration::from_millis(100), stream.read(&mut buf[1..])).await
    {
        n += more;
    }
    let players = shared.players_lock().len();
    let max = shared.config.max_players;
    let motd: String = shared
        .config
        .motd
        .chars()
        .filter(|c| *c != '\u{a7}' && *c != '\0')
        .collect();
    let text = if n >= 2 && buf[1] == 0x01 {
        let name = shared
            .config
            .versions
            .first()
            .and_then(|v| v.names().last().copied())
            .unwrap_or("1.8.9");
        format!("\u{a7}1\0{}\0{}\0{}\0{}\0{}", 127, name, motd, players, max)
    } else {
        format!("{motd}\u{a7}{players}\u{a7}{max}")
    };
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out = Vec::with_capacity(3 + units.len() * 2);
    out.push(0xFF);
    out.extend_from_slice(&(units.len() as u16).to_be_bytes());
    for u in units {
        out.extend_from_slice(&u.to_be_bytes());
    }
    stream.write_all(&out).await?;
    stream.shutdown().await?;
    Ok(())
}
