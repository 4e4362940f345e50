//! A client: status queries with latency, and play sessions that keep
//! themselves alive.
//!
//! ```no_run
//! # async fn example() -> mcproto::Result<()> {
//! use mcproto::client::ClientBuilder;
//! use mcproto::packets::play::clientbound::ChatMessage;
//!
//! let builder = ClientBuilder::new("localhost:25565").username("bot");
//! let report = builder.status(true).await?;
//! println!("{} players, {:?}", report.status.players.online, report.latency);
//!
//! let mut client = builder
//!     .on(|chat: &ChatMessage| println!("chat: {}", chat.json_data.to_plain()))
//!     .connect()
//!     .await?;
//! client.send(mcproto::packets::play::serverbound::ChatMessage { message: "hi".into() })?;
//! while let Some(packet) = client.next().await {
//!     println!("{}", packet?.name());
//! }
//! # Ok(())
//! # }
//! ```
//!
//! The session answers Keep Alive itself, follows Set Compression, turns
//! encryption on when the server asks for it, and ends with
//! [`ErrorKind::Disconnected`] when the server disconnects it. Packets go
//! to typed handlers ([`ClientBuilder::on`], [`Client::on`]) and to an
//! async stream ([`Client::next`], or `futures::Stream`).

use std::any::TypeId;
use std::collections::HashMap;
use std::pin::Pin;
use std::sync::{Arc, Mutex as StdMutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use mcproto_core::codec::DecodeLimits;
use mcproto_core::conn::{ConnReader, ConnWriter, Connection};
use mcproto_core::frame::FrameLimits;
use mcproto_core::version::{SUPPORTED_VERSIONS, negotiate};
use mcproto_core::{
    AnyPacket, DynPacket, Error, ErrorKind, ProtocolVersion, Registry, Result, ServerStatus, State,
    Uuid,
};
use mcproto_packets::handshaking::serverbound::{Handshake, NextState};
use mcproto_packets::login::clientbound::{
    Disconnect as LoginDisconnect, EncryptionRequest, LoginSuccess,
    SetCompression as LoginSetCompression,
};
use mcproto_packets::login::serverbound::LoginStart;
use mcproto_packets::play::clientbound::{Disconnect, KeepAlive, SetCompression};
use mcproto_packets::play::serverbound::KeepAlive as KeepAliveResponse;
use mcproto_packets::registry;
use mcproto_packets::status::clientbound::{Pong, StatusResponse};
use mcproto_packets::status::serverbound::{Ping, StatusRequest};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::{Mutex, mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio::time::timeout;

/// Credentials for online-mode servers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthToken {
    /// The access token from authentication.
    pub access_token: String,
    /// The selected profile's UUID.
    pub profile: Uuid,
}

type Handler = Arc<dyn Fn(&AnyPacket) + Send + Sync>;
type ErrorHandler = Arc<dyn Fn(&Error) + Send + Sync>;

/// What a status query learned.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusReport {
    /// The parsed status.
    pub status: ServerStatus,
    /// The JSON exactly as the server sent it.
    pub json: String,
    /// Ping round trip, when it was measured.
    pub latency: Option<Duration>,
}

/// Configures and opens connections to one server.
#[derive(Clone)]
pub struct ClientBuilder {
    host: String,
    port: u16,
    username: String,
    auth: Option<AuthToken>,
    session_server: String,
    initial_version: Option<ProtocolVersion>,
    allowed_versions: Vec<ProtocolVersion>,
    connect_timeout: Duration,
    read_timeout: Duration,
    registry: Option<Registry>,
    handlers: Vec<(TypeId, Handler)>,
    on_error: Option<ErrorHandler>,
    stream: bool,
    frame_limits: FrameLimits,
    decode_limits: DecodeLimits,
    strict: bool,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("allowed_versions", &self.allowed_versions)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// A client for `address` (`host` or `host:port`; the port defaults to 25565).
    pub fn new(address: &str) -> Self {
        let (host, port) = split_address(address);
        ClientBuilder {
            host,
            port,
            username: "Player".into(),
            auth: None,
            session_server: "https://sessionserver.mojang.com".into(),
            initial_version: None,
            allowed_versions: SUPPORTED_VERSIONS.to_vec(),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            registry: None,
            handlers: Vec::new(),
            on_error: None,
            stream: true,
            frame_limits: FrameLimits::default(),
            decode_limits: DecodeLimits::default(),
            strict: true,
        }
    }

    /// The port.
    #[must_use]
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The player name (offline mode).
    #[must_use]
    pub fn username(mut self, name: impl Into<String>) -> Self {
        self.username = name.into();
        self
    }

