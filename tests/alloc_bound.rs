//! Hostile frames cost memory in proportion to their size.
//!
//! A counting global allocator measures the peak heap use while a few
//! hundred crafted frames are framed and decoded as every packet group of
//! every version: huge declared frame lengths, zip bombs, lying array and
//! string prefixes for every packet id, deep and wide NBT, metadata floods,
//! slot arrays. For each, the peak is compared with what the input justifies:
//! the bytes received plus, for a compressed frame, the bytes actually
//! inflated (never more than the declared size, itself at most 8 MiB).
//!
//! This file holds a single test so that no other test thread allocates
//! while it measures.
#![allow(unsafe_code)] // the global allocator

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use mcproto::ErrorKind;
use mcproto::bytes::BytesMut;
use mcproto::frame::{FrameDecoder, FrameEncoder};
use mcproto::packets::registry;
use mcproto::packets::{
    HandshakingServerbound, LoginClientbound, LoginServerbound, PlayClientbound, PlayServerbound,
    StatusClientbound, StatusServerbound,
};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; the
// counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let grow = new_size - layout.size();
                let now = CURRENT.fetch_add(grow, Ordering::Relaxed) + grow;
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Peak heap growth while `f` runs, in bytes.
fn peak_during(f: impl FnOnce() -> usize) -> (usize, usize) {
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let out = f();
    (PEAK.load(Ordering::Relaxed).saturating_sub(base), out)
}

/// One hostile input: the bytes on the wire and whether compressed framing is on.
struct Case {
    name: String,
    wire: Vec<u8>,
    compression: Option<usize>,
}

