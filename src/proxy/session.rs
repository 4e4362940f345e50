//! One player's session: the login on the proxy, the relay between the
//! client and its backend, and the moves between backends.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;

use mcproto_core::conn::{ConnectionError, Phase};
use mcproto_core::{Chat, Packet, ProtocolVersion, RawPacket, Registry, State};
use mcproto_packets::login::clientbound::{
    Disconnect as LoginDisconnect, LoginSuccess, SetCompression,
};
use mcproto_packets::login::serverbound::LoginStart;
use mcproto_packets::play::bungeecord::{BungeeRequest, BungeeResponse};
use mcproto_packets::play::clientbound::{self as cb, Disconnect, EntityStatus, Respawn};
use mcproto_packets::play::serverbound as sb;
use mcproto_packets::play::types::Dimension;
use mcproto_packets::version;
use tokio::sync::mpsc;
use tokio::time::timeout;

use super::backend::{self, Backend, BackendError, Conn, Identity};
use super::entity_ids::{EntityIds, EntityRewriter};
use super::hud::{Hud, HudIds, notice};
use super::network::{Command, Entry, NetworkPlayer, PHASE_TIMEOUT, Shared};

type Result<T> = std::result::Result<T, ConnectionError>;
type Reader = mcproto_core::conn::AsyncConnReader<tokio::net::tcp::OwnedReadHalf>;
type Writer = mcproto_core::conn::AsyncConnWriter<tokio::net::tcp::OwnedWriteHalf>;
type PendingSwitch =
    Pin<Box<dyn std::future::Future<Output = std::result::Result<Backend, BackendError>> + Send>>;

/// Logs the client in and relays until either side leaves.
pub(crate) async fn run(
    shared: Arc<Shared>,
    mut client: Conn,
    version: ProtocolVersion,
    peer: SocketAddr,
) -> Result<()> {
    client.set_state(State::Login);
    let Ok(registry) = mcproto_packets::registry(version) else {
        let supported: Vec<String> = version::supported().map(version::describe).collect();
        let reason = format!(
            "Unsupported protocol {}; this network speaks {}",
            version::describe(version),
            supported.join(", ")
        );
        return refuse(&mut client, &reason).await;
    };
    let registry = registry.clone();
    client.set_registry(registry.clone());
    let start: LoginStart = timeout(PHASE_TIMEOUT, client.reader.read_packet())
        .await
        .map_err(|_| ConnectionError::Timeout(Phase::Login))??;
    let name = start.name.to_string();
    if shared.players().len() >= shared.config.max_players {
        return refuse(&mut client, "The network is full").await;
    }
    #[allow(unused_mut)]
    let mut who = Identity {
        uuid: mcproto_core::types::offline_uuid(&name),
        name,
        address: peer,
        properties: Vec::new(),
    };
    // Online mode: the session server says who the player is, skin
    // included; the backends are told the same.
    #[cfg(feature = "online")]
    if let Some(online) = &shared.online {
        use crate::server::login::{check_session, encrypt};
        let key = online.key().await?;
        let (secret, key) = encrypt(&mut client, key, PHASE_TIMEOUT).await?;
        match check_session(online, &mut client, &who.name, peer, &secret, key).await? {
            Some(profile) => {
                who.name = profile.name;
                who.uuid = profile.id;
                who.properties = profile.properties;
            }
            None => return Ok(()),
        }
    }
    if shared.players().contains_key(&who.uuid) {
        return refuse(&mut client, "You are already connected to this network").await;
    }

    // The backend first: if it will not take the player, the client is
    // told why while still in the login state.
    let default = shared.config.default.clone();
    let first = match backend::connect(&shared.config, &default, &who, &registry).await {
        Ok(b) => b,
        Err(e) => {
            tracing::warn!(%peer, name = who.name, server = default, "cannot join: {e}");
            let reason = format!("Could not connect to {default}: {e}");
            return refuse(&mut client, &reason).await;
        }
    };

    if let Some(threshold) = shared.config.compression_threshold() {
        let t = i32::try_from(threshold).unwrap_or(i32::MAX);
        client.writer.send(&SetCompression { threshold: t }).await?;
        client.set_compression(Some(threshold));
    }
    let success = LoginSuccess {
        uuid: who.uuid.to_string().into(),
        username: who.name.clone().into(),
    };
    client.writer.queue(&success)?;
    client.set_state(State::Play);
    let mut recorder = Recording::start(&shared, &who, &registry, &success)?;

    let (commands_tx, commands) = mpsc::channel(64);
    shared.players().insert(
        who.uuid,
        Entry {
            player: NetworkPlayer {
                name: who.name.clone(),
                uuid: who.uuid,
                address: peer,
                server: first.name.clone(),
            },
            commands: commands_tx,
        },
    );
    tracing::info!(%peer, name = who.name, server = first.name, "joined the network");
    let (client_r, client_w) = client.split();
    let mut session = Session {
        shared: shared.clone(),
        rewriter: EntityRewriter::new(&registry),
        hud_ids: HudIds::new(&registry),
        ids: Ids::new(&registry),
        registry,
        who,
        entity: EntityIds {
            client: first.join.entity_id,
            server: first.join.entity_id,
        },
        dimension: first.join.dimension,
        server: first.name.clone(),
        hud: Hud::default(),
        client_w,
        recorder: recorder.take(),
        ending: None,
    };
    let result = session.relay(client_r, first, commands).await;
    shared.players().remove(&session.who.uuid);
    session.finish_recording();
    tracing::info!(%peer, name = session.who.name, "left the network");
    result
}

