//! Windows and inventories: opening and closing windows, slots, window properties
//! and transaction confirmations.

use mcproto_core::{Chat, Packet, Slot};
use std::borrow::Cow;

/// Opens a window (chest, furnace, horse inventory...) on the client.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct OpenWindow<'a> {
    /// Non-zero; 0 is the player inventory.
    pub window_id: u8,
    /// e.g. `minecraft:chest`, `minecraft:furnace`, or `EntityHorse`
    /// (vanilla reads at most 32 characters).
    #[mc(max_len = 32)]
    pub window_type: Cow<'a, str>,
    /// Title shown in the window.
    pub window_title: Chat,
    /// Slots of the window, not counting the player inventory.
    pub number_of_slots: u8,
    /// The horse's entity id; present only when the type is `EntityHorse`.
    #[mc(when = &**window_type == "EntityHorse")]
    pub entity_id: Option<i32>,
}

/// Closes a window (the server forcing it shut).
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct CloseWindow {
    /// 0 = player inventory.
    pub window_id: u8,
}

/// Sets one slot of a window, or the item on the cursor.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct SetSlot {
    /// 0 player inventory; −1 with slot −1: the item on the cursor.
    pub window_id: i8,
    /// Slot index in the window.
    pub slot: i16,
    /// The new contents (a negative item id means empty).
    pub slot_data: Slot,
}

/// Sets every slot of a window.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct WindowItems {
    /// 0 = player inventory.
    pub window_id: u8,
    /// One per slot, counted by a Short.
    #[mc(len = i16)]
    pub slot_data: Vec<Slot>,
}

/// Updates a window property: furnace progress, enchantment levels,
/// beacon effects, brewing time.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct WindowProperty {
    /// The window.
    pub window_id: u8,
    /// Which property; meaning depends on the window type.
    pub property: i16,
    /// New value of the property.
    pub value: i16,
}

/// Accepts or rejects a window click (Click Window) the client made.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct ConfirmTransaction {
    /// The window the click was in.
    pub window_id: i8,
    /// The Action Number of the Click Window being answered.
    pub action_number: i16,
    /// If false the client must send this packet back (serverbound Confirm
    /// Transaction) before its clicks are accepted again.
    pub accepted: bool,
}
