use mcproto::prelude::*;

#[derive(Encode)]
#[mc(tag = varint)]
struct A {
    x: u8,
}

#[derive(Decode)]
union U {
    a: u8,
}

fn main() {}
