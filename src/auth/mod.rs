//! Who the client is: authentication as a trait, with three
//! implementations that all return a [`MinecraftToken`].
//!
//! | implementation | for | feature |
//! |---|---|---|
//! | [`Offline`] | offline-mode servers: a name, no token | — |
//! | [`StaticToken`] | an access token and profile you already have | — |
//! | `Microsoft` | signing in: device code → Xbox Live → XSTS → Minecraft services → profile, with refresh | `online` |
//!
//! Implement [`Authenticator`] for anything else (a launcher's token
//! store, an alternative auth server). The client calls it once per
//! [`connect`](crate::client::ClientBuilder::connect), before opening the
//! socket, then joins through the session server (module `session`,
//! feature `online`) with the token when
//! the server asks for encryption.
//!
//! Secrets (access and refresh tokens, device and user codes) are held in
//! [`Secret`], whose `Debug` prints no part of them, and no step logs them.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use mcproto_core::Uuid;

#[cfg(feature = "online")]
pub mod microsoft;
#[cfg(feature = "online")]
pub mod session;

#[cfg(feature = "online")]
pub use microsoft::{DeviceCode, Microsoft, MicrosoftEndpoints};
#[cfg(feature = "online")]
pub use session::{JoinedProfile, OnlineMode, ProfileProperty, SessionServer};

/// A secret string: a token or a code. `Debug` shows only that it is one;
/// read it with [`Secret::expose`] where it must be sent.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, to send or to store.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret(s)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret(s.to_owned())
    }
}

/// A Minecraft profile: the player's UUID and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The profile's UUID.
    pub id: Uuid,
    /// The player name.
    pub name: String,
}

/// What every [`Authenticator`] returns: the profile to log in as and,
/// for online mode, the access token the session server takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinecraftToken {
    /// The Minecraft access token; `None` for offline play.
    pub access_token: Option<Secret>,
    /// The profile.
    pub profile: Profile,
    /// When the token stops working, when known.
    pub expires_at: Option<SystemTime>,
}

impl MinecraftToken {
    /// An offline identity: `name` with its offline UUID, no token.
    pub fn offline(name: impl Into<String>) -> Self {
        let name = name.into();
        MinecraftToken {
            access_token: None,
            profile: Profile {
                id: mcproto_core::types::offline_uuid(&name),
                name,
            },
            expires_at: None,
        }
    }

    /// Whether the token is missing, or expires within `margin`.
    pub fn expires_within(&self, margin: Duration) -> bool {
        match (&self.access_token, self.expires_at) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(_), Some(at)) => at <= SystemTime::now() + margin,
        }
    }
}

/// The future an [`Authenticator`] returns.
pub type AuthFuture<'a> =
    Pin<Box<dyn Future<Output = Result<MinecraftToken, AuthError>> + Send + 'a>>;

/// Something that can say who the client is.
///
/// ```
/// use mcproto::auth::{AuthFuture, Authenticator, MinecraftToken};
///
/// /// Reads the name from the environment, offline.
/// struct FromEnv;
///
/// impl Authenticator for FromEnv {
///     fn authenticate(&self) -> AuthFuture<'_> {
///         Box::pin(async {
///             let name = std::env::var("MC_NAME").unwrap_or_else(|_| "Player".into());
///             Ok(MinecraftToken::offline(name))
///         })
///     }
/// }
/// ```
pub trait Authenticator: Send + Sync {
    /// The token to log in with: cached, refreshed or newly obtained, as
    /// the implementation sees fit.
    fn authenticate(&self) -> AuthFuture<'_>;
}

impl<A: Authenticator + ?Sized> Authenticator for Arc<A> {
    fn authenticate(&self) -> AuthFuture<'_> {
        (**self).authenticate()
    }
}

impl<A: Authenticator + ?Sized> Authenticator for Box<A> {
    fn authenticate(&self) -> AuthFuture<'_> {
        (**self).authenticate()
    }
}

/// Offline play: a name and its offline UUID, no token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offline {
    name: String,
}

impl Offline {
    /// Plays as `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Offline { name: name.into() }
    }
}

