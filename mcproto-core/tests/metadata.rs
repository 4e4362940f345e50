//! Entity metadata in every protocol from 47 to 340: the golden packets of
//! the multi-version notes (worked independently of this crate), further
//! vectors worked by hand for the types those do not use, the errors, the
//! type tables against minecraft-data, and random round trips per version.
//!
//! Encodings used below, worked once:
//! - Float 20.0 = 1.25 × 2^4 = 41 a0 00 00; 90.0 = 1.40625 × 2^6 =
//!   42 b4 00 00; −1.0 = bf 80 00 00; 0.0 = 00 00 00 00.
//! - VarInt 300 = ac 02; 4097 (0x1001) = 81 20.
//! - Position (10, 64, −5), packed 26/12/26 bits = 00 00 02 81 03 ff ff fb.
//! - Slot "diamond helmet" = id 310 (01 36), count 01, damage 00 00, no NBT 00.
//! - UUID 069a79f4-44e9-4726-a5be-fca90e38aaf5 = its 16 bytes in order.

use std::num::NonZeroI32;
use std::path::PathBuf;

use mcproto_core::codec::{DecodeLimits, Reader, decode_exact, encode_to_vec};
use mcproto_core::error::NbtError;
use mcproto_core::types::nbt::{Compound, Value};
use mcproto_core::{
    Chat, Decode, Describe, ErrorKind, Facing, Gen, Generate, Metadata, MetadataEntry,
    MetadataValue, Nbt, Position, ProtocolVersion, Slot, Uuid,
};
use proptest::prelude::*;

const P47: ProtocolVersion = ProtocolVersion(47);
const P54: ProtocolVersion = ProtocolVersion(54);
const P107: ProtocolVersion = ProtocolVersion(107);
const P316: ProtocolVersion = ProtocolVersion(316);
const P335: ProtocolVersion = ProtocolVersion(335);
const P340: ProtocolVersion = ProtocolVersion(340);

/// Every release protocol from 1.8 to 1.12.2 (and snapshot 54).
const ALL: [i32; 12] = [47, 54, 107, 108, 109, 110, 210, 315, 316, 335, 338, 340];

fn hex(s: &str) -> Vec<u8> {
    let digits: String = s.split_whitespace().collect();
    (0..digits.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&digits[i..i + 2], 16).expect("hex"))
        .collect()
}

fn entry(index: u8, value: MetadataValue) -> MetadataEntry {
    MetadataEntry { index, value }
}

fn uuid2() -> Uuid {
    Uuid::parse_str("069a79f4-44e9-4726-a5be-fca90e38aaf5").expect("uuid")
}

/// Decodes `bytes` as metadata in `v`, expects `expected`, re-encodes to the
/// same bytes, and checks that every proper prefix fails to decode.
fn golden(bytes: &[u8], v: ProtocolVersion, expected: &Metadata) {
    let m = decode_exact::<Metadata>(bytes, v).unwrap_or_else(|e| panic!("{v}: {e}"));
    assert_eq!(&m, expected, "decoded in {v}");
    assert_eq!(encode_to_vec(expected, v).unwrap(), bytes, "encoded in {v}");
    for cut in 0..bytes.len() {
        assert!(
            decode_exact::<Metadata>(&bytes[..cut], v).is_err(),
            "{cut} of {} bytes decoded in {v}",
            bytes.len()
        );
    }
}

/// The packet body after the packet id and the entity id 42 (`2a`).
fn body(packet: &[u8], id: u8) -> &[u8] {
    assert_eq!(&packet[..2], &[id, 0x2a]);
    &packet[2..]
}

#[test]
fn golden_33_entity_metadata_47() {
    // golden-vectors.md #33: keys 00 21 82 66 47, end 7f.
    let packet = hex("1c 2a 00 20 21 01 2c 82 03 42 6f 62 66 41 a0 00 00 47 00 00 00 00 7f");
    let expected = Metadata(vec![
        entry(0, MetadataValue::Byte(0x20)),
        entry(1, MetadataValue::Short(300)),
        entry(2, MetadataValue::String("Bob".into())),
        entry(6, MetadataValue::Float(20.0)),
        entry(7, MetadataValue::Int(0)),
    ]);
    golden(body(&packet, 0x1c), P47, &expected);
    // 54 uses the same encoding.
    golden(body(&packet, 0x1c), P54, &expected);
}

