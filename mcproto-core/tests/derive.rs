//! The derive macros on representative layouts, with byte vectors worked by
//! hand from the attribute semantics.

extern crate mcproto_core as mcproto;

use mcproto::bytes::Bytes;
use mcproto::codec::{decode_exact, encode_to_vec};
use mcproto::{
    Decode, Describe, Encode, ErrorKind, Gen, Generate, Packet, ProtocolVersion, SharedStr,
    WireType,
};

const V47: ProtocolVersion = ProtocolVersion::V47;
const V54: ProtocolVersion = ProtocolVersion::V54;

fn hex(s: &str) -> Vec<u8> {
    s.split_whitespace()
        .map(|b| u8::from_str_radix(b, 16).unwrap())
        .collect()
}

#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[mc(tag = varint)]
enum Hand {
    Main,
    Off,
}

#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[mc(tag = varint)]
enum Action {
    #[mc(tag = 0)]
    Interact {
        #[mc(since = 54)]
        hand: Option<Hand>,
    },
    #[mc(tag = 1)]
    Attack,
    #[mc(tag = 2)]
    InteractAt {
        x: f32,
        y: f32,
        z: f32,
        #[mc(since = 54)]
        hand: Option<Hand>,
    },
}

#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[packet(id(47 = 0x02, 54 = 0x03), state = Play, direction = Serverbound)]
struct Use {
    #[mc(varint)]
    target: i32,
    action: Action,
}

#[test]
fn tagged_enum_with_version_gated_fields() {
    let p = Use {
        target: 300,
        action: Action::Interact {
            hand: Some(Hand::Off),
        },
    };
    // 47: id 02, target ac 02, tag 00; the hand does not exist.
    assert_eq!(p.encode_packet(V47).unwrap(), hex("02 ac 02 00"));
    // 54: id 03, target, tag 00, hand 01.
    assert_eq!(p.encode_packet(V54).unwrap(), hex("03 ac 02 00 01"));
    assert_eq!(Use::decode_packet(&hex("03 ac 02 00 01"), V54).unwrap(), p);
    assert_eq!(
        Use::decode_packet(&hex("02 ac 02 00"), V47).unwrap(),
        Use {
            target: 300,
            action: Action::Interact { hand: None }
        }
    );
    // A 54 encoder needs the hand.
    let no_hand = Use {
        target: 1,
        action: Action::Attack,
    };
    assert_eq!(no_hand.encode_packet(V54).unwrap(), hex("03 01 01"));
    let missing = Use {
        target: 1,
        action: Action::Interact { hand: None },
    };
    let err = missing.encode_packet(V54).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::MissingField));
    assert_eq!(err.field(), "Action::Interact.hand");
    // Unknown tags are typed errors naming the type and field.
    let err = Use::decode_packet(&hex("02 01 07"), V47).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::UnknownValue {
            ty: "Action",
            value: 7
        }
    ));
    assert_eq!(err.field(), "Action");
    assert_eq!(err.outer_field(), "Use.action");
    // Wrong id for the version.
    assert!(matches!(
        Use::decode_packet(&hex("02 01 01"), V54)
            .unwrap_err()
            .kind(),
        ErrorKind::UnexpectedPacket {
            expected: 3,
            actual: 2
        }
    ));
}

#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
struct Spawn {
    #[mc(fixed = 32)]
    x: f64,
    #[mc(as = fixed(i8, 32))]
    dy: f64,
    data: i32,
    #[mc(when = *data > 0 || version >= ProtocolVersion(54))]
    velocity: Option<[i16; 3]>,
}

