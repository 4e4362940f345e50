//! Bodies of the fuzz targets in `fuzz/`, in plain library code so that the
//! `cargo fuzz` targets and the corpus-replay regression test
//! (`tests/fuzz_corpus.rs`) run exactly the same checks.
//!
//! Each function takes arbitrary bytes and panics only when it finds a bug:
//! a decoder that panics, a value that does not survive a round trip, a
//! frame larger than the limits allow, results that depend on how the input
//! was split into reads.
//!
//! Not a stable API.

use std::fmt::Debug;

use crate::bytes::{Bytes, BytesMut};

use crate::codec::{Decode, DecodeLimits, Encode, Reader, encode_to_vec};
use crate::frame::{FrameDecoder, FrameEncoder, FrameLimits};
use crate::generate::Gen;
use crate::packet::PacketGroup;
use crate::packets::{
    HandshakingServerbound, LoginClientbound, LoginServerbound, PlayClientbound, PlayServerbound,
    StatusClientbound, StatusServerbound,
};
use crate::types::{Chat, Metadata, Nbt, Slot};
use crate::version::ProtocolVersion;

/// A fuzz target's body.
pub type Target = fn(&[u8]);

/// The fuzz targets, by name (the directory names under `fuzz/corpus/`).
pub const TARGETS: &[(&str, Target)] = &[
    ("frame", frame),
    ("decode_packet", decode_packet),
    ("wire_types", wire_types),
    ("round_trip", round_trip),
];

/// Splits off the first byte of `data` (0 if empty).
fn split_byte(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((b, rest)) => (*b, rest),
        None => (0, data),
    }
}

/// A shipped protocol version, picked by `b`.
fn version_of(b: u8) -> ProtocolVersion {
    let all = crate::packets::version::SUPPORTED;
    all[usize::from(b) % all.len()].protocol
}

