//! A proxy, in one of two modes:
//!
//! - a network (`--config proxy.toml`): players log in to the proxy, which
//!   connects them to backend servers with their identity forwarded and
//!   moves them between backends (`/server NAME`);
//! - a logging proxy (`--bind ADDR --upstream ADDR`): one upstream, every
//!   packet both ways decoded and logged, the bytes passed unchanged.
//!
//! ```text
//! cargo run --release --example proxy -- --config proxy.toml
//! cargo run --release --example proxy -- --bind 127.0.0.1:25566 --upstream 127.0.0.1:25565
//! ```

use clap::Parser;
use mcproto::proxy::logging::{LoggingConfig, LoggingProxy};
use mcproto::proxy::{Network, NetworkConfig};

/// A Minecraft proxy: a network of backends, or a logging relay.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// A network's configuration (TOML); without it, the logging proxy runs.
    #[arg(long, conflicts_with_all = ["upstream", "filter"])]
    config: Option<std::path::PathBuf>,
    /// Logging proxy: the address to listen on.
    #[arg(long, default_value = "127.0.0.1:25566")]
    bind: String,
    /// Logging proxy: the server to forward to.
    #[arg(long, default_value = "127.0.0.1:25565")]
    upstream: String,
    /// Logging proxy: only log these packet names (comma-separated, e.g.
    /// ChatMessage,KeepAlive).
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
    if let Some(path) = &args.config {
        let network = match NetworkConfig::load(path) {
            Ok(config) => Network::bind(config).await,
            Err(e) => Err(e),
        };
        let network = network.unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
        println!("network proxy on {}", network.local_addr());
        let handle = network.handle();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                println!("shutting down");
                handle.shutdown();
            }
        });
        if let Err(e) = network.run().await {
            fail(&format!("proxy error: {e}"));
        }
        return;
    }
    let config = LoggingConfig {
        bind: args.bind,
        upstream: args.upstream,
        filter: args.filter,
        ..LoggingConfig::default()
    };
    let proxy = LoggingProxy::bind(config)
        .await
        .unwrap_or_else(|e| fail(&format!("cannot listen: {e}")));
    if let Ok(addr) = proxy.local_addr() {
        println!("proxying {addr}");
    }
    if let Err(e) = proxy.run().await {
        fail(&format!("proxy error: {e}"));
    }
}

fn fail(why: &str) -> ! {
    eprintln!("{why}");
    std::process::exit(1)
}