async fn refuse(client: &mut Conn, reason: &str) -> Result<()> {
    client
        .writer
        .send(&LoginDisconnect {
            reason: Chat::text(reason),
        })
        .await
}

/// Packet ids the relay looks at, in the session's registry.
struct Ids {
    chat: Option<i32>,
    plugin_cb: Option<i32>,
    respawn: Option<i32>,
    set_compression: Option<i32>,
    disconnect: Option<i32>,
}

impl Ids {
    fn new(r: &Registry) -> Self {
        Ids {
            chat: r.id_of::<sb::ChatMessage>(),
            plugin_cb: r.id_of::<cb::PluginMessage>(),
            respawn: r.id_of::<Respawn>(),
            set_compression: r.id_of::<cb::SetCompression>(),
            disconnect: r.id_of::<Disconnect>(),
        }
    }
}

struct Session {
    shared: Arc<Shared>,
    registry: Registry,
    who: Identity,
    rewriter: EntityRewriter,
    hud_ids: HudIds,
    ids: Ids,
    entity: EntityIds,
    dimension: Dimension,
    /// The backend the player is on.
    server: String,
    hud: Hud,
    client_w: Writer,
    recorder: Option<Recording>,
    /// Why the session ends, once it must: sent to the client as a
    /// Disconnect after what is queued.
    ending: Option<String>,
}

/// What the relay does with one serverbound frame.
enum Serverbound {
    Relay,
    Rewritten(Vec<u8>),
    /// Handled by the proxy; nothing goes to the backend.
    Consumed,
    Switch(String),
}

/// What one clientbound frame asks of the relay, beyond reaching the client.
enum Clientbound {
    Nothing,
    /// Move the player to this backend (a BungeeCord `Connect`).
    Switch(String),
    /// The backend changed its compression (1.8's play-state Set
    /// Compression): the backend reader follows from the next frame on.
    Compression(Option<usize>),
}

