//! Keep-alive: the server asks every few seconds, the player answers, and
//! a player that stops answering is dropped.

use std::sync::Mutex;
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use mcproto_packets::play::clientbound::KeepAlive;

use super::player::PacketSender;

/// One player's keep-alive exchange.
pub(super) struct KeepAliveState {
    last_sent: AtomicI32,
    sent_at: Mutex<Instant>,
    last_ack: Mutex<Instant>,
    // Round trip of the last answered Keep Alive, in microseconds.
    rtt_micros: AtomicU64,
}

const NO_RTT: u64 = u64::MAX;

impl KeepAliveState {
    pub(super) fn new() -> Self {
        KeepAliveState {
            last_sent: AtomicI32::new(0),
            sent_at: Mutex::new(Instant::now()),
            last_ack: Mutex::new(Instant::now()),
            rtt_micros: AtomicU64::new(NO_RTT),
        }
    }

    /// Round trip of the last answer.
    pub(super) fn latency(&self) -> Option<Duration> {
        match self.rtt_micros.load(Ordering::Relaxed) {
            NO_RTT => None,
            us => Some(Duration::from_micros(us)),
        }
    }

    /// The player answered with `id`.
    pub(super) fn answered(&self, id: i32) {
        if id != self.last_sent.load(Ordering::Relaxed) {
            return;
        }
        let now = Instant::now();
        if let Ok(mut t) = self.last_ack.lock() {
            *t = now;
        }
        if let Ok(sent) = self.sent_at.lock() {
            let rtt = now.saturating_duration_since(*sent);
            let us = u64::try_from(rtt.as_micros()).unwrap_or(NO_RTT - 1);
            self.rtt_micros.store(us, Ordering::Relaxed);
        }
    }
}

/// Sends a Keep Alive every `every`, and closes the connection when the
/// last answer is older than `limit`.
pub(super) async fn keepalive_loop(
    state: std::sync::Arc<KeepAliveState>,
    sender: PacketSender,
    every: Duration,
    limit: Duration,
) {
    let mut ticker = tokio::time::interval(every);
    ticker.tick().await;
    let mut next_id: i32 = 1;
    loop {
        ticker.tick().await;
        if sender.is_closed() {
            return;
        }
        let since = state
            .last_ack
            .lock()
            .map(|t| t.elapsed())
            .unwrap_or_default();
        if since > limit {
            tracing::info!("keep-alive timed out after {since:?}");
            sender.close(Some("Timed out"));
            return;
        }
        if let Ok(mut t) = state.sent_at.lock() {
            *t = Instant::now();
        }
        state.last_sent.store(next_id, Ordering::Relaxed);
        if sender
            .send(&KeepAlive {
                keep_alive_id: i64::from(next_id),
            })
            .is_err()
        {
            return;
        }
        next_id = next_id.wrapping_add(1).max(1);
    }
}
