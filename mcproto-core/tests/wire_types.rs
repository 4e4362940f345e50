//! Every wire type: random values round-trip byte for byte, and every
//! proper prefix of an encoding fails to decode (never panics).

use std::fmt::Debug;

use mcproto_core::bytes::Bytes;
use mcproto_core::codec::{decode_exact, encode_to_vec};
use mcproto_core::{
    Angle, Chat, Decode, Encode, Gen, Generate, Metadata, Nbt, Position, ProtocolVersion, Slot,
    Uuid, VarInt, VarLong,
};
use proptest::prelude::*;

fn check<T>(data: &[u8])
where
    T: Generate + Encode + for<'a> Decode<'a> + Debug,
{
    let v = ProtocolVersion(47);
    let value = T::generate(&mut Gen::new(data, v));
    let bytes = encode_to_vec(&value, v).unwrap_or_else(|e| panic!("{value:?}: {e}"));
    let back: T =
        decode_exact(&bytes, v).unwrap_or_else(|e| panic!("{value:?} from {bytes:02x?}: {e}"));
    assert_eq!(format!("{back:?}"), format!("{value:?}"));
    assert_eq!(encode_to_vec(&back, v).unwrap(), bytes);
    for cut in 0..bytes.len() {
        assert!(
            decode_exact::<T>(&bytes[..cut], v).is_err(),
            "{} of {} bytes of {value:?} decoded",
            cut,
            bytes.len()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn every_wire_type(data in proptest::collection::vec(any::<u8>(), 0..300)) {
        check::<bool>(&data);
        check::<i8>(&data);
        check::<u8>(&data);
        check::<i16>(&data);
        check::<u16>(&data);
        check::<i32>(&data);
        check::<i64>(&data);
        check::<f32>(&data);
        check::<f64>(&data);
        check::<VarInt>(&data);
        check::<VarLong>(&data);
        check::<String>(&data);
        check::<Chat>(&data);
        check::<Uuid>(&data);
        check::<Position>(&data);
        check::<Angle>(&data);
        check::<Slot>(&data);
        check::<Nbt>(&data);
        check::<Metadata>(&data);
        check::<Bytes>(&data);
        check::<Vec<i16>>(&data);
        check::<Option<Position>>(&data);
        check::<[u8; 3]>(&data);
    }

    #[test]
    fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..200)) {
        let v = ProtocolVersion(47);
        let _ = decode_exact::<Slot>(&data, v);
        let _ = decode_exact::<Nbt>(&data, v);
        let _ = decode_exact::<Metadata>(&data, v);
        let _ = decode_exact::<Vec<Position>>(&data, v);
        let _ = decode_exact::<Chat>(&data, v);
    }
}
