//! Chunk column data.
