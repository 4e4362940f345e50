//! Run-time descriptions of wire layouts.
//!
//! Every type that derives `Encode`/`Decode` describes itself with a
//! [`WireType`]: the packet inspector prints these as the registry schema,
//! and tests compare them with independent descriptions of the protocol.

use std::fmt;

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
    /// Present only in some protocol versions.
    Versioned {
        /// First version with the field.
        since: Option<i32>,
        /// First version without it again.
        before: Option<i32>,
        /// The layout.
        of: Box<WireType>,
    },
    /// A layout that differs between protocol versions.
    PerVersion(Vec<(i32, WireType)>),
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
    /// The layout.
    fn describe() -> WireType;
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

    /// The layout as it is in protocol `version`: fields of other versions
    /// dropped, per-version representations resolved; `None` if the whole
    /// value is absent in that version. Conditions stay as written.
    pub fn for_version(&self, version: i32) -> Option<WireType> {
        let fields = |fs: &[FieldSchema]| -> Vec<FieldSchema> {
            fs.iter()
                .filter_map(|f| {
                    f.ty.for_version(version)
                        .map(|ty| FieldSchema { name: f.name, ty })
                })
                .collect()
        };
        Some(match self {
            WireType::Versioned { since, before, of } => {
                let active =
                    since.is_none_or(|s| version >= s) && before.is_none_or(|b| version < b);
                return if active {
                    of.for_version(version)
                } else {
                    None
                };
            }
            WireType::PerVersion(list) => {
                let chosen = list
                    .iter()
                    .rev()
                    .find(|(v, _)| *v <= version)
                    .or(list.first())?;
                return chosen.1.for_version(version);
            }
            WireType::Struct { name, fields: fs } => WireType::Struct {
                name,
                fields: fields(fs),
            },
            WireType::Switch {
                name,
                tag,
                variants,
            } => WireType::Switch {
                name,
                tag: Box::new(tag.for_version(version)?),
                variants: variants
                    .iter()
                    .map(|v| VariantSchema {
                        name: v.name,
                        tag: v.tag,
                        fields: fields(&v.fields),
                    })
                    .collect(),
            },
            WireType::Array { len, of } => WireType::Array {
                len: len.clone(),
                of: Box::new(of.for_version(version)?),
            },
            WireType::Optional(of) => WireType::Optional(Box::new(of.for_version(version)?)),
            WireType::Conditional { when, of } => WireType::Conditional {
                when,
                of: Box::new(of.for_version(version)?),
            },
            WireType::Fixed { repr, scale } => WireType::Fixed {
                repr: Box::new(repr.for_version(version)?),
                scale: *scale,
            },
            other => other.clone(),
        })
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
            WireType::Versioned { since, before, of } => match (since, before) {
                (Some(s), Some(b)) => write!(f, "Versions({s}..{b}, {of})"),
                (Some(s), None) => write!(f, "Since({s}, {of})"),
                (None, Some(b)) => write!(f, "Before({b}, {of})"),
                (None, None) => write!(f, "{of}"),
            },
            WireType::PerVersion(list) => {
                f.write_str("PerVersion(")?;
                for (i, (v, t)) in list.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}: {t}")?;
                }
                f.write_str(")")
            }
            WireType::Struct { name, fields } => {
                write!(f, "{name} ")?;
                write_fields(f, fields)
            }
            WireType::Switch {
                name,
                tag,
                variants,
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
                f.write_str(" }")
            }
            WireType::Enum { name, repr, .. } => write!(f, "Enum {name}({repr})"),
        }
    }
}
