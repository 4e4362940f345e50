//! Clientbound play packets, the player's own state: golden vectors worked by
//! hand from wiki.vg's [1.8 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=7368), its [15w32c
//! page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=6788) and
//! its [1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617), and
//! generated round trips. Encodings used throughout are worked once in
//! `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::{ErrorKind, Position};
use mcproto_packets::play::clientbound::{
    Animation, AnimationId, Camera, CollectItem, CombatEvent, CombatEventKind, HeldItemChange,
    LevelType, PlayerAbilities, PlayerPositionAndLook, Respawn, SetCooldown, SetExperience,
    SpawnPosition, Statistics, UpdateHealth, UseBed,
};
use mcproto_packets::play::types::{Difficulty, Dimension, GameMode};

#[test]
fn spawn_position_update_health_respawn() {
    // Position(-1, 64, 5): x = 0x3ffffff << 38 = ff ff ff c0 00 00 00 00,
    // y = 64 << 26 = 2^32 = 00 00 00 01 00 00 00 00, z = 5 → ff ff ff c1 00 00 00 05.
    golden(
        &SpawnPosition {
            location: Position::new(-1, 64, 5),
        },
        V47,
        "05 ffffffc1 00000005",
    );
    // Float 20.0 = 0x41a00000 | VarInt 20 = 14 | Float 5.0 = 0x40a00000.
    golden(
        &UpdateHealth {
            health: 20.0,
            food: 20,
            food_saturation: 5.0,
        },
        V47,
        "06 41a00000 14 40a00000",
    );
    // Dimension as Int -1 = ff ff ff ff | Normal 2 | Adventure 2 | "flat" = 04 66 6c 61 74.
    let r = Respawn {
        dimension: Dimension::Nether,
        difficulty: Difficulty::Normal,
        gamemode: GameMode::Adventure,
        level_type: LevelType::Flat,
    };
    golden(&r, V47, "07 ffffffff 02 02 04 666c6174");
    golden(&r, V54, "07 ffffffff 02 02 04 666c6174");
    // "amplified" = 09 61 6d 70 6c 69 66 69 65 64; "default_1_1" = 0b 64 65 66
    // 61 75 6c 74 5f 31 5f 31; unknown dimension Int 2.
    golden(
        &Respawn {
            dimension: Dimension::Unknown(2),
            difficulty: Difficulty::Peaceful,
            gamemode: GameMode::Survival,
            level_type: LevelType::Amplified,
        },
        V47,
        "07 00000002 00 00 09 616d706c6966696564",
    );
    golden(
        &Respawn {
            dimension: Dimension::Overworld,
            difficulty: Difficulty::Easy,
            gamemode: GameMode::Creative,
            level_type: LevelType::Default11,
        },
        V47,
        "07 00000000 01 01 0b 64656661756c745f315f31",
    );
}

#[test]
fn player_position_and_look() {
    let p = PlayerPositionAndLook {
        x: 1.5,
        y: 64.0,
        z: -2.25,
        yaw: 90.0,
        pitch: 0.0,
        flags: PlayerPositionAndLook::RELATIVE_YAW | PlayerPositionAndLook::RELATIVE_PITCH,
        teleport_id: None,
    };
    // Double 1.5 = 3ff8 0…; 64.0 = 2^6: exponent 1023+6 = 0x405 → 4050 0…;
    // -2.25 = -(1.125 × 2): exponent 0x400, mantissa 0.125 → c002 0…;
    // Float 90.0 = 1.40625 × 2^6: exponent 133 = 0x85, mantissa 0x340000 → 42b40000;
    // Float 0 | flags 0x08 | 0x10 = 18.
    golden(
        &p,
        V47,
        "08 3ff8000000000000 4050000000000000 c002000000000000 42b40000 00000000 18",
    );
    // 1.9: id 2e | the same fields | Teleport ID VarInt 300 = ac 02 (new),
    // which the client echoes in Teleport Confirm.
    let p9 = PlayerPositionAndLook {
        teleport_id: Some(300),
        ..p
    };
    golden(
        &p9,
        V107,
        "2e 3ff8000000000000 4050000000000000 c002000000000000 42b40000 00000000 18 ac02",
    );
    assert!(matches!(
        p.encode_packet(V107).unwrap_err().kind(),
        ErrorKind::MissingField
    ));
}

