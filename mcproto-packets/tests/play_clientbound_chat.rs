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
use mcproto_core::{Chat, Decode, ErrorKind, Leniency, Reader};
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
    // Position is a signed Byte: ff = -1 (the text: the JSON string "").
    let m = ChatMessage::decode_packet_owned(&hex("02 02 2222 ff"), V47).unwrap();
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
fn chat_json_is_checked_as_vanilla_parses_it() {
    // Vanilla parses the text with Gson (1.8: IChatComponent.Serializer,
    // 1.12.2: ITextComponent.Serializer) and fails the packet on a syntax
    // error: `{bad` = 7b 62 61 64 fails here too (line 1, column 2).
    for (v, id) in [(V47, "02"), (V54, "02"), (V107, "0f"), (V340, "0f")] {
        let err =
            ChatMessage::decode_packet_owned(&hex(&format!("{id} 04 7b626164 00")), v).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Json { line: 1, column: 2 }),
            "{v:?}: {err}"
        );
        // A JSON string is a component (plain text) to vanilla: "hello".
        let m = ChatMessage::decode_packet_owned(&hex(&format!("{id} 07 2268656c6c6f22 00")), v)
            .unwrap();
        assert_eq!(m.json_data.json(), "\"hello\"");
    }
    // A bare word is JSON only to Gson's lenient reader: refused by
    // default, kept (byte for byte) with the knob.
    let body = hex("05 68656c6c6f 00");
    let err = ChatMessage::decode(&mut Reader::new(&body, V47)).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Json { .. }), "{err}");
    let any = Leniency {
        unchecked_chat: true,
        ..Leniency::default()
    };
    let m = ChatMessage::decode(&mut Reader::new(&body, V47).with_leniency(any)).unwrap();
    assert_eq!(m.json_data.json(), "hello");
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
