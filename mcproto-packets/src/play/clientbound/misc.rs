//! Clientbound play packets 0x38–0x49: player list, abilities, scoreboard
//! and teams, plugin channels, disconnect, world border, titles, resource
//! packs, and the packet at 0x49 (Update Entity NBT in 47, Boss Bar in 54).
//!
//! Every packet here has the same id and layout in protocols 47 and 54,
//! except 0x49 (see [`UpdateEntityNbt`] and [`BossBar`]).

use mcproto::bytes::Bytes;
use mcproto::{Chat, Decode, Encode, Generate, Nbt, Packet, SharedStr, Uuid};

use crate::play::types::{Difficulty, GameMode};

// ---- 0x38 Player List Item -------------------------------------------------

/// Adds players to, updates or removes them from the tab list.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x38, state = Play, direction = Clientbound)]
pub struct PlayerListItem {
    /// The action (VarInt 0–4), followed by a VarInt-counted array of
    /// player records whose layout the action selects.
    pub action: PlayerListAction,
}

/// What a [`PlayerListItem`] does, with one record per player.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum PlayerListAction {
    /// Adds players to the list.
    #[mc(tag = 0)]
    AddPlayer(Vec<PlayerListAdd>),
    /// Changes players' game modes.
    #[mc(tag = 1)]
    UpdateGamemode(Vec<PlayerListGamemode>),
    /// Changes players' pings.
    #[mc(tag = 2)]
    UpdateLatency(Vec<PlayerListLatency>),
    /// Sets or clears players' display names.
    #[mc(tag = 3)]
    UpdateDisplayName(Vec<PlayerListDisplayName>),
    /// Removes players, by UUID (nothing follows each UUID).
    #[mc(tag = 4)]
    RemovePlayer(Vec<Uuid>),
}

/// A player added to the tab list.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlayerListAdd {
    /// The player's UUID.
    pub uuid: Uuid,
    /// The player's name.
    #[mc(max_len = 16)]
    pub name: SharedStr,
    /// Profile properties, e.g. "textures" (the skin).
    pub properties: Vec<PlayerListProperty>,
    /// Game mode, sent as a VarInt.
    #[mc(as = varint)]
    pub gamemode: GameMode,
    /// Round-trip time in milliseconds.
    #[mc(varint)]
    pub ping: i32,
    /// Name shown instead of `name` (behind a Has Display Name boolean).
    pub display_name: Option<Chat>,
}

/// A profile property of a player (as in Mojang's session server answers).
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlayerListProperty {
    /// Property name, e.g. "textures".
    pub name: SharedStr,
    /// Base64 value.
    pub value: SharedStr,
    /// Yggdrasil signature of `value` (base64), behind an Is Signed boolean.
    pub signature: Option<SharedStr>,
}

/// A player's new game mode.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlayerListGamemode {
    /// The player's UUID.
    pub uuid: Uuid,
    /// Game mode, sent as a VarInt.
    #[mc(as = varint)]
    pub gamemode: GameMode,
}

/// A player's new ping.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlayerListLatency {
    /// The player's UUID.
    pub uuid: Uuid,
    /// Round-trip time in milliseconds.
    #[mc(varint)]
    pub ping: i32,
}

/// A player's new display name.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlayerListDisplayName {
    /// The player's UUID.
    pub uuid: Uuid,
    /// The new display name; `None` (Has Display Name false) shows the
    /// plain name again.
    pub display_name: Option<Chat>,
}

// ---- 0x39 Player Abilities -------------------------------------------------

