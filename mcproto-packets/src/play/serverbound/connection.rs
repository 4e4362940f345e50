//! Connection management: keep-alive, client settings, client status, plugin
//! messages and resource-pack answers.

use std::borrow::Cow;

use crate::version::*;
use mcproto_core::{Decode, Encode, Packet};

/// Answers a clientbound Keep Alive; the server drops clients that stop answering.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct KeepAlive {
    /// The id from the server's Keep Alive, echoed back: a VarInt up to
    /// 1.12.1, a Long from 1.12.2 on
    /// ([page](https://wiki.vg/index.php?title=Protocol&oldid=14204#Keep_Alive_.28serverbound.29)).
    #[mc(as(V1_8 = varint, V1_12_2 = i64))]
    pub keep_alive_id: i64,
}

/// Sent after joining and whenever the client's settings change.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct ClientSettings<'a> {
    /// Language, e.g. `en_GB`. The vanilla 1.8 server reads at most 7
    /// characters (`readStringFromBuffer(7)`); 1.12 raises the limit to 16
    /// ([page](https://wiki.vg/index.php?title=Protocol&oldid=13223#Client_Settings)).
    ///
    /// 7 is kept up to 1.11.2, although some decompiled 1.9-era servers
    /// read 16: ViaVersion's 1.11.1 → 1.12 translation cuts longer locales
    /// to 7 for older servers, citing Mojang's bug MC-111054 (locales
    /// longer than 7 characters kicked the player), which 1.12 fixed. The
    /// stricter limit refuses nothing a vanilla server of those releases
    /// would have accepted.
    #[mc(max_len(V1_8 = 7, V1_12 = 16))]
    pub locale: Cow<'a, str>,
    /// Render distance, in chunks.
    pub view_distance: i8,
    /// Which chat messages the player wants (minecraft-data: `chatFlags`):
    /// a Byte before 1.9, a VarInt from 1.9 on
    /// ([page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Client_Settings)).
    /// The 1.8 server maps any non-negative byte modulo 3; 1.9 refuses
    /// values outside 0–2.
    #[mc(as(V1_8 = i8, V1_9 = varint))]
    pub chat_mode: ChatMode,
    /// The "Colors" chat setting.
    pub chat_colors: bool,
    /// Bit mask of the skin layers shown: 0x01 cape, 0x02 jacket, 0x04 left
    /// sleeve, 0x08 right sleeve, 0x10 left trouser leg, 0x20 right trouser
    /// leg, 0x40 hat (the `CAPE`… constants).
    pub displayed_skin_parts: u8,
    /// The player's main hand; protocol 54 on.
    #[mc(since = V15W32C)]
    pub main_hand: Option<MainHand>,
}

impl ClientSettings<'_> {
    /// `displayed_skin_parts` bit: cape.
    pub const CAPE: u8 = 0x01;
    /// `displayed_skin_parts` bit: jacket.
    pub const JACKET: u8 = 0x02;
    /// `displayed_skin_parts` bit: left sleeve.
    pub const LEFT_SLEEVE: u8 = 0x04;
    /// `displayed_skin_parts` bit: right sleeve.
    pub const RIGHT_SLEEVE: u8 = 0x08;
    /// `displayed_skin_parts` bit: left trouser leg.
    pub const LEFT_PANTS_LEG: u8 = 0x10;
    /// `displayed_skin_parts` bit: right trouser leg.
    pub const RIGHT_PANTS_LEG: u8 = 0x20;
    /// `displayed_skin_parts` bit: hat.
    pub const HAT: u8 = 0x40;
}

/// Which chat messages a client wants (Client Settings: a Byte before 1.9,
/// a VarInt from 1.9 on).
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = i8)]
pub enum ChatMode {
    /// All messages.
    #[mc(tag = 0)]
    Enabled,
    /// Only command feedback.
    #[mc(tag = 1)]
    CommandsOnly,
    /// None (chat hidden).
    #[mc(tag = 2)]
    Hidden,
    /// A mode no variant has. Before 1.9 vanilla maps it as
    /// `ID_LOOKUP[mode % 3]` (`EnumChatVisibility.getEnumChatVisibility`),
    /// so it accepts any mode that is not negative, and this decoder keeps
    /// it (negative ones too: there vanilla's lookup throws). From 1.9 on
    /// vanilla reads a VarInt enum (`readEnumValue`), which fails on an
    /// unknown value, and so does this decoder.
    #[mc(other, before = V1_9)]
    Unknown(i32),
}