/// Frame decoding — plain, compressed, encrypted — with the mode, the key,
/// the limits and the read sizes taken from the input.
///
/// Layout: a mode byte (bit 0 compression, bit 1 encryption, bit 2 small
/// limits, bits 3–6 the read size, bit 7 structured), 2 threshold bytes, 16
/// key bytes, 4 limit bytes, then the stream.
///
/// Raw mode feeds the stream as received bytes (ciphertext when encryption
/// is on). Checks: no panic; every frame within the limits; the same frames
/// and the same error whatever the read sizes; every frame re-framed by
/// [`FrameEncoder`] decodes back to itself.
///
/// Structured mode reads the stream as packets (a length byte, then that
/// many bytes) that [`FrameEncoder`] frames, compresses and encrypts with
/// the same settings, so that fuzzer-chosen plaintext reaches the decoder
/// through the cipher; the decoder must give exactly those packets back,
/// whatever the read sizes.
pub fn frame(data: &[u8]) {
    let (mode, rest) = split_byte(data);
    let mut header = [0u8; 22];
    let n = rest.len().min(header.len());
    header[..n].copy_from_slice(&rest[..n]);
    let stream = &rest[n..];
    let compression =
        (mode & 1 != 0).then(|| usize::from(u16::from_le_bytes([header[0], header[1]])));
    let key: Option<[u8; 16]> = (mode & 2 != 0).then(|| {
        let mut k = [0u8; 16];
        k.copy_from_slice(&header[2..18]);
        k
    });
    let limits = if mode & 4 != 0 {
        FrameLimits {
            max_frame_len: usize::from(u16::from_le_bytes([header[18], header[19]])),
            max_uncompressed_len: usize::from(u16::from_le_bytes([header[20], header[21]])),
        }
    } else {
        FrameLimits::default()
    };
    let read_size = usize::from((mode >> 3) & 0x0f) + 1;
    let structured = mode & 0x80 != 0;

    let new_decoder = || {
        let mut d = FrameDecoder::with_limits(limits);
        d.set_compression(compression);
        #[cfg(feature = "encryption")]
        if let Some(k) = &key {
            d.enable_encryption(k);
        }
        d
    };
    #[cfg(not(feature = "encryption"))]
    let _ = key;

    let mut expected = None;
    let encoded;
    let stream = if structured {
        let mut enc = FrameEncoder::new();
        enc.set_compression(compression);
        #[cfg(feature = "encryption")]
        if let Some(k) = &key {
            enc.enable_encryption(k);
        }
        let mut packets = Vec::new();
        let mut wire = BytesMut::new();
        let mut rest = stream;
        while let Some((&len, tail)) = rest.split_first() {
            let (packet, tail) = tail.split_at(usize::from(len).min(tail.len()));
            rest = tail;
            if packet.is_empty() {
                continue;
            }
            enc.encode(packet, &mut wire)
                .expect("a small packet frames");
            packets.push(Bytes::copy_from_slice(packet));
        }
        expected = Some(packets);
        encoded = wire;
        &encoded[..]
    } else {
        stream
    };

    // Everything at once.
    let mut whole = new_decoder();
    whole.feed(stream);
    let (frames, end) = drain(&mut whole, limits, compression);
    // In pieces of `read_size` bytes.
    let mut pieces = new_decoder();
    let mut frames2 = Vec::new();
    let mut end2 = None;
    for chunk in stream.chunks(read_size) {
        pieces.feed(chunk);
        let (f, e) = drain(&mut pieces, limits, compression);
        frames2.extend(f);
        if e.is_some() {
            end2 = e;
            break;
        }
    }
    assert_eq!(frames, frames2, "frames depend on the read size");
    assert_eq!(end, end2, "the error depends on the read size");
    if let Some(packets) = expected {
        // Small limits may reject what the encoder framed; otherwise the
        // packets come back exactly.
        if end.is_none() {
            assert_eq!(frames, packets, "framed packets decode differently");
        } else {
            assert!(mode & 4 != 0, "framed packets fail to decode: {end:?}");
        }
    }

    // Re-framing what was decoded gives the same frames back.
    if frames.is_empty() {
        return;
    }
    let mut enc = FrameEncoder::new();
    enc.set_compression(compression);
    let mut wire = BytesMut::new();
    for f in &frames {
        enc.encode(f, &mut wire).expect("a decoded frame re-frames");
    }
    let mut dec = FrameDecoder::new();
    dec.set_compression(compression);
    dec.feed(&wire);
    let (again, err) = drain(&mut dec, FrameLimits::default(), compression);
    assert_eq!(err, None, "re-framed frames fail to decode");
    assert_eq!(again, frames, "re-framed frames decode differently");
}

/// Takes frames until the decoder needs more bytes or fails; the error is
/// returned as its message.
fn drain(
    dec: &mut FrameDecoder,
    limits: FrameLimits,
    compression: Option<usize>,
) -> (Vec<Bytes>, Option<String>) {
    let mut out = Vec::new();
    loop {
        match dec.next_frame() {
            Ok(Some(f)) => {
                let f = Bytes::copy_from_slice(f);
                assert!(!f.is_empty(), "empty frame returned");
                let max = if compression.is_some() {
                    limits.max_uncompressed_len.max(limits.max_frame_len)
                } else {
                    limits.max_frame_len
                };
                assert!(f.len() <= max, "frame of {} bytes over the limit", f.len());
                out.push(f);
            }
            Ok(None) => return (out, None),
            Err(e) => return (out, Some(e.to_string())),
        }
    }
}

/// The limits a packet is decoded with: the defaults, or (odd byte) small
/// ones, so the limit paths are reached by small inputs.
fn limits_of(b: u8) -> DecodeLimits {
    if b & 1 == 0 {
        DecodeLimits::default()
    } else {
        DecodeLimits {
            nbt_max_depth: u16::from(b >> 1) % 16,
            nbt_max_bytes: u32::from(b) * 8,
        }
    }
}

