//! Clientbound play packets, the world around the player: golden vectors worked
//! by hand from wiki.vg's [1.8 protocol
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
    ChangeGameState, ChangeGameStateReason, Effect, Explosion, ExplosionRecord, Map, MapIcon,
    MapPixels, NamedSoundEffect, Particle, ParticleType, SoundCategory, SoundEffect,
    SpawnGlobalEntity, SpawnGlobalEntityType, TimeUpdate, WorldBorder, WorldBorderAction,
};
use mcproto_packets::play::types::GameMode;

#[test]
fn time_update() {
    // id 03 | Long 24000 = 0x5dc0 | Long -6000: 0x10000 - 0x1770 = 0xe890, sign-extended.
    golden(
        &TimeUpdate {
            world_age: 24000,
            time_of_day: -6000,
        },
        V47,
        "03 0000000000005dc0 ffffffffffffe890",
    );
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
    let err = WorldBorder::decode_packet_owned(&hex("44 06"), V47).unwrap_err();
    assert!(unknown_value(&err, "WorldBorderAction", 6), "{err}");
}

#[test]
fn explosion_effect_sound() {
    let p = Explosion {
        x: 0.5,
        y: 64.0,
        z: -1.0,
        radius: 3.0,
        records: vec![
            ExplosionRecord { x: 1, y: 0, z: -1 },
            ExplosionRecord {
                x: -128,
                y: 127,
                z: 0,
            },
        ],
        player_motion_x: 0.0,
        player_motion_y: 0.25,
        player_motion_z: 0.0,
    };
    // id 27 | 0.5 | 64.0 | -1.0 | radius 3.0 | count as Int 2 |
    // (1, 0, -1) = 01 00 ff | (-128, 127, 0) = 80 7f 00 | motion 0, 0.25, 0.
    golden_both(
        &p,
        "27 3f000000 42800000 bf800000 40400000 00000002 01 00 ff 80 7f 00 00000000 3e800000 00000000",
    );

    // id 28 | effect 2001 = 0x7d1 | (1,2,3) | data stone 1 | relative volume 00.
    golden_both(
        &Effect {
            effect_id: 2001,
            location: Position::new(1, 2, 3),
            data: 1,
            disable_relative_volume: false,
        },
        &format!("28 000007d1 {POS_123} 00000001 00"),
    );
    golden_both(
        &Effect {
            effect_id: 1013,
            location: Position::new(0, 64, 0),
            data: 0,
            disable_relative_volume: true,
        },
        "28 000003f5 0000000100000000 00000000 01",
    );

    // id 29 | "random.click" (12 = 0c) | x 1.5×8 = 12 = 0000000c |
    // y 64×8 = 512 = 00000200 | z -0.5×8 = -4 = fffffffc | volume 1.0 | pitch 63 = 3f.
    let s = NamedSoundEffect {
        sound_name: "random.click".into(),
        sound_category: None,
        effect_position_x: 1.5,
        effect_position_y: 64.0,
        effect_position_z: -0.5,
        volume: 1.0,
        pitch: 1.0,
    };
    golden_both(
        &s,
        &format!(
            "29 0c {} 0000000c 00000200 fffffffc 3f800000 3f",
            ascii("random.click")
        ),
    );
}

#[test]
fn world_from_1_9() {
    // Ids of the 1.9 page; the layouts of Time Update, World Border,
    // Explosion, Effect and Change Game State are unchanged.
    golden(
        &TimeUpdate {
            world_age: 24000,
            time_of_day: -6000,
        },
        V107,
        "44 0000000000005dc0 ffffffffffffe890",
    );
    golden(
        &WorldBorder {
            action: WorldBorderAction::SetWarningBlocks { warning_blocks: 5 },
        },
        V107,
        "35 05 05",
    );
    golden(
        &Explosion {
            x: 0.5,
            y: 64.0,
            z: -1.0,
            radius: 3.0,
            records: vec![ExplosionRecord { x: 1, y: 0, z: -1 }],
            player_motion_x: 0.0,
            player_motion_y: 0.25,
            player_motion_z: 0.0,
        },
        V107,
        "1c 3f000000 42800000 bf800000 40400000 00000001 01 00 ff 00000000 3e800000 00000000",
    );
    golden(
        &Effect {
            effect_id: 2001,
            location: Position::new(1, 2, 3),
            data: 1,
            disable_relative_volume: false,
        },
        V107,
        &format!("21 000007d1 {POS_123} 00000001 00"),
    );
    golden(
        &ChangeGameState {
            reason: ChangeGameStateReason::RainStops,
            value: 0.0,
        },
        V107,
        "1e 02 00000000",
    );
    // Spawn Global Entity (id 02): the position becomes three Doubles:
    // 100.5 = 1.1001001b × 2^6 = 40 59 20 00…, 64.0 = 40 50 00…,
    // −10.25 = −1.01001b × 2^3 = c0 24 80 00….
    golden(
        &SpawnGlobalEntity {
            entity_id: 5,
            r#type: SpawnGlobalEntityType::Thunderbolt,
            x: 100.5,
            y: 64.0,
            z: -10.25,
        },
        V107,
        "02 05 01 4059200000000000 4050000000000000 c024800000000000",
    );
    // Map (id 24): Tracking Position (a Boolean) follows the scale.
    let icon = MapIcon::new(1, 8, -128, 127);
    let m = Map {
        item_damage: 0,
        scale: 2,
        tracking_position: Some(true),
        icons: vec![icon],
        columns: 0,
        pixels: None,
    };
    golden(&m, V107, "24 00 02 01 01 18 80 7f 00");
    assert!(matches!(
        Map {
            tracking_position: None,
            ..m
        }
        .encode_packet(V107)
        .unwrap_err()
        .kind(),
        ErrorKind::MissingField
    ));
}

