//! Cross-check of every packet's layout, in every supported version,
//! against minecraft-data's independent description of it
//! (`<version>/protocol.json`, ProtoDef).
//!
//! Both sides are normalized into one form (`md_layouts::norm`): the
//! minecraft-data layout by `md_layouts::md`, our registry's
//! `schema()` by `md_layouts::ours`, and walked side by side by
//! `md_layouts::compare`, which reports the first difference of each
//! packet with its path. minecraft-data is the oracle here, never a
//! source: nothing is generated from it.
//!
//! Some differences are deliberate; each is listed in [`DEPARTURES`] with
//! its reason. An unlisted difference fails the test, and so does a listed
//! one that no longer happens, so the table stays true.
//!
//! Not differences, by construction of the common form: how either side
//! groups fields (a structure, minecraft-data's `vec3i16`, anonymous
//! containers); a switch minecraft-data spells as separate fields each
//! switching on the same tag, against our one switch on it (both are
//! resolved for every value of the tag and compared arm by arm); a tag
//! value only minecraft-data's `default` arm covers while our enum is
//! closed, as vanilla's are (a value minecraft-data names explicitly and
//! we reject *is* a difference, and so is a `mapper` naming other values
//! than our closed enum); the sign of angles and of the bytes of byte
//! strings; fixed-point numbers against their integer; string maximum
//! lengths (minecraft-data has none).
//!
//! Versions are those of `mcproto_packets::version::SUPPORTED`, each with
//! its minecraft-data directory ([`md_dir`]); 54 (15w32c) has none
//! (minecraft-data has no protocol for 15w31a–15w32c) and is checked only
//! by the existing tests.

mod md_layouts;

use std::collections::BTreeMap;
use std::path::PathBuf;

use mcproto_core::{Decode, Direction, ProtocolVersion, Reader, State};
use mcproto_packets::play::clientbound::{AdvancementDisplay, ParticleType};
use mcproto_packets::registry;
use mcproto_packets::version::{
    self, SUPPORTED, V1_8, V1_9, V1_9_1, V1_9_2, V1_9_4, V1_10, V1_11, V1_11_1, V1_12, V1_12_1,
    V1_12_2, V15W32C,
};
use serde_json::Value;

use md_layouts::compare::{Diff, Walk};
use md_layouts::cond::Names;
use md_layouts::md::{Md, Renames};
use md_layouts::norm::Item;
use md_layouts::ours::{CountEval, Ours};

/// minecraft-data types chat components as plain strings.
const CHAT: &str = "the string holds a JSON chat component (vanilla parses it as one); we type \
                    it Chat, a string on the wire kept as received: same bytes";
/// minecraft-data reads a byte signed that vanilla reads unsigned.
const UNSIGNED: &str = "vanilla reads this byte with readUnsignedByte (our packet docs; \
                        wiki-protocol-47.md: face 255 with digging status 5 or a use-item \
                        placement, cursor 0-15 read unsigned, Map columns in its disagreement \
                        table); same bytes, minecraft-data's i8 reads 128-255 as negative";
/// minecraft-data reads a window id unsigned that vanilla reads signed.
const SIGNED_WINDOW: &str = "vanilla reads the serverbound window id with readByte (our \
                             packet docs; wiki-protocol-47.md, disagreement table); same bytes";
/// The Map icon byte.
const NIBBLES: &str = "two nibbles in one byte (type high, direction low); vanilla reads it with \
                       readByte and masks, so its sign means nothing; unsigned reads the nibbles \
                       directly";
/// minecraft-data's `nbt` against its `optionalNbt`.
const OPTIONAL_NBT: &str = "vanilla reads every NBT field with readNBTTagCompoundFromBuffer, which \
                            takes a lone TAG_End (0x00) as no tag; our Nbt does the same \
                            everywhere, minecraft-data only in its optionalNbt";
/// Prepare Crafting Grid's signed fields.
const PREPARE_CRAFTING_GRID: &str = "wiki.vg's 1.12 page gives a Byte window id, a Short action \
                                     number, Short counts and Byte slots, as we declare them, and \
                                     the same values are signed elsewhere (every serverbound \
                                     window id, Confirm Transaction's action number, \
                                     minecraft-data's own 1.12.1 craft_recipe_request window id); \
                                     minecraft-data's 1.12 file has them unsigned; same bytes for \
                                     every valid value";
