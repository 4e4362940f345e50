//! NBT as 1.8 sends it: uncompressed, a named root compound, or a single
//! `TAG_End` byte (0x00) meaning "no tag".
//!
//! Values are [`valence_nbt`] compounds (insertion order kept, so a decoded
//! tag re-encodes to the same bytes).
//! The parser enforces the limits vanilla enforces: tag types 0..=11
//! (12 from 1.12; an empty list may name any element type, as vanilla
//! reads one),
//! nesting at most [`DecodeLimits::nbt_max_depth`] (kept on a heap stack,
//! not the call stack), every length checked against the bytes that remain
//! before allocating, an estimated in-memory size within
//! [`DecodeLimits::nbt_max_bytes`], and no duplicate keys (which could not
//! re-encode to the same bytes) — so hostile NBT costs at most a bounded
//! amount of memory, and the error says exactly what was wrong.

use crate::codec::{Decode, DecodeLimits, Encode, Reader, Writer};
use crate::error::{Error, ErrorKind, NbtError, Result, fail};
#[cfg(feature = "generate")]
use crate::generate::{Gen, Generate};
use crate::schema::{Describe, WireType};
use crate::version::ProtocolVersion;

pub use valence_nbt::{Compound, List, Value};

/// An NBT field: absent, or a named root compound (vanilla names it "").
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Nbt {
    /// Sent as the single byte 0x00.
    #[default]
    Absent,
    /// A root compound and its name.
    Compound {
        /// Root tag name (usually empty).
        name: String,
        /// The root compound (boxed: an absent tag, as in most slots, then
        /// costs 32 bytes instead of 96).
        value: Box<Compound>,
    },
}

impl Nbt {
    /// A tag with an empty root name.
    pub fn new(value: Compound) -> Self {
        Nbt::Compound {
            name: String::new(),
            value: Box::new(value),
        }
    }

    /// The root compound, if present.
    pub fn compound(&self) -> Option<&Compound> {
        match self {
            Nbt::Absent => None,
            Nbt::Compound { value, .. } => Some(value),
        }
    }
}

// Estimated heap cost of one tag beyond its payload, for the size budget.
const TAG_COST: u64 = 48;

/// A list or compound being built; the parser keeps these on an explicit
/// stack, so nesting depth costs heap, not call stack.
enum Frame {
    Compound {
        value: Compound,
        key: Option<String>,
    },
    List {
        elem: u8,
        remaining: usize,
        value: List,
    },
}

struct Parser<'s> {
    buf: &'s [u8],
    pos: usize,
    limits: DecodeLimits,
    budget_used: u64,
    /// Whether tag 12 (Long Array) exists: from 1.12 on.
    long_arrays: bool,
}

/// The first protocol with NBT's Long Array tag (12): 1.12
/// ([wiki.vg NBT page](https://wiki.vg/index.php?title=NBT&oldid=14286)
/// dates it to 17w16a, the 1.12 snapshots); earlier readers reject it as an
/// unknown tag, and so does this one for those versions.
pub const LONG_ARRAY_SINCE: ProtocolVersion = ProtocolVersion(335);

