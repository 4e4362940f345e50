//! A client: status queries with latency, and play sessions that answer
//! keep-alives themselves.
//!
//! ```no_run
//! # async fn example() -> Result<(), mcproto::ConnectionError> {
//! use mcproto::client::ClientBuilder;
//! use mcproto::packets::PlayClientbound;
//! use mcproto::packets::play::serverbound::ChatMessage;
//!
//! let builder = ClientBuilder::new("localhost:25565").username("bot");
//! let report = builder.status(true).await?;
//! println!("{} players, {:?}", report.status.players.online, report.latency);
//!
//! let mut client = builder.connect().await?;
//! client.send(&ChatMessage { message: "hi".into() })?;
//! while let Some(packet) = client.next().await {
//!     match packet? {
//!         PlayClientbound::ChatMessage(chat) => println!("{}", chat.json_data.to_plain()),
//!         other => println!("{}", other.name()),
//!     }
//! }
//! # Ok(())
//! # }
//! ```
//!
//! [`Client::next`] reads the socket itself and hands out each packet
//! borrowed from the receive buffer, as the group enum of the play state.
//! Keep Alive is answered and Set Compression followed before the packet is
//! handed out; Disconnect ends the session with
//! [`ConnectionError::Disconnected`]. Typed handlers
//! ([`ClientBuilder::on`], [`Client::on`]) see every packet too; with
//! handlers only, [`Client::run`] drives the session. Sending never waits:
//! packets are encoded at once (errors surface at the call) and a writer
//! task writes them in order. To send while holding a received packet, use
//! a [`ClientSender`].

mod builder;

use std::any::TypeId;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

pub use builder::{AuthToken, ClientBuilder, StatusReport};

use mcproto_core::bytes::Bytes;
use mcproto_core::conn::{
    AsyncConnReader, AsyncConnWriter, AsyncConnection, ConnectionError, Phase,
};
use mcproto_core::{Packet, PacketGroup, ProtocolVersion, Registry, Uuid};
use mcproto_packets::PlayClientbound;
use mcproto_packets::play::clientbound::{Disconnect, KeepAlive, SetCompression};
use mcproto_packets::play::serverbound::KeepAlive as KeepAliveResponse;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

type Result<T> = std::result::Result<T, ConnectionError>;
pub(crate) type Handler = Arc<dyn Fn(&dyn std::any::Any) + Send + Sync>;

pub(crate) fn typed_handler<P: 'static, F: Fn(&P) + Send + Sync + 'static>(
    f: F,
) -> (TypeId, Handler) {
    (
        TypeId::of::<P>(),
        Arc::new(move |p: &dyn std::any::Any| {
            if let Some(p) = p.downcast_ref::<P>() {
                f(p)
            }
        }),
    )
}

/// What the writer task is asked to do, in order.
enum Outgoing {
    /// An encoded packet (id + body).
    Packet(Bytes),
    /// Switch compression (after the server's Set Compression).
    Compression(Option<usize>),
    /// Write what is queued, then close the connection.
    Close,
}

/// Queues packets for the server; cheap to clone, usable while a received
/// packet is borrowed from the [`Client`].
#[derive(Clone)]
pub struct ClientSender {
    tx: mpsc::UnboundedSender<Outgoing>,
    registry: Registry,
}

impl std::fmt::Debug for ClientSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientSender")
            .field("closed", &self.tx.is_closed())
            .finish()
    }
}

impl ClientSender {
    /// Encodes `packet` with the session's registry and queues it; it is
    /// written as soon as possible, in order.
    pub fn send<P: Packet + 'static>(&self, packet: &P) -> Result<()> {
        let mut buf = Vec::new();
        self.registry.encode(packet, &mut buf)?;
        self.tx
            .send(Outgoing::Packet(Bytes::from(buf)))
            .map_err(|_| ConnectionError::Closed)
    }
}

/// A play session. Drop it or call [`Client::close`] to leave.
pub struct Client {
    username: String,
    uuid: Uuid,
    reader: AsyncConnReader<OwnedReadHalf>,
    sender: ClientSender,
    handlers: HashMap<TypeId, Vec<Handler>>,
    read_timeout: Duration,
    writer_task: Option<JoinHandle<Result<()>>>,
    // Set Compression applies from the next frame on; the packet that
    // carried it is still borrowed from the decoder when it is handed out.
    pending_compression: Option<Option<usize>>,
    ended: bool,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("username", &self.username)
            .field("version", &self.version())
            .finish_non_exhaustive()
    }
}

impl Client {
    fn start(
        conn: AsyncConnection<OwnedReadHalf, OwnedWriteHalf>,
        cfg: ClientBuilder,
        username: String,
        uuid: Uuid,
    ) -> Client {
        let registry = conn.session().registry().clone();
        let (reader, writer) = conn.split();
        let (tx, rx) = mpsc::unbounded_channel();
        Client {
            username,
            uuid,
            reader,
            sender: ClientSender { tx, registry },
            handlers: builder::handler_map(cfg.handlers),
            read_timeout: cfg.read_timeout,
            writer_task: Some(tokio::spawn(write_loop(writer, rx))),
            pending_compression: None,
            ended: false,
        }
    }