/// Spawn Object's velocity.
const SPAWN_OBJECT_VELOCITY: &str = "vanilla 1.8 reads and writes the velocity only when Data \
                                     > 0; minecraft-data's switch sends it for every non-zero \
                                     Data, negative included (wiki-protocol-47.md, disagreement \
                                     table)";

/// Every deliberate difference between minecraft-data and our
/// declarations.
const DEPARTURES: &[Departure] = &[
    // Chat JSON that minecraft-data types as a string.
    chat(Versions::All, "login clientbound Disconnect.reason"),
    chat(Versions::All, "play clientbound ChatMessage.json_data"),
    chat(Versions::All, "play clientbound OpenWindow.window_title"),
    chat(
        Versions::All,
        "play clientbound PlayerListItem.action.0.display_name",
    ),
    chat(Versions::All, "play clientbound Disconnect.reason"),
    chat(Versions::All, "play clientbound Title.action.text"),
    chat(
        Versions::All,
        "play clientbound PlayerListHeaderAndFooter.header",
    ),
    chat(
        Versions::All,
        "play clientbound PlayerListHeaderAndFooter.footer",
    ),
    // Update Sign (clientbound) is gone in 1.9.4.
    chat(Versions::Until(109), "play clientbound UpdateSign.line_1"),
    chat(Versions::Until(109), "play clientbound UpdateSign.line_2"),
    chat(Versions::Until(109), "play clientbound UpdateSign.line_3"),
    chat(Versions::Until(109), "play clientbound UpdateSign.line_4"),
    chat(Versions::From(107), "play clientbound BossBar.action.title"),
    chat(
        Versions::From(335),
        "play clientbound Advancements.advancement_mapping.value.display_data.title",
    ),
    chat(
        Versions::From(335),
        "play clientbound Advancements.advancement_mapping.value.display_data.description",
    ),
    chat(Versions::Only(47), "play serverbound UpdateSign.line_1"),
    chat(Versions::Only(47), "play serverbound UpdateSign.line_2"),
    chat(Versions::Only(47), "play serverbound UpdateSign.line_3"),
    chat(Versions::Only(47), "play serverbound UpdateSign.line_4"),
    // Bytes vanilla reads unsigned.
    unsigned(Versions::All, "play serverbound PlayerDigging.face"),
    unsigned(
        Versions::Only(47),
        "play serverbound PlayerBlockPlacement.face",
    ),
    // 1.11 sends the cursor as floats.
    unsigned(
        Versions::Until(210),
        "play serverbound PlayerBlockPlacement.cursor_position_x",
    ),
    unsigned(
        Versions::Until(210),
        "play serverbound PlayerBlockPlacement.cursor_position_y",
    ),
    unsigned(
        Versions::Until(210),
        "play serverbound PlayerBlockPlacement.cursor_position_z",
    ),
    unsigned(Versions::All, "play clientbound Map.columns"),
    unsigned(Versions::All, "play clientbound Map.pixels.rows"),
    unsigned(Versions::All, "play clientbound Map.pixels.x"),
    unsigned(Versions::All, "play clientbound Map.pixels.z"),
    Departure {
        versions: Versions::All,
        at: "play clientbound Map.icons.direction_and_type",
        md: "i8",
        ours: "u8",
        why: NIBBLES,
    },
    // Window ids vanilla reads signed.
    Departure {
        versions: Versions::All,
        at: "play serverbound CloseWindow.window_id",
        md: "u8",
        ours: "i8",
        why: SIGNED_WINDOW,
    },
    Departure {
        versions: Versions::All,
        at: "play serverbound ClickWindow.window_id",
        md: "u8",
        ours: "i8",
        why: SIGNED_WINDOW,
    },
    // Prepare Crafting Grid (1.12 only).
    crafting_grid("play serverbound PrepareCraftingGrid.window_id", "u8", "i8"),
    crafting_grid(
        "play serverbound PrepareCraftingGrid.action_number",
        "u16",
        "i16",
    ),
    crafting_grid(
        "play serverbound PrepareCraftingGrid.return_entry",
        "array(u16)",
        "array(i16)",
    ),
    crafting_grid(
        "play serverbound PrepareCraftingGrid.return_entry.crafting_slot",
        "u8",
        "i8",
    ),
    crafting_grid(
        "play serverbound PrepareCraftingGrid.return_entry.player_slot",
        "u8",
        "i8",
    ),
    crafting_grid(
        "play serverbound PrepareCraftingGrid.prepare_entry",
        "array(u16)",
        "array(i16)",
    ),
    crafting_grid(
        "play serverbound PrepareCraftingGrid.prepare_entry.crafting_slot",
        "u8",
        "i8",
    ),
    crafting_grid(
        "play serverbound PrepareCraftingGrid.prepare_entry.player_slot",
        "u8",
        "i8",
    ),
    Departure {
        versions: Versions::Only(47),
        at: "play clientbound SpawnObject.velocity.x",
        md: "{velocity.x: i16, velocity.y: i16, velocity.z: i16}",
        ours: "nothing",
        why: SPAWN_OBJECT_VELOCITY,
    },
    Departure {
        versions: Versions::From(110),
        at: "play clientbound ChunkData.block_entities",
        md: "nbt",
        ours: "optional nbt",
        why: OPTIONAL_NBT,
    },
    // Update Entity NBT is gone in 1.9.
    Departure {
        versions: Versions::Only(47),
        at: "play clientbound UpdateEntityNbt.tag",
        md: "nbt",
        ours: "optional nbt",
        why: OPTIONAL_NBT,
    },
];

