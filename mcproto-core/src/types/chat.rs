//! Chat: a string holding a JSON text component.
//!
//! [`Chat`] keeps the JSON text exactly as received, so re-encoding gives the
//! same bytes and a peer's non-JSON text never fails to decode; [`Chat::parse`]
//! turns it into a typed [`TextComponent`] when needed.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::codec::{Decode, DecodeBounded, Encode, EncodeBounded, Reader, Writer};
use crate::error::{Error, ErrorKind, Result};
#[cfg(feature = "generate")]
use crate::generate::{Gen, Generate, GenerateBounded};
use crate::schema::{Describe, WireType};
use crate::types::string::{DEFAULT_MAX_STRING, SharedStr};
use crate::version::ProtocolVersion;

/// A chat component in its JSON text form.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Chat(SharedStr);

impl Chat {
    /// Raw JSON text, sent as is.
    pub fn from_json(json: impl Into<SharedStr>) -> Self {
        Chat(json.into())
    }

    /// A plain-text message: `{"text":"..."}`.
    pub fn text(text: &str) -> Self {
        Chat::from_component(&TextComponent::text(text))
    }

    /// The JSON form of a component.
    pub fn from_component(c: &TextComponent) -> Self {
        // Serialising a TextComponent cannot fail: it holds only strings,
        // booleans, vectors and JSON values.
        Chat(serde_json::to_string(c).unwrap_or_default().into())
    }

    /// The JSON text.
    pub fn json(&self) -> &str {
        &self.0
    }

    /// Parses the JSON into a component.
    pub fn parse(&self) -> Result<TextComponent> {
        serde_json::from_str(&self.0).map_err(|e| {
            Error::new(ErrorKind::Json {
                line: e.line(),
                column: e.column(),
            })
        })
    }

    /// The text a player would read, without formatting: the component's
    /// text and its children in order, or the raw JSON if it does not parse.
    pub fn to_plain(&self) -> String {
        match self.parse() {
            Ok(c) => c.to_plain(),
            Err(_) => self.0.to_string(),
        }
    }
}

impl fmt::Debug for Chat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Chat({:?})", self.json())
    }
}

impl From<TextComponent> for Chat {
    fn from(c: TextComponent) -> Self {
        Chat::from_component(&c)
    }
}

impl Encode for Chat {
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        self.0.encode_bounded(w, DEFAULT_MAX_STRING)
    }
}

impl<'a> Decode<'a> for Chat {
    const MIN_SIZE: usize = 1;
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        SharedStr::decode_bounded(r, DEFAULT_MAX_STRING).map(Chat)
    }
}

impl<'a> DecodeBounded<'a> for Chat {
    fn decode_bounded(r: &mut Reader<'a>, max: usize) -> Result<Self> {
        SharedStr::decode_bounded(r, max).map(Chat)
    }
}

impl EncodeBounded for Chat {
    fn encode_bounded(&self, w: &mut Writer<'_>, max: usize) -> Result<()> {
        self.0.encode_bounded(w, max)
    }
}

impl Describe for Chat {
    fn describe(_: ProtocolVersion) -> WireType {
        WireType::Named("Chat")
    }
}

#[cfg(feature = "generate")]
impl Generate for Chat {
    fn generate(g: &mut Gen<'_>) -> Self {
        if g.bool() {
            Chat::text(&g.string(40))
        } else {
            Chat::from_json(g.string(40))
        }
    }
}

#[cfg(feature = "generate")]
impl GenerateBounded for Chat {
    fn generate_bounded(g: &mut Gen<'_>, max: usize) -> Self {
        let chat = Chat::generate(g);
        if chat.0.encode_utf16().count() <= max {
            chat
        } else {
            // Raw text of at most `max` characters (Chat keeps any string).
            Chat::from_json(g.string(max))
        }
    }
}

/// A JSON text component: a plain string, an object, or an array whose
/// first element is the parent of the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TextComponent {
    /// `"text"`.
    Plain(String),
    /// `{"text": ..., "color": ..., "extra": [...]}`.
    Object(Box<TextObject>),
    /// `[first, ...]`.
    Array(Vec<TextComponent>),
}

impl TextComponent {
    /// A component holding plain text.
    pub fn text(text: impl Into<String>) -> Self {
        TextComponent::Object(Box::new(TextObject {
            text: Some(text.into()),
            ..TextObject::default()
        }))
    }

    /// The text without formatting, children included.
    pub fn to_plain(&self) -> String {
        let mut out = String::new();
        self.push_plain(&mut out);
        out
    }

    fn push_plain(&self, out: &mut String) {
        match self {
            TextComponent::Plain(s) => out.push_str(s),
            TextComponent::Array(items) => items.iter().for_each(|c| c.push_plain(out)),
            TextComponent::Object(o) => {
                if let Some(t) = &o.text {
                    out.push_str(t);
                } else if let Some(t) = &o.translate {
                    out.push_str(t);
                    if !o.with.is_empty() {
                        out.push('(');
                        for (i, arg) in o.with.iter().enumerate() {
                            if i > 0 {
                                out.push_str(", ");
                            }
                            arg.push_plain(out);
                        }
                        out.push(')');
                    }
                }
                o.extra.iter().for_each(|c| c.push_plain(out));
            }
        }
    }
}

/// The object form of a text component (1.8 keys).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TextObject {
    /// Literal text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// A translation key, e.g. `chat.type.text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translate: Option<String>,
    /// Arguments of the translation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub with: Vec<TextComponent>,
    /// Colour name, e.g. `yellow`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Bold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bold: Option<bool>,
    /// Italic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub italic: Option<bool>,
    /// Underlined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub underlined: Option<bool>,
    /// Struck through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strikethrough: Option<bool>,
    /// Obfuscated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub obfuscated: Option<bool>,
    /// Text inserted into the chat box on shift-click.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insertion: Option<String>,
    /// Click action, kept as JSON.
    #[serde(
        default,
        rename = "clickEvent",
        skip_serializing_if = "Option::is_none"
    )]
    pub click_event: Option<serde_json::Value>,
    /// Hover action, kept as JSON.
    #[serde(
        default,
        rename = "hoverEvent",
        skip_serializing_if = "Option::is_none"
    )]
    pub hover_event: Option<serde_json::Value>,
    /// Children, inheriting this component's style.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<TextComponent>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_builds_json_and_reads_back() {
        let c = Chat::text("hi \"you\"");
        assert_eq!(c.json(), r#"{"text":"hi \"you\""}"#);
        assert_eq!(c.to_plain(), "hi \"you\"");
    }

    #[test]
    fn vanilla_chat_translation_flattens() {
        let c =
            Chat::from_json(r#"{"translate":"chat.type.text","with":["Steve",{"text":"hello"}]}"#);
        assert_eq!(c.to_plain(), "chat.type.text(Steve, hello)");
        let plain = Chat::from_json(r#"["a",{"text":"b","extra":["c"]}]"#);
        assert_eq!(plain.to_plain(), "abc");
    }

    #[test]
    fn non_json_is_kept_and_reported() {
        let c = Chat::from_json("not json");
        assert!(matches!(
            c.parse().unwrap_err().kind(),
            ErrorKind::Json { line: 1, .. }
        ));
        assert_eq!(c.to_plain(), "not json");
    }
}
