use mcproto::prelude::*;

#[derive(Encode)]
#[mc(tag = varint)]
enum Action {
    #[mc(tag(47 = 5, 107 = 6))]
    OpenInventory,
    // No single next number after a tag that changes.
    StartElytra,
}

fn main() {}
