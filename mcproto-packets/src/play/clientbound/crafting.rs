//! The recipe book (1.12 on): which recipes the player knows, and the
//! server's answer to a recipe click.
//!
//! Recipe ids are the numeric ids of vanilla's recipe registry (the order
//! recipes are registered in; 1.13 switches to names).

use mcproto_core::{Decode, Encode, Packet};

/// Updates the recipe book: the known recipes, the ones shown as new, and
/// the book's settings (1.12 on,
/// [page](https://wiki.vg/index.php?title=Protocol&oldid=13223#Unlock_Recipes);
/// unchanged in [1.12.2](https://wiki.vg/index.php?title=Protocol&oldid=14204#Unlock_Recipes)).
#[derive(Packet, Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct UnlockRecipes {
    /// What the lists mean; it also decides whether the second list is
    /// sent.
    pub action: UnlockRecipesAction,
    /// The book is open when the player next opens the inventory or a
    /// crafting table.
    pub crafting_book_open: bool,
    /// The book's "show only craftable" filter is on.
    pub filtering_craftable: bool,
    /// Init: every recipe the player knows; add: the newly unlocked ones;
    /// remove: the ones taken away.
    /// A negative count is none: vanilla reads both lists in `for` loops
    /// (`SPacketRecipeBook`, 1.12.2).
    #[mc(as = varint, negative_empty)]
    pub recipe_ids: Vec<i32>,
    /// wiki.vg's second "Recipe IDs" (minecraft-data `recipes2`): sent with
    /// [`UnlockRecipesAction::Init`] only, the known recipes to highlight as
    /// not yet seen.
    #[mc(as = varint, negative_empty, when = matches!(action, UnlockRecipesAction::Init))]
    pub recipe_ids_2: Option<Vec<i32>>,
}

/// What an [`UnlockRecipes`] does (a VarInt). It decides the layout, so
/// an unknown action is a decode error, as in vanilla.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum UnlockRecipesAction {
    /// The whole book, sent on join.
    #[mc(tag = 0)]
    Init,
    /// Recipes unlocked (vanilla also shows the "new recipe" toast).
    #[mc(tag = 1)]
    Add,
    /// Recipes taken away.
    #[mc(tag = 2)]
    Remove,
}

/// Shows a recipe as "ghost" items in a crafting grid, the answer to a
/// [`CraftRecipeRequest`](crate::play::serverbound::CraftRecipeRequest)
/// the player lacks the ingredients for (1.12.1 on,
/// [page](https://wiki.vg/index.php?title=Protocol&oldid=13339#Craft_Recipe_Response);
/// 1.12.1-pre1 called it "Unknown").
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct CraftRecipeResponse {
    /// The crafting window.
    pub window_id: i8,
    /// The recipe id.
    #[mc(varint)]
    pub recipe: i32,
}