    /// Logs in online: the client joins through the session server.
    #[must_use]
    pub fn auth_token(mut self, token: AuthToken) -> Self {
        self.auth = Some(token);
        self
    }

    /// Base URL of the session server (tests point it at a local fake;
    /// this build speaks plain `http://` only).
    #[must_use]
    pub fn session_server(mut self, url: impl Into<String>) -> Self {
        self.session_server = url.into();
        self
    }

    /// The version to use when the server's cannot be learned from a status ping.
    #[must_use]
    pub fn initial_version(mut self, version: ProtocolVersion) -> Self {
        self.initial_version = Some(version);
        self
    }

    /// The versions the client may use; the server's is picked from them.
    #[must_use]
    pub fn allowed_versions(mut self, versions: impl IntoIterator<Item = ProtocolVersion>) -> Self {
        self.allowed_versions = versions.into_iter().collect();
        self
    }

    /// How long to wait for the TCP connection.
    #[must_use]
    pub fn connect_timeout(mut self, t: Duration) -> Self {
        self.connect_timeout = t;
        self
    }

    /// A connection that receives nothing for this long is dropped (default 30 s).
    #[must_use]
    pub fn read_timeout(mut self, t: Duration) -> Self {
        self.read_timeout = t;
        self
    }

    /// Uses `registry` (and its version) instead of the standard ones: for
    /// forked protocols.
    #[must_use]
    pub fn registry(mut self, registry: Registry) -> Self {
        self.registry = Some(registry);
        self
    }

    /// Calls `f` for every received packet of type `P`.
    #[must_use]
    pub fn on<P: 'static, F: Fn(&P) + Send + Sync + 'static>(mut self, f: F) -> Self {
        self.handlers.push(typed_handler(f));
        self
    }

