//! The derive macros on representative layouts, with byte vectors worked by
//! hand from the attribute semantics.

use mcproto_core::bytes::Bytes;
use mcproto_core::codec::{decode_exact, encode_to_vec};
use mcproto_core::{
    Decode, DecodeOwned, Describe, Encode, ErrorKind, Gen, Generate, Packet, ProtocolVersion,
    WireType,
};

const V47: ProtocolVersion = ProtocolVersion(47);
const V54: ProtocolVersion = ProtocolVersion(54);

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

/// Whole packets (id + body) of a test packet, through a registry that
/// holds it at the id it declares for the version.
trait Wire:
    Packet<Static = Self> + DecodeOwned + Clone + PartialEq + std::fmt::Debug + Send + Sync + 'static
where
    Self: for<'a> Decode<'a>,
{
    fn registry(v: ProtocolVersion) -> mcproto_core::Registry {
        mcproto_core::Registry::builder(v)
            .register::<Self>()
            .build()
            .unwrap()
    }

    fn id_for(v: ProtocolVersion) -> Option<i32> {
        Self::META.declared_id(v)
    }

    fn encode_packet(&self, v: ProtocolVersion) -> mcproto_core::Result<Vec<u8>> {
        let mut buf = Vec::new();
        Self::registry(v).encode(self, &mut buf)?;
        Ok(buf)
    }

    fn decode_packet(bytes: &[u8], v: ProtocolVersion) -> mcproto_core::Result<Self> {
        Self::registry(v).decode_packet(bytes)
    }
}

