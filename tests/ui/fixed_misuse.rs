use mcproto::prelude::*;

#[derive(Encode)]
struct A {
    #[mc(as = fixed(f32, 32))]
    a: f64,
    #[mc(as = fixed)]
    b: f64,
    #[mc(as = fixed(i32, 0))]
    c: f64,
    #[mc(fixed)]
    d: f64,
    #[mc(as = fixed(i32))]
    e: f64,
    #[mc(fixed = -8)]
    f: f64,
}

fn main() {}
