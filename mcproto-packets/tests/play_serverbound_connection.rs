//! Serverbound play packets, connection management: golden vectors worked by
//! hand from wiki.vg's [1.8 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=7368), its [15w32c
//! page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=6788)
//! and its [1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617),
//! negative tests, and generated round trips. Encodings used throughout are
//! worked once in `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::ErrorKind;
use mcproto_packets::play::serverbound::*;

#[test]
fn ids_follow_the_tables() {
    // 47 and 54 ids from wiki.vg's 1.8 page and its 15w32c page "Play,
    // serverbound": 0x00–0x07 unchanged, Use Item new at 0x08, the rest
    // shifted by one.
    ids::<KeepAlive>(Some(0x00), Some(0x00));
    ids::<ChatMessage>(Some(0x01), Some(0x01));
    ids::<UseEntity>(Some(0x02), Some(0x02));
    ids::<Player>(Some(0x03), Some(0x03));
    ids::<PlayerPosition>(Some(0x04), Some(0x04));
    ids::<PlayerLook>(Some(0x05), Some(0x05));
    ids::<PlayerPositionAndLook>(Some(0x06), Some(0x06));
    ids::<PlayerDigging>(Some(0x07), Some(0x07));
    ids::<UseItem>(None, Some(0x08));
    ids::<PlayerBlockPlacement>(Some(0x08), Some(0x09));
    ids::<HeldItemChange>(Some(0x09), Some(0x0A));
    ids::<Animation>(Some(0x0A), Some(0x0B));
    ids::<EntityAction>(Some(0x0B), Some(0x0C));
    ids::<SteerVehicle>(Some(0x0C), Some(0x0D));
    ids::<CloseWindow>(Some(0x0D), Some(0x0E));
    ids::<ClickWindow>(Some(0x0E), Some(0x0F));
    ids::<ConfirmTransaction>(Some(0x0F), Some(0x10));
    ids::<CreativeInventoryAction>(Some(0x10), Some(0x11));
    ids::<EnchantItem>(Some(0x11), Some(0x12));
    ids::<UpdateSign>(Some(0x12), Some(0x13));
    ids::<PlayerAbilities>(Some(0x13), Some(0x14));
    ids::<TabComplete>(Some(0x14), Some(0x15));
    ids::<ClientSettings>(Some(0x15), Some(0x16));
    ids::<ClientStatus>(Some(0x16), Some(0x17));
    ids::<PluginMessage>(Some(0x17), Some(0x18));
    ids::<Spectate>(Some(0x18), Some(0x19));
    ids::<ResourcePackStatus>(Some(0x19), Some(0x1A));
    // The group lists the packets of every version: the 27 of 47 and 54,
    // the 3 that 1.9 adds (Teleport Confirm, Vehicle Move, Steer Boat) and
    // the 4 of 1.12 – 1.12.1 (Prepare Crafting Grid, Crafting Book Data,
    // Advancement Tab, Craft Recipe Request).
    assert_eq!(
        <mcproto_packets::PlayServerbound as mcproto_core::PacketGroup>::packet_types().len(),
        27 + 3 + 4
    );
}

