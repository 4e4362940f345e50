//! Packet ids per protocol version: one table per state, direction and id
//! layout, each listed in id order like wiki.vg's packet tables, and checked
//! against minecraft-data by the tests. Adding a version means adding its
//! tables here (and gating the fields that change), not editing every
//! packet.

pub mod common;
pub mod v107;
pub mod v110;
pub mod v335;
pub mod v338;
pub mod v47;
pub mod v54;

use mcproto_core::{IdTable, ProtocolVersion};

use crate::version::{
    V1_8, V1_9, V1_9_1, V1_9_2, V1_9_4, V1_10, V1_11, V1_11_1, V1_12, V1_12_1, V1_12_2, V15W32C,
};

/// The tables of every state and direction of `version`, if it ships here.
pub fn tables(version: ProtocolVersion) -> Option<[IdTable; 7]> {
    let play = match version {
        V1_8 => [v47::PLAY_CLIENTBOUND, v47::PLAY_SERVERBOUND],
        V15W32C => [v54::PLAY_CLIENTBOUND, v54::PLAY_SERVERBOUND],
        V1_9 | V1_9_1 | V1_9_2 => [v107::PLAY_CLIENTBOUND, v107::PLAY_SERVERBOUND],
        V1_9_4 | V1_10 | V1_11 | V1_11_1 => [v110::PLAY_CLIENTBOUND, v110::PLAY_SERVERBOUND],
        V1_12 => [v335::PLAY_CLIENTBOUND, v335::PLAY_SERVERBOUND],
        V1_12_1 | V1_12_2 => [v338::PLAY_CLIENTBOUND, v338::PLAY_SERVERBOUND],
        _ => return None,
    };
    Some([
        common::HANDSHAKING_SERVERBOUND,
        common::STATUS_CLIENTBOUND,
        common::STATUS_SERVERBOUND,
        common::LOGIN_CLIENTBOUND,
        common::LOGIN_SERVERBOUND,
        play[0],
        play[1],
    ])
}
