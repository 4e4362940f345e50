//! Clientbound play packets, windows and inventories: golden vectors worked by
//! hand from wiki.vg's [1.8 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=7368), its [15w32c
//! page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=6788) and
//! its [1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617), and
//! generated round trips. Encodings used throughout are worked once in
//! `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::{Chat, ErrorKind, Slot};
use mcproto_packets::play::clientbound::{
    CloseWindow, ConfirmTransaction, OpenWindow, SetSlot, WindowItems, WindowProperty,
};

#[test]
fn windows() {
    // id 2d | window 1 | "minecraft:chest" (15 = 0f) | title "\"Chest\"" (7
    // bytes) | 27 slots = 1b | no entity id (not EntityHorse).
    let chest = OpenWindow {
        window_id: 1,
        window_type: "minecraft:chest".into(),
        window_title: Chat::from_json(r#""Chest""#),
        number_of_slots: 27,
        entity_id: None,
    };
    golden_both(
        &chest,
        &format!(
            "2d 01 0f {} 07 {} 1b",
            ascii("minecraft:chest"),
            ascii(r#""Chest""#)
        ),
    );
    // EntityHorse (11 = 0b) adds the horse's entity id as an Int: 42 = 0000002a.
    let horse = OpenWindow {
        window_id: 2,
        window_type: "EntityHorse".into(),
        window_title: Chat::from_json(r#""Horse""#),
        number_of_slots: 2,
        entity_id: Some(42),
    };
    golden_both(
        &horse,
        &format!(
            "2d 02 0b {} 07 {} 02 0000002a",
            ascii("EntityHorse"),
            ascii(r#""Horse""#)
        ),
    );
    let no_id = OpenWindow {
        entity_id: None,
        ..horse.clone()
    };
    assert!(matches!(
        no_id.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::MissingField
    ));
    let stray_id = OpenWindow {
        entity_id: Some(1),
        ..chest
    };
    assert!(matches!(
        stray_id.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::UnexpectedField
    ));

    // id 2e | window 0; 255 as an unsigned byte.
    golden_both(&CloseWindow { window_id: 0 }, "2e 00");
    golden_both(&CloseWindow { window_id: 255 }, "2e ff");

    // id 2f | window -1 = ff | slot -1 = ffff | empty slot = item id -1 = ffff:
    // clears the cursor.
    golden_both(
        &SetSlot {
            window_id: -1,
            slot: -1,
            slot_data: Slot::EMPTY,
        },
        "2f ff ffff ffff",
    );
    // window 0 | slot 36 = 0024 | stone: id 0001, count 64 = 40, damage
    // 0000, no NBT 00.
    golden_both(
        &SetSlot {
            window_id: 0,
            slot: 36,
            slot_data: Slot::item(1, 64),
        },
        "2f 00 0024 0001 40 0000 00",
    );

    // id 30 | window 0 | count as a Short 2 = 0002 | stone ×64 | empty.
    golden_both(
        &WindowItems {
            window_id: 0,
            slot_data: vec![Slot::item(1, 64), Slot::EMPTY],
        },
        "30 00 0002 0001 40 0000 00 ffff",
    );
    golden_both(
        &WindowItems {
            window_id: 3,
            slot_data: vec![],
        },
        "30 03 0000",
    );
    // A negative Short count is refused.
    let err = WindowItems::decode_packet_owned(&hex("30 00 ffff"), V47).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::NegativeLength { len: -1 }));

    // id 31 | window 1 | property 0 | value 200 = 00c8.
    golden_both(
        &WindowProperty {
            window_id: 1,
            property: 0,
            value: 200,
        },
        "31 01 0000 00c8",
    );
    golden_both(
        &WindowProperty {
            window_id: 2,
            property: 3,
            value: -1,
        },
        "31 02 0003 ffff",
    );

    // id 32 | window 0 | action 12 = 000c | rejected 00; window -1 = ff accepted.
    golden_both(
        &ConfirmTransaction {
            window_id: 0,
            action_number: 12,
            accepted: false,
        },
        "32 00 000c 00",
    );
    golden_both(
        &ConfirmTransaction {
            window_id: -1,
            action_number: -2,
            accepted: true,
        },
        "32 ff fffe 01",
    );

    // 1.9 moves every window packet; the layouts stay.
    golden(
        &horse,
        V107,
        &format!(
            "13 02 0b {} 07 {} 02 0000002a",
            ascii("EntityHorse"),
            ascii(r#""Horse""#)
        ),
    );
    golden(&CloseWindow { window_id: 255 }, V107, "12 ff");
    golden(
        &SetSlot {
            window_id: 0,
            slot: 36,
            slot_data: Slot::item(1, 64),
        },
        V107,
        "16 00 0024 0001 40 0000 00",
    );
    golden(
        &WindowItems {
            window_id: 3,
            slot_data: vec![],
        },
        V107,
        "14 03 0000",
    );
    golden(
        &WindowProperty {
            window_id: 1,
            property: 0,
            value: 200,
        },
        V107,
        "15 01 0000 00c8",
    );
    golden(
        &ConfirmTransaction {
            window_id: 0,
            action_number: 12,
            accepted: false,
        },
        V107,
        "11 00 000c 00",
    );
}

round_trips!(
    OpenWindow,
    CloseWindow,
    SetSlot,
    WindowItems,
    WindowProperty,
    ConfirmTransaction,
);
