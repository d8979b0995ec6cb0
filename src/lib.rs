//! Hearken's shell around the engine (`hearken_engine`): the command line, the terminal UI, the
//! progress history and the files on disk. Front ends turn input into engine events and render
//! engine state; see `docs/architecture.md` for which module may use which.

pub mod cli;
pub mod clock;
pub mod conversation;
pub mod failure;
pub mod io_error;
pub mod library;
pub mod plain;
pub mod report_text;
pub mod settings;
pub mod store;
pub mod tui;