impl<P> Wire for P where
    P: Packet<Static = P>
        + DecodeOwned
        + for<'a> Decode<'a>
        + Clone
        + PartialEq
        + std::fmt::Debug
        + Send
        + Sync
        + 'static
{
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
    names: Vec<String>,
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

// ---- version maps --------------------------------------------------------

const V107: ProtocolVersion = ProtocolVersion(107);
const V210: ProtocolVersion = ProtocolVersion(210);
const V315: ProtocolVersion = ProtocolVersion(315);
/// A version named by a constant, as attributes accept.
const V1_9: ProtocolVersion = ProtocolVersion(107);
const V1_11: ProtocolVersion = ProtocolVersion(315);

/// Entity Relative Move and Spawn's numbers as 1.8 and 1.9 send them.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
struct Moved {
    #[mc(varint)]
    entity: i32,
    #[mc(as(47 = fixed(i8, 32), V1_9 = fixed(i16, 4096)))]
    dx: f64,
    #[mc(as(47 = fixed(i32, 32), 107 = f64))]
    x: f64,
    #[mc(as(47 = fixed(u8, 63), 210 = f32))]
    pitch: f32,
    #[mc(as(47 = u8, 107 = varint))]
    ids: Vec<i32>,
}

#[test]
fn representations_change_per_version() {
    let m = Moved {
        entity: 5,
        dx: 0.5,
        x: -1.5,
        pitch: 1.0,
        ids: vec![1, 300],
    };
    // 47: dx 0.5 × 32 = 16 in a Byte; x -1.5 × 32 = -48 in an Int; pitch
    // 1.0 × 63 = 63 in an Unsigned Byte; ids as Unsigned Bytes (300 does not fit).
    let at_47 = Moved {
        ids: vec![1, 200],
        ..m.clone()
    };
    let b47 = hex("05  10  ff ff ff d0  3f  02 01 c8");
    assert_eq!(encode_to_vec(&at_47, V47).unwrap(), b47);
    assert_eq!(decode_exact::<Moved>(&b47, V47).unwrap(), at_47);
    assert!(encode_to_vec(&m, V47).is_err());
    // 107: dx 0.5 × 4096 = 2048 in a Short, x a Double, pitch still ×63,
    // ids as VarInts.
    let b107 = hex("05  08 00  bf f8 00 00 00 00 00 00  3f  02 01 ac 02");
    assert_eq!(encode_to_vec(&m, V107).unwrap(), b107);
    assert_eq!(decode_exact::<Moved>(&b107, V107).unwrap(), m);
    // 210: pitch a Float.
    let b210 = hex("05  08 00  bf f8 00 00 00 00 00 00  3f 80 00 00  02 01 ac 02");
    assert_eq!(encode_to_vec(&m, V210).unwrap(), b210);
    assert_eq!(decode_exact::<Moved>(&b210, V210).unwrap(), m);
    // 54 is between 47 and 107: still the 1.8 layout.
    assert_eq!(encode_to_vec(&at_47, V54).unwrap(), b47);
    // A relative move covers -4 ..< 4 blocks in 47, -8 ..< 8 in 107.
    let far = Moved { dx: 5.0, ..at_47 };
    assert!(matches!(
        encode_to_vec(&far, V47).unwrap_err().kind(),
        ErrorKind::FixedOutOfRange { ty: "Byte", .. }
    ));
    assert_eq!(&encode_to_vec(&far, V107).unwrap()[1..3], hex("50 00"));
    // A pitch of 10/63 (inexact in binary) re-encodes to the byte it came from.
    let b = hex("05 10 ff ff ff d0 0a 00");
    let back = decode_exact::<Moved>(&b, V47).unwrap();
    assert_eq!(encode_to_vec(&back, V47).unwrap(), b);
    // Every proper prefix fails.
    for cut in 0..b210.len() {
        assert!(decode_exact::<Moved>(&b210[..cut], V210).is_err());
    }
}

/// Floats sent element-wise, with a representation per version.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
struct Path3 {
    #[mc(len = u8, as(47 = fixed(i16, 8), 107 = f32))]
    points: Vec<f64>,
}

#[test]
fn float_representations_apply_to_each_element() {
    let p = Path3 {
        points: vec![1.5, -0.25],
    };
    // 47: 1.5 × 8 = 12, -0.25 × 8 = -2 as Shorts; 107: Floats.
    assert_eq!(encode_to_vec(&p, V47).unwrap(), hex("02  00 0c  ff fe"));
    assert_eq!(
        encode_to_vec(&p, V107).unwrap(),
        hex("02  3f c0 00 00  be 80 00 00")
    );
    assert_eq!(
        decode_exact::<Path3>(&hex("02 00 0c ff fe"), V47).unwrap(),
        p
    );
    assert_eq!(
        Path3::describe(V107).to_string(),
        "Path3 { points: Array(Unsigned Byte, Float) }"
    );
}

/// Chat Message (serverbound): its maximum grew in 1.11.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
struct Say {
    #[mc(max_len(47 = 100, V1_11 = 256))]
    message: String,
    #[mc(rest, max_len = 4)]
    data: Bytes,
}

#[test]
fn max_len_changes_per_version_and_caps_rest() {
    let long = Say {
        message: "a".repeat(101),
        data: Bytes::new(),
    };
    assert!(matches!(
        encode_to_vec(&long, V47).unwrap_err().kind(),
        ErrorKind::TooLong {
            len: 101,
            max: 100,
            ..
        }
    ));
    let bytes = encode_to_vec(&long, V315).unwrap();
    assert_eq!(&bytes[..2], hex("65 61"));
    assert!(decode_exact::<Say>(&bytes, V47).is_err());
    assert_eq!(decode_exact::<Say>(&bytes, V315).unwrap(), long);
    let longer = Say {
        message: "a".repeat(257),
        ..long
    };
    assert!(encode_to_vec(&longer, V315).is_err());
    // A rest-of-packet byte array with a cap: 4 bytes pass, 5 do not.
    let ok = hex("02 68 69  01 02 03 04");
    let say = decode_exact::<Say>(&ok, V47).unwrap();
    assert_eq!(&say.data[..], [1, 2, 3, 4]);
    assert_eq!(encode_to_vec(&say, V47).unwrap(), ok);
    assert!(matches!(
        decode_exact::<Say>(&hex("02 68 69  01 02 03 04 05"), V47)
            .unwrap_err()
            .kind(),
        ErrorKind::TooLong { len: 5, max: 4, .. }
    ));
    let five = Say {
        data: Bytes::from_static(&[1, 2, 3, 4, 5]),
        ..say
    };
    assert!(matches!(
        encode_to_vec(&five, V47).unwrap_err().kind(),
        ErrorKind::TooLong { len: 5, max: 4, .. }
    ));
}

/// A capped rest-of-packet sequence of numbers.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
struct Ids {
    #[mc(rest, max_len = 2, as = varint)]
    ids: Vec<i32>,
}

#[test]
fn capped_rest_of_numbers() {
    let two = hex("01 ac 02");
    assert_eq!(
        decode_exact::<Ids>(&two, V47).unwrap(),
        Ids { ids: vec![1, 300] }
    );
    assert!(matches!(
        decode_exact::<Ids>(&hex("01 02 03"), V47)
            .unwrap_err()
            .kind(),
        ErrorKind::TooLong { len: 3, max: 2, .. }
    ));
    assert!(encode_to_vec(&Ids { ids: vec![1, 2, 3] }, V47).is_err());
}

/// Title: 1.11 inserted "set action bar" at 2 and moved the others up.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[mc(tag = varint)]
enum Title {
    #[mc(tag = 0)]
    Text { text: String },
    #[mc(since = 315, tag = 2)]
    ActionBar { text: String },
    #[mc(tag(47 = 2, 315 = 3))]
    Times {
        fade_in: i32,
        stay: i32,
        fade_out: i32,
    },
    #[mc(tag(47 = 3, 315 = 4))]
    Hide,
    #[mc(tag(47 = 4, V1_11 = 5))]
    Reset,
}

#[test]
fn variant_tags_renumber_and_variants_come_and_go() {
    let times = Title::Times {
        fade_in: 1,
        stay: 2,
        fade_out: 3,
    };
    let b47 = hex("02  00 00 00 01  00 00 00 02  00 00 00 03");
    let b315 = hex("03  00 00 00 01  00 00 00 02  00 00 00 03");
    assert_eq!(encode_to_vec(&times, V47).unwrap(), b47);
    assert_eq!(encode_to_vec(&times, V210).unwrap(), b47);
    assert_eq!(encode_to_vec(&times, V315).unwrap(), b315);
    assert_eq!(decode_exact::<Title>(&b47, V47).unwrap(), times);
    assert_eq!(decode_exact::<Title>(&b315, V315).unwrap(), times);
    assert_eq!(encode_to_vec(&Title::Hide, V47).unwrap(), [3]);
    assert_eq!(encode_to_vec(&Title::Hide, V315).unwrap(), [4]);
    assert_eq!(encode_to_vec(&Title::Reset, V315).unwrap(), [5]);
    assert_eq!(decode_exact::<Title>(&[4], V47).unwrap(), Title::Reset);
    assert_eq!(decode_exact::<Title>(&[4], V315).unwrap(), Title::Hide);
    // 2 is the action bar from 315 on.
    let bar = Title::ActionBar { text: "hi".into() };
    assert_eq!(encode_to_vec(&bar, V315).unwrap(), hex("02 02 68 69"));
    assert_eq!(
        decode_exact::<Title>(&hex("02 02 68 69"), V315).unwrap(),
        bar
    );
    // Before 315 the action bar does not exist: a typed error to encode,
    // and 5 is no tag at all.
    let err = encode_to_vec(&bar, V47).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::NotInVersion {
            ty: "Title::ActionBar",
            version: 47
        }
    ));
    assert_eq!(err.field(), "Title");
    assert!(matches!(
        decode_exact::<Title>(&[5], V47).unwrap_err().kind(),
        ErrorKind::UnknownValue {
            ty: "Title",
            value: 5
        }
    ));
}

