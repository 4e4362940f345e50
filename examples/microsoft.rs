//! Signs in with a Microsoft account (device code), prints the Minecraft
//! profile, and, given a server, joins it online and says one thing.
//!
//! ```sh
//! cargo run --features online --example microsoft -- --client-id <your Azure app id>
//! cargo run --features online --example microsoft -- --client-id <id> \
//!     --refresh-file ~/.mcproto-refresh --server mc.example.org --chat hello
//! ```
//!
//! The client id is an application registered in Microsoft Entra (Azure):
//! "personal Microsoft accounts", "allow public client flows" on, and
//! permission to use the Minecraft services API. None is built in.

use std::time::Duration;

use clap::Parser;
use mcproto::auth::{Authenticator, Microsoft};
use mcproto::client::ClientBuilder;
use mcproto::packets::PlayClientbound;
use mcproto::packets::play::serverbound::ChatMessage as Say;

/// Sign in with Microsoft and, optionally, join a server online.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// OAuth client id of your Azure application (or MCPROTO_CLIENT_ID).
    #[arg(long, env = "MCPROTO_CLIENT_ID")]
    client_id: String,
    /// Keep the refresh token in this file (read at start, written after),
    /// so that the next run signs in without a code.
    #[arg(long)]
    refresh_file: Option<std::path::PathBuf>,
    /// host[:port] to join (SRV records are followed without a port).
    #[arg(long)]
    server: Option<String>,
    /// Text to send once in play.
    #[arg(long)]
    chat: Option<String>,
    /// Seconds to stay on the server.
    #[arg(long, default_value_t = 5)]
    seconds: u64,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let mut ms = Microsoft::new(&args.client_id).on_device_code(|code| {
        eprintln!("{}", code.message());
    });
    if let Some(path) = &args.refresh_file
        && let Ok(saved) = std::fs::read_to_string(path)
        && !saved.trim().is_empty()
    {
        ms = ms.refresh_token(saved.trim());
    }
    let token = match ms.authenticate().await {
        Ok(t) => t,
        Err(e) => {
            eprintln!("sign-in failed: {e}");
            std::process::exit(1);
        }
    };
    println!("signed in as {} ({})", token.profile.name, token.profile.id);
    if let Some(path) = &args.refresh_file
        && let Some(refresh) = ms.current_refresh_token().await
        && let Err(e) = write_private(path, refresh.expose())
    {
        eprintln!("cannot save the refresh token to {}: {e}", path.display());
    }
    let Some(server) = &args.server else { return };
    let mut client = match ClientBuilder::new(server).auth(ms).connect().await {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot join {server}: {e}");
            std::process::exit(1);
        }
    };
    println!("joined {server} as {}", client.username());
    if let Some(text) = &args.chat {
        let _ = client.send(&Say {
            message: text.as_str().into(),
        });
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
                None => break,
            },
        }
    }
    let _ = client.close().await;
}

/// Writes `text` to `path`, readable by its owner only where that can be said.
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(text.as_bytes())
}
