//! Walks two normalized layouts side by side.
//!
//! Items are compared in order: same path (in our naming), same kind,
//! same wire type, same length; a field one side has and the other lacks
//! is found by looking one item ahead. After a scalar that a later switch,
//! condition or computed count reads (on either side), the rest of both
//! layouts is compared once per interesting value of it (every value our
//! closed enum or switch accepts, every constant either side names, with
//! its neighbours), each side resolved for that value. A value minecraft-data
//! names in an arm but we reject is a difference; a value only
//! minecraft-data's `default` covers and we reject is not (ProtoDef's
//! default is how it spells "nothing more", not a claim that the value is
//! valid).
//!
//! Every difference goes to the `accept` callback: a listed departure is
//! passed over and the walk goes on; the first unlisted one stops the walk
//! and is kept.

use super::norm::{Domain, Item, Len, Ty, Value, reads, render, samples, specialize};

/// One difference.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// Where, in our naming (empty: the whole packet).
    pub path: String,
    /// The values of the fields read, when the layouts were resolved for
    /// them (`action = 2`).
    pub case: String,
    /// What minecraft-data has.
    pub md: String,
    /// What we have.
    pub ours: String,
}

/// The walk over one packet.
pub struct Walk<'a> {
    accept: &'a mut dyn FnMut(&Diff) -> bool,
    cases: Vec<String>,
    /// The first unlisted difference.
    pub failure: Option<Diff>,
}

/// Stopped at an unlisted difference.
pub struct Stop;

type R = Result<(), Stop>;

impl<'a> Walk<'a> {
    /// A walk reporting differences to `accept` (true: a listed departure).
    pub fn new(accept: &'a mut dyn FnMut(&Diff) -> bool) -> Self {
        Walk {
            accept,
            cases: Vec::new(),
            failure: None,
        }
    }

    fn diff(&mut self, path: &str, md: impl Into<String>, ours: impl Into<String>) -> R {
        let d = Diff {
            path: path.to_owned(),
            case: self.cases.join(", "),
            md: md.into(),
            ours: ours.into(),
        };
        if (self.accept)(&d) {
            Ok(())
        } else {
            self.failure = Some(d);
            Err(Stop)
        }
    }

    /// Compares two layouts.
    pub fn seq(&mut self, md: &[Item], ours: &[Item]) -> R {
        let (mut i, mut j) = (0, 0);
        loop {
            let (a, b) = match (md.get(i), ours.get(j)) {
                (None, None) => return Ok(()),
                (Some(a), None) => {
                    return self.diff(a.path().unwrap_or_default(), render(&md[i..]), "nothing");
                }
                (None, Some(b)) => {
                    return self.diff(b.path().unwrap_or_default(), "nothing", render(&ours[j..]));
                }
                (Some(a), Some(b)) => (a, b),
            };
            let (pa, pb) = (a.path(), b.path());
            if pa != pb {
                let pa = pa.unwrap_or_default();
                let pb = pb.unwrap_or_default();
                if md.get(i + 1).and_then(Item::path) == Some(pb) {
                    self.diff(pa, a.kind(), "nothing")?;
                    i += 1;
                    continue;
                }
                if ours.get(j + 1).and_then(Item::path) == Some(pa) {
                    self.diff(pb, "nothing", b.kind())?;
                    j += 1;
                    continue;
                }
                self.diff(pb, format!("field {}", src(a)), format!("field {pb}"))?;
            }
            self.item(a, b)?;
            if let (
                Item::Leaf {
                    path: pa,
                    ty: ta,
                    domain: da,
                    ..
                },
                Item::Leaf {
                    path: pb,
                    ty: tb,
                    domain: db,
                    ..
                },
            ) = (a, b)
            {
                let (rm, ro) = (&md[i + 1..], &ours[j + 1..]);
                if reads(rm, pa) || reads(ro, pb) {
                    let md_tag = Tag {
                        path: pa,
                        ty: *ta,
                        domain: da,
                    };
                    let our_tag = Tag {
                        path: pb,
                        ty: *tb,
                        domain: db,
                    };
                    return self.split(md_tag, rm, our_tag, ro);
                }
            }
            i += 1;
            j += 1;
        }
    }

