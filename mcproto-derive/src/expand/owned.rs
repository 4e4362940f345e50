//! `IntoOwned` (for a type with a lifetime whose fields are not references,
//! and for every packet without a lifetime) and, for those packets,
//! `DecodeOwned`: the owned form a registry's dynamic path holds.

use proc_macro2::TokenStream;
use quote::quote;
use syn::visit_mut::VisitMut;
use syn::{GenericParam, Lifetime, Type};

use super::Expander;
use crate::ast::{Data, Fields, Style};

/// Finds a lifetime in a type.
struct Finds<'l> {
    lifetime: &'l Lifetime,
    found: bool,
}

impl VisitMut for Finds<'_> {
    fn visit_lifetime_mut(&mut self, l: &mut Lifetime) {
        if l.ident == self.lifetime.ident {
            self.found = true;
        }
    }
}

/// Finds a reference type.
struct FindsRef(bool);

impl VisitMut for FindsRef {
    fn visit_type_reference_mut(&mut self, _: &mut syn::TypeReference) {
        self.0 = true;
    }
}

/// Whether a field of the type is or holds a reference (`&'a str`): such
/// a type has no owned form (a `Cow` has).
pub fn has_references(e: &Expander<'_>) -> bool {
    let mut found = FindsRef(false);
    let mut visit = |fields: &Fields<'_>| {
        for f in &fields.fields {
            found.visit_type_mut(&mut f.ty.clone());
        }
    };
    match &e.c.data {
        Data::Struct(fields) => visit(fields),
        Data::Enum(en) => en.variants.iter().for_each(|v| visit(&v.fields)),
    }
    found.0
}

/// Whether `ty` names `lifetime`.
pub fn names_lifetime(ty: &Type, lifetime: &Lifetime) -> bool {
    let mut f = Finds {
        lifetime,
        found: false,
    };
    f.visit_type_mut(&mut ty.clone());
    f.found
}

/// Replaces `lifetime` in a type by `'static`.
struct Staticize<'l>(&'l Lifetime);

impl VisitMut for Staticize<'_> {
    fn visit_lifetime_mut(&mut self, l: &mut Lifetime) {
        if l.ident == self.0.ident {
            *l = Lifetime::new("'static", l.span());
        }
    }
}

/// `ty` with `lifetime` replaced by `'static`.
pub fn staticize(ty: &Type, lifetime: &Lifetime) -> Type {
    let mut t = ty.clone();
    Staticize(lifetime).visit_type_mut(&mut t);
    t
}

