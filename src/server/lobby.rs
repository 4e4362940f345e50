//! A minimal world for the example server and the demo: players spawn on
//! a flat map (bedrock, dirt, grass), and chat is broadcast to everyone.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use mcproto_core::bytes::Bytes;
use mcproto_core::conn::ConnectionError;
use mcproto_core::{Chat, Position, ProtocolVersion, Registry};
use mcproto_packets::PlayServerbound;
use mcproto_packets::play::chunk::{BlockState, ChunkColumn};
use mcproto_packets::play::clientbound::{
    ChatMessage, ChatPosition, ChunkData, EntityStatus, JoinGame, JoinGameMode, LevelType,
    PlayerPositionAndLook, SpawnPosition, UpdateHealth,
};
use mcproto_packets::play::types::{Difficulty, Dimension, GameMode};
use mcproto_packets::version::V1_9;

use super::Player;

/// The top of the flat ground: bedrock at 0, dirt at 1–2, grass at 3.
const GROUND: f64 = 4.0;

/// A lobby: where players appear, what they see, how chat is shown.
///
/// ```no_run
/// # async fn run() -> Result<(), mcproto::ConnectionError> {
/// use std::sync::Arc;
/// use mcproto::server::{Lobby, Server, ServerConfig};
/// let lobby = Arc::new(Lobby::new().name("games").spawn(100.5, 0.5));
/// let server = Server::bind(ServerConfig::default()).await?;
/// server.run(move |player| lobby.clone().serve(player)).await
/// # }
/// ```
#[derive(Debug)]
pub struct Lobby {
    name: String,
    spawn: (f64, f64),
    view_radius: i32,
    /// The chunk packets around the spawn, built once per version.
    chunks: Mutex<HashMap<ProtocolVersion, Arc<[ChunkData<'static>]>>>,
    /// The same, encoded, compressed and framed once per registry and
    /// compression threshold: a join costs no compression.
    frames: Mutex<Vec<ChunkFrames>>,
}

type ChunkFrames = (Registry, Option<usize>, Arc<[Bytes]>);

impl Default for Lobby {
    fn default() -> Self {
        Lobby::new()
    }
}

impl Lobby {
    /// A nameless lobby, spawn at (0.5, 0.5), 5 × 5 chunks around it.
    pub fn new() -> Self {
        Lobby {
            name: String::new(),
            spawn: (0.5, 0.5),
            view_radius: 2,
            chunks: Mutex::new(HashMap::new()),
            frames: Mutex::new(Vec::new()),
        }
    }

    /// The name before chat lines (`[name] <player> text`) and in the
    /// welcome line: which server of a network this is.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// Where players appear (x, z in blocks; they stand on the ground).
    pub fn spawn(mut self, x: f64, z: f64) -> Self {
        self.spawn = (x, z);
        self.chunks = Mutex::new(HashMap::new());
        self.frames = Mutex::new(Vec::new());
        self
    }

    /// Chunks sent in each direction around the spawn's chunk (0–8).
    pub fn view_radius(mut self, radius: i32) -> Self {
        self.view_radius = radius.clamp(0, 8);
        self.chunks = Mutex::new(HashMap::new());
        self.frames = Mutex::new(Vec::new());
        self
    }

    fn chunks(&self, version: ProtocolVersion) -> Option<Arc<[ChunkData<'static>]>> {
        let mut cache = self.chunks.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(c) = cache.get(&version) {
            return Some(c.clone());
        }
        let column = ChunkColumn::flat(
            &[
                (BlockState::new(7, 0), 1),
                (BlockState::new(3, 0), 2),
                (BlockState::new(2, 0), 1),
            ],
            true,
        )
        .ok()?;
        let (cx, cz) = (
            (self.spawn.0.floor() as i32) >> 4,
            (self.spawn.1.floor() as i32) >> 4,
        );
        let r = self.view_radius;
        let mut packets = Vec::new();
        for x in cx - r..=cx + r {
            for z in cz - r..=cz + r {
                packets.push(ChunkData::from_column_for(x, z, &column, version).ok()?);
            }
        }
        let packets: Arc<[ChunkData<'static>]> = packets.into();
        cache.insert(version, packets.clone());
        Some(packets)
    }

    /// The chunk packets of [`chunks`](Self::chunks) as frames for
    /// `registry` and compression `threshold`.
    fn chunk_frames(
        &self,
        chunks: &[ChunkData],
        registry: &Registry,
        threshold: Option<usize>,
    ) -> Result<Arc<[Bytes]>, ConnectionError> {
        let mut cache = self.frames.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, _, f)) = cache
            .iter()
            .find(|(r, t, _)| Registry::ptr_eq(r, registry) && *t == threshold)
        {
            return Ok(f.clone());
        }
        let mut frames = Vec::with_capacity(chunks.len());
        let mut buf = Vec::new();
        for c in chunks {
            buf.clear();
            registry.encode(c, &mut buf)?;
            frames.push(super::player::frame_for(&buf, threshold)?);
        }
        let frames: Arc<[Bytes]> = frames.into();
        cache.push((registry.clone(), threshold, frames.clone()));
        Ok(frames)
    }