#[test]
fn fixed_point_and_conditional_fields() {
    let s = Spawn {
        x: -1.5,
        dy: 0.5,
        data: 0,
        velocity: None,
    };
    // x: -48 as Int; dy: 16 as Byte; data 0; no velocity in 47.
    assert_eq!(
        encode_to_vec(&s, V47).unwrap(),
        hex("ff ff ff d0 10 00 00 00 00")
    );
    assert_eq!(
        decode_exact::<Spawn>(&hex("ff ff ff d0 10 00 00 00 00"), V47).unwrap(),
        s
    );
    // In 54 the velocity is always there.
    assert!(matches!(
        encode_to_vec(&s, V54).unwrap_err().kind(),
        ErrorKind::MissingField
    ));
    let with_v = Spawn {
        velocity: Some([1, -1, 0]),
        data: 1,
        ..s.clone()
    };
    assert_eq!(
        encode_to_vec(&with_v, V47).unwrap(),
        hex("ff ff ff d0 10 00 00 00 01 00 01 ff ff 00 00")
    );
    // Present where the condition says absent: an encode error, not a silent drop.
    let bad = Spawn {
        velocity: Some([0; 3]),
        ..s
    };
    assert!(matches!(
        encode_to_vec(&bad, V47).unwrap_err().kind(),
        ErrorKind::UnexpectedField
    ));
}

#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
struct Lists {
    #[mc(as = varint)]
    ids: Vec<i32>,
    #[mc(len = i16)]
    shorts: Vec<i16>,
    #[mc(len = u8, max_len = 3)]
    names: Vec<SharedStr>,
    kind: u8,
    #[mc(count = if *kind == 2 { 2 } else { 0 }, as = varint)]
    extra: Vec<i32>,
    #[mc(rest)]
    tail: Bytes,
}

#[test]
fn sequences_with_prefixes_counts_and_rest() {
    let l = Lists {
        ids: vec![1, 300],
        shorts: vec![-2],
        names: vec!["a".into()],
        kind: 2,
        extra: vec![5, -1],
        tail: Bytes::from_static(b"xy"),
    };
    let bytes = hex("02 01 ac 02  00 01 ff fe  01 01 61  02  05 ff ff ff ff 0f  78 79");
    assert_eq!(encode_to_vec(&l, V47).unwrap(), bytes);
    assert_eq!(decode_exact::<Lists>(&bytes, V47).unwrap(), l);
    // A count that disagrees with the computed one is an encode error.
    let wrong = Lists {
        extra: vec![1],
        ..l.clone()
    };
    assert!(matches!(
        encode_to_vec(&wrong, V47).unwrap_err().kind(),
        ErrorKind::CountMismatch {
            expected: 2,
            actual: 1
        }
    ));
    // max_len counts elements.
    let too_many = Lists {
        names: vec!["a".into(); 4],
        ..l
    };
    assert!(matches!(
        encode_to_vec(&too_many, V47).unwrap_err().kind(),
        ErrorKind::TooLong { .. }
    ));
    // Every proper prefix fails to decode (the rest field makes the shortest
    // valid encoding end at byte 17).
    for cut in 0..17 {
        assert!(
            decode_exact::<Lists>(&bytes[..cut], V47).is_err(),
            "prefix {cut}"
        );
    }
}

#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[mc(tag = u8)]
enum Face {
    Bottom,
    Top,
    #[mc(tag = 255)]
    Special,
    #[mc(other)]
    Unknown(u8),
}

#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
struct Place {
    #[mc(as(47 = u8, 54 = varint))]
    face: Face,
    #[mc(before = 54)]
    legacy: Option<i16>,
    flag: Option<bool>,
}

#[test]
fn value_enums_keep_unknown_values_and_reprs_change_per_version() {
    let p = Place {
        face: Face::Special,
        legacy: Some(7),
        flag: None,
    };
    assert_eq!(encode_to_vec(&p, V47).unwrap(), hex("ff 00 07 00"));
    // 54: face as VarInt 255 = ff 01, no legacy field (ignored on encode).
    assert_eq!(encode_to_vec(&p, V54).unwrap(), hex("ff 01 00"));
    let unknown = decode_exact::<Place>(&hex("09 00 07 01 01"), V47).unwrap();
    assert_eq!(unknown.face, Face::Unknown(9));
    assert_eq!(unknown.flag, Some(true));
    assert_eq!(encode_to_vec(&unknown, V47).unwrap(), hex("09 00 07 01 01"));
    // An Unknown that collides with a named value cannot be encoded.
    let clash = Place {
        face: Face::Unknown(1),
        ..p
    };
    assert!(encode_to_vec(&clash, V47).is_err());
}

