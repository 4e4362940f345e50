//! Every Rust block of the README is code that compiles: each block must
//! appear, line for line (leading and trailing spaces aside), in the
//! compiled code of this file, below the checker. Blocks that run without
//! a network are run. The blocks are kept as the README shows them, so
//! rustfmt leaves them alone.

use std::error::Error;

/// The README's Rust blocks, each as its lines.
fn readme_blocks() -> Vec<Vec<String>> {
    let readme = include_str!("../README.md");
    let mut blocks = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in readme.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```rust") => current = Some(Vec::new()),
            (Some(_), "```") => blocks.extend(current.take()),
            (Some(block), l) => block.push(l.trim().to_owned()),
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn every_readme_block_is_compiled_code_of_this_file() {
    let source = include_str!("readme.rs");
    // Only the code after the marker counts: the checker's own text cannot
    // satisfy it.
    let compiled = source
        .split_once("// ---- README blocks ----")
        .map(|(_, code)| code)
        .expect("the marker");
    let lines: Vec<&str> = compiled.lines().map(str::trim).collect();
    let blocks = readme_blocks();
    assert!(blocks.len() >= 8, "only {} Rust blocks found", blocks.len());
    for block in blocks {
        let found = lines
            .windows(block.len())
            .any(|w| w.iter().zip(&block).all(|(a, b)| a == b));
        assert!(
            found,
            "README block not compiled here (copy it below the marker):\n{}",
            block.join("\n")
        );
    }
}

// ---- README blocks ----

#[rustfmt::skip]
#[allow(dead_code)]
mod a_bot {
    use mcproto::client::ClientBuilder;
    use mcproto::packets::PlayClientbound;
    use mcproto::packets::play::serverbound::ChatMessage;

    async fn bot() -> Result<(), mcproto::ConnectionError> {
        let builder = ClientBuilder::new("localhost:25565").username("Bot");
        let report = builder.status(true).await?;
        println!("{} online, {:?} away", report.status.players.online, report.latency);
        let mut client = builder.connect().await?;
        let mut greeted = false;
        while let Some(packet) = client.next().await {
            if let PlayClientbound::ChatMessage(chat) = packet? {
                println!("{}", chat.json_data.to_plain());
            }
            if client.spawned() && !greeted {
                greeted = client.send(&ChatMessage { message: "hello".into() }).is_ok();
            }
        }
        Ok(())
    }
}

#[rustfmt::skip]
#[test]
fn define_a_packet() -> Result<(), Box<dyn Error>> {
    use mcproto::prelude::*;

    /// Sent first on every connection.
    #[derive(Packet, Debug, Clone, PartialEq)]
    #[packet(id = 0x00, state = Handshaking, direction = Serverbound)]
    pub struct MyHandshake {
        #[mc(varint)]
        pub protocol_version: i32,
        #[mc(max_len = 255)]
        pub server_address: String,
        pub server_port: u16,
        pub next_state: MyNextState,
    }

    /// A VarInt-encoded constant.
    #[derive(Encode, Decode, Debug, Clone, Copy, PartialEq)]
    #[mc(tag = varint)]
    pub enum MyNextState {
        #[mc(tag = 1)]
        Status,
        #[mc(tag = 2)]
        Login,
    }

    let p = MyHandshake {
        protocol_version: 47,
        server_address: "localhost".into(),
        server_port: 25565,
        next_state: MyNextState::Login,
    };
    // Ids live in registries: a registry of your own, or a standard one extended.
    let registry = Registry::builder(ProtocolVersion(47)).register::<MyHandshake>().build()?;
    let mut bytes = Vec::new();
    registry.encode(&p, &mut bytes)?;                             // packet id + body
    assert_eq!(registry.decode_packet::<MyHandshake>(&bytes)?, p);
    // The bytes as wiki.vg's Handshake lays them out.
    assert_eq!(bytes, b"\x00\x2f\x09localhost\x63\xdd\x02");
    Ok(())
}

#[rustfmt::skip]
#[test]
fn handlers() -> Result<(), Box<dyn Error>> {
    use mcproto::packets::play::serverbound::{ChatMessage, PlayerPosition};
    use mcproto::packets::version::V1_8;
    use mcproto::packets::{PlayServerbound, PlayServerboundHandler, registry};

    #[derive(Default)]
    struct Tracker {
        position: (f64, f64, f64),
        others: usize,
    }

    impl<'a> PlayServerboundHandler<'a> for Tracker {
        type Output = ();
        fn player_position(&mut self, p: PlayerPosition) {
            self.position = (p.x, p.feet_y, p.z);
        }
        fn chat_message(&mut self, p: ChatMessage<'a>) {
            println!("chat: {}", p.message);
        }
        fn packet(&mut self, _other: PlayServerbound<'a>) {
            self.others += 1;
        }
    }

    let decoder = registry(V1_8)?.group_decoder::<PlayServerbound>();
    let mut tracker = Tracker::default();
    // Player Position (0x04): x, feet y, z as doubles, then on ground.
    let mut frame = vec![0x04];
    for v in [1.5f64, 64.0, -2.0] {
        frame.extend(v.to_be_bytes());
    }
    frame.push(1);
    decoder.handle(&frame, &mut tracker)?;
    decoder.handle(&[0x00, 0x2a], &mut tracker)?; // Keep Alive: no method, so `packet`
    assert_eq!(tracker.position, (1.5, 64.0, -2.0));
    assert_eq!(tracker.others, 1);
    Ok(())
}

#[rustfmt::skip]
#[allow(dead_code, unused_variables)]
mod fork {
    use mcproto::packets::play::{clientbound, serverbound};
    use mcproto::prelude::*;

    /// The fork's protocol number.
    pub const FORK_VERSION: ProtocolVersion = ProtocolVersion(1047);

    /// A player plays an emote (new in the fork).
    #[derive(Packet, Debug, Clone, PartialEq)]
    #[packet(id = 0x1A, state = Play, direction = Serverbound)]
    pub struct PlayEmote {
        #[mc(varint)]
        pub entity_id: i32,
        pub emote: Emote,               // a tagged enum: #[mc(tag = u8)]
        #[mc(since = 1047)]             // only in the fork's own version
        pub intensity: Option<u8>,
    }

    pub fn fork_registry() -> Result<Registry, ConnectionError> {
        let base = mcproto::packets::registry(mcproto::packets::version::V1_8)?;
        Ok(base
            .to_builder()
            .version(FORK_VERSION)                                 // a new protocol number
            .register::<PlayEmote>()                               // add at a free id
            .replace::<serverbound::ChatMessage, ColoredChat>()    // own layout, same id
            .remove::<clientbound::Camera>()                       // remove
            .renumber::<clientbound::Title>(0x4A)                  // renumber
            .build()?)                                             // conflicts are errors here
    }

    /// What the block above leaves out.
    #[derive(Encode, Decode, Debug, Clone, Copy, PartialEq)]
    #[mc(tag = u8)]
    pub enum Emote {
        #[mc(tag = 0)]
        Wave,
    }

    #[derive(Packet, Debug, Clone, PartialEq)]
    #[packet(id = 0x01, state = Play, direction = Serverbound)]
    pub struct ColoredChat {
        #[mc(max_len = 100)]
        pub message: String,
        pub color: i32,
    }

    packet_group! {
        #[derive(Debug)]
        pub enum ForkServerbound(Play, Serverbound) {
            PlayEmote,
            ColoredChat,
            PlayerPosition = serverbound::PlayerPosition,
        }
    }

    async fn serve(mut player: mcproto::server::Player) -> Result<(), ConnectionError> {
        while let Some(packet) = player.read::<ForkServerbound>().await {
            match packet? {
                ForkServerbound::PlayEmote(e) => { /* ... */ }
                ForkServerbound::Other(p) => println!("also: {}", p.name()),
                ForkServerbound::Unknown(raw) => println!("id {:#04x}, {} bytes", raw.id, raw.body.len()),
                _ => {}
            }
        }
        Ok(())
    }

    #[test]
    fn the_fork_registry_builds() {
        let fork = fork_registry().unwrap();
        assert_eq!(fork.version(), FORK_VERSION);
        assert_eq!(fork.id_of::<PlayEmote>(), Some(0x1A));
        assert_eq!(fork.id_of::<clientbound::Camera>(), None);
    }
}

#[rustfmt::skip]
#[allow(dead_code, unused_imports)]
mod names {
    use mcproto::client::ClientBuilder; // the library is still called mcproto
}

#[rustfmt::skip]
#[allow(dead_code)]
async fn reaching_servers() -> Result<(), mcproto::ConnectionError> {
    use mcproto::client::ClientBuilder;
    use mcproto::resolve::DnsConfig;
    let builder = ClientBuilder::new("example.org")
        .dns(DnsConfig::nameservers(["127.0.0.1:5353".parse().unwrap()])); // default: the system's
    println!("would try {:?}", builder.resolve().await);
    let report = builder.status(true).await?;
    for a in &report.attempts {
        println!("{a}"); // "example.org:25565 (1.2.3.4:25565): connected"
    }
    Ok(())
}

#[rustfmt::skip]
#[allow(dead_code)]
async fn online_client() -> Result<(), mcproto::ConnectionError> {
    use mcproto::auth::Microsoft;
    use mcproto::client::ClientBuilder;
    // Your Azure application's client id; none is built in.
    let ms = Microsoft::new("00000000-0000-0000-0000-000000000000")
        .on_device_code(|code| eprintln!("{}", code.message()));
    let client = ClientBuilder::new("mc.example.org").auth(ms).connect().await?;
    println!("joined as {}", client.username());
    Ok(())
}

#[rustfmt::skip]
#[test]
fn online_server() {
    use mcproto::auth::OnlineMode;
    use mcproto::server::ServerConfig;
    let config = ServerConfig {
        online_mode: Some(OnlineMode::new().prevent_proxy_connections(true)),
        ..ServerConfig::default()
    };
    assert!(config.online_mode.unwrap().prevents_proxy_connections());
}

#[rustfmt::skip]
mod sans_io {
    use mcproto::frame::FrameDecoder;
    use mcproto::packets::{PlayServerbound, registry, version::V1_8};

    fn on_bytes(decoder: &mut FrameDecoder, received: &[u8]) -> Result<(), mcproto::Error> {
        let group = registry(V1_8).expect("shipped").group_decoder::<PlayServerbound>();
        decoder.feed(received);
        while let Some(frame) = decoder.next_frame()? {   // borrowed: no copy, no count
            match group.decode(frame)? {
                PlayServerbound::PlayerPosition(p) => println!("at {} {} {}", p.x, p.feet_y, p.z),
                other => println!("{}", other.name()),
            }
        }
        Ok(())
    }

    #[test]
    fn decodes_a_position_fed_in_two_pieces() {
        // Player Position (0x04): three Doubles and a Boolean, framed.
        let mut frame = vec![26, 0x04];
        for v in [1.5f64, 64.0, -2.25] {
            frame.extend_from_slice(&v.to_be_bytes());
        }
        frame.push(1);
        let mut decoder = FrameDecoder::new();
        on_bytes(&mut decoder, &frame[..10]).unwrap();
        on_bytes(&mut decoder, &frame[10..]).unwrap();
        assert_eq!(decoder.buffered(), 0);
    }
}
