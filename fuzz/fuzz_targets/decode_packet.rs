//! Fuzz target `decode_packet`: see `mcproto::fuzzing::decode_packet`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mcproto::fuzzing::decode_packet(data));
