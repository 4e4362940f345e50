//! The example server's accept loop against many and hostile clients, on
//! loopback only, each test bounded in time and in connections:
//!
//! - 1000 concurrent connections, each served a status ping;
//! - a client that sends nothing, or trickles bytes, is dropped after the
//!   phase timeout;
//! - garbage, oversized frames and bad packets get the sender disconnected
//!   with a logged reason, while another player notices nothing;
//! - shutting down flushes what was queued for a player before the Disconnect.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Mutex, Once};
use std::time::{Duration, Instant};

use mcproto::bytes::BytesMut;
use mcproto::client::ClientBuilder;
use mcproto::conn::AsyncConnection;
use mcproto::frame::{FrameDecoder, FrameEncoder, FrameLimits};
use mcproto::packets::handshaking::serverbound::{Handshake, NextState};
use mcproto::packets::login::serverbound::LoginStart;
use mcproto::packets::play::clientbound::ChatMessage;
use mcproto::packets::play::serverbound::ChatMessage as SendChat;
use mcproto::packets::status::clientbound::{Pong, StatusResponse};
use mcproto::packets::status::serverbound::{Ping, StatusRequest};
use mcproto::packets::{LoginClientbound, PlayClientbound, registry};
use mcproto::server::{Server, ServerConfig, ServerHandle, lobby};
use mcproto::{Chat, ConnectionError, DecodeOwned, Limits, Packet, ProtocolVersion, State};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

const V: ProtocolVersion = mcproto::packets::version::V1_8;

/// Writes one packet, plainly framed, to a raw stream.
async fn write_packet_async<W, P>(
    w: &mut W,
    packet: &P,
    version: ProtocolVersion,
) -> Result<(), ConnectionError>
where
    W: tokio::io::AsyncWrite + Unpin,
    P: Packet + 'static,
{
    let mut body = Vec::new();
    registry(version)?.encode(packet, &mut body)?;
    let mut out = BytesMut::new();
    FrameEncoder::new().encode(&body, &mut out)?;
    w.write_all(&out).await?;
    Ok(())
}

/// Reads one plainly framed packet from a raw stream, byte by byte, so
/// nothing after the frame is consumed.
async fn read_packet_async<P>(
    s: &mut TcpStream,
    version: ProtocolVersion,
) -> Result<P, ConnectionError>
where
    P: Packet + DecodeOwned,
{
    let mut dec = FrameDecoder::new();
    while !dec.has_frame()? {
        let mut b = [0u8; 1];
        if s.read(&mut b).await? == 0 {
            return Err(ConnectionError::Closed);
        }
        dec.feed(&b);
    }
    let frame = dec.next_frame()?.unwrap_or_default();
    Ok(registry(version)?.decode_owned::<P>(frame)?)
}
const LIMIT: Duration = Duration::from_secs(20);

/// Everything the server logs, for checking the reasons it gives.
static LOG: Mutex<Vec<u8>> = Mutex::new(Vec::new());

struct Capture;

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        LOG.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn capture_logs() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        tracing_subscriber::fmt()
            .with_writer(|| Capture)
            .with_ansi(false)
            .with_max_level(tracing_subscriber::filter::LevelFilter::INFO)
            .init();
    });
}

