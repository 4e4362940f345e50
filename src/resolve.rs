//! Finding and reaching a server the way the vanilla client does.
//!
//! An address is `host`, `host:port`, an IPv4 literal, or an IPv6 literal
//! (`::1`, or `[::1]:25565` with a port). With no port, the client looks
//! up the SRV record `_minecraft._tcp.<host>` (feature `srv`, on by
//! default): its targets are tried by priority, lowest first, and within
//! one priority in a random order weighted as RFC 2782 says; without SRV
//! records it uses `host:25565`. An explicit port, or an IP literal, skips
//! SRV. Each target's A and AAAA addresses are tried in turn until one
//! accepts the connection.
//!
//! Every attempt is logged (`tracing`, target `mcproto::resolve`), and
//! kept: in [`Connected::attempts`] on success, in [`ConnectError`] when
//! every address failed.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use tokio::net::TcpStream;

/// The port servers listen on unless told otherwise.
pub const DEFAULT_PORT: u16 = 25565;

/// A server address as the user wrote it: a host and, maybe, a port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// Host name or IP literal (IPv6 without brackets).
    pub host: String,
    /// The port, when one was given.
    pub port: Option<u16>,
}

impl Address {
    /// Reads `host`, `host:port`, `a.b.c.d[:port]`, `::1` or `[::1]:port`.
    /// A port that is not a number leaves the whole text as the host (and
    /// the connection fails on it, naming it).
    pub fn parse(address: &str) -> Address {
        let address = address.trim();
        if let Some(rest) = address.strip_prefix('[')
            && let Some((host, tail)) = rest.split_once(']')
        {
            let port = tail.strip_prefix(':').and_then(|p| p.parse().ok());
            return Address {
                host: host.to_owned(),
                port,
            };
        }
        if address.parse::<IpAddr>().is_ok() {
            // A bare IPv6 literal has colons but no port.
            return Address {
                host: address.to_owned(),
                port: None,
            };
        }
        match address.rsplit_once(':') {
            Some((h, p)) if !h.is_empty() && !h.contains(':') => match p.parse() {
                Ok(port) => Address {
                    host: h.to_owned(),
                    port: Some(port),
                },
                Err(_) => Address {
                    host: address.to_owned(),
                    port: None,
                },
            },
            _ => Address {
                host: address.to_owned(),
                port: None,
            },
        }
    }
}

/// One place to try: a host name (or IP literal) and a port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Host name or IP literal.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Whether it came from an SRV record (its host and port then go in the
    /// Handshake, as vanilla sends them).
    pub from_srv: bool,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

/// One connection attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// What was being reached.
    pub target: Target,
    /// The address tried; `None` when the target's name did not resolve.
    pub addr: Option<SocketAddr>,
    /// Why it failed; `None` for the one that connected.
    pub error: Option<String>,
}

impl fmt::Display for Attempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.target)?;
        if let Some(addr) = self.addr {
            write!(f, " ({addr})")?;
        }
        match &self.error {
            Some(e) => write!(f, ": {e}"),
            None => f.write_str(": connected"),
        }
    }
}

/// Every address failed (or none was found); the error lists each attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectError {
    /// What the user asked for.
    pub address: Address,
    /// Each attempt, in order.
    pub attempts: Vec<Attempt>,
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot reach {}", self.address.host)?;
        if let Some(p) = self.address.port {
            write!(f, " port {p}")?;
        }
        if self.attempts.is_empty() {
            return f.write_str(": no address to try");
        }
        f.write_str(": ")?;
        for (i, a) in self.attempts.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{a}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConnectError {}

impl From<ConnectError> for std::io::Error {
    fn from(e: ConnectError) -> Self {
        let kind = if e.attempts.iter().any(|a| a.addr.is_some()) {
            std::io::ErrorKind::ConnectionRefused
        } else {
            std::io::ErrorKind::NotFound
        };
        std::io::Error::new(kind, e)
    }
}

/// A connected socket and how it was reached.
#[derive(Debug)]
pub struct Connected {
    /// The socket.
    pub stream: TcpStream,
    /// The target that accepted.
    pub target: Target,
    /// The address that accepted.
    pub addr: SocketAddr,
    /// Every attempt, the successful one last.
    pub attempts: Vec<Attempt>,
}

