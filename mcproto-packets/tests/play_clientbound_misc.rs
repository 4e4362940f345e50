//! Clientbound play packets 0x38–0x49: golden vectors worked by hand from
//! the tables in wiki-protocol-47.md and protocol-54-ids.md (Boss Bar), and
//! generated round trips.
//!
//! Recurring pieces, worked once:
//! - U1 = UUID 00000000-0000-0000-0000-000000000001 = 15 × `00`, then `01`;
//!   U2 the same ending in `02`.
//! - Chat `"a"` (the JSON string literal, 3 characters) = `03 22 61 22`;
//!   `"b"` = `03 22 62 22`.
//! - VarInt 300 = 0b10_0101100: low group 0x2c | 0x80 = `ac`, then `02`.
//! - VarInt −1 = `ff ff ff ff 0f` (five bytes, 32-bit two's complement).
//! - "Notch" = `05 4e 6f 74 63 68`; "obj" = `03 6f 62 6a`.

// Tests (and the shared `common` helpers) fail loudly on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::types::nbt::{Compound, Value};
use mcproto_core::{Chat, ErrorKind, Nbt, Packet, Uuid};
use mcproto_packets::play::clientbound::{
    BossBar, BossBarAction, BossBarColor, BossBarDividers, Camera, CombatEvent, CombatEventKind,
    Disconnect, DisplayScoreboard, DisplayScoreboardPosition, PlayerAbilities, PlayerListAction,
    PlayerListAdd, PlayerListDisplayName, PlayerListGamemode, PlayerListHeaderAndFooter,
    PlayerListItem, PlayerListLatency, PlayerListProperty, PluginMessage, ResourcePackSend,
    ScoreboardObjective, ScoreboardObjectiveMode, ServerDifficulty, SetCompression, TabComplete,
    Teams, TeamsInfo, TeamsMode, Title, TitleAction, UpdateEntityNbt, UpdateScore,
    UpdateScoreAction, WorldBorder, WorldBorderAction,
};
use mcproto_packets::play::types::{Difficulty, GameMode};

const U1: &str = "00000000000000000000000000000001";
const U2: &str = "00000000000000000000000000000002";

fn u1() -> Uuid {
    Uuid::from_u128(1)
}

fn u2() -> Uuid {
    Uuid::from_u128(2)
}

fn chat(s: &str) -> Chat {
    Chat::from_json(format!("\"{s}\""))
}

fn unknown_value(err: &mcproto_core::Error, ty: &str, v: i64) -> bool {
    matches!(err.kind(), ErrorKind::UnknownValue { ty: t, value } if *t == ty && *value == v)
}

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
    // Same id and layout in 54 (seed 004 names it at 0x38).
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
    golden(
        &PlayerListItem {
            action: PlayerListAction::RemovePlayer(vec![]),
        },
        V47,
        "38 04 00",
    );
    // Action 5 does not exist.
    let err = PlayerListItem::decode_packet(&hex("38 05 00"), V47).unwrap_err();
    assert!(unknown_value(&err, "PlayerListAction", 5), "{err}");
    // Names are limited to 16 characters: "a" × 17.
    let err = PlayerListItem::decode_packet(
        &hex(&format!(
            "38 00 01 {U1} 11 6161616161616161616161616161616161 00 00 00 00"
        )),
        V47,
    )
    .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TooLong { .. }), "{err}");
}

#[test]
fn player_abilities() {
    // id 39 | flags 0x01 | 0x04 | 0x08 = 0d
    // | flying speed 0.05f = 1.6 × 2^-5: exponent 127 − 5 = 0x7a, mantissa
    //   0.6 × 2^23 = 0x4ccccd (rounded) → 0 01111010 100110011… = 3d 4c cc cd
    // | walking speed 0.1f = 1.6 × 2^-4: exponent 0x7b → 3d cc cc cd
    let p = PlayerAbilities {
        flags: PlayerAbilities::INVULNERABLE
            | PlayerAbilities::ALLOW_FLYING
            | PlayerAbilities::CREATIVE,
        flying_speed: 0.05,
        field_of_view_modifier: 0.1,
    };
    golden(&p, V47, "39 0d 3d4ccccd 3dcccccd");
    golden(&p, V54, "39 0d 3d4ccccd 3dcccccd");
    assert!(p.invulnerable() && !p.flying() && p.allow_flying() && p.creative());
    // Flying only: 02; negative flag bytes stay as sent: ff.
    let p = PlayerAbilities {
        flags: -1,
        flying_speed: 0.0,
        field_of_view_modifier: 0.0,
    };
    golden(&p, V47, "39 ff 00000000 00000000");
    assert!(p.flying());
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
}

