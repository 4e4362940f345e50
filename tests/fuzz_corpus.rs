//! Replays the committed fuzz corpora (`fuzz/corpus/<target>/*`) through the
//! same functions the `cargo fuzz` targets call, and keeps every crash the
//! fuzzers found as a named regression test with its bytes inline.

use std::path::Path;

use mcproto::fuzzing;

/// Runs `target` on every file of its corpus, naming the file that fails.
fn replay(target: &str) {
    let f = fuzzing::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map(|(_, f)| *f)
        .expect("a known target");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "empty corpus {}", dir.display());
    for path in &files {
        let data = std::fs::read(path).expect("corpus file");
        if std::panic::catch_unwind(|| f(&data)).is_err() {
            panic!("{target}: {} fails", path.display());
        }
    }
    println!("{target}: {} inputs replayed", files.len());
}

#[test]
fn corpus_frame() {
    replay("frame");
}

#[test]
fn corpus_decode_packet() {
    replay("decode_packet");
}

#[test]
fn corpus_wire_types() {
    replay("wire_types");
}

#[test]
fn corpus_round_trip() {
    replay("round_trip");
}

// Crashes the fuzzers found, each with its (minimized) input inline.

/// `frame`: a compressed frame `01 00` (Data Length 0, nothing after it)
/// came out as an empty packet with no id; it is now an error, as an empty
/// plain frame is.
#[test]
fn crash_frame_empty_uncompressed_packet() {
    let mut input = vec![0x01]; // compression on, threshold 0, no encryption
    input.extend_from_slice(&[0; 22]);
    input.extend_from_slice(&[0x01, 0x00]);
    fuzzing::frame(&input);
}

/// `wire_types`: an NBT root name of raw NUL bytes (Java's modified UTF-8
/// reader accepts them) re-encodes as `C0 80` pairs, twice as long; the
/// size budget charged wire bytes, so the canonical re-encoding of an
/// accepted value went over the (small) budget. Strings are now charged
/// their decoded length.
#[test]
fn crash_wire_types_nbt_string_budget_depends_on_encoding() {
    // Selector 0xB2: NBT, limits depth 5 and 88 bytes; then a root compound
    // named by 40 raw NULs, empty.
    let mut input = vec![0xb2, 10, 0, 40];
    input.extend_from_slice(&[0; 40]);
    input.push(0);
    fuzzing::wire_types(&input);
}
