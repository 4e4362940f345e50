//! Parsing `#[mc(...)]` and `#[packet(...)]`: syntax only.
//!
//! Every keyword lands in a typed slot. Keywords that answer the same
//! question share one slot (`varint`, `varlong`, `as`, `fixed` and `with`
//! all say how the value is encoded; `len`, `count` and `rest` how long a
//! sequence is), so combining two of them is an error by construction,
//! reported at the later one. The few rules between slots are in
//! [`FieldAttrs::excluded`]; checks that need the whole declaration live in
//! `check.rs`.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream, Parser};
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Ident, LitInt, LitStr, Path, Token};

use crate::ctxt::Ctxt;

// Field keywords.
pub const VARINT: &str = "varint";
pub const VARLONG: &str = "varlong";
pub const AS: &str = "as";
pub const FIXED: &str = "fixed";
pub const WITH: &str = "with";
pub const LEN: &str = "len";
pub const COUNT: &str = "count";
pub const REST: &str = "rest";
pub const MAX_LEN: &str = "max_len";
pub const SINCE: &str = "since";
pub const BEFORE: &str = "before";
pub const WHEN: &str = "when";
pub const NEGATIVE_EMPTY: &str = "negative_empty";
// Container keywords.
pub const CRATE: &str = "crate";
pub const TAG: &str = "tag";
// Variant keywords (also `tag`, `since`, `before`).
pub const OTHER: &str = "other";
// `#[packet(...)]` keywords.
pub const ID: &str = "id";
pub const STATE: &str = "state";
pub const DIRECTION: &str = "direction";
pub const NAME: &str = "name";

const FIELD_KEYWORDS: &[&str] = &[
    VARINT,
    VARLONG,
    AS,
    LEN,
    COUNT,
    MAX_LEN,
    REST,
    FIXED,
    SINCE,
    BEFORE,
    WHEN,
    WITH,
    NEGATIVE_EMPTY,
];
const CONTAINER_KEYWORDS: &[&str] = &[CRATE, TAG];
const VARIANT_KEYWORDS: &[&str] = &[TAG, SINCE, BEFORE, OTHER];
const PACKET_KEYWORDS: &[&str] = &[ID, STATE, DIRECTION, NAME];
pub const STATES: &[&str] = &["Handshaking", "Status", "Login", "Play"];
pub const DIRECTIONS: &[&str] = &["Serverbound", "Clientbound"];

// ---- items -----------------------------------------------------------

/// One `key`, `key = value` or `key(...)` inside an attribute.
pub struct Item {
    pub key: Ident,
    pub value: ItemValue,
}

pub enum ItemValue {
    Flag,
    Eq(TokenStream),
    /// The parenthesized group, kept whole so that an error at its end
    /// points at its closing parenthesis.
    List(Group),
}

impl Item {
    pub fn span(&self) -> Span {
        self.key.span()
    }
}

/// Tokens up to the next top-level comma (groups such as `fixed(i8, 32)`
/// are single token trees, so their commas do not count).
fn until_comma(input: ParseStream) -> syn::Result<TokenStream> {
    let mut ts = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        let tt: TokenTree = input.parse()?;
        ts.extend([tt]);
    }
    Ok(ts)
}

fn parse_items(input: ParseStream) -> syn::Result<Vec<Item>> {
    let mut items = Vec::new();
    while !input.is_empty() {
        let key = input.call(Ident::parse_any)?;
        let value = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            let ts = until_comma(input)?;
            if ts.is_empty() {
                return Err(syn::Error::new(
                    key.span(),
                    format!("`{key} =` needs a value"),
                ));
            }
            ItemValue::Eq(ts)
        } else if input.peek(syn::token::Paren) {
            ItemValue::List(input.parse()?)
        } else {
            ItemValue::Flag
        };
        items.push(Item { key, value });
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(items)
}

/// The items of every `#[name(...)]` attribute in `attrs`, in order.
pub fn items_of(cx: &Ctxt, attrs: &[Attribute], name: &str) -> Vec<Item> {
    items_checked(cx, attrs, name).0
}

