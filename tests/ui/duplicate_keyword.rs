use mcproto::prelude::*;

#[derive(Encode)]
struct A {
    #[mc(max_len = 3, max_len = 4)]
    name: String,
}

fn main() {}