#[test]
fn the_other_1_8_types() {
    // Slot at 3: key 5<<5|3 = a3, helmet; empty slot at 4: key a4, ff ff.
    // Position at 5: key 6<<5|5 = c5, three Ints 10, 64, −5 (not packed).
    // Rotation at 6: key 7<<5|6 = e6, 0.0, 90.0, −1.0. End 7f.
    let bytes = hex("a3 01 36 01 00 00 00  a4 ff ff \
         c5 00 00 00 0a 00 00 00 40 ff ff ff fb \
         e6 00 00 00 00 42 b4 00 00 bf 80 00 00  7f");
    let expected = Metadata::new()
        .with(3, MetadataValue::Slot(Box::new(Slot::item(310, 1))))
        .with(4, MetadataValue::Slot(Box::new(Slot::EMPTY)))
        .with(5, MetadataValue::Position(Position::new(10, 64, -5)))
        .with(
            6,
            MetadataValue::Rotation {
                pitch: 0.0,
                yaw: 90.0,
                roll: -1.0,
            },
        );
    golden(&bytes, P47, &expected);
    golden(&bytes, P54, &expected);
    // Three Ints carry any i32, far beyond the packed Position's range.
    let far = Metadata::new().with(
        0,
        MetadataValue::Position(Position::new(i32::MIN, i32::MAX, -1)),
    );
    golden(&hex("c0 80 00 00 00 7f ff ff ff ff ff ff ff 7f"), P47, &far);
}

#[test]
fn golden_34_entity_metadata_107() {
    // golden-vectors.md #34: seven types, indices arbitrary.
    let packet = hex(
        "39 2a 00 00 20 01 01 ac 02 02 03 03 42 6f 62 03 06 01 06 02 41 a0 00 00 \
         07 09 01 00 00 02 81 03 ff ff fb 08 09 00 0d 0b 01 06 9a 79 f4 44 e9 47 26 \
         a5 be fc a9 0e 38 aa f5 0e 0b 00 ff",
    );
    let expected = Metadata(vec![
        entry(0, MetadataValue::Byte(0x20)),
        entry(1, MetadataValue::VarInt(300)),
        entry(2, MetadataValue::String("Bob".into())),
        entry(3, MetadataValue::Boolean(true)),
        entry(6, MetadataValue::Float(20.0)),
        entry(
            7,
            MetadataValue::OptPosition(Some(Position::new(10, 64, -5))),
        ),
        entry(8, MetadataValue::OptPosition(None)),
        entry(13, MetadataValue::OptUuid(Some(uuid2()))),
        entry(14, MetadataValue::OptUuid(None)),
    ]);
    for v in ALL.iter().filter(|&&v| v >= 107) {
        golden(body(&packet, 0x39), ProtocolVersion(*v), &expected);
    }
}