/// [`items_of`], and whether every attribute parsed.
fn items_checked(cx: &Ctxt, attrs: &[Attribute], name: &str) -> (Vec<Item>, bool) {
    let mut out = Vec::new();
    let mut ok = true;
    for attr in attrs.iter().filter(|a| a.path().is_ident(name)) {
        match attr.parse_args_with(parse_items) {
            Ok(items) => out.extend(items),
            Err(e) => {
                cx.syn_error(e);
                ok = false;
            }
        }
    }
    (out, ok)
}

fn unknown(cx: &Ctxt, item: &Item, what: &str, valid: &[&str]) {
    cx.error(
        item.span(),
        format!(
            "unknown {what} attribute `{}`; expected one of: {}",
            item.key,
            valid.join(", ")
        ),
    );
}

fn flag(cx: &Ctxt, item: &Item) -> bool {
    match &item.value {
        ItemValue::Flag => true,
        _ => {
            cx.error(item.span(), format!("`{}` takes no value", item.key));
            false
        }
    }
}

fn eq_value<'i>(cx: &Ctxt, item: &'i Item) -> Option<&'i TokenStream> {
    match &item.value {
        ItemValue::Eq(ts) => Some(ts),
        _ => {
            cx.error(
                item.span(),
                format!("`{}` takes a value: `{} = ...`", item.key, item.key),
            );
            None
        }
    }
}

/// `key = value` with the value parsed as a `T`.
fn eq_parse<T: Parse>(cx: &Ctxt, item: &Item) -> Option<T> {
    parse_as(cx, item, eq_value(cx, item)?)
}

/// `key = version`.
fn eq_version(cx: &Ctxt, item: &Item) -> Option<Version> {
    parse_version(cx, eq_value(cx, item)?)
}

fn parse_as<T: Parse>(cx: &Ctxt, item: &Item, ts: &TokenStream) -> Option<T> {
    match syn::parse2::<T>(ts.clone()) {
        Ok(v) => Some(v),
        Err(e) => {
            cx.error(e.span(), format!("invalid value for `{}`: {e}", item.key));
            None
        }
    }
}

// ---- slots -----------------------------------------------------------

/// One attribute as written: its keyword, where it is, and its value.
pub struct Attr<T> {
    pub keyword: &'static str,
    pub span: Span,
    pub value: T,
}

/// Room for one attribute; a second one is an error at the second.
pub struct Slot<T>(Option<Attr<T>>);

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot(None)
    }
}

impl<T> Slot<T> {
    fn set(&mut self, cx: &Ctxt, attr: Attr<T>) {
        match &self.0 {
            Some(old) if old.keyword == attr.keyword => {
                cx.error(attr.span, format!("duplicate `{}` attribute", attr.keyword));
            }
            Some(old) => cx.error(
                attr.span,
                format!("`{}` conflicts with `{}`", attr.keyword, old.keyword),
            ),
            None => self.0 = Some(attr),
        }
    }

    pub fn attr(&self) -> Option<&Attr<T>> {
        self.0.as_ref()
    }

    pub fn get(&self) -> Option<&T> {
        self.0.as_ref().map(|a| &a.value)
    }

    pub fn keyword(&self) -> Option<&'static str> {
        self.0.as_ref().map(|a| a.keyword)
    }

    pub fn span(&self) -> Option<Span> {
        self.0.as_ref().map(|a| a.span)
    }

    pub fn is_set(&self) -> bool {
        self.0.is_some()
    }
}

fn attr<T>(keyword: &'static str, item: &Item, value: T) -> Attr<T> {
    Attr {
        keyword,
        span: item.span(),
        value,
    }
}

// ---- versions --------------------------------------------------------

/// A protocol version as written: `107` or a path to a `ProtocolVersion`
/// constant (`V1_9`, `crate::version::V1_9`).
#[derive(Clone)]
pub enum Version {
    Lit(i32, Span),
    Path(Path),
}

