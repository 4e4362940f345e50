use mcproto::prelude::*;

#[derive(Encode)]
#[mc(tag = varint)]
enum Action {
    Add { x: i32 },
    Remove,
    #[mc(other)]
    Unknown(i32),
}

fn main() {}
