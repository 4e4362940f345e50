//! Serverbound play packets, windows and inventories: golden vectors worked by
//! hand from wiki.vg's [1.8 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=7368), its [15w32c
//! page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=6788)
//! and its [1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617),
//! negative tests, and generated round trips. Encodings used throughout are
//! worked once in `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::{ItemStack, Nbt, Slot};
use mcproto_packets::play::serverbound::*;

#[test]
fn windows() {
    // Close Window: id 0d | window 0.
    golden(&CloseWindow { window_id: 0 }, V47, "0d 00");
    // Signed: the byte c8 is window −56 (200 − 256), as vanilla reads it.
    golden(&CloseWindow { window_id: -56 }, V47, "0d c8");
    golden(&CloseWindow { window_id: 0 }, V54, "0e 00");

    // Click Window, 47: id 0e | window 0 | slot 36 = 00 24 | button 1 |
    // action 2 = 00 02 | mode 1 (shift) | item id 276 = 01 14, count 01,
    // damage 00 00, no NBT 00.
    golden(
        &ClickWindow {
            window_id: 0,
            slot: 36,
            button: 1,
            action_number: 2,
            mode: ClickWindowMode::ShiftClick,
            clicked_item: Slot::item(276, 1),
        },
        V47,
        "0e 00 0024 01 0002 01 0114 01 0000 00",
    );
    // 54: id 0f | window 1 | slot −999 = 65536 − 999 = 64537 = fc 19 |
    // button 4 (start right drag) | action 3 | mode 5 (drag) | empty ff ff.
    golden(
        &ClickWindow {
            window_id: 1,
            slot: -999,
            button: 4,
            action_number: 3,
            mode: ClickWindowMode::Drag,
            clicked_item: Slot::EMPTY,
        },
        V54,
        "0f 01 fc19 04 0003 05 ffff",
    );
    // A mode outside 0–6 is kept: Byte 7.
    golden(
        &ClickWindow {
            window_id: -1,
            slot: 0,
            button: 0,
            action_number: 1,
            mode: ClickWindowMode::Unknown(7),
            clicked_item: Slot::EMPTY,
        },
        V47,
        "0e ff 0000 00 0001 07 ffff",
    );

    // Confirm Transaction: id 0f (47) / 10 (54) | window 1 | action 12 = 00 0c | accepted.
    golden(
        &ConfirmTransaction {
            window_id: 1,
            action_number: 12,
            accepted: false,
        },
        V47,
        "0f 01 000c 00",
    );
    golden(
        &ConfirmTransaction {
            window_id: 1,
            action_number: -1,
            accepted: true,
        },
        V54,
        "10 01 ffff 01",
    );

    // Creative Inventory Action, 47: id 10 | slot 36 | item id 35 = 00 23,
    // count 1, damage 14 = 00 0e, no NBT.
    golden(
        &CreativeInventoryAction {
            slot: 36,
            clicked_item: Slot(Some(ItemStack {
                id: 35,
                count: 1,
                damage: 14,
                nbt: Nbt::Absent,
            })),
        },
        V47,
        "10 0024 0023 01 000e 00",
    );
    // 54: id 11 | slot −1 (drop) = ff ff | empty slot ff ff.
    golden(
        &CreativeInventoryAction {
            slot: -1,
            clicked_item: Slot::EMPTY,
        },
        V54,
        "11 ffff ffff",
    );

    // Enchant Item: id 11 (47) / 12 (54) | window 3 | enchantment 2.
    let e = EnchantItem {
        window_id: 3,
        enchantment: 2,
    };
    golden(&e, V47, "11 03 02");
    golden(&e, V54, "12 03 02");

    // 1.9 moves every window packet (close 08, click 07, confirm 05,
    // creative 18, enchant 06); no layout changes.
    golden(&CloseWindow { window_id: 0 }, V107, "08 00");
    golden(
        &ClickWindow {
            window_id: 1,
            slot: -999,
            button: 4,
            action_number: 3,
            mode: ClickWindowMode::Drag,
            clicked_item: Slot::EMPTY,
        },
        V107,
        "07 01 fc19 04 0003 05 ffff",
    );
    golden(
        &ConfirmTransaction {
            window_id: 1,
            action_number: 12,
            accepted: false,
        },
        V107,
        "05 01 000c 00",
    );
    golden(
        &CreativeInventoryAction {
            slot: -1,
            clicked_item: Slot::EMPTY,
        },
        V107,
        "18 ffff ffff",
    );
    golden(&e, V107, "06 03 02");
}

round_trips!(
    CloseWindow,
    ClickWindow,
    ConfirmTransaction,
    CreativeInventoryAction,
    EnchantItem,
);
