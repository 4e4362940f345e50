//! The demo: starts the example server in-process on loopback (or uses the
//! server at the given address), queries its status, logs a bot in with
//! compression, exchanges chat, and prints every step with the packets
//! decoded on the way.

use std::time::Duration;

use clap::Parser;
use mcproto::ConnectionError;
use mcproto::client::{Client, ClientBuilder};
use mcproto::conn::Phase;
use mcproto::packets::PlayClientbound;
use mcproto::packets::play::serverbound::ChatMessage as Say;
use mcproto::server::{Server, ServerConfig, lobby};
use tokio::time::timeout;

/// Run the mcproto demo.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// host[:port] of a server to use instead of the built-in one.
    address: Option<String>,
}

const GREETING: &str = "Hello from mcproto!";

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
    if s.chars().count() > 160 {
        format!("{}…", s.chars().take(160).collect::<String>())
    } else {
        s
    }
}

async fn run(args: Args) -> Result<(), ConnectionError> {
    let (address, server) = match args.address {
        Some(a) => (a, None),
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
            println!("[1] started the example server on {addr} (compression threshold 256)");
            tokio::spawn(server.run(lobby));
            (addr, Some(handle))
        }
    };

    let builder = ClientBuilder::new(&address).username("DemoBot");
    let report = builder.status(true).await?;
    println!("[2] status of {address}:");
    println!("    motd     {}", report.status.description.to_plain());
    println!(
        "    version  {} (protocol {})",
        report.status.version.name, report.status.version.protocol
    );
    println!(
        "    players  {}/{}",
        report.status.players.online, report.status.players.max
    );
    if let Some(l) = report.latency {
        println!("    latency  {:.2} ms", l.as_secs_f64() * 1000.0);
    }
    println!("    json     {}", short(report.json.clone()));

    let mut client = builder.connect().await?;
    println!(
        "[3] logged in as {} ({}) with protocol {}",
        client.username(),
        client.uuid(),
        client.version()
    );
    println!("    packets received:");
    let mut spawned = 0;
    while spawned < 4 {
        let packet = next(&mut client).await?;
        println!("      {}", short(format!("{packet:?}")));
        if [
            "JoinGame",
            "SpawnPosition",
            "PlayerPositionAndLook",
            "UpdateHealth",
        ]
        .contains(&packet.name())
        {
            spawned += 1;
        }
    }

    println!("[4] sending chat: {GREETING:?}");
    client.send(&Say {
        message: GREETING.into(),
    })?;
    let echo = timeout(Duration::from_secs(10), async {
        loop {
            if let PlayClientbound::ChatMessage(chat) = next(&mut client).await? {
                let text = chat.json_data.to_plain();
                println!("      {}", short(format!("{chat:?}")));
                if text.contains(GREETING) {
                    return Ok::<_, ConnectionError>(text);
                }
            }
        }
    })
    .await;
    match echo {
        Ok(Ok(text)) => println!("[5] the server echoed: {text}"),
        Ok(Err(e)) => return Err(e),
        Err(_) if server.is_none() => println!("[5] that server did not echo the chat within 10 s"),
        Err(_) => return Err(ConnectionError::Timeout(Phase::Play)),
    }

    client.close().await?;
    println!("[6] left the server");
    if let Some(handle) = server {
        handle.shutdown();
        println!("[7] stopped the example server");
    }
    Ok(())
}

async fn next(client: &mut Client) -> Result<PlayClientbound<'_>, ConnectionError> {
    client.next().await.unwrap_or(Err(ConnectionError::Closed))
}
