use mcproto::prelude::*;

mod codec {}

#[derive(Encode)]
struct A {
    #[mc(with = codec, len = u8)]
    a: Vec<u8>,
    #[mc(count = 2, with = codec)]
    b: Vec<u8>,
    #[mc(with = codec, max_len = 4)]
    c: String,
    #[mc(max_len = 4, with = codec)]
    d: String,
}

#[derive(Encode)]
struct B {
    #[mc(rest, with = codec)]
    e: Vec<u8>,
}

fn main() {}
