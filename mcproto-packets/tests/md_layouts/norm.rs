//! The common form both layouts are normalized into.
//!
//! A layout is a sequence of [`Item`]s in wire order. Structures are
//! flattened: a field nested in a structure has a dotted path
//! (`velocity.x`), array elements and optional values keep the path of the
//! array or option, and the fields of a switch arm get the switch field's
//! path as prefix (`action.x`), so both sides name the same bytes the
//! same way however they group them. What a layout depends on (a switch on
//! a tag, a condition, a count computed from a field) is a [`Select`] or a
//! [`Item::Counted`] naming the field it reads; the comparison resolves
//! them for each interesting value of that field.

use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

/// Names of the values of an integer (minecraft-data's `mapper`).
pub type Names = BTreeMap<String, i64>;

/// A count computed from the value of a field (`None`: the value is
/// rejected).
pub type CountFn = Rc<dyn Fn(&Value) -> Option<usize>>;

/// A scalar wire type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// One byte, 0 or 1.
    Bool,
    /// A big-endian integer of `bits` bits; `signed: None` where the sign
    /// carries no meaning (angles in 256ths of a turn, bit fields).
    Int {
        /// Width in bits.
        bits: u8,
        /// Signedness, if it means anything.
        signed: Option<bool>,
    },
    /// VarInt.
    VarInt,
    /// VarLong.
    VarLong,
    /// IEEE 754 single.
    F32,
    /// IEEE 754 double.
    F64,
    /// VarInt-prefixed UTF-8.
    String,
    /// A type with its own fixed definition, compared by name class.
    Class(Class),
}

/// The named wire types compared by class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A packed block position.
    Position,
    /// An item stack.
    Slot,
    /// NBT that must be present.
    Nbt,
    /// NBT or a single `TAG_End` byte.
    OptionalNbt,
    /// Entity metadata: its highest type id and end marker, where the
    /// side states them.
    Metadata(Option<(i64, i64)>),
    /// Two longs.
    Uuid,
    /// A string holding chat JSON.
    Chat,
}

impl Ty {
    /// Same wire type (an integer of unknown sign matches either sign).
    pub fn same(&self, other: &Ty) -> bool {
        match (self, other) {
            (
                Ty::Int {
                    bits: a,
                    signed: sa,
                },
                Ty::Int {
                    bits: b,
                    signed: sb,
                },
            ) => a == b && (sa.is_none() || sb.is_none() || sa == sb),
            (Ty::Class(Class::Metadata(a)), Ty::Class(Class::Metadata(b))) => {
                a.is_none() || b.is_none() || a == b
            }
            _ => self == other,
        }
    }

    /// One byte of no particular meaning (an element of a byte string).
    pub fn is_octet(&self) -> bool {
        matches!(self, Ty::Int { bits: 8, .. })
    }

    /// The values this type can carry, for integers narrower than 64 bits.
    pub fn range(&self) -> Option<(i64, i64)> {
        match *self {
            Ty::Bool => Some((0, 1)),
            Ty::Int { bits, signed } if bits < 64 => {
                let span = 1i64 << bits;
                match signed {
                    Some(false) => Some((0, span - 1)),
                    Some(true) => Some((-span / 2, span / 2 - 1)),
                    None => Some((-span / 2, span - 1)),
                }
            }
            Ty::VarInt => Some((i64::from(i32::MIN), i64::from(i32::MAX))),
            _ => None,
        }
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Bool => f.write_str("bool"),
            Ty::Int {
                bits,
                signed: Some(true),
            } => write!(f, "i{bits}"),
            Ty::Int {
                bits,
                signed: Some(false),
            } => write!(f, "u{bits}"),
            Ty::Int { bits, signed: None } => write!(f, "bits{bits}"),
            Ty::VarInt => f.write_str("varint"),
            Ty::VarLong => f.write_str("varlong"),
            Ty::F32 => f.write_str("f32"),
            Ty::F64 => f.write_str("f64"),
            Ty::String => f.write_str("string"),
            Ty::Class(c) => f.write_str(match c {
                Class::Position => "position",
                Class::Slot => "slot",
                Class::Nbt => "nbt",
                Class::OptionalNbt => "optional nbt",
                Class::Metadata(None) => "entity metadata",
                Class::Metadata(Some((types, end))) => {
                    return write!(f, "entity metadata (types 0-{types}, end {end:#04x})");
                }
                Class::Uuid => "uuid",
                Class::Chat => "chat",
            }),
        }
    }
}