impl Session {
    async fn relay(
        &mut self,
        mut client_r: Reader,
        first: Backend,
        mut commands: mpsc::Receiver<Command>,
    ) -> Result<()> {
        let (mut backend_r, mut backend_w) = first.conn.split();
        self.queue_client(&first.join_frame)?;
        for frame in &first.early {
            let action = self.clientbound(frame, &mut backend_w)?;
            self.apply(action, &mut backend_r, &mut None)?;
        }
        self.client_w.flush().await?;
        let mut pending: Option<(String, PendingSwitch)> = None;
        loop {
            if let Some(reason) = self.ending.take() {
                self.kick(&reason).await;
                return Ok(());
            }
            tokio::select! {
                frame = client_r.read_frame() => {
                    let mut frame = frame?;
                    loop {
                        match self.serverbound(frame)? {
                            Serverbound::Relay => backend_w.queue_raw(frame)?,
                            Serverbound::Rewritten(f) => backend_w.queue_raw(&f)?,
                            Serverbound::Consumed => {}
                            Serverbound::Switch(to) => self.start_switch(&to, &mut pending)?,
                        }
                        if !client_r.has_buffered_packet()? {
                            break;
                        }
                        frame = client_r.read_frame().await?;
                    }
                    backend_w.flush().await?;
                    self.client_w.flush().await?;
                }
                frame = backend_r.read_frame() => {
                    let mut frame = match frame {
                        Ok(f) => f,
                        Err(e) => return self.backend_lost(e).await,
                    };
                    loop {
                        let action = self.clientbound(frame, &mut backend_w)?;
                        let more = backend_r.has_buffered_packet();
                        self.apply(action, &mut backend_r, &mut pending)?;
                        if !more? {
                            break;
                        }
                        frame = backend_r.read_frame().await?;
                    }
                    self.client_w.flush().await?;
                    backend_w.flush().await?;
                }
                Some(command) = commands.recv() => {
                    match command {
                        Command::Connect(to) => self.start_switch(&to, &mut pending)?,
                        Command::Message(text) => self.say(&text)?,
                        Command::Kick(reason) => self.ending = Some(reason),
                        Command::Forward { channel, data } => {
                            let message = sb::PluginMessage::with_payload(
                                &BungeeResponse::Forward { channel, data },
                                self.registry.version(),
                            )?;
                            backend_w.queue(&message)?;
                            backend_w.flush().await?;
                        }
                    }
                    self.client_w.flush().await?;
                }
                done = async {
                    match pending.as_mut() {
                        Some((_, switch)) => switch.as_mut().await,
                        None => std::future::pending().await,
                    }
                }, if pending.is_some() => {
                    let to = pending.take().map(|(to, _)| to).unwrap_or_default();
                    match done {
                        Ok(next) => {
                            // The old backend's connection closes as its
                            // halves are replaced.
                            (backend_r, backend_w) = self.switch(next)?;
                        }
                        Err(e) => {
                            tracing::info!(name = self.who.name, server = to, "move refused: {e}");
                            self.say(&format!("Could not connect to {to}: {e}"))?;
                        }
                    }
                    self.client_w.flush().await?;
                    backend_w.flush().await?;
                }
            }
        }
    }

    fn apply(
        &mut self,
        action: Clientbound,
        backend_r: &mut Reader,
        pending: &mut Option<(String, PendingSwitch)>,
    ) -> Result<()> {
        match action {
            Clientbound::Nothing => Ok(()),
            Clientbound::Switch(to) => self.start_switch(&to, pending),
            Clientbound::Compression(threshold) => {
                backend_r.framing_mut().set_compression(threshold);
                Ok(())
            }
        }
    }

    /// Queues a frame for the client, and records it.
    fn queue_client(&mut self, frame: &[u8]) -> Result<()> {
        self.client_w.queue_raw(frame)?;
        if let Some(r) = &mut self.recorder {
            r.record(frame);
        }
        Ok(())
    }

