//! Spawning, moving, equipping and changing entities, and riding them.

use crate::version::*;
use mcproto_core::{
    Angle, Decode, Encode, IntValue, Metadata, Nbt, Packet, Position, ProtocolVersion, Result,
    Slot, Uuid,
};
use std::borrow::Cow;

/// An equipment slot of Entity Equipment, numbered differently per version.
///
/// Protocol 47 sends a Short: 0 held item, 1 boots, 2 leggings, 3 chestplate,
/// 4 helmet. Protocol 54 (15w31a on) and every release from 1.9 on send a
/// VarInt: 0 main hand, 1 off hand, 2 boots, 3 leggings, 4 chestplate, 5
/// helmet ([15w32c page](https://wiki.vg/index.php?title=Pre-release_protocol&oldid=6788),
/// [1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Entity_Equipment)).
/// [`EquipmentSlot::OffHand`] does not exist in 47: encoding it there is a
/// [`NotInVersion`](mcproto_core::ErrorKind::NotInVersion) error. From 1.9
/// vanilla reads the slot as a closed enum (an unknown number is a decode
/// error there), while 1.8 reads any Short; [`EquipmentSlot::Unknown`]
/// keeps such numbers either way.
///
/// A 1.8 quirk: the 1.8 client applies slots 0–3 of the *receiving
/// player's own* entity to its armour (boots … helmet), unlike every other
/// entity's; vanilla servers never send that.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag(47 = i16, 54 = varint))]
pub enum EquipmentSlot {
    /// The held item (47) / main hand (54).
    #[mc(tag = 0)]
    MainHand,
    /// The off hand (protocol 54 on).
    #[mc(since = 54, tag = 1)]
    OffHand,
    /// Boots.
    #[mc(tag(47 = 1, 54 = 2))]
    Boots,
    /// Leggings.
    #[mc(tag(47 = 2, 54 = 3))]
    Leggings,
    /// Chestplate.
    #[mc(tag(47 = 3, 54 = 4))]
    Chestplate,
    /// Helmet.
    #[mc(tag(47 = 4, 54 = 5))]
    Helmet,
    /// A number this crate does not know, as sent **in the version it was
    /// received in** (the numberings differ, so it is not translated). Kept
    /// in protocol 47 only, where vanilla reads the slot as a plain Short
    /// (`S04PacketEntityEquipment`); from 54 on the slot is a VarInt enum
    /// (`readEnumValue(EntityEquipmentSlot)` in 1.9), which fails on an
    /// unknown value, and so does this decoder.
    #[mc(other, before = 54)]
    Unknown(i32),
}

impl EquipmentSlot {
    /// The number sent for this slot in protocol `version`.
    pub fn to_wire(self, version: i32) -> Result<i32> {
        // Every number fits: the tags are small and Unknown holds an i32.
        <Self as IntValue>::to_wire(&self, ProtocolVersion(version)).map(|n| n as i32)
    }

    /// The slot that number `n` means in protocol `version`.
    pub fn from_wire(n: i32, version: i32) -> Self {
        <Self as IntValue>::from_wire(i64::from(n), ProtocolVersion(version))
            .unwrap_or(EquipmentSlot::Unknown(n))
    }
}

/// The animation an Animation packet plays (protocol 47 meanings; 54 is not
/// known to change them).
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = u8)]
pub enum AnimationId {
    /// Swing arm.
    #[mc(tag = 0)]
    SwingArm,
    /// Take damage (red flash).
    #[mc(tag = 1)]
    TakeDamage,
    /// Leave bed.
    #[mc(tag = 2)]
    LeaveBed,
    /// Eat food.
    #[mc(tag = 3)]
    EatFood,
    /// Critical hit particles.
    #[mc(tag = 4)]
    CriticalEffect,
    /// Magic (enchantment) critical hit particles.
    #[mc(tag = 5)]
    MagicCriticalEffect,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

/// The direction a painting faces (out of the wall, towards the viewer).
///
/// Numbered as vanilla 1.8 sends it: `EnumFacing.getHorizontalIndex()`, i.e.
/// 0 south (+z), 1 west (−x), 2 north (−z), 3 east (+x). wiki.vg's
/// [1.8 page](https://wiki.vg/index.php?title=Protocol&oldid=7368) lists 0 as −z and 2 as +z; the decompiled `S10PacketSpawnPainting` and `EnumFacing` disagree, and
/// vanilla wins (later wiki.vg revisions also give south = 0, north = 2).
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = u8)]
pub enum PaintingDirection {
    /// Facing +z.
    #[mc(tag = 0)]
    South,
    /// Facing −x.
    #[mc(tag = 1)]
    West,
    /// Facing −z.
    #[mc(tag = 2)]
    North,
    /// Facing +x.
    #[mc(tag = 3)]
    East,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}

