use mcproto::prelude::*;

#[derive(Encode)]
#[mc(tag = varint)]
enum Action {
    #[mc(since = 107, before = 54)]
    Open,
    #[mc(since = 54, before = 54)]
    Close,
}

#[derive(Encode)]
struct A {
    #[mc(since = 107, before = 107)]
    a: Option<u8>,
}

fn main() {}
