//! Typed plugin-channel payloads.
//!
//! A Plugin Message carries a channel name and bytes whose layout the
//! channel defines. A [`ChannelPayload`] is a type that knows its channel
//! and layout (any `Encode + Decode` type, so the derive works here too);
//! [`Channels`] holds the payloads a program understands and turns a
//! Plugin Message into a [`ChannelMessage`]: typed for registered channels,
//! raw bytes for the rest.
//!
//! ```
//! use mcproto_packets::play::channels::{Brand, ChannelMessage, Channels};
//! use mcproto_packets::play::clientbound::PluginMessage;
//! # use mcproto_core::ProtocolVersion;
//! let msg = PluginMessage::with_payload(&Brand("vanilla".into()), ProtocolVersion(47)).unwrap();
//! assert_eq!(&msg.data[..], b"\x07vanilla");
//! let channels = Channels::standard();
//! match channels.decode(&msg.channel, &msg.data, ProtocolVersion(47)).unwrap() {
//!     ChannelMessage::Typed(p) => assert_eq!(p.downcast_ref::<Brand>().unwrap().0, "vanilla"),
//!     ChannelMessage::Raw { .. } => unreachable!(),
//! }
//! ```

use std::any::Any;
use std::borrow::Cow;
use std::collections::HashMap;

use mcproto_core::codec::{decode_exact, encode_to_vec};
use mcproto_core::{Decode, Describe, Encode, ProtocolVersion, Reader, Result, WireType, Writer};

use super::{clientbound, serverbound};

/// A payload type with its channel name.
pub trait ChannelPayload:
    Encode + for<'a> Decode<'a> + std::fmt::Debug + Send + Sync + 'static
{
    /// The channel, e.g. `MC|Brand`.
    const CHANNEL: &'static str;
}

/// A decoded payload of a registered channel.
pub trait AnyPayload: std::fmt::Debug + Send + Sync {
    /// The channel name.
    fn channel(&self) -> &'static str;
    /// For downcasting.
    fn as_any(&self) -> &dyn Any;
}

impl<T: ChannelPayload> AnyPayload for T {
    fn channel(&self) -> &'static str {
        T::CHANNEL
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl dyn AnyPayload {
    /// The payload as a `T`, if it is one.
    pub fn downcast_ref<T: 'static>(&self) -> Option<&T> {
        self.as_any().downcast_ref()
    }
}

/// A plugin message's content, typed when its channel is registered.
#[derive(Debug)]
pub enum ChannelMessage<'a> {
    /// A registered channel's payload.
    Typed(Box<dyn AnyPayload>),
    /// An unregistered channel: the bytes as received, borrowed from the
    /// message.
    Raw {
        /// The channel name.
        channel: &'a str,
        /// The payload bytes.
        data: &'a [u8],
    },
}

type PayloadDecoder = fn(&[u8], ProtocolVersion) -> Result<Box<dyn AnyPayload>>;

fn decode_payload<T: ChannelPayload>(
    data: &[u8],
    version: ProtocolVersion,
) -> Result<Box<dyn AnyPayload>> {
    decode_exact::<T>(data, version).map(|p| Box::new(p) as Box<dyn AnyPayload>)
}

/// The channels a program understands.
#[derive(Debug, Clone, Default)]
pub struct Channels {
    decoders: HashMap<&'static str, PayloadDecoder>,
}

impl Channels {
    /// No channels.
    pub fn new() -> Self {
        Self::default()
    }

    /// The channels vanilla 1.8 uses: `MC|Brand`, `REGISTER`, `UNREGISTER`.
    pub fn standard() -> Self {
        Self::new()
            .with::<Brand>()
            .with::<Register>()
            .with::<Unregister>()
    }

    /// Adds channel `T`.
    #[must_use]
    pub fn with<T: ChannelPayload>(mut self) -> Self {
        self.decoders.insert(T::CHANNEL, decode_payload::<T>);
        self
    }

    /// Whether `channel` is registered.
    pub fn contains(&self, channel: &str) -> bool {
        self.decoders.contains_key(channel)
    }

    /// Decodes `data` received on `channel`: typed if registered (and then
    /// it must decode exactly), raw otherwise.
    pub fn decode<'a>(
        &self,
        channel: &'a str,
        data: &'a [u8],
        version: ProtocolVersion,
    ) -> Result<ChannelMessage<'a>> {
        match self.decoders.get(channel) {
            Some(decode) => decode(data, version).map(ChannelMessage::Typed),
            None => Ok(ChannelMessage::Raw { channel, data }),
        }
    }
}

