//! Shared checks and values for packet tests.
//!
//! Number encodings used below: Int/Short/Long are big-endian two's
//! complement; fixed-point = floor(value × 32) as Int (or Byte for relative
//! moves); floats are IEEE 754 big-endian; VarInt = 7 bits per byte, low
//! group first, 0x80 = more follows.
//!
//! Recurring pieces, worked once:
//! - U1 = UUID 00000000-0000-0000-0000-000000000001 = 15 × `00`, then `01`;
//!   U2 the same ending in `02`.
//! - Chat `"a"` (the JSON string literal, 3 characters) = `03 22 61 22`;
//!   `"b"` = `03 22 62 22`.
//! - VarInt 300 = 0b10_0101100: low group 0x2c | 0x80 = `ac`, then `02`.
//! - VarInt −1 = `ff ff ff ff 0f` (five bytes, 32-bit two's complement).
//! - "Notch" = `05 4e 6f 74 63 68`; "obj" = `03 6f 62 6a`.
//!
//! Numbers used below, worked once:
//! - Position (1.8: x << 38 | (y & 0xfff) << 26 | (z & 0x3ffffff)):
//!   (1, 2, 3)   = 1<<38 | 2<<26 | 3 = 00 00 00 40 08 00 00 03;
//!   (0, 64, 0)  = 64<<26 = 1<<32    = 00 00 00 01 00 00 00 00;
//!   (-1,-1,-1)  = all bits set      = ff ff ff ff ff ff ff ff.
//! - Float (IEEE 754 single): 0.0 = 00000000, 0.25 = 3e800000,
//!   0.5 = 3f000000, 1.0 = 3f800000, 3.0 = 40400000, 64.0 = 42800000,
//!   -1.0 = bf800000. Double: 0.5 = 3fe0000000000000, 20.0 = 4034000000000000.
//! - VarInt: 300 = ac 02; 256 = 80 02; 276 = 94 02; 2748 (0x0abc) = bc 15;
//!   8193 (0x2001) = 81 40; 10240 (0x2800) = 80 50.
//!
//! Recurring encodings, worked once (IEEE 754 / 1.8 Position packing):
//! - Position (1, 2, 3): x 1<<38 | y 2<<26 | z 3 = 00 00 00 40 08 00 00 03;
//!   (0, 0, 0) = eight 00; (−1, −1, −1) = every bit set = eight ff.
//! - Float 0.5 = 2^-1: exp 126 = 3f 00 00 00; 1.0: exp 127 = 3f 80 00 00;
//!   −1.0 = bf 80 00 00.
//! - Double 1.5 = 1.1b × 2^0: exp 0x3ff, mantissa top bit = 3f f8 00…;
//!   64.0 = 2^6: exp 0x405 = 40 50 00…; −2.5 = −1.01b × 2^1: exp 0x400 =
//!   c0 04 00…; 100.0 = 1.5625 × 2^6 (1.1001b) = 40 59 00….
//! - Slot: Short id, then (if id ≥ 0) Byte count, Short damage, NBT (00 = none);
//!   empty = ff ff.
#![allow(dead_code)]

use std::fmt::Debug;

use mcproto_core::schema::ArrayLen;
use mcproto_core::{
    Chat, Decode, DecodeOwned, ErrorKind, Gen, Generate, Packet, PacketGroup, Position,
    ProtocolVersion, Uuid, WireType,
};
use mcproto_packets::registry;

pub const V47: ProtocolVersion = mcproto_packets::version::V1_8;
pub const V54: ProtocolVersion = mcproto_packets::version::V15W32C;
pub const V107: ProtocolVersion = mcproto_packets::version::V1_9;
pub const V108: ProtocolVersion = mcproto_packets::version::V1_9_1;
pub const V109: ProtocolVersion = mcproto_packets::version::V1_9_2;
pub const V110: ProtocolVersion = mcproto_packets::version::V1_9_4;
pub const V210: ProtocolVersion = mcproto_packets::version::V1_10;
pub const V315: ProtocolVersion = mcproto_packets::version::V1_11;
pub const V316: ProtocolVersion = mcproto_packets::version::V1_11_1;
pub const V335: ProtocolVersion = mcproto_packets::version::V1_12;
pub const V338: ProtocolVersion = mcproto_packets::version::V1_12_1;
pub const V340: ProtocolVersion = mcproto_packets::version::V1_12_2;

/// Encoding and decoding whole packets (id + body) through the standard
/// registry of a version, as connections do.
pub trait Wire: Packet + Sized {
    /// Id + body in `version`.
    fn encode_packet(&self, version: ProtocolVersion) -> mcproto_core::Result<Vec<u8>> {
        let mut buf = Vec::new();
        registry(version).unwrap().encode(self, &mut buf)?;
        Ok(buf)
    }

