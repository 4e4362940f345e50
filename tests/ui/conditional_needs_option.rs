use mcproto::prelude::*;

#[derive(Encode)]
struct A {
    flag: bool,
    #[mc(when = *flag)]
    value: i32,
    #[mc(since = 54)]
    hand: i32,
}

fn main() {}
