//! A player in the play state: reading what it sends, and queueing what it
//! is sent.

use std::sync::Arc;
use std::time::Duration;

use mcproto_core::bytes::Bytes;
use mcproto_core::conn::{AsyncConnReader, AsyncConnWriter, ConnectionError, Phase, Violation};
use mcproto_core::{Chat, HandledBy, Packet, PacketGroup, ProtocolVersion, Registry, Uuid};
use mcproto_packets::PlayServerbound;
use mcproto_packets::play::clientbound::{Disconnect as PlayDisconnect, KeepAlive};
use mcproto_packets::play::serverbound::KeepAlive as KeepAliveResponse;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::mpsc;
use tokio::time::timeout;

use super::ServerHandle;
use super::keepalive::KeepAliveState;

type Result<T> = std::result::Result<T, ConnectionError>;

/// What a player's writer task is asked to do, in order.
pub(super) enum Outgoing {
    /// An encoded packet (id + body), possibly shared with other players.
    Packet(Bytes),
    /// A whole frame in the player's framing (compression threshold), not
    /// encrypted: encoded and compressed once for many players.
    Frame(Bytes),
    /// Send what is queued, then a Disconnect with this reason (if any), and close.
    Close(Option<Chat>),
}

/// Queues packets for one player; cheap to clone.
#[derive(Clone)]
pub struct PacketSender {
    tx: mpsc::Sender<Outgoing>,
    registry: Registry,
    // The compression threshold of the player's framing.
    threshold: Option<usize>,
}

impl std::fmt::Debug for PacketSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PacketSender")
            .field("version", &self.registry.version())
            .field("closed", &self.tx.is_closed())
            .finish()
    }
}

impl PacketSender {
    pub(super) fn new(
        tx: mpsc::Sender<Outgoing>,
        registry: Registry,
        threshold: Option<usize>,
    ) -> Self {
        PacketSender {
            tx,
            registry,
            threshold,
        }
    }

    /// The compression threshold of the player's framing.
    pub(super) fn threshold(&self) -> Option<usize> {
        self.threshold
    }

    /// The registry packets are encoded with (the player's version).
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Encodes `packet` for the player's version and queues it; it is
    /// written as soon as possible. Fails when the packet does not encode,
    /// when the connection is closed, or when the player's queue is full
    /// (the player is then disconnected as too slow).
    pub fn send<P: Packet + 'static>(&self, packet: &P) -> Result<()> {
        let mut buf = Vec::new();
        self.registry.encode(packet, &mut buf)?;
        self.send_encoded(Bytes::from(buf))
    }

    /// Queues a packet already encoded for the player's registry.
    pub(super) fn send_encoded(&self, packet: Bytes) -> Result<()> {
        self.queue(Outgoing::Packet(packet))
    }

    /// Queues a frame made for the player's registry and compression
    /// threshold (see [`frame_for`]).
    pub(super) fn send_frame(&self, frame: Bytes) -> Result<()> {
        self.queue(Outgoing::Frame(frame))
    }

    fn queue(&self, outgoing: Outgoing) -> Result<()> {
        match self.tx.try_send(outgoing) {
            Ok(()) => Ok(()),
            Err(mpsc::error::TrySendError::Closed(_)) => Err(ConnectionError::Closed),
            Err(mpsc::error::TrySendError::Full(_)) => {
                self.close(Some("Too slow: the server's send queue for you is full"));
                Err(ConnectionError::Protocol(Violation::SendQueueFull))
            }
        }
    }

    /// Sends what is queued, then a Disconnect with `reason` (if any), and closes.
    pub fn close(&self, reason: Option<&str>) {
        // A full queue cannot take the close message; dropping every sender
        // ends the writer anyway.
        let _ = self.tx.try_send(Outgoing::Close(reason.map(Chat::text)));
    }

    /// Whether the connection is gone.
    pub fn is_closed(&self) -> bool {
        self.tx.is_closed()
    }
}

/// `packet` (id + body) framed with compression `threshold` and no
/// encryption, for [`PacketSender::send_frame`] to every player whose
/// sender has that threshold.
pub(super) fn frame_for(packet: &[u8], threshold: Option<usize>) -> Result<Bytes> {
    let mut encoder = mcproto_core::frame::FrameEncoder::new();
    encoder.set_compression(threshold);
    let mut out = mcproto_core::bytes::BytesMut::new();
    encoder.encode(packet, &mut out)?;
    Ok(out.freeze())
}

/// A player in the play state.
///
/// [`Player::next`] reads the player's socket in the calling task and hands
/// out each packet borrowed from the receive buffer; keep-alive answers are
/// taken care of. Sending goes through a queue drained by a writer task, so
/// [`Player::send`], [`PacketSender`]s and broadcasts never wait.
pub struct Player {
    pub(super) id: u64,
    pub(super) name: String,
    pub(super) uuid: Uuid,
    pub(super) address: std::net::SocketAddr,
    pub(super) properties: Vec<crate::forwarding::ProfileProperty>,
    pub(super) reader: AsyncConnReader<OwnedReadHalf>,
    pub(super) sender: PacketSender,
    pub(super) keepalive: Arc<KeepAliveState>,
    // The id of the Keep Alive answer in the player's registry.
    pub(super) keepalive_id: Option<i32>,
    pub(super) server: ServerHandle,
    pub(super) ended: bool,
}