/// The player's main hand (Client Settings, protocol 54 on).
///
/// Closed: vanilla reads it with `readEnumValue`, an index into the
/// enum's constants that fails past the end (`CPacketClientSettings`, 1.9–1.12.2), so an
/// unknown value fails the packet here too.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum MainHand {
    /// Left-handed.
    #[mc(tag = 0)]
    Left,
    /// Right-handed (the default).
    #[mc(tag = 1)]
    Right,
}

/// Sent to respawn, to ask for statistics, or (before 1.12) when the
/// inventory is opened.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct ClientStatus {
    /// What the client asks for (minecraft-data: `payload`).
    pub action_id: ClientStatusAction,
}

/// The request of a Client Status packet.
///
/// Closed in every version: vanilla reads it with `readEnumValue`
/// (`C16PacketClientStatus`, 1.8: three values; `CPacketClientStatus`,
/// 1.12: two), which fails past the end, so 3 fails in 47 and 2 from
/// 1.12 on, here as in vanilla.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum ClientStatusAction {
    /// Respawn after death, or leave the End after its credits.
    #[mc(tag = 0)]
    PerformRespawn,
    /// Ask for a Statistics packet.
    #[mc(tag = 1)]
    RequestStats,
    /// The player opened the inventory. In 47 it only awards the "Taking
    /// Inventory" achievement; in 54 it also replaces Entity Action 6. Gone
    /// from 1.12 on, which replaced achievements with advancements
    /// ([page](https://wiki.vg/index.php?title=Protocol&oldid=13223#Client_Status));
    /// there 2 is an unknown value (vanilla refuses it).
    #[mc(before = V1_12, tag = 2)]
    OpenInventory,
}

/// Data on a plugin channel (`MC|Brand`, `MC|BEdit`, mod channels…).
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct PluginMessage<'a> {
    /// Channel name; vanilla reads at most 20 characters.
    #[mc(max_len = 20)]
    pub channel: Cow<'a, str>,
    /// Channel-specific data: the rest of the packet, without a length.
    /// At most [`Self::MAX_DATA`] bytes, both ways, as vanilla's server
    /// reads it in every version (`C17PacketCustomPayload`, 1.8;
    /// `CPacketCustomPayload`, 1.12.2: "Payload may not be larger than
    /// 32767 bytes").
    #[mc(rest, max_len = PluginMessage::MAX_DATA)]
    pub data: Cow<'a, [u8]>,
}

impl PluginMessage<'_> {
    /// Most bytes of data vanilla's server reads (1.8 to 1.12.2).
    pub const MAX_DATA: usize = 32767;
}

/// Sent when the client reacts to a Resource Pack Send.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct ResourcePackStatus<'a> {
    /// The hash from Resource Pack Send; vanilla reads at most 40
    /// characters. Before 1.10 only: 1.10 drops it
    /// ([page](https://wiki.vg/index.php?title=Protocol&oldid=8235#Resource_Pack_Status)).
    #[mc(max_len = 40, before = V1_10)]
    pub hash: Option<Cow<'a, str>>,
    /// What happened to the pack.
    pub result: ResourcePackResult,
}

/// The outcome reported by Resource Pack Status.
///
/// Closed: vanilla reads it with `readEnumValue`, an index into the
/// enum's constants that fails past the end (`C19PacketResourcePackStatus`,
/// 1.8; `CPacketResourcePackStatus`, 1.12: four values), so an
/// unknown value fails the packet here too.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum ResourcePackResult {
    /// The pack was downloaded and applied.
    #[mc(tag = 0)]
    SuccessfullyLoaded,
    /// The player declined the pack.
    #[mc(tag = 1)]
    Declined,
    /// The download failed.
    #[mc(tag = 2)]
    FailedDownload,
    /// The player accepted; the download starts.
    #[mc(tag = 3)]
    Accepted,
}
