//! The pre-Netty server list ping, as servers before 1.7 spoke it and as
//! later servers still answer it: requests and replies, both sides.
//!
//! Three requests exist, each a prefix of the next:
//!
//! | bytes | sent by | reply |
//! |---|---|---|
//! | `FE` | Beta 1.8 – 1.3 | `motd§online§max` |
//! | `FE 01` | 1.4 – 1.5 | `§1\0protocol\0version\0motd\0online\0max` |
//! | `FE 01 FA` + `MC|PingHost` plugin message | 1.6 | as for 1.4 |
//!
//! A reply is a kick packet: `FF`, the text's length in UTF-16 code units
//! (big-endian `u16`), then the text in UTF-16BE.
//!
//! The request's bytes may arrive over several reads (the third form is
//! long enough to be split): [`parse_request`] says whether what has
//! arrived is complete, and what it means if nothing more comes.

use std::fmt;

/// The plugin channel of the 1.6 request.
pub const PING_HOST_CHANNEL: &str = "MC|PingHost";

/// The protocol number of 1.6.4, the last pre-Netty release; what
/// [`encode_request`] is usually given.
pub const PROTOCOL_1_6_4: u8 = 78;

/// The longest host name a 1.6 request may carry, in UTF-16 code units
/// (vanilla's handshake limit).
pub const MAX_HOST_LEN: usize = 255;

/// A legacy ping request, as a server reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LegacyRequest {
    /// `FE` alone (Beta 1.8 to 1.3): answered without a version.
    Beta,
    /// `FE 01` (1.4 and 1.5), or a 1.6 request that never completed.
    V1_4,
    /// `FE 01 FA` and a complete `MC|PingHost` plugin message (1.6).
    V1_6 {
        /// The client's protocol number (78 for 1.6.4).
        protocol: u8,
        /// The host name the client connected to.
        host: String,
        /// The port the client connected to.
        port: i32,
    },
}

impl LegacyRequest {
    /// Whether the reply carries the `§1` header (protocol and version).
    pub fn wants_version(&self) -> bool {
        !matches!(self, LegacyRequest::Beta)
    }
}

/// What the bytes received so far amount to; see [`parse_request`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestProgress {
    /// The request may go on. If nothing more arrives, it is `otherwise`
    /// (`None`: not even a legacy ping yet).
    Incomplete {
        /// What the bytes so far mean if they are all there is.
        otherwise: Option<LegacyRequest>,
    },
    /// A whole request, `len` bytes long.
    Complete {
        /// The request.
        request: LegacyRequest,
        /// Bytes it took.
        len: usize,
    },
    /// Not a legacy ping: the first byte is not `FE`.
    NotLegacy,
}

/// Reads a request from the start of `buf`, which need not hold all of it.
///
/// Bytes that do not continue a longer form end the request at the
/// shorter one (`FE 02` is a Beta ping, `FE 01 00` a 1.4 ping); a 1.6
/// plugin message on another channel, or with a host name longer than
/// [`MAX_HOST_LEN`], is taken as a 1.4 ping, as vanilla answers it.
pub fn parse_request(buf: &[u8]) -> RequestProgress {
    use RequestProgress::{Complete, Incomplete, NotLegacy};
    match buf {
        [] => Incomplete { otherwise: None },
        [first, ..] if *first != 0xFE => NotLegacy,
        [_] => Incomplete {
            otherwise: Some(LegacyRequest::Beta),
        },
        [_, second, ..] if *second != 0x01 => Complete {
            request: LegacyRequest::Beta,
            len: 1,
        },
        [_, _] => Incomplete {
            otherwise: Some(LegacyRequest::V1_4),
        },
        [_, _, third, ..] if *third != 0xFA => Complete {
            request: LegacyRequest::V1_4,
            len: 2,
        },
        [_, _, _, rest @ ..] => match parse_ping_host(rest) {
            PingHost::Incomplete => Incomplete {
                otherwise: Some(LegacyRequest::V1_4),
            },
            PingHost::Other => Complete {
                request: LegacyRequest::V1_4,
                len: 3,
            },
            PingHost::Done {
                protocol,
                host,
                port,
                len,
            } => Complete {
                request: LegacyRequest::V1_6 {
                    protocol,
                    host,
                    port,
                },
                len: 3 + len,
            },
        },
    }
}

enum PingHost {
    Incomplete,
    Other,
    Done {
        protocol: u8,
        host: String,
        port: i32,
        len: usize,
    },
}

