//! Runs one receiving or sending path over the benchmark inputs, for
//! counting its instructions under callgrind (`benchmarks/instructions.sh`):
//! a count does not move with the machine's load, as criterion's
//! nanoseconds do, so it tells small changes apart.
//!
//! `instructions <path> <packet> <passes>`: `passes` times over the 1 000
//! packets of `packet`, through `path`: `handler`, `group` (a `match` over
//! the group value, see `Take`), `group_whole` (the value moved whole; all
//! three decoding), or
//! `registry`, `body` (encoding; `body` is the packet's own `Encode` after
//! a constant id, not a path users call). `instructions --list` prints the
//! rows the script counts.

use std::hint::black_box;
use std::process::ExitCode;

use mcproto::HandledBy;
use mcproto::codec::Writer;
use mcproto::packets::handshaking::serverbound::Handshake;
use mcproto::packets::play::serverbound as sb;
use mcproto::packets::status::clientbound::StatusResponse;
use mcproto::packets::{HandshakingServerbound, PlayServerbound, StatusClientbound};
use mcproto::prelude::*;
use mcproto_benchmarks::{self as inputs, PACKETS, Sink, Take, moved};

const PATHS: [&str; 5] = ["handler", "group", "group_whole", "registry", "body"];

fn inputs_of(packet: &str) -> Option<Vec<Vec<u8>>> {
    const N: usize = 1000;
    Some(match packet {
        "player_position" => inputs::player_positions(N),
        "player_position_and_look" => inputs::player_positions_and_looks(N),
        "plugin_message" => inputs::plugin_messages(N),
        "handshake" => inputs::handshakes(N),
        "status_response" => inputs::status_responses(N),
        "chat_message" => inputs::chat_messages(N),
        _ => return None,
    })
}

/// Decodes every input through `path` of group `G`, `passes` times.
fn decode<G>(registry: &Registry, batch: &[Vec<u8>], path: &str, passes: usize) -> Result<()>
where
    G: PacketGroup + for<'a> HandledBy<'a, Sink, Output = ()>,
    for<'a> G::Of<'a>: Take,
{
    let group = registry.group_decoder::<G>();
    match path {
        "handler" => each(batch, passes, |frame| group.handle(frame, &mut Sink)),
        "group" => each(batch, passes, |frame| group.decode(frame).map(Take::take)),
        _ => each(batch, passes, |frame| group.decode(frame).map(moved)),
    }
}

/// `f` over every input, `passes` times; a loop of its own for each path,
/// so that one path's code does not change another's count.
#[inline(never)]
fn each<'a>(
    batch: &'a [Vec<u8>],
    passes: usize,
    mut f: impl FnMut(&'a [u8]) -> Result<()>,
) -> Result<()> {
    for _ in 0..passes {
        for frame in batch {
            f(frame)?;
        }
    }
    Ok(())
}

/// Encodes every input's packet through `path`, `passes` times.
fn encode<'a, P>(registry: &Registry, batch: &'a [Vec<u8>], path: &str, passes: usize) -> Result<()>
where
    P: Packet + Decode<'a>,
{
    let values = batch
        .iter()
        .map(|b| registry.decode_packet::<P>(b))
        .collect::<Result<Vec<P>>>()?;
    let id = registry.id_of::<P::Static>().unwrap_or(0);
    let mut out = Vec::with_capacity(1 << 20);
    for _ in 0..passes {
        out.clear();
        if path == "registry" {
            for p in &values {
                registry.encode(p, &mut out)?;
            }
        } else {
            let mut w = Writer::new(&mut out, inputs::V);
            for p in &values {
                w.put_varint(id);
                p.encode(&mut w)?;
            }
        }
        black_box(out.len());
    }
    Ok(())
}

fn run(
    path: &str,
    packet: &str,
    passes: usize,
) -> std::result::Result<bool, Box<dyn std::error::Error>> {
    let Some(batch) = inputs_of(packet) else {
        return Ok(false);
    };
    let registry = mcproto::packets::registry(inputs::V)?;
    match (path, packet) {
        ("handler" | "group" | "group_whole", "handshake") => {
            decode::<HandshakingServerbound>(registry, &batch, path, passes)?
        }
        ("handler" | "group" | "group_whole", "status_response") => {
            decode::<StatusClientbound>(registry, &batch, path, passes)?
        }
        ("handler" | "group" | "group_whole", _) => {
            decode::<PlayServerbound>(registry, &batch, path, passes)?
        }
        ("registry" | "body", "player_position") => {
            encode::<sb::PlayerPosition>(registry, &batch, path, passes)?
        }
        ("registry" | "body", "player_position_and_look") => {
            encode::<sb::PlayerPositionAndLook>(registry, &batch, path, passes)?
        }
        ("registry" | "body", "plugin_message") => {
            encode::<sb::PluginMessage>(registry, &batch, path, passes)?
        }
        ("registry" | "body", "handshake") => encode::<Handshake>(registry, &batch, path, passes)?,
        ("registry" | "body", "status_response") => {
            encode::<StatusResponse>(registry, &batch, path, passes)?
        }
        ("registry" | "body", "chat_message") => {
            encode::<sb::ChatMessage>(registry, &batch, path, passes)?
        }
        _ => return Ok(false),
    }
    Ok(true)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--list") {
        for path in PATHS {
            for packet in PACKETS {
                println!("{path} {packet}");
            }
        }
        return ExitCode::SUCCESS;
    }
    let (Some(path), Some(packet), Some(Ok(passes))) = (
        args.first(),
        args.get(1),
        args.get(2).map(|n| n.parse::<usize>()),
    ) else {
        eprintln!(
            "usage: instructions <handler|group|group_whole|registry|body> <packet> <passes> | --list"
        );
        return ExitCode::from(2);
    };
    match run(path, packet, passes) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("no row {path} {packet}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
