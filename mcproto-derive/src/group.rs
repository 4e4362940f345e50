//! `packet_group!`: the enum of the packets of one (state, direction), a
//! typed view of whatever registry decodes it.
//!
//! The macro lists packet types; which id is which variant is decided per
//! registry at run time (the registry builds the table once), so one group
//! serves every protocol version and every fork. The enum gets two more
//! variants: `Other`, for a packet the registry knows and the group does
//! not, and `Unknown`, for an id the registry does not know.

use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::visit_mut::VisitMut;
use syn::{Attribute, Ident, Lifetime, Path, Token, Type, Visibility, braced, parenthesized};

struct Entry {
    attrs: Vec<Attribute>,
    variant: Ident,
    ty: Type,
    // `#[boxed]`: the variant holds `Box<ty>`, so that a large packet does
    // not make every value of the group large.
    boxed: bool,
}

pub struct Group {
    attrs: Vec<Attribute>,
    vis: Visibility,
    ident: Ident,
    state: Ident,
    direction: Ident,
    entries: Vec<Entry>,
}

impl Parse for Group {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = Attribute::parse_outer(input)?;
        let vis: Visibility = input.parse()?;
        input.parse::<Token![enum]>()?;
        let ident: Ident = input.parse()?;
        if input.peek(Token![<]) {
            return Err(input.error(
                "a packet group takes no generics: the macro adds the lifetime `'a` that its \
                 `Unknown` variant (and any borrowing packet) uses",
            ));
        }
        let header;
        parenthesized!(header in input);
        let state: Ident = header.parse()?;
        header.parse::<Token![,]>()?;
        let direction: Ident = header.parse()?;
        if !header.is_empty() {
            return Err(header.error("expected `(State, Direction)`"));
        }
        let body;
        braced!(body in input);
        let mut entries = Vec::new();
        while !body.is_empty() {
            let mut attrs = Attribute::parse_outer(&body)?;
            let before = attrs.len();
            attrs.retain(|a| !a.path().is_ident("boxed"));
            let boxed = attrs.len() != before;
            let (variant, ty) = if body.peek(Ident) && body.peek2(Token![=]) {
                let v: Ident = body.parse()?;
                body.parse::<Token![=]>()?;
                (v, body.parse::<Type>()?)
            } else {
                let path: Path = body.parse()?;
                let v = path
                    .segments
                    .last()
                    .map(|s| s.ident.clone())
                    .ok_or_else(|| syn::Error::new_spanned(&path, "expected a packet type"))?;
                (v, Type::Path(syn::TypePath { qself: None, path }))
            };
            entries.push(Entry {
                attrs,
                variant,
                ty,
                boxed,
            });
            if body.is_empty() {
                break;
            }
            body.parse::<Token![,]>()?;
        }
        Ok(Group {
            attrs,
            vis,
            ident,
            state,
            direction,
            entries,
        })
    }
}

/// Replaces every lifetime in a type with `'static` (for `TypeId`), and
/// notes whether there was one.
struct Staticize(bool);

impl VisitMut for Staticize {
    fn visit_lifetime_mut(&mut self, l: &mut Lifetime) {
        self.0 = true;
        *l = Lifetime::new("'static", l.span());
    }
}

/// The first lifetime a type names.
fn first_lifetime(ty: &Type) -> Option<Lifetime> {
    struct First(Option<Lifetime>);
    impl VisitMut for First {
        fn visit_lifetime_mut(&mut self, l: &mut Lifetime) {
            if self.0.is_none() {
                self.0 = Some(l.clone());
            }
        }
    }
    let mut f = First(None);
    f.visit_type_mut(&mut ty.clone());
    f.0
}

/// The handler method of a variant: `PlayerPositionAndLook` →
/// `player_position_and_look` (a raw identifier if that is a keyword).
fn method_name(variant: &Ident) -> Ident {
    let mut out = String::new();
    let name = variant.to_string();
    let chars: Vec<char> = name.trim_start_matches("r#").chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            // A word starts at an upper-case letter, except inside a run of
            // them (`UUID` stays one word) unless a lower-case letter follows.
            let prev_upper = i > 0 && chars[i - 1].is_uppercase();
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if i > 0 && (!prev_upper || next_lower) && !out.ends_with('_') {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(*c);
        }
    }
    match syn::parse_str::<Ident>(&out) {
        Ok(_) => Ident::new(&out, variant.span()),
        Err(_) => Ident::new_raw(&out, variant.span()),
    }
}