#[test]
fn keep_alive_and_chat() {
    // id 00 | VarInt 300 = ac 02.
    let k = KeepAlive { keep_alive_id: 300 };
    golden(&k, V47, "00 ac 02");
    golden(&k, V54, "00 ac 02");
    golden(&k, V107, "0b ac 02");
    // Golden vectors #9 / #11: 123456789 as a VarInt in 1.12.1, a Long in
    // 1.12.2 (both id 0b).
    let k = KeepAlive {
        keep_alive_id: 123_456_789,
    };
    golden(&k, V338, "0b 95 9a ef 3a");
    golden(&k, V340, "0b 00000000 075bcd15");
    // A 1.12.2 id echoed to a 1.12.1 server does not fit.
    assert!(
        KeepAlive {
            keep_alive_id: 1_500_000_000_000
        }
        .encode_packet(V338)
        .is_err()
    );
    // id 01 | "hi" = 02 68 69.
    let c = ChatMessage {
        message: "hi".into(),
    };
    golden(&c, V47, "01 02 6869");
    golden(&c, V54, "01 02 6869");
    golden(&c, V107, "02 02 6869");
    // 100 characters are fine, 101 are not (either way).
    let ok = ChatMessage {
        message: "x".repeat(100).into(),
    };
    assert!(ok.encode_packet(V47).is_ok());
    let long = ChatMessage {
        message: "x".repeat(101).into(),
    };
    assert!(long.encode_packet(V47).is_err());
    let mut bytes = hex("01 65");
    bytes.extend([b'x'; 101]);
    assert!(matches!(
        ChatMessage::decode_packet_owned(&bytes, V47)
            .unwrap_err()
            .kind(),
        ErrorKind::TooLong { .. }
    ));
}

#[test]
fn chat_messages_grow_to_256_characters_in_1_11() {
    // Golden vector #30: id 02 | length 256 = VarInt 80 02 | "0123456789abcdef"
    // × 16. 259 bytes; a 1.10 server refuses it (at most 100).
    let text = "0123456789abcdef".repeat(16);
    let long = ChatMessage {
        message: text.clone().into(),
    };
    golden(&long, V315, &format!("02 8002 {}", ascii(&text)));
    assert_eq!(long.encode_packet(V316).unwrap().len(), 259);
    let err = long.encode_packet(V210).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::TooLong { max: 100, .. }),
        "{err}"
    );
    assert!(matches!(
        ChatMessage::decode_packet_owned(&hex(&format!("02 8002 {}", ascii(&text))), V210)
            .unwrap_err()
            .kind(),
        ErrorKind::TooLong { .. }
    ));
    // 257 characters are too many from 1.11 too.
    let longer = ChatMessage {
        message: format!("{text}x").into(),
    };
    assert!(matches!(
        longer.encode_packet(V315).unwrap_err().kind(),
        ErrorKind::TooLong { max: 256, .. }
    ));
    // 100 still fit everywhere.
    let hundred = ChatMessage {
        message: "x".repeat(100).into(),
    };
    for v in mcproto_packets::version::supported() {
        assert!(hundred.encode_packet(v).is_ok(), "{v}");
    }
}

#[test]
fn client_settings() {
    // 47: id 15 | "en_GB" = 05 65 6e 5f 47 42 | view distance 8 |
    // chat mode 0 | colors true 01 | skin parts all seven bits = 7f.
    let s47 = ClientSettings {
        locale: "en_GB".into(),
        view_distance: 8,
        chat_mode: ChatMode::Enabled,
        chat_colors: true,
        displayed_skin_parts: 0x7f,
        main_hand: None,
    };
    golden(&s47, V47, "15 05 656e5f4742 08 00 01 7f");
    // 54: id 16 | … chat mode 1 (commands only) | colors false | cape|hat =
    // 41 | main hand VarInt 1 (right).
    let s54 = ClientSettings {
        locale: "en_GB".into(),
        view_distance: 12,
        chat_mode: ChatMode::CommandsOnly,
        chat_colors: false,
        displayed_skin_parts: ClientSettings::CAPE | ClientSettings::HAT,
        main_hand: Some(MainHand::Right),
    };
    golden(&s54, V54, "16 05 656e5f4742 0c 01 00 41 01");
    golden(
        &ClientSettings {
            chat_mode: ChatMode::Hidden,
            main_hand: Some(MainHand::Left),
            ..s54.clone()
        },
        V54,
        "16 05 656e5f4742 0c 02 00 41 00",
    );
    // 54 needs the main hand.
    assert!(matches!(
        s47.encode_packet(V54).unwrap_err().kind(),
        ErrorKind::MissingField
    ));
    // Vanilla 1.8 reads at most 7 locale characters.
    let long = ClientSettings {
        locale: "en_GB_xx".into(),
        ..s47
    };
    assert!(long.encode_packet(V47).is_err());
    assert!(
        ClientSettings::decode_packet_owned(&hex("15 08 656e5f47425f7878 08 00 01 7f"), V47)
            .is_err()
    );
}

