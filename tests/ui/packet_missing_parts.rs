use mcproto::prelude::*;

#[derive(Packet)]
#[packet(id = 0x00, state = Playing)]
struct A {
    x: u8,
}

fn main() {}
