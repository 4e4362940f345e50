//! Which packets differ between consecutive protocol versions, computed
//! from the declarations (each packet's layout as `describe(version)`
//! resolves it, and its id in the version's registry), must be exactly the
//! changes the research notes list for that step: the 15w32c page
//! (<https://wiki.vg/index.php?title=Pre-release_protocol&oldid=6788>) for
//! 47 → 54, and for every later release the layout changes catalogued
//! against minecraft-data, ViaVersion's translators and wiki.vg, plus the
//! ids the per-version tables move. An accidental change to any other
//! packet fails here.

use std::collections::{BTreeMap, BTreeSet};

use mcproto_core::{Describe, Direction, Metadata, ProtocolVersion, State, WireType};
use mcproto_packets::registry;
use mcproto_packets::version::*;

const V47: ProtocolVersion = V1_8;
const V54: ProtocolVersion = V15W32C;

/// The layout in `version`, with version-dependent conditions decided.
/// Compared in full (`Debug`), so that renumbered enum values count too.
fn layout(describe: fn(ProtocolVersion) -> WireType, version: ProtocolVersion) -> String {
    let resolved = format!("{:?}", describe(version));
    // A condition that mentions the version (Spawn Object's velocity) is
    // itself a layout change where it flips; decide it for this version.
    resolved.replace(
        "version >= ProtocolVersion(54)",
        if version >= V54 { "true" } else { "false" },
    )
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum Change {
    New,
    Removed,
    Id,
    Layout,
    IdAndLayout,
}

/// Each packet of `state` and `direction` whose id or layout differs
/// between versions `a` and `b`, or that only one of them has.
fn changes(
    state: State,
    direction: Direction,
    a: ProtocolVersion,
    b: ProtocolVersion,
) -> BTreeMap<&'static str, Change> {
    let by_name = |v: ProtocolVersion| -> BTreeMap<&'static str, (i32, String)> {
        registry(v)
            .unwrap()
            .packets(state, direction)
            .map(|(id, d)| (d.meta.name, (id, layout(d.describe, v))))
            .collect()
    };
    let (before, after) = (by_name(a), by_name(b));
    let names: BTreeSet<&str> = before.keys().chain(after.keys()).copied().collect();
    let mut out = BTreeMap::new();
    for n in names {
        let change = match (before.get(n), after.get(n)) {
            (None, Some(_)) => Some(Change::New),
            (Some(_), None) => Some(Change::Removed),
            (Some((id_a, l_a)), Some((id_b, l_b))) => match (id_a != id_b, l_a != l_b) {
                (false, false) => None,
                (true, false) => Some(Change::Id),
                (false, true) => Some(Change::Layout),
                (true, true) => Some(Change::IdAndLayout),
            },
            (None, None) => None,
        };
        if let Some(c) = change {
            out.insert(n, c);
        }
    }
    out
}

