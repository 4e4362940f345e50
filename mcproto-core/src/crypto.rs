//! Login encryption: the RSA key exchange, the server hash, and offline
//! UUIDs.
//!
//! The stream cipher itself (AES-128/CFB8, key = IV = shared secret) lives
//! in [`frame`](crate::frame).

use sha1::{Digest, Sha1};

use crate::conn::CryptoError;

type Result<T> = std::result::Result<T, CryptoError>;

/// Minecraft's hex form of a SHA-1 digest: the 20 bytes read as a signed
/// big-endian number, printed in lower-case hex without leading zeros,
/// with a `-` when negative (Java's `new BigInteger(digest).toString(16)`).
pub fn minecraft_hex_digest(digest: [u8; 20]) -> String {
    let negative = digest[0] & 0x80 != 0;
    let mut bytes = digest;
    if negative {
        // Two's complement negation: invert, then add one.
        for b in bytes.iter_mut() {
            *b = !*b;
        }
        for b in bytes.iter_mut().rev() {
            let (v, carry) = b.overflowing_add(1);
            *b = v;
            if !carry {
                break;
            }
        }
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let trimmed = hex.trim_start_matches('0');
    let digits = if trimmed.is_empty() { "0" } else { trimmed };
    if negative {
        format!("-{digits}")
    } else {
        digits.to_owned()
    }
}

/// The server hash both sides send to the session server: SHA-1 over the
/// server id (ISO-8859-1), the shared secret and the DER public key.
pub fn server_hash(server_id: &str, shared_secret: &[u8], public_key_der: &[u8]) -> String {
    let mut h = Sha1::new();
    // Server ids are ASCII in practice; ISO-8859-1 maps each char to one byte.
    h.update(
        server_id
            .chars()
            .map(|c| c as u32 as u8)
            .collect::<Vec<u8>>(),
    );
    h.update(shared_secret);
    h.update(public_key_der);
    minecraft_hex_digest(h.finalize().into())
}

/// A server's RSA key pair (1024-bit, as vanilla).
#[derive(Clone)]
pub struct ServerKey {
    private: rsa::RsaPrivateKey,
    public_der: Vec<u8>,
}

impl std::fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerKey")
            .field("public_der_len", &self.public_der.len())
            .finish()
    }
}

impl ServerKey {
    /// A new random key pair.
    pub fn generate() -> Result<Self> {
        use rsa::pkcs8::EncodePublicKey;
        let private = rsa::RsaPrivateKey::new(&mut rand::rngs::OsRng, 1024)
            .map_err(|_| CryptoError::KeyGeneration)?;
        let public_der = private
            .to_public_key()
            .to_public_key_der()
            .map_err(|_| CryptoError::KeyEncoding)?
            .as_bytes()
            .to_vec();
        Ok(ServerKey {
            private,
            public_der,
        })
    }

    /// The public key as sent in Encryption Request (DER SubjectPublicKeyInfo).
    pub fn public_der(&self) -> &[u8] {
        &self.public_der
    }

    /// Decrypts a value the client encrypted with the public key.
    pub fn decrypt(&self, data: &[u8]) -> Result<Vec<u8>> {
        self.private
            .decrypt(rsa::Pkcs1v15Encrypt, data)
            .map_err(|_| CryptoError::Decrypt)
    }
}

/// Encrypts `data` with a server's DER public key (PKCS#1 v1.5), as the
/// client does for the shared secret and the verify token.
pub fn encrypt_for_server(public_key_der: &[u8], data: &[u8]) -> Result<Vec<u8>> {
    use rsa::pkcs8::DecodePublicKey;
    let key = rsa::RsaPublicKey::from_public_key_der(public_key_der)
        .map_err(|_| CryptoError::InvalidPublicKey)?;
    key.encrypt(&mut rand::rngs::OsRng, rsa::Pkcs1v15Encrypt, data)
        .map_err(|_| CryptoError::Encrypt)
}

/// A random 16-byte shared secret.
pub fn random_secret() -> [u8; 16] {
    use rand::RngCore;
    let mut s = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut s);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha1_of(s: &str) -> [u8; 20] {
        Sha1::digest(s.as_bytes()).into()
    }

    #[test]
    fn server_hash_vectors() {
        // Vectors from wiki.vg's Protocol Encryption page (server hashes of "Notch", "jeb_", "simon").
        assert_eq!(
            minecraft_hex_digest(sha1_of("Notch")),
            "4ed1f46bbe04bc756bcb17c0c7ce3e4632f06a48"
        );
        assert_eq!(
            minecraft_hex_digest(sha1_of("jeb_")),
            "-7c9d5b0044c130109a5d7b5fb5c317c02b4e28c1"
        );
        assert_eq!(
            minecraft_hex_digest(sha1_of("simon")),
            "88e16a1019277b15d58faf0541e11910eb756f6"
        );
        assert_eq!(
            server_hash("Notch", &[], &[]),
            "4ed1f46bbe04bc756bcb17c0c7ce3e4632f06a48"
        );
    }

    #[test]
    fn rsa_exchange() {
        let key = ServerKey::generate().unwrap();
        let secret = random_secret();
        let sealed = encrypt_for_server(key.public_der(), &secret).unwrap();
        assert_eq!(sealed.len(), 128);
        assert_eq!(key.decrypt(&sealed).unwrap(), secret);
        assert!(key.decrypt(&[0u8; 128]).is_err());
        assert!(encrypt_for_server(&[1, 2, 3], &secret).is_err());
    }
}
