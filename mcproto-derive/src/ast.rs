//! The model of a type deriving `Encode`/`Decode`/`Packet`/`Generate`:
//! the parsed attributes resolved into what the generators need (each
//! field's [`Mode`] and [`Presence`], each variant's tags), built even when
//! there are errors so that stub impls can still be emitted.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{
    Data as SynData, DeriveInput, Expr, Fields as SynFields, GenericArgument, Generics, Ident,
    Lifetime, Member, Path, PathArguments, Type,
};

use crate::attr::{
    ContainerAttrs, Encoding, FieldAttrs, IntRepr, Length, PacketAttrs, Repr, VariantAttrs,
    Version, VersionMap, int_of_expr,
};
use crate::ctxt::Ctxt;

/// Which derive is running.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Derive {
    Encode,
    Decode,
    Packet,
    Generate,
}

pub struct Container<'a> {
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    pub attrs: ContainerAttrs,
    /// `#[mc(crate = ...)]`, `::mcproto` by default.
    pub krate: Path,
    pub data: Data<'a>,
    /// `#[packet(...)]`, for `derive(Packet)` only.
    pub packet: Option<PacketAttrs>,
    /// The lifetime values borrow from while decoding.
    pub de_lifetime: Lifetime,
    /// Whether `de_lifetime` is the type's own lifetime parameter.
    pub borrows: bool,
}

pub enum Data<'a> {
    Struct(Fields<'a>),
    Enum(Enum<'a>),
}

pub struct Enum<'a> {
    /// The tag's representation (VarInt when missing, after an error).
    pub tag: VersionMap<IntRepr>,
    pub variants: Vec<Variant<'a>>,
}

pub struct Variant<'a> {
    pub ident: &'a Ident,
    pub attrs: VariantAttrs,
    /// The tag, given or implicit (unused for `other`).
    pub tag: VersionMap<i64>,
    pub since: Option<Version>,
    pub before: Option<Version>,
    pub fields: Fields<'a>,
}

impl Variant<'_> {
    pub fn is_other(&self) -> bool {
        self.attrs.other.is_set()
    }
}

pub enum Style {
    Named,
    Tuple,
    Unit,
}

pub struct Fields<'a> {
    pub style: Style,
    pub fields: Vec<Field<'a>>,
}

pub struct Field<'a> {
    /// `a` or `0`.
    pub member: Member,
    /// Name used in field paths and schemas.
    pub name: String,
    /// Local variable holding the value in generated code.
    pub local: Ident,
    /// Declared type.
    pub ty: &'a Type,
    /// The type on the wire (inside `Option` when the field is optional).
    pub value_ty: Type,
    pub presence: Presence,
    pub mode: Mode,
    pub attrs: FieldAttrs,
}

/// Whether a field is on the wire.
// One per field, alive for one macro call: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Presence {
    Always,
    /// `Option<T>`: a Boolean, then the value if it is true.
    BoolPrefixed,
    /// `Option<T>` with `since`/`before`/`when`: present iff they hold.
    Conditional {
        since: Option<Version>,
        before: Option<Version>,
        when: Option<Expr>,
    },
}

/// How a field's value is encoded.
#[allow(clippy::large_enum_variant)]
pub enum Mode {
    /// The type's own `Encode`/`Decode`.
    Plain,
    /// A string or sequence with a maximum length.
    Bounded(VersionMap<Expr>),
    /// A number sent in a representation.
    Repr(VersionMap<Repr>),
    /// A `with` module.
    With(VersionMap<Path>),
    /// A sequence whose length is given another way.
    Seq {
        len: Length,
        max: Option<VersionMap<Expr>>,
    },
    /// A `Vec` of numbers, each sent in a representation.
    Elementwise {
        elem: Type,
        repr: VersionMap<Repr>,
        len: Length,
        max: Option<VersionMap<Expr>>,
    },
}

impl<'a> Container<'a> {
    pub fn name(&self) -> String {
        self.ident.unraw().to_string()
    }

    /// An enum whose variants are all constants (or `other`): it also
    /// implements `IntValue`.
    pub fn is_value_enum(&self) -> bool {
        match &self.data {
            Data::Enum(e) => e
                .variants
                .iter()
                .all(|v| v.is_other() || matches!(v.fields.style, Style::Unit)),
            Data::Struct(_) => false,
        }
    }