#[test]
fn scoreboard_objective() {
    // Mode 0: id 3b | "obj" | mode 00 | "Kills" = 05 4b 69 6c 6c 73 | "integer" = 07 69 6e 74 65 67 65 72
    golden(
        &ScoreboardObjective {
            objective_name: "obj".into(),
            mode: ScoreboardObjectiveMode::Create {
                objective_value: "Kills".into(),
                r#type: "integer".into(),
            },
        },
        V47,
        "3b 03 6f626a 00 05 4b696c6c73 07 696e7465676572",
    );
    // Mode 1: nothing follows.
    golden(
        &ScoreboardObjective {
            objective_name: "obj".into(),
            mode: ScoreboardObjectiveMode::Remove,
        },
        V47,
        "3b 03 6f626a 01",
    );
    // Mode 2: "Hi" = 02 48 69 | "hearts" = 06 68 65 61 72 74 73
    golden(
        &ScoreboardObjective {
            objective_name: "obj".into(),
            mode: ScoreboardObjectiveMode::UpdateDisplayText {
                objective_value: "Hi".into(),
                r#type: "hearts".into(),
            },
        },
        V47,
        "3b 03 6f626a 02 02 4869 06 686561727473",
    );
    // Mode 3 does not exist.
    let err = ScoreboardObjective::decode_packet(&hex("3b 03 6f626a 03"), V47).unwrap_err();
    assert!(unknown_value(&err, "ScoreboardObjectiveMode", 3), "{err}");
    // Objective names are limited to 16 characters.
    let long = ScoreboardObjective {
        objective_name: "o".repeat(17).into(),
        mode: ScoreboardObjectiveMode::Remove,
    };
    assert!(long.encode_packet(V47).is_err());
}

#[test]
fn update_score() {
    // Action 0: id 3c | "Notch" | action VarInt 00 | "obj" | value 300 = ac 02
    let set = UpdateScore {
        score_name: "Notch".into(),
        action: UpdateScoreAction::CreateOrUpdate,
        objective_name: "obj".into(),
        value: Some(300),
    };
    golden(&set, V47, "3c 05 4e6f746368 00 03 6f626a ac 02");
    // Action 1: no value after the objective name (here empty: 00).
    let remove = UpdateScore {
        score_name: "Notch".into(),
        action: UpdateScoreAction::Remove,
        objective_name: "".into(),
        value: None,
    };
    golden(&remove, V47, "3c 05 4e6f746368 01 00");
    // The value must agree with the action.
    let err = UpdateScore {
        value: Some(1),
        ..remove
    }
    .encode_packet(V47)
    .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::UnexpectedField), "{err}");
    let err = UpdateScore { value: None, ..set }
        .encode_packet(V47)
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::MissingField), "{err}");
    // Action 2 does not exist (it decides whether a value follows).
    let err = UpdateScore::decode_packet(&hex("3c 00 02 00 00"), V47).unwrap_err();
    assert!(unknown_value(&err, "UpdateScoreAction", 2), "{err}");
    // Score names: at most 40 characters ("a" × 41 = 29 hex bytes).
    let mut long = String::from("3c 29 ");
    long.push_str(&"61".repeat(41));
    long.push_str(" 01 00");
    assert!(UpdateScore::decode_packet(&hex(&long), V47).is_err());
}

#[test]
fn display_scoreboard() {
    // id 3d | position 1 (sidebar) | "obj"
    golden(
        &DisplayScoreboard {
            position: DisplayScoreboardPosition::Sidebar,
            score_name: "obj".into(),
        },
        V47,
        "3d 01 03 6f626a",
    );
    // Team sidebar for colour 15 (white): 3 + 15 = 18 = 0x12 | empty name clears.
    golden(
        &DisplayScoreboard {
            position: DisplayScoreboardPosition::TeamSidebarWhite,
            score_name: "".into(),
        },
        V47,
        "3d 12 00",
    );
    // Team sidebar for colour 0 (black) = 3; below name = 2; list = 0.
    for (pos, byte) in [
        (DisplayScoreboardPosition::TeamSidebarBlack, "03"),
        (DisplayScoreboardPosition::BelowName, "02"),
        (DisplayScoreboardPosition::List, "00"),
    ] {
        let p = DisplayScoreboard {
            position: pos,
            score_name: "".into(),
        };
        golden(&p, V47, &format!("3d {byte} 00"));
    }
    // Unknown positions are kept: 19 = 0x13; the Byte is signed: ff = −1.
    for (v, byte) in [(19, "13"), (-1, "ff")] {
        let p = DisplayScoreboard {
            position: DisplayScoreboardPosition::Unknown(v),
            score_name: "".into(),
        };
        golden(&p, V47, &format!("3d {byte} 00"));
    }
}

