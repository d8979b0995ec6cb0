//! Progress history in SQLite (SPEC §8). This file pins the interface the front ends use; the
//! implementation is being built.

pub mod cli;

use crate::cli::Context;
use crate::rubric::Scores;
use crate::session::{Report, Session};
use std::collections::HashMap;

/// Records a scripted session (`play --script --record`).
pub fn record_report(_ctx: &Context, _report: &Report) {}

/// Writes one session to the history as it happens: each decision as it is made, so a killed
/// process loses at most the decision in flight. A database that cannot be used is reported in
/// one line (`problem`) and practice goes on without history.
pub struct Recorder {
    problem: Option<String>,
}

impl Recorder {
    /// `enabled` is false for `--no-history`. `replay_of` is the stored id of the session a
    /// replay started from, if any.
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

    /// The stored id of this session, once written.
    pub fn session_id(&self) -> Option<i64> {
        None
    }
}

/// A stored session, as listed by `hearken history` and the history screen.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionSummary {
    pub id: i64,
    pub scenario: String,
    /// Unix seconds.
    pub started_at: i64,
    pub ended_at: Option<i64>,
    pub finished: bool,
    pub ending_kind: Option<String>,
    pub scores: Scores,
    pub decisions: u32,
    pub interruptions: u32,
}

/// Per scenario id: (best overall score, last overall score).
pub type BestAndLast = HashMap<String, (Option<u8>, Option<u8>)>;

/// Read access to the history.
pub struct History {}

impl History {
    /// Opens `<data dir>/hearken.db` for reading. The error is one line for the user.
    pub fn open(_ctx: &Context) -> Result<History, String> {
        Err("history is not built yet".into())
    }

    /// Most recent first; `scenario` filters by id.
    pub fn sessions(&self, _scenario: Option<&str>, _limit: usize) -> Result<Vec<SessionSummary>, String> {
        Ok(Vec::new())
    }

    /// For the home screen: per scenario id, (best overall score, last overall score) over
    /// finished sessions.
    pub fn best_and_last(&self) -> Result<BestAndLast, String> {
        Ok(HashMap::new())
    }
}
