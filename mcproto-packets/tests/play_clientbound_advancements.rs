//! Clientbound play packets, advancements (1.12 on): golden vectors worked
//! by hand from wiki.vg's [1.12 protocol
//! page](https://wiki.vg/index.php?title=Protocol&oldid=13223), negative
//! tests, and generated round trips. Encodings used throughout are worked
//! once in `common/mod.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use mcproto_core::{ErrorKind, Slot};
use mcproto_packets::play::clientbound::{
    Advancement, AdvancementDisplay, AdvancementFrameType, AdvancementMapping,
    AdvancementProgressMapping, Advancements, CriterionProgress, SelectAdvancementTab,
};

/// "minecraft:story/root" (20 characters = 14) as sent.
fn story_root() -> String {
    format!("14 {}", ascii("minecraft:story/root"))
}

#[test]
fn advancements() {
    let display = AdvancementDisplay {
        title: chat("t"),
        description: chat("d"),
        icon: Slot::item(1, 1),
        frame_type: AdvancementFrameType::Goal,
        flags: AdvancementDisplay::HAS_BACKGROUND_TEXTURE | AdvancementDisplay::SHOW_TOAST,
        background_texture: Some("x".into()),
        x_coord: 1.0,
        y_coord: 0.5,
    };
    let p = Advancements {
        reset: true,
        advancement_mapping: vec![AdvancementMapping {
            key: "a:b".into(),
            value: Advancement {
                parent_id: None,
                display_data: Some(display.clone()),
                criteria: vec!["c".into()],
                requirements: vec![vec!["c".into()]],
            },
        }],
        identifiers: vec!["r".into()],
        progress_mapping: vec![AdvancementProgressMapping {
            key: "a:b".into(),
            value: vec![
                CriterionProgress {
                    criterion_identifier: "c".into(),
                    date_of_achieving: Some(1_500_000_000_000),
                },
                CriterionProgress {
                    criterion_identifier: "e".into(),
                    date_of_achieving: None,
                },
            ],
        }],
    };
    // 1.12: id 4c | reset 01 | 1 advancement: "a:b" = 03 61 3a 62 | no parent
    // 00 | display 01: title "t" = 03 22 74 22, description "d" = 03 22 64
    // 22, icon stone 00 01 | 01 | 00 00 | 00, goal 02, flags Int 3
    // (background, toast), background "x" = 01 78, x 1.0, y 0.5 | criteria:
    // 01, "c" = 01 63 (no value bytes) | requirements: 01 list of 01 "c" |
    // 1 removal "r" = 01 72 | 1 progress: "a:b" | 02 criteria: "c" achieved
    // 01 at 1500000000000 ms = 00 00 01 5d 3e f7 98 00, "e" not achieved 00.
    let bytes = "4c 01 01 03613a62 00 01 03227422 03226422 0001 01 0000 00 02 00000003 0178 \
                 3f800000 3f000000 01 0163 01 01 0163 01 0172 01 03613a62 02 0163 01 \
                 0000015d3ef79800 0165 00";
    golden(&p, V335, bytes);
    // 1.12.1 on: id 4d.
    golden(&p, V338, &format!("4d{}", &bytes[2..]));
    // Without the background bit no texture follows (flags 2 = toast only),
    // and a texture is refused.
    let plain = AdvancementDisplay {
        flags: AdvancementDisplay::SHOW_TOAST,
        background_texture: None,
        ..display.clone()
    };
    let one = |display: AdvancementDisplay<'static>| Advancements {
        reset: false,
        advancement_mapping: vec![AdvancementMapping {
            key: "a:b".into(),
            value: Advancement {
                parent_id: Some("p".into()),
                display_data: Some(display),
                criteria: vec![],
                requirements: vec![],
            },
        }],
        identifiers: vec![],
        progress_mapping: vec![],
    };
    golden(
        &one(plain.clone()),
        V340,
        "4d 00 01 03613a62 01 0170 01 03227422 03226422 0001 01 0000 00 02 00000002 \
         3f800000 3f000000 00 00 00 00",
    );
    assert!(matches!(
        one(AdvancementDisplay {
            background_texture: Some("x".into()),
            ..plain
        })
        .encode_packet(V340)
        .unwrap_err()
        .kind(),
        ErrorKind::UnexpectedField
    ));
    // Not before 1.12.
    assert!(Advancements::id_for(V316).is_none());
}

#[test]
fn select_advancement_tab() {
    // 1.12: id 36 | has id 01 | "minecraft:story/root"; none: 00.
    let tab = SelectAdvancementTab {
        identifier: Some("minecraft:story/root".into()),
    };
    golden(&tab, V335, &format!("36 01 {}", story_root()));
    golden(&SelectAdvancementTab { identifier: None }, V335, "36 00");
    // 1.12.1 on: id 37.
    golden(&tab, V340, &format!("37 01 {}", story_root()));
}

round_trips!(Advancements, SelectAdvancementTab,);

#[test]
fn advancements_read_negative_loop_counts_as_none() {
    // Vanilla reads the three lists in `for` loops (SPacketAdvancementInfo,
    // 1.12 and 1.12.2): id 4c in 1.12, the packet's first version, 4d in
    // 1.12.2 | reset 01 | VarInt −1 (ff ff ff ff 0f) three times.
    for (v, id) in [(V335, "4c"), (V340, "4d")] {
        let none = Advancements::decode_packet_owned(
            &hex(&format!("{id} 01 ffffffff0f ffffffff0f ffffffff0f")),
            v,
        )
        .unwrap();
        assert!(none.advancement_mapping.is_empty(), "{v:?}");
        assert!(none.identifiers.is_empty());
        assert!(none.progress_mapping.is_empty());
        assert_eq!(
            none.encode_packet(v).unwrap(),
            hex(&format!("{id} 01 00 00 00"))
        );
    }
    // Inside one advancement (no parent 00, no display 00): criteria
    // (Criterion.criteriaFromNetwork, a loop) −1 is none; requirements
    // size an array (`new String[n][]`), so −1 fails there, as in vanilla.
    let one = |requirements: &str| {
        hex(&format!(
            "4d 00 01 {} 00 00 ffffffff0f {requirements} 00 00",
            story_root()
        ))
    };
    let p = Advancements::decode_packet_owned(&one("00"), V340).unwrap();
    assert!(p.advancement_mapping[0].value.criteria.is_empty());
    let err = Advancements::decode_packet_owned(&one("ffffffff0f"), V340).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::NegativeLength { len: -1 }),
        "{err}"
    );
    // A progress entry's criteria (AdvancementProgress.fromNetwork, a loop).
    let p = Advancements::decode_packet_owned(
        &hex(&format!("4d 00 00 00 01 {} ffffffff0f", story_root())),
        V340,
    )
    .unwrap();
    assert!(p.progress_mapping[0].value.is_empty());
}
