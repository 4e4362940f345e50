use mcproto::prelude::*;

#[derive(Decode)]
#[mc(tag = varint)]
enum Payload {
    Data {
        #[mc(rest, max_len = 32767)]
        data: Vec<u8>,
        trailer: u8,
    },
}

fn main() {}