const VERSION_EXPECTED: &str = "expected a protocol version: an integer (`107`) or a path to a `ProtocolVersion` constant (`V1_9`)";

impl Version {
    pub fn span(&self) -> Span {
        match self {
            Version::Lit(_, s) => *s,
            Version::Path(p) => p.span(),
        }
    }

    /// The number, when written as a literal.
    pub fn lit(&self) -> Option<i32> {
        match self {
            Version::Lit(v, _) => Some(*v),
            Version::Path(_) => None,
        }
    }
}

impl Parse for Version {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(LitInt) {
            let lit: LitInt = input.parse()?;
            let v = lit
                .base10_parse::<i32>()
                .map_err(|_| syn::Error::new(lit.span(), VERSION_EXPECTED))?;
            Ok(Version::Lit(v, lit.span()))
        } else {
            input
                .parse::<Path>()
                .map(Version::Path)
                .map_err(|e| syn::Error::new(e.span(), VERSION_EXPECTED))
        }
    }
}

fn parse_version(cx: &Ctxt, ts: &TokenStream) -> Option<Version> {
    match syn::parse2::<Version>(ts.clone()) {
        Ok(v) => Some(v),
        Err(e) => {
            cx.error(e.span(), VERSION_EXPECTED);
            None
        }
    }
}

/// One value of a [`VersionMap`]: from `version` on (`None`: the value is
/// not versioned).
#[derive(Clone)]
pub struct Entry<T> {
    pub version: Option<Version>,
    pub value: T,
    /// Where the value is written.
    pub span: Span,
}

/// `value` or `(version = value, ...)`: each value applies from its
/// version until the next one's; the first also to every earlier version.
#[derive(Clone)]
pub struct VersionMap<T> {
    pub entries: Vec<Entry<T>>,
}

impl<T> VersionMap<T> {
    pub fn single(value: T, span: Span) -> Self {
        VersionMap {
            entries: vec![Entry {
                version: None,
                value,
                span,
            }],
        }
    }

    /// Whether the value changes with the version (two entries or more).
    pub fn changes(&self) -> bool {
        self.entries.len() > 1
    }

    pub fn first(&self) -> &T {
        &self.entries[0].value
    }

    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.entries.iter().map(|e| &e.value)
    }

    /// The entries' versions, in order, skipping an unversioned value.
    pub fn versions(&self) -> impl Iterator<Item = &Version> {
        self.entries.iter().filter_map(|e| e.version.as_ref())
    }
}

/// `key = value` (one value) or `key(version = value, ...)`.
fn mapped<T>(
    cx: &Ctxt,
    item: &Item,
    example: &str,
    parse: impl Fn(&Ctxt, &TokenStream) -> Option<T>,
) -> Option<VersionMap<T>> {
    match &item.value {
        ItemValue::Eq(ts) => parse(cx, ts).map(|v| VersionMap::single(v, ts.span())),
        ItemValue::List(group) => {
            let entries = (|outer: ParseStream| {
                let input;
                syn::parenthesized!(input in outer);
                let mut out = Vec::new();
                while !input.is_empty() {
                    let version: Version = input.parse()?;
                    let eq = input.parse::<Token![=]>()?;
                    let value = until_comma(&input)?;
                    if value.is_empty() {
                        return Err(syn::Error::new(eq.span, "expected a value after `=`"));
                    }
                    out.push((version, value));
                    if input.is_empty() {
                        break;
                    }
                    input.parse::<Token![,]>()?;
                }
                Ok(out)
            })
            .parse2(group.to_token_stream());
            let entries = match entries {
                Ok(e) => e,
                Err(e) => {
                    cx.error(
                        e.span(),
                        format!(
                            "expected `version = value, ...` in `{}(...)`: {e}",
                            item.key
                        ),
                    );
                    return None;
                }
            };
            if entries.is_empty() {
                cx.error(
                    item.span(),
                    format!("`{}(...)` needs at least one `version = value`", item.key),
                );
                return None;
            }
            let mut out = Vec::new();
            let mut ok = true;
            for (version, ts) in entries {
                match parse(cx, &ts) {
                    Some(value) => out.push(Entry {
                        version: Some(version),
                        value,
                        span: ts.span(),
                    }),
                    None => ok = false,
                }
            }
            ok.then_some(VersionMap { entries: out })
        }
        ItemValue::Flag => {
            cx.error(
                item.span(),
                format!("`{}` takes a value: {example}", item.key),
            );
            None
        }
    }
}

