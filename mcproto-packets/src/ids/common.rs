//! Handshaking, status and login: the same ids (and layouts) in every
//! protocol version from 47 (1.8) to 340 (1.12.2). Tables follow wiki.vg's
//! [1.8 protocol page](https://wiki.vg/index.php?title=Protocol&oldid=7368).

use mcproto_core::{IdTable, packet_table};

use crate::{handshaking, login, status};

/// Handshaking, serverbound.
pub const HANDSHAKING_SERVERBOUND: IdTable = packet_table!(Handshaking, Serverbound:
    0x00 => handshaking::serverbound::Handshake,
    0xFE => handshaking::serverbound::LegacyServerListPing,
);

/// Status, clientbound.
pub const STATUS_CLIENTBOUND: IdTable = packet_table!(Status, Clientbound:
    0x00 => status::clientbound::StatusResponse,
    0x01 => status::clientbound::Pong,
);

/// Status, serverbound.
pub const STATUS_SERVERBOUND: IdTable = packet_table!(Status, Serverbound:
    0x00 => status::serverbound::StatusRequest,
    0x01 => status::serverbound::Ping,
);

/// Login, clientbound.
pub const LOGIN_CLIENTBOUND: IdTable = packet_table!(Login, Clientbound:
    0x00 => login::clientbound::Disconnect,
    0x01 => login::clientbound::EncryptionRequest,
    0x02 => login::clientbound::LoginSuccess,
    0x03 => login::clientbound::SetCompression,
);

/// Login, serverbound.
pub const LOGIN_SERVERBOUND: IdTable = packet_table!(Login, Serverbound:
    0x00 => login::serverbound::LoginStart,
    0x01 => login::serverbound::EncryptionResponse,
);
