//! What the client draws over the world: titles, the boss bar, and the tab list
//! (players and its header and footer).

use crate::play::types::GameMode;
use crate::version::*;
use mcproto_core::{Chat, Decode, Encode, Packet, Uuid};
use std::borrow::Cow;

/// Adds players to, updates or removes them from the tab list.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct PlayerListItem<'a> {
    /// The action (VarInt 0–4), followed by a VarInt-counted array of
    /// player records whose layout the action selects.
    pub action: PlayerListAction<'a>,
}

/// What a [`PlayerListItem`] does, with one record per player. A negative
/// record count is no records: vanilla reads them in a `for` loop
/// (`S38PacketPlayerListItem`, 1.8; `SPacketPlayerListItem`, 1.12.2).
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum PlayerListAction<'a> {
    /// Adds players to the list.
    #[mc(tag = 0)]
    AddPlayer(#[mc(negative_empty)] Vec<PlayerListAdd<'a>>),
    /// Changes players' game modes.
    #[mc(tag = 1)]
    UpdateGamemode(#[mc(negative_empty)] Vec<PlayerListGamemode>),
    /// Changes players' pings.
    #[mc(tag = 2)]
    UpdateLatency(#[mc(negative_empty)] Vec<PlayerListLatency>),
    /// Sets or clears players' display names.
    #[mc(tag = 3)]
    UpdateDisplayName(#[mc(negative_empty)] Vec<PlayerListDisplayName>),
    /// Removes players, by UUID (nothing follows each UUID).
    #[mc(tag = 4)]
    RemovePlayer(#[mc(negative_empty)] Vec<Uuid>),
}

/// A player added to the tab list.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlayerListAdd<'a> {
    /// The player's UUID.
    pub uuid: Uuid,
    /// The player's name.
    #[mc(max_len = 16)]
    pub name: Cow<'a, str>,
    /// Profile properties, e.g. "textures" (the skin). Read in a `for`
    /// loop by vanilla, so a negative count is none.
    #[mc(negative_empty)]
    pub properties: Vec<PlayerListProperty<'a>>,
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
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlayerListProperty<'a> {
    /// Property name, e.g. "textures".
    pub name: Cow<'a, str>,
    /// Base64 value.
    pub value: Cow<'a, str>,
    /// Yggdrasil signature of `value` (base64), behind an Is Signed boolean.
    pub signature: Option<Cow<'a, str>>,
}

/// A player's new game mode.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlayerListGamemode {
    /// The player's UUID.
    pub uuid: Uuid,
    /// Game mode, sent as a VarInt.
    #[mc(as = varint)]
    pub gamemode: GameMode,
}

/// A player's new ping.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlayerListLatency {
    /// The player's UUID.
    pub uuid: Uuid,
    /// Round-trip time in milliseconds.
    #[mc(varint)]
    pub ping: i32,
}

/// A player's new display name.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlayerListDisplayName {
    /// The player's UUID.
    pub uuid: Uuid,
    /// The new display name; `None` (Has Display Name false) shows the
    /// plain name again.
    pub display_name: Option<Chat>,
}

/// Shows, times, hides or resets the on-screen title and subtitle.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct Title {
    /// The action (VarInt) and the fields it selects.
    pub action: TitleAction,
}

/// What a [`Title`] packet does.
///
/// 1.11 ([page](https://wiki.vg/index.php?title=Protocol&oldid=8405#Title))
/// inserts "set action bar" at 2 and moves the actions after it up by one;
/// before, the action bar is a Chat Message at position 2. Vanilla reads
/// the action as a closed enum in every version.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
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
    /// Sets the text above the hotbar (1.11 on).
    #[mc(since = V1_11, tag = 2)]
    SetActionBar {
        /// The action bar text.
        text: Chat,
    },
    /// Sets the display times: 2 before 1.11, 3 from 1.11 on.
    #[mc(tag(V1_8 = 2, V1_11 = 3))]
    SetTimesAndDisplay {
        /// Ticks to fade in.
        fade_in: i32,
        /// Ticks to stay.
        stay: i32,
        /// Ticks to fade out.
        fade_out: i32,
    },
    /// Hides the title (its texts and times are kept): 3, then 4 from 1.11.
    #[mc(tag(V1_8 = 3, V1_11 = 4))]
    Hide,
    /// Hides the title and clears its texts and times: 4, then 5 from 1.11.
    #[mc(tag(V1_8 = 4, V1_11 = 5))]
    Reset,
}

/// Sets the text above and below the tab list.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct PlayerListHeaderAndFooter {
    /// Header; an empty text (`{"translate":""}`) removes it.
    pub header: Chat,
    /// Footer; an empty text removes it.
    pub footer: Chat,
}

/// Adds, changes or removes a boss health bar at the top of the screen
/// (protocol 54, where it took Update Entity NBT's id 0x49, and every
/// release from 1.9 on, with the same layout:
/// [1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Boss_Bar)).
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct BossBar {
    /// Identifies the bar in later Boss Bar packets.
    pub uuid: Uuid,
    /// The action (VarInt) and the fields it selects.
    pub action: BossBarAction,
}

impl BossBar {
    /// Flag bit: darken the sky.
    pub const DARKEN_SKY: u8 = 0x01;
    /// Flag bit: this is the Ender Dragon's bar (end music; the vanilla 1.10
    /// client also draws fog for it, having no separate fog bit).
    pub const DRAGON_BAR: u8 = 0x02;
}

/// What a [`BossBar`] packet does.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
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

/// A boss bar colour, named as on the 15w32c page (1.9's page and vanilla's
/// `BossInfo.Color` call 1 blue and 3 green: same numbers).
///
/// Closed: vanilla reads it with `readEnumValue`, an index into the
/// enum's constants that fails past the end (`SPacketUpdateBossInfo`,
/// 1.9–1.12.2; 54 is taken to read it alike), so an
/// unknown value fails the packet here too.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
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
}

/// How a boss bar is divided. The 15w32c page only says "number of dividers
/// rendered"; the value names are 1.9's (wiki.vg 1.9 "Division").
///
/// Closed: vanilla reads it with `readEnumValue`, an index into the
/// enum's constants that fails past the end (`SPacketUpdateBossInfo`
/// `BossInfo.Overlay`, 1.9–1.12.2; 54 is taken to read it alike), so an
/// unknown value fails the packet here too.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
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
}
