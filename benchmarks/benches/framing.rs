//! VarInts, frame splitting, compression and the zlib backends.

use std::hint::black_box;
use std::time::{Duration, Instant};

use bytes::BytesMut;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mcproto::Reader;
use mcproto::frame::{FrameDecoder, FrameEncoder};
use mcproto::types::varint::{decode_varint, put_varint};
use mcproto_benchmarks as inputs;
use valence_protocol::anyhow;
use valence_protocol::{Decode as _, Encode as _};

const N_VARINTS: usize = 65536;

fn varint(c: &mut Criterion) {
    let values = inputs::varint_values(N_VARINTS);
    let stream = inputs::varint_stream(&values);
    let mut g = c.benchmark_group("varint");
    g.throughput(Throughput::Elements(N_VARINTS as u64));
    g.bench_function(BenchmarkId::new("decode", "mcproto"), |b| {
        b.iter(|| {
            let mut r = Reader::new(black_box(&stream), mcproto_benchmarks::V);
            let mut sum = 0i32;
            while !r.is_empty() {
                sum = sum.wrapping_add(r.varint().unwrap());
            }
            sum
        })
    });
    g.bench_function(BenchmarkId::new("decode", "mcproto_fn"), |b| {
        b.iter(|| {
            let mut buf = &black_box(&stream)[..];
            let mut sum = 0i32;
            while !buf.is_empty() {
                let (v, n) = decode_varint(buf).unwrap();
                sum = sum.wrapping_add(v);
                buf = &buf[n..];
            }
            sum
        })
    });
    g.bench_function(BenchmarkId::new("decode", "valence"), |b| {
        b.iter(|| {
            let mut r = &black_box(&stream)[..];
            let mut sum = 0i32;
            while !r.is_empty() {
                sum = sum.wrapping_add(valence_protocol::VarInt::decode(&mut r).unwrap().0);
            }
            sum
        })
    });
    let mut out = Vec::with_capacity(stream.len());
    g.bench_function(BenchmarkId::new("encode", "mcproto"), |b| {
        b.iter(|| {
            out.clear();
            for v in black_box(&values) {
                put_varint(&mut out, *v);
            }
            out.len()
        })
    });
    g.bench_function(BenchmarkId::new("encode", "valence"), |b| {
        b.iter(|| {
            out.clear();
            for v in black_box(&values) {
                valence_protocol::VarInt(*v).encode(&mut out).unwrap();
            }
            out.len()
        })
    });
    g.finish();
    let mut check = Vec::new();
    for v in &values {
        valence_protocol::VarInt(*v).encode(&mut check).unwrap();
    }
    assert!(check == stream, "valence encodes VarInts differently");
}

/// Splits `stream` with mcproto's decoder; returns the frame count.
fn split_mcproto(dec: &mut FrameDecoder, stream: &[u8]) -> usize {
    dec.feed(stream);
    let mut n = 0;
    while let Some(f) = dec.next_frame().unwrap() {
        black_box(f);
        n += 1;
    }
    n
}

fn split_valence(dec: &mut valence_protocol::PacketDecoder, stream: &[u8]) -> usize {
    dec.queue_slice(stream);
    let mut n = 0;
    while let Some(f) = dec.try_next_packet().unwrap() {
        black_box(&f);
        n += 1;
    }
    n
}

// The split loops below consume each frame by adding up its length: a
// `black_box` per frame would be an opaque memory clobber that forces the
// decoder's fields to be reloaded on every frame, which real code does not.
fn split_borrowed(dec: &mut FrameDecoder) -> usize {
    let mut n = 0;
    while let Some(f) = dec.next_frame().unwrap() {
        n += f.len();
    }
    n
}

/// The same walk over the decoder's buffered bytes, written by hand over a
/// slice: the lower bound for any frame splitter.
fn split_bound(dec: &mut FrameDecoder) -> usize {
    let buf = dec.buffer_mut();
    let n = bound_walk(&buf[..]);
    buf.clear();
    n
}

