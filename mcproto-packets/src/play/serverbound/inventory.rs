//! Windows and inventories: clicks, closing, confirmations, creative mode and
//! enchanting.

use crate::version::V1_9;
use mcproto_core::{Decode, Encode, Packet, Slot};

/// Sent when the player closes a window, including the player inventory.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct CloseWindow {
    /// The window closed; 0 is the player inventory (closed although no
    /// Open Window opened it). A signed Byte: vanilla reads it with
    /// `readByte()`; wiki.vg and minecraft-data say unsigned.
    pub window_id: i8,
}

/// Sent when the player clicks a slot of a window.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct ClickWindow {
    /// The window; 0 is the player inventory. A signed Byte as vanilla
    /// reads it (wiki.vg and minecraft-data: unsigned).
    pub window_id: i8,
    /// The slot clicked; −999 is outside the window.
    pub slot: i16,
    /// Mouse button or key; its meaning depends on `mode` (see [`ClickWindowMode`]).
    pub button: i8,
    /// Client-side counter starting at 1; the server answers with a
    /// Confirm Transaction carrying it.
    pub action_number: i16,
    /// The kind of click.
    pub mode: ClickWindowMode,
    /// The item in the clicked slot (empty for drop mode).
    pub clicked_item: Slot,
}

/// The kind of click in a Click Window packet (a Byte, 0–6).
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = i8)]
pub enum ClickWindowMode {
    /// Plain click: button 0 left, 1 right.
    #[mc(tag = 0)]
    NormalClick,
    /// Shift-click: button 0 left, 1 right (same effect).
    #[mc(tag = 1)]
    ShiftClick,
    /// Number key: button 0–8 for keys 1–9.
    #[mc(tag = 2)]
    NumberKey,
    /// Middle click (creative): button 2.
    #[mc(tag = 3)]
    MiddleClick,
    /// Drop key: button 0 drops one, 1 (Ctrl) the stack; at slot −999 a
    /// no-op click outside the window.
    #[mc(tag = 4)]
    Drop,
    /// Drag ("painting"): buttons 0/4 start a left/right drag at slot
    /// −999, 1/5 add a slot, 2/6 end the drag at slot −999.
    #[mc(tag = 5)]
    Drag,
    /// Double click: button 0.
    #[mc(tag = 6)]
    DoubleClick,
    /// A mode no variant has: protocol 47 keeps it (vanilla 1.8 reads the
    /// mode as a plain Byte, `C0EPacketClickWindow`); from 1.9 on vanilla
    /// reads the `ClickType` enum (`readEnumValue`), which fails on an
    /// unknown value, and so does this decoder. 54 is taken as 47.
    #[mc(other, before = V1_9)]
    Unknown(i32),
}

/// Sent back to accept a transaction the server rejected (clientbound
/// Confirm Transaction with Accepted = false).
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct ConfirmTransaction {
    /// The window the action happened in.
    pub window_id: i8,
    /// The action number from Click Window.
    pub action_number: i16,
    /// Whether the action was accepted.
    pub accepted: bool,
}

/// Sent in creative mode to put an item into an inventory slot (or delete it).
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct CreativeInventoryAction {
    /// Inventory slot; −1 drops the item outside the window.
    pub slot: i16,
    /// The item to create there; empty deletes.
    pub clicked_item: Slot,
}

/// Sent when the player picks an enchantment in an enchantment table.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct EnchantItem {
    /// The enchantment table window, from Open Window.
    pub window_id: i8,
    /// Position of the chosen enchantment in the list, 0 = top.
    pub enchantment: i8,
}