/// `#[mc(crate = path, generate)]` on the group.
struct GroupAttrs {
    krate: Path,
    generate: bool,
}

fn parse_attrs(attrs: &[Attribute], errors: &mut Vec<syn::Error>) -> GroupAttrs {
    let mut out = GroupAttrs {
        krate: crate::default_crate(),
        generate: false,
    };
    let mut seen: Vec<String> = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("mc")) {
        let r = attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            if seen.contains(&key) {
                return Err(meta.error(format!("duplicate `{key}` attribute")));
            }
            seen.push(key.clone());
            match key.as_str() {
                // `crate = path`: where the mcproto items are.
                "crate" => {
                    out.krate = meta.value()?.parse()?;
                    Ok(())
                }
                // `generate`: the group gets a random-packet generator.
                "generate" => {
                    out.generate = true;
                    Ok(())
                }
                _ => Err(meta.error(format!(
                    "unknown packet_group attribute `{}`; expected: crate, generate",
                    key
                ))),
            }
        });
        if let Err(e) = r {
            errors.push(e);
        }
    }
    out
}

pub fn expand(g: Group) -> TokenStream {
    let mut errors = Vec::new();
    let attrs = parse_attrs(&g.attrs, &mut errors);
    for (name, id, valid) in [
        (
            "state",
            &g.state,
            &["Handshaking", "Status", "Login", "Play"][..],
        ),
        (
            "direction",
            &g.direction,
            &["Serverbound", "Clientbound"][..],
        ),
    ] {
        if !valid.contains(&id.to_string().as_str()) {
            errors.push(syn::Error::new(
                id.span(),
                format!(
                    "unknown {name} `{id}`; expected one of: {}",
                    valid.join(", ")
                ),
            ));
        }
    }
    if g.entries.is_empty() {
        errors.push(syn::Error::new(
            g.ident.span(),
            "a packet group needs at least one packet",
        ));
    }
    for (i, e) in g.entries.iter().enumerate() {
        if g.entries[..i].iter().any(|x| x.variant == e.variant) {
            errors.push(syn::Error::new(
                e.variant.span(),
                format!(
                    "two packets of the group are both named `{}`; name one `Name = path::Type`",
                    e.variant
                ),
            ));
        }
        if e.variant == "Other" || e.variant == "Unknown" {
            errors.push(syn::Error::new(
                e.variant.span(),
                format!(
                    "`{}` is the group's own variant; name this packet `Name = path::Type`",
                    e.variant
                ),
            ));
        }
    }
    let methods: Vec<Ident> = g.entries.iter().map(|e| method_name(&e.variant)).collect();
    for (i, (e, m)) in g.entries.iter().zip(&methods).enumerate() {
        // Equal variant names are reported above.
        if let Some(first) = methods[..i].iter().position(|x| x == m)
            && g.entries[first].variant != e.variant
        {
            errors.push(syn::Error::new(
                e.variant.span(),
                format!(
                    "`{}` and `{}` would both make the handler method `{m}`; name one \
                     `Name = path::Type`",
                    g.entries[first].variant, e.variant
                ),
            ));
        }
        if m == "packet" {
            errors.push(syn::Error::new(
                e.variant.span(),
                format!(
                    "`{}` would make the handler method `{m}`, which the handler trait has \
                     already; name this packet `Name = path::Type`",
                    e.variant
                ),
            ));
        }
    }
    if !errors.is_empty() {
        return errors.iter().map(syn::Error::to_compile_error).collect();
    }

    let krate = &attrs.krate;
    let p = quote!(#krate::__private);
    let p_none = quote!(#p::None);
    let p_some = quote!(#p::Some);
    let p_into_owned = quote!(#p::IntoOwned::into_owned);
    let outer: Vec<&Attribute> = g
        .attrs
        .iter()
        .filter(|a| !a.path().is_ident("mc"))
        .collect();
    let vis = &g.vis;
    let ident = &g.ident;
    let state = &g.state;
    let direction = &g.direction;
    let variants: Vec<&Ident> = g.entries.iter().map(|e| &e.variant).collect();
    let types: Vec<&Type> = g.entries.iter().map(|e| &e.ty).collect();
    let mut borrowing = Vec::new();
    let static_types: Vec<Type> = types
        .iter()
        .map(|t| {
            let mut t = (*t).clone();
            let mut s = Staticize(false);
            s.visit_type_mut(&mut t);
            borrowing.push(s.0);
            t
        })
        .collect();
    // A packet type with a lifetime is not `'static`: no `&dyn Any` of
    // it; it is made owned by converting it, the others are moved.
    let any_arm: Vec<TokenStream> = g
        .entries
        .iter()
        .zip(&borrowing)
        .map(|(e, b)| {
            let v = &e.variant;
            let d = if e.boxed { quote!(&**p) } else { quote!(p) };
            if *b {
                quote!(Self::#v(_) => #p_none,)
            } else {
                quote!(Self::#v(p) => #p_some(#d),)
            }
        })
        .collect();
    let owned_arm: Vec<TokenStream> = g
        .entries
        .iter()
        .zip(&borrowing)
        .map(|(e, b)| {
            let v = &e.variant;
            if *b {
                quote!(Self::#v(p) => #ident::#v(#p_into_owned(p)),)
            } else {
                quote!(Self::#v(p) => #ident::#v(p),)
            }
        })
        .collect();
    let vattrs: Vec<&Vec<Attribute>> = g.entries.iter().map(|e| &e.attrs).collect();
    // What each variant holds, how to make it from a packet `p`, and how to
    // reach the packet in a bound `p`.
    let held: Vec<TokenStream> = g
        .entries
        .iter()
        .map(|e| {
            let t = &e.ty;
            if e.boxed {
                quote!(#p::Box<#t>)
            } else {
                quote!(#t)
            }
        })
        .collect();
    let wrap: Vec<TokenStream> = g
        .entries
        .iter()
        .map(|e| {
            if e.boxed {
                quote!(#p::Box::new(p))
            } else {
                quote!(p)
            }
        })
        .collect();
    let deref: Vec<TokenStream> = g
        .entries
        .iter()
        .map(|e| if e.boxed { quote!(&**p) } else { quote!(p) })
        .collect();
    let idx: Vec<Literal> = (0..g.entries.len())
        .map(|i| Literal::u8_suffixed(i.min(255) as u8))
        .collect();
    let idx_usize: Vec<Literal> = (0..g.entries.len())
        .map(Literal::usize_unsuffixed)
        .collect();
    let name = ident.to_string();
    let n = g.entries.len();
    // The lifetime the entries name (`PluginMessage<'a>`), with its span,
    // so that it is the same lifetime when the group is declared inside
    // another macro.
    let a = types
        .iter()
        .find_map(|t| first_lifetime(t))
        .unwrap_or_else(|| Lifetime::new("'a", Span::call_site()));

    let generate_impl = if attrs.generate {
        quote! {
            impl #ident<'static> {
                /// A random packet of the group that `registry` has (every
                /// packet type must implement `Generate`).
                pub fn generate(g: &mut #p::Gen<'_>, registry: &#p::Registry) -> Self {
                    let present = [#(registry.id_of::<#static_types>().is_some()),*];
                    let count = present.iter().filter(|p| **p).count();
                    let mut k = g.below(count);
                    let mut chosen = 0usize;
                    for (i, p) in present.iter().enumerate() {
                        if *p {
                            if k == 0 {
                                chosen = i;
                                break;
                            }
                            k -= 1;
                        }
                    }
                    match chosen {
                        #(#idx_usize => Self::#variants({
                            let p = <#static_types as #p::Generate>::generate(g);
                            #wrap
                        }),)*
                        _ => ::core::unreachable!("a variant index of the group"),
                    }
                }
            }
        }
    } else {
        quote!()
    };

    let handler = Ident::new(&format!("{ident}Handler"), ident.span());
    let handler_doc = format!(
        "Handles the packets of [`{ident}`] by method: a packet with a method \
         of its own is decoded straight into it, without building the group \
         value; every other packet (and `Other`, `Unknown`) reaches \
         [`packet`](Self::packet) as the group value.\n\n\
         Implement `packet` and the methods of the packets you handle, then \
         pass it to `handle` of a decoder from \
         `registry.group_decoder::<{ident}>()`."
    );
    let method_docs: Vec<String> = variants
        .iter()
        .map(|v| format!("A [`{v}`] packet (by default, [`packet`](Self::packet) gets it)."))
        .collect();
    let boxed_wrap: Vec<TokenStream> = g
        .entries
        .iter()
        .map(|e| {
            if e.boxed {
                quote!(#p::Box::new(packet))
            } else {
                quote!(packet)
            }
        })
        .collect();

    quote! {
        #[doc = #handler_doc]
        #vis trait #handler<#a> {
            /// What each method returns.
            type Output;

            /// A packet without a method of its own in this implementation,
            /// as the group value.
            fn packet(&mut self, packet: #ident<#a>) -> Self::Output;

            #(
                #[doc = #method_docs]
                #[inline]
                fn #methods(&mut self, packet: #types) -> Self::Output {
                    self.packet(#ident::#variants(#boxed_wrap))
                }
            )*
        }

        #[allow(clippy::all, unused_qualifications)]
        const _: () = {
            impl<'__mc_any, #a, __H: #handler<#a>> #p::HandledBy<#a, __H> for #ident<'__mc_any> {
                type Output = __H::Output;

                // Inlined into the caller's loop, so that the packet's
                // fields reach the method in registers.
                #[inline(always)]
                fn handle_variant(
                    h: &mut __H,
                    index: u8,
                    r: &mut #p::Reader<#a>,
                    strict: bool,
                ) -> #p::Result<Self::Output> {
                    match index {
                        #(
                            #idx => {
                                let p = <#types as #p::Decode<#a>>::decode(r)?;
                                if strict && !r.is_empty() {
                                    return #p::Err(#p::trailing_bytes(r.remaining()));
                                }
                                #p::Ok(h.#methods(p))
                            }
                        )*
                        _ => ::core::unreachable!("the registry's table holds variant indices of this group"),
                    }
                }

                #[inline]
                fn handle_packet(h: &mut __H, packet: #ident<#a>) -> Self::Output {
                    h.packet(packet)
                }
            }
        };

        #(#outer)*
        #vis enum #ident<#a> {
            #(
                #(#vattrs)*
                #[doc = concat!("[`", stringify!(#variants), "`] packet.")]
                #variants(#held),
            )*
            /// A packet the registry knows and this group has no variant
            /// for (a fork's own packet), decoded.
            Other(#p::AnyPacket),
            /// A packet whose id the registry does not know, undecoded.
            Unknown(#p::RawPacket<#a>),
        }

        #[allow(clippy::all, unused_qualifications)]
        const _: () = {
            const _: () = assert!(
                #p::all_in_place([#(<#static_types as #p::Packet>::META),*], #p::State::#state, #p::Direction::#direction),
                "packet_group!: every packet of a group must declare the group's state and direction"
            );
            const _: () = assert!(
                #n <= #p::MAX_GROUP_VARIANTS,
                "packet_group!: too many packets in one group"
            );

            /// Takes every packet as the group value: what `decode` returns.
            struct __GroupValue;

            impl<#a> #handler<#a> for __GroupValue {
                type Output = #ident<#a>;
                #[inline(always)]
                fn packet(&mut self, packet: #ident<#a>) -> #ident<#a> {
                    packet
                }
            }

            impl<'__mc_any> #p::PacketGroup for #ident<'__mc_any> {
                type Of<#a> = #ident<#a>;
                fn group_id() -> #p::TypeId {
                    #p::TypeId::of::<#ident<'static>>()
                }
                const STATE: #p::State = #p::State::#state;
                const DIRECTION: #p::Direction = #p::Direction::#direction;
                const NAME: &'static str = #name;

                fn packet_types() -> #p::Vec<#p::TypeId> {
                    #p::Vec::from([#(#p::TypeId::of::<#static_types>()),*])
                }

                // The handler that takes every packet as the group value:
                // each arm decodes the packet, checks for leftover bytes, and
                // only then builds the (larger) group value.
                #[inline(always)]
                fn decode_variant<#a>(
                    index: u8,
                    r: &mut #p::Reader<#a>,
                    strict: bool,
                ) -> #p::Result<#ident<#a>> {
                    <Self as #p::HandledBy<#a, __GroupValue>>::handle_variant(
                        &mut __GroupValue,
                        index,
                        r,
                        strict,
                    )
                }

                fn packet_any<'p>(packet: &'p #ident<'_>) -> #p::Option<&'p dyn ::core::any::Any> {
                    packet.as_any()
                }

                fn packet_type(packet: &#ident<'_>) -> #p::Option<#p::TypeId> {
                    packet.packet_type()
                }

                fn packet_owned(packet: &#ident<'_>) -> #p::Option<#p::Box<dyn ::core::any::Any>> {
                    match packet {
                        #(#ident::#variants(p) => #p::Some(#p::Box::new(
                            #p_into_owned(::core::clone::Clone::clone(#deref)),
                        )),)*
                        #ident::Other(p) => #p::Some(p.clone().into_any()),
                        #ident::Unknown(_) => #p::None,
                    }
                }

                fn name_of(packet: &#ident<'_>) -> &'static str {
                    packet.name()
                }

                fn encode_packet(
                    packet: &#ident<'_>,
                    registry: &#p::Registry,
                    buf: &mut #p::Vec<u8>,
                ) -> #p::Result<()> {
                    packet.encode_into(registry, buf)
                }

                fn other<#a>(packet: #p::AnyPacket) -> #ident<#a> {
                    #ident::Other(packet)
                }

                fn unknown(packet: #p::RawPacket<'_>) -> #ident<'_> {
                    #ident::Unknown(packet)
                }
            }

            impl<#a> #ident<#a> {
                /// The state of every packet in this group.
                pub const STATE: #p::State = #p::State::#state;
                /// The direction of every packet in this group.
                pub const DIRECTION: #p::Direction = #p::Direction::#direction;

                /// The packet's name (`"Unknown"` for an unknown id).
                pub fn name(&self) -> &'static str {
                    match self {
                        #(Self::#variants(_) => <#static_types as #p::Packet>::META.name,)*
                        Self::Other(p) => p.name(),
                        Self::Unknown(_) => "Unknown",
                    }
                }

                /// Appends packet id + body to `buf`, with the ids of `registry`.
                pub fn encode_into(&self, registry: &#p::Registry, buf: &mut #p::Vec<u8>) -> #p::Result<()> {
                    match self {
                        #(Self::#variants(p) => registry.encode(#deref, buf),)*
                        Self::Other(p) => registry.encode_any(p.as_dyn(), buf),
                        Self::Unknown(p) => {
                            p.encode_into(buf);
                            #p::Ok(())
                        }
                    }
                }

                /// The decoded packet, for downcasting, if its type has no
                /// lifetime (`None` for a packet that borrows from the
                /// frame, and for an unknown id): match the variant, or
                /// downcast [`into_owned`](Self::into_owned)'s packet.
                pub fn as_any(&self) -> #p::Option<&dyn ::core::any::Any> {
                    match self {
                        #(#any_arm)*
                        Self::Other(p) => #p::Some(p.as_dyn().as_any()),
                        Self::Unknown(_) => #p::None,
                    }
                }

                /// The `TypeId` of the packet's owned form (`None` for an
                /// unknown id).
                pub fn packet_type(&self) -> #p::Option<#p::TypeId> {
                    match self {
                        #(Self::#variants(_) => #p::Some(#p::TypeId::of::<#static_types>()),)*
                        Self::Other(p) => #p::Some(p.as_dyn().as_any().type_id()),
                        Self::Unknown(_) => #p::None,
                    }
                }

                /// The same packet, owning everything it borrowed (the
                /// strings and byte arrays of the frame are copied).
                pub fn into_owned(self) -> #ident<'static> {
                    match self {
                        #(#owned_arm)*
                        Self::Other(p) => #ident::Other(p),
                        Self::Unknown(p) => #ident::Unknown(p.into_owned()),
                    }
                }
            }

            #(
                impl<#a> ::core::convert::From<#types> for #ident<#a> {
                    fn from(p: #types) -> Self {
                        Self::#variants(#wrap)
                    }
                }
            )*

            #generate_impl
        };
    }
}

#[cfg(test)]
mod tests {
    use super::method_name;
    use proc_macro2::Span;
    use syn::Ident;

    fn m(v: &str) -> String {
        method_name(&Ident::new(v, Span::call_site())).to_string()
    }

    #[test]
    fn handler_methods_are_the_variants_in_snake_case() {
        assert_eq!(m("PlayerPositionAndLook"), "player_position_and_look");
        assert_eq!(m("KeepAlive"), "keep_alive");
        assert_eq!(m("Ping"), "ping");
        // A run of capitals is one word, up to the capital that starts the
        // next word.
        assert_eq!(m("UUIDRequest"), "uuid_request");
        assert_eq!(m("SetUUID"), "set_uuid");
        // A keyword becomes a raw identifier.
        assert_eq!(m("Use"), "r#use");
        assert_eq!(m("Move"), "r#move");
    }
}
