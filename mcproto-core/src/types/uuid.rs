//! UUIDs on the wire (16 bytes, most significant first), and the UUIDs
//! offline-mode servers give players.

pub use ::uuid::Uuid;

use crate::codec::{Decode, Encode, Reader, Writer};
use crate::error::Result;
#[cfg(feature = "generate")]
use crate::generate::{Gen, Generate};
use crate::schema::{Describe, WireType};
use crate::version::ProtocolVersion;

impl Encode for Uuid {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        w.put_slice(self.as_bytes());
        Ok(())
    }
    const FIXED_SIZE: Option<usize> = Some(16);
    #[inline(always)]
    fn encode_fixed(&self, out: &mut [u8], _: ProtocolVersion) {
        crate::types::primitives::put_fixed(out, *self.as_bytes());
    }
}

/// Sixteen bytes: the most significant 64 bits first.
impl<'a> Decode<'a> for Uuid {
    const MIN_SIZE: usize = 16;
    #[inline]
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Ok(Uuid::from_bytes(r.take_array::<16>("UUID")?))
    }
}

impl Describe for Uuid {
    fn describe(_: ProtocolVersion) -> WireType {
        WireType::Named("UUID")
    }
}

#[cfg(feature = "generate")]
impl Generate for Uuid {
    fn generate(g: &mut Gen<'_>) -> Self {
        Uuid::from_u64_pair(g.u64(), g.u64())
    }
}

/// The UUID an offline-mode server gives `name`: version 3 (MD5) of
/// `"OfflinePlayer:<name>"`, as Java's `UUID.nameUUIDFromBytes`.
pub fn offline_uuid(name: &str) -> Uuid {
    use md5::{Digest, Md5};
    let mut bytes: [u8; 16] = Md5::digest(format!("OfflinePlayer:{name}").as_bytes()).into();
    bytes[6] = (bytes[6] & 0x0f) | 0x30;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    Uuid::from_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::encode_to_vec;
    use crate::version::ProtocolVersion;

    const V: ProtocolVersion = ProtocolVersion(47);

    fn hex(s: &str) -> Vec<u8> {
        s.split_whitespace()
            .map(|b| u8::from_str_radix(b, 16).unwrap())
            .collect()
    }

    #[test]
    fn uuid_is_sixteen_bytes_in_order() {
        let u = Uuid::parse_str("b50ad385-829d-3141-a216-7e7d7539ba7f").unwrap();
        assert_eq!(
            encode_to_vec(&u, V).unwrap(),
            hex("b5 0a d3 85 82 9d 31 41 a2 16 7e 7d 75 39 ba 7f")
        );
    }

    #[test]
    fn offline_uuid_vector() {
        // From wiki.vg's Protocol Encryption page (offline UUIDs).
        assert_eq!(
            offline_uuid("Notch").to_string(),
            "b50ad385-829d-3141-a216-7e7d7539ba7f"
        );
    }
}
