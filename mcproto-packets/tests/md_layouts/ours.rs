//! Our `WireType`s in the common form.
//!
//! - integers by width and signedness; fixed-point numbers as their
//!   integer; angles as a byte of no particular sign (256ths of a turn);
//! - enums as their integer representation, the domain closed to their
//!   values unless they keep unknown values;
//! - a switch on a tag as the tag (closed to the variants' tags), then a
//!   [`Select`] on it with one arm per variant and no default;
//! - strings (their maximum length is not on the wire), and the named
//!   types by class (`Chat` is its own class: JSON text in a string);
//! - arrays with a prefix, counted from a field (a plain field: a
//!   reference; a method of a field: [`Item::Counted`], evaluated by the
//!   test's table of count functions), to the end of the packet, or
//!   fixed; arrays of single bytes as byte strings;
//! - optionals (boolean-prefixed), and conditionals as a [`Select`] on the
//!   field their condition reads (see `cond`);
//! - structures flattened into dotted paths.

use std::rc::Rc;

use mcproto_core::schema::ArrayLen;
use mcproto_core::{FieldSchema, ProtocolVersion, WireType};

use super::cond::{self, Cond, Count, Names};
use super::norm::{Class, Domain, Item, Len, Op, Pred, Select, Ty, Value, join};

/// A count function: the field's value encoded as its wire type →
/// the count (`None`: not a valid value).
pub type CountEval = fn(&[u8], ProtocolVersion) -> Option<usize>;

/// Normalizes our layouts in one version.
pub struct Ours<'a> {
    /// The version described.
    pub version: ProtocolVersion,
    /// Version and integer constants by name, for conditions.
    pub names: Names<'a>,
    /// Count methods by their expression text.
    pub counts: &'a [(&'static str, CountEval)],
}

impl Ours<'_> {
    /// A packet's layout.
    pub fn packet(&self, layout: &WireType) -> Result<Vec<Item>, String> {
        let mut out = Vec::new();
        match layout {
            WireType::Struct { fields, .. } => self.fields(fields, "", &mut out)?,
            other => self.value(other, "", "", &[], &mut out)?,
        }
        Ok(out)
    }

    fn fields(
        &self,
        fields: &[FieldSchema],
        prefix: &str,
        out: &mut Vec<Item>,
    ) -> Result<(), String> {
        for f in fields {
            self.value(&f.ty, &join(prefix, f.name), prefix, fields, out)?;
        }
        Ok(())
    }

    /// Normalizes `t` at `path`, a field of the structure at `scope` whose
    /// fields are `siblings`.
    fn value(
        &self,
        t: &WireType,
        path: &str,
        scope: &str,
        siblings: &[FieldSchema],
        out: &mut Vec<Item>,
    ) -> Result<(), String> {
        let leaf = |ty, domain| Item::Leaf {
            path: path.to_owned(),
            src: path.to_owned(),
            ty,
            domain,
        };
        match t {
            WireType::Struct { fields, .. } => self.fields(fields, path, out)?,
            WireType::Enum {
                repr, values, open, ..
            } => {
                let domain = if *open {
                    Domain::Any
                } else {
                    Domain::Closed(values.iter().map(|(_, v)| *v).collect())
                };
                out.push(leaf(scalar(repr, path)?, domain));
            }
            WireType::Switch { tag, variants, .. } => {
                let tags = variants.iter().map(|v| v.tag).collect();
                out.push(leaf(scalar(tag, path)?, Domain::Closed(tags)));
                let mut arms = Vec::new();
                for v in variants {
                    let mut items = Vec::new();
                    self.fields(&v.fields, path, &mut items)?;
                    arms.push((Pred::Cmp(Op::Eq, Value::Int(v.tag)), items));
                }
                out.push(Item::Select(Select {
                    on: path.to_owned(),
                    bits: None,
                    arms,
                    otherwise: None,
                }));
            }
            WireType::Array { len, of } => {
                let mut elem = Vec::new();
                self.value(of, path, scope, siblings, &mut elem)?;
                let len = match len {
                    ArrayLen::Prefixed(p) => Len::Prefixed(scalar(p, path)?),
                    ArrayLen::Rest => Len::Rest,
                    ArrayLen::Fixed(n) => Len::Fixed(*n),
                    ArrayLen::Count(expr) => match cond::count(expr)? {
                        Count::Field(f) => Len::Ref(join(scope, &f)),
                        Count::Method(f, text) => {
                            out.push(self.counted(path, scope, siblings, &f, &text, elem)?);
                            return Ok(());
                        }
                    },
                };
                out.push(array(path, len, elem));
            }
            WireType::Optional(of) => {
                let mut inner = Vec::new();
                self.value(of, path, scope, siblings, &mut inner)?;
                out.push(Item::Option {
                    path: path.to_owned(),
                    inner,
                });
            }
            WireType::Conditional { when, of } => {
                let sibling = |name: &str| {
                    siblings
                        .iter()
                        .find(|f| f.name == name)
                        .map(|f| f.ty.clone())
                };
                match cond::condition(when, self.version, &self.names, &sibling)? {
                    Cond::Const(true) => self.value(of, path, scope, siblings, out)?,
                    Cond::Const(false) => {}
                    Cond::On { field, pred } => {
                        let mut items = Vec::new();
                        self.value(of, path, scope, siblings, &mut items)?;
                        out.push(Item::Select(Select {
                            on: join(scope, &field),
                            bits: None,
                            arms: vec![(pred, items)],
                            otherwise: Some(Vec::new()),
                        }));
                    }
                }
            }
            other => out.push(leaf(scalar(other, path)?, Domain::Any)),
        }
        Ok(())
    }

    /// An array counted by a method of a sibling field.
    fn counted(
        &self,
        path: &str,
        scope: &str,
        siblings: &[FieldSchema],
        field: &str,
        text: &str,
        elem: Vec<Item>,
    ) -> Result<Item, String> {
        let eval = self
            .counts
            .iter()
            .find(|(t, _)| *t == text)
            .map(|(_, f)| *f)
            .ok_or_else(|| format!("{path}: no count function for `{text}`"))?;
        let wire = siblings
            .iter()
            .find(|f| f.name == field)
            .map(|f| f.ty.clone())
            .ok_or_else(|| format!("{path}: `{text}` reads no field {field}"))?;
        let version = self.version;
        Ok(Item::Counted {
            path: path.to_owned(),
            on: join(scope, field),
            expr: text.to_owned(),
            count: Rc::new(move |v| eval(&encode(v, &wire, version)?, version)),
            elem,
        })
    }
}