/// Spawn Object's initial velocity, in 1/8000 block per tick.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SpawnObjectVelocity {
    /// Velocity X.
    pub x: i16,
    /// Velocity Y.
    pub y: i16,
    /// Velocity Z.
    pub z: i16,
}

/// An item an entity holds or wears changed.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct EntityEquipment {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Which slot: a Short in 47, a VarInt with another numbering from 54
    /// on (see [`EquipmentSlot`]).
    pub slot: EquipmentSlot,
    /// The item (empty to clear the slot).
    pub item: Slot,
}

/// An entity plays an animation.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct Animation {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Which animation.
    pub animation: AnimationId,
}

/// Another player comes into view (not sent when a player joins).
///
/// From 1.9 the position is three Doubles and the held item is gone (it
/// already was in 54); the metadata follows each version's format.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct SpawnPlayer {
    /// The player's entity id.
    #[mc(varint)]
    pub entity_id: i32,
    /// Must already be known from Player List Item (which carries the name
    /// and skin).
    pub player_uuid: Uuid,
    /// Absolute X in blocks: an Int × 32 (floored) before 1.9, a Double
    /// from 1.9 on.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub x: f64,
    /// Absolute Y (the feet) in blocks, sent as `x` is.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub y: f64,
    /// Absolute Z in blocks, sent as `x` is.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub z: f64,
    /// Yaw.
    pub yaw: Angle,
    /// Pitch.
    pub pitch: Angle,
    /// Item id in hand; 0 (not −1) for none. Protocol 47 only: removed in
    /// 15w31a ([Protocol History](https://wiki.vg/Protocol_History); wiki.vg's 15w32c page still lists
    /// it, struck through).
    #[mc(before = 54)]
    pub current_item: Option<i16>,
    /// Metadata; always at least the terminator (the 1.8 client crashes on
    /// a player without metadata).
    pub metadata: Metadata,
}

/// An item, arrow or orb is picked up (animation only; the entity is
/// removed separately with Destroy Entities). 1.11 adds how many items
/// were taken ([page](https://wiki.vg/index.php?title=Protocol&oldid=8405#Collect_Item)).
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct CollectItem {
    /// The entity picked up.
    #[mc(varint)]
    pub collected_entity_id: i32,
    /// The entity picking it up.
    #[mc(varint)]
    pub collector_entity_id: i32,
    /// Items taken from the stack (1 for arrows and experience orbs); from
    /// 1.11 on only.
    #[mc(varint, since = V1_11)]
    pub pickup_item_count: Option<i32>,
}

/// A vehicle, projectile, falling block, item or other non-mob entity
/// comes into view.
///
/// From 1.9 ([page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Spawn_Object))
/// the position is three Doubles; the UUID and the unconditional velocity
/// date from 15w31a (protocol 54).
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct SpawnObject {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Protocol 54 on only (new in 15w31a).
    #[mc(since = V15W32C)]
    pub object_uuid: Option<Uuid>,
    /// Object type ([Object Data](https://wiki.vg/Object_Data)), e.g. 1 boat, 2 item stack,
    /// 10 minecart, 60 arrow, 70 falling block.
    pub object_type: i8,
    /// Absolute X in blocks: an Int × 32 (floored) before 1.9, a Double
    /// from 1.9 on.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub x: f64,
    /// Absolute Y (the feet) in blocks, sent as `x` is.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub y: f64,
    /// Absolute Z in blocks, sent as `x` is.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub z: f64,
    /// Pitch (note: before yaw here).
    pub pitch: Angle,
    /// Yaw.
    pub yaw: Angle,
    /// Meaning depends on the object type ([Object Data](https://wiki.vg/Object_Data)).
    pub data: i32,
    /// Sent only when `data > 0` in protocol 47 (vanilla's test; some
    /// wiki.vg revisions and minecraft-data say ≠ 0), and always from 54 on.
    #[mc(when = *data > 0 || version >= ProtocolVersion(54))]
    pub velocity: Option<SpawnObjectVelocity>,
}

