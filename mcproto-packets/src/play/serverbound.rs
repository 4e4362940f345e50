//! Packets the client sends in the play state (protocol 47: 0x00–0x19;
//! protocol 54: 0x00–0x1A).
//!
//! Protocol 54 (15w32c) inserts Use Item at 0x08, so every packet from
//! Player Block Placement on has its protocol-47 id + 1 there
//! (protocol-54-ids.md, "Play, serverbound"). Where the sources disagree,
//! these declarations follow vanilla; each such choice is noted on the field.

use mcproto::bytes::Bytes;
use mcproto::{Chat, Decode, Encode, Generate, Packet, Position, SharedStr, Slot, Uuid};

use super::types::{BlockFace, Hand};

/// Answers a clientbound Keep Alive; the server drops clients that stop answering.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x00, state = Play, direction = Serverbound)]
pub struct KeepAlive {
    /// The id from the server's Keep Alive, echoed back.
    #[mc(varint)]
    pub keep_alive_id: i32,
}

/// A chat line or (with a leading `/`) a command typed by the player.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x01, state = Play, direction = Serverbound)]
pub struct ChatMessage {
    /// Vanilla servers read at most 100 characters and kick longer messages.
    #[mc(max_len = 100)]
    pub message: SharedStr,
}

/// Sent when the player attacks or right-clicks an entity.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x02, state = Play, direction = Serverbound)]
pub struct UseEntity {
    /// Entity id of the entity used.
    #[mc(varint)]
    pub target: i32,
    /// wiki.vg's "Type" (minecraft-data: `mouse`); it selects what follows.
    pub action: UseEntityAction,
}

/// What Use Entity does; the VarInt tag decides which fields follow.
#[derive(Encode, Decode, Generate, Debug, Clone, PartialEq)]
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

/// Sent every tick the player neither moves nor turns (minecraft-data: `flying`).
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x03, state = Play, direction = Serverbound)]
pub struct Player {
    /// Whether the player stands on the ground; a false → true change
    /// applies fall damage.
    pub on_ground: bool,
}

/// Sent when the player moves without turning.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x04, state = Play, direction = Serverbound)]
pub struct PlayerPosition {
    /// Absolute position, in blocks.
    pub x: f64,
    /// Absolute height of the feet, in blocks (the eyes are 1.62 higher).
    pub feet_y: f64,
    /// Absolute position, in blocks.
    pub z: f64,
    /// Whether the player stands on the ground.
    pub on_ground: bool,
}

/// Sent when the player turns without moving.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x05, state = Play, direction = Serverbound)]
pub struct PlayerLook {
    /// Degrees, not clamped: 0 faces +Z (south), 90 −X (west), 180 −Z, 270 +X.
    pub yaw: f32,
    /// Degrees: −90 straight up, 0 level, 90 straight down.
    pub pitch: f32,
    /// Whether the player stands on the ground.
    pub on_ground: bool,
}

/// Sent when the player moves and turns, and to confirm a clientbound
/// Player Position And Look.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x06, state = Play, direction = Serverbound)]
pub struct PlayerPositionAndLook {
    /// Absolute position, in blocks.
    pub x: f64,
    /// Absolute height of the feet, in blocks.
    pub feet_y: f64,
    /// Absolute position, in blocks.
    pub z: f64,
    /// Degrees, as in [`PlayerLook::yaw`].
    pub yaw: f32,
    /// Degrees, as in [`PlayerLook::pitch`].
    pub pitch: f32,
    /// Whether the player stands on the ground.
    pub on_ground: bool,
}

/// Sent when the player digs a block, drops items, finishes using an item
/// or (protocol 54) swaps hands.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id = 0x07, state = Play, direction = Serverbound)]
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
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// Swap the items of the main and off hand. Protocol 54 on; a
    /// protocol-47 client never sends it.
    #[mc(tag = 6)]
    SwapItemInHand,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

/// Sent when the player uses the item in a hand without targeting a block
/// (protocol 54 only; protocol 47 sends a special Player Block Placement).
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(54 = 0x08), state = Play, direction = Serverbound)]
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
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x08, 54 = 0x09), state = Play, direction = Serverbound)]
pub struct PlayerBlockPlacement {
    /// The block clicked.
    pub location: Position,
    /// The face clicked (minecraft-data: `direction`): a Byte in 47, a
    /// VarInt from 54 on (same bytes for faces 0–5; protocol-54-ids.md D2).
    #[mc(as(47 = u8, 54 = varint))]
    pub face: BlockFace,
    /// The held item as the client sees it (vanilla servers ignore it).
    /// Protocol 47 only: 54 replaced it with `hand` (protocol-54-ids.md D2).
    #[mc(before = 54)]
    pub held_item: Option<Slot>,
    /// The hand placing the block; protocol 54 on.
    #[mc(since = 54)]
    pub hand: Option<Hand>,
    /// Crosshair position on the block, in sixteenths of a block (0–15);
    /// vanilla reads these bytes unsigned.
    pub cursor_position_x: u8,
    /// Sixteenths of a block, as `cursor_position_x`.
    pub cursor_position_y: u8,
    /// Sixteenths of a block, as `cursor_position_x`.
    pub cursor_position_z: u8,
}