    /// Calls `f` with the error that ends a session.
    #[must_use]
    pub fn on_error<F: Fn(&Error) + Send + Sync + 'static>(mut self, f: F) -> Self {
        self.on_error = Some(Arc::new(f));
        self
    }

    /// With `false`, packets go only to handlers, not to [`Client::next`]
    /// (which must otherwise be drained, or the session stalls).
    #[must_use]
    pub fn packet_stream(mut self, enabled: bool) -> Self {
        self.stream = enabled;
        self
    }

    /// Frame limits for what the server sends (vanilla's by default).
    #[must_use]
    pub fn frame_limits(mut self, limits: FrameLimits) -> Self {
        self.frame_limits = limits;
        self
    }

    /// Limits on nested data (NBT depth and size) in what the server sends.
    #[must_use]
    pub fn decode_limits(mut self, limits: DecodeLimits) -> Self {
        self.decode_limits = limits;
        self
    }

    /// With `false`, bytes after a packet are ignored instead of being an
    /// error (for lenient proxies).
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    fn address(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    async fn open(&self, registry: Registry) -> Result<Connection<OwnedReadHalf, OwnedWriteHalf>> {
        let mut conn = Connection::connect(&self.address(), self.connect_timeout, registry).await?;
        conn.reader.set_frame_limits(self.frame_limits);
        conn.reader.set_decode_limits(self.decode_limits);
        conn.reader.set_strict(self.strict);
        Ok(conn)
    }

    /// Queries the server's status; with `ping`, also measures the round trip.
    pub async fn status(&self, ping: bool) -> Result<StatusReport> {
        let version = self
            .allowed_versions
            .last()
            .copied()
            .unwrap_or(ProtocolVersion::V47);
        let base = registry(ProtocolVersion::V47)?.clone();
        let mut conn = self.open(base).await?;
        let io = async {
            conn.writer
                .send_async(&Handshake {
                    protocol_version: version.0,
                    server_address: self.host.as_str().into(),
                    server_port: self.port,
                    next_state: NextState::Status,
                })
                .await?;
            conn.set_state(State::Status);
            conn.writer.send_async(&StatusRequest).await?;
            let response: StatusResponse = conn.reader.read_async().await?;
            let status = response.status()?;
            let latency = if ping {
                let payload = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_millis() as i64);
                let sent = Instant::now();
                conn.writer.send_async(&Ping { payload }).await?;
                let pong: Pong = conn.reader.read_async().await?;
                if pong.payload != payload {
                    return Err(Error::new(ErrorKind::Protocol(
                        "Pong does not echo the Ping",
                    )));
                }
                Some(sent.elapsed())
            } else {
                None
            };
            Ok(StatusReport {
                status,
                json: response.json.to_string(),
                latency,
            })
        };
        timeout(self.read_timeout, io)
            .await
            .map_err(|_| Error::new(ErrorKind::Timeout("querying the status")))?
    }

    async fn pick_version(&self) -> Result<ProtocolVersion> {
        if let Some(r) = &self.registry {
            return Ok(r.version());
        }
        if let [only] = self.allowed_versions.as_slice() {
            return Ok(*only);
        }
        match self.status(false).await {
            Ok(report) => negotiate(
                ProtocolVersion(report.status.version.protocol),
                &self.allowed_versions,
            )
            .map_err(|e| {
                tracing::warn!("{e}");
                Error::new(ErrorKind::Protocol(
                    "no protocol version in common with the server",
                ))
            }),
            Err(e) => self.initial_version.ok_or(e),
        }
    }

    /// Connects, logs in, and returns the play session.
    pub async fn connect(self) -> Result<Client> {
        let version = self.pick_version().await?;
        let reg = match &self.registry {
            Some(r) => r.clone(),
            None => registry(version)?.clone(),
        };
        let mut conn = self.open(reg).await?;
        let login = async {
            conn.writer
                .send_async(&Handshake {
                    protocol_version: version.0,
                    server_address: self.host.as_str().into(),
                    server_port: self.port,
                    next_state: NextState::Login,
                })
                .await?;
            conn.set_state(State::Login);
            conn.writer
                .send_async(&LoginStart {
                    name: self.username.as_str().into(),
                })
                .await?;
            // Through the registry rather than the generated enum, so a
            // forked protocol version works too.
            loop {
                let packet = conn.reader.read_any_async().await?;
                let packet = match packet.downcast::<LoginSuccess>() {
                    Ok(ok) => {
                        conn.set_state(State::Play);
                        return Ok(ok);
                    }
                    Err(p) => p,
                };
                let packet = match packet.downcast::<EncryptionRequest>() {
                    Ok(req) => {
                        self.encrypt(&mut conn, &req).await?;
                        continue;
                    }
                    Err(p) => p,
                };
                if let Some(c) = packet.downcast_ref::<LoginSetCompression>() {
                    conn.set_compression(usize::try_from(c.threshold).ok());
                } else if let Some(d) = packet.downcast_ref::<LoginDisconnect>() {
                    return Err(Error::new(ErrorKind::Disconnected {
                        reason: d.reason.clone(),
                    }));
                } else {
                    return Err(
                        Error::new(ErrorKind::Protocol("unexpected packet during login"))
                            .in_packet(packet.name()),
                    );
                }
            }
        };
        let success = timeout(self.read_timeout, login)
            .await
            .map_err(|_| Error::new(ErrorKind::Timeout("logging in")))??;
        let uuid = success
            .uuid()
            .unwrap_or_else(|| mcproto_core::types::offline_uuid(&success.username));
        Ok(Client::start(
            conn,
            self,
            success.username.to_string(),
            uuid,
            version,
        ))
    }

    #[cfg(feature = "encryption")]
    async fn encrypt(
        &self,
        conn: &mut Connection<OwnedReadHalf, OwnedWriteHalf>,
        req: &EncryptionRequest,
    ) -> Result<()> {
        use mcproto_core::crypto;
        use mcproto_packets::login::serverbound::EncryptionResponse;
        let secret = crypto::random_secret();
        if let Some(auth) = &self.auth {
            let hash = crypto::server_hash(&req.server_id, &secret, &req.public_key);
            session_join(&self.session_server, auth, &hash).await?;
        }
        let response = EncryptionResponse {
            shared_secret: crypto::encrypt_for_server(&req.public_key, &secret)?.into(),
            verify_token: crypto::encrypt_for_server(&req.public_key, &req.verify_token)?.into(),
        };
        conn.writer.send_async(&response).await?;
        conn.enable_encryption(&secret);
        Ok(())
    }

    #[cfg(not(feature = "encryption"))]
    async fn encrypt(
        &self,
        _: &mut Connection<OwnedReadHalf, OwnedWriteHalf>,
        _: &EncryptionRequest,
    ) -> Result<()> {
        Err(Error::new(ErrorKind::Crypto(
            "the server wants encryption; build with the `encryption` feature",
        )))
    }
}

fn split_address(address: &str) -> (String, u16) {
    match address.rsplit_once(':') {
        Some((h, p)) if !h.is_empty() && !h.ends_with(':') => match p.parse() {
            Ok(port) => (h.trim_matches(['[', ']']).to_owned(), port),
            Err(_) => (address.to_owned(), 25565),
        },
        _ => (address.to_owned(), 25565),
    }
}