#[inline(always)]
fn bound_walk(buf: &[u8]) -> usize {
    let mut pos = 0;
    let mut n = 0;
    while pos < buf.len() {
        let (len, p) = if buf[pos] < 0x80 {
            (buf[pos] as usize, 1)
        } else if buf[pos + 1] < 0x80 {
            ((buf[pos] & 0x7f) as usize | (buf[pos + 1] as usize) << 7, 2)
        } else {
            (
                (buf[pos] & 0x7f) as usize
                    | ((buf[pos + 1] & 0x7f) as usize) << 7
                    | (buf[pos + 2] as usize) << 14,
                3,
            )
        };
        n += buf[pos + p..pos + p + len].len();
        pos += p + len;
    }
    n
}

/// Times `split` alone on a decoder that already holds the stream (as after
/// a socket read into its buffer).
fn time_split(
    b: &mut criterion::Bencher<'_>,
    dec: &mut FrameDecoder,
    stream: &[u8],
    split: fn(&mut FrameDecoder) -> usize,
) {
    b.iter_custom(|iters| {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            dec.feed(stream);
            let start = Instant::now();
            black_box(split(dec));
            total += start.elapsed();
        }
        total
    })
}

fn frames(c: &mut Criterion) {
    let packets = inputs::clientbound_play_stream(400);
    let stream = inputs::frame_stream(&packets, None);
    eprintln!(
        "frames/split: {} frames, {} bytes, {:.0} bytes per frame on average",
        packets.len(),
        stream.len(),
        stream.len() as f64 / packets.len() as f64
    );
    let mut g = c.benchmark_group("frames/split");
    g.throughput(Throughput::Bytes(stream.len() as u64));
    let mut dst = vec![0u8; stream.len()];
    g.bench_function("memcpy", |b| {
        b.iter(|| {
            dst.copy_from_slice(black_box(&stream));
            black_box(&dst);
        })
    });
    let mut dec = FrameDecoder::new();
    dec.feed(&stream);
    assert_eq!(split_borrowed(&mut dec), inputs::total_len(&packets));
    g.bench_function("mcproto_borrowed", |b| {
        time_split(b, &mut dec, &stream, split_borrowed)
    });
    g.bench_function("bound_local_loop", |b| {
        b.iter(|| bound_walk(black_box(&stream[..])))
    });
    g.bench_function("bound_fed", |b| {
        time_split(b, &mut dec, &stream, split_bound)
    });
    g.bench_function("mcproto_feed_borrowed", |b| {
        b.iter(|| {
            dec.feed(&stream);
            split_borrowed(&mut dec)
        })
    });
    assert_eq!(split_mcproto(&mut dec, &stream), packets.len());
    g.bench_function("mcproto", |b| b.iter(|| split_mcproto(&mut dec, &stream)));
    let mut vdec = valence_protocol::PacketDecoder::new();
    assert_eq!(split_valence(&mut vdec, &stream), packets.len());
    g.bench_function("valence", |b| b.iter(|| split_valence(&mut vdec, &stream)));
    g.finish();

    // The same stream arriving in 8 KiB reads, as from a socket: each read
    // is copied into the decoder and split while it is hot in the cache.
    let mut g = c.benchmark_group("frames/split_8k");
    g.throughput(Throughput::Bytes(stream.len() as u64));
    let mut ring = vec![0u8; READ];
    g.bench_function("memcpy", |b| {
        b.iter(|| {
            for piece in black_box(&stream).chunks(READ) {
                ring[..piece.len()].copy_from_slice(piece);
                black_box(&ring);
            }
        })
    });
    g.bench_function("mcproto_borrowed", |b| {
        b.iter(|| {
            let mut n = 0;
            for piece in black_box(&stream).chunks(READ) {
                dec.feed(piece);
                n += split_borrowed(&mut dec);
            }
            n
        })
    });
    g.bench_function("valence", |b| {
        b.iter(|| {
            let mut n = 0;
            for piece in black_box(&stream).chunks(READ) {
                n += split_valence(&mut vdec, piece);
            }
            n
        })
    });
    g.finish();
}

/// Bytes per simulated socket read.
const READ: usize = 8192;

