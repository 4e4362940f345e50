//! A fork of protocol 47, written as a downstream crate would write it:
//! it depends only on `mcproto`, declares its own packets and wire types
//! with the derive, and builds its registry from the standard one.
//!
//! The fork, protocol number 1047:
//! - adds [`PlayEmote`] (serverbound play 0x1A, free in 47),
//! - replaces the serverbound Chat Message (0x01) with [`ColoredChat`],
//! - removes the clientbound Camera packet (0x43),
//! - moves the clientbound Title packet from 0x45 to 0x4A,
//! - and inherits everything else from protocol 47.
//!
//! [`ForkServerbound`] is the fork's own packet group: its two packets and
//! the standard ones it cares about, each a variant to `match` on. The
//! standard packets it leaves out still arrive, typed, as `Other`.

use mcproto::packets::play::{clientbound, serverbound};
use mcproto::prelude::*;

/// The fork's protocol number.
pub const FORK_VERSION: ProtocolVersion = ProtocolVersion(1047);

/// A colour: a wire type of the fork's own.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

/// What an emote does; the tag selects the fields that follow.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[mc(tag = u8)]
pub enum Emote {
    /// Wave a hand.
    #[mc(tag = 0)]
    Wave,
    /// Dance at some speed.
    #[mc(tag = 1)]
    Dance {
        /// Beats per second.
        speed: f32,
    },
    /// Show a speech bubble.
    #[mc(tag = 2)]
    Say {
        /// The text.
        #[mc(max_len = 64)]
        text: String,
    },
}

/// A player plays an emote (new in the fork), at an id free in 47.
#[derive(Packet, Debug, Clone, PartialEq)]
#[packet(id = 0x1A, state = Play, direction = Serverbound)]
pub struct PlayEmote {
    /// The player's entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// The emote.
    pub emote: Emote,
    /// How strongly, 0–255; the fork's own protocol version only, so a
    /// plain protocol-47 encoding of this packet leaves it out.
    #[mc(since = 1047)]
    pub intensity: Option<u8>,
}

/// The fork's chat message: text plus a colour, at the standard id 0x01.
#[derive(Packet, Debug, Clone, PartialEq)]
#[packet(id = 0x01, state = Play, direction = Serverbound)]
pub struct ColoredChat {
    /// The text, as in the standard packet.
    #[mc(max_len = 100)]
    pub message: String,
    /// Its colour.
    pub color: Rgb,
}

packet_group! {
    /// The serverbound play packets the fork's server handles itself.
    #[derive(Debug, Clone, PartialEq)]
    pub enum ForkServerbound(Play, Serverbound) {
        PlayEmote,
        ColoredChat,
        KeepAlive = serverbound::KeepAlive,
        PlayerPosition = serverbound::PlayerPosition,
    }
}

/// The fork's registry: protocol 47 with the changes listed above.
pub fn fork_registry() -> Result<Registry, ConnectionError> {
    let base = mcproto::packets::registry(mcproto::packets::version::V1_8)?;
    let fork = base
        .to_builder()
        .version(FORK_VERSION)
        .register::<PlayEmote>()
        .replace::<serverbound::ChatMessage, ColoredChat>()
        .remove::<clientbound::Camera>()
        .renumber::<clientbound::Title>(0x4A)
        .build()?;
    Ok(fork)
}