    fn send_client<P: Packet + 'static>(&mut self, packet: &P) -> Result<()> {
        let mut frame = Vec::new();
        self.registry.encode(packet, &mut frame)?;
        self.queue_client(&frame)
    }

    fn say(&mut self, text: &str) -> Result<()> {
        self.send_client(&notice(text))
    }

    /// Sends the client a Disconnect with `reason` (best effort: it may be
    /// gone already).
    async fn kick(&mut self, reason: &str) {
        let disconnect = Disconnect {
            reason: Chat::text(reason),
        };
        if self.send_client(&disconnect).is_ok() {
            let _ = self.client_w.flush().await;
        }
    }

    /// The backend's connection ended without a Disconnect.
    async fn backend_lost(&mut self, e: ConnectionError) -> Result<()> {
        tracing::info!(
            name = self.who.name,
            server = self.server,
            "backend connection lost: {e}"
        );
        let reason = match self.ending.take() {
            Some(reason) => reason,
            None => format!("Lost connection to {}: {e}", self.server),
        };
        self.kick(&reason).await;
        Ok(())
    }

    /// One frame from the client: what to do with it.
    fn serverbound(&mut self, frame: &[u8]) -> Result<Serverbound> {
        let id = RawPacket::parse(frame)?.id;
        if Some(id) == self.ids.chat {
            let chat: sb::ChatMessage = self.registry.decode_packet(frame)?;
            if let Some(action) = self.command(&chat.message)? {
                return Ok(action);
            }
        } else if self.rewriter.watches_serverbound(id)
            && let Some(f) = self
                .rewriter
                .serverbound(&self.registry, id, frame, self.entity)?
        {
            return Ok(Serverbound::Rewritten(f));
        }
        Ok(Serverbound::Relay)
    }

    /// The proxy's own commands; `None` for chat that goes to the backend.
    fn command(&mut self, message: &str) -> Result<Option<Serverbound>> {
        let mut words = message.split_whitespace();
        if words.next() != Some("/server") {
            return Ok(None);
        }
        match words.next() {
            None => {
                let names: Vec<&str> = self
                    .shared
                    .config
                    .servers
                    .keys()
                    .map(String::as_str)
                    .collect();
                let text = format!("You are on {}. Servers: {}", self.server, names.join(", "));
                self.say(&text)?;
                Ok(Some(Serverbound::Consumed))
            }
            Some(name) => Ok(Some(Serverbound::Switch(name.to_owned()))),
        }
    }

    /// Starts logging in to `to`, unless that cannot or need not happen
    /// (the player is told why).
    fn start_switch(
        &mut self,
        to: &str,
        pending: &mut Option<(String, PendingSwitch)>,
    ) -> Result<()> {
        if to == self.server {
            return self.say("You are already connected to this server!");
        }
        if !self.shared.config.servers.contains_key(to) {
            return self.say(&format!("There is no server named {to}"));
        }
        if let Some((under_way, _)) = pending {
            let text = format!("Already connecting to {under_way}");
            return self.say(&text);
        }
        let shared = self.shared.clone();
        let who = self.who.clone();
        let registry = self.registry.clone();
        let name = to.to_owned();
        let login = async move { backend::connect(&shared.config, &name, &who, &registry).await };
        *pending = Some((to.to_owned(), Box::pin(login)));
        Ok(())
    }

    /// Moves the player to `next`, which has logged them in: clears what
    /// the old backend left, makes the client drop its world, and starts
    /// rewriting the player's entity id.
    fn switch(&mut self, next: Backend) -> Result<(Reader, Writer)> {
        for frame in self.hud.clear(&self.registry)? {
            self.queue_client(&frame)?;
        }
        let join = &next.join;
        // A Respawn into the client's own dimension keeps its world, so a
        // different one goes first (any dimension other than the target
        // works, as a same-dimension first step changes nothing).
        let detour = if join.dimension == Dimension::Overworld {
            Dimension::Nether
        } else {
            Dimension::Overworld
        };
        for dimension in [detour, join.dimension] {
            let respawn = Respawn {
                dimension,
                difficulty: join.difficulty,
                gamemode: join.gamemode.mode,
                level_type: join.level_type.clone(),
            };
            self.send_client(&respawn)?;
        }
        // Join Game's reduced-debug flag, which Respawn does not carry:
        // entity status 22 reduces, 23 restores (wiki.vg, Entity Status).
        let status = EntityStatus {
            entity_id: self.entity.client,
            entity_status: if join.reduced_debug_info { 22 } else { 23 },
        };
        self.send_client(&status)?;
        self.entity.server = join.entity_id;
        self.dimension = join.dimension;
        tracing::info!(
            name = self.who.name,
            from = self.server,
            to = next.name,
            "moved"
        );
        self.server = next.name.clone();
        if let Some(entry) = self.shared.players().get_mut(&self.who.uuid) {
            entry.player.server = next.name.clone();
        }
        let (mut r, mut w) = next.conn.split();
        for frame in &next.early {
            let action = self.clientbound(frame, &mut w)?;
            self.apply(action, &mut r, &mut None)?;
        }
        Ok((r, w))
    }

    /// One frame from the backend: passes it on (rewritten if it must be)
    /// unless the proxy consumes it.
    fn clientbound(&mut self, frame: &[u8], backend_w: &mut Writer) -> Result<Clientbound> {
        let id = RawPacket::parse(frame)?.id;
        let some = Some(id);
        if some == self.ids.plugin_cb {
            let message: cb::PluginMessage = self.registry.decode_packet(frame)?;
            match message.payload::<BungeeRequest>(self.registry.version()) {
                Some(Ok(request)) => return self.bungee(request, backend_w),
                Some(Err(e)) => {
                    tracing::warn!(server = self.server, "bad BungeeCord message: {e}");
                    return Ok(Clientbound::Nothing);
                }
                None => {}
            }
        } else if some == self.ids.respawn {
            let respawn: Respawn = self.registry.decode_packet(frame)?;
            self.dimension = respawn.dimension;
        } else if some == self.ids.set_compression {
            let c: cb::SetCompression = self.registry.decode_packet(frame)?;
            let threshold = usize::try_from(c.threshold).ok();
            backend_w.framing_mut().set_compression(threshold);
            return Ok(Clientbound::Compression(threshold));
        } else if some == self.ids.disconnect {
            let d: Disconnect = self.registry.decode_packet(frame)?;
            tracing::info!(
                name = self.who.name,
                server = self.server,
                "kicked by the backend"
            );
            self.ending = Some(d.reason.to_plain());
            return Ok(Clientbound::Nothing);
        } else if self.hud_ids.watches(id) {
            if let Err(e) = self.hud.observe(&self.registry, &self.hud_ids, frame) {
                tracing::debug!(server = self.server, "untracked HUD packet: {e}");
            }
        } else if self.rewriter.watches_clientbound(id) {
            match self
                .rewriter
                .clientbound(&self.registry, id, frame, self.entity)
            {
                Ok(Some(f)) => {
                    self.queue_client(&f)?;
                    return Ok(Clientbound::Nothing);
                }
                Ok(None) => {}
                Err(e) => tracing::debug!(server = self.server, "entity ids left as sent: {e}"),
            }
        }
        self.queue_client(frame)?;
        Ok(Clientbound::Nothing)
    }

    /// A backend's request on the BungeeCord channel.
    fn bungee(&mut self, request: BungeeRequest, backend_w: &mut Writer) -> Result<Clientbound> {
        let shared = self.shared.clone();
        let find = |name: &str| {
            shared
                .players()
                .values()
                .find(|e| e.player.name.eq_ignore_ascii_case(name))
                .map(|e| e.player.clone())
        };
        let server_filter = |server: &str| (server != "ALL").then(|| server.to_owned());
        let response = match request {
            BungeeRequest::Connect { server } => return Ok(Clientbound::Switch(server)),
            BungeeRequest::ConnectOther { player, server } => {
                shared.command(&player, Command::Connect(server));
                None
            }
            BungeeRequest::Ip => Some(BungeeResponse::Ip {
                ip: self.who.address.ip().to_string(),
                port: i32::from(self.who.address.port()),
            }),
            BungeeRequest::IpOther { player } => find(&player).map(|p| BungeeResponse::IpOther {
                player: p.name,
                ip: p.address.ip().to_string(),
                port: i32::from(p.address.port()),
            }),
            BungeeRequest::PlayerCount { server } => {
                let names = shared.names_on(server_filter(&server).as_deref());
                Some(BungeeResponse::PlayerCount {
                    server,
                    count: i32::try_from(names.len()).unwrap_or(i32::MAX),
                })
            }
            BungeeRequest::PlayerList { server } => {
                let players = shared.names_on(server_filter(&server).as_deref());
                Some(BungeeResponse::PlayerList { server, players })
            }
            BungeeRequest::GetServers => Some(BungeeResponse::GetServers {
                servers: shared.config.servers.keys().cloned().collect(),
            }),
            BungeeRequest::GetServer => Some(BungeeResponse::GetServer {
                server: self.server.clone(),
            }),
            BungeeRequest::Message { player, message } => {
                if player == "ALL" {
                    shared.command_all(None, || Command::Message(message.clone()));
                } else {
                    shared.command(&player, Command::Message(message));
                }
                None
            }
            BungeeRequest::Forward {
                server,
                channel,
                data,
            } => {
                // One player per target server carries it; "ALL" and
                // "ONLINE" mean every other server (with players: a
                // message needs a connection to travel on).
                let mut carriers: std::collections::BTreeMap<String, mpsc::Sender<Command>> =
                    Default::default();
                for e in shared.players().values() {
                    let target = match server.as_str() {
                        "ALL" | "ONLINE" => e.player.server != self.server,
                        name => e.player.server == name,
                    };
                    if target {
                        carriers
                            .entry(e.player.server.clone())
                            .or_insert_with(|| e.commands.clone());
                    }
                }
                for carrier in carriers.values() {
                    let _ = carrier.try_send(Command::Forward {
                        channel: channel.clone(),
                        data: data.clone(),
                    });
                }
                None
            }
            BungeeRequest::ForwardToPlayer {
                player,
                channel,
                data,
            } => {
                shared.command(&player, Command::Forward { channel, data });
                None
            }
            BungeeRequest::Uuid => Some(BungeeResponse::Uuid {
                uuid: self.who.uuid.simple().to_string(),
            }),
            BungeeRequest::UuidOther { player } => {
                find(&player).map(|p| BungeeResponse::UuidOther {
                    player: p.name,
                    uuid: p.uuid.simple().to_string(),
                })
            }
            BungeeRequest::ServerIp { server } => shared.config.servers.get(&server).map(|b| {
                let (ip, port) = match b.address().rsplit_once(':') {
                    Some((host, port)) => (host.to_owned(), port.parse().unwrap_or(25565)),
                    None => (b.address().to_owned(), 25565),
                };
                BungeeResponse::ServerIp { server, ip, port }
            }),
            BungeeRequest::KickPlayer { player, reason } => {
                shared.command(&player, Command::Kick(reason));
                None
            }
        };
        if let Some(response) = response {
            let message = sb::PluginMessage::with_payload(&response, self.registry.version())?;
            backend_w.queue(&message)?;
        }
        Ok(Clientbound::Nothing)
    }

    fn finish_recording(&mut self) {
        if let Some(r) = self.recorder.take() {
            r.finish();
        }
    }
}

