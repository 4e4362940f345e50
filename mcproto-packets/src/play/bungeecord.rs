//! The `BungeeCord` plugin channel: how a backend server asks its proxy to
//! move a player, count players, forward messages, and how the proxy
//! answers (the messages BungeeCord and Velocity understand; names and
//! layouts as in BungeeCord's plugin messaging documentation,
//! <https://www.spigotmc.org/wiki/bukkit-bungee-plugin-messaging-channel/>).
//!
//! Every message is a Java data stream: the subchannel name as a Java UTF
//! string, then its arguments (Java UTF strings, big-endian ints and
//! shorts). A backend sends a [`BungeeRequest`] in a clientbound Plugin
//! Message (the proxy reads it before the player would); the proxy sends a
//! [`BungeeResponse`] in a serverbound one, as if from the player. Both use
//! the channel `BungeeCord` (the name in protocols up to 1.12.2).
//!
//! The subchannel is a string, which the derive's integer tags cannot
//! select on, so these codecs are written by hand.

use mcproto_core::types::java_utf;
use mcproto_core::{
    Decode, Describe, Encode, ErrorKind, ProtocolVersion, Reader, Result, WireType, Writer,
};

use super::channels::ChannelPayload;

/// The channel name.
pub const CHANNEL: &str = "BungeeCord";

/// A backend's request to its proxy.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum BungeeRequest {
    /// Move the player this message travels with to `server`.
    Connect {
        /// The target server's name in the proxy's configuration.
        server: String,
    },
    /// Move another player to `server`.
    ConnectOther {
        /// The player's name.
        player: String,
        /// The target server.
        server: String,
    },
    /// The real address of the player this message travels with.
    Ip,
    /// The real address of another player.
    IpOther {
        /// The player's name.
        player: String,
    },
    /// How many players are on `server` (`"ALL"`: on the whole network).
    PlayerCount {
        /// A server name, or `"ALL"`.
        server: String,
    },
    /// The names of the players on `server` (`"ALL"`: everywhere).
    PlayerList {
        /// A server name, or `"ALL"`.
        server: String,
    },
    /// The names of every server of the network.
    GetServers,
    /// The name of this server in the proxy's configuration.
    GetServer,
    /// A chat message to `player` (`"ALL"`: everyone).
    Message {
        /// A player's name, or `"ALL"`.
        player: String,
        /// The text (legacy `§` formatting).
        message: String,
    },
    /// Bytes for another server's plugins, on a subchannel of their own.
    Forward {
        /// A server name, `"ALL"` or `"ONLINE"`.
        server: String,
        /// The plugins' subchannel.
        channel: String,
        /// The bytes, at most 32767.
        data: Vec<u8>,
    },
    /// Bytes for the server a player is on.
    ForwardToPlayer {
        /// The player's name.
        player: String,
        /// The plugins' subchannel.
        channel: String,
        /// The bytes, at most 32767.
        data: Vec<u8>,
    },
    /// The UUID of the player this message travels with.
    Uuid,
    /// The UUID of another player.
    UuidOther {
        /// The player's name.
        player: String,
    },
    /// The address of a server of the network.
    ServerIp {
        /// The server's name.
        server: String,
    },
    /// Disconnect a player with a reason.
    KickPlayer {
        /// The player's name.
        player: String,
        /// The reason shown to them.
        reason: String,
    },
}

/// A proxy's answer to a [`BungeeRequest`], or forwarded bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum BungeeResponse {
    /// Answers [`BungeeRequest::Ip`].
    Ip {
        /// The player's address, without the port.
        ip: String,
        /// The player's port.
        port: i32,
    },
    /// Answers [`BungeeRequest::IpOther`].
    IpOther {
        /// The player's name.
        player: String,
        /// Their address.
        ip: String,
        /// Their port.
        port: i32,
    },
    /// Answers [`BungeeRequest::PlayerCount`].
    PlayerCount {
        /// The server asked about, or `"ALL"`.
        server: String,
        /// How many players are there.
        count: i32,
    },
    /// Answers [`BungeeRequest::PlayerList`].
    PlayerList {
        /// The server asked about, or `"ALL"`.
        server: String,
        /// The players' names (comma-separated on the wire).
        players: Vec<String>,
    },
    /// Answers [`BungeeRequest::GetServers`].
    GetServers {
        /// The servers' names (comma-separated on the wire).
        servers: Vec<String>,
    },
    /// Answers [`BungeeRequest::GetServer`].
    GetServer {
        /// This server's name.
        server: String,
    },
    /// Answers [`BungeeRequest::Uuid`].
    Uuid {
        /// The UUID, as text without dashes.
        uuid: String,
    },
    /// Answers [`BungeeRequest::UuidOther`].
    UuidOther {
        /// The player's name.
        player: String,
        /// Their UUID, as text without dashes.
        uuid: String,
    },
    /// Answers [`BungeeRequest::ServerIp`].
    ServerIp {
        /// The server's name.
        server: String,
        /// Its address.
        ip: String,
        /// Its port.
        port: u16,
    },
    /// Bytes another server forwarded ([`BungeeRequest::Forward`]).
    Forward {
        /// The plugins' subchannel.
        channel: String,
        /// The bytes.
        data: Vec<u8>,
    },
}

