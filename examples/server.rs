//! A small offline server: players spawn in an empty flat world and chat
//! is broadcast to everyone. Runs until Ctrl-C or SIGTERM.

use std::time::Duration;

use clap::Parser;
use mcproto::forwarding::Forwarding;
use std::sync::Arc;

use mcproto::server::{Lobby, Server, ServerConfig};

/// A small offline Minecraft server.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:25565")]
    bind: String,
    /// Compression threshold in bytes; -1 turns compression off.
    #[arg(long, default_value_t = 256, allow_negative_numbers = true)]
    compression: i32,
    /// Message of the day.
    #[arg(long, default_value = "An mcproto server")]
    motd: String,
    /// Player slots.
    #[arg(long, default_value_t = 20)]
    max_players: usize,
    /// Seconds between keep-alives.
    #[arg(long, default_value_t = 5)]
    keepalive_secs: u64,
    /// Encrypt connections (offline-mode encryption, no session server).
    #[arg(long)]
    encryption: bool,
    /// Player-info forwarding from a proxy: none, bungeecord or bungeeguard.
    #[arg(long, default_value = "none")]
    forwarding: String,
    /// With `--forwarding bungeecord`: a proxy address range to trust
    /// (repeatable), e.g. 127.0.0.1/32.
    #[arg(long)]
    trusted: Vec<ipnet::IpNet>,
    /// With `--forwarding bungeeguard`: a token the proxy sends (repeatable).
    #[arg(long)]
    token: Vec<String>,
    /// Expect a PROXY protocol header from these ranges (repeatable).
    #[arg(long)]
    proxy_protocol: Vec<ipnet::IpNet>,
    /// The server's name in a network, shown before its chat lines.
    #[arg(long, default_value = "")]
    name: String,
    /// Where players spawn: X,Z in blocks.
    #[arg(long, value_parser = parse_spawn, default_value = "0.5,0.5", allow_hyphen_values = true)]
    spawn: (f64, f64),
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let args = Args::parse();
    let forwarding = match args.forwarding.as_str() {
        "none" => Forwarding::None,
        "bungeecord" if !args.trusted.is_empty() => Forwarding::BungeeCord {
            trusted: args.trusted.clone(),
        },
        "bungeeguard" if !args.token.is_empty() => Forwarding::BungeeGuard {
            tokens: args.token.clone(),
        },
        "bungeecord" => fail("--forwarding bungeecord needs at least one --trusted range"),
        "bungeeguard" => fail("--forwarding bungeeguard needs at least one --token"),
        other => fail(&format!(
            "unknown --forwarding {other}: none, bungeecord or bungeeguard"
        )),
    };
    let config = ServerConfig {
        bind: args.bind,
        motd: args.motd,
        max_players: args.max_players,
        compression_threshold: usize::try_from(args.compression).ok(),
        encryption: args.encryption,
        keepalive_interval: Duration::from_secs(args.keepalive_secs.max(1)),
        forwarding,
        proxy_protocol: (!args.proxy_protocol.is_empty()).then(|| args.proxy_protocol.clone()),
        ..ServerConfig::default()
    };
    let server = match Server::bind(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot start the server: {e}");
            std::process::exit(1);
        }
    };
    println!("listening on {}", server.local_addr());
    let handle = server.handle();
    tokio::spawn(async move {
        wait_for_signal().await;
        println!("shutting down");
        handle.shutdown();
    });
    let lobby = Arc::new(
        Lobby::new()
            .name(args.name)
            .spawn(args.spawn.0, args.spawn.1),
    );
    if let Err(e) = server.run(move |player| lobby.clone().serve(player)).await {
        eprintln!("server error: {e}");
        std::process::exit(1);
    }
}

/// `X,Z` in blocks.
fn parse_spawn(s: &str) -> Result<(f64, f64), String> {
    let (x, z) = s
        .split_once(',')
        .ok_or_else(|| format!("{s:?}: expected X,Z"))?;
    let coordinate = |c: &str| {
        c.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("{c:?} is not a coordinate"))
    };
    Ok((coordinate(x)?, coordinate(z)?))
}

fn fail(why: &str) -> ! {
    eprintln!("{why}");
    std::process::exit(2)
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