const fn chat(versions: Versions, at: &'static str) -> Departure {
    Departure {
        versions,
        at,
        md: "string",
        ours: "chat",
        why: CHAT,
    }
}

/// A field of Prepare Crafting Grid (1.12 only).
const fn crafting_grid(at: &'static str, md: &'static str, ours: &'static str) -> Departure {
    Departure {
        versions: Versions::Only(335),
        at,
        md,
        ours,
        why: PREPARE_CRAFTING_GRID,
    }
}

const fn unsigned(versions: Versions, at: &'static str) -> Departure {
    Departure {
        versions,
        at,
        md: "i8",
        ours: "u8",
        why: UNSIGNED,
    }
}

/// Versions a departure applies to (protocol numbers, inclusive).
#[derive(Debug, Clone, Copy)]
enum Versions {
    /// Every version.
    All,
    /// From this version on.
    From(i32),
    /// Up to this version.
    Until(i32),
    /// Only this version.
    Only(i32),
}

impl Versions {
    fn contains(self, v: ProtocolVersion) -> bool {
        match self {
            Versions::All => true,
            Versions::From(a) => v.0 >= a,
            Versions::Until(b) => v.0 <= b,
            Versions::Only(a) => v.0 == a,
        }
    }
}

/// A deliberate difference: at `at` (`state direction Packet.path`),
/// minecraft-data has `md` and we have `ours`, because `why`.
#[derive(Debug)]
struct Departure {
    versions: Versions,
    at: &'static str,
    md: &'static str,
    ours: &'static str,
    why: &'static str,
}

/// The minecraft-data directory of a supported version; `None` for 54,
/// which minecraft-data does not describe.
fn md_dir(v: ProtocolVersion) -> Option<&'static str> {
    let dir = match v {
        V1_8 => "1.8",
        V15W32C => return None,
        V1_9 => "1.9",
        V1_9_1 => "1.9.1-pre2",
        V1_9_2 => "1.9.2",
        V1_9_4 => "1.9.4",
        V1_10 => "1.10",
        // minecraft-data's 1.11.2 (316) reuses the 1.11 protocol.
        V1_11 | V1_11_1 => "1.11",
        V1_12 => "1.12",
        V1_12_1 => "1.12.1",
        V1_12_2 => "1.12.2",
        other => panic!("supported version {other} has no minecraft-data directory mapped"),
    };
    Some(dir)
}

/// Version constants by name, for `version >= V1_9` in conditions.
const VERSION_NAMES: &[(&str, ProtocolVersion)] = &[
    ("V1_8", V1_8),
    ("V15W32C", V15W32C),
    ("V1_9", V1_9),
    ("V1_9_1", V1_9_1),
    ("V1_9_2", V1_9_2),
    ("V1_9_4", V1_9_4),
    ("V1_10", V1_10),
    ("V1_11", V1_11),
    ("V1_11_1", V1_11_1),
    ("V1_12", V1_12),
    ("V1_12_1", V1_12_1),
    ("V1_12_2", V1_12_2),
];

/// Integer constants our conditions name.
const CONSTANTS: &[(&str, i64)] = &[(
    "AdvancementDisplay::HAS_BACKGROUND_TEXTURE",
    AdvancementDisplay::HAS_BACKGROUND_TEXTURE as i64,
)];

/// The methods our declarations compute counts with, by expression.
const COUNTS: &[(&str, CountEval)] = &[("particle_id.data_len()", particle_data_len)];

