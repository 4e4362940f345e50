//! The packet inspector: decodes packets given as hex, one per line, and
//! prints one JSON line each; or prints the registry's schema (every
//! packet's layout as it is in that protocol version).
//!
//! ```text
//! echo "00 2f 09 6c6f63616c686f7374 63dd 02" | \
//!   cargo run --release --example inspect -- --protocol 47 --state handshaking --direction serverbound
//! cargo run --release --example inspect -- --schema --protocol 54
//! ```

use std::io::{BufRead, Write};

use clap::Parser;
use mcproto::packets::{
    HandshakingServerbound, LoginClientbound, LoginServerbound, PlayClientbound, PlayServerbound,
    StatusClientbound, StatusServerbound,
};
use mcproto::{Direction, ProtocolVersion, State};
use serde_json::{Value, json};

/// Decode Minecraft packets from hex, or print the packet schema.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Protocol version: 47 or 54.
    #[arg(long, default_value_t = 47)]
    protocol: i32,
    /// handshaking, status, login or play.
    #[arg(long, default_value = "play")]
    state: State,
    /// serverbound or clientbound.
    #[arg(long, default_value = "serverbound")]
    direction: Direction,
    /// Print every packet of the protocol with its fields and wire types
    /// (`type` as text, `wire` as structured JSON with enum values and
    /// switch variants).
    #[arg(long)]
    schema: bool,
}

fn to_json<G: serde::Serialize>(group: &G) -> (String, Value) {
    // Groups serialise externally tagged: {"PacketName": {fields...}}.
    match serde_json::to_value(group) {
        Ok(Value::Object(map)) => match map.into_iter().next() {
            Some((name, fields)) => (name, fields),
            None => (String::new(), Value::Null),
        },
        Ok(Value::String(name)) => (name, json!({})),
        Ok(other) => (String::new(), other),
        Err(e) => (
            String::new(),
            json!({ "serialization_error": e.to_string() }),
        ),
    }
}

macro_rules! inspect_with {
    ($group:ty, $bytes:expr, $v:expr) => {{
        let packet = <$group>::decode($bytes, $v)?;
        let id = packet.id($v).unwrap_or(-1);
        let roundtrip = packet.encode($v).map(|b| b == $bytes).unwrap_or(false);
        let (name, fields) = to_json(&packet);
        Ok(json!({ "id": id, "name": name, "fields": fields, "roundtrip": roundtrip }))
    }};
}

fn inspect(
    state: State,
    direction: Direction,
    v: ProtocolVersion,
    bytes: &[u8],
) -> mcproto::Result<Value> {
    match (state, direction) {
        (State::Handshaking, Direction::Serverbound) => {
            inspect_with!(HandshakingServerbound, bytes, v)
        }
        (State::Status, Direction::Clientbound) => inspect_with!(StatusClientbound, bytes, v),
        (State::Status, Direction::Serverbound) => inspect_with!(StatusServerbound, bytes, v),
        (State::Login, Direction::Clientbound) => inspect_with!(LoginClientbound, bytes, v),
        (State::Login, Direction::Serverbound) => inspect_with!(LoginServerbound, bytes, v),
        (State::Play, Direction::Clientbound) => inspect_with!(PlayClientbound, bytes, v),
        (State::Play, Direction::Serverbound) => inspect_with!(PlayServerbound, bytes, v),
        (State::Handshaking, Direction::Clientbound) => Err(mcproto::Error::new(
            mcproto::ErrorKind::Protocol("there are no clientbound handshaking packets"),
        )),
    }
}

fn parse_hex(line: &str) -> Result<Vec<u8>, String> {
    let digits: Vec<u8> = line.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if digits.len() % 2 != 0 {
        return Err("odd number of hex digits".into());
    }
    digits
        .chunks(2)
        .map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|s| u8::from_str_radix(s, 16).ok())
                .ok_or_else(|| format!("invalid hex digits {:?}", String::from_utf8_lossy(pair)))
        })
        .collect()
}

fn schema(version: ProtocolVersion) -> Result<Value, String> {
    let registry = mcproto::packets::registry(version).map_err(|e| e.to_string())?;
    let packets: Vec<Value> = registry
        .schema()
        .into_iter()
        .map(|p| {
            let fields: Vec<Value> = match &p.layout {
                mcproto::WireType::Struct { fields, .. } => fields
                    .iter()
                    .map(|f| json!({ "name": f.name, "type": f.ty.to_string(), "wire": f.ty }))
                    .collect(),
                other => vec![json!({ "name": "", "type": other.to_string(), "wire": other })],
            };
            json!({
                "state": p.state.name(),
                "direction": p.direction.name(),
                "id": p.id,
                "name": p.name,
                "fields": fields,
            })
        })
        .collect();
    Ok(json!({ "protocol": version.0, "packets": packets }))
}

fn main() {
    let args = Args::parse();
    let version = ProtocolVersion(args.protocol);
    if !version.is_supported() {
        eprintln!(
            "unsupported protocol {}: supported are 47 and 54",
            args.protocol
        );
        std::process::exit(2);
    }
    if args.schema {
        match schema(version) {
            // A closed pipe (e.g. `| head`) is not an error worth reporting.
            Ok(v) => drop(writeln!(std::io::stdout(), "{v}")),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
        return;
    }
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let result = match parse_hex(&line) {
            Ok(bytes) => inspect(args.state, args.direction, version, &bytes)
                .unwrap_or_else(|e| json!({ "error": e.to_string() })),
            Err(e) => json!({ "error": e }),
        };
        if writeln!(out, "{result}").is_err() {
            break;
        }
    }
    let _ = out.flush();
}
