//! Acting on the world: using entities and items, digging and placing blocks,
//! swinging the arm, changing the held item and editing signs.

use crate::play::types::{BlockFace, Hand};
use crate::version::*;
use mcproto_core::{Chat, Decode, Encode, Packet, Position, Slot};
use std::borrow::Cow;

/// Sent when the player attacks or right-clicks an entity.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct UseEntity {
    /// Entity id of the entity used.
    #[mc(varint)]
    pub target: i32,
    /// wiki.vg's "Type" (minecraft-data: `mouse`); it selects what follows.
    pub action: UseEntityAction,
}

/// What Use Entity does; the VarInt tag decides which fields follow.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum UseEntityAction {
    /// Right-click on the entity.
    #[mc(tag = 0)]
    Interact {
        /// The hand used; only sent from protocol 54 on.
        #[mc(since = 54)]
        hand: Option<Hand>,
    },
    /// Left-click (attack).
    #[mc(tag = 1)]
    Attack,
    /// Right-click at a point of the entity (armor stands use it).
    #[mc(tag = 2)]
    InteractAt {
        /// wiki.vg "Target X": the point hit, relative to the entity's position.
        x: f32,
        /// Target Y, relative to the entity.
        y: f32,
        /// Target Z, relative to the entity.
        z: f32,
        /// The hand used; only sent from protocol 54 on.
        #[mc(since = 54)]
        hand: Option<Hand>,
    },
}

/// Sent when the player digs a block, drops items, finishes using an item
/// or (protocol 54) swaps hands.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct PlayerDigging {
    /// VarInt, as vanilla reads it (`readEnumValue`) and minecraft-data
    /// declares it; wiki.vg calls it a Byte. The bytes are the same for
    /// every defined status (0–6); they differ only from 128 on.
    pub status: DiggingStatus,
    /// The block; 0/0/0 for statuses 3–6.
    pub location: Position,
    /// Face hit; 0 for statuses 3, 4 and 6, 255 (read unsigned) for status 5.
    pub face: BlockFace,
}

/// What a Player Digging packet reports.
///
/// Closed: vanilla reads it with `readEnumValue`, an index into the
/// enum's constants that fails past the end (`C07PacketPlayerDigging`, 1.8: 0–5;
/// `CPacketPlayerDigging`, 1.9 on: 0–6), so an
/// unknown value fails the packet here too.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum DiggingStatus {
    /// The player started digging the block.
    #[mc(tag = 0)]
    StartedDigging,
    /// The player stopped before the block broke.
    #[mc(tag = 1)]
    CancelledDigging,
    /// The client thinks the block is broken.
    #[mc(tag = 2)]
    FinishedDigging,
    /// Drop the whole held stack (Ctrl+Q).
    #[mc(tag = 3)]
    DropItemStack,
    /// Drop one held item (Q).
    #[mc(tag = 4)]
    DropItem,
    /// Release the bow, or finish eating or drinking.
    #[mc(tag = 5)]
    ShootArrowFinishEating,
    /// Swap the items of the main and off hand. Protocol 54 on: vanilla
    /// 1.8 knows statuses 0–5 only, so 6 fails there.
    #[mc(since = 54, tag = 6)]
    SwapItemInHand,
}

/// Sent when the player uses the item in a hand without targeting a block
/// (protocol 54 and every release from 1.9 on,
/// [page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Use_Item);
/// protocol 47 sends a special Player Block Placement).
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct UseItem {
    /// The hand holding the item.
    pub hand: Hand,
}

/// Sent when the player right-clicks a block (and, in protocol 47, when
/// using the held item at all).
///
/// Protocol 47's "use item" special case is Location −1/−1/−1 (all 64 bits
/// set) with Face 255 ([`BlockFace::Unspecified`]); protocol 54 sends
/// [`UseItem`] instead.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct PlayerBlockPlacement {
    /// The block clicked.
    pub location: Position,
    /// The face clicked (minecraft-data: `direction`): a Byte in 47, a
    /// VarInt from 54 on (same bytes for faces 0–5; [Protocol History](https://wiki.vg/Protocol_History),
    /// 15w31a: "Face … is now a VarInt enum").
    #[mc(as(47 = u8, 54 = varint))]
    pub face: BlockFace,
    /// The held item as the client sees it (vanilla servers ignore it).
    /// Protocol 47 only: 15w31a replaced it with `hand`.
    #[mc(before = 54)]
    pub held_item: Option<Slot>,
    /// The hand placing the block; protocol 54 on.
    #[mc(since = 54)]
    pub hand: Option<Hand>,
    /// Where the crosshair is on the face, as a fraction of the block
    /// (0.0 – 1.0). Before 1.11 an Unsigned Byte in sixteenths (vanilla
    /// sends `(int)(fraction * 16)` and reads the byte unsigned;
    /// minecraft-data says `i8`, the same bytes for 0–127); from 1.11 a
    /// Float ([page](https://wiki.vg/index.php?title=Protocol&oldid=8405#Player_Block_Placement)).
    #[mc(as(V1_8 = fixed(u8, 16), V1_11 = f32))]
    pub cursor_position_x: f32,
    /// The crosshair's y on the face, as `cursor_position_x`.
    #[mc(as(V1_8 = fixed(u8, 16), V1_11 = f32))]
    pub cursor_position_y: f32,
    /// The crosshair's z on the face, as `cursor_position_x`.
    #[mc(as(V1_8 = fixed(u8, 16), V1_11 = f32))]
    pub cursor_position_z: f32,
}

