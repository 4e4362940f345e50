//! Serverbound play packets, the advancement screen (1.12 on): golden
//! vectors worked by hand from wiki.vg's [1.12 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=13223), negative
//! tests, and generated round trips. Encodings used throughout are worked
//! once in `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_packets::play::serverbound::{AdvancementTab, AdvancementTabAction};

#[test]
fn advancement_tab() {
    // 1.12 on: id 19 | opened tab 00 | "minecraft:story/root" (20 = 14).
    let opened = AdvancementTab {
        action: AdvancementTabAction::OpenedTab {
            tab_id: "minecraft:story/root".into(),
        },
    };
    let root = ascii("minecraft:story/root");
    golden(&opened, V335, &format!("19 00 14 {root}"));
    golden(&opened, V340, &format!("19 00 14 {root}"));
    // Closed screen 01: nothing follows.
    golden(
        &AdvancementTab {
            action: AdvancementTabAction::ClosedScreen,
        },
        V338,
        "19 01",
    );
    let err = AdvancementTab::decode_packet_owned(&hex("19 02"), V335).unwrap_err();
    assert!(unknown_value(&err, "AdvancementTabAction", 2), "{err}");
    assert!(AdvancementTab::id_for(V316).is_none());
}

round_trips!(AdvancementTab,);
