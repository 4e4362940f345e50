//! Session recordings in ReplayMod's format.
//!
//! A `.tmcpr` stream is what the client received, packet after packet:
//! `[u32 milliseconds since the start][u32 length][packet id + body]`, big
//! endian, uncompressed, from Login Success on. A `.mcpr` file is a zip
//! archive holding that stream as `recording.tmcpr` next to a
//! `metaData.json` that names the protocol version and the duration.
//!
//! [`Recorder`] writes a `.mcpr` as packets arrive (the stream goes
//! straight into the archive, so memory does not grow with the session's
//! length); [`Recording::open`] and [`TmcprReader`] read them back, and
//! [`Replay`] walks a recording with the connection's state so every packet
//! decodes with the group of the state it was received in. The layout is
//! ReplayMod's, as documented by its ReplayStudio library
//! (<https://github.com/ReplayMod/ReplayStudio>): file format version 14,
//! the first that records the protocol number.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};
use std::path::Path;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use mcproto_core::{ProtocolVersion, RawPacket, State, Uuid};
use serde::{Deserialize, Serialize};
use zip::write::SimpleFileOptions;

/// The stream's name inside a `.mcpr` archive.
pub const STREAM_ENTRY: &str = "recording.tmcpr";
/// The metadata's name inside a `.mcpr` archive.
pub const META_ENTRY: &str = "metaData.json";
/// The largest packet a recording may hold: the largest frame the protocol
/// allows (a 3-byte VarInt length), uncompressed up to the 8 MiB vanilla
/// accepts for a decompressed packet.
pub const MAX_RECORDED_PACKET: usize = 8 * 1024 * 1024;

/// `metaData.json`: what ReplayMod needs to play a recording back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingMeta {
    /// False for recordings of a server.
    #[serde(default)]
    pub singleplayer: bool,
    /// The address the player connected to.
    #[serde(default)]
    pub server_name: String,
    /// Length of the recording in milliseconds.
    #[serde(default)]
    pub duration: u64,
    /// When it started, in milliseconds since the Unix epoch.
    #[serde(default)]
    pub date: u64,
    /// The game version's name ("1.12.2").
    #[serde(default)]
    pub mcversion: String,
    /// Always "MCPR".
    #[serde(default)]
    pub file_format: String,
    /// 14: the first format version with `protocol`.
    #[serde(default)]
    pub file_format_version: u32,
    /// The protocol number the packets are in.
    #[serde(default)]
    pub protocol: Option<i32>,
    /// What wrote the file.
    #[serde(default)]
    pub generator: String,
    /// The recording player's entity id, -1 when unknown.
    #[serde(default = "minus_one")]
    pub self_id: i32,
    /// The players seen during the recording.
    #[serde(default)]
    pub players: Vec<Uuid>,
}

fn minus_one() -> i32 {
    -1
}

impl RecordingMeta {
    /// Metadata for a recording of `server_name` in `version`.
    pub fn new(version: ProtocolVersion, server_name: impl Into<String>) -> Self {
        let date = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        RecordingMeta {
            singleplayer: false,
            server_name: server_name.into(),
            duration: 0,
            date,
            mcversion: mcproto_packets::version::name(version),
            file_format: "MCPR".into(),
            file_format_version: 14,
            protocol: Some(version.0),
            generator: concat!("mcproto ", env!("CARGO_PKG_VERSION")).into(),
            self_id: -1,
            players: Vec::new(),
        }
    }

    /// The protocol version the packets are in: `protocol`, or the version
    /// named by `mcversion`.
    pub fn version(&self) -> Option<ProtocolVersion> {
        self.protocol
            .map(ProtocolVersion)
            .or_else(|| mcproto_packets::version::parse(&self.mcversion))
    }
}

/// Writes a `.mcpr` archive as packets arrive.
///
/// Packets go to the archive's stream entry as they are recorded;
/// [`finish`](Recorder::finish) adds the metadata with the final duration.
/// A recorder dropped without `finish` leaves an archive without its
/// central directory, which zip readers reject.
pub struct Recorder<W: Write + Seek> {
    zip: zip::ZipWriter<W>,
    meta: RecordingMeta,
    started: Instant,
    last_ms: u32,
    packets: u64,
}

impl<W: Write + Seek> std::fmt::Debug for Recorder<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder")
            .field("meta", &self.meta)
            .field("packets", &self.packets)
            .finish_non_exhaustive()
    }
}

