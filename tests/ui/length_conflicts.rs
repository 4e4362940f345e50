use mcproto::prelude::*;

#[derive(Decode)]
struct A {
    n: u8,
    #[mc(count = *n, len = u8)]
    a: Vec<u8>,
    #[mc(rest, count = 1)]
    b: Vec<u8>,
}

#[derive(Decode)]
struct B {
    #[mc(len = i16, count = 3)]
    c: Vec<u8>,
}

fn main() {}