macro_rules! payload_accessors {
    ($ty:ty) => {
        impl $ty {
            /// A Plugin Message carrying `payload` on its channel.
            pub fn with_payload<T: ChannelPayload>(
                payload: &T,
                version: ProtocolVersion,
            ) -> Result<Self> {
                Ok(Self {
                    channel: Cow::Borrowed(T::CHANNEL),
                    data: Cow::Owned(encode_to_vec(payload, version)?),
                })
            }

            /// The payload as a `T`: `None` if the channel is not `T`'s.
            pub fn payload<T: ChannelPayload>(
                &self,
                version: ProtocolVersion,
            ) -> Option<Result<T>> {
                (self.channel == T::CHANNEL).then(|| decode_exact::<T>(&self.data, version))
            }
        }
    };
}

payload_accessors!(clientbound::PluginMessage<'_>);
payload_accessors!(serverbound::PluginMessage<'_>);

/// `MC|Brand`: the server or client brand, e.g. "vanilla" (a String).
#[derive(Encode, Decode, Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Brand(pub String);

impl ChannelPayload for Brand {
    const CHANNEL: &'static str = "MC|Brand";
}

/// Channel names separated by NUL bytes, filling the payload (REGISTER and
/// UNREGISTER).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ChannelList(pub Vec<String>);

impl Encode for ChannelList {
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        for (i, c) in self.0.iter().enumerate() {
            if i > 0 {
                w.put_u8(0);
            }
            w.put_slice(c.as_bytes());
        }
        Ok(())
    }
}

impl<'a> Decode<'a> for ChannelList {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let rest = r.take_rest();
        if rest.is_empty() {
            return Ok(ChannelList(Vec::new()));
        }
        rest.split(|b| *b == 0)
            .map(|name| {
                std::str::from_utf8(name)
                    .map(String::from)
                    .map_err(|_| mcproto_core::Error::new(mcproto_core::ErrorKind::InvalidUtf8))
            })
            .collect::<Result<Vec<_>>>()
            .map(ChannelList)
    }
}

impl Describe for ChannelList {
    fn describe(_: ProtocolVersion) -> WireType {
        WireType::Named("NUL-separated channel names")
    }
}

/// `REGISTER`: channels the sender listens on.
#[derive(Encode, Decode, Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Register(pub ChannelList);

impl ChannelPayload for Register {
    const CHANNEL: &'static str = "REGISTER";
}

/// `UNREGISTER`: channels the sender no longer listens on.
#[derive(Encode, Decode, Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Unregister(pub ChannelList);

impl ChannelPayload for Unregister {
    const CHANNEL: &'static str = "UNREGISTER";
}

#[cfg(test)]
mod tests {
    use super::*;

    const V: ProtocolVersion = ProtocolVersion(47);

    #[test]
    fn brand_and_register_payloads() {
        // MC|Brand "vanilla": a String, 07 + 7 ASCII bytes.
        let msg = serverbound::PluginMessage {
            channel: "MC|Brand".into(),
            data: b"\x07vanilla"[..].into(),
        };
        assert_eq!(
            msg.payload::<Brand>(V).unwrap().unwrap(),
            Brand("vanilla".into())
        );
        assert!(msg.payload::<Register>(V).is_none());
        // REGISTER "a\0bc".
        let reg = Register(ChannelList(vec!["a".into(), "bc".into()]));
        let msg = clientbound::PluginMessage::with_payload(&reg, V).unwrap();
        assert_eq!((&*msg.channel, &msg.data[..]), ("REGISTER", &b"a\0bc"[..]));
        let channels = Channels::standard();
        match channels.decode(&msg.channel, &msg.data, V).unwrap() {
            ChannelMessage::Typed(p) => assert_eq!(p.downcast_ref::<Register>(), Some(&reg)),
            ChannelMessage::Raw { .. } => panic!("REGISTER is registered"),
        }
        // Unknown channels stay raw, byte for byte.
        let raw = channels.decode("MyMod", &[1, 2, 3], V).unwrap();
        assert!(
            matches!(raw, ChannelMessage::Raw { channel, data } if channel == "MyMod" && data[..] == [1, 2, 3])
        );
        // A registered channel with a malformed payload is an error, not raw.
        assert!(channels.decode("MC|Brand", &[9], V).is_err());
    }
}