// ---- representations -------------------------------------------------

/// An integer wire representation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IntRepr {
    VarInt,
    VarLong,
    I8,
    U8,
    I16,
    U16,
    I32,
    I64,
}

pub const INT_REPR_NAMES: &str = "varint, varlong, i8, u8, i16, u16, i32, i64";
pub const REPR_NAMES: &str =
    "varint, varlong, i8, u8, i16, u16, i32, i64, f32, f64, fixed(I, SCALE)";

impl IntRepr {
    fn from_name(name: &str) -> Option<IntRepr> {
        Some(match name {
            "varint" | "VarInt" => IntRepr::VarInt,
            "varlong" | "VarLong" => IntRepr::VarLong,
            "i8" => IntRepr::I8,
            "u8" => IntRepr::U8,
            "i16" => IntRepr::I16,
            "u16" => IntRepr::U16,
            "i32" => IntRepr::I32,
            "i64" => IntRepr::I64,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            IntRepr::VarInt => "varint",
            IntRepr::VarLong => "varlong",
            IntRepr::I8 => "i8",
            IntRepr::U8 => "u8",
            IntRepr::I16 => "i16",
            IntRepr::U16 => "u16",
            IntRepr::I32 => "i32",
            IntRepr::I64 => "i64",
        }
    }
}

/// How a number is sent.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Repr {
    Int(IntRepr),
    F32,
    F64,
    /// An integer carrying the value × scale, rounded down.
    Fixed(IntRepr, u32),
}

impl Repr {
    /// Floats and fixed-point numbers (a float field), as opposed to integers.
    pub fn is_float(self) -> bool {
        !matches!(self, Repr::Int(_))
    }
}

/// `R` for `as` and `len`: any representation (`as`) or integers only.
fn parse_repr(cx: &Ctxt, ts: &TokenStream, integers_only: bool) -> Option<Repr> {
    let names = if integers_only {
        INT_REPR_NAMES
    } else {
        REPR_NAMES
    };
    let tokens: Vec<TokenTree> = ts.clone().into_iter().collect();
    let repr = match tokens.as_slice() {
        [TokenTree::Ident(id)] => {
            let name = id.unraw().to_string();
            match (IntRepr::from_name(&name), name.as_str()) {
                (Some(r), _) => Repr::Int(r),
                (None, "f32") => Repr::F32,
                (None, "f64") => Repr::F64,
                (None, "fixed") => {
                    cx.error(
                        id.span(),
                        "`fixed` needs its integer and scale: `fixed(i32, 32)`",
                    );
                    return None;
                }
                (None, _) => {
                    cx.error(
                        id.span(),
                        format!("unknown wire representation `{id}`; expected one of: {names}"),
                    );
                    return None;
                }
            }
        }
        [TokenTree::Ident(id), TokenTree::Group(g)]
            if id == "fixed" && g.delimiter() == Delimiter::Parenthesis =>
        {
            parse_fixed(cx, g.stream(), g.span())?
        }
        _ => {
            cx.error(
                ts.span(),
                format!("expected a wire representation: {names}"),
            );
            return None;
        }
    };
    if integers_only && repr.is_float() {
        cx.error(
            ts.span(),
            format!("expected an integer representation here: one of {INT_REPR_NAMES}"),
        );
        return None;
    }
    Some(repr)
}

fn parse_int_repr(cx: &Ctxt, ts: &TokenStream) -> Option<IntRepr> {
    match parse_repr(cx, ts, true)? {
        Repr::Int(r) => Some(r),
        _ => None,
    }
}

