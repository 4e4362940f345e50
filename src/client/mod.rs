//! A client: status queries with latency, and play sessions that behave
//! as the vanilla client of their version does where servers rely on it.
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
//! let mut greeted = false;
//! while let Some(packet) = client.next().await {
//!     match packet? {
//!         PlayClientbound::ChatMessage(chat) => println!("{}", chat.json_data.to_plain()),
//!         other => println!("{}", other.name()),
//!     }
//!     // Chat once the server has placed the player, as a player would.
//!     if client.spawned() && !greeted {
//!         client.send(&ChatMessage { message: "hi".into() })?;
//!         greeted = true;
//!     }
//! }
//! # Ok(())
//! # }
//! ```
//!
//! [`Client::next`] reads the socket itself and hands out each packet
//! borrowed from the receive buffer, as the group enum of the play state.
//! Before a packet is handed out, the client answers it:
//!
//! - Keep Alive is answered and Set Compression followed (always);
//!   Disconnect ends the session with [`ConnectionError::Disconnected`].
//! - Join Game: Client Settings ([`Settings`]: `en_US`, chat on with
//!   colours, every skin part, right hand from 15w32c) and the brand
//!   (`MC|Brand`, "vanilla" or [`ClientBuilder::brand`]), in that order,
//!   after every Join Game.
//! - Player Position And Look: the flags' relative values are resolved
//!   against the current [`Location`]; from 1.9 the client sends Teleport
//!   Confirm with the packet's id, then (every version) Player Position
//!   And Look at the resolved place with on-ground false.
//! - Respawn: the dimension changes and the player is nowhere
//!   ([`Client::position`] is `None`) until the next Player Position And
//!   Look.
//! - While the player is placed, a Player Position goes out whenever no
//!   movement packet did for [`POSITION_INTERVAL`] (one second): a
//!   stationary vanilla client sends one every 20 ticks, and servers that
//!   hear no position (flying-squid, for one) send no more than the first
//!   chunks. Movement packets sent through [`Client::send`] move the
//!   tracked position and restart the period.
//!
//! [`ClientBuilder::vanilla_behaviour`]`(false)` turns every automatic
//! answer but Keep Alive off, and [`ClientBuilder::behaviour`] takes each
//! switch ([`Behaviour`]), for packet tools that send everything
//! themselves; the position is tracked either way. Typed handlers
//! ([`ClientBuilder::on`], [`Client::on`]) see every packet too, and so
//! does `next()`: nothing is swallowed; with handlers only, [`Client::run`]
//! drives the session. Sending never waits: packets are encoded at once
//! (errors surface at the call) and a writer task writes them in order. To
//! send while holding a received packet, use a [`ClientSender`].

mod behaviour;
mod builder;

use std::any::TypeId;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

pub use behaviour::{Behaviour, ChatMode, Location, MainHand, POSITION_INTERVAL, Settings};
pub use builder::{AuthToken, ClientBuilder, StatusReport};

use mcproto_core::bytes::Bytes;
use mcproto_core::conn::{
    AsyncConnReader, AsyncConnWriter, AsyncConnection, ConnectionError, Phase,
};
use mcproto_core::{Direction, Packet, PacketGroup, ProtocolVersion, Registry, State, Uuid};
use mcproto_packets::PlayClientbound;
use mcproto_packets::play::channels::Brand;
use mcproto_packets::play::clientbound::{
    Disconnect, JoinGame, KeepAlive, PlayerPositionAndLook, Respawn, SetCompression,
};
use mcproto_packets::play::serverbound::{
    self as sb, KeepAlive as KeepAliveResponse, PlayerPosition, TeleportConfirm,
};
use mcproto_packets::play::types::Dimension;
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
    /// Nothing to write: the movement state changed, so the writer
    /// recomputes when the next position update is due.
    Wake,
    /// Write what is queued, then close the connection.
    Close,
}