/// Sent when the player selects another hotbar slot.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct HeldItemChange {
    /// Hotbar slot 0–8.
    pub slot: i16,
}

/// Sent when the player swings an arm (minecraft-data: `arm_animation`).
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct Animation {
    /// The arm swung; protocol 54 on (the 47 packet has no fields).
    #[mc(since = 54)]
    pub hand: Option<Hand>,
}

/// Sent when the player presses "Done" in the sign editor.
///
/// The lines keep their wire type (a String of at most 384 characters,
/// vanilla's `readString(384)`) but not their meaning: JSON chat text in 47
/// and 54, plain text from 1.9 on (ViaVersion's 1.8 → 1.9 translation wraps
/// each plain line as a JSON string for 1.8 servers; wiki.vg's
/// [1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Update_Sign)).
/// [`SignLine`] says which one a line is, so that neither is sent where the
/// other is expected.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Serverbound)]
pub struct UpdateSign<'a> {
    /// The sign's block.
    pub location: Position,
    /// First line: [`SignLine::Json`] before 1.9, [`SignLine::Plain`] from
    /// 1.9 on.
    #[mc(with(V1_8 = sign_line::json, V1_9 = sign_line::plain))]
    pub line_1: SignLine<'a>,
    /// Second line, as `line_1`.
    #[mc(with(V1_8 = sign_line::json, V1_9 = sign_line::plain))]
    pub line_2: SignLine<'a>,
    /// Third line, as `line_1`.
    #[mc(with(V1_8 = sign_line::json, V1_9 = sign_line::plain))]
    pub line_3: SignLine<'a>,
    /// Fourth line, as `line_1`.
    #[mc(with(V1_8 = sign_line::json, V1_9 = sign_line::plain))]
    pub line_4: SignLine<'a>,
}

/// One line of an [`UpdateSign`], in the form its version sends.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum SignLine<'a> {
    /// Protocol 47 and 54 (15w35a changed it): JSON chat text.
    Json(Chat),
    /// 1.9 on: the text itself.
    Plain(Cow<'a, str>),
}

impl mcproto_core::IntoOwned for SignLine<'_> {
    type Owned = SignLine<'static>;
    fn into_owned(self) -> SignLine<'static> {
        match self {
            SignLine::Json(chat) => SignLine::Json(chat),
            SignLine::Plain(text) => SignLine::Plain(Cow::Owned(text.into_owned())),
        }
    }
}

/// The two line encodings of [`UpdateSign`], chosen per version.
///
/// Hand-written because the Rust type says which meaning a line has while
/// the bytes (a String of at most [`sign_line::MAX_LEN`] characters) are
/// the same: each module reads its own variant and refuses to write the
/// other one ([`NotInVersion`](mcproto_core::ErrorKind::NotInVersion))
/// rather than translate it.
pub mod sign_line {
    use std::borrow::Cow;

    use super::SignLine;
    use mcproto_core::{
        Chat, DecodeBounded, EncodeBounded, ErrorKind, ProtocolVersion, Reader, Result, WireType,
        Writer, error::fail,
    };
    #[cfg(feature = "generate")]
    use mcproto_core::{Gen, generate::GenerateBounded};

    /// Longest line vanilla reads, in characters.
    pub const MAX_LEN: usize = 384;

    /// 47 and 54: JSON chat text.
    pub mod json {
        use super::*;

        /// Writes a [`SignLine::Json`].
        pub fn encode(v: &SignLine<'_>, w: &mut Writer<'_>) -> Result<()> {
            match v {
                SignLine::Json(chat) => chat.encode_bounded(w, MAX_LEN),
                SignLine::Plain(_) => fail(ErrorKind::NotInVersion {
                    ty: "SignLine::Plain",
                    version: w.version().0,
                }),
            }
        }

        /// Reads a [`SignLine::Json`].
        pub fn decode<'a>(r: &mut Reader<'a>) -> Result<SignLine<'a>> {
            Chat::decode_bounded(r, MAX_LEN).map(SignLine::Json)
        }

        /// Chat text.
        pub fn describe(_: ProtocolVersion) -> WireType {
            WireType::Named("Chat")
        }

        /// A JSON line within the limit.
        #[cfg(feature = "generate")]
        pub fn generate(g: &mut Gen<'_>) -> SignLine<'static> {
            SignLine::Json(Chat::generate_bounded(g, MAX_LEN))
        }
    }

    /// 1.9 on: plain text.
    pub mod plain {
        use super::*;

        /// Writes a [`SignLine::Plain`].
        pub fn encode(v: &SignLine<'_>, w: &mut Writer<'_>) -> Result<()> {
            match v {
                SignLine::Plain(text) => text.encode_bounded(w, MAX_LEN),
                SignLine::Json(_) => fail(ErrorKind::NotInVersion {
                    ty: "SignLine::Json",
                    version: w.version().0,
                }),
            }
        }

        /// Reads a [`SignLine::Plain`].
        pub fn decode<'a>(r: &mut Reader<'a>) -> Result<SignLine<'a>> {
            Cow::<str>::decode_bounded(r, MAX_LEN).map(SignLine::Plain)
        }

        /// A String of at most 384 characters.
        pub fn describe(_: ProtocolVersion) -> WireType {
            WireType::String { max: MAX_LEN }
        }

        /// A plain line within the limit.
        #[cfg(feature = "generate")]
        pub fn generate(g: &mut Gen<'_>) -> SignLine<'static> {
            SignLine::Plain(Cow::generate_bounded(g, MAX_LEN))
        }
    }
}
