//! Fuzz target `frame`: see `mcproto::fuzzing::frame`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mcproto::fuzzing::frame(data));