impl Parser<'_> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&[u8]> {
        let remaining = self.buf.len() - self.pos;
        if n > remaining {
            return fail(ErrorKind::UnexpectedEof {
                what,
                needed: n,
                remaining,
            });
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N]> {
        let b = self.take(N, what)?;
        let mut out = [0u8; N];
        out.copy_from_slice(b);
        Ok(out)
    }

    /// Whether tag type `t` exists in this version.
    fn known(&self, t: u8) -> bool {
        t < 12 || (t == 12 && self.long_arrays)
    }

    fn tag(&mut self) -> Result<u8> {
        let [t] = self.array::<1>("NBT tag")?;
        if !self.known(t) {
            return fail(ErrorKind::Nbt(NbtError::InvalidTag(t)));
        }
        Ok(t)
    }

    fn len_i32(&mut self, elem_size: usize, what: &'static str) -> Result<usize> {
        let n = i32::from_be_bytes(self.array::<4>(what)?);
        self.check_len(n, elem_size)
    }

    fn check_len(&self, n: i32, elem_size: usize) -> Result<usize> {
        if n < 0 {
            return fail(ErrorKind::Nbt(NbtError::NegativeLength(n)));
        }
        let remaining = self.buf.len() - self.pos;
        let needed = n as u64 * elem_size.max(1) as u64;
        if needed > remaining as u64 {
            return fail(ErrorKind::LengthExceedsInput {
                len: n as u64,
                needed,
                remaining,
            });
        }
        Ok(n as usize)
    }

    fn charge(&mut self, bytes: u64) -> Result<()> {
        self.budget_used += bytes;
        if self.budget_used > u64::from(self.limits.nbt_max_bytes) {
            return fail(ErrorKind::Nbt(NbtError::TooLarge {
                max: self.limits.nbt_max_bytes,
            }));
        }
        Ok(())
    }

    fn string(&mut self) -> Result<String> {
        let n = u16::from_be_bytes(self.array::<2>("NBT string length")?) as usize;
        self.charge(TAG_COST)?;
        let bytes = self.take(n, "NBT string")?;
        let s = <String as valence_nbt::binary::FromModifiedUtf8>::from_modified_utf8(bytes)
            .map_err(|_| Error::new(ErrorKind::Nbt(NbtError::InvalidString)))?;
        // Charged by its decoded length (at most 64 KiB), not its wire
        // length: modified UTF-8 has several encodings of one string (a raw
        // NUL or C0 80), and every encoding of a value must cost the same.
        self.charge(s.len() as u64)?;
        Ok(s)
    }

    /// Reads a value that needs no nested frame, or opens a frame for it.
    fn scalar_or_open(&mut self, tag: u8) -> Result<std::result::Result<Value, Frame>> {
        self.charge(TAG_COST)?;
        Ok(Ok(match tag {
            1 => Value::Byte(i8::from_be_bytes(self.array::<1>("NBT byte")?)),
            2 => Value::Short(i16::from_be_bytes(self.array::<2>("NBT short")?)),
            3 => Value::Int(i32::from_be_bytes(self.array::<4>("NBT int")?)),
            4 => Value::Long(i64::from_be_bytes(self.array::<8>("NBT long")?)),
            5 => Value::Float(f32::from_be_bytes(self.array::<4>("NBT float")?)),
            6 => Value::Double(f64::from_be_bytes(self.array::<8>("NBT double")?)),
            7 => {
                let n = self.len_i32(1, "NBT byte array")?;
                self.charge(n as u64)?;
                Value::ByteArray(
                    self.take(n, "NBT byte array")?
                        .iter()
                        .map(|b| *b as i8)
                        .collect(),
                )
            }
            8 => Value::String(self.string()?),
            9 => {
                // In vanilla's order (NBTTagList.read, 1.8 to 1.12.2): the
                // element type and the length, "Missing type on ListTag"
                // for elements of TAG_End, a negative length refused
                // (newArrayListWithCapacity), and only then a tag per
                // element, so that an element type vanilla does not know
                // fails only when there is an element: an empty list of
                // one is an empty list (re-encoded, as vanilla writes an
                // empty list, with element type 0).
                let [elem] = self.array::<1>("NBT tag")?;
                let n = i32::from_be_bytes(self.array::<4>("NBT list")?);
                if elem == 0 && n > 0 {
                    return fail(ErrorKind::Nbt(NbtError::EndListNotEmpty(n)));
                }
                if !self.known(elem) && n >= 0 {
                    if n > 0 {
                        return fail(ErrorKind::Nbt(NbtError::InvalidTag(elem)));
                    }
                    return Ok(Err(Frame::List {
                        elem: 0,
                        remaining: 0,
                        value: List::End,
                    }));
                }
                let n = self.check_len(n, min_payload(elem))?;
                self.charge(n as u64 * list_slot_size(elem) as u64)?;
                return Ok(Err(Frame::List {
                    elem,
                    remaining: n,
                    value: empty_list(elem, n),
                }));
            }
            10 => {
                return Ok(Err(Frame::Compound {
                    value: Compound::new(),
                    key: None,
                }));
            }
            11 => {
                let n = self.len_i32(4, "NBT int array")?;
                self.charge(n as u64 * 4)?;
                let b = self.take(n * 4, "NBT int array")?;
                Value::IntArray(
                    b.chunks_exact(4)
                        .map(|c| i32::from_be_bytes([c[0], c[1], c[2], c[3]]))
                        .collect(),
                )
            }
            12 if self.long_arrays => {
                let n = self.len_i32(8, "NBT long array")?;
                self.charge(n as u64 * 8)?;
                let b = self.take(n * 8, "NBT long array")?;
                Value::LongArray(
                    b.chunks_exact(8)
                        .map(|c| {
                            i64::from_be_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]])
                        })
                        .collect(),
                )
            }
            other => return fail(ErrorKind::Nbt(NbtError::InvalidTag(other))),
        }))
    }
}