/// Sent when the player selects another hotbar slot.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x09, 54 = 0x0A), state = Play, direction = Serverbound)]
pub struct HeldItemChange {
    /// Hotbar slot 0–8.
    pub slot: i16,
}

/// Sent when the player swings an arm (minecraft-data: `arm_animation`).
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x0A, 54 = 0x0B), state = Play, direction = Serverbound)]
pub struct Animation {
    /// The arm swung; protocol 54 on (the 47 packet has no fields).
    #[mc(since = 54)]
    pub hand: Option<Hand>,
}

/// Sent when the player sneaks, sprints, leaves a bed or jumps with a horse.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x0B, 54 = 0x0C), state = Play, direction = Serverbound)]
pub struct EntityAction {
    /// The player's own entity id.
    #[mc(varint)]
    pub entity_id: i32,
    /// What the player did.
    pub action_id: EntityActionKind,
    /// Horse jump strength 0–100 for [`EntityActionKind::JumpWithHorse`],
    /// otherwise 0 (seed 004 calls it "Jump Boost").
    #[mc(varint)]
    pub action_parameter: i32,
}

/// The action of an Entity Action packet.
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum EntityActionKind {
    /// Start sneaking (crouch).
    #[mc(tag = 0)]
    StartSneaking,
    /// Stop sneaking.
    #[mc(tag = 1)]
    StopSneaking,
    /// The "Leave Bed" button.
    #[mc(tag = 2)]
    LeaveBed,
    /// Start sprinting.
    #[mc(tag = 3)]
    StartSprinting,
    /// Stop sprinting.
    #[mc(tag = 4)]
    StopSprinting,
    /// Jump with the ridden horse; the strength is the action parameter.
    #[mc(tag = 5)]
    JumpWithHorse,
    /// Open the ridden horse's inventory. Protocol 47; 15w31a removed it
    /// (the client sends Client Status 2 instead), so 54 encoders should
    /// not send it, but it still decodes in 54 (protocol-54-ids.md D3).
    #[mc(tag = 6)]
    OpenHorseInventory,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

/// Sent every tick while the player rides a vehicle or animal.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x0C, 54 = 0x0D), state = Play, direction = Serverbound)]
pub struct SteerVehicle {
    /// Sideways input; positive is to the player's left.
    pub sideways: f32,
    /// Forward input; positive is forward.
    pub forward: f32,
    /// Bit mask (minecraft-data calls it `jump`): [`SteerVehicle::JUMP`]
    /// 0x01, [`SteerVehicle::UNMOUNT`] 0x02.
    pub flags: u8,
}

impl SteerVehicle {
    /// `flags` bit: jump.
    pub const JUMP: u8 = 0x01;
    /// `flags` bit: dismount.
    pub const UNMOUNT: u8 = 0x02;
}

/// Sent when the player closes a window, including the player inventory.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x0D, 54 = 0x0E), state = Play, direction = Serverbound)]
pub struct CloseWindow {
    /// The window closed; 0 is the player inventory (closed although no
    /// Open Window opened it). A signed Byte: vanilla reads it with
    /// `readByte()`; wiki.vg and minecraft-data say unsigned.
    pub window_id: i8,
}

/// Sent when the player clicks a slot of a window.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x0E, 54 = 0x0F), state = Play, direction = Serverbound)]
pub struct ClickWindow {
    /// The window; 0 is the player inventory. A signed Byte as vanilla
    /// reads it (wiki.vg and minecraft-data: unsigned).
    pub window_id: i8,
    /// The slot clicked; −999 is outside the window.
    pub slot: i16,
    /// Mouse button or key; its meaning depends on `mode` (see [`ClickWindowMode`]).
    pub button: i8,
    /// Client-side counter starting at 1; the server answers with a
    /// Confirm Transaction carrying it.
    pub action_number: i16,
    /// The kind of click.
    pub mode: ClickWindowMode,
    /// The item in the clicked slot (empty for drop mode).
    pub clicked_item: Slot,
}

/// The kind of click in a Click Window packet (a Byte, 0–6).
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = i8)]
pub enum ClickWindowMode {
    /// Plain click: button 0 left, 1 right.
    #[mc(tag = 0)]
    NormalClick,
    /// Shift-click: button 0 left, 1 right (same effect).
    #[mc(tag = 1)]
    ShiftClick,
    /// Number key: button 0–8 for keys 1–9.
    #[mc(tag = 2)]
    NumberKey,
    /// Middle click (creative): button 2.
    #[mc(tag = 3)]
    MiddleClick,
    /// Drop key: button 0 drops one, 1 (Ctrl) the stack; at slot −999 a
    /// no-op click outside the window.
    #[mc(tag = 4)]
    Drop,
    /// Drag ("painting"): buttons 0/4 start a left/right drag at slot
    /// −999, 1/5 add a slot, 2/6 end the drag at slot −999.
    #[mc(tag = 5)]
    Drag,
    /// Double click: button 0.
    #[mc(tag = 6)]
    DoubleClick,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

/// Sent back to accept a transaction the server rejected (clientbound
/// Confirm Transaction with Accepted = false).
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x0F, 54 = 0x10), state = Play, direction = Serverbound)]
pub struct ConfirmTransaction {
    /// The window the action happened in.
    pub window_id: i8,
    /// The action number from Click Window.
    pub action_number: i16,
    /// Whether the action was accepted.
    pub accepted: bool,
}

