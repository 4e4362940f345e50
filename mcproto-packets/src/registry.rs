//! The packet groups of every state and direction (each lists the packets
//! of every version), and the standard registry of each version, built from
//! its id tables.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use mcproto_core::{ConnectionError, Direction, ProtocolVersion, Registry, State, packet_group};

use crate::play::clientbound as play_cb;
use crate::play::serverbound as play_sb;
use crate::{handshaking, ids, login, status, version};

/// `packet_group!`, with `#[mc(generate)]` (a `Generate` impl for the
/// group) when the `generate` feature is on.
macro_rules! group {
    ($($group:tt)*) => {
        #[cfg(feature = "generate")]
        packet_group! { #[mc(generate)] $($group)* }
        #[cfg(not(feature = "generate"))]
        packet_group! { $($group)* }
    };
}

group! {
    /// Every serverbound handshaking packet.
    #[derive(Debug, Clone, PartialEq)]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    pub enum HandshakingServerbound(Handshaking, Serverbound) {
        handshaking::serverbound::Handshake<'a>,
        handshaking::serverbound::LegacyServerListPing,
    }
}

group! {
    /// Every clientbound status packet.
    #[derive(Debug, Clone, PartialEq)]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    pub enum StatusClientbound(Status, Clientbound) {
        status::clientbound::StatusResponse<'a>,
        status::clientbound::Pong,
    }
}

group! {
    /// Every serverbound status packet.
    #[derive(Debug, Clone, PartialEq)]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    pub enum StatusServerbound(Status, Serverbound) {
        status::serverbound::StatusRequest,
        status::serverbound::Ping,
    }
}

group! {
    /// Every clientbound login packet.
    #[derive(Debug, Clone, PartialEq)]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    pub enum LoginClientbound(Login, Clientbound) {
        login::clientbound::Disconnect,
        login::clientbound::EncryptionRequest<'a>,
        login::clientbound::LoginSuccess<'a>,
        login::clientbound::SetCompression,
    }
}

group! {
    /// Every serverbound login packet.
    #[derive(Debug, Clone, PartialEq)]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    pub enum LoginServerbound(Login, Serverbound) {
        login::serverbound::LoginStart<'a>,
        login::serverbound::EncryptionResponse<'a>,
    }
}

group! {
    /// Every clientbound play packet of every version: 74 in each of 47
    /// and 54 (Update Entity NBT in 47 and Boss Bar in 54 share id 0x49),
    /// 77 in 1.9 – 1.9.2, 76 in 1.9.4 – 1.11.2, 79 in 1.12, 80 in 1.12.1 –
    /// 1.12.2.
    #[derive(Debug, Clone, PartialEq)]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    pub enum PlayClientbound(Play, Clientbound) {
        play_cb::KeepAlive,
        #[boxed]
        play_cb::JoinGame,
        play_cb::ChatMessage,
        play_cb::TimeUpdate,
        play_cb::EntityEquipment,
        play_cb::SpawnPosition,
        play_cb::UpdateHealth,
        play_cb::Respawn,
        play_cb::PlayerPositionAndLook,
        play_cb::HeldItemChange,
        play_cb::UseBed,
        play_cb::Animation,
        #[boxed]
        play_cb::SpawnPlayer,
        play_cb::CollectItem,
        play_cb::SpawnObject,
        #[boxed]
        play_cb::SpawnMob,
        #[boxed]
        play_cb::SpawnPainting<'a>,
        play_cb::SpawnExperienceOrb,
        play_cb::EntityVelocity,
        play_cb::DestroyEntities,
        play_cb::Entity,
        play_cb::EntityRelativeMove,
        play_cb::EntityLook,
        play_cb::EntityLookAndRelativeMove,
        play_cb::EntityTeleport,
        play_cb::EntityHeadLook,
        play_cb::EntityStatus,
        play_cb::AttachEntity,
        play_cb::EntityMetadata,
        play_cb::EntityEffect,
        play_cb::RemoveEntityEffect,
        play_cb::SetExperience,
        play_cb::EntityProperties<'a>,
        #[boxed]
        play_cb::ChunkData<'a>,
        play_cb::MultiBlockChange,
        play_cb::BlockChange,
        play_cb::BlockAction,
        play_cb::BlockBreakAnimation,
        play_cb::MapChunkBulk<'a>,
        play_cb::Explosion,
        play_cb::Effect,
        #[boxed]
        play_cb::NamedSoundEffect<'a>,
        #[boxed]
        play_cb::Particle,
        play_cb::ChangeGameState,
        play_cb::SpawnGlobalEntity,
        #[boxed]
        play_cb::OpenWindow<'a>,
        play_cb::CloseWindow,
        play_cb::SetSlot,
        play_cb::WindowItems,
        play_cb::WindowProperty,
        play_cb::ConfirmTransaction,
        #[boxed]
        play_cb::UpdateSign,
        #[boxed]
        play_cb::Map<'a>,
        play_cb::UpdateBlockEntity,
        play_cb::OpenSignEditor,
        play_cb::Statistics<'a>,
        play_cb::PlayerListItem<'a>,
        play_cb::PlayerAbilities,
        play_cb::TabComplete<'a>,
        #[boxed]
        play_cb::ScoreboardObjective<'a>,
        #[boxed]
        play_cb::UpdateScore<'a>,
        play_cb::DisplayScoreboard<'a>,
        #[boxed]
        play_cb::Teams<'a>,
        play_cb::PluginMessage<'a>,
        play_cb::Disconnect,
        play_cb::ServerDifficulty,
        play_cb::CombatEvent<'a>,
        play_cb::Camera,
        play_cb::WorldBorder,
        play_cb::Title,
        play_cb::SetCompression,
        play_cb::PlayerListHeaderAndFooter,
        play_cb::ResourcePackSend<'a>,
        play_cb::UpdateEntityNbt,
        #[boxed]
        play_cb::BossBar,
        play_cb::SetCooldown,
        play_cb::UnloadChunk,
        play_cb::VehicleMove,
        play_cb::SetPassengers,
        play_cb::SoundEffect,
        play_cb::UnlockRecipes,
        play_cb::SelectAdvancementTab<'a>,
        #[boxed]
        play_cb::Advancements<'a>,
        play_cb::CraftRecipeResponse,
    }
}

