use mcproto::prelude::*;

#[derive(Encode)]
struct A {
    #[mc(varnit)]
    x: i32,
}

fn main() {}
