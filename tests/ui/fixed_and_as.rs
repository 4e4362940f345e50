use mcproto::prelude::*;

// The old spelling of a fixed-point number in a narrower integer.
#[derive(Decode)]
struct Move {
    #[mc(fixed = 32, as = i8)]
    dx: f64,
    #[mc(as = i16, fixed = 4096)]
    dy: f64,
}

fn main() {}
