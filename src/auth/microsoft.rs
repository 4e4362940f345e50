//! Signing in with a Microsoft account (feature `online`), as wiki.vg's
//! "Microsoft Authentication Scheme" describes:
//!
//! 1. **device code**: Microsoft gives a code the user enters at a URL
//!    (your OAuth client id, scope `XboxLive.signin offline_access`);
//! 2. **token**: polling until the user has signed in yields a Microsoft
//!    access token and a refresh token;
//! 3. **Xbox Live**: the access token (`RpsTicket: d=…`) buys an Xbox
//!    Live token and the user hash;
//! 4. **XSTS**: the Xbox Live token buys an XSTS token for
//!    `rp://api.minecraftservices.com/`;
//! 5. **Minecraft services**: `XBL3.0 x=<user hash>;<XSTS token>` buys a
//!    Minecraft access token;
//! 6. **profile**: the token names the player's UUID and name.
//!
//! Later sign-ins start from the refresh token (step 2 without the user).
//! The client id is yours: register an application in Microsoft Entra
//! (Azure), "personal Microsoft accounts", public client flows allowed;
//! none is built in.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use serde_json::{Value, json};

use super::{
    AuthError, AuthErrorKind, AuthFuture, AuthStep, Authenticator, MinecraftToken, Profile, Secret,
    XstsError,
};
use crate::http::{HttpClient, Request, Response, form};

type Result<T> = std::result::Result<T, AuthError>;

/// The scope asked for: Xbox Live sign-in, and a refresh token.
pub const SCOPE: &str = "XboxLive.signin offline_access";

/// Where each step's endpoint is; [`Default`] gives the real services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MicrosoftEndpoints {
    /// Device code request (POST, form).
    pub device_code: String,
    /// Token endpoint: device code polling and refresh (POST, form).
    pub token: String,
    /// Xbox Live user authentication (POST, JSON).
    pub xbox_live: String,
    /// XSTS authorization (POST, JSON).
    pub xsts: String,
    /// Minecraft services login with Xbox (POST, JSON).
    pub minecraft_login: String,
    /// Minecraft profile (GET, bearer token).
    pub profile: String,
}

impl Default for MicrosoftEndpoints {
    fn default() -> Self {
        MicrosoftEndpoints {
            device_code: "https://login.microsoftonline.com/consumers/oauth2/v2.0/devicecode"
                .into(),
            token: "https://login.microsoftonline.com/consumers/oauth2/v2.0/token".into(),
            xbox_live: "https://user.auth.xboxlive.com/user/authenticate".into(),
            xsts: "https://xsts.auth.xboxlive.com/xsts/authorize".into(),
            minecraft_login: "https://api.minecraftservices.com/authentication/login_with_xbox"
                .into(),
            profile: "https://api.minecraftservices.com/minecraft/profile".into(),
        }
    }
}

impl MicrosoftEndpoints {
    /// Every endpoint on one server, at the real services' paths (a test
    /// server, a proxy): `https://127.0.0.1:8443` gives
    /// `https://127.0.0.1:8443/consumers/oauth2/v2.0/token`, and so on.
    pub fn with_base(base: &str) -> Self {
        let base = base.trim_end_matches('/');
        MicrosoftEndpoints {
            device_code: format!("{base}/consumers/oauth2/v2.0/devicecode"),
            token: format!("{base}/consumers/oauth2/v2.0/token"),
            xbox_live: format!("{base}/user/authenticate"),
            xsts: format!("{base}/xsts/authorize"),
            minecraft_login: format!("{base}/authentication/login_with_xbox"),
            profile: format!("{base}/minecraft/profile"),
        }
    }
}

/// The code the user enters, and where.
#[derive(Clone)]
pub struct DeviceCode {
    user_code: Secret,
    device_code: Secret,
    message: Secret,
    /// The page where the code is entered.
    pub verification_uri: String,
    /// How long the code is valid.
    pub expires_in: Duration,
    /// How often Microsoft may be polled.
    pub interval: Duration,
}

