//! `Packet`: name, state, direction and ids per version.

use proc_macro2::TokenStream;
use quote::quote;

use super::Expander;
use crate::attr::Version;

pub fn expand(e: &Expander<'_>) -> TokenStream {
    let c = e.c;
    let p = &e.p;
    let Some(pk) = &c.packet else {
        return TokenStream::new();
    };
    let (Some(state), Some(direction)) = (pk.state.get(), pk.direction.get()) else {
        return dummy(e);
    };
    let ident = c.ident;
    let name = pk.name.get().map_or_else(|| c.name(), |n| n.value());
    let entries = pk.ids.get().map_or(&[][..], |ids| &ids.entries[..]);
    let ids = entries.iter().map(|entry| {
        // A plain `id = x` applies to every version.
        let since = match &entry.version {
            None => quote!(i32::MIN),
            Some(Version::Lit(v, _)) => quote!(#v),
            Some(v) => {
                let v = e.version(v);
                quote!((#v).0)
            }
        };
        let id = match &entry.value {
            Some(expr) => quote!(#p::Some((#expr) as i32)),
            None => quote!(#p::None),
        };
        quote!(#p::VersionedId { since: #since, id: #id })
    });
    // The owned form (`IntoOwned`, a supertrait) needs `'static` type
    // parameters.
    let mut g = c.generics.clone();
    let types: Vec<syn::Ident> = g.type_params().map(|t| t.ident.clone()).collect();
    if !types.is_empty() {
        let wc = g.make_where_clause();
        for t in &types {
            wc.predicates.push(syn::parse_quote!(#t: 'static));
        }
    }
    let (impl_g, ty_g, where_c) = g.split_for_impl();
    let stat = static_type(e);
    // A static in a generic impl is one for every instance: only packets
    // without type or const parameters (lifetimes do not make distinct
    // types to a registry) get a slot.
    let slot = if c.generics.type_params().next().is_none()
        && c.generics.const_params().next().is_none()
    {
        quote! {
            #[inline(always)]
            fn type_slot() -> #p::Option<&'static #p::TypeSlot> {
                static SLOT: #p::TypeSlot = #p::TypeSlot::new();
                #p::Some(&SLOT)
            }
        }
    } else {
        TokenStream::new()
    };
    quote! {
        #[automatically_derived]
        impl #impl_g #p::Packet for #ident #ty_g #where_c {
            const META: &'static #p::PacketMeta = &#p::PacketMeta {
                name: #name,
                state: #p::State::#state,
                direction: #p::Direction::#direction,
                ids: &[#(#ids),*],
            };
            type Static = #stat;
            #slot
        }
    }
}

/// The type with its lifetime `'static` (itself without one).
fn static_type(e: &Expander<'_>) -> TokenStream {
    let ident = e.c.ident;
    if e.c.borrows {
        let args = super::owned::args_with(e, quote!('static));
        quote!(#ident #args)
    } else {
        let (_, ty_g, _) = e.c.generics.split_for_impl();
        quote!(#ident #ty_g)
    }
}

/// An impl that compiles but is never used: the declaration has errors.
pub fn dummy(e: &Expander<'_>) -> TokenStream {
    let p = &e.p;
    let ident = e.c.ident;
    let name = e.c.name();
    let (impl_g, ty_g, where_c) = e.c.generics.split_for_impl();
    let stat = static_type(e);
    quote! {
        impl #impl_g #p::Packet for #ident #ty_g #where_c {
            const META: &'static #p::PacketMeta = &#p::PacketMeta {
                name: #name,
                state: #p::State::Play,
                direction: #p::Direction::Clientbound,
                ids: &[],
            };
            type Static = #stat;
        }
    }
}