/// Sets the player's abilities (flying, invulnerability...) and speeds.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x39, state = Play, direction = Clientbound)]
pub struct PlayerAbilities {
    /// Bit mask in vanilla's order (which seed 004 lists differently, see
    /// protocol-54-ids.md D7): [`Self::INVULNERABLE`] 0x01,
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

// ---- 0x3A Tab-Complete -----------------------------------------------------

/// Answers a serverbound Tab-Complete with the possible completions.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x3A, state = Play, direction = Clientbound)]
pub struct TabComplete {
    /// The completions (VarInt count, then the strings).
    pub matches: Vec<SharedStr>,
}

// ---- 0x3B Scoreboard Objective ---------------------------------------------

/// Creates, removes or renames a scoreboard objective.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x3B, state = Play, direction = Clientbound)]
pub struct ScoreboardObjective {
    /// The objective's unique name (vanilla reads at most 16 characters).
    #[mc(max_len = 16)]
    pub objective_name: SharedStr,
    /// The mode (a Byte) and the fields it selects.
    pub mode: ScoreboardObjectiveMode,
}

/// What a [`ScoreboardObjective`] does.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = i8)]
pub enum ScoreboardObjectiveMode {
    /// Creates the objective.
    #[mc(tag = 0)]
    Create {
        /// Display text (vanilla reads at most 32 characters).
        #[mc(max_len = 32)]
        objective_value: SharedStr,
        /// How scores render: "integer" or "hearts" (vanilla reads at most
        /// 16 characters).
        #[mc(max_len = 16)]
        r#type: SharedStr,
    },
    /// Removes the objective.
    #[mc(tag = 1)]
    Remove,
    /// Changes the display text and render type.
    #[mc(tag = 2)]
    UpdateDisplayText {
        /// Display text (vanilla reads at most 32 characters).
        #[mc(max_len = 32)]
        objective_value: SharedStr,
        /// How scores render: "integer" or "hearts".
        #[mc(max_len = 16)]
        r#type: SharedStr,
    },
}

// ---- 0x3C Update Score -----------------------------------------------------

/// Sets or removes one entry's score in an objective.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x3C, state = Play, direction = Clientbound)]
pub struct UpdateScore {
    /// The entry (usually a player name) whose score this is.
    #[mc(max_len = 40)]
    pub score_name: SharedStr,
    /// A VarInt, as vanilla writes it (wiki.vg's 1.8 page says Byte; the
    /// bytes agree for 0 and 1).
    pub action: UpdateScoreAction,
    /// The objective; for [`UpdateScoreAction::Remove`] an empty name
    /// removes the entry from every objective.
    #[mc(max_len = 16)]
    pub objective_name: SharedStr,
    /// The score; present exactly when the action is
    /// [`UpdateScoreAction::CreateOrUpdate`] (the objective name sits
    /// between the action and this field).
    #[mc(varint, when = matches!(action, UpdateScoreAction::CreateOrUpdate))]
    pub value: Option<i32>,
}

/// What an [`UpdateScore`] does. It decides whether a value follows, so an
/// unknown action is a decode error (vanilla also rejects it).
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum UpdateScoreAction {
    /// Creates or updates the score.
    #[mc(tag = 0)]
    CreateOrUpdate,
    /// Removes the score.
    #[mc(tag = 1)]
    Remove,
}

// ---- 0x3D Display Scoreboard -----------------------------------------------

/// Shows an objective in a scoreboard slot (or clears the slot).
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x3D, state = Play, direction = Clientbound)]
pub struct DisplayScoreboard {
    /// The slot, a Byte.
    pub position: DisplayScoreboardPosition,
    /// The objective to show there; empty clears the slot.
    #[mc(max_len = 16)]
    pub score_name: SharedStr,
}

