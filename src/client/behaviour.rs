//! What the client does by itself in play, because servers rely on the
//! vanilla client doing it: Client Settings and the brand after Join Game,
//! the answer to every Player Position And Look, and a position update at
//! least once a second. [`Behaviour`] turns each of them on or off.
//!
//! Sources (wiki.vg, each release's page):
//! - [Protocol FAQ](https://wiki.vg/index.php?title=Protocol_FAQ&oldid=14308),
//!   the login sequence: after Join Game the client sends its brand and
//!   Client Settings (listed brand first, both optional there; vanilla's
//!   Join Game handler, 1.12's as decompiled in public mods, sends the
//!   settings first, and so does this client); the server's Player
//!   Position And Look is answered with Teleport Confirm (1.9 on), then
//!   Player Position And Look "to confirm the spawn position".
//! - [Plugin channels](https://wiki.vg/index.php?title=Plugin_channels&oldid=7664),
//!   `MC|Brand`: a String, the client's brand, sent after Join Game.
//! - [1.8](https://wiki.vg/index.php?title=Protocol&oldid=7368#Player_Position_And_Look),
//!   [1.9](https://wiki.vg/index.php?title=Protocol&oldid=7617#Player_Position_And_Look_.28clientbound.29),
//!   [1.12.2](https://wiki.vg/index.php?title=Protocol&oldid=14204#Player_Position_And_Look_.28clientbound.29):
//!   the flags bit field (0x01 X, 0x02 Y, 0x04 Z, 0x08 Y_ROT = yaw, 0x10
//!   X_ROT = pitch; a set bit makes the value relative) and, from 1.9, the
//!   Teleport ID that Teleport Confirm echoes.
//! - [1.8, Player](https://wiki.vg/index.php?title=Protocol&oldid=7368#Player):
//!   "Vanilla clients will send Player Position once every 20 ticks even
//!   for a stationary player, and Player on every other tick."
//!
//! wiki.vg does not say which on-ground value the answer carries: the
//! vanilla client's handler (1.12's, as decompiled in public mods) sends
//! Teleport Confirm first, then the position with on-ground false, since
//! it has not run its physics yet; so does this client, in every version.

use std::time::{Duration, Instant};

use mcproto_core::ProtocolVersion;
use mcproto_packets::play::clientbound::PlayerPositionAndLook;
use mcproto_packets::play::serverbound::{
    self as sb, ClientSettings, Player, PlayerLook, PlayerPosition,
};
pub use mcproto_packets::play::serverbound::{ChatMode, MainHand};
use mcproto_packets::version::V15W32C;

/// Whether a packet type (its owned form) moves the player when sent.
pub(super) fn is_movement(t: std::any::TypeId) -> bool {
    use std::any::TypeId;
    [
        TypeId::of::<PlayerPosition>(),
        TypeId::of::<sb::PlayerPositionAndLook>(),
        TypeId::of::<PlayerLook>(),
        TypeId::of::<Player>(),
    ]
    .contains(&t)
}

/// How often the client reports its position when it sends nothing else:
/// 20 ticks, as a stationary vanilla client does.
///
/// Vanilla also sends Player (on ground) on each of the 19 ticks between;
/// servers do not need those (they drive nothing but the on-ground flag,
/// which does not change for a client that does not move), while a
/// server that never hears a position may treat the player as not yet
/// spawned and never send more than the first chunks. One update a second
/// is what keeps such servers going, at a twentieth of the packets.
pub const POSITION_INTERVAL: Duration = Duration::from_secs(1);

/// The Client Settings sent after every Join Game.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Language, e.g. `en_US` (at most 7 characters before 1.12, 16 from
    /// 1.12: a longer one makes the packet fail to encode).
    pub locale: String,
    /// Render distance in chunks; servers send at most their own.
    pub view_distance: i8,
    /// Which chat messages to receive.
    pub chat_mode: ChatMode,
    /// The "Colors" chat setting.
    pub chat_colors: bool,
    /// Skin layers shown ([`ClientSettings::CAPE`] …; 0x7F: all).
    pub skin_parts: u8,
    /// The main hand, sent from 15w32c (protocol 54) on.
    pub main_hand: MainHand,
}

impl Default for Settings {
    /// `en_US`, 8 chunks, full chat with colours, every skin part, right
    /// hand.
    fn default() -> Self {
        Settings {
            locale: "en_US".into(),
            view_distance: 8,
            chat_mode: ChatMode::Enabled,
            chat_colors: true,
            skin_parts: 0x7F,
            main_hand: MainHand::Right,
        }
    }
}

