//! Packets the server sends in the play state (0x00–0x49).

mod entities;
mod misc;
mod world;

#[allow(unused_imports)]
pub use entities::*;
#[allow(unused_imports)]
pub use misc::*;
#[allow(unused_imports)]
pub use world::*;
