//! Hearken: an offline simulator where trainee peer-support specialists practise active listening.
//!
//! The engine — `scenario`, `rubric`, `session` — knows nothing of terminals: time comes in as
//! numbers and randomness from a seed, so every behaviour is testable without sleeping. The
//! front ends (`cli`, `tui`) turn input into engine events and render engine state.

pub mod cli;
pub mod diagnostic;
pub mod rubric;
pub mod scenario;
pub mod session;
pub mod source;
pub mod store;
pub mod text;
pub mod toml_read;
pub mod tui;