impl Authenticator for Offline {
    fn authenticate(&self) -> AuthFuture<'_> {
        let token = MinecraftToken::offline(self.name.clone());
        Box::pin(async move { Ok(token) })
    }
}

/// An access token and profile obtained elsewhere (a launcher, a token
/// store), used as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticToken {
    token: MinecraftToken,
}

impl StaticToken {
    /// Uses `access_token` for `profile`.
    pub fn new(access_token: impl Into<Secret>, profile: Profile) -> Self {
        StaticToken {
            token: MinecraftToken {
                access_token: Some(access_token.into()),
                profile,
                expires_at: None,
            },
        }
    }
}

impl Authenticator for StaticToken {
    fn authenticate(&self) -> AuthFuture<'_> {
        let token = self.token.clone();
        Box::pin(async move { Ok(token) })
    }
}

/// The step of a sign-in or session exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthStep {
    /// Asking Microsoft for a device code.
    DeviceCode,
    /// Waiting for the user to enter the code (polling Microsoft's token endpoint).
    DeviceToken,
    /// Refreshing the Microsoft token.
    Refresh,
    /// Xbox Live user authentication.
    XboxLive,
    /// XSTS authorization for Minecraft.
    Xsts,
    /// Minecraft services login with the Xbox token.
    MinecraftLogin,
    /// Fetching the Minecraft profile.
    Profile,
    /// The client's join through the session server.
    SessionJoin,
    /// The server's `hasJoined` check.
    HasJoined,
    /// A step of an [`Authenticator`] of your own.
    Custom(&'static str),
}

impl fmt::Display for AuthStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AuthStep::DeviceCode => "Microsoft device code request",
            AuthStep::DeviceToken => "Microsoft device code sign-in",
            AuthStep::Refresh => "Microsoft token refresh",
            AuthStep::XboxLive => "Xbox Live authentication",
            AuthStep::Xsts => "XSTS authorization",
            AuthStep::MinecraftLogin => "Minecraft services login",
            AuthStep::Profile => "Minecraft profile",
            AuthStep::SessionJoin => "session server join",
            AuthStep::HasJoined => "session server hasJoined",
            AuthStep::Custom(s) => s,
        })
    }
}

/// Why XSTS refused the account (its `XErr` code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum XstsError {
    /// 2148916233: the Microsoft account has no Xbox account.
    NoXboxAccount,
    /// 2148916235: Xbox Live is not available in the account's country.
    CountryUnavailable,
    /// 2148916236 or 2148916237: the account needs adult verification.
    AdultVerificationRequired,
    /// 2148916238: a child account not added to a family.
    ChildAccount,
    /// Another code.
    Other(u64),
}

impl XstsError {
    /// The meaning of an `XErr` code.
    pub fn from_code(code: u64) -> Self {
        match code {
            2148916233 => XstsError::NoXboxAccount,
            2148916235 => XstsError::CountryUnavailable,
            2148916236 | 2148916237 => XstsError::AdultVerificationRequired,
            2148916238 => XstsError::ChildAccount,
            other => XstsError::Other(other),
        }
    }
}

impl fmt::Display for XstsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XstsError::NoXboxAccount => f.write_str("the account has no Xbox account"),
            XstsError::CountryUnavailable => {
                f.write_str("Xbox Live is not available in the account's country")
            }
            XstsError::AdultVerificationRequired => {
                f.write_str("the account needs adult verification")
            }
            XstsError::ChildAccount => {
                f.write_str("a child account must be added to a family first")
            }
            XstsError::Other(code) => write!(f, "XErr {code}"),
        }
    }
}

