use mcproto::prelude::*;

#[derive(Encode)]
enum Mode {
    A,
    B,
}

fn main() {}