/// Queues packets for the server; cheap to clone, usable while a received
/// packet is borrowed from the [`Client`].
#[derive(Clone)]
pub struct ClientSender {
    tx: mpsc::UnboundedSender<Outgoing>,
    registry: Registry,
    movement: Arc<Mutex<behaviour::Movement>>,
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
    /// written as soon as possible, in order. A movement packet (Player,
    /// Player Position, Player Look, Player Position And Look) also moves
    /// [`Client::position`] and restarts the period of the automatic
    /// position updates.
    pub fn send<P: Packet>(&self, packet: &P) -> Result<()> {
        let mut buf = Vec::new();
        self.registry.encode(packet, &mut buf)?;
        if behaviour::is_movement(TypeId::of::<P::Static>())
            && let Ok(sent) = self
                .registry
                .decode_any(State::Play, Direction::Serverbound, &buf)
        {
            // The packet as sent, owned (movement packets borrow nothing).
            lock(&self.movement).observe(sent.as_dyn().as_any());
        }
        self.tx
            .send(Outgoing::Packet(Bytes::from(buf)))
            .map_err(|_| ConnectionError::Closed)
    }

    /// Sends `packet` if the registry has its type: the automatic answers
    /// skip what a fork's protocol does not have.
    fn send_if_known<P: Packet>(&self, packet: &P) -> Result<()> {
        match self.registry.id_of::<P::Static>() {
            Some(_) => self.send(packet),
            None => Ok(()),
        }
    }
}