/// Sent in creative mode to put an item into an inventory slot (or delete it).
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x10, 54 = 0x11), state = Play, direction = Serverbound)]
pub struct CreativeInventoryAction {
    /// Inventory slot; −1 drops the item outside the window.
    pub slot: i16,
    /// The item to create there; empty deletes.
    pub clicked_item: Slot,
}

/// Sent when the player picks an enchantment in an enchantment table.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x11, 54 = 0x12), state = Play, direction = Serverbound)]
pub struct EnchantItem {
    /// The enchantment table window, from Open Window.
    pub window_id: i8,
    /// Position of the chosen enchantment in the list, 0 = top.
    pub enchantment: i8,
}

/// Sent when the player presses "Done" in the sign editor.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x12, 54 = 0x13), state = Play, direction = Serverbound)]
pub struct UpdateSign {
    /// The sign's block.
    pub location: Position,
    /// First line, as JSON text (still Chat in 54; plain strings only from
    /// 15w35a). Vanilla reads each line with `readStringFromBuffer(384)`.
    #[mc(max_len = 384)]
    pub line_1: Chat,
    /// Second line (at most 384 characters).
    #[mc(max_len = 384)]
    pub line_2: Chat,
    /// Third line (at most 384 characters).
    #[mc(max_len = 384)]
    pub line_3: Chat,
    /// Fourth line (at most 384 characters).
    #[mc(max_len = 384)]
    pub line_4: Chat,
}

/// Sent when the player starts or stops flying.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x13, 54 = 0x14), state = Play, direction = Serverbound)]
pub struct PlayerAbilities {
    /// Bit mask, as vanilla (one reader for both directions) defines it:
    /// 0x01 invulnerable, 0x02 flying, 0x04 allow flying, 0x08 creative
    /// mode (the `INVULNERABLE`… constants). Seed 004 lists the bits in the
    /// reverse order (protocol-54-ids.md D7). Only 0x02 matters to servers.
    pub flags: i8,
    /// Ignored by vanilla servers.
    pub flying_speed: f32,
    /// Ignored by vanilla servers.
    pub walking_speed: f32,
}

impl PlayerAbilities {
    /// `flags` bit: takes no damage.
    pub const INVULNERABLE: i8 = 0x01;
    /// `flags` bit: is flying.
    pub const FLYING: i8 = 0x02;
    /// `flags` bit: may fly.
    pub const ALLOW_FLYING: i8 = 0x04;
    /// `flags` bit: creative mode (instant breaking).
    pub const CREATIVE_MODE: i8 = 0x08;
}

/// Sent when the player presses Tab in the chat or command box.
///
/// Protocol 54 has no "Assume Command" field yet (15w34b adds it;
/// protocol-54-ids.md D4).
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x14, 54 = 0x15), state = Play, direction = Serverbound)]
pub struct TabComplete {
    /// Everything before the cursor.
    pub text: SharedStr,
    /// The block the player looks at, if any (preceded by "Has Position").
    pub looked_at_block: Option<Position>,
}