/// The plugin message after `FA`: channel, data length, protocol, host, port.
fn parse_ping_host(buf: &[u8]) -> PingHost {
    let mut r = Cursor { buf, pos: 0 };
    let Some(channel_len) = r.u16() else {
        return PingHost::Incomplete;
    };
    if usize::from(channel_len) != PING_HOST_CHANNEL.len() {
        return PingHost::Other;
    }
    let Some(channel) = r.utf16(usize::from(channel_len)) else {
        return PingHost::Incomplete;
    };
    if channel != PING_HOST_CHANNEL {
        return PingHost::Other;
    }
    let Some(_data_len) = r.u16() else {
        return PingHost::Incomplete;
    };
    let Some(protocol) = r.u8() else {
        return PingHost::Incomplete;
    };
    let Some(host_len) = r.u16() else {
        return PingHost::Incomplete;
    };
    if usize::from(host_len) > MAX_HOST_LEN {
        return PingHost::Other;
    }
    let Some(host) = r.utf16(usize::from(host_len)) else {
        return PingHost::Incomplete;
    };
    let Some(port) = r.i32() else {
        return PingHost::Incomplete;
    };
    PingHost::Done {
        protocol,
        host,
        port,
        len: r.pos,
    }
}

struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.buf.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|b| u16::from_be_bytes([b[0], b[1]]))
    }
    fn i32(&mut self) -> Option<i32> {
        self.take(4)
            .map(|b| i32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn utf16(&mut self, units: usize) -> Option<String> {
        let bytes = self.take(units.checked_mul(2)?)?;
        Some(decode_utf16be(bytes))
    }
}

fn decode_utf16be(bytes: &[u8]) -> String {
    let units = bytes
        .chunks_exact(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

fn push_utf16be(out: &mut Vec<u8>, s: &str) {
    for u in s.encode_utf16() {
        out.extend_from_slice(&u.to_be_bytes());
    }
}

/// The 1.6 request: `FE 01 FA`, then the `MC|PingHost` plugin message
/// with `protocol`, `host` and `port` (host names longer than
/// [`MAX_HOST_LEN`] code units are cut there).
pub fn encode_request(protocol: u8, host: &str, port: u16) -> Vec<u8> {
    let host: Vec<u16> = host.encode_utf16().take(MAX_HOST_LEN).collect();
    let host_len = host.len() as u16; // at most MAX_HOST_LEN
    let mut out = vec![0xFE, 0x01, 0xFA];
    out.extend_from_slice(&(PING_HOST_CHANNEL.len() as u16).to_be_bytes());
    push_utf16be(&mut out, PING_HOST_CHANNEL);
    // Protocol (1), host length (2), host, port (4).
    out.extend_from_slice(&(7 + 2 * host_len).to_be_bytes());
    out.push(protocol);
    out.extend_from_slice(&host_len.to_be_bytes());
    for u in host {
        out.extend_from_slice(&u.to_be_bytes());
    }
    out.extend_from_slice(&i32::from(port).to_be_bytes());
    out
}

/// What a legacy ping reply says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyStatus {
    /// The server's protocol number; `None` in the Beta form, which has
    /// none. Servers from 1.7 on send 127 ("incompatible").
    pub protocol: Option<i32>,
    /// The server's version name; `None` in the Beta form.
    pub version: Option<String>,
    /// The message of the day (may hold `§` formatting codes in the `§1` form).
    pub motd: String,
    /// Players online.
    pub online: i32,
    /// Player slots.
    pub max: i32,
}

/// Why a legacy ping reply could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LegacyError {
    /// The reply does not start with the kick packet's `FF`.
    NotAKick(u8),
    /// The reply ends before the length it declares: `have` of `need` bytes.
    Truncated {
        /// Bytes received.
        have: usize,
        /// Bytes the reply declares.
        need: usize,
    },
    /// The text has the wrong number of fields, or a count that is not a number.
    Malformed(String),
}

impl fmt::Display for LegacyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LegacyError::NotAKick(b) => {
                write!(f, "legacy ping reply starts with {b:#04x}, not 0xff")
            }
            LegacyError::Truncated { have, need } => {
                write!(f, "legacy ping reply truncated: {have} of {need} bytes")
            }
            LegacyError::Malformed(why) => write!(f, "malformed legacy ping reply: {why}"),
        }
    }
}

