use mcproto::prelude::*;

#[derive(Decode)]
struct A {
    n: u8,
    // A computed count cannot be negative.
    #[mc(count = *n, negative_empty)]
    items: Vec<u8>,
}

#[derive(Decode)]
struct B {
    // Not a sequence.
    #[mc(negative_empty)]
    value: i32,
}

fn main() {}
