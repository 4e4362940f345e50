//! The pre-Netty server list ping on both sides: wiki.vg's golden bytes,
//! the server answering every form whole or split over reads, and the
//! client pinging our server and a fake pre-1.7 server.

use std::time::Duration;

use mcproto::client::ClientBuilder;
use mcproto::legacy::{
    LegacyRequest, LegacyStatus, RequestProgress, decode_reply, encode_reply, encode_request,
    parse_request,
};
use mcproto::server::{Server, ServerConfig, ServerHandle, lobby};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::timeout;

const LIMIT: Duration = Duration::from_secs(20);

fn hex(s: &str) -> Vec<u8> {
    let digits: String = s.chars().filter(|c| c.is_ascii_hexdigit()).collect();
    (0..digits.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&digits[i..i + 2], 16).unwrap())
        .collect()
}

/// wiki.vg, "Server List Ping", 1.4–1.5 section: the reply of a 1.4.2
/// server (protocol 47) with MOTD "A Minecraft Server", 0 of 20 players.
fn wiki_reply() -> Vec<u8> {
    hex("ff00 2300 a700 3100 0000 3400 3700 0000 \
         3100 2e00 3400 2e00 3200 0000 4100 2000 \
         4d00 6900 6e00 6500 6300 7200 6100 6600 \
         7400 2000 5300 6500 7200 7600 6500 7200 \
         0000 3000 0000 3200 30")
}

fn wiki_status() -> LegacyStatus {
    LegacyStatus {
        protocol: Some(47),
        version: Some("1.4.2".into()),
        motd: "A Minecraft Server".into(),
        online: 0,
        max: 20,
    }
}

/// The 1.6 request for localhost:25565 with protocol 73, laid out as the
/// same page's 1.6 section lists the fields: FE 01 FA, the channel name
/// length (11) and "MC|PingHost" in UTF-16BE, the length of the rest
/// (7 + 2 × 9 = 25), the protocol, the host's length and UTF-16BE text,
/// and the port as an int.
fn wiki_1_6_request() -> Vec<u8> {
    hex("fe 01 fa 00 0b \
         00 4d 00 43 00 7c 00 50 00 69 00 6e 00 67 00 48 00 6f 00 73 00 74 \
         00 19 49 00 09 \
         00 6c 00 6f 00 63 00 61 00 6c 00 68 00 6f 00 73 00 74 \
         00 00 63 dd")
}

#[test]
fn reply_golden_vector() {
    assert_eq!(encode_reply(&wiki_status()), wiki_reply());
    assert_eq!(decode_reply(&wiki_reply()).unwrap(), wiki_status());
}

#[test]
fn request_golden_vector() {
    let bytes = wiki_1_6_request();
    assert_eq!(encode_request(73, "localhost", 25565), bytes);
    assert_eq!(
        parse_request(&bytes),
        RequestProgress::Complete {
            request: LegacyRequest::V1_6 {
                protocol: 73,
                host: "localhost".into(),
                port: 25565
            },
            len: bytes.len()
        }
    );
}

async fn start(motd: &str, max: usize) -> ServerHandle {
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        motd: motd.into(),
        max_players: max,
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let handle = server.handle();
    tokio::spawn(server.run(lobby));
    handle
}

/// Sends `chunks` with `gap` between them, then reads the whole answer.
async fn ask(handle: &ServerHandle, chunks: &[&[u8]], gap: Duration) -> Vec<u8> {
    let mut s = TcpStream::connect(handle.local_addr()).await.unwrap();
    s.set_nodelay(true).unwrap();
    for (i, c) in chunks.iter().enumerate() {
        if i > 0 {
            tokio::time::sleep(gap).await;
        }
        s.write_all(c).await.unwrap();
    }
    let mut out = Vec::new();
    timeout(LIMIT, s.read_to_end(&mut out))
        .await
        .unwrap()
        .unwrap();
    out
}