/// Decodes a packet id + body with group `G` through the standard
/// registry; the registry's dynamic path must agree (same packet, or an
/// error too; an id it does not know is the group's `Unknown`). If that
/// works, the packet must re-encode, and decode again to the same value and
/// the same bytes.
fn decode_group<G>(data: &[u8], version: ProtocolVersion, limits: DecodeLimits)
where
    G: PacketGroup,
    for<'a> G::Of<'a>: Debug,
{
    let registry = crate::packets::registry(version).expect("a shipped version");
    let decoder = registry.group_decoder::<G>().with_limits(limits);
    let decoded = decoder.decode(data);
    let any = {
        let mut r = Reader::new(data, version).with_limits(limits);
        match r.varint() {
            Ok(id) => match registry.get(G::STATE, G::DIRECTION, id) {
                Some(d) => (d.decode)(&mut r).and_then(|p| r.finish().map(|()| Some(p))),
                None => Ok(None),
            },
            Err(e) => Err(e),
        }
    };
    match (&decoded, &any) {
        // The group's Debug is `Variant(packet)`, the registry's `packet`.
        (Ok(p), Ok(Some(any))) => assert!(
            format!("{p:?}").ends_with(&format!("({any:?})")),
            "registry and group differ: {p:?} / {any:?}"
        ),
        (Ok(p), Ok(None)) => assert_eq!(
            G::name_of(p),
            "Unknown",
            "group knows an id the registry does not"
        ),
        (Err(_), Err(_)) => {}
        (g, any) => panic!("group and registry disagree: {g:?} / {any:?}"),
    }
    let Ok(packet) = decoded else {
        return;
    };
    let mut encoded = Vec::new();
    G::encode_packet(&packet, registry, &mut encoded)
        .unwrap_or_else(|e| panic!("decoded {packet:?} does not re-encode: {e}"));
    let again = decoder
        .decode(&encoded)
        .unwrap_or_else(|e| panic!("re-encoded {packet:?} does not decode: {e}"));
    assert_eq!(
        format!("{again:?}"),
        format!("{packet:?}"),
        "decode ∘ encode changed the value"
    );
    let mut encoded2 = Vec::new();
    G::encode_packet(&again, registry, &mut encoded2).expect("re-encodes");
    assert_eq!(encoded, encoded2, "encoding is not stable");
}

/// "Decode any packet": the first byte picks the version, the (state,
/// direction) group and the limits; the rest is a packet id and body.
pub fn decode_packet(data: &[u8]) {
    let (sel, rest) = split_byte(data);
    let version = version_of(sel);
    let limits = limits_of(sel >> 4);
    match (sel >> 1) % 7 {
        0 => decode_group::<HandshakingServerbound>(rest, version, limits),
        1 => decode_group::<StatusClientbound>(rest, version, limits),
        2 => decode_group::<StatusServerbound>(rest, version, limits),
        3 => decode_group::<LoginClientbound>(rest, version, limits),
        4 => decode_group::<LoginServerbound>(rest, version, limits),
        5 => decode_group::<PlayClientbound>(rest, version, limits),
        _ => decode_group::<PlayServerbound>(rest, version, limits),
    }
}

/// Decodes a `T` spanning `data`; if that works, re-encoding gives a value
/// that decodes to the same thing and the same bytes.
fn decode_value<T>(data: &[u8], version: ProtocolVersion, limits: DecodeLimits)
where
    T: for<'a> Decode<'a> + Encode + Debug,
{
    let decode = |data: &[u8]| -> crate::Result<T> {
        let mut r = Reader::new(data, version).with_limits(limits);
        let v = T::decode(&mut r)?;
        r.finish()?;
        Ok(v)
    };
    let Ok(value) = decode(data) else {
        return;
    };
    let encoded = encode_to_vec(&value, version)
        .unwrap_or_else(|e| panic!("decoded {value:?} does not re-encode: {e}"));
    let again =
        decode(&encoded).unwrap_or_else(|e| panic!("re-encoded {value:?} does not decode: {e}"));
    assert_eq!(
        format!("{again:?}"),
        format!("{value:?}"),
        "decode ∘ encode changed the value"
    );
    assert_eq!(encode_to_vec(&again, version).expect("re-encodes"), encoded);
}

