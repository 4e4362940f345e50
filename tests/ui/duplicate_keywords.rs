use mcproto::prelude::*;

#[derive(Encode)]
#[mc(tag = u8, tag = i8)]
enum E {
    #[mc(other, other)]
    Unknown(i32),
    #[mc(tag = 1)]
    #[mc(tag = 2)]
    One,
}

#[derive(Packet)]
#[packet(id = 0x00, state = Play, state = Login, direction = Clientbound)]
struct P {
    #[mc(varint, varint)]
    a: i32,
    #[mc(since = 54)]
    #[mc(since = 107)]
    b: Option<u8>,
    #[mc(when = true, when = false)]
    c: Option<u8>,
}

fn main() {}
