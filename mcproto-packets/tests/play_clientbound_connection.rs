//! Clientbound play packets, connection management: golden vectors worked by
//! hand from wiki.vg's [1.8 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=7368), its [15w32c
//! page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=6788), its
//! [1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617) and the
//! [1.9.1 pre-release page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=7552),
//! and generated round trips. Encodings used throughout are worked once in
//! `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::{Chat, ErrorKind};
use mcproto_packets::play::clientbound::{
    Camera, Disconnect, JoinGame, JoinGameMode, KeepAlive, LevelType, PluginMessage,
    ResourcePackSend, Respawn, ServerDifficulty, SetCompression,
};
use mcproto_packets::play::types::{Difficulty, Dimension, GameMode};

#[test]
fn keep_alive() {
    // id 00 | VarInt 300 = 300 & 0x7f = 0x2c | 0x80 = ac, 300 >> 7 = 2 → ac 02.
    golden(&KeepAlive { keep_alive_id: 300 }, V47, "00 ac 02");
    golden(&KeepAlive { keep_alive_id: 0 }, V54, "00 00");
    // 1.9 – 1.9.2: id 1f, still a VarInt.
    golden(&KeepAlive { keep_alive_id: 300 }, V107, "1f ac 02");
    // Golden vectors #8, #10, #12: 123456789 as a VarInt 95 9a ef 3a in
    // 1.12.1, as a Long in 1.12.2 (both id 1f); 1.12.2's millisecond clock
    // 1500000000000 = 0x15d3ef79800 needs the Long.
    let k = KeepAlive {
        keep_alive_id: 123_456_789,
    };
    golden(&k, V338, "1f 95 9a ef 3a");
    golden(&k, V340, "1f 00000000 075bcd15");
    let clock = KeepAlive {
        keep_alive_id: 1_500_000_000_000,
    };
    golden(&clock, V340, "1f 0000015d 3ef79800");
    assert!(matches!(
        clock.encode_packet(V338).unwrap_err().kind(),
        ErrorKind::OutOfRange { .. }
    ));
}

#[test]
fn join_game() {
    let p = JoinGame {
        entity_id: 1,
        gamemode: JoinGameMode {
            mode: GameMode::Creative,
            hardcore: true,
        },
        dimension: Dimension::Nether,
        difficulty: Difficulty::Hard,
        max_players: 20,
        level_type: LevelType::Default,
        reduced_debug_info: false,
    };
    // id 01 | Int 1 = 00 00 00 01 | mode creative 1 | hardcore 0x08 = 09 |
    // dimension Byte -1 = ff | difficulty 3 | max players 20 = 14 |
    // "default" = 07 + 64 65 66 61 75 6c 74 | reduced debug false = 00.
    let bytes = "01 00000001 09 ff 03 14 07 64656661756c74 00";
    golden(&p, V47, bytes);
    // Unchanged in 54.
    golden(&p, V54, bytes);
    let p2 = JoinGame {
        entity_id: -2,
        gamemode: JoinGameMode::new(GameMode::Spectator),
        dimension: Dimension::End,
        difficulty: Difficulty::Peaceful,
        max_players: 255,
        level_type: LevelType::LargeBiomes,
        reduced_debug_info: true,
    };
    // Int -2 = ff ff ff fe | mode 3, no hardcore bit = 03 | End = 01 | 00 |
    // 255 = ff (unsigned) | "largeBiomes" = 0b + 6c 61 72 67 65 42 69 6f 6d 65 73 | 01.
    golden(
        &p2,
        V47,
        "01 fffffffe 03 01 00 ff 0b 6c617267654269 6f6d6573 01",
    );
    // Byte 0x0c = hardcore (0x08) + unknown mode 4; a level type spelled
    // "FLAT" is not "flat" and is kept as received.
    let odd = JoinGame {
        gamemode: JoinGameMode {
            mode: GameMode::Unknown(4),
            hardcore: true,
        },
        dimension: Dimension::Overworld,
        level_type: LevelType::Other("FLAT".into()),
        ..p2
    };
    // ... 0c | Overworld 00 | 00 | ff | "FLAT" = 04 46 4c 41 54 | 01.
    golden(&odd, V47, "01 fffffffe 0c 00 00 ff 04 464c4154 01");
}

