//! Parsing `#[mc(...)]` and `#[packet(...)]` into a model, and checking it.
//!
//! Errors are gathered in a [`Ctx`] rather than returned at the first one,
//! so a user sees every mistake of a declaration at once, each at its span.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::spanned::Spanned;
use syn::{Attribute, Expr, GenericArgument, Ident, LitInt, Path, PathArguments, Token, Type};

/// Collected errors.
#[derive(Default)]
pub struct Ctx {
    errors: Vec<syn::Error>,
}

impl Ctx {
    pub fn error(&mut self, span: Span, msg: impl std::fmt::Display) {
        self.errors.push(syn::Error::new(span, msg));
    }

    pub fn push(&mut self, e: syn::Error) {
        self.errors.push(e);
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    pub fn to_compile_errors(&self) -> TokenStream {
        self.errors
            .iter()
            .map(syn::Error::to_compile_error)
            .collect()
    }
}

/// One `key`, `key = value` or `key(...)` inside an attribute.
pub struct Item {
    pub key: Ident,
    pub value: ItemValue,
}

pub enum ItemValue {
    Flag,
    Eq(TokenStream),
    List(TokenStream),
}

impl Item {
    pub fn span(&self) -> Span {
        self.key.span()
    }
}

fn parse_items(input: ParseStream) -> syn::Result<Vec<Item>> {
    let mut items = Vec::new();
    while !input.is_empty() {
        let key = input.call(Ident::parse_any)?;
        let value = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            let mut ts = TokenStream::new();
            while !input.is_empty() && !input.peek(Token![,]) {
                let tt: TokenTree = input.parse()?;
                ts.extend([tt]);
            }
            if ts.is_empty() {
                return Err(syn::Error::new(
                    key.span(),
                    format!("`{key} =` needs a value"),
                ));
            }
            ItemValue::Eq(ts)
        } else if input.peek(syn::token::Paren) {
            let content;
            syn::parenthesized!(content in input);
            ItemValue::List(content.parse()?)
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

/// The items of every `#[name(...)]` attribute in `attrs`.
pub fn items_of(ctx: &mut Ctx, attrs: &[Attribute], name: &str) -> Vec<Item> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident(name)) {
        match attr.parse_args_with(parse_items) {
            Ok(items) => out.extend(items),
            Err(e) => ctx.push(e),
        }
    }
    out
}

fn expect_eq<'i>(ctx: &mut Ctx, item: &'i Item) -> Option<&'i TokenStream> {
    match &item.value {
        ItemValue::Eq(ts) => Some(ts),
        _ => {
            ctx.error(
                item.span(),
                format!("`{}` takes a value: `{} = ...`", item.key, item.key),
            );
            None
        }
    }
}

fn expect_flag(ctx: &mut Ctx, item: &Item) -> bool {
    match &item.value {
        ItemValue::Flag => true,
        _ => {
            ctx.error(item.span(), format!("`{}` takes no value", item.key));
            false
        }
    }
}

fn parse_value<T: syn::parse::Parse>(ctx: &mut Ctx, item: &Item, ts: &TokenStream) -> Option<T> {
    match syn::parse2::<T>(ts.clone()) {
        Ok(v) => Some(v),
        Err(e) => {
            ctx.error(e.span(), format!("invalid value for `{}`: {e}", item.key));
            None
        }
    }
}

fn parse_i32(ctx: &mut Ctx, item: &Item, ts: &TokenStream) -> Option<i32> {
    let lit: LitInt = parse_value(ctx, item, ts)?;
    match lit.base10_parse::<i32>() {
        Ok(v) => Some(v),
        Err(e) => {
            ctx.error(lit.span(), e);
            None
        }
    }
}

/// An attribute value that may be set once.
pub struct Slot<T> {
    pub value: Option<(Span, &'static str, usize, T)>,
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot { value: None }
    }
}

impl<T> Slot<T> {
    fn set(&mut self, ctx: &mut Ctx, keyword: &'static str, span: Span, order: usize, value: T) {
        match &self.value {
            Some((_, existing, ..)) if *existing == keyword => {
                ctx.error(span, format!("duplicate `{keyword}` attribute"));
            }
            Some((_, existing, ..)) => {
                ctx.error(span, format!("`{keyword}` conflicts with `{existing}`"));
            }
            None => self.value = Some((span, keyword, order, value)),
        }
    }