fn array(path: &str, len: Len, elem: Vec<Item>) -> Item {
    let path = path.to_owned();
    match elem.as_slice() {
        [Item::Leaf { ty, .. }] if ty.is_octet() => Item::Bytes { path, len },
        _ => Item::Array { path, len, elem },
    }
}

/// The scalar wire type of `t`.
fn scalar(t: &WireType, path: &str) -> Result<Ty, String> {
    let int = |bits, signed| Ty::Int {
        bits,
        signed: Some(signed),
    };
    Ok(match t {
        WireType::Bool => Ty::Bool,
        WireType::Byte => int(8, true),
        WireType::UnsignedByte => int(8, false),
        WireType::Short => int(16, true),
        WireType::UnsignedShort => int(16, false),
        WireType::Int => int(32, true),
        WireType::Long => int(64, true),
        WireType::Float => Ty::F32,
        WireType::Double => Ty::F64,
        WireType::VarInt => Ty::VarInt,
        WireType::VarLong => Ty::VarLong,
        WireType::String { .. } => Ty::String,
        WireType::Fixed { repr, .. } => scalar(repr, path)?,
        WireType::Enum { repr, .. } => scalar(repr, path)?,
        WireType::Named(n) => match *n {
            "Position" => Ty::Class(Class::Position),
            "Slot" => Ty::Class(Class::Slot),
            // Our NBT accepts the single TAG_End byte everywhere.
            "NBT" => Ty::Class(Class::OptionalNbt),
            n if n.starts_with("Entity Metadata") => Ty::Class(Class::Metadata(metadata(n)?)),
            "UUID" => Ty::Class(Class::Uuid),
            "Chat" => Ty::Class(Class::Chat),
            "Angle" => Ty::Int {
                bits: 8,
                signed: None,
            },
            other => return Err(format!("{path}: no normalization for named type {other:?}")),
        },
        other => return Err(format!("{path}: {other} is not a scalar")),
    })
}

/// The highest type id and the end marker our entity metadata states in
/// its name (`Entity Metadata (1.9: index, VarInt type 0-12, end 0xFF)`);
/// none for the bare name.
fn metadata(name: &str) -> Result<Option<(i64, i64)>, String> {
    let Some(details) = name.strip_prefix("Entity Metadata") else {
        return Ok(None);
    };
    if details.trim().is_empty() {
        return Ok(None);
    }
    let number = |after: &str, radix| {
        let start = details.find(after)? + after.len();
        let digits: String = details[start..]
            .chars()
            .take_while(|c| c.is_digit(radix))
            .collect();
        i64::from_str_radix(&digits, radix).ok()
    };
    match (number(" 0-", 10), number("end 0x", 16)) {
        (Some(types), Some(end)) => Ok(Some((types, end))),
        _ => Err(format!(
            "cannot read the type range and end marker of {name:?}"
        )),
    }
}

/// `v` encoded as `t` (integers, enums, booleans, strings).
fn encode(v: &Value, t: &WireType, version: ProtocolVersion) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    match (v, t) {
        (_, WireType::Enum { repr, .. }) => return encode(v, repr, version),
        (Value::Int(i), WireType::Bool | WireType::Byte | WireType::UnsignedByte) => {
            buf.push(*i as u8);
        }
        (Value::Int(i), WireType::Short | WireType::UnsignedShort) => {
            buf.extend((*i as u16).to_be_bytes());
        }
        (Value::Int(i), WireType::Int) => buf.extend((*i as i32).to_be_bytes()),
        (Value::Int(i), WireType::Long) => buf.extend(i.to_be_bytes()),
        (Value::Int(i), WireType::VarInt) => {
            mcproto_core::Writer::new(&mut buf, version).put_varint(*i as i32);
        }
        (Value::Int(i), WireType::VarLong) => {
            mcproto_core::Writer::new(&mut buf, version).put_varlong(*i);
        }
        (Value::Str(s), WireType::String { .. }) => {
            mcproto_core::Writer::new(&mut buf, version).put_varint(s.len() as i32);
            buf.extend(s.as_bytes());
        }
        _ => return None,
    }
    Some(buf)
}