impl std::fmt::Debug for Player {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Player")
            .field("name", &self.name)
            .field("uuid", &self.uuid)
            .field("version", &self.version())
            .finish()
    }
}

impl Player {
    /// A number unique to this connection on this server, counting from 1.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The name the player logged in with.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The player's UUID (offline mode: version 3 of `"OfflinePlayer:<name>"`).
    pub fn uuid(&self) -> Uuid {
        self.uuid
    }

    /// The player's address: the connection's, or the one its proxy
    /// forwarded (player-info forwarding, PROXY protocol).
    pub fn address(&self) -> std::net::SocketAddr {
        self.address
    }

    /// The profile properties (skin) a proxy forwarded; empty otherwise.
    pub fn properties(&self) -> &[crate::forwarding::ProfileProperty] {
        &self.properties
    }

    /// The protocol version the player speaks.
    pub fn version(&self) -> ProtocolVersion {
        self.reader.session().version()
    }

    /// The registry the player's packets are numbered with.
    pub fn registry(&self) -> &Registry {
        self.reader.session().registry()
    }

    /// Round trip of the last Keep Alive the player answered (what vanilla
    /// shows as ping); `None` before the first answer.
    pub fn latency(&self) -> Option<Duration> {
        self.keepalive.latency()
    }

    /// The next packet from the player, as the standard play group; `None`
    /// once the connection is closed. A packet that does not decode is an
    /// `Err`, and the player is disconnected with its reason.
    pub async fn next(&mut self) -> Option<Result<PlayServerbound<'_>>> {
        self.read::<PlayServerbound>().await
    }

    /// The next packet as group `G`: a fork's own group, for instance.
    pub async fn read<G: PacketGroup>(&mut self) -> Option<Result<G::Of<'_>>> {
        if let Err(e) = self.wait_for_packet().await? {
            return Some(Err(e));
        }
        match self.reader.read::<G>().await {
            Ok(p) => Some(Ok(p)),
            Err(e) => {
                self.ended = true;
                Some(Err(fail(&self.sender, e)))
            }
        }
    }

    /// The next packet as group `G`, handed to `handler`: a packet with a
    /// method in the group's handler trait (`PlayServerboundHandler` for the
    /// standard group) is decoded straight into that method, without
    /// building the group value: the fastest way to take a player's
    /// movement. Otherwise as [`read`](Self::read).
    pub async fn handle<'a, G, H>(&'a mut self, handler: &mut H) -> Option<Result<G::Output>>
    where
        G: HandledBy<'a, H>,
    {
        if let Err(e) = self.wait_for_packet().await? {
            return Some(Err(e));
        }
        match self.reader.handle::<G, H>(handler).await {
            Ok(out) => Some(Ok(out)),
            Err(e) => {
                self.ended = true;
                Some(Err(fail(&self.sender, e)))
            }
        }
    }

    /// Waits until a packet for the caller is buffered, taking the
    /// Keep Alive answers before it; `None` once the connection is closed.
    async fn wait_for_packet(&mut self) -> Option<Result<()>> {
        if self.ended {
            return None;
        }
        crate::client::log_decode_errors(&mut self.reader);
        let keepalive = self.keepalive_id;
        // Keep-alive answers are taken here; the player never sees them.
        loop {
            if self.sender.is_closed() {
                // The writer is gone (closed, timed out, too slow).
                self.ended = true;
                return None;
            }
            // When the writer ends, it shuts the socket's receiving side
            // (see `Writer`), which ends a read waiting here: no second
            // future to wait on for every packet.
            #[cfg(unix)]
            let id = self.reader.peek_id().await;
            #[cfg(not(unix))]
            let id = tokio::select! {
                id = self.reader.peek_id() => id,
                () = self.sender.tx.closed() => {
                    self.ended = true;
                    return None;
                }
            };
            if id.is_err() && self.sender.is_closed() {
                self.ended = true;
                return None;
            }
            match id {
                Ok(id) if Some(id) == keepalive => {
                    match self.reader.read_packet::<KeepAliveResponse>().await {
                        // An id beyond i32 is not one this server sent.
                        Ok(ka) => {
                            if let Ok(id) = i32::try_from(ka.keep_alive_id) {
                                self.keepalive.answered(id);
                            }
                        }
                        Err(e) => return Some(Err(self.fail(e))),
                    }
                }
                Ok(_) => break,
                Err(e) => return Some(Err(self.fail(e))),
            }
        }
        Some(Ok(()))
    }

    fn fail(&mut self, e: ConnectionError) -> ConnectionError {
        self.ended = true;
        fail(&self.sender, e)
    }

    /// Encodes `packet` for the player's version and queues it.
    pub fn send<P: Packet + 'static>(&self, packet: &P) -> Result<()> {
        self.sender.send(packet)
    }

    /// A cloneable sender for this player, for sending while a received
    /// packet is borrowed or from another task.
    pub fn sender(&self) -> PacketSender {
        self.sender.clone()
    }

    /// The server.
    pub fn server(&self) -> &ServerHandle {
        &self.server
    }

    /// Disconnects the player with `reason` after what is already queued.
    pub fn disconnect(&self, reason: &str) {
        self.sender.close(Some(reason));
    }
}

