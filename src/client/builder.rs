//! Configuring a client, querying a server's status, and logging in.

use std::any::TypeId;
use std::sync::Arc;
use std::time::{Duration, Instant};

use mcproto_core::conn::{AsyncConnection, ConnectionError, Phase, Side, Violation};
use mcproto_core::version::negotiate;
use mcproto_core::{IntoOwned, Limits, ProtocolVersion, Registry, ServerStatus, State, Uuid};
use mcproto_packets::LoginClientbound;
use mcproto_packets::handshaking::serverbound::{Handshake, NextState};
use mcproto_packets::login::serverbound::LoginStart;
use mcproto_packets::registry;
use mcproto_packets::status::clientbound::{Pong, StatusResponse};
use mcproto_packets::status::serverbound::{Ping, StatusRequest};
use mcproto_packets::version;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::time::timeout;

use super::{Behaviour, Client, Handler, Settings, typed_handler};
use crate::auth::{Authenticator, MinecraftToken, Profile, Secret};
use crate::legacy::LegacyStatus;
use crate::resolve::{Address, Attempt, Connected, Resolver, Target};

type Conn = AsyncConnection<OwnedReadHalf, OwnedWriteHalf>;
type Result<T> = std::result::Result<T, ConnectionError>;

/// Credentials for online-mode servers: an access token and the profile's
/// UUID, logged in as the builder's [`username`](ClientBuilder::username).
/// [`StaticToken`](crate::auth::StaticToken) carries the name too; any
/// [`Authenticator`] can be given with [`ClientBuilder::auth`].
#[derive(Clone, PartialEq, Eq)]
pub struct AuthToken {
    /// The access token from authentication.
    pub access_token: String,
    /// The selected profile's UUID.
    pub profile: Uuid,
}

impl std::fmt::Debug for AuthToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthToken")
            .field("access_token", &"<redacted>")
            .field("profile", &self.profile)
            .finish()
    }
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
    /// How the server was reached: every address tried, in order, the one
    /// that answered last (see [`crate::resolve`]).
    pub attempts: Vec<Attempt>,
}

/// Configures and opens connections to one server.
#[derive(Clone)]
pub struct ClientBuilder {
    pub(super) host: String,
    pub(super) port: u16,
    explicit_port: bool,
    pub(super) username: String,
    auth: Option<AuthToken>,
    authenticator: Option<Arc<dyn Authenticator>>,
    resolver: Resolver,
    #[cfg(feature = "online")]
    http: Option<crate::http::HttpClient>,
    session_server: String,
    initial_version: Option<ProtocolVersion>,
    allowed_versions: Vec<ProtocolVersion>,
    connect_timeout: Duration,
    pub(super) read_timeout: Duration,
    registry: Option<Registry>,
    pub(super) handlers: Vec<(TypeId, Handler)>,
    limits: Limits,
    pub(super) behaviour: Behaviour,
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
    /// A client for `address`: `host`, `host:port`, an IPv4 literal, or
    /// an IPv6 literal (`::1`, `[::1]:25565`). Without a port, `host` is
    /// looked up as the SRV record `_minecraft._tcp.host` first (feature
    /// `srv`), else port 25565 is used; see [`crate::resolve`].
    pub fn new(address: &str) -> Self {
        let (host, port) = split_address(address);
        ClientBuilder {
            host,
            port,
            explicit_port: Address::parse(address).port.is_some(),
            username: "Player".into(),
            auth: None,
            authenticator: None,
            resolver: Resolver::new(),
            #[cfg(feature = "online")]
            http: None,
            session_server: "https://sessionserver.mojang.com".into(),
            initial_version: None,
            allowed_versions: version::supported().collect(),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            registry: None,
            handlers: Vec::new(),
            limits: Limits::default(),
            behaviour: Behaviour::vanilla(),
        }
    }

