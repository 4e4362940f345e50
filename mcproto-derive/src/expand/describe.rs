//! `Describe`: the layout in one protocol version, with everything that
//! depends on the version resolved (absent fields and variants left out,
//! per-version representations, bounds, codecs and tags chosen).

use proc_macro2::TokenStream;
use quote::quote;
use syn::Type;

use super::Expander;
use super::encode::tag_value;
use crate::ast::{Data, Field, Fields, Mode, Presence};
use crate::attr::{Length, Repr};

pub fn expand(e: &Expander<'_>) -> TokenStream {
    let c = e.c;
    let p = &e.p;
    let name = c.name();
    let ident = c.ident;
    let body = match &c.data {
        Data::Struct(fields) => {
            let f = fields_describe(e, fields);
            quote!(#p::WireType::Struct { name: #name, fields: #f })
        }
        Data::Enum(en) => {
            let tag = e.select(&en.tag, |r| {
                let m = e.int_marker(*r);
                quote!(<#m as #p::IntRepr>::wire_type())
            });
            let named: Vec<_> = en.variants.iter().filter(|v| !v.is_other()).collect();
            let items: Vec<(Option<TokenStream>, TokenStream)> = named
                .iter()
                .map(|v| {
                    let n = v.ident.to_string();
                    let t = tag_value(e, v);
                    let item = if c.is_value_enum() {
                        quote!((#n, #t))
                    } else {
                        let f = fields_describe(e, &v.fields);
                        quote!(#p::VariantSchema { name: #n, tag: #t, fields: #f })
                    };
                    (e.gate(v.since.as_ref(), v.before.as_ref()), item)
                })
                .collect();
            let list = collect(e, items);
            // Whether unknown values are kept, in this version.
            let open = match en.variants.iter().find(|v| v.is_other()) {
                Some(o) => e
                    .gate(o.since.as_ref(), o.before.as_ref())
                    .unwrap_or(quote!(true)),
                None => quote!(false),
            };
            if c.is_value_enum() {
                quote!(#p::WireType::Enum {
                    name: #name,
                    repr: #p::Box::new(#tag),
                    values: #list,
                    open: #open,
                })
            } else {
                quote!(#p::WireType::Switch {
                    name: #name,
                    tag: #p::Box::new(#tag),
                    variants: #list,
                    open: #open,
                })
            }
        }
    };
    let (impl_g, ty_g, where_c) = e.generics_for(quote!(#p::Describe), false);
    quote! {
        #[automatically_derived]
        impl #impl_g #p::Describe for #ident #ty_g #where_c {
            #[allow(unused_variables)]
            fn describe(__mc_v: #p::ProtocolVersion) -> #p::WireType {
                #body
            }
        }
    }
}

/// An impl that compiles but is never used: the declaration has errors.
pub fn dummy(e: &Expander<'_>) -> TokenStream {
    let p = &e.p;
    let ident = e.c.ident;
    let (impl_g, ty_g, where_c) = e.generics_for(quote!(#p::Describe), false);
    quote! {
        impl #impl_g #p::Describe for #ident #ty_g #where_c {
            fn describe(_: #p::ProtocolVersion) -> #p::WireType {
                #p::invalid_declaration()
            }
        }
    }
}

/// A `Vec` of the items, each only when its condition holds.
fn collect(e: &Expander<'_>, items: Vec<(Option<TokenStream>, TokenStream)>) -> TokenStream {
    let p = &e.p;
    if items.iter().all(|(cond, _)| cond.is_none()) {
        let items = items.into_iter().map(|(_, i)| i);
        return quote!(#p::Vec::from([#(#items),*]));
    }
    let n = items.len();
    let pushes = items.into_iter().map(|(cond, item)| match cond {
        Some(cond) => quote!(if #cond { __mc_list.push(#item); }),
        None => quote!(__mc_list.push(#item);),
    });
    quote!({
        let mut __mc_list = #p::Vec::with_capacity(#n);
        #(#pushes)*
        __mc_list
    })
}

fn fields_describe(e: &Expander<'_>, fields: &Fields<'_>) -> TokenStream {
    let items = fields
        .fields
        .iter()
        .map(|f| {
            let gate = match &f.presence {
                Presence::Conditional { since, before, .. } => {
                    e.gate(since.as_ref(), before.as_ref())
                }
                _ => None,
            };
            (gate, field_describe(e, f))
        })
        .collect();
    collect(e, items)
}

fn field_describe(e: &Expander<'_>, f: &Field<'_>) -> TokenStream {
    let p = &e.p;
    let v = value_describe(e, f);
    let ty = match &f.presence {
        Presence::Always => v,
        Presence::BoolPrefixed => quote!(#p::WireType::Optional(#p::Box::new(#v))),
        // In a version where the field exists it is plain, unless a
        // condition on earlier fields remains.
        Presence::Conditional { when: None, .. } => v,
        Presence::Conditional { when: Some(w), .. } => {
            let s = expr_text(w);
            quote!(#p::WireType::Conditional { when: #s, of: #p::Box::new(#v) })
        }
    };
    let name = &f.name;
    quote!(#p::FieldSchema { name: #name, ty: #ty })
}

/// The layout of a `t` sent as `r`.
fn repr_describe(e: &Expander<'_>, r: Repr, t: &Type) -> TokenStream {
    let p = &e.p;
    match r {
        Repr::Int(i) => {
            let m = e.int_marker(i);
            quote!(#p::describe_as::<#t, #m>(__mc_v))
        }
        Repr::F32 | Repr::F64 => {
            let m = e.float_marker(r);
            quote!(<#m as #p::FloatRepr>::wire_type())
        }
        Repr::Fixed(i, scale) => {
            let m = e.int_marker(i);
            quote!(#p::WireType::Fixed {
                repr: #p::Box::new(<#m as #p::IntRepr>::wire_type()),
                scale: #scale,
            })
        }
    }
}

fn len_describe(e: &Expander<'_>, len: &Length) -> TokenStream {
    let p = &e.p;
    match len {
        Length::Prefix(r) => {
            let m = e.int_marker(*r);
            quote!(#p::ArrayLen::Prefixed(#p::Box::new(<#m as #p::IntRepr>::wire_type())))
        }
        Length::Count(expr) => {
            let s = expr_text(expr);
            quote!(#p::ArrayLen::Count(#s))
        }
        Length::Rest => quote!(#p::ArrayLen::Rest),
    }
}

fn value_describe(e: &Expander<'_>, f: &Field<'_>) -> TokenStream {
    let p = &e.p;
    let t = &f.value_ty;
    match &f.mode {
        Mode::Plain => quote!(<#t as #p::Describe>::describe(__mc_v)),
        Mode::Bounded(max) => {
            let max = e.max_expr(Some(max));
            quote!(<#t as #p::Describe>::describe(__mc_v).with_max(#max))
        }
        Mode::Repr(map) => e.select(map, |r| repr_describe(e, *r, t)),
        Mode::With(map) => e.select(map, |w| quote!(#w::describe(__mc_v))),
        Mode::Seq { len, .. } => {
            let l = len_describe(e, len);
            quote!(#p::with_len(<#t as #p::Describe>::describe(__mc_v), #l))
        }
        Mode::Elementwise {
            elem, repr, len, ..
        } => {
            let l = len_describe(e, len);
            e.select(repr, |r| {
                let of = repr_describe(e, *r, elem);
                quote!(#p::WireType::Array { len: #l, of: #p::Box::new(#of) })
            })
        }
    }
}

/// An expression as written, for schemas.
fn expr_text(e: &syn::Expr) -> String {
    let s = quote::ToTokens::to_token_stream(e).to_string();
    s.replace(" . ", ".")
        .replace("* ", "*")
        .replace(" (", "(")
        .replace("( ", "(")
        .replace(" )", ")")
}