#[test]
fn client_settings_from_1_9() {
    // Golden vector #29 of the research notes: id 04 | "en_US" = 05 65 6e 5f
    // 55 53 | view distance 8 | chat mode VarInt 0 | colors 01 | skin parts
    // 7f | main hand right 01.
    let s = ClientSettings {
        locale: "en_US".into(),
        view_distance: 8,
        chat_mode: ChatMode::Enabled,
        chat_colors: true,
        displayed_skin_parts: 0x7f,
        main_hand: Some(MainHand::Right),
    };
    golden(&s, V107, "04 05 656e5f5553 08 00 01 7f 01");
    // The chat mode is a VarInt enum from 1.9 (a Byte before), read with
    // readEnumValue (`CPacketClientSettings`): an unknown 200, c8 01 here,
    // fails the packet, and cannot be sent.
    let err = ClientSettings::decode_packet_owned(&hex("04 05 656e5f5553 08 c801 01 7f 01"), V107)
        .unwrap_err();
    assert!(unknown_value(&err, "ChatMode", 200), "{err}");
    let err = ClientSettings::decode_packet_owned(&hex("04 05 656e5f5553 08 03 01 7f 01"), V340)
        .unwrap_err();
    assert!(unknown_value(&err, "ChatMode", 3), "{err}");
    assert!(matches!(
        ClientSettings {
            chat_mode: ChatMode::Unknown(3),
            ..s.clone()
        }
        .encode_packet(V107)
        .unwrap_err()
        .kind(),
        ErrorKind::NotInVersion { .. }
    ));
    // Before 1.9 vanilla maps any mode through `ID_LOOKUP[mode % 3]`: the
    // single byte c8 (−56) is kept in 54.
    golden(
        &ClientSettings {
            chat_mode: ChatMode::Unknown(-56),
            ..s.clone()
        },
        V54,
        "16 05 656e5f5553 08 c8 01 7f 01",
    );
    assert!(
        ClientSettings {
            chat_mode: ChatMode::Unknown(200),
            ..s.clone()
        }
        .encode_packet(V54)
        .is_err()
    );
    // 1.12 (id 05) accepts locales of up to 16 characters; earlier releases
    // 7 (see the field's note on the limit before 1.12).
    let long = ClientSettings {
        locale: "en_US_longer_16c".into(),
        ..s
    };
    golden(
        &long,
        V335,
        &format!("05 10 {} 08 00 01 7f 01", ascii("en_US_longer_16c")),
    );
    golden(
        &long,
        V340,
        &format!("04 10 {} 08 00 01 7f 01", ascii("en_US_longer_16c")),
    );
    for v in [V316, V107] {
        assert!(matches!(
            long.encode_packet(v).unwrap_err().kind(),
            ErrorKind::TooLong { max: 7, .. }
        ));
    }
    assert!(matches!(
        ClientSettings {
            locale: "x".repeat(17).into(),
            ..long
        }
        .encode_packet(V335)
        .unwrap_err()
        .kind(),
        ErrorKind::TooLong { max: 16, .. }
    ));
}

