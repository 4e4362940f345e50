//! Decoding a fixed-size packet allocates nothing, and the standard
//! packets' strings and byte arrays (`Cow`) borrow from the frame: through
//! the group decoder, decoding them allocates nothing either.
//!
//! `allocation-counter` is the global allocator of this test binary only;
//! it counts the allocations of the current thread inside `measure`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::borrow::Cow;

use common::{Wire, decode_group};
use mcproto_core::bytes::BytesMut;
use mcproto_core::frame::{FrameDecoder, FrameEncoder};
use mcproto_core::{Decode, Packet, PacketGroup, ProtocolVersion, Reader};
use mcproto_packets::PlayServerbound;
use mcproto_packets::play::clientbound as cb;
use mcproto_packets::play::serverbound as sb;

const V: ProtocolVersion = common::V47;

/// Plugin Message with borrowed fields.
#[derive(Packet, Debug, PartialEq)]
#[packet(state = Play, direction = Serverbound)]
struct PluginMessageRef<'a> {
    #[mc(max_len = 20)]
    channel: &'a str,
    #[mc(rest)]
    data: &'a [u8],
}

fn allocations(f: impl FnOnce()) -> u64 {
    allocation_counter::measure(f).count_total
}

fn movement() -> Vec<Vec<u8>> {
    vec![
        sb::PlayerPosition {
            x: 1.5,
            feet_y: 64.0,
            z: -3.25,
            on_ground: true,
        }
        .encode_packet(V)
        .unwrap(),
        sb::PlayerPositionAndLook {
            x: 1.5,
            feet_y: 64.0,
            z: -3.25,
            yaw: 90.0,
            pitch: -10.0,
            on_ground: false,
        }
        .encode_packet(V)
        .unwrap(),
        sb::PlayerLook {
            yaw: 1.0,
            pitch: 2.0,
            on_ground: true,
        }
        .encode_packet(V)
        .unwrap(),
        sb::KeepAlive { keep_alive_id: 7 }.encode_packet(V).unwrap(),
    ]
}

#[test]
fn fixed_size_packets_decode_without_allocating() {
    let packets = movement();
    let teleport = cb::EntityTeleport {
        entity_id: 12,
        x: 1.0,
        y: 2.0,
        z: 3.0,
        yaw: mcproto_core::Angle(4),
        pitch: mcproto_core::Angle(5),
        on_ground: true,
    }
    .encode_packet(V)
    .unwrap();
    // The group's id table is made on first use, outside the count.
    let group = mcproto_packets::registry(V)
        .unwrap()
        .group_decoder::<PlayServerbound>();
    decode_group::<PlayServerbound>(&packets[0], V).unwrap();
    let n = allocations(|| {
        let p = sb::PlayerPosition::decode_packet(&packets[0], V).unwrap();
        assert!(p.on_ground);
        let p = sb::PlayerPositionAndLook::decode_packet(&packets[1], V).unwrap();
        assert_eq!(p.yaw, 90.0);
        let p = cb::EntityTeleport::decode_packet(&teleport, V).unwrap();
        assert_eq!(p.entity_id, 12);
        // Through the group enum too.
        for bytes in &packets {
            let p = group.decode(bytes).unwrap();
            assert!(!p.name().is_empty());
        }
    });
    assert_eq!(n, 0, "decoding fixed-size packets allocated");
}

/// A handler with methods for the movement packets and Plugin Message.
struct Lengths;

impl<'a> mcproto_packets::PlayServerboundHandler<'a> for Lengths {
    type Output = usize;
    fn packet(&mut self, packet: PlayServerbound<'a>) -> usize {
        packet.name().len()
    }
    fn player_position(&mut self, p: sb::PlayerPosition) -> usize {
        usize::from(p.on_ground) + 1
    }
    fn player_position_and_look(&mut self, p: sb::PlayerPositionAndLook) -> usize {
        usize::from(p.on_ground) + 1
    }
    fn plugin_message(&mut self, p: sb::PluginMessage<'a>) -> usize {
        assert!(matches!(p.channel, Cow::Borrowed(_)) && matches!(p.data, Cow::Borrowed(_)));
        p.channel.len() + p.data.len()
    }
}

#[test]
fn borrowed_frames_and_packets_allocate_nothing() {
    let mut packets = movement();
    packets.push(
        sb::PluginMessage {
            channel: "MC|Brand".into(),
            data: b"\x07vanilla"[..].into(),
        }
        .encode_packet(V)
        .unwrap(),
    );
    let mut stream = BytesMut::new();
    let mut enc = FrameEncoder::new();
    for p in &packets {
        enc.encode(p, &mut stream).unwrap();
    }
    let group = mcproto_packets::registry(V)
        .unwrap()
        .group_decoder::<PlayServerbound>();
    let mut dec = FrameDecoder::new();
    // The decoder's buffer grows on the first feed only.
    dec.feed(&stream);
    while dec.next_frame().unwrap().is_some() {}
    let n = allocations(|| {
        dec.feed(&stream);
        let mut seen = 0;
        while let Some(frame) = dec.next_frame().unwrap() {
            if frame[0] == 0x17 {
                let mut r = Reader::new(frame, V);
                assert_eq!(r.varint().unwrap(), 0x17);
                let m = PluginMessageRef::decode(&mut r).unwrap();
                assert_eq!(m.channel, "MC|Brand");
                assert_eq!(m.data, b"\x07vanilla");
                // Borrowed: the fields point into the frame.
                assert!(frame.as_ptr_range().contains(&m.channel.as_ptr()));
            }
            group.decode(frame).unwrap();
            // And by handler, into its methods.
            assert!(group.handle(frame, &mut Lengths).unwrap() > 0);
            seen += 1;
        }
        assert_eq!(seen, packets.len());
    });
    assert_eq!(n, 0, "borrowed frame splitting and decoding allocated");
    // The counter works: the owned form copies both fields.
    let owned = allocations(|| {
        sb::PluginMessage::decode_packet_owned(packets.last().unwrap(), V).unwrap();
    });
    assert!(owned >= 2, "{owned} allocations for two copied fields");
}

