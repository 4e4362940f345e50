//! Random valid values, for property tests and fuzzing.
//!
//! [`Gen`] turns an arbitrary byte string into choices (reading zeros once
//! the bytes run out, so generation always ends), and [`Generate`] builds a
//! value that respects its layout: a field present only when an earlier field
//! has some value is generated exactly then, a field of another protocol
//! version is left out, strings stay within their maximum. Property tests
//! feed random bytes; fuzzers feed their inputs, so coverage guidance steers
//! the choices.
//!
//! Test tooling only: this module, its impls for every wire type and the
//! `Generate` derive exist with the `generate` feature, off by default.

use crate::version::ProtocolVersion;

/// A source of choices for [`Generate`].
#[derive(Debug, Clone)]
pub struct Gen<'g> {
    data: &'g [u8],
    pos: usize,
    version: ProtocolVersion,
    /// Current nesting depth, for recursive types.
    pub depth: u32,
}

impl<'g> Gen<'g> {
    /// Choices read from `data`, generating values for `version`.
    pub fn new(data: &'g [u8], version: ProtocolVersion) -> Self {
        Gen {
            data,
            pos: 0,
            version,
            depth: 0,
        }
    }

    /// The protocol version values are generated for.
    pub fn version(&self) -> ProtocolVersion {
        self.version
    }

    /// Whether the input bytes are used up.
    pub fn is_exhausted(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// The next byte (0 once the input is used up).
    pub fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    /// The next 8 bytes as a number.
    pub fn u64(&mut self) -> u64 {
        let mut v = 0u64;
        for _ in 0..8 {
            v = (v << 8) | u64::from(self.byte());
        }
        v
    }

    /// A boolean.
    pub fn bool(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    /// A number in `0..n` (0 if `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        if n <= 256 {
            return self.byte() as usize % n;
        }
        (self.u64() % n as u64) as usize
    }

    /// An integer in `min..=max`, often small or at an extreme.
    pub fn int_in(&mut self, min: i64, max: i64) -> i64 {
        let v = match self.byte() % 8 {
            0 => 0,
            1 => min,
            2 => max,
            3 | 4 => i64::from(self.byte() as i8),
            _ => self.u64() as i64,
        };
        if v >= min && v <= max {
            v
        } else {
            // Fold into range; the span may be the whole of i64.
            let span = (max as i128 - min as i128 + 1) as u128;
            (min as i128 + ((v as i128 - min as i128).rem_euclid(span as i128))) as i64
        }
    }

    /// A length for a sequence of at most `max` elements (usually short).
    pub fn len(&mut self, max: usize) -> usize {
        let cap = max.min(6);
        self.below(cap + 1)
    }

    /// A string of at most `max_units` UTF-16 units, mixing ASCII and
    /// other scripts (including characters outside the BMP).
    pub fn string(&mut self, max_units: usize) -> String {
        const POOL: &[char] = &[
            'a', 'Z', '0', ' ', '_', '-', '/', '|', 'é', 'ß', 'Ж', 'λ', '中', '文', '€', '\u{7f}',
            '😀', '𝄞',
        ];
        let mut s = String::new();
        let mut units = 0;
        let n = self.len(max_units.min(24));
        for _ in 0..n {
            let c = POOL[self.below(POOL.len())];
            if units + c.len_utf16() > max_units {
                break;
            }
            units += c.len_utf16();
            s.push(c);
        }
        s
    }

    /// Up to `max` random bytes.
    pub fn bytes(&mut self, max: usize) -> Vec<u8> {
        let n = self.below(max.min(48) + 1);
        (0..n).map(|_| self.byte()).collect()
    }

    /// A float, sometimes a special value.
    pub fn f64(&mut self) -> f64 {
        match self.byte() % 8 {
            0 => 0.0,
            1 => -1.5,
            2 => f64::from_bits(self.u64()),
            _ => (self.u64() as i64 as f64) / 65536.0,
        }
    }
}

/// A type that can build a random valid value of itself.
pub trait Generate: Sized {
    /// A value chosen by `g`.
    fn generate(g: &mut Gen<'_>) -> Self;
}

/// Strings and sequences with a maximum length.
pub trait GenerateBounded: Sized {
    /// A value no longer than `max` (characters or elements).
    fn generate_bounded(g: &mut Gen<'_>, max: usize) -> Self;
}

/// Sequences with a given number of elements.
pub trait GenerateSeq: Sized {
    /// A sequence of exactly `count` elements.
    fn generate_counted(g: &mut Gen<'_>, count: usize) -> Self;
}