/// A scoreboard display slot. 3–18 are sidebars shown only to members of
/// teams with chat colour 0–15 (slot = 3 + colour index).
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = i8)]
pub enum DisplayScoreboardPosition {
    /// The tab list.
    #[mc(tag = 0)]
    List,
    /// The sidebar.
    #[mc(tag = 1)]
    Sidebar,
    /// Below players' name tags.
    #[mc(tag = 2)]
    BelowName,
    /// Sidebar for teams coloured black (0).
    #[mc(tag = 3)]
    TeamSidebarBlack,
    /// Sidebar for teams coloured dark blue (1).
    #[mc(tag = 4)]
    TeamSidebarDarkBlue,
    /// Sidebar for teams coloured dark green (2).
    #[mc(tag = 5)]
    TeamSidebarDarkGreen,
    /// Sidebar for teams coloured dark aqua (3).
    #[mc(tag = 6)]
    TeamSidebarDarkAqua,
    /// Sidebar for teams coloured dark red (4).
    #[mc(tag = 7)]
    TeamSidebarDarkRed,
    /// Sidebar for teams coloured dark purple (5).
    #[mc(tag = 8)]
    TeamSidebarDarkPurple,
    /// Sidebar for teams coloured gold (6).
    #[mc(tag = 9)]
    TeamSidebarGold,
    /// Sidebar for teams coloured gray (7).
    #[mc(tag = 10)]
    TeamSidebarGray,
    /// Sidebar for teams coloured dark gray (8).
    #[mc(tag = 11)]
    TeamSidebarDarkGray,
    /// Sidebar for teams coloured blue (9).
    #[mc(tag = 12)]
    TeamSidebarBlue,
    /// Sidebar for teams coloured green (10).
    #[mc(tag = 13)]
    TeamSidebarGreen,
    /// Sidebar for teams coloured aqua (11).
    #[mc(tag = 14)]
    TeamSidebarAqua,
    /// Sidebar for teams coloured red (12).
    #[mc(tag = 15)]
    TeamSidebarRed,
    /// Sidebar for teams coloured light purple (13).
    #[mc(tag = 16)]
    TeamSidebarLightPurple,
    /// Sidebar for teams coloured yellow (14).
    #[mc(tag = 17)]
    TeamSidebarYellow,
    /// Sidebar for teams coloured white (15).
    #[mc(tag = 18)]
    TeamSidebarWhite,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

// ---- 0x3E Teams ------------------------------------------------------------

/// Creates, updates or removes a team, or changes its members.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x3E, state = Play, direction = Clientbound)]
pub struct Teams {
    /// The team's unique name (vanilla reads at most 16 characters).
    #[mc(max_len = 16)]
    pub team_name: SharedStr,
    /// The mode (a Byte) and the fields it selects.
    pub mode: TeamsMode,
}

/// What a [`Teams`] packet does.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = i8)]
pub enum TeamsMode {
    /// Creates the team.
    #[mc(tag = 0)]
    Create {
        /// The team's appearance.
        info: TeamsInfo,
        /// Entries (player names, at most 40 characters each, see
        /// [`team_entries`]) in the team.
        #[mc(with = team_entries)]
        players: Vec<SharedStr>,
    },
    /// Removes the team.
    #[mc(tag = 1)]
    Remove,
    /// Changes the team's appearance.
    #[mc(tag = 2)]
    UpdateInfo {
        /// The team's new appearance.
        info: TeamsInfo,
    },
    /// Adds entries to the team.
    #[mc(tag = 3)]
    AddPlayers {
        /// Entries (player names) to add.
        #[mc(with = team_entries)]
        players: Vec<SharedStr>,
    },
    /// Removes entries from the team.
    #[mc(tag = 4)]
    RemovePlayers {
        /// Entries (player names) to remove.
        #[mc(with = team_entries)]
        players: Vec<SharedStr>,
    },
}

/// The entries of [`TeamsMode`] as vanilla 1.8 reads them: a VarInt count,
/// then strings of at most [`team_entries::MAX_LEN`] characters each
/// (`readStringFromBuffer(40)`), so longer ones are refused both ways.
pub mod team_entries {
    use mcproto::types::repr::VarIntRepr;
    use mcproto::{
        DecodeBounded, EncodeBounded, Gen, Reader, Result, SharedStr, WireType, Writer,
        schema::ArrayLen,
    };

    /// Longest entry vanilla accepts.
    pub const MAX_LEN: usize = 40;

    /// Writes the count and the entries.
    pub fn encode(entries: &[SharedStr], w: &mut Writer<'_>) -> Result<()> {
        let count = i32::try_from(entries.len()).map_err(|_| {
            mcproto::Error::new(mcproto::ErrorKind::OutOfRange {
                ty: "team entry count",
                value: i64::try_from(entries.len()).unwrap_or(i64::MAX),
            })
        })?;
        w.put_varint(count);
        for entry in entries {
            entry.encode_bounded(w, MAX_LEN)?;
        }
        Ok(())
    }