#[test]
fn client_status() {
    // id 16 (47) / 17 (54) | action VarInt.
    golden(
        &ClientStatus {
            action_id: ClientStatusAction::PerformRespawn,
        },
        V47,
        "16 00",
    );
    golden(
        &ClientStatus {
            action_id: ClientStatusAction::RequestStats,
        },
        V47,
        "16 01",
    );
    // 2: "taking inventory" achievement in 47, "opened inventory" in 54.
    let open = ClientStatus {
        action_id: ClientStatusAction::OpenInventory,
    };
    golden(&open, V47, "16 02");
    golden(&open, V54, "17 02");
    // 1.9: id 03, the same three actions.
    golden(&open, V107, "03 02");
    golden(&open, V316, "03 02");
    // 1.12 (id 04) drops action 2 with the achievements: it cannot be
    // sent, and 2 fails as vanilla's readEnumValue does (two actions).
    let err = open.encode_packet(V335).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::NotInVersion {
            ty: "ClientStatusAction::OpenInventory",
            version: 335
        }
    ));
    let err = ClientStatus::decode_packet_owned(&hex("04 02"), V335).unwrap_err();
    assert!(unknown_value(&err, "ClientStatusAction", 2), "{err}");
    let err = ClientStatus::decode_packet_owned(&hex("03 02"), V340).unwrap_err();
    assert!(unknown_value(&err, "ClientStatusAction", 2), "{err}");
    // Before, three actions: 3 fails (the differential test's case in 47).
    for (v, id) in [(V47, "16"), (V54, "17"), (V107, "03"), (V316, "03")] {
        let err = ClientStatus::decode_packet_owned(&hex(&format!("{id} 03")), v).unwrap_err();
        assert!(unknown_value(&err, "ClientStatusAction", 3), "{v:?}: {err}");
    }
    golden(
        &ClientStatus {
            action_id: ClientStatusAction::RequestStats,
        },
        V335,
        "04 01",
    );
    // 1.12.1 on: id 03.
    golden(
        &ClientStatus {
            action_id: ClientStatusAction::PerformRespawn,
        },
        V338,
        "03 00",
    );
}

#[test]
fn plugin_message() {
    // id 17 | "MC|Brand" = 08 4d 43 7c 42 72 61 6e 64 | data to the end, no
    // length: here a String "vanilla" = 07 76 61 6e 69 6c 6c 61.
    let m = PluginMessage {
        channel: "MC|Brand".into(),
        data: b"\x07vanilla"[..].into(),
    };
    golden(&m, V47, "17 08 4d437c4272616e64 07 76616e696c6c61");
    golden(&m, V54, "18 08 4d437c4272616e64 07 76616e696c6c61");
    golden(&m, V107, "09 08 4d437c4272616e64 07 76616e696c6c61");
    // Empty data: the packet ends after the channel.
    golden(
        &PluginMessage {
            channel: "REGISTER".into(),
            data: Default::default(),
        },
        V47,
        "17 08 5245474953544552",
    );
    // Channels are at most 20 characters.
    let long = PluginMessage {
        channel: "c".repeat(21).into(),
        data: Default::default(),
    };
    assert!(long.encode_packet(V47).is_err());
}

#[test]
fn plugin_message_data_is_capped_as_vanilla_s_server_caps_it() {
    // Vanilla's server refuses more than 32767 bytes of data ("Payload may
    // not be larger than 32767 bytes", C17PacketCustomPayload in 1.8,
    // CPacketCustomPayload in 1.12.2): id | channel "a" = 01 61 | data.
    assert_eq!(PluginMessage::MAX_DATA, 32767);
    for (v, id) in [(V47, 0x17), (V54, 0x18), (V107, 0x09), (V340, 0x09)] {
        let frame = |n: usize| [&[id, 0x01, b'a'][..], &vec![0xab; n]].concat();
        let m = PluginMessage::decode_packet_owned(&frame(32767), v).unwrap();
        assert_eq!(m.data.len(), 32767);
        assert_eq!(m.encode_packet(v).unwrap(), frame(32767));
        let err = PluginMessage::decode_packet_owned(&frame(32768), v).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::TooLong {
                    len: 32768,
                    max: 32767,
                    ..
                }
            ),
            "{v:?}: {err}"
        );
        let big = PluginMessage {
            channel: "a".into(),
            data: vec![0; 32768].into(),
        };
        assert!(big.encode_packet(v).is_err());
    }
}

round_trips!(
    KeepAlive,
    ClientSettings,
    ClientStatus,
    PluginMessage,
    ResourcePackStatus,
);