/// The `I, SCALE` of `fixed(I, SCALE)`.
fn parse_fixed(cx: &Ctxt, args: TokenStream, span: Span) -> Option<Repr> {
    let parsed = (|input: ParseStream| {
        let int: Ident = input.call(Ident::parse_any)?;
        input.parse::<Token![,]>()?;
        let scale: LitInt = input.parse()?;
        Ok((int, scale))
    })
    .parse2(args);
    let Ok((int, scale)) = parsed else {
        cx.error(
            span,
            "expected `fixed(I, SCALE)`: an integer representation and a positive scale",
        );
        return None;
    };
    let repr = IntRepr::from_name(&int.to_string());
    if repr.is_none() {
        cx.error(
            int.span(),
            format!("the integer of `fixed(I, SCALE)` must be one of: {INT_REPR_NAMES}"),
        );
    }
    let scale = positive_scale(cx, &scale, "`fixed(i32, 32)`");
    Some(Repr::Fixed(repr?, scale?))
}

fn positive_scale(cx: &Ctxt, lit: &LitInt, example: &str) -> Option<u32> {
    match lit.base10_parse::<u32>() {
        Ok(v) if v > 0 => Some(v),
        _ => {
            cx.error(
                lit.span(),
                format!("`fixed` takes a positive scale, e.g. {example}"),
            );
            None
        }
    }
}

// ---- fields ----------------------------------------------------------

/// How a value is encoded: `varint`, `varlong`, `as`, `fixed` or `with`.
pub enum Encoding {
    Repr(VersionMap<Repr>),
    /// A module with `encode`, `decode`, `describe` and `generate`.
    With(VersionMap<Path>),
}

/// How a sequence's length is known: `len`, `count` or `rest`.
#[derive(Clone)]
pub enum Length {
    /// A count prefix in this representation.
    Prefix(IntRepr),
    /// No prefix: computed from earlier fields.
    Count(Expr),
    /// Up to the end of the packet.
    Rest,
}

/// The attributes of one field.
#[derive(Default)]
pub struct FieldAttrs {
    pub encoding: Slot<Encoding>,
    pub length: Slot<Length>,
    pub max_len: Slot<VersionMap<Expr>>,
    pub since: Slot<Version>,
    pub before: Slot<Version>,
    pub when: Slot<Expr>,
    /// `negative_empty`: a negative count prefix reads as no elements.
    pub negative_empty: Slot<()>,
}