    fn line(&self, text: &str) -> String {
        if self.name.is_empty() {
            text.to_owned()
        } else {
            format!("[{}] {text}", self.name)
        }
    }

    /// Spawns `player` (Join Game, the chunks around the spawn, the
    /// position, health), then relays their chat to every player as
    /// `[name] <player> text` until they leave.
    pub async fn serve(self: Arc<Self>, mut player: Player) {
        let name = player.name().to_owned();
        let version = player.version();
        let max_players = u8::try_from(player.server().config().max_players).unwrap_or(u8::MAX);
        // Each player is the only entity it brings.
        let entity_id = i32::try_from(player.id()).unwrap_or(i32::MAX);
        let Some(chunks) = self.chunks(version) else {
            player.disconnect("This server cannot build its world in your version");
            return;
        };
        let (x, z) = self.spawn;
        let mut spawn = vec![
            player.send(&JoinGame {
                entity_id,
                gamemode: JoinGameMode {
                    mode: GameMode::Creative,
                    hardcore: false,
                },
                dimension: Dimension::Overworld,
                difficulty: Difficulty::Peaceful,
                max_players,
                level_type: LevelType::Flat,
                reduced_debug_info: false,
            }),
            // Full debug screen: a status the client applies to its own
            // entity only (wiki.vg, Entity Statuses: 23).
            player.send(&EntityStatus {
                entity_id,
                entity_status: 23,
            }),
            player.send(&SpawnPosition {
                location: Position::new(x.floor() as i32, GROUND as i32, z.floor() as i32),
            }),
        ];
        match self.chunk_frames(&chunks, player.registry(), player.sender.threshold()) {
            Ok(frames) => spawn.extend(frames.iter().map(|f| player.sender.send_frame(f.clone()))),
            Err(e) => spawn.push(Err(e)),
        }
        spawn.push(player.send(&PlayerPositionAndLook {
            x,
            y: GROUND,
            z,
            yaw: 0.0,
            pitch: 0.0,
            flags: 0,
            // 1.9 on: the client answers with Teleport Confirm.
            teleport_id: (version >= V1_9).then_some(1),
        }));
        spawn.push(player.send(&UpdateHealth {
            health: 20.0,
            food: 20,
            food_saturation: 5.0,
        }));
        let welcome = format!(
            "Welcome, {name} ({}) from {}",
            player.uuid(),
            player.address().ip()
        );
        spawn.push(player.send(&system_message(&self.line(&welcome))));
        if spawn.iter().any(Result::is_err) {
            return;
        }
        let server = player.server().clone();
        server.broadcast(&system_message(
            &self.line(&format!("{name} joined the game")),
        ));
        while let Some(Ok(packet)) = player.next().await {
            match packet {
                PlayServerbound::ChatMessage(chat) => {
                    let line = self.line(&format!("<{name}> {}", chat.message));
                    tracing::info!("{line}");
                    server.broadcast(&ChatMessage {
                        json_data: Chat::text(&line),
                        position: ChatPosition::Chat,
                    });
                }
                PlayServerbound::ClientSettings(settings) => {
                    tracing::debug!(name, locale = %settings.locale, "client settings");
                }
                // Movement, teleport confirmations, plugin messages...: a
                // lobby ignores them.
                _ => {}
            }
        }
        server.broadcast(&system_message(
            &self.line(&format!("{name} left the game")),
        ));
    }
}

/// Serves `player` in a default [`Lobby`] (nameless, spawn at 0.5, 0.5).
pub async fn lobby(player: Player) {
    static DEFAULT: std::sync::OnceLock<Arc<Lobby>> = std::sync::OnceLock::new();
    DEFAULT
        .get_or_init(|| Arc::new(Lobby::new()))
        .clone()
        .serve(player)
        .await
}

fn system_message(text: &str) -> ChatMessage {
    ChatMessage {
        json_data: Chat::text(text),
        position: ChatPosition::System,
    }
}