impl std::fmt::Debug for DeviceCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceCode")
            .field("verification_uri", &self.verification_uri)
            .field("expires_in", &self.expires_in)
            .field("interval", &self.interval)
            .finish_non_exhaustive()
    }
}

impl DeviceCode {
    /// The code to show the user.
    pub fn user_code(&self) -> &str {
        self.user_code.expose()
    }

    /// Microsoft's sentence for the user (it includes the code and URL).
    pub fn message(&self) -> &str {
        self.message.expose()
    }
}

type OnCode = Arc<dyn Fn(&DeviceCode) + Send + Sync>;

#[derive(Default)]
struct State {
    refresh_token: Option<Secret>,
    token: Option<MinecraftToken>,
}

/// Microsoft sign-in. As an [`Authenticator`], it returns the cached token
/// while it is valid for another minute, else refreshes it, else (no
/// refresh token, or one Microsoft no longer accepts) signs in with a
/// device code.
pub struct Microsoft {
    client_id: String,
    http: HttpClient,
    endpoints: MicrosoftEndpoints,
    on_code: OnCode,
    state: tokio::sync::Mutex<State>,
}

impl std::fmt::Debug for Microsoft {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Microsoft")
            .field("client_id", &self.client_id)
            .field("endpoints", &self.endpoints)
            .finish_non_exhaustive()
    }
}

/// How long before its expiry a token is renewed.
const RENEW_MARGIN: Duration = Duration::from_secs(60);

impl Microsoft {
    /// Sign-in with your OAuth application's `client_id`, against the real
    /// services, checking certificates against Mozilla's roots. The device
    /// code is printed to standard error unless
    /// [`on_device_code`](Microsoft::on_device_code) says otherwise.
    pub fn new(client_id: impl Into<String>) -> Self {
        Microsoft {
            client_id: client_id.into(),
            http: HttpClient::new(),
            endpoints: MicrosoftEndpoints::default(),
            on_code: Arc::new(|code: &DeviceCode| eprintln!("{}", code.message())),
            state: tokio::sync::Mutex::new(State::default()),
        }
    }

    /// The HTTPS client (its roots and timeout).
    #[must_use]
    pub fn http(mut self, http: HttpClient) -> Self {
        self.http = http;
        self
    }

    /// Other endpoints (tests, alternative auth servers).
    #[must_use]
    pub fn endpoints(mut self, endpoints: MicrosoftEndpoints) -> Self {
        self.endpoints = endpoints;
        self
    }

    /// Called with the device code when the user must enter it.
    #[must_use]
    pub fn on_device_code(mut self, f: impl Fn(&DeviceCode) + Send + Sync + 'static) -> Self {
        self.on_code = Arc::new(f);
        self
    }

    /// Starts from a refresh token saved from an earlier sign-in.
    #[must_use]
    pub fn refresh_token(mut self, token: impl Into<Secret>) -> Self {
        self.state.get_mut().refresh_token = Some(token.into());
        self
    }

    /// The current refresh token, to save for the next run.
    pub async fn current_refresh_token(&self) -> Option<Secret> {
        self.state.lock().await.refresh_token.clone()
    }

    /// Signs in with a device code, whatever is cached.
    pub async fn sign_in(&self) -> Result<MinecraftToken> {
        let mut state = self.state.lock().await;
        let (ms_token, refresh) = self.device_code_flow().await?;
        self.finish(&mut state, ms_token, refresh).await
    }

    /// Renews the Minecraft token from the refresh token.
    pub async fn refresh(&self) -> Result<MinecraftToken> {
        let mut state = self.state.lock().await;
        self.refresh_locked(&mut state).await
    }