impl FieldAttrs {
    pub fn parse(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut a = FieldAttrs::default();
        for item in items_of(cx, attrs, "mc") {
            let key = item.key.unraw().to_string();
            match key.as_str() {
                // `varint`
                VARINT => {
                    if flag(cx, &item) {
                        let map = VersionMap::single(Repr::Int(IntRepr::VarInt), item.span());
                        a.set_encoding(cx, attr(VARINT, &item, Encoding::Repr(map)));
                    }
                }
                // `varlong`
                VARLONG => {
                    if flag(cx, &item) {
                        let map = VersionMap::single(Repr::Int(IntRepr::VarLong), item.span());
                        a.set_encoding(cx, attr(VARLONG, &item, Encoding::Repr(map)));
                    }
                }
                // `as = R` | `as(V = R, ...)`
                AS => {
                    let example = "`as = u8` or `as(47 = u8, 107 = varint)`";
                    if let Some(map) =
                        mapped(cx, &item, example, |cx, ts| parse_repr(cx, ts, false))
                    {
                        a.set_encoding(cx, attr(AS, &item, Encoding::Repr(map)));
                    }
                }
                // `fixed = SCALE`, short for `as = fixed(i32, SCALE)`
                FIXED => {
                    if let Some(ts) = eq_value(cx, &item)
                        && let Some(lit) = parse_as::<LitInt>(cx, &item, ts)
                        && let Some(scale) = positive_scale(cx, &lit, "`fixed = 32`")
                    {
                        let map = VersionMap::single(Repr::Fixed(IntRepr::I32, scale), ts.span());
                        a.set_encoding(cx, attr(FIXED, &item, Encoding::Repr(map)));
                    }
                }
                // `with = path` | `with(V = path, ...)`
                WITH => {
                    let example = "`with = module` or `with(47 = old, 107 = new)`";
                    let parse = |cx: &Ctxt, ts: &TokenStream| parse_as::<Path>(cx, &item, ts);
                    if let Some(map) = mapped(cx, &item, example, parse) {
                        a.set_encoding(cx, attr(WITH, &item, Encoding::With(map)));
                    }
                }
                // `len = R`
                LEN => {
                    if let Some(ts) = eq_value(cx, &item)
                        && let Some(r) = parse_int_repr(cx, ts)
                    {
                        a.set_length(cx, attr(LEN, &item, Length::Prefix(r)));
                    }
                }
                // `count = expr`
                COUNT => {
                    if let Some(e) = eq_parse::<Expr>(cx, &item) {
                        a.set_length(cx, attr(COUNT, &item, Length::Count(e)));
                    }
                }
                // `rest`
                REST => {
                    if flag(cx, &item) {
                        a.set_length(cx, attr(REST, &item, Length::Rest));
                    }
                }
                // `max_len = N` | `max_len(V = N, ...)`
                MAX_LEN => {
                    let example = "`max_len = 16` or `max_len(47 = 100, 315 = 256)`";
                    let parse = |cx: &Ctxt, ts: &TokenStream| parse_as::<Expr>(cx, &item, ts);
                    if let Some(map) = mapped(cx, &item, example, parse) {
                        let excluded = a.excluded(MAX_LEN);
                        set_checked(cx, excluded, &mut a.max_len, attr(MAX_LEN, &item, map));
                    }
                }
                // `since = V`
                SINCE => {
                    if let Some(v) = eq_version(cx, &item) {
                        a.since.set(cx, attr(SINCE, &item, v));
                    }
                }
                // `before = V`
                BEFORE => {
                    if let Some(v) = eq_version(cx, &item) {
                        a.before.set(cx, attr(BEFORE, &item, v));
                    }
                }
                // `when = expr`
                WHEN => {
                    if let Some(e) = eq_parse::<Expr>(cx, &item) {
                        a.when.set(cx, attr(WHEN, &item, e));
                    }
                }
                // `negative_empty`
                NEGATIVE_EMPTY => {
                    if flag(cx, &item) {
                        a.negative_empty.set(cx, attr(NEGATIVE_EMPTY, &item, ()));
                    }
                }
                _ => unknown(cx, &item, "field", FIELD_KEYWORDS),
            }
        }
        a
    }

    /// The keyword of an attribute already set in another slot that
    /// `keyword` cannot be combined with: the rules between slots.
    fn excluded(&self, keyword: &str) -> Option<&'static str> {
        let with = self.encoding.keyword().filter(|k| *k == WITH);
        let count = self.length.keyword().filter(|k| *k == COUNT);
        match keyword {
            // `with` is the whole codec: there is no prefix or bound to set.
            WITH => self.length.keyword().or(self.max_len.keyword()),
            LEN | REST => with,
            // A computed count is exact, so a maximum would say nothing.
            COUNT => with.or(self.max_len.keyword()),
            MAX_LEN => with.or(count),
            _ => None,
        }
    }

    fn set_encoding(&mut self, cx: &Ctxt, new: Attr<Encoding>) {
        // `fixed = 32, as = i8` was once the way to say "fixed point in a
        // byte"; point at the spelling that replaced it.
        if let Some(old) = self.encoding.attr()
            && let (Encoding::Repr(a), Encoding::Repr(b)) = (&old.value, &new.value)
            && let Some(hint) = fixed_hint(a, b).or_else(|| fixed_hint(b, a))
        {
            cx.error(
                new.span,
                format!("`{}` conflicts with `{}`; {hint}", new.keyword, old.keyword),
            );
            return;
        }
        let excluded = self.excluded(new.keyword);
        set_checked(cx, excluded, &mut self.encoding, new);
    }

    fn set_length(&mut self, cx: &Ctxt, new: Attr<Length>) {
        let excluded = self.excluded(new.keyword);
        set_checked(cx, excluded, &mut self.length, new);
    }

    /// Whether presence depends on a condition (`when`, `since`, `before`).
    pub fn is_conditional(&self) -> bool {
        self.when.is_set() || self.since.is_set() || self.before.is_set()
    }
}

