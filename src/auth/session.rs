//! The session server (feature `online`): the client's join and the
//! server's `hasJoined` check, over HTTPS.
//!
//! Both sides compute the same server hash from the Encryption Request
//! and the shared secret ([`server_hash`](mcproto_core::crypto::server_hash)).
//! The client posts it with its access token (`/session/minecraft/join`);
//! the server then asks whether that player joined with that hash
//! (`/session/minecraft/hasJoined`), and takes the player's UUID and name
//! from the answer.

use std::net::IpAddr;
use std::sync::Arc;

use mcproto_core::Uuid;
use serde_json::{Value, json};

use super::{AuthError, AuthErrorKind, AuthStep, Secret};
pub use crate::forwarding::ProfileProperty;
use crate::http::{HttpClient, Request, percent_encode, redact_query};

type Result<T> = std::result::Result<T, AuthError>;

/// Mojang's session server.
pub const MOJANG_SESSION_SERVER: &str = "https://sessionserver.mojang.com";

/// A session server: a base URL and the HTTPS client that reaches it.
#[derive(Debug, Clone)]
pub struct SessionServer {
    base: String,
    http: HttpClient,
}

impl Default for SessionServer {
    fn default() -> Self {
        SessionServer::new(MOJANG_SESSION_SERVER, HttpClient::new())
    }
}

/// Who the session server says joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinedProfile {
    /// The profile's UUID.
    pub id: Uuid,
    /// The player name, as the session server spells it.
    pub name: String,
    /// The profile's properties (`textures`: the skin and cape, signed).
    pub properties: Vec<ProfileProperty>,
}

impl SessionServer {
    /// The session server at `base` (`https://sessionserver.mojang.com`,
    /// or a test's), reached with `http`.
    pub fn new(base: impl Into<String>, http: HttpClient) -> Self {
        SessionServer {
            base: base.into().trim_end_matches('/').to_owned(),
            http,
        }
    }

    /// The base URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The client's join: `access_token` of `profile` joins the server
    /// whose hash is `server_hash`. Expects 204 (or 200).
    pub async fn join(
        &self,
        access_token: &Secret,
        profile: Uuid,
        server_hash: &str,
    ) -> Result<()> {
        let step = AuthStep::SessionJoin;
        let body = json!({
            "accessToken": access_token.expose(),
            "selectedProfile": profile.simple().to_string(),
            "serverId": server_hash,
        });
        let url = format!("{}/session/minecraft/join", self.base);
        let r = self
            .http
            .send(Request {
                method: "POST",
                url: &url,
                headers: vec![("content-type", "application/json".into())],
                body: body.to_string().into_bytes(),
            })
            .await
            .map_err(|e| AuthError::new(step, AuthErrorKind::Http(e.to_string())))?;
        match r.status {
            200 | 204 => Ok(()),
            _ => Err(super::microsoft::mojang_error(step, &r)),
        }
    }

    /// The server's check: did `username` join with `server_hash` (from
    /// `client_ip`, when given)? `Ok(None)` when it did not.
    pub async fn has_joined(
        &self,
        username: &str,
        server_hash: &str,
        client_ip: Option<IpAddr>,
    ) -> Result<Option<JoinedProfile>> {
        let step = AuthStep::HasJoined;
        let mut url = format!("{}/session/minecraft/hasJoined?username=", self.base);
        percent_encode(&mut url, username);
        url.push_str("&serverId=");
        percent_encode(&mut url, server_hash);
        if let Some(ip) = client_ip {
            url.push_str("&ip=");
            percent_encode(&mut url, &ip.to_string());
        }
        let r = self
            .http
            .send(Request {
                method: "GET",
                url: &url,
                headers: vec![("accept", "application/json".into())],
                body: Vec::new(),
            })
            .await
            .map_err(|e| AuthError::new(step, AuthErrorKind::Http(e.to_string())))?;
        match r.status {
            204 => return Ok(None),
            200 if r.body.iter().all(u8::is_ascii_whitespace) => return Ok(None),
            200 => {}
            _ => {
                tracing::debug!(
                    url = redact_query(&url),
                    status = r.status,
                    "hasJoined failed"
                );
                return Err(super::microsoft::mojang_error(step, &r));
            }
        }
        let malformed = |why: &str| AuthError::new(step, AuthErrorKind::Malformed(why.into()));
        let v: Value = serde_json::from_slice(&r.body).map_err(|_| malformed("not JSON"))?;
        let id = v
            .get("id")
            .and_then(Value::as_str)
            .and_then(|s| Uuid::parse_str(s).ok())
            .ok_or_else(|| malformed("no id"))?;
        let name = v
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| malformed("no name"))?
            .to_owned();
        let properties = v
            .get("properties")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|p| {
                        Some(ProfileProperty {
                            name: p.get("name")?.as_str()?.to_owned(),
                            value: p.get("value")?.as_str()?.to_owned(),
                            signature: p
                                .get("signature")
                                .and_then(Value::as_str)
                                .map(str::to_owned),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Some(JoinedProfile {
            id,
            name,
            properties,
        }))
    }
}

/// Online mode for a [`Server`](crate::server::Server): every login is
/// encrypted, and the player is verified with the session server, which
/// gives the UUID and name the server uses.
///
/// ```no_run
/// use mcproto::auth::OnlineMode;
/// use mcproto::server::ServerConfig;
/// let config = ServerConfig {
///     online_mode: Some(OnlineMode::new()),
///     ..ServerConfig::default()
/// };
/// ```
#[derive(Debug, Clone)]
pub struct OnlineMode {
    session: SessionServer,
    prevent_proxy_connections: bool,
    // One RSA key per configuration, made at the first login when the
    // server was not also given `encryption: true` (which makes one at bind).
    key: Arc<tokio::sync::OnceCell<mcproto_core::crypto::ServerKey>>,
}

impl Default for OnlineMode {
    fn default() -> Self {
        OnlineMode::new()
    }
}

impl OnlineMode {
    /// Verifies players with Mojang's session server.
    pub fn new() -> Self {
        OnlineMode {
            session: SessionServer::default(),
            prevent_proxy_connections: false,
            key: Arc::default(),
        }
    }

    /// Verifies players with `session` instead (tests, alternative auth servers).
    #[must_use]
    pub fn session_server(mut self, session: SessionServer) -> Self {
        self.session = session;
        self
    }

    /// Also sends the player's IP address, so that the session server
    /// refuses a join made from another address (vanilla's
    /// `prevent-proxy-connections`).
    #[must_use]
    pub fn prevent_proxy_connections(mut self, on: bool) -> Self {
        self.prevent_proxy_connections = on;
        self
    }

    /// The session server players are verified with.
    pub fn session(&self) -> &SessionServer {
        &self.session
    }

    /// Whether the player's IP address is sent with `hasJoined`.
    pub fn prevents_proxy_connections(&self) -> bool {
        self.prevent_proxy_connections
    }

    /// The RSA key for Encryption Requests, made once.
    pub(crate) async fn key(
        &self,
    ) -> std::result::Result<&mcproto_core::crypto::ServerKey, mcproto_core::conn::CryptoError>
    {
        use mcproto_core::conn::CryptoError;
        self.key
            .get_or_try_init(|| async {
                tokio::task::spawn_blocking(mcproto_core::crypto::ServerKey::generate)
                    .await
                    .map_err(|_| CryptoError::KeyGeneration)?
            })
            .await
    }
}