    /// The port (an explicit port skips the SRV lookup).
    #[must_use]
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self.explicit_port = true;
        self
    }

    /// How the server's address is resolved: SRV on or off, which DNS
    /// servers (see [`Resolver`]).
    #[must_use]
    pub fn resolver(mut self, resolver: Resolver) -> Self {
        self.resolver = resolver;
        self
    }

    /// Which DNS servers to ask (shorthand for
    /// `resolver(Resolver::new().dns(dns))`).
    #[cfg(feature = "srv")]
    #[must_use]
    pub fn dns(mut self, dns: crate::resolve::DnsConfig) -> Self {
        self.resolver = self.resolver.dns(dns);
        self
    }

    /// Who the client is: [`Offline`](crate::auth::Offline),
    /// [`StaticToken`](crate::auth::StaticToken),
    /// `Microsoft` (feature `online`) or your own. It is asked once
    /// per [`connect`](ClientBuilder::connect), before the socket opens;
    /// its profile's name is the one logged in with. Replaces
    /// [`auth_token`](ClientBuilder::auth_token).
    #[must_use]
    pub fn auth(mut self, authenticator: impl Authenticator + 'static) -> Self {
        self.authenticator = Some(Arc::new(authenticator));
        self.auth = None;
        self
    }

    /// The HTTPS client for the session server (its root certificates and
    /// timeout; Mozilla's roots by default).
    #[cfg(feature = "online")]
    #[must_use]
    pub fn http_client(mut self, http: crate::http::HttpClient) -> Self {
        self.http = Some(http);
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
        self.authenticator = None;
        self
    }

    /// Base URL of the session server (default Mojang's; tests point it at
    /// a local fake). With the `online` feature `https://` and `http://`
    /// work; without it, plain `http://` only.
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

    /// The automatic answers of the play session (see [`Behaviour`]):
    /// [`Behaviour::vanilla`] by default.
    #[must_use]
    pub fn behaviour(mut self, behaviour: Behaviour) -> Self {
        self.behaviour = behaviour;
        self
    }

    /// `true`: answer as the vanilla client does (the default); `false`:
    /// send nothing by itself but Keep Alive answers, for packet tools
    /// that want full control. Shorthand for
    /// [`behaviour`](ClientBuilder::behaviour) with [`Behaviour::vanilla`]
    /// or [`Behaviour::none`].
    #[must_use]
    pub fn vanilla_behaviour(self, on: bool) -> Self {
        self.behaviour(if on {
            Behaviour::vanilla()
        } else {
            Behaviour::none()
        })
    }

    /// The brand sent on `MC|Brand` after Join Game (`vanilla` by default).
    #[must_use]
    pub fn brand(mut self, brand: impl Into<String>) -> Self {
        self.behaviour.brand = Some(brand.into());
        self
    }

    /// The Client Settings sent after Join Game ([`Settings::default`] by
    /// default).
    #[must_use]
    pub fn settings(mut self, settings: Settings) -> Self {
        self.behaviour.settings = Some(settings);
        self
    }

    /// Limits for what the server sends (vanilla's by default).
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The places the client would try, in order: the SRV targets, or the
    /// host and port (see [`crate::resolve`]).
    pub async fn resolve(&self) -> Vec<Target> {
        self.resolver.targets(&self.target_address()).await
    }

    fn target_address(&self) -> Address {
        Address {
            host: self.host.clone(),
            port: self.explicit_port.then_some(self.port),
        }
    }

    /// A socket to the server, through SRV and every address in turn.
    async fn reach(&self) -> Result<Connected> {
        match self
            .resolver
            .connect(&self.target_address(), self.connect_timeout)
            .await
        {
            Ok(c) => Ok(c),
            Err(e) => {
                let all_timed_out = !e.attempts.is_empty()
                    && e.attempts.iter().all(|a| {
                        a.error
                            .as_deref()
                            .is_some_and(|m| m.starts_with("no answer within"))
                    });
                tracing::warn!("{e}");
                if all_timed_out {
                    Err(ConnectionError::Timeout(Phase::Connecting))
                } else {
                    Err(ConnectionError::Io(e.into()))
                }
            }
        }
    }

    async fn open(&self, registry: Registry) -> Result<(Conn, Target, Vec<Attempt>)> {
        let c = self.reach().await?;
        let mut conn = AsyncConnection::from_tcp(c.stream, registry, Side::Client)?;
        conn.reader.set_limits(self.limits);
        Ok((conn, c.target, c.attempts))
    }

    /// The Handshake: an SRV target's host and port, as vanilla sends them,
    /// else the host and port as given.
    fn handshake<'s>(
        &'s self,
        target: &'s Target,
        version: ProtocolVersion,
        next_state: NextState,
    ) -> Handshake<'s> {
        Handshake {
            protocol_version: version.0,
            server_address: if target.from_srv {
                target.host.as_str().into()
            } else {
                self.host.as_str().into()
            },
            server_port: target.port,
            next_state,
        }
    }

    /// Queries a server with the pre-Netty legacy ping (the 1.6 form,
    /// `FE 01 FA` and `MC|PingHost`), which servers before 1.7 answer, and
    /// most later ones too. See [`crate::legacy`].
    pub async fn legacy_status(&self) -> Result<LegacyStatus> {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let c = self.reach().await?;
        let mut stream = c.stream;
        let host = if c.target.from_srv {
            c.target.host.clone()
        } else {
            self.host.clone()
        };
        let io = async {
            stream
                .write_all(&crate::legacy::encode_request(
                    crate::legacy::PROTOCOL_1_6_4,
                    &host,
                    c.target.port,
                ))
                .await?;
            let mut buf = Vec::with_capacity(256);
            let mut chunk = [0u8; 1024];
            loop {
                if let Some(len) = crate::legacy::reply_len(&buf)
                    && buf.len() >= len
                {
                    break;
                }
                let n = stream.read(&mut chunk).await?;
                if n == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            crate::legacy::decode_reply(&buf).map_err(|e| {
                ConnectionError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, e))
            })
        };
        timeout(self.read_timeout, io)
            .await
            .map_err(|_| ConnectionError::Timeout(Phase::Status))?
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
        let (mut conn, target, attempts) = self.open(base).await?;
        let io = async {
            conn.writer
                .send(&self.handshake(&target, version, NextState::Status))
                .await?;
            conn.set_state(State::Status);
            conn.writer.send(&StatusRequest).await?;
            let response: StatusResponse = conn.reader.read_owned().await?;
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
                attempts,
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

    /// Who to log in as: the authenticator's token, the [`AuthToken`]
    /// with the builder's name, or the builder's name offline (`None`).
    async fn identity(&self) -> Result<Option<MinecraftToken>> {
        if let Some(a) = &self.authenticator {
            return Ok(Some(a.authenticate().await?));
        }
        Ok(self.auth.as_ref().map(|t| MinecraftToken {
            access_token: Some(Secret::new(t.access_token.clone())),
            profile: Profile {
                id: t.profile,
                name: self.username.clone(),
            },
            expires_at: None,
        }))
    }

    /// Connects, logs in, and returns the play session.
    ///
    /// With an [`Authenticator`] it is asked first, and an error of it is
    /// returned as [`ConnectionError::Io`] holding the
    /// [`AuthError`](crate::auth::AuthError) (see
    /// [`AuthError::from_connection_error`](crate::auth::AuthError::from_connection_error));
    /// so is a refused session join.
    pub async fn connect(self) -> Result<Client> {
        let identity = self.identity().await?;
        let username = identity
            .as_ref()
            .map_or_else(|| self.username.clone(), |t| t.profile.name.clone());
        let version = self.pick_version().await?;
        let reg = match &self.registry {
            Some(r) => r.clone(),
            None => registry(version)?.clone(),
        };
        let (mut conn, target, attempts) = self.open(reg).await?;
        tracing::debug!(
            %target,
            addr = ?attempts.last().and_then(|a| a.addr),
            tried = attempts.len(),
            name = username,
            "logging in"
        );
        let login = async {
            conn.writer
                .send(&self.handshake(&target, version, NextState::Login))
                .await?;
            conn.set_state(State::Login);
            conn.writer
                .send(&LoginStart {
                    name: username.as_str().into(),
                })
                .await?;
            loop {
                let request = match conn.reader.read::<LoginClientbound>().await? {
                    LoginClientbound::LoginSuccess(ok) => {
                        let ok = ok.into_owned();
                        conn.set_state(State::Play);
                        return Ok(ok);
                    }
                    // Owned: answering it needs the connection.
                    LoginClientbound::EncryptionRequest(req) => req.into_owned(),
                    LoginClientbound::SetCompression(c) => {
                        conn.set_compression(usize::try_from(c.threshold).ok());
                        continue;
                    }
                    LoginClientbound::Disconnect(d) => {
                        return Err(ConnectionError::Disconnected { reason: d.reason });
                    }
                    other => return Err(unexpected(State::Login, &other)),
                };
                self.encrypt(&mut conn, &request, identity.as_ref()).await?;
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
        req: &mcproto_packets::login::clientbound::EncryptionRequest<'_>,
        identity: Option<&MinecraftToken>,
    ) -> Result<()> {
        use mcproto_core::crypto;
        use mcproto_packets::login::serverbound::EncryptionResponse;
        let secret = crypto::random_secret();
        if let Some(token) = identity
            && let Some(access) = &token.access_token
        {
            let hash = crypto::server_hash(&req.server_id, &secret, &req.public_key);
            self.session_join(access, token.profile.id, &hash).await?;
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
        _: &mcproto_packets::login::clientbound::EncryptionRequest<'_>,
        _: Option<&MinecraftToken>,
    ) -> Result<()> {
        Err(mcproto_core::conn::CryptoError::Unsupported.into())
    }

    /// Tells the session server the client joins, over HTTPS.
    #[cfg(feature = "online")]
    async fn session_join(&self, access: &Secret, profile: Uuid, hash: &str) -> Result<()> {
        let http = self.http.clone().unwrap_or_default();
        crate::auth::SessionServer::new(self.session_server.as_str(), http)
            .join(access, profile, hash)
            .await?;
        Ok(())
    }

    /// Tells the session server the client joins, over plain HTTP (builds
    /// without `online` have no TLS).
    #[cfg(all(feature = "encryption", not(feature = "online")))]
    async fn session_join(&self, access: &Secret, profile: Uuid, hash: &str) -> Result<()> {
        plain_session_join(&self.session_server, access.expose(), profile, hash).await
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
    let a = Address::parse(address);
    (a.host, a.port.unwrap_or(crate::resolve::DEFAULT_PORT))
}

/// Tells the session server the client joins (online mode), over plain HTTP.
#[cfg(all(feature = "encryption", not(feature = "online")))]
async fn plain_session_join(
    base: &str,
    access_token: &str,
    profile: Uuid,
    server_hash: &str,
) -> Result<()> {
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
            "only http:// session servers are supported without the `online` feature",
        )));
    };
    let (authority, prefix) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
    let body = format!(
        r#"{{"accessToken":"{}","selectedProfile":"{}","serverId":"{}"}}"#,
        access_token.replace(['"', '\\'], ""),
        profile.simple(),
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