/// In-memory size of one element of a list of `elem`s (its slot in the
/// list's `Vec`), charged to the size budget before the list is allocated.
fn list_slot_size(elem: u8) -> usize {
    use std::mem::size_of;
    match elem {
        1 => size_of::<i8>(),
        2 => size_of::<i16>(),
        3 => size_of::<i32>(),
        4 => size_of::<i64>(),
        5 => size_of::<f32>(),
        6 => size_of::<f64>(),
        7 => size_of::<Vec<i8>>(),
        8 => size_of::<String>(),
        9 => size_of::<List>(),
        10 => size_of::<Compound>(),
        11 => size_of::<Vec<i32>>(),
        12 => size_of::<Vec<i64>>(),
        _ => 0,
    }
}

/// An empty list of element type `elem` with room for exactly `n` elements:
/// a length already checked against the input and charged to the size
/// budget, so the list never grows by doubling.
fn empty_list(elem: u8, n: usize) -> List {
    fn vec<T>(n: usize) -> Vec<T> {
        Vec::with_capacity(n)
    }
    match elem {
        1 => List::Byte(vec(n)),
        2 => List::Short(vec(n)),
        3 => List::Int(vec(n)),
        4 => List::Long(vec(n)),
        5 => List::Float(vec(n)),
        6 => List::Double(vec(n)),
        7 => List::ByteArray(vec(n)),
        8 => List::String(vec(n)),
        9 => List::List(vec(n)),
        10 => List::Compound(vec(n)),
        11 => List::IntArray(vec(n)),
        12 => List::LongArray(vec(n)),
        _ => List::End,
    }
}

fn min_payload(tag: u8) -> usize {
    match tag {
        1 => 1,
        2 | 8 => 2,
        3 | 5 | 7 | 11 | 12 => 4,
        4 | 6 => 8,
        9 => 5,
        10 => 1,
        _ => 0,
    }
}

fn push_list(list: &mut List, v: Value) {
    match (list, v) {
        (List::Byte(l), Value::Byte(x)) => l.push(x),
        (List::Short(l), Value::Short(x)) => l.push(x),
        (List::Int(l), Value::Int(x)) => l.push(x),
        (List::Long(l), Value::Long(x)) => l.push(x),
        (List::Float(l), Value::Float(x)) => l.push(x),
        (List::Double(l), Value::Double(x)) => l.push(x),
        (List::ByteArray(l), Value::ByteArray(x)) => l.push(x),
        (List::String(l), Value::String(x)) => l.push(x),
        (List::List(l), Value::List(x)) => l.push(x),
        (List::Compound(l), Value::Compound(x)) => l.push(x),
        (List::IntArray(l), Value::IntArray(x)) => l.push(x),
        (List::LongArray(l), Value::LongArray(x)) => l.push(x),
        // The parser only produces elements of the list's own type.
        _ => {}
    }
}