    pub fn from_ast(cx: &Ctxt, input: &'a DeriveInput, derive: Derive) -> Container<'a> {
        let attrs = ContainerAttrs::parse(cx, &input.attrs);
        let krate = attrs
            .krate
            .get()
            .cloned()
            .unwrap_or_else(crate::default_crate);

        let lifetimes: Vec<&syn::LifetimeParam> = input.generics.lifetimes().collect();
        let (de_lifetime, borrows) = match lifetimes.as_slice() {
            [] => (Lifetime::new("'__mc_de", Span::call_site()), false),
            [one] => (one.lifetime.clone(), true),
            [first, second, ..] => {
                cx.error(
                    second.span(),
                    "at most one lifetime parameter: decoded fields borrow from the packet bytes for that lifetime",
                );
                (first.lifetime.clone(), true)
            }
        };

        let data = match &input.data {
            SynData::Struct(s) => Data::Struct(Fields::from_ast(cx, &s.fields)),
            SynData::Enum(e) => Data::Enum(Enum::from_ast(cx, &attrs, e)),
            SynData::Union(u) => {
                cx.error(
                    u.union_token.span,
                    "unions cannot be encoded; use an enum with #[mc(tag = ...)]",
                );
                Data::Struct(Fields {
                    style: Style::Unit,
                    fields: Vec::new(),
                })
            }
        };

        let packet = (derive == Derive::Packet)
            .then(|| PacketAttrs::parse(cx, &input.attrs, input.ident.span()));

        Container {
            ident: &input.ident,
            generics: &input.generics,
            attrs,
            krate,
            data,
            packet,
            de_lifetime,
            borrows,
        }
    }
}

impl<'a> Enum<'a> {
    fn from_ast(cx: &Ctxt, attrs: &ContainerAttrs, e: &'a syn::DataEnum) -> Enum<'a> {
        let tag = attrs
            .tag
            .get()
            .cloned()
            .unwrap_or_else(|| VersionMap::single(IntRepr::VarInt, Span::call_site()));
        let mut variants = Vec::new();
        // The next implicit tag; `None` after a variant whose tag changes
        // with the version, which has no single successor.
        let mut next = Some(0i64);
        for v in &e.variants {
            let va = VariantAttrs::parse(cx, &v.attrs);
            let fields = Fields::from_ast(cx, &v.fields);
            let discriminant = v.discriminant.as_ref().and_then(|(_, e)| int_of_expr(e));
            let tag = match (va.tag.get(), discriminant) {
                (Some(map), _) => map.clone(),
                (None, Some(d)) => VersionMap::single(d, v.ident.span()),
                (None, None) => {
                    if next.is_none() && !va.other.is_set() {
                        cx.error(
                            v.ident.span(),
                            "this variant needs a `tag`: the one before it has a tag per version, so there is no next number",
                        );
                    }
                    VersionMap::single(next.unwrap_or(0), v.ident.span())
                }
            };
            if !va.other.is_set() {
                next = (!tag.changes()).then(|| tag.first().wrapping_add(1));
            }
            variants.push(Variant {
                ident: &v.ident,
                since: va.since.get().cloned(),
                before: va.before.get().cloned(),
                attrs: va,
                tag,
                fields,
            });
        }
        Enum { tag, variants }
    }
}

impl<'a> Fields<'a> {
    fn from_ast(cx: &Ctxt, fields: &'a SynFields) -> Fields<'a> {
        let (style, list): (Style, Vec<&syn::Field>) = match fields {
            SynFields::Named(n) => (Style::Named, n.named.iter().collect()),
            SynFields::Unnamed(u) => (Style::Tuple, u.unnamed.iter().collect()),
            SynFields::Unit => (Style::Unit, Vec::new()),
        };
        Fields {
            style,
            fields: list
                .into_iter()
                .enumerate()
                .map(|(i, f)| Field::from_ast(cx, i, f))
                .collect(),
        }
    }
}

impl<'a> Field<'a> {
    fn from_ast(cx: &Ctxt, index: usize, field: &'a syn::Field) -> Field<'a> {
        let attrs = FieldAttrs::parse(cx, &field.attrs);
        let (member, name, local) = match &field.ident {
            Some(id) => (
                Member::Named(id.clone()),
                id.unraw().to_string(),
                id.clone(),
            ),
            None => (
                Member::Unnamed(syn::Index::from(index)),
                index.to_string(),
                Ident::new(&format!("__mc_f{index}"), Span::call_site()),
            ),
        };
        let option_inner = type_arg(&field.ty, "Option");
        // A conditional field that is not an `Option` is reported by
        // check.rs; it is modelled as always present.
        let (presence, value_ty) = match option_inner {
            Some(inner) if attrs.is_conditional() => (
                Presence::Conditional {
                    since: attrs.since.get().cloned(),
                    before: attrs.before.get().cloned(),
                    when: attrs.when.get().cloned(),
                },
                inner.clone(),
            ),
            Some(inner) => (Presence::BoolPrefixed, inner.clone()),
            None => (Presence::Always, field.ty.clone()),
        };
        let mode = mode(&attrs, &value_ty);
        Field {
            member,
            name,
            local,
            ty: &field.ty,
            value_ty,
            presence,
            mode,
            attrs,
        }
    }
}

fn mode(attrs: &FieldAttrs, value_ty: &Type) -> Mode {
    let max = attrs.max_len.get().cloned();
    // `negative_empty` reads the prefix itself, so a plain `Vec` becomes a
    // sequence with the default VarInt prefix.
    let default_len = attrs
        .negative_empty
        .is_set()
        .then_some(Length::Prefix(IntRepr::VarInt));
    match attrs.encoding.get() {
        Some(Encoding::With(map)) => Mode::With(map.clone()),
        Some(Encoding::Repr(map)) => match type_arg(value_ty, "Vec") {
            Some(elem) => Mode::Elementwise {
                elem: elem.clone(),
                repr: map.clone(),
                len: attrs
                    .length
                    .get()
                    .cloned()
                    .unwrap_or(Length::Prefix(IntRepr::VarInt)),
                max,
            },
            None => Mode::Repr(map.clone()),
        },
        None => match (attrs.length.get().cloned().or(default_len), max) {
            (Some(len), max) => Mode::Seq { len, max },
            (None, Some(max)) => Mode::Bounded(max),
            (None, None) => Mode::Plain,
        },
    }
}

/// The type argument of `Option<...>` / `Vec<...>`.
pub fn type_arg<'t>(ty: &'t Type, wrapper: &str) -> Option<&'t Type> {
    let Type::Path(tp) = ty else { return None };
    if tp.qself.is_some() {
        return None;
    }
    let seg = tp.path.segments.last()?;
    if seg.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &seg.arguments else {
        return None;
    };
    match args.args.iter().collect::<Vec<_>>().as_slice() {
        [GenericArgument::Type(t)] => Some(t),
        _ => None,
    }
}

/// The versions in which one tag value of a variant applies: at or after
/// every version of `from`, before every version of `until`.
pub struct TagRange<'v> {
    pub tag: i64,
    pub span: Span,
    pub from: Vec<&'v Version>,
    pub until: Vec<&'v Version>,
}

impl TagRange<'_> {
    /// Whether the tag applies to only some versions.
    pub fn is_versioned(&self) -> bool {
        !self.from.is_empty() || !self.until.is_empty()
    }

