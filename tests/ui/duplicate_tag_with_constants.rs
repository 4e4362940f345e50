use mcproto::prelude::*;

const V1_9: ProtocolVersion = ProtocolVersion(107);

// With a version given as a constant, the duplicate tag is found by a
// const assertion: 1 is Open's tag from 1.9 on, and Close's everywhere.
#[derive(Encode)]
#[mc(tag = varint)]
enum Action {
    #[mc(tag = 0)]
    Start,
    #[mc(since = V1_9, tag = 1)]
    Open,
    #[mc(tag = 1)]
    Close,
}

fn main() {}