    /// Decodes id + body, which must be exactly one `Self` (borrowing
    /// from `bytes`).
    fn decode_packet<'a>(bytes: &'a [u8], version: ProtocolVersion) -> mcproto_core::Result<Self>
    where
        Self: Decode<'a>,
    {
        registry(version).unwrap().decode_packet(bytes)
    }

    /// Decodes id + body into the owned form.
    fn decode_packet_owned(bytes: &[u8], version: ProtocolVersion) -> mcproto_core::Result<Self>
    where
        Self: DecodeOwned,
    {
        registry(version).unwrap().decode_owned(bytes)
    }

    /// The id of `Self` in `version`'s standard registry.
    fn id_for(version: ProtocolVersion) -> Option<i32> {
        registry(version).ok()?.id_of::<Self::Static>()
    }
}

impl<P: Packet> Wire for P {}

/// Decodes a frame as group `G` with the standard registry of `version`.
pub fn decode_group<G: PacketGroup>(
    bytes: &[u8],
    version: ProtocolVersion,
) -> mcproto_core::Result<G::Of<'_>> {
    registry(version)
        .unwrap()
        .group_decoder::<G>()
        .decode(bytes)
}

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
    P: Packet + DecodeOwned + Debug + PartialEq,
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
    let decoded = P::decode_packet_owned(&bytes, version)
        .unwrap_or_else(|e| panic!("decode {hex_bytes}: {e}"));
    assert_eq!(&decoded, packet, "decoding {hex_bytes}");
    let rest = ends_with_rest(&P::describe(version));
    for cut in 0..bytes.len() {
        match P::decode_packet_owned(&bytes[..cut], version) {
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
    P: Packet + Generate + DecodeOwned + Debug,
{
    if P::id_for(version).is_none() {
        return;
    }
    let packet = P::generate(&mut Gen::new(data, version));
    let bytes = packet
        .encode_packet(version)
        .unwrap_or_else(|e| panic!("encode {packet:?}: {e}"));
    let back = P::decode_packet_owned(&bytes, version)
        .unwrap_or_else(|e| panic!("decode {packet:?}: {e}"));
    assert_eq!(format!("{back:?}"), format!("{packet:?}"));
    assert_eq!(back.encode_packet(version).expect("re-encode"), bytes);
}

/// Runs [`round_trip`] for each listed packet type in every supported
/// version (skipping versions without the packet), on many random inputs
/// (a proptest).
#[macro_export]
macro_rules! round_trips {
    ($($ty:ty),* $(,)?) => {
        proptest::proptest! {
            #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
            #[test]
            fn generated_packets_round_trip(data in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
                for v in mcproto_packets::version::supported() {
                    $( $crate::common::round_trip::<$ty>(&data, v); )*
                }
            }
        }
    };
}

/// A UUID used in several vectors, and its 16 bytes as sent.
pub fn uuid() -> Uuid {
    Uuid::parse_str("b50ad385-829d-3141-a216-7e7d7539ba7f").unwrap()
}
/// The bytes of [`uuid`] in order.
pub const UUID_HEX: &str = "b50ad385829d3141a2167e7d7539ba7f";
/// UUID 1 as sent: 15 zero bytes, then 01.
pub const U1: &str = "00000000000000000000000000000001";
/// UUID 2 as sent.
pub const U2: &str = "00000000000000000000000000000002";
/// UUID 00000000-0000-0000-0000-000000000001.
pub fn u1() -> Uuid {
    Uuid::from_u128(1)
}
/// UUID 00000000-0000-0000-0000-000000000002.
pub fn u2() -> Uuid {
    Uuid::from_u128(2)
}
/// A Chat holding the JSON string literal `"s"`.
pub fn chat(s: &str) -> Chat {
    Chat::from_json(format!("\"{s}\""))
}
/// Whether `err` is an unknown `ty` value `v`.
pub fn unknown_value(err: &mcproto_core::Error, ty: &str, v: i64) -> bool {
    matches!(err.kind(), ErrorKind::UnknownValue { ty: t, value } if *t == ty && *value == v)
}
/// The same golden vector in protocols 47 and 54 (unchanged packets).
pub fn golden_both<P>(packet: &P, hex_bytes: &str)
where
    P: Packet + DecodeOwned + Debug + PartialEq,
{
    golden(packet, V47, hex_bytes);
    golden(packet, V54, hex_bytes);
}
/// Hex of a string's ASCII bytes (the body of a String field).
pub fn ascii(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}
/// `byte` repeated `n` times, as hex.
pub fn rep(byte: &str, n: usize) -> String {
    byte.repeat(n)
}
/// Position (1, 2, 3) as sent.
pub const POS_123: &str = "00 00 00 40 08 00 00 03";
/// Position (1, 2, 3).
pub const P123: Position = Position::new(1, 2, 3);
/// Position (0, 0, 0).
pub const ORIGIN: Position = Position::new(0, 0, 0);
/// Checks a packet type's ids in 47 and 54.
pub fn ids<P: Packet>(v47: Option<i32>, v54: Option<i32>) {
    assert_eq!(
        (P::id_for(V47), P::id_for(V54)),
        (v47, v54),
        "{}",
        P::META.name
    );
}