    /// Reads the count and the entries.
    pub fn decode(r: &mut Reader<'_>) -> Result<Vec<SharedStr>> {
        // Each entry takes at least its one-byte length prefix.
        let count = r.read_len::<VarIntRepr>(i32::MAX as usize, 1)?;
        (0..count)
            .map(|_| SharedStr::decode_bounded(r, MAX_LEN))
            .collect()
    }

    /// A VarInt-counted array of strings of at most 40 characters.
    pub fn describe() -> WireType {
        WireType::Array {
            len: ArrayLen::Prefixed(Box::new(WireType::VarInt)),
            of: Box::new(WireType::String { max: MAX_LEN }),
        }
    }

    /// Random entries within the limit.
    pub fn generate(g: &mut Gen<'_>) -> Vec<SharedStr> {
        let n = g.len(8);
        (0..n).map(|_| SharedStr::from(g.string(MAX_LEN))).collect()
    }
}

/// The appearance fields of a team (modes 0 and 2, inline on the wire).
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TeamsInfo {
    /// Display name.
    #[mc(max_len = 32)]
    pub team_display_name: SharedStr,
    /// Shown before members' names.
    #[mc(max_len = 16)]
    pub team_prefix: SharedStr,
    /// Shown after members' names.
    #[mc(max_len = 16)]
    pub team_suffix: SharedStr,
    /// Bit mask: [`Self::FRIENDLY_FIRE`] 0x01, [`Self::SEE_INVISIBLE`] 0x02
    /// (so 0 off, 1 on, 3 on and see invisible teammates).
    pub friendly_fire: i8,
    /// "always", "hideForOtherTeams", "hideForOwnTeam" or "never".
    #[mc(max_len = 32)]
    pub name_tag_visibility: SharedStr,
    /// Chat colour index 0–15 (black … white); vanilla sends −1 for none.
    pub color: i8,
}

impl TeamsInfo {
    /// Friendly-fire bit: members can hurt each other.
    pub const FRIENDLY_FIRE: i8 = 0x01;
    /// Friendly-fire bit: members see invisible teammates.
    pub const SEE_INVISIBLE: i8 = 0x02;
}

// ---- 0x3F Plugin Message ---------------------------------------------------

/// Carries mod or plugin data on a named channel (e.g. MC|Brand).
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x3F, state = Play, direction = Clientbound)]
pub struct PluginMessage {
    /// Channel name, e.g. "MC|Brand" or "REGISTER".
    #[mc(max_len = 20)]
    pub channel: SharedStr,
    /// The payload: the rest of the packet, with no length prefix (vanilla
    /// refuses more than 1048576 bytes).
    #[mc(rest)]
    pub data: Bytes,
}

// ---- 0x40 Disconnect -------------------------------------------------------

/// Kicks the player, with a reason shown on the disconnect screen.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x40, state = Play, direction = Clientbound)]
pub struct Disconnect {
    /// Why, as a chat component.
    pub reason: Chat,
}

// ---- 0x41 Server Difficulty ------------------------------------------------

/// Tells the client the world's difficulty (shown in the options menu).
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x41, state = Play, direction = Clientbound)]
pub struct ServerDifficulty {
    /// The difficulty (Unsigned Byte).
    pub difficulty: Difficulty,
}

// ---- 0x42 Combat Event -----------------------------------------------------

/// Reports the player entering or leaving combat, or dying.
///
/// Listed again on the protocol-54 seed page, with no wire change.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x42, state = Play, direction = Clientbound)]
pub struct CombatEvent {
    /// The event (VarInt) and the fields it selects.
    pub event: CombatEventKind,
}

/// The event of a [`CombatEvent`].
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum CombatEventKind {
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
        /// The death message (a plain String in 47 and 54).
        message: SharedStr,
    },
}

// ---- 0x43 Camera -----------------------------------------------------------

/// Makes the client view the world through an entity (spectator mode).
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x43, state = Play, direction = Clientbound)]
pub struct Camera {
    /// The entity to view through; the player's own id returns the view.
    #[mc(varint)]
    pub camera_id: i32,
}

// ---- 0x44 World Border -----------------------------------------------------