/// `as = fixed(R, S)` when `a` is `fixed = S` and `b` an integer `R`.
fn fixed_hint(a: &VersionMap<Repr>, b: &VersionMap<Repr>) -> Option<String> {
    match (a.changes() || b.changes(), a.first(), b.first()) {
        (false, Repr::Fixed(IntRepr::I32, scale), Repr::Int(r)) => Some(format!(
            "a fixed-point number sent as {} is `as = fixed({}, {scale})`",
            r.name(),
            r.name()
        )),
        _ => None,
    }
}

fn set_checked<T>(cx: &Ctxt, excluded: Option<&'static str>, slot: &mut Slot<T>, new: Attr<T>) {
    match excluded {
        Some(other) if !slot.is_set() => cx.error(
            new.span,
            format!("`{}` conflicts with `{other}`", new.keyword),
        ),
        _ => slot.set(cx, new),
    }
}

// ---- containers and variants -------------------------------------------

/// `#[mc(...)]` on the type.
#[derive(Default)]
pub struct ContainerAttrs {
    pub krate: Slot<Path>,
    pub tag: Slot<VersionMap<IntRepr>>,
    /// Some item did not parse: a missing `tag` may be a misspelt one,
    /// already reported.
    pub incomplete: bool,
}

impl ContainerAttrs {
    pub fn parse(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let (items, parsed) = items_checked(cx, attrs, "mc");
        let mut a = ContainerAttrs {
            incomplete: !parsed,
            ..ContainerAttrs::default()
        };
        for item in items {
            let ok = match item.key.unraw().to_string().as_str() {
                // `crate = path`
                CRATE => eq_parse::<Path>(cx, &item)
                    .map(|p| a.krate.set(cx, attr(CRATE, &item, p)))
                    .is_some(),
                // `tag = R` | `tag(V = R, ...)`
                TAG => {
                    let example = "`tag = varint` or `tag(47 = i16, 107 = varint)`";
                    mapped(cx, &item, example, parse_int_repr)
                        .map(|map| a.tag.set(cx, attr(TAG, &item, map)))
                        .is_some()
                }
                _ => {
                    unknown(cx, &item, "type", CONTAINER_KEYWORDS);
                    false
                }
            };
            a.incomplete |= !ok;
        }
        a
    }
}

/// `#[mc(...)]` on an enum variant.
#[derive(Default)]
pub struct VariantAttrs {
    pub tag: Slot<VersionMap<i64>>,
    pub since: Slot<Version>,
    pub before: Slot<Version>,
    pub other: Slot<()>,
}

impl VariantAttrs {
    pub fn parse(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut a = VariantAttrs::default();
        for item in items_of(cx, attrs, "mc") {
            match item.key.unraw().to_string().as_str() {
                // `tag = N` | `tag(V = N, ...)`
                TAG => {
                    let example = "`tag = 2` or `tag(47 = 2, 315 = 3)`";
                    if let Some(map) = mapped(cx, &item, example, parse_tag_value) {
                        a.tag.set(cx, attr(TAG, &item, map));
                    }
                }
                // `since = V`
                SINCE => {
                    if let Some(v) = eq_version(cx, &item) {
                        a.since.set(cx, attr(SINCE, &item, v));
                    }
                }
                // `before = V`
                BEFORE => {
                    if let Some(v) = eq_version(cx, &item) {
                        a.before.set(cx, attr(BEFORE, &item, v));
                    }
                }
                // `other`
                OTHER => {
                    if flag(cx, &item) {
                        a.other.set(cx, attr(OTHER, &item, ()));
                    }
                }
                _ => unknown(cx, &item, "variant", VARIANT_KEYWORDS),
            }
        }
        a
    }
}

