use mcproto::prelude::*;

#[derive(Encode)]
struct A {
    #[mc(as = u128)]
    x: i32,
}

fn main() {}