impl Settings {
    /// The packet for protocol `version`.
    pub fn packet(&self, version: ProtocolVersion) -> ClientSettings<'_> {
        ClientSettings {
            locale: self.locale.as_str().into(),
            view_distance: self.view_distance,
            chat_mode: self.chat_mode,
            chat_colors: self.chat_colors,
            displayed_skin_parts: self.skin_parts,
            // The declaration has the field from 15w32c on, and refuses
            // it (or its absence) in the other versions.
            main_hand: (version >= V15W32C).then_some(self.main_hand),
        }
    }
}

/// Which automatic answers the client gives. Keep Alive and Set
/// Compression are always followed: without them there is no session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Behaviour {
    /// Client Settings sent after every Join Game; `None`: not sent.
    pub settings: Option<Settings>,
    /// The brand sent on `MC|Brand` after every Join Game (after the
    /// settings, as vanilla does); `None`: not sent.
    pub brand: Option<String>,
    /// Answer every Player Position And Look: in 1.8 (and 15w32c) with
    /// Player Position And Look at the resolved position; from 1.9 with
    /// Teleport Confirm, then Player Position And Look.
    pub answer_teleports: bool,
    /// Send Player Position when no movement packet went out for
    /// [`POSITION_INTERVAL`], from the first Player Position And Look on
    /// (and not between a Respawn and the next one).
    pub position_updates: bool,
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour::vanilla()
    }
}

impl Behaviour {
    /// Everything on: default settings, brand `vanilla`.
    pub fn vanilla() -> Self {
        Behaviour {
            settings: Some(Settings::default()),
            brand: Some("vanilla".into()),
            answer_teleports: true,
            position_updates: true,
        }
    }

    /// Nothing automatic: for packet tools that send everything
    /// themselves.
    pub fn none() -> Self {
        Behaviour {
            settings: None,
            brand: None,
            answer_teleports: false,
            position_updates: false,
        }
    }
}

/// Where the player is and faces, as the client last told the server (or
/// the server last put it).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Location {
    /// X in blocks.
    pub x: f64,
    /// Height of the feet, in blocks.
    pub y: f64,
    /// Z in blocks.
    pub z: f64,
    /// Degrees; 0 faces +Z (south), 90 −X (west).
    pub yaw: f32,
    /// Degrees; −90 up, 90 down.
    pub pitch: f32,
    /// Whether the player stands on the ground.
    pub on_ground: bool,
}

impl Location {
    /// Where a clientbound Player Position And Look puts a player that is
    /// at `self`: each value the flags mark relative is added to the
    /// current one, the others replace it (as vanilla's handler does; yaw
    /// and pitch are not wrapped). `on_ground` is kept.
    pub fn teleported(self, p: &PlayerPositionAndLook) -> Location {
        let rel = |bit: i8| p.flags & bit != 0;
        let pick = |bit, current: f64, given: f64| if rel(bit) { current + given } else { given };
        let pick_f = |bit, current: f32, given: f32| if rel(bit) { current + given } else { given };
        Location {
            x: pick(PlayerPositionAndLook::RELATIVE_X, self.x, p.x),
            y: pick(PlayerPositionAndLook::RELATIVE_Y, self.y, p.y),
            z: pick(PlayerPositionAndLook::RELATIVE_Z, self.z, p.z),
            yaw: pick_f(PlayerPositionAndLook::RELATIVE_YAW, self.yaw, p.yaw),
            pitch: pick_f(PlayerPositionAndLook::RELATIVE_PITCH, self.pitch, p.pitch),
            on_ground: self.on_ground,
        }
    }

    /// The serverbound Player Position And Look reporting `self`.
    pub fn position_and_look(&self) -> sb::PlayerPositionAndLook {
        sb::PlayerPositionAndLook {
            x: self.x,
            feet_y: self.y,
            z: self.z,
            yaw: self.yaw,
            pitch: self.pitch,
            on_ground: self.on_ground,
        }
    }

    /// The serverbound Player Position reporting `self`.
    pub fn position(&self) -> PlayerPosition {
        PlayerPosition {
            x: self.x,
            feet_y: self.y,
            z: self.z,
            on_ground: self.on_ground,
        }
    }
}

/// What the reader, the senders and the writer task share about the
/// player's movement.
#[derive(Debug)]
pub(super) struct Movement {
    /// `None` until the server places the player, and again from a
    /// Respawn (or Join Game) until it places them anew.
    pub(super) location: Option<Location>,
    /// When the last movement packet was queued.
    pub(super) last_sent: Instant,
}

impl Movement {
    pub(super) fn new() -> Self {
        Movement {
            location: None,
            last_sent: Instant::now(),
        }
    }

