use mcproto::prelude::*;

#[derive(Decode)]
struct A<'a, 'b> {
    x: &'a str,
    y: &'b str,
}

fn main() {}