/// Which DNS servers to ask (feature `srv`).
#[cfg(feature = "srv")]
#[derive(Debug, Clone, Default)]
pub struct DnsConfig {
    nameservers: Option<Vec<SocketAddr>>,
    timeout: Option<Duration>,
}

#[cfg(feature = "srv")]
impl DnsConfig {
    /// The system's configuration (`/etc/resolv.conf`, the hosts file).
    pub fn system() -> Self {
        DnsConfig::default()
    }

    /// Only these name servers, over UDP and TCP, each at its own port
    /// (a test's server on loopback, a resolver of your choice).
    pub fn nameservers(addrs: impl IntoIterator<Item = SocketAddr>) -> Self {
        DnsConfig {
            nameservers: Some(addrs.into_iter().collect()),
            timeout: None,
        }
    }

    /// How long one query may take (hickory's default otherwise).
    #[must_use]
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = Some(t);
        self
    }

    fn build(&self) -> Result<hickory_resolver::TokioResolver, String> {
        use hickory_resolver::config::{NameServerConfig, ResolverConfig, ResolverOpts};
        use hickory_resolver::net::runtime::TokioRuntimeProvider;
        let provider = TokioRuntimeProvider::default();
        let mut builder = match &self.nameservers {
            None => hickory_resolver::TokioResolver::builder(provider)
                .map_err(|e| format!("system DNS configuration: {e}"))?,
            Some(addrs) => {
                let servers = addrs
                    .iter()
                    .map(|a| {
                        let mut ns = NameServerConfig::udp_and_tcp(a.ip());
                        for c in &mut ns.connections {
                            c.port = a.port();
                        }
                        ns
                    })
                    .collect();
                let mut b = hickory_resolver::TokioResolver::builder_with_config(
                    ResolverConfig::from_name_servers(servers),
                    provider,
                );
                *b.options_mut() = ResolverOpts::default();
                b
            }
        };
        let opts = builder.options_mut();
        if let Some(t) = self.timeout {
            opts.timeout = t;
        }
        // Both families: the addresses are tried in turn.
        opts.ip_strategy = hickory_resolver::config::LookupIpStrategy::Ipv4AndIpv6;
        builder.build().map_err(|e| format!("DNS resolver: {e}"))
    }
}

/// The resolver a connection uses. Clones share one DNS client (and its
/// cache), made at the first lookup.
#[derive(Debug, Clone, Default)]
pub struct Resolver {
    #[cfg(feature = "srv")]
    dns: DnsConfig,
    #[cfg(feature = "srv")]
    client: std::sync::Arc<std::sync::OnceLock<hickory_resolver::TokioResolver>>,
    srv: bool,
}

impl Resolver {
    /// SRV lookups on (when built with `srv`), the system's DNS.
    pub fn new() -> Self {
        Resolver {
            #[cfg(feature = "srv")]
            dns: DnsConfig::default(),
            #[cfg(feature = "srv")]
            client: Default::default(),
            srv: cfg!(feature = "srv"),
        }
    }

    /// Uses `dns` for every lookup.
    #[cfg(feature = "srv")]
    #[must_use]
    pub fn dns(mut self, dns: DnsConfig) -> Self {
        self.dns = dns;
        self.client = Default::default();
        self
    }

    /// The DNS client, made once.
    #[cfg(feature = "srv")]
    fn client(&self) -> Result<&hickory_resolver::TokioResolver, String> {
        if let Some(c) = self.client.get() {
            return Ok(c);
        }
        let built = self.dns.build()?;
        Ok(self.client.get_or_init(|| built))
    }

    /// Whether a host without a port is looked up as an SRV record first
    /// (on by default with the `srv` feature; without it, never).
    #[must_use]
    pub fn srv(mut self, on: bool) -> Self {
        self.srv = on && cfg!(feature = "srv");
        self
    }