#[test]
fn the_other_1_9_types() {
    // 02 04: Chat {"text":"Hi"} (13 bytes: 0d 7b 22 74 65 78 74 22 3a 22 48 69 22 7d).
    // 05 05: Slot helmet; 06 05: empty slot ff ff.
    // 0b 07: Rotation 0.0, 90.0, −1.0.
    // 0c 08: Position (10, 64, −5) packed.
    // 0d 0a 05: Facing East; 10 0a 00: Down.
    // 0e 0c 81 20: OptBlockState 4097 (granite, 1 | 1 << 12); 0f 0c 00: absent.
    // 11 06 00: Boolean false; 12 01 ff ff ff ff 0f: VarInt −1.
    // fe 00 7f: Byte 127 at the highest index, 254. End ff.
    let bytes = hex("02 04 0d 7b 22 74 65 78 74 22 3a 22 48 69 22 7d \
         05 05 01 36 01 00 00 00  06 05 ff ff \
         0b 07 00 00 00 00 42 b4 00 00 bf 80 00 00 \
         0c 08 00 00 02 81 03 ff ff fb \
         0d 0a 05  10 0a 00 \
         0e 0c 81 20  0f 0c 00 \
         11 06 00  12 01 ff ff ff ff 0f \
         fe 00 7f  ff");
    let expected = Metadata::new()
        .with(2, MetadataValue::Chat(Chat::text("Hi")))
        .with(5, MetadataValue::Slot(Box::new(Slot::item(310, 1))))
        .with(6, MetadataValue::Slot(Box::new(Slot::EMPTY)))
        .with(
            11,
            MetadataValue::Rotation {
                pitch: 0.0,
                yaw: 90.0,
                roll: -1.0,
            },
        )
        .with(12, MetadataValue::Position(Position::new(10, 64, -5)))
        .with(13, MetadataValue::Facing(Facing::East))
        .with(16, MetadataValue::Facing(Facing::Down))
        .with(14, MetadataValue::OptBlockState(NonZeroI32::new(4097)))
        .with(15, MetadataValue::OptBlockState(None))
        .with(17, MetadataValue::Boolean(false))
        .with(18, MetadataValue::VarInt(-1))
        .with(254, MetadataValue::Byte(127));
    assert_eq!(Chat::text("Hi").json(), r#"{"text":"Hi"}"#);
    for v in ALL.iter().filter(|&&v| v >= 107) {
        golden(&bytes, ProtocolVersion(*v), &expected);
    }
}

fn parrot() -> Nbt {
    let mut c = Compound::new();
    c.insert("id", Value::String("minecraft:parrot".into()));
    c.insert("Variant", Value::Int(2));
    Nbt::new(c)
}

#[test]
fn golden_35_entity_metadata_335() {
    // golden-vectors.md #35: index 0f (left shoulder), type 0d (NBT).
    let packet = hex(
        "3b 2a 0f 0d 0a 00 00 08 00 02 69 64 00 10 6d 69 6e 65 63 72 61 66 74 3a 70 61 \
         72 72 6f 74 03 00 07 56 61 72 69 61 6e 74 00 00 00 02 00 ff",
    );
    let expected = Metadata::new().with(15, MetadataValue::Nbt(parrot()));
    for v in [335, 338, 340] {
        golden(body(&packet, 0x3b), ProtocolVersion(v), &expected);
    }
    // The shoulder's default, an empty compound (0a 00 00 00), and no
    // compound at all (00).
    let empty = hex("10 0d 0a 00 00 00  11 0d 00  ff");
    let expected = Metadata::new()
        .with(16, MetadataValue::Nbt(Nbt::new(Compound::new())))
        .with(17, MetadataValue::Nbt(Nbt::Absent));
    golden(&empty, P340, &expected);
    // Type 13 does not exist before 335.
    for v in [107, 210, 316] {
        assert!(matches!(
            decode_exact::<Metadata>(body(&packet, 0x3b), ProtocolVersion(v))
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidMetadataType(13)
        ));
    }
}

#[test]
fn values_a_version_cannot_carry_do_not_encode() {
    let not_in = |value: MetadataValue, v: ProtocolVersion| {
        let name = value.name();
        let err = encode_to_vec(&Metadata::new().with(0, value), v).unwrap_err();
        match err.kind() {
            ErrorKind::NotInVersion { ty, version } => {
                assert_eq!((*ty, *version), (name, v.number()));
            }
            other => panic!("{name} in {v}: {other}"),
        }
    };
    for v in [P47, P54] {
        not_in(MetadataValue::VarInt(1), v);
        not_in(MetadataValue::Chat(Chat::text("a")), v);
        not_in(MetadataValue::Boolean(true), v);
        not_in(MetadataValue::OptPosition(None), v);
        not_in(MetadataValue::Facing(Facing::Up), v);
        not_in(MetadataValue::OptUuid(None), v);
        not_in(MetadataValue::OptBlockState(None), v);
        not_in(MetadataValue::Nbt(Nbt::Absent), v);
    }
    for v in [P107, P316, P335, P340] {
        not_in(MetadataValue::Short(1), v);
        not_in(MetadataValue::Int(1), v);
    }
    for v in [P107, ProtocolVersion(210), P316] {
        not_in(MetadataValue::Nbt(Nbt::Absent), v);
    }
    assert_eq!(
        encode_to_vec(
            &Metadata::new().with(1, MetadataValue::Nbt(Nbt::Absent)),
            P335
        )
        .unwrap(),
        [0x01, 0x0d, 0x00, 0xff]
    );
}

#[test]
fn type_ids_per_version() {
    use MetadataValue as M;
    let samples = [
        (M::Byte(0), Some(0), Some(0)),
        (M::Short(0), Some(1), None),
        (M::Int(0), Some(2), None),
        (M::VarInt(0), None, Some(1)),
        (M::Float(0.0), Some(3), Some(2)),
        (M::String("".into()), Some(4), Some(3)),
        (M::Chat(Chat::text("")), None, Some(4)),
        (M::Slot(Box::new(Slot::EMPTY)), Some(5), Some(5)),
        (M::Boolean(false), None, Some(6)),
        (
            M::Rotation {
                pitch: 0.0,
                yaw: 0.0,
                roll: 0.0,
            },
            Some(7),
            Some(7),
        ),
        (M::Position(Position::default()), Some(6), Some(8)),
        (M::OptPosition(None), None, Some(9)),
        (M::Facing(Facing::Down), None, Some(10)),
        (M::OptUuid(None), None, Some(11)),
        (M::OptBlockState(None), None, Some(12)),
    ];
    for (value, old, new) in &samples {
        for v in ALL {
            let expected = if v < 107 { *old } else { *new };
            assert_eq!(
                value.type_id(ProtocolVersion(v)),
                expected,
                "{value:?} in {v}"
            );
        }
    }
    for v in ALL {
        let expected = (v >= 335).then_some(13);
        assert_eq!(M::Nbt(Nbt::Absent).type_id(ProtocolVersion(v)), expected);
    }
}

/// Each version's `entityMetadataItem` switch and loop terminator in
/// minecraft-data must match what this crate sends.
#[test]
fn type_tables_match_minecraft_data() {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/spec/minecraft-data");
    let dirs = [
        ("1.8", 47),
        ("1.9", 107),
        ("1.9.1-pre2", 108),
        ("1.9.2", 109),
        ("1.9.4", 110),
        ("1.10", 210),
        ("1.11", 315),
        ("1.12", 335),
        ("1.12.1", 338),
        ("1.12.2", 340),
    ];
    // One value per minecraft-data wire type, as this crate would send it.
    let expected_md_type = |value: &MetadataValue, old: bool| -> &'static str {
        match value {
            MetadataValue::Byte(_) => "i8",
            MetadataValue::Short(_) => "i16",
            MetadataValue::Int(_) => "i32",
            MetadataValue::VarInt(_)
            | MetadataValue::Facing(_)
            | MetadataValue::OptBlockState(_) => "varint",
            MetadataValue::Float(_) => "f32",
            MetadataValue::String(_) | MetadataValue::Chat(_) => "string",
            MetadataValue::Slot(_) => "slot",
            MetadataValue::Boolean(_) => "bool",
            MetadataValue::Rotation { .. } => {
                r#"["container",[{"name":"pitch","type":"f32"},{"name":"yaw","type":"f32"},{"name":"roll","type":"f32"}]]"#
            }
            MetadataValue::Position(_) if old => {
                r#"["container",[{"name":"x","type":"i32"},{"name":"y","type":"i32"},{"name":"z","type":"i32"}]]"#
            }
            MetadataValue::Position(_) => "position",
            MetadataValue::OptPosition(_) => r#"["option","position"]"#,
            MetadataValue::OptUuid(_) => r#"["option","UUID"]"#,
            MetadataValue::Nbt(_) => "nbt",
        }
    };
    let values = [
        MetadataValue::Byte(0),
        MetadataValue::Short(0),
        MetadataValue::Int(0),
        MetadataValue::VarInt(0),
        MetadataValue::Float(0.0),
        MetadataValue::String("".into()),
        MetadataValue::Chat(Chat::text("")),
        MetadataValue::Slot(Box::new(Slot::EMPTY)),
        MetadataValue::Boolean(false),
        MetadataValue::Rotation {
            pitch: 0.0,
            yaw: 0.0,
            roll: 0.0,
        },
        MetadataValue::Position(Position::default()),
        MetadataValue::OptPosition(None),
        MetadataValue::Facing(Facing::Down),
        MetadataValue::OptUuid(None),
        MetadataValue::OptBlockState(None),
        MetadataValue::Nbt(Nbt::Absent),
    ];
    for (dir, protocol) in dirs {
        let path = spec.join(dir).join("protocol.json");
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let md: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let fields = md["types"]["entityMetadataItem"][1]["fields"]
            .as_object()
            .expect("entityMetadataItem switch");
        let end = md["types"]["entityMetadata"][1]["endVal"]
            .as_u64()
            .expect("endVal");
        let version = ProtocolVersion(protocol);
        let old = protocol < 107;
        // The terminator of an empty list.
        assert_eq!(
            encode_to_vec(&Metadata::new(), version).unwrap(),
            [end as u8],
            "{dir}"
        );
        let mut ours = std::collections::BTreeSet::new();
        for value in &values {
            let Some(id) = value.type_id(version) else {
                continue;
            };
            ours.insert(id.to_string());
            let theirs = fields
                .get(&id.to_string())
                .unwrap_or_else(|| panic!("{dir}: no type {id} for {}", value.name()));
            let theirs = serde_json::to_string(theirs).expect("JSON");
            let theirs = theirs.trim_matches('"');
            assert_eq!(
                theirs,
                expected_md_type(value, old),
                "{dir}: type {id} ({})",
                value.name()
            );
        }
        let defined: std::collections::BTreeSet<String> = fields.keys().cloned().collect();
        assert_eq!(ours, defined, "{dir}: type ids");
        // Every id minecraft-data does not define is rejected on decode
        // (1.8 uses all eight 3-bit types).
        if !old {
            for id in 0u8..=20 {
                if defined.contains(&id.to_string()) {
                    continue;
                }
                let bytes = [0x00, id, 0x00, 0xff];
                assert!(
                    matches!(
                        decode_exact::<Metadata>(&bytes, version).unwrap_err().kind(),
                        ErrorKind::InvalidMetadataType(t) if *t == id
                    ),
                    "{dir}: type {id}"
                );
            }
        }
    }
}