group! {
    /// Every serverbound play packet of every version: 26 in protocol 47,
    /// 27 in 54, 30 in 1.9 – 1.11.2, 33 in 1.12 – 1.12.2.
    #[derive(Debug, Clone, PartialEq)]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    pub enum PlayServerbound(Play, Serverbound) {
        play_sb::KeepAlive,
        play_sb::ChatMessage<'a>,
        play_sb::UseEntity,
        play_sb::Player,
        play_sb::PlayerPosition,
        play_sb::PlayerLook,
        play_sb::PlayerPositionAndLook,
        play_sb::PlayerDigging,
        play_sb::UseItem,
        play_sb::PlayerBlockPlacement,
        play_sb::HeldItemChange,
        play_sb::Animation,
        play_sb::EntityAction,
        play_sb::SteerVehicle,
        play_sb::CloseWindow,
        #[boxed]
        play_sb::ClickWindow,
        play_sb::ConfirmTransaction,
        play_sb::CreativeInventoryAction,
        play_sb::EnchantItem,
        #[boxed]
        play_sb::UpdateSign<'a>,
        play_sb::PlayerAbilities,
        play_sb::TabComplete<'a>,
        #[boxed]
        play_sb::ClientSettings<'a>,
        play_sb::ClientStatus,
        play_sb::PluginMessage<'a>,
        play_sb::Spectate,
        play_sb::ResourcePackStatus<'a>,
        play_sb::TeleportConfirm,
        play_sb::VehicleMove,
        play_sb::SteerBoat,
        play_sb::PrepareCraftingGrid,
        play_sb::CraftingBookData,
        play_sb::AdvancementTab<'a>,
        play_sb::CraftRecipeRequest,
    }
}

/// The standard registry of a shipped protocol version (see
/// [`version::SUPPORTED`](crate::version::SUPPORTED)), built from its id
/// tables on first use.
pub fn registry(version: ProtocolVersion) -> Result<&'static Registry, ConnectionError> {
    static REGISTRIES: OnceLock<Vec<(ProtocolVersion, Registry)>> = OnceLock::new();
    let all = REGISTRIES.get_or_init(|| {
        version::supported()
            .filter_map(|v| {
                let tables = ids::tables(v)?;
                let builder = tables
                    .into_iter()
                    .fold(Registry::builder(v), |b, t| b.table(t));
                // The tables are checked at compile time (ids ascend, each
                // packet in its place) and by the tests (no packet twice).
                builder.build().ok().map(|r| (v, r))
            })
            .collect()
    });
    all.iter()
        .find(|(v, _)| *v == version)
        .map(|(_, r)| r)
        .ok_or(ConnectionError::UnsupportedVersion(version))
}

/// Id → packet name for a version, state and direction: the counterpart of
/// Python mcproto's `generate_packet_map(direction, state)`.
pub fn packet_map(
    version: ProtocolVersion,
    state: State,
    direction: Direction,
) -> Result<BTreeMap<i32, &'static str>, ConnectionError> {
    Ok(registry(version)?.packet_map(state, direction))
}