/// Waits until the server's log has a line containing every one of `parts`.
async fn logged(parts: &[&str]) -> String {
    timeout(LIMIT, async {
        loop {
            let text = String::from_utf8_lossy(&LOG.lock().unwrap()).into_owned();
            if let Some(line) = text.lines().find(|l| parts.iter().all(|p| l.contains(p))) {
                return line.to_owned();
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .unwrap_or_else(|_| panic!("no log line with {parts:?}"))
}

/// Raises the soft limit on open files to the hard limit (1000 connections
/// need ~2000 descriptors in this process: both ends are here).
fn raise_nofile_limit() -> u64 {
    rlimit::increase_nofile_limit(u64::MAX).expect("raise RLIMIT_NOFILE")
}

async fn start(
    config: ServerConfig,
) -> (
    ServerHandle,
    tokio::task::JoinHandle<Result<(), ConnectionError>>,
) {
    capture_logs();
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        ..config
    })
    .await
    .unwrap();
    let handle = server.handle();
    (handle, tokio::spawn(server.run(lobby)))
}

fn handshake(addr: SocketAddr, next_state: NextState) -> Handshake<'static> {
    Handshake {
        protocol_version: V.0,
        server_address: "localhost".into(),
        server_port: addr.port(),
        next_state,
    }
}

/// Whether the server closed `stream` (EOF or reset) within `within`,
/// reading and discarding whatever it sends first.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 4096];
    timeout(within, async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await
    .is_ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_status_pings() {
    const N: usize = 1000;
    let nofile = raise_nofile_limit();
    assert!(
        nofile >= 2 * N as u64 + 100,
        "RLIMIT_NOFILE hard limit {nofile} is too low"
    );
    let (handle, _run) = start(ServerConfig {
        phase_timeout: LIMIT,
        ..ServerConfig::default()
    })
    .await;
    let addr = handle.local_addr();
    let started = Instant::now();
    // Open every connection and send every handshake before any request, so
    // the server holds all of them at once.
    let mut streams = Vec::with_capacity(N);
    for _ in 0..N {
        let mut s = timeout(LIMIT, TcpStream::connect(addr))
            .await
            .unwrap()
            .unwrap();
        write_packet_async(&mut s, &handshake(addr, NextState::Status), V)
            .await
            .unwrap();
        streams.push(s);
    }
    let connected = started.elapsed();
    let mut tasks = tokio::task::JoinSet::<Result<usize, ConnectionError>>::new();
    for (i, mut s) in streams.into_iter().enumerate() {
        tasks.spawn(async move {
            write_packet_async(&mut s, &StatusRequest {}, V).await?;
            let status: StatusResponse = read_packet_async(&mut s, V).await?;
            let payload = i as i64;
            write_packet_async(&mut s, &Ping { payload }, V).await?;
            let pong: Pong = read_packet_async(&mut s, V).await?;
            assert_eq!(pong.payload, payload);
            Ok(status.json.len())
        });
    }
    let mut served = 0;
    timeout(LIMIT, async {
        while let Some(r) = tasks.join_next().await {
            assert!(r.unwrap().unwrap() > 0);
            served += 1;
        }
    })
    .await
    .expect("all pings answered in time");
    assert_eq!(served, N);
    println!(
        "{N} connections opened in {connected:?}, all served in {:?}",
        started.elapsed()
    );
    handle.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_and_trickling_clients_are_dropped_after_the_phase_timeout() {
    let phase = Duration::from_millis(400);
    let (handle, _run) = start(ServerConfig {
        phase_timeout: phase,
        ..ServerConfig::default()
    })
    .await;
    let addr = handle.local_addr();

    // Connects and sends nothing.
    let started = Instant::now();
    let mut silent = TcpStream::connect(addr).await.unwrap();
    assert!(closed_within(&mut silent, LIMIT).await);
    let silent_after = started.elapsed();

    // Sends its handshake one byte every 150 ms (it would need ~2 s).
    let mut hs = Vec::new();
    write_packet_async(&mut hs, &handshake(addr, NextState::Login), V)
        .await
        .unwrap();
    let started = Instant::now();
    let mut trickle = TcpStream::connect(addr).await.unwrap();
    let trickle_after = timeout(LIMIT, async {
        for b in &hs {
            if trickle.write_all(&[*b]).await.is_err() {
                break;
            }
            let mut probe = [0u8; 1];
            match timeout(Duration::from_millis(150), trickle.read(&mut probe)).await {
                Ok(Ok(0) | Err(_)) => break, // closed
                Ok(Ok(_)) => panic!("the server answered a partial handshake"),
                Err(_) => {} // still open
            }
        }
        started.elapsed()
    })
    .await
    .unwrap();
    assert!(trickle_after < Duration::from_millis(150) * hs.len() as u32);

    // A complete handshake, then Login Start trickled: the login phase has
    // its own timeout.
    let mut slow_login = TcpStream::connect(addr).await.unwrap();
    write_packet_async(&mut slow_login, &handshake(addr, NextState::Login), V)
        .await
        .unwrap();
    let started = Instant::now();
    slow_login.write_all(&[0x08, 0x00]).await.unwrap(); // 8 bytes announced, 1 sent
    assert!(closed_within(&mut slow_login, LIMIT).await);
    let login_after = started.elapsed();

    for (what, after) in [
        ("silent", silent_after),
        ("trickling", trickle_after),
        ("slow login", login_after),
    ] {
        println!("{what} client dropped after {after:?}");
        assert!(
            after >= phase - Duration::from_millis(50),
            "{what}: {after:?}"
        );
        assert!(after < phase * 5, "{what}: {after:?}");
    }
    logged(&["connection dropped", "timed out waiting for the handshake"]).await;
    logged(&["connection dropped", "timed out logging in"]).await;

    // Repeating status requests does not keep a connection open either.
    let mut repeat = TcpStream::connect(addr).await.unwrap();
    write_packet_async(&mut repeat, &handshake(addr, NextState::Status), V)
        .await
        .unwrap();
    for _ in 0..2 {
        write_packet_async(&mut repeat, &StatusRequest {}, V)
            .await
            .unwrap();
    }
    let _: StatusResponse = read_packet_async(&mut repeat, V).await.unwrap();
    assert!(closed_within(&mut repeat, Duration::from_secs(5)).await);
    logged(&["connection dropped", "a second status request"]).await;
    handle.shutdown();
}

/// Logs in over a raw connection, returning it in the play state.
async fn raw_player(
    addr: SocketAddr,
    name: &str,
) -> AsyncConnection<tokio::net::tcp::OwnedReadHalf, tokio::net::tcp::OwnedWriteHalf> {
    let mut conn = AsyncConnection::connect(&addr.to_string(), LIMIT, registry(V).unwrap().clone())
        .await
        .unwrap();
    conn.writer
        .send(&handshake(addr, NextState::Login))
        .await
        .unwrap();
    conn.set_state(State::Login);
    conn.writer
        .send(&LoginStart { name: name.into() })
        .await
        .unwrap();
    loop {
        match conn.reader.read::<LoginClientbound>().await.unwrap() {
            LoginClientbound::LoginSuccess(_) => break,
            LoginClientbound::SetCompression(c) => {
                conn.set_compression(usize::try_from(c.threshold).ok());
            }
            other => panic!("{other:?}"),
        }
    }
    conn.set_state(State::Play);
    conn
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_and_oversized_frames_disconnect_only_their_sender() {
    let (handle, _run) = start(ServerConfig {
        compression_threshold: None,
        limits: Limits {
            frame: FrameLimits {
                max_frame_len: 4096,
                ..FrameLimits::default()
            },
            ..Limits::default()
        },
        ..ServerConfig::default()
    })
    .await;
    let addr = handle.local_addr();
    // A well-behaved player, in the play state throughout.
    let mut good = ClientBuilder::new(&addr.to_string())
        .username("Good")
        .connect()
        .await
        .unwrap();

    // Hostile connections before play: each is closed at once (well before
    // the 10 s phase timeout), and the log says why.
    let hostile: [(&str, &[u8], &str); 5] = [
        (
            "oversized frame",
            &[0xff, 0xff, 0x7f],
            "frame of 2097151 bytes exceeds the limit of 4096",
        ),
        (
            "frame length over 3 bytes",
            &[0xff, 0xff, 0xff, 0x0f],
            "frame length longer than 3 bytes",
        ),
        ("empty frame", &[0x00], "packet id (empty frame)"),
        (
            "unknown handshake id",
            &[0x02, 0x05, 0x00],
            "expected packet id 0x00, got 0x05",
        ),
        (
            "garbage handshake",
            &[0x06, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff],
            "VarInt longer than 5 bytes",
        ),
    ];
    for (what, bytes, reason) in hostile {
        let mut s = TcpStream::connect(addr).await.unwrap();
        s.write_all(bytes).await.unwrap();
        assert!(
            closed_within(&mut s, Duration::from_secs(5)).await,
            "{what}: not closed"
        );
        let line = logged(&["connection dropped", reason]).await;
        println!("{what}: {line}");
    }

    // A player that sends a bad packet in play is told why and dropped.
    let mut bad = raw_player(addr, "Bad").await;
    bad.writer
        .queue_raw(&[0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])
        .unwrap(); // Chat Message whose length is a 6-byte VarInt
    bad.writer.flush().await.unwrap();
    let reason = timeout(LIMIT, async {
        loop {
            if let PlayClientbound::Disconnect(d) =
                bad.reader.read::<PlayClientbound>().await.unwrap()
            {
                return d.reason.to_plain();
            }
        }
    })
    .await
    .unwrap();
    assert!(reason.starts_with("Bad packet: "), "{reason}");
    assert!(reason.contains("VarInt longer than 5 bytes"), "{reason}");
    logged(&["disconnecting a player after a bad packet", "ChatMessage"]).await;

    // The good player noticed nothing: still connected, chat still works.
    good.send(&SendChat {
        message: "still here".into(),
    })
    .unwrap();
    timeout(LIMIT, async {
        loop {
            let p = good
                .next()
                .await
                .expect("good player's session ended")
                .unwrap();
            if let PlayClientbound::ChatMessage(c) = p
                && c.json_data.to_plain() == "<Good> still here"
            {
                return;
            }
        }
    })
    .await
    .expect("the good player's chat came back");
    // The bad player leaves the list once its handler has ended, which may
    // be just after its Disconnect was sent.
    timeout(LIMIT, async {
        while handle.player_count() != 1 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .unwrap_or_else(|_| panic!("{} players left, expected 1", handle.player_count()));
    handle.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_flushes_queued_packets_before_the_disconnect() {
    const QUEUED: usize = 500;
    capture_logs();
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        compression_threshold: Some(64),
        keepalive_interval: Duration::from_secs(60),
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let handle = server.handle();
    let run = tokio::spawn(
        server.run(|mut player| async move { while player.next().await.is_some() {} }),
    );
    let addr = handle.local_addr();
    let mut conn = raw_player(addr, "Last").await;
    timeout(LIMIT, async {
        while handle.player_count() == 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .unwrap();
    // Queue packets, then shut down at once.
    for i in 0..QUEUED {
        let sent = handle.broadcast(&ChatMessage {
            json_data: Chat::text(&format!("message {i} {}", "x".repeat(i % 100))),
            position: mcproto::packets::play::clientbound::ChatPosition::System,
        });
        assert_eq!(sent, 1);
    }
    handle.shutdown();
    let mut received = 0;
    let reason = timeout(LIMIT, async {
        loop {
            match conn.reader.read::<PlayClientbound>().await.unwrap() {
                PlayClientbound::ChatMessage(c) => {
                    let text = c.json_data.to_plain();
                    assert!(
                        text.starts_with(&format!("message {received} ")),
                        "{text} out of order"
                    );
                    received += 1;
                }
                PlayClientbound::Disconnect(d) => return d.reason.to_plain(),
                _ => {}
            }
        }
    })
    .await
    .unwrap();
    assert_eq!(received, QUEUED, "packets lost before the Disconnect");
    assert_eq!(reason, "Server closed");
    // Then the connection ends, and so does the server.
    assert!(conn.reader.read_raw().await.unwrap_err().is_closed());
    timeout(LIMIT, run).await.unwrap().unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_player_that_stops_reading_is_dropped() {
    let stall = Duration::from_millis(500);
    let (handle, _run) = start(ServerConfig {
        compression_threshold: None,
        // No Keep Alive in this test: only the stalled writes can drop it.
        keepalive_interval: Duration::from_secs(3600),
        keepalive_timeout: stall,
        ..ServerConfig::default()
    })
    .await;
    let conn = raw_player(handle.local_addr(), "Deaf").await;
    timeout(LIMIT, async {
        while handle.player_count() == 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .unwrap();
    // ~60 MB for a client that reads nothing: far more than the socket
    // buffers hold, so the server's writes stop making progress.
    let big = "x".repeat(30_000);
    let started = Instant::now();
    for _ in 0..2000 {
        handle.broadcast(&ChatMessage {
            json_data: Chat::text(&big),
            position: mcproto::packets::play::clientbound::ChatPosition::System,
        });
    }
    timeout(LIMIT, async {
        while handle.player_count() != 0 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("a player that reads nothing is dropped");
    println!("non-reading player dropped after {:?}", started.elapsed());
    logged(&["dropping a player", "writing to a peer that does not read"]).await;
    drop(conn);
    handle.shutdown();
}
