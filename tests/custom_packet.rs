//! A downstream crate's view: define a packet with the facade crate only,
//! register it next to the standard ones, and send it over TCP on loopback,
//! with blocking sockets and with tokio.

use std::net::{TcpListener, TcpStream};

use mcproto::conn::{AsyncConnection, Connection, Side};
use mcproto::packets::version::{V1_8, V15W32C};
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

fn registry_for(version: ProtocolVersion) -> Registry {
    let base = mcproto::packets::registry(version).unwrap().to_builder();
    // 0x1A is taken in 54 (Resource Pack Status): the next id is free.
    let builder = if version == V1_8 {
        base.register::<Emote>()
    } else {
        base.register_as::<Emote>(0x1B)
    };
    builder.build().unwrap()
}

fn registry() -> Registry {
    registry_for(V1_8)
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
    let mut bytes = Vec::new();
    registry().encode(&h, &mut bytes).unwrap();
    assert_eq!(bytes, b"\x00\x2f\x09localhost\x63\xdd\x02");
    assert_eq!(registry().decode_packet::<Handshake>(&bytes).unwrap(), h);
}

mcproto::packet_group! {
    /// What the example server reads: the custom packet, and any other.
    #[derive(Debug)]
    enum Incoming(Play, Serverbound) { Emote }
}

#[test]
fn custom_packet_over_blocking_tcp() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut conn = Connection::from_tcp(stream, registry(), Side::Server).unwrap();
        conn.set_state(State::Play);
        // A group read through the extended registry, echoed back typed.
        let emote = match conn.reader.read::<Incoming>().unwrap() {
            Incoming::Emote(e) => e,
            other => panic!("{other:?}"),
        };
        // The server sends clientbound packets; echo it raw, as a relay would.
        let mut echo = Vec::new();
        registry().encode(&emote, &mut echo).unwrap();
        conn.writer.queue_raw(&echo).unwrap();
        conn.writer.flush().unwrap();
    });
    let stream = TcpStream::connect(addr).unwrap();
    let mut conn = Connection::from_tcp(stream, registry(), Side::Client).unwrap();
    conn.set_state(State::Play);
    conn.writer.send(&sample()).unwrap();
    let raw = conn.reader.read_raw().unwrap();
    let mut expected = Vec::new();
    registry().encode(&sample(), &mut expected).unwrap();
    let mut got = Vec::new();
    raw.encode_into(&mut got);
    assert_eq!(got, expected);
    server.join().unwrap();
}

#[tokio::test]
async fn custom_packet_over_tokio_tcp() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let mut conn =
            AsyncConnection::from_tcp(stream, registry_for(V15W32C), Side::Server).unwrap();
        conn.set_state(State::Play);
        let emote: Emote = conn.reader.read_packet().await.unwrap();
        emote
    });
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut conn = AsyncConnection::from_tcp(stream, registry_for(V15W32C), Side::Client).unwrap();
    conn.set_state(State::Play);
    let sent = Emote {
        hand: Some(1),
        ..sample()
    };
    conn.writer.send(&sent).await.unwrap();
    assert_eq!(server.await.unwrap(), sent);
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