/// What went wrong in a step.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthErrorKind {
    /// No HTTP answer: connection, TLS, timeout.
    Http(String),
    /// An HTTP status the step does not expect, with the service's error
    /// code when it sent one (`invalid_client`, `ForbiddenOperationException`).
    Status {
        /// The HTTP status.
        status: u16,
        /// The error code in the answer, if any (never its free text).
        code: Option<String>,
    },
    /// The user declined the sign-in.
    Declined,
    /// The device code expired before the user entered it.
    CodeExpired,
    /// Microsoft does not know the device code.
    BadCode,
    /// The refresh token is expired or revoked: sign in again.
    InvalidGrant,
    /// XSTS refused the account.
    Xsts {
        /// The HTTP status.
        status: u16,
        /// Why.
        reason: XstsError,
    },
    /// The account owns no Minecraft profile (no game, or no name chosen).
    NoProfile,
    /// An answer without the fields the step needs.
    Malformed(String),
    /// The feature this needs is not built in.
    Unsupported(&'static str),
}

impl fmt::Display for AuthErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthErrorKind::Http(e) => write!(f, "no answer: {e}"),
            AuthErrorKind::Status { status, code } => {
                write!(f, "HTTP {status}")?;
                if let Some(code) = code {
                    write!(f, " ({code})")?;
                }
                Ok(())
            }
            AuthErrorKind::Declined => f.write_str("the user declined"),
            AuthErrorKind::CodeExpired => f.write_str("the code expired before it was entered"),
            AuthErrorKind::BadCode => f.write_str("the device code is not known"),
            AuthErrorKind::InvalidGrant => {
                f.write_str("the refresh token is expired or revoked; sign in again")
            }
            AuthErrorKind::Xsts { status, reason } => write!(f, "HTTP {status}: {reason}"),
            AuthErrorKind::NoProfile => f.write_str("the account has no Minecraft profile"),
            AuthErrorKind::Malformed(why) => write!(f, "unexpected answer: {why}"),
            AuthErrorKind::Unsupported(what) => write!(f, "built without {what}"),
        }
    }
}

/// A failed step of authentication, naming the step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthError {
    /// Which step.
    pub step: AuthStep,
    /// What happened.
    pub kind: AuthErrorKind,
}

impl AuthError {
    /// An error of `kind` at `step`.
    pub fn new(step: AuthStep, kind: AuthErrorKind) -> Self {
        AuthError { step, kind }
    }

    /// The HTTP status, when the step got one.
    pub fn status(&self) -> Option<u16> {
        match &self.kind {
            AuthErrorKind::Status { status, .. } | AuthErrorKind::Xsts { status, .. } => {
                Some(*status)
            }
            _ => None,
        }
    }

    /// The authentication error inside a connection error, if that is what
    /// ended the connection ([`ClientBuilder::connect`] reports these as
    /// [`ConnectionError::Io`] with this error inside).
    ///
    /// [`ClientBuilder::connect`]: crate::client::ClientBuilder::connect
    /// [`ConnectionError::Io`]: mcproto_core::ConnectionError::Io
    pub fn from_connection_error(e: &mcproto_core::ConnectionError) -> Option<&AuthError> {
        match e {
            mcproto_core::ConnectionError::Io(io) => io.get_ref()?.downcast_ref::<AuthError>(),
            _ => None,
        }
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.step, self.kind)
    }
}

impl std::error::Error for AuthError {}

impl From<AuthError> for mcproto_core::ConnectionError {
    fn from(e: AuthError) -> Self {
        mcproto_core::ConnectionError::Io(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            e,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_stay_out_of_debug() {
        let t = StaticToken::new(
            "very-secret-token",
            Profile {
                id: Uuid::nil(),
                name: "Alex".into(),
            },
        );
        let shown = format!("{t:?}");
        assert!(!shown.contains("very-secret"), "{shown}");
        assert!(shown.contains("Alex"));
    }

    #[test]
    fn errors_name_the_step_and_status() {
        let e = AuthError::new(
            AuthStep::Xsts,
            AuthErrorKind::Xsts {
                status: 401,
                reason: XstsError::from_code(2148916233),
            },
        );
        assert_eq!(
            e.to_string(),
            "XSTS authorization: HTTP 401: the account has no Xbox account"
        );
        assert_eq!(e.status(), Some(401));
        let c: mcproto_core::ConnectionError = e.clone().into();
        assert_eq!(AuthError::from_connection_error(&c), Some(&e));
    }
}
