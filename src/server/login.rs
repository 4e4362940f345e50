//! Logging a player in: Login Start, optional encryption and compression,
//! Login Success, then the player's tasks.

use std::net::SocketAddr;
use std::sync::Arc;

use mcproto_core::conn::{AsyncConnection, ConnectionError, Phase};
use mcproto_core::{Chat, ProtocolVersion, State};
use mcproto_packets::login::clientbound::{
    Disconnect as LoginDisconnect, LoginSuccess, SetCompression,
};
use mcproto_packets::login::serverbound::LoginStart;
use mcproto_packets::play::serverbound::KeepAlive as KeepAliveResponse;
use mcproto_packets::version;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::mpsc;
use tokio::time::timeout;

use super::keepalive::KeepAliveState;
use super::player::{KeepAliveConfig, PacketSender, Player, write_loop};
use super::{PlayerEntry, ServerHandle, Shared};
use crate::forwarding::ForwardedPlayer;

type Result<T> = std::result::Result<T, ConnectionError>;
type Conn = AsyncConnection<OwnedReadHalf, OwnedWriteHalf>;

async fn phase<T>(shared: &Shared, f: impl std::future::Future<Output = Result<T>>) -> Result<T> {
    timeout(shared.config.phase_timeout, f)
        .await
        .map_err(|_| ConnectionError::Timeout(Phase::Login))?
}

/// Logs the player in; `None` when it was refused (with a Disconnect).
pub(super) async fn login(
    shared: &Arc<Shared>,
    mut conn: Conn,
    version: ProtocolVersion,
    peer: SocketAddr,
    forwarded: Option<ForwardedPlayer>,
) -> Result<Option<Player>> {
    conn.set_state(State::Login);
    let Some(registry) = shared.registry_for(version) else {
        let accepted: Vec<String> = shared
            .config
            .versions
            .iter()
            .map(|v| version::describe(*v))
            .collect();
        let reason = format!(
            "Unsupported protocol {}; this server speaks {}",
            version::describe(version),
            accepted.join(", ")
        );
        conn.writer
            .send(&LoginDisconnect {
                reason: Chat::text(&reason),
            })
            .await?;
        return Ok(None);
    };
    conn.set_registry(registry.clone());
    let start: LoginStart = phase(shared, conn.reader.read_packet()).await?;
    let name = start.name.to_string();
    if shared.players_lock().len() >= shared.config.max_players {
        conn.writer
            .send(&LoginDisconnect {
                reason: Chat::text("The server is full"),
            })
            .await?;
        return Ok(None);
    }

    #[cfg(feature = "encryption")]
    let secret = match server_key(shared).await? {
        Some(key) => Some(encrypt(&mut conn, key, shared.config.phase_timeout).await?),
        None => None,
    };
    #[cfg(all(feature = "encryption", not(feature = "online")))]
    let _ = &secret;
    // Who the player is: who a proxy in front of us says; in online mode,
    // who the session server says; else the name sent, with its offline UUID.
    let mut uuid = mcproto_core::types::offline_uuid(&name);
    #[allow(unused_mut)]
    let mut name = name;
    let mut address = peer;
    let mut properties = Vec::new();
    #[cfg_attr(not(feature = "online"), allow(unused_variables))]
    let behind_proxy = forwarded.is_some();
    if let Some(f) = forwarded {
        properties = f.profile_properties().cloned().collect();
        uuid = f.uuid;
        address = SocketAddr::new(f.address, peer.port());
    }
    #[cfg(feature = "online")]
    if !behind_proxy
        && let (Some(online), Some((secret, key))) = (&shared.config.online_mode, &secret)
    {
        match check_session(online, &mut conn, &name, peer, secret, key).await? {
            Some(profile) => {
                name = profile.name;
                uuid = profile.id;
                properties = profile.properties;
            }
            None => return Ok(None),
        }
    }

    if let Some(threshold) = shared.config.compression_threshold {
        let t = i32::try_from(threshold).unwrap_or(i32::MAX);
        conn.writer.send(&SetCompression { threshold: t }).await?;
        conn.set_compression(Some(threshold));
    }
    conn.writer
        .send(&LoginSuccess {
            uuid: uuid.to_string().into(),
            username: name.clone().into(),
        })
        .await?;
    conn.set_state(State::Play);
    tracing::debug!(%peer, name, %version, "logged in");

    let (reader, writer) = conn.split();
    let (tx, rx) = mpsc::channel(shared.config.send_queue.max(16));
    let sender = PacketSender::new(tx, registry.clone(), shared.config.compression_threshold);
    let id = shared
        .next_id
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let keepalive = Arc::new(KeepAliveState::new());
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
    let keepalive_config = KeepAliveConfig {
        state: keepalive.clone(),
        every: shared.config.keepalive_interval,
        limit: shared.config.keepalive_timeout,
    };
    tokio::spawn(async move {
        if let Err(e) = write_loop(writer, rx, keepalive_config).await {
            tracing::info!(%peer, "dropping a player: {e}");
        }
        shared2.players_lock().remove(&id);
    });
    Ok(Some(Player {
        id,
        name,
        uuid,
        address,
        properties,
        reader,
        sender,
        keepalive,
        keepalive_id: registry.id_of::<KeepAliveResponse>(),
        server: ServerHandle(shared.clone()),
        ended: false,
    }))
}

