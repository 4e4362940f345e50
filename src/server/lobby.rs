//! A minimal world for the example server and the demo: players spawn on
//! a flat, empty map, and chat is broadcast to everyone.

use mcproto_core::{Chat, Position};
use mcproto_packets::PlayServerbound;
use mcproto_packets::play::clientbound::{
    ChatMessage, ChatPosition, JoinGame, JoinGameMode, LevelType, PlayerPositionAndLook,
    SpawnPosition, UpdateHealth,
};
use mcproto_packets::play::types::{Difficulty, Dimension, GameMode};

use super::Player;

/// Spawns `player` (Join Game, Spawn Position, Player Position And Look,
/// Update Health), then relays their chat to every player as `<name> text`
/// until they leave.
pub async fn lobby(mut player: Player) {
    let name = player.name().to_owned();
    let max_players = u8::try_from(player.server().config().max_players).unwrap_or(u8::MAX);
    // Each player is the only entity it brings.
    let entity_id = i32::try_from(player.id()).unwrap_or(i32::MAX);
    let spawn = [
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
        player.send(&SpawnPosition {
            location: Position::new(0, 64, 0),
        }),
        player.send(&PlayerPositionAndLook {
            x: 0.5,
            y: 64.0,
            z: 0.5,
            yaw: 0.0,
            pitch: 0.0,
            flags: 0,
            // 1.9 on: the client answers with Teleport Confirm.
            teleport_id: (player.version() >= mcproto_packets::version::V1_9).then_some(1),
        }),
        player.send(&UpdateHealth {
            health: 20.0,
            food: 20,
            food_saturation: 5.0,
        }),
    ];
    if spawn.iter().any(Result::is_err) {
        return;
    }
    player
        .server()
        .broadcast(&system_message(&format!("{name} joined the game")));
    let server = player.server().clone();
    while let Some(Ok(packet)) = player.next().await {
        match packet {
            PlayServerbound::ChatMessage(chat) => {
                let line = format!("<{name}> {}", chat.message);
                tracing::info!("{line}");
                server.broadcast(&ChatMessage {
                    json_data: Chat::text(&line),
                    position: ChatPosition::Chat,
                });
            }
            PlayServerbound::ClientSettings(settings) => {
                tracing::debug!(name, locale = %settings.locale, "client settings");
            }
            // Movement, plugin messages...: a lobby ignores them.
            _ => {}
        }
    }
    server.broadcast(&system_message(&format!("{name} left the game")));
}

fn system_message(text: &str) -> ChatMessage {
    ChatMessage {
        json_data: Chat::text(text),
        position: ChatPosition::System,
    }
}
