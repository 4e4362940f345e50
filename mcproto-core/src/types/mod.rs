//! The protocol's data types.

pub mod chat;
pub mod nbt;
pub mod position;
pub mod primitives;
pub mod repr;
pub mod seq;
pub mod slot;
pub mod status;
pub mod string;
pub mod varint;

pub use chat::{Chat, TextComponent, TextObject};
pub use nbt::Nbt;
pub use position::{Angle, FixedFloat, Position};
pub use repr::{IntRepr, IntValue};
pub use slot::{ItemStack, Metadata, MetadataEntry, MetadataValue, Slot};
pub use status::{ServerStatus, StatusPlayer, StatusPlayers, StatusVersion};
pub use string::{DEFAULT_MAX_STRING, SharedStr};
pub use uuid::Uuid;
pub use varint::{VarInt, VarLong};