/// The key Encryption Requests carry: the one made at bind (`encryption`),
/// else, in online mode, the online configuration's; `None`: no encryption.
#[cfg(feature = "encryption")]
async fn server_key(shared: &Shared) -> Result<Option<&mcproto_core::crypto::ServerKey>> {
    if let Some(key) = &shared.key {
        return Ok(Some(key));
    }
    #[cfg(feature = "online")]
    if let Some(online) = &shared.config.online_mode {
        return Ok(Some(online.key().await?));
    }
    Ok(None)
}

/// The Encryption Request and Response (the answer within `limit`);
/// encryption is on afterwards. Returns the shared secret (for the server
/// hash) and the key.
#[cfg(feature = "encryption")]
pub(crate) async fn encrypt<'k>(
    conn: &mut Conn,
    key: &'k mcproto_core::crypto::ServerKey,
    limit: std::time::Duration,
) -> Result<([u8; 16], &'k mcproto_core::crypto::ServerKey)> {
    use mcproto_core::conn::CryptoError;
    use mcproto_packets::login::clientbound::EncryptionRequest;
    use mcproto_packets::login::serverbound::EncryptionResponse;
    let token = mcproto_core::crypto::random_secret()[..4].to_vec();
    let request = EncryptionRequest {
        server_id: "".into(),
        public_key: key.public_der().to_vec().into(),
        verify_token: token.clone().into(),
    };
    conn.writer.send(&request).await?;
    let response: EncryptionResponse = timeout(limit, conn.reader.read_packet())
        .await
        .map_err(|_| ConnectionError::Timeout(Phase::Login))??;
    let secret = key.decrypt(&response.shared_secret)?;
    if key.decrypt(&response.verify_token)? != token {
        return Err(CryptoError::VerifyTokenMismatch.into());
    }
    let len = secret.len();
    let secret: [u8; 16] = secret
        .try_into()
        .map_err(|_| CryptoError::SecretLength(len))?;
    conn.enable_encryption(&secret);
    Ok((secret, key))
}

/// Online mode, after [`encrypt`]: asks the session server whether `name`
/// joined with this secret and key. `None` when not (or when the session
/// server cannot be reached): the player was told why, as vanilla words it.
#[cfg(feature = "online")]
pub(crate) async fn check_session(
    online: &crate::auth::OnlineMode,
    conn: &mut Conn,
    name: &str,
    peer: SocketAddr,
    secret: &[u8; 16],
    key: &mcproto_core::crypto::ServerKey,
) -> Result<Option<crate::auth::JoinedProfile>> {
    let hash = mcproto_core::crypto::server_hash("", secret, key.public_der());
    let ip = online.prevents_proxy_connections().then(|| peer.ip());
    match online.session().has_joined(name, &hash, ip).await {
        Ok(Some(profile)) => {
            tracing::debug!(%peer, name, verified = profile.name, "session verified");
            Ok(Some(profile))
        }
        Ok(None) => {
            tracing::info!(%peer, name, "refused: not joined with the session server");
            refuse(conn, "Failed to verify username!").await?;
            Ok(None)
        }
        Err(e) => {
            tracing::warn!(%peer, name, "cannot verify the player: {e}");
            refuse(
                conn,
                "Authentication servers are down. Please try again later, sorry!",
            )
            .await?;
            Ok(None)
        }
    }
}

/// Ends the login with a Disconnect giving `reason`.
#[cfg(feature = "online")]
async fn refuse(conn: &mut Conn, reason: &str) -> Result<()> {
    conn.writer
        .send(&LoginDisconnect {
            reason: Chat::text(reason),
        })
        .await
}
