//! Clientbound play packets, scoreboards and teams: golden vectors worked by
//! hand from wiki.vg's [1.8 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=7368), its [15w32c
//! page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=6788) and
//! its [1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617), and
//! generated round trips. Encodings used throughout are worked once in
//! `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::ErrorKind;
use mcproto_packets::play::clientbound::{
    DisplayScoreboard, DisplayScoreboardPosition, ScoreboardObjective, ScoreboardObjectiveMode,
    Teams, TeamsInfo, TeamsMode, UpdateScore, UpdateScoreAction,
};

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
    // Vanilla reads the mode as a Byte and the two strings only for modes
    // 0 and 2 (S3BPacketScoreboardObjective, 1.8; the same in 1.12.2's
    // SPacketScoreboardObjective, id 42): mode 3 or −1 (ff) is a packet with
    // no more fields, kept and re-encoded as received.
    for (v, id) in [(V47, "3b"), (V107, "3f"), (V340, "42")] {
        for (mode, raw) in [("03", 3), ("ff", -1)] {
            golden(
                &ScoreboardObjective {
                    objective_name: "obj".into(),
                    mode: ScoreboardObjectiveMode::Unknown(raw),
                },
                v,
                &format!("{id} 03 6f626a {mode}"),
            );
        }
        // Nothing after an unknown mode is read: bytes there are left over.
        let err =
            ScoreboardObjective::decode_packet_owned(&hex(&format!("{id} 03 6f626a 03 00")), v)
                .unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::TrailingBytes { count: 1 }),
            "{err}"
        );
    }
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
    let err = UpdateScore::decode_packet_owned(&hex("3c 00 02 00 00"), V47).unwrap_err();
    assert!(unknown_value(&err, "UpdateScoreAction", 2), "{err}");
    // Score names: at most 40 characters ("a" × 41 = 29 hex bytes).
    let mut long = String::from("3c 29 ");
    long.push_str(&"61".repeat(41));
    long.push_str(" 01 00");
    assert!(UpdateScore::decode_packet_owned(&hex(&long), V47).is_err());
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
        collision_rule: None,
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
                    collision_rule: None,
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
    // Vanilla reads the mode as a Byte, then the appearance for modes 0
    // and 2 and the entries for 0, 3 and 4 (S3EPacketTeams, 1.8;
    // SPacketTeams, 1.12.2): mode 12 (the differential test's `3e 00 0c`,
    // an empty name) or 5 is a packet with no more fields, kept and
    // re-encoded as received.
    golden(
        &Teams {
            team_name: "".into(),
            mode: TeamsMode::Unknown(12),
        },
        V47,
        "3e 00 0c",
    );
    for (v, id) in [(V47, "3e"), (V107, "41"), (V340, "44")] {
        golden(
            &Teams {
                team_name: "red".into(),
                mode: TeamsMode::Unknown(5),
            },
            v,
            &format!("{id} {red} 05"),
        );
    }
    // A negative entry count runs vanilla's `for` loop zero times: VarInt
    // −1 = ff ff ff ff 0f reads no entries (re-encoded, the count is 0).
    for (v, id) in [(V47, "3e"), (V340, "44")] {
        let t = Teams::decode_packet_owned(&hex(&format!("{id} {red} 03 ffffffff0f")), v).unwrap();
        assert_eq!(t.mode, TeamsMode::AddPlayers { players: vec![] }, "{v:?}");
        assert_eq!(
            t.encode_packet(v).unwrap(),
            hex(&format!("{id} {red} 03 00"))
        );
    }
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
fn teams_from_1_9() {
    let red = "03 726564"; // "red"
    // 1.9: id 41; modes 0 and 2 carry the collision rule between the name
    // tag visibility and the colour: "pushOtherTeams" (14 = 0e).
    let info = TeamsInfo {
        team_display_name: "Red".into(),
        team_prefix: "[".into(),
        team_suffix: "]".into(),
        friendly_fire: TeamsInfo::FRIENDLY_FIRE,
        name_tag_visibility: "always".into(),
        collision_rule: Some("pushOtherTeams".into()),
        color: 12,
    };
    let push = ascii("pushOtherTeams");
    golden(
        &Teams {
            team_name: "red".into(),
            mode: TeamsMode::Create {
                info: info.clone(),
                players: vec!["a".into()],
            },
        },
        V107,
        &format!("41 {red} 00 03 526564 01 5b 01 5d 01 06 616c77617973 0e {push} 0c 01 0161"),
    );
    golden(
        &Teams {
            team_name: "red".into(),
            mode: TeamsMode::UpdateInfo { info: info.clone() },
        },
        V108,
        &format!("41 {red} 02 03 526564 01 5b 01 5d 01 06 616c77617973 0e {push} 0c"),
    );
    // The other modes are as before.
    golden(
        &Teams {
            team_name: "red".into(),
            mode: TeamsMode::Remove,
        },
        V107,
        &format!("41 {red} 01"),
    );
    // Required from 1.9 on, at most 32 characters.
    let without = Teams {
        team_name: "red".into(),
        mode: TeamsMode::UpdateInfo {
            info: TeamsInfo {
                collision_rule: None,
                ..info.clone()
            },
        },
    };
    assert!(matches!(
        without.encode_packet(V107).unwrap_err().kind(),
        ErrorKind::MissingField
    ));
    let long = Teams {
        team_name: "red".into(),
        mode: TeamsMode::UpdateInfo {
            info: TeamsInfo {
                collision_rule: Some("r".repeat(33).into()),
                ..info
            },
        },
    };
    assert!(long.encode_packet(V107).is_err());
    // The other scoreboard packets only move: objective 3f, score 42,
    // display 38.
    golden(
        &ScoreboardObjective {
            objective_name: "obj".into(),
            mode: ScoreboardObjectiveMode::Remove,
        },
        V107,
        "3f 03 6f626a 01",
    );
    golden(
        &UpdateScore {
            score_name: "Notch".into(),
            action: UpdateScoreAction::CreateOrUpdate,
            objective_name: "obj".into(),
            value: Some(300),
        },
        V107,
        "42 05 4e6f746368 00 03 6f626a ac 02",
    );
    golden(
        &DisplayScoreboard {
            position: DisplayScoreboardPosition::Sidebar,
            score_name: "obj".into(),
        },
        V107,
        "38 01 03 6f626a",
    );
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
                players: vec![forty.clone().into()],
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
    let err =
        Teams::decode_packet_owned(&hex(&format!("3e {red} 04 01 29 {}", "6e".repeat(41))), V47)
            .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TooLong { .. }), "{err}");
}

round_trips!(ScoreboardObjective, UpdateScore, DisplayScoreboard, Teams,);