#[test]
fn sound_effects_from_1_9() {
    // Named Sound Effect, 1.9 (golden vector #19 of the research notes): id
    // 19 | "entity.player.levelup" (21 = 15) | category players 07 (new) |
    // position × 8: 100.5 → 804 = 00000324, 64 → 512 = 00000200, −20.25 →
    // −162 = ffffff5e | volume 1.0 | pitch 1.0 × 63 = 3f (still a byte).
    let named = NamedSoundEffect {
        sound_name: "entity.player.levelup".into(),
        sound_category: Some(SoundCategory::Players),
        effect_position_x: 100.5,
        effect_position_y: 64.0,
        effect_position_z: -20.25,
        volume: 1.0,
        pitch: 1.0,
    };
    let levelup = ascii("entity.player.levelup");
    golden(
        &named,
        V107,
        &format!("19 15 {levelup} 07 00000324 00000200 ffffff5e 3f800000 3f"),
    );
    // The category is required from 1.9 on.
    assert!(matches!(
        NamedSoundEffect {
            sound_category: None,
            ..named.clone()
        }
        .encode_packet(V107)
        .unwrap_err()
        .kind(),
        ErrorKind::MissingField
    ));
    // The id-based Sound Effect (new, id 47): sound 42 = 2a | blocks 04 |
    // the same position | volume 0.5 = 3f000000 | pitch 2.0 × 63 = 126 = 7e.
    let by_id = SoundEffect {
        sound_id: 42,
        sound_category: SoundCategory::Blocks,
        effect_position_x: 100.5,
        effect_position_y: 64.0,
        effect_position_z: -20.25,
        volume: 0.5,
        pitch: 2.0,
    };
    golden(
        &by_id,
        V107,
        "47 2a 04 00000324 00000200 ffffff5e 3f000000 7e",
    );
    // Category 10 is past vanilla's last (voice, 9): its readEnumValue
    // fails, and so does this decoder (1.9.2 and 1.12.2 alike).
    // (1.10 made the pitch a Float.)
    for (v, bytes) in [
        (V109, "47 2a 0a 00000324 00000200 ffffff5e 3f000000 7e"),
        (
            V340,
            "49 2a 0a 00000324 00000200 ffffff5e 3f000000 3f800000",
        ),
    ] {
        let err = SoundEffect::decode_packet_owned(&hex(bytes), v).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::UnknownValue { value: 10, .. }),
            "{v:?}: {err}"
        );
    }
    assert!(matches!(
        by_id.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::PacketNotInVersion { version: 47 }
    ));
}

#[test]
fn sound_pitch_is_a_float_from_1_10() {
    // Golden vector #20: golden vector #19 in 1.10 (id 19 still), the
    // pitch now the Float 1.0 = 3f800000.
    let named = NamedSoundEffect {
        sound_name: "entity.player.levelup".into(),
        sound_category: Some(SoundCategory::Players),
        effect_position_x: 100.5,
        effect_position_y: 64.0,
        effect_position_z: -20.25,
        volume: 1.0,
        pitch: 1.0,
    };
    let levelup = ascii("entity.player.levelup");
    golden(
        &named,
        V210,
        &format!("19 15 {levelup} 07 00000324 00000200 ffffff5e 3f800000 3f800000"),
    );
    golden(
        &named,
        V110,
        &format!("19 15 {levelup} 07 00000324 00000200 ffffff5e 3f800000 3f"),
    );
    // The id-based one (46 from 1.9.4): the same change.
    let by_id = SoundEffect {
        sound_id: 42,
        sound_category: SoundCategory::Blocks,
        effect_position_x: 100.5,
        effect_position_y: 64.0,
        effect_position_z: -20.25,
        volume: 0.5,
        pitch: 2.0,
    };
    golden(
        &by_id,
        V110,
        "46 2a 04 00000324 00000200 ffffff5e 3f000000 7e",
    );
    golden(
        &by_id,
        V210,
        "46 2a 04 00000324 00000200 ffffff5e 3f000000 40000000",
    );
    // A Float carries pitches the byte cannot: 0.75 (47.25 / 63) is 47 =
    // 2f before 1.10, exactly 3f400000 from 1.10.
    let odd = SoundEffect {
        pitch: 0.75,
        ..by_id
    };
    assert_eq!(
        odd.encode_packet(V110).unwrap(),
        hex("46 2a 04 00000324 00000200 ffffff5e 3f000000 2f")
    );
    golden(
        &odd,
        V316,
        "46 2a 04 00000324 00000200 ffffff5e 3f000000 3f400000",
    );
}

