//! minecraft-data's ProtoDef layouts in the common form.
//!
//! - `container`: its fields in order, each at `prefix.name`; anonymous
//!   fields (`anon: true`) are flattened into the container.
//! - `switch`: a [`Select`] on the field `compareTo` names, relative to the
//!   container it is in (`../` climbs one container, `field/bit` reads one
//!   member of a `bitfield`); each arm key is a [`Pred::Key`] (the value as
//!   text, or the name a `mapper` gives it); `default` (void when absent)
//!   is what other values mean.
//! - `array`: `countType` a prefix, `count` a fixed number or a field.
//! - `option`: a boolean, then the value.
//! - `buffer` (`countType`, `count` or `rest`), `restBuffer`, and arrays
//!   of one-byte integers: byte strings.
//! - `pstring` with a VarInt count, and `string`: strings.
//! - `mapper`: its integer type, with the names as the field's domain.
//! - `bitfield`: one integer as wide as its members together, of no
//!   particular sign.
//! - natives `bool`, `i8` … `f64`, `varint`, `varlong`; `void` is nothing.
//! - named types compared by class: `position`, `slot`, `nbt`,
//!   `optionalNbt`, `entityMetadata` (with its highest type id and end
//!   marker), `UUID`. Every other name is looked up
//!   in the state's own `types`, then in the top-level `types`, and its
//!   definition normalized in place (`string`, `vec3i16`, `ByteArray` …);
//!   a name that resolves to `native` and is none of the above is an error.
//!
//! Paths are renamed into our naming as they are made, with the packet's
//! `fields` map from `md-names` (keys are minecraft-data paths); a path it
//! does not name is its parent's new name with the last segment in
//! snake case (`entityId` → `entity_id`).

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::norm::{Class, Domain, Item, Len, Names, Pred, Select, Ty, join, parse_int};

/// The renames of one packet: minecraft-data path → our path.
pub type Renames = BTreeMap<String, String>;

/// Normalizes the layouts of one state and direction of one version.
pub struct Md<'a> {
    /// The top-level `types`.
    pub root: &'a Json,
    /// `<state>.<direction>.types`.
    pub local: &'a Json,
}

/// The minecraft-data paths of the containers enclosing a type, innermost
/// last.
#[derive(Clone, Default)]
struct Scope {
    stack: Vec<String>,
}

struct Cx<'a> {
    renames: &'a Renames,
    /// Members of the bit fields seen: path → (name, shift, size).
    bitfields: BTreeMap<String, Vec<(String, u32, u32)>>,
    /// Type names being expanded (to stop on recursion).
    expanding: Vec<String>,
}