    pub fn get(&self) -> Option<&T> {
        self.value.as_ref().map(|(_, _, _, v)| v)
    }

    pub fn is_set(&self) -> bool {
        self.value.is_some()
    }

    fn span(&self) -> Option<Span> {
        self.value.as_ref().map(|(s, ..)| *s)
    }

    fn keyword(&self) -> &'static str {
        self.value.as_ref().map_or("", |(_, k, ..)| k)
    }

    fn order(&self) -> usize {
        self.value.as_ref().map_or(0, |(_, _, o, _)| *o)
    }
}

/// An integer wire representation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Repr {
    VarInt,
    VarLong,
    I8,
    U8,
    I16,
    U16,
    I32,
    I64,
}

pub const REPR_NAMES: &str = "varint, varlong, i8, u8, i16, u16, i32, i64";

impl Repr {
    fn from_ident(id: &Ident) -> Option<Repr> {
        Some(match id.to_string().as_str() {
            "varint" | "VarInt" => Repr::VarInt,
            "varlong" | "VarLong" => Repr::VarLong,
            "i8" => Repr::I8,
            "u8" => Repr::U8,
            "i16" => Repr::I16,
            "u16" => Repr::U16,
            "i32" => Repr::I32,
            "i64" => Repr::I64,
            _ => return None,
        })
    }

