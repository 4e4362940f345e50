//! The play state: the game itself.
//!
//! Packets keep wiki.vg's names; where a name exists in both directions
//! (Keep Alive, Chat Message, Plugin Message...), the module tells them apart:
//! `play::clientbound::KeepAlive` and `play::serverbound::KeepAlive`.

pub mod bungeecord;
pub mod channels;
pub mod chunk;
pub mod clientbound;
pub mod serverbound;
pub mod types;
