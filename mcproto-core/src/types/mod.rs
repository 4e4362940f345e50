//! The protocol's data types.

pub mod angle;
pub mod chat;
pub mod float;
pub mod java_utf;
pub mod metadata;
pub mod nbt;
pub mod position;
pub mod primitives;
pub mod repr;
pub mod seq;
pub mod slot;
pub mod status;
pub mod string;
mod uuid;
pub mod varint;

pub use self::uuid::{Uuid, offline_uuid};
pub use angle::Angle;
pub use chat::{Chat, TextComponent, TextObject};
pub use float::FixedFloat;
pub use metadata::{Facing, Metadata, MetadataEntry, MetadataValue};
pub use nbt::Nbt;
pub use position::Position;
pub use repr::{IntRepr, IntValue};
pub use slot::{ItemStack, Slot};
pub use status::{ServerStatus, StatusPlayer, StatusPlayers, StatusVersion};
pub use string::DEFAULT_MAX_STRING;

pub use varint::{VarInt, VarLong};
