//! Packets the server sends in the play state, by topic. Every packet is
//! re-exported here, so its path is `play::clientbound::Name` whatever file
//! holds it.

mod advancements;
mod blocks;
mod chat;
mod connection;
mod crafting;
mod entities;
mod hud;
mod inventory;
mod player;
mod scoreboard;
mod world;

pub use advancements::*;
pub use blocks::*;
pub use chat::*;
pub use connection::*;
pub use crafting::*;
pub use entities::*;
pub use hud::*;
pub use inventory::*;
pub use player::*;
pub use scoreboard::*;
pub use world::*;
