use mcproto::prelude::*;

// Generate reports attribute errors like the other derives.
#[derive(Generate)]
struct A {
    #[mc(as = u128)]
    a: u8,
}

fn main() {}