#[test]
fn malformed_input_fails_with_typed_errors() {
    // A type id beyond a byte (VarInt 300) is reported as 255.
    assert!(matches!(
        decode_exact::<Metadata>(&hex("00 ac 02 00 ff"), P107)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidMetadataType(255)
    ));
    // A negative type id too.
    assert!(matches!(
        decode_exact::<Metadata>(&hex("00 ff ff ff ff 0f 00 ff"), P340)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidMetadataType(255)
    ));
    // Facing 6 does not exist (vanilla: closed enum).
    assert!(matches!(
        decode_exact::<Metadata>(&hex("00 0a 06 ff"), P107)
            .unwrap_err()
            .kind(),
        ErrorKind::UnknownValue {
            ty: "Facing",
            value: 6
        }
    ));
    // A 1.8 list read as 1.9: 7f is index 127, then type 0x20 = 32, unknown.
    assert!(decode_exact::<Metadata>(&hex("00 20 7f"), P107).is_err());
    // The 1.8 terminator does not end a 1.9 list, nor the reverse.
    assert!(decode_exact::<Metadata>(&hex("7f"), P107).is_err());
    assert!(decode_exact::<Metadata>(&hex("ff"), P47).is_err());
    // A string longer than the input says.
    assert!(matches!(
        decode_exact::<Metadata>(&hex("00 03 ff ff 01"), P107)
            .unwrap_err()
            .kind(),
        ErrorKind::UnexpectedEof { .. }
    ));
    // The limits of the reader apply to NBT values.
    let deep = {
        let mut b = hex("00 0d 0a 00 00");
        for _ in 0..10 {
            b.extend_from_slice(&hex("0a 00 01 63"));
        }
        b.extend(std::iter::repeat_n(0u8, 11));
        b.push(0xff);
        b
    };
    assert!(decode_exact::<Metadata>(&deep, P335).is_ok());
    let tight = DecodeLimits {
        nbt_max_depth: 4,
        ..DecodeLimits::default()
    };
    let mut r = Reader::new(&deep, P335).with_limits(tight);
    let err = Metadata::decode(&mut r).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::Nbt(NbtError::TooDeep { max: 4 })),
        "{err}"
    );
}

