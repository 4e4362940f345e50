//! Serverbound play packets, chat lines, commands and command completion:
//! golden vectors worked by hand from wiki.vg's [1.8 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=7368), its [15w32c
//! page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=6788)
//! and its [1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617),
//! negative tests, and generated round trips. Encodings used throughout are
//! worked once in `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_packets::play::serverbound::*;

#[test]
fn tab_complete() {
    // id 14 | "/he" = 03 2f 68 65 | has position false = 00.
    let no_pos = TabComplete {
        text: "/he".into(),
        assume_command: None,
        looked_at_block: None,
    };
    golden(&no_pos, V47, "14 03 2f6865 00");
    // has position true = 01 | (1,2,3).
    let pos = TabComplete {
        text: "/he".into(),
        assume_command: None,
        looked_at_block: Some(P123),
    };
    golden(&pos, V47, "14 03 2f6865 01 0000004008000003");
    // 54: id 15, same layout (no Assume Command yet, D4).
    golden(&no_pos, V54, "15 03 2f6865 00");
    golden(&pos, V54, "15 03 2f6865 01 0000004008000003");
    // 1.9: id 01 | text | assume command (a Boolean, new) 01 | has position 00.
    let command_block = TabComplete {
        assume_command: Some(true),
        ..no_pos.clone()
    };
    golden(&command_block, V107, "01 03 2f6865 01 00");
    golden(
        &TabComplete {
            assume_command: Some(false),
            ..pos.clone()
        },
        V107,
        "01 03 2f6865 00 01 0000004008000003",
    );
    // The flag is required from 1.9 on (and ignored before).
    assert!(no_pos.encode_packet(V107).is_err());
    golden(&no_pos, V47, "14 03 2f6865 00");
    assert_eq!(
        command_block.encode_packet(V47).unwrap(),
        hex("14 03 2f6865 00")
    );
}

round_trips!(ChatMessage, TabComplete,);
