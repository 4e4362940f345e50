//! Strings: a VarInt byte length, then UTF-8. Maximum lengths count UTF-16
//! code units, as vanilla's `String.length()` does, after a byte-length
//! pre-check of four bytes per character.
//!
//! Invalid UTF-8 is refused by default, where vanilla decodes it lossily
//! (`new String(bytes, UTF_8)`, each malformed sequence becoming U+FFFD);
//! [`Leniency::lossy_utf8`](crate::Leniency::lossy_utf8) gives vanilla's
//! behaviour to owned strings (`String`, `Cow`). A borrowed
//! `&str` cannot hold the replaced text, so it refuses invalid UTF-8
//! either way. The valid path is unchanged: the flag is read only once a
//! string has failed to validate.

use std::borrow::Cow;

use crate::codec::{Decode, DecodeBounded, Encode, EncodeBounded, Reader, Writer};
use crate::error::{ErrorKind, LengthUnit, Result, fail};
#[cfg(feature = "generate")]
use crate::generate::{Gen, Generate, GenerateBounded};
use crate::schema::{Describe, WireType};
use crate::version::ProtocolVersion;

/// Maximum string length when a field declares none.
pub const DEFAULT_MAX_STRING: usize = 32767;

/// Reads a string of at most `max` characters, borrowing it from the input.
/// Invalid UTF-8 is an error whatever the reader's [`Leniency`](crate::Leniency).
#[inline]
pub fn read_str<'a>(r: &mut Reader<'a>, max: usize) -> Result<&'a str> {
    let len = r.varint_small()?;
    let bytes = take_str_bytes(r, len, max)?;
    let s = utf8(bytes).map_err(|_| crate::Error::new(ErrorKind::InvalidUtf8))?;
    check_units(s, max)?;
    Ok(s)
}

/// Reads a string of at most `max` characters, borrowed when it is valid
/// UTF-8; otherwise replaced lossily if the reader's leniency allows it.
#[inline]
pub fn read_cow<'a>(r: &mut Reader<'a>, max: usize) -> Result<Cow<'a, str>> {
    let len = r.varint_small()?;
    let bytes = take_str_bytes(r, len, max)?;
    match utf8(bytes) {
        Ok(s) => {
            check_units(s, max)?;
            Ok(Cow::Borrowed(s))
        }
        Err(_) => lossy(r, bytes, max).map(Cow::Owned),
    }
}

/// `bytes` as a `str`, if valid UTF-8.
///
/// Protocol strings are short and mostly ASCII. Under 64 bytes `simdutf8`
/// hands its input to std's validator, which walks it byte by byte (a
/// third of a Handshake's decode time, measured). So a short string is
/// first checked for ASCII a word at a time ([`short_is_ascii`]); ASCII is
/// valid UTF-8 and needs nothing more. Short text with other characters
/// (chat) is validated by `simdutf8`'s vector code on a padded copy
/// ([`short_utf8`]). Std offers no checked conversion for either case,
/// hence the crate's `unsafe` calls, all here. Longer strings go to
/// `simdutf8` in place ([`long_utf8`]).
#[inline]
#[allow(unsafe_code)]
fn utf8(bytes: &[u8]) -> std::result::Result<&str, simdutf8::basic::Utf8Error> {
    if bytes.len() >= SHORT {
        return long_utf8(bytes);
    }
    if short_is_ascii(bytes) {
        // SAFETY: every byte is below 0x80, and a sequence of ASCII bytes is
        // valid UTF-8 (the proptest `utf8_agrees_with_std` checks this
        // function against `std::str::from_utf8`).
        return Ok(unsafe { std::str::from_utf8_unchecked(bytes) });
    }
    short_utf8(bytes)
}

/// Below this many bytes, `simdutf8` would fall back to std's validator.
const SHORT: usize = 64;