/// A field value the comparison tries.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Value {
    /// An integer (booleans are 0 and 1).
    Int(i64),
    /// A string.
    Str(String),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Int(i) => write!(f, "{i}"),
            Value::Str(s) => write!(f, "{s:?}"),
        }
    }
}

/// How many elements an array has.
#[derive(Debug, Clone, PartialEq)]
pub enum Len {
    /// A count of this type precedes the elements.
    Prefixed(Ty),
    /// Always this many.
    Fixed(usize),
    /// Up to the end of the packet.
    Rest,
    /// The value of the field at this path.
    Ref(String),
}

impl fmt::Display for Len {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Len::Prefixed(t) => write!(f, "{t}"),
            Len::Fixed(n) => write!(f, "{n}"),
            Len::Rest => f.write_str("rest"),
            Len::Ref(p) => write!(f, "count = {p}"),
        }
    }
}

/// Comparison operators of conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl Op {
    /// `a op b`.
    pub fn holds<T: Ord>(self, a: &T, b: &T) -> bool {
        match self {
            Op::Eq => a == b,
            Op::Ne => a != b,
            Op::Lt => a < b,
            Op::Le => a <= b,
            Op::Gt => a > b,
            Op::Ge => a >= b,
        }
    }
}

/// A condition on the value of one field.
#[derive(Debug, Clone, PartialEq)]
pub enum Pred {
    /// minecraft-data's switch arm key: the value as text, or the name a
    /// `mapper` gives it, or `true`/`false`.
    Key(String),
    /// `value op constant`.
    Cmp(Op, Value),
    /// `(value & mask) op constant`.
    Masked(i64, Op, i64),
    /// A boolean field that is true.
    Truthy,
    /// All hold.
    All(Vec<Pred>),
    /// One holds.
    Any(Vec<Pred>),
    /// Does not hold.
    Not(Box<Pred>),
}

impl Pred {
    /// Whether the condition holds for `v` (`names`: the mapper of the
    /// field, if minecraft-data gives one).
    pub fn holds(&self, v: &Value, names: Option<&Names>) -> bool {
        match self {
            Pred::Key(k) => match v {
                Value::Str(s) => s == k,
                Value::Int(i) => {
                    if let Some(n) = names.and_then(|n| n.get(k)) {
                        return n == i;
                    }
                    match k.as_str() {
                        "true" => *i == 1,
                        "false" => *i == 0,
                        _ => parse_int(k) == Some(*i),
                    }
                }
            },
            Pred::Cmp(op, c) => match (v, c) {
                (Value::Int(a), Value::Int(b)) => op.holds(a, b),
                (Value::Str(a), Value::Str(b)) => op.holds(a, b),
                _ => false,
            },
            Pred::Masked(mask, op, c) => match v {
                Value::Int(a) => op.holds(&(a & mask), c),
                Value::Str(_) => false,
            },
            Pred::Truthy => *v == Value::Int(1),
            Pred::All(ps) => ps.iter().all(|p| p.holds(v, names)),
            Pred::Any(ps) => ps.iter().any(|p| p.holds(v, names)),
            Pred::Not(p) => !p.holds(v, names),
        }
    }

    /// Values at which the condition may change: every constant, its
    /// neighbours, and another string.
    pub fn samples(&self, names: Option<&Names>, out: &mut Vec<Value>) {
        match self {
            Pred::Key(k) => {
                if let Some(n) = names.and_then(|n| n.get(k)) {
                    out.push(Value::Int(*n));
                } else if let Some(i) = parse_int(k) {
                    out.extend([i - 1, i, i + 1].map(Value::Int));
                } else if k == "true" || k == "false" {
                    out.extend([Value::Int(0), Value::Int(1)]);
                } else {
                    out.push(Value::Str(k.clone()));
                    out.push(Value::Str(String::new()));
                }
            }
            Pred::Cmp(_, Value::Int(c)) => {
                out.extend([c - 1, *c, c + 1].map(Value::Int));
            }
            Pred::Cmp(_, Value::Str(s)) => {
                out.push(Value::Str(s.clone()));
                out.push(Value::Str(String::new()));
            }
            Pred::Masked(mask, _, c) => {
                out.extend([0, *mask, *c].map(Value::Int));
            }
            Pred::Truthy => out.extend([Value::Int(0), Value::Int(1)]),
            Pred::All(ps) | Pred::Any(ps) => ps.iter().for_each(|p| p.samples(names, out)),
            Pred::Not(p) => p.samples(names, out),
        }
    }
}

