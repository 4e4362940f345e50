//! Fuzz target `wire_types`: see `mcproto::fuzzing::wire_types`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mcproto::fuzzing::wire_types(data));