impl Recorder<BufWriter<File>> {
    /// Creates (or truncates) the file at `path` and records into it.
    pub fn create(path: impl AsRef<Path>, meta: RecordingMeta) -> io::Result<Self> {
        Recorder::new(BufWriter::new(File::create(path)?), meta)
    }
}

impl<W: Write + Seek> Recorder<W> {
    /// Records into `writer`; the clock starts now.
    pub fn new(writer: W, meta: RecordingMeta) -> io::Result<Self> {
        let mut zip = zip::ZipWriter::new(writer);
        zip.start_file(STREAM_ENTRY, options())
            .map_err(io::Error::other)?;
        Ok(Recorder {
            zip,
            meta,
            started: Instant::now(),
            last_ms: 0,
            packets: 0,
        })
    }

    /// Records one clientbound packet (id + body, uncompressed), stamped
    /// with the time since the recorder was created.
    pub fn record(&mut self, packet: &[u8]) -> io::Result<()> {
        let ms = u32::try_from(self.started.elapsed().as_millis()).unwrap_or(u32::MAX);
        self.record_at(ms, packet)
    }

    /// Records one packet with an explicit time. Times never go backwards:
    /// an earlier time is recorded as the latest one seen.
    pub fn record_at(&mut self, ms: u32, packet: &[u8]) -> io::Result<()> {
        let len = u32::try_from(packet.len())
            .ok()
            .filter(|&n| n as usize <= MAX_RECORDED_PACKET)
            .ok_or_else(|| io::Error::other("packet too large to record"))?;
        self.last_ms = self.last_ms.max(ms);
        self.zip.write_all(&self.last_ms.to_be_bytes())?;
        self.zip.write_all(&len.to_be_bytes())?;
        self.zip.write_all(packet)?;
        self.packets += 1;
        Ok(())
    }

    /// Packets recorded so far.
    pub fn packets(&self) -> u64 {
        self.packets
    }

    /// The metadata to be written (players may be added until `finish`).
    pub fn meta_mut(&mut self) -> &mut RecordingMeta {
        &mut self.meta
    }

    /// Writes the metadata and the archive's directory.
    pub fn finish(mut self) -> io::Result<W> {
        self.meta.duration = u64::from(self.last_ms);
        self.zip
            .start_file(META_ENTRY, options())
            .map_err(io::Error::other)?;
        serde_json::to_writer(&mut self.zip, &self.meta)?;
        let mut inner = self.zip.finish().map_err(io::Error::other)?;
        inner.flush()?;
        Ok(inner)
    }
}

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)
}

/// One recorded packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedPacket {
    /// Milliseconds since the recording started.
    pub time_ms: u32,
    /// Packet id + body, uncompressed.
    pub data: Vec<u8>,
}

/// Why a recording could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RecordingError {
    /// The file could not be read.
    #[error("reading the recording: {0}")]
    Io(#[from] io::Error),
    /// The archive is not a valid zip, or lacks the stream.
    #[error("not a ReplayMod archive: {0}")]
    Archive(String),
    /// `metaData.json` is not what ReplayMod writes.
    #[error("bad metaData.json: {0}")]
    Meta(#[from] serde_json::Error),
    /// The stream ends inside a packet's header or body.
    #[error("recording truncated in packet {index} (at byte {offset})")]
    Truncated {
        /// Index of the packet, from 0.
        index: u64,
        /// Offset of its header in the stream.
        offset: u64,
    },
    /// A packet's length is zero (no id) or larger than any packet.
    #[error("packet {index} (at byte {offset}) claims {len} bytes")]
    BadLength {
        /// Index of the packet, from 0.
        index: u64,
        /// Offset of its header in the stream.
        offset: u64,
        /// The length it claims.
        len: u32,
    },
}

/// Reads the packets of a `.tmcpr` stream.
///
/// Memory follows the input: a packet's buffer grows as its bytes arrive,
/// so a length field claiming more than the stream holds costs nothing.
#[derive(Debug)]
pub struct TmcprReader<R> {
    inner: R,
    index: u64,
    offset: u64,
}

impl<R: Read> TmcprReader<R> {
    /// Reads packets from `inner`.
    pub fn new(inner: R) -> Self {
        TmcprReader {
            inner,
            index: 0,
            offset: 0,
        }
    }

    /// The next packet, `None` at a clean end of the stream.
    pub fn next_packet(&mut self) -> Result<Option<RecordedPacket>, RecordingError> {
        let (index, offset) = (self.index, self.offset);
        let mut header = [0u8; 8];
        let got = read_full(&mut self.inner, &mut header)?;
        if got == 0 {
            return Ok(None);
        }
        if got < header.len() {
            return Err(RecordingError::Truncated { index, offset });
        }
        let time_ms = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
        let len = u32::from_be_bytes([header[4], header[5], header[6], header[7]]);
        if len == 0 || len as usize > MAX_RECORDED_PACKET {
            return Err(RecordingError::BadLength { index, offset, len });
        }
        let mut data = Vec::new();
        (&mut self.inner)
            .take(u64::from(len))
            .read_to_end(&mut data)?;
        if data.len() != len as usize {
            return Err(RecordingError::Truncated { index, offset });
        }
        self.index += 1;
        self.offset += 8 + u64::from(len);
        Ok(Some(RecordedPacket { time_ms, data }))
    }
}

impl<R: Read> Iterator for TmcprReader<R> {
    type Item = Result<RecordedPacket, RecordingError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_packet().transpose()
    }
}

