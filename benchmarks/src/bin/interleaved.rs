//! The decode and encode rows that compare with valence, measured in
//! interleaved rounds: each round times every row of a packet once, in an
//! order that rotates from round to round, and each row's ratio to
//! valence is taken within the round. The median over the rounds is
//! reported. On this VM the speed of the whole machine drifts by tens of
//! percent between criterion's rows, which are measured one after the
//! other for seconds each; rows measured a millisecond apart share the
//! drift, so their ratio does not carry it.
//!
//! ```sh
//! cargo run --release --manifest-path benchmarks/Cargo.toml --bin interleaved [-- ROUNDS]
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use mcproto::packets::handshaking::serverbound::Handshake;
use mcproto::packets::play::serverbound as sb;
use mcproto::packets::status::clientbound::StatusResponse;
use mcproto::packets::{HandshakingServerbound, PlayServerbound, StatusClientbound};
use mcproto::prelude::*;
use mcproto_benchmarks::valence::{valence_decode, valence_encode};
use mcproto_benchmarks::{self as inputs, Sink, Take, moved};
use valence_protocol::packets::handshaking::HandshakeC2s;
use valence_protocol::packets::play::{
    CustomPayloadC2s, FullC2s, PositionAndOnGroundC2s, RenameItemC2s,
};
use valence_protocol::packets::status::QueryResponseS2c;

const N: usize = 1000;
/// How long one row runs in one round.
const SLICE: Duration = Duration::from_millis(2);

/// One row: runs the packet's batch once.
struct Row<'a> {
    path: &'static str,
    run: Box<dyn FnMut() + 'a>,
}

fn row<'a>(path: &'static str, run: impl FnMut() + 'a) -> Row<'a> {
    Row {
        path,
        run: Box::new(run),
    }
}

/// The body alone after the id (the `derived_body` rows of criterion):
/// the id checked, the body decoded, nothing left.
#[inline(always)]
fn body<'a, T: Decode<'a>>(bytes: &'a [u8], id: i32) -> Result<T> {
    let mut r = Reader::new(bytes, inputs::V);
    if r.varint()? != id {
        return Err(Error::new(ErrorKind::UnknownPacket { id }));
    }
    let v = T::decode(&mut r)?;
    r.finish()?;
    Ok(v)
}

/// The decoding rows of one packet of group `$group`: body type `$body`,
/// valence type `$valence`, id `$id`.
macro_rules! decode_rows {
    ($batch:expr, $group:ty, $body:ty, $valence:ty, $id:expr) => {{
        let batch: &[Vec<u8>] = $batch;
        let decoder = || registry().group_decoder::<$group>();
        let (handled, matched, whole) = (decoder(), decoder(), decoder());
        vec![
            row("handler", move || {
                for f in batch {
                    handled.handle(f, &mut Sink).unwrap();
                }
            }),
            row("group", move || {
                for f in batch {
                    matched.decode(f).unwrap().take();
                }
            }),
            row("group_whole", move || {
                for f in batch {
                    moved(whole.decode(f).unwrap());
                }
            }),
            row("derived_body", move || {
                for f in batch {
                    black_box(&body::<$body>(f, $id).unwrap());
                }
            }),
            row("valence", move || {
                for f in batch {
                    black_box(&valence_decode::<$valence>(f, $id).unwrap());
                }
            }),
        ]
    }};
}

/// The encoding rows of one packet: `registry.encode` against valence's
/// encode after its id, of the same values.
macro_rules! encode_rows {
    ($batch:expr, $packet:ty, $valence:ty, $id:expr) => {{
        let batch: &[Vec<u8>] = $batch;
        let ours: Vec<$packet> = batch
            .iter()
            .map(|b| registry().decode_packet::<$packet>(b).unwrap())
            .collect();
        let theirs: Vec<$valence> = batch
            .iter()
            .map(|b| valence_decode::<$valence>(b, $id).unwrap())
            .collect();
        let mut buf = Vec::with_capacity(1 << 20);
        let mut vbuf = Vec::with_capacity(1 << 20);
        vec![
            row("registry", move || {
                buf.clear();
                for p in &ours {
                    registry().encode(p, &mut buf).unwrap();
                }
                black_box(buf.len());
            }),
            row("valence", move || {
                vbuf.clear();
                for p in &theirs {
                    valence_encode(p, $id, &mut vbuf).unwrap();
                }
                black_box(vbuf.len());
            }),
        ]
    }};
}

