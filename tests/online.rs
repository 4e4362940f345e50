//! Online mode end to end, against a local HTTPS server with a generated
//! certificate (rcgen) that fakes the Microsoft, Xbox Live, XSTS,
//! Minecraft-services and session-server endpoints, and checks each
//! request's method, path, headers and body against the flow wiki.vg's
//! "Microsoft Authentication Scheme" documents.
//!
//! The client trusts that certificate through a root store of its own
//! (`TlsRoots`); verification is never turned off.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use mcproto::auth::{
    AuthError, AuthErrorKind, AuthStep, DeviceCode, Microsoft, MicrosoftEndpoints, OnlineMode,
    Profile, SessionServer, StaticToken, XstsError,
};
use mcproto::client::ClientBuilder;
use mcproto::http::{HttpClient, TlsRoots};
use mcproto::packets::play::clientbound::ChatMessage;
use mcproto::packets::play::serverbound::ChatMessage as Say;
use mcproto::server::{Server, ServerConfig, ServerHandle, lobby};
use mcproto::{ConnectionError, Uuid};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::time::timeout;
use tokio_rustls::rustls;

const LIMIT: Duration = Duration::from_secs(30);

const CLIENT_ID: &str = "00000000-test-client-id";
const DEVICE_CODE: &str = "device-code-SECRET-d41d8";
const USER_CODE: &str = "UCODE-SECRET-7F3A";
const MS_ACCESS: &str = "ms-access-SECRET-EwAoA";
const MS_REFRESH: &str = "ms-refresh-SECRET-M.R3_B";
const MS_REFRESH_2: &str = "ms-refresh-SECRET-second";
const XBL_TOKEN: &str = "xbl-token-SECRET-eyJhbGci";
const XSTS_TOKEN: &str = "xsts-token-SECRET-eyJlbmMi";
const MC_TOKEN: &str = "mc-access-SECRET-eyJraWQi";
const USER_HASH: &str = "2535405290258201";
const PLAYER: &str = "SignedInBot";
const PROFILE_ID: Uuid = Uuid::from_u128(0x069a79f4_44e9_4726_a5be_fca90e38aaf5);

const SECRETS: [&str; 10] = [
    DEVICE_CODE,
    USER_CODE,
    MS_ACCESS,
    MS_REFRESH,
    MS_REFRESH_2,
    XBL_TOKEN,
    XSTS_TOKEN,
    MC_TOKEN,
    "SECRET",
    "stale-minecraft-token",
];

// ------------------------------------------------------------ logs

/// Everything this test binary logs (ours at trace, the rest at debug),
/// searched for secrets at the end of each test.
fn logs() -> &'static Mutex<Vec<u8>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let sink = buf.clone();
        let _ = tracing_subscriber::fmt()
            .with_env_filter("debug,mcproto=trace")
            .with_ansi(false)
            .with_writer(move || LogWriter(sink.clone()))
            .try_init();
        buf
    })
}

struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for LogWriter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn assert_no_secrets(what: &str, text: &str) {
    for s in SECRETS {
        assert!(!text.contains(s), "{what} shows a secret ({s}):\n{text}");
    }
}

// ------------------------------------------------------------ the fake services

/// How the fake services behave in one test.
#[derive(Default, Clone)]
struct Scenario {
    /// `authorization_pending` answers before the token.
    pending_polls: usize,
    /// An OAuth error the token endpoint gives instead of the token.
    poll_error: Option<&'static str>,
    /// Refresh tokens are refused with `invalid_grant`.
    refresh_refused: bool,
    /// XSTS answers this status with this XErr.
    xsts_refusal: Option<(u16, u64)>,
    /// The account owns no profile.
    no_profile: bool,
}

#[derive(Default)]
struct Fake {
    scenario: Mutex<Scenario>,
    /// (method, path) of every request, in order.
    requests: Mutex<Vec<(String, String)>>,
    /// What did not match the documented flow.
    problems: Mutex<Vec<String>>,
    /// Server hash of each player's join.
    joined: Mutex<HashMap<String, String>>,
}

impl Fake {
    fn problem(&self, p: String) {
        self.problems.lock().unwrap().push(p);
    }

    fn check(&self, what: &str, got: Option<&str>, want: &str) {
        if got != Some(want) {
            self.problem(format!("{what}: got {got:?}, want {want:?}"));
        }
    }