/// Entity Equipment's slot: the tag widens and the values renumber.
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[mc(tag(47 = i16, V1_9 = varint))]
enum Equip {
    #[mc(tag = 0)]
    MainHand,
    #[mc(since = 107, tag = 1)]
    OffHand,
    #[mc(tag(47 = 1, 107 = 2))]
    Boots,
    #[mc(other)]
    Unknown(i32),
}

/// The slot again, sent through `as` by a field.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
struct Wear {
    slot: Equip,
    #[mc(as = u8)]
    narrow: Equip,
}

#[test]
fn container_tag_width_changes() {
    let w = Wear {
        slot: Equip::Boots,
        narrow: Equip::Boots,
    };
    // 47: Short 1, then Unsigned Byte 1; 107: VarInt 2, Unsigned Byte 2.
    assert_eq!(encode_to_vec(&w, V47).unwrap(), hex("00 01 01"));
    assert_eq!(encode_to_vec(&w, V107).unwrap(), hex("02 02"));
    assert_eq!(decode_exact::<Wear>(&hex("00 01 01"), V47).unwrap(), w);
    assert_eq!(decode_exact::<Wear>(&hex("02 02"), V107).unwrap(), w);
    // 1 is the off hand from 107 on.
    assert_eq!(
        decode_exact::<Equip>(&hex("01"), V107).unwrap(),
        Equip::OffHand
    );
    assert!(matches!(
        encode_to_vec(&Equip::OffHand, V47).unwrap_err().kind(),
        ErrorKind::NotInVersion {
            ty: "Equip::OffHand",
            version: 47
        }
    ));
    // Unknown values are kept in their version's numbering and width, and
    // refused where a variant has them.
    assert_eq!(
        decode_exact::<Equip>(&hex("00 05"), V47).unwrap(),
        Equip::Unknown(5)
    );
    assert_eq!(
        encode_to_vec(&Equip::Unknown(-1), V107).unwrap(),
        hex("ff ff ff ff 0f")
    );
    assert!(encode_to_vec(&Equip::Unknown(2), V47).is_ok());
    assert!(encode_to_vec(&Equip::Unknown(2), V107).is_err());
}

