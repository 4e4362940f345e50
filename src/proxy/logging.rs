//! A logging proxy: it forwards the bytes between a client and an upstream
//! server unchanged, and decodes both directions on the side to log them.
//!
//! Decoding follows the connection: the Handshake's next state and protocol
//! version, Set Compression (login and play) and Login Success. Bytes are
//! decoded before they are forwarded, so a state change is in place before
//! the peer can react to it. When the login turns encryption on (online
//! mode), the proxy keeps forwarding but stops decoding, since it does not
//! hold the key.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mcproto_core::conn::{ConnectionError, Phase};
use mcproto_core::frame::FrameDecoder;
use mcproto_core::{AnyPacket, Direction, Error, ProtocolVersion, Registry, State};
use mcproto_packets::handshaking::serverbound::{Handshake, NextState};
use mcproto_packets::login::clientbound::{LoginSuccess, SetCompression};
use mcproto_packets::login::serverbound::EncryptionResponse;
use mcproto_packets::play::clientbound::SetCompression as PlaySetCompression;
use mcproto_packets::{registry, version};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};

/// One packet seen by the proxy.
#[derive(Debug)]
pub struct Observed<'a> {
    /// Which way it went.
    pub direction: Direction,
    /// The state it was decoded in.
    pub state: State,
    /// The frame (packet id + body, decompressed).
    pub frame: &'a [u8],
    /// The decoded packet, or why it could not be decoded.
    pub packet: std::result::Result<&'a AnyPacket, &'a Error>,
}

type Observer = Arc<dyn Fn(&Observed<'_>) + Send + Sync>;
type Result<T> = std::result::Result<T, ConnectionError>;

/// What a [`LoggingProxy`] does.
#[derive(Clone)]
pub struct LoggingConfig {
    /// Address to listen on.
    pub bind: String,
    /// The server to forward to.
    pub upstream: String,
    /// Packet names to log; all when empty.
    pub filter: Vec<String>,
    /// How long to wait for the upstream connection.
    pub connect_timeout: Duration,
    /// Called for every packet seen, after logging.
    pub observer: Option<Observer>,
}

impl std::fmt::Debug for LoggingConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoggingConfig")
            .field("bind", &self.bind)
            .field("upstream", &self.upstream)
            .field("filter", &self.filter)
            .finish_non_exhaustive()
    }
}

impl Default for LoggingConfig {
    fn default() -> Self {
        LoggingConfig {
            bind: "127.0.0.1:25566".into(),
            upstream: "127.0.0.1:25565".into(),
            filter: Vec::new(),
            connect_timeout: Duration::from_secs(10),
            observer: None,
        }
    }
}

/// A bound proxy.
#[derive(Debug)]
pub struct LoggingProxy {
    listener: TcpListener,
    config: Arc<LoggingConfig>,
}

impl LoggingProxy {
    /// Binds the listening socket.
    pub async fn bind(config: LoggingConfig) -> Result<LoggingProxy> {
        let listener = TcpListener::bind(&config.bind).await?;
        Ok(LoggingProxy {
            listener,
            config: Arc::new(config),
        })
    }

    /// The address the proxy listens on.
    pub fn local_addr(&self) -> Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// Accepts clients forever, each with its own upstream connection.
    pub async fn run(self) -> Result<()> {
        loop {
            let (client, peer) = self.listener.accept().await?;
            let config = self.config.clone();
            tokio::spawn(async move {
                if let Err(e) = relay(client, config).await {
                    tracing::info!(%peer, "proxied connection ended: {e}");
                }
            });
        }
    }
}

/// What both directions learn about the connection.
struct Tracker {
    state: State,
    version: ProtocolVersion,
    compression: Option<usize>,
    encrypted: bool,
}

