//! Clientbound play packets, what the client draws over the world: golden
//! vectors worked by hand from wiki.vg's [1.8 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=7368), its [15w32c
//! page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=6788), its
//! [1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617) and its
//! [1.11 page](https://wiki.vg/index.php?title=Protocol&oldid=8405), and
//! generated round trips. Encodings used throughout are worked once in
//! `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::{Chat, ErrorKind};
use mcproto_packets::play::clientbound::{
    BossBar, BossBarAction, BossBarColor, BossBarDividers, PlayerListAction, PlayerListAdd,
    PlayerListDisplayName, PlayerListGamemode, PlayerListHeaderAndFooter, PlayerListItem,
    PlayerListLatency, PlayerListProperty, ResourcePackSend, Title, TitleAction,
};
use mcproto_packets::play::types::GameMode;

#[test]
fn player_list_item() {
    // Action 0 (add), two players.
    // id 38 | action 00 | count 02
    // player 1: U1 | name "Notch" | properties count 02
    //   "textures" = 08 74 65 78 74 75 72 65 73 | value "v" = 01 76 | signed 01 | sig "s" = 01 73
    //   "x" = 01 78 | value "y" = 01 79 | signed 00 (no signature)
    //   gamemode Creative as VarInt = 01 | ping 300 = ac 02 | has display name 01 | "a"
    // player 2: U2 | name "a" = 01 61 | properties 00 | gamemode Spectator 03 | ping 0 = 00 | no display name 00
    let add = PlayerListItem {
        action: PlayerListAction::AddPlayer(vec![
            PlayerListAdd {
                uuid: u1(),
                name: "Notch".into(),
                properties: vec![
                    PlayerListProperty {
                        name: "textures".into(),
                        value: "v".into(),
                        signature: Some("s".into()),
                    },
                    PlayerListProperty {
                        name: "x".into(),
                        value: "y".into(),
                        signature: None,
                    },
                ],
                gamemode: GameMode::Creative,
                ping: 300,
                display_name: Some(chat("a")),
            },
            PlayerListAdd {
                uuid: u2(),
                name: "a".into(),
                properties: vec![],
                gamemode: GameMode::Spectator,
                ping: 0,
                display_name: None,
            },
        ]),
    };
    golden(
        &add,
        V47,
        &format!(
            "38 00 02 {U1} 05 4e6f746368 02 08 7465787475726573 01 76 01 01 73 \
             01 78 01 79 00 01 ac 02 01 03 226122 \
             {U2} 01 61 00 03 00 00"
        ),
    );
    // Same id and layout in 54 (wiki.vg's 15w32c page names it at 0x38).
    golden(
        &add,
        V54,
        &format!(
            "38 00 02 {U1} 05 4e6f746368 02 08 7465787475726573 01 76 01 01 73 \
             01 78 01 79 00 01 ac 02 01 03 226122 \
             {U2} 01 61 00 03 00 00"
        ),
    );
    // Action 1: count 01 | U1 | gamemode Adventure 02.
    let gm = PlayerListItem {
        action: PlayerListAction::UpdateGamemode(vec![PlayerListGamemode {
            uuid: u1(),
            gamemode: GameMode::Adventure,
        }]),
    };
    golden(&gm, V47, &format!("38 01 01 {U1} 02"));
    // An unknown game mode is kept: 07.
    let gm7 = PlayerListItem {
        action: PlayerListAction::UpdateGamemode(vec![PlayerListGamemode {
            uuid: u1(),
            gamemode: GameMode::Unknown(7),
        }]),
    };
    golden(&gm7, V47, &format!("38 01 01 {U1} 07"));
    // Action 2: count 01 | U1 | ping −1 = ff ff ff ff 0f.
    let lat = PlayerListItem {
        action: PlayerListAction::UpdateLatency(vec![PlayerListLatency {
            uuid: u1(),
            ping: -1,
        }]),
    };
    golden(&lat, V47, &format!("38 02 01 {U1} ff ff ff ff 0f"));
    // Action 3: count 02 | U1 has 01 "a" | U2 has 00.
    let dn = PlayerListItem {
        action: PlayerListAction::UpdateDisplayName(vec![
            PlayerListDisplayName {
                uuid: u1(),
                display_name: Some(chat("a")),
            },
            PlayerListDisplayName {
                uuid: u2(),
                display_name: None,
            },
        ]),
    };
    golden(&dn, V47, &format!("38 03 02 {U1} 01 03 226122 {U2} 00"));
    // Action 4: count 02 | U1 | U2 (nothing after each UUID).
    let rm = PlayerListItem {
        action: PlayerListAction::RemovePlayer(vec![u1(), u2()]),
    };
    golden(&rm, V47, &format!("38 04 02 {U1} {U2}"));
    // 1.9: id 2d, the same layouts.
    golden(&rm, V107, &format!("2d 04 02 {U1} {U2}"));
    golden(&dn, V108, &format!("2d 03 02 {U1} 01 03 226122 {U2} 00"));
    golden(
        &PlayerListItem {
            action: PlayerListAction::RemovePlayer(vec![]),
        },
        V47,
        "38 04 00",
    );
    // Action 5 does not exist.
    let err = PlayerListItem::decode_packet_owned(&hex("38 05 00"), V47).unwrap_err();
    assert!(unknown_value(&err, "PlayerListAction", 5), "{err}");
    // Names are limited to 16 characters: "a" × 17.
    let err = PlayerListItem::decode_packet_owned(
        &hex(&format!(
            "38 00 01 {U1} 11 6161616161616161616161616161616161 00 00 00 00"
        )),
        V47,
    )
    .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TooLong { .. }), "{err}");
}

