//! Packets the client sends in the play state, by topic. Every packet is
//! re-exported here, so its path is `play::serverbound::Name` whatever file
//! holds it.

mod advancements;
mod chat;
mod connection;
mod crafting;
mod interaction;
mod inventory;
mod movement;

pub use advancements::*;
pub use chat::*;
pub use connection::*;
pub use crafting::*;
pub use interaction::*;
pub use inventory::*;
pub use movement::*;
