//! `Generate`: random values that are valid in the generator's version.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Type;

use super::{Expander, Scope, destructure};
use crate::ast::{Data, Field, Fields, Mode, Presence, Variant};
use crate::attr::{Length, Repr};

pub fn expand(e: &Expander<'_>) -> TokenStream {
    let c = e.c;
    let p = &e.p;
    let ident = c.ident;
    let body = match &c.data {
        Data::Struct(fields) => fields_generate(e, fields, quote!(Self)),
        Data::Enum(en) => {
            let named: Vec<_> = en.variants.iter().filter(|v| !v.is_other()).collect();
            // For an unknown value that turns out to be a named one in
            // this version of a closed type: a variant that exists here.
            let make = |v: &Variant<'_>| {
                let vid = v.ident;
                let g = fields_generate(e, &v.fields, quote!(Self::#vid));
                quote!({ #g })
            };
            let fallback = named
                .iter()
                .rev()
                .fold(named.first().map(|v| make(v)), |rest, v| {
                    let this = make(v);
                    Some(match (e.gate(v.since.as_ref(), v.before.as_ref()), rest) {
                        (Some(cond), Some(rest)) => quote!(if #cond { #this } else { #rest }),
                        _ => this,
                    })
                });
            let bodies: Vec<TokenStream> = en
                .variants
                .iter()
                .map(|v| {
                    let vid = v.ident;
                    if v.is_other() {
                        let raw = e.select(&en.tag, |r| {
                            let m = e.int_marker(*r);
                            quote!(<#m as #p::IntRepr>::generate(__mc_g))
                        });
                        // A raw tag no named variant has in this version,
                        // or else a named variant.
                        let is_named: Vec<TokenStream> = named
                            .iter()
                            .flat_map(|v| e.tag_arms(v, &quote!(true)))
                            .collect();
                        let ft = v.fields.fields.first().map(|f| f.ty);
                        quote!({
                            let __mc_raw: i64 = #raw;
                            let __mc_named: bool = match __mc_raw { #(#is_named)* _ => false };
                            match <#ft as #p::IntValue>::from_wire(__mc_raw, __mc_v) {
                                #p::Ok(__mc_x) if !__mc_named => Self::#vid(__mc_x),
                                _ => #fallback,
                            }
                        })
                    } else {
                        let g = fields_generate(e, &v.fields, quote!(Self::#vid));
                        quote!({ #g })
                    }
                })
                .collect();
            let gates: Vec<Option<TokenStream>> = en
                .variants
                .iter()
                .map(|v| e.gate(v.since.as_ref(), v.before.as_ref()))
                .collect();
            let n = bodies.len();
            let choice = if gates.iter().all(Option::is_none) {
                quote!(__mc_g.below(#n))
            } else {
                let present = gates.into_iter().map(|g| g.unwrap_or(quote!(true)));
                quote!(#p::pick_present(__mc_g, &[#(#present),*]))
            };
            let (init, last) = bodies.split_at(n.saturating_sub(1));
            let idx = 0..init.len();
            quote!(match #choice {
                #(#idx => #init,)*
                _ => #(#last)*,
            })
        }
    };
    // A borrowing type generates its owned form.
    let (impl_g, self_ty, where_c) = if c.borrows {
        super::owned::owned_header(e, quote!(#p::Generate))
    } else {
        let (impl_g, ty_g, where_c) = e.generics_for(quote!(#p::Generate), false);
        (impl_g, quote!(#ident #ty_g), where_c)
    };
    quote! {
        #[automatically_derived]
        impl #impl_g #p::Generate for #self_ty #where_c {
            fn generate(__mc_g: &mut #p::Gen<'_>) -> Self {
                #[allow(unused_variables)]
                let __mc_v: #p::ProtocolVersion = __mc_g.version();
                #body
            }
        }
    }
}

/// An impl that compiles but is never used: the declaration has errors.
pub fn dummy(e: &Expander<'_>) -> TokenStream {
    let p = &e.p;
    let ident = e.c.ident;
    let (impl_g, self_ty, where_c) = if e.c.borrows {
        super::owned::owned_header(e, quote!(#p::Generate))
    } else {
        let (impl_g, ty_g, where_c) = e.generics_for(quote!(#p::Generate), false);
        (impl_g, quote!(#ident #ty_g), where_c)
    };
    quote! {
        impl #impl_g #p::Generate for #self_ty #where_c {
            fn generate(_: &mut #p::Gen<'_>) -> Self {
                #p::invalid_declaration()
            }
        }
    }
}

fn fields_generate(e: &Expander<'_>, fields: &Fields<'_>, ctor: TokenStream) -> TokenStream {
    let p = &e.p;
    let mut stmts = Vec::new();
    let mut earlier: Vec<&Field<'_>> = Vec::new();
    for f in &fields.fields {
        let local = &f.local;
        let v = value_generate(e, f, &earlier);
        stmts.push(match &f.presence {
            Presence::Always => quote!(let #local = #v;),
            Presence::BoolPrefixed => {
                quote!(let #local = if __mc_g.bool() { #p::Some(#v) } else { #p::None };)
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
                    Some(w) => e.scoped(w, &earlier, Scope::Values),
                    None => quote!(true),
                };
                quote!(let #local = if (#gate) && (#when) { #p::Some(#v) } else { #p::None };)
            }
        });
        earlier.push(f);
    }
    let build = destructure(fields, ctor);
    quote!(#(#stmts)* #build)
}

/// A random `t` that survives being sent as `r`.
fn repr_generate(e: &Expander<'_>, r: Repr, t: &Type) -> TokenStream {
    let p = &e.p;
    match r {
        Repr::Int(i) => {
            let m = e.int_marker(i);
            quote!(#p::generate_as::<#t, #m>(__mc_g))
        }
        Repr::F32 | Repr::F64 => {
            let m = e.float_marker(r);
            quote!(#p::generate_float::<#t, #m>(__mc_g))
        }
        Repr::Fixed(i, scale) => {
            let m = e.int_marker(i);
            quote!(#p::generate_fixed::<#t, #m>(__mc_g, #scale))
        }
    }
}

fn value_generate(e: &Expander<'_>, f: &Field<'_>, earlier: &[&Field<'_>]) -> TokenStream {
    let p = &e.p;
    let t = &super::owned::staticize(&f.value_ty, &e.de);
    let len_gen = |len: &Length, max: TokenStream| match len {
        Length::Prefix(r) => {
            let m = e.int_marker(*r);
            quote!(#p::generate_len::<#m>(__mc_g, #max))
        }
        Length::Count(expr) => {
            let s = e.scoped(expr, earlier, Scope::Values);
            quote!(#p::count_from((#s) as i64).unwrap_or(0))
        }
        Length::Rest => quote!(__mc_g.len(#max)),
    };
    match &f.mode {
        Mode::Plain => quote!(<#t as #p::Generate>::generate(__mc_g)),
        Mode::Bounded(max) => {
            let max = e.max_expr(Some(max));
            quote!(<#t as #p::GenerateBounded>::generate_bounded(__mc_g, #max))
        }
        Mode::Repr(map) => e.select(map, |r| repr_generate(e, *r, t)),
        Mode::With(map) => e.select(map, |w| quote!(#w::generate(__mc_g))),
        Mode::Seq { len, max } => {
            let n = len_gen(len, e.max_expr(max.as_ref()));
            quote!({
                let __mc_n: usize = #n;
                <#t as #p::GenerateSeq>::generate_counted(__mc_g, __mc_n)
            })
        }
        Mode::Elementwise {
            elem,
            repr,
            len,
            max,
        } => {
            let elem = &super::owned::staticize(elem, &e.de);
            let n = len_gen(len, e.max_expr(max.as_ref()));
            let fill = e.select(repr, |r| {
                let item = repr_generate(e, *r, elem);
                quote!(for _ in 0..__mc_n { __mc_vec.push(#item); })
            });
            quote!({
                let __mc_n: usize = #n;
                let mut __mc_vec: #p::Vec<#elem> = #p::Vec::with_capacity(__mc_n);
                #fill
                __mc_vec
            })
        }
    }
}
