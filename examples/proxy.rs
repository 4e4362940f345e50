//! A logging proxy: forwards a client to an upstream server (offline mode)
//! and logs every packet both ways, decoded.

use clap::Parser;
use mcproto::proxy::{Proxy, ProxyConfig};

/// Forward Minecraft connections and log the packets.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:25566")]
    bind: String,
    /// The server to forward to.
    #[arg(long, default_value = "127.0.0.1:25565")]
    upstream: String,
    /// Only log these packet names (comma-separated, e.g. ChatMessage,KeepAlive).
    #[arg(long, value_delimiter = ',')]
    filter: Vec<String>,
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let args = Args::parse();
    let config = ProxyConfig {
        bind: args.bind,
        upstream: args.upstream,
        filter: args.filter,
        ..ProxyConfig::default()
    };
    let proxy = match Proxy::bind(config).await {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot listen: {e}");
            std::process::exit(1);
        }
    };
    if let Ok(addr) = proxy.local_addr() {
        println!("proxying {addr}");
    }
    if let Err(e) = proxy.run().await {
        eprintln!("proxy error: {e}");
        std::process::exit(1);
    }
}