/// The impl header of a trait implemented for the type's owned form: impl
/// generics (no lifetime), the type with `'static`, the where clause with
/// `bound` on each type parameter.
pub fn owned_header(
    e: &Expander<'_>,
    bound: TokenStream,
) -> (TokenStream, TokenStream, TokenStream) {
    let (impl_g, types) = without_lifetime(e);
    let ident = e.c.ident;
    let args = args_with(e, quote!('static));
    let mut preds: Vec<TokenStream> = types.iter().map(|t| quote!(#t: #bound,)).collect();
    if let Some(w) = &e.c.generics.where_clause {
        let ps = w.predicates.iter();
        preds.push(quote!(#(#ps,)*));
    }
    (impl_g, quote!(#ident #args), quote!(where #(#preds)*))
}

/// The type's generic arguments with its lifetime parameter as `lt`.
pub fn args_with(e: &Expander<'_>, lt: TokenStream) -> TokenStream {
    let args = e.c.generics.params.iter().map(|p| match p {
        GenericParam::Lifetime(_) => lt.clone(),
        GenericParam::Type(t) => {
            let i = &t.ident;
            quote!(#i)
        }
        GenericParam::Const(c) => {
            let i = &c.ident;
            quote!(#i)
        }
    });
    if e.c.generics.params.is_empty() {
        TokenStream::new()
    } else {
        quote!(<#(#args),*>)
    }
}

/// Impl generics without the lifetime parameter, and the type parameters.
fn without_lifetime(e: &Expander<'_>) -> (TokenStream, Vec<syn::Ident>) {
    let params: Vec<&GenericParam> =
        e.c.generics
            .params
            .iter()
            .filter(|p| !matches!(p, GenericParam::Lifetime(_)))
            .collect();
    let types =
        e.c.generics
            .type_params()
            .map(|t| t.ident.clone())
            .collect();
    if params.is_empty() {
        (TokenStream::new(), types)
    } else {
        (quote!(<#(#params),*>), types)
    }
}

fn convert(e: &Expander<'_>, fields: &Fields<'_>, path: TokenStream) -> (TokenStream, TokenStream) {
    let p = &e.p;
    let locals: Vec<_> = fields.fields.iter().map(|f| &f.local).collect();
    let values: Vec<TokenStream> = fields
        .fields
        .iter()
        .map(|f| {
            let l = &f.local;
            if names_lifetime(f.ty, &e.de) {
                quote!(#p::IntoOwned::into_owned(#l))
            } else {
                quote!(#l)
            }
        })
        .collect();
    match fields.style {
        Style::Named => {
            let members: Vec<_> = fields.fields.iter().map(|f| &f.member).collect();
            (
                quote!(#path { #(#members: #locals),* }),
                quote!(#path { #(#members: #values),* }),
            )
        }
        Style::Tuple => (quote!(#path(#(#locals),*)), quote!(#path(#(#values),*))),
        Style::Unit => (quote!(#path), quote!(#path)),
    }
}

pub fn expand(e: &Expander<'_>) -> TokenStream {
    let c = e.c;
    let p = &e.p;
    let ident = c.ident;
    let (impl_g, ty_g, where_c) = c.generics.split_for_impl();
    if !c.borrows {
        // Only a packet needs the identity (a nested type without a
        // lifetime is moved, not converted).
        if c.packet.is_none() {
            return TokenStream::new();
        }
        let mut g = c.generics.clone();
        g.make_where_clause()
            .predicates
            .push(syn::parse_quote!(#ident #ty_g: 'static));
        let (_, _, where_static) = g.split_for_impl();
        return quote! {
            #[automatically_derived]
            impl #impl_g #p::IntoOwned for #ident #ty_g #where_static {
                type Owned = Self;
                #[inline(always)]
                fn into_owned(self) -> Self {
                    self
                }
            }
        };
    }
    if has_references(e) {
        return TokenStream::new();
    }
    let owned_args = args_with(e, quote!('static));
    let (_, types) = without_lifetime(e);
    let mut g = c.generics.clone();
    {
        let wc = g.make_where_clause();
        for t in &types {
            wc.predicates.push(syn::parse_quote!(#t: 'static));
        }
    }
    let (_, _, where_static) = g.split_for_impl();
    let _ = where_c;
    let arms: Vec<TokenStream> = match &c.data {
        Data::Struct(fields) => {
            let (pat, build) = convert(e, fields, quote!(#ident));
            vec![quote!(#pat => #build,)]
        }
        Data::Enum(en) => en
            .variants
            .iter()
            .map(|v| {
                let vid = v.ident;
                let (pat, build) = convert(e, &v.fields, quote!(#ident::#vid));
                quote!(#pat => #build,)
            })
            .collect(),
    };
    quote! {
        #[automatically_derived]
        impl #impl_g #p::IntoOwned for #ident #ty_g #where_static {
            type Owned = #ident #owned_args;
            #[inline]
            #[allow(non_shorthand_field_patterns)]
            fn into_owned(self) -> Self::Owned {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

/// `DecodeOwned` for a packet's owned form.
pub fn expand_decode_owned(e: &Expander<'_>) -> TokenStream {
    let c = e.c;
    let p = &e.p;
    let ident = c.ident;
    if c.packet.is_none() {
        return TokenStream::new();
    }
    if !c.borrows {
        let (impl_g, ty_g, _) = c.generics.split_for_impl();
        let mut g = c.generics.clone();
        g.make_where_clause()
            .predicates
            .push(syn::parse_quote!(#ident #ty_g: 'static + for<'__mc_x> #p::Decode<'__mc_x>));
        let (_, _, where_c) = g.split_for_impl();
        return quote! {
            #[automatically_derived]
            impl #impl_g #p::DecodeOwned for #ident #ty_g #where_c {
                #[inline]
                fn decode_owned(__mc_r: &mut #p::Reader<'_>) -> #p::Result<Self> {
                    <Self as #p::Decode<'_>>::decode(__mc_r)
                }
            }
        };
    }
    if has_references(e) {
        return TokenStream::new();
    }
    let (impl_g, types) = without_lifetime(e);
    let owned_args = args_with(e, quote!('static));
    let any_args = args_with(e, quote!('_));
    let bounds = types.iter().map(|t| quote!(#t: 'static,));
    quote! {
        #[automatically_derived]
        impl #impl_g #p::DecodeOwned for #ident #owned_args where #(#bounds)* {
            #[inline]
            fn decode_owned(__mc_r: &mut #p::Reader<'_>) -> #p::Result<Self> {
                let __mc_p: #ident #any_args = #p::Decode::decode(__mc_r)?;
                #p::Ok(#p::IntoOwned::into_owned(__mc_p))
            }
        }
    }
}

/// Stubs for a declaration with errors: a borrowing type keeps its owned
/// form, a packet is its own.
pub fn dummy(e: &Expander<'_>) -> TokenStream {
    let c = e.c;
    let p = &e.p;
    let ident = c.ident;
    if (!c.borrows && c.packet.is_none()) || (c.borrows && has_references(e)) {
        return TokenStream::new();
    }
    let (impl_g, ty_g, where_c) = c.generics.split_for_impl();
    let owned = if c.borrows {
        let a = args_with(e, quote!('static));
        quote!(#ident #a)
    } else {
        quote!(Self)
    };
    let decode_owned = if c.packet.is_some() {
        let (impl_g2, _) = without_lifetime(e);
        let a = args_with(e, quote!('static));
        let ty = if c.borrows {
            quote!(#ident #a)
        } else {
            quote!(#ident #ty_g)
        };
        let ig = if c.borrows { impl_g2 } else { quote!(#impl_g) };
        quote! {
            impl #ig #p::DecodeOwned for #ty {
                fn decode_owned(_: &mut #p::Reader<'_>) -> #p::Result<Self> {
                    #p::invalid_declaration()
                }
            }
        }
    } else {
        TokenStream::new()
    };
    quote! {
        impl #impl_g #p::IntoOwned for #ident #ty_g #where_c {
            type Owned = #owned;
            fn into_owned(self) -> Self::Owned {
                ::core::unreachable!("the declaration has errors")
            }
        }
        #decode_owned
    }
}
