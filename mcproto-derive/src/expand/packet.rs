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

/// An impl that compiles but is never used: the declaration has errors.
pub fn dummy(e: &Expander<'_>) -> TokenStream {
    let p = &e.p;
    let ident = e.c.ident;
    let name = e.c.name();
    let (impl_g, ty_g, where_c) = e.c.generics.split_for_impl();
    quote! {
        impl #impl_g #p::Packet for #ident #ty_g #where_c {
            const META: &'static #p::PacketMeta = &#p::PacketMeta {
                name: #name,
                state: #p::State::Play,
                direction: #p::Direction::Clientbound,
                ids: &[],
            };
        }
    }
}