/// Slots, NBT, entity metadata, chat JSON and chunk columns: the first byte
/// picks the type, the version (any known protocol: wire types need no
/// registry) and the limits.
pub fn wire_types(data: &[u8]) {
    let (sel, rest) = split_byte(data);
    let known = crate::packets::version::KNOWN;
    let version = known[usize::from(sel >> 3) % known.len()].protocol;
    let limits = limits_of(sel >> 4);
    match sel % 8 {
        0 | 1 => decode_value::<Slot>(rest, version, limits),
        2 | 3 => decode_value::<Nbt>(rest, version, limits),
        4 | 5 => decode_value::<Metadata>(rest, version, limits),
        6 => {
            if let Ok(s) = std::str::from_utf8(rest) {
                let _ = Chat::from_json(s).parse();
                let _ = Chat::from_json(s).to_plain();
            }
        }
        _ => chunk_column(rest),
    }
}

/// Chunk column data. The first byte holds flags: bit 0 sky light, bit 1
/// ground-up, bit 3 the 107 – 340 layout (else 47's), bits 4 – 7 which of
/// those versions; in 47's layout bit 2 pads the data to the size of the
/// mask, in the later one bit 2 generates a column from the input instead
/// of decoding it. Then two bytes of primary bit mask, then the data.
///
/// Checks: decoding never panics; a decoded 47 column encodes back to its
/// bytes; a decoded 107 – 340 column encodes to the same bytes (shorter
/// only when the input spelt a VarInt with more bytes than needed), which
/// decode to the same column and layouts; a generated column encodes in
/// both layouts and comes back the same.
fn chunk_column(data: &[u8]) {
    use crate::generate::Generate;
    use crate::packets::play::chunk::{ChunkColumn, ChunkFormat};
    let (flags, rest) = split_byte(data);
    let (m0, rest) = split_byte(rest);
    let (m1, rest) = split_byte(rest);
    let mask = u16::from_le_bytes([m0, m1]);
    let (sky, ground_up) = (flags & 1 != 0, flags & 2 != 0);
    if flags & 8 == 0 {
        // Short inputs rarely match the exact size: pad with the input repeated.
        let size = ChunkColumn::data_size(mask, sky, ground_up);
        let padded: Vec<u8> = if flags & 4 != 0 && !rest.is_empty() {
            rest.iter().copied().cycle().take(size).collect()
        } else {
            rest.to_vec()
        };
        if let Ok(col) = ChunkColumn::decode(&padded, mask, sky, ground_up) {
            assert_eq!(
                col.encode(),
                padded,
                "chunk column does not re-encode to its bytes"
            );
        }
        return;
    }

    let paletted: Vec<ProtocolVersion> = crate::packets::version::KNOWN
        .iter()
        .map(|v| v.protocol)
        .filter(|v| ChunkFormat::of(*v) == ChunkFormat::V1_9)
        .collect();
    let version = paletted[usize::from(flags >> 4) % paletted.len()];
    let same_layouts = |a: &ChunkColumn, b: &ChunkColumn| {
        a.sections()
            .zip(b.sections())
            .all(|((n, s), (m, t))| n == m && s.layout() == t.layout())
    };
    if flags & 4 != 0 {
        let col = ChunkColumn::generate(&mut Gen::new(rest, version));
        let (mask, sky, ground_up) = (
            col.primary_bit_mask(),
            col.has_sky_light(),
            col.is_ground_up(),
        );
        for v in [version, crate::packets::version::V1_8] {
            let bytes = col
                .encode_for(v)
                .unwrap_or_else(|e| panic!("generated {col:?} does not encode in {v}: {e}"));
            assert_eq!(col.encoded_len(v), Ok(bytes.len()), "encoded_len in {v}");
            let back = ChunkColumn::decode_for(&bytes, mask, sky, ground_up, v)
                .unwrap_or_else(|e| panic!("generated {col:?} does not decode in {v}: {e}"));
            assert_eq!(back, col, "decode(encode(column)) differs in {v}");
            assert_eq!(back.encode_for(v), Ok(bytes), "re-encoding differs in {v}");
        }
        return;
    }
    let Ok(col) = ChunkColumn::decode_for(rest, mask, sky, ground_up, version) else {
        return;
    };
    let bytes = col
        .encode_for(version)
        .unwrap_or_else(|e| panic!("decoded {col:?} does not re-encode: {e}"));
    assert!(
        bytes == rest || bytes.len() < rest.len(),
        "chunk column re-encodes to other bytes"
    );
    let back = ChunkColumn::decode_for(&bytes, mask, sky, ground_up, version)
        .unwrap_or_else(|e| panic!("re-encoded {col:?} does not decode: {e}"));
    assert_eq!(back, col, "decode(encode(column)) differs");
    assert!(same_layouts(&back, &col), "section layouts differ");
    assert_eq!(back.encode_for(version), Ok(bytes), "re-encoding differs");
}

