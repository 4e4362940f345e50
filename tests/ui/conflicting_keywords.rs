use mcproto::prelude::*;

#[derive(Decode)]
struct A {
    #[mc(varint)]
    #[mc(as = u8)]
    x: i32,
    #[mc(len = i16, rest)]
    data: Vec<u8>,
}

fn main() {}
