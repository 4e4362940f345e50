//! Queries a server's status: MOTD, version, players and latency. When
//! the modern ping fails (servers before 1.7, or ones that only answer the
//! old ping), it falls back to the legacy ping.
//!
//! ```sh
//! cargo run --example status -- localhost:25565 --protocol 1.8.9
//! ```

use clap::Parser;
use mcproto::ProtocolVersion;
use mcproto::client::ClientBuilder;
use mcproto::packets::version;

/// Query a Minecraft server's status.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// host[:port] (port 25565 by default).
    address: String,
    /// Print the status JSON with a `latency_ms` field instead.
    #[arg(long)]
    json: bool,
    /// Only the legacy (pre-1.7) ping.
    #[arg(long)]
    legacy: bool,
    /// The protocol the handshake announces, a number or a game version
    /// ("340", "1.12.2"); default: the newest supported. Servers answer a
    /// status request in any version, and some show a different status
    /// (or "outdated") depending on it.
    #[arg(long, value_parser = parse_version)]
    protocol: Option<ProtocolVersion>,
}

fn parse_version(s: &str) -> Result<ProtocolVersion, String> {
    version::parse(s)
        .ok_or_else(|| format!("{s:?} is neither a protocol number nor a known version"))
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let mut builder = ClientBuilder::new(&args.address);
    if let Some(v) = args.protocol {
        builder = builder.allowed_versions([v]);
    }
    let modern = if args.legacy {
        None
    } else {
        match builder.status(true).await {
            Ok(r) => Some(r),
            Err(e) => {
                eprintln!(
                    "modern ping of {} failed ({e}); trying the legacy ping",
                    args.address
                );
                None
            }
        }
    };
    let Some(report) = modern else {
        match builder.legacy_status().await {
            Ok(s) => print_legacy(&s, args.json),
            Err(e) => {
                eprintln!("cannot query {}: {e}", args.address);
                std::process::exit(1);
            }
        }
        return;
    };
    let latency_ms = report.latency.map(|d| d.as_secs_f64() * 1000.0);
    if args.json {
        let mut value: serde_json::Value =
            serde_json::from_str(&report.json).unwrap_or(serde_json::Value::Null);
        if let serde_json::Value::Object(map) = &mut value {
            map.insert(
                "latency_ms".into(),
                latency_ms.map_or(serde_json::Value::Null, serde_json::Value::from),
            );
        }
        println!("{value}");
        return;
    }
    let s = &report.status;
    println!("motd:    {}", s.description.to_plain());
    println!(
        "version: {} (protocol {})",
        s.version.name, s.version.protocol
    );
    println!("players: {}/{}", s.players.online, s.players.max);
    for p in &s.players.sample {
        println!("         {} {}", p.name, p.id);
    }
    if let Some(ms) = latency_ms {
        println!("latency: {ms:.1} ms");
    }
}

fn print_legacy(s: &mcproto::legacy::LegacyStatus, json: bool) {
    if json {
        let value = serde_json::json!({
            "legacy": true,
            "version": { "name": s.version, "protocol": s.protocol },
            "players": { "online": s.online, "max": s.max },
            "description": { "text": s.motd },
        });
        println!("{value}");
        return;
    }
    println!("motd:    {}", s.motd);
    match (&s.version, s.protocol) {
        (Some(v), Some(p)) => println!("version: {v} (protocol {p}, legacy ping)"),
        _ => println!("version: before 1.4 (legacy ping)"),
    }
    println!("players: {}/{}", s.online, s.max);
}