async fn relay(client: TcpStream, config: Arc<LoggingConfig>) -> Result<()> {
    let upstream =
        tokio::time::timeout(config.connect_timeout, TcpStream::connect(&config.upstream))
            .await
            .map_err(|_| ConnectionError::Timeout(Phase::Connecting))??;
    client.set_nodelay(true)?;
    upstream.set_nodelay(true)?;
    let tracker = Arc::new(Mutex::new(Tracker {
        state: State::Handshaking,
        version: version::V1_8,
        compression: None,
        encrypted: false,
    }));
    let (cr, cw) = client.into_split();
    let (ur, uw) = upstream.into_split();
    let up = tokio::spawn(pump(
        cr,
        uw,
        Direction::Serverbound,
        tracker.clone(),
        config.clone(),
    ));
    let down = tokio::spawn(pump(ur, cw, Direction::Clientbound, tracker, config));
    let (a, b) = tokio::join!(up, down);
    for r in [a, b] {
        r.map_err(|e| ConnectionError::Io(std::io::Error::other(e)))??;
    }
    Ok(())
}

async fn pump(
    mut from: OwnedReadHalf,
    mut to: OwnedWriteHalf,
    direction: Direction,
    tracker: Arc<Mutex<Tracker>>,
    config: Arc<LoggingConfig>,
) -> Result<()> {
    let mut decoder = FrameDecoder::new();
    let mut decoding = true;
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => {
                let _ = to.shutdown().await;
                return Ok(());
            }
            Ok(n) => n,
        };
        if decoding {
            decoder.feed(&buf[..n]);
            decoding = decode_available(&mut decoder, direction, &tracker, &config);
        }
        to.write_all(&buf[..n]).await?;
    }
}

fn lock(tracker: &Mutex<Tracker>) -> std::sync::MutexGuard<'_, Tracker> {
    tracker.lock().unwrap_or_else(|e| e.into_inner())
}

/// Decodes every whole frame buffered; returns whether to keep decoding.
fn decode_available(
    decoder: &mut FrameDecoder,
    direction: Direction,
    tracker: &Mutex<Tracker>,
    config: &LoggingConfig,
) -> bool {
    loop {
        let (state, version, compression, encrypted) = {
            let t = lock(tracker);
            (t.state, t.version, t.compression, t.encrypted)
        };
        if encrypted {
            tracing::info!("{direction}: encryption is on; forwarding without decoding");
            return false;
        }
        decoder.set_compression(compression);
        let frame = match decoder.next_frame() {
            Ok(Some(f)) => f,
            Ok(None) => return true,
            Err(e) => {
                tracing::warn!(
                    "{direction}: cannot split frames any more ({e}); forwarding without decoding"
                );
                return false;
            }
        };
        // Before the login picks a version, any registry reads the
        // handshaking and status packets, which every version shares.
        let reg: Option<&Registry> = registry(version).or_else(|_| registry(version::V1_8)).ok();
        let Some(reg) = reg else {
            return false;
        };
        let decoded = reg.decode_any(state, direction, frame);
        match &decoded {
            Ok(p) => {
                if config.filter.is_empty() || config.filter.iter().any(|f| f == p.name()) {
                    tracing::info!("{direction} {state} {p:?}");
                }
                follow(p, tracker);
            }
            Err(e) => tracing::warn!("{direction} {state}: {e}"),
        }
        if let Some(observe) = &config.observer {
            observe(&Observed {
                direction,
                state,
                frame,
                packet: decoded.as_ref(),
            });
        }
    }
}

/// Applies the connection changes a packet makes.
fn follow(p: &AnyPacket, tracker: &Mutex<Tracker>) {
    let mut t = lock(tracker);
    if let Some(h) = p.downcast_ref::<Handshake>() {
        t.state = match h.next_state {
            NextState::Status => State::Status,
            NextState::Login => State::Login,
        };
        t.version = ProtocolVersion(h.protocol_version);
    } else if let Some(c) = p.downcast_ref::<SetCompression>() {
        t.compression = usize::try_from(c.threshold).ok();
    } else if let Some(c) = p.downcast_ref::<PlaySetCompression>() {
        t.compression = usize::try_from(c.threshold).ok();
    } else if p.is::<LoginSuccess>() {
        t.state = State::Play;
    } else if p.is::<EncryptionResponse>() {
        t.encrypted = true;
    }
}
