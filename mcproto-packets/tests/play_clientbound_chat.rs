//! Clientbound play packets, chat lines and command completion: golden vectors
//! worked by hand from wiki.vg's [1.8 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=7368), its [15w32c
//! page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=6788) and
//! its [1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617), and
//! generated round trips. Encodings used throughout are worked once in
//! `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::Chat;
use mcproto_packets::play::clientbound::{ChatMessage, ChatPosition, TabComplete};

#[test]
fn chat_message() {
    let p = ChatMessage {
        json_data: Chat::from_json(r#"{"text":"hi"}"#),
        position: ChatPosition::AboveHotbar,
    };
    // id 02 | String of 13 bytes = 0d: { " t e x t " : " h i " } =
    // 7b 22 74 65 78 74 22 3a 22 68 69 22 7d | position 2 = 02.
    golden(&p, V47, "02 0d 7b2274657874223a226869227d 02");
    // Unknown positions are kept: "x" as JSON = 22 78 22, position 5.
    golden(
        &ChatMessage {
            json_data: Chat::from_json(r#""x""#),
            position: ChatPosition::Unknown(5),
        },
        V54,
        "02 03 227822 05",
    );
    // Position is a signed Byte: ff = -1.
    let m = ChatMessage::decode_packet(&hex("02 00 ff"), V47).unwrap();
    assert_eq!(m.position, ChatPosition::Unknown(-1));
    // 1.9: id 0f, the same layout (the action bar is still position 2).
    golden(&p, V107, "0f 0d 7b2274657874223a226869227d 02");
    // Golden vector #16: the 1.10 action bar, {"text":"Hi"} at position 2.
    golden(
        &ChatMessage {
            json_data: Chat::from_json(r#"{"text":"Hi"}"#),
            position: ChatPosition::AboveHotbar,
        },
        V210,
        "0f 0d 7b2274657874223a224869227d 02",
    );
}

#[test]
fn tab_complete() {
    // id 3a | count 02 | "/help" = 05 2f 68 65 6c 70 | "/me" = 03 2f 6d 65
    golden(
        &TabComplete {
            matches: vec!["/help".into(), "/me".into()],
        },
        V47,
        "3a 02 05 2f68656c70 03 2f6d65",
    );
    golden(&TabComplete { matches: vec![] }, V54, "3a 00");
    golden(&TabComplete { matches: vec![] }, V107, "0e 00");
}

round_trips!(ChatMessage, TabComplete,);
