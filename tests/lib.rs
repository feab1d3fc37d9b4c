//! The integration suite, linked once: fixtures, properties, the command
//! line, and the public API.

mod api;
mod cli;
mod fixtures;
mod fuzz_regressions;
#[path = "../benches/common/grown.rs"]
mod grown;
#[cfg(feature = "html")]
mod html;
mod invariants;
mod jsonl;
mod properties;