/// `bytes` (at least [`SHORT`] long) validated by `simdutf8`. Given the
/// whole, `simdutf8` copies what follows the last multiple of 64 bytes
/// into a buffer of its own and reloads it before the stores have landed
/// (a store-forwarding stall, a third of its time on chat text). So when
/// that rest is ASCII, it is checked as a short string and `simdutf8`
/// validates the multiple of 64 bytes in place. ASCII continues no
/// character, so no sequence crosses the split, and the text is valid
/// exactly when the part before it is.
#[inline]
#[allow(unsafe_code)]
fn long_utf8(bytes: &[u8]) -> std::result::Result<&str, simdutf8::basic::Utf8Error> {
    let split = bytes.len() & !(SHORT - 1);
    if let (Some(head), Some(tail)) = (bytes.get(..split), bytes.get(split..))
        && !tail.is_empty()
        && short_is_ascii(tail)
    {
        simdutf8::basic::from_utf8(head)?;
        // SAFETY: `head` was just validated and `tail` is ASCII, which
        // continues no character (the tests run every invalid sequence
        // across the split).
        return Ok(unsafe { std::str::from_utf8_unchecked(bytes) });
    }
    simdutf8::basic::from_utf8(bytes)
}

/// Whether `bytes` (shorter than [`SHORT`]) is all ASCII: the high bits of
/// every word or'ed together, the last word overlapping the one before it
/// instead of a byte loop for the tail.
#[inline]
fn short_is_ascii(bytes: &[u8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if let Some(last) = bytes.last_chunk::<8>() {
        let (words, _) = bytes.as_chunks::<8>();
        let any = words.iter().fold(u64::from_ne_bytes(*last), |acc, w| {
            acc | u64::from_ne_bytes(*w)
        });
        return any & HIGH == 0;
    }
    if let (Some(first), Some(last)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        return (u32::from_ne_bytes(*first) | u32::from_ne_bytes(*last)) & 0x8080_8080 == 0;
    }
    bytes.iter().all(u8::is_ascii)
}

/// `bytes` (shorter than [`SHORT`], not all ASCII) validated by `simdutf8`'s
/// vector code, which it runs from 64 bytes on, so on a copy padded with
/// zeros to 64 bytes. A zero is ASCII, so the copy is valid UTF-8 exactly
/// when `bytes` is; a sequence cut short at the end meets a zero, which
/// continues nothing, and fails as it would at the end.
#[inline(never)]
#[allow(unsafe_code)]
fn short_utf8(bytes: &[u8]) -> std::result::Result<&str, simdutf8::basic::Utf8Error> {
    let mut padded = [0u8; SHORT];
    let Some(head) = padded.get_mut(..bytes.len()) else {
        return simdutf8::basic::from_utf8(bytes);
    };
    head.copy_from_slice(bytes);
    simdutf8::basic::from_utf8(&padded)?;
    // SAFETY: `padded` is `bytes` followed by zeros and was just validated;
    // a prefix of valid UTF-8 that ends where the zeros start (an ASCII
    // character, so a character boundary) is valid UTF-8.
    Ok(unsafe { std::str::from_utf8_unchecked(bytes) })
}

/// The lossy decoding of `bytes` (not valid UTF-8), if the reader allows
/// it, checked against `max` as vanilla checks the decoded `String`.
#[cold]
fn lossy(r: &Reader<'_>, bytes: &[u8], max: usize) -> Result<String> {
    if !r.leniency().lossy_utf8 {
        return fail(ErrorKind::InvalidUtf8);
    }
    let s = String::from_utf8_lossy(bytes).into_owned();
    check_units(&s, max)?;
    Ok(s)
}

#[inline]
fn take_str_bytes<'a>(r: &mut Reader<'a>, len: i32, max: usize) -> Result<&'a [u8]> {
    if len < 0 {
        return fail(ErrorKind::NegativeLength {
            len: i64::from(len),
        });
    }
    let len = len as usize;
    let max_bytes = max.saturating_mul(4);
    if len > max_bytes {
        return fail(ErrorKind::TooLong {
            len,
            max: max_bytes,
            unit: LengthUnit::Bytes,
        });
    }
    r.take(len, "String")
}

#[inline]
fn check_units(s: &str, max: usize) -> Result<()> {
    // UTF-16 units never exceed UTF-8 bytes, so short strings need no count.
    if s.len() > max {
        return check_units_slow(s, max);
    }
    Ok(())
}

#[cold]
fn check_units_slow(s: &str, max: usize) -> Result<()> {
    let units = utf16_units(s);
    if units > max {
        return fail(ErrorKind::TooLong {
            len: units,
            max,
            unit: LengthUnit::Chars,
        });
    }
    Ok(())
}