#[test]
fn title() {
    // id 45 | action | fields.
    golden(
        &Title {
            action: TitleAction::SetTitle { text: chat("a") },
        },
        V47,
        "45 00 03 226122",
    );
    golden(
        &Title {
            action: TitleAction::SetSubtitle { text: chat("b") },
        },
        V47,
        "45 01 03 226222",
    );
    // Ints 10 = 0a, 70 = 46, 20 = 14.
    golden(
        &Title {
            action: TitleAction::SetTimesAndDisplay {
                fade_in: 10,
                stay: 70,
                fade_out: 20,
            },
        },
        V47,
        "45 02 0000000a 00000046 00000014",
    );
    golden(
        &Title {
            action: TitleAction::Hide,
        },
        V47,
        "45 03",
    );
    golden(
        &Title {
            action: TitleAction::Reset,
        },
        V54,
        "45 04",
    );
    let err = Title::decode_packet_owned(&hex("45 05"), V47).unwrap_err();
    assert!(unknown_value(&err, "TitleAction", 5), "{err}");
    // 1.9 – 1.10 keep the numbering; the id is 45 again in 1.9.
    golden(
        &Title {
            action: TitleAction::SetTimesAndDisplay {
                fade_in: 10,
                stay: 70,
                fade_out: 20,
            },
        },
        V107,
        "45 02 0000000a 00000046 00000014",
    );
    golden(
        &Title {
            action: TitleAction::Reset,
        },
        V109,
        "45 04",
    );
}

