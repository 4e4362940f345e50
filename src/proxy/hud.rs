//! What a backend leaves on the client's screen that survives a Respawn:
//! tab list entries, scoreboard objectives, teams, boss bars and the
//! title. The proxy watches the packets that create them and removes them
//! all when the player moves to another backend.

use std::collections::HashSet;

use mcproto_core::{Chat, Packet, Registry, Result, Uuid};
use mcproto_packets::play::clientbound::{
    BossBar, BossBarAction, PlayerListAction, PlayerListItem, ScoreboardObjective,
    ScoreboardObjectiveMode, Teams, TeamsMode, Title, TitleAction,
};

/// Entries tracked per kind at most; a backend that creates more than this
/// leaves the rest behind on a switch rather than growing the proxy.
const MAX_TRACKED: usize = 1 << 16;

/// The ids of the watched packets in one registry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HudIds {
    player_list: Option<i32>,
    objective: Option<i32>,
    teams: Option<i32>,
    boss_bar: Option<i32>,
}

impl HudIds {
    pub(crate) fn new(registry: &Registry) -> Self {
        HudIds {
            player_list: registry.id_of::<PlayerListItem>(),
            objective: registry.id_of::<ScoreboardObjective>(),
            teams: registry.id_of::<Teams>(),
            boss_bar: registry.id_of::<BossBar>(),
        }
    }

    /// Whether packets with `id` are watched.
    pub(crate) fn watches(&self, id: i32) -> bool {
        let id = Some(id);
        id == self.player_list || id == self.objective || id == self.teams || id == self.boss_bar
    }
}

/// What the current backend has put on the screen.
#[derive(Debug, Default)]
pub(crate) struct Hud {
    players: HashSet<Uuid>,
    objectives: HashSet<String>,
    teams: HashSet<String>,
    boss_bars: HashSet<Uuid>,
}

fn track<T: std::hash::Hash + Eq>(set: &mut HashSet<T>, value: T) {
    if set.len() < MAX_TRACKED {
        set.insert(value);
    }
}

