//! Hearken's engine: scenarios, the rubric table and scoring, the conversation session and
//! diagnostics. It knows no terminal, database, clock or file system: files arrive as text, time
//! as milliseconds and randomness as a seed, so every behaviour is testable without sleeping.
//! See `docs/architecture.md`.

pub mod decode;
pub mod diagnostic;
pub mod rapport;
pub mod rubric;
pub mod scenario;
pub mod session;
pub mod source;
pub mod text;
pub mod toml_read;
pub mod typed;