/// Most bytes a Forward message carries (its length is a Java short).
pub const MAX_FORWARD: usize = i16::MAX as usize;

fn int(r: &mut Reader<'_>) -> Result<i32> {
    Ok(i32::from_be_bytes(r.take_array::<4>("Int")?))
}

fn put_int(v: i32, w: &mut Writer<'_>) {
    w.put_slice(&v.to_be_bytes());
}

fn forward_data(r: &mut Reader<'_>) -> Result<Vec<u8>> {
    let len = i16::from_be_bytes(r.take_array::<2>("Short")?);
    let len = r.check_len(i64::from(len), MAX_FORWARD, 1)?;
    Ok(r.take(len, "forwarded bytes")?.to_vec())
}

fn put_forward_data(data: &[u8], w: &mut Writer<'_>) -> Result<()> {
    let Ok(len) = i16::try_from(data.len()) else {
        return mcproto_core::error::fail(ErrorKind::TooLong {
            len: data.len(),
            max: MAX_FORWARD,
            unit: mcproto_core::error::LengthUnit::Bytes,
        });
    };
    w.put_slice(&len.to_be_bytes());
    w.put_slice(data);
    Ok(())
}

fn list(s: String) -> Vec<String> {
    if s.is_empty() {
        Vec::new()
    } else {
        s.split(", ")
            .flat_map(|p| p.split(','))
            .map(str::to_owned)
            .collect()
    }
}

fn unknown(subchannel: String) -> mcproto_core::Error {
    // The subchannel is echoed in the error only by its length: it is
    // peer-chosen text.
    mcproto_core::Error::new(ErrorKind::UnknownValue {
        ty: "BungeeCord subchannel",
        value: subchannel.len() as i64,
    })
}

impl Encode for BungeeRequest {
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        let s = |v: &str, w: &mut Writer<'_>| java_utf::write(v, w);
        match self {
            BungeeRequest::Connect { server } => {
                s("Connect", w)?;
                s(server, w)
            }
            BungeeRequest::ConnectOther { player, server } => {
                s("ConnectOther", w)?;
                s(player, w)?;
                s(server, w)
            }
            BungeeRequest::Ip => s("IP", w),
            BungeeRequest::IpOther { player } => {
                s("IPOther", w)?;
                s(player, w)
            }
            BungeeRequest::PlayerCount { server } => {
                s("PlayerCount", w)?;
                s(server, w)
            }
            BungeeRequest::PlayerList { server } => {
                s("PlayerList", w)?;
                s(server, w)
            }
            BungeeRequest::GetServers => s("GetServers", w),
            BungeeRequest::GetServer => s("GetServer", w),
            BungeeRequest::Message { player, message } => {
                s("Message", w)?;
                s(player, w)?;
                s(message, w)
            }
            BungeeRequest::Forward {
                server,
                channel,
                data,
            } => {
                s("Forward", w)?;
                s(server, w)?;
                s(channel, w)?;
                put_forward_data(data, w)
            }
            BungeeRequest::ForwardToPlayer {
                player,
                channel,
                data,
            } => {
                s("ForwardToPlayer", w)?;
                s(player, w)?;
                s(channel, w)?;
                put_forward_data(data, w)
            }
            BungeeRequest::Uuid => s("UUID", w),
            BungeeRequest::UuidOther { player } => {
                s("UUIDOther", w)?;
                s(player, w)
            }
            BungeeRequest::ServerIp { server } => {
                s("ServerIP", w)?;
                s(server, w)
            }
            BungeeRequest::KickPlayer { player, reason } => {
                s("KickPlayer", w)?;
                s(player, w)?;
                s(reason, w)
            }
        }
    }
}

