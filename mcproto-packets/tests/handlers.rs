//! The handler traits `packet_group!` declares: for every packet of every
//! version, `decoder.handle(frame, &mut h)` reaches the method of the
//! frame's packet with what `decoder.decode(frame)` holds in that variant,
//! and `packet` with the very group value `decode` returns for the rest;
//! errors are the same too.

use mcproto_core::{Gen, ProtocolVersion, Registry};
use mcproto_packets::play::clientbound as cb;
use mcproto_packets::play::serverbound as sb;
use mcproto_packets::version::supported;
use mcproto_packets::{
    PlayClientbound, PlayClientboundHandler, PlayServerbound, PlayServerboundHandler, registry,
};

/// Takes a few packets by method (the first, a middle and the last variant,
/// borrowing ones) and gives each back as the group value it came from,
/// named by the method that got it.
struct Serverbound;

impl<'a> PlayServerboundHandler<'a> for Serverbound {
    type Output = (&'static str, PlayServerbound<'a>);
    fn packet(&mut self, packet: PlayServerbound<'a>) -> Self::Output {
        ("packet", packet)
    }
    fn keep_alive(&mut self, p: sb::KeepAlive) -> Self::Output {
        ("keep_alive", PlayServerbound::KeepAlive(p))
    }
    fn chat_message(&mut self, p: sb::ChatMessage<'a>) -> Self::Output {
        ("chat_message", PlayServerbound::ChatMessage(p))
    }
    fn player_position_and_look(&mut self, p: sb::PlayerPositionAndLook) -> Self::Output {
        (
            "player_position_and_look",
            PlayServerbound::PlayerPositionAndLook(p),
        )
    }
    fn click_window(&mut self, p: sb::ClickWindow) -> Self::Output {
        ("click_window", PlayServerbound::ClickWindow(Box::new(p)))
    }
    fn plugin_message(&mut self, p: sb::PluginMessage<'a>) -> Self::Output {
        ("plugin_message", PlayServerbound::PluginMessage(p))
    }
    fn craft_recipe_request(&mut self, p: sb::CraftRecipeRequest) -> Self::Output {
        (
            "craft_recipe_request",
            PlayServerbound::CraftRecipeRequest(p),
        )
    }
}

struct Clientbound;

impl<'a> PlayClientboundHandler<'a> for Clientbound {
    type Output = (&'static str, PlayClientbound<'a>);
    fn packet(&mut self, packet: PlayClientbound<'a>) -> Self::Output {
        ("packet", packet)
    }
    fn join_game(&mut self, p: cb::JoinGame) -> Self::Output {
        ("join_game", PlayClientbound::JoinGame(Box::new(p)))
    }
    fn chunk_data(&mut self, p: cb::ChunkData<'a>) -> Self::Output {
        ("chunk_data", PlayClientbound::ChunkData(Box::new(p)))
    }
    fn entity_relative_move(&mut self, p: cb::EntityRelativeMove) -> Self::Output {
        (
            "entity_relative_move",
            PlayClientbound::EntityRelativeMove(p),
        )
    }
    fn plugin_message(&mut self, p: cb::PluginMessage<'a>) -> Self::Output {
        ("plugin_message", PlayClientbound::PluginMessage(p))
    }
}

/// The packets `Serverbound` has a method for, by name.
const SERVERBOUND_METHODS: &[(&str, &str)] = &[
    ("KeepAlive", "keep_alive"),
    ("ChatMessage", "chat_message"),
    ("PlayerPositionAndLook", "player_position_and_look"),
    ("ClickWindow", "click_window"),
    ("PluginMessage", "plugin_message"),
    ("CraftRecipeRequest", "craft_recipe_request"),
];

/// The packets `Clientbound` has a method for, by name.
const CLIENTBOUND_METHODS: &[(&str, &str)] = &[
    ("JoinGame", "join_game"),
    ("ChunkData", "chunk_data"),
    ("EntityRelativeMove", "entity_relative_move"),
    ("PluginMessage", "plugin_message"),
];

/// The method a handler with `methods` has for the packet `name`.
fn method_for(name: &str, methods: &[(&str, &'static str)]) -> &'static str {
    methods
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("packet", |(_, m)| m)
}

/// Seed bytes for the packet generator.
fn seed(i: u64) -> Vec<u8> {
    let mut x = 0x9e37_79b9_7f4a_7c15u64 ^ i;
    (0..512)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

const PER_VERSION: u64 = 400;

/// For every version, `PER_VERSION` generated packets of `$group`: the
/// handler's method (or `packet`) gets what `decode` returns, compared by
/// name and by bytes (a generated float may be NaN).
macro_rules! agrees_with_decode {
    ($group:ident, $handler:ident, $methods:expr, $salt:expr) => {
        for v in supported() {
            let registry: &Registry = registry(v).unwrap();
            let decoder = registry.group_decoder::<$group>();
            let bytes = |p: &$group<'_>| {
                let mut b = Vec::new();
                p.encode_into(registry, &mut b).unwrap();
                b
            };
            let mut by_method = 0;
            for i in 0..PER_VERSION {
                let data = seed(i ^ $salt);
                let packet = $group::generate(&mut Gen::new(&data, v), registry);
                let frame = bytes(&packet);
                let decoded = decoder.decode(&frame).unwrap();
                assert_eq!(bytes(&decoded), frame, "{v:?}: the decode itself");
                let (method, handled) = decoder.handle(&frame, &mut $handler).unwrap();
                let name = decoded.name();
                assert_eq!(method, method_for(name, $methods), "{v:?} {name}");
                assert_eq!(handled.name(), name);
                assert_eq!(bytes(&handled), frame, "{v:?}");
                by_method += usize::from(method != "packet");
            }
            assert!(by_method > 0, "{v:?}: no packet reached a method");
        }
    };
}

#[test]
fn serverbound_handler_agrees_with_decode_for_every_version() {
    agrees_with_decode!(PlayServerbound, Serverbound, SERVERBOUND_METHODS, 0);
}

#[test]
fn clientbound_handler_agrees_with_decode_for_every_version() {
    agrees_with_decode!(PlayClientbound, Clientbound, CLIENTBOUND_METHODS, 0xc1);
}

#[test]
fn unknown_ids_and_errors_are_those_of_decode() {
    let v = ProtocolVersion(47);
    let decoder = registry(v).unwrap().group_decoder::<PlayServerbound>();
    // An id the registry does not know, a long (two-byte) id, a truncated
    // Player Position And Look (0x06), trailing bytes after Keep Alive,
    // a truncated id.
    let frames: [&[u8]; 5] = [
        &[0x7f, 1, 2],
        &[0xff, 0x01, 9],
        &[0x06, 0, 0, 0],
        &[0x00, 0x01, 0xff],
        &[0x80],
    ];
    for frame in frames {
        let by_decode = decoder.decode(frame);
        let by_handler = decoder.handle(frame, &mut Serverbound);
        match (by_decode, by_handler) {
            (Ok(d), Ok((method, h))) => {
                assert_eq!(method, "packet");
                assert_eq!(h, d);
                assert!(matches!(h, PlayServerbound::Unknown(_)), "{h:?}");
            }
            (Err(d), Err(h)) => assert_eq!(d.to_string(), h.to_string()),
            (d, h) => panic!("{frame:?}: decode {d:?}, handler {h:?}"),
        }
    }
    // The error names the packet and the field.
    let e = decoder
        .handle(&[0x06, 0, 0, 0], &mut Serverbound)
        .unwrap_err();
    let text = e.to_string();
    assert!(text.contains("PlayerPositionAndLook"), "{text}");
}