/// A mob comes into view.
///
/// From 1.9 ([page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Spawn_Mob))
/// the position is three Doubles (the UUID dates from 54); from 1.11
/// ([page](https://wiki.vg/index.php?title=Protocol&oldid=8405#Spawn_Mob))
/// the type is a VarInt. The metadata follows each version's format.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct SpawnMob {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Protocol 54 on only (new in 15w31a).
    #[mc(since = V15W32C)]
    pub entity_uuid: Option<Uuid>,
    /// Mob type id, e.g. 50 creeper, 54 zombie, 90 pig, 120 villager (the
    /// entity registry of the version: 1.11 adds separate ids for the
    /// zombie, skeleton and horse kinds). An Unsigned Byte before 1.11, a
    /// VarInt from 1.11 on.
    #[mc(as(V1_8 = u8, V1_11 = varint))]
    pub mob_type: i32,
    /// Absolute X in blocks: an Int × 32 (floored) before 1.9, a Double
    /// from 1.9 on.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub x: f64,
    /// Absolute Y (the feet) in blocks, sent as `x` is.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub y: f64,
    /// Absolute Z in blocks, sent as `x` is.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub z: f64,
    /// Yaw.
    pub yaw: Angle,
    /// Pitch.
    pub pitch: Angle,
    /// wiki.vg's name; vanilla writes the head's yaw here.
    pub head_pitch: Angle,
    /// 1/8000 block per tick.
    pub velocity_x: i16,
    /// 1/8000 block per tick.
    pub velocity_y: i16,
    /// 1/8000 block per tick.
    pub velocity_z: i16,
    /// Metadata.
    pub metadata: Metadata,
}

/// A painting comes into view.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct SpawnPainting<'a> {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// From 1.9 on only ([page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Spawn_Painting));
    /// 54 did not have it yet.
    #[mc(since = V1_9)]
    pub entity_uuid: Option<Uuid>,
    /// The painting's name, e.g. "Kebab" (vanilla limit: 13 characters).
    #[mc(max_len = 13)]
    pub title: Cow<'a, str>,
    /// The centre block of the painting.
    pub location: Position,
    /// The direction it faces.
    pub direction: PaintingDirection,
}

/// An experience orb comes into view.
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct SpawnExperienceOrb {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Absolute X in blocks: an Int × 32 (floored) before 1.9, a Double
    /// from 1.9 on.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub x: f64,
    /// Absolute Y (the feet) in blocks, sent as `x` is.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub y: f64,
    /// Absolute Z in blocks, sent as `x` is.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub z: f64,
    /// Experience the orb gives.
    pub count: i16,
}

/// An entity's velocity changed.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct EntityVelocity {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// 1/8000 block per tick (vanilla clamps to ±3.9 blocks/tick first).
    pub velocity_x: i16,
    /// 1/8000 block per tick.
    pub velocity_y: i16,
    /// 1/8000 block per tick.
    pub velocity_z: i16,
}

/// Entities leave view or are removed.
#[derive(Packet, Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct DestroyEntities {
    /// The entities (a VarInt count, then VarInts).
    #[mc(as = varint)]
    pub entity_ids: Vec<i32>,
}

/// An entity did not move or turn since the last movement packet.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct Entity {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
}

/// An entity moved by less than 4 blocks.
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct EntityRelativeMove {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Change in blocks: a Byte × 32 before 1.9 (−4 ≤ Δ < 4), a Short ×
    /// 4096 from 1.9 on (−8 ≤ Δ < 8); vanilla sends the difference of the
    /// floored scaled positions.
    #[mc(as(V1_8 = fixed(i8, 32), V1_9 = fixed(i16, 4096)))]
    pub delta_x: f64,
    /// Change in blocks, sent as `delta_x` is.
    #[mc(as(V1_8 = fixed(i8, 32), V1_9 = fixed(i16, 4096)))]
    pub delta_y: f64,
    /// Change in blocks, sent as `delta_x` is.
    #[mc(as(V1_8 = fixed(i8, 32), V1_9 = fixed(i16, 4096)))]
    pub delta_z: f64,
    /// On the ground.
    pub on_ground: bool,
}