#[test]
fn particles() {
    let base = Particle {
        particle_id: ParticleType::Explode,
        long_distance: false,
        x: 0.0,
        y: 64.0,
        z: 0.0,
        offset_x: 0.0,
        offset_y: 0.0,
        offset_z: 0.0,
        particle_data: 0.0,
        particle_count: 1,
        data: vec![],
    };
    // The ten fixed fields after the id: long distance, x, y, z, offsets,
    // particle data, count 1.
    let fixed = |long: &str| {
        format!("{long} 00000000 42800000 00000000 00000000 00000000 00000000 00000000 00000001")
    };
    // id 2a | explode 0 = 00000000 | fixed | no data.
    golden_both(&base, &format!("2a 00000000 {}", fixed("00")));
    // iconcrack 36 = 0x24: two VarInts, diamond sword 276 = 94 02, damage 0.
    let icon = Particle {
        particle_id: ParticleType::IconCrack,
        long_distance: true,
        data: vec![276, 0],
        ..base.clone()
    };
    golden_both(&icon, &format!("2a 00000024 {} 94 02 00", fixed("01")));
    // blockcrack 37 = 0x25: one VarInt, id 1 | meta 2 << 12 = 8193 = 81 40.
    let crack = Particle {
        particle_id: ParticleType::BlockCrack,
        data: vec![1 | (2 << 12)],
        ..base.clone()
    };
    golden_both(&crack, &format!("2a 00000025 {} 81 40", fixed("00")));
    // blockdust 38 = 0x26: one VarInt, stone 1.
    let dust = Particle {
        particle_id: ParticleType::BlockDust,
        data: vec![1],
        ..base.clone()
    };
    golden_both(&dust, &format!("2a 00000026 {} 01", fixed("00")));
    // mobappearance 41 = 0x29, last known id: no data.
    let mob = Particle {
        particle_id: ParticleType::MobAppearance,
        ..base.clone()
    };
    golden_both(&mob, &format!("2a 00000029 {}", fixed("00")));
    // Unknown id 42 = 0x2a is kept, with no data.
    let unknown = Particle {
        particle_id: ParticleType::Unknown(42),
        ..base.clone()
    };
    golden_both(&unknown, &format!("2a 0000002a {}", fixed("00")));
    // From 1.9 (id 22), 42 is dragon breath, and the number no longer
    // passes as unknown.
    let breath = Particle {
        particle_id: ParticleType::DragonBreath,
        ..base.clone()
    };
    golden(&breath, V107, &format!("22 0000002a {}", fixed("00")));
    assert!(unknown.encode_packet(V107).is_err());
    assert!(matches!(
        breath.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::NotInVersion { .. }
    ));
    golden(
        &icon,
        V107,
        &format!("22 00000024 {} 94 02 00", fixed("01")),
    );
    // Falling dust (46 = 0x2e) from 1.10, with one VarInt of data (a block
    // state: sand 12 << 4 = 192 = c0 01), as vanilla's argument count says
    // (minecraft-data gives it none). Before 1.10, 46 is unknown and has
    // no data.
    let dust = Particle {
        particle_id: ParticleType::FallingDust,
        data: vec![192],
        ..base.clone()
    };
    golden(&dust, V210, &format!("22 0000002e {} c0 01", fixed("00")));
    golden(
        &Particle {
            particle_id: ParticleType::Unknown(46),
            ..base.clone()
        },
        V110,
        &format!("22 0000002e {}", fixed("00")),
    );
    assert!(matches!(
        dust.encode_packet(V110).unwrap_err().kind(),
        ErrorKind::NotInVersion { .. }
    ));
    // Totem (47) and spit (48) from 1.11, without data.
    golden(
        &Particle {
            particle_id: ParticleType::Spit,
            ..base.clone()
        },
        V315,
        &format!("22 00000030 {}", fixed("00")),
    );
    // Data whose length disagrees with the particle is an encode error.
    let wrong = Particle {
        data: vec![1],
        ..icon
    };
    assert!(matches!(
        wrong.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::CountMismatch {
            expected: 2,
            actual: 1
        }
    ));
}