/// Text sent with a one-byte length (a stand-in for a codec that changes).
mod short_text {
    use mcproto_core::{Gen, ProtocolVersion, Reader, Result, WireType, Writer};

    pub fn encode(v: &String, w: &mut Writer<'_>) -> Result<()> {
        w.put_u8(u8::try_from(v.len()).unwrap_or(u8::MAX));
        w.put_slice(v.as_bytes());
        Ok(())
    }

    pub fn decode(r: &mut Reader<'_>) -> Result<String> {
        let n = r.u8()?;
        let bytes = r.take(usize::from(n), "short text")?;
        Ok(String::from_utf8_lossy(bytes).into_owned())
    }

    pub fn describe(_: ProtocolVersion) -> WireType {
        WireType::Named("Short Text")
    }

    pub fn generate(g: &mut Gen<'_>) -> String {
        "x".repeat(g.below(4))
    }
}

/// A standard string, as a `with` module.
mod text {
    use mcproto_core::{
        Decode, Describe, Encode, Gen, ProtocolVersion, Reader, Result, WireType, Writer,
    };

    pub fn encode(v: &String, w: &mut Writer<'_>) -> Result<()> {
        v.encode(w)
    }

    pub fn decode(r: &mut Reader<'_>) -> Result<String> {
        String::decode(r)
    }

    pub fn describe(version: ProtocolVersion) -> WireType {
        String::describe(version)
    }

    pub fn generate(g: &mut Gen<'_>) -> String {
        "y".repeat(g.below(4))
    }
}

/// Every kind of version gate at once, for `describe(version)`.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
struct Sign {
    #[mc(with(47 = short_text, 107 = text))]
    line: String,
    #[mc(since = V1_9)]
    hand: Option<Equip>,
    #[mc(before = 107)]
    legacy: Option<u8>,
    #[mc(since = 54, when = version < V1_9)]
    snapshot: Option<u8>,
    title: Title,
}

#[test]
fn with_changes_per_version() {
    let s = Sign {
        line: "ab".into(),
        hand: None,
        legacy: Some(9),
        snapshot: None,
        title: Title::Hide,
    };
    // 47: one-byte length, legacy byte, Hide = 3.
    assert_eq!(encode_to_vec(&s, V47).unwrap(), hex("02 61 62  09  03"));
    let s107 = Sign {
        hand: Some(Equip::OffHand),
        legacy: None,
        ..s.clone()
    };
    assert_eq!(encode_to_vec(&s107, V107).unwrap(), hex("02 61 62  01  03"));
    assert_eq!(
        decode_exact::<Sign>(&hex("02 61 62  01  03"), V107).unwrap(),
        s107
    );
    // In 54 the snapshot-only field is there.
    let s54 = Sign {
        snapshot: Some(7),
        ..s.clone()
    };
    assert_eq!(
        encode_to_vec(&s54, V54).unwrap(),
        hex("02 61 62  09  07  03")
    );
}

