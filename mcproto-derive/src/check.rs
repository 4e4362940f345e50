//! Checks that need more than one attribute at a time: field order, types,
//! variants against each other, versions against each other.
//!
//! Versions written as literals are checked here; a comparison involving a
//! path to a constant cannot be decided by the macro and becomes a const
//! assertion in the generated code instead (`expand::version_asserts`).

use proc_macro2::Span;
use syn::spanned::Spanned;

use crate::ast::{Container, Data, Enum, Field, Fields, Style, TagRange, type_arg};
use crate::attr::{BEFORE, Encoding, INT_REPR_NAMES, Repr, SINCE, Version, VersionMap, WHEN};
use crate::ctxt::Ctxt;

pub fn check(cx: &Ctxt, c: &Container<'_>) {
    match &c.data {
        Data::Struct(fields) => {
            if let Some(span) = c.attrs.tag.span() {
                cx.error(span, "`tag` applies to enums, not structs");
            }
            check_fields(cx, fields);
        }
        Data::Enum(e) => check_enum(cx, c, e),
    }
    if let Some(tag) = c.attrs.tag.get() {
        check_order(cx, tag);
    }
    if let Some(pk) = &c.packet {
        // No `id`: the packet's ids come from id tables.
        let missing: Vec<&str> = [
            ("state", pk.state.is_set()),
            ("direction", pk.direction.is_set()),
        ]
        .into_iter()
        .filter_map(|(k, set)| (!set).then_some(k))
        .collect();
        if !missing.is_empty() {
            cx.error(
                pk.span,
                format!(
                    "a packet needs #[packet(state = .., direction = ..)] (and `id = ..` unless id tables give its ids); missing: {}",
                    missing.join(", ")
                ),
            );
        }
        if let Some(ids) = pk.ids.get() {
            check_order(cx, ids);
        }
    }
}

/// Versions of a map in ascending order, each listed once.
fn check_order<T>(cx: &Ctxt, map: &VersionMap<T>) {
    let versions: Vec<&Version> = map.versions().collect();
    for pair in versions.windows(2) {
        if let (Some(a), Some(b)) = (pair[0].lit(), pair[1].lit()) {
            if b == a {
                cx.error(
                    pair[1].span(),
                    format!("protocol version {b} is listed twice"),
                );
            } else if b < a {
                cx.error(
                    pair[1].span(),
                    "protocol versions must be listed in ascending order",
                );
            }
        }
    }
}

fn check_since_before(cx: &Ctxt, since: Option<&Version>, before: Option<&Version>, span: Span) {
    if let (Some(s), Some(b)) = (since.and_then(Version::lit), before.and_then(Version::lit))
        && s >= b
    {
        cx.error(span, "`before` must be greater than `since`");
    }
}

fn check_fields(cx: &Ctxt, fields: &Fields<'_>) {
    let n = fields.fields.len();
    for (i, f) in fields.fields.iter().enumerate() {
        if let Some(len) = f.attrs.length.attr()
            && len.keyword == crate::attr::REST
            && i + 1 != n
        {
            cx.error(
                len.span,
                "`rest` reads to the end of the packet, so it must be on the last field",
            );
        }
        check_field(cx, f);
    }
}

fn check_field(cx: &Ctxt, f: &Field<'_>) {
    let a = &f.attrs;
    if a.is_conditional() && type_arg(f.ty, "Option").is_none() {
        let (span, kw) = [
            (a.when.span(), WHEN),
            (a.since.span(), SINCE),
            (a.before.span(), BEFORE),
        ]
        .into_iter()
        .find_map(|(s, k)| s.map(|s| (s, k)))
        .unwrap_or((f.ty.span(), WHEN));
        cx.error(
            span,
            format!("`{kw}` makes a field conditional, so its type must be `Option<_>` (None when absent)"),
        );
    }
    check_since_before(
        cx,
        a.since.get(),
        a.before.get(),
        a.before.span().unwrap_or_else(|| f.ty.span()),
    );
    if let Some(max) = a.max_len.get() {
        check_order(cx, max);
    }
    if let Some(span) = a.negative_empty.span() {
        let prefixed = matches!(a.length.get(), None | Some(crate::attr::Length::Prefix(_)));
        let with = matches!(a.encoding.get(), Some(crate::attr::Encoding::With(_)));
        if !prefixed || with || type_arg(&f.value_ty, "Vec").is_none() {
            cx.error(
                span,
                "`negative_empty` is for a `Vec` with a count prefix (`len = R` or the default VarInt): a negative count then reads as no elements",
            );
        }
    }
    let Some(enc) = a.encoding.attr() else { return };
    match &enc.value {
        Encoding::With(map) => check_order(cx, map),
        Encoding::Repr(map) => {
            check_order(cx, map);
            check_repr_kinds(cx, map);
            let is_vec = type_arg(&f.value_ty, "Vec").is_some();
            if !is_vec && a.length.is_set() {
                cx.error(
                    enc.span,
                    format!(
                        "`{}` with `len`, `count` or `rest` needs a `Vec<_>` field",
                        enc.keyword
                    ),
                );
            }
            if !is_vec && let Some(span) = a.max_len.span() {
                cx.error(
                    span,
                    format!(
                        "`max_len` limits strings and sequences, but `{}` sends this field as a number",
                        enc.keyword
                    ),
                );
            }
        }
    }
}

