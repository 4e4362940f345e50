//! Serverbound play packets, moving and turning the player, steering vehicles,
//! flying, sneaking and sprinting, and spectating: golden vectors worked by
//! hand from wiki.vg's [1.8 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=7368) and its [15w32c
//! page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=6788),
//! negative tests, and generated round trips. Encodings used throughout are
//! worked once in `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::Uuid;
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
    // id 19 (47) / 1a (54) | hash "abc" = 03 61 62 63 | result VarInt.
    golden(
        &ResourcePackStatus {
            hash: "abc".into(),
            result: ResourcePackResult::Accepted,
        },
        V47,
        "19 03 616263 03",
    );
    golden(
        &ResourcePackStatus {
            hash: "abc".into(),
            result: ResourcePackResult::SuccessfullyLoaded,
        },
        V47,
        "19 03 616263 00",
    );
    golden(
        &ResourcePackStatus {
            hash: "abc".into(),
            result: ResourcePackResult::Declined,
        },
        V54,
        "1a 03 616263 01",
    );
    golden(
        &ResourcePackStatus {
            hash: "abc".into(),
            result: ResourcePackResult::FailedDownload,
        },
        V54,
        "1a 03 616263 02",
    );
    // The hash is at most 40 characters (a SHA-1 in hex).
    let long = ResourcePackStatus {
        hash: "0".repeat(41).into(),
        result: ResourcePackResult::Accepted,
    };
    assert!(long.encode_packet(V47).is_err());
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
);
