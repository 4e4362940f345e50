//! Serverbound play packets, moving and turning the player, steering vehicles,
//! flying, sneaking and sprinting, and spectating: golden vectors worked by
//! hand from wiki.vg's [1.8 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=7368), its [15w32c
//! page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=6788)
//! and its [1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617),
//! negative tests, and generated round trips. Encodings used throughout are
//! worked once in `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::{ErrorKind, Uuid};
use mcproto_packets::play::serverbound::*;

#[test]
fn movement() {
    // id 03 | on ground true = 01.
    golden(&Player { on_ground: true }, V47, "03 01");
    // id 04 | x 1.5 | feet y 64.0 | z −2.5 | on ground false.
    golden(
        &PlayerPosition {
            x: 1.5,
            feet_y: 64.0,
            z: -2.5,
            on_ground: false,
        },
        V47,
        "04 3ff8000000000000 4050000000000000 c004000000000000 00",
    );
    // id 05 | yaw 90.0 = 1.01101b × 2^6: exp 133 = 0x85 → 42 b4 00 00 |
    // pitch −45.0 = −1.01101b × 2^5: exp 132 → c2 34 00 00 | on ground 01.
    golden(
        &PlayerLook {
            yaw: 90.0,
            pitch: -45.0,
            on_ground: true,
        },
        V47,
        "05 42b40000 c2340000 01",
    );
    // id 06 | x 100.0 | feet y 64.0 | z 1.5 | yaw 90.0 | pitch 0.0 | on ground 01.
    golden(
        &PlayerPositionAndLook {
            x: 100.0,
            feet_y: 64.0,
            z: 1.5,
            yaw: 90.0,
            pitch: 0.0,
            on_ground: true,
        },
        V47,
        "06 4059000000000000 4050000000000000 3ff8000000000000 42b40000 00000000 01",
    );
    // 1.9 reorders the ids (position 0c, position and look 0d, look 0e,
    // player 0f); the layouts stay.
    golden(&Player { on_ground: true }, V107, "0f 01");
    golden(
        &PlayerPosition {
            x: 1.5,
            feet_y: 64.0,
            z: -2.5,
            on_ground: false,
        },
        V107,
        "0c 3ff8000000000000 4050000000000000 c004000000000000 00",
    );
    golden(
        &PlayerPositionAndLook {
            x: 100.0,
            feet_y: 64.0,
            z: 1.5,
            yaw: 90.0,
            pitch: 0.0,
            on_ground: true,
        },
        V109,
        "0d 4059000000000000 4050000000000000 3ff8000000000000 42b40000 00000000 01",
    );
    golden(
        &PlayerLook {
            yaw: 90.0,
            pitch: -45.0,
            on_ground: true,
        },
        V108,
        "0e 42b40000 c2340000 01",
    );
}

#[test]
fn teleport_confirm_vehicle_move_and_steer_boat() {
    // 1.9 on. Teleport Confirm: id 00 | teleport id VarInt 300 = ac 02.
    golden(&TeleportConfirm { teleport_id: 300 }, V107, "00 ac02");
    // Vehicle Move: id 10 | x 100.5 = 1.100100100b × 2^6: 40 59 20 00… |
    // y 64.0 = 40 50 00… | z −20.25 = −1.010001b × 2^4: c0 34 40 00… |
    // yaw 90.0 = 42 b4 00 00 | pitch −45.0 = c2 34 00 00.
    golden(
        &VehicleMove {
            x: 100.5,
            y: 64.0,
            z: -20.25,
            yaw: 90.0,
            pitch: -45.0,
        },
        V107,
        "10 4059200000000000 4050000000000000 c034400000000000 42b40000 c2340000",
    );
    // Steer Boat: id 11 | left paddle 01 | right paddle 00 (left first, as
    // vanilla reads them).
    golden(
        &SteerBoat {
            left_paddle_turning: true,
            right_paddle_turning: false,
        },
        V107,
        "11 01 00",
    );
    // None of them exists before 1.9.
    for v in [V47, V54] {
        let err = TeleportConfirm { teleport_id: 1 }
            .encode_packet(v)
            .unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::PacketNotInVersion { .. }));
    }
}

