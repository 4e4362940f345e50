//! Shared checks for packet tests.
#![allow(dead_code)]

use std::fmt::Debug;

use mcproto_core::schema::ArrayLen;
use mcproto_core::{Decode, Gen, Generate, Packet, ProtocolVersion, WireType};

pub const V47: ProtocolVersion = ProtocolVersion::V47;
pub const V54: ProtocolVersion = ProtocolVersion::V54;

/// Bytes from hex digits; whitespace ignored.
pub fn hex(s: &str) -> Vec<u8> {
    let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(digits.len() % 2 == 0, "odd number of hex digits in {s:?}");
    (0..digits.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&digits[i..i + 2], 16).expect("hex digit"))
        .collect()
}

fn ends_with_rest(t: &WireType) -> bool {
    match t {
        WireType::Struct { fields, .. } => fields.last().is_some_and(|f| ends_with_rest(&f.ty)),
        WireType::Array {
            len: ArrayLen::Rest,
            ..
        } => true,
        WireType::Switch { variants, .. } => variants
            .iter()
            .any(|v| v.fields.last().is_some_and(|f| ends_with_rest(&f.ty))),
        _ => false,
    }
}

/// A golden vector: `packet` encodes (packet id + body) to exactly the bytes
/// of `hex_bytes` in `version`, those bytes decode back to `packet`, and
/// every proper prefix of them fails to decode (or, for layouts ending in a
/// rest-of-packet field, decodes to a different packet), never panicking.
pub fn golden<P>(packet: &P, version: ProtocolVersion, hex_bytes: &str)
where
    P: Packet + for<'a> Decode<'a> + Debug + PartialEq,
{
    let bytes = hex(hex_bytes);
    let encoded = packet
        .encode_packet(version)
        .unwrap_or_else(|e| panic!("encode {packet:?}: {e}"));
    assert_eq!(
        encoded
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<Vec<_>>()
            .join(" "),
        bytes
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<Vec<_>>()
            .join(" "),
        "encoding of {packet:?} in protocol {}",
        version.0
    );
    let decoded =
        P::decode_packet(&bytes, version).unwrap_or_else(|e| panic!("decode {hex_bytes}: {e}"));
    assert_eq!(&decoded, packet, "decoding {hex_bytes}");
    let rest = ends_with_rest(&P::describe());
    for cut in 0..bytes.len() {
        match P::decode_packet(&bytes[..cut], version) {
            Err(_) => {}
            Ok(p) if rest => assert_ne!(
                &p, packet,
                "prefix of {cut} bytes decoded to the whole packet"
            ),
            Ok(p) => panic!("prefix of {cut} bytes decoded: {p:?}"),
        }
    }
}

/// A random valid `P` for `version` survives encode → decode → encode with
/// identical bytes and an identical value (compared through `Debug`, so NaN
/// floats compare equal to themselves).
pub fn round_trip<P>(data: &[u8], version: ProtocolVersion)
where
    P: Packet + Generate + for<'a> Decode<'a> + Debug,
{
    if P::id_for(version).is_none() {
        return;
    }
    let packet = P::generate(&mut Gen::new(data, version));
    let bytes = packet
        .encode_packet(version)
        .unwrap_or_else(|e| panic!("encode {packet:?}: {e}"));
    let back =
        P::decode_packet(&bytes, version).unwrap_or_else(|e| panic!("decode {packet:?}: {e}"));
    assert_eq!(format!("{back:?}"), format!("{packet:?}"));
    assert_eq!(back.encode_packet(version).expect("re-encode"), bytes);
}

/// Runs [`round_trip`] for each listed packet type in both versions, on
/// many random inputs (a proptest).
#[macro_export]
macro_rules! round_trips {
    ($($ty:ty),* $(,)?) => {
        proptest::proptest! {
            #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
            #[test]
            fn generated_packets_round_trip(data in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
                for v in [$crate::common::V47, $crate::common::V54] {
                    $( $crate::common::round_trip::<$ty>(&data, v); )*
                }
            }
        }
    };
}
