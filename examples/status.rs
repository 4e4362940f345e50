//! Queries a server's status: MOTD, version, players and latency.

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
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let report = match ClientBuilder::new(&args.address).status(true).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot query {}: {e}", args.address);
            std::process::exit(1);
        }
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