/// Ends a connection after a read error: a bad packet gets a Disconnect
/// with the reason; a closed connection is just closed.
fn fail(sender: &PacketSender, e: ConnectionError) -> ConnectionError {
    if !e.is_closed() {
        tracing::info!("disconnecting a player after a bad packet: {e}");
        sender.close(Some(&format!("Bad packet: {e}")));
    } else {
        sender.close(None);
    }
    e
}

/// Most bytes framed into one write before it is flushed.
const MAX_BATCH: usize = 256 * 1024;

/// What the writer task of a player needs to keep it alive.
pub(super) struct KeepAliveConfig {
    pub(super) state: Arc<KeepAliveState>,
    /// How often a Keep Alive is sent.
    pub(super) every: Duration,
    /// An answer older than this (or a write stalled this long) drops the player.
    pub(super) limit: Duration,
}

/// Writes what is queued for a player, and sends its Keep Alives (the
/// writer's own timer: no task, channel message or allocation of its own).
/// Whatever was queued when it wakes goes out in one write. A write that
/// makes no progress for the keep-alive limit (a client that stopped
/// reading) ends the connection: otherwise the writer would wait forever
/// and the player would never be dropped.
pub(super) async fn write_loop(
    writer: AsyncConnWriter<OwnedWriteHalf>,
    rx: mpsc::Receiver<Outgoing>,
    keepalive: KeepAliveConfig,
) -> Result<()> {
    let mut w = Writer { writer, rx };
    w.run(keepalive).await
}

/// The writer task's halves. However the task ends (returns, fails, is
/// dropped), the queue is closed first, so that senders and the reader see
/// the connection gone, then the socket's receiving side is shut, which
/// wakes a read waiting on it.
struct Writer {
    writer: AsyncConnWriter<OwnedWriteHalf>,
    rx: mpsc::Receiver<Outgoing>,
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.rx.close();
        #[cfg(unix)]
        {
            let half: &OwnedWriteHalf = self.writer.get_mut();
            let stream: &tokio::net::TcpStream = half.as_ref();
            // Fails only when the socket is already gone (the peer reset it).
            let _ = socket2::SockRef::from(stream).shutdown(std::net::Shutdown::Read);
        }
    }
}

impl Writer {
    async fn run(&mut self, keepalive: KeepAliveConfig) -> Result<()> {
        use tokio::io::AsyncWriteExt;
        let Writer { writer, rx } = self;
        let every = keepalive.every;
        let stall = keepalive.limit;
        let stalled = || ConnectionError::Timeout(Phase::Write);
        let mut ticker = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut next_id: i32 = 1;
        let mut closing: Option<Option<Chat>> = None;
        while closing.is_none() {
            let mut next = tokio::select! {
                // The timer first: a steady flow of packets does not hold
                // back the Keep Alives (it fires once a period at most).
                biased;
                _ = ticker.tick() => {
                    match keepalive.state.next(next_id, keepalive.limit) {
                        Ok(()) => {
                            writer.queue(&KeepAlive {
                                keep_alive_id: i64::from(next_id),
                            })?;
                            next_id = next_id.wrapping_add(1).max(1);
                        }
                        Err(since) => {
                            tracing::info!("keep-alive timed out after {since:?}");
                            // What was queued first still goes out, then
                            // the Disconnect (as a Close queued now would).
                            closing = Some(Some(Chat::text("Timed out")));
                        }
                    }
                    // Whatever else is queued goes in the same write.
                    rx.try_recv().ok()
                }
                first = rx.recv() => match first {
                    Some(first) => {
                        // Let the tasks already woken run first: what they
                        // queue meanwhile (a broadcast per join during a
                        // join flood) goes out in this same write.
                        tokio::task::yield_now().await;
                        Some(first)
                    }
                    None => break,
                },
            };
            // Batch whatever else is queued into one write, up to MAX_BATCH bytes.
            while let Some(msg) = next.take() {
                match msg {
                    Outgoing::Packet(p) => writer.queue_raw(&p)?,
                    Outgoing::Frame(f) => writer.queue_framed(&f),
                    Outgoing::Close(reason) => {
                        if closing.is_none() {
                            closing = Some(reason);
                        }
                        break;
                    }
                }
                if writer.pending() < MAX_BATCH || closing.is_some() {
                    next = rx.try_recv().ok();
                }
            }
            timeout(stall, writer.flush())
                .await
                .map_err(|_| stalled())??;
        }
        if let Some(Some(reason)) = closing {
            timeout(stall, writer.send(&PlayDisconnect { reason }))
                .await
                .map_err(|_| stalled())??;
        }
        let _ = timeout(stall, writer.get_mut().shutdown()).await;
        Ok(())
    }
}