fn parse_tag_value(cx: &Ctxt, ts: &TokenStream) -> Option<i64> {
    let value = syn::parse2::<Expr>(ts.clone())
        .ok()
        .and_then(|e| int_of_expr(&e));
    if value.is_none() {
        cx.error(
            ts.span(),
            "`tag` takes an integer, e.g. `tag = 2` or `tag = -1`",
        );
    }
    value
}

/// The value of an integer literal expression, possibly negated.
pub fn int_of_expr(e: &Expr) -> Option<i64> {
    match e {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(l),
            ..
        }) => l.base10_parse::<i64>().ok(),
        Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => int_of_expr(expr).map(|v| -v),
        Expr::Group(g) => int_of_expr(&g.expr),
        Expr::Paren(p) => int_of_expr(&p.expr),
        _ => None,
    }
}

// ---- packets ---------------------------------------------------------

/// `#[packet(...)]`.
pub struct PacketAttrs {
    /// `id = x` (one unversioned entry) or `id(V = x | none, ...)`.
    pub ids: Slot<VersionMap<Option<Expr>>>,
    pub state: Slot<Ident>,
    pub direction: Slot<Ident>,
    pub name: Slot<LitStr>,
    /// The `#[packet]` attribute, or the type name when there is none.
    pub span: Span,
}

impl PacketAttrs {
    pub fn parse(cx: &Ctxt, attrs: &[Attribute], type_span: Span) -> Self {
        let mut a = PacketAttrs {
            ids: Slot::default(),
            state: Slot::default(),
            direction: Slot::default(),
            name: Slot::default(),
            span: attrs
                .iter()
                .find(|a| a.path().is_ident("packet"))
                .map_or(type_span, |a| a.span()),
        };
        for item in items_of(cx, attrs, "packet") {
            match item.key.unraw().to_string().as_str() {
                // `id = expr` | `id(V = expr | none, ...)`
                ID => {
                    let example = "`id = 0x00` or `id(47 = 0x08, 54 = 0x09)`";
                    let parse = |cx: &Ctxt, ts: &TokenStream| {
                        if ts.to_string() == "none" {
                            Some(None)
                        } else {
                            parse_as::<Expr>(cx, &item, ts).map(Some)
                        }
                    };
                    if let Some(map) = mapped(cx, &item, example, parse) {
                        a.ids.set(cx, attr(ID, &item, map));
                    }
                }
                // `state = Handshaking | Status | Login | Play`
                STATE => {
                    if let Some(id) = one_of(cx, &item, "state", STATES) {
                        a.state.set(cx, attr(STATE, &item, id));
                    }
                }
                // `direction = Serverbound | Clientbound`
                DIRECTION => {
                    if let Some(id) = one_of(cx, &item, "direction", DIRECTIONS) {
                        a.direction.set(cx, attr(DIRECTION, &item, id));
                    }
                }
                // `name = "..."`
                NAME => {
                    if let Some(s) = eq_parse::<LitStr>(cx, &item) {
                        a.name.set(cx, attr(NAME, &item, s));
                    }
                }
                _ => unknown(cx, &item, "packet", PACKET_KEYWORDS),
            }
        }
        a
    }
}

fn one_of(cx: &Ctxt, item: &Item, what: &str, valid: &[&str]) -> Option<Ident> {
    let id = parse_as::<Ident>(cx, item, eq_value(cx, item)?)?;
    if valid.contains(&id.to_string().as_str()) {
        Some(id)
    } else {
        cx.error(
            id.span(),
            format!(
                "unknown {what} `{id}`; expected one of: {}",
                valid.join(", ")
            ),
        );
        None
    }
}
