use mcproto::prelude::*;

#[derive(Encode)]
#[mc(tag = f32)]
enum E {
    A,
}

#[derive(Encode)]
struct A {
    #[mc(as(47 = u8, 54 = u128))]
    a: u8,
    // An integer in one version and a float in another is not one field.
    #[mc(as(47 = i32, 107 = f64))]
    b: f64,
    #[mc(len = f32)]
    c: Vec<u8>,
    #[mc(as(47 = u8, 54 = ))]
    d: u8,
    #[mc(as())]
    e: u8,
}

fn main() {}
