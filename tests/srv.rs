//! Address resolution against an authoritative DNS server of our own,
//! in this process, on loopback (hickory-server): SRV targets by
//! priority, a dead first target, every attempt reported, an explicit
//! port skipping SRV, IPv6 literals.

use std::net::{Ipv4Addr, SocketAddr};
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use hickory_server::proto::rr::rdata::{A, SOA, SRV};
use hickory_server::proto::rr::{LowerName, Name, RData, Record};
use hickory_server::store::in_memory::InMemoryZoneHandler;
use hickory_server::zone_handler::{AxfrPolicy, Catalog, ZoneHandler, ZoneType};
use mcproto::client::ClientBuilder;
use mcproto::resolve::{DnsConfig, Target};
use mcproto::server::{Server, ServerConfig, ServerHandle, lobby};
use tokio::net::{TcpListener, UdpSocket};
use tokio::time::timeout;

const LIMIT: Duration = Duration::from_secs(20);

/// Everything logged in this test binary, to check what is reported.
fn logs() -> &'static Mutex<Vec<u8>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let sink = buf.clone();
        let _ = tracing_subscriber::fmt()
            .with_env_filter("mcproto=debug")
            .with_ansi(false)
            .with_writer(move || LogWriter(sink.clone()))
            .try_init();
        buf
    })
}

struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for LogWriter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn name(s: &str) -> Name {
    Name::from_str(s).unwrap()
}

/// Serves `records` under `example.test.` on 127.0.0.1, UDP and TCP on
/// one port; returns that address.
async fn dns_server(records: Vec<Record>) -> SocketAddr {
    let origin = name("example.test.");
    let mut zone: InMemoryZoneHandler =
        InMemoryZoneHandler::empty(origin.clone(), ZoneType::Primary, AxfrPolicy::Deny);
    let soa = SOA::new(
        name("ns.example.test."),
        name("admin.example.test."),
        1,
        3600,
        600,
        86400,
        60,
    );
    zone.upsert_mut(Record::from_rdata(origin.clone(), 60, RData::SOA(soa)), 1);
    for r in records {
        assert!(zone.upsert_mut(r, 1));
    }
    let mut catalog = Catalog::new();
    let handler: Arc<dyn ZoneHandler> = Arc::new(zone);
    catalog.upsert(LowerName::new(&origin), vec![handler]);
    let mut server = hickory_server::Server::new(catalog);
    // The same port for UDP and TCP: try until both can be had.
    let (udp, tcp) = loop {
        let udp = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let port = udp.local_addr().unwrap().port();
        if let Ok(tcp) = TcpListener::bind(("127.0.0.1", port)).await {
            break (udp, tcp);
        }
    };
    let addr = udp.local_addr().unwrap();
    server.register_socket(udp);
    server.register_listener(tcp, Duration::from_secs(5), 4096);
    tokio::spawn(async move {
        let _ = server.block_until_done().await;
    });
    addr
}

fn srv(owner: &str, priority: u16, port: u16, target: &str) -> Record {
    Record::from_rdata(
        name(owner),
        60,
        RData::SRV(SRV::new(priority, 5, port, name(target))),
    )
}

fn a(owner: &str) -> Record {
    Record::from_rdata(name(owner), 60, RData::A(A(Ipv4Addr::LOCALHOST)))
}

