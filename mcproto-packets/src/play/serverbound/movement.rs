//! Moving and turning the player, confirming teleports, steering vehicles and
//! boats, flying, sneaking and sprinting, and spectating.

use crate::version::*;
use mcproto_core::{Decode, Encode, Packet, Uuid};

/// Confirms a clientbound Player Position And Look by its Teleport ID (1.9
/// on, [page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Teleport_Confirm));
/// until it arrives vanilla ignores the client's movement packets.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct TeleportConfirm {
    /// The Teleport ID of the teleport being confirmed.
    #[mc(varint)]
    pub teleport_id: i32,
}

/// Sent every tick the player neither moves nor turns (minecraft-data: `flying`).
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct Player {
    /// Whether the player stands on the ground; a false → true change
    /// applies fall damage.
    pub on_ground: bool,
}

/// Sent when the player moves without turning.
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct PlayerPosition {
    /// Absolute position, in blocks.
    pub x: f64,
    /// Absolute height of the feet, in blocks (the eyes are 1.62 higher).
    pub feet_y: f64,
    /// Absolute position, in blocks.
    pub z: f64,
    /// Whether the player stands on the ground.
    pub on_ground: bool,
}

/// Sent when the player turns without moving.
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct PlayerLook {
    /// Degrees, not clamped: 0 faces +Z (south), 90 −X (west), 180 −Z, 270 +X.
    pub yaw: f32,
    /// Degrees: −90 straight up, 0 level, 90 straight down.
    pub pitch: f32,
    /// Whether the player stands on the ground.
    pub on_ground: bool,
}

/// Sent when the player moves and turns, and (before 1.9) to confirm a
/// clientbound Player Position And Look.
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct PlayerPositionAndLook {
    /// Absolute position, in blocks.
    pub x: f64,
    /// Absolute height of the feet, in blocks.
    pub feet_y: f64,
    /// Absolute position, in blocks.
    pub z: f64,
    /// Degrees, as in [`PlayerLook::yaw`].
    pub yaw: f32,
    /// Degrees, as in [`PlayerLook::pitch`].
    pub pitch: f32,
    /// Whether the player stands on the ground.
    pub on_ground: bool,
}

/// Sent when the player sneaks, sprints, leaves a bed, jumps with a horse
/// or (1.9 on) starts gliding with an elytra.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct EntityAction {
    /// The player's own entity id.
    #[mc(varint)]
    pub entity_id: i32,
    /// What the player did.
    pub action_id: EntityActionKind,
    /// Horse jump strength 0–100 for [`EntityActionKind::JumpWithHorse`],
    /// otherwise 0 (wiki.vg's 15w32c page calls it "Jump Boost").
    #[mc(varint)]
    pub action_parameter: i32,
}

/// The action of an Entity Action packet.
///
/// 1.9 ([page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Entity_Action))
/// renumbers from 6 on: 6 is the new "stop jump", opening the horse
/// inventory moves from 6 to 7, and 8 starts elytra flight. Vanilla reads
/// the action as a closed enum in every version.
///
/// Closed: vanilla's `readEnumValue` fails past the last action (6 in
/// 1.8's `C0BPacketEntityAction`, 8 in 1.9–1.12.2), and so does this
/// decoder.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum EntityActionKind {
    /// Start sneaking (crouch).
    #[mc(tag = 0)]
    StartSneaking,
    /// Stop sneaking.
    #[mc(tag = 1)]
    StopSneaking,
    /// The "Leave Bed" button.
    #[mc(tag = 2)]
    LeaveBed,
    /// Start sprinting.
    #[mc(tag = 3)]
    StartSprinting,
    /// Stop sprinting.
    #[mc(tag = 4)]
    StopSprinting,
    /// Jump with the ridden horse (1.9: start the jump); the strength is
    /// the action parameter.
    #[mc(tag = 5)]
    JumpWithHorse,
    /// The horse jump ends (1.9 on).
    #[mc(since = V1_9, tag = 6)]
    StopJumpWithHorse,
    /// Open the ridden horse's inventory: 6 in protocol 47, 7 from 1.9 on.
    /// 15w31a removed it (the client sends Client Status 2 instead), so 54
    /// encoders should not send it, but it still decodes in 54 as 6
    /// ([Protocol History](https://wiki.vg/Protocol_History), 15w31a:
    /// "removed open inventory"; 1.9 brought it back at 7).
    #[mc(tag(V1_8 = 6, V1_9 = 7))]
    OpenHorseInventory,
    /// Start gliding with an elytra (1.9 on).
    #[mc(since = V1_9, tag = 8)]
    StartElytraFlying,
}

/// Sent every tick while the player rides a vehicle or animal.
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct SteerVehicle {
    /// Sideways input; positive is to the player's left.
    pub sideways: f32,
    /// Forward input; positive is forward.
    pub forward: f32,
    /// Bit mask (minecraft-data calls it `jump`): [`SteerVehicle::JUMP`]
    /// 0x01, [`SteerVehicle::UNMOUNT`] 0x02.
    pub flags: u8,
}

impl SteerVehicle {
    /// `flags` bit: jump.
    pub const JUMP: u8 = 0x01;
    /// `flags` bit: dismount.
    pub const UNMOUNT: u8 = 0x02;
}

/// Sent when the player starts or stops flying.
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct PlayerAbilities {
    /// Bit mask, as vanilla (one reader for both directions) defines it:
    /// 0x01 invulnerable, 0x02 flying, 0x04 allow flying, 0x08 creative
    /// mode (the `INVULNERABLE`… constants). wiki.vg's 15w32c page lists
    /// the bits in the reverse order; vanilla 1.8's reader wins. Only 0x02
    /// matters to servers.
    pub flags: i8,
    /// Ignored by vanilla servers.
    pub flying_speed: f32,
    /// Ignored by vanilla servers.
    pub walking_speed: f32,
}

impl PlayerAbilities {
    /// `flags` bit: takes no damage.
    pub const INVULNERABLE: i8 = 0x01;
    /// `flags` bit: is flying.
    pub const FLYING: i8 = 0x02;
    /// `flags` bit: may fly.
    pub const ALLOW_FLYING: i8 = 0x04;
    /// `flags` bit: creative mode (instant breaking).
    pub const CREATIVE_MODE: i8 = 0x08;
}

/// The client's report of where the vehicle it steers now is (1.9 on,
/// [page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Vehicle_Move_.28serverbound.29));
/// the server answers a move it refuses with the clientbound Vehicle Move.
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct VehicleMove {
    /// Absolute X in blocks.
    pub x: f64,
    /// Absolute Y in blocks.
    pub y: f64,
    /// Absolute Z in blocks.
    pub z: f64,
    /// Absolute yaw in degrees.
    pub yaw: f32,
    /// Absolute pitch in degrees.
    pub pitch: f32,
}

/// Which paddles of the ridden boat turn, so that the server can show them
/// to other players (1.9 on,
/// [page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Steer_Boat)).
///
/// Left first, as vanilla (`CPacketSteerBoat`) and minecraft-data order
/// them; some wiki-derived tables of the time list the right paddle first.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct SteerBoat {
    /// The left paddle turns.
    pub left_paddle_turning: bool,
    /// The right paddle turns.
    pub right_paddle_turning: bool,
}

/// Sent in spectator mode to teleport to an entity.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct Spectate {
    /// The entity to teleport to (vanilla clients only pick players).
    pub target_player: Uuid,
}