impl std::error::Error for LegacyError {}

/// The reply to `request`: the `§1` form for 1.4 and later, the Beta form
/// (no version) for `FE` alone. `§` and NUL in the MOTD are removed from the
/// Beta form, where they would split the fields; NUL from the `§1` form.
pub fn reply_for(request: &LegacyRequest, status: &LegacyStatus) -> Vec<u8> {
    if request.wants_version() {
        encode_reply(status)
    } else {
        encode_reply(&LegacyStatus {
            protocol: None,
            version: None,
            ..status.clone()
        })
    }
}

/// Encodes a reply: the `§1` form when `status.protocol` is set, else the
/// Beta form. Field separators inside the MOTD and version are dropped.
pub fn encode_reply(status: &LegacyStatus) -> Vec<u8> {
    let text = match status.protocol {
        Some(protocol) => {
            let clean = |s: &str| s.replace('\0', "");
            format!(
                "\u{a7}1\0{protocol}\0{}\0{}\0{}\0{}",
                clean(status.version.as_deref().unwrap_or("")),
                clean(&status.motd),
                status.online,
                status.max
            )
        }
        None => {
            let motd: String = status
                .motd
                .chars()
                .filter(|c| *c != '\u{a7}' && *c != '\0')
                .collect();
            format!("{motd}\u{a7}{}\u{a7}{}", status.online, status.max)
        }
    };
    let units: Vec<u16> = text.encode_utf16().collect();
    // A kick reason longer than u16::MAX code units cannot be sent; cut it.
    let units = &units[..units.len().min(usize::from(u16::MAX))];
    let mut out = Vec::with_capacity(3 + units.len() * 2);
    out.push(0xFF);
    out.extend_from_slice(&(units.len() as u16).to_be_bytes());
    for u in units {
        out.extend_from_slice(&u.to_be_bytes());
    }
    out
}

/// How many bytes the reply starting `buf` takes, once its header has
/// arrived (`None` before).
pub fn reply_len(buf: &[u8]) -> Option<usize> {
    match buf {
        [_, hi, lo, ..] => Some(3 + 2 * usize::from(u16::from_be_bytes([*hi, *lo]))),
        _ => None,
    }
}

/// Decodes a reply in either form.
pub fn decode_reply(buf: &[u8]) -> Result<LegacyStatus, LegacyError> {
    match buf.first() {
        None => return Err(LegacyError::Truncated { have: 0, need: 3 }),
        Some(0xFF) => {}
        Some(other) => return Err(LegacyError::NotAKick(*other)),
    }
    let need = reply_len(buf).ok_or(LegacyError::Truncated {
        have: buf.len(),
        need: 3,
    })?;
    if buf.len() < need {
        return Err(LegacyError::Truncated {
            have: buf.len(),
            need,
        });
    }
    let text = decode_utf16be(&buf[3..need]);
    let number = |what: &str, s: &str| {
        s.trim()
            .parse::<i32>()
            .map_err(|_| LegacyError::Malformed(format!("{what} {s:?} is not a number")))
    };
    if let Some(rest) = text.strip_prefix("\u{a7}1\0") {
        let fields: Vec<&str> = rest.split('\0').collect();
        let [protocol, version, motd, online, max] = fields[..] else {
            return Err(LegacyError::Malformed(format!(
                "{} fields after \u{a7}1, not 5",
                fields.len()
            )));
        };
        Ok(LegacyStatus {
            protocol: Some(number("protocol", protocol)?),
            version: Some(version.to_owned()),
            motd: motd.to_owned(),
            online: number("online players", online)?,
            max: number("max players", max)?,
        })
    } else {
        let mut fields = text.rsplitn(3, '\u{a7}');
        let (Some(max), Some(online), Some(motd)) = (fields.next(), fields.next(), fields.next())
        else {
            return Err(LegacyError::Malformed(
                "fewer than 3 \u{a7}-separated fields".into(),
            ));
        };
        Ok(LegacyStatus {
            protocol: None,
            version: None,
            motd: motd.to_owned(),
            online: number("online players", online)?,
            max: number("max players", max)?,
        })
    }
}

/// No new byte for this long ends a legacy request at the form received
/// so far (`FE`, `FE 01`, or an unfinished `FE 01 FA`).
#[cfg(feature = "tokio")]
pub(crate) const LEGACY_IDLE: std::time::Duration = std::time::Duration::from_millis(250);

