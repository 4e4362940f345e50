//! The checked model of a type deriving `Encode`/`Decode`/`Packet`/`Generate`.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields as SynFields, Generics, Ident, Lifetime};

use crate::attrs::{self, ContainerAttrs, Ctx, Field, PacketAttrs, Repr};

pub enum Style {
    Named,
    Tuple,
    Unit,
}

pub struct Fields {
    pub style: Style,
    pub fields: Vec<Field>,
}

pub struct Variant {
    pub ident: Ident,
    pub tag: i64,
    pub fields: Fields,
    pub other: bool,
}

pub enum Body {
    Struct(Fields),
    Enum { tag: Repr, variants: Vec<Variant> },
}

pub struct Container {
    pub ident: Ident,
    pub generics: Generics,
    pub attrs: ContainerAttrs,
    pub body: Body,
    pub packet: Option<PacketAttrs>,
    /// The lifetime values borrow from while decoding.
    pub de_lifetime: Lifetime,
    /// Whether `de_lifetime` is the type's own lifetime parameter.
    pub borrows: bool,
}

impl Container {
    pub fn name(&self) -> String {
        self.ident.to_string()
    }

    pub fn is_value_enum(&self) -> bool {
        match &self.body {
            Body::Enum { variants, .. } => variants
                .iter()
                .all(|v| v.other || matches!(v.fields.style, Style::Unit)),
            Body::Struct(_) => false,
        }
    }
}

fn parse_fields(ctx: &mut Ctx, fields: &SynFields) -> Fields {
    let (style, list): (Style, Vec<&syn::Field>) = match fields {
        SynFields::Named(n) => (Style::Named, n.named.iter().collect()),
        SynFields::Unnamed(u) => (Style::Tuple, u.unnamed.iter().collect()),
        SynFields::Unit => (Style::Unit, Vec::new()),
    };
    let parsed: Vec<Field> = list
        .iter()
        .enumerate()
        .map(|(i, f)| attrs::parse_field(ctx, i, f))
        .collect();
    let n = parsed.len();
    for (i, f) in parsed.iter().enumerate() {
        if let Some((span, ..)) = &f.attrs.rest.value
            && i + 1 != n
        {
            ctx.error(
                *span,
                "`rest` reads to the end of the packet, so it must be on the last field",
            );
        }
    }
    Fields {
        style,
        fields: parsed,
    }
}

pub fn parse(ctx: &mut Ctx, input: &DeriveInput, want_packet: bool) -> Container {
    let attrs = attrs::parse_container(ctx, &input.attrs);

    let lifetimes: Vec<&syn::LifetimeParam> = input.generics.lifetimes().collect();
    let (de_lifetime, borrows) = match lifetimes.as_slice() {
        [] => (Lifetime::new("'__mc_de", Span::call_site()), false),
        [one] => (one.lifetime.clone(), true),
        [_, second, ..] => {
            ctx.error(
                second.span(),
                "at most one lifetime parameter: decoded fields borrow from the packet bytes for that lifetime",
            );
            (lifetimes[0].lifetime.clone(), true)
        }
    };

    let body = match &input.data {
        Data::Struct(s) => {
            if let Some((span, _)) = attrs.tag {
                ctx.error(span, "`tag` applies to enums, not structs");
            }
            Body::Struct(parse_fields(ctx, &s.fields))
        }
        Data::Enum(e) => {
            let tag = match attrs.tag {
                Some((_, r)) => r,
                None => {
                    ctx.error(
                        input.ident.span(),
                        format!(
                            "an enum needs its wire representation: #[mc(tag = ...)] with one of: {}",
                            attrs::REPR_NAMES
                        ),
                    );
                    Repr::VarInt
                }
            };
            let mut variants: Vec<Variant> = Vec::new();
            let mut next = 0i64;
            let mut seen: Vec<i64> = Vec::new();
            for v in &e.variants {
                let va = attrs::parse_variant(ctx, &v.attrs);
                let fields = parse_fields(ctx, &v.fields);
                let discriminant = v
                    .discriminant
                    .as_ref()
                    .and_then(|(_, e)| attrs::int_of_expr(e));
                let tag_value = match (va.tag, discriminant) {
                    (Some((_, t)), _) => t,
                    (None, Some(d)) => d,
                    (None, None) => next,
                };
                if va.other {
                    let ok = matches!(fields.style, Style::Tuple) && fields.fields.len() == 1;
                    if !ok {
                        ctx.error(
                            v.ident.span(),
                            "an `other` variant holds the unknown value: `Unknown(i32)`",
                        );
                    }
                    if variants.iter().any(|x| x.other) {
                        ctx.error(v.ident.span(), "only one variant can be `other`");
                    }
                } else {
                    if seen.contains(&tag_value) {
                        let span = va.tag.map_or(v.ident.span(), |(s, _)| s);
                        ctx.error(
                            span,
                            format!("tag value {tag_value} is used by an earlier variant"),
                        );
                    }
                    seen.push(tag_value);
                    next = tag_value.wrapping_add(1);
                }
                variants.push(Variant {
                    ident: v.ident.clone(),
                    tag: tag_value,
                    fields,
                    other: va.other,
                });
            }
            let has_data = variants
                .iter()
                .any(|v| !v.other && !matches!(v.fields.style, Style::Unit));
            if has_data && let Some(o) = variants.iter().find(|v| v.other) {
                ctx.error(
                    o.ident.span(),
                    "`other` keeps unknown values of plain-value enums; an enum whose variants carry fields \
                     cannot decode an unknown tag",
                );
            }
            if variants.iter().all(|v| v.other) {
                ctx.error(
                    input.ident.span(),
                    "an enum needs at least one variant with a tag",
                );
            }
            Body::Enum { tag, variants }
        }
        Data::Union(u) => {
            ctx.error(
                u.union_token.span,
                "unions cannot be encoded; use an enum with #[mc(tag = ...)]",
            );
            Body::Struct(Fields {
                style: Style::Unit,
                fields: Vec::new(),
            })
        }
    };

    let packet = if want_packet {
        attrs::parse_packet(ctx, &input.attrs, input.ident.span())
    } else {
        None
    };

    Container {
        ident: input.ident.clone(),
        generics: input.generics.clone(),
        attrs,
        body,
        packet,
        de_lifetime,
        borrows,
    }
}
