//! The BungeeCord channel's messages: every request and response survives
//! a round trip, and every proper prefix of one is refused.

use mcproto_core::codec::{decode_exact, encode_to_vec};
use mcproto_core::{Decode, Encode, ProtocolVersion};
use mcproto_packets::play::bungeecord::{BungeeRequest, BungeeResponse};
use proptest::prelude::*;

const V: ProtocolVersion = ProtocolVersion(47);

fn text() -> impl Strategy<Value = String> {
    // Any characters, NUL and astral ones included (Java UTF encodes both
    // specially); names without the list separator.
    prop_oneof![
        "[a-zA-Z0-9_]{0,16}",
        "\\PC{0,12}",
        Just("a\0\u{1F600}".to_owned())
    ]
}

fn name() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9_]{1,16}"
}

fn data() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..64)
}

fn request() -> impl Strategy<Value = BungeeRequest> {
    prop_oneof![
        text().prop_map(|server| BungeeRequest::Connect { server }),
        (text(), text())
            .prop_map(|(player, server)| BungeeRequest::ConnectOther { player, server }),
        Just(BungeeRequest::Ip),
        text().prop_map(|player| BungeeRequest::IpOther { player }),
        text().prop_map(|server| BungeeRequest::PlayerCount { server }),
        text().prop_map(|server| BungeeRequest::PlayerList { server }),
        Just(BungeeRequest::GetServers),
        Just(BungeeRequest::GetServer),
        (text(), text()).prop_map(|(player, message)| BungeeRequest::Message { player, message }),
        (text(), text(), data()).prop_map(|(server, channel, data)| BungeeRequest::Forward {
            server,
            channel,
            data
        }),
        (text(), text(), data()).prop_map(|(player, channel, data)| {
            BungeeRequest::ForwardToPlayer {
                player,
                channel,
                data,
            }
        }),
        Just(BungeeRequest::Uuid),
        text().prop_map(|player| BungeeRequest::UuidOther { player }),
        text().prop_map(|server| BungeeRequest::ServerIp { server }),
        (text(), text()).prop_map(|(player, reason)| BungeeRequest::KickPlayer { player, reason }),
    ]
}

fn response() -> impl Strategy<Value = BungeeResponse> {
    let names = || proptest::collection::vec(name(), 0..5);
    prop_oneof![
        (text(), any::<i32>()).prop_map(|(ip, port)| BungeeResponse::Ip { ip, port }),
        (text(), text(), any::<i32>()).prop_map(|(player, ip, port)| BungeeResponse::IpOther {
            player,
            ip,
            port
        }),
        (text(), any::<i32>())
            .prop_map(|(server, count)| BungeeResponse::PlayerCount { server, count }),
        (text(), names())
            .prop_map(|(server, players)| BungeeResponse::PlayerList { server, players }),
        names().prop_map(|servers| BungeeResponse::GetServers { servers }),
        text().prop_map(|server| BungeeResponse::GetServer { server }),
        text().prop_map(|uuid| BungeeResponse::Uuid { uuid }),
        (text(), text()).prop_map(|(player, uuid)| BungeeResponse::UuidOther { player, uuid }),
        (text(), text(), any::<u16>()).prop_map(|(server, ip, port)| BungeeResponse::ServerIp {
            server,
            ip,
            port
        }),
        ("[a-z]{1,8}-plugin", data())
            .prop_map(|(channel, data)| BungeeResponse::Forward { channel, data }),
    ]
}

fn check<T>(value: &T)
where
    T: Encode + for<'a> Decode<'a> + PartialEq + std::fmt::Debug,
{
    let bytes = encode_to_vec(value, V).unwrap();
    assert_eq!(&decode_exact::<T>(&bytes, V).unwrap(), value);
    for cut in 0..bytes.len() {
        // A list or text that ends early can still read as a shorter
        // message, but never as this one.
        if let Ok(v) = decode_exact::<T>(&bytes[..cut], V) {
            assert_ne!(
                &v, value,
                "a prefix of {cut} bytes decoded to the whole message"
            );
        }
    }
}

proptest! {
    #[test]
    fn requests_round_trip(r in request()) {
        check(&r);
    }

    #[test]
    fn responses_round_trip(r in response()) {
        check(&r);
    }
}