/// An entity turned (its head is turned by Entity Head Look).
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct EntityLook {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Absolute yaw, not a change.
    pub yaw: Angle,
    /// Absolute pitch.
    pub pitch: Angle,
    /// On the ground.
    pub on_ground: bool,
}

/// An entity moved by less than 4 blocks and turned.
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct EntityLookAndRelativeMove {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Change in blocks: a Byte × 32 before 1.9 (−4 ≤ Δ < 4), a Short ×
    /// 4096 from 1.9 on (−8 ≤ Δ < 8); vanilla sends the difference of the
    /// floored scaled positions.
    #[mc(as(V1_8 = fixed(i8, 32), V1_9 = fixed(i16, 4096)))]
    pub delta_x: f64,
    /// Change in blocks, sent as `delta_x` is.
    #[mc(as(V1_8 = fixed(i8, 32), V1_9 = fixed(i16, 4096)))]
    pub delta_y: f64,
    /// Change in blocks, sent as `delta_x` is.
    #[mc(as(V1_8 = fixed(i8, 32), V1_9 = fixed(i16, 4096)))]
    pub delta_z: f64,
    /// Absolute yaw.
    pub yaw: Angle,
    /// Absolute pitch.
    pub pitch: Angle,
    /// On the ground.
    pub on_ground: bool,
}

/// An entity moved by 4 blocks or more.
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct EntityTeleport {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Absolute X in blocks: an Int × 32 (floored) before 1.9, a Double
    /// from 1.9 on.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub x: f64,
    /// Absolute Y (the feet) in blocks, sent as `x` is.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub y: f64,
    /// Absolute Z in blocks, sent as `x` is.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub z: f64,
    /// Yaw.
    pub yaw: Angle,
    /// Pitch.
    pub pitch: Angle,
    /// On the ground.
    pub on_ground: bool,
}

/// An entity turned its head.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct EntityHeadLook {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Head yaw.
    pub head_yaw: Angle,
}

/// An entity event (hurt, death, eating, taming...).
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct EntityStatus {
    /// The entity; an Int here, not a VarInt.
    pub entity_id: i32,
    /// Event code, whose meaning depends on the entity type (e.g. 2 hurt,
    /// 3 dead, 9 item use finished, 10 sheep eating grass). Kept as a plain
    /// byte rather than an enum because the codes overlap between entity
    /// types.
    pub entity_status: i8,
}

/// An entity mounts or leaves a vehicle, or is leashed or unleashed.
///
/// From 1.9 ([page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Attach_Entity))
/// it only leashes: riding moved to [`SetPassengers`] and the Leash field
/// is gone.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct AttachEntity {
    /// The rider, or the leashed entity (an Int here).
    pub entity_id: i32,
    /// The vehicle, or the leash holder (an Int); −1 detaches. From 1.9
    /// always the holder of the leash.
    pub vehicle_id: i32,
    /// A leash rather than riding; before 1.9 only.
    #[mc(before = V1_9)]
    pub leash: Option<bool>,
}

/// Sets every passenger of a vehicle at once (1.9 on: a vehicle can carry
/// several); an empty list dismounts all of them
/// ([1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Set_Passengers)).
#[derive(Packet, Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct SetPassengers {
    /// The vehicle.
    #[mc(varint)]
    pub entity_id: i32,
    /// The riders' entity ids in seat order; the first one steers.
    #[mc(as = varint)]
    pub passengers: Vec<i32>,
}

/// Moves the vehicle the player steers, absolutely; vanilla sends it when
/// it refuses the client's own Vehicle Move
/// ([1.9 page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Vehicle_Move_.28clientbound.29)).
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct VehicleMove {
    /// Absolute X in blocks.
    pub x: f64,
    /// Absolute Y in blocks.
    pub y: f64,
    /// Absolute Z in blocks.
    pub z: f64,
    /// Absolute yaw in degrees.
    pub yaw: f32,
    /// Absolute pitch in degrees.
    pub pitch: f32,
}

/// Some of an entity's metadata changed.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct EntityMetadata {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// The changed entries.
    pub metadata: Metadata,
}