#[test]
fn teams() {
    let red = "03 726564"; // "red"
    // Mode 0: id 3e | "red" | 00 | display "Red" = 03 52 65 64 | prefix "[" = 01 5b
    // | suffix "]" = 01 5d | friendly fire 03 | "always" = 06 61 6c 77 61 79 73
    // | colour 12 = 0c | players 02 "a" = 01 61, "b" = 01 62
    let info = TeamsInfo {
        team_display_name: "Red".into(),
        team_prefix: "[".into(),
        team_suffix: "]".into(),
        friendly_fire: TeamsInfo::FRIENDLY_FIRE | TeamsInfo::SEE_INVISIBLE,
        name_tag_visibility: "always".into(),
        color: 12,
    };
    golden(
        &Teams {
            team_name: "red".into(),
            mode: TeamsMode::Create {
                info: info.clone(),
                players: vec!["a".into(), "b".into()],
            },
        },
        V47,
        &format!("3e {red} 00 03 526564 01 5b 01 5d 03 06 616c77617973 0c 02 0161 0162"),
    );
    // Mode 1: nothing follows.
    golden(
        &Teams {
            team_name: "red".into(),
            mode: TeamsMode::Remove,
        },
        V47,
        &format!("3e {red} 01"),
    );
    // Mode 2: three empty strings 00 00 00 | friendly fire 00 | "never" = 05 6e 65 76 65 72
    // | colour −1 = ff | no players.
    golden(
        &Teams {
            team_name: "red".into(),
            mode: TeamsMode::UpdateInfo {
                info: TeamsInfo {
                    team_display_name: "".into(),
                    team_prefix: "".into(),
                    team_suffix: "".into(),
                    friendly_fire: 0,
                    name_tag_visibility: "never".into(),
                    color: -1,
                },
            },
        },
        V47,
        &format!("3e {red} 02 00 00 00 00 05 6e65766572 ff"),
    );
    // Mode 3: players 01 "Notch".
    golden(
        &Teams {
            team_name: "red".into(),
            mode: TeamsMode::AddPlayers {
                players: vec!["Notch".into()],
            },
        },
        V47,
        &format!("3e {red} 03 01 05 4e6f746368"),
    );
    // Mode 4: players 01 "a".
    golden(
        &Teams {
            team_name: "red".into(),
            mode: TeamsMode::RemovePlayers {
                players: vec!["a".into()],
            },
        },
        V54,
        &format!("3e {red} 04 01 01 61"),
    );
    // Mode 5 does not exist.
    let err = Teams::decode_packet(&hex(&format!("3e {red} 05")), V47).unwrap_err();
    assert!(unknown_value(&err, "TeamsMode", 5), "{err}");
    // Prefixes are limited to 16 characters.
    let long = Teams {
        team_name: "red".into(),
        mode: TeamsMode::UpdateInfo {
            info: TeamsInfo {
                team_prefix: "p".repeat(17).into(),
                ..info
            },
        },
    };
    assert!(long.encode_packet(V47).is_err());
}

#[test]
fn team_entries_are_limited_to_40_characters() {
    // Vanilla 1.8 reads each entry with readStringFromBuffer(40).
    let red = "03 726564"; // "red"
    let forty = "n".repeat(40);
    golden(
        &Teams {
            team_name: "red".into(),
            mode: TeamsMode::AddPlayers {
                players: vec![forty.as_str().into()],
            },
        },
        V47,
        &format!("3e {red} 03 01 28 {}", "6e".repeat(40)),
    );
    for mode in [
        TeamsMode::AddPlayers {
            players: vec!["n".repeat(41).into()],
        },
        TeamsMode::RemovePlayers {
            players: vec!["a".into(), "n".repeat(41).into()],
        },
    ] {
        let long = Teams {
            team_name: "red".into(),
            mode,
        };
        let err = long.encode_packet(V47).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::TooLong { .. }), "{err}");
    }
    // 41 characters on the wire: refused.
    let err = Teams::decode_packet(&hex(&format!("3e {red} 04 01 29 {}", "6e".repeat(41))), V47)
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TooLong { .. }), "{err}");
}

