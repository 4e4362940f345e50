//! Our `when` conditions and `count` expressions, as written in the
//! declarations (the schema keeps their text), read back into conditions
//! on one field.
//!
//! Conditions: `||`, `&&`, `!`, parentheses; comparisons of a field
//! (`*data`, `&**window_type`, `*flags & 0x04`, `*flags & Type::CONST`
//! with the constant's value from the test's table) with an integer, string or
//! boolean literal; `matches!(field, Enum::Variant | …)` (the variant's
//! value taken from the field's own schema); a bare boolean field; and
//! `version` compared with `ProtocolVersion(n)` or a version constant,
//! decided for the version being described. Anything else is an error, so
//! a new form of condition fails the test instead of being skipped.

use mcproto_core::{ProtocolVersion, WireType};

use super::norm::{Op, Pred, Value, parse_int};

/// A condition for one version.
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    /// Always or never (only the version was tested).
    Const(bool),
    /// A condition on the field named `field`.
    On {
        /// The field, a sibling of the conditional field.
        field: String,
        /// The condition on its value.
        pred: Pred,
    },
}

/// What a count expression reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Count {
    /// The value of a sibling field.
    Field(String),
    /// A method of a sibling field (`particle_id.data_len()`): the field,
    /// and the whole expression.
    Method(String, String),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Int(i64),
    Str(String),
    Punct(&'static str),
}

fn tokens(text: &str) -> Result<Vec<Tok>, String> {
    const PUNCT: [&str; 20] = [
        "||", "&&", "==", "!=", ">=", "<=", "::", ">", "<", "!", "(", ")", ",", "|", "&", "*", ".",
        "=", "{", "}",
    ];
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i] as char;
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < b.len() && ((b[i] as char).is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Tok::Ident(text[start..i].to_owned()));
        } else if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && ((b[i] as char).is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            let lit = text[start..i].replace('_', "");
            // Drop a type suffix (`0u8`, `1i32`).
            let digits = match lit.find(['u', 'i']) {
                Some(p) if !lit.starts_with("0x") => &lit[..p],
                _ => lit.as_str(),
            };
            let n = parse_int(digits).ok_or_else(|| format!("bad number {lit} in `{text}`"))?;
            out.push(Tok::Int(n));
        } else if c == '"' {
            let start = i + 1;
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    return Err(format!("escapes are not read: `{text}`"));
                }
                i += 1;
            }
            if i >= b.len() {
                return Err(format!("unterminated string in `{text}`"));
            }
            out.push(Tok::Str(text[start..i].to_owned()));
            i += 1;
        } else {
            let p = PUNCT
                .iter()
                .find(|p| text[i..].starts_with(**p))
                .ok_or_else(|| format!("unexpected {c:?} in `{text}`"))?;
            out.push(Tok::Punct(p));
            i += p.len();
        }
    }
    Ok(out)
}

/// Literals of conditions.
#[derive(Debug, Clone, PartialEq)]
enum Lit {
    Int(i64),
    Str(String),
    Version(i32),
}

