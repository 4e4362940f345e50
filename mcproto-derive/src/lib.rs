//! Derive macros of mcproto: `Encode`, `Decode`, `Packet`, `Generate`, and
//! the `packet_group!` macro. Use them through the `mcproto` crate, whose
//! documentation describes the attributes.
//!
//! Each derive runs the same pipeline: `attr` parses the attributes into
//! typed slots, `ast` builds the model, `check` reports what only the whole
//! declaration shows, all into one `ctxt::Ctxt`; then `expand` generates
//! one impl per trait. With errors, the impls are still emitted as stubs
//! next to the errors, so that uses of the type elsewhere do not add
//! "trait not implemented" errors of their own.

mod ast;
mod attr;
mod check;
mod ctxt;
mod expand;
mod group;

use proc_macro::TokenStream;

/// Where generated code finds the framework: the `mcproto` facade, which is
/// what users depend on, except while compiling this project's own core and
/// packets crates (and their tests), which sit below the facade and name
/// the core crate. `#[mc(crate = path)]` overrides it.
fn default_crate() -> syn::Path {
    match std::env::var("CARGO_PKG_NAME").as_deref() {
        Ok("mcproto-core" | "mcproto-packets") => syn::parse_quote!(::mcproto_core),
        _ => syn::parse_quote!(::mcproto),
    }
}
use syn::{DeriveInput, parse_macro_input};

use crate::ast::Derive;

/// Derives `Encode` and `Describe` (and `IntValue` for enums of constants).
#[proc_macro_derive(Encode, attributes(mc))]
pub fn derive_encode(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input, Derive::Encode).into()
}

/// Derives `Decode`.
#[proc_macro_derive(Decode, attributes(mc))]
pub fn derive_decode(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input, Derive::Decode).into()
}

/// Derives `Packet`, `Encode`, `Decode` and `Describe` from
/// `#[packet(id = .., state = .., direction = ..)]` and the fields.
#[proc_macro_derive(Packet, attributes(mc, packet))]
pub fn derive_packet(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input, Derive::Packet).into()
}

/// Derives `Generate` (random valid values, with mcproto's `generate`
/// feature).
#[proc_macro_derive(Generate, attributes(mc))]
pub fn derive_generate(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input, Derive::Generate).into()
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
/// The group is a typed view of whatever registry decodes it: each registry
/// makes, once, its table from id to variant, so one group serves every
/// protocol version and every fork. Besides one variant per listed packet,
/// the enum gets `Other(AnyPacket)` (a packet the registry knows and the
/// group does not) and `Unknown(RawPacket<'a>)` (an id the registry does not
/// know), and the lifetime `'a` that `Unknown` borrows the frame for.
/// `#[boxed]` on an entry makes its variant hold `Box<Packet>`, so that one
/// large packet does not make every value of the group large. With
/// `#[mc(generate)]` on the enum, the group also gets `generate(g,
/// registry)` (a random packet that the registry has; every packet type
/// must implement `Generate`).
///
/// The macro also declares the trait `<Name>Handler<'a>`
/// (`ServerboundStatusHandler` above): one method per packet, named after
/// its variant in snake case (`status_request`, `ping`), taking the packet,
/// and `packet`, taking the group value. Every packet method defaults to
/// calling `packet`. A decoder's `handle(frame, &mut handler)` decodes a
/// packet straight into its method, without building the group value.
#[proc_macro]
pub fn packet_group(input: TokenStream) -> TokenStream {
    let g = parse_macro_input!(input as group::Group);
    group::expand(g).into()
}