impl<'a> Decode<'a> for BungeeRequest {
    const MIN_SIZE: usize = 2;
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let s = |r: &mut Reader<'a>| java_utf::read(r);
        let sub = s(r)?;
        Ok(match sub.as_str() {
            "Connect" => BungeeRequest::Connect { server: s(r)? },
            "ConnectOther" => BungeeRequest::ConnectOther {
                player: s(r)?,
                server: s(r)?,
            },
            "IP" => BungeeRequest::Ip,
            "IPOther" => BungeeRequest::IpOther { player: s(r)? },
            "PlayerCount" => BungeeRequest::PlayerCount { server: s(r)? },
            "PlayerList" => BungeeRequest::PlayerList { server: s(r)? },
            "GetServers" => BungeeRequest::GetServers,
            "GetServer" => BungeeRequest::GetServer,
            "Message" => BungeeRequest::Message {
                player: s(r)?,
                message: s(r)?,
            },
            "Forward" => BungeeRequest::Forward {
                server: s(r)?,
                channel: s(r)?,
                data: forward_data(r)?,
            },
            "ForwardToPlayer" => BungeeRequest::ForwardToPlayer {
                player: s(r)?,
                channel: s(r)?,
                data: forward_data(r)?,
            },
            "UUID" => BungeeRequest::Uuid,
            "UUIDOther" => BungeeRequest::UuidOther { player: s(r)? },
            "ServerIP" => BungeeRequest::ServerIp { server: s(r)? },
            "KickPlayer" => BungeeRequest::KickPlayer {
                player: s(r)?,
                reason: s(r)?,
            },
            _ => return Err(unknown(sub)),
        })
    }
}

impl Encode for BungeeResponse {
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        let s = |v: &str, w: &mut Writer<'_>| java_utf::write(v, w);
        match self {
            BungeeResponse::Ip { ip, port } => {
                s("IP", w)?;
                s(ip, w)?;
                put_int(*port, w);
                Ok(())
            }
            BungeeResponse::IpOther { player, ip, port } => {
                s("IPOther", w)?;
                s(player, w)?;
                s(ip, w)?;
                put_int(*port, w);
                Ok(())
            }
            BungeeResponse::PlayerCount { server, count } => {
                s("PlayerCount", w)?;
                s(server, w)?;
                put_int(*count, w);
                Ok(())
            }
            BungeeResponse::PlayerList { server, players } => {
                s("PlayerList", w)?;
                s(server, w)?;
                s(&players.join(", "), w)
            }
            BungeeResponse::GetServers { servers } => {
                s("GetServers", w)?;
                s(&servers.join(", "), w)
            }
            BungeeResponse::GetServer { server } => {
                s("GetServer", w)?;
                s(server, w)
            }
            BungeeResponse::Uuid { uuid } => {
                s("UUID", w)?;
                s(uuid, w)
            }
            BungeeResponse::UuidOther { player, uuid } => {
                s("UUIDOther", w)?;
                s(player, w)?;
                s(uuid, w)
            }
            BungeeResponse::ServerIp { server, ip, port } => {
                s("ServerIP", w)?;
                s(server, w)?;
                s(ip, w)?;
                w.put_slice(&port.to_be_bytes());
                Ok(())
            }
            BungeeResponse::Forward { channel, data } => {
                s(channel, w)?;
                put_forward_data(data, w)
            }
        }
    }
}

