//! Run-time descriptions of wire layouts.
//!
//! Every type that derives `Encode`/`Decode` describes itself with a
//! [`WireType`], as it is in one protocol version: the packet inspector
//! prints these as the registry schema, and tests compare them with
//! independent descriptions of the protocol.

use std::fmt;

use crate::version::ProtocolVersion;

/// The wire layout of a type or field.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum WireType {
    /// Boolean.
    Bool,
    /// Signed byte.
    Byte,
    /// Unsigned byte.
    UnsignedByte,
    /// Signed 16-bit.
    Short,
    /// Unsigned 16-bit.
    UnsignedShort,
    /// Signed 32-bit.
    Int,
    /// Signed 64-bit.
    Long,
    /// 32-bit float.
    Float,
    /// 64-bit float.
    Double,
    /// VarInt.
    VarInt,
    /// VarLong.
    VarLong,
    /// VarInt-prefixed UTF-8 with a maximum in characters.
    String {
        /// Maximum length in characters.
        max: usize,
    },
    /// A named wire type with its own fixed definition (Position, UUID,
    /// Slot, NBT, Entity Metadata, Chat...).
    Named(&'static str),
    /// An integer carrying a number times `scale`.
    Fixed {
        /// The integer representation.
        repr: Box<WireType>,
        /// The scale factor (32 for positions).
        scale: u32,
    },
    /// A sequence of elements.
    Array {
        /// How the element count is known.
        len: ArrayLen,
        /// Element layout.
        of: Box<WireType>,
    },
    /// Present when a preceding boolean is true.
    Optional(Box<WireType>),
    /// Present when a condition on earlier fields holds.
    Conditional {
        /// The condition, as written in the declaration.
        when: &'static str,
        /// The layout when present.
        of: Box<WireType>,
    },
    /// A structure of fields.
    Struct {
        /// Type name.
        name: &'static str,
        /// Fields in wire order.
        fields: Vec<FieldSchema>,
    },
    /// A tag selecting one of several layouts.
    Switch {
        /// Type name.
        name: &'static str,
        /// Tag representation.
        tag: Box<WireType>,
        /// The layouts.
        variants: Vec<VariantSchema>,
        /// Whether an unknown tag is kept (with no fields after it)
        /// rather than refused.
        open: bool,
    },
    /// An integer with named values.
    Enum {
        /// Type name.
        name: &'static str,
        /// Representation.
        repr: Box<WireType>,
        /// Named values.
        values: Vec<(&'static str, i64)>,
        /// Whether unknown values are kept.
        open: bool,
    },
}

/// How an array's length is known.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum ArrayLen {
    /// A count of this representation precedes the elements.
    Prefixed(Box<WireType>),
    /// Computed from earlier fields by this expression.
    Count(&'static str),
    /// Everything up to the end of the packet.
    Rest,
    /// A fixed number of elements.
    Fixed(usize),
}

/// A named field.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FieldSchema {
    /// Field name.
    pub name: &'static str,
    /// Its layout.
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub ty: WireType,
}

/// One layout of a [`WireType::Switch`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct VariantSchema {
    /// Variant name.
    pub name: &'static str,
    /// Tag value selecting it.
    pub tag: i64,
    /// Its fields.
    pub fields: Vec<FieldSchema>,
}

/// A type that can describe its wire layout.
pub trait Describe {
    /// The layout in protocol `version`: fields and variants the version
    /// lacks are left out, and per-version representations, bounds and
    /// tags are that version's.
    fn describe(version: ProtocolVersion) -> WireType;
}

impl WireType {
    /// The same layout with a different maximum length (strings) or
    /// element count (arrays), as `#[mc(max_len)]` sets.
    #[must_use]
    pub fn with_max(self, max: usize) -> WireType {
        match self {
            WireType::String { .. } => WireType::String { max },
            other => other,
        }
    }

    /// Shorthand for a named wire type.
    pub fn named(name: &'static str) -> WireType {
        WireType::Named(name)
    }
}

fn write_fields(f: &mut fmt::Formatter<'_>, fields: &[FieldSchema]) -> fmt::Result {
    f.write_str("{")?;
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            f.write_str(",")?;
        }
        write!(f, " {}: {}", field.name, field.ty)?;
    }
    f.write_str(" }")
}

impl fmt::Display for WireType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WireType::Bool => f.write_str("Boolean"),
            WireType::Byte => f.write_str("Byte"),
            WireType::UnsignedByte => f.write_str("Unsigned Byte"),
            WireType::Short => f.write_str("Short"),
            WireType::UnsignedShort => f.write_str("Unsigned Short"),
            WireType::Int => f.write_str("Int"),
            WireType::Long => f.write_str("Long"),
            WireType::Float => f.write_str("Float"),
            WireType::Double => f.write_str("Double"),
            WireType::VarInt => f.write_str("VarInt"),
            WireType::VarLong => f.write_str("VarLong"),
            WireType::String { max } => write!(f, "String({max})"),
            WireType::Named(n) => f.write_str(n),
            WireType::Fixed { repr, scale } => write!(f, "Fixed({repr}, x{scale})"),
            WireType::Array { len, of } => match len {
                ArrayLen::Prefixed(p) => write!(f, "Array({p}, {of})"),
                ArrayLen::Count(e) => write!(f, "Array(count = {e}, {of})"),
                ArrayLen::Rest => write!(f, "Array(rest of packet, {of})"),
                ArrayLen::Fixed(n) => write!(f, "Array({n}, {of})"),
            },
            WireType::Optional(of) => write!(f, "Optional({of})"),
            WireType::Conditional { when, of } => write!(f, "Conditional({when}, {of})"),
            WireType::Struct { name, fields } => {
                write!(f, "{name} ")?;
                write_fields(f, fields)
            }
            WireType::Switch {
                name,
                tag,
                variants,
                open,
            } => {
                write!(f, "Switch {name}({tag}) {{")?;
                for (i, v) in variants.iter().enumerate() {
                    if i > 0 {
                        f.write_str(";")?;
                    }
                    write!(f, " {} {}", v.tag, v.name)?;
                    if !v.fields.is_empty() {
                        f.write_str(" ")?;
                        write_fields(f, &v.fields)?;
                    }
                }
                if *open {
                    f.write_str("; other: no fields")?;
                }
                f.write_str(" }")
            }
            WireType::Enum { name, repr, .. } => write!(f, "Enum {name}({repr})"),
        }
    }
}