fn typed_handler<P: 'static, F: Fn(&P) + Send + Sync + 'static>(f: F) -> (TypeId, Handler) {
    (
        TypeId::of::<P>(),
        Arc::new(move |p: &AnyPacket| {
            if let Some(p) = p.downcast_ref::<P>() {
                f(p)
            }
        }),
    )
}

/// Tells the session server the client joins (online mode), over plain HTTP.
#[cfg(feature = "encryption")]
async fn session_join(base: &str, auth: &AuthToken, server_hash: &str) -> Result<()> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let Some(rest) = base.strip_prefix("http://") else {
        return Err(Error::new(ErrorKind::Crypto(
            "only http:// session servers are supported in this build",
        )));
    };
    let (authority, prefix) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
    let body = format!(
        r#"{{"accessToken":"{}","selectedProfile":"{}","serverId":"{}"}}"#,
        auth.access_token.replace(['"', '\\'], ""),
        auth.profile.simple(),
        server_hash
    );
    let request = format!(
        "POST /{}session/minecraft/join HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        if prefix.is_empty() {
            String::new()
        } else {
            format!("{}/", prefix.trim_end_matches('/'))
        },
        body.len()
    );
    let mut stream = timeout(
        Duration::from_secs(10),
        tokio::net::TcpStream::connect(authority),
    )
    .await
    .map_err(|_| Error::new(ErrorKind::Timeout("connecting to the session server")))??;
    stream.write_all(request.as_bytes()).await?;
    let mut head = vec![0u8; 64];
    let n = stream.read(&mut head).await?;
    let line = String::from_utf8_lossy(&head[..n]);
    let code = line.split_whitespace().nth(1).unwrap_or("");
    if code == "204" || code == "200" {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::Crypto(
            "the session server refused the join",
        )))
    }
}

enum Outgoing {
    Packet(AnyPacket),
}

type Handlers = Arc<StdMutex<HashMap<TypeId, Vec<Handler>>>>;

/// A play session. Drop it or call [`Client::close`] to leave.
pub struct Client {
    username: String,
    uuid: Uuid,
    version: ProtocolVersion,
    events: mpsc::Receiver<Result<AnyPacket>>,
    outgoing: Option<mpsc::UnboundedSender<Outgoing>>,
    writer: Arc<Mutex<ConnWriter<OwnedWriteHalf>>>,
    handlers: Handlers,
    reader_task: JoinHandle<()>,
    writer_task: Option<JoinHandle<Result<()>>>,
    closed: Option<oneshot::Receiver<()>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("username", &self.username)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

impl Client {
    fn start(
        conn: Connection<OwnedReadHalf, OwnedWriteHalf>,
        cfg: ClientBuilder,
        username: String,
        uuid: Uuid,
        version: ProtocolVersion,
    ) -> Client {
        let (reader, writer) = conn.split();
        let writer = Arc::new(Mutex::new(writer));
        let mut map: HashMap<TypeId, Vec<Handler>> = HashMap::new();
        for (t, h) in cfg.handlers {
            map.entry(t).or_default().push(h);
        }
        let handlers: Handlers = Arc::new(StdMutex::new(map));
        let (events_tx, events) = mpsc::channel(1024);
        let (out_tx, out_rx) = mpsc::unbounded_channel();
        let (closed_tx, closed) = oneshot::channel();
        let reader_task = tokio::spawn(read_loop(
            reader,
            writer.clone(),
            handlers.clone(),
            cfg.stream.then_some(events_tx),
            cfg.on_error,
            cfg.read_timeout,
            closed_tx,
        ));
        let writer_task = tokio::spawn(write_loop(writer.clone(), out_rx));
        Client {
            username,
            uuid,
            version,
            events,
            outgoing: Some(out_tx),
            writer,
            handlers,
            reader_task,
            writer_task: Some(writer_task),
            closed: Some(closed),
        }
    }

    /// The name the server accepted.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// The player's UUID as the server sent it.
    pub fn uuid(&self) -> Uuid {
        self.uuid
    }

    /// The protocol version in use.
    pub fn version(&self) -> ProtocolVersion {
        self.version
    }

    /// The next received packet; an `Err` (e.g. [`ErrorKind::Disconnected`])
    /// ends the session, after which `None` is returned.
    pub async fn next(&mut self) -> Option<Result<AnyPacket>> {
        self.events.recv().await
    }

    /// Calls `f` for every received packet of type `P` from now on.
    pub fn on<P: 'static, F: Fn(&P) + Send + Sync + 'static>(&self, f: F) {
        let (t, h) = typed_handler(f);
        if let Ok(mut map) = self.handlers.lock() {
            map.entry(t).or_default().push(h);
        }
    }