#[derive(Debug, Clone, PartialEq)]
enum Pattern {
    Lit(Lit),
    Path(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
struct Operand {
    field: String,
    mask: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Or(Vec<Expr>),
    And(Vec<Expr>),
    Not(Box<Expr>),
    Cmp(Operand, Op, Lit),
    Matches(Operand, Vec<Pattern>),
    Bare(Operand),
}

struct Parser<'a> {
    toks: Vec<Tok>,
    pos: usize,
    text: &'a str,
    names: &'a Names<'a>,
}

/// The named constants a condition may use.
pub struct Names<'a> {
    /// Version constants (`V1_9`).
    pub versions: &'a [(&'static str, ProtocolVersion)],
    /// Integer constants by path (`AdvancementDisplay::HAS_BACKGROUND_TEXTURE`).
    pub constants: &'a [(&'static str, i64)],
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn eat(&mut self, p: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Punct(q)) if *q == p) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, p: &str) -> Result<(), String> {
        if self.eat(p) {
            Ok(())
        } else {
            Err(self.error(&format!("expected `{p}`")))
        }
    }

    fn error(&self, what: &str) -> String {
        format!("{what} at token {} of `{}`", self.pos, self.text)
    }

    fn ident(&mut self) -> Result<String, String> {
        match self.peek() {
            Some(Tok::Ident(s)) => {
                let s = s.clone();
                self.pos += 1;
                Ok(s)
            }
            _ => Err(self.error("expected a name")),
        }
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut parts = vec![self.and()?];
        while self.eat("||") {
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut parts = vec![self.not()?];
        while self.eat("&&") {
            parts.push(self.not()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::And(parts)
        })
    }

    fn not(&mut self) -> Result<Expr, String> {
        if self.eat("!") {
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Expr, String> {
        if self.eat("(") {
            let e = self.or()?;
            self.expect(")")?;
            return Ok(e);
        }
        if self.peek() == Some(&Tok::Ident("matches".into()))
            && self.toks.get(self.pos + 1) == Some(&Tok::Punct("!"))
        {
            self.pos += 2;
            self.expect("(")?;
            let operand = self.operand()?;
            self.expect(",")?;
            let mut pats = vec![self.pattern()?];
            while self.eat("|") {
                pats.push(self.pattern()?);
            }
            self.expect(")")?;
            return Ok(Expr::Matches(operand, pats));
        }
        if let Some(lit) = self.literal()? {
            let op = self
                .op()
                .ok_or_else(|| self.error("expected a comparison"))?;
            let operand = self.operand()?;
            return Ok(Expr::Cmp(operand, flip(op), lit));
        }
        let operand = self.operand()?;
        match self.op() {
            Some(op) => {
                let lit = self
                    .literal()?
                    .ok_or_else(|| self.error("expected a literal"))?;
                Ok(Expr::Cmp(operand, op, lit))
            }
            None => Ok(Expr::Bare(operand)),
        }
    }

    fn op(&mut self) -> Option<Op> {
        let op = match self.peek()? {
            Tok::Punct("==") => Op::Eq,
            Tok::Punct("!=") => Op::Ne,
            Tok::Punct("<") => Op::Lt,
            Tok::Punct("<=") => Op::Le,
            Tok::Punct(">") => Op::Gt,
            Tok::Punct(">=") => Op::Ge,
            _ => return None,
        };
        self.pos += 1;
        Some(op)
    }

    /// A literal, if one starts here.
    fn literal(&mut self) -> Result<Option<Lit>, String> {
        let lit = match self.peek() {
            Some(Tok::Int(n)) => Lit::Int(*n),
            Some(Tok::Str(s)) => Lit::Str(s.clone()),
            Some(Tok::Ident(s)) if s == "true" || s == "false" => Lit::Int(i64::from(s == "true")),
            Some(Tok::Ident(s)) if s == "ProtocolVersion" => {
                self.pos += 1;
                self.expect("(")?;
                let n = match self.peek() {
                    Some(Tok::Int(n)) => *n as i32,
                    _ => return Err(self.error("expected a protocol number")),
                };
                self.pos += 1;
                self.expect(")")?;
                return Ok(Some(Lit::Version(n)));
            }
            Some(Tok::Ident(_)) => {
                // A version constant, possibly with its module path.
                let mut end = self.pos;
                let mut last = None;
                while let Some(Tok::Ident(s)) = self.toks.get(end) {
                    last = Some(s.clone());
                    if self.toks.get(end + 1) == Some(&Tok::Punct("::")) {
                        end += 2;
                    } else {
                        break;
                    }
                }
                let Some(name) = last else { return Ok(None) };
                match self.names.versions.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => {
                        self.pos = end + 1;
                        return Ok(Some(Lit::Version(v.0)));
                    }
                    None => return Ok(None),
                }
            }
            _ => return Ok(None),
        };
        self.pos += 1;
        Ok(Some(lit))
    }

    fn operand(&mut self) -> Result<Operand, String> {
        while self.eat("*") || self.eat("&") {}
        let mut field = self.ident()?;
        if field == "self" && self.eat(".") {
            field = self.ident()?;
        }
        if self.peek() == Some(&Tok::Ident("as".into())) {
            self.pos += 1;
            self.ident()?;
        }
        let mut mask = None;
        if self.eat("&") {
            mask = Some(match self.peek() {
                Some(Tok::Int(m)) => {
                    let m = *m;
                    self.pos += 1;
                    m
                }
                _ => {
                    let mut path = vec![self.ident()?];
                    while self.eat("::") {
                        path.push(self.ident()?);
                    }
                    let path = path.join("::");
                    self.names
                        .constants
                        .iter()
                        .find(|(n, _)| *n == path)
                        .map(|(_, v)| *v)
                        .ok_or_else(|| self.error(&format!("unknown constant {path}")))?
                }
            });
        }
        Ok(Operand { field, mask })
    }

    fn pattern(&mut self) -> Result<Pattern, String> {
        if let Some(l) = self.literal()? {
            return Ok(Pattern::Lit(l));
        }
        let mut path = vec![self.ident()?];
        while self.eat("::") {
            path.push(self.ident()?);
        }
        Ok(Pattern::Path(path))
    }
}

fn flip(op: Op) -> Op {
    match op {
        Op::Lt => Op::Gt,
        Op::Le => Op::Ge,
        Op::Gt => Op::Lt,
        Op::Ge => Op::Le,
        o => o,
    }
}

/// Reads the condition `text` of a field in `version`. `sibling` gives
/// the layout of a field of the same structure (for enum variants named
/// in `matches!`).
pub fn condition(
    text: &str,
    version: ProtocolVersion,
    names: &Names<'_>,
    sibling: &dyn Fn(&str) -> Option<WireType>,
) -> Result<Cond, String> {
    let mut p = Parser {
        toks: tokens(text)?,
        pos: 0,
        text,
        names,
    };
    let e = p.or()?;
    if p.pos != p.toks.len() {
        return Err(p.error("unread tokens"));
    }
    lower(&e, version, sibling).map_err(|e| format!("{e} in `{text}`"))
}

fn lower(
    e: &Expr,
    version: ProtocolVersion,
    sibling: &dyn Fn(&str) -> Option<WireType>,
) -> Result<Cond, String> {
    match e {
        Expr::Cmp(o, op, lit) if o.field == "version" => match lit {
            Lit::Version(n) => Ok(Cond::Const(op.holds(&version.0, n))),
            Lit::Int(n) => Ok(Cond::Const(op.holds(&i64::from(version.0), n))),
            Lit::Str(_) => Err("version compared with a string".into()),
        },
        Expr::Cmp(o, op, lit) => {
            let pred = match (o.mask, lit) {
                (Some(m), Lit::Int(n)) => Pred::Masked(m, *op, *n),
                (None, Lit::Int(n)) => Pred::Cmp(*op, Value::Int(*n)),
                (None, Lit::Str(s)) => Pred::Cmp(*op, Value::Str(s.clone())),
                _ => return Err(format!("cannot compare {} with {lit:?}", o.field)),
            };
            Ok(Cond::On {
                field: o.field.clone(),
                pred,
            })
        }
        Expr::Matches(o, pats) => {
            let mut preds = Vec::new();
            for pat in pats {
                let v = match pat {
                    Pattern::Lit(Lit::Int(n)) => Value::Int(*n),
                    Pattern::Lit(Lit::Str(s)) => Value::Str(s.clone()),
                    Pattern::Lit(Lit::Version(_)) => return Err("version pattern".into()),
                    Pattern::Path(path) => {
                        let variant = path.last().cloned().unwrap_or_default();
                        Value::Int(variant_tag(&o.field, &variant, sibling)?)
                    }
                };
                preds.push(Pred::Cmp(Op::Eq, v));
            }
            Ok(Cond::On {
                field: o.field.clone(),
                pred: if preds.len() == 1 {
                    preds.remove(0)
                } else {
                    Pred::Any(preds)
                },
            })
        }
        Expr::Bare(o) if o.field == "version" || o.mask.is_some() => {
            Err(format!("{} is not a condition", o.field))
        }
        Expr::Bare(o) => Ok(Cond::On {
            field: o.field.clone(),
            pred: Pred::Truthy,
        }),
        Expr::Not(inner) => Ok(match lower(inner, version, sibling)? {
            Cond::Const(b) => Cond::Const(!b),
            Cond::On { field, pred } => Cond::On {
                field,
                pred: Pred::Not(Box::new(pred)),
            },
        }),
        Expr::And(parts) | Expr::Or(parts) => {
            let is_and = matches!(e, Expr::And(_));
            let mut field: Option<String> = None;
            let mut preds = Vec::new();
            for part in parts {
                match lower(part, version, sibling)? {
                    // false && x, true || x
                    Cond::Const(b) if b != is_and => return Ok(Cond::Const(b)),
                    Cond::Const(_) => {}
                    Cond::On { field: f, pred } => {
                        if field.as_ref().is_some_and(|g| *g != f) {
                            return Err("a condition on two fields".into());
                        }
                        field = Some(f);
                        preds.push(pred);
                    }
                }
            }
            Ok(match field {
                None => Cond::Const(is_and),
                Some(field) => Cond::On {
                    field,
                    pred: if preds.len() == 1 {
                        preds.remove(0)
                    } else if is_and {
                        Pred::All(preds)
                    } else {
                        Pred::Any(preds)
                    },
                },
            })
        }
    }
}

/// The tag of `variant` in the enum or switch that field `field` is.
fn variant_tag(
    field: &str,
    variant: &str,
    sibling: &dyn Fn(&str) -> Option<WireType>,
) -> Result<i64, String> {
    match sibling(field) {
        Some(WireType::Enum { values, .. }) => values
            .iter()
            .find(|(n, _)| *n == variant)
            .map(|(_, t)| *t)
            .ok_or_else(|| format!("{field} has no value {variant}")),
        Some(WireType::Switch { variants, .. }) => variants
            .iter()
            .find(|v| v.name == variant)
            .map(|v| v.tag)
            .ok_or_else(|| format!("{field} has no variant {variant}")),
        Some(other) => Err(format!("{field} is {other}, not an enum")),
        None => Err(format!("no field {field}")),
    }
}

/// Reads a `count` expression.
pub fn count(text: &str) -> Result<Count, String> {
    let toks = tokens(text)?;
    let mut i = 0;
    while matches!(toks.get(i), Some(Tok::Punct("*" | "&"))) {
        i += 1;
    }
    let rest = &toks[i..];
    match rest {
        [Tok::Ident(f)] => Ok(Count::Field(f.clone())),
        [Tok::Ident(f), Tok::Ident(a), Tok::Ident(_)] if a == "as" => Ok(Count::Field(f.clone())),
        [
            Tok::Ident(f),
            Tok::Punct("."),
            Tok::Ident(_),
            Tok::Punct("("),
            Tok::Punct(")"),
        ] => Ok(Count::Method(f.clone(), text.to_owned())),
        _ => Err(format!("count expression `{text}` is not read")),
    }
}