#[test]
fn describe_resolves_each_version() {
    assert_eq!(
        Moved::describe(V47).to_string(),
        "Moved { entity: VarInt, dx: Fixed(Byte, x32), x: Fixed(Int, x32), pitch: Fixed(Unsigned Byte, x63), ids: Array(VarInt, Unsigned Byte) }"
    );
    assert_eq!(
        Moved::describe(V210).to_string(),
        "Moved { entity: VarInt, dx: Fixed(Short, x4096), x: Double, pitch: Float, ids: Array(VarInt, VarInt) }"
    );
    assert_eq!(
        Say::describe(V47).to_string(),
        "Say { message: String(100), data: Array(rest of packet, Byte) }"
    );
    assert_eq!(
        Say::describe(V315).to_string(),
        "Say { message: String(256), data: Array(rest of packet, Byte) }"
    );
    // Variants the version lacks are left out; tags are the version's.
    let tags = |v| match Title::describe(v) {
        WireType::Switch { tag, variants, .. } => (
            tag.to_string(),
            variants.iter().map(|v| (v.name, v.tag)).collect::<Vec<_>>(),
        ),
        other => panic!("{other}"),
    };
    assert_eq!(
        tags(V47),
        (
            "VarInt".to_string(),
            vec![("Text", 0), ("Times", 2), ("Hide", 3), ("Reset", 4)]
        )
    );
    assert_eq!(
        tags(V315).1,
        [
            ("Text", 0),
            ("ActionBar", 2),
            ("Times", 3),
            ("Hide", 4),
            ("Reset", 5)
        ]
    );
    // The container tag's width, and values, per version.
    assert_eq!(
        Equip::describe(V47),
        WireType::Enum {
            name: "Equip",
            repr: Box::new(WireType::Short),
            values: vec![("MainHand", 0), ("Boots", 1)],
            open: true,
        }
    );
    assert_eq!(
        Equip::describe(V107),
        WireType::Enum {
            name: "Equip",
            repr: Box::new(WireType::VarInt),
            values: vec![("MainHand", 0), ("OffHand", 1), ("Boots", 2)],
            open: true,
        }
    );
    // Fields absent in the version are left out, present ones are plain;
    // a condition on other things stays.
    assert_eq!(
        Sign::describe(V47).to_string(),
        "Sign { line: Short Text, legacy: Unsigned Byte, title: Switch Title(VarInt) { 0 Text { text: String(32767) }; 2 Times { fade_in: Int, stay: Int, fade_out: Int }; 3 Hide; 4 Reset } }"
    );
    assert_eq!(
        Sign::describe(V54).to_string(),
        "Sign { line: Short Text, legacy: Unsigned Byte, snapshot: Conditional(version < V1_9, Unsigned Byte), title: Switch Title(VarInt) { 0 Text { text: String(32767) }; 2 Times { fade_in: Int, stay: Int, fade_out: Int }; 3 Hide; 4 Reset } }"
    );
    let WireType::Struct { fields, .. } = Sign::describe(V107) else {
        panic!()
    };
    let names: Vec<_> = fields.iter().map(|f| (f.name, f.ty.to_string())).collect();
    assert_eq!(
        names[..3],
        [
            ("line", "String(32767)".to_string()),
            ("hand", "Enum Equip(VarInt)".to_string()),
            (
                "snapshot",
                "Conditional(version < V1_9, Unsigned Byte)".to_string()
            ),
        ]
    );
}

