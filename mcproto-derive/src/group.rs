//! `packet_group!`: an enum of the packets of one (state, direction), with
//! id dispatch tables computed at compile time from the packets' own ids.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Ident, Path, Token, Type, Visibility, braced, parenthesized};

use crate::attr::{ItemValue, items_of};
use crate::ctxt::Ctxt;

struct Entry {
    attrs: Vec<Attribute>,
    variant: Ident,
    ty: Type,
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
        let header;
        parenthesized!(header in input);
        let state: Ident = header.parse()?;
        header.parse::<Token![,]>()?;
        let direction: Ident = header.parse()?;
        let body;
        braced!(body in input);
        let mut entries = Vec::new();
        while !body.is_empty() {
            let attrs = Attribute::parse_outer(&body)?;
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
            entries.push(Entry { attrs, variant, ty });
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

pub fn expand(g: Group) -> TokenStream {
    let ctx = Ctxt::new();
    let mut krate: Path = syn::parse_quote!(::mcproto);
    let mut want_generate = false;
    for item in items_of(&ctx, &g.attrs, "mc") {
        match (item.key.to_string().as_str(), &item.value) {
            ("crate", ItemValue::Eq(ts)) => match syn::parse2::<Path>(ts.clone()) {
                Ok(p) => krate = p,
                Err(e) => ctx.syn_error(e),
            },
            ("generate", ItemValue::Flag) => want_generate = true,
            (other, _) => ctx.error(
                item.span(),
                format!("unknown packet_group attribute `{other}`; expected: crate, generate"),
            ),
        }
    }
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
            ctx.error(
                id.span(),
                format!(
                    "unknown {name} `{id}`; expected one of: {}",
                    valid.join(", ")
                ),
            );
        }
    }
    if g.entries.is_empty() {
        ctx.error(g.ident.span(), "a packet group needs at least one packet");
    }
    if let Err(e) = ctx.check() {
        return e.to_compile_error();
    }

    let p = quote!(#krate::__private);
    let attrs: Vec<&Attribute> = g
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
    let vattrs: Vec<&Vec<Attribute>> = g.entries.iter().map(|e| &e.attrs).collect();
    let idx: Vec<Literal> = (0..g.entries.len())
        .map(|i| Literal::u8_suffixed(i as u8))
        .collect();
    let doc_state = format!("Packets of the {state} state, {direction}.");
    // `#[mc(generate)]`: a random packet of the group that exists in the
    // generator's version (every packet type must implement `Generate`).
    let generate_impl = if want_generate {
        quote! {
            impl #p::Generate for #ident {
                fn generate(g: &mut #p::Gen<'_>) -> Self {
                    let version = g.version();
                    let present = [#(<#types as #p::Packet>::id_for(version).is_some()),*];
                    let n = present.iter().filter(|p| **p).count();
                    let mut k = g.below(n);
                    let mut chosen = 0u8;
                    for (i, p) in present.iter().enumerate() {
                        if *p {
                            if k == 0 {
                                chosen = i as u8;
                                break;
                            }
                            k -= 1;
                        }
                    }
                    match chosen {
                        #(#idx => Self::#variants(<#types as #p::Generate>::generate(g)),)*
                        _ => ::core::unreachable!("a variant index of the group"),
                    }
                }
            }
        }
    } else {
        quote!()
    };

    quote! {
        #(#attrs)*
        #vis enum #ident {
            #(
                #(#vattrs)*
                #[doc = concat!("[`", stringify!(#variants), "`] packet.")]
                #variants(#types),
            )*
        }

