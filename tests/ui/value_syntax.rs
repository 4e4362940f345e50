use mcproto::prelude::*;

#[derive(Encode)]
struct A {
    #[mc(varint = 3)]
    a: i32,
    #[mc(len)]
    b: Vec<u8>,
    #[mc(when)]
    c: Option<u8>,
    #[mc(as)]
    d: u8,
}

fn main() {}
