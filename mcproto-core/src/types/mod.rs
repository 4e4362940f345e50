//! The protocol's data types.

pub mod chat;
pub mod float;
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
pub use float::FixedFloat;
pub use nbt::Nbt;
pub use position::{Angle, Position};
pub use repr::{IntRepr, IntValue};
pub use slot::{ItemStack, Metadata, MetadataEntry, MetadataValue, Slot};
pub use status::{ServerStatus, StatusPlayer, StatusPlayers, StatusVersion};
pub use string::{DEFAULT_MAX_STRING, SharedStr};
pub use uuid::Uuid;

/// The UUID an offline-mode server gives `name`: version 3 (MD5) of
/// `"OfflinePlayer:<name>"`, as Java's `UUID.nameUUIDFromBytes`.
pub fn offline_uuid(name: &str) -> Uuid {
    use md5::{Digest, Md5};
    let mut bytes: [u8; 16] = Md5::digest(format!("OfflinePlayer:{name}").as_bytes()).into();
    bytes[6] = (bytes[6] & 0x0f) | 0x30;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    Uuid::from_bytes(bytes)
}

pub use varint::{VarInt, VarLong};

#[cfg(test)]
mod tests {
    #[test]
    fn offline_uuid_vector() {
        // From wiki.vg's Protocol Encryption page (offline UUIDs).
        assert_eq!(
            super::offline_uuid("Notch").to_string(),
            "b50ad385-829d-3141-a216-7e7d7539ba7f"
        );
    }
}
