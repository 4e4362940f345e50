//! The normalizers and the walk on small hand-written layouts: what must
//! match matches, and each kind of difference is found where it is.

use mcproto_core::schema::ArrayLen;
use mcproto_core::{FieldSchema, ProtocolVersion, VariantSchema, WireType};
use serde_json::{Value as Json, json};

use super::compare::{Diff, Walk};
use super::cond::{self, Cond, Count, Names};
use super::md::{Md, Renames, rename, snake};
use super::norm::{Op, Pred, Value};
use super::ours::{CountEval, Ours};

const V: ProtocolVersion = ProtocolVersion(47);

fn field(name: &'static str, ty: WireType) -> FieldSchema {
    FieldSchema { name, ty }
}

fn st(fields: Vec<FieldSchema>) -> WireType {
    WireType::Struct { name: "T", fields }
}

fn variant(name: &'static str, tag: i64, fields: Vec<FieldSchema>) -> VariantSchema {
    VariantSchema { name, tag, fields }
}

fn switch(tag: WireType, variants: Vec<VariantSchema>) -> WireType {
    WireType::Switch {
        name: "S",
        tag: Box::new(tag),
        variants,
        open: false,
    }
}

fn string() -> WireType {
    WireType::String { max: 16 }
}

fn prefixed(of: WireType) -> WireType {
    WireType::Array {
        len: ArrayLen::Prefixed(Box::new(WireType::VarInt)),
        of: Box::new(of),
    }
}

