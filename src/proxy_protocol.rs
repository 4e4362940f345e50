//! HAProxy's PROXY protocol, versions 1 (text) and 2 (binary): the header
//! a load balancer or proxy puts before a connection's own bytes, saying
//! which client it carries (<https://www.haproxy.org/download/2.9/doc/proxy-protocol.txt>).
//! Parsing and writing are the `ppp` crate's; this module reads exactly
//! one header off a socket and decides whom to believe.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use ipnet::IpNet;
use mcproto_core::conn::{ConnectionError, Phase};
use ppp::{HeaderResult, PartialResult};
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

/// The longest header accepted: v1's maximum (107 bytes) or a v2 header
/// with room for its TLVs.
pub const MAX_HEADER: usize = 536;

type Result<T> = std::result::Result<T, ConnectionError>;

fn invalid(why: &str) -> ConnectionError {
    ConnectionError::Io(std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("PROXY protocol: {why}"),
    ))
}

/// The client address a header carries (`None`: the header says
/// `UNKNOWN` or `LOCAL`, so the connection's own address stands).
fn source(header: &HeaderResult<'_>) -> Result<(usize, Option<SocketAddr>)> {
    match header {
        HeaderResult::V1(Ok(h)) => {
            let addr = match h.addresses {
                ppp::v1::Addresses::Tcp4(a) => {
                    Some(SocketAddr::new(IpAddr::V4(a.source_address), a.source_port))
                }
                ppp::v1::Addresses::Tcp6(a) => {
                    Some(SocketAddr::new(IpAddr::V6(a.source_address), a.source_port))
                }
                ppp::v1::Addresses::Unknown => None,
            };
            Ok((h.header.len(), addr))
        }
        HeaderResult::V2(Ok(h)) => {
            let addr = match h.addresses {
                ppp::v2::Addresses::IPv4(a) => {
                    Some(SocketAddr::new(IpAddr::V4(a.source_address), a.source_port))
                }
                ppp::v2::Addresses::IPv6(a) => {
                    Some(SocketAddr::new(IpAddr::V6(a.source_address), a.source_port))
                }
                _ => None,
            };
            Ok((h.len(), addr))
        }
        HeaderResult::V1(Err(e)) => Err(invalid(&e.to_string())),
        HeaderResult::V2(Err(e)) => Err(invalid(&e.to_string())),
    }
}

/// Reads one PROXY header from `stream`, whose peer must be among
/// `trusted`, and returns the client's address (the peer's own when the
/// header names none). Bytes after the header stay unread. A missing or
/// malformed header, an untrusted peer, or no complete header within
/// `limit` is an error: a server that expects the header must not guess.
pub async fn read_header(
    stream: &mut TcpStream,
    trusted: &[IpNet],
    limit: Duration,
) -> Result<SocketAddr> {
    let peer = stream.peer_addr()?;
    if !trusted.iter().any(|n| n.contains(&peer.ip())) {
        return Err(invalid(&format!("{} is not a trusted proxy", peer.ip())));
    }
    let mut buf = vec![0u8; MAX_HEADER];
    let (len, addr) = tokio::time::timeout(limit, async {
        loop {
            let n = stream.peek(&mut buf).await?;
            if n == 0 {
                return Err(ConnectionError::Closed);
            }
            let header = HeaderResult::parse(&buf[..n]);
            if header.is_complete() {
                return source(&header);
            }
            if n == MAX_HEADER {
                return Err(invalid("header longer than 536 bytes"));
            }
            // Wait for more bytes before peeking again.
            stream.readable().await?;
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    })
    .await
    .map_err(|_| ConnectionError::Timeout(Phase::Handshake))??;
    // Consume exactly the header.
    let mut header = vec![0u8; len];
    stream.read_exact(&mut header).await?;
    Ok(addr.unwrap_or(peer))
}

/// The v2 header a proxy sends for `client`, connecting to `server`.
pub fn v2_header(client: SocketAddr, server: SocketAddr) -> Vec<u8> {
    use ppp::v2::{Builder, Command, Protocol, Version};
    let (client, server) = match (client, server) {
        // One family for both: an IPv4 client of an IPv6 server is sent
        // as its IPv6-mapped address.
        (SocketAddr::V4(c), SocketAddr::V6(_)) => (
            SocketAddr::new(IpAddr::V6(c.ip().to_ipv6_mapped()), c.port()),
            server,
        ),
        (SocketAddr::V6(_), SocketAddr::V4(s)) => (
            client,
            SocketAddr::new(IpAddr::V6(s.ip().to_ipv6_mapped()), s.port()),
        ),
        pair => pair,
    };
    Builder::with_addresses(
        Version::Two | Command::Proxy,
        Protocol::Stream,
        (client, server),
    )
    .build()
    // The builder fails only for payloads longer than a u16, which two
    // socket addresses are not.
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    async fn pair() -> (TcpStream, TcpStream) {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let a = TcpStream::connect(l.local_addr().unwrap()).await.unwrap();
        let (b, _) = l.accept().await.unwrap();
        (a, b)
    }

    fn local() -> Vec<IpNet> {
        vec!["127.0.0.0/8".parse().unwrap()]
    }

    #[tokio::test]
    async fn v1_and_v2_headers_give_the_client_address() {
        // v1, split across two writes, then the connection's own bytes.
        let (mut a, mut b) = pair().await;
        a.write_all(b"PROXY TCP4 203.0.113.7 10.0.0.1 ")
            .await
            .unwrap();
        let reader = tokio::spawn(async move {
            let addr = read_header(&mut b, &local(), Duration::from_secs(5))
                .await
                .unwrap();
            let mut rest = [0u8; 2];
            b.read_exact(&mut rest).await.unwrap();
            (addr, rest)
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        a.write_all(b"51234 25565\r\n\x0f\x00").await.unwrap();
        let (addr, rest) = reader.await.unwrap();
        assert_eq!(addr, "203.0.113.7:51234".parse().unwrap());
        assert_eq!(rest, [0x0f, 0x00]);
        // v2, as a proxy writes it.
        let (mut a, mut b) = pair().await;
        let client: SocketAddr = "[2001:db8::5]:40000".parse().unwrap();
        let header = v2_header(client, "[::1]:25565".parse().unwrap());
        assert_eq!(&header[..12], b"\r\n\r\n\0\r\nQUIT\n");
        a.write_all(&header).await.unwrap();
        a.write_all(b"\x01").await.unwrap();
        let addr = read_header(&mut b, &local(), Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(addr, client);
        let mut rest = [0u8; 1];
        b.read_exact(&mut rest).await.unwrap();
        assert_eq!(rest, [1]);
    }

    #[tokio::test]
    async fn untrusted_or_missing_headers_are_refused() {
        let (mut a, mut b) = pair().await;
        a.write_all(b"PROXY TCP4 203.0.113.7 10.0.0.1 1 2\r\n")
            .await
            .unwrap();
        let nobody: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
        assert!(
            read_header(&mut b, &nobody, Duration::from_secs(5))
                .await
                .is_err()
        );
        // A plain Minecraft handshake where a header was expected.
        let (mut a, mut b) = pair().await;
        a.write_all(&[0x0f, 0x00, 0x2f, 0x09]).await.unwrap();
        assert!(
            read_header(&mut b, &local(), Duration::from_secs(5))
                .await
                .is_err()
        );
    }
}