    /// Queues a packet; it is written as soon as possible, in order.
    pub fn send<P: DynPacket>(&self, packet: P) -> Result<()> {
        match &self.outgoing {
            Some(tx) => tx
                .send(Outgoing::Packet(AnyPacket::new(packet)))
                .map_err(|_| Error::new(ErrorKind::ConnectionClosed)),
            None => Err(Error::new(ErrorKind::ConnectionClosed)),
        }
    }

    /// Writes a packet now and flushes, ahead of anything still queued.
    pub async fn send_now<P: DynPacket>(&self, packet: P) -> Result<()> {
        self.writer.lock().await.send_async(&packet).await
    }

    /// Resolves when the session ends (the server closed it or an error occurred).
    pub async fn closed(&mut self) {
        if let Some(rx) = self.closed.take() {
            let _ = rx.await;
        }
    }

    /// Writes everything queued, then closes the connection.
    pub async fn close(mut self) -> Result<()> {
        use tokio::io::AsyncWriteExt;
        self.outgoing = None;
        let result = match self.writer_task.take() {
            Some(task) => task.await.unwrap_or(Ok(())),
            None => Ok(()),
        };
        self.reader_task.abort();
        let mut w = self.writer.lock().await;
        let _ = w.flush_async().await;
        let _ = w.stream_mut().shutdown().await;
        result
    }
}

impl futures_core::Stream for Client {
    type Item = Result<AnyPacket>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.events.poll_recv(cx)
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        self.reader_task.abort();
    }
}

async fn write_loop(
    writer: Arc<Mutex<ConnWriter<OwnedWriteHalf>>>,
    mut rx: mpsc::UnboundedReceiver<Outgoing>,
) -> Result<()> {
    while let Some(Outgoing::Packet(first)) = rx.recv().await {
        let mut w = writer.lock().await;
        w.queue(first.as_dyn())?;
        // Batch everything else already queued into one write.
        while let Ok(Outgoing::Packet(p)) = rx.try_recv() {
            w.queue(p.as_dyn())?;
        }
        w.flush_async().await?;
    }
    Ok(())
}

async fn read_loop(
    mut reader: ConnReader<OwnedReadHalf>,
    writer: Arc<Mutex<ConnWriter<OwnedWriteHalf>>>,
    handlers: Handlers,
    events: Option<mpsc::Sender<Result<AnyPacket>>>,
    on_error: Option<ErrorHandler>,
    read_timeout: Duration,
    closed: oneshot::Sender<()>,
) {
    let result: Result<()> = async {
        loop {
            let packet = timeout(read_timeout, reader.read_any_async())
                .await
                .map_err(|_| Error::new(ErrorKind::Timeout("waiting for the server")))??;
            if let Some(ka) = packet.downcast_ref::<KeepAlive>() {
                let answer = KeepAliveResponse {
                    keep_alive_id: ka.keep_alive_id,
                };
                writer.lock().await.send_async(&answer).await?;
            } else if let Some(c) = packet.downcast_ref::<SetCompression>() {
                let t = usize::try_from(c.threshold).ok();
                reader.framing_mut().set_compression(t);
                writer.lock().await.framing_mut().set_compression(t);
            }
            let list: Vec<Handler> = handlers
                .lock()
                .map(|m| m.get(&packet_type(&packet)).cloned().unwrap_or_default())
                .unwrap_or_default();
            for h in &list {
                h(&packet);
            }
            if let Some(d) = packet.downcast_ref::<Disconnect>() {
                return Err(Error::new(ErrorKind::Disconnected {
                    reason: d.reason.clone(),
                }));
            }
            if let Some(tx) = &events
                && tx.send(Ok(packet)).await.is_err()
            {
                // Nobody listens any more; keep the session alive for handlers.
            }
        }
    }
    .await;
    if let Err(e) = result {
        if let Some(h) = &on_error {
            h(&e);
        }
        if let Some(tx) = &events {
            let _ = tx.send(Err(e)).await;
        }
    }
    let _ = closed.send(());
}

fn packet_type(p: &AnyPacket) -> TypeId {
    p.as_dyn().as_any().type_id()
}

#[cfg(test)]
mod tests {
    use super::split_address;

    #[test]
    fn addresses() {
        assert_eq!(split_address("example.com"), ("example.com".into(), 25565));
        assert_eq!(
            split_address("example.com:1234"),
            ("example.com".into(), 1234)
        );
        assert_eq!(split_address("127.0.0.1:5"), ("127.0.0.1".into(), 5));
        assert_eq!(split_address("[::1]:7"), ("::1".into(), 7));
    }
}