#[test]
fn descriptions_name_the_layout() {
    let d = Spawn::describe(V47);
    let WireType::Struct { name, fields } = d else {
        panic!()
    };
    assert_eq!(name, "Spawn");
    assert_eq!(fields[0].ty.to_string(), "Fixed(Int, x32)");
    assert_eq!(fields[1].ty.to_string(), "Fixed(Byte, x32)");
    assert_eq!(
        fields[3].ty.to_string(),
        "Conditional(*data > 0 || version >= ProtocolVersion(54), Array(3, Short))"
    );
    let WireType::Struct { fields, .. } = Lists::describe(V47) else {
        panic!()
    };
    let rendered: Vec<String> = fields.iter().map(|f| f.ty.to_string()).collect();
    assert_eq!(
        rendered,
        [
            "Array(VarInt, VarInt)",
            "Array(Short, Short)",
            "Array(Unsigned Byte, String(32767))",
            "Unsigned Byte",
            "Array(count = if *kind == 2 { 2 } else { 0 }, VarInt)",
            "Array(rest of packet, Byte)",
        ]
    );
    // Each version sees its own representation, and only its fields.
    assert_eq!(
        Place::describe(V47).to_string(),
        "Place { face: Enum Face(Unsigned Byte), legacy: Short, flag: Optional(Boolean) }"
    );
    assert_eq!(
        Place::describe(V54).to_string(),
        "Place { face: Enum Face(VarInt), flag: Optional(Boolean) }"
    );
}

#[derive(Encode, Decode, Debug, PartialEq)]
struct Borrowed<'a> {
    name: &'a str,
    #[mc(rest)]
    data: &'a [u8],
}

#[test]
fn borrowed_fields_do_not_copy() {
    let bytes = hex("02 68 69 01 02 03");
    let b = decode_exact::<Borrowed>(&bytes, V47).unwrap();
    assert_eq!(b.name, "hi");
    assert_eq!(b.data.as_ptr(), bytes[3..].as_ptr());
    assert_eq!(encode_to_vec(&b, V47).unwrap(), bytes);
}

fn round_trip<T>(data: &[u8], v: ProtocolVersion)
where
    T: Generate + Encode + for<'a> Decode<'a> + std::fmt::Debug,
{
    let value = T::generate(&mut Gen::new(data, v));
    let bytes = encode_to_vec(&value, v).unwrap_or_else(|e| panic!("{value:?}: {e}"));
    let back: T = decode_exact(&bytes, v).unwrap_or_else(|e| panic!("{value:?}: {e}"));
    assert_eq!(encode_to_vec(&back, v).unwrap(), bytes);
    assert_eq!(format!("{back:?}"), format!("{value:?}"));
    for cut in 0..bytes.len() {
        assert!(decode_exact::<T>(&bytes[..cut], v).is_err() || cut == bytes.len());
    }
}

proptest::proptest! {
    #[test]
    fn generated_values_round_trip(data in proptest::collection::vec(proptest::num::u8::ANY, 0..256)) {
        for v in [V47, V54] {
            round_trip::<Use>(&data, v);
            round_trip::<Spawn>(&data, v);
            round_trip::<Place>(&data, v);
        }
    }

    #[test]
    fn generated_lists_round_trip(data in proptest::collection::vec(proptest::num::u8::ANY, 0..256)) {
        let value = Lists::generate(&mut Gen::new(&data, V47));
        let bytes = encode_to_vec(&value, V47).unwrap();
        let back: Lists = decode_exact(&bytes, V47).unwrap();
        proptest::prop_assert_eq!(back, value);
    }
}
