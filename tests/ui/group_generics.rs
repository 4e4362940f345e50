use mcproto::prelude::*;

#[derive(Packet, Debug, Clone, PartialEq)]
#[packet(state = Play, direction = Serverbound)]
pub struct Wave;

packet_group! {
    /// The macro adds the lifetime itself.
    pub enum Borrowed<'a>(Play, Serverbound) { Wave }
}

fn main() {}