#[test]
fn plugin_message() {
    // id 3f | "MC|Brand" = 08 4d 43 7c 42 72 61 6e 64 | data to the end: the brand
    // as its own String, "vanilla" = 07 76 61 6e 69 6c 6c 61 (no outer length prefix).
    golden(
        &PluginMessage {
            channel: "MC|Brand".into(),
            data: b"\x07vanilla".to_vec().into(),
        },
        V47,
        "3f 08 4d437c4272616e64 07 76616e696c6c61",
    );
    golden(
        &PluginMessage {
            channel: "REGISTER".into(),
            data: Default::default(),
        },
        V54,
        "3f 08 5245474953544552",
    );
    // Channels are limited to 20 characters.
    let long = PluginMessage {
        channel: "c".repeat(21).into(),
        data: Default::default(),
    };
    assert!(long.encode_packet(V47).is_err());
}

#[test]
fn disconnect_difficulty_camera_compression() {
    // id 40 | {"text":"bye"} = 14 chars = 0e 7b 22 74 65 78 74 22 3a 22 62 79 65 22 7d
    golden(
        &Disconnect {
            reason: Chat::from_json(r#"{"text":"bye"}"#),
        },
        V47,
        "40 0e 7b 22 74 65 78 74 22 3a 22 62 79 65 22 7d",
    );
    // id 41 | hard = 03; an unknown difficulty 04 is kept.
    golden(
        &ServerDifficulty {
            difficulty: Difficulty::Hard,
        },
        V47,
        "41 03",
    );
    golden(
        &ServerDifficulty {
            difficulty: Difficulty::Unknown(4),
        },
        V54,
        "41 04",
    );
    // id 43 | VarInt 300.
    golden(&Camera { camera_id: 300 }, V47, "43 ac 02");
    // id 46 | VarInt 256 = 80 02 | VarInt −1.
    golden(&SetCompression { threshold: 256 }, V47, "46 80 02");
    golden(&SetCompression { threshold: -1 }, V54, "46 ff ff ff ff 0f");
}

#[test]
fn combat_event() {
    // Event 0: id 42 | 00, nothing follows.
    let enter = CombatEvent {
        event: CombatEventKind::EnterCombat,
    };
    golden(&enter, V47, "42 00");
    // Event 1: duration VarInt 100 = 64 | entity id Int −1 = ff ff ff ff.
    let end = CombatEvent {
        event: CombatEventKind::EndCombat {
            duration: 100,
            entity_id: -1,
        },
    };
    golden(&end, V47, "42 01 64 ffffffff");
    // Event 2: player id VarInt 300 = ac 02 | entity id Int 7 = 00 00 00 07
    // | "died" = 04 64 69 65 64.
    let dead = CombatEvent {
        event: CombatEventKind::EntityDead {
            player_id: 300,
            entity_id: 7,
            message: "died".into(),
        },
    };
    golden(&dead, V47, "42 02 ac 02 00000007 04 64696564");
    // The 54 seed lists the packet, unchanged: the same bytes.
    golden(&enter, V54, "42 00");
    golden(&end, V54, "42 01 64 ffffffff");
    golden(&dead, V54, "42 02 ac 02 00000007 04 64696564");
    let err = CombatEvent::decode_packet(&hex("42 03"), V47).unwrap_err();
    assert!(unknown_value(&err, "CombatEventKind", 3), "{err}");
}

#[test]
fn world_border() {
    // Doubles by hand:
    //   200.0 = 1.5625 × 2^7: exponent 1023 + 7 = 0x406, mantissa .5625 = 0x9/16 → 40 69 00 00 00 00 00 00
    //   100.0 = 1.5625 × 2^6: exponent 0x405 → 40 59 00 …
    //   0.5 = 1.0 × 2^-1: exponent 0x3fe → 3f e0 00 …;  −1.0: sign + exponent 0x3ff → bf f0 00 …
    //   60000000.0 = 0x3938700 = 1.… × 2^25: exponent 1023 + 25 = 0x418; mantissa
    //   (0x3938700 − 2^25) << 27 = 0x1938700 << 27 = 0xc9c3800000000 → 41 8c 9c 38 00 00 00 00
    // VarLong 60000 = 0xea60: groups 0x60, 0x54, 0x03 → e0 d4 03.
    // VarInt 29999984 = 0x1c9c370: groups 0x70, 0x06, 0x27, 0x0e → f0 86 a7 0e.
    let cases = [
        (
            WorldBorderAction::SetSize { radius: 200.0 },
            "44 00 4069000000000000",
        ),
        (
            WorldBorderAction::LerpSize {
                old_radius: 200.0,
                new_radius: 100.0,
                speed: 60000,
            },
            "44 01 4069000000000000 4059000000000000 e0 d4 03",
        ),
        (
            WorldBorderAction::SetCenter { x: 0.5, z: -1.0 },
            "44 02 3fe0000000000000 bff0000000000000",
        ),
        (
            WorldBorderAction::Initialize {
                x: 0.0,
                z: 0.0,
                old_radius: 60000000.0,
                new_radius: 60000000.0,
                speed: 0,
                portal_teleport_boundary: 29999984,
                warning_time: 15,
                warning_blocks: 5,
            },
            "44 03 0000000000000000 0000000000000000 418c9c3800000000 418c9c3800000000 \
             00 f0 86 a7 0e 0f 05",
        ),
        (
            WorldBorderAction::SetWarningTime { warning_time: 15 },
            "44 04 0f",
        ),
        (
            WorldBorderAction::SetWarningBlocks { warning_blocks: 5 },
            "44 05 05",
        ),
    ];
    for (action, bytes) in cases {
        golden(&WorldBorder { action }, V47, bytes);
    }
    // VarLong is full 64-bit: speed −1 = nine ff bytes then 01.
    golden(
        &WorldBorder {
            action: WorldBorderAction::LerpSize {
                old_radius: 0.0,
                new_radius: 0.0,
                speed: -1,
            },
        },
        V54,
        "44 01 0000000000000000 0000000000000000 ff ff ff ff ff ff ff ff ff 01",
    );
    let err = WorldBorder::decode_packet(&hex("44 06"), V47).unwrap_err();
    assert!(unknown_value(&err, "WorldBorderAction", 6), "{err}");
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
    let err = Title::decode_packet(&hex("45 05"), V47).unwrap_err();
    assert!(unknown_value(&err, "TitleAction", 5), "{err}");
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
    // A 41-character hash is refused.
    let long = ResourcePackSend {
        hash: format!("{hash}8").into(),
        ..pack
    };
    assert!(long.encode_packet(V47).is_err());
}

#[test]
fn update_entity_nbt_is_47_only() {
    // id 49 | entity VarInt 5 | no tag: single 00.
    golden(
        &UpdateEntityNbt {
            entity_id: 5,
            tag: Nbt::Absent,
        },
        V47,
        "49 05 00",
    );
    // Root compound 0a, name length 00 00 | Byte tag 01, name "a" = 00 01 61, value 01 | End 00.
    let mut c = Compound::new();
    c.insert("a", Value::Byte(1));
    let p = UpdateEntityNbt {
        entity_id: 5,
        tag: Nbt::new(c),
    };
    golden(&p, V47, "49 05 0a 0000 01 0001 61 01 00");
    // Removed in 15w31a: no id in 54.
    assert!(UpdateEntityNbt::id_for(V54).is_none());
    assert!(p.encode_packet(V54).is_err());
}

#[test]
fn boss_bar_is_54_only() {
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
    // Unknown colour 7 and dividers 300 (VarInt ac 02) are kept.
    golden(
        &bar(BossBarAction::UpdateStyle {
            color: BossBarColor::Unknown(7),
            dividers: BossBarDividers::Unknown(300),
        }),
        V54,
        &format!("49 {U1} 04 07 ac 02"),
    );
    golden(
        &bar(BossBarAction::UpdateFlags { flags: 0x01 }),
        V54,
        &format!("49 {U1} 05 01"),
    );
    let err = BossBar::decode_packet(&hex(&format!("49 {U1} 06")), V54).unwrap_err();
    assert!(unknown_value(&err, "BossBarAction", 6), "{err}");
    // No Boss Bar in 47.
    assert!(BossBar::id_for(V47).is_none());
    assert!(bar(BossBarAction::Remove).encode_packet(V47).is_err());
}

round_trips!(
    PlayerListItem,
    PlayerAbilities,
    TabComplete,
    ScoreboardObjective,
    UpdateScore,
    DisplayScoreboard,
    Teams,
    PluginMessage,
    Disconnect,
    ServerDifficulty,
    CombatEvent,
    Camera,
    WorldBorder,
    Title,
    SetCompression,
    PlayerListHeaderAndFooter,
    ResourcePackSend,
    UpdateEntityNbt,
    BossBar,
);