/// The packets of the clientbound stream minus any of exactly the threshold
/// length, which vanilla (and mcproto) compress but valence refuses to see
/// compressed (it compresses only above the threshold).
fn compressible_packets() -> Vec<Vec<u8>> {
    inputs::clientbound_play_stream(400)
        .into_iter()
        .filter(|p| p.len() != inputs::THRESHOLD)
        .collect()
}

/// valence's encoder takes typed packets; this one writes bytes that
/// already hold the id, so both encoders see the same input.
#[derive(Debug)]
struct RawPacket<'a>(&'a [u8]);

impl valence_protocol::Packet for RawPacket<'_> {
    const ID: i32 = 0;
    const NAME: &'static str = "RawPacket";
    const SIDE: valence_protocol::PacketSide = valence_protocol::PacketSide::Clientbound;
    const STATE: valence_protocol::PacketState = valence_protocol::PacketState::Play;

    fn encode_with_id(&self, mut w: impl std::io::Write) -> anyhow::Result<()> {
        w.write_all(self.0)?;
        Ok(())
    }
}

impl valence_protocol::Encode for RawPacket<'_> {
    fn encode(&self, mut w: impl std::io::Write) -> anyhow::Result<()> {
        w.write_all(self.0)?;
        Ok(())
    }
}

