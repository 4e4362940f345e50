//! The advancement screen (1.12 on).

use mcproto_core::{Decode, Encode, Packet};
use std::borrow::Cow;

/// The player opened a tab of the advancement screen, or closed it (1.12
/// on, [page](https://wiki.vg/index.php?title=Protocol&oldid=13223#Advancement_Tab)).
#[derive(Packet, Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct AdvancementTab<'a> {
    /// The action (a VarInt) and the fields it selects.
    pub action: AdvancementTabAction<'a>,
}

/// What an [`AdvancementTab`] reports (vanilla's
/// `CPacketSeenAdvancements.Action`); any other action is a decode error.
#[derive(Encode, Decode, Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum AdvancementTabAction<'a> {
    /// A tab was opened.
    #[mc(tag = 0)]
    OpenedTab {
        /// The tab's root advancement, e.g. `minecraft:story/root`.
        tab_id: Cow<'a, str>,
    },
    /// The screen was closed.
    #[mc(tag = 1)]
    ClosedScreen,
}
