//! Fuzz target `round_trip`: see `mcproto::fuzzing::round_trip`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mcproto::fuzzing::round_trip(data));
