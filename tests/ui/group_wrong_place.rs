use mcproto::prelude::*;

#[derive(Packet, Debug, Clone, PartialEq)]
#[packet(state = Play, direction = Clientbound)]
pub struct Wave;

packet_group! {
    /// A clientbound packet in a serverbound group stops the build.
    pub enum Serverbound(Play, Serverbound) { Wave }
}

fn main() {}
