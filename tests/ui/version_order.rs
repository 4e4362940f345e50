use mcproto::prelude::*;

#[derive(Encode)]
#[mc(tag(107 = varint, 47 = i16))]
enum Slot {
    #[mc(tag(315 = 3, 47 = 2))]
    Times,
}

#[derive(Packet)]
#[packet(id(54 = 0x01, 47 = 0x00), state = Play, direction = Clientbound)]
struct P {
    #[mc(as(54 = varint, 47 = u8))]
    a: i32,
    #[mc(max_len(47 = 100, 47 = 256))]
    b: String,
}

fn main() {}
