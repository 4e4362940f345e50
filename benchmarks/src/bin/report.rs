//! Prints the results of the last `cargo bench` run as Markdown tables,
//! with the ratios BENCHMARKS.md reports.
//!
//! ```sh
//! cargo run --release --manifest-path benchmarks/Cargo.toml --bin report
//! ```
//!
//! It reads criterion's `new/estimates.json` files under
//! `$CARGO_TARGET_DIR/criterion` (default `benchmarks/target/criterion`),
//! and uses the median time per iteration.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

struct Bench {
    time_ns: f64,
    elements: Option<u64>,
    bytes: Option<u64>,
}

fn criterion_dir() -> PathBuf {
    if let Some(d) = std::env::args().nth(1) {
        return PathBuf::from(d);
    }
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .to_string_lossy()
            .into_owned()
    });
    Path::new(&target).join("criterion")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "new") {
                out.push(p);
            } else {
                walk(&p, out);
            }
        }
    }
}

fn load(dir: &Path) -> BTreeMap<String, Bench> {
    let mut dirs = Vec::new();
    walk(dir, &mut dirs);
    let mut map = BTreeMap::new();
    for d in dirs {
        let read = |f: &str| -> Option<Value> {
            serde_json::from_str(&fs::read_to_string(d.join(f)).ok()?).ok()
        };
        let (Some(meta), Some(est)) = (read("benchmark.json"), read("estimates.json")) else {
            continue;
        };
        let id = meta["full_id"].as_str().unwrap_or_default().to_owned();
        let time_ns = est["median"]["point_estimate"].as_f64().unwrap_or(f64::NAN);
        let tp = &meta["throughput"];
        map.insert(
            id,
            Bench {
                time_ns,
                elements: tp["Elements"].as_u64(),
                bytes: tp["Bytes"].as_u64(),
            },
        );
    }
    map
}

fn fmt_time(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.1} ns")
    }
}

fn fmt_rate(b: &Bench) -> String {
    if let Some(e) = b.elements {
        let per_s = e as f64 / (b.time_ns / 1e9);
        format!("{:.1} M/s", per_s / 1e6)
    } else if let Some(n) = b.bytes {
        let per_s = n as f64 / (b.time_ns / 1e9);
        format!("{:.0} MiB/s", per_s / (1024.0 * 1024.0))
    } else {
        String::new()
    }
}