    /// `[lo, hi)` when every bound is a literal (`i64::MIN`/`MAX` for
    /// none); may be empty.
    pub fn literal(&self) -> Option<(i64, i64)> {
        let mut lo = i64::MIN;
        let mut hi = i64::MAX;
        for v in &self.from {
            lo = lo.max(i64::from(v.lit()?));
        }
        for v in &self.until {
            hi = hi.min(i64::from(v.lit()?));
        }
        Some((lo, hi))
    }
}

impl Variant<'_> {
    /// Where to report a problem with the tag of range `r`: at the value in
    /// a version map, at `tag` for a single value, at the variant for an
    /// implicit one.
    pub fn tag_span(&self, r: &TagRange<'_>) -> Span {
        match self.attrs.tag.attr() {
            Some(a) if a.value.changes() || a.value.versions().next().is_some() => r.span,
            Some(a) => a.span,
            None => self.ident.span(),
        }
    }

    /// One range per tag entry, cut to the variant's `since`/`before`.
    /// The first entry also covers the versions before it, as in every
    /// version map.
    pub fn tag_ranges(&self) -> Vec<TagRange<'_>> {
        let entries = &self.tag.entries;
        entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut from = Vec::new();
                let mut until = Vec::new();
                if i > 0
                    && let Some(v) = &e.version
                {
                    from.push(v);
                }
                if let Some(next) = entries.get(i + 1).and_then(|n| n.version.as_ref()) {
                    until.push(next);
                }
                from.extend(self.since.as_ref());
                until.extend(self.before.as_ref());
                TagRange {
                    tag: e.value,
                    span: e.span,
                    from,
                    until,
                }
            })
            .collect()
    }
}