#[test]
fn indices_and_ranges_are_checked_on_encode() {
    // 1.8: index 0 – 31, and key 7f (Float at 31) is the terminator.
    for (index, value) in [
        (32, MetadataValue::Byte(0)),
        (31, MetadataValue::Float(0.0)),
    ] {
        assert!(matches!(
            encode_to_vec(&Metadata::new().with(index, value), P47)
                .unwrap_err()
                .kind(),
            ErrorKind::OutOfRange { .. }
        ));
    }
    let m = Metadata::new().with(31, MetadataValue::Byte(1));
    assert_eq!(encode_to_vec(&m, P47).unwrap(), [0x1f, 0x01, 0x7f]);
    // From 107: index 0 – 254; 255 is the terminator. Float at 31 is fine.
    assert!(matches!(
        encode_to_vec(&Metadata::new().with(255, MetadataValue::Byte(0)), P107)
            .unwrap_err()
            .kind(),
        ErrorKind::OutOfRange { .. }
    ));
    let m = Metadata::new().with(31, MetadataValue::Float(1.0));
    assert_eq!(
        encode_to_vec(&m, P107).unwrap(),
        [0x1f, 0x02, 0x3f, 0x80, 0x00, 0x00, 0xff]
    );
    // A packed Position has 26/12/26 bits; three 1.8 Ints have 32 each.
    let far = Metadata::new().with(0, MetadataValue::Position(Position::new(0, 5000, 0)));
    assert!(encode_to_vec(&far, P47).is_ok());
    assert!(matches!(
        encode_to_vec(&far, P107).unwrap_err().kind(),
        ErrorKind::OutOfRange { ty: "Position", .. }
    ));
    // A string over 32767 characters.
    let long = Metadata::new().with(0, MetadataValue::String("a".repeat(32768)));
    for v in [P47, P107] {
        assert!(matches!(
            encode_to_vec(&long, v).unwrap_err().kind(),
            ErrorKind::TooLong { .. }
        ));
    }
}

