//! ReplayMod recordings: the stream layout against hand-built bytes, the
//! archive read back by an independent zip reader, and damaged input.

use std::io::{Cursor, Read};

use mcproto::packets::version::{V1_8, V1_12_2};
use mcproto::recording::{
    MAX_RECORDED_PACKET, RecordedPacket, Recorder, Recording, RecordingError, RecordingMeta,
    StateTracker, TmcprReader,
};
use mcproto::{State, packets};
use proptest::prelude::*;

fn temp_path(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("mcproto-recording-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn stream_layout_is_time_length_packet_big_endian() {
    let mut recorder =
        Recorder::new(Cursor::new(Vec::new()), RecordingMeta::new(V1_8, "x")).unwrap();
    recorder.record_at(5, &[0x00, 0x01]).unwrap();
    recorder.record_at(0x0102_0304, &[0x3f; 3]).unwrap();
    let archive = recorder.finish().unwrap().into_inner();

    // Read with the zip crate directly, not through our reader.
    let mut zip = zip::ZipArchive::new(Cursor::new(archive)).unwrap();
    let mut stream = Vec::new();
    zip.by_name("recording.tmcpr")
        .unwrap()
        .read_to_end(&mut stream)
        .unwrap();
    assert_eq!(
        stream,
        [
            0, 0, 0, 5, 0, 0, 0, 2, 0x00, 0x01, // 5 ms, 2 bytes
            1, 2, 3, 4, 0, 0, 0, 3, 0x3f, 0x3f, 0x3f,
        ]
    );
    let mut meta = String::new();
    zip.by_name("metaData.json")
        .unwrap()
        .read_to_string(&mut meta)
        .unwrap();
    let meta: serde_json::Value = serde_json::from_str(&meta).unwrap();
    // The keys ReplayMod reads, spelled its way.
    assert_eq!(meta["protocol"], 47);
    assert_eq!(meta["mcversion"], "1.8.9");
    assert_eq!(meta["fileFormat"], "MCPR");
    assert_eq!(meta["fileFormatVersion"], 14);
    assert_eq!(meta["duration"], 0x0102_0304);
    assert_eq!(meta["serverName"], "x");
    assert_eq!(meta["selfId"], -1);
    assert_eq!(meta["singleplayer"], false);
}

#[test]
fn times_never_go_backwards() {
    let mut recorder =
        Recorder::new(Cursor::new(Vec::new()), RecordingMeta::new(V1_8, "x")).unwrap();
    recorder.record_at(10, &[0x00]).unwrap();
    recorder.record_at(3, &[0x01]).unwrap();
    assert_eq!(recorder.packets(), 2);
    let bytes = recorder.finish().unwrap().into_inner();
    let path = temp_path("backwards.mcpr");
    std::fs::write(&path, bytes).unwrap();
    let mut recording = Recording::open(&path).unwrap();
    let times: Vec<u32> = recording
        .packets()
        .unwrap()
        .map(|p| p.unwrap().time_ms)
        .collect();
    assert_eq!(times, [10, 10]);
}

#[test]
fn archive_and_bare_stream_open_alike() {
    let path = temp_path("session.mcpr");
    let mut recorder =
        Recorder::create(&path, RecordingMeta::new(V1_12_2, "play.example")).unwrap();
    let packets: Vec<Vec<u8>> = (0..50u8).map(|i| vec![i, i, i]).collect();
    for p in &packets {
        recorder.record(p).unwrap();
    }
    recorder.finish().unwrap();

    let mut recording = Recording::open(&path).unwrap();
    let meta = recording.meta.clone().unwrap();
    assert_eq!(meta.version(), Some(V1_12_2));
    assert_eq!(meta.server_name, "play.example");
    let read: Vec<Vec<u8>> = recording
        .packets()
        .unwrap()
        .map(|p| p.unwrap().data)
        .collect();
    assert_eq!(read, packets);
    // An archive can be read again.
    assert_eq!(recording.packets().unwrap().count(), 50);

    // The same stream without the archive.
    let mut bare = Vec::new();
    for (i, p) in packets.iter().enumerate() {
        bare.extend_from_slice(&(i as u32).to_be_bytes());
        bare.extend_from_slice(&(p.len() as u32).to_be_bytes());
        bare.extend_from_slice(p);
    }
    let bare_path = temp_path("session.tmcpr");
    std::fs::write(&bare_path, &bare).unwrap();
    let mut recording = Recording::open(&bare_path).unwrap();
    assert!(recording.meta.is_none());
    let read: Vec<RecordedPacket> = recording.packets().unwrap().map(Result::unwrap).collect();
    assert_eq!(read.len(), 50);
    assert_eq!(
        read[7],
        RecordedPacket {
            time_ms: 7,
            data: vec![7, 7, 7]
        }
    );
    assert!(matches!(
        recording.packets(),
        Err(RecordingError::Archive(_))
    ));
}

#[test]
fn damaged_streams_are_typed_errors() {
    let read = |bytes: &[u8]| -> Vec<Result<RecordedPacket, RecordingError>> {
        TmcprReader::new(bytes).collect()
    };
    // A header cut short.
    assert!(matches!(
        read(&[0, 0, 0, 1, 0, 0])[..],
        [Err(RecordingError::Truncated {
            index: 0,
            offset: 0
        })]
    ));
    // A body cut short, after one good packet.
    let mut bytes = vec![0, 0, 0, 1, 0, 0, 0, 1, 0x00];
    bytes.extend_from_slice(&[0, 0, 0, 2, 0, 0, 0, 9, 1, 2]);
    let result = read(&bytes);
    assert!(result[0].is_ok());
    assert!(matches!(
        result[1],
        Err(RecordingError::Truncated {
            index: 1,
            offset: 9
        })
    ));
    // A packet without even an id.
    assert!(matches!(
        read(&[0, 0, 0, 1, 0, 0, 0, 0])[..],
        [Err(RecordingError::BadLength { len: 0, .. })]
    ));
    // A length no packet can have: rejected before any allocation.
    assert!(matches!(
        read(&[0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff])[..],
        [Err(RecordingError::BadLength { len: u32::MAX, .. })]
    ));
    let too_big = (MAX_RECORDED_PACKET as u32 + 1).to_be_bytes();
    let mut bytes = vec![0, 0, 0, 1];
    bytes.extend_from_slice(&too_big);
    assert!(matches!(
        read(&bytes)[..],
        [Err(RecordingError::BadLength { .. })]
    ));
    // A file that is not a zip but starts like one.
    let path = temp_path("broken.mcpr");
    std::fs::write(&path, b"PK\x03\x04garbage").unwrap();
    assert!(matches!(
        Recording::open(&path),
        Err(RecordingError::Archive(_))
    ));
}

#[test]
fn state_follows_login_success() {
    let registry = packets::registry(V1_8).unwrap();
    let mut tracker = StateTracker::default();
    // Login Success (0x02 in login) first, then play.
    let mut login_success = vec![0x02];
    login_success.push(36);
    login_success.extend_from_slice(b"00000000-0000-0000-0000-000000000000");
    login_success.push(1);
    login_success.push(b'a');
    assert_eq!(tracker.state_of(registry, &login_success), State::Login);
    assert_eq!(tracker.state_of(registry, &[0x02, 0x00]), State::Play);
    // A recording cut after the login is play from the start.
    let mut tracker = StateTracker::default();
    assert_eq!(tracker.state_of(registry, &[0x00, 0x00]), State::Play);
    assert_eq!(tracker.state_of(registry, &login_success), State::Play);
}

proptest! {
    #[test]
    fn any_bytes_read_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let mut total = 0usize;
        for packet in TmcprReader::new(&bytes[..]) {
            match packet {
                Ok(p) => total += 8 + p.data.len(),
                Err(_) => break,
            }
        }
        prop_assert!(total <= bytes.len());
    }

    #[test]
    fn recorded_packets_read_back(packets in proptest::collection::vec(
        (any::<u32>(), proptest::collection::vec(any::<u8>(), 1..64)), 0..20)
    ) {
        let mut recorder = Recorder::new(Cursor::new(Vec::new()), RecordingMeta::new(V1_8, "p")).unwrap();
        for (t, p) in &packets {
            recorder.record_at(*t, p).unwrap();
        }
        let bytes = recorder.finish().unwrap().into_inner();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut stream = Vec::new();
        zip.by_name("recording.tmcpr").unwrap().read_to_end(&mut stream).unwrap();
        let read: Vec<RecordedPacket> = TmcprReader::new(&stream[..]).map(Result::unwrap).collect();
        let mut latest = 0;
        prop_assert_eq!(read.len(), packets.len());
        for (r, (t, p)) in read.iter().zip(&packets) {
            latest = latest.max(*t);
            prop_assert_eq!(r.time_ms, latest);
            prop_assert_eq!(&r.data, p);
        }
    }
}
