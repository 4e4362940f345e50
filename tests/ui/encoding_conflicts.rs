use mcproto::prelude::*;

mod codec {}

#[derive(Encode)]
struct A {
    #[mc(varint, varlong)]
    a: i64,
    #[mc(as = u8, with = codec)]
    b: u8,
    #[mc(fixed = 32, as = f64)]
    c: f64,
    #[mc(with = codec, fixed = 8)]
    d: f64,
}

fn main() {}