/// Reads a legacy ping request from a connection whose first byte (0xFE)
/// was peeked, within `limit`.
///
/// The request is read until it is complete, or until no byte has come
/// for [`LEGACY_IDLE`]: its bytes may arrive over several reads (the 1.6
/// form is long enough to be split), and a reply sent too early would
/// answer the wrong form.
#[cfg(feature = "tokio")]
pub(crate) async fn read_request(
    stream: &mut tokio::net::TcpStream,
    limit: std::time::Duration,
) -> Result<LegacyRequest, mcproto_core::ConnectionError> {
    use mcproto_core::conn::{ConnectionError, Phase, Violation};
    use tokio::io::AsyncReadExt;
    use tokio::time::{Instant, timeout};
    let deadline = Instant::now() + limit;
    let mut buf = Vec::with_capacity(64);
    let mut chunk = [0u8; 256];
    loop {
        let otherwise = match parse_request(&buf) {
            RequestProgress::Complete { request, .. } => return Ok(request),
            RequestProgress::NotLegacy => {
                return Err(ConnectionError::Protocol(Violation::UnexpectedPacket {
                    state: mcproto_core::State::Handshaking,
                    name: None,
                    id: buf.first().map(|b| i32::from(*b)),
                }));
            }
            RequestProgress::Incomplete { otherwise } => otherwise,
        };
        let left = deadline.saturating_duration_since(Instant::now());
        // Nothing yet: the first byte was peeked, so it is on its way.
        let wait = if otherwise.is_some() {
            LEGACY_IDLE.min(left)
        } else {
            left
        };
        match timeout(wait, stream.read(&mut chunk)).await {
            Ok(Ok(0)) | Err(_) => {
                return otherwise.ok_or(ConnectionError::Timeout(Phase::Handshake));
            }
            Ok(Ok(n)) => buf.extend_from_slice(&chunk[..n]),
            Ok(Err(e)) => return Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prefix_of_a_1_6_request_is_incomplete() {
        let req = encode_request(PROTOCOL_1_6_4, "localhost", 25565);
        for n in 1..req.len() {
            match parse_request(&req[..n]) {
                RequestProgress::Incomplete { otherwise: Some(_) } => {}
                other => panic!("{n} bytes: {other:?}"),
            }
        }
        assert_eq!(
            parse_request(&req),
            RequestProgress::Complete {
                request: LegacyRequest::V1_6 {
                    protocol: 78,
                    host: "localhost".into(),
                    port: 25565
                },
                len: req.len()
            }
        );
    }

    #[test]
    fn short_forms() {
        assert_eq!(parse_request(&[0x00]), RequestProgress::NotLegacy);
        assert_eq!(
            parse_request(&[0xFE, 0x02]),
            RequestProgress::Complete {
                request: LegacyRequest::Beta,
                len: 1
            }
        );
        assert_eq!(
            parse_request(&[0xFE, 0x01, 0x00]),
            RequestProgress::Complete {
                request: LegacyRequest::V1_4,
                len: 2
            }
        );
        // Another channel: answered as 1.4.
        let mut other = vec![0xFE, 0x01, 0xFA, 0x00, 0x02, 0x00, b'A', 0x00, b'B'];
        other.extend_from_slice(&[0, 0]);
        assert!(matches!(
            parse_request(&other),
            RequestProgress::Complete {
                request: LegacyRequest::V1_4,
                ..
            }
        ));
    }

    #[test]
    fn beta_reply_round_trip() {
        let s = LegacyStatus {
            protocol: None,
            version: None,
            motd: "A \u{a7}server".into(),
            online: 3,
            max: 10,
        };
        let bytes = encode_reply(&s);
        let back = decode_reply(&bytes).unwrap();
        assert_eq!(back.motd, "A server");
        assert_eq!((back.online, back.max), (3, 10));
    }

    #[test]
    fn truncated_and_wrong_replies() {
        assert_eq!(decode_reply(&[0x00]), Err(LegacyError::NotAKick(0)));
        assert_eq!(
            decode_reply(&[0xFF, 0x00, 0x02, 0x00]),
            Err(LegacyError::Truncated { have: 4, need: 7 })
        );
        // One field only: neither form.
        let mut one = vec![0xFF, 0x00, 0x01];
        one.extend_from_slice(&[0x00, b'x']);
        assert!(matches!(decode_reply(&one), Err(LegacyError::Malformed(_))));
    }
}
