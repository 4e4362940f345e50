use mcproto::prelude::*;

const V1_8: ProtocolVersion = ProtocolVersion(47);
const V1_9: ProtocolVersion = ProtocolVersion(107);

// Versions given as constants are compared at compile time by assertions.
#[derive(Encode)]
struct A {
    #[mc(as(V1_9 = varint, V1_8 = u8))]
    a: i32,
}

fn main() {}