proptest::proptest! {
    #[test]
    fn versioned_values_round_trip(data in proptest::collection::vec(proptest::num::u8::ANY, 0..256)) {
        for v in [V47, V54, V107, V210, V315] {
            round_trip::<Moved>(&data, v);
            round_trip::<Title>(&data, v);
            round_trip::<Wear>(&data, v);
            round_trip::<Sign>(&data, v);
            round_trip::<Path3>(&data, v);
            // Say ends with a rest field, so its prefixes may decode.
            let say = Say::generate(&mut Gen::new(&data, v));
            let bytes = encode_to_vec(&say, v).unwrap();
            proptest::prop_assert_eq!(decode_exact::<Say>(&bytes, v).unwrap(), say);
        }
    }
}

/// A packet whose id changes in a version named by a constant.
#[derive(Packet, Debug, Clone, PartialEq)]
#[packet(id(47 = 0x01, V1_9 = 0x05, V1_11 = none), state = Play, direction = Clientbound)]
struct Moving {
    #[mc(since = V1_9, before = V1_11)]
    flag: Option<bool>,
}

#[test]
fn packet_ids_by_version_constant() {
    assert_eq!(Moving::id_for(V47), Some(0x01));
    assert_eq!(Moving::id_for(V107), Some(0x05));
    assert_eq!(Moving::id_for(V315), None);
    let m = Moving { flag: Some(true) };
    assert_eq!(m.encode_packet(V107).unwrap(), hex("05 01"));
    assert_eq!(Moving { flag: None }.encode_packet(V47).unwrap(), hex("01"));
}

/// A switch whose unknown tags mean "no further fields" (vanilla's Teams:
/// `if (mode == 0 || mode == 2) ...`, nothing for another mode).
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
#[mc(tag = i8)]
enum Mode {
    #[mc(tag = 0)]
    Create { name: String },
    #[mc(tag = 1)]
    Remove,
    #[mc(other)]
    Unknown(i32),
}

#[test]
fn unknown_switch_tag_reads_no_fields_and_re_encodes() {
    // 0c: mode 12, known to no variant; nothing follows.
    assert_eq!(
        decode_exact::<Mode>(&[0x0c], V47).unwrap(),
        Mode::Unknown(12)
    );
    // A negative Byte is kept too (vanilla compares the signed byte).
    assert_eq!(
        decode_exact::<Mode>(&[0xff], V47).unwrap(),
        Mode::Unknown(-1)
    );
    // Bytes after an unknown tag are not its fields: they are left over.
    assert!(matches!(
        decode_exact::<Mode>(&[0x0c, 0x00], V47).unwrap_err().kind(),
        ErrorKind::TrailingBytes { count: 1 }
    ));
    assert_eq!(encode_to_vec(&Mode::Unknown(12), V47).unwrap(), [0x0c]);
    // Known tags still read their fields.
    assert_eq!(
        decode_exact::<Mode>(&hex("00 02 68 69"), V47).unwrap(),
        Mode::Create { name: "hi".into() }
    );
    // An "unknown" value a variant stands for would come back as that
    // variant, and one the tag cannot hold would not come back at all.
    for bad in [Mode::Unknown(1), Mode::Unknown(300)] {
        assert!(encode_to_vec(&bad, V47).is_err(), "{bad:?}");
    }
    let WireType::Switch { open, .. } = Mode::describe(V47) else {
        panic!()
    };
    assert!(open);
    assert_eq!(
        Mode::describe(V47).to_string(),
        "Switch Mode(Byte) { 0 Create { name: String(32767) }; 1 Remove; other: no fields }"
    );
}

/// A value enum open before 1.9 and closed from then on (vanilla 1.8
/// reads a raw byte, 1.9 an enum lookup that fails on unknown values).
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[mc(tag = varint)]
enum Kind {
    #[mc(tag = 0)]
    A,
    #[mc(tag = 1)]
    B,
    #[mc(other, before = 107)]
    Unknown(i32),
}

