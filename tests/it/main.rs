//! Hearken's integration tests, in one binary so the suite builds and links once. Modules are
//! named after what they test; `store_common` and `tui_common` hold the shared helpers.

mod architecture;
mod classify_cli;
mod common;
mod diagnostics;
mod engine_props;
mod engine_scoring;
mod engine_session;
mod engine_typed;
mod history_cli;
mod learning_record_faults;
mod learning_record_lrs;
mod learning_record_statements;
mod library;
mod limits;
mod lrs_common;
mod plain_play;
mod play_cli;
mod scoring;
mod store_common;
mod store_concurrency;
mod store_failure;
mod store_kill;
mod store_migrate;
mod store_record;
mod terminal_safety;
mod tui_common;
mod tui_loop;
mod tui_pty;
mod tui_snapshots;
mod tui_style;
mod tui_typed;
mod tui_update;
mod typed_play;
mod watch;