/// Sets up or changes the world border.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x44, state = Play, direction = Clientbound)]
pub struct WorldBorder {
    /// The action (VarInt) and the fields it selects.
    pub action: WorldBorderAction,
}

/// What a [`WorldBorder`] packet does.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum WorldBorderAction {
    /// Sets the size at once.
    #[mc(tag = 0)]
    SetSize {
        /// Despite wiki.vg's name, the diameter (side length) in blocks.
        radius: f64,
    },
    /// Moves the size from one value to another over time.
    #[mc(tag = 1)]
    LerpSize {
        /// Current diameter in blocks.
        old_radius: f64,
        /// Target diameter in blocks.
        new_radius: f64,
        /// Milliseconds until `new_radius` is reached (a VarLong).
        #[mc(varlong)]
        speed: i64,
    },
    /// Moves the centre.
    #[mc(tag = 2)]
    SetCenter {
        /// Centre X, in blocks.
        x: f64,
        /// Centre Z, in blocks.
        z: f64,
    },
    /// Sends the whole border state (on join and dimension change).
    #[mc(tag = 3)]
    Initialize {
        /// Centre X, in blocks.
        x: f64,
        /// Centre Z, in blocks.
        z: f64,
        /// Current diameter in blocks.
        old_radius: f64,
        /// Target diameter in blocks.
        new_radius: f64,
        /// Milliseconds until `new_radius` is reached (a VarLong).
        #[mc(varlong)]
        speed: i64,
        /// Largest distance from 0 that nether portals may teleport to
        /// (vanilla 29999984).
        #[mc(varint)]
        portal_teleport_boundary: i32,
        /// Warning time in seconds.
        #[mc(varint)]
        warning_time: i32,
        /// Warning distance in blocks.
        #[mc(varint)]
        warning_blocks: i32,
    },
    /// Sets the warning time.
    #[mc(tag = 4)]
    SetWarningTime {
        /// Seconds.
        #[mc(varint)]
        warning_time: i32,
    },
    /// Sets the warning distance.
    #[mc(tag = 5)]
    SetWarningBlocks {
        /// Blocks.
        #[mc(varint)]
        warning_blocks: i32,
    },
}

// ---- 0x45 Title ------------------------------------------------------------

/// Shows, times, hides or resets the on-screen title and subtitle.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x45, state = Play, direction = Clientbound)]
pub struct Title {
    /// The action (VarInt) and the fields it selects.
    pub action: TitleAction,
}

/// What a [`Title`] packet does.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum TitleAction {
    /// Sets the title text and shows it.
    #[mc(tag = 0)]
    SetTitle {
        /// The title.
        text: Chat,
    },
    /// Sets the subtitle text (shown with the next title).
    #[mc(tag = 1)]
    SetSubtitle {
        /// The subtitle.
        text: Chat,
    },
    /// Sets the display times.
    #[mc(tag = 2)]
    SetTimesAndDisplay {
        /// Ticks to fade in.
        fade_in: i32,
        /// Ticks to stay.
        stay: i32,
        /// Ticks to fade out.
        fade_out: i32,
    },
    /// Hides the title (its texts and times are kept).
    #[mc(tag = 3)]
    Hide,
    /// Hides the title and clears its texts and times.
    #[mc(tag = 4)]
    Reset,
}

// ---- 0x46 Set Compression --------------------------------------------------

/// Turns on compression for later packets (the play-state twin of the login
/// packet; vanilla servers use the login one).
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x46, state = Play, direction = Clientbound)]
pub struct SetCompression {
    /// Packets at least this long are compressed; negative disables.
    #[mc(varint)]
    pub threshold: i32,
}

// ---- 0x47 Player List Header And Footer ------------------------------------

/// Sets the text above and below the tab list.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x47, state = Play, direction = Clientbound)]
pub struct PlayerListHeaderAndFooter {
    /// Header; an empty text (`{"translate":""}`) removes it.
    pub header: Chat,
    /// Footer; an empty text removes it.
    pub footer: Chat,
}

// ---- 0x48 Resource Pack Send -----------------------------------------------