#[test]
fn other_with_a_version_bound_is_open_only_there() {
    assert_eq!(
        decode_exact::<Kind>(&[0x05], V47).unwrap(),
        Kind::Unknown(5)
    );
    assert!(matches!(
        decode_exact::<Kind>(&[0x05], ProtocolVersion(107))
            .unwrap_err()
            .kind(),
        ErrorKind::UnknownValue { value: 5, .. }
    ));
    assert_eq!(
        decode_exact::<Kind>(&[0x01], ProtocolVersion(107)).unwrap(),
        Kind::B
    );
    assert_eq!(encode_to_vec(&Kind::Unknown(5), V47).unwrap(), [0x05]);
    assert!(matches!(
        encode_to_vec(&Kind::Unknown(5), ProtocolVersion(107))
            .unwrap_err()
            .kind(),
        ErrorKind::NotInVersion { .. }
    ));
    let open = |v| match Kind::describe(v) {
        WireType::Enum { open, .. } => open,
        other => panic!("{other}"),
    };
    assert!(open(V47));
    assert!(!open(ProtocolVersion(107)));
    // Generated values exist in their version.
    for seed in 0..=255u8 {
        let data = [seed, seed.wrapping_mul(7), 0x80, 0x05, seed];
        let mut g = Gen::new(&data, ProtocolVersion(107));
        assert_ne!(
            std::mem::discriminant(&Kind::generate(&mut g)),
            std::mem::discriminant(&Kind::Unknown(0))
        );
    }
}

/// Counts vanilla runs as `for (i = 0; i < n; i++)` loops.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
struct Loops {
    #[mc(negative_empty)]
    names: Vec<String>,
    #[mc(len = i32, negative_empty)]
    values: Vec<u8>,
    #[mc(negative_empty, max_len = 2)]
    capped: Vec<u8>,
}

#[test]
fn negative_counts_read_as_empty_and_stay_bounded() {
    // VarInt −1 (ff ff ff ff 0f), Int −2 (ff ff ff fe), VarInt −3.
    let bytes = hex("ff ff ff ff 0f  ff ff ff fe  fd ff ff ff 0f");
    let empty = Loops {
        names: vec![],
        values: vec![],
        capped: vec![],
    };
    assert_eq!(decode_exact::<Loops>(&bytes, V47).unwrap(), empty);
    // Re-encoded, an empty list counts 0.
    assert_eq!(
        encode_to_vec(&empty, V47).unwrap(),
        hex("00 00 00 00 00 00")
    );
    // A positive count is still checked against the input and the maximum.
    assert!(matches!(
        decode_exact::<Loops>(&hex("7f"), V47).unwrap_err().kind(),
        ErrorKind::LengthExceedsInput { len: 127, .. }
    ));
    assert!(matches!(
        decode_exact::<Loops>(&hex("00 00 00 00 00 03 01 02 03"), V47)
            .unwrap_err()
            .kind(),
        ErrorKind::TooLong { len: 3, max: 2, .. }
    ));
    assert_eq!(
        decode_exact::<Loops>(&hex("01 01 61 00 00 00 01 09 00"), V47).unwrap(),
        Loops {
            names: vec!["a".into()],
            values: vec![9],
            capped: vec![],
        }
    );
}

/// Every field a fixed-size type: written in one reservation.
#[derive(Packet, Debug, Clone, PartialEq)]
#[packet(id = 0x05, state = Play, direction = Serverbound)]
struct Look {
    yaw: f32,
    pitch: i8,
    entity: mcproto_core::uuid::Uuid,
    on_ground: bool,
    id: u16,
    velocity: Velocity,
}

#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq)]
struct Velocity(i16, i16, i16);

/// One field without a fixed size (a VarInt): written field by field.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
struct Counted {
    yaw: f32,
    #[mc(varint)]
    count: i32,
}

/// A type parameter: fixed when the parameter is.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
struct Pair<T> {
    a: T,
    b: u8,
}