    fn paths(&self) -> Vec<String> {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .map(|(m, p)| format!("{m} {p}"))
            .collect()
    }

    fn problems(&self) -> Vec<String> {
        self.problems.lock().unwrap().clone()
    }
}

fn reply(status: u16, body: Value) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from(body.to_string())));
    *r.status_mut() = hyper::StatusCode::from_u16(status).unwrap();
    r.headers_mut()
        .insert("content-type", "application/json".parse().unwrap());
    r
}

fn no_content() -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::new()));
    *r.status_mut() = hyper::StatusCode::NO_CONTENT;
    r
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap();
                let v = u8::from_str_radix(hex, 16).unwrap();
                out.push(v);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

fn parse_form(s: &str) -> HashMap<String, String> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (percent_decode(k), percent_decode(v)))
        .collect()
}

async fn handle(
    fake: Arc<Fake>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let method = req.method().to_string();
    let path = req.uri().path().to_owned();
    let query = parse_form(req.uri().query().unwrap_or(""));
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let content_type = header("content-type");
    let accept = header("accept");
    let authorization = header("authorization");
    let body = req.into_body().collect().await.unwrap().to_bytes();
    let body = String::from_utf8(body.to_vec()).unwrap();
    fake.requests
        .lock()
        .unwrap()
        .push((method.clone(), path.clone()));
    let scenario = fake.scenario.lock().unwrap().clone();
    let form_post = |fake: &Fake| {
        fake.check(&format!("{path} method"), Some(&method), "POST");
        fake.check(
            &format!("{path} content-type"),
            content_type.as_deref(),
            "application/x-www-form-urlencoded",
        );
        parse_form(&body)
    };
    let json_post = |fake: &Fake| -> Value {
        fake.check(&format!("{path} method"), Some(&method), "POST");
        fake.check(
            &format!("{path} content-type"),
            content_type.as_deref(),
            "application/json",
        );
        serde_json::from_str(&body).unwrap_or_else(|_| {
            fake.problem(format!("{path}: body is not JSON"));
            Value::Null
        })
    };
    let s = |v: &Value, p: &str| v.pointer(p).and_then(Value::as_str).map(str::to_owned);

    let response = match path.as_str() {
        // Microsoft: device authorization request.
        "/consumers/oauth2/v2.0/devicecode" => {
            let f = form_post(&fake);
            fake.check(
                "devicecode client_id",
                f.get("client_id").map(String::as_str),
                CLIENT_ID,
            );
            fake.check(
                "devicecode scope",
                f.get("scope").map(String::as_str),
                "XboxLive.signin offline_access",
            );
            reply(
                200,
                json!({
                    "device_code": DEVICE_CODE,
                    "user_code": USER_CODE,
                    "verification_uri": "https://www.microsoft.com/link",
                    "expires_in": 900,
                    "interval": 0,
                    "message": format!("To sign in, use a web browser to open the page https://www.microsoft.com/link and enter the code {USER_CODE} to authenticate."),
                }),
            )
        }
        // Microsoft: token endpoint, device code grant or refresh.
        "/consumers/oauth2/v2.0/token" => {
            let f = form_post(&fake);
            let get = |k: &str| f.get(k).map(String::as_str);
            fake.check("token client_id", get("client_id"), CLIENT_ID);
            match get("grant_type") {
                Some("urn:ietf:params:oauth:grant-type:device_code") => {
                    fake.check("token device_code", get("device_code"), DEVICE_CODE);
                    let polls = fake
                        .requests
                        .lock()
                        .unwrap()
                        .iter()
                        .filter(|(_, p)| p == "/consumers/oauth2/v2.0/token")
                        .count();
                    if polls <= scenario.pending_polls {
                        reply(
                            400,
                            json!({"error": "authorization_pending", "error_description": "AADSTS70016: pending"}),
                        )
                    } else if let Some(e) = scenario.poll_error {
                        reply(
                            400,
                            json!({"error": e, "error_description": format!("AADSTS: {e} for {DEVICE_CODE}")}),
                        )
                    } else {
                        reply(
                            200,
                            json!({
                                "token_type": "Bearer",
                                "scope": "XboxLive.signin offline_access",
                                "expires_in": 3600,
                                "access_token": MS_ACCESS,
                                "refresh_token": MS_REFRESH,
                            }),
                        )
                    }
                }
                Some("refresh_token") => {
                    fake.check(
                        "refresh scope",
                        get("scope"),
                        "XboxLive.signin offline_access",
                    );
                    if scenario.refresh_refused {
                        reply(
                            400,
                            json!({"error": "invalid_grant", "error_description": "AADSTS70000: expired"}),
                        )
                    } else {
                        fake.check("refresh token", get("refresh_token"), MS_REFRESH);
                        reply(
                            200,
                            json!({
                                "token_type": "Bearer",
                                "expires_in": 3600,
                                "access_token": MS_ACCESS,
                                "refresh_token": MS_REFRESH_2,
                            }),
                        )
                    }
                }
                other => {
                    fake.problem(format!("token grant_type {other:?}"));
                    reply(400, json!({"error": "unsupported_grant_type"}))
                }
            }
        }
        // Xbox Live user authentication.
        "/user/authenticate" => {
            let v = json_post(&fake);
            fake.check("xbl accept", accept.as_deref(), "application/json");
            fake.check(
                "xbl AuthMethod",
                s(&v, "/Properties/AuthMethod").as_deref(),
                "RPS",
            );
            fake.check(
                "xbl SiteName",
                s(&v, "/Properties/SiteName").as_deref(),
                "user.auth.xboxlive.com",
            );
            fake.check(
                "xbl RpsTicket",
                s(&v, "/Properties/RpsTicket").as_deref(),
                &format!("d={MS_ACCESS}"),
            );
            fake.check(
                "xbl RelyingParty",
                s(&v, "/RelyingParty").as_deref(),
                "http://auth.xboxlive.com",
            );
            fake.check("xbl TokenType", s(&v, "/TokenType").as_deref(), "JWT");
            reply(
                200,
                json!({
                    "IssueInstant": "2026-12-01T10:00:00.0000000Z",
                    "NotAfter": "2026-12-15T10:00:00.0000000Z",
                    "Token": XBL_TOKEN,
                    "DisplayClaims": {"xui": [{"uhs": USER_HASH}]},
                }),
            )
        }
        // XSTS authorization.
        "/xsts/authorize" => {
            let v = json_post(&fake);
            fake.check("xsts accept", accept.as_deref(), "application/json");
            fake.check(
                "xsts SandboxId",
                s(&v, "/Properties/SandboxId").as_deref(),
                "RETAIL",
            );
            fake.check(
                "xsts UserTokens",
                s(&v, "/Properties/UserTokens/0").as_deref(),
                XBL_TOKEN,
            );
            if v.pointer("/Properties/UserTokens")
                .and_then(Value::as_array)
                .map(Vec::len)
                != Some(1)
            {
                fake.problem("xsts: UserTokens is not one token".into());
            }
            fake.check(
                "xsts RelyingParty",
                s(&v, "/RelyingParty").as_deref(),
                "rp://api.minecraftservices.com/",
            );
            fake.check("xsts TokenType", s(&v, "/TokenType").as_deref(), "JWT");
            match scenario.xsts_refusal {
                Some((status, xerr)) => reply(
                    status,
                    json!({
                        "Identity": "0",
                        "XErr": xerr,
                        "Message": "",
                        "Redirect": "https://start.ui.xboxlive.com/CreateAccount",
                    }),
                ),
                None => reply(
                    200,
                    json!({
                        "IssueInstant": "2026-12-01T10:00:00.0000000Z",
                        "NotAfter": "2026-12-02T02:00:00.0000000Z",
                        "Token": XSTS_TOKEN,
                        "DisplayClaims": {"xui": [{"uhs": USER_HASH}]},
                    }),
                ),
            }
        }
        // Minecraft services: login with the XSTS token.
        "/authentication/login_with_xbox" => {
            let v = json_post(&fake);
            fake.check(
                "login_with_xbox identityToken",
                s(&v, "/identityToken").as_deref(),
                &format!("XBL3.0 x={USER_HASH};{XSTS_TOKEN}"),
            );
            reply(
                200,
                json!({
                    "username": "a6d0a5b3-5c43-4d4c-9f0e-2b7c1f0d9e11",
                    "roles": [],
                    "access_token": MC_TOKEN,
                    "token_type": "Bearer",
                    "expires_in": 86400,
                }),
            )
        }
        // Minecraft services: the profile.
        "/minecraft/profile" => {
            fake.check("profile method", Some(&method), "GET");
            fake.check(
                "profile authorization",
                authorization.as_deref(),
                &format!("Bearer {MC_TOKEN}"),
            );
            if scenario.no_profile {
                reply(
                    404,
                    json!({
                        "path": "/minecraft/profile",
                        "errorType": "NOT_FOUND",
                        "error": "NOT_FOUND",
                        "errorMessage": "The server has not found anything matching the request URI",
                        "developerMessage": "The server has not found anything matching the request URI",
                    }),
                )
            } else {
                reply(
                    200,
                    json!({
                        "id": PROFILE_ID.simple().to_string(),
                        "name": PLAYER,
                        "skins": [],
                        "capes": [],
                    }),
                )
            }
        }
        // Session server: the client's join.
        "/session/minecraft/join" => {
            let v = json_post(&fake);
            let hash = s(&v, "/serverId").unwrap_or_default();
            if s(&v, "/accessToken").as_deref() != Some(MC_TOKEN) {
                reply(
                    403,
                    json!({
                        "error": "ForbiddenOperationException",
                        "errorMessage": format!("Invalid token {}", s(&v, "/accessToken").unwrap_or_default()),
                    }),
                )
            } else {
                fake.check(
                    "join selectedProfile",
                    s(&v, "/selectedProfile").as_deref(),
                    &PROFILE_ID.simple().to_string(),
                );
                fake.joined.lock().unwrap().insert(PLAYER.to_owned(), hash);
                no_content()
            }
        }
        // Session server: the server's check.
        "/session/minecraft/hasJoined" => {
            fake.check("hasJoined method", Some(&method), "GET");
            let user = query.get("username").cloned().unwrap_or_default();
            let hash = query.get("serverId").cloned().unwrap_or_default();
            if fake.joined.lock().unwrap().get(&user) == Some(&hash) {
                reply(
                    200,
                    json!({
                        "id": PROFILE_ID.simple().to_string(),
                        "name": user,
                        "properties": [{"name": "textures", "value": "e30=", "signature": "c2lnbmVk"}],
                    }),
                )
            } else {
                no_content()
            }
        }
        other => {
            fake.problem(format!("unexpected request {method} {other}"));
            reply(404, json!({"error": "NOT_FOUND"}))
        }
    };
    Ok(response)
}

