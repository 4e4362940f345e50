use mcproto::prelude::*;

#[derive(Packet, Debug, Clone, PartialEq)]
#[packet(state = Play, direction = Serverbound)]
pub struct Wave;

packet_group! {
    /// A state that does not exist, and a group attribute that does not either.
    #[mc(crate = mcproto, gnerate)]
    pub enum Bad(Playing, Serverbound) { Wave }
}

packet_group! {
    /// `Unknown` and `Other` are the group's own variants.
    pub enum Reserved(Play, Serverbound) { Unknown = Wave }
}

mod a {
    #[derive(mcproto::Packet, Debug, Clone, PartialEq)]
    #[packet(state = Play, direction = Serverbound)]
    pub struct Wave;
}

packet_group! {
    /// Two packets would be the variant `Wave`.
    pub enum Twice(Play, Serverbound) { Wave, a::Wave }
}

packet_group! {
    /// The handler method `packet` is the trait's own.
    pub enum Clash(Play, Serverbound) { Packet = Wave }
}

packet_group! {
    /// Both would be the handler method `uuid_wave`.
    pub enum Snakes(Play, Serverbound) { UUIDWave = Wave, UuidWave = a::Wave }
}

fn main() {}