impl<'a> Decode<'a> for BungeeResponse {
    const MIN_SIZE: usize = 2;
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let s = |r: &mut Reader<'a>| java_utf::read(r);
        let sub = s(r)?;
        Ok(match sub.as_str() {
            "IP" => BungeeResponse::Ip {
                ip: s(r)?,
                port: int(r)?,
            },
            "IPOther" => BungeeResponse::IpOther {
                player: s(r)?,
                ip: s(r)?,
                port: int(r)?,
            },
            "PlayerCount" => BungeeResponse::PlayerCount {
                server: s(r)?,
                count: int(r)?,
            },
            "PlayerList" => BungeeResponse::PlayerList {
                server: s(r)?,
                players: list(s(r)?),
            },
            "GetServers" => BungeeResponse::GetServers {
                servers: list(s(r)?),
            },
            "GetServer" => BungeeResponse::GetServer { server: s(r)? },
            "UUID" => BungeeResponse::Uuid { uuid: s(r)? },
            "UUIDOther" => BungeeResponse::UuidOther {
                player: s(r)?,
                uuid: s(r)?,
            },
            "ServerIP" => BungeeResponse::ServerIp {
                server: s(r)?,
                ip: s(r)?,
                port: u16::from_be_bytes(r.take_array::<2>("Unsigned Short")?),
            },
            // Anything else is bytes forwarded on a plugins' subchannel.
            _ => BungeeResponse::Forward {
                channel: sub,
                data: forward_data(r)?,
            },
        })
    }
}

impl Describe for BungeeRequest {
    fn describe(_: ProtocolVersion) -> WireType {
        WireType::Named("BungeeCord request (Java data stream)")
    }
}

impl Describe for BungeeResponse {
    fn describe(_: ProtocolVersion) -> WireType {
        WireType::Named("BungeeCord response (Java data stream)")
    }
}

impl ChannelPayload for BungeeRequest {
    const CHANNEL: &'static str = CHANNEL;
}

impl ChannelPayload for BungeeResponse {
    const CHANNEL: &'static str = CHANNEL;
}

#[cfg(test)]
mod tests {
    use super::*;
    use mcproto_core::codec::{decode_exact, encode_to_vec};

    const V: ProtocolVersion = ProtocolVersion(47);

    #[test]
    fn golden_connect_and_forward() {
        // Connect: 00 07 "Connect" 00 05 "games".
        let c = BungeeRequest::Connect {
            server: "games".into(),
        };
        let bytes = b"\x00\x07Connect\x00\x05games";
        assert_eq!(encode_to_vec(&c, V).unwrap(), bytes);
        assert_eq!(decode_exact::<BungeeRequest>(bytes, V).unwrap(), c);
        // Forward to ALL on subchannel "x": 2 data bytes after a short length.
        let f = BungeeRequest::Forward {
            server: "ALL".into(),
            channel: "x".into(),
            data: vec![1, 2],
        };
        let bytes = b"\x00\x07Forward\x00\x03ALL\x00\x01x\x00\x02\x01\x02";
        assert_eq!(encode_to_vec(&f, V).unwrap(), bytes);
        assert_eq!(decode_exact::<BungeeRequest>(bytes, V).unwrap(), f);
        // The answer to PlayerCount: name, then an int.
        let p = BungeeResponse::PlayerCount {
            server: "lobby".into(),
            count: 3,
        };
        let bytes = b"\x00\x0bPlayerCount\x00\x05lobby\x00\x00\x00\x03";
        assert_eq!(encode_to_vec(&p, V).unwrap(), bytes);
        assert_eq!(decode_exact::<BungeeResponse>(bytes, V).unwrap(), p);
        // Server lists are comma-separated text.
        let l = BungeeResponse::GetServers {
            servers: vec!["lobby".into(), "games".into()],
        };
        let bytes = b"\x00\x0aGetServers\x00\x0clobby, games";
        assert_eq!(encode_to_vec(&l, V).unwrap(), bytes);
        assert_eq!(decode_exact::<BungeeResponse>(bytes, V).unwrap(), l);
    }

    #[test]
    fn malformed_messages_are_errors() {
        // An unknown request subchannel.
        assert!(decode_exact::<BungeeRequest>(b"\x00\x04Nope", V).is_err());
        // Connect without its server.
        assert!(decode_exact::<BungeeRequest>(b"\x00\x07Connect", V).is_err());
        // A Forward whose length is negative, or longer than the data.
        assert!(
            decode_exact::<BungeeRequest>(b"\x00\x07Forward\x00\x01a\x00\x01b\xff\xff", V).is_err()
        );
        assert!(
            decode_exact::<BungeeRequest>(b"\x00\x07Forward\x00\x01a\x00\x01b\x00\x05\x01", V)
                .is_err()
        );
        // Forwarded data over the Java short.
        let too_big = BungeeRequest::Forward {
            server: "ALL".into(),
            channel: "x".into(),
            data: vec![0; MAX_FORWARD + 1],
        };
        assert!(encode_to_vec(&too_big, V).is_err());
    }
}
