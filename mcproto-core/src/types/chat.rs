//! Chat: a string holding a JSON text component.
//!
//! [`Chat`] keeps the JSON text exactly as received, so re-encoding gives the
//! same bytes; [`Chat::parse`] turns it into a typed [`TextComponent`] when
//! needed.
//!
//! Decoding checks that the text is one JSON value (RFC 8259: any value,
//! so `"hello"`, `42` and `[..]` pass as well as objects; whitespace around
//! it is allowed). That is where vanilla fails too: it parses the text with
//! Gson (`IChatComponent.Serializer.jsonToComponent`, 1.8;
//! `ITextComponent.Serializer`, 1.12) and a syntax error fails the packet.
//! The rule differs from vanilla in two ways, both documented choices:
//! vanilla's Gson reader is lenient (it also takes comments, unquoted and
//! single-quoted strings, `=` for `:` …), which this crate refuses unless
//! [`Leniency::unchecked_chat`](crate::Leniency::unchecked_chat) is set;
//! and vanilla then refuses JSON that is no text component (`{}`, an
//! object without `text`, `translate`, `score` or `selector`), which this
//! crate leaves to [`Chat::parse`]. Encoding sends the text as it is,
//! unchecked.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::codec::{Decode, DecodeBounded, Encode, EncodeBounded, Reader, Writer};
use crate::error::{Error, ErrorKind, Result};
#[cfg(feature = "generate")]
use crate::generate::{Gen, Generate, GenerateBounded};
use crate::schema::{Describe, WireType};
use crate::types::string::DEFAULT_MAX_STRING;
use crate::version::ProtocolVersion;

/// A chat component in its JSON text form.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Chat(String);

impl Chat {
    /// Raw JSON text, sent as is (not checked; a decoder refuses it if it
    /// is not JSON).
    pub fn from_json(json: impl Into<String>) -> Self {
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
        Chat(serde_json::to_string(c).unwrap_or_default())
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

/// Fails unless `json` is one JSON value, or the reader takes any text.
#[inline]
fn check_json(r: &Reader<'_>, json: &str) -> Result<()> {
    if r.leniency().unchecked_chat {
        return Ok(());
    }
    // `IgnoredAny` checks the syntax without building anything; trailing
    // text other than whitespace is an error.
    match serde_json::from_str::<serde::de::IgnoredAny>(json) {
        Ok(_) => Ok(()),
        Err(e) => Err(Error::new(ErrorKind::Json {
            line: e.line(),
            column: e.column(),
        })),
    }
}

impl<'a> Decode<'a> for Chat {
    const MIN_SIZE: usize = 1;
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Self::decode_bounded(r, DEFAULT_MAX_STRING)
    }
}

impl<'a> DecodeBounded<'a> for Chat {
    fn decode_bounded(r: &mut Reader<'a>, max: usize) -> Result<Self> {
        let s = String::decode_bounded(r, max)?;
        check_json(r, &s)?;
        Ok(Chat(s))
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

/// A JSON string literal of random text, at most `max` characters in all
/// (quotes and escapes included), so it always decodes.
#[cfg(feature = "generate")]
fn generate_literal(g: &mut Gen<'_>, max: usize) -> Chat {
    let text = g.string(max.saturating_sub(2) / 6);
    Chat::from_json(serde_json::to_string(&text).unwrap_or_else(|_| "\"\"".into()))
}

#[cfg(feature = "generate")]
impl Generate for Chat {
    fn generate(g: &mut Gen<'_>) -> Self {
        if g.bool() {
            Chat::text(&g.string(40))
        } else {
            // A bare JSON string, which vanilla takes as plain text.
            generate_literal(g, 240)
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
            generate_literal(g, max)
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

    fn decode_with(bytes: &[u8], leniency: crate::Leniency) -> Result<Chat> {
        let mut r = Reader::new(bytes, ProtocolVersion(47)).with_leniency(leniency);
        Chat::decode(&mut r)
    }

    /// A string of `json`, framed by hand: one length byte (all are short).
    fn framed(json: &str) -> Vec<u8> {
        assert!(json.len() < 0x80);
        let mut v = vec![json.len() as u8];
        v.extend_from_slice(json.as_bytes());
        v
    }

    #[test]
    fn decoding_checks_for_one_json_value() {
        let strict = crate::Leniency::default();
        // What vanilla's Gson parses as a component: objects, arrays and
        // primitives (a JSON string is plain text), whitespace around.
        for ok in [
            r#"{"text":"hi"}"#,
            r#""hello""#,
            r#"["a",{"text":"b"}]"#,
            "42",
            " {\"text\":\"hi\"}\n",
        ] {
            let c = decode_with(&framed(ok), strict).unwrap_or_else(|e| panic!("{ok}: {e}"));
            // Kept byte for byte.
            assert_eq!(c.json(), ok);
        }
        // `{bad` (the differential test's case: vanilla's Gson fails on it),
        // text after the value, an empty string, an unescaped control
        // character, and Gson-lenient syntax (bare word, single quotes,
        // comment), which this crate refuses by default.
        for bad in [
            "{bad",
            r#"{"text":"a"} x"#,
            "",
            "\"a\u{1}b\"",
            "hello",
            "{'text':'hi'}",
            "/* c */ \"hi\"",
        ] {
            let e = decode_with(&framed(bad), strict).unwrap_err();
            assert!(matches!(e.kind(), ErrorKind::Json { .. }), "{bad:?}: {e}");
        }
        // `{bad` fails at line 1, column 2 (the `b` where a name belongs).
        assert!(matches!(
            decode_with(b"\x04{bad", strict).unwrap_err().kind(),
            ErrorKind::Json { line: 1, column: 2 }
        ));
    }

    #[test]
    fn unchecked_chat_takes_any_text() {
        let any = crate::Leniency {
            unchecked_chat: true,
            ..crate::Leniency::default()
        };
        for text in ["{bad", "hello", ""] {
            assert_eq!(decode_with(&framed(text), any).unwrap().json(), text);
        }
    }

    #[test]
    fn deep_nesting_is_bounded_by_the_input() {
        // 16000 nested arrays: well-formed and deep; the check keeps its
        // own stack (bounded by the input), so it takes them without
        // overflowing the thread's.
        let json = format!("{}{}", "[".repeat(16000), "]".repeat(16000));
        let mut bytes = Vec::new();
        crate::types::varint::put_varint(&mut bytes, json.len() as i32);
        bytes.extend_from_slice(json.as_bytes());
        let c = decode_with(&bytes, crate::Leniency::default()).unwrap();
        assert_eq!(c.json().len(), 32000);
        // One bracket short is an error at the end.
        let bytes = [&[0x03][..], b"[[]"].concat();
        assert!(decode_with(&bytes, crate::Leniency::default()).is_err());
    }
}
