//! Scoreboards and teams.

use crate::version::*;
use mcproto_core::{Decode, Encode, Packet};
use std::borrow::Cow;

/// Creates, removes or renames a scoreboard objective.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct ScoreboardObjective<'a> {
    /// The objective's unique name (vanilla reads at most 16 characters).
    #[mc(max_len = 16)]
    pub objective_name: Cow<'a, str>,
    /// The mode (a Byte) and the fields it selects.
    pub mode: ScoreboardObjectiveMode<'a>,
}

/// What a [`ScoreboardObjective`] does.
///
/// Vanilla reads the mode as a plain Byte and then the two fields only for
/// modes 0 and 2 (`S3BPacketScoreboardObjective`, 1.8;
/// `SPacketScoreboardObjective`, 1.12.2), so any other mode decodes with no
/// fields (the client then does nothing with it): [`Self::Unknown`].
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = i8)]
pub enum ScoreboardObjectiveMode<'a> {
    /// Creates the objective.
    #[mc(tag = 0)]
    Create {
        /// Display text (vanilla reads at most 32 characters).
        #[mc(max_len = 32)]
        objective_value: Cow<'a, str>,
        /// How scores render: "integer" or "hearts" (vanilla reads at most
        /// 16 characters).
        #[mc(max_len = 16)]
        r#type: Cow<'a, str>,
    },
    /// Removes the objective.
    #[mc(tag = 1)]
    Remove,
    /// Changes the display text and render type.
    #[mc(tag = 2)]
    UpdateDisplayText {
        /// Display text (vanilla reads at most 32 characters).
        #[mc(max_len = 32)]
        objective_value: Cow<'a, str>,
        /// How scores render: "integer" or "hearts".
        #[mc(max_len = 16)]
        r#type: Cow<'a, str>,
    },
    /// A mode no variant has (kept as received, signed); no fields follow.
    #[mc(other)]
    Unknown(i32),
}

/// Sets or removes one entry's score in an objective.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct UpdateScore<'a> {
    /// The entry (usually a player name) whose score this is.
    #[mc(max_len = 40)]
    pub score_name: Cow<'a, str>,
    /// A VarInt, as vanilla writes it (wiki.vg's 1.8 page says Byte; the
    /// bytes agree for 0 and 1).
    pub action: UpdateScoreAction,
    /// The objective; for [`UpdateScoreAction::Remove`] an empty name
    /// removes the entry from every objective.
    #[mc(max_len = 16)]
    pub objective_name: Cow<'a, str>,
    /// The score; present exactly when the action is
    /// [`UpdateScoreAction::CreateOrUpdate`] (the objective name sits
    /// between the action and this field).
    #[mc(varint, when = matches!(action, UpdateScoreAction::CreateOrUpdate))]
    pub value: Option<i32>,
}

/// What an [`UpdateScore`] does. It decides whether a value follows, so an
/// unknown action is a decode error (vanilla also rejects it).
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
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

/// Shows an objective in a scoreboard slot (or clears the slot).
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct DisplayScoreboard<'a> {
    /// The slot, a Byte.
    pub position: DisplayScoreboardPosition,
    /// The objective to show there; empty clears the slot.
    #[mc(max_len = 16)]
    pub score_name: Cow<'a, str>,
}

/// A scoreboard display slot. 3–18 are sidebars shown only to members of
/// teams with chat colour 0–15 (slot = 3 + colour index).
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
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

/// Creates, updates or removes a team, or changes its members.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct Teams<'a> {
    /// The team's unique name (vanilla reads at most 16 characters).
    #[mc(max_len = 16)]
    pub team_name: Cow<'a, str>,
    /// The mode (a Byte) and the fields it selects.
    pub mode: TeamsMode<'a>,
}

/// What a [`Teams`] packet does.
///
/// Vanilla reads the mode as a plain Byte, then the team's appearance for
/// modes 0 and 2 and the entries for 0, 3 and 4 (`S3EPacketTeams`, 1.8;
/// `SPacketTeams`, 1.12.2), so any other mode decodes with no fields (the
/// client then ignores it): [`Self::Unknown`].
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = i8)]
pub enum TeamsMode<'a> {
    /// Creates the team.
    #[mc(tag = 0)]
    Create {
        /// The team's appearance.
        info: TeamsInfo<'a>,
        /// Entries (player names, at most 40 characters each, see
        /// [`team_entries`]) in the team.
        #[mc(with = team_entries)]
        players: Vec<Cow<'a, str>>,
    },
    /// Removes the team.
    #[mc(tag = 1)]
    Remove,
    /// Changes the team's appearance.
    #[mc(tag = 2)]
    UpdateInfo {
        /// The team's new appearance.
        info: TeamsInfo<'a>,
    },
    /// Adds entries to the team.
    #[mc(tag = 3)]
    AddPlayers {
        /// Entries (player names) to add.
        #[mc(with = team_entries)]
        players: Vec<Cow<'a, str>>,
    },
    /// Removes entries from the team.
    #[mc(tag = 4)]
    RemovePlayers {
        /// Entries (player names) to remove.
        #[mc(with = team_entries)]
        players: Vec<Cow<'a, str>>,
    },
    /// A mode no variant has (kept as received, signed); no fields follow.
    #[mc(other)]
    Unknown(i32),
}

