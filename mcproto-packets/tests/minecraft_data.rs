//! Cross-check of the registries against minecraft-data's independent
//! description of protocol 47 (`1.8/protocol.json`): every packet present in
//! both, at the same id, state and direction; none missing, none extra.

use std::collections::BTreeMap;
use std::path::PathBuf;

use mcproto_core::{Direction, State};
use mcproto_packets::registry;
use mcproto_packets::version::{V1_8 as V47, V15W32C as V54};
use serde_json::Value;

fn spec_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/spec/minecraft-data")
}

fn load(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("valid JSON")
}

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

#[test]
fn registry_47_matches_minecraft_data_1_8() {
    let md = load(spec_dir().join("1.8/protocol.json"));
    let ours = registry(V47).unwrap();
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
                        None => problems
                            .push(format!("{state} {direction}: no type mapped for {md_name}")),
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
                        "{state} {direction} {id:#04x}: ours {a}, minecraft-data {ty}"
                    )),
                    None => problems.push(format!("{state} {direction} {id:#04x}: missing {ty}")),
                }
            }
            for (id, a) in &actual {
                if !expected.contains_key(id) {
                    problems.push(format!(
                        "{state} {direction} {id:#04x}: {a} is not in minecraft-data"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // 1 + 1 legacy handshaking, 2 + 2 status, 4 + 2 login, 74 + 26 play.
    assert_eq!(total, 112);
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
    for (v, play_sb) in [(V47, 26), (V54, 27)] {
        let r = registry(v).unwrap();
        for (state, dir, n) in expected_47 {
            let n = if (state, dir) == (State::Play, Direction::Serverbound) {
                play_sb
            } else {
                n
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
