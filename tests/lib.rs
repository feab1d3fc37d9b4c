//! The integration suite, linked once: fixtures, properties, the command
//! line, and the public API.

mod api;
mod cli;
mod fixtures;
mod jsonl;
mod properties;