/// The length of `s` in UTF-16 units, as Java counts a string: one per
/// character, two for those beyond the Basic Multilingual Plane (the
/// characters of four UTF-8 bytes). Counted from the bytes (every byte that
/// does not continue a character, plus every lead byte of four). Each
/// chunk is summed in a `u8` (at most two per byte, so 127 bytes fit),
/// which vectorises sixteen bytes a step where a `usize` sum takes two.
fn utf16_units(s: &str) -> usize {
    s.as_bytes()
        .chunks(127)
        .map(|chunk| {
            let units = chunk.iter().fold(0u8, |n, &b| {
                n + u8::from((b as i8) >= -0x40) + u8::from(b >= 0xF0)
            });
            usize::from(units)
        })
        .sum()
}

/// Writes `s` as a string of at most `max` characters.
#[inline(always)]
pub fn write_str(w: &mut Writer<'_>, s: &str, max: usize) -> Result<()> {
    check_units(s, max)?;
    if s.len() > i32::MAX as usize {
        return fail(ErrorKind::TooLong {
            len: s.len(),
            max: i32::MAX as usize,
            unit: LengthUnit::Bytes,
        });
    }
    w.put_varint(s.len() as i32);
    w.put_slice(s.as_bytes());
    Ok(())
}

impl<'a> DecodeBounded<'a> for String {
    #[inline]
    fn decode_bounded(r: &mut Reader<'a>, max: usize) -> Result<Self> {
        read_cow(r, max).map(Cow::into_owned)
    }
}

impl<'a> DecodeBounded<'a> for &'a str {
    #[inline]
    fn decode_bounded(r: &mut Reader<'a>, max: usize) -> Result<Self> {
        read_str(r, max)
    }
}

impl<'a> DecodeBounded<'a> for Cow<'a, str> {
    #[inline]
    fn decode_bounded(r: &mut Reader<'a>, max: usize) -> Result<Self> {
        read_cow(r, max)
    }
}

macro_rules! string_impls {
    ($($ty:ty),*) => {$(
        impl EncodeBounded for $ty {
            #[inline]
            fn encode_bounded(&self, w: &mut Writer<'_>, max: usize) -> Result<()> {
                write_str(w, self, max)
            }
        }
        impl Encode for $ty {
            #[inline]
            fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
                write_str(w, self, DEFAULT_MAX_STRING)
            }
        }
    )*};
}

macro_rules! owned_string_decode {
    ($($ty:ty),*) => {$(
        impl<'a> Decode<'a> for $ty {
            const MIN_SIZE: usize = 1;
            #[inline]
            fn decode(r: &mut Reader<'a>) -> Result<Self> {
                <$ty as DecodeBounded<'a>>::decode_bounded(r, DEFAULT_MAX_STRING)
            }
        }
    )*};
}

owned_string_decode!(String);

impl<'a> Decode<'a> for Cow<'a, str> {
    const MIN_SIZE: usize = 1;
    #[inline]
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        read_cow(r, DEFAULT_MAX_STRING)
    }
}

string_impls!(String, str, Cow<'_, str>);

impl<T: EncodeBounded + ?Sized> EncodeBounded for &T {
    #[inline]
    fn encode_bounded(&self, w: &mut Writer<'_>, max: usize) -> Result<()> {
        (**self).encode_bounded(w, max)
    }
}

impl<'a> Decode<'a> for &'a str {
    const MIN_SIZE: usize = 1;
    #[inline]
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        read_str(r, DEFAULT_MAX_STRING)
    }
}

macro_rules! string_meta {
    ($($ty:ty),*) => {$(
        impl Describe for $ty {
            fn describe(_: ProtocolVersion) -> WireType {
                WireType::String { max: DEFAULT_MAX_STRING }
            }
        }
        #[cfg(feature = "generate")]
        impl GenerateBounded for $ty {
            fn generate_bounded(g: &mut Gen<'_>, max: usize) -> Self {
                g.string(max).into()
            }
        }
        #[cfg(feature = "generate")]
        impl Generate for $ty {
            fn generate(g: &mut Gen<'_>) -> Self {
                g.string(DEFAULT_MAX_STRING).into()
            }
        }
    )*};
}

string_meta!(String);

#[cfg(feature = "generate")]
impl GenerateBounded for Cow<'static, str> {
    fn generate_bounded(g: &mut Gen<'_>, max: usize) -> Self {
        Cow::Owned(g.string(max))
    }
}

