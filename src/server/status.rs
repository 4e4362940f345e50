//! The server list ping: the status exchange, and the pre-Netty legacy
//! ping.

use mcproto_core::conn::{AsyncConnection, ConnectionError, Phase, Violation};
use mcproto_core::{ProtocolVersion, ServerStatus, State};
use mcproto_packets::StatusServerbound;
use mcproto_packets::status::clientbound::{Pong, StatusResponse};
use mcproto_packets::version;
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::time::timeout;

use super::Shared;

type Result<T> = std::result::Result<T, ConnectionError>;

impl Shared {
    /// The status a client of `client_version` is shown: its own version
    /// when the server speaks it, else the server's first.
    pub(super) fn status(&self, client_version: ProtocolVersion) -> ServerStatus {
        let players = self.players_lock();
        let shown = if self.accepts(client_version) {
            client_version
        } else {
            self.config
                .versions
                .first()
                .copied()
                .unwrap_or(version::V1_8)
        };
        let sample = players.values().map(|p| (p.name.as_str(), p.uuid));
        let mut status = status_of(
            shown,
            &self.config.motd,
            self.config.max_players,
            players.len(),
            sample,
        );
        status.favicon = self.config.favicon.clone();
        status
    }
}

/// The status shown for `shown` (its name and number), with `online` of
/// `max` players, the first 12 of `sample` named.
pub(crate) fn status_of<'a>(
    shown: ProtocolVersion,
    motd: &str,
    max: usize,
    online: usize,
    sample: impl Iterator<Item = (&'a str, mcproto_core::Uuid)>,
) -> ServerStatus {
    ServerStatus {
        version: mcproto_core::StatusVersion {
            name: version::name(shown),
            protocol: shown.0,
        },
        players: mcproto_core::StatusPlayers {
            max: i32::try_from(max).unwrap_or(i32::MAX),
            online: i32::try_from(online).unwrap_or(i32::MAX),
            sample: sample
                .take(12)
                .map(|(name, id)| mcproto_core::StatusPlayer {
                    name: name.to_owned(),
                    id: id.to_string(),
                })
                .collect(),
        },
        description: mcproto_core::TextComponent::text(motd.to_owned()),
        favicon: None,
    }
}

/// Answers one status request and one ping, as vanilla does.
pub(super) async fn status(
    shared: &Shared,
    mut conn: AsyncConnection<OwnedReadHalf, OwnedWriteHalf>,
    version: ProtocolVersion,
) -> Result<()> {
    conn.set_state(State::Status);
    // Status packets are the same in every version, so any client gets an answer.
    let limit = shared.config.phase_timeout;
    // One request and one ping at most: a client repeating requests cannot
    // hold the connection open past two phase timeouts.
    let mut answered = false;
    loop {
        let packet = timeout(limit, conn.reader.read::<StatusServerbound>())
            .await
            .map_err(|_| ConnectionError::Timeout(Phase::Status))??;
        // What to answer, taken out of the borrowed packet before awaiting.
        let ping = match packet {
            StatusServerbound::StatusRequest(_) if answered => {
                return Err(ConnectionError::Protocol(Violation::SecondStatusRequest));
            }
            StatusServerbound::StatusRequest(_) => None,
            // Vanilla also answers a Ping that comes without a Request.
            StatusServerbound::Ping(ping) => Some(ping.payload),
            other => {
                let id = match &other {
                    StatusServerbound::Unknown(raw) => Some(raw.id),
                    _ => None,
                };
                return Err(ConnectionError::Protocol(Violation::UnexpectedPacket {
                    state: State::Status,
                    name: Some(other.name()),
                    id,
                }));
            }
        };
        match ping {
            None => {
                answered = true;
                let response = StatusResponse::new(&shared.status(version));
                conn.writer.send(&response).await?;
            }
            Some(payload) => {
                conn.writer.send(&Pong { payload }).await?;
                return Ok(());
            }
        }
    }
}

/// Answers the pre-Netty server list ping as vanilla 1.8 does: a kick
/// packet (0xFF) whose UTF-16BE text carries the MOTD and player counts.
pub(super) async fn legacy_ping(shared: &Shared, mut stream: TcpStream) -> Result<()> {
    use crate::legacy::{LegacyStatus, read_request, reply_for};
    use tokio::io::AsyncWriteExt;
    let request = read_request(&mut stream, shared.config.phase_timeout).await?;
    tracing::debug!(?request, "legacy ping");
    let status = LegacyStatus {
        // 127: not a pre-Netty protocol, so old clients show "outdated".
        protocol: Some(127),
        version: Some(
            shared
                .config
                .versions
                .first()
                .map_or_else(|| "1.8.9".to_owned(), |v| version::name(*v)),
        ),
        motd: shared
            .config
            .motd
            .chars()
            .filter(|c| *c != '\u{a7}' && *c != '\0')
            .collect(),
        online: i32::try_from(shared.players_lock().len()).unwrap_or(i32::MAX),
        max: i32::try_from(shared.config.max_players).unwrap_or(i32::MAX),
    };
    stream.write_all(&reply_for(&request, &status)).await?;
    stream.shutdown().await?;
    Ok(())
}