async fn start(motd: &str) -> ServerHandle {
    let server = Server::bind(ServerConfig {
        bind: "127.0.0.1:0".into(),
        motd: motd.into(),
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let handle = server.handle();
    tokio::spawn(server.run(lobby));
    handle
}

/// A loopback port nobody listens on.
async fn dead_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    l.local_addr().unwrap().port()
}

fn target(host: &str, port: u16, from_srv: bool) -> Target {
    Target {
        host: host.into(),
        port,
        from_srv,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn srv_targets_by_priority_skipping_a_dead_one() {
    logs();
    let live = start("Reached through SRV").await;
    let live_port = live.local_addr().port();
    let dead = dead_port().await;
    // Priority 10 (tried first) is dead; priority 20 is the live server.
    // The records are given live first, so the order is the resolver's.
    let dns = dns_server(vec![
        srv(
            "_minecraft._tcp.example.test.",
            20,
            live_port,
            "live.example.test.",
        ),
        srv(
            "_minecraft._tcp.example.test.",
            10,
            dead,
            "dead.example.test.",
        ),
        a("live.example.test."),
        a("dead.example.test."),
    ])
    .await;
    let builder = ClientBuilder::new("example.test")
        .dns(DnsConfig::nameservers([dns]))
        .username("SrvBot");
    assert_eq!(
        builder.resolve().await,
        [
            target("dead.example.test", dead, true),
            target("live.example.test", live_port, true)
        ]
    );

    let report = timeout(LIMIT, builder.status(false))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(report.status.description.to_plain(), "Reached through SRV");
    // Both attempts are reported: the dead one with its error, then the
    // live one.
    assert_eq!(report.attempts.len(), 2, "{:?}", report.attempts);
    let (first, second) = (&report.attempts[0], &report.attempts[1]);
    assert_eq!(first.target, target("dead.example.test", dead, true));
    assert_eq!(first.addr, Some(SocketAddr::from(([127, 0, 0, 1], dead))));
    assert!(first.error.is_some());
    assert_eq!(second.target, target("live.example.test", live_port, true));
    assert_eq!(
        second.addr,
        Some(SocketAddr::from(([127, 0, 0, 1], live_port)))
    );
    assert_eq!(second.error, None);

    // A play session goes the same way.
    let client = timeout(LIMIT, builder.connect()).await.unwrap().unwrap();
    assert_eq!(client.username(), "SrvBot");
    client.close().await.unwrap();

    // And the log names both attempts and the one used.
    let text = String::from_utf8(logs().lock().unwrap().clone()).unwrap();
    let failed = format!("dead.example.test:{dead}");
    let used = format!("live.example.test:{live_port}");
    assert!(
        text.lines()
            .any(|l| l.contains(&failed) && l.contains("connection attempt failed")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains(&used) && l.contains("connected")),
        "{text}"
    );
    live.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn explicit_port_skips_srv_and_no_srv_means_25565() {
    let live = start("Direct").await;
    let port = live.local_addr().port();
    let dns = dns_server(vec![
        srv(
            "_minecraft._tcp.example.test.",
            10,
            1,
            "elsewhere.example.test.",
        ),
        a("example.test."),
        a("plain.example.test."),
    ])
    .await;
    let with_port =
        ClientBuilder::new(&format!("example.test:{port}")).dns(DnsConfig::nameservers([dns]));
    assert_eq!(
        with_port.resolve().await,
        [target("example.test", port, false)]
    );
    let report = timeout(LIMIT, with_port.status(false))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(report.status.description.to_plain(), "Direct");
    assert_eq!(report.attempts.len(), 1);
    // .port() counts as explicit too.
    let builder = ClientBuilder::new("example.test")
        .port(port)
        .dns(DnsConfig::nameservers([dns]));
    assert_eq!(
        builder.resolve().await,
        [target("example.test", port, false)]
    );
    // No SRV record: the host on the default port.
    let plain = ClientBuilder::new("plain.example.test").dns(DnsConfig::nameservers([dns]));
    assert_eq!(
        plain.resolve().await,
        [target("plain.example.test", 25565, false)]
    );
    live.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_every_target_fails_the_error_lists_each_attempt() {
    let dead = dead_port().await;
    let dns = dns_server(vec![
        srv(
            "_minecraft._tcp.gone.example.test.",
            1,
            dead,
            "dead.example.test.",
        ),
        srv(
            "_minecraft._tcp.gone.example.test.",
            2,
            7,
            "nowhere.example.test.",
        ),
        a("dead.example.test."),
    ])
    .await;
    let err = ClientBuilder::new("gone.example.test")
        .dns(DnsConfig::nameservers([dns]))
        .connect_timeout(Duration::from_secs(2))
        .status(false)
        .await
        .unwrap_err();
    let mcproto::ConnectionError::Io(io) = &err else {
        panic!("{err:?}")
    };
    let inner = io
        .get_ref()
        .and_then(|e| e.downcast_ref::<mcproto::resolve::ConnectError>())
        .expect("a ConnectError inside");
    assert_eq!(inner.attempts.len(), 2, "{inner}");
    assert_eq!(inner.attempts[0].addr.map(|a| a.port()), Some(dead));
    assert_eq!(inner.attempts[1].addr, None, "nowhere has no address");
    let text = err.to_string();
    assert!(
        text.contains(&format!("dead.example.test:{dead}")),
        "{text}"
    );
    assert!(text.contains("nowhere.example.test:7"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ipv6_literals() {
    let server = match Server::bind(ServerConfig {
        bind: "[::1]:0".into(),
        motd: "Six".into(),
        ..ServerConfig::default()
    })
    .await
    {
        Ok(s) => s,
        Err(e) => {
            eprintln!("SKIPPED ipv6_literals: cannot listen on [::1] here ({e})");
            return;
        }
    };
    let port = server.local_addr().port();
    let handle = server.handle();
    tokio::spawn(server.run(lobby));
    let builder = ClientBuilder::new(&format!("[::1]:{port}"));
    assert_eq!(builder.resolve().await, [target("::1", port, false)]);
    let report = timeout(LIMIT, builder.status(false))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(report.status.description.to_plain(), "Six");
    assert_eq!(
        report.attempts[0].addr,
        Some(format!("[::1]:{port}").parse().unwrap())
    );
    // Without a port: no SRV lookup for a literal, the default port.
    assert_eq!(
        ClientBuilder::new("::1").resolve().await,
        [target("::1", 25565, false)]
    );
    handle.shutdown();
}
