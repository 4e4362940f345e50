//! A bot: logs in offline with any supported protocol, behaves as the
//! vanilla client (settings, brand, teleport answers, a position every
//! second), prints chat, says one thing once it has spawned, and leaves
//! after a while.
//!
//! ```sh
//! cargo run --example bot -- localhost:25565 --protocol 1.12.2 --chat hello
//! ```

use std::time::Duration;

use clap::Parser;
use mcproto::ProtocolVersion;
use mcproto::client::ClientBuilder;
use mcproto::packets::PlayClientbound;
use mcproto::packets::play::serverbound::ChatMessage as Say;
use mcproto::packets::version;

/// A Minecraft bot that logs in offline and chats.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// host[:port] (port 25565 by default).
    address: String,
    /// Player name.
    #[arg(long, default_value = "mcproto")]
    username: String,
    /// Text to send once spawned (after the first Player Position And
    /// Look is answered).
    #[arg(long)]
    chat: Option<String>,
    /// Seconds to stay.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Protocol version to use, a number or a game version ("47",
    /// "1.12.2"); default: the server's, if supported.
    #[arg(long, value_parser = parse_version)]
    protocol: Option<ProtocolVersion>,
    /// Send nothing by itself but Keep Alive answers (no settings, brand,
    /// teleport answers or position updates).
    #[arg(long)]
    raw: bool,
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

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let mut builder = ClientBuilder::new(&args.address)
        .username(&args.username)
        .vanilla_behaviour(!args.raw);
    if let Some(p) = args.protocol {
        builder = builder.allowed_versions([p]);
    }
    let mut client = match builder.connect().await {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot join {}: {e}", args.address);
            std::process::exit(1);
        }
    };
    println!(
        "joined as {} ({}) with protocol {}",
        client.username(),
        client.uuid(),
        version::describe(client.version())
    );
    // Said once spawned: a server ignores (or kicks for) chat from a
    // player it has not placed yet.
    let mut to_say = args.chat.clone();
    let mut spawned = false;
    let stay = tokio::time::sleep(Duration::from_secs(args.seconds));
    tokio::pin!(stay);
    loop {
        tokio::select! {
            _ = &mut stay => break,
            packet = client.next() => match packet {
                Some(Ok(PlayClientbound::ChatMessage(chat))) => {
                    println!("[chat] {}", chat.json_data.to_plain());
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => {
                    eprintln!("disconnected: {e}");
                    std::process::exit(1);
                }
                None => std::process::exit(1),
            },
        }
        if !spawned && let Some(p) = client.position() {
            spawned = true;
            println!("spawned at {:.2} {:.2} {:.2}", p.x, p.y, p.z);
            if let Some(text) = to_say.take()
                && let Err(e) = client.send(&Say {
                    message: text.into(),
                })
            {
                eprintln!("cannot chat: {e}");
            }
        }
    }
    match client.close().await {
        Ok(()) => println!("left"),
        Err(e) => {
            eprintln!("error while leaving: {e}");
            std::process::exit(1);
        }
    }
}
