//! Progress history (being built).

pub mod cli;

use crate::cli::Context;
use crate::session::{Report, Session};

/// Records a scripted session (`play --script --record`).
pub fn record_report(_ctx: &Context, _report: &Report) {}

/// Writes one session to the history as it happens: each decision as it is made, so a killed
/// process loses at most the decision in flight. A database that cannot be used is reported in
/// one line (`problem`) and practice goes on without history.
pub struct Recorder {
    problem: Option<String>,
}

impl Recorder {
    /// `enabled` is false for `--no-history`.
    pub fn start(_ctx: &Context, _session: &Session, _enabled: bool, _replay_of: Option<i64>) -> Recorder {
        Recorder { problem: None }
    }

    /// Call after each `Session::choose`.
    pub fn decision(&mut self, _session: &Session) {}

    /// Call once when the session ends or is left; `report.finished` tells which.
    pub fn finish(&mut self, _report: &Report) {}

    /// One line for the user when history could not be used.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }
}
