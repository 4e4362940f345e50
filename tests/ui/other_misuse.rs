use mcproto::prelude::*;

#[derive(Encode)]
#[mc(tag = u8)]
enum A {
    One,
    #[mc(other)]
    Unknown { value: u8 },
}

#[derive(Encode)]
#[mc(tag = u8)]
enum B {
    One,
    #[mc(other)]
    Unknown(u8),
    #[mc(other)]
    Again(u8),
}

#[derive(Encode)]
#[mc(tag = u8)]
enum C {
    One,
    #[mc(other, tag = 9, since = 54)]
    Unknown(u8),
}

#[derive(Encode)]
#[mc(tag = u8)]
enum D {
    #[mc(other)]
    Unknown(u8),
}

fn main() {}
