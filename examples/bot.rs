//! A bot: logs in offline, prints chat, answers keep-alives, says one
//! thing, and leaves after a while.

use std::time::Duration;

use clap::Parser;
use mcproto::ProtocolVersion;
use mcproto::client::ClientBuilder;
use mcproto::packets::PlayClientbound;
use mcproto::packets::play::serverbound::ChatMessage as Say;

/// A Minecraft bot that logs in offline and chats.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// host[:port] (port 25565 by default).
    address: String,
    /// Player name.
    #[arg(long, default_value = "mcproto")]
    username: String,
    /// Text to send once in play.
    #[arg(long)]
    chat: Option<String>,
    /// Seconds to stay.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Protocol version to use (default: the server's, if supported).
    #[arg(long)]
    protocol: Option<i32>,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let mut builder = ClientBuilder::new(&args.address).username(&args.username);
    if let Some(p) = args.protocol {
        builder = builder.allowed_versions([ProtocolVersion(p)]);
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
        client.version()
    );
    if let Some(text) = &args.chat
        && let Err(e) = client.send(&Say {
            message: text.as_str().into(),
        })
    {
        eprintln!("cannot chat: {e}");
    }
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
    }
    match client.close().await {
        Ok(()) => println!("left"),
        Err(e) => {
            eprintln!("error while leaving: {e}");
            std::process::exit(1);
        }
    }
}
