//! `IntValue`, for enums whose variants are all constants: what lets them
//! be sent with `as = R` and be kept by `other`.

use proc_macro2::TokenStream;
use quote::quote;

use super::Expander;
use super::encode::{tag_value, variant_gate};
use crate::ast::{Data, Enum, Variant};

pub fn expand(e: &Expander<'_>) -> TokenStream {
    let c = e.c;
    let Data::Enum(en) = &c.data else {
        return TokenStream::new();
    };
    if !c.is_value_enum() {
        return TokenStream::new();
    }
    let p = &e.p;
    let ident = c.ident;
    let name = c.name();
    let (impl_g, ty_g, where_c) = c.generics.split_for_impl();
    let to = en.variants.iter().map(|v| {
        let vid = v.ident;
        if v.is_other() {
            let raw = other_to_wire(e, en, v, &name);
            quote!(Self::#vid(__mc_x) => #p::Ok(#raw))
        } else {
            let gate = variant_gate(e, v, &name);
            let tag = tag_value(e, v);
            quote!(Self::#vid => { #gate #p::Ok(#tag) })
        }
    });
    let named: Vec<_> = en.variants.iter().filter(|v| !v.is_other()).collect();
    let from = named.iter().flat_map(|v| {
        let vid = v.ident;
        e.tag_arms(v, &quote!(#p::Ok(Self::#vid)))
    });
    let refuse = quote!(__mc_other => #p::Err(#p::unknown_value(#name, __mc_other)),);
    let fallback = match en.variants.iter().find(|v| v.is_other()) {
        Some(o) => {
            let vid = o.ident;
            let ft = o.fields.fields.first().map(|f| f.ty);
            let keep = quote!(<#ft as #p::IntValue>::from_wire(__mc_other, __mc_v).map(Self::#vid));
            match e.gate(o.since.as_ref(), o.before.as_ref()) {
                Some(cond) => quote!(__mc_other if #cond => #keep, #refuse),
                None => quote!(__mc_other => #keep,),
            }
        }
        None => refuse,
    };
    quote! {
        #[automatically_derived]
        impl #impl_g #p::IntValue for #ident #ty_g #where_c {
            #[inline]
            #[allow(unused_variables)]
            fn to_wire(&self, __mc_v: #p::ProtocolVersion) -> #p::Result<i64> {
                match self { #(#to)* }
            }
            #[inline]
            #[allow(unused_variables)]
            fn from_wire(__mc_raw: i64, __mc_v: #p::ProtocolVersion) -> #p::Result<Self> {
                match __mc_raw {
                    #(#from)*
                    #fallback
                }
            }
        }
    }
}

/// The wire value of the `other` variant `v`, bound as `__mc_x`, as an
/// `i64` expression that returns early with an error: `NotInVersion` where
/// `v` does not exist, `OutOfRange` for a value a named variant stands for
/// (it would come back as that variant).
pub fn other_to_wire(e: &Expander<'_>, en: &Enum<'_>, v: &Variant<'_>, name: &str) -> TokenStream {
    let p = &e.p;
    let ft = v.fields.fields.first().map(|f| f.ty);
    let gate = variant_gate(e, v, name);
    let is_named: Vec<TokenStream> = en
        .variants
        .iter()
        .filter(|v| !v.is_other())
        .flat_map(|v| e.tag_arms(v, &quote!(true)))
        .collect();
    quote!({
        #gate
        let __mc_raw = match <#ft as #p::IntValue>::to_wire(__mc_x, __mc_v) {
            #p::Ok(__mc_raw) => __mc_raw,
            #p::Err(__mc_e) => return #p::Err(__mc_e),
        };
        let __mc_named: bool = match __mc_raw { #(#is_named)* _ => false };
        if __mc_named {
            return #p::Err(#p::Error::new(#p::ErrorKind::OutOfRange {
                ty: concat!(#name, " (this value has a named variant)"),
                value: __mc_raw,
            }));
        }
        __mc_raw
    })
}

/// An impl that compiles but is never used: the declaration has errors.
/// Emitted for enums of unit variants (and one tuple variant, `other`),
/// the ones other declarations may send with `as`.
pub fn dummy(e: &Expander<'_>) -> TokenStream {
    let c = e.c;
    if !c.is_value_enum() {
        return TokenStream::new();
    }
    let p = &e.p;
    let ident = c.ident;
    let (impl_g, ty_g, where_c) = c.generics.split_for_impl();
    quote! {
        impl #impl_g #p::IntValue for #ident #ty_g #where_c {
            fn to_wire(&self, _: #p::ProtocolVersion) -> #p::Result<i64> {
                #p::invalid_declaration()
            }
            fn from_wire(_: i64, _: #p::ProtocolVersion) -> #p::Result<Self> {
                #p::invalid_declaration()
            }
        }
    }
}
