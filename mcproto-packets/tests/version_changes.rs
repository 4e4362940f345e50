//! Which packets differ between protocol 47 and 54, computed from the
//! declarations, must be exactly the changes listed on the 15w32c page
//! (<https://wiki.vg/index.php?title=Pre-release_protocol&oldid=6788>) plus the
//! ids it shifts.
//! An accidental change to any other packet fails here.

use std::collections::{BTreeMap, BTreeSet};

use mcproto_core::{Direction, ProtocolVersion, State, WireType};
use mcproto_packets::registry;
use mcproto_packets::version::{V1_8 as V47, V15W32C as V54};

/// The layout in `version`, with version-dependent conditions made visible.
fn layout(describe: fn(ProtocolVersion) -> WireType, version: i32) -> String {
    let resolved = describe(ProtocolVersion(version)).to_string();
    // A condition that mentions the version (Spawn Object's velocity) is
    // itself a layout change; render the version into it.
    resolved.replace(
        "version >= ProtocolVersion(54)",
        &format!("{version} >= 54"),
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

fn changes(state: State, direction: Direction) -> BTreeMap<&'static str, Change> {
    let r47 = registry(V47).unwrap();
    let r54 = registry(V54).unwrap();
    let by_name =
        |r: &'static mcproto_core::Registry| -> BTreeMap<&'static str, (i32, String, String)> {
            r.packets(state, direction)
                .map(|(id, d)| {
                    (
                        d.meta.name,
                        (id, layout(d.describe, 47), layout(d.describe, 54)),
                    )
                })
                .collect()
        };
    let (a, b) = (by_name(r47), by_name(r54));
    let names: BTreeSet<&str> = a.keys().chain(b.keys()).copied().collect();
    let mut out = BTreeMap::new();
    for n in names {
        let change = match (a.get(n), b.get(n)) {
            (None, Some(_)) => Some(Change::New),
            (Some(_), None) => Some(Change::Removed),
            (Some((id47, l47, _)), Some((id54, _, l54))) => match (id47 != id54, l47 != l54) {
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
        assert_eq!(changes(state, dir), want, "{state} {dir}");
    }
    // Everything else is identical. The seed page also lists Player
    // Digging (a new status value 6), Combat Event and Player List Item
    // (ids stated, layouts unchanged): no wire difference, so not here.
    for state in [State::Status, State::Login] {
        for dir in Direction::ALL {
            assert!(changes(state, dir).is_empty(), "{state} {dir}");
        }
    }
    assert!(changes(State::Handshaking, Direction::Clientbound).is_empty());
}