#[test]
fn join_game_dimension_widens_in_1_9_1() {
    // Golden vectors #17 / #18: entity 1 | creative 01 | the Nether | normal
    // 02 | 20 players = 14 | "default" | 00. 1.9 (id 23) still sends the
    // dimension as a Byte ff; 1.9.1 as an Int ff ff ff ff.
    let p = JoinGame {
        entity_id: 1,
        gamemode: JoinGameMode::new(GameMode::Creative),
        dimension: Dimension::Nether,
        difficulty: Difficulty::Normal,
        max_players: 20,
        level_type: LevelType::Default,
        reduced_debug_info: false,
    };
    golden(&p, V107, "23 00000001 01 ff 02 14 07 64656661756c74 00");
    golden(
        &p,
        V108,
        "23 00000001 01 ffffffff 02 14 07 64656661756c74 00",
    );
    // 1.9.2 is the same wire protocol as 1.9.1.
    golden(
        &p,
        V109,
        "23 00000001 01 ffffffff 02 14 07 64656661756c74 00",
    );
    // An Int holds dimensions a Byte cannot.
    let far = JoinGame {
        dimension: Dimension::Unknown(300),
        ..p.clone()
    };
    golden(
        &far,
        V108,
        "23 00000001 01 0000012c 02 14 07 64656661756c74 00",
    );
    assert!(far.encode_packet(V107).is_err());
}

#[test]
fn join_game_mode_and_level_type_errors() {
    // A mode whose number uses the hardcore bit cannot be sent.
    assert!(
        JoinGameMode::new(GameMode::Unknown(8)).to_byte().is_err(),
        "mode 8 overlaps the hardcore bit"
    );
    assert!(JoinGameMode::new(GameMode::Unknown(256)).to_byte().is_err());
    assert_eq!(
        JoinGameMode {
            mode: GameMode::Adventure,
            hardcore: true
        }
        .to_byte()
        .unwrap(),
        0x0a
    );
    // Every byte decodes and gives itself back.
    for b in 0..=255u8 {
        assert_eq!(JoinGameMode::from_byte(b).to_byte().unwrap(), b);
    }
    // Level type names are at most 16 characters (vanilla readStringFromBuffer(16)).
    let long = Respawn {
        dimension: Dimension::Overworld,
        difficulty: Difficulty::Easy,
        gamemode: GameMode::Survival,
        level_type: LevelType::Other("x".repeat(17)),
    };
    assert!(long.encode_packet(V47).is_err());
    // id 07 | Int 0 | 01 | 00 | String of 17 bytes "xxx…".
    let mut wire = String::from("07 00000000 01 00 11");
    wire.push_str(&"78".repeat(17));
    assert!(matches!(
        Respawn::decode_packet_owned(&hex(&wire), V47)
            .unwrap_err()
            .kind(),
        ErrorKind::TooLong { .. }
    ));
    // An Other holding a known name would decode as that name: refused.
    let clash = Respawn {
        level_type: LevelType::Other("flat".into()),
        ..long
    };
    assert!(clash.encode_packet(V47).is_err());
    assert_eq!(LevelType::from_name("default_1_1"), LevelType::Default11);
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
    // 1.9: id 18.
    golden(
        &PluginMessage {
            channel: "REGISTER".into(),
            data: Default::default(),
        },
        V107,
        "18 08 5245474953544552",
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
    // 1.9: Disconnect 1a, Server Difficulty 0d; the play-state Set
    // Compression is gone (only the login one is left).
    golden(
        &Disconnect {
            reason: Chat::from_json(r#"{"text":"bye"}"#),
        },
        V107,
        "1a 0e 7b 22 74 65 78 74 22 3a 22 62 79 65 22 7d",
    );
    golden(
        &ServerDifficulty {
            difficulty: Difficulty::Hard,
        },
        V107,
        "0d 03",
    );
    assert!(matches!(
        SetCompression { threshold: 256 }
            .encode_packet(V107)
            .unwrap_err()
            .kind(),
        ErrorKind::PacketNotInVersion { version: 107 }
    ));
}

round_trips!(
    KeepAlive,
    JoinGame,
    Respawn,
    PluginMessage,
    Disconnect,
    ServerDifficulty,
    SetCompression,
    ResourcePackSend,
);

#[test]
fn plugin_message_data_is_capped_as_vanilla_s_client_caps_it() {
    // Vanilla's client refuses more than 1048576 bytes of data
    // (S3FPacketCustomPayload, 1.8; SPacketCustomPayload, 1.12.2):
    // id | channel "a" = 01 61 | data.
    assert_eq!(PluginMessage::MAX_DATA, 1 << 20);
    for (v, id) in [(V47, 0x3f), (V107, 0x18), (V340, 0x18)] {
        let frame = |n: usize| [&[id, 0x01, b'a'][..], &vec![0x5a; n]].concat();
        let m = PluginMessage::decode_packet_owned(&frame(1 << 20), v).unwrap();
        assert_eq!(m.data.len(), 1 << 20);
        let err = PluginMessage::decode_packet_owned(&frame((1 << 20) + 1), v).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::TooLong {
                    len: 1_048_577,
                    max: 1_048_576,
                    ..
                }
            ),
            "{v:?}: {err}"
        );
        let big = PluginMessage {
            channel: "a".into(),
            data: vec![0; (1 << 20) + 1].into(),
        };
        assert!(big.encode_packet(v).is_err());
    }
}
