use mcproto::prelude::*;

#[derive(Encode)]
struct A {
    #[mc(since = "54")]
    a: Option<u8>,
    #[mc(before = 1.9)]
    b: Option<u8>,
    #[mc(as("47" = u8))]
    c: u8,
}

fn main() {}