fn main() {
    let dir = criterion_dir();
    let all = load(&dir);
    if all.is_empty() {
        eprintln!(
            "no results under {}; run `cargo bench` first",
            dir.display()
        );
        std::process::exit(1);
    }

    // Every result, grouped.
    let mut groups: BTreeMap<String, Vec<(&String, &Bench)>> = BTreeMap::new();
    for (id, b) in &all {
        let group = id.split('/').take(2).collect::<Vec<_>>().join("/");
        groups.entry(group).or_default().push((id, b));
    }
    println!("## All results (median time per iteration)\n");
    println!("| benchmark | time | rate |");
    println!("|---|---:|---:|");
    for items in groups.values() {
        for (id, b) in items {
            println!("| `{id}` | {} | {} |", fmt_time(b.time_ns), fmt_rate(b));
        }
    }

    // The ratios the targets are stated in.
    let t = |id: &str| all.get(id).map(|b| b.time_ns);
    let mut rows: Vec<(String, Option<f64>, String, String)> = Vec::new();
    let mut ratio = |label: String, num: &str, den: &str, target: &str| {
        let r = match (t(num), t(den)) {
            (Some(a), Some(b)) => Some(a / b),
            _ => None,
        };
        let verdict = match (r, target) {
            (Some(r), _) => {
                let ok = match target.split_once(' ') {
                    Some((">=", x)) => r >= x.parse::<f64>().unwrap_or(f64::MAX),
                    Some(("<=", x)) => r <= x.parse::<f64>().unwrap_or(0.0),
                    _ => true,
                };
                if ok { "met" } else { "NOT met" }.to_owned()
            }
            (None, _) => "missing".to_owned(),
        };
        rows.push((label, r, target.to_owned(), verdict));
    };

    // The paths users call (README): the group decoder over borrowed
    // frames, as a group value to `match` (the `group` rows) and into a
    // handler's methods (the `handler` rows, the fast way). Their cost over
    // decoding the body alone, and their speed against valence.
    for path in ["handler", "group"] {
        for p in ["player_position", "player_position_and_look"] {
            ratio(
                format!("{p}: `{path}` decode / `derived_body` decode (time)"),
                &format!("packet/{p}/decode/{path}"),
                &format!("packet/{p}/decode/derived_body"),
                "<= 1.25",
            );
        }
        for (p, target) in [
            ("player_position", ">= 2"),
            ("player_position_and_look", ">= 2"),
            ("plugin_message", ">= 2"),
            ("handshake", ">= 2"),
            ("chat_message", ">= 2"),
            ("status_response", ">= 1"),
        ] {
            ratio(
                format!("{p}: decode throughput, `{path}` / valence"),
                &format!("packet/{p}/decode/valence"),
                &format!("packet/{p}/decode/{path}"),
                target,
            );
        }
        ratio(
            format!(
                "stream/serverbound (play mix): throughput, `mcproto_{path}_borrowed` / valence"
            ),
            "stream/serverbound/valence",
            &format!("stream/serverbound/mcproto_{path}_borrowed"),
            ">= 2",
        );
        for s in ["clientbound", "clientbound_compressed"] {
            ratio(
                format!("stream/{s}: throughput, `mcproto_{path}_borrowed` / valence"),
                &format!("stream/{s}/valence"),
                &format!("stream/{s}/mcproto_{path}_borrowed"),
                "(none)",
            );
        }
    }
    // Encoding, the path users call (`registry.encode`, what sessions do).
    for p in mcproto_benchmarks::PACKETS {
        ratio(
            format!("{p}: encode throughput, `derived` (registry.encode) / valence"),
            &format!("packet/{p}/encode/valence"),
            &format!("packet/{p}/encode/derived"),
            ">= 1.5",
        );
    }
    // Other paths, labelled as what they are.
    for (p, ours) in [
        ("player_position", "derived"),
        ("player_position_and_look", "derived"),
        ("plugin_message", "derived"),
        ("plugin_message", "derived_borrowed"),
        ("handshake", "derived"),
        ("status_response", "derived"),
    ] {
        ratio(
            format!("{p}: decode throughput, `{ours}` / valence (not the group path)"),
            &format!("packet/{p}/decode/valence"),
            &format!("packet/{p}/decode/{ours}"),
            "(none)",
        );
    }
    // The group value moved whole (kept or forwarded), not matched.
    for p in mcproto_benchmarks::PACKETS {
        ratio(
            format!(
                "{p}: decode throughput, `group_whole` / valence (the value moved, not matched)"
            ),
            &format!("packet/{p}/decode/valence"),
            &format!("packet/{p}/decode/group_whole"),
            "(none)",
        );
    }
    ratio(
        "stream/serverbound: throughput, `mcproto_registry_borrowed` (AnyPacket) / valence".into(),
        "stream/serverbound/valence",
        "stream/serverbound/mcproto_registry_borrowed",
        "(none)",
    );
    // The cost of the derive: derived against hand-written, same framing.
    for p in [
        "player_position",
        "player_position_and_look",
        "plugin_message",
        "handshake",
        "status_response",
    ] {
        ratio(
            format!("{p}: derived decode / hand-written decode (time)"),
            &format!("packet/{p}/decode/derived_body"),
            &format!("packet/{p}/decode/hand_body"),
            "<= 1.25",
        );
        ratio(
            format!("{p}: derived encode / hand-written encode (time)"),
            &format!("packet/{p}/encode/derived_body"),
            &format!("packet/{p}/encode/hand_body"),
            "<= 1.25",
        );
    }
    ratio(
        "plugin_message (borrowed): derived decode / hand-written decode (time)".into(),
        "packet/plugin_message/decode/derived_borrowed_body",
        "packet/plugin_message/decode/hand_borrowed_body",
        "<= 1.25",
    );
    ratio(
        "VarInt decode rate, mcproto / valence".into(),
        "varint/decode/valence",
        "varint/decode/mcproto",
        ">= 2",
    );
    ratio(
        "VarInt encode rate, mcproto / valence".into(),
        "varint/encode/valence",
        "varint/encode/mcproto",
        "(none)",
    );
    for f in [
        "mcproto_borrowed",
        "bound_local_loop",
        "mcproto_feed_borrowed",
        "mcproto",
        "valence",
    ] {
        ratio(
            format!("frame split `{f}` / memcpy (time)"),
            &format!("frames/split/{f}"),
            "frames/split/memcpy",
            if f == "mcproto_borrowed" {
                "<= 1.5"
            } else {
                "(none)"
            },
        );
    }
    for f in ["mcproto_borrowed", "valence"] {
        ratio(
            format!("frame split in 8 KiB reads `{f}` / memcpy (time)"),
            &format!("frames/split_8k/{f}"),
            "frames/split_8k/memcpy",
            "(none)",
        );
    }
    for f in ["mcproto", "mcproto_borrowed"] {
        ratio(
            format!("decompress at 256: `{f}` / valence (rate)"),
            "frames/decompress_256/valence",
            &format!("frames/decompress_256/{f}"),
            ">= 1.5",
        );
    }
    ratio(
        "compress at 256: mcproto / valence (rate)".into(),
        "frames/compress_256/valence",
        "frames/compress_256/mcproto",
        "(none)",
    );
    for (dir, group) in [
        ("decompress", "zlib/decompress"),
        ("compress", "zlib/compress_l4"),
    ] {
        for b in ["libdeflate", "miniz_oxide"] {
            ratio(
                format!("zlib {dir}: zlib-rs time / {b} time"),
                &format!("{group}/zlib-rs"),
                &format!("{group}/{b}"),
                "(none)",
            );
        }
    }

    // A field gated by version costs nothing: the 340 stream against the 47
    // one, time per byte.
    let per_byte = |id: &str| {
        all.get(id)
            .and_then(|b| b.bytes.map(|n| b.time_ns / n as f64))
    };
    if let (Some(a), Some(b)) = (
        per_byte("stream/serverbound_by_version/v340"),
        per_byte("stream/serverbound_by_version/v47"),
    ) {
        let r = a / b;
        rows.push((
            "stream/serverbound_by_version: 340 / 47, time per byte".into(),
            Some(r),
            "<= 1.10".into(),
            if r <= 1.10 { "met" } else { "NOT met" }.into(),
        ));
    }
    println!("\n## Ratios and targets\n");
    println!("| ratio | value | target | |");
    println!("|---|---:|---|---|");
    for (label, r, target, verdict) in rows {
        if verdict == "missing" {
            continue;
        }
        let v = r.map_or("-".to_owned(), |r| format!("{r:.2}"));
        let verdict = if target == "(none)" {
            ""
        } else {
            verdict.as_str()
        };
        println!("| {label} | {v} | {target} | {verdict} |");
    }
}
