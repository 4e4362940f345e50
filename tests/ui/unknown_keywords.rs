use mcproto::prelude::*;

#[derive(Encode)]
#[mc(tags = u8)]
enum E {
    #[mc(value = 1)]
    One,
}

#[derive(Packet)]
#[packet(id = 0x00, state = Play, direction = Clientbound, version = 47)]
struct P {
    x: u8,
}

fn main() {}