    async fn refresh_locked(&self, state: &mut State) -> Result<MinecraftToken> {
        let Some(refresh) = state.refresh_token.clone() else {
            return Err(AuthError::new(
                AuthStep::Refresh,
                AuthErrorKind::InvalidGrant,
            ));
        };
        let body = form(&[
            ("client_id", &self.client_id),
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh.expose()),
            ("scope", SCOPE),
        ]);
        let r = self
            .post_form(AuthStep::Refresh, &self.endpoints.token, body)
            .await?;
        let (ms_token, new_refresh) = match r.status {
            200 => token_pair(AuthStep::Refresh, &r)?,
            _ => return Err(oauth_error(AuthStep::Refresh, &r)),
        };
        self.finish(state, ms_token, new_refresh.or(Some(refresh)))
            .await
    }

    /// Steps 3 to 6, and the cache.
    async fn finish(
        &self,
        state: &mut State,
        ms_token: Secret,
        refresh: Option<Secret>,
    ) -> Result<MinecraftToken> {
        if refresh.is_some() {
            state.refresh_token = refresh;
        }
        let (xbl, user_hash) = self.xbox_live(&ms_token).await?;
        let xsts = self.xsts(&xbl).await?;
        let (mc, expires_at) = self.minecraft_login(&user_hash, &xsts).await?;
        let profile = self.profile(&mc).await?;
        tracing::debug!(name = profile.name, "signed in with Microsoft");
        let token = MinecraftToken {
            access_token: Some(mc),
            profile,
            expires_at,
        };
        state.token = Some(token.clone());
        Ok(token)
    }

    async fn device_code_flow(&self) -> Result<(Secret, Option<Secret>)> {
        let step = AuthStep::DeviceCode;
        let body = form(&[("client_id", &self.client_id), ("scope", SCOPE)]);
        let r = self
            .post_form(step, &self.endpoints.device_code, body)
            .await?;
        if r.status != 200 {
            return Err(oauth_error(step, &r));
        }
        let v = json_body(step, &r)?;
        let code = DeviceCode {
            device_code: Secret::new(str_field(step, &v, "device_code")?),
            user_code: Secret::new(str_field(step, &v, "user_code")?),
            verification_uri: str_field(step, &v, "verification_uri")?,
            message: Secret::new(
                v.get("message")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            ),
            expires_in: Duration::from_secs(v["expires_in"].as_u64().unwrap_or(900)),
            interval: Duration::from_secs(v["interval"].as_u64().unwrap_or(5)),
        };
        tracing::debug!(
            uri = code.verification_uri,
            "waiting for the device code sign-in"
        );
        (self.on_code)(&code);

        let step = AuthStep::DeviceToken;
        let started = Instant::now();
        // A floor, so that a server saying 0 does not make a busy loop.
        let mut interval = code.interval.max(Duration::from_millis(100));
        loop {
            if started.elapsed() >= code.expires_in {
                return Err(AuthError::new(step, AuthErrorKind::CodeExpired));
            }
            tokio::time::sleep(interval).await;
            let body = form(&[
                ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                ("client_id", &self.client_id),
                ("device_code", code.device_code.expose()),
            ]);
            let r = self.post_form(step, &self.endpoints.token, body).await?;
            if r.status == 200 {
                return token_pair(step, &r);
            }
            match oauth_code(&r).as_deref() {
                Some("authorization_pending") => {}
                Some("slow_down") => interval += Duration::from_secs(5),
                _ => return Err(oauth_error(step, &r)),
            }
        }
    }

    async fn xbox_live(&self, ms_token: &Secret) -> Result<(Secret, String)> {
        let step = AuthStep::XboxLive;
        let body = json!({
            "Properties": {
                "AuthMethod": "RPS",
                "SiteName": "user.auth.xboxlive.com",
                "RpsTicket": format!("d={}", ms_token.expose()),
            },
            "RelyingParty": "http://auth.xboxlive.com",
            "TokenType": "JWT",
        });
        let r = self
            .post_json(step, &self.endpoints.xbox_live, &body)
            .await?;
        if r.status != 200 {
            return Err(xbox_error(step, &r));
        }
        let v = json_body(step, &r)?;
        let token = Secret::new(str_field(step, &v, "Token")?);
        let hash = user_hash(step, &v)?;
        Ok((token, hash))
    }

    async fn xsts(&self, xbl: &Secret) -> Result<Secret> {
        let step = AuthStep::Xsts;
        let body = json!({
            "Properties": {
                "SandboxId": "RETAIL",
                "UserTokens": [xbl.expose()],
            },
            "RelyingParty": "rp://api.minecraftservices.com/",
            "TokenType": "JWT",
        });
        let r = self.post_json(step, &self.endpoints.xsts, &body).await?;
        if r.status != 200 {
            return Err(xbox_error(step, &r));
        }
        let v = json_body(step, &r)?;
        Ok(Secret::new(str_field(step, &v, "Token")?))
    }

    async fn minecraft_login(
        &self,
        user_hash: &str,
        xsts: &Secret,
    ) -> Result<(Secret, Option<SystemTime>)> {
        let step = AuthStep::MinecraftLogin;
        let body = json!({
            "identityToken": format!("XBL3.0 x={user_hash};{}", xsts.expose()),
        });
        let r = self
            .post_json(step, &self.endpoints.minecraft_login, &body)
            .await?;
        if r.status != 200 {
            return Err(mojang_error(step, &r));
        }
        let v = json_body(step, &r)?;
        let token = Secret::new(str_field(step, &v, "access_token")?);
        let expires_at = v["expires_in"]
            .as_u64()
            .map(|s| SystemTime::now() + Duration::from_secs(s));
        Ok((token, expires_at))
    }

    async fn profile(&self, mc: &Secret) -> Result<Profile> {
        let step = AuthStep::Profile;
        let r = self
            .http
            .send(Request {
                method: "GET",
                url: &self.endpoints.profile,
                headers: vec![
                    ("authorization", format!("Bearer {}", mc.expose())),
                    ("accept", "application/json".into()),
                ],
                body: Vec::new(),
            })
            .await
            .map_err(|e| AuthError::new(step, AuthErrorKind::Http(e.to_string())))?;
        match r.status {
            200 => {}
            404 => return Err(AuthError::new(step, AuthErrorKind::NoProfile)),
            _ => return Err(mojang_error(step, &r)),
        }
        let v = json_body(step, &r)?;
        let id = str_field(step, &v, "id")?;
        let id = mcproto_core::Uuid::parse_str(&id).map_err(|_| {
            AuthError::new(step, AuthErrorKind::Malformed("id is not a UUID".into()))
        })?;
        Ok(Profile {
            id,
            name: str_field(step, &v, "name")?,
        })
    }

    async fn post_form(&self, step: AuthStep, url: &str, body: Vec<u8>) -> Result<Response> {
        self.http
            .send(Request {
                method: "POST",
                url,
                headers: vec![
                    (
                        "content-type",
                        "application/x-www-form-urlencoded".to_owned(),
                    ),
                    ("accept", "application/json".to_owned()),
                ],
                body,
            })
            .await
            .map_err(|e| AuthError::new(step, AuthErrorKind::Http(e.to_string())))
    }

    async fn post_json(&self, step: AuthStep, url: &str, body: &Value) -> Result<Response> {
        self.http
            .send(Request {
                method: "POST",
                url,
                headers: vec![
                    ("content-type", "application/json".to_owned()),
                    ("accept", "application/json".to_owned()),
                ],
                body: body.to_string().into_bytes(),
            })
            .await
            .map_err(|e| AuthError::new(step, AuthErrorKind::Http(e.to_string())))
    }
}