/// The first unlisted difference of `md` (a packet container) against
/// `ours`, and every difference seen.
fn walk(
    md: Json,
    renames: &[(&str, &str)],
    ours: &WireType,
    counts: &[(&'static str, CountEval)],
) -> (Option<Diff>, Vec<Diff>) {
    let local = json!({ "packet_p": md });
    let root = json!({ "string": ["pstring", { "countType": "varint" }] });
    let renames: Renames = renames
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    let m = Md {
        root: &root,
        local: &local,
    }
    .packet("p", &renames)
    .expect("minecraft-data side normalizes");
    let o = Ours {
        version: V,
        names: Names {
            versions: &[("V1_9", ProtocolVersion(107))],
            constants: &[("T::BIT", 2)],
        },
        counts,
    }
    .packet(ours)
    .expect("our side normalizes");
    let mut seen = Vec::new();
    let mut accept = |d: &Diff| {
        seen.push(d.clone());
        false
    };
    let mut w = Walk::new(&mut accept);
    let _ = w.seq(&m, &o);
    let failure = w.failure;
    (failure, seen)
}

fn teams_md(name_type: &str) -> Json {
    json!(["container", [
        { "name": "team", "type": "string" },
        { "name": "mode", "type": "i8" },
        { "name": "name", "type": ["switch", { "compareTo": "mode",
            "fields": { "0": name_type, "2": name_type }, "default": "void" }] },
        { "name": "players", "type": ["switch", { "compareTo": "mode",
            "fields": { "0": ["array", { "countType": "varint", "type": "string" }],
                        "3": ["array", { "countType": "varint", "type": "string" }] },
            "default": "void" }] }
    ]])
}

const TEAMS_RENAMES: &[(&str, &str)] = &[("name", "mode.name"), ("players", "mode.players")];

fn teams_ours(with_add: bool) -> WireType {
    let mut variants = vec![
        variant(
            "Create",
            0,
            vec![
                field("name", string()),
                field("players", prefixed(string())),
            ],
        ),
        variant("Remove", 1, vec![]),
        variant("Update", 2, vec![field("name", string())]),
    ];
    if with_add {
        variants.push(variant(
            "Add",
            3,
            vec![field("players", prefixed(string()))],
        ));
    }
    st(vec![
        field("team", string()),
        field("mode", switch(WireType::Byte, variants)),
    ])
}

#[test]
fn separate_switched_fields_match_one_switch() {
    let (failure, _) = walk(teams_md("string"), TEAMS_RENAMES, &teams_ours(true), &[]);
    assert_eq!(failure, None);
}

#[test]
fn a_wrong_arm_is_found_in_its_case() {
    let (failure, _) = walk(teams_md("i32"), TEAMS_RENAMES, &teams_ours(true), &[]);
    let d = failure.expect("a difference");
    assert_eq!(
        (
            d.path.as_str(),
            d.case.as_str(),
            d.md.as_str(),
            d.ours.as_str()
        ),
        ("mode.name", "mode = 0", "i32", "string")
    );
}

#[test]
fn a_value_minecraft_data_names_but_we_reject_is_found() {
    let (failure, _) = walk(teams_md("string"), TEAMS_RENAMES, &teams_ours(false), &[]);
    let d = failure.expect("a difference");
    assert_eq!(
        (d.path.as_str(), d.md.as_str(), d.ours.as_str()),
        ("mode", "a case for 3", "rejects it")
    );
}

#[test]
fn parent_references_and_mapper_names_resolve() {
    let md = |name_type: &str| {
        json!(["container", [
            { "name": "action", "type": ["mapper", { "type": "varint",
                "mappings": { "0": "add", "1": "remove" } }] },
            { "name": "data", "type": ["array", { "countType": "varint", "type": ["container", [
                { "name": "uuid", "type": "UUID" },
                { "anon": true, "type": ["switch", { "compareTo": "../action", "fields": {
                    "add": ["container", [{ "name": "name", "type": name_type }]],
                    "remove": "void" } }] }
            ]] }] }
        ]])
    };
    let ours = st(vec![field(
        "action",
        switch(
            WireType::VarInt,
            vec![
                variant(
                    "Add",
                    0,
                    vec![field(
                        "0",
                        prefixed(st(vec![
                            field("uuid", WireType::Named("UUID")),
                            field("name", string()),
                        ])),
                    )],
                ),
                variant(
                    "Remove",
                    1,
                    vec![field("0", prefixed(WireType::Named("UUID")))],
                ),
            ],
        ),
    )]);
    let renames = &[("data", "action.0")];
    assert_eq!(walk(md("string"), renames, &ours, &[]).0, None);
    let d = walk(md("bool"), renames, &ours, &[])
        .0
        .expect("a difference");
    assert_eq!(
        (d.path.as_str(), d.case.as_str(), d.md.as_str()),
        ("action.0.name", "action = 0", "bool")
    );
}

#[test]
fn a_condition_is_compared_value_by_value() {
    let md = json!(["container", [
        { "name": "data", "type": "i32" },
        { "name": "velocity", "type": ["switch", { "compareTo": "data",
            "fields": { "0": "void" }, "default": "i16" }] }
    ]]);
    let ours = |when| {
        st(vec![
            field("data", WireType::Int),
            field(
                "velocity",
                WireType::Conditional {
                    when,
                    of: Box::new(WireType::Short),
                },
            ),
        ])
    };
    assert_eq!(walk(md.clone(), &[], &ours("*data != 0"), &[]).0, None);
    let d = walk(md.clone(), &[], &ours("*data > 0"), &[])
        .0
        .expect("a difference");
    assert_eq!(
        (
            d.path.as_str(),
            d.case.as_str(),
            d.md.as_str(),
            d.ours.as_str()
        ),
        ("velocity", "data = -1", "i16", "nothing")
    );
    // Decided by the version alone.
    let d = walk(md, &[], &ours("*data != 0 && version >= V1_9"), &[])
        .0
        .expect("a difference");
    assert_eq!((d.case.as_str(), d.ours.as_str()), ("data = -1", "nothing"));
}

#[test]
fn computed_counts_are_compared_value_by_value() {
    let md = |n: u64| {
        json!(["container", [
            { "name": "kind", "type": "u8" },
            { "name": "data", "type": ["switch", { "compareTo": "kind",
                "fields": { "2": ["array", { "count": n, "type": "varint" }] },
                "default": "void" }] }
        ]])
    };
    let ours = st(vec![
        field(
            "kind",
            WireType::Enum {
                name: "K",
                repr: Box::new(WireType::UnsignedByte),
                values: vec![("A", 0), ("B", 1), ("C", 2)],
                open: false,
            },
        ),
        field(
            "data",
            WireType::Array {
                len: ArrayLen::Count("kind.data_len()"),
                of: Box::new(WireType::VarInt),
            },
        ),
    ]);
    let counts: &[(&str, CountEval)] =
        &[("kind.data_len()", |b, _| Some(if b == [2] { 2 } else { 0 }))];
    assert_eq!(walk(md(2), &[], &ours, counts).0, None);
    let d = walk(md(3), &[], &ours, counts).0.expect("a difference");
    assert_eq!(
        (
            d.path.as_str(),
            d.case.as_str(),
            d.md.as_str(),
            d.ours.as_str()
        ),
        ("data", "kind = 2", "array(3)", "array(2)")
    );
}

#[test]
fn missing_fields_are_found_and_the_walk_goes_on() {
    let md = json!(["container", [
        { "name": "a", "type": "varint" },
        { "name": "b", "type": "varint" },
        { "name": "c", "type": "f32" }
    ]]);
    let ours = st(vec![
        field("a", WireType::VarInt),
        field("c", WireType::Double),
    ]);
    let (failure, seen) = walk(md, &[], &ours, &[]);
    assert_eq!(seen.len(), 1);
    assert_eq!(
        failure.map(|d| (d.path, d.md, d.ours)),
        Some(("b".into(), "varint".into(), "nothing".into()))
    );
    // Listed: the walk continues to the next difference.
    let md = json!(["container", [
        { "name": "a", "type": "varint" },
        { "name": "b", "type": "varint" },
        { "name": "c", "type": "f32" }
    ]]);
    let local = json!({ "packet_p": md });
    let m = Md {
        root: &json!({}),
        local: &local,
    }
    .packet("p", &Renames::new())
    .expect("normalizes");
    let o = Ours {
        version: V,
        names: Names {
            versions: &[],
            constants: &[],
        },
        counts: &[],
    }
    .packet(&ours)
    .expect("normalizes");
    let mut seen = Vec::new();
    let mut accept = |d: &Diff| {
        seen.push((d.path.clone(), d.md.clone(), d.ours.clone()));
        d.path == "b"
    };
    let mut w = Walk::new(&mut accept);
    let _ = w.seq(&m, &o);
    assert_eq!(
        w.failure.map(|d| (d.path, d.md, d.ours)),
        Some(("c".into(), "f32".into(), "f64".into()))
    );
}

#[test]
fn bit_field_members_select() {
    let md = json!(["container", [
        { "name": "flags", "type": ["bitfield", [
            { "name": "unused", "size": 29, "signed": false },
            { "name": "hidden", "size": 1, "signed": false },
            { "name": "toast", "size": 1, "signed": false },
            { "name": "background", "size": 1, "signed": false } ]] },
        { "name": "texture", "type": ["switch", { "compareTo": "flags/background",
            "fields": { "1": "string" }, "default": "void" }] }
    ]]);
    let ours = |when| {
        st(vec![
            field("flags", WireType::Int),
            field(
                "texture",
                WireType::Conditional {
                    when,
                    of: Box::new(string()),
                },
            ),
        ])
    };
    assert_eq!(
        walk(md.clone(), &[], &ours("*flags & 0x01 != 0"), &[]).0,
        None
    );
    let d = walk(md, &[], &ours("*flags & T::BIT != 0"), &[])
        .0
        .expect("a difference");
    assert_eq!(d.path, "texture");
}

#[test]
fn conditions_read_back() {
    let none = |_: &str| None;
    let names = Names {
        versions: &[("V1_9", ProtocolVersion(107))],
        constants: &[("Display::HAS_TEXTURE", 0x01)],
    };
    let read = |t: &str, v: i32| cond::condition(t, ProtocolVersion(v), &names, &none);
    assert_eq!(
        read("*data > 0 || version >= ProtocolVersion(54)", 47),
        Ok(Cond::On {
            field: "data".into(),
            pred: Pred::Cmp(Op::Gt, Value::Int(0))
        })
    );
    assert_eq!(
        read("*data > 0 || version >= ProtocolVersion(54)", 54),
        Ok(Cond::Const(true))
    );
    assert_eq!(
        read("& **window_type == \"EntityHorse\"", 47),
        Ok(Cond::On {
            field: "window_type".into(),
            pred: Pred::Cmp(Op::Eq, Value::Str("EntityHorse".into()))
        })
    );
    assert_eq!(
        read("version < mcproto_packets::version::V1_9", 107),
        Ok(Cond::Const(false))
    );
    assert_eq!(
        read("!*has_x", 47),
        Ok(Cond::On {
            field: "has_x".into(),
            pred: Pred::Not(Box::new(Pred::Truthy))
        })
    );
    assert_eq!(
        read("*flags & Display::HAS_TEXTURE != 0", 47),
        Ok(Cond::On {
            field: "flags".into(),
            pred: Pred::Masked(1, Op::Ne, 0)
        })
    );
    assert!(read("*flags & Display::UNKNOWN != 0", 47).is_err());
    assert!(read("*a > 0 && *b > 0", 47).is_err());
    assert!(read("a.is_empty()", 47).is_err());
    let action = |name: &str| {
        (name == "action").then(|| WireType::Enum {
            name: "A",
            repr: Box::new(WireType::VarInt),
            values: vec![("Create", 0), ("Remove", 1), ("Update", 2)],
            open: false,
        })
    };
    assert_eq!(
        cond::condition(
            "matches!(action, A::Create | A::Update)",
            V,
            &names,
            &action
        ),
        Ok(Cond::On {
            field: "action".into(),
            pred: Pred::Any(vec![
                Pred::Cmp(Op::Eq, Value::Int(0)),
                Pred::Cmp(Op::Eq, Value::Int(2))
            ])
        })
    );
    assert_eq!(
        cond::count("*count as usize"),
        Ok(Count::Field("count".into()))
    );
    assert_eq!(
        cond::count("particle_id.data_len()"),
        Ok(Count::Method(
            "particle_id".into(),
            "particle_id.data_len()".into()
        ))
    );
}

#[test]
fn names_convert() {
    assert_eq!(snake("entityId"), "entity_id");
    assert_eq!(snake("playerUUID"), "player_uuid");
    assert_eq!(snake("old_radius"), "old_radius");
    assert_eq!(snake("text1"), "text1");
    let renames: Renames = [("meta".to_owned(), "chunk_meta".to_owned())].into();
    assert_eq!(rename("meta.bitMap", &renames), "chunk_meta.bit_map");
}

#[test]
fn mapper_names_are_compared_with_closed_enums() {
    let md = json!(["container", [
        { "name": "reason", "type": ["mapper", { "type": "u8",
            "mappings": { "0": "a", "1": "b", "3": "d" } }] }
    ]]);
    let ours = |values: Vec<(&'static str, i64)>, open| {
        st(vec![field(
            "reason",
            WireType::Enum {
                name: "R",
                repr: Box::new(WireType::UnsignedByte),
                values,
                open,
            },
        )])
    };
    let abd = vec![("A", 0), ("B", 1), ("D", 3)];
    assert_eq!(walk(md.clone(), &[], &ours(abd, false), &[]).0, None);
    let abc = vec![("A", 0), ("B", 1), ("C", 2)];
    assert_eq!(walk(md.clone(), &[], &ours(abc.clone(), true), &[]).0, None);
    let d = walk(md, &[], &ours(abc, false), &[])
        .0
        .expect("a difference");
    assert_eq!(
        (d.md.as_str(), d.ours.as_str()),
        ("values 0-1, 3", "values 0-2")
    );
}