/// A running fake: its base URL, its state, and a client that trusts it.
struct Services {
    base: String,
    fake: Arc<Fake>,
    http: HttpClient,
}

async fn services(scenario: Scenario) -> Services {
    let cert =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .unwrap();
    let cert_der = cert.cert.der().clone();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(cert.signing_key.serialize_der().into());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert_der.clone()], key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(tls));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let fake = Arc::new(Fake {
        scenario: Mutex::new(scenario),
        ..Fake::default()
    });
    let state = fake.clone();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            let state = state.clone();
            tokio::spawn(async move {
                let Ok(stream) = acceptor.accept(tcp).await else {
                    return;
                };
                let service = hyper::service::service_fn(move |req| handle(state.clone(), req));
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    let roots = TlsRoots::empty().with_der(cert_der.to_vec()).unwrap();
    Services {
        base: format!("https://{addr}"),
        fake,
        http: HttpClient::with_roots(roots).timeout(Duration::from_secs(10)),
    }
}

impl Services {
    fn microsoft(&self, codes: Arc<Mutex<Vec<String>>>) -> Microsoft {
        Microsoft::new(CLIENT_ID)
            .http(self.http.clone())
            .endpoints(MicrosoftEndpoints::with_base(&self.base))
            .on_device_code(move |code: &DeviceCode| {
                codes.lock().unwrap().push(code.user_code().to_owned());
            })
    }

    fn session(&self) -> SessionServer {
        SessionServer::new(self.base.as_str(), self.http.clone())
    }

    async fn online_server(&self) -> ServerHandle {
        let server = Server::bind(ServerConfig {
            bind: "127.0.0.1:0".into(),
            online_mode: Some(OnlineMode::new().session_server(self.session())),
            ..ServerConfig::default()
        })
        .await
        .unwrap();
        let handle = server.handle();
        tokio::spawn(server.run(lobby));
        handle
    }

    fn client(&self, server: &ServerHandle) -> ClientBuilder {
        ClientBuilder::new(&server.local_addr().to_string())
            .http_client(self.http.clone())
            .session_server(self.base.as_str())
    }
}

async fn next_chat(c: &mut mcproto::client::Client) -> String {
    loop {
        let p = c
            .next()
            .await
            .expect("session ended")
            .expect("session error");
        if let Some(chat) = p.as_any().and_then(|a| a.downcast_ref::<ChatMessage>()) {
            return chat.json_data.to_plain();
        }
    }
}

fn auth_error(e: &ConnectionError) -> AuthError {
    AuthError::from_connection_error(e)
        .unwrap_or_else(|| panic!("not an authentication error: {e:?}"))
        .clone()
}

// ------------------------------------------------------------ the tests

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn device_code_sign_in_then_join_an_online_server_and_chat() {
    logs();
    let svc = services(Scenario {
        pending_polls: 2,
        ..Scenario::default()
    })
    .await;
    let server = svc.online_server().await;
    let codes = Arc::new(Mutex::new(Vec::new()));
    let ms = Arc::new(svc.microsoft(codes.clone()));

    let mut client = timeout(LIMIT, svc.client(&server).auth(ms.clone()).connect())
        .await
        .unwrap()
        .unwrap();
    // The name and UUID are the Microsoft profile's, on both sides: the
    // server took them from hasJoined.
    assert_eq!(client.username(), PLAYER);
    assert_eq!(client.uuid(), PROFILE_ID);
    assert_eq!(server.players(), [(PLAYER.to_owned(), PROFILE_ID)]);
    assert_eq!(*codes.lock().unwrap(), [USER_CODE]);

    client
        .send(&Say {
            message: "hello from a signed-in bot".into(),
        })
        .unwrap();
    let chat = timeout(LIMIT, async {
        loop {
            let line = next_chat(&mut client).await;
            if line.contains("hello from a signed-in bot") {
                return line;
            }
        }
    })
    .await
    .unwrap();
    assert_eq!(chat, format!("<{PLAYER}> hello from a signed-in bot"));
    client.close().await.unwrap();

    // The documented flow, in order: the device code, polls while the
    // user signs in, then Xbox Live, XSTS, Minecraft, the profile, and
    // the session server (the client's join, then the server's check).
    assert_eq!(
        svc.fake.paths(),
        [
            "POST /consumers/oauth2/v2.0/devicecode",
            "POST /consumers/oauth2/v2.0/token",
            "POST /consumers/oauth2/v2.0/token",
            "POST /consumers/oauth2/v2.0/token",
            "POST /user/authenticate",
            "POST /xsts/authorize",
            "POST /authentication/login_with_xbox",
            "GET /minecraft/profile",
            "POST /session/minecraft/join",
            "GET /session/minecraft/hasJoined",
        ]
    );
    assert_eq!(svc.fake.problems(), Vec::<String>::new());

    // A second connection reuses the cached token: no sign-in, a join.
    let before = svc.fake.paths().len();
    let again = timeout(LIMIT, svc.client(&server).auth(ms.clone()).connect())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again.username(), PLAYER);
    drop(again);
    assert_eq!(
        svc.fake.paths()[before..],
        [
            "POST /session/minecraft/join",
            "GET /session/minecraft/hasJoined"
        ]
    );

    // Refresh: the refresh token buys a new chain, and a new refresh token.
    let before = svc.fake.paths().len();
    let token = ms.refresh().await.unwrap();
    assert_eq!(token.profile.name, PLAYER);
    assert_eq!(token.access_token.as_ref().unwrap().expose(), MC_TOKEN);
    assert_eq!(
        ms.current_refresh_token().await.unwrap().expose(),
        MS_REFRESH_2
    );
    assert_eq!(
        svc.fake.paths()[before],
        "POST /consumers/oauth2/v2.0/token"
    );
    assert_eq!(svc.fake.problems(), Vec::<String>::new());

    // No secret in any Debug output or in the logs.
    assert_no_secrets("Microsoft's Debug", &format!("{ms:?}"));
    assert_no_secrets("the token's Debug", &format!("{token:?}"));
    assert_no_secrets(
        "the builder's Debug",
        &format!("{:?}", svc.client(&server).auth(ms.clone())),
    );
    let text = String::from_utf8_lossy(&logs().lock().unwrap()).into_owned();
    assert!(
        text.contains("signed in with Microsoft"),
        "the log is captured"
    );
    assert_no_secrets("the log", &text);
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_online_server_refuses_a_client_that_did_not_join() {
    logs();
    let svc = services(Scenario::default()).await;
    let server = svc.online_server().await;
    // Offline: no token, so no join; the server asks hasJoined and is
    // told no.
    let err = timeout(LIMIT, svc.client(&server).username("Sneaky").connect())
        .await
        .unwrap()
        .unwrap_err();
    match err {
        ConnectionError::Disconnected { reason } => {
            assert_eq!(reason.to_plain(), "Failed to verify username!")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(svc.fake.paths(), ["GET /session/minecraft/hasJoined"]);
    assert_eq!(server.player_count(), 0);
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_device_code_names_the_step() {
    let svc = services(Scenario {
        poll_error: Some("bad_verification_code"),
        ..Scenario::default()
    })
    .await;
    let ms = svc.microsoft(Arc::default());
    let e = ms.sign_in().await.unwrap_err();
    assert_eq!(
        e,
        AuthError::new(AuthStep::DeviceToken, AuthErrorKind::BadCode)
    );
    assert_eq!(
        e.to_string(),
        "Microsoft device code sign-in: the device code is not known"
    );
    assert_no_secrets("the error", &format!("{e} {e:?}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_device_code_names_the_step() {
    let svc = services(Scenario {
        pending_polls: 1,
        poll_error: Some("expired_token"),
        ..Scenario::default()
    })
    .await;
    let server = svc.online_server().await;
    // Through connect: the error comes back inside the ConnectionError,
    // before any connection to the server.
    let err = timeout(
        LIMIT,
        svc.client(&server)
            .auth(svc.microsoft(Arc::default()))
            .connect(),
    )
    .await
    .unwrap()
    .unwrap_err();
    let e = auth_error(&err);
    assert_eq!(e.step, AuthStep::DeviceToken);
    assert_eq!(e.kind, AuthErrorKind::CodeExpired);
    assert!(
        err.to_string().contains("Microsoft device code sign-in"),
        "{err}"
    );
    assert_eq!(server.player_count(), 0);
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_refresh_token_names_the_step() {
    let svc = services(Scenario {
        refresh_refused: true,
        ..Scenario::default()
    })
    .await;
    let ms = svc
        .microsoft(Arc::default())
        .refresh_token("stale-refresh-token");
    let e = ms.refresh().await.unwrap_err();
    assert_eq!(
        e,
        AuthError::new(AuthStep::Refresh, AuthErrorKind::InvalidGrant)
    );
    // As an authenticator it falls back to a device code sign-in.
    let codes = Arc::new(Mutex::new(Vec::new()));
    let ms = svc
        .microsoft(codes.clone())
        .refresh_token("stale-refresh-token");
    let token = mcproto::auth::Authenticator::authenticate(&ms)
        .await
        .unwrap();
    assert_eq!(token.profile.name, PLAYER);
    assert_eq!(*codes.lock().unwrap(), [USER_CODE]);
    assert_eq!(svc.fake.problems(), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_minecraft_token_is_refused_at_join() {
    let svc = services(Scenario::default()).await;
    let server = svc.online_server().await;
    let stale = StaticToken::new(
        "stale-minecraft-token",
        Profile {
            id: PROFILE_ID,
            name: PLAYER.into(),
        },
    );
    let err = timeout(LIMIT, svc.client(&server).auth(stale).connect())
        .await
        .unwrap()
        .unwrap_err();
    let e = auth_error(&err);
    assert_eq!(e.step, AuthStep::SessionJoin);
    assert_eq!(
        e.kind,
        AuthErrorKind::Status {
            status: 403,
            code: Some("ForbiddenOperationException".into())
        }
    );
    assert_eq!(e.status(), Some(403));
    // The message names the step and status, and echoes nothing the
    // service said about the token.
    assert_eq!(
        err.to_string(),
        "I/O: session server join: HTTP 403 (ForbiddenOperationException)"
    );
    assert_no_secrets("the error", &format!("{err} {err:?}"));
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn xsts_403_without_an_xbox_account_names_the_step() {
    let svc = services(Scenario {
        xsts_refusal: Some((403, 2148916233)),
        ..Scenario::default()
    })
    .await;
    let e = svc.microsoft(Arc::default()).sign_in().await.unwrap_err();
    assert_eq!(
        e,
        AuthError::new(
            AuthStep::Xsts,
            AuthErrorKind::Xsts {
                status: 403,
                reason: XstsError::NoXboxAccount
            }
        )
    );
    assert_eq!(
        e.to_string(),
        "XSTS authorization: HTTP 403: the account has no Xbox account"
    );
    assert_eq!(
        svc.fake.paths().last().map(String::as_str),
        Some("POST /xsts/authorize")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_without_a_profile_names_the_step() {
    let svc = services(Scenario {
        no_profile: true,
        ..Scenario::default()
    })
    .await;
    let e = svc.microsoft(Arc::default()).sign_in().await.unwrap_err();
    assert_eq!(
        e,
        AuthError::new(AuthStep::Profile, AuthErrorKind::NoProfile)
    );
    assert_eq!(
        e.to_string(),
        "Minecraft profile: the account has no Minecraft profile"
    );
    assert_eq!(svc.fake.problems(), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_untrusted_certificate_is_refused() {
    let svc = services(Scenario::default()).await;
    // Mozilla's roots do not include the test's certificate.
    let e = Microsoft::new(CLIENT_ID)
        .http(HttpClient::new().timeout(Duration::from_secs(10)))
        .endpoints(MicrosoftEndpoints::with_base(&svc.base))
        .sign_in()
        .await
        .unwrap_err();
    assert_eq!(e.step, AuthStep::DeviceCode);
    let AuthErrorKind::Http(why) = &e.kind else {
        panic!("{e:?}")
    };
    assert!(why.to_lowercase().contains("certificate"), "{why}");
    assert!(svc.fake.paths().is_empty(), "no request got through");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_online_network_proxy_verifies_the_player_and_forwards_the_profile() {
    use mcproto::forwarding::Forwarding;
    use mcproto::proxy::{Network, NetworkConfig};
    logs();
    let svc = services(Scenario::default()).await;
    // A backend that reports what the proxy forwarded about each player.
    let backend = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        forwarding: Forwarding::BungeeCord {
            trusted: vec!["127.0.0.1/32".parse().unwrap()],
        },
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let backend_addr = backend.local_addr();
    let (tx, mut seen) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(backend.run(move |player| {
        let tx = tx.clone();
        async move {
            let textures = player
                .properties()
                .iter()
                .map(|p| (p.name.clone(), p.value.clone(), p.signature.clone()))
                .collect::<Vec<_>>();
            let _ = tx.send((player.name().to_owned(), player.uuid(), textures));
            lobby(player).await;
        }
    }));
    let config = NetworkConfig::from_toml(&format!(
        "bind = \"127.0.0.1:0\"\ndefault = \"lobby\"\nforwarding = \"bungeecord\"\n\
         online = true\n[servers]\nlobby = \"{backend_addr}\"\n"
    ))
    .unwrap();
    let network = Network::bind(config)
        .await
        .unwrap()
        .online_mode(OnlineMode::new().session_server(svc.session()));
    let proxy = network.local_addr();
    tokio::spawn(network.run());

    let ms = Arc::new(svc.microsoft(Arc::new(Mutex::new(Vec::new()))));
    let client = timeout(
        LIMIT,
        ClientBuilder::new(&proxy.to_string())
            .http_client(svc.http.clone())
            .session_server(svc.base.as_str())
            .auth(ms)
            .connect(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(client.username(), PLAYER);
    assert_eq!(client.uuid(), PROFILE_ID);
    // The backend got the verified identity and the signed skin.
    let (name, uuid, properties) = timeout(LIMIT, seen.recv()).await.unwrap().unwrap();
    assert_eq!((name.as_str(), uuid), (PLAYER, PROFILE_ID));
    assert_eq!(
        properties,
        [(
            "textures".to_owned(),
            "e30=".to_owned(),
            Some("c2lnbmVk".to_owned())
        )]
    );
    assert_eq!(svc.fake.problems(), Vec::<String>::new());

    // A client that did not join is refused by the proxy, in vanilla's words.
    let err = timeout(
        LIMIT,
        ClientBuilder::new(&proxy.to_string())
            .username("Sneaky")
            .connect(),
    )
    .await
    .unwrap()
    .unwrap_err();
    match err {
        ConnectionError::Disconnected { reason } => {
            assert_eq!(reason.to_plain(), "Failed to verify username!")
        }
        other => panic!("{other:?}"),
    }
}