    /// The name the server accepted.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// The player's UUID as the server sent it.
    pub fn uuid(&self) -> Uuid {
        self.uuid
    }

    /// The protocol version in use.
    pub fn version(&self) -> ProtocolVersion {
        self.reader.session().version()
    }

    /// The registry packets are numbered with.
    pub fn registry(&self) -> &Registry {
        self.reader.session().registry()
    }

    /// The next packet from the server, as the standard play group;
    /// `None` once the session has ended (the `Err` that ended it, such as
    /// [`ConnectionError::Disconnected`], comes first).
    pub async fn next(&mut self) -> Option<Result<PlayClientbound<'_>>> {
        self.read::<PlayClientbound>().await
    }

    /// The next packet as group `G`: a fork's own group, for instance.
    pub async fn read<G: PacketGroup>(&mut self) -> Option<Result<G::Of<'_>>> {
        if self.ended {
            return None;
        }
        log_decode_errors(&mut self.reader);
        if let Some(t) = self.pending_compression.take() {
            self.reader.framing_mut().set_compression(t);
        }
        let result = tokio::time::timeout(self.read_timeout, self.reader.read::<G>()).await;
        let packet = match result {
            Ok(Ok(p)) => p,
            Ok(Err(e)) => {
                self.ended = true;
                return Some(Err(e));
            }
            Err(_) => {
                self.ended = true;
                return Some(Err(ConnectionError::Timeout(Phase::Play)));
            }
        };
        if let Some(any) = G::packet_any(&packet) {
            if let Some(ka) = any.downcast_ref::<KeepAlive>() {
                let answer = KeepAliveResponse {
                    keep_alive_id: ka.keep_alive_id,
                };
                if let Err(e) = self.sender.send(&answer) {
                    self.ended = true;
                    return Some(Err(e));
                }
            } else if let Some(c) = any.downcast_ref::<SetCompression>() {
                let t = usize::try_from(c.threshold).ok();
                self.pending_compression = Some(t);
                let _ = self.sender.tx.send(Outgoing::Compression(t));
            }
            if let Some(list) = self.handlers.get(&any.type_id()) {
                for h in list {
                    h(any);
                }
            }
            if let Some(d) = any.downcast_ref::<Disconnect>() {
                self.ended = true;
                return Some(Err(ConnectionError::Disconnected {
                    reason: d.reason.clone(),
                }));
            }
        }
        Some(Ok(packet))
    }

    /// Reads packets until the session ends, for handlers only; returns
    /// what ended it.
    pub async fn run(&mut self) -> ConnectionError {
        loop {
            match self.next().await {
                Some(Ok(_)) => {}
                Some(Err(e)) => return e,
                None => return ConnectionError::Closed,
            }
        }
    }

    /// Calls `f` for every received packet of type `P` from now on.
    pub fn on<P: 'static, F: Fn(&P) + Send + Sync + 'static>(&mut self, f: F) {
        let (t, h) = typed_handler(f);
        self.handlers.entry(t).or_default().push(h);
    }

    /// Encodes `packet` and queues it; it is written as soon as possible,
    /// in order.
    pub fn send<P: Packet + 'static>(&self, packet: &P) -> Result<()> {
        self.sender.send(packet)
    }

    /// A cloneable sender, for sending while a received packet is borrowed
    /// or from another task.
    pub fn sender(&self) -> ClientSender {
        self.sender.clone()
    }

    /// Writes everything queued, then closes the connection.
    pub async fn close(mut self) -> Result<()> {
        let _ = self.sender.tx.send(Outgoing::Close);
        match self.writer_task.take() {
            Some(task) => task.await.unwrap_or(Ok(())),
            None => Ok(()),
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // Senders may outlive the client; the connection does not.
        let _ = self.sender.tx.send(Outgoing::Close);
    }
}

/// Logs the packets a reader skipped or handed out raw (a
/// [`DecodeErrorPolicy`](mcproto_core::conn::DecodeErrorPolicy) other than
/// `Fail`); they are logged when the next packet is read, since the packet
/// handed out borrows the reader.
pub(crate) fn log_decode_errors<R>(reader: &mut AsyncConnReader<R>) {
    for e in reader.take_decode_errors() {
        tracing::warn!("a packet did not decode: {e}");
    }
}

async fn write_loop(
    mut writer: AsyncConnWriter<OwnedWriteHalf>,
    mut rx: mpsc::UnboundedReceiver<Outgoing>,
) -> Result<()> {
    use tokio::io::AsyncWriteExt;
    let mut closing = false;
    while !closing {
        let Some(first) = rx.recv().await else { break };
        let mut next = Some(first);
        // Batch everything already queued into one write.
        while let Some(msg) = next.take() {
            match msg {
                Outgoing::Packet(p) => writer.queue_raw(&p)?,
                Outgoing::Compression(t) => writer.framing_mut().set_compression(t),
                Outgoing::Close => {
                    closing = true;
                    break;
                }
            }
            next = rx.try_recv().ok();
        }
        writer.flush().await?;
    }
    let _ = writer.get_mut().shutdown().await;
    Ok(())
}
