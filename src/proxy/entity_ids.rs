//! Rewriting the player's own entity id between the client and a backend.
//!
//! The client keeps the entity id of the first Join Game it received; each
//! later backend gives the player another one. Packets that name an entity
//! are rewritten both ways: the backend's id for the player becomes the
//! client's, and, should another entity of the new backend have the
//! client's id, that one becomes the backend's id for the player, so the
//! two never collide. Only packets with entity ids are decoded, and only
//! while the two ids differ.
//!
//! Not rewritten: entity ids inside Entity Metadata values (the firework
//! rocket's booster, a fishing hook's hooked entity), which vanilla reads
//! only for rendering effects.

use std::collections::HashMap;

use mcproto_core::{DecodeOwned, Packet, Registry, Result};
use mcproto_packets::play::clientbound as cb;
use mcproto_packets::play::serverbound as sb;

/// The two ids of the player.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EntityIds {
    /// The id the client knows itself by.
    pub client: i32,
    /// The id the current backend gave the player.
    pub server: i32,
}

impl EntityIds {
    /// The id as the other side knows it. Both directions use the same
    /// swap, since it is its own inverse.
    fn swap(&self, id: i32) -> i32 {
        if id == self.server {
            self.client
        } else if id == self.client {
            self.server
        } else {
            id
        }
    }
}

type Rewrite = Box<dyn Fn(&Registry, &[u8], EntityIds) -> Result<Option<Vec<u8>>> + Send + Sync>;

/// The packets of one registry that carry entity ids, by packet id.
pub(crate) struct EntityRewriter {
    clientbound: HashMap<i32, Rewrite>,
    serverbound: HashMap<i32, Rewrite>,
}

/// Visits each entity id field of a packet.
type Visit<P> = fn(&mut P, &mut dyn FnMut(&mut i32));

