//! Configuring a client, querying a server's status, and logging in.

use std::any::TypeId;
use std::time::{Duration, Instant};

use mcproto_core::conn::{AsyncConnection, ConnectionError, Phase, Violation};
use mcproto_core::version::negotiate;
use mcproto_core::{Limits, ProtocolVersion, Registry, ServerStatus, State, Uuid};
use mcproto_packets::LoginClientbound;
use mcproto_packets::handshaking::serverbound::{Handshake, NextState};
use mcproto_packets::login::serverbound::LoginStart;
use mcproto_packets::registry;
use mcproto_packets::status::clientbound::{Pong, StatusResponse};
use mcproto_packets::status::serverbound::{Ping, StatusRequest};
use mcproto_packets::version;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::time::timeout;

use super::{Client, Handler, typed_handler};

type Conn = AsyncConnection<OwnedReadHalf, OwnedWriteHalf>;
type Result<T> = std::result::Result<T, ConnectionError>;

/// Credentials for online-mode servers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthToken {
    /// The access token from authentication.
    pub access_token: String,
    /// The selected profile's UUID.
    pub profile: Uuid,
}

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
    pub(super) host: String,
    pub(super) port: u16,
    pub(super) username: String,
    auth: Option<AuthToken>,
    session_server: String,
    initial_version: Option<ProtocolVersion>,
    allowed_versions: Vec<ProtocolVersion>,
    connect_timeout: Duration,
    pub(super) read_timeout: Duration,
    registry: Option<Registry>,
    pub(super) handlers: Vec<(TypeId, Handler)>,
    limits: Limits,
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
            allowed_versions: version::supported().collect(),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            registry: None,
            handlers: Vec::new(),
            limits: Limits::default(),
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

    /// Limits for what the server sends (vanilla's by default).
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    fn address(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    async fn open(&self, registry: Registry) -> Result<Conn> {
        let mut conn =
            AsyncConnection::connect(&self.address(), self.connect_timeout, registry).await?;
        conn.reader.set_limits(self.limits);
        Ok(conn)
    }

    fn handshake(&self, version: ProtocolVersion, next_state: NextState) -> Handshake {
        Handshake {
            protocol_version: version.0,
            server_address: self.host.as_str().into(),
            server_port: self.port,
            next_state,
        }
    }

    /// Queries the server's status; with `ping`, also measures the round trip.
    pub async fn status(&self, ping: bool) -> Result<StatusReport> {
        let version = self
            .allowed_versions
            .last()
            .copied()
            .unwrap_or(version::V1_8);
        // Status packets are the same in every version.
        let base = match &self.registry {
            Some(r) => r.clone(),
            None => registry(version::V1_8)?.clone(),
        };
        let mut conn = self.open(base).await?;
        let io = async {
            conn.writer
                .send(&self.handshake(version, NextState::Status))
                .await?;
            conn.set_state(State::Status);
            conn.writer.send(&StatusRequest).await?;
            let response: StatusResponse = conn.reader.read_packet().await?;
            let status = response.status()?;
            let latency = if ping {
                let payload = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_millis() as i64);
                let sent = Instant::now();
                conn.writer.send(&Ping { payload }).await?;
                let pong: Pong = conn.reader.read_packet().await?;
                if pong.payload != payload {
                    return Err(ConnectionError::Protocol(Violation::PongMismatch));
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
            .map_err(|_| ConnectionError::Timeout(Phase::Status))?
    }

    async fn pick_version(&self) -> Result<ProtocolVersion> {
        if let Some(r) = &self.registry {
            return Ok(r.version());
        }
        if let [only] = self.allowed_versions.as_slice() {
            return Ok(*only);
        }
        match self.status(false).await {
            Ok(report) => Ok(negotiate(
                ProtocolVersion(report.status.version.protocol),
                &self.allowed_versions,
            )?),
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
                .send(&self.handshake(version, NextState::Login))
                .await?;
            conn.set_state(State::Login);
            conn.writer
                .send(&LoginStart {
                    name: self.username.as_str().into(),
                })
                .await?;
            loop {
                let request = match conn.reader.read::<LoginClientbound>().await? {
                    LoginClientbound::LoginSuccess(ok) => {
                        conn.set_state(State::Play);
                        return Ok(ok);
                    }
                    LoginClientbound::EncryptionRequest(req) => req,
                    LoginClientbound::SetCompression(c) => {
                        conn.set_compression(usize::try_from(c.threshold).ok());
                        continue;
                    }
                    LoginClientbound::Disconnect(d) => {
                        return Err(ConnectionError::Disconnected { reason: d.reason });
                    }
                    other => return Err(unexpected(State::Login, &other)),
                };
                self.encrypt(&mut conn, &request).await?;
            }
        };
        let success = timeout(self.read_timeout, login)
            .await
            .map_err(|_| ConnectionError::Timeout(Phase::Login))??;
        let uuid = success
            .uuid()
            .unwrap_or_else(|| mcproto_core::types::offline_uuid(&success.username));
        let name = success.username.to_string();
        Ok(Client::start(conn, self, name, uuid))
    }

    #[cfg(feature = "encryption")]
    async fn encrypt(
        &self,
        conn: &mut Conn,
        req: &mcproto_packets::login::clientbound::EncryptionRequest,
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
        conn.writer.send(&response).await?;
        conn.enable_encryption(&secret);
        Ok(())
    }

    #[cfg(not(feature = "encryption"))]
    async fn encrypt(
        &self,
        _: &mut Conn,
        _: &mcproto_packets::login::clientbound::EncryptionRequest,
    ) -> Result<()> {
        Err(mcproto_core::conn::CryptoError::Unsupported.into())
    }
}

fn unexpected(state: State, packet: &LoginClientbound<'_>) -> ConnectionError {
    let id = match packet {
        LoginClientbound::Unknown(raw) => Some(raw.id),
        _ => None,
    };
    ConnectionError::Protocol(Violation::UnexpectedPacket {
        state,
        name: Some(packet.name()),
        id,
    })
}

pub(super) fn split_address(address: &str) -> (String, u16) {
    match address.rsplit_once(':') {
        Some((h, p)) if !h.is_empty() && (!h.contains(':') || h.starts_with('[')) => {
            match p.parse() {
                Ok(port) => (h.trim_matches(['[', ']']).to_owned(), port),
                Err(_) => (address.to_owned(), 25565),
            }
        }
        _ => (address.trim_matches(['[', ']']).to_owned(), 25565),
    }
}

/// Tells the session server the client joins (online mode), over plain HTTP.
#[cfg(feature = "encryption")]
async fn session_join(base: &str, auth: &AuthToken, server_hash: &str) -> Result<()> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let refused = || {
        ConnectionError::Io(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the session server refused the join",
        ))
    };
    let Some(rest) = base.strip_prefix("http://") else {
        return Err(ConnectionError::Io(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
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
    .map_err(|_| ConnectionError::Timeout(Phase::Connecting))??;
    stream.write_all(request.as_bytes()).await?;
    let mut head = vec![0u8; 64];
    let n = stream.read(&mut head).await?;
    let line = String::from_utf8_lossy(&head[..n]);
    let code = line.split_whitespace().nth(1).unwrap_or("");
    if code == "204" || code == "200" {
        Ok(())
    } else {
        Err(refused())
    }
}

/// The handlers of a builder, by packet type.
pub(super) fn handler_map(
    handlers: Vec<(TypeId, Handler)>,
) -> std::collections::HashMap<TypeId, Vec<Handler>> {
    let mut map: std::collections::HashMap<TypeId, Vec<Handler>> = Default::default();
    for (t, h) in handlers {
        map.entry(t).or_default().push(h);
    }
    map
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
        assert_eq!(split_address("::1"), ("::1".into(), 25565));
    }
}
