//! The demo: starts the example server in-process on loopback (or uses the
//! server at the given address), and for 1.8 (47) and 1.12.2 (340), one
//! after the other, queries its status with a ping, logs a bot in with
//! compression, waits until the bot has spawned (its client answers the
//! server's Player Position And Look as a vanilla client of that version
//! does), exchanges chat, and leaves; then compares the versions side by
//! side.
//!
//! ```sh
//! cargo run --release --example demo
//! cargo run --release --example demo -- --protocols 47,1.10,1.12.2
//! ```

use std::time::Duration;

use clap::Parser;
use mcproto::client::{Client, ClientBuilder};
use mcproto::conn::Phase;
use mcproto::packets::PlayClientbound;
use mcproto::packets::play::serverbound::ChatMessage as Say;
use mcproto::packets::version;
use mcproto::server::{Server, ServerConfig, lobby};
use mcproto::{ConnectionError, ProtocolVersion};
use tokio::time::timeout;

/// Run the mcproto demo.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// host[:port] of a server to use instead of the built-in one.
    address: Option<String>,
    /// The versions to show, numbers or game versions, comma-separated.
    #[arg(
        long,
        value_delimiter = ',',
        default_values = ["47", "340"],
        value_parser = parse_version
    )]
    protocols: Vec<ProtocolVersion>,
}