#[test]
fn only_the_listed_packets_change() {
    use Change::*;
    type Expected<'a> = (State, Direction, &'a [(&'a str, Change)]);
    let expected: [Expected; 3] = [
        (
            State::Play,
            Direction::Clientbound,
            &[
                ("BossBar", New),
                ("EntityEquipment", Layout), // slot Short -> VarInt enum with off hand
                ("SpawnMob", Layout),        // entity UUID added
                ("SpawnObject", Layout),     // object UUID added, velocity always sent
                ("SpawnPlayer", Layout),     // current item removed (caveat D1)
                ("UpdateEntityNbt", Removed),
            ],
        ),
        (
            State::Play,
            Direction::Serverbound,
            &[
                ("Animation", IdAndLayout), // hand added
                ("ClickWindow", Id),
                ("ClientSettings", IdAndLayout), // main hand added
                ("ClientStatus", Id),            // action 2's meaning changes, not its bytes
                ("CloseWindow", Id),
                ("ConfirmTransaction", Id),
                ("CreativeInventoryAction", Id),
                ("EnchantItem", Id),
                ("EntityAction", Id), // action 6 dropped (caveat D3), layout unchanged
                ("HeldItemChange", Id),
                ("PlayerAbilities", Id),
                ("PlayerBlockPlacement", IdAndLayout), // face VarInt, held item removed, hand added (D2)
                ("PlayerDigging", Layout), // status 6 (swap hands) added; vanilla 1.8 knows 0-5
                ("PluginMessage", Id),
                ("ResourcePackStatus", Id),
                ("Spectate", Id),
                ("SteerVehicle", Id),
                ("TabComplete", Id), // no assume-command yet (D4)
                ("UpdateSign", Id),
                ("UseEntity", Layout), // hand added for interact / interact at
                ("UseItem", New),
            ],
        ),
        (State::Handshaking, Direction::Serverbound, &[]),
    ];
    for (state, dir, list) in expected {
        let want: BTreeMap<&str, Change> = list.iter().copied().collect();
        assert_eq!(changes(state, dir, V47, V54), want, "{state} {dir}");
    }
    // Everything else is identical. The seed page also lists Combat Event
    // and Player List Item (ids stated, layouts unchanged): no wire
    // difference, so not here.
    for state in [State::Status, State::Login] {
        for dir in Direction::ALL {
            assert!(changes(state, dir, V47, V54).is_empty(), "{state} {dir}");
        }
    }
    assert!(changes(State::Handshaking, Direction::Clientbound, V47, V54).is_empty());
}

/// Which packets present in both versions of a step change their id.
enum Ids<'a> {
    /// Exactly these (none: `Only(&[])`).
    Only(&'a [&'a str]),
    /// Every packet except these.
    AllBut(&'a [&'a str]),
}

/// The expected changes of one step in one play direction.
struct Expect<'a> {
    new: &'a [&'a str],
    removed: &'a [&'a str],
    /// Packets whose layout changes (whatever happens to their id).
    layout: &'a [&'a str],
    ids: Ids<'a>,
}

/// One step between two versions.
struct Step<'a> {
    from: ProtocolVersion,
    to: ProtocolVersion,
    clientbound: Expect<'a>,
    serverbound: Expect<'a>,
}

/// The packets carrying entity metadata, whose layout follows the metadata
/// format of each version (that type's own business, tested with it).
const WITH_METADATA: &[&str] = &["EntityMetadata", "SpawnMob", "SpawnPlayer"];

/// The steps whose metadata format may change: 1.9's new entry format and
/// 1.12's NBT entries.
const METADATA_STEPS: &[(ProtocolVersion, ProtocolVersion)] =
    &[(V47, V1_9), (V54, V1_9), (V1_11_1, V1_12)];

fn check(step: &Step, problems: &mut Vec<String>) {
    let metadata_changes = Metadata::describe(step.from) != Metadata::describe(step.to);
    if metadata_changes && !METADATA_STEPS.contains(&(step.from, step.to)) {
        problems.push(format!(
            "{} -> {}: the entity metadata format changes",
            step.from, step.to
        ));
    }
    for (dir, expect, metadata) in [
        (Direction::Clientbound, &step.clientbound, metadata_changes),
        (Direction::Serverbound, &step.serverbound, false),
    ] {
        let actual = changes(State::Play, dir, step.from, step.to);
        let pick = |f: &dyn Fn(Change) -> bool| -> BTreeSet<&'static str> {
            actual
                .iter()
                .filter(|(_, c)| f(**c))
                .map(|(n, _)| *n)
                .collect()
        };
        let mut layout: BTreeSet<&str> = expect.layout.iter().copied().collect();
        if metadata {
            layout.extend(WITH_METADATA);
        }
        let common: BTreeSet<&'static str> = registry(step.from)
            .unwrap()
            .packets(State::Play, dir)
            .map(|(_, d)| d.meta.name)
            .filter(|n| actual.get(n).is_none_or(|c| *c != Change::Removed))
            .collect();
        let ids: BTreeSet<&str> = match expect.ids {
            Ids::Only(list) => list.iter().copied().collect(),
            Ids::AllBut(list) => common
                .iter()
                .copied()
                .filter(|n| !list.contains(n))
                .collect(),
        };
        let comparisons = [
            (
                "new",
                pick(&|c| c == Change::New),
                expect.new.iter().copied().collect(),
            ),
            (
                "removed",
                pick(&|c| c == Change::Removed),
                expect.removed.iter().copied().collect(),
            ),
            (
                "layout",
                pick(&|c| matches!(c, Change::Layout | Change::IdAndLayout)),
                layout,
            ),
            (
                "id",
                pick(&|c| matches!(c, Change::Id | Change::IdAndLayout)),
                ids,
            ),
        ];
        for (what, got, want) in comparisons {
            if got != want {
                problems.push(format!(
                    "{} -> {} {dir} {what}: unexpected {:?}, missing {:?}",
                    step.from,
                    step.to,
                    got.difference(&want).collect::<Vec<_>>(),
                    want.difference(&got).collect::<Vec<_>>(),
                ));
            }
        }
    }
    for state in [State::Handshaking, State::Status, State::Login] {
        for dir in Direction::ALL {
            let c = changes(state, dir, step.from, step.to);
            if !c.is_empty() {
                problems.push(format!("{} -> {} {state} {dir}: {c:?}", step.from, step.to));
            }
        }
    }
}

