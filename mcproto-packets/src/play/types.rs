//! Constants shared by several play packets.

use mcproto_core::{Decode, Encode};

/// Which hand (protocol 54 on).
///
/// Closed: vanilla reads it with `readEnumValue`, an index into the
/// enum's constants that fails past the end (`readEnumValue(EnumHand)` in every
/// 1.9–1.12.2 packet that sends a hand), so an
/// unknown value fails the packet here too.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum Hand {
    /// The main hand.
    #[mc(tag = 0)]
    MainHand,
    /// The off hand (protocol 54 on).
    #[mc(tag = 1)]
    OffHand,
}

/// A game mode.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = u8)]
pub enum GameMode {
    /// Survival.
    #[mc(tag = 0)]
    Survival,
    /// Creative.
    #[mc(tag = 1)]
    Creative,
    /// Adventure.
    #[mc(tag = 2)]
    Adventure,
    /// Spectator.
    #[mc(tag = 3)]
    Spectator,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

/// A dimension. Join Game sends it as a Byte, Respawn as an Int.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = i8)]
pub enum Dimension {
    /// The Nether.
    #[mc(tag = -1)]
    Nether,
    /// The Overworld.
    #[mc(tag = 0)]
    Overworld,
    /// The End.
    #[mc(tag = 1)]
    End,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

/// World difficulty.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = u8)]
pub enum Difficulty {
    /// Peaceful.
    #[mc(tag = 0)]
    Peaceful,
    /// Easy.
    #[mc(tag = 1)]
    Easy,
    /// Normal.
    #[mc(tag = 2)]
    Normal,
    /// Hard.
    #[mc(tag = 3)]
    Hard,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

/// The face of a block that was clicked or dug.
///
/// A Byte in protocol 47, a VarInt in Player Block Placement from protocol
/// 54 on (fields choose the representation with `#[mc(as = ...)]`).
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = u8)]
pub enum BlockFace {
    /// −Y.
    #[mc(tag = 0)]
    Bottom,
    /// +Y.
    #[mc(tag = 1)]
    Top,
    /// −Z.
    #[mc(tag = 2)]
    North,
    /// +Z.
    #[mc(tag = 3)]
    South,
    /// −X.
    #[mc(tag = 4)]
    West,
    /// +X.
    #[mc(tag = 5)]
    East,
    /// 255 (−1 as a signed byte): no face, as sent with digging status 5
    /// and with the protocol-47 "use item" block placement.
    #[mc(tag = 255)]
    Unspecified,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}