#[test]
fn entity_action() {
    // 47: id 0b | entity 42 = 2a | action 3 (start sprinting) | parameter 0.
    golden(
        &EntityAction {
            entity_id: 42,
            action_id: EntityActionKind::StartSprinting,
            action_parameter: 0,
        },
        V47,
        "0b 2a 03 00",
    );
    // 47: action 6 (open horse inventory).
    golden(
        &EntityAction {
            entity_id: 42,
            action_id: EntityActionKind::OpenHorseInventory,
            action_parameter: 0,
        },
        V47,
        "0b 2a 06 00",
    );
    // 54: id 0c | action 5 (horse jump) | jump boost 100 = 64.
    golden(
        &EntityAction {
            entity_id: 42,
            action_id: EntityActionKind::JumpWithHorse,
            action_parameter: 100,
        },
        V54,
        "0c 2a 05 64",
    );
    // 54 dropped action 6, but decoders accept it (D3).
    golden(
        &EntityAction {
            entity_id: 42,
            action_id: EntityActionKind::OpenHorseInventory,
            action_parameter: 0,
        },
        V54,
        "0c 2a 06 00",
    );
    // 1.9 (golden vectors #25 / #26 of the research notes): id 14; start
    // sprinting is still 3, the horse inventory moves from 6 to 7.
    golden(
        &EntityAction {
            entity_id: 42,
            action_id: EntityActionKind::StartSprinting,
            action_parameter: 0,
        },
        V107,
        "14 2a 03 00",
    );
    let open = EntityAction {
        entity_id: 42,
        action_id: EntityActionKind::OpenHorseInventory,
        action_parameter: 0,
    };
    golden(&open, V107, "14 2a 07 00");
    // 6 is now "stop jump", 8 elytra flight.
    let stop_jump = EntityAction {
        action_id: EntityActionKind::StopJumpWithHorse,
        ..open
    };
    golden(&stop_jump, V107, "14 2a 06 00");
    golden(
        &EntityAction {
            action_id: EntityActionKind::StartElytraFlying,
            ..open
        },
        V107,
        "14 2a 08 00",
    );
    // Neither new action exists before 1.9; there 7 and 8 are no action,
    // and vanilla 1.8's readEnumValue (seven actions, 0–6) fails on them.
    let err = stop_jump.encode_packet(V47).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::NotInVersion {
            ty: "EntityActionKind::StopJumpWithHorse",
            version: 47
        }
    ));
    let unknown = |bytes: &str, v| match EntityAction::decode_packet_owned(&hex(bytes), v)
        .unwrap_err()
        .kind()
    {
        ErrorKind::UnknownValue { value, .. } => *value,
        other => panic!("{bytes}: {other}"),
    };
    assert_eq!(unknown("0b 2a 07 00", V47), 7);
    // From 1.9 on the last action is 8 (elytra): 9 fails.
    assert_eq!(unknown("14 2a 09 00", V107), 9);
    assert_eq!(unknown("15 2a 09 00", V340), 9);
}

#[test]
fn steer_vehicle() {
    // id 0c (47) / 0d (54) | sideways 1.0 | forward −1.0 | flags jump|unmount = 03.
    let s = SteerVehicle {
        sideways: 1.0,
        forward: -1.0,
        flags: SteerVehicle::JUMP | SteerVehicle::UNMOUNT,
    };
    golden(&s, V47, "0c 3f800000 bf800000 03");
    golden(&s, V54, "0d 3f800000 bf800000 03");
    golden(&s, V107, "15 3f800000 bf800000 03");
}