/// No change at all.
const SAME: Expect = Expect {
    new: &[],
    removed: &[],
    layout: &[],
    ids: Ids::Only(&[]),
};

/// 1.9's layout changes, the same against 47 and 54 except for what 54
/// already had (listed per step below).
const LAYOUT_1_9_CLIENTBOUND: &[&str] = &[
    "AttachEntity",              // leash flag gone (riding is Set Passengers)
    "ChunkData",                 // bit mask Unsigned Short -> VarInt
    "EntityEffect",              // Boolean (show particles) -> flags byte
    "EntityLookAndRelativeMove", // deltas Byte × 32 -> Short × 4096
    "EntityRelativeMove",        // deltas Byte × 32 -> Short × 4096
    "EntityTeleport",            // Int × 32 -> Double
    "Map",                       // + tracking position
    "NamedSoundEffect",          // + sound category
    "Particle",                  // particle ids 42-45 named (registry; decides the data count)
    "PlayerPositionAndLook",     // + teleport id
    "SpawnExperienceOrb",        // Int × 32 -> Double
    "SpawnGlobalEntity",         // Int × 32 -> Double
    "SpawnMob",                  // Int × 32 -> Double
    "SpawnObject",               // Int × 32 -> Double
    "SpawnPainting",             // + UUID
    "SpawnPlayer",               // Int × 32 -> Double
    "Teams",                     // + collision rule
];

const LAYOUT_1_9_SERVERBOUND: &[&str] = &[
    "ClickWindow",    // mode: a raw Byte -> vanilla's closed ClickType
    "ClientSettings", // chat mode Byte -> VarInt
    "EntityAction",   // actions renumbered from 6, 8 added
    "TabComplete",    // + assume command
    "UpdateSign",     // lines JSON chat -> plain text
];

