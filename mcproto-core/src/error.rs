//! Wire errors: what is wrong with bytes being decoded or a value being
//! encoded.
//!
//! An [`Error`] is an [`ErrorKind`] (what went wrong, with the numbers that
//! matter) plus where it happened: the innermost and outermost field paths
//! (`"UseEntity.action"`, static strings built by the derive) and, once a
//! registry or frame decoder has seen it, the packet it was decoding. Nothing
//! on the error path is kept: an error is one small box, freed with it.
//!
//! Errors of a session (I/O, timeouts, a disconnect, a protocol violation,
//! encryption) are [`ConnectionError`](crate::conn::ConnectionError)s, which
//! wrap a wire error when a packet was at fault.

use std::fmt;

use crate::state::{Direction, State};
use crate::version::ProtocolVersion;

/// Result type of encoding and decoding.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What a length limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthUnit {
    /// UTF-16 code units, as vanilla counts string characters.
    Chars,
    /// Bytes.
    Bytes,
    /// Elements of an array.
    Elements,
}

impl fmt::Display for LengthUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LengthUnit::Chars => "characters",
            LengthUnit::Bytes => "bytes",
            LengthUnit::Elements => "elements",
        })
    }
}

/// Why NBT data was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NbtError {
    /// A tag type byte outside 0..=11 (1.8 has no long arrays).
    InvalidTag(u8),
    /// The root tag was not a compound.
    RootNotCompound(u8),
    /// Lists and compounds nested deeper than the limit.
    TooDeep {
        /// The configured nesting limit.
        max: u16,
    },
    /// The estimated in-memory size exceeded the limit.
    TooLarge {
        /// The configured size budget in bytes.
        max: u32,
    },
    /// A negative array or list length.
    NegativeLength(i32),
    /// A list of `TAG_End` elements with a non-zero length.
    EndListNotEmpty(i32),
    /// A string that is not valid (modified) UTF-8.
    InvalidString,
    /// A compound contains the same key twice.
    DuplicateKey,
}

impl fmt::Display for NbtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NbtError::InvalidTag(t) => write!(f, "invalid tag type {t}"),
            NbtError::RootNotCompound(t) => write!(f, "root tag is type {t}, not a compound"),
            NbtError::TooDeep { max } => write!(f, "nested deeper than {max} levels"),
            NbtError::TooLarge { max } => write!(f, "larger than the {max}-byte budget"),
            NbtError::NegativeLength(n) => write!(f, "negative length {n}"),
            NbtError::EndListNotEmpty(n) => write!(f, "list of TAG_End with length {n}"),
            NbtError::InvalidString => f.write_str("string is not valid modified UTF-8"),
            NbtError::DuplicateKey => f.write_str("compound has a duplicate key"),
        }
    }
}