    /// Follows a movement packet the user sends, so that the periodic
    /// update reports where the user moved the player, not where the
    /// server last put it; and restarts the period.
    pub(super) fn observe(&mut self, packet: &dyn std::any::Any) {
        let moved = |l: &mut Option<Location>, f: &dyn Fn(&mut Location)| {
            if let Some(l) = l {
                f(l)
            }
        };
        if let Some(p) = packet.downcast_ref::<PlayerPosition>() {
            moved(&mut self.location, &|l| {
                (l.x, l.y, l.z, l.on_ground) = (p.x, p.feet_y, p.z, p.on_ground)
            });
        } else if let Some(p) = packet.downcast_ref::<sb::PlayerPositionAndLook>() {
            moved(&mut self.location, &|l| {
                *l = Location {
                    x: p.x,
                    y: p.feet_y,
                    z: p.z,
                    yaw: p.yaw,
                    pitch: p.pitch,
                    on_ground: p.on_ground,
                }
            });
        } else if let Some(p) = packet.downcast_ref::<PlayerLook>() {
            moved(&mut self.location, &|l| {
                (l.yaw, l.pitch, l.on_ground) = (p.yaw, p.pitch, p.on_ground)
            });
        } else if let Some(p) = packet.downcast_ref::<Player>() {
            moved(&mut self.location, &|l| l.on_ground = p.on_ground);
        } else {
            return;
        }
        self.last_sent = Instant::now();
    }

    /// When the next periodic update is due: `None` while the player is
    /// not placed.
    pub(super) fn due(&self) -> Option<Instant> {
        self.location.map(|_| self.last_sent + POSITION_INTERVAL)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn teleport(x: f64, y: f64, z: f64, yaw: f32, pitch: f32, flags: i8) -> PlayerPositionAndLook {
        PlayerPositionAndLook {
            x,
            y,
            z,
            yaw,
            pitch,
            flags,
            teleport_id: None,
        }
    }

    #[test]
    fn relative_flags_add_to_the_current_location() {
        let here = Location {
            x: 10.0,
            y: 64.0,
            z: -3.0,
            yaw: 90.0,
            pitch: 15.0,
            on_ground: true,
        };
        // Absolute: everything replaced, on-ground kept.
        let abs = here.teleported(&teleport(1.0, 2.0, 3.0, 4.0, 5.0, 0));
        assert_eq!(
            (abs.x, abs.y, abs.z, abs.yaw, abs.pitch),
            (1.0, 2.0, 3.0, 4.0, 5.0)
        );
        assert!(abs.on_ground);
        // 0x1F: every value relative.
        let all = here.teleported(&teleport(1.0, -4.0, 0.5, -90.0, 10.0, 0x1F));
        assert_eq!(
            (all.x, all.y, all.z, all.yaw, all.pitch),
            (11.0, 60.0, -2.5, 0.0, 25.0)
        );
        // Y and pitch only (0x02 | 0x10).
        let some = here.teleported(&teleport(7.0, 1.0, 8.0, 45.0, -5.0, 0x12));
        assert_eq!(
            (some.x, some.y, some.z, some.yaw, some.pitch),
            (7.0, 65.0, 8.0, 45.0, 10.0)
        );
    }

    #[test]
    fn settings_carry_the_hand_from_15w32c_on() {
        let s = Settings::default();
        assert_eq!(s.packet(ProtocolVersion(47)).main_hand, None);
        assert_eq!(
            s.packet(ProtocolVersion(54)).main_hand,
            Some(MainHand::Right)
        );
        assert_eq!(
            s.packet(ProtocolVersion(340)).main_hand,
            Some(MainHand::Right)
        );
    }

    #[test]
    fn user_movement_moves_the_tracked_location() {
        let mut m = Movement::new();
        // Nothing is tracked before the server places the player.
        m.observe(&PlayerPosition {
            x: 1.0,
            feet_y: 2.0,
            z: 3.0,
            on_ground: true,
        });
        assert_eq!(m.location, None);
        assert_eq!(m.due(), None);
        m.location = Some(Location::default());
        m.observe(&PlayerPosition {
            x: 1.0,
            feet_y: 2.0,
            z: 3.0,
            on_ground: true,
        });
        m.observe(&PlayerLook {
            yaw: 30.0,
            pitch: 40.0,
            on_ground: false,
        });
        assert_eq!(
            m.location,
            Some(Location {
                x: 1.0,
                y: 2.0,
                z: 3.0,
                yaw: 30.0,
                pitch: 40.0,
                on_ground: false
            })
        );
        let before = m.last_sent;
        // Other packets neither move the player nor restart the period.
        m.observe(&sb::ChatMessage {
            message: "hi".into(),
        });
        assert_eq!(m.last_sent, before);
        assert_eq!(m.due(), Some(before + POSITION_INTERVAL));
    }
}