/// The entries of [`TeamsMode`] as vanilla reads them (1.8 to 1.12.2): a
/// VarInt count, then strings of at most [`team_entries::MAX_LEN`]
/// characters each (`readStringFromBuffer(40)`), so longer ones are refused
/// both ways. The count bounds a `for` loop, so a negative one reads no
/// entries.
pub mod team_entries {
    #[cfg(feature = "generate")]
    use mcproto_core::Gen;
    use mcproto_core::types::repr::VarIntRepr;
    use std::borrow::Cow;

    use mcproto_core::{
        DecodeBounded, EncodeBounded, ProtocolVersion, Reader, Result, WireType, Writer,
        schema::ArrayLen,
    };

    /// Longest entry vanilla accepts.
    pub const MAX_LEN: usize = 40;

    /// Writes the count and the entries.
    pub fn encode(entries: &[Cow<'_, str>], w: &mut Writer<'_>) -> Result<()> {
        let count = i32::try_from(entries.len()).map_err(|_| {
            mcproto_core::Error::new(mcproto_core::ErrorKind::OutOfRange {
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
    pub fn decode<'a>(r: &mut Reader<'a>) -> Result<Vec<Cow<'a, str>>> {
        // Each entry takes at least its one-byte length prefix; a negative
        // count runs vanilla's loop zero times.
        let count = r.read_len_or_empty::<VarIntRepr>(i32::MAX as usize, 1)?;
        (0..count)
            .map(|_| Cow::decode_bounded(r, MAX_LEN))
            .collect()
    }

    /// A VarInt-counted array of strings of at most 40 characters.
    pub fn describe(_: ProtocolVersion) -> WireType {
        WireType::Array {
            len: ArrayLen::Prefixed(Box::new(WireType::VarInt)),
            of: Box::new(WireType::String { max: MAX_LEN }),
        }
    }

    /// Random entries within the limit.
    #[cfg(feature = "generate")]
    pub fn generate(g: &mut Gen<'_>) -> Vec<Cow<'static, str>> {
        let n = g.len(8);
        (0..n).map(|_| Cow::Owned(g.string(MAX_LEN))).collect()
    }
}

/// The appearance fields of a team (modes 0 and 2, inline on the wire).
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TeamsInfo<'a> {
    /// Display name.
    #[mc(max_len = 32)]
    pub team_display_name: Cow<'a, str>,
    /// Shown before members' names.
    #[mc(max_len = 16)]
    pub team_prefix: Cow<'a, str>,
    /// Shown after members' names.
    #[mc(max_len = 16)]
    pub team_suffix: Cow<'a, str>,
    /// Bit mask: [`Self::FRIENDLY_FIRE`] 0x01, [`Self::SEE_INVISIBLE`] 0x02
    /// (so 0 off, 1 on, 3 on and see invisible teammates).
    pub friendly_fire: i8,
    /// "always", "hideForOtherTeams", "hideForOwnTeam" or "never".
    #[mc(max_len = 32)]
    pub name_tag_visibility: Cow<'a, str>,
    /// Who pushes the members: "always", "pushOtherTeams", "pushOwnTeam"
    /// or "never"; the vanilla client ignores other names. From 1.9 on
    /// only ([page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Teams));
    /// vanilla reads at most 32 characters.
    #[mc(max_len = 32, since = V1_9)]
    pub collision_rule: Option<Cow<'a, str>>,
    /// Chat colour index 0–15 (black … white); vanilla sends −1 for none.
    pub color: i8,
}

impl TeamsInfo<'_> {
    /// Friendly-fire bit: members can hurt each other.
    pub const FRIENDLY_FIRE: i8 = 0x01;
    /// Friendly-fire bit: members see invisible teammates.
    pub const SEE_INVISIBLE: i8 = 0x02;
}
