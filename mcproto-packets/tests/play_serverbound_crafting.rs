//! Serverbound play packets, the recipe book (1.12 on): golden vectors
//! worked by hand from wiki.vg's [1.12 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=13223) and its [1.12.1
//! page](https://wiki.vg/index.php?title=Protocol&oldid=13339), negative
//! tests, and generated round trips. Encodings used throughout are worked
//! once in `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::{ErrorKind, Slot};
use mcproto_packets::play::serverbound::{
    CraftRecipeRequest, CraftingBookData, CraftingBookDataKind, PrepareCraftingGrid,
    PrepareCraftingGridEntry,
};

#[test]
fn prepare_crafting_grid_is_1_12_only() {
    // 1.12: id 01 | window 1 | action 5 = 00 05 | return entries: Short
    // count 00 01, stone (00 01, 01, 00 00, 00), crafting slot 1, player
    // slot 36 = 24 | prepare entries: 00 00.
    let p = PrepareCraftingGrid {
        window_id: 1,
        action_number: 5,
        return_entry: vec![PrepareCraftingGridEntry {
            item: Slot::item(1, 1),
            crafting_slot: 1,
            player_slot: 36,
        }],
        prepare_entry: vec![],
    };
    golden(&p, V335, "01 01 0005 0001 0001 01 0000 00 01 24 0000");
    // Gone in 1.12.1, whose 0x01 is Tab-Complete.
    assert!(PrepareCraftingGrid::id_for(V338).is_none());
    assert!(matches!(
        p.encode_packet(V338).unwrap_err().kind(),
        ErrorKind::PacketNotInVersion { version: 338 }
    ));
    // A negative count is refused.
    assert!(PrepareCraftingGrid::decode_packet_owned(&hex("01 01 0005 ffff 0000"), V335).is_err());
}

#[test]
fn craft_recipe_request() {
    // 1.12.1 on: id 12 | window 1 | recipe 300 = ac 02 | make all 01.
    let r = CraftRecipeRequest {
        window_id: 1,
        recipe: 300,
        make_all: true,
    };
    golden(&r, V338, "12 01 ac02 01");
    golden(&r, V340, "12 01 ac02 01");
    assert!(CraftRecipeRequest::id_for(V335).is_none());
}

#[test]
fn crafting_book_data() {
    // 1.12 on: id 17 | type 0 | recipe id as an Int 300 = 00 00 01 2c.
    let seen = CraftingBookData {
        data: CraftingBookDataKind::DisplayedRecipe { recipe_id: 300 },
    };
    golden(&seen, V335, "17 00 0000012c");
    golden(&seen, V340, "17 00 0000012c");
    // Type 1 | book open 01 | filter off 00.
    golden(
        &CraftingBookData {
            data: CraftingBookDataKind::CraftingBookStatus {
                crafting_book_open: true,
                crafting_filter: false,
            },
        },
        V338,
        "17 01 01 00",
    );
    // Type 2 does not exist.
    let err = CraftingBookData::decode_packet_owned(&hex("17 02"), V335).unwrap_err();
    assert!(unknown_value(&err, "CraftingBookDataKind", 2), "{err}");
}

round_trips!(PrepareCraftingGrid, CraftRecipeRequest, CraftingBookData,);
