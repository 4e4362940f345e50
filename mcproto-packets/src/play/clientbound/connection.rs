//! Connection management: keep-alive, joining and respawning, disconnecting, plugin
//! messages, compression, resource packs and the difficulty shown to the player.

use crate::play::types::{Difficulty, Dimension, GameMode};
use std::borrow::Cow;

use crate::version::*;
use mcproto_core::error::fail;
use mcproto_core::{
    Chat, Decode, Describe, Encode, ErrorKind, Packet, ProtocolVersion, Reader, Result, WireType,
    Writer,
};
use mcproto_core::{DecodeBounded, EncodeBounded, IntValue};
#[cfg(feature = "generate")]
use mcproto_core::{Gen, Generate};

/// Game modes are numbered alike in every protocol version, so the byte
/// helpers below, which take none, convert in this one.
const GAME_MODE_NUMBERING: ProtocolVersion = crate::version::V1_8;

/// Join Game's game mode byte: the game mode in the low bits, and bit 0x08
/// set for a hardcore world.
///
/// Hand-written because the derive has no bit fields. Vanilla 1.8 reads the
/// byte unsigned, takes `& 0x08` as hardcore and the rest (`& !0x08`) as the
/// game mode; decoding does the same, so every byte re-encodes identically
/// (an unknown mode is kept in [`GameMode::Unknown`]). Encoding fails for a
/// mode that does not fit in an unsigned byte or has bit 0x08 set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct JoinGameMode {
    /// The game mode (bits other than 0x08).
    pub mode: GameMode,
    /// Hardcore world (bit 0x08): the player is banned or sent to spectator
    /// mode on death, and the client shows hardcore hearts.
    pub hardcore: bool,
}

impl JoinGameMode {
    /// The hardcore bit.
    pub const HARDCORE: u8 = 0x08;

    /// A non-hardcore game mode.
    pub const fn new(mode: GameMode) -> Self {
        JoinGameMode {
            mode,
            hardcore: false,
        }
    }

    /// The byte as sent.
    pub fn to_byte(self) -> Result<u8> {
        let mode = self.mode.to_wire(GAME_MODE_NUMBERING)?;
        match u8::try_from(mode) {
            Ok(m) if m & Self::HARDCORE == 0 => {
                Ok(if self.hardcore { m | Self::HARDCORE } else { m })
            }
            _ => fail(ErrorKind::OutOfRange {
                ty: "JoinGameMode.mode (0..=255 without the hardcore bit 0x08)",
                value: mode,
            }),
        }
    }

    /// The value of a byte as received (every byte has one).
    pub fn from_byte(b: u8) -> Self {
        JoinGameMode {
            // Every value is a GameMode (unknown ones become Unknown).
            mode: GameMode::from_wire(i64::from(b & !Self::HARDCORE), GAME_MODE_NUMBERING)
                .unwrap_or(GameMode::Unknown(i32::from(b & !Self::HARDCORE))),
            hardcore: b & Self::HARDCORE != 0,
        }
    }
}

impl Encode for JoinGameMode {
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        w.put_u8(self.to_byte()?);
        Ok(())
    }
}

impl<'a> Decode<'a> for JoinGameMode {
    const MIN_SIZE: usize = 1;
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.u8().map(JoinGameMode::from_byte)
    }
}

impl Describe for JoinGameMode {
    fn describe(_: ProtocolVersion) -> WireType {
        // On the wire it is one unsigned byte (minecraft-data: u8).
        WireType::UnsignedByte
    }
}

#[cfg(feature = "generate")]
impl Generate for JoinGameMode {
    fn generate(g: &mut Gen<'_>) -> Self {
        let mode = GameMode::generate(g);
        // Normalise through the byte form: drops the hardcore bit from an
        // unknown mode and turns Unknown(named value) into the named value.
        let raw = match mode {
            GameMode::Unknown(n) => n as u8,
            named => named.to_wire(GAME_MODE_NUMBERING).unwrap_or(0) as u8,
        } & !Self::HARDCORE;
        JoinGameMode {
            hardcore: g.bool(),
            ..JoinGameMode::from_byte(raw)
        }
    }
}

/// The world generator of a level, as Join Game and Respawn name it.
///
/// A string on the wire, so the derive's integer enums do not apply: this
/// type is hand-written. Names are matched exactly (vanilla matches them
/// ignoring case and falls back to `default`); any other string is kept in
/// [`LevelType::Other`] and re-encoded as received. Vanilla 1.8 reads the
/// field with a maximum of 16 characters (`readStringFromBuffer(16)` in
/// both packets), so longer strings are refused both ways.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum LevelType {
    /// `default`.
    Default,
    /// `flat`: superflat.
    Flat,
    /// `largeBiomes`.
    LargeBiomes,
    /// `amplified`.
    Amplified,
    /// `default_1_1`: the 1.1 generator.
    Default11,
    /// Any other name, as received. Encoding fails if it is one of the
    /// names above (use that variant).
    Other(String),
}

impl LevelType {
    /// Longest name vanilla accepts.
    pub const MAX_LEN: usize = 16;

