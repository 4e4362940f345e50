//! Cross-check of the registries against minecraft-data's independent
//! description of each protocol (`<version>/protocol.json`): every packet
//! present in both, at the same id, state and direction; none missing, none
//! extra. minecraft-data has no file for protocol 54 (15w32c), whose ids
//! are checked against wiki.vg's page in `play_serverbound_connection.rs`
//! and the other per-topic tests.

use std::collections::BTreeMap;
use std::path::PathBuf;

use mcproto_core::{Direction, ProtocolVersion, State};
use mcproto_packets::registry;
use mcproto_packets::version::*;
use serde_json::Value;

fn spec_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/spec/minecraft-data")
}

fn load(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("valid JSON")
}

/// The minecraft-data directory describing each release protocol. 108 is
/// described by its pre-release 1.9.1-pre2 (minecraft-data has no 1.9.1
/// file), 316 by the 1.11 file (minecraft-data's `dataPaths.json` points
/// 1.11.2 there too).
const MD_DIRS: &[(ProtocolVersion, &str)] = &[
    (V1_8, "1.8"),
    (V1_9, "1.9"),
    (V1_9_1, "1.9.1-pre2"),
    (V1_9_2, "1.9.2"),
    (V1_9_4, "1.9.4"),
    (V1_10, "1.10"),
    (V1_11, "1.11"),
    (V1_11_1, "1.11"),
    (V1_12, "1.12"),
    (V1_12_1, "1.12.1"),
    (V1_12_2, "1.12.2"),
];

/// minecraft-data packet name → our type name, from `md-names/*.json`.
fn name_map(state: State, direction: Direction) -> BTreeMap<String, String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("md-names");
    let prefix = format!("{}_{}", state.name(), direction.name());
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("md-names") {
        let path = entry.expect("entry").path();
        let file = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        if !file.starts_with(&prefix) {
            continue;
        }
        let Value::Object(map) = load(path) else {
            panic!("{file}: not an object")
        };
        for (md, v) in map {
            out.insert(md, v["type"].as_str().expect("type").to_owned());
        }
    }
    out
}

/// Every difference between our registry of `version` and minecraft-data's
/// file `md_dir`, and the number of packets ours has.
fn compare(version: ProtocolVersion, md_dir: &str) -> (Vec<String>, usize) {
    let md = load(spec_dir().join(md_dir).join("protocol.json"));
    let ours = registry(version).unwrap();
    let mut problems = Vec::new();
    let mut total = 0;
    for state in State::ALL {
        for direction in Direction::ALL {
            let side = match direction {
                Direction::Clientbound => "toClient",
                Direction::Serverbound => "toServer",
            };
            let mappings = &md[state.name()][side]["types"]["packet"][1][0]["type"][1]["mappings"];
            let names = name_map(state, direction);
            let mut expected = BTreeMap::new();
            if let Value::Object(m) = mappings {
                for (hex, name) in m {
                    let id = i32::from_str_radix(hex.trim_start_matches("0x"), 16).expect("hex id");
                    let md_name = name.as_str().expect("name");
                    match names.get(md_name) {
                        Some(ty) => {
                            expected.insert(id, ty.clone());
                        }
                        None => problems.push(format!(
                            "{version} {state} {direction}: no type mapped for {md_name}"
                        )),
                    }
                }
            }
            let actual: BTreeMap<i32, String> = ours
                .packet_map(state, direction)
                .into_iter()
                .map(|(id, n)| (id, n.to_owned()))
                .collect();
            total += actual.len();
            for (id, ty) in &expected {
                match actual.get(id) {
                    Some(a) if a == ty => {}
                    Some(a) => problems.push(format!(
                        "{version} {state} {direction} {id:#04x}: ours {a}, minecraft-data {ty}"
                    )),
                    None => problems.push(format!(
                        "{version} {state} {direction} {id:#04x}: missing {ty}"
                    )),
                }
            }
            for (id, a) in &actual {
                if !expected.contains_key(id) {
                    problems.push(format!(
                        "{version} {state} {direction} {id:#04x}: {a} is not in minecraft-data"
                    ));
                }
            }
        }
    }
    (problems, total)
}

#[test]
fn registry_47_matches_minecraft_data_1_8() {
    let (problems, total) = compare(V1_8, "1.8");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // 1 + 1 legacy handshaking, 2 + 2 status, 4 + 2 login, 74 + 26 play.
    assert_eq!(total, 112);
}

#[test]
fn every_release_registry_matches_minecraft_data() {
    let mut problems = Vec::new();
    let mut checked = Vec::new();
    for v in supported().filter(|v| *v != V15W32C) {
        let Some((_, dir)) = MD_DIRS.iter().find(|(p, _)| *p == v) else {
            problems.push(format!("{v}: no minecraft-data file listed"));
            continue;
        };
        let (p, total) = compare(v, dir);
        problems.extend(p);
        checked.push((v.0, total));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Handshaking, status and login: 12 packets in every version; play as
    // counted in the research notes' id tables.
    let play = |v: i32| match v {
        47 => 74 + 26,
        107..=109 => 77 + 30,
        110..=316 => 76 + 30,
        335 => 79 + 33,
        _ => 80 + 33,
    };
    for (v, total) in &checked {
        assert_eq!(*total, 12 + play(*v), "{v}");
    }
}

#[test]
fn counts_per_state_and_direction() {
    let expected_47 = [
        (State::Handshaking, Direction::Serverbound, 2),
        (State::Handshaking, Direction::Clientbound, 0),
        (State::Status, Direction::Clientbound, 2),
        (State::Status, Direction::Serverbound, 2),
        (State::Login, Direction::Clientbound, 4),
        (State::Login, Direction::Serverbound, 2),
        (State::Play, Direction::Clientbound, 74),
        (State::Play, Direction::Serverbound, 26),
    ];
    // Play packets (clientbound, serverbound) per version.
    let play = |v: ProtocolVersion| match v.0 {
        47 => (74, 26),
        54 => (74, 27),
        107..=109 => (77, 30),
        110..=316 => (76, 30),
        335 => (79, 33),
        _ => (80, 33),
    };
    for v in supported() {
        let r = registry(v).unwrap();
        let (play_cb, play_sb) = play(v);
        for (state, dir, n) in expected_47 {
            let n = match (state, dir) {
                (State::Play, Direction::Clientbound) => play_cb,
                (State::Play, Direction::Serverbound) => play_sb,
                _ => n,
            };
            let ids: Vec<i32> = r.packets(state, dir).map(|(id, _)| id).collect();
            assert_eq!(ids.len(), n, "{v} {state} {dir}");
            // Play ids are dense from 0.
            if state == State::Play {
                assert_eq!(ids, (0..n as i32).collect::<Vec<_>>(), "{v} {state} {dir}");
            }
        }
    }
}