/// Asks the client to download and use a resource pack.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x48, state = Play, direction = Clientbound)]
pub struct ResourcePackSend {
    /// Where to download the pack.
    pub url: SharedStr,
    /// SHA-1 of the pack as 40 lowercase hex digits, naming the cached
    /// file (vanilla reads at most 40 characters).
    #[mc(max_len = 40)]
    pub hash: SharedStr,
}

// ---- 0x49 Update Entity NBT (47) / Boss Bar (54) ---------------------------

/// Merges NBT into an entity's data on the client (protocol 47 only;
/// removed in 15w31a, its id taken by [`BossBar`]).
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x49, 54 = none), state = Play, direction = Clientbound)]
pub struct UpdateEntityNbt {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// The tag to merge (a single 0x00 byte if absent).
    pub tag: Nbt,
}

/// Adds, changes or removes a boss health bar at the top of the screen
/// (protocol 54 only; replaces Update Entity NBT at 0x49).
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(54 = 0x49), state = Play, direction = Clientbound)]
pub struct BossBar {
    /// Identifies the bar in later Boss Bar packets.
    pub uuid: Uuid,
    /// The action (VarInt) and the fields it selects.
    pub action: BossBarAction,
}

impl BossBar {
    /// Flag bit: darken the sky.
    pub const DARKEN_SKY: u8 = 0x01;
    /// Flag bit: this is the Ender Dragon's bar.
    pub const DRAGON_BAR: u8 = 0x02;
}

/// What a [`BossBar`] packet does.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum BossBarAction {
    /// Adds a bar.
    #[mc(tag = 0)]
    Add {
        /// Text above the bar.
        title: Chat,
        /// Fill, 0 to 1 (larger values draw part of a second bar).
        health: f32,
        /// Colour (VarInt).
        color: BossBarColor,
        /// Notches drawn on the bar (VarInt).
        dividers: BossBarDividers,
        /// Bit mask: [`BossBar::DARKEN_SKY`] 0x01, [`BossBar::DRAGON_BAR`] 0x02.
        flags: u8,
    },
    /// Removes the bar.
    #[mc(tag = 1)]
    Remove,
    /// Changes the fill.
    #[mc(tag = 2)]
    UpdateHealth {
        /// Fill, 0 to 1.
        health: f32,
    },
    /// Changes the text.
    #[mc(tag = 3)]
    UpdateTitle {
        /// Text above the bar.
        title: Chat,
    },
    /// Changes colour and notches.
    #[mc(tag = 4)]
    UpdateStyle {
        /// Colour (VarInt).
        color: BossBarColor,
        /// Notches drawn on the bar (VarInt).
        dividers: BossBarDividers,
    },
    /// Changes the flags.
    #[mc(tag = 5)]
    UpdateFlags {
        /// Bit mask: [`BossBar::DARKEN_SKY`] 0x01, [`BossBar::DRAGON_BAR`] 0x02.
        flags: u8,
    },
}

/// A boss bar colour, named as on the 15w32c page (1.9 calls 1 blue and
/// 3 green).
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum BossBarColor {
    /// Pink.
    #[mc(tag = 0)]
    Pink,
    /// Cyan.
    #[mc(tag = 1)]
    Cyan,
    /// Red.
    #[mc(tag = 2)]
    Red,
    /// Lime.
    #[mc(tag = 3)]
    Lime,
    /// Yellow.
    #[mc(tag = 4)]
    Yellow,
    /// Purple.
    #[mc(tag = 5)]
    Purple,
    /// White.
    #[mc(tag = 6)]
    White,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

/// How a boss bar is divided. The 15w32c page only says "number of dividers
/// rendered"; the value names are 1.9's (wiki.vg 1.9 "Division"), and any
/// other value is kept in `Unknown`.
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum BossBarDividers {
    /// A plain bar.
    #[mc(tag = 0)]
    NoDivision,
    /// 6 notches.
    #[mc(tag = 1)]
    Notches6,
    /// 10 notches.
    #[mc(tag = 2)]
    Notches10,
    /// 12 notches.
    #[mc(tag = 3)]
    Notches12,
    /// 20 notches.
    #[mc(tag = 4)]
    Notches20,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}