/// An entity gains a potion effect.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct EntityEffect {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Potion effect id (1 speed, 2 slowness, ...; a registry id, kept as
    /// a number).
    pub effect_id: i8,
    /// Effect level − 1.
    pub amplifier: i8,
    /// Duration in ticks (vanilla caps it at 32767, shown as "**:**").
    #[mc(varint)]
    pub duration: i32,
    /// Whether particles show, and (1.9 on) whether the effect is ambient.
    ///
    /// Before 1.9 this is one Boolean that wiki.vg's
    /// [1.8 page](https://wiki.vg/index.php?title=Protocol&oldid=7368#Entity_Effect)
    /// and minecraft-data call *Hide Particles*, but it means the opposite:
    /// vanilla 1.8 writes 1 when the particles are **shown** (its server
    /// writes `getIsShowParticles() ? 1 : 0`, its client passes the value
    /// as the effect's show-particles flag), so `true` decodes to
    /// [`EffectFlags::SHOW_PARTICLES`]. From 1.9
    /// ([page](https://wiki.vg/index.php?title=Protocol&oldid=7617#Entity_Effect))
    /// it is a flags byte: 0x01 ambient, 0x02 show particles.
    #[mc(with(V1_8 = effect_flags::boolean, V1_9 = effect_flags::byte))]
    pub flags: EffectFlags,
}

/// The last byte of [`EntityEffect`]: bit [`Self::AMBIENT`] and bit
/// [`Self::SHOW_PARTICLES`] as 1.9 numbers them; other bits are kept as
/// received (vanilla ignores them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct EffectFlags(pub u8);

impl EffectFlags {
    /// A beacon's (ambient) effect: fewer, paler particles.
    pub const AMBIENT: u8 = 0x01;
    /// The effect's particles are shown.
    pub const SHOW_PARTICLES: u8 = 0x02;

    /// The flags with these two bits.
    pub const fn new(ambient: bool, show_particles: bool) -> Self {
        EffectFlags(
            if ambient { Self::AMBIENT } else { 0 }
                | if show_particles {
                    Self::SHOW_PARTICLES
                } else {
                    0
                },
        )
    }

    /// Whether the ambient bit is set.
    pub const fn ambient(self) -> bool {
        self.0 & Self::AMBIENT != 0
    }

    /// Whether the show-particles bit is set.
    pub const fn show_particles(self) -> bool {
        self.0 & Self::SHOW_PARTICLES != 0
    }
}

/// The two encodings of [`EffectFlags`], chosen per version by
/// [`EntityEffect::flags`].
///
/// Hand-written because one Rust value has two wire meanings: before 1.9
/// a Boolean that is the show-particles bit alone, from 1.9 the flags byte
/// itself. Nothing is translated silently: flags other than
/// show-particles cannot be sent before 1.9 (an encode error).
pub mod effect_flags {
    use super::EffectFlags;
    #[cfg(feature = "generate")]
    use mcproto_core::Gen;
    use mcproto_core::{ErrorKind, ProtocolVersion, Reader, Result, WireType, Writer, error::fail};

    /// Before 1.9: a Boolean, true = particles shown.
    pub mod boolean {
        use super::*;

        /// Writes the show-particles bit as a Boolean; fails if any other
        /// bit is set (ambient effects cannot be told to a 1.8 client).
        pub fn encode(v: &EffectFlags, w: &mut Writer<'_>) -> Result<()> {
            if v.0 & !EffectFlags::SHOW_PARTICLES != 0 {
                return fail(ErrorKind::OutOfRange {
                    ty: "EffectFlags before 1.9 (only SHOW_PARTICLES)",
                    value: i64::from(v.0),
                });
            }
            w.put_u8(u8::from(v.show_particles()));
            Ok(())
        }

        /// Reads the Boolean (any non-zero byte is true, as vanilla reads it).
        pub fn decode(r: &mut Reader<'_>) -> Result<EffectFlags> {
            Ok(EffectFlags::new(false, r.u8()? != 0))
        }

        /// A Boolean.
        pub fn describe(_: ProtocolVersion) -> WireType {
            WireType::Bool
        }

        /// Shown or not.
        #[cfg(feature = "generate")]
        pub fn generate(g: &mut Gen<'_>) -> EffectFlags {
            EffectFlags::new(false, g.bool())
        }
    }

    /// From 1.9: the flags byte as is.
    pub mod byte {
        use super::*;

        /// Writes the byte.
        pub fn encode(v: &EffectFlags, w: &mut Writer<'_>) -> Result<()> {
            w.put_u8(v.0);
            Ok(())
        }