#[test]
fn player_abilities() {
    // id 13 (47) / 14 (54) | flags flying|allow flying = 02|04 = 06 |
    // flying speed 0.05 = 3d 4c cc cd | walking speed 0.1 = 3d cc cc cd
    // (0.1 = 1.6 × 2^-4: exp 123, mantissa 0x4ccccd rounded up).
    let a = PlayerAbilities {
        flags: PlayerAbilities::FLYING | PlayerAbilities::ALLOW_FLYING,
        flying_speed: 0.05,
        walking_speed: 0.1,
    };
    golden(&a, V47, "13 06 3d4ccccd 3dcccccd");
    golden(&a, V54, "14 06 3d4ccccd 3dcccccd");
    golden(&a, V107, "12 06 3d4ccccd 3dcccccd");
    // The vanilla bit order (D7): invulnerable 1, flying 2, allow flying 4, creative 8.
    assert_eq!(
        [
            PlayerAbilities::INVULNERABLE,
            PlayerAbilities::FLYING,
            PlayerAbilities::ALLOW_FLYING,
            PlayerAbilities::CREATIVE_MODE
        ],
        [0x01, 0x02, 0x04, 0x08]
    );
}

#[test]
fn spectate_and_resource_pack_status() {
    // id 18 (47) / 19 (54) | UUID, most significant half first.
    let s = Spectate {
        target_player: Uuid::from_u128(0x0123_4567_89ab_cdef_fedc_ba98_7654_3210),
    };
    golden(&s, V47, "18 0123456789abcdef fedcba9876543210");
    golden(&s, V54, "19 0123456789abcdef fedcba9876543210");
    golden(&s, V107, "1b 0123456789abcdef fedcba9876543210");
    // id 19 (47) / 1a (54) | hash "abc" = 03 61 62 63 | result VarInt.
    golden(
        &ResourcePackStatus {
            hash: Some("abc".into()),
            result: ResourcePackResult::Accepted,
        },
        V47,
        "19 03 616263 03",
    );
    golden(
        &ResourcePackStatus {
            hash: Some("abc".into()),
            result: ResourcePackResult::SuccessfullyLoaded,
        },
        V47,
        "19 03 616263 00",
    );
    golden(
        &ResourcePackStatus {
            hash: Some("abc".into()),
            result: ResourcePackResult::Declined,
        },
        V54,
        "1a 03 616263 01",
    );
    golden(
        &ResourcePackStatus {
            hash: Some("abc".into()),
            result: ResourcePackResult::FailedDownload,
        },
        V54,
        "1a 03 616263 02",
    );
    // Result 4 is past vanilla's last (accepted, 3): readEnumValue fails,
    // in 47 (C19PacketResourcePackStatus) and 1.12.2 (no hash, id 18).
    let err = ResourcePackStatus::decode_packet_owned(&hex("19 03 616263 04"), V47).unwrap_err();
    assert!(unknown_value(&err, "ResourcePackResult", 4), "{err}");
    let err = ResourcePackStatus::decode_packet_owned(&hex("18 04"), V340).unwrap_err();
    assert!(unknown_value(&err, "ResourcePackResult", 4), "{err}");
    // 1.9 – 1.9.4: id 16, the hash still there.
    golden(
        &ResourcePackStatus {
            hash: Some("abc".into()),
            result: ResourcePackResult::Accepted,
        },
        V107,
        "16 03 616263 03",
    );
    // The hash is at most 40 characters (a SHA-1 in hex).
    let long = ResourcePackStatus {
        hash: Some("0".repeat(41).into()),
        result: ResourcePackResult::Accepted,
    };
    assert!(long.encode_packet(V47).is_err());
    // 1.10 drops the hash: id 16 | result only.
    let status = ResourcePackStatus {
        hash: None,
        result: ResourcePackResult::Accepted,
    };
    golden(&status, V210, "16 03");
    golden(&status, V316, "16 03");
    assert!(matches!(
        status.encode_packet(V110).unwrap_err().kind(),
        ErrorKind::MissingField
    ));
}

round_trips!(
    Player,
    PlayerPosition,
    PlayerLook,
    PlayerPositionAndLook,
    EntityAction,
    SteerVehicle,
    PlayerAbilities,
    Spectate,
    TeleportConfirm,
    VehicleMove,
    SteerBoat,
);
