//! Code generation from the checked model, one file per trait.
//!
//! Generated code names everything through `<crate>::__private` (the crate
//! path defaults to `::mcproto` and is overridden with `#[mc(crate = ...)]`),
//! uses `__mc_`-prefixed locals, and is wrapped in `const _: () = { ... };`,
//! so it needs no imports and cannot clash with the user's names.
//!
//! The protocol version is `__mc_v`, a `ProtocolVersion`. A layout that
//! does not change with the version never looks at it; one that changes
//! compares it once per change point ([`Expander::select`]).

pub mod decode;
pub mod describe;
pub mod encode;
pub mod generate;
pub mod int_value;
pub mod owned;
pub mod packet;

use proc_macro2::{Literal, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::{DeriveInput, Expr, Lifetime};

use crate::ast::{Container, Data, Derive, Field, Fields, Style, TagRange, Variant};
use crate::attr::{IntRepr, Repr, Version, VersionMap};
use crate::check;
use crate::ctxt::Ctxt;

/// Generates one impl from the model.
type Generator = fn(&Expander<'_>) -> TokenStream;

/// The impls of each derive: the real one and the stub for a declaration
/// with errors.
fn generators(derive: Derive) -> &'static [(Generator, Generator)] {
    match derive {
        Derive::Encode => &[
            (encode::expand, encode::dummy),
            (describe::expand, describe::dummy),
            (int_value::expand, int_value::dummy),
        ],
        Derive::Decode => &[
            (decode::expand, decode::dummy),
            (owned::expand, owned::dummy),
        ],
        Derive::Packet => &[
            (encode::expand, encode::dummy),
            (describe::expand, describe::dummy),
            (int_value::expand, int_value::dummy),
            (decode::expand, decode::dummy),
            (owned::expand, owned::dummy),
            (owned::expand_decode_owned, no_stub),
            (packet::expand, packet::dummy),
        ],
        Derive::Generate => &[(generate::expand, generate::dummy)],
    }
}

/// No stub: the generator's dummy is emitted by another entry.
fn no_stub(_: &Expander<'_>) -> TokenStream {
    TokenStream::new()
}

/// The whole pipeline of one derive: parse and check into one context,
/// then either the impls, or the errors with stub impls, so that uses of
/// the type elsewhere do not add "trait not implemented" errors of their
/// own.
pub fn derive(input: &DeriveInput, derive: Derive) -> TokenStream {
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, input, derive);
    check::check(&cx, &cont);
    let e = Expander::new(&cont);
    let impls = generators(derive);
    match cx.check() {
        Ok(()) => {
            let asserts = e.version_asserts();
            let items = impls.iter().map(|(real, _)| real(&e));
            wrap(quote!(#asserts #(#items)*))
        }
        Err(err) => {
            let errors = err.to_compile_error();
            let stubs = wrap(impls.iter().map(|(_, stub)| stub(&e)).collect());
            quote!(#errors #stubs)
        }
    }
}

/// In which form earlier fields are in scope of a `when`/`count` expression.
#[derive(Clone, Copy)]
pub enum Scope {
    /// Earlier fields are locals holding values (decoding, generating).
    Values,
    /// Earlier fields are locals holding references (encoding).
    Refs,
}

/// What the generators share: the model and the path to `__private`.
pub struct Expander<'c> {
    pub c: &'c Container<'c>,
    /// `<crate>::__private`.
    pub p: TokenStream,
    /// The lifetime decoded values borrow from.
    pub de: Lifetime,
}

impl<'c> Expander<'c> {
    pub fn new(c: &'c Container<'c>) -> Self {
        let k = &c.krate;
        Expander {
            c,
            p: quote!(#k::__private),
            de: c.de_lifetime.clone(),
        }
    }

    /// `expr`, returning its error annotated with the field `path`.
    pub fn tri(&self, expr: TokenStream, path: &str) -> TokenStream {
        let p = &self.p;
        quote!(match #expr {
            #p::Ok(__mc_ok) => __mc_ok,
            #p::Err(__mc_e) => return #p::Err(__mc_e.at(#path)),
        })
    }

    /// A version as a `ProtocolVersion` expression.
    pub fn version(&self, v: &Version) -> TokenStream {
        let p = &self.p;
        match v {
            Version::Lit(n, span) => {
                let n = Literal::i32_unsuffixed(*n);
                quote_spanned!(*span=> #p::ProtocolVersion(#n))
            }
            Version::Path(path) => quote!(#path),
        }
    }

    /// `f(value)` for the value of `map` in version `__mc_v`: the value
    /// itself when there is one, else one comparison per change point.
    pub fn select<T>(
        &self,
        map: &VersionMap<T>,
        mut f: impl FnMut(&T) -> TokenStream,
    ) -> TokenStream {
        let mut entries = map.entries.iter();
        let Some(first) = entries.next() else {
            return TokenStream::new();
        };
        let mut out = f(&first.value);
        for e in entries {
            let body = f(&e.value);
            match &e.version {
                Some(v) => {
                    let v = self.version(v);
                    out = quote!(if __mc_v >= #v { #body } else { #out });
                }
                None => out = body,
            }
        }
        out
    }

    /// The condition for `since`/`before`, or `None` if there is none.
    pub fn gate(&self, since: Option<&Version>, before: Option<&Version>) -> Option<TokenStream> {
        let mut conds = Vec::new();
        if let Some(s) = since {
            let s = self.version(s);
            conds.push(quote!(__mc_v >= #s));
        }
        if let Some(b) = before {
            let b = self.version(b);
            conds.push(quote!(__mc_v < #b));
        }
        (!conds.is_empty()).then(|| quote!(#(#conds)&&*))
    }

    /// The condition under which a tag range applies (`None`: always). Of
    /// several literal bounds on one side only the tightest is kept.
    pub fn range_cond(&self, r: &TagRange<'_>) -> Option<TokenStream> {
        fn tightest<'v>(vs: &[&'v Version], lower: bool) -> Vec<&'v Version> {
            let best = vs
                .iter()
                .filter(|v| v.lit().is_some())
                .copied()
                .reduce(|a, b| {
                    let (x, y) = (a.lit().unwrap_or(0), b.lit().unwrap_or(0));
                    if (x >= y) == lower { a } else { b }
                });
            best.into_iter()
                .chain(vs.iter().filter(|v| v.lit().is_none()).copied())
                .collect()
        }
        let mut conds = Vec::new();
        for v in tightest(&r.from, true) {
            let v = self.version(v);
            conds.push(quote!(__mc_v >= #v));
        }
        for v in tightest(&r.until, false) {
            let v = self.version(v);
            conds.push(quote!(__mc_v < #v));
        }
        (!conds.is_empty()).then(|| quote!(#(#conds)&&*))
    }

    /// `pat if cond => body,` for each version range of `v`'s tag, leaving
    /// out ranges that are empty by their literal versions.
    pub fn tag_arms(&self, v: &Variant<'_>, body: &TokenStream) -> Vec<TokenStream> {
        v.tag_ranges()
            .iter()
            .filter(|r| r.literal().is_none_or(|(lo, hi)| lo < hi))
            .map(|r| {
                let pat = pat_i64(r.tag);
                let guard = self.range_cond(r).map(|c| quote!(if #c));
                quote!(#pat #guard => #body,)
            })
            .collect()
    }

    /// The marker type of an integer representation.
    pub fn int_marker(&self, r: IntRepr) -> TokenStream {
        let p = &self.p;
        let name = match r {
            IntRepr::VarInt => "VarIntRepr",
            IntRepr::VarLong => "VarLongRepr",
            IntRepr::I8 => "I8",
            IntRepr::U8 => "U8",
            IntRepr::I16 => "I16",
            IntRepr::U16 => "U16",
            IntRepr::I32 => "I32",
            IntRepr::I64 => "I64",
        };
        let id = syn::Ident::new(name, Span::call_site());
        quote!(#p::#id)
    }

    /// The marker type of a float representation (`F32`, `F64`).
    pub fn float_marker(&self, r: Repr) -> TokenStream {
        let p = &self.p;
        match r {
            Repr::F32 => quote!(#p::F32),
            _ => quote!(#p::F64),
        }
    }

    /// The fewest bytes of a representation.
    pub fn repr_min(&self, r: Repr) -> TokenStream {
        let p = &self.p;
        match r {
            Repr::Int(i) | Repr::Fixed(i, _) => {
                let m = self.int_marker(i);
                quote!(<#m as #p::IntRepr>::MIN_SIZE)
            }
            Repr::F32 => quote!(4usize),
            Repr::F64 => quote!(8usize),
        }
    }

    /// The smallest of `sizes` (const expressions).
    pub fn min_of(&self, sizes: impl IntoIterator<Item = TokenStream>) -> TokenStream {
        let p = &self.p;
        let mut iter = sizes.into_iter();
        let first = iter.next().unwrap_or_else(|| quote!(0usize));
        iter.fold(first, |acc, m| quote!(#p::min_size(#acc, #m)))
    }

    /// A `max_len` as a `usize` expression (`usize::MAX` without one).
    pub fn max_expr(&self, max: Option<&VersionMap<Expr>>) -> TokenStream {
        match max {
            Some(map) => self.select(map, |m| quote!((#m) as usize)),
            None => quote!(usize::MAX),
        }
    }

    /// `expr` evaluated with `version` and the earlier fields in scope.
    pub fn scoped(&self, expr: &Expr, earlier: &[&Field<'_>], scope: Scope) -> TokenStream {
        let p = &self.p;
        let binds = match scope {
            Scope::Values => earlier
                .iter()
                .filter(|f| matches!(f.member, syn::Member::Named(_)))
                .map(|f| {
                    let l = &f.local;
                    quote!(#[allow(unused_variables)] let #l = &#l;)
                })
                .collect(),
            Scope::Refs => TokenStream::new(),
        };
        quote!({
            #[allow(unused_variables)]
            let version: #p::ProtocolVersion = __mc_v;
            #binds
            #expr
        })
    }

    /// Impl generics, type generics and where clause, with `bound` on every
    /// type parameter and, with `add_de`, the decode lifetime added.
    pub fn generics_for(
        &self,
        bound: TokenStream,
        add_de: bool,
    ) -> (TokenStream, TokenStream, TokenStream) {
        let c = self.c;
        let mut g = c.generics.clone();
        let type_params: Vec<syn::Ident> = g.type_params().map(|t| t.ident.clone()).collect();
        if !type_params.is_empty() {
            let wc = g.make_where_clause();
            for t in &type_params {
                wc.predicates.push(syn::parse_quote!(#t: #bound));
            }
        }
        let (_, ty_g, _) = c.generics.split_for_impl();
        let ty_g = quote!(#ty_g);
        let where_c = g.where_clause.clone();
        let where_c = quote!(#where_c);
        if add_de && !c.borrows {
            let de = &self.de;
            g.params.insert(0, syn::parse_quote!(#de));
        }
        let (impl_g, _, _) = g.split_for_impl();
        (quote!(#impl_g), ty_g, where_c)
    }

    /// Const assertions for the version comparisons the macro could not
    /// decide because a version is a path: map keys in ascending order,
    /// `since` before `before`, and no tag shared by two variants in one
    /// version.
    pub fn version_asserts(&self) -> TokenStream {
        let c = self.c;
        let mut out = TokenStream::new();
        if let Some(tag) = c.attrs.tag.get() {
            out.extend(self.map_order(tag));
        }
        if let Some(ids) = c.packet.as_ref().and_then(|pk| pk.ids.get()) {
            out.extend(self.map_order(ids));
        }
        let field_asserts = |fields: &Fields<'_>, out: &mut TokenStream| {
            for f in &fields.fields {
                let a = &f.attrs;
                out.extend(self.since_before(a.since.get(), a.before.get()));
                if let Some(m) = a.max_len.get() {
                    out.extend(self.map_order(m));
                }
                match a.encoding.get() {
                    Some(crate::attr::Encoding::Repr(m)) => out.extend(self.map_order(m)),
                    Some(crate::attr::Encoding::With(m)) => out.extend(self.map_order(m)),
                    None => {}
                }
            }
        };
        match &c.data {
            Data::Struct(fields) => field_asserts(fields, &mut out),
            Data::Enum(e) => {
                for v in &e.variants {
                    field_asserts(&v.fields, &mut out);
                    out.extend(self.since_before(v.since.as_ref(), v.before.as_ref()));
                    if let Some(tag) = v.attrs.tag.get() {
                        out.extend(self.map_order(tag));
                    }
                }
                out.extend(self.tags_disjoint(&e.variants));
            }
        }
        out
    }

    fn map_order<T>(&self, map: &VersionMap<T>) -> TokenStream {
        let versions: Vec<&Version> = map.versions().collect();
        versions
            .windows(2)
            .filter(|w| w[0].lit().is_none() || w[1].lit().is_none())
            .map(|w| {
                let (a, b) = (self.version(w[0]), self.version(w[1]));
                quote_spanned!(w[1].span()=>
                    const _: () = ::core::assert!(
                        (#a).0 < (#b).0,
                        "protocol versions must be listed in ascending order"
                    );
                )
            })
            .collect()
    }

    fn since_before(&self, since: Option<&Version>, before: Option<&Version>) -> TokenStream {
        match (since, before) {
            (Some(s), Some(b)) if s.lit().is_none() || b.lit().is_none() => {
                let (sv, bv) = (self.version(s), self.version(b));
                quote_spanned!(b.span()=>
                    const _: () = ::core::assert!(
                        (#sv).0 < (#bv).0,
                        "`before` must be greater than `since`"
                    );
                )
            }
            _ => TokenStream::new(),
        }
    }

    /// For each pair of variants with one tag value, at least one of them
    /// bounded by a constant: their versions must not meet.
    fn tags_disjoint(&self, variants: &[Variant<'_>]) -> TokenStream {
        let p = &self.p;
        let ranges: Vec<(&Variant<'_>, TagRange<'_>)> = variants
            .iter()
            .filter(|v| !v.is_other())
            .flat_map(|v| v.tag_ranges().into_iter().map(move |r| (v, r)))
            .collect();
        let range = |r: &TagRange<'_>| {
            let from = r.from.iter().map(|v| self.version(v));
            let until = r.until.iter().map(|v| self.version(v));
            quote!(#p::version_range(&[#((#from).0),*], &[#((#until).0),*]))
        };
        let mut out = TokenStream::new();
        for (i, (va, a)) in ranges.iter().enumerate() {
            for (vb, b) in &ranges[i + 1..] {
                if a.tag != b.tag || (a.literal().is_some() && b.literal().is_some()) {
                    continue;
                }
                let (ra, rb) = (range(a), range(b));
                let msg = format!(
                    "tag value {} is used by `{}` and `{}` in one protocol version",
                    a.tag, va.ident, vb.ident
                );
                let span = vb.tag_span(b);
                out.extend(quote_spanned!(span=>
                    const _: () = ::core::assert!(#p::ranges_disjoint(#ra, #rb), #msg);
                ));
            }
        }
        out
    }
}

/// An `i64` literal expression.
pub fn lit_i64(v: i64) -> TokenStream {
    if v < 0 {
        let abs = Literal::u64_suffixed(v.unsigned_abs());
        quote!((-(#abs as i64)))
    } else {
        let l = Literal::i64_suffixed(v);
        quote!(#l)
    }
}

/// An `i64` literal pattern.
pub fn pat_i64(v: i64) -> TokenStream {
    if v < 0 {
        let abs = Literal::i64_suffixed(v.wrapping_neg());
        quote!(-#abs)
    } else {
        let l = Literal::i64_suffixed(v);
        quote!(#l)
    }
}

/// `Path { a, b }`, `Path(a, b)` or `Path` binding the fields' locals.
pub fn destructure(fields: &Fields<'_>, path: TokenStream) -> TokenStream {
    let locals = fields.fields.iter().map(|f| &f.local);
    match fields.style {
        Style::Named => quote!(#path { #(#locals),* }),
        Style::Tuple => quote!(#path(#(#locals),*)),
        Style::Unit => quote!(#path),
    }
}

/// Wraps generated items in an anonymous const.
pub fn wrap(items: TokenStream) -> TokenStream {
    quote! {
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all)]
        const _: () = {
            #items
        };
    }
}
