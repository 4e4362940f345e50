use mcproto::prelude::*;

#[derive(Packet, Debug, Clone, PartialEq)]
#[packet(state = Play, direction = Serverbound)]
pub struct Wave;

#[derive(Packet, Debug, Clone, PartialEq)]
#[packet(state = Play, direction = Clientbound)]
pub struct Bow;

/// Ids must ascend.
const OUT_OF_ORDER: mcproto::IdTable = packet_table!(Play, Serverbound: 0x05 => Wave, 0x01 => Wave);

/// A clientbound packet in a serverbound table.
const MISPLACED: mcproto::IdTable = packet_table!(Play, Serverbound: 0x01 => Bow);

fn main() {
    let _ = (OUT_OF_ORDER, MISPLACED);
}
