//! Advancements (1.12 on): the advancement tree, the player's progress,
//! and which tab the advancement screen shows.

use mcproto_core::{Chat, Decode, Encode, Packet, Slot};
use std::borrow::Cow;

/// Adds, removes and reports progress on the player's advancements (1.12
/// on, [page](https://wiki.vg/index.php?title=Protocol&oldid=13223#Advancements);
/// unchanged in [1.12.2](https://wiki.vg/index.php?title=Protocol&oldid=14204#Advancements)).
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct Advancements<'a> {
    /// wiki.vg's "Reset/Clear": forget everything known before applying
    /// this packet (vanilla sets it on the first one after joining).
    pub reset: bool,
    /// Advancements to add or replace, by id. This and the two lists
    /// below read a negative count as none: vanilla reads them in `for`
    /// loops (`SPacketAdvancementInfo`, 1.12.2).
    #[mc(negative_empty)]
    pub advancement_mapping: Vec<AdvancementMapping<'a>>,
    /// Ids of advancements to remove.
    #[mc(negative_empty)]
    pub identifiers: Vec<Cow<'a, str>>,
    /// Progress, per advancement id.
    #[mc(negative_empty)]
    pub progress_mapping: Vec<AdvancementProgressMapping<'a>>,
}

/// One advancement of an [`Advancements`] and its id.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AdvancementMapping<'a> {
    /// The advancement's id, e.g. `minecraft:story/mine_stone`.
    pub key: Cow<'a, str>,
    /// The advancement.
    pub value: Advancement<'a>,
}

/// An advancement: where it hangs in the tree, how it shows, and what
/// completes it.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Advancement<'a> {
    /// The parent's id; none for the root of a tab.
    pub parent_id: Option<Cow<'a, str>>,
    /// How it is drawn; none for hidden bookkeeping advancements.
    pub display_data: Option<AdvancementDisplay<'a>>,
    /// The criterion names. wiki.vg and minecraft-data give each entry a
    /// key and a value of no bytes, so on the wire it is just the string.
    /// A negative count is none (vanilla's `Criterion.criteriaFromNetwork`
    /// reads them in a `for` loop, 1.12.2).
    #[mc(negative_empty)]
    pub criteria: Vec<Cow<'a, str>>,
    /// An AND of ORs over criterion names: the advancement is done when
    /// every inner list has at least one completed criterion. Vanilla
    /// sizes arrays with these counts (`new String[n][]`), so a negative
    /// one fails, here too.
    pub requirements: Vec<Vec<Cow<'a, str>>>,
}

/// How an [`Advancement`] is drawn in the advancement screen.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AdvancementDisplay<'a> {
    /// Title.
    pub title: Chat,
    /// Description.
    pub description: Chat,
    /// The item drawn in the frame.
    pub icon: Slot,
    /// The frame's shape (and the toast's wording).
    pub frame_type: AdvancementFrameType,
    /// Bits: [`Self::HAS_BACKGROUND_TEXTURE`] 0x01, [`Self::SHOW_TOAST`]
    /// 0x02, [`Self::HIDDEN`] 0x04 (an Int; minecraft-data spells it as a
    /// 32-bit bit field, the same bytes).
    pub flags: i32,
    /// The tab's background texture (tab roots); present exactly when
    /// `flags` has [`Self::HAS_BACKGROUND_TEXTURE`].
    #[mc(when = *flags & AdvancementDisplay::HAS_BACKGROUND_TEXTURE != 0)]
    pub background_texture: Option<Cow<'a, str>>,
    /// Position in the tab's grid.
    pub x_coord: f32,
    /// Position in the tab's grid.
    pub y_coord: f32,
}

impl AdvancementDisplay<'_> {
    /// `flags` bit: a background texture follows.
    pub const HAS_BACKGROUND_TEXTURE: i32 = 0x01;
    /// `flags` bit: show a toast when completed.
    pub const SHOW_TOAST: i32 = 0x02;
    /// `flags` bit: hidden until completed.
    pub const HIDDEN: i32 = 0x04;
}

/// The frame of an [`AdvancementDisplay`] (a VarInt).
///
/// Closed: vanilla reads it with `readEnumValue`, an index into the
/// enum's constants that fails past the end (`DisplayInfo.read`, 1.12), so an
/// unknown value fails the packet here too.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum AdvancementFrameType {
    /// A plain square frame.
    #[mc(tag = 0)]
    Task,
    /// A spiky frame ("Challenge Complete!").
    #[mc(tag = 1)]
    Challenge,
    /// A rounded frame ("Goal Reached!").
    #[mc(tag = 2)]
    Goal,
}

/// The progress of one advancement of an [`Advancements`].
#[derive(Encode, Decode, Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AdvancementProgressMapping<'a> {
    /// The advancement's id.
    pub key: Cow<'a, str>,
    /// Its criteria; a negative count is none (vanilla's
    /// `AdvancementProgress.fromNetwork` loops, 1.12.2).
    #[mc(negative_empty)]
    pub value: Vec<CriterionProgress<'a>>,
}

/// One criterion's progress.
#[derive(Encode, Decode, Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CriterionProgress<'a> {
    /// The criterion's name.
    pub criterion_identifier: Cow<'a, str>,
    /// When it was achieved, in milliseconds since the Unix epoch (Java's
    /// `Date.getTime()`), behind wiki.vg's "Achieved" Boolean; none: not
    /// achieved.
    pub date_of_achieving: Option<i64>,
}

/// Makes the advancement screen show a tab (1.12 on,
/// [page](https://wiki.vg/index.php?title=Protocol&oldid=13223#Select_Advancement_Tab)).
#[derive(Packet, Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct SelectAdvancementTab<'a> {
    /// The tab's root advancement, e.g. `minecraft:story/root`, behind a
    /// "Has id" Boolean; none selects no tab.
    pub identifier: Option<Cow<'a, str>>,
}