fn compression(c: &mut Criterion) {
    let packets = compressible_packets();
    let raw_len = inputs::total_len(&packets);
    let threshold = inputs::THRESHOLD;
    let stream = inputs::frame_stream(&packets, Some(threshold));

    let mut g = c.benchmark_group("frames/compress_256");
    g.throughput(Throughput::Bytes(raw_len as u64));
    let mut enc = FrameEncoder::new();
    enc.set_compression(Some(threshold));
    let mut out = BytesMut::with_capacity(stream.len() * 2);
    g.bench_function("mcproto", |b| {
        b.iter(|| {
            out.clear();
            for p in &packets {
                enc.encode(p, &mut out).unwrap();
            }
            out.len()
        })
    });
    let mut venc = valence_protocol::PacketEncoder::new();
    venc.set_compression(Some(threshold as u32));
    g.bench_function("valence", |b| {
        b.iter(|| {
            for p in &packets {
                venc.append_packet(&RawPacket(p)).unwrap();
            }
            venc.take().len()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("frames/decompress_256");
    g.throughput(Throughput::Bytes(raw_len as u64));
    let mut dec = FrameDecoder::new();
    dec.set_compression(Some(threshold));
    assert_eq!(split_mcproto(&mut dec, &stream), packets.len());
    g.bench_function("mcproto", |b| b.iter(|| split_mcproto(&mut dec, &stream)));
    g.bench_function("mcproto_borrowed", |b| {
        b.iter(|| {
            dec.feed(&stream);
            split_borrowed(&mut dec)
        })
    });
    let mut vdec = valence_protocol::PacketDecoder::new();
    vdec.set_compression(Some(threshold as u32));
    assert_eq!(split_valence(&mut vdec, &stream), packets.len());
    g.bench_function("valence", |b| b.iter(|| split_valence(&mut vdec, &stream)));
    g.finish();
}

/// The zlib backends on the packets that are compressed at threshold 256,
/// each with its state reused between packets.
fn zlib_backends(c: &mut Criterion) {
    use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress};

    let packets: Vec<Vec<u8>> = compressible_packets()
        .into_iter()
        .filter(|p| p.len() >= inputs::THRESHOLD)
        .collect();
    let raw_len = inputs::total_len(&packets);
    let level = 4;

    // Compressed forms, one per backend (their outputs differ in bytes but
    // each inflates with any of them).
    let zlibrs: Vec<Vec<u8>> = {
        let mut z = Compress::new(Compression::new(level), true);
        packets
            .iter()
            .map(|p| {
                z.reset();
                let mut out = Vec::with_capacity(p.len() + 64);
                z.compress_vec(p, &mut out, FlushCompress::Finish).unwrap();
                out
            })
            .collect()
    };
    let miniz: Vec<Vec<u8>> = packets
        .iter()
        .map(|p| miniz_oxide::deflate::compress_to_vec_zlib(p, level as u8))
        .collect();
    let mut ldc =
        libdeflater::Compressor::new(libdeflater::CompressionLvl::new(level as i32).unwrap());
    let libdeflate: Vec<Vec<u8>> = packets
        .iter()
        .map(|p| {
            let mut out = vec![0; ldc.zlib_compress_bound(p.len())];
            let n = ldc.zlib_compress(p, &mut out).unwrap();
            out.truncate(n);
            out
        })
        .collect();
    for (name, set) in [
        ("zlib-rs", &zlibrs),
        ("miniz_oxide", &miniz),
        ("libdeflate", &libdeflate),
    ] {
        eprintln!(
            "zlib level {level} {name}: {raw_len} bytes -> {} bytes",
            inputs::total_len(set)
        );
    }

    let mut g = c.benchmark_group("zlib/compress_l4");
    g.throughput(Throughput::Bytes(raw_len as u64));
    let mut z = Compress::new(Compression::new(level), true);
    let mut out = Vec::with_capacity(1 << 20);
    g.bench_function("zlib-rs", |b| {
        b.iter(|| {
            let mut total = 0;
            for p in &packets {
                z.reset();
                out.clear();
                z.compress_vec(p, &mut out, FlushCompress::Finish).unwrap();
                total += out.len();
            }
            total
        })
    });
    let mut mz = miniz_oxide::deflate::core::CompressorOxide::new(
        miniz_oxide::deflate::core::create_comp_flags_from_zip_params(level as i32, 1, 0),
    );
    let mut buf = vec![0u8; 1 << 20];
    g.bench_function("miniz_oxide", |b| {
        b.iter(|| {
            let mut total = 0;
            for p in &packets {
                mz.reset();
                let (status, _, n) = miniz_oxide::deflate::core::compress(
                    &mut mz,
                    p,
                    &mut buf,
                    miniz_oxide::deflate::core::TDEFLFlush::Finish,
                );
                assert_eq!(status, miniz_oxide::deflate::core::TDEFLStatus::Done);
                total += n;
            }
            total
        })
    });
    g.bench_function("libdeflate", |b| {
        b.iter(|| {
            let mut total = 0;
            for p in &packets {
                total += ldc.zlib_compress(p, &mut buf).unwrap();
            }
            total
        })
    });
    g.finish();

    let mut g = c.benchmark_group("zlib/decompress");
    g.throughput(Throughput::Bytes(raw_len as u64));
    let mut dst = vec![0u8; packets.iter().map(Vec::len).max().unwrap()];
    let mut d = Decompress::new(true);
    g.bench_function("zlib-rs", |b| {
        b.iter(|| {
            for (z, p) in zlibrs.iter().zip(&packets) {
                d.reset(true);
                let out = &mut dst[..p.len()];
                d.decompress(z, out, FlushDecompress::Finish).unwrap();
                black_box(&out);
            }
        })
    });
    let mut mz = miniz_oxide::inflate::core::DecompressorOxide::new();
    g.bench_function("miniz_oxide", |b| {
        use miniz_oxide::inflate::core::inflate_flags::*;
        b.iter(|| {
            for (z, p) in zlibrs.iter().zip(&packets) {
                mz.init();
                let out = &mut dst[..p.len()];
                let (status, _, n) = miniz_oxide::inflate::core::decompress(
                    &mut mz,
                    z,
                    out,
                    0,
                    TINFL_FLAG_PARSE_ZLIB_HEADER | TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
                );
                assert_eq!(status, miniz_oxide::inflate::TINFLStatus::Done);
                assert_eq!(n, p.len());
            }
        })
    });
    let mut ldd = libdeflater::Decompressor::new();
    g.bench_function("libdeflate", |b| {
        b.iter(|| {
            for (z, p) in zlibrs.iter().zip(&packets) {
                let out = &mut dst[..p.len()];
                let n = ldd.zlib_decompress(z, out).unwrap();
                assert_eq!(n, p.len());
            }
        })
    });
    g.finish();
}

criterion_group!(framing, varint, frames, compression, zlib_backends);
criterion_main!(framing);
