use mcproto::prelude::*;

#[derive(Decode)]
#[mc(tga = u8)]
struct A {
    #[mc(fixed = 0)]
    x: f64,
    #[mc(count = 3, max_len = 2)]
    ids: Vec<i32>,
    #[mc(since = 54, before = 47)]
    later: Option<u8>,
}

fn main() {}