    /// The targets for `address`, in the order they are tried.
    pub async fn targets(&self, address: &Address) -> Vec<Target> {
        let direct = |port| {
            vec![Target {
                host: address.host.clone(),
                port,
                from_srv: false,
            }]
        };
        if let Some(port) = address.port {
            return direct(port);
        }
        if address.host.parse::<IpAddr>().is_ok() || !self.srv {
            return direct(DEFAULT_PORT);
        }
        #[cfg(feature = "srv")]
        {
            match self.srv_targets(&address.host).await {
                Ok(t) if !t.is_empty() => return t,
                Ok(_) => {}
                Err(e) => tracing::debug!(host = %address.host, "no SRV record: {e}"),
            }
        }
        direct(DEFAULT_PORT)
    }

    #[cfg(feature = "srv")]
    async fn srv_targets(&self, host: &str) -> Result<Vec<Target>, String> {
        use hickory_resolver::proto::rr::RData;
        let resolver = self.client()?;
        let name = format!("_minecraft._tcp.{}.", host.trim_end_matches('.'));
        let lookup = resolver
            .srv_lookup(name.as_str())
            .await
            .map_err(|e| e.to_string())?;
        let records: Vec<(u16, u16, Target)> = lookup
            .answers()
            .iter()
            .filter_map(|r| match &r.data {
                RData::SRV(srv) => {
                    let target = srv.target.to_utf8();
                    let target = target.trim_end_matches('.');
                    // "." means "no service here" (RFC 2782).
                    (!target.is_empty()).then(|| {
                        (
                            srv.priority,
                            srv.weight,
                            Target {
                                host: target.to_owned(),
                                port: srv.port,
                                from_srv: true,
                            },
                        )
                    })
                }
                _ => None,
            })
            .collect();
        let ordered = order_srv(records, &mut random_u64);
        tracing::debug!(
            name,
            targets = %ordered.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", "),
            "SRV lookup"
        );
        Ok(ordered)
    }

    /// The IP addresses of `target`.
    async fn addresses(&self, target: &Target) -> Result<Vec<SocketAddr>, String> {
        if let Ok(ip) = target.host.parse::<IpAddr>() {
            return Ok(vec![SocketAddr::new(ip, target.port)]);
        }
        #[cfg(feature = "srv")]
        {
            let resolver = self.client()?;
            let lookup = resolver
                .lookup_ip(format!("{}.", target.host.trim_end_matches('.')).as_str())
                .await
                .map_err(|e| e.to_string())?;
            Ok(lookup
                .iter()
                .map(|ip| SocketAddr::new(ip, target.port))
                .collect())
        }
        #[cfg(not(feature = "srv"))]
        {
            tokio::net::lookup_host((target.host.as_str(), target.port))
                .await
                .map(|a| a.collect())
                .map_err(|e| e.to_string())
        }
    }

    /// Connects to `address`: every target, every address of each, in
    /// order, until one accepts; each attempt waits at most `timeout`.
    pub async fn connect(
        &self,
        address: &Address,
        timeout: Duration,
    ) -> Result<Connected, ConnectError> {
        let mut attempts = Vec::new();
        for target in self.targets(address).await {
            let addrs = match self.addresses(&target).await {
                Ok(a) if !a.is_empty() => a,
                other => {
                    let error = match other {
                        Err(e) => e,
                        Ok(_) => "no A or AAAA record".to_owned(),
                    };
                    tracing::info!(%target, error, "cannot resolve");
                    attempts.push(Attempt {
                        target,
                        addr: None,
                        error: Some(error),
                    });
                    continue;
                }
            };
            for addr in addrs {
                tracing::debug!(%target, %addr, "connecting");
                let error = match tokio::time::timeout(timeout, TcpStream::connect(addr)).await {
                    Ok(Ok(stream)) => {
                        tracing::debug!(%target, %addr, tried = attempts.len() + 1, "connected");
                        attempts.push(Attempt {
                            target: target.clone(),
                            addr: Some(addr),
                            error: None,
                        });
                        return Ok(Connected {
                            stream,
                            target,
                            addr,
                            attempts,
                        });
                    }
                    Ok(Err(e)) => e.to_string(),
                    Err(_) => format!("no answer within {timeout:?}"),
                };
                tracing::info!(%target, %addr, error, "connection attempt failed");
                attempts.push(Attempt {
                    target: target.clone(),
                    addr: Some(addr),
                    error: Some(error),
                });
            }
        }
        Err(ConnectError {
            address: address.clone(),
            attempts,
        })
    }
}

