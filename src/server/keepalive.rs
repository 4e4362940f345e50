//! Keep-alive: the server asks every few seconds, the player answers, and
//! a player that stops answering is dropped. The player's writer task sends
//! them ([`super::player::write_loop`]); its reader takes the answers.

use std::sync::Mutex;
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};
use std::time::{Duration, Instant};

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

impl KeepAliveState {
    /// Keep Alive `id` is about to be sent: `Err` with the age of the last
    /// answer instead when it is older than `limit` (the player is dropped).
    pub(super) fn next(&self, id: i32, limit: Duration) -> Result<(), Duration> {
        let since = self
            .last_ack
            .lock()
            .map(|t| t.elapsed())
            .unwrap_or_default();
        if since > limit {
            return Err(since);
        }
        if let Ok(mut t) = self.sent_at.lock() {
            *t = Instant::now();
        }
        self.last_sent.store(id, Ordering::Relaxed);
        Ok(())
    }
}
