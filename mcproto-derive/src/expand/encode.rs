//! `Encode`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Type;

use super::{Expander, Scope, destructure, lit_i64};
use crate::ast::{Data, Enum, Field, Fields, Mode, Presence, Variant};
use crate::attr::{Length, Repr};

/// Structs with at most this many fields get `#[inline(always)]` encoders.
const SMALL_STRUCT_FIELDS: usize = 8;

pub fn expand(e: &Expander<'_>) -> TokenStream {
    let c = e.c;
    let p = &e.p;
    let name = c.name();
    let ident = c.ident;
    let fixed = match &c.data {
        Data::Struct(fields) => fixed_encode(e, fields),
        Data::Enum(_) => TokenStream::new(),
    };
    let body = match &c.data {
        Data::Struct(fields) => {
            let pat = destructure(fields, quote!(Self));
            let enc = fields_encode(e, fields, &name);
            let take_fixed = if fixed.is_empty() {
                TokenStream::new()
            } else {
                quote! {
                    if let #p::Some(__mc_n) = <Self as #p::Encode>::FIXED_SIZE {
                        __mc_w.put_fixed(__mc_n, |__mc_out| {
                            #p::Encode::encode_fixed(self, __mc_out, __mc_v)
                        });
                        return #p::Ok(());
                    }
                }
            };
            quote!(#take_fixed let #pat = self; #enc)
        }
        Data::Enum(en) => {
            let arms = en.variants.iter().map(|v| {
                let vid = v.ident;
                if v.is_other() {
                    // The kept tag, with no fields after it.
                    let raw = super::int_value::other_to_wire(e, en, v, &name);
                    let write = write_tag(e, en, quote!(__mc_raw), &name);
                    quote!(Self::#vid(__mc_x) => { let __mc_raw: i64 = #raw; #write })
                } else {
                    let owner = format!("{name}::{vid}");
                    let pat = destructure(&v.fields, quote!(Self::#vid));
                    let gate = variant_gate(e, v, &name);
                    let write = write_tag(e, en, tag_value(e, v), &name);
                    let enc = fields_encode(e, &v.fields, &owner);
                    quote!(#pat => { #gate #write #enc })
                }
            });
            quote!(match self { #(#arms)* })
        }
    };
    let (impl_g, ty_g, where_c) = e.generics_for(quote!(#p::Encode), false);
    // As for decoding: small structs and plain constants always inline.
    let inline = match &c.data {
        Data::Struct(fields) if fields.fields.len() <= SMALL_STRUCT_FIELDS => {
            quote!(#[inline(always)])
        }
        Data::Enum(_) if c.is_value_enum() => quote!(#[inline(always)]),
        _ => quote!(#[inline]),
    };
    quote! {
        #[automatically_derived]
        impl #impl_g #p::Encode for #ident #ty_g #where_c {
            #inline
            fn encode(&self, __mc_w: &mut #p::Writer<'_>) -> #p::Result<()> {
                #[allow(unused_variables)]
                let __mc_v: #p::ProtocolVersion = __mc_w.version();
                #body
                #p::Ok(())
            }
            #fixed
        }
    }
}

/// For a struct whose fields are all plain (always present, written by
/// their type's own `Encode`): its fixed size, the sum of theirs when they
/// all have one, and the field-by-field write into a slice of that size.
/// `encode` then takes that path (the size is a constant, so the branch
/// is resolved at compile time).
fn fixed_encode(e: &Expander<'_>, fields: &Fields<'_>) -> TokenStream {
    let p = &e.p;
    let plain = fields
        .fields
        .iter()
        .all(|f| matches!(f.presence, Presence::Always) && matches!(f.mode, Mode::Plain));
    if fields.fields.is_empty() || !plain {
        return TokenStream::new();
    }
    let tys: Vec<&Type> = fields.fields.iter().map(|f| &f.value_ty).collect();
    let pat = destructure(fields, quote!(Self));
    let writes = fields.fields.iter().map(|f| {
        let t = &f.value_ty;
        let local = &f.local;
        quote! {
            let __mc_n = #p::fixed_len(<#t as #p::Encode>::FIXED_SIZE);
            if let #p::Some(__mc_dst) = __mc_out.get_mut(__mc_at..__mc_at + __mc_n) {
                <#t as #p::Encode>::encode_fixed(#local, __mc_dst, __mc_v);
            }
            __mc_at += __mc_n;
        }
    });
    quote! {
        const FIXED_SIZE: #p::Option<usize> =
            #p::fixed_sum(&[#(<#tys as #p::Encode>::FIXED_SIZE),*]);
        #[inline(always)]
        fn encode_fixed(&self, __mc_out: &mut [u8], __mc_v: #p::ProtocolVersion) {
            let #pat = self;
            let mut __mc_at = 0usize;
            #(#writes)*
            let _ = __mc_at;
        }
    }
}

/// An impl that compiles but is never used: the declaration has errors.
pub fn dummy(e: &Expander<'_>) -> TokenStream {
    let p = &e.p;
    let ident = e.c.ident;
    let (impl_g, ty_g, where_c) = e.generics_for(quote!(#p::Encode), false);
    quote! {
        impl #impl_g #p::Encode for #ident #ty_g #where_c {
            fn encode(&self, _: &mut #p::Writer<'_>) -> #p::Result<()> {
                #p::invalid_declaration()
            }
        }
    }
}

/// The tag of `v` in version `__mc_v`.
pub fn tag_value(e: &Expander<'_>, v: &Variant<'_>) -> TokenStream {
    e.select(&v.tag, |t| lit_i64(*t))
}

/// An early return with `NotInVersion` when `v` does not exist in `__mc_v`.
pub fn variant_gate(e: &Expander<'_>, v: &Variant<'_>, name: &str) -> TokenStream {
    let p = &e.p;
    let Some(cond) = e.gate(v.since.as_ref(), v.before.as_ref()) else {
        return TokenStream::new();
    };
    let qualified = format!("{name}::{}", v.ident);
    quote! {
        if !(#cond) {
            return #p::Err(#p::not_in_version(#qualified, __mc_v).at(#name));
        }
    }
}

/// Writes `tag` in the enum's tag representation for `__mc_v`.
fn write_tag(e: &Expander<'_>, en: &Enum<'_>, tag: TokenStream, name: &str) -> TokenStream {
    let p = &e.p;
    let write = e.select(&en.tag, |r| {
        let m = e.int_marker(*r);
        let w = e.tri(quote!(<#m as #p::IntRepr>::write(__mc_tag, __mc_w)), name);
        quote!(#w;)
    });
    quote!({ let __mc_tag: i64 = #tag; #write })
}

fn fields_encode(e: &Expander<'_>, fields: &Fields<'_>, owner: &str) -> TokenStream {
    let mut stmts = Vec::new();
    let mut earlier: Vec<&Field<'_>> = Vec::new();
    for f in &fields.fields {
        stmts.push(field_encode(e, f, owner, &earlier));
        earlier.push(f);
    }
    quote!(#(#stmts)*)
}

fn field_encode(
    e: &Expander<'_>,
    f: &Field<'_>,
    owner: &str,
    earlier: &[&Field<'_>],
) -> TokenStream {
    let p = &e.p;
    let path = format!("{owner}.{}", f.name);
    let local = &f.local;
    match &f.presence {
        Presence::Always => value_encode(e, f, quote!(#local), &path, earlier),
        Presence::BoolPrefixed => {
            let enc = value_encode(e, f, quote!(__mc_x), &path, earlier);
            quote!(match #local {
                #p::Some(__mc_x) => { __mc_w.put_u8(1); #enc }
                #p::None => __mc_w.put_u8(0),
            })
        }
        Presence::Conditional {
            since,
            before,
            when,
        } => {
            let enc = value_encode(e, f, quote!(__mc_x), &path, earlier);
            let gate = e
                .gate(since.as_ref(), before.as_ref())
                .unwrap_or(quote!(true));
            let when = match when {
                Some(w) => e.scoped(w, earlier, Scope::Refs),
                None => quote!(true),
            };
            // A value the version lacks is left out; one the condition
            // rules out must be None.
            quote!(
                if #gate {
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

/// Writes the number `v` (a reference to a `t`) in representation `r`.
fn repr_encode(e: &Expander<'_>, r: Repr, t: &Type, v: &TokenStream) -> TokenStream {
    let p = &e.p;
    match r {
        Repr::Int(i) => {
            let m = e.int_marker(i);
            quote!(#p::encode_as::<#t, #m>(#v, __mc_w))
        }
        Repr::F32 | Repr::F64 => {
            let m = e.float_marker(r);
            quote!(#p::encode_float::<#t, #m>(*#v, __mc_w))
        }
        Repr::Fixed(i, scale) => {
            let m = e.int_marker(i);
            quote!(#p::encode_fixed::<#t, #m>(*#v, __mc_w, #scale))
        }
    }
}

fn value_encode(
    e: &Expander<'_>,
    f: &Field<'_>,
    v: TokenStream,
    path: &str,
    earlier: &[&Field<'_>],
) -> TokenStream {
    let p = &e.p;
    let t = &f.value_ty;
    let stmt = |expr: TokenStream| {
        let x = e.tri(expr, path);
        quote!(#x;)
    };
    match &f.mode {
        Mode::Plain => stmt(quote!(#p::Encode::encode(#v, __mc_w))),
        Mode::Bounded(max) => {
            let max = e.max_expr(Some(max));
            stmt(quote!(#p::EncodeBounded::encode_bounded(#v, __mc_w, #max)))
        }
        Mode::Repr(map) => e.select(map, |r| stmt(repr_encode(e, *r, t, &v))),
        Mode::With(map) => e.select(map, |w| stmt(quote!(#w::encode(#v, __mc_w)))),
        Mode::Seq { len, max } => {
            let max = max.as_ref().map(|m| e.max_expr(Some(m)));
            let pre = len_encode(
                e,
                len,
                quote!(#p::EncodeSeq::seq_len(#v)),
                max,
                path,
                earlier,
            );
            let items = stmt(quote!(#p::EncodeSeq::encode_items(#v, __mc_w)));
            quote!(#pre #items)
        }
        Mode::Elementwise {
            elem,
            repr,
            len,
            max,
        } => {
            let max = max.as_ref().map(|m| e.max_expr(Some(m)));
            let pre = len_encode(e, len, quote!(#v.len()), max, path, earlier);
            let each = e.select(repr, |r| {
                let item = stmt(repr_encode(e, *r, elem, &quote!(__mc_x)));
                quote!(for __mc_x in #v.iter() { #item })
            });
            quote!(#pre #each)
        }
    }
}

/// The length prefix, or the checks that replace it: a computed count
/// must match, and `rest` obeys its maximum.
fn len_encode(
    e: &Expander<'_>,
    len: &Length,
    actual: TokenStream,
    max: Option<TokenStream>,
    path: &str,
    earlier: &[&Field<'_>],
) -> TokenStream {
    let p = &e.p;
    match len {
        Length::Prefix(r) => {
            let m = e.int_marker(*r);
            let max = max.unwrap_or(quote!(usize::MAX));
            let w = e.tri(quote!(#p::write_len::<#m>(__mc_w, #actual, #max)), path);
            quote!(#w;)
        }
        Length::Count(expr) => {
            let expr = e.scoped(expr, earlier, Scope::Refs);
            let n = e.tri(quote!(#p::count_from((#expr) as i64)), path);
            quote!(
                let __mc_n: usize = #n;
                let __mc_len: usize = #actual;
                if __mc_len != __mc_n {
                    return #p::Err(#p::count_mismatch(__mc_n, __mc_len).at(#path));
                }
            )
        }
        Length::Rest => match max {
            Some(max) => {
                let c = e.tri(quote!(#p::check_rest_len(#actual, #max)), path);
                quote!(#c;)
            }
            None => TokenStream::new(),
        },
    }
}
