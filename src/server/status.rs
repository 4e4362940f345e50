//! The server list ping: the status exchange, and the pre-Netty legacy
//! ping.

use std::time::Duration;

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
        ServerStatus {
            version: mcproto_core::StatusVersion {
                name: version::name(shown),
                protocol: shown.0,
            },
            players: mcproto_core::StatusPlayers {
                max: i32::try_from(self.config.max_players).unwrap_or(i32::MAX),
                online: i32::try_from(players.len()).unwrap_or(i32::MAX),
                sample: players
                    .values()
                    .take(12)
                    .map(|p| mcproto_core::StatusPlayer {
                        name: p.name.clone(),
                        id: p.uuid.to_string(),
                    })
                    .collect(),
            },
            description: mcproto_core::TextComponent::text(self.config.motd.clone()),
            favicon: self.config.favicon.clone(),
        }
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
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut buf = [0u8; 256];
    let mut n = stream.read(&mut buf).await?;
    // 1.4+ clients follow 0xFE with 0x01 (and 1.6 with a plugin message);
    // give the rest a moment to arrive.
    if n == 1
        && let Ok(Ok(more)) = timeout(Duration::from_millis(100), stream.read(&mut buf[1..])).await
    {
        n += more;
    }
    let players = shared.players_lock().len();
    let max = shared.config.max_players;
    let motd: String = shared
        .config
        .motd
        .chars()
        .filter(|c| *c != '\u{a7}' && *c != '\0')
        .collect();
    let text = if n >= 2 && buf[1] == 0x01 {
        let name = shared
            .config
            .versions
            .first()
            .map_or_else(|| "1.8.9".to_owned(), |v| version::name(*v));
        format!("\u{a7}1\0{}\0{}\0{}\0{}\0{}", 127, name, motd, players, max)
    } else {
        format!("{motd}\u{a7}{players}\u{a7}{max}")
    };
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out = Vec::with_capacity(3 + units.len() * 2);
    out.push(0xFF);
    out.extend_from_slice(&(units.len() as u16).to_be_bytes());
    for u in units {
        out.extend_from_slice(&u.to_be_bytes());
    }
    stream.write_all(&out).await?;
    stream.shutdown().await?;
    Ok(())
}
