//! The recipe book (1.12 on): recipe clicks and the book's state.

use mcproto_core::{Decode, Encode, Packet, Slot};

/// 1.12's recipe click: the client works out the item moves itself and
/// sends them; the server answers with a Confirm Transaction carrying the
/// action number. Protocol 335 only: 1.12.1 replaced it with
/// [`CraftRecipeRequest`] (another id and layout)
/// ([page](https://wiki.vg/index.php?title=Protocol&oldid=13223#Prepare_Crafting_Grid)).
///
/// Window id, action number, slots and counts are signed as on wiki.vg
/// (Byte, Short), like [`ConfirmTransaction`](super::ConfirmTransaction)
/// that answers it; minecraft-data reads them unsigned, the same bytes for
/// every value vanilla sends.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct PrepareCraftingGrid {
    /// The crafting window.
    pub window_id: i8,
    /// Echoed by the server's Confirm Transaction.
    pub action_number: i16,
    /// Stacks taken out of the grid back into the inventory, counted by a
    /// Short (not a VarInt).
    #[mc(len = i16)]
    pub return_entry: Vec<PrepareCraftingGridEntry>,
    /// Stacks put from the inventory into the grid, counted by a Short.
    #[mc(len = i16)]
    pub prepare_entry: Vec<PrepareCraftingGridEntry>,
}

/// One stack moved by a [`PrepareCraftingGrid`].
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PrepareCraftingGridEntry {
    /// The stack moved.
    pub item: Slot,
    /// Its slot in the open window.
    pub crafting_slot: i8,
    /// Its slot in the player's inventory.
    pub player_slot: i8,
}

/// A recipe clicked in the recipe book (1.12.1 on,
/// [page](https://wiki.vg/index.php?title=Protocol&oldid=13339#Craft_Recipe_Request)):
/// the server moves the items, or answers with a Craft Recipe Response
/// when the ingredients are missing.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct CraftRecipeRequest {
    /// The crafting window.
    pub window_id: i8,
    /// The recipe id.
    #[mc(varint)]
    pub recipe: i32,
    /// Shift was held: fill the grid for as many crafts as possible.
    pub make_all: bool,
}

/// The recipe book's state, or the recipe the player looked at (1.12 on,
/// [page](https://wiki.vg/index.php?title=Protocol&oldid=13223#Crafting_Book_Data)).
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct CraftingBookData {
    /// wiki.vg's "Type" (a VarInt) and the fields it selects.
    pub data: CraftingBookDataKind,
}

/// What a [`CraftingBookData`] reports. Numbered 0 and 1 as on wiki.vg, in
/// minecraft-data and in vanilla (`CPacketRecipeInfo.Purpose`; some
/// generated docs of the time say 1 and 2); any other type is a decode
/// error, as in vanilla.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum CraftingBookDataKind {
    /// The player has now seen a recipe (the server clears its "new" mark).
    #[mc(tag = 0)]
    DisplayedRecipe {
        /// The recipe id: an Int here, not a VarInt.
        recipe_id: i32,
    },
    /// The book's settings.
    #[mc(tag = 1)]
    CraftingBookStatus {
        /// The book is open.
        crafting_book_open: bool,
        /// The "craftable only" filter is on.
        crafting_filter: bool,
    },
}