/// Reads until `buf` is full or the input ends; returns the bytes read.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// A recording opened from a file: its metadata (for a `.mcpr`) and its
/// packet stream.
pub struct Recording {
    /// `metaData.json`, when the file is an archive that has one.
    pub meta: Option<RecordingMeta>,
    source: Source,
}

enum Source {
    Archive(zip::ZipArchive<BufReader<File>>),
    Stream(Option<BufReader<File>>),
}

impl std::fmt::Debug for Recording {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recording")
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

impl Recording {
    /// Opens a `.mcpr` archive or a bare `.tmcpr` stream (told apart by the
    /// zip signature, not the name).
    pub fn open(path: impl AsRef<Path>) -> Result<Recording, RecordingError> {
        let mut file = File::open(path)?;
        let mut magic = [0u8; 4];
        let n = read_full(&mut file, &mut magic)?;
        file.rewind()?;
        let file = BufReader::new(file);
        if n < 4 || magic != *b"PK\x03\x04" {
            return Ok(Recording {
                meta: None,
                source: Source::Stream(Some(file)),
            });
        }
        let mut archive = zip::ZipArchive::new(file).map_err(archive_error)?;
        let meta = match archive.by_name(META_ENTRY) {
            // Metadata is small; more than 1 MiB of it is not ReplayMod's.
            Ok(entry) => Some(serde_json::from_reader(BufReader::new(
                entry.take(1 << 20),
            ))?),
            Err(zip::result::ZipError::FileNotFound) => None,
            Err(e) => return Err(archive_error(e)),
        };
        Ok(Recording {
            meta,
            source: Source::Archive(archive),
        })
    }

    /// The packets, inflated as they are read. A bare stream can be read
    /// once; an archive's as often as asked.
    pub fn packets(&mut self) -> Result<TmcprReader<Box<dyn Read + '_>>, RecordingError> {
        let reader: Box<dyn Read + '_> = match &mut self.source {
            Source::Archive(archive) => {
                Box::new(archive.by_name(STREAM_ENTRY).map_err(archive_error)?)
            }
            Source::Stream(file) => Box::new(
                file.take()
                    .ok_or_else(|| RecordingError::Archive("the stream was read already".into()))?,
            ),
        };
        Ok(TmcprReader::new(reader))
    }
}

fn archive_error(e: zip::result::ZipError) -> RecordingError {
    RecordingError::Archive(e.to_string())
}

/// Follows the connection state through a recording, so each packet can be
/// decoded with the group of the state it was received in.
///
/// Recordings start in the login state with Login Success, and switch to
/// play after it; a recording that starts with anything else is taken to
/// be play from the start (the login packet was cut).
#[derive(Debug, Clone, Copy)]
pub struct StateTracker {
    state: State,
    first: bool,
}

impl Default for StateTracker {
    fn default() -> Self {
        StateTracker {
            state: State::Login,
            first: true,
        }
    }
}

impl StateTracker {
    /// The state `packet` was received in; call once per packet, in order.
    pub fn state_of(&mut self, registry: &mcproto_core::Registry, packet: &[u8]) -> State {
        let first = std::mem::replace(&mut self.first, false);
        if self.state == State::Login {
            let id = RawPacket::parse(packet).map(|r| r.id).ok();
            let success = registry.id_of::<mcproto_packets::login::clientbound::LoginSuccess>();
            if id.is_some() && id == success {
                self.state = State::Play;
                return State::Login;
            }
            if first {
                self.state = State::Play;
            }
        }
        self.state
    }
}