#[cfg(feature = "srv")]
fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    // RandomState is seeded from the OS once per process and varied per
    // instance: enough to spread load over SRV targets.
    std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish()
}

/// Orders SRV records as RFC 2782 says: by priority, lowest first; within
/// a priority, repeatedly pick one at random with probability
/// proportional to its weight (weight-0 records are picked last, unless
/// all are 0).
#[cfg(feature = "srv")]
pub(crate) fn order_srv(
    mut records: Vec<(u16, u16, Target)>,
    random: &mut dyn FnMut() -> u64,
) -> Vec<Target> {
    records.sort_by_key(|(priority, weight, _)| (*priority, *weight != 0));
    let mut out = Vec::with_capacity(records.len());
    let mut start = 0;
    while start < records.len() {
        let priority = records[start].0;
        let end = records[start..]
            .iter()
            .position(|r| r.0 != priority)
            .map_or(records.len(), |i| start + i);
        let mut group: Vec<(u16, Target)> = records[start..end]
            .iter()
            .map(|(_, w, t)| (*w, t.clone()))
            .collect();
        while !group.is_empty() {
            let total: u64 = group.iter().map(|(w, _)| u64::from(*w)).sum();
            let pick = if total == 0 {
                0
            } else {
                let r = random() % (total + 1);
                let mut running = 0;
                group
                    .iter()
                    .position(|(w, _)| {
                        running += u64::from(*w);
                        running >= r && (*w != 0 || r == 0)
                    })
                    .unwrap_or(group.len() - 1)
            };
            out.push(group.remove(pick).1);
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "srv")]
    fn t(host: &str) -> Target {
        Target {
            host: host.into(),
            port: 1,
            from_srv: true,
        }
    }

    #[test]
    fn addresses() {
        let a = |s: &str| Address::parse(s);
        assert_eq!(
            a("example.com"),
            Address {
                host: "example.com".into(),
                port: None
            }
        );
        assert_eq!(a("example.com:1234").port, Some(1234));
        assert_eq!(a("127.0.0.1:5").host, "127.0.0.1");
        assert_eq!(
            a("[::1]:7"),
            Address {
                host: "::1".into(),
                port: Some(7)
            }
        );
        assert_eq!(a("[::1]").port, None);
        assert_eq!(
            a("::1"),
            Address {
                host: "::1".into(),
                port: None
            }
        );
        assert_eq!(a("fe80::1:25565").port, None);
    }

    #[cfg(feature = "srv")]
    #[test]
    fn srv_order_by_priority_then_weight() {
        let recs = vec![(20, 5, t("c")), (10, 0, t("b")), (10, 100, t("a"))];
        // Whatever the random numbers, priority 10 comes before 20.
        for seed in 0..50u64 {
            let mut n = seed;
            let mut rnd = || {
                n = n.wrapping_mul(6364136223846793005).wrapping_add(1);
                n >> 11
            };
            let order = order_srv(recs.clone(), &mut rnd);
            assert_eq!(order.last().unwrap().host, "c");
        }
        // Weight decides within a priority: a weight-100 record beats a
        // weight-0 one unless the draw is exactly 0.
        let mut always_max = || u64::MAX - 1;
        let order = order_srv(recs.clone(), &mut always_max);
        assert_eq!(order[0].host, "a");
        let mut zero = || 0;
        let order = order_srv(recs, &mut zero);
        assert_eq!(order[0].host, "b");
    }

    #[cfg(feature = "srv")]
    #[test]
    fn weights_spread_picks() {
        let recs = vec![(1, 1, t("light")), (1, 9, t("heavy"))];
        let mut n = 1u64;
        let mut heavy_first = 0;
        for _ in 0..1000 {
            let mut rnd = || {
                n = n
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                n >> 11
            };
            if order_srv(recs.clone(), &mut rnd)[0].host == "heavy" {
                heavy_first += 1;
            }
        }
        assert!((800..=980).contains(&heavy_first), "{heavy_first}");
    }
}