        #[allow(clippy::all, unused_qualifications)]
        const _: () = {
            const __MC_LUTS: [[u8; 256]; #p::SUPPORTED_COUNT] =
                #p::build_luts([#(<#types as #p::Packet>::META.ids),*]);
            const _: () = assert!(
                #p::all_in_place([#(<#types as #p::Packet>::META),*], #p::State::#state, #p::Direction::#direction),
                "packet_group!: every packet of a group must declare the group's state and direction"
            );

            #[doc = #doc_state]
            impl #ident {
                /// The state of every packet in this group.
                pub const STATE: #p::State = #p::State::#state;
                /// The direction of every packet in this group.
                pub const DIRECTION: #p::Direction = #p::Direction::#direction;
                /// Descriptors of the group's packets, for building registries.
                pub const DESCRIPTORS: &'static [#p::PacketDescriptor] = &[#(#p::PacketDescriptor::of::<#types>()),*];

                /// Decodes the body of the packet with `id`, for the reader's protocol version.
                #[inline]
                pub fn decode_body(id: i32, r: &mut #p::Reader<'_>) -> #p::Result<Self> {
                    Self::decode_body_with(id, r, false)
                }

                // Each arm decodes the (small) packet, checks for leftover
                // bytes, and only then builds the (large) group value, in
                // place: no Result of the group's size is moved around.
                #[inline]
                fn decode_body_with(id: i32, r: &mut #p::Reader<'_>, strict: bool) -> #p::Result<Self> {
                    let version = r.version();
                    let cx = #p::PacketContext {
                        state: Self::STATE,
                        direction: Self::DIRECTION,
                        id: #p::Some(id),
                        version,
                    };
                    let vi = match #p::supported_index(version.0) {
                        #p::Some(vi) => vi,
                        #p::None => {
                            return #p::Err(#p::Error::new(#p::ErrorKind::UnsupportedVersion { version: version.0 }).with_context(cx));
                        }
                    };
                    let slot = if (0..256).contains(&id) { __MC_LUTS[vi][id as usize] } else { #p::NO_PACKET };
                    match slot {
                        #(
                            #idx => {
                                let p = match <#types as #p::Decode<'_>>::decode(r) {
                                    #p::Ok(p) => p,
                                    #p::Err(e) => {
                                        return #p::Err(e.in_packet(<#types as #p::Packet>::META.name).with_context(cx));
                                    }
                                };
                                if strict && !r.is_empty() {
                                    return #p::Err(#p::trailing_bytes(r.remaining())
                                        .in_packet(<#types as #p::Packet>::META.name)
                                        .with_context(cx));
                                }
                                #p::Ok(Self::#variants(p))
                            }
                        )*
                        _ => #p::Err(#p::Error::new(#p::ErrorKind::UnknownPacket { id }).with_context(cx)),
                    }
                }

                /// Decodes packet id + body; the packet must span all of `data`.
                #[inline]
                pub fn decode(data: &[u8], version: #p::ProtocolVersion) -> #p::Result<Self> {
                    Self::decode_from(&mut #p::Reader::new(data, version))
                }

                /// Decodes packet id + body from a shared buffer, without copying
                /// `Bytes` and string fields.
                #[inline]
                pub fn decode_bytes(data: &#p::Bytes, version: #p::ProtocolVersion) -> #p::Result<Self> {
                    Self::decode_from(&mut #p::Reader::from_bytes(data, version))
                }

                #[inline]
                #[inline]
                fn decode_from(r: &mut #p::Reader<'_>) -> #p::Result<Self> {
                    let id = match r.varint() {
                        #p::Ok(id) => id,
                        #p::Err(e) => {
                            return #p::Err(e.with_context(#p::PacketContext {
                                state: Self::STATE,
                                direction: Self::DIRECTION,
                                id: #p::None,
                                version: r.version(),
                            }));
                        }
                    };
                    Self::decode_body_with(id, r, true)
                }

                /// The packet's name.
                pub fn name(&self) -> &'static str {
                    match self {
                        #(Self::#variants(_) => <#types as #p::Packet>::META.name,)*
                    }
                }

                /// The packet's id in `version`.
                pub fn id(&self, version: #p::ProtocolVersion) -> #p::Option<i32> {
                    match self {
                        #(Self::#variants(_) => <#types as #p::Packet>::id_for(version),)*
                    }
                }

                /// Encodes the body (without the id).
                pub fn encode_body(&self, w: &mut #p::Writer<'_>) -> #p::Result<()> {
                    match self {
                        #(Self::#variants(p) => #p::Encode::encode(p, w),)*
                    }
                }

                /// Packet id + body for `version`.
                pub fn encode(&self, version: #p::ProtocolVersion) -> #p::Result<#p::Vec<u8>> {
                    match self {
                        #(Self::#variants(p) => #p::Packet::encode_packet(p, version),)*
                    }
                }

                /// The packet as an [`AnyPacket`].
                pub fn into_any(self) -> #p::AnyPacket {
                    match self {
                        #(Self::#variants(p) => #p::AnyPacket::new(p),)*
                    }
                }
            }

            #(
                impl ::core::convert::From<#types> for #ident {
                    fn from(p: #types) -> Self {
                        Self::#variants(p)
                    }
                }
            )*

            #generate_impl

            impl #p::PacketGroup for #ident {
                const STATE: #p::State = #p::State::#state;
                const DIRECTION: #p::Direction = #p::Direction::#direction;
                fn decode_body(id: i32, r: &mut #p::Reader<'_>) -> #p::Result<Self> {
                    #ident::decode_body(id, r)
                }
                fn encode_body(&self, w: &mut #p::Writer<'_>) -> #p::Result<()> {
                    #ident::encode_body(self, w)
                }
                fn id(&self, version: #p::ProtocolVersion) -> #p::Option<i32> {
                    #ident::id(self, version)
                }
                fn name(&self) -> &'static str {
                    #ident::name(self)
                }
            }

            impl ::core::convert::TryFrom<#p::AnyPacket> for #ident {
                type Error = #p::AnyPacket;
                fn try_from(p: #p::AnyPacket) -> ::core::result::Result<Self, #p::AnyPacket> {
                    #(
                        let p = match p.downcast::<#types>() {
                            ::core::result::Result::Ok(x) => return ::core::result::Result::Ok(Self::#variants(x)),
                            ::core::result::Result::Err(p) => p,
                        };
                    )*
                    ::core::result::Result::Err(p)
                }
            }
        };
    }
}
