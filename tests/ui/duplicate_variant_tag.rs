use mcproto::prelude::*;

#[derive(Encode)]
#[mc(tag = varint)]
enum Mode {
    #[mc(tag = 1)]
    A,
    #[mc(tag = 1)]
    B,
}

fn main() {}
