//! Code generation from the checked model.
//!
//! Generated code names everything through `<crate>::__private` (the crate
//! path defaults to `::mcproto` and is overridden with `#[mc(crate = ...)]`),
//! uses `__mc_`-prefixed locals, and is wrapped in `const _: () = { ... };`,
//! so it needs no imports and cannot clash with the user's names.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::{Expr, Lifetime, Path, Type};

use crate::attrs::{Field, Presence, Repr, ReprSpec, expr_text};
use crate::model::{Body, Container, Fields, Style, Variant};

enum LenMode<'f> {
    Prefix(Repr, Option<&'f Expr>),
    Count(&'f Expr),
    Rest,
}

enum Mode<'f> {
    With(&'f Path),
    Fixed(u32, ReprSpec),
    Elementwise(&'f Type, &'f ReprSpec, LenMode<'f>),
    As(&'f ReprSpec),
    Seq(LenMode<'f>),
    Bounded(&'f Expr),
    Plain,
}

fn mode(f: &Field) -> Mode<'_> {
    let a = &f.attrs;
    if let Some(p) = a.with.get() {
        return Mode::With(p);
    }
    if let Some(scale) = a.fixed.get() {
        let repr = a.repr.get().cloned().unwrap_or(ReprSpec::Single(Repr::I32));
        return Mode::Fixed(*scale, repr);
    }
    let len = if let Some(r) = a.len.get() {
        Some(LenMode::Prefix(*r, a.max_len.get()))
    } else if let Some(e) = a.count.get() {
        Some(LenMode::Count(e))
    } else if a.rest.is_set() {
        Some(LenMode::Rest)
    } else {
        None
    };
    match (a.repr.get(), &f.elem_ty, len) {
        (Some(spec), Some(elem), len) => Mode::Elementwise(
            elem,
            spec,
            len.unwrap_or(LenMode::Prefix(Repr::VarInt, a.max_len.get())),
        ),
        (Some(spec), None, _) => Mode::As(spec),
        (None, _, Some(len)) => Mode::Seq(len),
        (None, _, None) => match a.max_len.get() {
            Some(max) => Mode::Bounded(max),
            None => Mode::Plain,
        },
    }
}

#[derive(Clone, Copy)]
enum Scope {
    /// Earlier fields are locals holding values.
    Values,
    /// Earlier fields are locals holding references.
    Refs,
}

/// Structs with at most this many fields get `#[inline(always)]` decoders.
const SMALL_STRUCT_FIELDS: usize = 8;

pub struct Expander<'c> {
    c: &'c Container,
    p: TokenStream,
    de: Lifetime,
}

fn lit_i64(v: i64) -> TokenStream {
    if v < 0 {
        let abs = Literal::u64_suffixed(v.unsigned_abs());
        quote!((-(#abs as i64)))
    } else {
        let l = Literal::i64_suffixed(v);
        quote!(#l)
    }
}

fn pat_i64(v: i64) -> TokenStream {
    if v < 0 {
        let abs = Literal::i64_suffixed(v.wrapping_neg());
        quote!(-#abs)
    } else {
        let l = Literal::i64_suffixed(v);
        quote!(#l)
    }
}

impl<'c> Expander<'c> {
    pub fn new(c: &'c Container) -> Self {
        let k = &c.attrs.krate;
        Expander {
            c,
            p: quote!(#k::__private),
            de: c.de_lifetime.clone(),
        }
    }

    fn tri(&self, expr: TokenStream, path: &str) -> TokenStream {
        let p = &self.p;
        quote!(match #expr {
            #p::Ok(__mc_ok) => __mc_ok,
            #p::Err(__mc_e) => return #p::Err(__mc_e.at(#path)),
        })
    }

    fn with_repr(&self, spec: &ReprSpec, f: impl Fn(TokenStream) -> TokenStream) -> TokenStream {
        let k = &self.c.attrs.krate;
        match spec {
            ReprSpec::Single(r) => f(r.marker(k)),
            ReprSpec::PerVersion(list) => {
                let mut out = f(list[0].1.marker(k));
                for (v, r) in list.iter().skip(1) {
                    let branch = f(r.marker(k));
                    out = quote!(if __mc_v >= #v { #branch } else { #out });
                }
                out
            }
        }
    }

    /// The layout of a `t` sent as `spec`.
    fn repr_describe(&self, spec: &ReprSpec, t: &Type) -> TokenStream {
        let p = &self.p;
        let k = &self.c.attrs.krate;
        match spec {
            ReprSpec::Single(r) => {
                let m = r.marker(k);
                quote!(#p::describe_as::<#t, #m>())
            }
            ReprSpec::PerVersion(list) => {
                let entries = list.iter().map(|(v, r)| {
                    let m = r.marker(k);
                    quote!((#v, #p::describe_as::<#t, #m>()))
                });
                quote!(#p::WireType::PerVersion(#p::Vec::from([#(#entries),*])))
            }
        }
    }

    fn repr_min(&self, spec: &ReprSpec) -> TokenStream {
        let p = &self.p;
        match spec {
            ReprSpec::Single(r) => {
                let m = r.marker(&self.c.attrs.krate);
                quote!(<#m as #p::IntRepr>::MIN_SIZE)
            }
            ReprSpec::PerVersion(_) => quote!(1usize),
        }
    }

    /// `expr` evaluated with `version` and the earlier fields in scope.
    fn scoped(&self, expr: &Expr, earlier: &[&Field], scope: Scope) -> TokenStream {
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
            let version: i32 = __mc_v;
            #binds
            #expr
        })
    }

    fn version_ok(&self, f: &Field) -> TokenStream {
        let mut conds = Vec::new();
        if let Some(s) = f.attrs.since.get() {
            conds.push(quote!(__mc_v >= #s));
        }
        if let Some(b) = f.attrs.before.get() {
            conds.push(quote!(__mc_v < #b));
        }
        if conds.is_empty() {
            quote!(true)
        } else {
            quote!(#(#conds)&&*)
        }
    }

    fn when(&self, f: &Field, earlier: &[&Field], scope: Scope) -> TokenStream {
        match f.attrs.when.get() {
            Some(e) => {
                let s = self.scoped(e, earlier, scope);
                quote!(#s)
            }
            None => quote!(true),
        }
    }

    // ---- decode -------------------------------------------------------

    fn value_decode(&self, f: &Field, path: &str, earlier: &[&Field]) -> TokenStream {
        let p = &self.p;
        let de = &self.de;
        let t = &f.value_ty;
        match mode(f) {
            Mode::With(w) => self.tri(quote!(#w::decode(__mc_r)), path),
            Mode::Plain => self.tri(quote!(<#t as #p::Decode<#de>>::decode(__mc_r)), path),
            Mode::Bounded(max) => self.tri(
                quote!(<#t as #p::DecodeBounded<#de>>::decode_bounded(__mc_r, (#max) as usize)),
                path,
            ),
            Mode::As(spec) => self.with_repr(spec, |m| {
                self.tri(quote!(#p::decode_as::<#t, #m>(__mc_r)), path)
            }),
            Mode::Fixed(scale, spec) => self.with_repr(&spec, |m| {
                self.tri(quote!(#p::decode_fixed::<#t, #m>(__mc_r, #scale)), path)
            }),
            Mode::Seq(len) => {
                let elem_min = quote!(<#t as #p::DecodeSeq<#de>>::ELEM_MIN_SIZE);
                match len {
                    LenMode::Rest => self.tri(
                        quote!(<#t as #p::DecodeSeq<#de>>::decode_rest(__mc_r)),
                        path,
                    ),
                    other => {
                        let n = self.len_decode(&other, elem_min, path, earlier);
                        let body = self.tri(
                            quote!(<#t as #p::DecodeSeq<#de>>::decode_counted(__mc_r, __mc_n)),
                            path,
                        );
                        quote!({ let __mc_n: usize = #n; #body })
                    }
                }
            }
            Mode::Elementwise(elem, spec, len) => {
                let item = self.with_repr(spec, |m| {
                    self.tri(quote!(#p::decode_as::<#elem, #m>(__mc_r)), path)
                });
                match len {
                    LenMode::Rest => quote!({
                        let mut __mc_vec: #p::Vec<#elem> = #p::Vec::new();
                        while !__mc_r.is_empty() {
                            __mc_vec.push(#item);
                        }
                        __mc_vec
                    }),
                    other => {
                        let n = self.len_decode(&other, quote!(1usize), path, earlier);
                        quote!({
                            let __mc_n: usize = #n;
                            let mut __mc_vec: #p::Vec<#elem> = #p::Vec::with_capacity(#p::cautious_capacity::<#elem>(__mc_n));
                            for _ in 0..__mc_n {
                                __mc_vec.push(#item);
                            }
                            __mc_vec
                        })
                    }
                }
            }
        }
    }

    fn len_decode(
        &self,
        len: &LenMode<'_>,
        elem_min: TokenStream,
        path: &str,
        earlier: &[&Field],
    ) -> TokenStream {
        let p = &self.p;
        match len {
            LenMode::Prefix(r, max) => {
                let m = r.marker(&self.c.attrs.krate);
                let max = match max {
                    Some(e) => quote!((#e) as usize),
                    None => quote!(usize::MAX),
                };
                self.tri(quote!(__mc_r.read_len::<#m>(#max, #elem_min)), path)
            }
            LenMode::Count(e) => {
                let e = self.scoped(e, earlier, Scope::Values);
                let n = self.tri(quote!(#p::count_from((#e) as i64)), path);
                self.tri(
                    quote!(__mc_r.check_len(#n as i64, usize::MAX, #elem_min)),
                    path,
                )
            }
            LenMode::Rest => quote!(0usize),
        }
    }

    fn field_decode(&self, f: &Field, owner: &str, earlier: &[&Field]) -> TokenStream {
        let p = &self.p;
        let path = format!("{owner}.{}", f.name);
        let local = &f.local;
        let value = self.value_decode(f, &path, earlier);
        match f.presence {
            Presence::Always => quote!(let #local = #value;),
            Presence::BoolPrefixed => {
                let flag = self.tri(quote!(<bool as #p::Decode<'_>>::decode(__mc_r)), &path);
                quote!(let #local = if #flag { #p::Some(#value) } else { #p::None };)
            }
            Presence::Conditional => {
                let vok = self.version_ok(f);
                let when = self.when(f, earlier, Scope::Values);
                quote!(let #local = if (#vok) && (#when) { #p::Some(#value) } else { #p::None };)
            }
        }
    }

    fn fields_decode(&self, fields: &Fields, owner: &str, ctor: TokenStream) -> TokenStream {
        let mut stmts = Vec::new();
        let mut earlier: Vec<&Field> = Vec::new();
        for f in &fields.fields {
            stmts.push(self.field_decode(f, owner, &earlier));
            earlier.push(f);
        }
        let build = construct(fields, ctor);
        quote!(#(#stmts)* #build)
    }

    fn min_size_fields(&self, fields: &Fields) -> TokenStream {
        let parts = fields.fields.iter().map(|f| match f.presence {
            Presence::Always => self.value_min(f),
            Presence::BoolPrefixed => quote!(1usize),
            Presence::Conditional => quote!(0usize),
        });
        quote!(0usize #(+ #parts)*)
    }

    fn value_min(&self, f: &Field) -> TokenStream {
        let p = &self.p;
        let de = &self.de;
        let t = &f.value_ty;
        match mode(f) {
            Mode::Plain | Mode::Bounded(_) => quote!(<#t as #p::Decode<#de>>::MIN_SIZE),
            Mode::As(spec) => self.repr_min(spec),
            Mode::Fixed(_, spec) => self.repr_min(&spec),
            Mode::Elementwise(_, _, LenMode::Prefix(r, _)) | Mode::Seq(LenMode::Prefix(r, _)) => {
                let m = r.marker(&self.c.attrs.krate);
                quote!(<#m as #p::IntRepr>::MIN_SIZE)
            }
            Mode::With(_) | Mode::Elementwise(..) | Mode::Seq(_) => quote!(0usize),
        }
    }

    pub fn decode_impl(&self) -> TokenStream {
        let c = self.c;
        let p = &self.p;
        let de = &self.de;
        let name = c.name();
        let ident = &c.ident;
        let (body, min) = match &c.body {
            Body::Struct(fields) => (
                {
                    let d = self.fields_decode(fields, &name, quote!(Self));
                    quote!(#p::Ok({ #d }))
                },
                self.min_size_fields(fields),
            ),
            Body::Enum { tag, variants } => {
                let m = tag.marker(&c.attrs.krate);
                let read = self.tri(quote!(<#m as #p::IntRepr>::read(__mc_r)), &name);
                let arms = variants.iter().filter(|v| !v.other).map(|v| {
                    let pat = pat_i64(v.tag);
                    let vid = &v.ident;
                    let owner = format!("{name}::{vid}");
                    let d = self.fields_decode(&v.fields, &owner, quote!(Self::#vid));
                    quote!(#pat => #p::Ok({ #d }),)
                });
                let fallback = match variants.iter().find(|v| v.other) {
                    Some(o) => {
                        let vid = &o.ident;
                        let ft = &o.fields.fields[0].ty;
                        let conv =
                            self.tri(quote!(<#ft as #p::IntValue>::from_i64(__mc_other)), &name);
                        quote!(__mc_other => #p::Ok(Self::#vid(#conv)),)
                    }
                    None => {
                        quote!(__mc_other => #p::Err(#p::unknown_value(#name, __mc_other).at(#name)),)
                    }
                };
                let mins = variants
                    .iter()
                    .filter(|v| !v.other)
                    .map(|v| self.min_size_fields(&v.fields));
                let min_variants =
                    mins.fold(quote!(usize::MAX), |acc, m| quote!(#p::min_size(#acc, #m)));
                (
                    quote!(
                        let __mc_tag: i64 = #read;
                        match __mc_tag {
                            #(#arms)*
                            #fallback
                        }
                    ),
                    quote!(<#m as #p::IntRepr>::MIN_SIZE + #p::min_size(#min_variants, usize::MAX)),
                )
            }
        };
        let min = if c.is_value_enum() {
            let m = match &c.body {
                Body::Enum { tag, .. } => tag.marker(&c.attrs.krate),
                Body::Struct(_) => quote!(()),
            };
            quote!(<#m as #p::IntRepr>::MIN_SIZE)
        } else {
            min
        };
        let (impl_g, ty_g, where_c) = self.generics_for(quote!(#p::Decode<#de>), true);
        // Small structs are always inlined: returned through memory, their
        // fields are written one by one and read back as wider words, which
        // stalls store forwarding (2.7x the time of the inlined code for
        // Player Position And Look).
        let inline = match &c.body {
            Body::Struct(fields) if fields.fields.len() <= SMALL_STRUCT_FIELDS => {
                quote!(#[inline(always)])
            }
            _ => quote!(#[inline]),
        };
        quote! {
            #[automatically_derived]
            impl #impl_g #p::Decode<#de> for #ident #ty_g #where_c {
                const MIN_SIZE: usize = #min;
                #inline
                fn decode(__mc_r: &mut #p::Reader<#de>) -> #p::Result<Self> {
                    #[allow(unused_variables)]
                    let __mc_v: i32 = __mc_r.version().0;
                    #body
                }
            }
        }
    }

    // ---- encode -------------------------------------------------------

    fn value_encode(
        &self,
        f: &Field,
        v: TokenStream,
        path: &str,
        earlier: &[&Field],
    ) -> TokenStream {
        let p = &self.p;
        let t = &f.value_ty;
        match mode(f) {
            Mode::With(w) => {
                let e = self.tri(quote!(#w::encode(#v, __mc_w)), path);
                quote!(#e;)
            }
            Mode::Plain => {
                let e = self.tri(quote!(#p::Encode::encode(#v, __mc_w)), path);
                quote!(#e;)
            }
            Mode::Bounded(max) => {
                let e = self.tri(
                    quote!(#p::EncodeBounded::encode_bounded(#v, __mc_w, (#max) as usize)),
                    path,
                );
                quote!(#e;)
            }
            Mode::As(spec) => self.with_repr(spec, |m| {
                let e = self.tri(quote!(#p::encode_as::<#t, #m>(#v, __mc_w)), path);
                quote!(#e;)
            }),
            Mode::Fixed(scale, spec) => self.with_repr(&spec, |m| {
                let e = self.tri(
                    quote!(#p::encode_fixed::<#t, #m>(*#v, __mc_w, #scale)),
                    path,
                );
                quote!(#e;)
            }),
            Mode::Seq(len) => {
                let pre = self.len_encode(&len, quote!(#p::EncodeSeq::seq_len(#v)), path, earlier);
                let items = self.tri(quote!(#p::EncodeSeq::encode_items(#v, __mc_w)), path);
                quote!(#pre #items;)
            }
            Mode::Elementwise(elem, spec, len) => {
                let pre = self.len_encode(&len, quote!(#v.len()), path, earlier);
                let item = self.with_repr(spec, |m| {
                    let e = self.tri(quote!(#p::encode_as::<#elem, #m>(__mc_x, __mc_w)), path);
                    quote!(#e;)
                });
                quote!(#pre for __mc_x in #v.iter() { #item })
            }
        }
    }

    fn len_encode(
        &self,
        len: &LenMode<'_>,
        actual: TokenStream,
        path: &str,
        earlier: &[&Field],
    ) -> TokenStream {
        let p = &self.p;
        match len {
            LenMode::Prefix(r, max) => {
                let m = r.marker(&self.c.attrs.krate);
                let max = match max {
                    Some(e) => quote!((#e) as usize),
                    None => quote!(usize::MAX),
                };
                let e = self.tri(quote!(#p::write_len::<#m>(__mc_w, #actual, #max)), path);
                quote!(#e;)
            }
            LenMode::Count(e) => {
                let e = self.scoped(e, earlier, Scope::Refs);
                let n = self.tri(quote!(#p::count_from((#e) as i64)), path);
                quote!(
                    let __mc_n: usize = #n;
                    let __mc_len: usize = #actual;
                    if __mc_len != __mc_n {
                        return #p::Err(#p::count_mismatch(__mc_n, __mc_len).at(#path));
                    }
                )
            }
            LenMode::Rest => TokenStream::new(),
        }
    }

    fn field_encode(&self, f: &Field, owner: &str, earlier: &[&Field]) -> TokenStream {
        let p = &self.p;
        let path = format!("{owner}.{}", f.name);
        let local = &f.local;
        match f.presence {
            Presence::Always => self.value_encode(f, quote!(#local), &path, earlier),
            Presence::BoolPrefixed => {
                let enc = self.value_encode(f, quote!(__mc_x), &path, earlier);
                quote!(match #local {
                    #p::Some(__mc_x) => { __mc_w.put_u8(1); #enc }
                    #p::None => __mc_w.put_u8(0),
                })
            }
            Presence::Conditional => {
                let enc = self.value_encode(f, quote!(__mc_x), &path, earlier);
                let vok = self.version_ok(f);
                let when = self.when(f, earlier, Scope::Refs);
                quote!(
                    if #vok {
                        let __mc_present: bool = #when;
                        match (__mc_present, #local) {
                            (true, #p::Some(__mc_x)) => { #enc }
                            (true, #p::None) => return #p::Err(#p::missing_field().at(#path)),
                            (false, #p::None) => {}
                            (false, #p::Some(_)) => return #p::Err(#p::unexpected_field().at(#path)),
                        }
                    }
                )
            }
        }
    }

    fn fields_encode(&self, fields: &Fields, owner: &str) -> TokenStream {
        let mut stmts = Vec::new();
        let mut earlier: Vec<&Field> = Vec::new();
        for f in &fields.fields {
            stmts.push(self.field_encode(f, owner, &earlier));
            earlier.push(f);
        }
        quote!(#(#stmts)*)
    }

    pub fn encode_impl(&self) -> TokenStream {
        let c = self.c;
        let p = &self.p;
        let name = c.name();
        let ident = &c.ident;
        let body = match &c.body {
            Body::Struct(fields) => {
                let pat = destructure(fields, quote!(Self));
                let e = self.fields_encode(fields, &name);
                quote!(let #pat = self; #e)
            }
            Body::Enum { tag, variants } => {
                let m = tag.marker(&c.attrs.krate);
                let arms = variants.iter().map(|v| {
                    let vid = &v.ident;
                    if v.other {
                        let wire = self.tri(quote!(<Self as #p::IntValue>::to_wire(self)), &name);
                        let write =
                            self.tri(quote!(<#m as #p::IntRepr>::write(#wire, __mc_w)), &name);
                        quote!(Self::#vid(_) => { #write; })
                    } else {
                        let owner = format!("{name}::{vid}");
                        let pat = destructure(&v.fields, quote!(Self::#vid));
                        let tagv = lit_i64(v.tag);
                        let write =
                            self.tri(quote!(<#m as #p::IntRepr>::write(#tagv, __mc_w)), &name);
                        let e = self.fields_encode(&v.fields, &owner);
                        quote!(#pat => { #write; #e })
                    }
                });
                quote!(match self { #(#arms)* })
            }
        };
        let (impl_g, ty_g, where_c) = self.generics_for(quote!(#p::Encode), false);
        let int_value = self.int_value_impl();
        // As for decoding: small structs and plain constants always inline.
        let inline = match &c.body {
            Body::Struct(fields) if fields.fields.len() <= SMALL_STRUCT_FIELDS => {
                quote!(#[inline(always)])
            }
            Body::Enum { .. } if c.is_value_enum() => quote!(#[inline(always)]),
            _ => quote!(#[inline]),
        };
        quote! {
            #[automatically_derived]
            impl #impl_g #p::Encode for #ident #ty_g #where_c {
                #inline
                fn encode(&self, __mc_w: &mut #p::Writer<'_>) -> #p::Result<()> {
                    #[allow(unused_variables)]
                    let __mc_v: i32 = __mc_w.version().0;
                    #body
                    #p::Ok(())
                }
            }
            #int_value
        }
    }

    fn int_value_impl(&self) -> TokenStream {
        let c = self.c;
        if !c.is_value_enum() {
            return TokenStream::new();
        }
        let Body::Enum { variants, .. } = &c.body else {
            return TokenStream::new();
        };
        let p = &self.p;
        let ident = &c.ident;
        let name = c.name();
        let (impl_g, ty_g, where_c) = c.generics.split_for_impl();
        let to = variants.iter().map(|v| {
            let vid = &v.ident;
            if v.other {
                let ft = &v.fields.fields[0].ty;
                quote!(Self::#vid(__mc_x) => <#ft as #p::IntValue>::to_i64(__mc_x),)
            } else {
                let t = lit_i64(v.tag);
                quote!(Self::#vid => #t,)
            }
        });
        let from = variants.iter().filter(|v| !v.other).map(|v| {
            let vid = &v.ident;
            let pat = pat_i64(v.tag);
            quote!(#pat => #p::Ok(Self::#vid),)
        });
        let fallback = match variants.iter().find(|v| v.other) {
            Some(o) => {
                let vid = &o.ident;
                let ft = &o.fields.fields[0].ty;
                quote!(__mc_other => <#ft as #p::IntValue>::from_i64(__mc_other).map(Self::#vid),)
            }
            None => quote!(__mc_other => #p::Err(#p::unknown_value(#name, __mc_other)),),
        };
        let known: Vec<TokenStream> = variants
            .iter()
            .filter(|v| !v.other)
            .map(|v| lit_i64(v.tag))
            .collect();
        let to_wire = match variants.iter().find(|v| v.other) {
            Some(o) => {
                let vid = &o.ident;
                quote! {
                    fn to_wire(&self) -> #p::Result<i64> {
                        let __mc_raw = <Self as #p::IntValue>::to_i64(self);
                        if let Self::#vid(_) = self && [#(#known),*].contains(&__mc_raw) {
                            return #p::Err(#p::Error::new(#p::ErrorKind::OutOfRange {
                                ty: concat!(#name, " (this value has a named variant)"),
                                value: __mc_raw,
                            }));
                        }
                        #p::Ok(__mc_raw)
                    }
                }
            }
            None => TokenStream::new(),
        };
        quote! {
            #[automatically_derived]
            impl #impl_g #p::IntValue for #ident #ty_g #where_c {
                #to_wire
                fn to_i64(&self) -> i64 {
                    match self { #(#to)* }
                }
                fn from_i64(__mc_raw: i64) -> #p::Result<Self> {
                    match __mc_raw {
                        #(#from)*
                        #fallback
                    }
                }
            }
        }
    }

    // ---- describe -----------------------------------------------------

    fn value_describe(&self, f: &Field) -> TokenStream {
        let p = &self.p;
        let t = &f.value_ty;
        let k = &self.c.attrs.krate;
        let len_desc = |len: &LenMode<'_>| match len {
            LenMode::Prefix(r, _) => {
                let m = r.marker(k);
                quote!(#p::ArrayLen::Prefixed(#p::Box::new(<#m as #p::IntRepr>::wire_type())))
            }
            LenMode::Count(e) => {
                let s = expr_text(e);
                quote!(#p::ArrayLen::Count(#s))
            }
            LenMode::Rest => quote!(#p::ArrayLen::Rest),
        };
        match mode(f) {
            Mode::With(w) => quote!(#w::describe()),
            Mode::Plain => quote!(<#t as #p::Describe>::describe()),
            Mode::Bounded(max) => {
                quote!(<#t as #p::Describe>::describe().with_max((#max) as usize))
            }
            Mode::As(spec) => self.repr_describe(spec, t),
            Mode::Fixed(scale, spec) => {
                let r = self.repr_describe(&spec, &syn::parse_quote!(i64));
                quote!(#p::WireType::Fixed { repr: #p::Box::new(#r), scale: #scale })
            }
            Mode::Seq(len) => {
                let l = len_desc(&len);
                quote!(#p::with_len(<#t as #p::Describe>::describe(), #l))
            }
            Mode::Elementwise(elem, spec, len) => {
                let l = len_desc(&len);
                let r = self.repr_describe(spec, elem);
                quote!(#p::WireType::Array { len: #l, of: #p::Box::new(#r) })
            }
        }
    }

    fn field_describe(&self, f: &Field) -> TokenStream {
        let p = &self.p;
        let v = self.value_describe(f);
        let ty = match f.presence {
            Presence::Always => v,
            Presence::BoolPrefixed => quote!(#p::WireType::Optional(#p::Box::new(#v))),
            Presence::Conditional => {
                let mut t = v;
                if let Some(e) = f.attrs.when.get() {
                    let s = expr_text(e);
                    t = quote!(#p::WireType::Conditional { when: #s, of: #p::Box::new(#t) });
                }
                if f.attrs.since.is_set() || f.attrs.before.is_set() {
                    let since = opt_i32(f.attrs.since.get().copied(), p);
                    let before = opt_i32(f.attrs.before.get().copied(), p);
                    t = quote!(#p::WireType::Versioned { since: #since, before: #before, of: #p::Box::new(#t) });
                }
                t
            }
        };
        let name = &f.name;
        quote!(#p::FieldSchema { name: #name, ty: #ty })
    }

    fn fields_describe(&self, fields: &Fields) -> TokenStream {
        let p = &self.p;
        let list = fields.fields.iter().map(|f| self.field_describe(f));
        quote!(#p::Vec::from([#(#list),*]))
    }

    pub fn describe_impl(&self) -> TokenStream {
        let c = self.c;
        let p = &self.p;
        let name = c.name();
        let ident = &c.ident;
        let body = match &c.body {
            Body::Struct(fields) => {
                let f = self.fields_describe(fields);
                quote!(#p::WireType::Struct { name: #name, fields: #f })
            }
            Body::Enum { tag, variants } => {
                let m = tag.marker(&c.attrs.krate);
                if c.is_value_enum() {
                    let values = variants.iter().filter(|v| !v.other).map(|v| {
                        let n = v.ident.to_string();
                        let t = lit_i64(v.tag);
                        quote!((#n, #t))
                    });
                    let open = variants.iter().any(|v| v.other);
                    quote!(#p::WireType::Enum {
                        name: #name,
                        repr: #p::Box::new(<#m as #p::IntRepr>::wire_type()),
                        values: #p::Vec::from([#(#values),*]),
                        open: #open,
                    })
                } else {
                    let vs = variants.iter().map(|v| {
                        let n = v.ident.to_string();
                        let t = lit_i64(v.tag);
                        let f = self.fields_describe(&v.fields);
                        quote!(#p::VariantSchema { name: #n, tag: #t, fields: #f })
                    });
                    quote!(#p::WireType::Switch {
                        name: #name,
                        tag: #p::Box::new(<#m as #p::IntRepr>::wire_type()),
                        variants: #p::Vec::from([#(#vs),*]),
                    })
                }
            }
        };
        let (impl_g, ty_g, where_c) = self.generics_for(quote!(#p::Describe), false);
        quote! {
            #[automatically_derived]
            impl #impl_g #p::Describe for #ident #ty_g #where_c {
                fn describe() -> #p::WireType {
                    #body
                }
            }
        }
    }

    // ---- generate -----------------------------------------------------

    fn value_generate(&self, f: &Field, earlier: &[&Field]) -> TokenStream {
        let p = &self.p;
        let t = &f.value_ty;
        let len_gen = |len: &LenMode<'_>| match len {
            LenMode::Prefix(r, max) => {
                let m = r.marker(&self.c.attrs.krate);
                let max = match max {
                    Some(e) => quote!((#e) as usize),
                    None => quote!(usize::MAX),
                };
                quote!(#p::generate_len::<#m>(__mc_g, #max))
            }
            LenMode::Count(e) => {
                let s = self.scoped(e, earlier, Scope::Values);
                quote!(#p::count_from((#s) as i64).unwrap_or(0))
            }
            LenMode::Rest => quote!(__mc_g.len(16)),
        };
        match mode(f) {
            Mode::With(w) => quote!(#w::generate(__mc_g)),
            Mode::Plain => quote!(<#t as #p::Generate>::generate(__mc_g)),
            Mode::Bounded(max) => {
                quote!(<#t as #p::GenerateBounded>::generate_bounded(__mc_g, (#max) as usize))
            }
            Mode::As(spec) => self.with_repr(spec, |m| quote!(#p::generate_as::<#t, #m>(__mc_g))),
            Mode::Fixed(scale, spec) => self.with_repr(
                &spec,
                |m| quote!(#p::generate_fixed::<#t, #m>(__mc_g, #scale)),
            ),
            Mode::Seq(len) => {
                let n = len_gen(&len);
                quote!({ let __mc_n: usize = #n; <#t as #p::GenerateSeq>::generate_counted(__mc_g, __mc_n) })
            }
            Mode::Elementwise(elem, spec, len) => {
                let n = len_gen(&len);
                let item = self.with_repr(spec, |m| quote!(#p::generate_as::<#elem, #m>(__mc_g)));
                quote!({
                    let __mc_n: usize = #n;
                    let mut __mc_vec: #p::Vec<#elem> = #p::Vec::with_capacity(__mc_n);
                    for _ in 0..__mc_n {
                        __mc_vec.push(#item);
                    }
                    __mc_vec
                })
            }
        }
    }

    fn fields_generate(&self, fields: &Fields, ctor: TokenStream) -> TokenStream {
        let p = &self.p;
        let mut stmts = Vec::new();
        let mut earlier: Vec<&Field> = Vec::new();
        for f in &fields.fields {
            let local = &f.local;
            let v = self.value_generate(f, &earlier);
            stmts.push(match f.presence {
                Presence::Always => quote!(let #local = #v;),
                Presence::BoolPrefixed => {
                    quote!(let #local = if __mc_g.bool() { #p::Some(#v) } else { #p::None };)
                }
                Presence::Conditional => {
                    let vok = self.version_ok(f);
                    let when = self.when(f, &earlier, Scope::Values);
                    quote!(let #local = if (#vok) && (#when) { #p::Some(#v) } else { #p::None };)
                }
            });
            earlier.push(f);
        }
        let build = construct(fields, ctor);
        quote!(#(#stmts)* #build)
    }

    pub fn generate_impl(&self) -> TokenStream {
        let c = self.c;
        let p = &self.p;
        let ident = &c.ident;
        let body = match &c.body {
            Body::Struct(fields) => self.fields_generate(fields, quote!(Self)),
            Body::Enum { tag, variants } => {
                let m = tag.marker(&c.attrs.krate);
                let normal: Vec<&Variant> = variants.iter().filter(|v| !v.other).collect();
                let first = match normal.first() {
                    Some(v) => {
                        let vid = &v.ident;
                        quote!(Self::#vid)
                    }
                    None => return TokenStream::new(),
                };
                let bodies: Vec<TokenStream> = variants
                    .iter()
                    .map(|v| {
                        let vid = &v.ident;
                        if v.other {
                            let ft = &v.fields.fields[0].ty;
                            let known = normal.iter().map(|v| lit_i64(v.tag));
                            quote!({
                                let __mc_raw = <#m as #p::IntRepr>::generate(__mc_g);
                                if [#(#known),*].contains(&__mc_raw) {
                                    #first
                                } else {
                                    match <#ft as #p::IntValue>::from_i64(__mc_raw) {
                                        #p::Ok(__mc_x) => Self::#vid(__mc_x),
                                        #p::Err(_) => #first,
                                    }
                                }
                            })
                        } else {
                            let g = self.fields_generate(&v.fields, quote!(Self::#vid));
                            quote!({ #g })
                        }
                    })
                    .collect();
                let n = bodies.len();
                let (init, last) = bodies.split_at(n - 1);
                let idx = 0..init.len();
                let last = &last[0];
                quote!(match __mc_g.below(#n) {
                    #(#idx => #init,)*
                    _ => #last,
                })
            }
        };
        let (impl_g, ty_g, where_c) = self.generics_for(quote!(#p::Generate), false);
        quote! {
            #[automatically_derived]
            impl #impl_g #p::Generate for #ident #ty_g #where_c {
                fn generate(__mc_g: &mut #p::Gen<'_>) -> Self {
                    #[allow(unused_variables)]
                    let __mc_v: i32 = __mc_g.version().0;
                    #body
                }
            }
        }
    }

    // ---- packet -------------------------------------------------------

    pub fn packet_impl(&self) -> TokenStream {
        let c = self.c;
        let p = &self.p;
        let Some(pk) = &c.packet else {
            return TokenStream::new();
        };
        let ident = &c.ident;
        let name = match &pk.name {
            Some(n) => n.value(),
            None => c.name(),
        };
        let state = &pk.state;
        let direction = &pk.direction;
        let ids = pk.ids.iter().map(|(since, id)| {
            let since = since.unwrap_or(i32::MIN);
            let since = Literal::i32_unsuffixed(since);
            let id = match id {
                Some(e) => quote!(#p::Some((#e) as i32)),
                None => quote!(#p::None),
            };
            quote!(#p::VersionedId { since: #since, id: #id })
        });
        let (impl_g, ty_g, where_c) = c.generics.split_for_impl();
        quote! {
            #[automatically_derived]
            impl #impl_g #p::Packet for #ident #ty_g #where_c {
                const META: &'static #p::PacketMeta = &#p::PacketMeta {
                    name: #name,
                    state: #p::State::#state,
                    direction: #p::Direction::#direction,
                    ids: &[#(#ids),*],
                };
            }
        }
    }

    fn generics_for(
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
}

fn opt_i32(v: Option<i32>, p: &TokenStream) -> TokenStream {
    match v {
        Some(v) => quote!(#p::Some(#v)),
        None => quote!(#p::None),
    }
}

fn destructure(fields: &Fields, path: TokenStream) -> TokenStream {
    let locals = fields.fields.iter().map(|f| &f.local);
    match fields.style {
        Style::Named => quote!(#path { #(#locals),* }),
        Style::Tuple => quote!(#path(#(#locals),*)),
        Style::Unit => quote!(#path),
    }
}

fn construct(fields: &Fields, path: TokenStream) -> TokenStream {
    destructure(fields, path)
}

pub fn wrap(items: TokenStream) -> TokenStream {
    quote! {
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all)]
        const _: () = {
            #items
        };
    }
}