fn varint(mut v: u32, out: &mut Vec<u8>) {
    loop {
        if v < 0x80 {
            out.push(v as u8);
            return;
        }
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
}

/// A plain frame around `packet`.
fn frame(packet: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    varint(packet.len() as u32, &mut out);
    out.extend_from_slice(packet);
    out
}

/// `data` as a zlib stream (taken from a frame the encoder compressed).
fn zlib(data: &[u8]) -> Vec<u8> {
    let mut enc = FrameEncoder::new();
    enc.set_compression(Some(1));
    enc.set_level(9);
    let mut out = BytesMut::new();
    enc.encode(data, &mut out).unwrap();
    let mut rest = &out[..];
    for _ in 0..2 {
        // Skip the frame length and the data length.
        let n = rest.iter().position(|b| b & 0x80 == 0).unwrap() + 1;
        rest = &rest[n..];
    }
    rest.to_vec()
}

/// A compressed-framing frame declaring `declared` bytes for `zdata`.
fn compressed_frame(declared: u32, zdata: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    varint(declared, &mut body);
    body.extend_from_slice(zdata);
    frame(&body)
}

/// Bodies that lie about lengths in every way a field can: VarInt, Int,
/// Short and Byte prefixes at their maximum, followed by a little data.
fn lying_bodies() -> Vec<(&'static str, Vec<u8>)> {
    let filler = [0x01u8; 24];
    let mut v: Vec<(&'static str, Vec<u8>)> = vec![
        ("varint max", vec![0xff, 0xff, 0xff, 0xff, 0x07]),
        ("varint 2^21", vec![0x80, 0x80, 0x80, 0x01]),
        ("int max", vec![0x7f, 0xff, 0xff, 0xff]),
        ("short max", vec![0x7f, 0xff]),
        ("byte max", vec![0x7f]),
        (
            "varint then varint max",
            vec![0x01, 0xff, 0xff, 0xff, 0xff, 0x07],
        ),
        (
            "int then varint max",
            vec![0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff, 0x07],
        ),
        (
            "long then int max",
            vec![0, 0, 0, 0, 0, 0, 0, 1, 0x7f, 0xff, 0xff, 0xff],
        ),
        (
            "compound root then lies",
            vec![
                0x0a, 0x00, 0x00, 0x09, 0x00, 0x00, 0x0a, 0x7f, 0xff, 0xff, 0xff,
            ],
        ),
    ];
    for (_, b) in &mut v {
        b.extend_from_slice(&filler);
    }
    v
}

fn nested_nbt_lists(depth: usize) -> Vec<u8> {
    let mut p = vec![10, 0, 0, 9, 0, 1, b'l'];
    for _ in 1..depth {
        p.extend_from_slice(&[9, 0, 0, 0, 1]); // a list of one list
    }
    p.extend_from_slice(&[1, 0, 0, 0, 0]); // the innermost: empty list of bytes
    p.push(0); // end of root
    p
}

fn wide_nbt(entries: usize, entry: &[u8]) -> Vec<u8> {
    let mut p = vec![10, 0, 0];
    for i in 0..entries {
        let key = format!("{i:x}");
        p.push(entry[0]);
        p.extend_from_slice(&(key.len() as u16).to_be_bytes());
        p.extend_from_slice(key.as_bytes());
        p.extend_from_slice(&entry[1..]);
    }
    p.push(0);
    p
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let plain = |name: String, wire: Vec<u8>| Case {
        name,
        wire,
        compression: None,
    };

    // Huge declared frame lengths with little data behind them.
    for len in [1_000u32, 65_536, 1 << 20, 2_097_151] {
        for sent in [0usize, 1, 100] {
            let mut wire = Vec::new();
            varint(len, &mut wire);
            wire.extend(std::iter::repeat_n(0u8, sent));
            cases.push(plain(
                format!("frame length {len}, {sent} bytes sent"),
                wire,
            ));
        }
    }
    cases.push(plain(
        "4-byte frame length".into(),
        vec![0xff, 0xff, 0xff, 0x0f],
    ));

    // Zip bombs and lying declared sizes.
    let zeros16m = zlib(&vec![0u8; 16 << 20]);
    let zeros8m = zlib(&vec![0u8; 8 << 20]);
    for (name, declared, z) in [
        ("bomb declared over the limit", 16u32 << 20, &zeros16m),
        ("bomb declared 1000", 1000, &zeros16m),
        (
            "bomb declared at the limit, inflates more",
            8 << 20,
            &zeros16m,
        ),
        ("honest 8 MiB of zeros", 8 << 20, &zeros8m),
        ("declared 8 MiB, inflates 100", 8 << 20, &zlib(&[0u8; 100])),
        ("declared 2 MiB, inflates 300", 2 << 20, &zlib(&[0u8; 300])),
        (
            "declared 300, corrupt",
            300,
            &vec![0x78, 0x9c, 0xff, 0xff, 0xff],
        ),
    ] {
        cases.push(Case {
            name: name.into(),
            wire: compressed_frame(declared, z),
            compression: Some(256),
        });
    }

    // Every packet id with every lying body (decoded as every group).
    for id in 0u8..0x4a {
        for (what, body) in lying_bodies() {
            let mut p = vec![id];
            p.extend_from_slice(&body);
            cases.push(plain(format!("id {id:#04x}, {what}"), frame(&p)));
        }
    }

    // Deep NBT in a Creative Inventory Action (47: 0x10) and Update Entity
    // NBT (47 clientbound: 0x49).
    for depth in [100, 511, 512, 513, 600, 5000] {
        let nbt = nested_nbt_lists(depth);
        let mut p = vec![0x10, 0x00, 0x01, 0x00, 0x01, 0x01, 0x00, 0x00];
        p.extend_from_slice(&nbt);
        cases.push(plain(
            format!("creative item, NBT depth {depth}"),
            frame(&p),
        ));
        let mut p = vec![0x49, 0x01];
        p.extend_from_slice(&nbt);
        cases.push(plain(format!("entity NBT depth {depth}"), frame(&p)));
    }
    // Wide NBT: many small tags, empty lists, empty compounds, strings.
    for (what, entry) in [
        ("bytes", &[1u8, 7][..]),
        ("empty lists", &[9, 1, 0, 0, 0, 0][..]),
        ("empty compounds", &[10, 0][..]),
        ("empty strings", &[8, 0, 0][..]),
    ] {
        for n in [1_000usize, 30_000] {
            let mut p = vec![0x49, 0x01];
            p.extend_from_slice(&wide_nbt(n, entry));
            cases.push(plain(format!("entity NBT, {n} {what}"), frame(&p)));
        }
    }
    // Lists of empty compounds (1 byte each on the wire, 72 in memory),
    // up to and past what the 2 MiB budget allows.
    for n in [1_000u32, 10_000, 17_000, 17_500, 100_000] {
        let mut p = vec![0x49, 0x01, 10, 0, 0, 9, 0, 1, b'l', 10];
        p.extend_from_slice(&n.to_be_bytes());
        p.extend(std::iter::repeat_n(0u8, n as usize));
        p.push(0);
        cases.push(plain(
            format!("entity NBT, list of {n} empty compounds"),
            frame(&p),
        ));
    }
    // Lists of empty lists and of empty strings.
    for (what, elem, empty) in [
        ("lists", 9u8, &[1u8, 0, 0, 0, 0][..]),
        ("strings", 8, &[0, 0][..]),
    ] {
        let n = 20_000u32;
        let mut p = vec![0x49, 0x01, 10, 0, 0, 9, 0, 1, b'l', elem];
        p.extend_from_slice(&n.to_be_bytes());
        for _ in 0..n {
            p.extend_from_slice(empty);
        }
        p.push(0);
        cases.push(plain(
            format!("entity NBT, list of {n} empty {what}"),
            frame(&p),
        ));
    }

    // Metadata floods in Entity Metadata (47: 0x1C): bytes, empty slots,
    // empty strings, positions; then no terminator.
    for (what, entry) in [
        ("bytes", &[0x00u8, 0x01][..]),
        ("empty slots", &[0xa0, 0xff, 0xff][..]),
        ("empty strings", &[0x80, 0x00][..]),
        ("positions", &[0xc0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3][..]),
    ] {
        for n in [1_000usize, 100_000] {
            for terminated in [true, false] {
                let mut p = vec![0x1c, 0x01];
                for _ in 0..n {
                    p.extend_from_slice(entry);
                }
                if terminated {
                    p.push(0x7f);
                }
                cases.push(plain(
                    format!("metadata, {n} {what}, terminated: {terminated}"),
                    frame(&p),
                ));
            }
        }
    }

    // Window Items (47: 0x30) with 32767 empty slots, and with a count
    // larger than the data.
    let mut p = vec![0x30, 0x00, 0x7f, 0xff];
    p.extend(std::iter::repeat_n(0xffu8, 2 * 32767));
    cases.push(plain("window items, 32767 empty slots".into(), frame(&p)));
    let mut p = vec![0x30, 0x00, 0x7f, 0xff];
    p.extend(std::iter::repeat_n(0xffu8, 2 * 100));
    cases.push(plain(
        "window items, 32767 claimed, 100 sent".into(),
        frame(&p),
    ));
    // Window Items full of stone with a small NBT each.
    let mut p = vec![0x30, 0x00, 0x7f, 0xff];
    for _ in 0..32767 {
        p.extend_from_slice(&[0x00, 0x01, 0x40, 0x00, 0x00, 10, 0, 0, 0]);
    }
    cases.push(plain(
        "window items, 32767 stone with empty NBT".into(),
        frame(&p),
    ));
    // Destroy Entities (47: 0x13) with a million ids, and a lying count.
    let mut p = vec![0x13];
    varint(1_000_000, &mut p);
    p.extend(std::iter::repeat_n(0x00u8, 1_000_000));
    cases.push(plain("destroy entities, 1000000 ids".into(), frame(&p)));
    // Strings: a Chat Message (47 serverbound 0x01) claiming 2^31-1 bytes,
    // and one of 100 chars past its maximum.
    cases.push(plain(
        "chat, huge string length".into(),
        frame(&[0x01, 0xff, 0xff, 0xff, 0xff, 0x07, b'a']),
    ));
    let mut p = vec![0x01];
    varint(400, &mut p);
    p.extend(std::iter::repeat_n(b'a', 400));
    cases.push(plain("chat, 400 chars (max 100)".into(), frame(&p)));
    // Plugin message with a 1 MiB payload.
    let mut p = vec![0x17, 0x01, b'x'];
    p.extend(std::iter::repeat_n(0u8, 1 << 20));
    cases.push(plain("plugin message, 1 MiB".into(), frame(&p)));
    cases
}

/// Frames and decodes `case`, returning the bytes it justifies (received
/// plus inflated).
fn run(case: &Case) -> usize {
    let mut dec = FrameDecoder::new();
    dec.set_compression(case.compression);
    dec.feed(&case.wire);
    let mut justified = case.wire.len();
    match dec.next_frame() {
        Ok(Some(frame)) => {
            if case.compression.is_some() {
                justified += frame.len();
            }
            for v in mcproto::packets::version::supported() {
                let r = registry(v).unwrap();
                let _ = r.group_decoder::<HandshakingServerbound>().decode(frame);
                let _ = r.group_decoder::<StatusClientbound>().decode(frame);
                let _ = r.group_decoder::<StatusServerbound>().decode(frame);
                let _ = r.group_decoder::<LoginClientbound>().decode(frame);
                let _ = r.group_decoder::<LoginServerbound>().decode(frame);
                let _ = r.group_decoder::<PlayClientbound>().decode(frame);
                let _ = r.group_decoder::<PlayServerbound>().decode(frame);
            }
        }
        Ok(None) => {}
        Err(e) => {
            if let ErrorKind::SizeMismatch { actual, .. } = e.kind() {
                justified += actual;
            }
        }
    }
    justified
}

/// Peak heap use is at most `RATIO` times what the input justifies, plus
/// `SLACK` bytes for fixed costs (the zlib state, small first buffers).
///
/// The worst cases are floods of the smallest elements whose in-memory form
/// is largest: an NBT list of empty compounds is 1 byte per element on the
/// wire and a 72-byte map in memory (73x, up to the 2 MiB NBT budget); an
/// empty-slot metadata entry is 3 bytes and a 48-byte entry plus a boxed
/// 40-byte `Slot` (35x). The test prints the worst ratio seen;
/// `ALLOC_VERBOSE=1` lists every case above 4x.
const RATIO: usize = 80;
const SLACK: usize = 64 * 1024;

#[test]
fn hostile_frames_allocate_in_proportion_to_their_size() {
    // A connection's framing costs nothing until compression is used: the
    // zlib states (hundreds of KiB) are made on the first compressed packet.
    let (idle, _) = peak_during(|| {
        let mut dec = FrameDecoder::new();
        let mut enc = FrameEncoder::new();
        dec.set_compression(Some(256));
        enc.set_compression(Some(256));
        let mut out = BytesMut::new();
        enc.encode(&[0x00, 0x01], &mut out).unwrap();
        dec.feed(&out);
        dec.next_frame().unwrap().unwrap().len()
    });
    println!("framing of a connection, before any compressed packet: {idle} bytes");
    assert!(idle < 1024, "{idle} bytes");
    let (zlib_states, _) = peak_during(|| {
        let mut dec = FrameDecoder::new();
        let mut enc = FrameEncoder::new();
        dec.set_compression(Some(256));
        enc.set_compression(Some(256));
        let mut out = BytesMut::new();
        enc.encode(&[0x00; 300], &mut out).unwrap();
        dec.feed(&out);
        dec.next_frame().unwrap().unwrap().len()
    });
    println!("and after one compressed packet each way: {zlib_states} bytes");

    let cases = cases();
    assert!(cases.len() >= 300, "{} cases", cases.len());
    // Warm up lazily built state (registries, zlib tables) outside the measurements.
    for c in cases.iter().take(3) {
        run(c);
    }
    let mut worst = (0.0f64, String::new());
    let mut failures = Vec::new();
    for case in &cases {
        let (peak, justified) = peak_during(|| run(case));
        let ratio = peak as f64 / justified as f64;
        if peak > SLACK && ratio > worst.0 {
            worst = (ratio, case.name.clone());
        }
        if std::env::var_os("ALLOC_VERBOSE").is_some() && ratio > 4.0 {
            println!("{ratio:8.2}x {peak:>10} / {justified:>9}  {}", case.name);
        }
        if peak > RATIO * justified + SLACK {
            failures.push(format!(
                "{}: peak {peak} bytes for {justified} justified ({ratio:.1}x)",
                case.name
            ));
        }
    }
    println!(
        "{} hostile frames; worst ratio over {SLACK} bytes: {:.2}x ({})",
        cases.len(),
        worst.0,
        worst.1
    );
    assert!(failures.is_empty(), "{failures:#?}");
}