/// Parses one NBT field (a named root compound, or 0x00 for none) from the
/// start of `buf`, returning it and the bytes it took.
pub fn parse(buf: &[u8], limits: DecodeLimits, version: ProtocolVersion) -> Result<(Nbt, usize)> {
    let mut p = Parser {
        buf,
        pos: 0,
        limits,
        budget_used: 0,
        long_arrays: version >= LONG_ARRAY_SINCE,
    };
    match p.tag()? {
        0 => return Ok((Nbt::Absent, 1)),
        10 => {}
        other => return fail(ErrorKind::Nbt(NbtError::RootNotCompound(other))),
    }
    let name = p.string()?;
    let mut stack: Vec<Frame> = vec![Frame::Compound {
        value: Compound::new(),
        key: None,
    }];
    loop {
        // Produce the next child value of the innermost frame, or close it.
        let next: std::result::Result<Option<Value>, Frame> = match stack.last_mut() {
            None => unreachable!("the stack holds the root until it is returned"),
            Some(Frame::Compound { key, .. }) => {
                let t = p.tag()?;
                if t == 0 {
                    Ok(None)
                } else {
                    *key = Some(p.string()?);
                    p.scalar_or_open(t)?.map(Some)
                }
            }
            Some(Frame::List {
                elem, remaining, ..
            }) => {
                if *remaining == 0 {
                    Ok(None)
                } else {
                    *remaining -= 1;
                    let e = *elem;
                    p.scalar_or_open(e)?.map(Some)
                }
            }
        };
        let finished = match next {
            Err(frame) => {
                if stack.len() >= usize::from(p.limits.nbt_max_depth) {
                    return fail(ErrorKind::Nbt(NbtError::TooDeep {
                        max: p.limits.nbt_max_depth,
                    }));
                }
                stack.push(frame);
                continue;
            }
            Ok(Some(v)) => v,
            Ok(None) => match stack.pop() {
                Some(Frame::Compound { value, .. }) if stack.is_empty() => {
                    return Ok((
                        Nbt::Compound {
                            name,
                            value: Box::new(value),
                        },
                        p.pos,
                    ));
                }
                Some(Frame::Compound { value, .. }) => Value::Compound(value),
                Some(Frame::List { value, .. }) => Value::List(value),
                None => unreachable!("popped only when a frame is open"),
            },
        };
        match stack.last_mut() {
            Some(Frame::Compound { value, key }) => {
                let k = key.take().unwrap_or_default();
                if value.insert(k, finished).is_some() {
                    return fail(ErrorKind::Nbt(NbtError::DuplicateKey));
                }
            }
            Some(Frame::List { value, .. }) => push_list(value, finished),
            None => unreachable!("the root returns above"),
        }
    }
}

/// Checks the NBT field at the start of `buf` and returns its length.
pub fn scan(buf: &[u8], limits: DecodeLimits, version: ProtocolVersion) -> Result<usize> {
    parse(buf, limits, version).map(|(_, n)| n)
}

impl<'a> Decode<'a> for Nbt {
    const MIN_SIZE: usize = 1;
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let (nbt, len) = parse(r.peek_rest(), r.limits(), r.version())?;
        r.take(len, "NBT")?;
        Ok(nbt)
    }
}

impl Encode for Nbt {
    fn encode(&self, w: &mut Writer<'_>) -> Result<()> {
        match self {
            Nbt::Absent => {
                w.put_u8(0);
                Ok(())
            }
            Nbt::Compound { name, value } => valence_nbt::to_binary(value, w.buffer(), name)
                .map_err(|_| {
                    Error::new(ErrorKind::TooLong {
                        len: 0,
                        max: u16::MAX as usize,
                        unit: crate::error::LengthUnit::Bytes,
                    })
                }),
        }
    }
}

impl Describe for Nbt {
    fn describe(_: ProtocolVersion) -> WireType {
        WireType::Named("NBT")
    }
}

#[cfg(feature = "generate")]
fn gen_value(g: &mut Gen<'_>, depth: u32) -> Value {
    let choices = if depth >= 2 { 8 } else { 11 };
    match g.below(choices) {
        0 => Value::Byte(g.byte() as i8),
        1 => Value::Short(g.int_in(i64::from(i16::MIN), i64::from(i16::MAX)) as i16),
        2 => Value::Int(g.u64() as i32),
        3 => Value::Long(g.u64() as i64),
        4 => Value::Float(g.f64() as f32),
        5 => Value::Double(g.f64()),
        6 => Value::String(g.string(20)),
        7 => Value::ByteArray(g.bytes(16).into_iter().map(|b| b as i8).collect()),
        8 => Value::IntArray((0..g.len(4)).map(|_| g.u64() as i32).collect()),
        9 => Value::List(List::Int((0..g.len(4)).map(|_| g.u64() as i32).collect())),
        _ => Value::Compound(gen_compound(g, depth + 1)),
    }
}

#[cfg(feature = "generate")]
fn gen_compound(g: &mut Gen<'_>, depth: u32) -> Compound {
    let mut c = Compound::new();
    for i in 0..g.len(4) {
        // Keys must be unique for the value to survive a round trip.
        c.insert(format!("{}{i}", g.string(6)), gen_value(g, depth));
    }
    c
}