impl Hud {
    /// Follows one watched packet (`frame` is id + body).
    pub(crate) fn observe(
        &mut self,
        registry: &Registry,
        ids: &HudIds,
        frame: &[u8],
    ) -> Result<()> {
        let id = Some(mcproto_core::RawPacket::parse(frame)?.id);
        if id == ids.player_list {
            match registry.decode_packet::<PlayerListItem>(frame)?.action {
                PlayerListAction::AddPlayer(added) => {
                    added
                        .into_iter()
                        .for_each(|p| track(&mut self.players, p.uuid));
                }
                PlayerListAction::RemovePlayer(removed) => {
                    for u in &removed {
                        self.players.remove(u);
                    }
                }
                _ => {}
            }
        } else if id == ids.objective {
            let objective = registry.decode_packet::<ScoreboardObjective>(frame)?;
            match objective.mode {
                ScoreboardObjectiveMode::Create { .. } => {
                    track(&mut self.objectives, objective.objective_name.into_owned())
                }
                ScoreboardObjectiveMode::Remove => {
                    self.objectives.remove(&*objective.objective_name);
                }
                _ => {}
            }
        } else if id == ids.teams {
            let team = registry.decode_packet::<Teams>(frame)?;
            match team.mode {
                TeamsMode::Create { .. } => track(&mut self.teams, team.team_name.into_owned()),
                TeamsMode::Remove => {
                    self.teams.remove(&*team.team_name);
                }
                _ => {}
            }
        } else if id == ids.boss_bar {
            let bar = registry.decode_packet::<BossBar>(frame)?;
            match bar.action {
                BossBarAction::Add { .. } => track(&mut self.boss_bars, bar.uuid),
                BossBarAction::Remove => {
                    self.boss_bars.remove(&bar.uuid);
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The packets that remove everything tracked, and reset the title;
    /// tracking starts over empty.
    pub(crate) fn clear(&mut self, registry: &Registry) -> Result<Vec<Vec<u8>>> {
        let mut out = Vec::new();
        let mut push = |p: &dyn PacketFrame| -> Result<()> {
            let mut frame = Vec::new();
            p.encode_with(registry, &mut frame)?;
            out.push(frame);
            Ok(())
        };
        if !self.players.is_empty() {
            let removed: Vec<Uuid> = self.players.drain().collect();
            push(&PlayerListItem {
                action: PlayerListAction::RemovePlayer(removed),
            })?;
        }
        for objective_name in self.objectives.drain() {
            push(&ScoreboardObjective {
                objective_name: objective_name.into(),
                mode: ScoreboardObjectiveMode::Remove,
            })?;
        }
        for team_name in self.teams.drain() {
            push(&Teams {
                team_name: team_name.into(),
                mode: TeamsMode::Remove,
            })?;
        }
        for uuid in self.boss_bars.drain() {
            push(&BossBar {
                uuid,
                action: BossBarAction::Remove,
            })?;
        }
        push(&Title {
            action: TitleAction::Reset,
        })?;
        Ok(out)
    }
}

/// A packet encoded through a registry, as a trait object.
trait PacketFrame {
    fn encode_with(&self, registry: &Registry, frame: &mut Vec<u8>) -> Result<()>;
}

impl<P: Packet + 'static> PacketFrame for P {
    fn encode_with(&self, registry: &Registry, frame: &mut Vec<u8>) -> Result<()> {
        registry.encode(self, frame)
    }
}

/// A system chat line from the proxy.
pub(crate) fn notice(text: &str) -> mcproto_packets::play::clientbound::ChatMessage {
    mcproto_packets::play::clientbound::ChatMessage {
        json_data: Chat::text(text),
        position: mcproto_packets::play::clientbound::ChatPosition::System,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mcproto_packets::registry;
    use mcproto_packets::version::{V1_8, V1_12_2};

    #[test]
    fn clears_what_was_created_and_not_removed() {
        let r = registry(V1_12_2).unwrap();
        let ids = HudIds::new(r);
        let mut hud = Hud::default();
        let mut frame = Vec::new();
        r.encode(
            &ScoreboardObjective {
                objective_name: "kills".into(),
                mode: ScoreboardObjectiveMode::Create {
                    objective_value: "Kills".into(),
                    r#type: "integer".into(),
                },
            },
            &mut frame,
        )
        .unwrap();
        assert!(ids.watches(frame[0] as i32));
        hud.observe(r, &ids, &frame).unwrap();
        let bar = Uuid::from_u128(5);
        let mut frame = Vec::new();
        r.encode(
            &BossBar {
                uuid: bar,
                action: BossBarAction::UpdateHealth { health: 0.5 },
            },
            &mut frame,
        )
        .unwrap();
        // An update of a bar never added tracks nothing.
        hud.observe(r, &ids, &frame).unwrap();
        assert!(hud.boss_bars.is_empty());
        let cleared = hud.clear(r).unwrap();
        // Objective removal, then the title reset.
        assert_eq!(cleared.len(), 2);
        let removal: ScoreboardObjective = r.decode_packet(&cleared[0]).unwrap();
        assert_eq!(removal.mode, ScoreboardObjectiveMode::Remove);
        assert_eq!(&*removal.objective_name, "kills");
        let title: Title = r.decode_packet(&cleared[1]).unwrap();
        assert_eq!(title.action, TitleAction::Reset);
        // Title reset is action 5 from 1.11 on, 4 before (wiki.vg).
        assert_eq!(cleared[1][1], 5);
        assert_eq!(
            Hud::default().clear(registry(V1_8).unwrap()).unwrap()[0][1],
            4
        );
        // Tracking starts over.
        assert_eq!(hud.clear(r).unwrap().len(), 1);
    }
}
