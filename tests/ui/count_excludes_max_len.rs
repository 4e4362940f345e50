use mcproto::prelude::*;

#[derive(Encode)]
struct A {
    n: u8,
    // A computed count is exact: a maximum says nothing.
    #[mc(max_len = 2, count = *n)]
    ids: Vec<i32>,
}

fn main() {}
