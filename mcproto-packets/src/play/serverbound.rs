//! Packets the client sends in the play state.