fn particle_data_len(bytes: &[u8], v: ProtocolVersion) -> Option<usize> {
    ParticleType::decode(&mut Reader::new(bytes, v))
        .ok()
        .map(|p| p.data_len())
}

fn spec_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/spec/minecraft-data")
}

fn load(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("valid JSON")
}

/// minecraft-data packet name → (our type name, field renames), from
/// `md-names/*.json`.
fn name_map(state: State, direction: Direction) -> BTreeMap<String, (String, Renames)> {
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
            let ty = v["type"].as_str().expect("type").to_owned();
            let mut renames = Renames::new();
            if let Value::Object(fields) = &v["fields"] {
                for (from, to) in fields {
                    renames.insert(from.clone(), to.as_str().expect("field name").to_owned());
                }
            }
            out.insert(md, (ty, renames));
        }
    }
    out
}

/// What one version's check found.
#[derive(Default)]
struct Outcome {
    compared: usize,
    passed: usize,
    failures: Vec<String>,
    /// Packets (`state direction Packet`) whose walk stopped early: a
    /// departure listed after the stop cannot be told stale.
    stopped: Vec<String>,
}

fn check_version(v: ProtocolVersion, md: &Value, hits: &mut [Vec<ProtocolVersion>]) -> Outcome {
    let mut out = Outcome::default();
    let schema = registry(v)
        .unwrap_or_else(|e| panic!("registry {v}: {e}"))
        .schema();
    let ours = Ours {
        version: v,
        names: Names {
            versions: VERSION_NAMES,
            constants: CONSTANTS,
        },
        counts: COUNTS,
    };
    for state in State::ALL {
        for direction in Direction::ALL {
            let side = match direction {
                Direction::Clientbound => "toClient",
                Direction::Serverbound => "toServer",
            };
            let types = &md[state.name()][side]["types"];
            let norm = Md {
                root: &md["types"],
                local: types,
            };
            let names = name_map(state, direction);
            let mut seen = Vec::new();
            let mappings = &types["packet"][1][0]["type"][1]["mappings"];
            for (hex, name) in mappings.as_object().into_iter().flatten() {
                let id = i32::from_str_radix(hex.trim_start_matches("0x"), 16).expect("hex id");
                let md_name = name.as_str().expect("name");
                let Some((ty, renames)) = names.get(md_name) else {
                    out.failures.push(format!(
                        "{v} {state} {direction}: md-names has no type for {md_name}"
                    ));
                    continue;
                };
                let Some(p) = schema.iter().find(|p| {
                    p.state == state && p.direction == direction && p.name == ty.as_str()
                }) else {
                    out.failures.push(format!(
                        "{v} {state} {direction}: {md_name} ({ty}) is not in the registry"
                    ));
                    continue;
                };
                seen.push(p.name);
                let label = format!("{state} {direction} {}", p.name);
                if p.id != id {
                    out.failures
                        .push(format!("{v} {label}: id: md {id:#04x}, ours {:#04x}", p.id));
                }
                out.compared += 1;
                let layouts = norm
                    .packet(md_name, renames)
                    .map_err(|e| format!("minecraft-data layout: {e}"))
                    .and_then(|m| {
                        let o = ours
                            .packet(&p.layout)
                            .map_err(|e| format!("our layout: {e}"))?;
                        Ok((m, o))
                    });
                let failure = match layouts {
                    Ok((m, o)) => {
                        if std::env::var("MD_LAYOUTS_DUMP").is_ok_and(|d| d == p.name) {
                            eprintln!("{v} {label}\n  md:   {m:?}\n  ours: {o:?}");
                        }
                        compare(v, &label, &m, &o, hits)
                    }
                    Err(e) => Some(format!("{v} {label}: {e}")),
                };
                match failure {
                    None => out.passed += 1,
                    Some(f) => {
                        out.failures.push(f);
                        out.stopped.push(label);
                    }
                }
            }
            for p in schema
                .iter()
                .filter(|p| p.state == state && p.direction == direction)
            {
                if !seen.contains(&p.name) {
                    out.failures.push(format!(
                        "{v} {state} {direction} {}: no minecraft-data packet maps to it",
                        p.name
                    ));
                }
            }
        }
    }
    out
}