fn rule<P>(registry: &Registry, table: &mut HashMap<i32, Rewrite>, visit: Visit<P>)
where
    P: Packet + DecodeOwned,
{
    let Some(id) = registry.id_of::<P>() else {
        // Not in this version (Set Passengers before 1.9, for one).
        return;
    };
    table.insert(
        id,
        Box::new(move |registry, frame, ids| {
            let mut packet: P = registry.decode_owned(frame)?;
            let mut changed = false;
            visit(&mut packet, &mut |id| {
                let swapped = ids.swap(*id);
                changed |= swapped != *id;
                *id = swapped;
            });
            if !changed {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(frame.len() + 4);
            registry.encode(&packet, &mut out)?;
            Ok(Some(out))
        }),
    );
}

/// Spawn Object's data names the shooter or owner for some objects: the
/// owner's id for fishing floats and fireballs, the shooter's id + 1 for
/// arrows (0: none). Object types as on wiki.vg's
/// [Object Data](https://wiki.vg/index.php?title=Object_Data&oldid=8314).
fn object_owner(object: &mut cb::SpawnObject, visit: &mut dyn FnMut(&mut i32)) {
    visit(&mut object.entity_id);
    match object.object_type {
        // Arrow, spectral arrow (1.9): shooter + 1.
        60 | 91 if object.data > 0 => {
            let mut shooter = object.data - 1;
            visit(&mut shooter);
            object.data = shooter.saturating_add(1);
        }
        // Fireball, small fireball, wither skull, fishing float, dragon
        // fireball (1.9): the owner, 0 for none.
        63 | 64 | 66 | 90 | 93 if object.data != 0 => visit(&mut object.data),
        _ => {}
    }
}

impl EntityRewriter {
    /// The rules for `registry`'s packets.
    pub(crate) fn new(registry: &Registry) -> Self {
        let mut c = HashMap::new();
        let r = registry;
        rule::<cb::EntityEquipment>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::Animation>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::UseBed>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::SpawnPlayer>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::CollectItem>(r, &mut c, |p, v| {
            v(&mut p.collected_entity_id);
            v(&mut p.collector_entity_id);
        });
        rule::<cb::SpawnObject>(r, &mut c, object_owner);
        rule::<cb::SpawnMob>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::SpawnPainting>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::SpawnExperienceOrb>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::SpawnGlobalEntity>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::EntityVelocity>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::DestroyEntities>(r, &mut c, |p, v| p.entity_ids.iter_mut().for_each(v));
        rule::<cb::Entity>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::EntityRelativeMove>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::EntityLook>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::EntityLookAndRelativeMove>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::EntityTeleport>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::EntityHeadLook>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::EntityStatus>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::AttachEntity>(r, &mut c, |p, v| {
            v(&mut p.entity_id);
            v(&mut p.vehicle_id);
        });
        rule::<cb::SetPassengers>(r, &mut c, |p, v| {
            v(&mut p.entity_id);
            p.passengers.iter_mut().for_each(v);
        });
        rule::<cb::EntityMetadata>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::EntityEffect>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::RemoveEntityEffect>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::UpdateEntityNbt>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::EntityProperties>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::BlockBreakAnimation>(r, &mut c, |p, v| v(&mut p.entity_id));
        rule::<cb::Camera>(r, &mut c, |p, v| v(&mut p.camera_id));
        rule::<cb::CombatEvent>(r, &mut c, |p, v| match &mut p.event {
            cb::CombatEventKind::EnterCombat => {}
            cb::CombatEventKind::EndCombat { entity_id, .. } => v(entity_id),
            cb::CombatEventKind::EntityDead {
                player_id,
                entity_id,
                ..
            } => {
                v(player_id);
                v(entity_id);
            }
        });
        let mut s = HashMap::new();
        rule::<sb::UseEntity>(r, &mut s, |p, v| v(&mut p.target));
        rule::<sb::EntityAction>(r, &mut s, |p, v| v(&mut p.entity_id));
        EntityRewriter {
            clientbound: c,
            serverbound: s,
        }
    }

    /// Whether packets with this id may need a rewrite on their way to the
    /// client.
    pub(crate) fn watches_clientbound(&self, id: i32) -> bool {
        self.clientbound.contains_key(&id)
    }

    /// Whether packets with this id may need a rewrite on their way to the
    /// backend.
    pub(crate) fn watches_serverbound(&self, id: i32) -> bool {
        self.serverbound.contains_key(&id)
    }

    /// The frame to send the client instead of `frame`, `None` to send it
    /// as it is.
    pub(crate) fn clientbound(
        &self,
        registry: &Registry,
        id: i32,
        frame: &[u8],
        ids: EntityIds,
    ) -> Result<Option<Vec<u8>>> {
        match self.clientbound.get(&id) {
            Some(rewrite) if ids.client != ids.server => rewrite(registry, frame, ids),
            _ => Ok(None),
        }
    }

    /// The frame to send the backend instead of `frame`.
    pub(crate) fn serverbound(
        &self,
        registry: &Registry,
        id: i32,
        frame: &[u8],
        ids: EntityIds,
    ) -> Result<Option<Vec<u8>>> {
        match self.serverbound.get(&id) {
            Some(rewrite) if ids.client != ids.server => rewrite(registry, frame, ids),
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mcproto_packets::registry;
    use mcproto_packets::version::{V1_8, V1_12_2};

    const IDS: EntityIds = EntityIds {
        client: 7,
        server: 300,
    };

    #[test]
    fn swaps_the_players_ids_and_nothing_else() {
        assert_eq!(IDS.swap(300), 7);
        assert_eq!(IDS.swap(7), 300);
        assert_eq!(IDS.swap(8), 8);
    }

    #[test]
    fn rewrites_entity_status_by_hand_bytes() {
        // Entity Status in 1.8: id 0x1a, Int entity id, Byte status.
        let r = registry(V1_8).unwrap();
        let rewriter = EntityRewriter::new(r);
        assert!(rewriter.watches_clientbound(0x1a));
        let frame = [0x1a, 0, 0, 0x01, 0x2c, 22]; // 300, status 22
        let out = rewriter.clientbound(r, 0x1a, &frame, IDS).unwrap();
        assert_eq!(out.as_deref(), Some(&[0x1a, 0, 0, 0, 7, 22][..]));
        // Another entity passes unchanged.
        let other = [0x1a, 0, 0, 0, 9, 22];
        assert_eq!(rewriter.clientbound(r, 0x1a, &other, IDS).unwrap(), None);
        // With equal ids nothing is decoded at all: even garbage passes.
        let same = EntityIds {
            client: 7,
            server: 7,
        };
        assert_eq!(rewriter.clientbound(r, 0x1a, &[0x1a], same).unwrap(), None);
    }

    #[test]
    fn rewrites_serverbound_entity_action_in_1_12_2() {
        // Entity Action in 1.12.2: id 0x15, VarInt entity id, VarInt
        // action, VarInt jump boost.
        let r = registry(V1_12_2).unwrap();
        let rewriter = EntityRewriter::new(r);
        let frame = [0x15, 7, 0, 0];
        let out = rewriter.serverbound(r, 0x15, &frame, IDS).unwrap();
        assert_eq!(out.as_deref(), Some(&[0x15, 0xac, 0x02, 0, 0][..]));
        // Set Passengers exists from 1.9 on (0x43 in 1.12.2; in 1.8, 0x43
        // is Camera, watched for its own reason).
        assert!(rewriter.watches_clientbound(0x43));
        let frame = [0x43, 0xac, 0x02, 2, 7, 9]; // vehicle 300, passengers 7, 9
        let out = rewriter.clientbound(r, 0x43, &frame, IDS).unwrap();
        assert_eq!(out.as_deref(), Some(&[0x43, 7, 2, 0xac, 0x02, 9][..]));
    }

    #[test]
    fn arrow_shooters_are_offset_by_one() {
        let mut object = cb::SpawnObject {
            entity_id: 50,
            object_uuid: None,
            object_type: 60,
            x: 0.0,
            y: 0.0,
            z: 0.0,
            pitch: Default::default(),
            yaw: Default::default(),
            data: 301,
            velocity: Some(Default::default()),
        };
        object_owner(&mut object, &mut |id| *id = IDS.swap(*id));
        assert_eq!(object.data, 8);
        assert_eq!(object.entity_id, 50);
    }
}