fn parse_version(s: &str) -> Result<ProtocolVersion, String> {
    match version::parse(s) {
        Some(v) if version::is_supported(v) => Ok(v),
        _ => Err(format!(
            "not a supported version; supported: {}",
            version::supported()
                .map(version::describe)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// What one version's run found, for the comparison at the end.
struct Outcome {
    version: ProtocolVersion,
    status_name: String,
    latency: Option<Duration>,
    packets_to_spawn: usize,
    teleport_id: Option<i32>,
    spawn: (f64, f64, f64),
    echo: Option<String>,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    match timeout(Duration::from_secs(30), run(args)).await {
        Ok(Ok(())) => println!("demo finished"),
        Ok(Err(e)) => {
            eprintln!("demo failed: {e}");
            std::process::exit(1);
        }
        Err(_) => {
            eprintln!("demo failed: timed out");
            std::process::exit(1);
        }
    }
}

fn short(s: String) -> String {
    if s.chars().count() > 120 {
        format!("{}…", s.chars().take(120).collect::<String>())
    } else {
        s
    }
}

async fn run(args: Args) -> Result<(), ConnectionError> {
    let (address, server) = match &args.address {
        Some(a) => (a.clone(), None),
        None => {
            let server = Server::bind(ServerConfig {
                bind: "127.0.0.1:0".into(),
                motd: "mcproto demo server".into(),
                compression_threshold: Some(256),
                ..ServerConfig::default()
            })
            .await?;
            let addr = server.local_addr().to_string();
            let handle = server.handle();
            println!(
                "started the example server on {addr}: compression threshold 256, protocols {}",
                version::supported()
                    .map(|v| v.0.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            tokio::spawn(server.run(lobby));
            (addr, Some(handle))
        }
    };

    let mut outcomes = Vec::new();
    for &v in &args.protocols {
        println!();
        println!("=== protocol {} ===", version::describe(v));
        match one_version(&address, v, server.is_some()).await {
            Ok(o) => outcomes.push(o),
            // Another server may not speak every version: say so, go on.
            Err(e) if server.is_none() => println!("[{v}] failed: {e}"),
            Err(e) => return Err(e),
        }
    }

    println!();
    println!("=== side by side ===");
    println!(
        "{:<9} {:<7} {:>8} {:>9}  {:<18} {:<33} chat",
        "protocol", "status", "ping", "to spawn", "spawned at", "answer to the teleport"
    );
    for o in &outcomes {
        let answer = match o.teleport_id {
            Some(id) => format!("Teleport Confirm {id} + position"),
            None => "position echoed (no teleport id)".into(),
        };
        println!(
            "{:<9} {:<7} {:>8} {:>9}  {:<18} {:<33} {}",
            o.version.0,
            o.status_name,
            o.latency
                .map_or("-".into(), |l| format!("{:.2} ms", l.as_secs_f64() * 1e3)),
            format!("{} pkts", o.packets_to_spawn),
            format!("{:.1} {:.1} {:.1}", o.spawn.0, o.spawn.1, o.spawn.2),
            answer,
            if o.echo.is_some() { "echoed" } else { "-" },
        );
    }
    if let Some(handle) = server {
        handle.shutdown();
        println!("stopped the example server");
    }
    if outcomes.is_empty() {
        return Err(ConnectionError::Closed);
    }
    Ok(())
}

async fn one_version(
    address: &str,
    v: ProtocolVersion,
    embedded: bool,
) -> Result<Outcome, ConnectionError> {
    let name = format!("Demo{}", v.0);
    let builder = ClientBuilder::new(address)
        .username(&name)
        .allowed_versions([v]);

    let report = builder.status(true).await?;
    let s = &report.status;
    println!(
        "[{v}] status:  \"{}\", {} (protocol {}), {}/{} players{}",
        s.description.to_plain(),
        s.version.name,
        s.version.protocol,
        s.players.online,
        s.players.max,
        report.latency.map_or(String::new(), |l| format!(
            ", ping {:.2} ms",
            l.as_secs_f64() * 1e3
        ))
    );

    let mut client = builder.connect().await?;
    println!(
        "[{v}] joined:  {} ({}) with protocol {}",
        client.username(),
        client.uuid(),
        version::describe(client.version())
    );

    // Until the server places the player: the client has then answered
    // the Player Position And Look (Teleport Confirm first from 1.9).
    let mut packets = 0;
    let mut teleport_id = None;
    while !client.spawned() {
        let packet = next(&mut client).await?;
        packets += 1;
        match &packet {
            PlayClientbound::ChunkData(_) | PlayClientbound::MapChunkBulk(_) => {}
            PlayClientbound::PlayerPositionAndLook(p) => {
                teleport_id = p.teleport_id;
                println!("[{v}]   got    {}", short(format!("{p:?}")));
            }
            other => println!("[{v}]   got    {}", short(format!("{other:?}"))),
        }
    }
    let at = client.position().unwrap_or_default();
    match teleport_id {
        Some(id) => println!(
            "[{v}] spawned after {packets} packets: sent Teleport Confirm {id}, then the position ({:.2}, {:.2}, {:.2})",
            at.x, at.y, at.z
        ),
        None => println!(
            "[{v}] spawned after {packets} packets: echoed the position ({:.2}, {:.2}, {:.2})",
            at.x, at.y, at.z
        ),
    }

    let greeting = format!("Hello from mcproto in {}!", version::name(v));
    println!("[{v}] chat:    {greeting:?}");
    client.send(&Say {
        message: greeting.as_str().into(),
    })?;
    let echo = timeout(Duration::from_secs(5), async {
        loop {
            if let PlayClientbound::ChatMessage(chat) = next(&mut client).await? {
                let text = chat.json_data.to_plain();
                if text.contains(&greeting) {
                    return Ok::<_, ConnectionError>(text);
                }
            }
        }
    })
    .await;
    let echo = match echo {
        Ok(Ok(text)) => {
            println!("[{v}] echoed:  {text}");
            Some(text)
        }
        Ok(Err(e)) => return Err(e),
        Err(_) if !embedded => {
            println!("[{v}] that server did not echo the chat within 5 s");
            None
        }
        Err(_) => return Err(ConnectionError::Timeout(Phase::Play)),
    };
    client.close().await?;
    println!("[{v}] left");
    Ok(Outcome {
        version: v,
        status_name: s.version.name.clone(),
        latency: report.latency,
        packets_to_spawn: packets,
        teleport_id,
        spawn: (at.x, at.y, at.z),
        echo,
    })
}

async fn next(client: &mut Client) -> Result<PlayClientbound<'_>, ConnectionError> {
    client.next().await.unwrap_or(Err(ConnectionError::Closed))
}