/// Walks one packet; the first unlisted difference, if any.
fn compare(
    v: ProtocolVersion,
    label: &str,
    md: &[Item],
    ours: &[Item],
    hits: &mut [Vec<ProtocolVersion>],
) -> Option<String> {
    let mut accept = |d: &Diff| {
        let at = at(label, &d.path);
        let listed = DEPARTURES
            .iter()
            .position(|x| x.versions.contains(v) && x.at == at && x.md == d.md && x.ours == d.ours);
        if let Some(i) = listed {
            if !hits[i].contains(&v) {
                hits[i].push(v);
            }
        }
        listed.is_some()
    };
    let mut walk = Walk::new(&mut accept);
    let _ = walk.seq(md, ours);
    walk.failure.map(|d| {
        let case = if d.case.is_empty() {
            String::new()
        } else {
            format!(" [{}]", d.case)
        };
        format!(
            "{v} {}{case}: md {}, ours {}",
            at(label, &d.path),
            d.md,
            d.ours
        )
    })
}

fn at(label: &str, path: &str) -> String {
    if path.is_empty() {
        label.to_owned()
    } else {
        format!("{label}.{path}")
    }
}

/// The minecraft-data side normalizes every packet of every file mapped,
/// registry or not, so a version's check fails only on real differences.
#[test]
fn every_minecraft_data_layout_normalizes() {
    let mut errors = Vec::new();
    for info in version::KNOWN {
        let Some(dir) = md_dir(info.protocol) else {
            continue;
        };
        let md = load(spec_dir().join(dir).join("protocol.json"));
        for state in State::ALL {
            for side in ["toClient", "toServer"] {
                let types = &md[state.name()][side]["types"];
                let norm = Md {
                    root: &md["types"],
                    local: types,
                };
                let Value::Object(m) = &types["packet"][1][0]["type"][1]["mappings"] else {
                    continue;
                };
                for name in m.values().filter_map(Value::as_str) {
                    if let Err(e) = norm.packet(name, &Renames::new()) {
                        errors.push(format!("{dir} {state} {side} {name}: {e}"));
                    }
                }
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn departures_are_well_formed() {
    for (i, d) in DEPARTURES.iter().enumerate() {
        let mut words = d.at.splitn(3, ' ');
        let state = words.next().unwrap_or_default();
        let direction = words.next().unwrap_or_default();
        assert!(
            State::ALL.iter().any(|s| s.name() == state)
                && Direction::ALL.iter().any(|x| x.name() == direction)
                && words.next().is_some_and(|p| !p.is_empty()),
            "{}: not `state direction Packet.path`",
            d.at
        );
        assert!(!d.why.trim().is_empty(), "{}: no reason", d.at);
        assert_ne!(d.md, d.ours, "{}: not a difference", d.at);
        let same = DEPARTURES[..i]
            .iter()
            .any(|e| e.at == d.at && e.md == d.md && e.ours == d.ours);
        assert!(!same, "{}: listed twice", d.at);
    }
}

#[test]
fn layouts_match_minecraft_data() {
    let mut hits = vec![Vec::new(); DEPARTURES.len()];
    let mut failures = Vec::new();
    let mut summary = Vec::new();
    let mut checked = Vec::new();
    for info in SUPPORTED {
        let v = info.protocol;
        let Some(dir) = md_dir(v) else {
            summary.push(format!(
                "{}: no minecraft-data protocol; checked only by the other tests",
                version::describe(v)
            ));
            continue;
        };
        let md_version = load(spec_dir().join(dir).join("version.json"));
        let file_protocol = md_version["version"]
            .as_i64()
            .expect("version.json version");
        let expected = if v == V1_11_1 { V1_11 } else { v };
        assert_eq!(
            file_protocol,
            i64::from(expected.0),
            "{dir}/version.json is not protocol {expected}"
        );
        let md = load(spec_dir().join(dir).join("protocol.json"));
        let outcome = check_version(v, &md, &mut hits);
        let used = hits.iter().filter(|h| h.contains(&v)).count();
        summary.push(format!(
            "{} ({dir}): {} packets compared, {} pass, {} failures, {used} departures",
            version::describe(v),
            outcome.compared,
            outcome.passed,
            outcome.failures.len()
        ));
        failures.extend(outcome.failures);
        checked.push((v, outcome.stopped));
    }
    for (d, h) in DEPARTURES.iter().zip(&hits) {
        let packet = d.at.split('.').next().unwrap_or_default();
        for (v, stopped) in &checked {
            if d.versions.contains(*v) && !h.contains(v) && !stopped.iter().any(|s| s == packet) {
                failures.push(format!(
                    "{v} {}: listed departure (md {}, ours {}; {}) no longer happens",
                    d.at, d.md, d.ours, d.why
                ));
            }
        }
    }
    eprintln!("{}", summary.join("\n"));
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