#[test]
fn fixed_size_structs_write_the_same_bytes_in_one_reservation() {
    assert_eq!(<Velocity as Encode>::FIXED_SIZE, Some(6));
    assert_eq!(<Look as Encode>::FIXED_SIZE, Some(4 + 1 + 16 + 1 + 2 + 6));
    assert_eq!(<Counted as Encode>::FIXED_SIZE, None);
    assert_eq!(<Pair<i64> as Encode>::FIXED_SIZE, Some(9));
    assert_eq!(<Pair<String> as Encode>::FIXED_SIZE, None);

    let look = Look {
        yaw: -90.5,
        pitch: -3,
        entity: mcproto_core::uuid::Uuid::from_u128(0x0011_2233_4455_6677_8899_aabb_ccdd_eeff),
        on_ground: true,
        id: 0xbeef,
        velocity: Velocity(1, -1, 0x1234),
    };
    // -90.5f32 is 0xc2b5_0000.
    let body = "c2 b5 00 00  fd  00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff  01  be ef  \
                00 01 ff ff 12 34";
    assert_eq!(encode_to_vec(&look, V47).unwrap(), hex(body));
    // Through a registry the id goes in the same reservation, after bytes
    // already in the buffer.
    let mut buf = vec![0xaa];
    Look::registry(V47).encode(&look, &mut buf).unwrap();
    assert_eq!(buf, hex(&format!("aa 05 {body}")));
    assert_eq!(Look::decode_packet(&buf[1..], V47).unwrap(), look);

    let counted = Counted {
        yaw: 1.0,
        count: 300,
    };
    assert_eq!(
        encode_to_vec(&counted, V47).unwrap(),
        hex("3f 80 00 00 ac 02")
    );
    let pair = Pair { a: -2i64, b: 7 };
    assert_eq!(
        encode_to_vec(&pair, V47).unwrap(),
        hex("ff ff ff ff ff ff ff fe 07")
    );
}

/// The same layout as [`Look`], its `Packet` written by hand, claiming
/// `Look`'s type slot: a registry must still give each type its own id.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
struct HandWritten {
    yaw: f32,
}

impl Packet for HandWritten {
    const META: &'static mcproto_core::PacketMeta = &mcproto_core::PacketMeta {
        name: "HandWritten",
        state: mcproto_core::State::Play,
        direction: mcproto_core::Direction::Serverbound,
        ids: &[],
    };
    type Static = Self;
    fn type_slot() -> Option<&'static mcproto_core::__private::TypeSlot> {
        <Look as Packet>::type_slot()
    }
}

impl DecodeOwned for HandWritten {
    fn decode_owned(r: &mut mcproto_core::Reader<'_>) -> mcproto_core::Result<Self> {
        Self::decode(r)
    }
}

#[test]
fn each_registry_gives_each_type_its_own_id() {
    let look = Look {
        yaw: 0.0,
        pitch: 0,
        entity: mcproto_core::uuid::Uuid::nil(),
        on_ground: false,
        id: 0,
        velocity: Velocity(0, 0, 0),
    };
    let first_byte = |r: &mcproto_core::Registry,
                      p: &dyn Fn(&mut Vec<u8>, &mcproto_core::Registry)| {
        let mut buf = Vec::new();
        p(&mut buf, r);
        buf[0]
    };
    let enc_look = |buf: &mut Vec<u8>, r: &mcproto_core::Registry| r.encode(&look, buf).unwrap();
    let hand = HandWritten { yaw: 1.0 };
    let enc_hand = |buf: &mut Vec<u8>, r: &mcproto_core::Registry| r.encode(&hand, buf).unwrap();

    let base = mcproto_core::Registry::builder(V47)
        .register::<Look>()
        .register_as::<HandWritten>(0x31)
        .build()
        .unwrap();
    assert_eq!(first_byte(&base, &enc_look), 0x05);
    assert_eq!(first_byte(&base, &enc_hand), 0x31);
    // Renumbered in a new registry; the first keeps its ids.
    let renumbered = base.to_builder().renumber::<Look>(0x44).build().unwrap();
    assert_eq!(first_byte(&renumbered, &enc_look), 0x44);
    assert_eq!(first_byte(&renumbered, &enc_hand), 0x31);
    assert_eq!(first_byte(&base, &enc_look), 0x05);
    assert_eq!(renumbered.id_of::<Look>(), Some(0x44));
    // A registry without `Look` refuses it, though its slot is numbered.
    let without = base.to_builder().remove::<Look>().build().unwrap();
    let err = without.encode(&look, &mut Vec::new()).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::PacketNotInVersion { version: 47 }),
        "{err}"
    );
    assert_eq!(first_byte(&without, &enc_hand), 0x31);
}