#[cfg(feature = "generate")]
impl Generate for Cow<'static, str> {
    fn generate(g: &mut Gen<'_>) -> Self {
        Cow::Owned(g.string(DEFAULT_MAX_STRING))
    }
}

impl Describe for Cow<'_, str> {
    fn describe(_: ProtocolVersion) -> WireType {
        WireType::String {
            max: DEFAULT_MAX_STRING,
        }
    }
}

impl Describe for &str {
    fn describe(_: ProtocolVersion) -> WireType {
        WireType::String {
            max: DEFAULT_MAX_STRING,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::encode_to_vec;
    use crate::version::ProtocolVersion;

    const V: ProtocolVersion = ProtocolVersion(47);

    #[test]
    fn golden_string() {
        // "hello": length 5 then the ASCII bytes.
        assert_eq!(encode_to_vec("hello", V).unwrap(), b"\x05hello");
        // "é" is two UTF-8 bytes (c3 a9), one character.
        assert_eq!(encode_to_vec("é", V).unwrap(), [0x02, 0xc3, 0xa9]);
        let bytes = [0x02, 0xc3, 0xa9];
        let mut r = Reader::new(&bytes, V);
        assert_eq!(read_str(&mut r, 1).unwrap(), "é");
    }

    #[test]
    fn max_counts_utf16_units() {
        // U+1F600 is 4 UTF-8 bytes and 2 UTF-16 units: fits max 2, not max 1.
        let bytes = encode_to_vec("😀", V).unwrap();
        assert_eq!(bytes, [0x04, 0xf0, 0x9f, 0x98, 0x80]);
        assert!(read_str(&mut Reader::new(&bytes, V), 2).is_ok());
        let err = read_str(&mut Reader::new(&bytes, V), 1).unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::TooLong {
                len: 2,
                max: 1,
                unit: LengthUnit::Chars
            }
        ));
    }

    #[test]
    fn utf16_units_are_javas_string_length() {
        // Independent count: std's UTF-16 encoder.
        for s in [
            "",
            "plain ascii",
            "café où",
            "ÿ\u{7ff}\u{800}\u{ffff}",
            "😀 and \u{10000}\u{10ffff}",
            "mixed: a é 中 😀 z",
        ] {
            assert_eq!(utf16_units(s), s.encode_utf16().count(), "{s:?}");
        }
        // Every character of every UTF-8 length, on its own and repeated
        // across several of the count's 127-byte chunks.
        for c in [
            'a',
            '\u{7f}',
            '\u{80}',
            'é',
            '\u{7ff}',
            '\u{800}',
            '中',
            '\u{ffff}',
            '\u{10000}',
            '😀',
        ] {
            for n in [1, 37, 200] {
                let s: String = std::iter::repeat_n(c, n).collect();
                assert_eq!(utf16_units(&s), s.encode_utf16().count(), "{c:?} x {n}");
            }
        }
    }

    #[test]
    fn utf8_refuses_what_std_refuses_after_an_ascii_prefix() {
        // Each invalid sequence after 0 to 140 ASCII bytes (across the word
        // boundaries of `is_ascii`, the 64-byte limit of its use, and the
        // splits of long strings at 64 and 128), alone and followed by more
        // ASCII.
        let invalid: [&[u8]; 7] = [
            b"\x80",             // a lone continuation byte
            b"\xc3",             // a lead byte at the end
            b"\xc3(",            // a lead byte without its continuation
            b"\xc0\xaf",         // an overlong '/'
            b"\xed\xa0\x80",     // a surrogate
            b"\xf4\x90\x80\x80", // above U+10FFFF
            b"\xff",
        ];
        for bad in invalid {
            for prefix in 0..141 {
                let mut bytes = vec![b'a'; prefix];
                bytes.extend_from_slice(bad);
                assert!(utf8(&bytes).is_err(), "{bytes:?}");
                bytes.extend_from_slice(b"tail");
                assert!(utf8(&bytes).is_err(), "{bytes:?}");
            }
        }
        // Characters of every length across the same boundaries, then ASCII
        // or more characters: valid, with or without a split at a boundary.
        for prefix in 0..141 {
            for after in ["", "tail", "é中"] {
                let text = "a".repeat(prefix) + "é中😀" + after;
                assert_eq!(utf8(text.as_bytes()).ok(), Some(text.as_str()));
            }
        }
        assert_eq!(utf8(b"plain ascii, longer than a word").unwrap().len(), 31);
        assert_eq!(utf8("café où".as_bytes()).unwrap(), "café où");
    }

