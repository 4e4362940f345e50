//! A downstream crate's view: define a packet with the facade crate only,
//! register it next to the standard ones, and send it over TCP on loopback,
//! with blocking sockets and with tokio.

use std::net::{TcpListener, TcpStream};

use mcproto::io::{PacketReader, PacketWriter};
use mcproto::prelude::*;

/// A custom serverbound packet.
#[derive(Packet, Debug, Clone, PartialEq)]
#[packet(id = 0x1A, state = Play, direction = Serverbound)]
pub struct Emote {
    #[mc(varint)]
    pub entity: i32,
    #[mc(max_len = 32)]
    pub name: String,
    pub kind: EmoteKind,
    /// Only in protocol 54 and later.
    #[mc(since = 54)]
    pub hand: Option<u8>,
}

/// How the emote is shown.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq)]
#[mc(tag = u8)]
pub enum EmoteKind {
    Wave,
    Dance,
    #[mc(other)]
    Other(u8),
}

fn registry() -> Registry {
    mcproto::packets::registry(ProtocolVersion::V47)
        .unwrap()
        .to_builder()
        .register::<Emote>()
        .build()
        .unwrap()
}

fn sample() -> Emote {
    Emote {
        entity: 7,
        name: "wave ✋".into(),
        kind: EmoteKind::Wave,
        hand: None,
    }
}

#[test]
fn handshake_example_from_the_issue() {
    // Bytes worked by hand: id 00 | 2f | 09 "localhost" | 63 dd | 02.
    let h = Handshake {
        protocol_version: 47,
        server_address: "localhost".into(),
        server_port: 25565,
        next_state: NextState::Login,
    };
    let bytes = h.encode_packet(ProtocolVersion::V47).unwrap();
    assert_eq!(bytes, b"\x00\x2f\x09localhost\x63\xdd\x02");
    assert_eq!(
        Handshake::decode_packet(&bytes, ProtocolVersion::V47).unwrap(),
        h
    );
}

#[test]
fn custom_packet_over_blocking_tcp() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let reg = registry();
        let mut reader = PacketReader::new(stream.try_clone().unwrap(), ProtocolVersion::V47);
        let mut writer = PacketWriter::new(stream, ProtocolVersion::V47);
        // Any-packet read through the extended registry, echoed back typed.
        let any = reader
            .read_any(&reg, State::Play, Direction::Serverbound)
            .unwrap();
        assert_eq!(any.name(), "Emote");
        let emote = any.downcast::<Emote>().unwrap();
        writer.write_packet(&emote).unwrap();
    });
    let stream = TcpStream::connect(addr).unwrap();
    let mut writer = PacketWriter::new(stream.try_clone().unwrap(), ProtocolVersion::V47);
    let mut reader = PacketReader::new(stream, ProtocolVersion::V47);
    writer.write_any(&sample(), &registry()).unwrap();
    assert_eq!(reader.read_packet::<Emote>().unwrap(), sample());
    server.join().unwrap();
}

#[tokio::test]
async fn custom_packet_over_tokio_tcp() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let (r, w) = stream.into_split();
        let mut reader = PacketReader::new(r, ProtocolVersion::V54);
        let mut writer = PacketWriter::new(w, ProtocolVersion::V54);
        let emote: Emote = reader.read_packet_async().await.unwrap();
        writer.write_packet_async(&emote).await.unwrap();
    });
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (r, w) = stream.into_split();
    let mut reader = PacketReader::new(r, ProtocolVersion::V54);
    let mut writer = PacketWriter::new(w, ProtocolVersion::V54);
    let sent = Emote {
        hand: Some(1),
        ..sample()
    };
    writer.write_packet_async(&sent).await.unwrap();
    assert_eq!(reader.read_packet_async::<Emote>().await.unwrap(), sent);
    server.await.unwrap();
}

#[test]
fn registering_at_a_taken_id_is_an_error() {
    #[derive(Packet, Debug, Clone, PartialEq)]
    #[packet(id = 0x1A, state = Play, direction = Serverbound)]
    struct Clash;
    let err = registry()
        .to_builder()
        .register::<Clash>()
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid registry: Clash and Emote both registered at play serverbound 0x1a"
    );
}