#[test]
fn title_renumbered_in_1_11() {
    // Golden vectors #13 – #15 (id 45 in both): set times is action 2 in 1.10
    // and 3 in 1.11, the Ints 10, 70, 20 ticks following.
    let times = Title {
        action: TitleAction::SetTimesAndDisplay {
            fade_in: 10,
            stay: 70,
            fade_out: 20,
        },
    };
    golden(&times, V210, "45 02 0000000a 00000046 00000014");
    golden(&times, V315, "45 03 0000000a 00000046 00000014");
    // 1.11's new action 2 carries the action bar text: {"text":"Hi"} (13 = 0d).
    let bar = Title {
        action: TitleAction::SetActionBar {
            text: Chat::from_json(r#"{"text":"Hi"}"#),
        },
    };
    golden(&bar, V315, "45 02 0d 7b2274657874223a224869227d");
    // Hide and reset move up by one; the texts keep 0 and 1.
    for (action, before, after) in [
        (TitleAction::Hide, "45 03", "45 04"),
        (TitleAction::Reset, "45 04", "45 05"),
        (
            TitleAction::SetTitle { text: chat("a") },
            "45 00 03 226122",
            "45 00 03 226122",
        ),
    ] {
        let t = Title { action };
        golden(&t, V210, before);
        golden(&t, V316, after);
    }
    // Before 1.11 there is no action bar title (Chat Message, position 2,
    // shows it: golden vector #16 in the chat tests), and 5 is no action.
    assert!(matches!(
        bar.encode_packet(V210).unwrap_err().kind(),
        ErrorKind::NotInVersion {
            ty: "TitleAction::SetActionBar",
            version: 210
        }
    ));
    let err = Title::decode_packet_owned(&hex("45 05"), V210).unwrap_err();
    assert!(unknown_value(&err, "TitleAction", 5), "{err}");
    // The same bytes mean another action on each side of the change.
    assert_eq!(
        Title::decode_packet_owned(&hex("45 04"), V210)
            .unwrap()
            .action,
        TitleAction::Reset
    );
    assert_eq!(
        Title::decode_packet_owned(&hex("45 04"), V315)
            .unwrap()
            .action,
        TitleAction::Hide
    );
}

#[test]
fn header_footer_and_resource_pack() {
    // id 47 | "a" | {"translate":""} = 16 chars = 10 7b 22 74 72 61 6e 73 6c 61 74 65 22 3a 22 22 7d
    golden(
        &PlayerListHeaderAndFooter {
            header: chat("a"),
            footer: Chat::from_json(r#"{"translate":""}"#),
        },
        V47,
        "47 03 226122 10 7b 22 7472616e736c617465 22 3a 22 22 7d",
    );
    // id 48 | "http://x/p.zip" = 0e 68 74 74 70 3a 2f 2f 78 2f 70 2e 7a 69 70
    // | hash: 40 characters (28) "0123456789abcdef" × 2 + "01234567" as ASCII.
    let hash = "0123456789abcdef0123456789abcdef01234567";
    let mut expected = String::from("48 0e 687474703a2f2f782f702e7a6970 28 ");
    expected.extend(hash.bytes().map(|b| format!("{b:02x}")));
    let pack = ResourcePackSend {
        url: "http://x/p.zip".into(),
        hash: hash.into(),
    };
    golden(&pack, V47, &expected);
    // 1.9: Resource Pack Send 32, Player List Header And Footer 48.
    golden(&pack, V107, &format!("32{}", &expected[2..]));
    golden(
        &PlayerListHeaderAndFooter {
            header: chat("a"),
            footer: chat("b"),
        },
        V107,
        "48 03 226122 03 226222",
    );
    // A 41-character hash is refused.
    let long = ResourcePackSend {
        hash: format!("{hash}8").into(),
        ..pack
    };
    assert!(long.encode_packet(V47).is_err());
}

#[test]
fn boss_bar_from_54_on() {
    let bar = |action| BossBar { uuid: u1(), action };
    // id 49 | U1 | action 00 | title "a" | health 1.0f = 3f 80 00 00 | colour red 02
    // | dividers 6 notches 01 | flags darken sky + dragon bar = 03
    golden(
        &bar(BossBarAction::Add {
            title: chat("a"),
            health: 1.0,
            color: BossBarColor::Red,
            dividers: BossBarDividers::Notches6,
            flags: BossBar::DARKEN_SKY | BossBar::DRAGON_BAR,
        }),
        V54,
        &format!("49 {U1} 00 03 226122 3f800000 02 01 03"),
    );
    golden(&bar(BossBarAction::Remove), V54, &format!("49 {U1} 01"));
    // 0.5f = 1.0 × 2^-1: exponent 0x7e → 3f 00 00 00.
    golden(
        &bar(BossBarAction::UpdateHealth { health: 0.5 }),
        V54,
        &format!("49 {U1} 02 3f000000"),
    );
    golden(
        &bar(BossBarAction::UpdateTitle { title: chat("b") }),
        V54,
        &format!("49 {U1} 03 03 226222"),
    );
    // White 06 | 20 notches 04.
    golden(
        &bar(BossBarAction::UpdateStyle {
            color: BossBarColor::White,
            dividers: BossBarDividers::Notches20,
        }),
        V54,
        &format!("49 {U1} 04 06 04"),
    );
    // Colour 7 and dividers 5 are past vanilla's last (white 6, twenty
    // notches 4): its readEnumValue fails, and so does this decoder, in 54
    // (taken to read as 1.9 does) and from 1.9 on (id 0c).
    for (v, id) in [(V54, "49"), (V107, "0c")] {
        let err =
            BossBar::decode_packet_owned(&hex(&format!("{id} {U1} 04 07 00")), v).unwrap_err();
        assert!(unknown_value(&err, "BossBarColor", 7), "{err}");
        let err =
            BossBar::decode_packet_owned(&hex(&format!("{id} {U1} 04 00 05")), v).unwrap_err();
        assert!(unknown_value(&err, "BossBarDividers", 5), "{err}");
    }
    golden(
        &bar(BossBarAction::UpdateFlags { flags: 0x01 }),
        V54,
        &format!("49 {U1} 05 01"),
    );
    let err = BossBar::decode_packet_owned(&hex(&format!("49 {U1} 06")), V54).unwrap_err();
    assert!(unknown_value(&err, "BossBarAction", 6), "{err}");
    // 1.9 on: id 0c, the same layout.
    golden(
        &bar(BossBarAction::Add {
            title: chat("a"),
            health: 1.0,
            color: BossBarColor::Red,
            dividers: BossBarDividers::Notches6,
            flags: BossBar::DARKEN_SKY | BossBar::DRAGON_BAR,
        }),
        V107,
        &format!("0c {U1} 00 03 226122 3f800000 02 01 03"),
    );
    golden(
        &bar(BossBarAction::UpdateStyle {
            color: BossBarColor::White,
            dividers: BossBarDividers::Notches20,
        }),
        V109,
        &format!("0c {U1} 04 06 04"),
    );
    // No Boss Bar in 47.
    assert!(BossBar::id_for(V47).is_none());
    assert!(bar(BossBarAction::Remove).encode_packet(V47).is_err());
}

round_trips!(PlayerListItem, Title, PlayerListHeaderAndFooter, BossBar,);

#[test]
fn player_list_item_reads_negative_counts_as_none() {
    // Vanilla reads the records, and each added player's properties, in
    // `for` loops (S38PacketPlayerListItem, 1.8; SPacketPlayerListItem,
    // 1.12.2): VarInt −1 (ff ff ff ff 0f) is none. Action 4 (remove) with
    // −1 records: id 38 in 47, 2d in 1.9, 2e in 1.12.2.
    for (v, id) in [(V47, "38"), (V107, "2d"), (V340, "2e")] {
        let p =
            PlayerListItem::decode_packet_owned(&hex(&format!("{id} 04 ffffffff0f")), v).unwrap();
        assert_eq!(p.action, PlayerListAction::RemovePlayer(vec![]), "{v:?}");
        assert_eq!(p.encode_packet(v).unwrap(), hex(&format!("{id} 04 00")));
    }
    // Add one player: UUID 0…01 | "a" = 01 61 | properties −1 | game mode
    // 1 | ping 0 | no display name.
    let bytes = hex(&format!(
        "38 00 01 {}01 0161 ffffffff0f 01 00 00",
        rep("00", 15)
    ));
    let p = PlayerListItem::decode_packet_owned(&bytes, V47).unwrap();
    let PlayerListAction::AddPlayer(added) = &p.action else {
        panic!("{p:?}")
    };
    assert_eq!(added.len(), 1);
    assert!(added[0].properties.is_empty());
    assert_eq!(added[0].gamemode, GameMode::Creative);
    // The action itself is a closed enum (readEnumValue): 5 fails.
    let err = PlayerListItem::decode_packet_owned(&hex("38 05 00"), V47).unwrap_err();
    assert!(unknown_value(&err, "PlayerListAction", 5), "{err}");
}