        /// Reads the byte.
        pub fn decode(r: &mut Reader<'_>) -> Result<EffectFlags> {
            r.u8().map(EffectFlags)
        }

        /// A Byte (minecraft-data: `i8`).
        pub fn describe(_: ProtocolVersion) -> WireType {
            WireType::Byte
        }

        /// Any byte.
        #[cfg(feature = "generate")]
        pub fn generate(g: &mut Gen<'_>) -> EffectFlags {
            EffectFlags(g.byte())
        }
    }
}

/// An entity loses a potion effect.
#[derive(Packet, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct RemoveEntityEffect {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// Potion effect id.
    pub effect_id: i8,
}

/// Merges NBT into an entity's data on the client (protocol 47 only;
/// removed in 15w31a, its id taken by [`BossBar`](super::BossBar), and
/// absent from every release from 1.9 on).
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct UpdateEntityNbt {
    /// The entity.
    #[mc(varint)]
    pub entity_id: i32,
    /// The tag to merge (a single 0x00 byte if absent).
    pub tag: Nbt,
}

/// Sets attributes of an entity (max health, movement speed...) and the
/// modifiers applied to them.
#[derive(Packet, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct EntityProperties<'a> {
    /// The entity whose properties these are.
    #[mc(varint)]
    pub entity_id: i32,
    /// The properties, counted by an Int (not a VarInt). A negative count
    /// is none: vanilla reads them in a `for` loop
    /// (`S20PacketEntityProperties`, 1.8; `SPacketEntityProperties`, 1.12.2).
    #[mc(len = i32, negative_empty)]
    pub properties: Vec<EntityProperty<'a>>,
}

/// One attribute of an [`EntityProperties`] packet.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct EntityProperty<'a> {
    /// Attribute name, e.g. `generic.maxHealth`, `generic.movementSpeed`
    /// (vanilla reads at most 64 characters).
    #[mc(max_len = 64)]
    pub key: Cow<'a, str>,
    /// Base value, before modifiers.
    pub value: f64,
    /// Modifiers applied to the base value (a negative count is none, as
    /// for the properties).
    #[mc(negative_empty)]
    pub modifiers: Vec<EntityPropertyModifier>,
}

/// A modifier of an [`EntityProperty`].
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct EntityPropertyModifier {
    /// Identifies the modifier (e.g. the sprint speed boost).
    pub uuid: Uuid,
    /// Amount, applied as `operation` says.
    pub amount: f64,
    /// How the amount is applied.
    pub operation: EntityPropertyOperation,
}

/// How an [`EntityPropertyModifier`] changes the value (a Byte).
///
/// Closed: vanilla builds an `AttributeModifier` from it, whose
/// constructor refuses an operation outside 0–2 (1.8 and 1.12.2), so
/// the packet fails, here as in vanilla.
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = i8)]
pub enum EntityPropertyOperation {
    /// Adds the amount to the base value.
    #[mc(tag = 0)]
    Add,
    /// Adds amount × base value.
    #[mc(tag = 1)]
    AddMultipliedBase,
    /// Multiplies the value by (1 + amount).
    #[mc(tag = 2)]
    Multiply,
}

/// Spawns a global entity: a thunderbolt, visible from far away.
#[derive(Packet, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[packet(state = Play, direction = Clientbound)]
pub struct SpawnGlobalEntity {
    /// The new entity's id.
    #[mc(varint)]
    pub entity_id: i32,
    /// Which global entity (1 = thunderbolt, the only one).
    pub r#type: SpawnGlobalEntityType,
    /// Absolute X in blocks: an Int × 32 (floored) before 1.9, a Double
    /// from 1.9 on.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub x: f64,
    /// Absolute Y (the feet) in blocks, sent as `x` is.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub y: f64,
    /// Absolute Z in blocks, sent as `x` is.
    #[mc(as(V1_8 = fixed(i32, 32), V1_9 = f64))]
    pub z: f64,
}

/// The kind of a [`SpawnGlobalEntity`] (a Byte).
#[derive(Encode, Decode, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "generate", derive(mcproto_core::Generate))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[mc(tag = i8)]
pub enum SpawnGlobalEntityType {
    /// A lightning bolt, the only global entity.
    #[mc(tag = 1)]
    Thunderbolt,
    /// A value this crate does not know (kept as received).
    #[mc(other)]
    Unknown(i32),
}