fn registry() -> &'static Registry {
    static R: std::sync::OnceLock<&'static Registry> = std::sync::OnceLock::new();
    R.get_or_init(|| mcproto::packets::registry(inputs::V).unwrap())
}

/// Times `rows` in `rounds` interleaved rounds; prints each row's median
/// time per packet and its median ratio to the `valence` row.
fn measure(name: &str, what: &str, mut rows: Vec<Row<'_>>, rounds: usize, targets: &[(&str, f64)]) {
    // Batches per slice, from one calibration run of each row.
    let reps: Vec<u32> = rows
        .iter_mut()
        .map(|r| {
            let t = Instant::now();
            (r.run)();
            let once = t.elapsed().max(Duration::from_nanos(1));
            (SLICE.as_nanos() / once.as_nanos()).clamp(1, 10_000) as u32
        })
        .collect();
    let k = rows.len();
    let mut times = vec![Vec::with_capacity(rounds); k];
    for round in 0..rounds {
        for j in 0..k {
            let i = (round + j) % k;
            let t = Instant::now();
            for _ in 0..reps[i] {
                (rows[i].run)();
            }
            let ns = t.elapsed().as_nanos() as f64 / f64::from(reps[i]) / N as f64;
            times[i].push(ns);
        }
    }
    let valence = rows.iter().position(|r| r.path == "valence");
    for (i, r) in rows.iter().enumerate() {
        let median = median(&times[i]);
        let (ratio, verdict) = match valence {
            Some(v) if v != i => {
                let ratios: Vec<f64> = times[v].iter().zip(&times[i]).map(|(a, b)| a / b).collect();
                let ratio = median_of(ratios);
                let verdict = match targets.iter().find(|(p, _)| *p == r.path) {
                    Some((_, t)) if ratio >= *t => format!(">= {t}: met"),
                    Some((_, t)) => format!(">= {t}: NOT met"),
                    None => String::new(),
                };
                (format!("{ratio:.3}"), verdict)
            }
            _ => (String::new(), String::new()),
        };
        println!(
            "| {name} | {what} | `{}` | {median:.1} ns | {ratio} | {verdict} |",
            r.path
        );
    }
}

fn median(v: &[f64]) -> f64 {
    median_of(v.to_vec())
}

fn median_of(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(201);
    let load = || std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average before: {}", load().trim());
    println!(
        "{rounds} rounds of {} ms per row, {N} packets per batch",
        SLICE.as_millis()
    );
    println!();
    println!(
        "| packet | | path | median per packet | valence / path (median of rounds) | target |"
    );
    println!("|---|---|---|---:|---:|---|");
    let decode_targets = [("handler", 2.0), ("group", 2.0)];
    // Status Response's target is parity with valence.
    let status_targets = [("handler", 1.0), ("group", 1.0)];
    let encode_targets = [("registry", 1.5)];
    // One packet: its decoding rows, then its encoding rows.
    macro_rules! packet {
        ($name:literal, $inputs:ident, $group:ty, $packet:ty, $valence:ty, $id:expr, $targets:expr) => {{
            let b = inputs::$inputs(N);
            let rows = decode_rows!(&b, $group, $packet, $valence, $id);
            measure($name, "decode", rows, rounds, &$targets);
            let rows = encode_rows!(&b, $packet, $valence, $id);
            measure($name, "encode", rows, rounds, &encode_targets);
        }};
    }
    packet!(
        "Player Position",
        player_positions,
        PlayServerbound,
        sb::PlayerPosition,
        PositionAndOnGroundC2s,
        0x04,
        decode_targets
    );
    packet!(
        "Position And Look",
        player_positions_and_looks,
        PlayServerbound,
        sb::PlayerPositionAndLook,
        FullC2s,
        0x06,
        decode_targets
    );
    packet!(
        "Plugin Message",
        plugin_messages,
        PlayServerbound,
        sb::PluginMessage<'_>,
        CustomPayloadC2s<'_>,
        0x17,
        decode_targets
    );
    packet!(
        "Handshake",
        handshakes,
        HandshakingServerbound,
        Handshake<'_>,
        HandshakeC2s<'_>,
        0x00,
        decode_targets
    );
    packet!(
        "Chat Message",
        chat_messages,
        PlayServerbound,
        sb::ChatMessage<'_>,
        RenameItemC2s<'_>,
        0x01,
        decode_targets
    );
    packet!(
        "Status Response",
        status_responses,
        StatusClientbound,
        StatusResponse<'_>,
        QueryResponseS2c<'_>,
        0x00,
        status_targets
    );

    println!();
    println!("load average after: {}", load().trim());
}