/// Encode → decode differential: the first byte picks the version and the
/// group, the rest drives [`Generate`](crate::Generate). A generated (valid) packet must
/// encode, decode to the same value (compared through `Debug`, as NaN floats
/// are possible) and re-encode to the same bytes, also through compressed
/// framing.
pub fn round_trip(data: &[u8]) {
    let (sel, rest) = split_byte(data);
    let version = version_of(sel);
    let registry = crate::packets::registry(version).expect("a shipped version");
    let mut g = Gen::new(rest, version);
    // The group's generator picks a packet the registry has.
    macro_rules! each {
        ($($i:literal => $group:ident),*) => {
            match (sel >> 1) % 7 {
                $($i => round_trip_group::<$group>(&$group::generate(&mut g, registry), registry),)*
                _ => round_trip_group::<PlayServerbound>(&PlayServerbound::generate(&mut g, registry), registry),
            }
        };
    }
    each!(
        0 => HandshakingServerbound,
        1 => StatusClientbound,
        2 => StatusServerbound,
        3 => LoginClientbound,
        4 => LoginServerbound,
        5 => PlayClientbound
    );
}

fn round_trip_group<G>(packet: &G::Of<'_>, registry: &crate::Registry)
where
    G: PacketGroup,
    for<'a> G::Of<'a>: Debug,
{
    let mut encoded = Vec::new();
    G::encode_packet(packet, registry, &mut encoded)
        .unwrap_or_else(|e| panic!("generated {packet:?} does not encode: {e}"));
    let decoder = registry.group_decoder::<G>();
    let back = decoder
        .decode(&encoded)
        .unwrap_or_else(|e| panic!("generated {packet:?} does not decode: {e}"));
    assert_eq!(
        format!("{back:?}"),
        format!("{packet:?}"),
        "decode(encode(x)) != x"
    );
    let mut again = Vec::new();
    G::encode_packet(&back, registry, &mut again).expect("re-encodes");
    assert_eq!(again, encoded, "re-encoding differs");

    // Through compressed framing too.
    let mut enc = FrameEncoder::new();
    enc.set_compression(Some(64));
    let mut wire = BytesMut::new();
    enc.encode(&encoded, &mut wire).expect("frames");
    let mut dec = FrameDecoder::new();
    dec.set_compression(Some(64));
    dec.feed(&wire);
    let frame = dec.next_frame().expect("deframes").expect("a whole frame");
    assert_eq!(frame, &encoded[..]);
}