    const NAMED: [(LevelType, &'static str); 5] = [
        (LevelType::Default, "default"),
        (LevelType::Flat, "flat"),
        (LevelType::LargeBiomes, "largeBiomes"),
        (LevelType::Amplified, "amplified"),
        (LevelType::Default11, "default_1_1"),
    ];

    /// The name as sent.
    pub fn as_str(&self) -> &str {
        match self {
            LevelType::Default => "default",
            LevelType::Flat => "flat",
            LevelType::LargeBiomes => "largeBiomes",
            LevelType::Amplified => "amplified",
            LevelType::Default11 => "default_1_1",
            LevelType::Other(s) => s,
        }
    }

    /// The level type named `s` (exact match), or [`LevelType::Other`].
    pub fn from_name(s: impl Into<String>) -> Self {
        let s = s.into();
        Self::NAMED
            .iter()
            .find(|(_, name)| *name == s.as_str())
            .map_or(LevelType::Other(s), |(t, _)| t.clone())
    }
}

impl Encode for LevelType {
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        if let LevelType::Other(s) = self
            && let Some(i) = Self::NAMED.iter().position(|(_, name)| *name == s.as_str())
        {
            // `value` is the position of the name in the variant list.
            return fail(ErrorKind::OutOfRange {
                ty: "LevelType::Other (this name has a named variant)",
                value: i as i64,
            });
        }
        self.as_str().encode_bounded(w, Self::MAX_LEN)
    }
}

impl<'a> Decode<'a> for LevelType {
    const MIN_SIZE: usize = 1;
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        String::decode_bounded(r, Self::MAX_LEN).map(LevelType::from_name)
    }
}

impl Describe for LevelType {
    fn describe(_: ProtocolVersion) -> WireType {
        WireType::String { max: Self::MAX_LEN }
    }
}

#[cfg(feature = "generate")]
impl Generate for LevelType {
    fn generate(g: &mut Gen<'_>) -> Self {
        match g.below(6) {
            5 => LevelType::from_name(g.string(Self::MAX_LEN)),
            i => Self::NAMED[i].0.clone(),
        }
    }
}

/// Checks the connection is alive; the client echoes the id back.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct KeepAlive {
    /// Any number the server picks, which the client must send back in
    /// serverbound Keep Alive. A VarInt up to 1.12.1 (so at most an
    /// `i32`), a Long from 1.12.2 on
    /// ([page](https://wiki.vg/index.php?title=Protocol&oldid=14204#Keep_Alive_.28clientbound.29)),
    /// where vanilla sends its millisecond clock.
    #[mc(as(V1_8 = varint, V1_12_2 = i64))]
    pub keep_alive_id: i64,
}

/// First packet of the play state: the player's entity and the world.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct JoinGame {
    /// The player's entity id (an Int here).
    pub entity_id: i32,
    /// Game mode, with the hardcore bit 0x08.
    pub gamemode: JoinGameMode,
    /// Dimension: a Byte up to 1.9, an Int (not a VarInt) from 1.9.1 on
    /// ([pre-release page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=7552));
    /// Respawn always sends an Int.
    #[mc(as(V1_8 = i8, V1_9_1 = i32))]
    pub dimension: Dimension,
    /// Difficulty.
    pub difficulty: Difficulty,
    /// Used by the client to lay out the player list.
    pub max_players: u8,
    /// World generator.
    pub level_type: LevelType,
    /// Hides most of the debug screen (F3).
    pub reduced_debug_info: bool,
}

/// The player respawns or changes dimension.
///
/// A Respawn into the dimension the client is already in does not reload
/// the world; servers send another dimension first to force a reload.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct Respawn {
    /// Dimension, sent as an Int here (a Byte in Join Game).
    #[mc(as = i32)]
    pub dimension: Dimension,
    /// Difficulty.
    pub difficulty: Difficulty,
    /// Game mode (no hardcore bit here).
    pub gamemode: GameMode,
    /// World generator.
    pub level_type: LevelType,
}

/// Carries mod or plugin data on a named channel (e.g. MC|Brand).
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct PluginMessage<'a> {
    /// Channel name, e.g. "MC|Brand" or "REGISTER".
    #[mc(max_len = 20)]
    pub channel: Cow<'a, str>,
    /// The payload: the rest of the packet, with no length prefix. At most
    /// [`Self::MAX_DATA`] bytes, both ways, as vanilla's client reads it in
    /// every version (`S3FPacketCustomPayload`, 1.8;
    /// `SPacketCustomPayload`, 1.12.2).
    #[mc(rest, max_len = PluginMessage::MAX_DATA)]
    pub data: Cow<'a, [u8]>,
}

impl PluginMessage<'_> {
    /// Most bytes of data vanilla's client reads (1 MiB, 1.8 to 1.12.2).
    pub const MAX_DATA: usize = 1_048_576;
}

/// Kicks the player, with a reason shown on the disconnect screen.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct Disconnect {
    /// Why, as a chat component.
    pub reason: Chat,
}

/// Tells the client the world's difficulty (shown in the options menu).
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct ServerDifficulty {
    /// The difficulty (Unsigned Byte).
    pub difficulty: Difficulty,
}

/// Turns on compression for later packets (the play-state twin of the login
/// packet; vanilla servers use the login one). Protocol 47 and 54 only:
/// every release from 1.9 on has only the login packet.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct SetCompression {
    /// Packets at least this long are compressed; negative disables.
    #[mc(varint)]
    pub threshold: i32,
}

/// Asks the client to download and use a resource pack.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct ResourcePackSend<'a> {
    /// Where to download the pack.
    pub url: Cow<'a, str>,
    /// SHA-1 of the pack as 40 lowercase hex digits, naming the cached
    /// file (vanilla reads at most 40 characters).
    #[mc(max_len = 40)]
    pub hash: Cow<'a, str>,
}