/// Whether `field` lies inside `frame`.
fn within(frame: &[u8], field: &[u8]) -> bool {
    let r = frame.as_ptr_range();
    r.contains(&field.as_ptr()) && field.as_ptr_range().end <= r.end
}

/// A borrowed `Cow` pointing into `frame`.
// The `Cow` itself is the point: whether it is the borrowed variant.
#[allow(clippy::ptr_arg)]
fn borrowed<B: ?Sized + ToOwned + AsRef<[u8]>>(frame: &[u8], c: &Cow<'_, B>) -> bool {
    matches!(c, Cow::Borrowed(b) if within(frame, b.as_ref()))
}

/// Decodes `frame` with group `G`, counting allocations, and checks the
/// fields `check` returns all borrow from the frame.
fn zero_copy<G: PacketGroup>(frame: &[u8], check: impl Fn(&[u8], &G::Of<'_>) -> bool) {
    let decoder = mcproto_packets::registry(V).unwrap().group_decoder::<G>();
    decoder.decode(frame).unwrap();
    let mut ok = false;
    let n = allocations(|| {
        let p = decoder.decode(frame).unwrap();
        ok = check(frame, &p);
    });
    assert_eq!(n, 0, "{} allocated", G::NAME);
    assert!(ok, "{}: a field does not borrow from the frame", G::NAME);
}

#[test]
fn standard_packets_with_strings_and_bytes_borrow_from_the_frame() {
    use mcproto_packets::handshaking::serverbound::{Handshake, NextState};
    use mcproto_packets::login::{clientbound as lcb, serverbound as lsb};
    use mcproto_packets::status::clientbound::StatusResponse;
    use mcproto_packets::{
        HandshakingServerbound as Hs, LoginClientbound as Lc, LoginServerbound as Ls,
        PlayClientbound as Pc, PlayServerbound as Ps, StatusClientbound as Sc,
    };

    let frame = Handshake {
        protocol_version: 47,
        server_address: "mc.example.org".into(),
        server_port: 25565,
        next_state: NextState::Login,
    }
    .encode_packet(V)
    .unwrap();
    zero_copy::<Hs>(
        &frame,
        |f, p| matches!(p, Hs::Handshake(h) if borrowed(f, &h.server_address)),
    );

    let json = r#"{"version":{"name":"1.8.9","protocol":47},"description":"hi"}"#;
    let frame = StatusResponse { json: json.into() }
        .encode_packet(V)
        .unwrap();
    zero_copy::<Sc>(
        &frame,
        |f, p| matches!(p, Sc::StatusResponse(s) if borrowed(f, &s.json)),
    );

    let frame = lsb::LoginStart {
        name: "Notch".into(),
    }
    .encode_packet(V)
    .unwrap();
    zero_copy::<Ls>(
        &frame,
        |f, p| matches!(p, Ls::LoginStart(s) if borrowed(f, &s.name)),
    );

    let frame = lsb::EncryptionResponse {
        shared_secret: vec![1; 128].into(),
        verify_token: vec![2; 128].into(),
    }
    .encode_packet(V)
    .unwrap();
    zero_copy::<Ls>(&frame, |f, p| {
        matches!(p, Ls::EncryptionResponse(e)
            if borrowed(f, &e.shared_secret) && borrowed(f, &e.verify_token))
    });

    let frame = lcb::EncryptionRequest {
        server_id: "".into(),
        public_key: vec![3; 162].into(),
        verify_token: vec![4; 4].into(),
    }
    .encode_packet(V)
    .unwrap();
    zero_copy::<Lc>(&frame, |f, p| {
        matches!(p, Lc::EncryptionRequest(e)
            if borrowed(f, &e.public_key) && borrowed(f, &e.verify_token))
    });

    let frame = lcb::LoginSuccess {
        uuid: "069a79f4-44e9-4726-a5be-fca90e38aaf5".into(),
        username: "Notch".into(),
    }
    .encode_packet(V)
    .unwrap();
    zero_copy::<Lc>(
        &frame,
        |f, p| matches!(p, Lc::LoginSuccess(s) if borrowed(f, &s.uuid) && borrowed(f, &s.username)),
    );

    let frame = sb::ChatMessage {
        message: "hello there, café".into(),
    }
    .encode_packet(V)
    .unwrap();
    zero_copy::<Ps>(
        &frame,
        |f, p| matches!(p, Ps::ChatMessage(c) if borrowed(f, &c.message)),
    );

    let frame = sb::PluginMessage {
        channel: "MC|Brand".into(),
        data: b"\x07vanilla"[..].into(),
    }
    .encode_packet(V)
    .unwrap();
    zero_copy::<Ps>(
        &frame,
        |f, p| matches!(p, Ps::PluginMessage(m) if borrowed(f, &m.channel) && borrowed(f, &m.data)),
    );

    let frame = cb::PluginMessage {
        channel: "MC|Brand".into(),
        data: b"\x07vanilla"[..].into(),
    }
    .encode_packet(V)
    .unwrap();
    zero_copy::<Pc>(
        &frame,
        |f, p| matches!(p, Pc::PluginMessage(m) if borrowed(f, &m.channel) && borrowed(f, &m.data)),
    );
}