/// A field is an integer or a float in every version, never both.
fn check_repr_kinds(cx: &Ctxt, map: &VersionMap<Repr>) {
    let float = map.first().is_float();
    if let Some(e) = map.entries.iter().find(|e| e.value.is_float() != float) {
        cx.error(
            e.span,
            format!(
                "a field is an integer ({INT_REPR_NAMES}) or a float (f32, f64, fixed(I, SCALE)) in every version, not both"
            ),
        );
    }
}

fn check_enum(cx: &Ctxt, c: &Container<'_>, e: &Enum<'_>) {
    if !c.attrs.tag.is_set() && !c.attrs.incomplete {
        cx.error(
            c.ident.span(),
            format!(
                "an enum needs its wire representation: #[mc(tag = ...)] with one of: {INT_REPR_NAMES}"
            ),
        );
    }
    let mut seen_other = false;
    for v in &e.variants {
        check_fields(cx, &v.fields);
        check_since_before(
            cx,
            v.since.as_ref(),
            v.before.as_ref(),
            v.attrs.before.span().unwrap_or_else(|| v.ident.span()),
        );
        if let Some(tag) = v.attrs.tag.get() {
            check_order(cx, tag);
        }
        if !v.is_other() {
            continue;
        }
        let one_field = matches!(v.fields.style, Style::Tuple) && v.fields.fields.len() == 1;
        if !one_field {
            cx.error(
                v.ident.span(),
                "an `other` variant holds the unknown value: `Unknown(i32)`",
            );
        }
        if seen_other {
            cx.error(v.ident.span(), "only one variant can be `other`");
        }
        seen_other = true;
        if let Some(span) = v.attrs.tag.span() {
            cx.error(
                span,
                "an `other` variant takes every value no variant has, so it has no `tag`",
            );
        }
    }
    if e.variants.iter().all(|v| v.is_other()) {
        cx.error(
            c.ident.span(),
            "an enum needs at least one variant with a tag",
        );
    }
    check_duplicate_tags(cx, e);
}

/// No two variants share a tag value in one version (decided here for
/// literal versions; with paths, by a const assertion).
fn check_duplicate_tags(cx: &Ctxt, e: &Enum<'_>) {
    let mut earlier: Vec<(&syn::Ident, TagRange<'_>, (i64, i64))> = Vec::new();
    for v in e.variants.iter().filter(|v| !v.is_other()) {
        for r in v.tag_ranges() {
            let Some(range) = r.literal() else { continue };
            if range.0 >= range.1 {
                continue;
            }
            let span = v.tag_span(&r);
            if let Some((other, o, or)) = earlier
                .iter()
                .find(|(_, o, or)| o.tag == r.tag && or.0 < range.1 && range.0 < or.1)
            {
                let versioned = r.is_versioned() || o.is_versioned();
                if versioned {
                    let overlap = (range.0.max(or.0), range.1.min(or.1));
                    cx.error(
                        span,
                        format!(
                            "tag value {} is also the tag of `{other}` {}",
                            r.tag,
                            describe_range(overlap)
                        ),
                    );
                } else {
                    cx.error(
                        span,
                        format!("tag value {} is used by an earlier variant", r.tag),
                    );
                }
            }
            earlier.push((v.ident, r, range));
        }
    }
}

/// `[lo, hi)` in words, `i64::MIN`/`MAX` standing for no bound.
fn describe_range((lo, hi): (i64, i64)) -> String {
    match (lo == i64::MIN, hi == i64::MAX) {
        (true, true) => "in every protocol version".to_string(),
        (true, false) => format!("before protocol {hi}"),
        (false, true) => format!("from protocol {lo} on"),
        (false, false) => format!("in protocols {lo} to {}", hi - 1),
    }
}