    fn item(&mut self, a: &Item, b: &Item) -> R {
        let path = b.path().unwrap_or_default().to_owned();
        match (a, b) {
            (
                Item::Leaf {
                    ty: ta, domain: da, ..
                },
                Item::Leaf {
                    ty: tb, domain: db, ..
                },
            ) => {
                if !ta.same(tb) {
                    self.diff(&path, ta.to_string(), tb.to_string())?;
                }
                // A mapper names the values minecraft-data knows; a closed
                // enum of ours accepts only its own.
                if let (Domain::Named(names), Domain::Closed(ours)) = (da, db) {
                    let mut md: Vec<i64> = names.values().copied().collect();
                    md.sort_unstable();
                    md.dedup();
                    let mut ours = ours.clone();
                    ours.sort_unstable();
                    ours.dedup();
                    if md != ours {
                        self.diff(&path, values(&md), values(&ours))?;
                    }
                }
                Ok(())
            }
            (Item::Bytes { len: la, .. }, Item::Bytes { len: lb, .. }) => {
                if !same_len(la, lb) {
                    self.diff(&path, a.kind(), b.kind())?;
                }
                Ok(())
            }
            (
                Item::Array {
                    len: la, elem: ea, ..
                },
                Item::Array {
                    len: lb, elem: eb, ..
                },
            ) => {
                if !same_len(la, lb) {
                    self.diff(&path, format!("array({la})"), format!("array({lb})"))?;
                }
                self.inner(ea, eb)
            }
            (Item::Option { inner: ia, .. }, Item::Option { inner: ib, .. }) => self.inner(ia, ib),
            _ => self.diff(&path, a.kind(), b.kind()),
        }
    }

    /// Elements of arrays and values of options: a lone scalar has no name
    /// on the wire, so only its type is compared.
    fn inner(&mut self, a: &[Item], b: &[Item]) -> R {
        match (a, b) {
            ([x @ Item::Leaf { .. }], [y @ Item::Leaf { .. }]) => self.item(x, y),
            _ => self.seq(a, b),
        }
    }

    /// The rest of both layouts for each interesting value of a tag.
    fn split(&mut self, md: Tag<'_>, rm: &[Item], ours: Tag<'_>, ro: &[Item]) -> R {
        let names = match md.domain {
            Domain::Named(n) => Some(n),
            _ => None,
        };
        let mut values = Vec::new();
        samples(rm, md.path, names, &mut values);
        samples(ro, ours.path, None, &mut values);
        for d in [md.domain, ours.domain] {
            if let Domain::Closed(vs) = d {
                values.extend(vs.iter().copied().map(Value::Int));
            }
        }
        values.sort();
        values.dedup();
        for v in values {
            if !md.carries(&v) || !ours.carries(&v) {
                continue;
            }
            let mut explicit = false;
            let m = if md.accepts(&v) {
                specialize(rm, md.path, &v, names, &mut explicit)
            } else {
                None
            };
            let mut unused = false;
            let o = if ours.accepts(&v) {
                specialize(ro, ours.path, &v, None, &mut unused)
            } else {
                None
            };
            match (m, o) {
                (Some(m), Some(o)) => {
                    self.cases.push(format!("{} = {v}", ours.path));
                    let r = self.seq(&m, &o);
                    self.cases.pop();
                    r?;
                }
                (Some(_), None) if explicit => {
                    self.diff(ours.path, format!("a case for {v}"), "rejects it")?;
                }
                (None, Some(_)) => self.diff(ours.path, "rejects it", format!("a case for {v}"))?,
                _ => {}
            }
        }
        Ok(())
    }
}

/// A scalar the rest of a layout depends on.
struct Tag<'a> {
    path: &'a str,
    ty: Ty,
    domain: &'a Domain,
}

impl Tag<'_> {
    /// Whether the type can carry the value at all.
    fn carries(&self, v: &Value) -> bool {
        match v {
            Value::Str(_) => self.ty == Ty::String,
            Value::Int(i) => {
                self.ty != Ty::String
                    && self.ty.range().is_none_or(|(lo, hi)| (lo..=hi).contains(i))
            }
        }
    }

    /// Whether the value is valid.
    fn accepts(&self, v: &Value) -> bool {
        match (self.domain, v) {
            (Domain::Closed(vs), Value::Int(i)) => vs.contains(i),
            (Domain::Closed(_), Value::Str(_)) => false,
            _ => true,
        }
    }
}

/// `values 0-8, 10`.
fn values(vs: &[i64]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < vs.len() {
        let mut j = i;
        while j + 1 < vs.len() && vs[j + 1] == vs[j] + 1 {
            j += 1;
        }
        parts.push(if j > i {
            format!("{}-{}", vs[i], vs[j])
        } else {
            vs[i].to_string()
        });
        i = j + 1;
    }
    format!("values {}", parts.join(", "))
}

fn same_len(a: &Len, b: &Len) -> bool {
    match (a, b) {
        (Len::Prefixed(x), Len::Prefixed(y)) => x.same(y),
        _ => a == b,
    }
}

/// The item's own name for itself.
fn src(i: &Item) -> String {
    match i {
        Item::Leaf { src, .. } => src.clone(),
        other => other.path().unwrap_or_default().to_owned(),
    }
}