    proptest::proptest! {
        #[test]
        fn utf8_agrees_with_std(bytes in proptest::collection::vec(
            // Mostly ASCII, as protocol strings are, so that other bytes
            // come after ASCII runs of every length, on both sides of 64 and 128.
            proptest::prop_oneof![12 => 0u8..0x80, 1 => proptest::num::u8::ANY],
            0..200,
        )) {
            proptest::prop_assert_eq!(utf8(&bytes).ok(), std::str::from_utf8(&bytes).ok());
        }

        #[test]
        fn utf8_accepts_any_string(s in ".*") {
            proptest::prop_assert_eq!(utf8(s.as_bytes()).ok(), Some(s.as_str()));
        }

        #[test]
        fn utf16_units_of_any_string(s in ".*") {
            proptest::prop_assert_eq!(utf16_units(&s), s.encode_utf16().count());
        }
    }

    #[test]
    fn byte_precheck_rejects_before_reading() {
        // Declares 17 bytes for a max of 4 chars (16 bytes), with no data at all.
        let err = read_str(&mut Reader::new(&[17], V), 4).unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::TooLong {
                len: 17,
                max: 16,
                unit: LengthUnit::Bytes
            }
        ));
        let err = read_str(&mut Reader::new(&[0xff, 0xff, 0xff, 0xff, 0x0f], V), 4).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::NegativeLength { len: -1 }));
    }

    #[test]
    fn invalid_utf8_is_an_error() {
        let err = read_str(&mut Reader::new(&[2, 0xc3, 0x28], V), 10).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::InvalidUtf8));
    }

    fn lossy() -> crate::Leniency {
        crate::Leniency {
            lossy_utf8: true,
            ..crate::Leniency::default()
        }
    }

    #[test]
    fn invalid_utf8_decodes_lossily_on_request() {
        // 'a', a lone 0xFF (never valid in UTF-8), 'b': vanilla's
        // `new String(bytes, UTF_8)` gives "a\u{FFFD}b".
        let bytes = [0x03, b'a', 0xff, b'b'];
        let r = || Reader::new(&bytes, V).with_leniency(lossy());
        assert_eq!(String::decode(&mut r()).unwrap(), "a\u{fffd}b");
        assert_eq!(Cow::<str>::decode(&mut r()).unwrap(), "a\u{fffd}b");
        // A borrowed &str cannot hold the replacement.
        assert!(matches!(
            <&str>::decode(&mut r()).unwrap_err().kind(),
            ErrorKind::InvalidUtf8
        ));
        // By default every owned string refuses it.
        let strict = || Reader::new(&bytes, V);
        for e in [
            String::decode(&mut strict()).unwrap_err(),
            Cow::<str>::decode(&mut strict()).unwrap_err(),
        ] {
            assert!(matches!(e.kind(), ErrorKind::InvalidUtf8));
        }
        // C3 starts a two-byte sequence that '(' does not continue: one
        // U+FFFD for the C3, then the '('.
        let bytes = [0x02, 0xc3, 0x28];
        let mut r = Reader::new(&bytes, V).with_leniency(lossy());
        assert_eq!(String::decode(&mut r).unwrap(), "\u{fffd}(");
    }

    #[test]
    fn lossy_strings_are_measured_after_replacement() {
        // Two invalid bytes become two U+FFFD, two characters: vanilla
        // checks `String.length()` of the decoded text, so max 1 refuses
        // it and max 2 takes it.
        let bytes = [0x02, 0xff, 0xfe];
        let mut r = Reader::new(&bytes, V).with_leniency(lossy());
        let e = String::decode_bounded(&mut r, 1).unwrap_err();
        assert!(matches!(
            e.kind(),
            ErrorKind::TooLong {
                len: 2,
                max: 1,
                unit: LengthUnit::Chars
            }
        ));
        let mut r = Reader::new(&bytes, V).with_leniency(lossy());
        assert_eq!(
            String::decode_bounded(&mut r, 2).unwrap(),
            "\u{fffd}\u{fffd}"
        );
    }

    #[test]
    fn encode_checks_max() {
        let mut buf = Vec::new();
        let err = "abcde"
            .encode_bounded(&mut Writer::new(&mut buf, V), 4)
            .unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::TooLong { len: 5, max: 4, .. }
        ));
    }
}