#[test]
fn every_step_changes_only_the_listed_packets() {
    let steps = [
        Step {
            from: V54,
            to: V1_9,
            clientbound: Expect {
                new: &[
                    "SetCooldown",
                    "SetPassengers",
                    "SoundEffect",
                    "UnloadChunk",
                    "VehicleMove",
                ],
                removed: &["MapChunkBulk", "SetCompression"],
                layout: LAYOUT_1_9_CLIENTBOUND,
                ids: Ids::AllBut(&["Title"]),
            },
            serverbound: Expect {
                new: &["SteerBoat", "TeleportConfirm", "VehicleMove"],
                removed: &[],
                layout: LAYOUT_1_9_SERVERBOUND,
                ids: Ids::AllBut(&[]),
            },
        },
        // 1.8 straight to 1.9: also what 15w31a already changed.
        Step {
            from: V47,
            to: V1_9,
            clientbound: Expect {
                new: &[
                    "BossBar",
                    "SetCooldown",
                    "SetPassengers",
                    "SoundEffect",
                    "UnloadChunk",
                    "VehicleMove",
                ],
                removed: &["MapChunkBulk", "SetCompression", "UpdateEntityNbt"],
                layout: &[
                    "AttachEntity",
                    "ChunkData",
                    "EntityEffect",
                    "EntityEquipment", // slot Short -> VarInt, renumbered
                    "EntityLookAndRelativeMove",
                    "EntityRelativeMove",
                    "EntityTeleport",
                    "Map",
                    "NamedSoundEffect",
                    "Particle",
                    "PlayerPositionAndLook",
                    "SpawnExperienceOrb",
                    "SpawnGlobalEntity",
                    "SpawnMob",
                    "SpawnObject",
                    "SpawnPainting",
                    "SpawnPlayer",
                    "Teams",
                ],
                ids: Ids::AllBut(&["Title"]),
            },
            serverbound: Expect {
                new: &["SteerBoat", "TeleportConfirm", "UseItem", "VehicleMove"],
                removed: &[],
                layout: &[
                    "Animation",   // + hand
                    "ClickWindow", // mode: a raw Byte -> vanilla's closed ClickType
                    "ClientSettings",
                    "EntityAction",
                    "PlayerDigging",        // status 6 (swap hands)
                    "PlayerBlockPlacement", // face VarInt, held item -> hand
                    "TabComplete",
                    "UpdateSign",
                    "UseEntity", // + hand
                ],
                ids: Ids::AllBut(&[]),
            },
        },
        Step {
            from: V1_9,
            to: V1_9_1,
            clientbound: Expect {
                layout: &["JoinGame"], // dimension Byte -> Int
                ..SAME
            },
            serverbound: SAME,
        },
        // 1.9.2 is 1.9.1 on the wire.
        Step {
            from: V1_9_1,
            to: V1_9_2,
            clientbound: SAME,
            serverbound: SAME,
        },
        // 1.9.4: clientbound Update Sign goes, the ids after it move down.
        Step {
            from: V1_9_2,
            to: V1_9_4,
            clientbound: Expect {
                new: &[],
                removed: &["UpdateSign"],
                layout: &["ChunkData"], // + block entities
                ids: Ids::Only(&[
                    "CollectItem",
                    "EntityEffect",
                    "EntityProperties",
                    "EntityTeleport",
                    "PlayerListHeaderAndFooter",
                    "SoundEffect",
                ]),
            },
            serverbound: SAME,
        },
        Step {
            from: V1_9_4,
            to: V1_10,
            clientbound: Expect {
                layout: &[
                    "NamedSoundEffect", // pitch Unsigned Byte × 63 -> Float
                    "Particle",         // falling dust (46), with one VarInt of data
                    "SoundEffect",      // pitch Unsigned Byte × 63 -> Float
                ],
                ..SAME
            },
            serverbound: Expect {
                layout: &["ResourcePackStatus"], // hash gone
                ..SAME
            },
        },
        Step {
            from: V1_10,
            to: V1_11,
            clientbound: Expect {
                layout: &[
                    "CollectItem", // + pickup item count
                    "Particle",    // totem (47), spit (48)
                    "SpawnMob",    // type Unsigned Byte -> VarInt
                    "Title",       // + action bar at 2, later actions + 1
                ],
                ..SAME
            },
            serverbound: Expect {
                layout: &[
                    "ChatMessage",          // at most 256 characters (was 100)
                    "PlayerBlockPlacement", // cursor sixteenths -> Floats
                ],
                ..SAME
            },
        },
        // 1.11.1 changes registries only.
        Step {
            from: V1_11,
            to: V1_11_1,
            clientbound: SAME,
            serverbound: SAME,
        },
        // 1.12: the recipe book and advancements; most ids move.
        Step {
            from: V1_11_1,
            to: V1_12,
            clientbound: Expect {
                new: &["Advancements", "SelectAdvancementTab", "UnlockRecipes"],
                removed: &[],
                layout: &[],
                ids: Ids::Only(&[
                    "AttachEntity",
                    "Camera",
                    "CollectItem",
                    "DestroyEntities",
                    "DisplayScoreboard",
                    "Entity",
                    "EntityEffect",
                    "EntityEquipment",
                    "EntityHeadLook",
                    "EntityLook",
                    "EntityLookAndRelativeMove",
                    "EntityMetadata",
                    "EntityProperties",
                    "EntityRelativeMove",
                    "EntityTeleport",
                    "EntityVelocity",
                    "HeldItemChange",
                    "PlayerListHeaderAndFooter",
                    "RemoveEntityEffect",
                    "ResourcePackSend",
                    "Respawn",
                    "ScoreboardObjective",
                    "SetExperience",
                    "SetPassengers",
                    "SoundEffect",
                    "SpawnPosition",
                    "Teams",
                    "TimeUpdate",
                    "Title",
                    "UpdateHealth",
                    "UpdateScore",
                    "WorldBorder",
                ]),
            },
            serverbound: Expect {
                new: &["AdvancementTab", "CraftingBookData", "PrepareCraftingGrid"],
                removed: &[],
                layout: &[
                    "ClientSettings", // locale at most 16 characters (was 7)
                    "ClientStatus",   // action 2 (inventory achievement) gone
                ],
                ids: Ids::AllBut(&["TeleportConfirm"]),
            },
        },
        // 1.12.1: Craft Recipe Request replaces Prepare Crafting Grid, with
        // its response; the ids after them move.
        Step {
            from: V1_12,
            to: V1_12_1,
            clientbound: Expect {
                new: &["CraftRecipeResponse"],
                removed: &[],
                layout: &[],
                ids: Ids::Only(&[
                    "Advancements",
                    "AttachEntity",
                    "Camera",
                    "CollectItem",
                    "CombatEvent",
                    "DestroyEntities",
                    "DisplayScoreboard",
                    "EntityEffect",
                    "EntityEquipment",
                    "EntityHeadLook",
                    "EntityMetadata",
                    "EntityProperties",
                    "EntityTeleport",
                    "EntityVelocity",
                    "HeldItemChange",
                    "PlayerAbilities",
                    "PlayerListHeaderAndFooter",
                    "PlayerListItem",
                    "PlayerPositionAndLook",
                    "RemoveEntityEffect",
                    "ResourcePackSend",
                    "Respawn",
                    "ScoreboardObjective",
                    "SelectAdvancementTab",
                    "SetExperience",
                    "SetPassengers",
                    "SoundEffect",
                    "SpawnPosition",
                    "Teams",
                    "TimeUpdate",
                    "Title",
                    "UnlockRecipes",
                    "UpdateHealth",
                    "UpdateScore",
                    "UseBed",
                    "WorldBorder",
                ]),
            },
            serverbound: Expect {
                new: &["CraftRecipeRequest"],
                removed: &["PrepareCraftingGrid"],
                layout: &[],
                ids: Ids::AllBut(&[
                    "AdvancementTab",
                    "Animation",
                    "CraftingBookData",
                    "CreativeInventoryAction",
                    "EntityAction",
                    "HeldItemChange",
                    "PlayerAbilities",
                    "PlayerBlockPlacement",
                    "PlayerDigging",
                    "ResourcePackStatus",
                    "Spectate",
                    "SteerVehicle",
                    "TeleportConfirm",
                    "UpdateSign",
                    "UseItem",
                ]),
            },
        },
        // 1.12.2: Keep Alive's id VarInt -> Long, both ways.
        Step {
            from: V1_12_1,
            to: V1_12_2,
            clientbound: Expect {
                layout: &["KeepAlive"],
                ..SAME
            },
            serverbound: Expect {
                layout: &["KeepAlive"],
                ..SAME
            },
        },
    ];
    let mut problems = Vec::new();
    for step in &steps {
        assert!(
            is_supported(step.from) && is_supported(step.to),
            "{} -> {}",
            step.from,
            step.to
        );
        check(step, &mut problems);
    }
    // Every pair of consecutive supported versions is a step (47 -> 54 is
    // the test above).
    let versions: Vec<ProtocolVersion> = supported().collect();
    for pair in versions.windows(2).filter(|p| p[0] != V47) {
        assert!(
            steps.iter().any(|s| (s.from, s.to) == (pair[0], pair[1])),
            "no step {} -> {}",
            pair[0],
            pair[1]
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