impl Authenticator for Microsoft {
    fn authenticate(&self) -> AuthFuture<'_> {
        Box::pin(async move {
            let mut state = self.state.lock().await;
            if let Some(token) = &state.token
                && !token.expires_within(RENEW_MARGIN)
            {
                return Ok(token.clone());
            }
            if state.refresh_token.is_some() {
                match self.refresh_locked(&mut state).await {
                    Ok(t) => return Ok(t),
                    Err(AuthError {
                        kind: AuthErrorKind::InvalidGrant,
                        ..
                    }) => {
                        tracing::info!("the refresh token was refused; signing in again");
                        state.refresh_token = None;
                    }
                    Err(e) => return Err(e),
                }
            }
            let (ms_token, refresh) = self.device_code_flow().await?;
            self.finish(&mut state, ms_token, refresh).await
        })
    }
}

fn json_body(step: AuthStep, r: &Response) -> Result<Value> {
    serde_json::from_slice(&r.body)
        .map_err(|_| AuthError::new(step, AuthErrorKind::Malformed("not JSON".into())))
}

fn str_field(step: AuthStep, v: &Value, name: &str) -> Result<String> {
    v.get(name)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| AuthError::new(step, AuthErrorKind::Malformed(format!("no {name}"))))
}

fn user_hash(step: AuthStep, v: &Value) -> Result<String> {
    v.pointer("/DisplayClaims/xui/0/uhs")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| {
            AuthError::new(
                step,
                AuthErrorKind::Malformed("no DisplayClaims.xui[0].uhs".into()),
            )
        })
}