/// A session's recording, when the configuration asks for them.
#[cfg(feature = "recording")]
struct Recording {
    recorder: crate::recording::Recorder<std::io::BufWriter<std::fs::File>>,
    path: std::path::PathBuf,
    failed: bool,
}

#[cfg(not(feature = "recording"))]
enum Recording {}

impl Recording {
    /// Starts recording with `success` (the Login Success the client got)
    /// as the first packet; `None` when recordings are off or the file
    /// cannot be made (logged: a recording is not worth refusing a player).
    #[cfg(feature = "recording")]
    fn start(
        shared: &Shared,
        who: &Identity,
        registry: &Registry,
        success: &LoginSuccess,
    ) -> Result<Option<Recording>> {
        use crate::recording::{Recorder, RecordingMeta};
        let Some(dir) = &shared.config.recordings else {
            return Ok(None);
        };
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        let path = dir.join(format!("{}-{stamp}.mcpr", who.name));
        let mut meta = RecordingMeta::new(registry.version(), shared.config.bind.clone());
        meta.players.push(who.uuid);
        let created = std::fs::create_dir_all(dir).and_then(|()| Recorder::create(&path, meta));
        let recorder = match created {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(path = %path.display(), "not recording: {e}");
                return Ok(None);
            }
        };
        let mut recording = Recording {
            recorder,
            path,
            failed: false,
        };
        let mut frame = Vec::new();
        registry.encode(success, &mut frame)?;
        recording.record(&frame);
        Ok(Some(recording))
    }

    #[cfg(not(feature = "recording"))]
    fn start(
        _shared: &Shared,
        _who: &Identity,
        _registry: &Registry,
        _success: &LoginSuccess,
    ) -> Result<Option<Recording>> {
        Ok(None)
    }

    #[cfg(feature = "recording")]
    fn record(&mut self, frame: &[u8]) {
        if self.failed {
            return;
        }
        if let Err(e) = self.recorder.record(frame) {
            tracing::warn!(path = %self.path.display(), "recording stopped: {e}");
            self.failed = true;
        }
    }

    #[cfg(not(feature = "recording"))]
    fn record(&mut self, _frame: &[u8]) {
        match *self {}
    }

    #[cfg(feature = "recording")]
    fn finish(self) {
        let path = self.path;
        match self.recorder.finish() {
            Ok(_) => tracing::info!(path = %path.display(), "recording saved"),
            Err(e) => tracing::warn!(path = %path.display(), "recording not saved: {e}"),
        }
    }

    #[cfg(not(feature = "recording"))]
    fn finish(self) {
        match self {}
    }
}
