//! The login state: name, encryption, compression.

/// Packets the server sends in the login state.
pub mod clientbound {
    use std::borrow::Cow;

    use mcproto_core::{Chat, Packet, Uuid};

    /// Refuses the login, with a reason shown to the player.
    #[derive(Packet, Debug, Clone, PartialEq)]
    #[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[packet(state = Login, direction = Clientbound)]
    pub struct Disconnect {
        /// Why, as a chat component.
        pub reason: Chat,
    }

    /// Starts encryption (online-mode servers only).
    #[derive(Packet, Debug, Clone, PartialEq)]
    #[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[packet(state = Login, direction = Clientbound)]
    pub struct EncryptionRequest<'a> {
        /// Input to the server hash; vanilla sends "".
        #[mc(max_len = 20)]
        pub server_id: Cow<'a, str>,
        /// RSA public key, ASN.1 DER (SubjectPublicKeyInfo).
        pub public_key: Cow<'a, [u8]>,
        /// Random bytes the client must send back encrypted.
        pub verify_token: Cow<'a, [u8]>,
    }

    /// Ends the login; the connection is now in the play state.
    #[derive(Packet, Debug, Clone, PartialEq)]
    #[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[packet(state = Login, direction = Clientbound)]
    pub struct LoginSuccess<'a> {
        /// The player's UUID as text with hyphens (not 16 bytes); kept as
        /// sent, see [`LoginSuccess::uuid`].
        #[mc(max_len = 36)]
        pub uuid: Cow<'a, str>,
        /// The player's name.
        #[mc(max_len = 16)]
        pub username: Cow<'a, str>,
    }

    impl LoginSuccess<'_> {
        /// The UUID, if the text is one.
        pub fn uuid(&self) -> Option<Uuid> {
            Uuid::parse_str(&self.uuid).ok()
        }
    }

    /// Turns on compression for every later packet in both directions.
    #[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
    #[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[packet(state = Login, direction = Clientbound)]
    pub struct SetCompression {
        /// Packets at least this long are compressed; negative disables.
        #[mc(varint)]
        pub threshold: i32,
    }
}

/// Packets the client sends in the login state.
pub mod serverbound {
    use std::borrow::Cow;

    use mcproto_core::Packet;

    /// Starts the login with the player's name.
    #[derive(Packet, Debug, Clone, PartialEq)]
    #[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[packet(state = Login, direction = Serverbound)]
    pub struct LoginStart<'a> {
        /// Player name.
        #[mc(max_len = 16)]
        pub name: Cow<'a, str>,
    }

    /// The client's answer to an Encryption Request.
    #[derive(Packet, Debug, Clone, PartialEq)]
    #[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[packet(state = Login, direction = Serverbound)]
    pub struct EncryptionResponse<'a> {
        /// The 16-byte AES key, RSA-encrypted with the server's public key.
        pub shared_secret: Cow<'a, [u8]>,
        /// The verify token, RSA-encrypted the same way.
        pub verify_token: Cow<'a, [u8]>,
    }
}