#[test]
fn describe_tells_the_formats_apart() {
    let name = |v: i32| Metadata::describe(ProtocolVersion(v)).to_string();
    assert_eq!(name(47), name(54));
    for v in [108, 109, 110, 210, 315, 316] {
        assert_eq!(name(v), name(107));
    }
    assert_eq!(name(338), name(335));
    assert_eq!(name(340), name(335));
    assert_ne!(name(47), name(107));
    assert_ne!(name(107), name(335));
    assert!(name(47).starts_with("Entity Metadata"), "{}", name(47));
    assert_eq!(Facing::describe(P107).to_string(), "Enum Facing(VarInt)");
}

#[test]
fn accessors() {
    let m = Metadata::new()
        .with(0, MetadataValue::Byte(1))
        .with(2, MetadataValue::Boolean(true));
    assert_eq!(m.get(2), Some(&MetadataValue::Boolean(true)));
    assert_eq!(m.get(1), None);
    for (i, f) in Facing::ALL.iter().enumerate() {
        assert_eq!(f.id(), i as i32);
        assert_eq!(Facing::from_id(i as i32), Some(*f));
    }
    assert_eq!(Facing::from_id(6), None);
    assert_eq!(Facing::from_id(-1), None);
}

fn round_trip(data: &[u8], v: ProtocolVersion) {
    let value = Metadata::generate(&mut Gen::new(data, v));
    let bytes = encode_to_vec(&value, v).unwrap_or_else(|e| panic!("{v}: {value:?}: {e}"));
    let back: Metadata =
        decode_exact(&bytes, v).unwrap_or_else(|e| panic!("{v}: {value:?} from {bytes:02x?}: {e}"));
    // Debug, not ==: NaN floats are possible.
    assert_eq!(format!("{back:?}"), format!("{value:?}"), "{v}");
    assert_eq!(encode_to_vec(&back, v).unwrap(), bytes, "{v}");
    for cut in 0..bytes.len() {
        assert!(
            decode_exact::<Metadata>(&bytes[..cut], v).is_err(),
            "{v}: {cut} of {} bytes of {value:?} decoded",
            bytes.len()
        );
    }
    // Every value generated for a version has a type id there.
    for e in &value.0 {
        assert!(e.value.type_id(v).is_some(), "{v}: {:?}", e.value);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Random valid metadata of every version encodes, decodes to itself and
    /// re-encodes to the same bytes; every proper prefix fails.
    #[test]
    fn generated_metadata_round_trips_in_every_version(
        data in proptest::collection::vec(any::<u8>(), 0..400)
    ) {
        for v in ALL {
            round_trip(&data, ProtocolVersion(v));
        }
    }

    /// Arbitrary bytes never panic, in any version; what decodes re-encodes
    /// to a value that decodes the same.
    #[test]
    fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..200)) {
        for v in ALL {
            let v = ProtocolVersion(v);
            if let Ok(m) = decode_exact::<Metadata>(&data, v) {
                let bytes = encode_to_vec(&m, v).unwrap();
                let again: Metadata = decode_exact(&bytes, v).unwrap();
                prop_assert_eq!(format!("{again:?}"), format!("{m:?}"));
            }
        }
    }
}