/// What went wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input ended while a value was being read.
    #[error("unexpected end of input reading {what}: needed {needed} bytes, {remaining} left")]
    UnexpectedEof {
        /// The wire type being read.
        what: &'static str,
        /// Bytes that value needs.
        needed: usize,
        /// Bytes that were left.
        remaining: usize,
    },
    /// A VarInt or VarLong longer than its maximum (5 or 10 bytes; 3 for a frame length).
    #[error("{what} longer than {max_bytes} bytes")]
    VarIntTooLong {
        /// `"VarInt"`, `"VarLong"` or `"frame length"`.
        what: &'static str,
        /// The maximum length in bytes.
        max_bytes: u8,
    },
    /// A negative length prefix.
    #[error("negative length {len}")]
    NegativeLength {
        /// The length read.
        len: i64,
    },
    /// A length prefix that cannot fit in the bytes that remain.
    #[error("length {len} needs at least {needed} bytes but only {remaining} remain")]
    LengthExceedsInput {
        /// The length read.
        len: u64,
        /// Minimum bytes that length implies.
        needed: u64,
        /// Bytes left in the input.
        remaining: usize,
    },
    /// A string, array or frame longer than its maximum.
    #[error("too long: {len} {unit}, maximum {max}")]
    TooLong {
        /// The actual length.
        len: usize,
        /// The maximum allowed.
        max: usize,
        /// What the numbers count.
        unit: LengthUnit,
    },
    /// Bytes that are not UTF-8 where a string was expected.
    #[error("invalid UTF-8 in string")]
    InvalidUtf8,
    /// A value that selects a layout (an enum tag) is not one the type knows.
    #[error("unknown {ty} value {value}")]
    UnknownValue {
        /// The enum type.
        ty: &'static str,
        /// The value read.
        value: i64,
    },
    /// A number that does not fit the wire representation or the Rust type.
    #[error("value {value} out of range for {ty}")]
    OutOfRange {
        /// The type or representation.
        ty: &'static str,
        /// The value.
        value: i64,
    },
    /// A float that cannot be sent as fixed-point.
    #[error("{value} cannot be sent as fixed-point {ty}")]
    FixedOutOfRange {
        /// The integer representation.
        ty: &'static str,
        /// The value.
        value: f64,
    },
    /// A sequence whose length differs from the count computed from earlier fields.
    #[error("{actual} elements where earlier fields call for {expected}")]
    CountMismatch {
        /// The computed count.
        expected: usize,
        /// The sequence's length.
        actual: usize,
    },
    /// Bytes left over after a complete packet.
    #[error("{count} trailing bytes after the packet")]
    TrailingBytes {
        /// Bytes not consumed.
        count: usize,
    },
    /// The registry has no packet with this id.
    #[error("unknown packet id {id:#04x}")]
    UnknownPacket {
        /// The packet id read.
        id: i32,
    },
    /// The packet id read is not the one of the packet type requested.
    #[error("expected packet id {expected:#04x}, got {actual:#04x}")]
    UnexpectedPacket {
        /// The id of the requested type in this version.
        expected: i32,
        /// The id on the wire.
        actual: i32,
    },
    /// The packet type does not exist in the protocol version used.
    #[error("packet not part of protocol version {version}")]
    PacketNotInVersion {
        /// The protocol version.
        version: i32,
    },
    /// A value (an enum variant) that does not exist in the protocol
    /// version used, so it cannot be encoded there.
    #[error("{ty} does not exist in protocol version {version}")]
    NotInVersion {
        /// The type and variant, `"Title::SetActionBar"`.
        ty: &'static str,
        /// The protocol version.
        version: i32,
    },
    /// A field that the protocol version requires was `None`.
    #[error("field required in this version or state is missing (None)")]
    MissingField,
    /// A field was `Some` where its condition says it is absent.
    #[error("field is present (Some) but its condition says it is absent")]
    UnexpectedField,
    /// Invalid NBT.
    #[error("NBT: {0}")]
    Nbt(NbtError),
    /// An entity-metadata entry type outside 0..=7.
    #[error("invalid entity metadata type {0}")]
    InvalidMetadataType(u8),
    /// JSON that does not parse into the expected type.
    #[error("invalid JSON at line {line} column {column}")]
    Json {
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
    },
    /// A frame whose length exceeds the limit.
    #[error("frame of {len} bytes exceeds the limit of {max}")]
    FrameTooLarge {
        /// Declared length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A compressed frame declares an uncompressed size below the threshold.
    #[error("compressed packet declares {declared} bytes, below the threshold {threshold}")]
    BelowThreshold {
        /// Declared uncompressed size.
        declared: usize,
        /// Compression threshold in force.
        threshold: usize,
    },
    /// Inflated data does not match the declared size.
    #[error("compressed packet declares {declared} bytes but inflates to {actual}{}", if *.more { " or more" } else { "" })]
    SizeMismatch {
        /// Declared uncompressed size.
        declared: usize,
        /// Bytes actually produced (up to the point inflation stopped).
        actual: usize,
        /// Whether there was more data than declared.
        more: bool,
    },
    /// The zlib stream is corrupt.
    #[error("corrupt zlib stream")]
    BadCompression,
}

/// Which packet an error belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PacketContext {
    /// Connection state.
    pub state: State,
    /// Direction of the packet.
    pub direction: Direction,
    /// Packet id on the wire (`None` when it was not read yet).
    pub id: Option<i32>,
    /// Protocol version in use.
    pub version: ProtocolVersion,
}

/// A wire error: what went wrong and where.
///
/// One pointer wide, so that every `Result` of the codec stays small (a
/// `Result<f64>` is 16 bytes, not 104): decoders return results in
/// registers, and moving a decoded packet does not move room for an error.
/// Making an error allocates one small box, freed with the error.
pub struct Error(Box<ErrorInner>);

#[derive(Debug)]
struct ErrorInner {
    kind: ErrorKind,
    inner: &'static str,
    outer: &'static str,
    packet: Option<&'static str>,
    context: Option<PacketContext>,
}

