use mcproto::prelude::*;

#[derive(Encode)]
struct A {
    #[mc(rest)]
    data: Vec<u8>,
    after: u8,
}

fn main() {}
