//! Queries a server's status: MOTD, version, players and latency. When
//! the modern ping fails (servers before 1.7, or ones that only answer the
//! old ping), it falls back to the legacy ping.

use clap::Parser;
use mcproto::client::ClientBuilder;

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
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let builder = ClientBuilder::new(&args.address);
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
