//! `Decode`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Type;

use super::{Expander, Scope, destructure};
use crate::ast::{Data, Field, Fields, Mode, Presence};
use crate::attr::{Length, Repr};

/// Structs with at most this many fields get `#[inline(always)]` decoders.
const SMALL_STRUCT_FIELDS: usize = 8;

pub fn expand(e: &Expander<'_>) -> TokenStream {
    let c = e.c;
    let p = &e.p;
    let de = &e.de;
    let name = c.name();
    let ident = c.ident;
    let (body, min) = match &c.data {
        Data::Struct(fields) => {
            let d = fields_decode(e, fields, &name, quote!(Self));
            (quote!(#p::Ok({ #d })), min_size_fields(e, fields))
        }
        Data::Enum(en) => {
            let read = e.select(&en.tag, |r| {
                let m = e.int_marker(*r);
                e.tri(quote!(<#m as #p::IntRepr>::read_small(__mc_r)), &name)
            });
            let arms = en.variants.iter().filter(|v| !v.is_other()).flat_map(|v| {
                let vid = v.ident;
                let owner = format!("{name}::{vid}");
                let d = fields_decode(e, &v.fields, &owner, quote!(Self::#vid));
                e.tag_arms(v, &quote!(#p::Ok({ #d })))
            });
            let refuse =
                quote!(__mc_other => #p::Err(#p::unknown_value(#name, __mc_other).at(#name)),);
            // An unknown tag is kept (no fields follow it) where the
            // `other` variant exists, and refused elsewhere.
            let fallback = match en.variants.iter().find(|v| v.is_other()) {
                Some(o) => {
                    let vid = o.ident;
                    let ft = o.fields.fields.first().map(|f| f.ty);
                    let conv = e.tri(
                        quote!(<#ft as #p::IntValue>::from_wire(__mc_other, __mc_v)),
                        &name,
                    );
                    match e.gate(o.since.as_ref(), o.before.as_ref()) {
                        Some(cond) => {
                            quote!(__mc_other if #cond => #p::Ok(Self::#vid(#conv)), #refuse)
                        }
                        None => quote!(__mc_other => #p::Ok(Self::#vid(#conv)),),
                    }
                }
                None => refuse,
            };
            let tag_min = e.min_of(en.tag.values().map(|r| {
                let m = e.int_marker(*r);
                quote!(<#m as #p::IntRepr>::MIN_SIZE)
            }));
            let variants_min = en
                .variants
                .iter()
                .filter(|v| !v.is_other())
                .map(|v| min_size_fields(e, &v.fields))
                .fold(quote!(usize::MAX), |acc, m| quote!(#p::min_size(#acc, #m)));
            let min = if c.is_value_enum() {
                tag_min
            } else {
                quote!(#tag_min + #p::min_size(#variants_min, usize::MAX))
            };
            let body = quote!(
                let __mc_tag: i64 = #read;
                match __mc_tag {
                    #(#arms)*
                    #fallback
                }
            );
            (body, min)
        }
    };
    let (impl_g, ty_g, where_c) = e.generics_for(quote!(#p::Decode<#de>), true);
    // Small structs are always inlined: returned through memory, their
    // fields are written one by one and read back as wider words, which
    // stalls store forwarding (2.7x the time of the inlined code for
    // Player Position And Look).
    let inline = match &c.data {
        Data::Struct(fields) if fields.fields.len() <= SMALL_STRUCT_FIELDS => {
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
                let __mc_v: #p::ProtocolVersion = __mc_r.version();
                #body
            }
        }
    }
}

/// An impl that compiles but is never used: the declaration has errors.
pub fn dummy(e: &Expander<'_>) -> TokenStream {
    let p = &e.p;
    let de = &e.de;
    let ident = e.c.ident;
    let (impl_g, ty_g, where_c) = e.generics_for(quote!(#p::Decode<#de>), true);
    quote! {
        impl #impl_g #p::Decode<#de> for #ident #ty_g #where_c {
            fn decode(_: &mut #p::Reader<#de>) -> #p::Result<Self> {
                #p::invalid_declaration()
            }
        }
    }
}

fn fields_decode(
    e: &Expander<'_>,
    fields: &Fields<'_>,
    owner: &str,
    ctor: TokenStream,
) -> TokenStream {
    let mut stmts = Vec::new();
    let mut earlier: Vec<&Field<'_>> = Vec::new();
    for f in &fields.fields {
        stmts.push(field_decode(e, f, owner, &earlier));
        earlier.push(f);
    }
    let build = destructure(fields, ctor);
    quote!(#(#stmts)* #build)
}

fn field_decode(
    e: &Expander<'_>,
    f: &Field<'_>,
    owner: &str,
    earlier: &[&Field<'_>],
) -> TokenStream {
    let p = &e.p;
    let path = format!("{owner}.{}", f.name);
    let local = &f.local;
    let value = value_decode(e, f, &path, earlier);
    match &f.presence {
        Presence::Always => quote!(let #local = #value;),
        Presence::BoolPrefixed => {
            let flag = e.tri(quote!(<bool as #p::Decode<'_>>::decode(__mc_r)), &path);
            quote!(let #local = if #flag { #p::Some(#value) } else { #p::None };)
        }
        Presence::Conditional {
            since,
            before,
            when,
        } => {
            let gate = e
                .gate(since.as_ref(), before.as_ref())
                .unwrap_or(quote!(true));
            let when = match when {
                Some(w) => e.scoped(w, earlier, Scope::Values),
                None => quote!(true),
            };
            quote!(let #local = if (#gate) && (#when) { #p::Some(#value) } else { #p::None };)
        }
    }
}

/// Reads one number of representation `r` into a `t`.
fn repr_decode(e: &Expander<'_>, r: Repr, t: &Type) -> TokenStream {
    let p = &e.p;
    match r {
        Repr::Int(i) => {
            let m = e.int_marker(i);
            quote!(#p::decode_as::<#t, #m>(__mc_r))
        }
        Repr::F32 | Repr::F64 => {
            let m = e.float_marker(r);
            quote!(#p::decode_float::<#t, #m>(__mc_r))
        }
        Repr::Fixed(i, scale) => {
            let m = e.int_marker(i);
            quote!(#p::decode_fixed::<#t, #m>(__mc_r, #scale))
        }
    }
}

fn value_decode(
    e: &Expander<'_>,
    f: &Field<'_>,
    path: &str,
    earlier: &[&Field<'_>],
) -> TokenStream {
    let p = &e.p;
    let de = &e.de;
    let t = &f.value_ty;
    match &f.mode {
        Mode::Plain => e.tri(quote!(<#t as #p::Decode<#de>>::decode(__mc_r)), path),
        Mode::Bounded(max) => {
            let max = e.max_expr(Some(max));
            e.tri(
                quote!(<#t as #p::DecodeBounded<#de>>::decode_bounded(__mc_r, #max)),
                path,
            )
        }
        Mode::Repr(map) => e.select(map, |r| e.tri(repr_decode(e, *r, t), path)),
        Mode::With(map) => e.select(map, |w| e.tri(quote!(#w::decode(__mc_r)), path)),
        Mode::Seq { len, max } => {
            let max = e.max_expr(max.as_ref());
            match len {
                Length::Rest => e.tri(
                    quote!(<#t as #p::DecodeSeq<#de>>::decode_rest(__mc_r, #max)),
                    path,
                ),
                _ => {
                    let elem_min = quote!(<#t as #p::DecodeSeq<#de>>::ELEM_MIN_SIZE);
                    let n = len_decode(e, f, len, elem_min, max, path, earlier);
                    let body = e.tri(
                        quote!(<#t as #p::DecodeSeq<#de>>::decode_counted(__mc_r, __mc_n)),
                        path,
                    );
                    quote!({ let __mc_n: usize = #n; #body })
                }
            }
        }
        Mode::Elementwise {
            elem,
            repr,
            len,
            max,
        } => {
            let max = max.as_ref().map(|m| e.max_expr(Some(m)));
            e.select(repr, |r| {
                let item = e.tri(repr_decode(e, *r, elem), path);
                match len {
                    Length::Rest => {
                        let check = max.as_ref().map(|max| {
                            let c = e.tri(quote!(#p::check_rest_len(__mc_vec.len(), #max)), path);
                            quote!(#c;)
                        });
                        quote!({
                            let mut __mc_vec: #p::Vec<#elem> = #p::Vec::new();
                            while !__mc_r.is_empty() {
                                __mc_vec.push(#item);
                            }
                            #check
                            __mc_vec
                        })
                    }
                    _ => {
                        let max = max.clone().unwrap_or(quote!(usize::MAX));
                        let n = len_decode(e, f, len, quote!(1usize), max, path, earlier);
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
            })
        }
    }
}

/// The element count of a prefixed or counted sequence, checked against
/// `max` and the input that remains.
/// With `negative_empty`, a negative prefix counts no elements.
fn len_decode(
    e: &Expander<'_>,
    f: &Field<'_>,
    len: &Length,
    elem_min: TokenStream,
    max: TokenStream,
    path: &str,
    earlier: &[&Field<'_>],
) -> TokenStream {
    let p = &e.p;
    match len {
        Length::Prefix(r) if f.attrs.negative_empty.is_set() => {
            let m = e.int_marker(*r);
            e.tri(
                quote!(__mc_r.read_len_or_empty::<#m>(#max, #elem_min)),
                path,
            )
        }
        Length::Prefix(r) => {
            let m = e.int_marker(*r);
            e.tri(quote!(__mc_r.read_len::<#m>(#max, #elem_min)), path)
        }
        Length::Count(expr) => {
            let expr = e.scoped(expr, earlier, Scope::Values);
            let n = e.tri(quote!(#p::count_from((#expr) as i64)), path);
            e.tri(quote!(__mc_r.check_len(#n as i64, #max, #elem_min)), path)
        }
        Length::Rest => quote!(0usize),
    }
}

fn min_size_fields(e: &Expander<'_>, fields: &Fields<'_>) -> TokenStream {
    let parts = fields.fields.iter().map(|f| match f.presence {
        Presence::Always => value_min(e, f),
        Presence::BoolPrefixed => quote!(1usize),
        Presence::Conditional { .. } => quote!(0usize),
    });
    quote!(0usize #(+ #parts)*)
}

fn value_min(e: &Expander<'_>, f: &Field<'_>) -> TokenStream {
    let p = &e.p;
    let de = &e.de;
    let t = &f.value_ty;
    match &f.mode {
        Mode::Plain | Mode::Bounded(_) => quote!(<#t as #p::Decode<#de>>::MIN_SIZE),
        Mode::Repr(map) => e.min_of(map.values().map(|r| e.repr_min(*r))),
        Mode::Elementwise {
            len: Length::Prefix(r),
            ..
        }
        | Mode::Seq {
            len: Length::Prefix(r),
            ..
        } => {
            let m = e.int_marker(*r);
            quote!(<#m as #p::IntRepr>::MIN_SIZE)
        }
        Mode::With(_) | Mode::Elementwise { .. } | Mode::Seq { .. } => quote!(0usize),
    }
}