/// Locks the movement state; a panic while it was held cannot leave it
/// half written (every update is one assignment).
fn lock(m: &Mutex<behaviour::Movement>) -> MutexGuard<'_, behaviour::Movement> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A play session. Drop it or call [`Client::close`] to leave.
pub struct Client {
    username: String,
    uuid: Uuid,
    reader: AsyncConnReader<OwnedReadHalf>,
    sender: ClientSender,
    handlers: HashMap<TypeId, Vec<Handler>>,
    read_timeout: Duration,
    play: PlayState,
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
        let sender = ClientSender {
            tx,
            registry,
            movement: Arc::new(Mutex::new(behaviour::Movement::new())),
        };
        // The writer sends the periodic position itself, so that it goes
        // out even while the user is busy between two reads.
        let periodic = cfg
            .behaviour
            .position_updates
            .then(|| sender.movement.clone());
        Client {
            username,
            uuid,
            reader,
            handlers: builder::handler_map(cfg.handlers),
            read_timeout: cfg.read_timeout,
            play: PlayState {
                behaviour: cfg.behaviour,
                entity_id: None,
                dimension: None,
            },
            writer_task: Some(tokio::spawn(write_loop(writer, rx, periodic))),
            sender,
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

    /// Where the player is: set by each Player Position And Look the
    /// server sends and by the movement packets sent through
    /// [`Client::send`]; `None` before the server first places the player
    /// and from a Respawn until it places them again.
    pub fn position(&self) -> Option<Location> {
        lock(&self.sender.movement).location
    }

    /// Whether the server has placed the player (see [`Client::position`]):
    /// the point where a vanilla client leaves "Downloading terrain" and
    /// the player can chat and act.
    pub fn spawned(&self) -> bool {
        self.position().is_some()
    }

    /// The player's entity id, from the last Join Game.
    pub fn entity_id(&self) -> Option<i32> {
        self.play.entity_id
    }

    /// The dimension the player is in, from the last Join Game or Respawn.
    pub fn dimension(&self) -> Option<Dimension> {
        self.play.dimension
    }

    /// The automatic answers in use (see [`ClientBuilder::behaviour`]).
    pub fn behaviour(&self) -> &Behaviour {
        &self.play.behaviour
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
        // Taken now: the packet read borrows the reader.
        let version = self.version();
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
            } else {
                let (play, sender) = (&mut self.play, &self.sender);
                let answered = if let Some(join) = any.downcast_ref::<JoinGame>() {
                    play.joined(join, sender, version)
                } else if let Some(respawn) = any.downcast_ref::<Respawn>() {
                    play.respawned(respawn, sender);
                    Ok(())
                } else if let Some(teleport) = any.downcast_ref::<PlayerPositionAndLook>() {
                    play.teleported(teleport, sender)
                } else {
                    Ok(())
                };
                if let Err(e) = answered {
                    self.ended = true;
                    return Some(Err(e));
                }
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
        } else if !self.handlers.is_empty()
            && let Some(list) = G::packet_type(&packet).and_then(|t| self.handlers.get(&t))
            && let Some(owned) = G::packet_owned(&packet)
        {
            // A packet that borrows from the receive buffer: the handlers
            // get an owned copy (made only when one is registered).
            for h in list {
                h(&*owned);
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
    pub fn send<P: Packet>(&self, packet: &P) -> Result<()> {
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

/// What the client knows of the play session beyond the connection, and
/// the automatic answers it gives.
struct PlayState {
    behaviour: Behaviour,
    entity_id: Option<i32>,
    dimension: Option<Dimension>,
}

impl PlayState {
    /// Join Game: a new player entity in a new world, not yet placed. The
    /// vanilla client sends its settings and then its brand here, on
    /// every Join Game.
    fn joined(
        &mut self,
        join: &JoinGame,
        sender: &ClientSender,
        version: ProtocolVersion,
    ) -> Result<()> {
        self.entity_id = Some(join.entity_id);
        self.dimension = Some(join.dimension);
        lock(&sender.movement).location = None;
        if let Some(settings) = &self.behaviour.settings {
            sender.send_if_known(&settings.packet(version))?;
        }
        if let Some(brand) = &self.behaviour.brand {
            let message = sb::PluginMessage::with_payload(&Brand(brand.as_str().into()), version)?;
            sender.send_if_known(&message)?;
        }
        Ok(())
    }

    /// Respawn: another world (or the same one reloaded); the player is
    /// nowhere until the server's next Player Position And Look, so the
    /// periodic updates pause (they would report the old world's place).
    fn respawned(&mut self, respawn: &Respawn, sender: &ClientSender) {
        self.dimension = Some(respawn.dimension);
        lock(&sender.movement).location = None;
    }

    /// Player Position And Look: move the player and, as vanilla does,
    /// confirm (1.9 on) and report the resolved position with on-ground
    /// false. From then on the client counts itself on the ground: it has
    /// no physics, and servers place players where they can stand.
    fn teleported(&self, teleport: &PlayerPositionAndLook, sender: &ClientSender) -> Result<()> {
        // A player not yet placed is at the origin, as vanilla's new
        // player entity is.
        let from = lock(&sender.movement).location.unwrap_or_default();
        let to = from.teleported(teleport);
        if self.behaviour.answer_teleports {
            if let Some(teleport_id) = teleport.teleport_id {
                sender.send_if_known(&TeleportConfirm { teleport_id })?;
            }
            let answer = Location {
                on_ground: false,
                ..to
            };
            sender.send_if_known(&answer.position_and_look())?;
        }
        {
            let mut movement = lock(&sender.movement);
            movement.location = Some(Location {
                on_ground: true,
                ..to
            });
            movement.last_sent = Instant::now();
        }
        // The writer may be waiting with no update due (player not placed).
        let _ = sender.tx.send(Outgoing::Wake);
        Ok(())
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

/// Writes what is queued, in order; with `periodic` (the session's
/// movement state), also a Player Position whenever no movement packet
/// went out for [`POSITION_INTERVAL`] while the player is placed.
async fn write_loop(
    mut writer: AsyncConnWriter<OwnedWriteHalf>,
    mut rx: mpsc::UnboundedReceiver<Outgoing>,
    periodic: Option<Arc<Mutex<behaviour::Movement>>>,
) -> Result<()> {
    use tokio::io::AsyncWriteExt;
    // A fork's registry may have no Player Position: then no updates.
    let periodic = periodic.filter(|_| {
        writer
            .session()
            .registry()
            .id_of::<PlayerPosition>()
            .is_some()
    });
    let mut closing = false;
    while !closing {
        let due = periodic.as_deref().and_then(|m| lock(m).due());
        let first = tokio::select! {
            msg = rx.recv() => msg,
            () = sleep_until(due), if due.is_some() => {
                if let Some(movement) = &periodic {
                    // Re-checked: a movement packet may have been queued
                    // since `due` was computed.
                    let update = {
                        let mut m = lock(movement);
                        let update = m
                            .due()
                            .filter(|d| *d <= Instant::now())
                            .and(m.location)
                            .map(|l| l.position());
                        if update.is_some() {
                            m.last_sent = Instant::now();
                        }
                        update
                    };
                    if let Some(update) = update {
                        writer.queue(&update)?;
                        writer.flush().await?;
                    }
                }
                continue;
            }
        };
        let Some(first) = first else { break };
        let mut next = Some(first);
        // Batch everything already queued into one write.
        while let Some(msg) = next.take() {
            match msg {
                Outgoing::Packet(p) => writer.queue_raw(&p)?,
                Outgoing::Compression(t) => writer.framing_mut().set_compression(t),
                Outgoing::Wake => {}
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

async fn sleep_until(due: Option<Instant>) {
    if let Some(due) = due {
        tokio::time::sleep_until(due.into()).await;
    }
}