/// An integer in decimal or `0x` hexadecimal.
pub fn parse_int(s: &str) -> Option<i64> {
    let s = s.trim();
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let n = match digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        Some(hex) => i64::from_str_radix(hex, 16).ok()?,
        None => digits.parse::<i64>().ok()?,
    };
    Some(if neg { -n } else { n })
}

/// Which values a field accepts.
#[derive(Debug, Clone, PartialEq)]
pub enum Domain {
    /// Any value of its type.
    Any,
    /// Only these (a closed enum, the tags of a switch).
    Closed(Vec<i64>),
    /// Any value; these have names (minecraft-data's `mapper`).
    Named(Names),
}

/// A part of a switch: the field it reads, the arms in order, and what
/// the other values mean.
#[derive(Debug, Clone)]
pub struct Select {
    /// Path of the field read.
    pub on: String,
    /// Bits of that field read, when it is a bit field: (shift, size).
    pub bits: Option<(u32, u32)>,
    /// Conditions with their layouts; the first that holds applies.
    pub arms: Vec<(Pred, Vec<Item>)>,
    /// The layout when no arm holds; `None`: the value is rejected.
    pub otherwise: Option<Vec<Item>>,
}

/// One element of a layout.
#[derive(Clone)]
pub enum Item {
    /// A scalar.
    Leaf {
        /// Path, in our naming.
        path: String,
        /// The path as the side itself names it.
        src: String,
        /// Wire type.
        ty: Ty,
        /// Accepted values.
        domain: Domain,
    },
    /// A byte string.
    Bytes {
        /// Path, in our naming.
        path: String,
        /// Length.
        len: Len,
    },
    /// A sequence of elements.
    Array {
        /// Path, in our naming.
        path: String,
        /// Length.
        len: Len,
        /// Layout of one element.
        elem: Vec<Item>,
    },
    /// A boolean, then the value if it is true.
    Option {
        /// Path, in our naming.
        path: String,
        /// Layout of the value.
        inner: Vec<Item>,
    },
    /// A layout chosen by a field's value.
    Select(Select),
    /// An array whose fixed count is computed from a field.
    Counted {
        /// Path, in our naming.
        path: String,
        /// Path of the field the count is computed from.
        on: String,
        /// The expression, for messages.
        expr: String,
        /// The count for a value.
        count: CountFn,
        /// Layout of one element.
        elem: Vec<Item>,
    },
}

impl Item {
    /// The path of the item (a switch: of its first field).
    pub fn path(&self) -> Option<&str> {
        match self {
            Item::Leaf { path, .. }
            | Item::Bytes { path, .. }
            | Item::Array { path, .. }
            | Item::Option { path, .. }
            | Item::Counted { path, .. } => Some(path),
            Item::Select(s) => s
                .arms
                .iter()
                .map(|(_, items)| items.as_slice())
                .chain(s.otherwise.as_deref())
                .find_map(|items| items.first().and_then(Item::path)),
        }
    }

    /// What the item is, without its path.
    pub fn kind(&self) -> String {
        match self {
            Item::Leaf { ty, .. } => ty.to_string(),
            Item::Bytes { len, .. } => format!("bytes({len})"),
            Item::Array { len, elem, .. } => format!("array({len}) of {}", render(elem)),
            Item::Option { inner, .. } => format!("option of {}", render(inner)),
            Item::Select(s) => format!("switch on {}", s.on),
            Item::Counted { expr, elem, .. } => {
                format!("array(count = {expr}) of {}", render(elem))
            }
        }
    }
}

impl fmt::Debug for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path() {
            Some(p) => write!(f, "{p}: {}", self.kind()),
            None => f.write_str(&self.kind()),
        }
    }
}

