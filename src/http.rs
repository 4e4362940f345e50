//! The HTTPS client of online mode (feature `online`): hyper over rustls
//! (ring), HTTP/1.1, `https://` and `http://` URLs.
//!
//! Certificates are checked against Mozilla's root store (webpki-roots)
//! unless a [`TlsRoots`] of your own is given, such as one holding a test
//! server's self-made certificate. Verification is never turned off.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

/// Responses larger than this are refused (every answer in these flows is
/// a few kilobytes).
pub const MAX_RESPONSE: usize = 1 << 20;

/// Why a request got no HTTP answer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HttpError {
    /// The URL cannot be used (not `http://` or `https://`, or malformed).
    InvalidUrl(String),
    /// The root store could not be built (a certificate that does not parse).
    Tls(String),
    /// Connecting, the TLS handshake, or the exchange failed.
    Transport(String),
    /// No complete answer within the client's timeout.
    Timeout(Duration),
    /// The answer is larger than [`MAX_RESPONSE`].
    TooLarge,
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HttpError::InvalidUrl(u) => write!(f, "invalid URL: {u}"),
            HttpError::Tls(e) => write!(f, "TLS configuration: {e}"),
            HttpError::Transport(e) => write!(f, "{e}"),
            HttpError::Timeout(t) => write!(f, "no answer within {t:?}"),
            HttpError::TooLarge => write!(f, "answer larger than {MAX_RESPONSE} bytes"),
        }
    }
}

impl std::error::Error for HttpError {}

/// The certificates a server's chain may end at.
#[derive(Clone)]
pub struct TlsRoots {
    store: rustls::RootCertStore,
}

impl fmt::Debug for TlsRoots {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsRoots")
            .field("certificates", &self.store.len())
            .finish()
    }
}

impl Default for TlsRoots {
    fn default() -> Self {
        TlsRoots::mozilla()
    }
}

impl TlsRoots {
    /// Mozilla's root certificates, as shipped by webpki-roots: what
    /// Microsoft's, Xbox's and Mojang's servers are checked against.
    pub fn mozilla() -> Self {
        TlsRoots {
            store: rustls::RootCertStore {
                roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
            },
        }
    }

    /// No certificate at all: add your own with [`TlsRoots::with_der`].
    pub fn empty() -> Self {
        TlsRoots {
            store: rustls::RootCertStore::empty(),
        }
    }

    /// Adds one certificate (DER), such as a test server's self-signed one.
    pub fn with_der(mut self, der: impl Into<Vec<u8>>) -> Result<Self, HttpError> {
        self.store
            .add(rustls::pki_types::CertificateDer::from(der.into()))
            .map_err(|e| HttpError::Tls(e.to_string()))?;
        Ok(self)
    }
}

/// An HTTP request, as the auth and session code builds them.
#[derive(Debug)]
pub(crate) struct Request<'a> {
    pub method: &'static str,
    pub url: &'a str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

/// An HTTP answer.
pub(crate) struct Response {
    pub status: u16,
    pub body: Vec<u8>,
}

/// An HTTPS client: cheap to clone, one connection pool shared by clones.
#[derive(Clone)]
pub struct HttpClient {
    client: HyperClient<hyper_rustls::HttpsConnector<HttpConnector>, Full<Bytes>>,
    timeout: Duration,
    roots: usize,
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpClient")
            .field("timeout", &self.timeout)
            .field("root_certificates", &self.roots)
            .finish()
    }
}

impl Default for HttpClient {
    fn default() -> Self {
        HttpClient::new()
    }
}

impl HttpClient {
    /// Mozilla's roots, 20 s per request.
    pub fn new() -> Self {
        HttpClient::with_roots(TlsRoots::mozilla())
    }

    /// Trusts exactly `roots`.
    pub fn with_roots(roots: TlsRoots) -> Self {
        let count = roots.store.len();
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            // ring's provider supports TLS 1.2 and 1.3: this cannot fail.
            .unwrap_or_else(|_| unreachable!("ring supports the default TLS versions"))
            .with_root_certificates(roots.store)
            .with_no_client_auth();
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(config)
            .https_or_http()
            .enable_http1()
            .build();
        HttpClient {
            client: HyperClient::builder(TokioExecutor::new()).build(https),
            timeout: Duration::from_secs(20),
            roots: count,
        }
    }

    /// How long one request may take, answer included (default 20 s).
    #[must_use]
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    pub(crate) async fn send(&self, req: Request<'_>) -> Result<Response, HttpError> {
        if !(req.url.starts_with("https://") || req.url.starts_with("http://")) {
            return Err(HttpError::InvalidUrl(redact_query(req.url)));
        }
        let uri: hyper::Uri = req
            .url
            .parse()
            .map_err(|_| HttpError::InvalidUrl(redact_query(req.url)))?;
        let mut builder = hyper::Request::builder()
            .method(req.method)
            .uri(uri)
            .header(
                "user-agent",
                concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
            );
        for (name, value) in &req.headers {
            builder = builder.header(*name, value);
        }
        let request = builder
            .body(Full::new(Bytes::from(req.body)))
            .map_err(|e| HttpError::InvalidUrl(e.to_string()))?;
        let exchange = async {
            let response = self
                .client
                .request(request)
                .await
                .map_err(|e| HttpError::Transport(describe(&e)))?;
            let status = response.status().as_u16();
            let body = Limited::new(response.into_body(), MAX_RESPONSE)
                .collect()
                .await
                .map_err(|e| {
                    if e.is::<http_body_util::LengthLimitError>() {
                        HttpError::TooLarge
                    } else {
                        HttpError::Transport(e.to_string())
                    }
                })?
                .to_bytes()
                .to_vec();
            Ok(Response { status, body })
        };
        tokio::time::timeout(self.timeout, exchange)
            .await
            .map_err(|_| HttpError::Timeout(self.timeout))?
    }
}

/// The error and its causes, one line (hyper's own message is terse:
/// "client error (Connect)").
fn describe(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cause = c.source();
    }
    s
}

/// A URL for an error message, without its query (which may carry names
/// and server hashes).
pub(crate) fn redact_query(url: &str) -> String {
    match url.split_once('?') {
        Some((base, _)) => format!("{base}?…"),
        None => url.to_owned(),
    }
}

/// `application/x-www-form-urlencoded` of `pairs`.
pub(crate) fn form(pairs: &[(&str, &str)]) -> Vec<u8> {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        percent_encode(&mut out, k);
        out.push('=');
        percent_encode(&mut out, v);
    }
    out.into_bytes()
}

/// Percent-encodes `s` for a query string or form: unreserved characters
/// stay, a space becomes `%20`, everything else `%XX` per UTF-8 byte.
pub(crate) fn percent_encode(out: &mut String, s: &str) {
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_encoded() {
        assert_eq!(
            form(&[("scope", "XboxLive.signin offline_access"), ("a&b", "ü=")]),
            b"scope=XboxLive.signin%20offline_access&a%26b=%C3%BC%3D".to_vec()
        );
        assert_eq!(
            redact_query("https://x/hasJoined?username=a"),
            "https://x/hasJoined?…"
        );
    }

    #[test]
    fn bad_certificates_are_refused() {
        assert!(matches!(
            TlsRoots::empty().with_der(vec![1, 2, 3]),
            Err(HttpError::Tls(_))
        ));
    }
}
