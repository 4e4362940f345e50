//! Normalizers and the comparison behind `minecraft_data_layouts.rs`.

pub mod compare;
pub mod cond;
pub mod md;
pub mod norm;
pub mod ours;
mod selftest;