/// The access and refresh tokens of a token endpoint answer.
fn token_pair(step: AuthStep, r: &Response) -> Result<(Secret, Option<Secret>)> {
    let v = json_body(step, r)?;
    let access = Secret::new(str_field(step, &v, "access_token")?);
    let refresh = v
        .get("refresh_token")
        .and_then(Value::as_str)
        .map(Secret::new);
    Ok((access, refresh))
}

/// The OAuth `error` code of an answer (never its description).
fn oauth_code(r: &Response) -> Option<String> {
    let v: Value = serde_json::from_slice(&r.body).ok()?;
    v.get("error").and_then(Value::as_str).map(short_code)
}

fn oauth_error(step: AuthStep, r: &Response) -> AuthError {
    let code = oauth_code(r);
    let kind = match code.as_deref() {
        Some("authorization_declined") | Some("access_denied") => AuthErrorKind::Declined,
        Some("expired_token") => AuthErrorKind::CodeExpired,
        Some("bad_verification_code") => AuthErrorKind::BadCode,
        Some("invalid_grant") if step == AuthStep::Refresh => AuthErrorKind::InvalidGrant,
        _ => AuthErrorKind::Status {
            status: r.status,
            code,
        },
    };
    AuthError::new(step, kind)
}

/// Xbox errors carry a numeric `XErr`.
fn xbox_error(step: AuthStep, r: &Response) -> AuthError {
    let xerr = serde_json::from_slice::<Value>(&r.body)
        .ok()
        .and_then(|v| v.get("XErr").and_then(Value::as_u64));
    match xerr {
        Some(code) => AuthError::new(
            step,
            AuthErrorKind::Xsts {
                status: r.status,
                reason: XstsError::from_code(code),
            },
        ),
        None => AuthError::new(
            step,
            AuthErrorKind::Status {
                status: r.status,
                code: None,
            },
        ),
    }
}

/// Mojang's services name the error in `error` or `errorType`.
pub(crate) fn mojang_error(step: AuthStep, r: &Response) -> AuthError {
    let code = serde_json::from_slice::<Value>(&r.body).ok().and_then(|v| {
        v.get("error")
            .or_else(|| v.get("errorType"))
            .and_then(Value::as_str)
            .map(short_code)
    });
    AuthError::new(
        step,
        AuthErrorKind::Status {
            status: r.status,
            code,
        },
    )
}

/// An error code as reported: a short identifier, never free text that
/// could echo a request.
fn short_code(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        .take(64)
        .collect()
}
