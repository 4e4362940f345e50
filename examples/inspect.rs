//! The packet inspector: decodes packets given as hex, one per line, and
//! prints one JSON line each; or prints the registry's schema (every
//! packet's layout as it is in that protocol version).
//!
//! ```text
//! echo "00 2f 09 6c6f63616c686f7374 63dd 02" | \
//!   cargo run --release --example inspect -- --protocol 47 --state handshaking --direction serverbound
//! cargo run --release --example inspect -- --schema --protocol 54
//! cargo run --release --example inspect -- --recording session.mcpr
//! ```
//!
//! A hex line prints `id`, `name`, `fields` and `roundtrip` (whether the
//! packet re-encodes to the same bytes; when not, `reencoded` holds the hex
//! it re-encodes to, or `reencode_error` why it does not), or `error` when
//! it does not decode.
//!
//! A recording (ReplayMod's `.mcpr`, or a bare `.tmcpr` stream with
//! `--protocol`) prints one line per packet: `time` (milliseconds since the
//! start), `state`, then what a hex line prints.

use std::io::{BufRead, Write};

use clap::Parser;
use mcproto::packets::{
    HandshakingServerbound, LoginClientbound, LoginServerbound, PlayClientbound, PlayServerbound,
    StatusClientbound, StatusServerbound,
};
use mcproto::{Direction, PacketGroup, ProtocolVersion, Registry, State};
use serde_json::{Value, json};

/// Decode Minecraft packets from hex, or print the packet schema.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Protocol version: a number or a game version ("1.8.9").
    #[arg(long, default_value = "47")]
    protocol: String,
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
    /// Decode a recording (`.mcpr` or `.tmcpr`) instead of stdin. The
    /// protocol comes from the archive's metadata when it has one.
    #[arg(long, value_name = "FILE")]
    recording: Option<std::path::PathBuf>,
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

/// Decodes one packet with group `G` through `registry`, and reports its
/// id, name, fields and whether it re-encodes to the same bytes.
fn inspect_with<G>(registry: &Registry, bytes: &[u8]) -> Result<Value, String>
where
    G: PacketGroup,
    for<'a> G::Of<'a>: serde::Serialize,
{
    let packet = registry
        .group_decoder::<G>()
        .decode(bytes)
        .map_err(|e| e.to_string())?;
    let id = mcproto::RawPacket::parse(bytes).map_or(-1, |r| r.id);
    let mut again = Vec::new();
    let encoded = G::encode_packet(&packet, registry, &mut again);
    let roundtrip = encoded.is_ok() && again == bytes;
    let (name, fields) = to_json(&packet);
    let mut out = json!({ "id": id, "name": name, "fields": fields, "roundtrip": roundtrip });
    // What it re-encodes to instead (a non-canonical VarInt, a Boolean
    // byte other than 1, ...), or why it does not re-encode.
    match encoded {
        Ok(()) if !roundtrip => out["reencoded"] = json!(to_hex(&again)),
        Err(e) => out["reencode_error"] = json!(e.to_string()),
        Ok(()) => {}
    }
    Ok(out)
}

fn to_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn inspect(
    state: State,
    direction: Direction,
    registry: &Registry,
    bytes: &[u8],
) -> Result<Value, String> {
    match (state, direction) {
        (State::Handshaking, Direction::Serverbound) => {
            inspect_with::<HandshakingServerbound>(registry, bytes)
        }
        (State::Status, Direction::Clientbound) => {
            inspect_with::<StatusClientbound>(registry, bytes)
        }
        (State::Status, Direction::Serverbound) => {
            inspect_with::<StatusServerbound>(registry, bytes)
        }
        (State::Login, Direction::Clientbound) => inspect_with::<LoginClientbound>(registry, bytes),
        (State::Login, Direction::Serverbound) => inspect_with::<LoginServerbound>(registry, bytes),
        (State::Play, Direction::Clientbound) => inspect_with::<PlayClientbound>(registry, bytes),
        (State::Play, Direction::Serverbound) => inspect_with::<PlayServerbound>(registry, bytes),
        (State::Handshaking, Direction::Clientbound) => {
            Err("there are no clientbound handshaking packets".into())
        }
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

/// Prints every packet of a recording; returns the number of packets that
/// did not decode.
fn inspect_recording(path: &std::path::Path, protocol: &str) -> Result<u64, String> {
    use mcproto::recording::{Recording, StateTracker};
    let mut recording = Recording::open(path).map_err(|e| e.to_string())?;
    let version = match recording.meta.as_ref().and_then(|m| m.version()) {
        Some(v) => v,
        None => mcproto::packets::version::parse(protocol)
            .ok_or_else(|| format!("unknown protocol {protocol:?}"))?,
    };
    let registry = mcproto::packets::registry(version).map_err(|e| e.to_string())?;
    let mut tracker = StateTracker::default();
    let mut failed = 0;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for packet in recording.packets().map_err(|e| e.to_string())? {
        let packet = packet.map_err(|e| e.to_string())?;
        let state = tracker.state_of(registry, &packet.data);
        let mut line = inspect(state, Direction::Clientbound, registry, &packet.data)
            .unwrap_or_else(|e| {
                failed += 1;
                json!({ "error": e })
            });
        line["time"] = json!(packet.time_ms);
        line["state"] = json!(state.name());
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    let _ = out.flush();
    Ok(failed)
}

fn main() {
    let args = Args::parse();
    if let Some(path) = &args.recording {
        match inspect_recording(path, &args.protocol) {
            Ok(0) => return,
            Ok(failed) => {
                eprintln!("{failed} packets did not decode");
                std::process::exit(1);
            }
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    }
    let registry = match mcproto::packets::version::parse(&args.protocol)
        .ok_or_else(|| format!("unknown protocol {:?}", args.protocol))
        .and_then(|v| mcproto::packets::registry(v).map_err(|e| e.to_string()))
    {
        Ok(r) => r,
        Err(e) => {
            let supported: Vec<String> = mcproto::packets::version::supported()
                .map(mcproto::packets::version::describe)
                .collect();
            eprintln!("{e}; supported: {}", supported.join(", "));
            std::process::exit(2);
        }
    };
    let version = registry.version();
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
            Ok(bytes) => inspect(args.state, args.direction, registry, &bytes)
                .unwrap_or_else(|e| json!({ "error": e })),
            Err(e) => json!({ "error": e }),
        };
        if writeln!(out, "{result}").is_err() {
            break;
        }
    }
    let _ = out.flush();
}
