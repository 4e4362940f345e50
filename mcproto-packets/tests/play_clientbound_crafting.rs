//! Clientbound play packets, the recipe book (1.12 on): golden vectors
//! worked by hand from wiki.vg's [1.12 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=13223) and its [1.12.1
//! page](https://wiki.vg/index.php?title=Protocol&oldid=13339), negative
//! tests, and generated round trips. Encodings used throughout are worked
//! once in `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::ErrorKind;
use mcproto_packets::play::clientbound::{CraftRecipeResponse, UnlockRecipes, UnlockRecipesAction};

#[test]
fn unlock_recipes() {
    // 1.12: id 30 | init 00 | book open 01 | filter off 00 | recipes: count
    // 02, 1, 300 = ac 02 | the second list, init only: count 01, 300.
    let init = UnlockRecipes {
        action: UnlockRecipesAction::Init,
        crafting_book_open: true,
        filtering_craftable: false,
        recipe_ids: vec![1, 300],
        recipe_ids_2: Some(vec![300]),
    };
    golden(&init, V335, "30 00 01 00 02 01 ac02 01 ac02");
    // 1.12.1 on: id 31. Add (01) has no second list.
    let add = UnlockRecipes {
        action: UnlockRecipesAction::Add,
        crafting_book_open: false,
        filtering_craftable: true,
        recipe_ids: vec![5],
        recipe_ids_2: None,
    };
    golden(&add, V338, "31 01 00 01 01 05");
    golden(
        &UnlockRecipes {
            action: UnlockRecipesAction::Remove,
            ..add.clone()
        },
        V340,
        "31 02 00 01 01 05",
    );
    // The second list goes with init and nothing else.
    assert!(matches!(
        UnlockRecipes {
            recipe_ids_2: None,
            ..init.clone()
        }
        .encode_packet(V335)
        .unwrap_err()
        .kind(),
        ErrorKind::MissingField
    ));
    assert!(matches!(
        UnlockRecipes {
            recipe_ids_2: Some(vec![]),
            ..add
        }
        .encode_packet(V335)
        .unwrap_err()
        .kind(),
        ErrorKind::UnexpectedField
    ));
    // Action 3 does not exist: it decides the layout, so it is an error.
    let err = UnlockRecipes::decode_packet_owned(&hex("30 03 00 00 00"), V335).unwrap_err();
    assert!(unknown_value(&err, "UnlockRecipesAction", 3), "{err}");
    // Not before 1.12.
    assert!(matches!(
        init.encode_packet(V316).unwrap_err().kind(),
        ErrorKind::PacketNotInVersion { version: 316 }
    ));
}

#[test]
fn craft_recipe_response() {
    // 1.12.1 on: id 2b | window 1 | recipe 300 = ac 02.
    let r = CraftRecipeResponse {
        window_id: 1,
        recipe: 300,
    };
    golden(&r, V338, "2b 01 ac02");
    golden(&r, V340, "2b 01 ac02");
    assert!(CraftRecipeResponse::id_for(V335).is_none());
}

round_trips!(UnlockRecipes, CraftRecipeResponse,);

#[test]
fn unlock_recipes_read_negative_counts_as_none() {
    // Vanilla reads both recipe lists in `for` loops (SPacketRecipeBook,
    // 1.12 and 1.12.2): id 30 in 1.12, the packet's first version, 31 in
    // 1.12.2 | action 0 (init) | book open 00 | filtering 00 | VarInt −1
    // (ff ff ff ff 0f) | VarInt −2 (fe ff ff ff 0f).
    for (v, id) in [(V335, "30"), (V340, "31")] {
        let p = UnlockRecipes::decode_packet_owned(
            &hex(&format!("{id} 00 00 00 ffffffff0f feffffff0f")),
            v,
        )
        .unwrap();
        assert_eq!(p.action, UnlockRecipesAction::Init, "{v:?}");
        assert!(p.recipe_ids.is_empty());
        assert_eq!(p.recipe_ids_2, Some(vec![]));
        assert_eq!(
            p.encode_packet(v).unwrap(),
            hex(&format!("{id} 00 00 00 00 00"))
        );
    }
}