    pub fn marker(self, krate: &Path) -> TokenStream {
        let name = match self {
            Repr::VarInt => "VarIntRepr",
            Repr::VarLong => "VarLongRepr",
            Repr::I8 => "I8",
            Repr::U8 => "U8",
            Repr::I16 => "I16",
            Repr::U16 => "U16",
            Repr::I32 => "I32",
            Repr::I64 => "I64",
        };
        let id = Ident::new(name, Span::call_site());
        quote::quote!(#krate::__private::#id)
    }
}

fn parse_repr(ctx: &mut Ctx, ts: &TokenStream) -> Option<Repr> {
    let span = ts.span();
    match syn::parse2::<Ident>(ts.clone()) {
        Ok(id) => match Repr::from_ident(&id) {
            Some(r) => Some(r),
            None => {
                ctx.error(
                    id.span(),
                    format!("unknown wire representation `{id}`; expected one of: {REPR_NAMES}"),
                );
                None
            }
        },
        Err(_) => {
            ctx.error(
                span,
                format!("expected a wire representation: {REPR_NAMES}"),
            );
            None
        }
    }
}

/// A representation, possibly different per protocol version.
#[derive(Clone)]
pub enum ReprSpec {
    Single(Repr),
    /// `(first version, representation)`, ascending.
    PerVersion(Vec<(i32, Repr)>),
}

/// `47 = x, 54 = y` lists, as in `as(...)` and `id(...)`.
fn parse_version_map(ctx: &mut Ctx, ts: &TokenStream) -> Vec<(i32, Span, TokenStream)> {
    let parser = |input: ParseStream| -> syn::Result<Vec<(LitInt, TokenStream)>> {
        let mut out = Vec::new();
        while !input.is_empty() {
            let v: LitInt = input.parse()?;
            input.parse::<Token![=]>()?;
            let mut value = TokenStream::new();
            while !input.is_empty() && !input.peek(Token![,]) {
                let tt: TokenTree = input.parse()?;
                value.extend([tt]);
            }
            out.push((v, value));
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        Ok(out)
    };
    let entries = match parser.parse2(ts.clone()) {
        Ok(e) => e,
        Err(e) => {
            ctx.error(e.span(), format!("expected `version = value, ...`: {e}"));
            return Vec::new();
        }
    };
    let mut out: Vec<(i32, Span, TokenStream)> = Vec::new();
    for (lit, value) in entries {
        let Ok(v) = lit.base10_parse::<i32>() else {
            ctx.error(lit.span(), "protocol version must be an integer");
            continue;
        };
        if let Some((prev, ..)) = out.last()
            && *prev >= v
        {
            ctx.error(
                lit.span(),
                "protocol versions must be listed in ascending order",
            );
            continue;
        }
        out.push((v, lit.span(), value));
    }
    out
}

/// How a field's presence is decided.
pub enum Presence {
    Always,
    /// `Option<T>`: a boolean, then the value if true.
    BoolPrefixed,
    /// `Option<T>` with `when`/`since`/`before`: present iff the condition holds.
    Conditional,
}

/// Field-level attributes.
#[derive(Default)]
pub struct FieldAttrs {
    pub repr: Slot<ReprSpec>,
    pub len: Slot<Repr>,
    pub count: Slot<Expr>,
    pub max_len: Slot<Expr>,
    pub rest: Slot<()>,
    pub fixed: Slot<u32>,
    pub since: Slot<i32>,
    pub before: Slot<i32>,
    pub when: Slot<Expr>,
    pub with: Slot<Path>,
}

pub const FIELD_KEYWORDS: &str =
    "varint, varlong, as, len, count, max_len, rest, fixed, since, before, when, with";

/// A field of a struct or variant.
pub struct Field {
    /// `a` or `0`.
    pub member: syn::Member,
    /// Name used for locals and schemas.
    pub name: String,
    /// Local variable holding the value in generated code.
    pub local: Ident,
    /// Declared type.
    pub ty: Type,
    /// The type of the value on the wire (inside `Option` when the field is optional).
    pub value_ty: Type,
    pub presence: Presence,
    pub attrs: FieldAttrs,
    /// For `as` on a `Vec<E>`: `E`.
    pub elem_ty: Option<Type>,
}

/// Generic argument of `Option<...>` / `Vec<...>`.
pub fn type_arg<'t>(ty: &'t Type, wrapper: &str) -> Option<&'t Type> {
    let Type::Path(tp) = ty else { return None };
    if tp.qself.is_some() {
        return None;
    }
    let seg = tp.path.segments.last()?;
    if seg.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &seg.arguments else {
        return None;
    };
    if args.args.len() != 1 {
        return None;
    }
    match args.args.first()? {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

pub fn parse_field(ctx: &mut Ctx, index: usize, field: &syn::Field) -> Field {
    let mut a = FieldAttrs::default();
    let items = items_of(ctx, &field.attrs, "mc");
    for (order, item) in items.iter().enumerate() {
        let span = item.span();
        match item.key.to_string().as_str() {
            "varint" => {
                if expect_flag(ctx, item) {
                    a.repr.set(ctx, "varint", span, order, ReprSpec::Single(Repr::VarInt));
                }
            }
            "varlong" => {
                if expect_flag(ctx, item) {
                    a.repr.set(ctx, "varlong", span, order, ReprSpec::Single(Repr::VarLong));
                }
            }
            "as" => match &item.value {
                ItemValue::Eq(ts) => {
                    if let Some(r) = parse_repr(ctx, ts) {
                        a.repr.set(ctx, "as", span, order, ReprSpec::Single(r));
                    }
                }
                ItemValue::List(ts) => {
                    let mut list = Vec::new();
                    for (v, _, value) in parse_version_map(ctx, ts) {
                        if let Some(r) = parse_repr(ctx, &value) {
                            list.push((v, r));
                        }
                    }
                    if list.is_empty() {
                        ctx.error(span, "`as(...)` needs at least one `version = representation`");
                    } else {
                        a.repr.set(ctx, "as", span, order, ReprSpec::PerVersion(list));
                    }
                }
                ItemValue::Flag => ctx.error(span, format!("`as` takes a representation: `as = varint` or `as(47 = u8, 54 = varint)`; one of: {REPR_NAMES}")),
            },
            "len" => {
                if let Some(ts) = expect_eq(ctx, item)
                    && let Some(r) = parse_repr(ctx, ts)
                {
                    if matches!(r, Repr::VarLong | Repr::I64) {
                        ctx.error(span, "a length prefix must be varint, i8, u8, i16, u16 or i32");
                    } else {
                        a.len.set(ctx, "len", span, order, r);
                    }
                }
            }
            "count" => {
                if let Some(ts) = expect_eq(ctx, item)
                    && let Some(e) = parse_value::<Expr>(ctx, item, ts)
                {
                    a.count.set(ctx, "count", span, order, e);
                }
            }
            "max_len" => {
                if let Some(ts) = expect_eq(ctx, item)
                    && let Some(e) = parse_value::<Expr>(ctx, item, ts)
                {
                    a.max_len.set(ctx, "max_len", span, order, e);
                }
            }
            "rest" => {
                if expect_flag(ctx, item) {
                    a.rest.set(ctx, "rest", span, order, ());
                }
            }
            "fixed" => {
                if let Some(ts) = expect_eq(ctx, item)
                    && let Some(lit) = parse_value::<LitInt>(ctx, item, ts)
                {
                    match lit.base10_parse::<u32>() {
                        Ok(v) if v > 0 => a.fixed.set(ctx, "fixed", span, order, v),
                        _ => ctx.error(lit.span(), "`fixed` takes a positive scale, e.g. `fixed = 32`"),
                    }
                }
            }
            "since" => {
                if let Some(ts) = expect_eq(ctx, item)
                    && let Some(v) = parse_i32(ctx, item, ts)
                {
                    a.since.set(ctx, "since", span, order, v);
                }
            }
            "before" => {
                if let Some(ts) = expect_eq(ctx, item)
                    && let Some(v) = parse_i32(ctx, item, ts)
                {
                    a.before.set(ctx, "before", span, order, v);
                }
            }
            "when" => {
                if let Some(ts) = expect_eq(ctx, item)
                    && let Some(e) = parse_value::<Expr>(ctx, item, ts)
                {
                    a.when.set(ctx, "when", span, order, e);
                }
            }
            "with" => {
                if let Some(ts) = expect_eq(ctx, item)
                    && let Some(p) = parse_value::<Path>(ctx, item, ts)
                {
                    a.with.set(ctx, "with", span, order, p);
                }
            }
            other => ctx.error(
                span,
                format!("unknown field attribute `{other}`; expected one of: {FIELD_KEYWORDS}"),
            ),
        }
    }

    check_conflicts(ctx, &a);

    let (member, name, local) = match &field.ident {
        Some(id) => (
            syn::Member::Named(id.clone()),
            id.unraw().to_string(),
            id.clone(),
        ),
        None => (
            syn::Member::Unnamed(syn::Index::from(index)),
            index.to_string(),
            Ident::new(&format!("__mc_f{index}"), Span::call_site()),
        ),
    };

    let conditional = a.when.is_set() || a.since.is_set() || a.before.is_set();
    let option_inner = type_arg(&field.ty, "Option").cloned();
    let (presence, value_ty) = match (&option_inner, conditional) {
        (Some(inner), true) => (Presence::Conditional, inner.clone()),
        (Some(inner), false) => (Presence::BoolPrefixed, inner.clone()),
        (None, true) => {
            let (span, kw) = [
                a.when.value.as_ref().map(|(s, k, ..)| (*s, *k)),
                a.since.value.as_ref().map(|(s, k, ..)| (*s, *k)),
                a.before.value.as_ref().map(|(s, k, ..)| (*s, *k)),
            ]
            .into_iter()
            .flatten()
            .next()
            .unwrap_or((field.ty.span(), "when"));
            ctx.error(
                span,
                format!("`{kw}` makes a field conditional, so its type must be `Option<_>` (None when absent)"),
            );
            (Presence::Always, field.ty.clone())
        }
        (None, false) => (Presence::Always, field.ty.clone()),
    };

    if let (Some(s), Some(b)) = (a.since.get(), a.before.get())
        && s >= b
    {
        ctx.error(
            a.before.span().unwrap_or(field.ty.span()),
            "`before` must be greater than `since`",
        );
    }

    let seq_mode = a.len.is_set() || a.count.is_set() || a.rest.is_set();
    let elem_ty = if a.repr.is_set() {
        type_arg(&value_ty, "Vec").cloned()
    } else {
        None
    };
    if a.repr.is_set() && seq_mode && elem_ty.is_none() {
        let span = a.repr.span().unwrap_or(field.ty.span());
        ctx.error(
            span,
            format!(
                "`{}` with `len`, `count` or `rest` needs a `Vec<_>` field",
                a.repr.keyword()
            ),
        );
    }

    Field {
        member,
        name,
        local,
        ty: field.ty.clone(),
        value_ty,
        presence,
        attrs: a,
        elem_ty,
    }
}

/// Reports pairs of attributes that cannot be combined, at the later one.
fn check_conflicts(ctx: &mut Ctx, a: &FieldAttrs) {
    type Probe = (&'static str, bool, usize, Option<Span>, &'static str);
    fn probe<T>(name: &'static str, s: &Slot<T>) -> Probe {
        (name, s.is_set(), s.order(), s.span(), s.keyword())
    }
    let all: [Probe; 7] = [
        probe("as", &a.repr),
        probe("len", &a.len),
        probe("count", &a.count),
        probe("max_len", &a.max_len),
        probe("rest", &a.rest),
        probe("fixed", &a.fixed),
        probe("with", &a.with),
    ];
    const CONFLICTS: &[(&str, &str)] = &[
        ("len", "count"),
        ("len", "rest"),
        ("count", "rest"),
        ("count", "max_len"),
        ("rest", "max_len"),
        ("fixed", "len"),
        ("fixed", "count"),
        ("fixed", "rest"),
        ("fixed", "max_len"),
        ("with", "as"),
        ("with", "len"),
        ("with", "count"),
        ("with", "max_len"),
        ("with", "rest"),
        ("with", "fixed"),
    ];
    for (x, y) in CONFLICTS {
        let px = all.iter().find(|p| p.0 == *x);
        let py = all.iter().find(|p| p.0 == *y);
        if let (Some(px), Some(py)) = (px, py)
            && px.1
            && py.1
        {
            let (later, earlier) = if px.2 > py.2 { (px, py) } else { (py, px) };
            let later_kw = if later.4.is_empty() { later.0 } else { later.4 };
            let earlier_kw = if earlier.4.is_empty() {
                earlier.0
            } else {
                earlier.4
            };
            ctx.error(
                later.3.unwrap_or_else(Span::call_site),
                format!("`{later_kw}` conflicts with `{earlier_kw}`"),
            );
        }
    }
}

/// Container-level attributes.
pub struct ContainerAttrs {
    pub krate: Path,
    pub tag: Option<(Span, Repr)>,
}

pub const CONTAINER_KEYWORDS: &str = "crate, tag";

pub fn parse_container(ctx: &mut Ctx, attrs: &[Attribute]) -> ContainerAttrs {
    let mut krate: Slot<Path> = Slot::default();
    let mut tag: Slot<Repr> = Slot::default();
    for (order, item) in items_of(ctx, attrs, "mc").iter().enumerate() {
        let span = item.span();
        match item.key.to_string().as_str() {
            "crate" => {
                if let Some(ts) = expect_eq(ctx, item)
                    && let Some(p) = parse_value::<Path>(ctx, item, ts)
                {
                    krate.set(ctx, "crate", span, order, p);
                }
            }
            "tag" => {
                if let Some(ts) = expect_eq(ctx, item)
                    && let Some(r) = parse_repr(ctx, ts)
                {
                    tag.set(ctx, "tag", span, order, r);
                }
            }
            other => ctx.error(
                span,
                format!("unknown type attribute `{other}`; expected one of: {CONTAINER_KEYWORDS}"),
            ),
        }
    }
    ContainerAttrs {
        krate: krate
            .value
            .map(|(_, _, _, p)| p)
            .unwrap_or_else(|| syn::parse_quote!(::mcproto)),
        tag: tag.value.map(|(s, _, _, r)| (s, r)),
    }
}

/// Variant-level attributes.
pub struct VariantAttrs {
    pub tag: Option<(Span, i64)>,
    pub other: bool,
}

pub fn parse_variant(ctx: &mut Ctx, attrs: &[Attribute]) -> VariantAttrs {
    let mut tag: Slot<i64> = Slot::default();
    let mut other: Slot<()> = Slot::default();
    for (order, item) in items_of(ctx, attrs, "mc").iter().enumerate() {
        let span = item.span();
        match item.key.to_string().as_str() {
            "tag" => {
                if let Some(ts) = expect_eq(ctx, item) {
                    match syn::parse2::<Expr>(ts.clone())
                        .ok()
                        .and_then(|e| int_of_expr(&e))
                    {
                        Some(v) => tag.set(ctx, "tag", span, order, v),
                        None => ctx.error(
                            ts.span(),
                            "`tag` takes an integer, e.g. `tag = 2` or `tag = -1`",
                        ),
                    }
                }
            }
            "other" => {
                if expect_flag(ctx, item) {
                    other.set(ctx, "other", span, order, ());
                }
            }
            key => ctx.error(
                span,
                format!("unknown variant attribute `{key}`; expected one of: tag, other"),
            ),
        }
    }
    VariantAttrs {
        tag: tag.value.map(|(s, _, _, v)| (s, v)),
        other: other.is_set(),
    }
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

/// `#[packet(...)]`.
pub struct PacketAttrs {
    /// `(since, id)`; `since` is `None` for a plain `id = x`.
    pub ids: Vec<(Option<i32>, Option<Expr>)>,
    pub state: Ident,
    pub direction: Ident,
    pub name: Option<syn::LitStr>,
}

pub const PACKET_KEYWORDS: &str = "id, state, direction, name";
const STATES: &[&str] = &["Handshaking", "Status", "Login", "Play"];
const DIRECTIONS: &[&str] = &["Serverbound", "Clientbound"];

pub fn parse_packet(ctx: &mut Ctx, attrs: &[Attribute], type_span: Span) -> Option<PacketAttrs> {
    let mut ids: Slot<Vec<(Option<i32>, Option<Expr>)>> = Slot::default();
    let mut state: Slot<Ident> = Slot::default();
    let mut direction: Slot<Ident> = Slot::default();
    let mut name: Slot<syn::LitStr> = Slot::default();
    let attr_span = attrs
        .iter()
        .find(|a| a.path().is_ident("packet"))
        .map(|a| a.span())
        .unwrap_or(type_span);
    for (order, item) in items_of(ctx, attrs, "packet").iter().enumerate() {
        let span = item.span();
        match item.key.to_string().as_str() {
            "id" => match &item.value {
                ItemValue::Eq(ts) => {
                    if let Some(e) = parse_value::<Expr>(ctx, item, ts) {
                        ids.set(ctx, "id", span, order, vec![(None, Some(e))]);
                    }
                }
                ItemValue::List(ts) => {
                    let mut list = Vec::new();
                    for (v, vspan, value) in parse_version_map(ctx, ts) {
                        if value.to_string() == "none" {
                            list.push((Some(v), None));
                        } else {
                            match syn::parse2::<Expr>(value) {
                                Ok(e) => list.push((Some(v), Some(e))),
                                Err(_) => ctx.error(vspan, "expected a packet id or `none`"),
                            }
                        }
                    }
                    if list.is_empty() {
                        ctx.error(span, "`id(...)` needs at least one `version = id`");
                    } else {
                        ids.set(ctx, "id", span, order, list);
                    }
                }
                ItemValue::Flag => ctx.error(
                    span,
                    "`id` takes a value: `id = 0x00` or `id(47 = 0x08, 54 = 0x09)`",
                ),
            },
            "state" => {
                if let Some(ts) = expect_eq(ctx, item)
                    && let Some(id) = parse_value::<Ident>(ctx, item, ts)
                {
                    if STATES.contains(&id.to_string().as_str()) {
                        state.set(ctx, "state", span, order, id);
                    } else {
                        ctx.error(
                            id.span(),
                            format!(
                                "unknown state `{id}`; expected one of: {}",
                                STATES.join(", ")
                            ),
                        );
                    }
                }
            }
            "direction" => {
                if let Some(ts) = expect_eq(ctx, item)
                    && let Some(id) = parse_value::<Ident>(ctx, item, ts)
                {
                    if DIRECTIONS.contains(&id.to_string().as_str()) {
                        direction.set(ctx, "direction", span, order, id);
                    } else {
                        ctx.error(
                            id.span(),
                            format!(
                                "unknown direction `{id}`; expected one of: {}",
                                DIRECTIONS.join(", ")
                            ),
                        );
                    }
                }
            }
            "name" => {
                if let Some(ts) = expect_eq(ctx, item)
                    && let Some(s) = parse_value::<syn::LitStr>(ctx, item, ts)
                {
                    name.set(ctx, "name", span, order, s);
                }
            }
            other => ctx.error(
                span,
                format!("unknown packet attribute `{other}`; expected one of: {PACKET_KEYWORDS}"),
            ),
        }
    }
    let mut missing = Vec::new();
    if !state.is_set() {
        missing.push("state");
    }
    if !direction.is_set() {
        missing.push("direction");
    }
    if !missing.is_empty() {
        ctx.error(
            attr_span,
            format!(
                "a packet needs #[packet(state = .., direction = ..)] (and `id = ..` unless id tables give its ids); missing: {}",
                missing.join(", ")
            ),
        );
        return None;
    }
    Some(PacketAttrs {
        ids: ids.value.map(|v| v.3).unwrap_or_default(),
        state: state.value.map(|v| v.3)?,
        direction: direction.value.map(|v| v.3)?,
        name: name.value.map(|v| v.3),
    })
}

/// Renders an expression for schemas.
pub fn expr_text(e: &Expr) -> String {
    let s = e.to_token_stream().to_string();
    s.replace(" . ", ".")
        .replace("* ", "*")
        .replace(" (", "(")
        .replace("( ", "(")
        .replace(" )", ")")
}