#[test]
fn small_packets() {
    golden(&HeldItemChange { slot: 8 }, V47, "09 08");
    // VarInt 7 | Position(1, 2, 3) = 1 << 38 | 2 << 26 | 3 = 00 00 00 40 08 00 00 03.
    golden(
        &UseBed {
            entity_id: 7,
            location: Position::new(1, 2, 3),
        },
        V47,
        "0a 07 0000004008000003",
    );
    golden(
        &Animation {
            entity_id: 7,
            animation: AnimationId::LeaveBed,
        },
        V47,
        "0b 07 02",
    );
    // Unsigned byte 200 = c8 is an unknown animation.
    golden(
        &Animation {
            entity_id: 7,
            animation: AnimationId::Unknown(200),
        },
        V54,
        "0b 07 c8",
    );
    // VarInt 10 = 0a, VarInt 20 = 14.
    let collect = CollectItem {
        collected_entity_id: 10,
        collector_entity_id: 20,
        pickup_item_count: None,
    };
    golden(&collect, V47, "0d 0a 14");
    // 1.9.4 – 1.10: id 48; 1.11 adds the number of items picked up
    // (VarInt 64 = 40), required from then on.
    golden(&collect, V210, "48 0a 14");
    let collect11 = CollectItem {
        pickup_item_count: Some(64),
        ..collect
    };
    golden(&collect11, V315, "48 0a 14 40");
    assert!(matches!(
        collect.encode_packet(V315).unwrap_err().kind(),
        ErrorKind::MissingField
    ));
    // 1.9 ids: Held Item Change 37, Use Bed 2f, Spawn Position 43, Update
    // Health 3e, Respawn 33, Set Experience 3d, Camera 36.
    golden(&HeldItemChange { slot: 8 }, V107, "37 08");
    golden(
        &UseBed {
            entity_id: 7,
            location: Position::new(1, 2, 3),
        },
        V107,
        "2f 07 0000004008000003",
    );
    golden(
        &SpawnPosition {
            location: Position::new(-1, 64, 5),
        },
        V107,
        "43 ffffffc1 00000005",
    );
    golden(
        &UpdateHealth {
            health: 20.0,
            food: 20,
            food_saturation: 5.0,
        },
        V107,
        "3e 41a00000 14 40a00000",
    );
    golden(
        &Respawn {
            dimension: Dimension::Nether,
            difficulty: Difficulty::Normal,
            gamemode: GameMode::Adventure,
            level_type: LevelType::Flat,
        },
        V107,
        "33 ffffffff 02 02 04 666c6174",
    );
    golden(
        &SetExperience {
            experience_bar: 0.5,
            level: 30,
            total_experience: 1395,
        },
        V107,
        "3d 3f000000 1e f30a",
    );
    golden(&Camera { camera_id: 300 }, V107, "36 ac02");
}

#[test]
fn set_cooldown() {
    // 1.9 on: id 17 | ender pearl 368 = 0x170: 0x70|0x80 = f0, 368>>7 = 2 |
    // 20 ticks = 14.
    let pearl = SetCooldown {
        item_id: 368,
        cooldown_ticks: 20,
    };
    golden(&pearl, V107, "17 f002 14");
    // 0 ends the cooldown.
    golden(
        &SetCooldown {
            cooldown_ticks: 0,
            ..pearl
        },
        V108,
        "17 f002 00",
    );
    assert!(matches!(
        pearl.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::PacketNotInVersion { version: 47 }
    ));
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
    golden(&p, V107, "2b 0d 3d4ccccd 3dcccccd");
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
    // 1.9: id 2c; the message (JSON text in later releases) is the same
    // String on the wire.
    golden(&dead, V107, "2c 02 ac 02 00000007 04 64696564");
    let err = CombatEvent::decode_packet_owned(&hex("42 03"), V47).unwrap_err();
    assert!(unknown_value(&err, "CombatEventKind", 3), "{err}");
}

round_trips!(
    SpawnPosition,
    UpdateHealth,
    PlayerPositionAndLook,
    HeldItemChange,
    UseBed,
    SetExperience,
    PlayerAbilities,
    CombatEvent,
    Camera,
    Statistics,
    SetCooldown,
);

#[test]
fn statistics_read_a_negative_count_as_none() {
    // Vanilla reads the entries in a `for` loop (S37PacketStatistics, 1.8;
    // SPacketStatistics, 1.12.2), so VarInt −1 (ff ff ff ff 0f) is none:
    // id 37 in 47, 07 in 1.9 and 1.12.2.
    for (v, id) in [(V47, "37"), (V107, "07"), (V340, "07")] {
        let s = Statistics::decode_packet_owned(&hex(&format!("{id} ffffffff0f")), v).unwrap();
        assert!(s.statistics.is_empty(), "{v:?}");
        assert_eq!(s.encode_packet(v).unwrap(), hex(&format!("{id} 00")));
    }
    // A positive count is still checked against the input.
    let err = Statistics::decode_packet_owned(&hex("37 05 00"), V47).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::LengthExceedsInput { .. }),
        "{err}"
    );
}