/// Items as `a: i32, b: string` (one item: just its kind).
pub fn render(items: &[Item]) -> String {
    match items {
        [] => "nothing".to_owned(),
        [one] => one.kind(),
        many => {
            let parts: Vec<String> = many.iter().map(|i| format!("{i:?}")).collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

/// `prefix.name`, or `name` at the top.
pub fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else if name.is_empty() {
        prefix.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// Whether any switch or computed count in `items` reads the field at
/// `path`.
pub fn reads(items: &[Item], path: &str) -> bool {
    items.iter().any(|i| match i {
        Item::Leaf { .. } | Item::Bytes { .. } => false,
        Item::Array { elem, .. } => reads(elem, path),
        Item::Option { inner, .. } => reads(inner, path),
        Item::Select(s) => {
            s.on == path
                || s.arms.iter().any(|(_, a)| reads(a, path))
                || s.otherwise.as_deref().is_some_and(|o| reads(o, path))
        }
        Item::Counted { on, elem, .. } => on == path || reads(elem, path),
    })
}

/// The values worth trying for the field at `path`: every constant the
/// switches and conditions reading it name, with its neighbours.
pub fn samples(items: &[Item], path: &str, names: Option<&Names>, out: &mut Vec<Value>) {
    for i in items {
        match i {
            Item::Leaf { .. } | Item::Bytes { .. } | Item::Counted { .. } => {}
            Item::Array { elem, .. } => samples(elem, path, names, out),
            Item::Option { inner, .. } => samples(inner, path, names, out),
            Item::Select(s) => {
                for (p, a) in &s.arms {
                    if s.on == path {
                        let mut vals = Vec::new();
                        p.samples(names, &mut vals);
                        out.extend(vals.into_iter().map(|v| match (v, s.bits) {
                            (Value::Int(i), Some((shift, _))) => Value::Int(i << shift),
                            (v, _) => v,
                        }));
                    }
                    samples(a, path, names, out);
                }
                if let Some(o) = &s.otherwise {
                    samples(o, path, names, out);
                }
            }
        }
    }
}

/// The layout once the field at `path` is known to be `v`: every switch
/// and count reading it resolved. `None` if the layout rejects the value;
/// `explicit` is set when a minecraft-data arm named the value (rather
/// than its default applying).
pub fn specialize(
    items: &[Item],
    path: &str,
    v: &Value,
    names: Option<&Names>,
    explicit: &mut bool,
) -> Option<Vec<Item>> {
    let mut out = Vec::with_capacity(items.len());
    for i in items {
        match i {
            Item::Leaf { .. } | Item::Bytes { .. } => out.push(i.clone()),
            Item::Array {
                path: p, len, elem, ..
            } => out.push(Item::Array {
                path: p.clone(),
                len: len.clone(),
                elem: specialize(elem, path, v, names, explicit)?,
            }),
            Item::Option { path: p, inner } => out.push(Item::Option {
                path: p.clone(),
                inner: specialize(inner, path, v, names, explicit)?,
            }),
            Item::Select(s) if s.on == path => {
                let read = match (v, s.bits) {
                    (Value::Int(i), Some((shift, size))) => {
                        Value::Int((i >> shift) & ((1i64 << size) - 1))
                    }
                    (v, _) => v.clone(),
                };
                let chosen = match s.arms.iter().find(|(p, _)| p.holds(&read, names)) {
                    Some((p, a)) => {
                        if matches!(p, Pred::Key(_)) {
                            *explicit = true;
                        }
                        a
                    }
                    None => s.otherwise.as_ref()?,
                };
                out.extend(specialize(chosen, path, v, names, explicit)?);
            }
            Item::Select(s) => {
                let mut arms = Vec::with_capacity(s.arms.len());
                for (p, a) in &s.arms {
                    arms.push((p.clone(), specialize(a, path, v, names, explicit)?));
                }
                let otherwise = match &s.otherwise {
                    Some(o) => Some(specialize(o, path, v, names, explicit)?),
                    None => None,
                };
                out.push(Item::Select(Select {
                    on: s.on.clone(),
                    bits: s.bits,
                    arms,
                    otherwise,
                }));
            }
            Item::Counted {
                path: p,
                on,
                count,
                elem,
                ..
            } if on == path => {
                let n = count(v)?;
                if n > 0 {
                    let elem = specialize(elem, path, v, names, explicit)?;
                    out.push(match elem.as_slice() {
                        [Item::Leaf { ty, .. }] if ty.is_octet() => Item::Bytes {
                            path: p.clone(),
                            len: Len::Fixed(n),
                        },
                        _ => Item::Array {
                            path: p.clone(),
                            len: Len::Fixed(n),
                            elem,
                        },
                    });
                }
            }
            Item::Counted {
                path: p,
                on,
                expr,
                count,
                elem,
            } => out.push(Item::Counted {
                path: p.clone(),
                on: on.clone(),
                expr: expr.clone(),
                count: count.clone(),
                elem: specialize(elem, path, v, names, explicit)?,
            }),
        }
    }
    Some(out)
}
