//! Chat lines and command completion.

use mcproto_core::{Chat, Decode, Encode, Packet};
use std::borrow::Cow;

/// Where a chat message is shown.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = i8)]
pub enum ChatPosition {
    /// A player's chat message, in the chat box.
    #[mc(tag = 0)]
    Chat,
    /// A system message (command feedback), in the chat box.
    #[mc(tag = 1)]
    System,
    /// Above the hotbar (the "action bar").
    #[mc(tag = 2)]
    AboveHotbar,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

/// A chat message, system message or action-bar text for the player.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct ChatMessage {
    /// The message, as a chat component.
    pub json_data: Chat,
    /// Where it is shown.
    pub position: ChatPosition,
}

/// Answers a serverbound Tab-Complete with the possible completions.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct TabComplete<'a> {
    /// The completions (VarInt count, then the strings).
    pub matches: Vec<Cow<'a, str>>,
}