impl Error {
    /// An error of this kind with no location yet.
    #[cold]
    pub fn new(kind: ErrorKind) -> Self {
        Error(Box::new(ErrorInner {
            kind,
            inner: "",
            outer: "",
            packet: None,
            context: None,
        }))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// Consumes the error, returning its kind.
    pub fn into_kind(self) -> ErrorKind {
        let inner = *self.0;
        inner.kind
    }

    /// The innermost field being decoded, as `Type.field` (empty if unknown).
    pub fn field(&self) -> &'static str {
        self.0.inner
    }

    /// The outermost field being decoded, as `Type.field` (empty if unknown).
    pub fn outer_field(&self) -> &'static str {
        self.0.outer
    }

    /// The name of the packet being decoded, when known.
    pub fn packet_name(&self) -> Option<&'static str> {
        self.0.packet
    }

    /// State, direction, id and version of the packet, when known.
    pub fn context(&self) -> Option<PacketContext> {
        self.0.context
    }

    /// Records that the error happened in field `path` (`"Type.field"`).
    /// The first call sets the innermost path; every call sets the outermost.
    #[cold]
    #[must_use]
    pub fn at(mut self, path: &'static str) -> Self {
        if self.0.inner.is_empty() {
            self.0.inner = path;
        }
        self.0.outer = path;
        self
    }

    /// Records the packet being decoded or encoded.
    #[cold]
    #[must_use]
    pub fn in_packet(mut self, name: &'static str) -> Self {
        if self.0.packet.is_none() {
            self.0.packet = Some(name);
        }
        self
    }

    /// Records the packet's state, direction, id and version.
    #[cold]
    #[must_use]
    pub fn with_context(mut self, context: PacketContext) -> Self {
        match &mut self.0.context {
            Some(existing) => {
                if existing.id.is_none() {
                    existing.id = context.id;
                }
            }
            None => self.0.context = Some(context),
        }
        self
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("inner", &self.0.inner)
            .field("outer", &self.0.outer)
            .field("packet", &self.0.packet)
            .field("context", &self.0.context)
            .finish()
    }
}

impl From<ErrorKind> for Error {
    #[cold]
    fn from(kind: ErrorKind) -> Self {
        Error::new(kind)
    }
}

impl From<NbtError> for Error {
    #[cold]
    fn from(e: NbtError) -> Self {
        Error::new(ErrorKind::Nbt(e))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(name) = self.0.packet {
            write!(f, "{name}")?;
        }
        if let Some(cx) = self.0.context {
            if self.0.packet.is_some() {
                f.write_str(" ")?;
            }
            write!(f, "({} {}", cx.state, cx.direction)?;
            if let Some(id) = cx.id {
                write!(f, " {id:#04x}")?;
            }
            write!(f, ", protocol {})", cx.version.0)?;
        }
        if self.0.packet.is_some() || self.0.context.is_some() {
            f.write_str(": ")?;
        }
        if !self.0.outer.is_empty() {
            if self.0.outer != self.0.inner {
                write!(f, "{} > {}: ", self.0.outer, self.0.inner)?;
            } else {
                write!(f, "{}: ", self.0.inner)?;
            }
        }
        write!(f, "{}", self.0.kind)
    }
}

impl std::error::Error for Error {}

/// Shorthand for `Err(Error::new(kind))`.
#[cold]
pub fn fail<T>(kind: ErrorKind) -> Result<T> {
    Err(Error::new(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_packet_and_field_path() {
        let e = Error::new(ErrorKind::UnknownValue {
            ty: "UseEntityKind",
            value: 7,
        })
        .at("UseEntity.action")
        .in_packet("UseEntity")
        .with_context(PacketContext {
            state: State::Play,
            direction: Direction::Serverbound,
            id: Some(2),
            version: ProtocolVersion(47),
        });
        assert_eq!(
            e.to_string(),
            "UseEntity (play serverbound 0x02, protocol 47): UseEntity.action: unknown UseEntityKind value 7"
        );
    }

    #[test]
    fn nested_path_keeps_inner_and_outer() {
        let e = Error::new(ErrorKind::InvalidUtf8)
            .at("Property.value")
            .at("PlayerInfo.properties")
            .at("PlayerListItem.action");
        assert_eq!(e.field(), "Property.value");
        assert_eq!(e.outer_field(), "PlayerListItem.action");
        assert!(
            e.to_string()
                .starts_with("PlayerListItem.action > Property.value")
        );
    }
}
