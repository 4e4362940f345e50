//! Java's `DataOutput.writeUTF` strings: an unsigned 16-bit byte length,
//! then modified UTF-8 (NUL as `C0 80`, characters beyond the BMP as
//! surrogate pairs). Plugin channels written with Java streams use them
//! (BungeeCord's messages, for one); packets themselves do not.

use valence_nbt::binary::{FromModifiedUtf8, ToModifiedUtf8};

use crate::codec::{Reader, Writer};
use crate::error::{ErrorKind, LengthUnit, Result, fail};

/// Reads one Java UTF string.
pub fn read(r: &mut Reader<'_>) -> Result<String> {
    let len = u16::from_be_bytes(r.take_array::<2>("Java UTF length")?) as usize;
    let bytes = r.take(len, "Java UTF string")?;
    match <String as FromModifiedUtf8>::from_modified_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(_) => fail(ErrorKind::InvalidUtf8),
    }
}

/// Writes `s` as a Java UTF string; more than 65535 encoded bytes is an error.
pub fn write(s: &str, w: &mut Writer<'_>) -> Result<()> {
    let len = s.modified_uf8_len();
    let Ok(prefix) = u16::try_from(len) else {
        return fail(ErrorKind::TooLong {
            len,
            max: u16::MAX as usize,
            unit: LengthUnit::Bytes,
        });
    };
    w.put_slice(&prefix.to_be_bytes());
    let mut out = Vec::with_capacity(len);
    if s.to_modified_utf8(len, &mut out).is_err() {
        return fail(ErrorKind::InvalidUtf8);
    }
    w.put_slice(&out);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::version::ProtocolVersion;

    fn encode(s: &str) -> Vec<u8> {
        let mut buf = Vec::new();
        write(s, &mut Writer::new(&mut buf, ProtocolVersion(47))).unwrap();
        buf
    }

    #[test]
    fn golden_java_utf() {
        // "Connect": length 7, then the ASCII bytes.
        assert_eq!(encode("Connect"), b"\x00\x07Connect");
        // NUL is C0 80; U+1F600 is the surrogate pair D83D DE00, each as
        // three bytes: ED A0 BD, ED B8 80.
        assert_eq!(
            encode("a\0\u{1F600}"),
            [
                0x00, 0x09, b'a', 0xc0, 0x80, 0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80
            ]
        );
        let bytes = encode("a\0\u{1F600}");
        let mut r = Reader::new(&bytes, ProtocolVersion(47));
        assert_eq!(read(&mut r).unwrap(), "a\0\u{1F600}");
        assert!(r.is_empty());
    }

    #[test]
    fn bad_java_utf_is_an_error() {
        // Length 3, two bytes present.
        assert!(read(&mut Reader::new(&[0, 3, b'a', b'b'], ProtocolVersion(47))).is_err());
        // A lone continuation byte.
        assert!(read(&mut Reader::new(&[0, 1, 0x80], ProtocolVersion(47))).is_err());
        let long = "x".repeat(70_000);
        let mut buf = Vec::new();
        assert!(write(&long, &mut Writer::new(&mut buf, ProtocolVersion(47))).is_err());
    }
}
