//! valence_protocol's side of the comparisons: its packet framing, with
//! protocol 47's ids instead of its 1.20.1 ones.

use valence_protocol::{Decode as _, Encode as _, anyhow};

/// What valence's `PacketFrame::decode` does (id check, body, nothing left),
/// with the protocol-47 id instead of its 1.20.1 one.
#[inline(always)]
pub fn valence_decode<'a, P: valence_protocol::Decode<'a>>(
    bytes: &'a [u8],
    id: i32,
) -> anyhow::Result<P> {
    let mut r = bytes;
    let got = valence_protocol::VarInt::decode(&mut r)?.0;
    anyhow::ensure!(got == id, "packet ID mismatch");
    let p = P::decode(&mut r)?;
    anyhow::ensure!(r.is_empty(), "missed bytes");
    Ok(p)
}

/// What valence's `encode_with_id` does, with the protocol-47 id.
#[inline(always)]
pub fn valence_encode<P: valence_protocol::Encode>(
    p: &P,
    id: i32,
    buf: &mut Vec<u8>,
) -> anyhow::Result<()> {
    valence_protocol::VarInt(id).encode(&mut *buf)?;
    p.encode(&mut *buf)
}