/// Sent after joining and whenever the client's settings change.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x15, 54 = 0x16), state = Play, direction = Serverbound)]
pub struct ClientSettings {
    /// Language, e.g. `en_GB`. The vanilla 1.8 server reads at most 7
    /// characters (`readStringFromBuffer(7)`).
    #[mc(max_len = 7)]
    pub locale: SharedStr,
    /// Render distance, in chunks.
    pub view_distance: i8,
    /// Which chat messages the player wants (minecraft-data: `chatFlags`).
    pub chat_mode: ChatMode,
    /// The "Colors" chat setting.
    pub chat_colors: bool,
    /// Bit mask of the skin layers shown: 0x01 cape, 0x02 jacket, 0x04 left
    /// sleeve, 0x08 right sleeve, 0x10 left trouser leg, 0x20 right trouser
    /// leg, 0x40 hat (the `CAPE`… constants).
    pub displayed_skin_parts: u8,
    /// The player's main hand; protocol 54 on.
    #[mc(since = 54)]
    pub main_hand: Option<MainHand>,
}

impl ClientSettings {
    /// `displayed_skin_parts` bit: cape.
    pub const CAPE: u8 = 0x01;
    /// `displayed_skin_parts` bit: jacket.
    pub const JACKET: u8 = 0x02;
    /// `displayed_skin_parts` bit: left sleeve.
    pub const LEFT_SLEEVE: u8 = 0x04;
    /// `displayed_skin_parts` bit: right sleeve.
    pub const RIGHT_SLEEVE: u8 = 0x08;
    /// `displayed_skin_parts` bit: left trouser leg.
    pub const LEFT_PANTS_LEG: u8 = 0x10;
    /// `displayed_skin_parts` bit: right trouser leg.
    pub const RIGHT_PANTS_LEG: u8 = 0x20;
    /// `displayed_skin_parts` bit: hat.
    pub const HAT: u8 = 0x40;
}

/// Which chat messages a client wants (Client Settings, a Byte).
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = i8)]
pub enum ChatMode {
    /// All messages.
    #[mc(tag = 0)]
    Enabled,
    /// Only command feedback.
    #[mc(tag = 1)]
    CommandsOnly,
    /// None (chat hidden).
    #[mc(tag = 2)]
    Hidden,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

/// The player's main hand (Client Settings, protocol 54 on).
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum MainHand {
    /// Left-handed.
    #[mc(tag = 0)]
    Left,
    /// Right-handed (the default).
    #[mc(tag = 1)]
    Right,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

/// Sent to respawn, to ask for statistics, or when the inventory is opened.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x16, 54 = 0x17), state = Play, direction = Serverbound)]
pub struct ClientStatus {
    /// What the client asks for (minecraft-data: `payload`).
    pub action_id: ClientStatusAction,
}

/// The request of a Client Status packet.
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum ClientStatusAction {
    /// Respawn after death, or leave the End after its credits.
    #[mc(tag = 0)]
    PerformRespawn,
    /// Ask for a Statistics packet.
    #[mc(tag = 1)]
    RequestStats,
    /// The player opened the inventory. In 47 it only awards the "Taking
    /// Inventory" achievement; in 54 it also replaces Entity Action 6.
    #[mc(tag = 2)]
    OpenInventory,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

/// Data on a plugin channel (`MC|Brand`, `MC|BEdit`, mod channels…).
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x17, 54 = 0x18), state = Play, direction = Serverbound)]
pub struct PluginMessage {
    /// Channel name; vanilla reads at most 20 characters.
    #[mc(max_len = 20)]
    pub channel: SharedStr,
    /// Channel-specific data: the rest of the packet, without a length.
    /// Vanilla servers refuse more than 32767 bytes; this decoder leaves
    /// that limit to the frame size.
    #[mc(rest)]
    pub data: Bytes,
}

/// Sent in spectator mode to teleport to an entity.
#[derive(Packet, Generate, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x18, 54 = 0x19), state = Play, direction = Serverbound)]
pub struct Spectate {
    /// The entity to teleport to (vanilla clients only pick players).
    pub target_player: Uuid,
}

/// Sent when the client reacts to a Resource Pack Send.
#[derive(Packet, Generate, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(id(47 = 0x19, 54 = 0x1A), state = Play, direction = Serverbound)]
pub struct ResourcePackStatus {
    /// The hash from Resource Pack Send; vanilla reads at most 40 characters.
    #[mc(max_len = 40)]
    pub hash: SharedStr,
    /// What happened to the pack.
    pub result: ResourcePackResult,
}

/// The outcome reported by Resource Pack Status.
#[derive(Encode, Decode, Generate, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = varint)]
pub enum ResourcePackResult {
    /// The pack was downloaded and applied.
    #[mc(tag = 0)]
    SuccessfullyLoaded,
    /// The player declined the pack.
    #[mc(tag = 1)]
    Declined,
    /// The download failed.
    #[mc(tag = 2)]
    FailedDownload,
    /// The player accepted; the download starts.
    #[mc(tag = 3)]
    Accepted,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}