fn v1_4_reply(motd: &str, max: i32) -> LegacyStatus {
    LegacyStatus {
        protocol: Some(127),
        version: Some("1.8.9".into()),
        motd: motd.into(),
        online: 0,
        max,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_answers_each_form_sent_whole() {
    let handle = start("Whole", 11).await;
    // FE alone: the Beta form, without version.
    let beta = decode_reply(&ask(&handle, &[&[0xFE]], Duration::ZERO).await).unwrap();
    assert_eq!(
        beta,
        LegacyStatus {
            protocol: None,
            version: None,
            motd: "Whole".into(),
            online: 0,
            max: 11
        }
    );
    // FE 01: the §1 form.
    let r = decode_reply(&ask(&handle, &[&[0xFE, 0x01]], Duration::ZERO).await).unwrap();
    assert_eq!(r, v1_4_reply("Whole", 11));
    // FE 01 FA and nothing more (what mcstatus sends): the §1 form.
    let r = decode_reply(&ask(&handle, &[&[0xFE, 0x01, 0xFA]], Duration::ZERO).await).unwrap();
    assert_eq!(r, v1_4_reply("Whole", 11));
    // The whole 1.6 request.
    let req = wiki_1_6_request();
    let r = decode_reply(&ask(&handle, &[&req], Duration::ZERO).await).unwrap();
    assert_eq!(r, v1_4_reply("Whole", 11));
    handle.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_waits_for_a_request_split_over_reads() {
    let handle = start("Split", 5).await;
    let req = encode_request(78, "mc.example.test", 25565);
    let gap = Duration::from_millis(30);
    // FE | 01 | FA | the rest: a reply after the first byte would be the
    // Beta form, after the second a 1.4 reply to half a request.
    let r = ask(
        &handle,
        &[&req[..1], &req[1..2], &req[2..3], &req[3..]],
        gap,
    )
    .await;
    assert_eq!(decode_reply(&r).unwrap(), v1_4_reply("Split", 5));
    // Cut inside the channel name, and inside the host name.
    let r = ask(&handle, &[&req[..9], &req[9..40], &req[40..]], gap).await;
    assert_eq!(decode_reply(&r).unwrap(), v1_4_reply("Split", 5));
    // Byte by byte.
    let bytes: Vec<&[u8]> = req.chunks(1).collect();
    let r = ask(&handle, &bytes, Duration::from_millis(5)).await;
    assert_eq!(decode_reply(&r).unwrap(), v1_4_reply("Split", 5));
    // FE and 01 apart: still the §1 form, not the Beta one.
    let r = ask(&handle, &[&[0xFE], &[0x01]], gap).await;
    assert_eq!(decode_reply(&r).unwrap(), v1_4_reply("Split", 5));
    // The modern ping still works after all that.
    let report = ClientBuilder::new(&handle.local_addr().to_string())
        .status(false)
        .await
        .unwrap();
    assert_eq!(report.status.description.to_plain(), "Split");
    handle.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_legacy_ping_of_our_server() {
    let handle = start("Pinged", 7).await;
    let s = timeout(
        LIMIT,
        ClientBuilder::new(&handle.local_addr().to_string()).legacy_status(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(s, v1_4_reply("Pinged", 7));
    handle.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_legacy_ping_of_a_pre_netty_server() {
    // A 1.4.2-like server: it checks the request is a whole 1.6 ping for
    // the host and port the client was given, answers the wiki's reply
    // in two pieces, and closes.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(async move {
        let (mut s, _) = listener.accept().await.unwrap();
        let mut got = Vec::new();
        let mut buf = [0u8; 256];
        let request = loop {
            match parse_request(&got) {
                RequestProgress::Complete { request, .. } => break request,
                RequestProgress::NotLegacy => panic!("not a legacy ping: {got:x?}"),
                RequestProgress::Incomplete { .. } => {
                    let n = s.read(&mut buf).await.unwrap();
                    assert!(n > 0, "closed before the request was whole");
                    got.extend_from_slice(&buf[..n]);
                }
            }
        };
        let reply = wiki_reply();
        s.write_all(&reply[..10]).await.unwrap();
        tokio::time::sleep(Duration::from_millis(30)).await;
        s.write_all(&reply[10..]).await.unwrap();
        request
    });
    let status = timeout(
        LIMIT,
        ClientBuilder::new(&format!("127.0.0.1:{port}")).legacy_status(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(status, wiki_status());
    assert_eq!(
        server.await.unwrap(),
        LegacyRequest::V1_6 {
            protocol: mcproto::legacy::PROTOCOL_1_6_4,
            host: "127.0.0.1".into(),
            port: i32::from(port)
        }
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_garbage_reply_is_a_typed_error() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut s, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 256];
        let _ = s.read(&mut buf).await;
        let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
    });
    let err = ClientBuilder::new(&addr.to_string())
        .legacy_status()
        .await
        .unwrap_err();
    let mcproto::ConnectionError::Io(io) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(io.kind(), std::io::ErrorKind::InvalidData);
    assert!(err.to_string().contains("not 0xff"), "{err}");
}
