//! The player's own state: position, spawn point, health, experience, held item,
//! item cooldowns, abilities, bed, camera, combat and statistics.

use crate::version::*;
use mcproto_core::{Decode, Encode, Packet, Position};
use std::borrow::Cow;

/// The world spawn, where the compass points; after login and on change.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct SpawnPosition {
    /// The spawn block.
    pub location: Position,
}

/// The player's health, food and saturation changed.
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct UpdateHealth {
    /// Half-hearts: 0 or less is dead, 20 is full.
    pub health: f32,
    /// Food level, 0–20.
    #[mc(varint)]
    pub food: i32,
    /// Food saturation, 0.0–5.0.
    pub food_saturation: f32,
}

/// Teleports the player. Before 1.9 the client confirms with its own
/// Player Position And Look; from 1.9 with a
/// [`TeleportConfirm`](crate::play::serverbound::TeleportConfirm) carrying
/// `teleport_id` ([1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Player_Position_And_Look_.28clientbound.29)).
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct PlayerPositionAndLook {
    /// X, absolute or relative (see `flags`).
    pub x: f64,
    /// Y of the feet, absolute or relative.
    pub y: f64,
    /// Z, absolute or relative.
    pub z: f64,
    /// Yaw in degrees, absolute or relative.
    pub yaw: f32,
    /// Pitch in degrees, absolute or relative.
    pub pitch: f32,
    /// Bit set = the value is relative to the current one: 0x01 X, 0x02 Y,
    /// 0x04 Z, 0x08 yaw, 0x10 pitch (the `RELATIVE_*` constants).
    pub flags: i8,
    /// Any number the server picks; the client echoes it in Teleport
    /// Confirm. From 1.9 on only.
    #[mc(varint, since = V1_9)]
    pub teleport_id: Option<i32>,
}

impl PlayerPositionAndLook {
    /// `flags` bit: X is relative.
    pub const RELATIVE_X: i8 = 0x01;
    /// `flags` bit: Y is relative.
    pub const RELATIVE_Y: i8 = 0x02;
    /// `flags` bit: Z is relative.
    pub const RELATIVE_Z: i8 = 0x04;
    /// `flags` bit: yaw is relative (vanilla's Y_ROT).
    pub const RELATIVE_YAW: i8 = 0x08;
    /// `flags` bit: pitch is relative (vanilla's X_ROT).
    pub const RELATIVE_PITCH: i8 = 0x10;
}

/// Selects the player's hotbar slot.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct HeldItemChange {
    /// Hotbar slot 0–8.
    pub slot: i8,
}

/// Starts or ends the use cooldown of every item of one type in the
/// player's inventory, the grey sweep over the slot after an ender pearl
/// (1.9 on, [page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Set_Cooldown)).
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct SetCooldown {
    /// Numeric item id (the item registry of the version) the cooldown
    /// applies to.
    #[mc(varint)]
    pub item_id: i32,
    /// Length in ticks; 0 ends the cooldown. The client counts down by
    /// itself.
    #[mc(varint)]
    pub cooldown_ticks: i32,
}

/// A player goes to sleep in a bed.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct UseBed {
    /// The sleeping player.
    #[mc(varint)]
    pub entity_id: i32,
    /// The head block of the bed.
    pub location: Position,
}

/// The player's experience changed.
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct SetExperience {
    /// Fill of the experience bar, 0.0–1.0.
    pub experience_bar: f32,
    /// Level.
    #[mc(varint)]
    pub level: i32,
    /// Total experience points.
    #[mc(varint)]
    pub total_experience: i32,
}

/// Sets the player's abilities (flying, invulnerability...) and speeds.
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct PlayerAbilities {
    /// Bit mask in vanilla's order (wiki.vg's 15w32c page lists it
    /// reversed): [`Self::INVULNERABLE`] 0x01,
    /// [`Self::FLYING`] 0x02, [`Self::ALLOW_FLYING`] 0x04,
    /// [`Self::CREATIVE`] 0x08 (instant break).
    pub flags: i8,
    /// Flying speed (vanilla default 0.05).
    pub flying_speed: f32,
    /// The walking speed (vanilla default 0.1), from which the client
    /// derives its field of view; minecraft-data calls it walkingSpeed.
    pub field_of_view_modifier: f32,
}

impl PlayerAbilities {
    /// Flag bit: the player takes no damage.
    pub const INVULNERABLE: i8 = 0x01;
    /// Flag bit: the player is flying.
    pub const FLYING: i8 = 0x02;
    /// Flag bit: the player may fly.
    pub const ALLOW_FLYING: i8 = 0x04;
    /// Flag bit: creative mode (blocks break instantly).
    pub const CREATIVE: i8 = 0x08;

    /// Whether the invulnerable bit is set.
    pub fn invulnerable(&self) -> bool {
        self.flags & Self::INVULNERABLE != 0
    }

    /// Whether the flying bit is set.
    pub fn flying(&self) -> bool {
        self.flags & Self::FLYING != 0
    }

    /// Whether the allow-flying bit is set.
    pub fn allow_flying(&self) -> bool {
        self.flags & Self::ALLOW_FLYING != 0
    }

    /// Whether the creative-mode bit is set.
    pub fn creative(&self) -> bool {
        self.flags & Self::CREATIVE != 0
    }
}

/// Reports the player entering or leaving combat, or dying.
///
/// Listed again on the protocol-54 seed page, with no wire change.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct CombatEvent<'a> {
    /// The event (VarInt) and the fields it selects.
    pub event: CombatEventKind<'a>,
}

/// The event of a [`CombatEvent`].
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum CombatEventKind<'a> {
    /// The player entered combat (no fields).
    #[mc(tag = 0)]
    EnterCombat,
    /// The player left combat.
    #[mc(tag = 1)]
    EndCombat {
        /// Length of the combat in ticks.
        #[mc(varint)]
        duration: i32,
        /// The last attacker's entity id (an Int, not a VarInt); −1 if none.
        entity_id: i32,
    },
    /// An entity (the player) died.
    #[mc(tag = 2)]
    EntityDead {
        /// The dead player's entity id.
        #[mc(varint)]
        player_id: i32,
        /// The killer's entity id (an Int, not a VarInt); −1 if none.
        entity_id: i32,
        /// The death message: a plain String in 47 and 54; later releases
        /// send JSON chat text on the same wire type (decompiled vanilla
        /// 1.10–1.12 reads it with `readTextComponent`; which 1.9.x release
        /// switched is not pinned down). Kept as the raw string in every
        /// version, so nothing is lost either way.
        message: Cow<'a, str>,
    },
}

/// Makes the client view the world through an entity (spectator mode).
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct Camera {
    /// The entity to view through; the player's own id returns the view.
    #[mc(varint)]
    pub camera_id: i32,
}

/// Sends the player's statistics and achievements (the answer to Client
/// Status action 1).
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct Statistics<'a> {
    /// The statistics, each with its current value. A negative count is
    /// an empty list: vanilla reads the entries in a `for` loop
    /// (`S37PacketStatistics`, 1.8; `SPacketStatistics`, 1.12.2).
    #[mc(negative_empty)]
    pub statistics: Vec<Statistic<'a>>,
}

/// One entry of [`Statistics`].
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Statistic<'a> {
    /// e.g. `stat.walkOneCm`, `achievement.openInventory`.
    pub name: Cow<'a, str>,
    /// The statistic's value (an achievement counts as earned when > 0).
    #[mc(varint)]
    pub value: i32,
}