#[test]
fn change_game_state_and_global_entity() {
    let g = |reason, value| ChangeGameState { reason, value };
    // id 2b | reason | value. Rain follows vanilla: 1 starts, 2 stops.
    golden_both(&g(ChangeGameStateReason::RainStarts, 0.0), "2b 01 00000000");
    golden_both(&g(ChangeGameStateReason::RainStops, 0.0), "2b 02 00000000");
    let mode = g(ChangeGameStateReason::ChangeGameMode, 1.0);
    golden_both(&mode, "2b 03 3f800000");
    assert_eq!(mode.game_mode(), Some(GameMode::Creative));
    assert_eq!(g(ChangeGameStateReason::RainStarts, 1.0).game_mode(), None);
    golden_both(
        &g(ChangeGameStateReason::RainStrength, 0.5),
        "2b 07 3f000000",
    );
    golden_both(
        &g(ChangeGameStateReason::ElderGuardianEffect, 0.0),
        "2b 0a 00000000",
    );
    // Reason 9 is unused in 1.8: kept as Unknown; 255 too (unsigned byte).
    golden_both(&g(ChangeGameStateReason::Unknown(9), 0.0), "2b 09 00000000");
    golden_both(
        &g(ChangeGameStateReason::Unknown(255), -1.0),
        "2b ff bf800000",
    );

    // id 2c | entity 5 | thunderbolt 1 | x 100.5×32 = 3216 = 00000c90 |
    // y 64×32 = 2048 = 00000800 | z -10.25×32 = -328 = fffffeb8.
    golden_both(
        &SpawnGlobalEntity {
            entity_id: 5,
            r#type: SpawnGlobalEntityType::Thunderbolt,
            x: 100.5,
            y: 64.0,
            z: -10.25,
        },
        "2c 05 01 00000c90 00000800 fffffeb8",
    );
    golden_both(
        &SpawnGlobalEntity {
            entity_id: 300,
            r#type: SpawnGlobalEntityType::Unknown(-1),
            x: 0.0,
            y: 0.0,
            z: 0.0,
        },
        "2c ac 02 ff 00000000 00000000 00000000",
    );
}

#[test]
fn maps() {
    // id 34 | map 0 | scale 2 | 1 icon: type 1 << 4 | direction 8 = 18,
    // x -128 = 80, z 127 = 7f | columns 0: nothing follows.
    let icon = MapIcon::new(1, 8, -128, 127);
    assert_eq!((icon.icon_type(), icon.direction()), (1, 8));
    let m = Map {
        item_damage: 0,
        scale: 2,
        tracking_position: None,
        icons: vec![icon],
        columns: 0,
        pixels: None,
    };
    golden_both(&m, "34 00 02 01 18 80 7f 00");
    // map 300 = ac 02 | scale 0 | no icons | 2 columns | rows 1 | x 126 = 7e
    // | z 0 | length 2 | colours 22 23.
    let with_pixels = Map {
        item_damage: 300,
        scale: 0,
        tracking_position: None,
        icons: vec![],
        columns: 2,
        pixels: Some(MapPixels {
            rows: 1,
            x: 126,
            z: 0,
            data: vec![0x22, 0x23].into(),
        }),
    };
    golden_both(&with_pixels, "34 ac 02 00 00 02 01 7e 00 02 2223");
    // Columns is unsigned: 200 = c8 is > 0, so the rectangle follows
    // (read as a signed byte it would be negative and nothing would).
    let wide = Map {
        item_damage: 1,
        scale: 4,
        tracking_position: None,
        icons: vec![MapIcon::new(15, 15, 0, 0)],
        columns: 200,
        pixels: Some(MapPixels {
            rows: 128,
            x: 0,
            z: 0,
            data: vec![].into(),
        }),
    };
    golden_both(&wide, "34 01 04 01 ff 00 00 c8 80 00 00 00");
    // Pixels without columns (or the reverse) cannot be encoded.
    let bad = Map {
        columns: 0,
        ..with_pixels
    };
    assert!(matches!(
        bad.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::UnexpectedField
    ));
    let bad = Map { columns: 1, ..m };
    assert!(matches!(
        bad.encode_packet(V47).unwrap_err().kind(),
        ErrorKind::MissingField
    ));
}

round_trips!(
    TimeUpdate,
    WorldBorder,
    Explosion,
    Effect,
    NamedSoundEffect,
    SoundEffect,
    Particle,
    ChangeGameState,
    Map,
);
