use mcproto::prelude::*;

#[derive(Encode)]
struct A {
    #[mc(as = u8, len = u8)]
    a: i32,
    #[mc(varint, max_len = 5)]
    b: i32,
}

fn main() {}
