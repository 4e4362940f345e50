//! The decode-error policy: a server sends one corrupt packet between good
//! ones; under each policy the client does what was chosen, and the good
//! packets around it arrive.

use std::time::Duration;

use mcproto::client::ClientBuilder;
use mcproto::conn::{AsyncConnection, DecodeErrorPolicy, Side};
use mcproto::packets::PlayClientbound;
use mcproto::packets::login::clientbound::LoginSuccess;
use mcproto::packets::login::serverbound::LoginStart;
use mcproto::packets::play::clientbound::{ChatMessage, ChatPosition};
use mcproto::packets::{registry, version::V1_8};
use mcproto::prelude::*;
use mcproto::{ConnectionError, Limits};
use tokio::time::timeout;

const LIMIT: Duration = Duration::from_secs(10);

/// A server that logs one client in, then sends chat "before", a Chat
/// Message whose string claims 50 bytes but has 3, and chat "after".
async fn corrupting_server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let mut conn =
            AsyncConnection::from_tcp(stream, registry(V1_8).unwrap().clone(), Side::Server)
                .unwrap();
        let _: Handshake = conn.reader.read_packet().await.unwrap();
        conn.set_state(State::Login);
        let start: LoginStart = conn.reader.read_packet().await.unwrap();
        conn.writer
            .send(&LoginSuccess {
                uuid: "00000000-0000-0000-0000-000000000001".into(),
                username: start.name,
            })
            .await
            .unwrap();
        conn.set_state(State::Play);
        let chat = |text: &str| ChatMessage {
            json_data: Chat::text(text),
            position: ChatPosition::Chat,
        };
        conn.writer.queue(&chat("before")).unwrap();
        // Chat Message (0x02): a string of 50 bytes announced, 3 sent.
        conn.writer
            .queue_raw(&[0x02, 50, b'"', b'x', b'"'])
            .unwrap();
        conn.writer.queue(&chat("after")).unwrap();
        conn.writer.flush().await.unwrap();
        // Keep the connection open until the client is done.
        let _ = conn.reader.read_raw().await;
    });
    addr
}

/// What the client sees: chat texts, `raw 0xNN` for an undecoded packet,
/// and the error that ends the session, if any.
async fn received(policy: DecodeErrorPolicy) -> Vec<String> {
    let addr = corrupting_server().await;
    let mut client = ClientBuilder::new(&addr)
        .username("Policy")
        .allowed_versions([V1_8])
        .limits(Limits {
            on_decode_error: policy,
            ..Limits::default()
        })
        .connect()
        .await
        .unwrap();
    let mut seen = Vec::new();
    timeout(LIMIT, async {
        // Until "after" arrives or the session ends.
        while seen.last().map(String::as_str) != Some("after") {
            match client.next().await {
                Some(Ok(PlayClientbound::ChatMessage(c))) => seen.push(c.json_data.to_plain()),
                Some(Ok(PlayClientbound::Unknown(raw))) => {
                    seen.push(format!("raw {:#04x}", raw.id))
                }
                Some(Ok(other)) => seen.push(other.name().to_owned()),
                Some(Err(ConnectionError::Packet(e))) => {
                    seen.push(format!("error in {}", e.packet_name().unwrap_or("?")));
                    break;
                }
                Some(Err(e)) => panic!("{e}"),
                None => break,
            }
        }
    })
    .await
    .unwrap();
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fail_ends_the_session_at_the_bad_packet() {
    assert_eq!(
        received(DecodeErrorPolicy::Fail).await,
        ["before", "error in ChatMessage"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skip_drops_the_bad_packet_only() {
    assert_eq!(received(DecodeErrorPolicy::Skip).await, ["before", "after"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raw_hands_the_bad_packet_out_undecoded() {
    assert_eq!(
        received(DecodeErrorPolicy::Raw).await,
        ["before", "raw 0x02", "after"]
    );
}

#[test]
fn the_reader_keeps_the_errors_it_skipped() {
    use mcproto::conn::ConnReader;
    use mcproto::packets::PlayServerbound;
    // Keep Alive 5, then a Chat Message claiming 9 bytes with 1, then Keep Alive 6.
    let bytes = [2u8, 0x00, 0x05, 3, 0x01, 9, b'x', 2, 0x00, 0x06];
    let mut r = ConnReader::new(&bytes[..], registry(V1_8).unwrap().clone(), Side::Server);
    r.session_mut().set_state(State::Play);
    r.set_limits(Limits {
        on_decode_error: DecodeErrorPolicy::Skip,
        ..Limits::default()
    });
    let mut ids = Vec::new();
    for _ in 0..2 {
        match r.read::<PlayServerbound>().unwrap() {
            PlayServerbound::KeepAlive(k) => ids.push(k.keep_alive_id),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(ids, [5, 6]);
    let errors = r.take_decode_errors();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].packet_name(), Some("ChatMessage"));
    assert!(r.take_decode_errors().is_empty());
}

/// What a handler on the reader is handed: Keep Alive ids by method, the
/// rest by name, an undecoded packet as `raw 0xNN`.
struct Seen;

impl<'a> mcproto::packets::PlayServerboundHandler<'a> for Seen {
    type Output = String;
    fn keep_alive(&mut self, k: mcproto::packets::play::serverbound::KeepAlive) -> String {
        format!("keep alive {}", k.keep_alive_id)
    }
    fn packet(&mut self, p: mcproto::packets::PlayServerbound<'a>) -> String {
        match p {
            mcproto::packets::PlayServerbound::Unknown(raw) => format!("raw 0x{:02x}", raw.id),
            other => other.name().to_owned(),
        }
    }
}

#[test]
fn a_handler_on_the_reader_follows_the_policy() {
    use mcproto::conn::ConnReader;
    use mcproto::packets::PlayServerbound;
    // Keep Alive 5, a Chat Message claiming 9 bytes with 1, Keep Alive 6.
    let bytes = [2u8, 0x00, 0x05, 3, 0x01, 9, b'x', 2, 0x00, 0x06];
    let run = |policy| {
        let mut r = ConnReader::new(&bytes[..], registry(V1_8).unwrap().clone(), Side::Server);
        r.session_mut().set_state(State::Play);
        r.set_limits(Limits {
            on_decode_error: policy,
            ..Limits::default()
        });
        let mut seen = Vec::new();
        loop {
            match r.handle::<PlayServerbound, _>(&mut Seen) {
                Ok(s) => seen.push(s),
                Err(e) if e.is_closed() => return seen,
                Err(e) => {
                    seen.push(format!(
                        "error in {:?}",
                        e.packet_error().and_then(|e| e.packet_name())
                    ));
                    return seen;
                }
            }
        }
    };
    assert_eq!(
        run(DecodeErrorPolicy::Skip),
        ["keep alive 5", "keep alive 6"]
    );
    assert_eq!(
        run(DecodeErrorPolicy::Raw),
        ["keep alive 5", "raw 0x01", "keep alive 6"]
    );
    assert_eq!(
        run(DecodeErrorPolicy::Fail),
        ["keep alive 5", "error in Some(\"ChatMessage\")"]
    );
}