impl Md<'_> {
    /// The layout of packet `name` (without the `packet_` prefix).
    pub fn packet(&self, name: &str, renames: &Renames) -> Result<Vec<Item>, String> {
        let def = &self.local[format!("packet_{name}")];
        if def.is_null() {
            return Err(format!("minecraft-data has no packet_{name}"));
        }
        let mut cx = Cx {
            renames,
            bitfields: BTreeMap::new(),
            expanding: Vec::new(),
        };
        let mut out = Vec::new();
        self.ty(def, "", &Scope::default(), true, &mut cx, &mut out)?;
        Ok(out)
    }

    /// Normalizes type `t` found at minecraft-data path `path`. `own`:
    /// whether a container here is a new object (a named field or an
    /// element) rather than merged into the enclosing one.
    fn ty(
        &self,
        t: &Json,
        path: &str,
        scope: &Scope,
        own: bool,
        cx: &mut Cx<'_>,
        out: &mut Vec<Item>,
    ) -> Result<(), String> {
        match t {
            Json::String(name) => self.named(name, path, scope, own, cx, out),
            Json::Array(pair) if pair.len() == 2 => {
                let kind = pair[0].as_str().ok_or("type name not a string")?;
                let args = &pair[1];
                self.compound(kind, args, path, scope, own, cx, out)
            }
            other => Err(format!("{path}: unreadable type {other}")),
        }
    }

    fn named(
        &self,
        name: &str,
        path: &str,
        scope: &Scope,
        own: bool,
        cx: &mut Cx<'_>,
        out: &mut Vec<Item>,
    ) -> Result<(), String> {
        let class = match name {
            "position" => Some(Class::Position),
            "slot" => Some(Class::Slot),
            "nbt" => Some(Class::Nbt),
            "optionalNbt" => Some(Class::OptionalNbt),
            "entityMetadata" => Some(Class::Metadata(Some(self.metadata()?))),
            "UUID" => Some(Class::Uuid),
            _ => None,
        };
        if let Some(c) = class {
            out.push(leaf(path, Ty::Class(c), Domain::Any, cx));
            return Ok(());
        }
        let int = |bits, signed| Ty::Int {
            bits,
            signed: Some(signed),
        };
        let scalar = match name {
            "bool" => Some(Ty::Bool),
            "i8" => Some(int(8, true)),
            "u8" => Some(int(8, false)),
            "i16" => Some(int(16, true)),
            "u16" => Some(int(16, false)),
            "i32" => Some(int(32, true)),
            "u32" => Some(int(32, false)),
            "i64" => Some(int(64, true)),
            "u64" => Some(int(64, false)),
            "f32" => Some(Ty::F32),
            "f64" => Some(Ty::F64),
            "varint" => Some(Ty::VarInt),
            "varlong" => Some(Ty::VarLong),
            _ => None,
        };
        if let Some(ty) = scalar {
            let domain = if ty == Ty::Bool {
                Domain::Closed(vec![0, 1])
            } else {
                Domain::Any
            };
            out.push(leaf(path, ty, domain, cx));
            return Ok(());
        }
        match name {
            "void" => return Ok(()),
            "restBuffer" => {
                out.push(Item::Bytes {
                    path: rename(path, cx.renames),
                    len: Len::Rest,
                });
                return Ok(());
            }
            _ => {}
        }
        let def = match &self.local[name] {
            Json::Null => &self.root[name],
            d => d,
        };
        match def {
            Json::Null => Err(format!("{path}: unknown type {name}")),
            Json::String(s) if s == "native" => {
                Err(format!("{path}: native type {name} has no normalization"))
            }
            d => {
                if cx.expanding.iter().any(|n| n == name) {
                    return Err(format!("{path}: recursive type {name}"));
                }
                cx.expanding.push(name.to_owned());
                let r = self.ty(d, path, scope, own, cx, out);
                cx.expanding.pop();
                r
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn compound(
        &self,
        kind: &str,
        args: &Json,
        path: &str,
        scope: &Scope,
        own: bool,
        cx: &mut Cx<'_>,
        out: &mut Vec<Item>,
    ) -> Result<(), String> {
        match kind {
            "container" => {
                let fields = args.as_array().ok_or("container without fields")?;
                let inner = if own {
                    let mut s = scope.clone();
                    s.stack.push(path.to_owned());
                    s
                } else {
                    scope.clone()
                };
                for f in fields {
                    let t = &f["type"];
                    if f["anon"].as_bool() == Some(true) {
                        self.ty(t, path, &inner, false, cx, out)?;
                    } else {
                        let name = f["name"].as_str().ok_or("field without a name")?;
                        self.ty(t, &join(path, name), &inner, true, cx, out)?;
                    }
                }
                Ok(())
            }
            "switch" => {
                let compare = args["compareTo"]
                    .as_str()
                    .ok_or("switch without compareTo")?;
                let (on, bits) = resolve(compare, scope, cx)?;
                let mut arms = Vec::new();
                if let Json::Object(fields) = &args["fields"] {
                    for (key, t) in fields {
                        let mut items = Vec::new();
                        self.ty(t, path, scope, own, cx, &mut items)?;
                        arms.push((Pred::Key(key.clone()), items));
                    }
                }
                let mut otherwise = Vec::new();
                if !args["default"].is_null() {
                    self.ty(&args["default"], path, scope, own, cx, &mut otherwise)?;
                }
                out.push(Item::Select(Select {
                    on: rename(&on, cx.renames),
                    bits,
                    arms,
                    otherwise: Some(otherwise),
                }));
                Ok(())
            }
            "array" => {
                let len = if let Some(ct) = args.get("countType") {
                    Len::Prefixed(self.count_type(ct, path)?)
                } else {
                    match &args["count"] {
                        Json::Number(n) => Len::Fixed(n.as_u64().ok_or("bad count")? as usize),
                        Json::String(field) => {
                            let (p, _) = resolve(field, scope, cx)?;
                            Len::Ref(rename(&p, cx.renames))
                        }
                        other => return Err(format!("{path}: array count {other}")),
                    }
                };
                let mut elem = Vec::new();
                self.ty(&args["type"], path, scope, true, cx, &mut elem)?;
                out.push(array(path, len, elem, cx));
                Ok(())
            }
            "option" => {
                let mut inner = Vec::new();
                self.ty(args, path, scope, own, cx, &mut inner)?;
                out.push(Item::Option {
                    path: rename(path, cx.renames),
                    inner,
                });
                Ok(())
            }
            "buffer" => {
                let len = if let Some(ct) = args.get("countType") {
                    Len::Prefixed(self.count_type(ct, path)?)
                } else if let Some(n) = args["count"].as_u64() {
                    Len::Fixed(n as usize)
                } else if args["rest"].as_bool() == Some(true) {
                    Len::Rest
                } else {
                    return Err(format!("{path}: buffer {args}"));
                };
                out.push(Item::Bytes {
                    path: rename(path, cx.renames),
                    len,
                });
                Ok(())
            }
            "pstring" => {
                let ct = self.count_type(&args["countType"], path)?;
                if ct != Ty::VarInt {
                    return Err(format!("{path}: pstring counted by {ct}"));
                }
                out.push(leaf(path, Ty::String, Domain::Any, cx));
                Ok(())
            }
            "mapper" => {
                let ty = self.count_type(&args["type"], path)?;
                let mut names = Names::new();
                if let Json::Object(m) = &args["mappings"] {
                    for (k, v) in m {
                        let n = parse_int(k).ok_or_else(|| format!("{path}: mapper key {k}"))?;
                        if let Some(name) = v.as_str() {
                            names.insert(name.to_owned(), n);
                        }
                    }
                }
                out.push(leaf(path, ty, Domain::Named(names), cx));
                Ok(())
            }
            "bitfield" => {
                let members = args.as_array().ok_or("bitfield without members")?;
                let mut sizes = Vec::new();
                for m in members {
                    let name = m["name"].as_str().ok_or("bitfield member without name")?;
                    let size = m["size"].as_u64().ok_or("bitfield member without size")? as u32;
                    sizes.push((name.to_owned(), size));
                }
                let total: u32 = sizes.iter().map(|(_, s)| s).sum();
                if ![8, 16, 32, 64].contains(&total) {
                    return Err(format!("{path}: bitfield of {total} bits"));
                }
                let mut shift = total;
                let mut layout = Vec::new();
                for (name, size) in sizes {
                    shift -= size;
                    layout.push((name, shift, size));
                }
                cx.bitfields.insert(path.to_owned(), layout);
                out.push(leaf(
                    path,
                    Ty::Int {
                        bits: total as u8,
                        signed: None,
                    },
                    Domain::Any,
                    cx,
                ));
                Ok(())
            }
            other => Err(format!("{path}: no normalization for {other}")),
        }
    }

    /// The highest type id of `entityMetadataItem` and the `endVal` of
    /// `entityMetadata`.
    fn metadata(&self) -> Result<(i64, i64), String> {
        let end = self.root["entityMetadata"][1]["endVal"]
            .as_i64()
            .ok_or("entityMetadata without endVal")?;
        let Json::Object(arms) = &self.root["entityMetadataItem"][1]["fields"] else {
            return Err("entityMetadataItem without arms".into());
        };
        let types = arms
            .keys()
            .map(|k| parse_int(k).ok_or_else(|| format!("entityMetadataItem arm {k}")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((types.into_iter().max().unwrap_or(-1), end))
    }

    /// The integer type of a count or mapper.
    fn count_type(&self, t: &Json, path: &str) -> Result<Ty, String> {
        let mut out = Vec::new();
        let renames = Renames::new();
        let mut cx = Cx {
            renames: &renames,
            bitfields: BTreeMap::new(),
            expanding: Vec::new(),
        };
        self.ty(t, path, &Scope::default(), false, &mut cx, &mut out)?;
        match out.as_slice() {
            [Item::Leaf { ty, .. }] => Ok(*ty),
            _ => Err(format!("{path}: count type {t} is not an integer")),
        }
    }
}

fn leaf(path: &str, ty: Ty, domain: Domain, cx: &Cx<'_>) -> Item {
    Item::Leaf {
        path: rename(path, cx.renames),
        src: path.to_owned(),
        ty,
        domain,
    }
}

/// An array, or a byte string when its elements are single bytes.
fn array(path: &str, len: Len, elem: Vec<Item>, cx: &Cx<'_>) -> Item {
    let path = rename(path, cx.renames);
    match elem.as_slice() {
        [Item::Leaf { ty, .. }] if ty.is_octet() => Item::Bytes { path, len },
        _ => Item::Array { path, len, elem },
    }
}

/// The minecraft-data path `compareTo` (or `count`) names from `scope`,
/// with the bits it reads when it names a bit-field member.
fn resolve(
    reference: &str,
    scope: &Scope,
    cx: &Cx<'_>,
) -> Result<(String, Option<(u32, u32)>), String> {
    let mut segments: Vec<&str> = reference.split('/').collect();
    let mut depth = scope.stack.len();
    while segments.first() == Some(&"..") {
        segments.remove(0);
        depth = depth
            .checked_sub(1)
            .filter(|d| *d > 0)
            .ok_or_else(|| format!("{reference}: climbs out of the packet"))?;
    }
    let base = scope.stack.get(depth - 1).cloned().unwrap_or_default();
    let (first, rest) = segments
        .split_first()
        .ok_or_else(|| format!("empty reference {reference}"))?;
    if first.starts_with('$') {
        return Err(format!(
            "{reference}: parameter references are not normalized"
        ));
    }
    let field = join(&base, first);
    match rest {
        [] => Ok((field, None)),
        [member] => {
            let layout = cx
                .bitfields
                .get(&field)
                .ok_or_else(|| format!("{reference}: {field} is not a bit field"))?;
            let (_, shift, size) = layout
                .iter()
                .find(|(n, _, _)| n == member)
                .ok_or_else(|| format!("{reference}: no member {member}"))?;
            Ok((field, Some((*shift, *size))))
        }
        _ => Err(format!("{reference}: nested reference")),
    }
}

/// A minecraft-data path in our naming.
pub fn rename(path: &str, renames: &Renames) -> String {
    if path.is_empty() {
        return String::new();
    }
    if let Some(r) = renames.get(path) {
        return r.clone();
    }
    match path.rsplit_once('.') {
        Some((parent, last)) => join(&rename(parent, renames), &snake(last)),
        None => snake(path),
    }
}

/// `entityId` → `entity_id`, `playerUUID` → `player_uuid`.
pub fn snake(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower)
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}
