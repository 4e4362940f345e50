//! Chat lines, commands and command completion.

use crate::version::*;
use std::borrow::Cow;

use mcproto_core::{Packet, Position};

/// A chat line or (with a leading `/`) a command typed by the player.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct ChatMessage<'a> {
    /// Vanilla servers read at most 100 characters before 1.11 and 256
    /// from 1.11 on, and kick longer messages. minecraft-data cannot show
    /// the limit; wiki.vg's
    /// [1.11 page](https://wiki.vg/index.php?title=Protocol&oldid=8405#Chat_Message_.28serverbound.29)
    /// and ViaVersion's 1.10 → 1.11 translation (which cuts longer messages
    /// to 100 for older servers) give it.
    #[mc(max_len(V1_8 = 100, V1_11 = 256))]
    pub message: Cow<'a, str>,
}

/// Sent when the player presses Tab in the chat or command box.
///
/// Protocol 54 has no "Assume Command" field yet: 15w34b adds it
/// ([Protocol History](https://wiki.vg/Protocol_History)), so it is there
/// from 1.9 on ([page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Tab-Complete_.28serverbound.29)).
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct TabComplete<'a> {
    /// Everything before the cursor.
    pub text: Cow<'a, str>,
    /// The text comes from a command block: complete it as a command even
    /// without a leading `/`. From 1.9 on only.
    #[mc(since = V1_9)]
    pub assume_command: Option<bool>,
    /// The block the player looks at, if any (preceded by "Has Position").
    pub looked_at_block: Option<Position>,
}