#[cfg(feature = "generate")]
impl Generate for Nbt {
    fn generate(g: &mut Gen<'_>) -> Self {
        if g.bool() {
            Nbt::Absent
        } else {
            Nbt::Compound {
                name: if g.bool() { String::new() } else { g.string(8) },
                value: Box::new(gen_compound(g, 0)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{decode_exact, encode_to_vec};
    use crate::version::ProtocolVersion;

    const V: ProtocolVersion = ProtocolVersion(47);

    #[test]
    fn golden_compound() {
        // TAG_Compound "" { TAG_Int "int" = 0xdead }, worked from the tag table.
        let bytes = [10, 0, 0, 3, 0, 3, b'i', b'n', b't', 0, 0, 0xde, 0xad, 0];
        let nbt = decode_exact::<Nbt>(&bytes, V).unwrap();
        assert_eq!(
            nbt.compound().unwrap().get("int"),
            Some(&Value::Int(0xdead))
        );
        assert_eq!(encode_to_vec(&nbt, V).unwrap(), bytes);
        assert_eq!(decode_exact::<Nbt>(&[0], V).unwrap(), Nbt::Absent);
        assert_eq!(encode_to_vec(&Nbt::Absent, V).unwrap(), [0]);
    }

    #[test]
    fn hostile_nbt_is_rejected() {
        let limits = DecodeLimits::default();
        // A list claiming 2^31-1 ints with no data.
        let bad = [10, 0, 0, 9, 0, 1, b'l', 3, 0x7f, 0xff, 0xff, 0xff, 0];
        assert!(matches!(
            scan(&bad, limits, V).unwrap_err().kind(),
            ErrorKind::LengthExceedsInput { .. }
        ));
        // 600 nested lists of lists.
        let mut deep = vec![10, 0, 0, 9, 0, 1, b'l'];
        for _ in 0..600 {
            deep.extend_from_slice(&[9, 0, 0, 0, 1]);
        }
        let err = scan(&deep, limits, V).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Nbt(NbtError::TooDeep { max: 512 })),
            "{err}"
        );
        // Tag 12 (long array) does not exist in 1.8, nor before 1.12.
        let long_array = [10, 0, 0, 12, 0, 1, b'a', 0, 0, 0, 0, 0];
        for v in [V, ProtocolVersion(316)] {
            assert!(matches!(
                scan(&long_array, limits, v).unwrap_err().kind(),
                ErrorKind::Nbt(NbtError::InvalidTag(12))
            ));
        }
        // A root that is not a compound.
        assert!(matches!(
            scan(&[8, 0, 0, 0, 0], limits, V).unwrap_err().kind(),
            ErrorKind::Nbt(NbtError::RootNotCompound(8))
        ));
        // Lists of TAG_End must be empty.
        let end_list = [10, 0, 0, 9, 0, 1, b'e', 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0];
        assert!(matches!(
            scan(&end_list, limits, V).unwrap_err().kind(),
            ErrorKind::Nbt(NbtError::EndListNotEmpty(5))
        ));
        // Vanilla checks that before the length: a list of TAG_End claiming
        // 0x40000 elements with none there is that error, not a length
        // larger than the input.
        let end_list = [10, 0, 0, 9, 0, 1, b'e', 0, 0, 4, 0, 0, 0];
        assert!(matches!(
            scan(&end_list, limits, V).unwrap_err().kind(),
            ErrorKind::Nbt(NbtError::EndListNotEmpty(0x40000))
        ));
    }

    #[test]
    fn an_empty_list_of_an_unknown_type_is_empty() {
        // Vanilla 1.8 - 1.12.2 (NBTTagList.read) reads the element type and
        // the length, then one tag per element: a type it does not know (13,
        // 0xff; 12 before 1.12) fails only with an element to read.
        // { "l": [] } as root compound 0a 0000 | list 09, name 0001 "l" |
        // element type | length 00000000 | end 00:
        for (elem, v) in [(13, V), (0xff, V), (12, V), (13, ProtocolVersion(340))] {
            let bytes = [10, 0, 0, 9, 0, 1, b'l', elem, 0, 0, 0, 0, 0];
            let nbt = decode_exact::<Nbt>(&bytes, v).unwrap();
            assert_eq!(
                nbt.compound().unwrap().get("l"),
                Some(&Value::List(List::End)),
                "{elem}"
            );
            // Re-encoded as vanilla writes an empty list: element type 0.
            let mut again = bytes;
            again[7] = 0;
            assert_eq!(encode_to_vec(&nbt, v).unwrap(), again);
            // With one element (00 00 00 01, then a byte) it fails.
            let one = [10, 0, 0, 9, 0, 1, b'l', elem, 0, 0, 0, 1, 0, 0];
            assert!(matches!(
                scan(&one, DecodeLimits::default(), v).unwrap_err().kind(),
                ErrorKind::Nbt(NbtError::InvalidTag(t)) if *t == elem
            ));
            // And a negative length fails whatever the type (ff ff ff ff).
            let negative = [10, 0, 0, 9, 0, 1, b'l', elem, 0xff, 0xff, 0xff, 0xff, 0];
            assert!(matches!(
                scan(&negative, DecodeLimits::default(), v)
                    .unwrap_err()
                    .kind(),
                ErrorKind::Nbt(NbtError::NegativeLength(-1))
            ));
        }
    }

    #[test]
    fn long_arrays_from_1_12() {
        // { "L": [L; 1, -2] } and a list of one long array, worked from the
        // tag table: tag 12, name, Int count, then big-endian Longs.
        let mut bytes = vec![10, 0, 0, 12, 0, 1, b'L', 0, 0, 0, 2];
        bytes.extend_from_slice(&1i64.to_be_bytes());
        bytes.extend_from_slice(&(-2i64).to_be_bytes());
        bytes.extend_from_slice(&[9, 0, 1, b'l', 12, 0, 0, 0, 1, 0, 0, 0, 0]);
        bytes.push(0);
        let v1_12 = ProtocolVersion(335);
        let nbt = decode_exact::<Nbt>(&bytes, v1_12).unwrap();
        let root = nbt.compound().unwrap();
        assert_eq!(root.get("L"), Some(&Value::LongArray(vec![1, -2])));
        assert_eq!(
            root.get("l"),
            Some(&Value::List(List::LongArray(vec![vec![]])))
        );
        assert_eq!(encode_to_vec(&nbt, v1_12).unwrap(), bytes);
        // A count larger than the input is refused before allocating.
        let lying = [10, 0, 0, 12, 0, 1, b'L', 0x7f, 0xff, 0xff, 0xff, 0];
        assert!(matches!(
            scan(&lying, DecodeLimits::default(), v1_12)
                .unwrap_err()
                .kind(),
            ErrorKind::LengthExceedsInput { .. }
        ));
    }

    #[test]
    fn nested_lists_and_compounds_round_trip() {
        // { "l": [ [1b, 2b], [] ] , "c": { "s": "hé" } }, worked from the tag table.
        let bytes = [
            10, 0, 0, // root compound, empty name
            9, 0, 1, b'l', 9, 0, 0, 0, 2, // list "l" of 2 lists
            1, 0, 0, 0, 2, 1, 2, // [1b, 2b]
            1, 0, 0, 0, 0, // [] of bytes
            10, 0, 1, b'c', // compound "c"
            8, 0, 1, b's', 0, 3, b'h', 0xc3, 0xa9, // "s": "hé"
            0,    // end of "c"
            0,    // end of root
        ];
        let nbt = decode_exact::<Nbt>(&bytes, V).unwrap();
        let root = nbt.compound().unwrap();
        assert_eq!(
            root.get("l"),
            Some(&Value::List(List::List(vec![
                List::Byte(vec![1, 2]),
                List::Byte(vec![])
            ])))
        );
        assert_eq!(encode_to_vec(&nbt, V).unwrap(), bytes);
        // Duplicate keys could not re-encode identically: rejected.
        let dup = [10, 0, 0, 1, 0, 1, b'a', 1, 1, 0, 1, b'a', 2, 0];
        assert!(matches!(
            scan(&dup, DecodeLimits::default(), V).unwrap_err().kind(),
            ErrorKind::Nbt(NbtError::DuplicateKey)
        ));
        // Every proper prefix is an error, never a panic.
        for cut in 0..bytes.len() {
            assert!(scan(&bytes[..cut], DecodeLimits::default(), V).is_err());
        }
    }

    #[test]
    fn size_budget_is_enforced() {
        let tight = DecodeLimits {
            nbt_max_bytes: 100,
            ..DecodeLimits::default()
        };
        let mut many = vec![10, 0, 0];
        for i in 0..10u8 {
            many.extend_from_slice(&[1, 0, 1, b'a' + i, 7]);
        }
        many.push(0);
        assert!(scan(&many, DecodeLimits::default(), V).is_ok());
        assert!(matches!(
            scan(&many, tight, V).unwrap_err().kind(),
            ErrorKind::Nbt(NbtError::TooLarge { max: 100 })
        ));
    }
}
