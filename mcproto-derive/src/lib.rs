//! Derive macros of mcproto: `Encode`, `Decode`, `Packet`, `Generate`, and
//! the `packet_group!` macro. Use them through the `mcproto` crate, whose
//! documentation describes the attributes.
//!
//! Each derive parses the type's attributes into a model, checks it
//! (gathering every error, each at its span), and only then generates code.

mod attrs;
mod expand;
mod group;
mod model;

use proc_macro::TokenStream;
use quote::quote;
use syn::{DeriveInput, parse_macro_input};

use crate::attrs::Ctx;
use crate::expand::{Expander, wrap};

fn run(
    input: TokenStream,
    want_packet: bool,
    f: impl Fn(&Expander) -> proc_macro2::TokenStream,
) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let mut ctx = Ctx::default();
    let model = model::parse(&mut ctx, &input, want_packet);
    if ctx.has_errors() {
        return ctx.to_compile_errors().into();
    }
    wrap(f(&Expander::new(&model))).into()
}

/// Derives `Encode` (and `Describe`; `IntValue` for plain-value enums).
#[proc_macro_derive(Encode, attributes(mc))]
pub fn derive_encode(input: TokenStream) -> TokenStream {
    run(input, false, |e| {
        let a = e.encode_impl();
        let b = e.describe_impl();
        quote!(#a #b)
    })
}

/// Derives `Decode`.
#[proc_macro_derive(Decode, attributes(mc))]
pub fn derive_decode(input: TokenStream) -> TokenStream {
    run(input, false, |e| e.decode_impl())
}

/// Derives `Packet`, `Encode`, `Decode` and `Describe` from
/// `#[packet(id = .., state = .., direction = ..)]` and the fields.
#[proc_macro_derive(Packet, attributes(mc, packet))]
pub fn derive_packet(input: TokenStream) -> TokenStream {
    run(input, true, |e| {
        let a = e.encode_impl();
        let b = e.describe_impl();
        let c = e.decode_impl();
        let d = e.packet_impl();
        quote!(#a #b #c #d)
    })
}

/// Derives `Generate` (random valid values). Attribute errors are reported
/// by the `Encode`/`Decode`/`Packet` derive on the same type.
#[proc_macro_derive(Generate, attributes(mc))]
pub fn derive_generate(input: TokenStream) -> TokenStream {
    let parsed = parse_macro_input!(input as DeriveInput);
    let mut ctx = Ctx::default();
    let model = model::parse(&mut ctx, &parsed, false);
    if ctx.has_errors() {
        return TokenStream::new();
    }
    if model.borrows {
        return syn::Error::new(
            model.de_lifetime.span(),
            "Generate needs a type without lifetime parameters",
        )
        .to_compile_error()
        .into();
    }
    wrap(Expander::new(&model).generate_impl()).into()
}

/// Declares the enum of the packets of one state and direction:
///
/// ```ignore
/// packet_group! {
///     /// Serverbound status packets.
///     pub enum ServerboundStatus(Status, Serverbound) { StatusRequest, Ping }
/// }
/// ```
///
/// Ids come from each packet's `#[packet]` attribute; a table per protocol
/// version is computed at compile time, and two packets with one id in a
/// version stop the build. With `#[mc(generate)]` on the enum, the group
/// also implements `Generate` (a random packet that exists in the
/// generator's version; every packet type must implement `Generate`).
#[proc_macro]
pub fn packet_group(input: TokenStream) -> TokenStream {
    let g = parse_macro_input!(input as group::Group);
    group::expand(g).into()
}
