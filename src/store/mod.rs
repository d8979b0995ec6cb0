//! Progress history in SQLite (docs/history.md): `<data dir>/hearken.db`, described in docs/history.md.
//!
//! Writing never stands in the way of practice: any problem with the database becomes one line
//! for the user (`Recorder::problem`), and the session goes on unrecorded. Each decision is
//! committed as it is made, so a killed process loses at most the decision in flight, and
//! nothing already stored is rewritten except the row of the session under way.

mod db;
pub mod outbox;
mod query;
pub mod rebuild;
mod record;
pub mod schema;
pub mod time;
pub mod trend;

pub use db::{BUSY_TIMEOUT, FILE_NAME};
pub use query::{BestAndLast, StoredSession};
pub use trend::{Change, Progress, Trend, TrendPoint};

use db::{Db, StoreError};
use hearken_engine::rubric::Scores;
use hearken_engine::scenario::Scenario;
use hearken_engine::session::{Report, Session};
use outbox::Queue;
use rusqlite::TransactionBehavior;
use std::path::Path;
use std::sync::Arc;

/// Records a scripted session (`play --script --record`), and queues its learning records when
/// an LRS is configured. A problem is reported on standard error in one line; the command still
/// succeeds, since the play itself did.
pub fn record_report(data_dir: Option<&Path>, report: &Report) {
    record_scripted(data_dir, None, report)
}

/// `record_report`, with the scenario played, whose options' wording goes into the learning
/// records' interactions.
pub fn record_scripted(data_dir: Option<&Path>, scenario: Option<&Arc<Scenario>>, report: &Report) {
    let mut queue = learning_queue(data_dir, scenario).unwrap_or_else(|e| {
        eprintln!("hearken: {e}");
        None
    });
    let result = db::open_for_writing(data_dir).and_then(|mut db| {
        let path = db.path.clone();
        let at = record::now_unix();
        write(&mut db, |tx| {
            let id = record::whole(tx, report, at)?;
            if let Some(q) = &mut queue {
                q.started(tx, id, report, None, at)?;
                q.finished(tx, id, report, at)?;
            }
            Ok(())
        })
        .map_err(|e| StoreError::sqlite(&path, e))
    });
    if let Err(e) = result {
        eprintln!("hearken: this session was not saved to your history: {e}");
    }
}

/// The learning-record queue for a session: `None` with no LRS configured; an error (one line)
/// when the configuration cannot be used, in which case nothing is queued.
fn learning_queue(data_dir: Option<&Path>, scenario: Option<&Arc<Scenario>>) -> Result<Option<Queue>, String> {
    let config = crate::learning_record::config::load(data_dir)
        .map_err(|e| format!("learning records are not being kept for this session: {e}"))?;
    Ok(Queue::new(&config, scenario.cloned()))
}

/// The history database for the learning-record outbox, migrated to the current version;
/// `None` when there is no history yet. The error is one line.
pub fn open_outbox(data_dir: Option<&std::path::Path>) -> Result<Option<rusqlite::Connection>, String> {
    db::open_for_reading(data_dir).map(|db| db.map(|d| d.conn)).map_err(|e| read_error(&e))
}

/// Runs `f` in one write transaction: all of it is stored, or none of it.
fn write(db: &mut Db, f: impl FnOnce(&rusqlite::Transaction) -> rusqlite::Result<()>) -> rusqlite::Result<()> {
    // IMMEDIATE takes the write lock up front, so a busy database waits (up to the busy timeout)
    // here instead of failing half way.
    let tx = db.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    f(&tx)?;
    tx.commit()
}

/// Writes one session to the history as it happens: each decision as it is made, so a killed
/// process loses at most the decision in flight. A database that cannot be used is reported in
/// one line (`problem`) and practice goes on without history.
pub struct Recorder {
    problem: Option<String>,
    db: Option<Db>,
    id: Option<i64>,
    /// Decisions stored so far.
    written: usize,
    /// The problem arose after `start`, when the front end may not have shown it yet.
    late: bool,
    /// Learning records to queue with each write, when an LRS is configured.
    queue: Option<Queue>,
}

impl Recorder {
    /// `enabled` is false for `--no-history`. `replay_of` is the stored id of the session a
    /// replay started from, if any.
    pub fn start(data_dir: Option<&Path>, session: &Session, enabled: bool, replay_of: Option<i64>) -> Recorder {
        let mut r = Recorder { problem: None, db: None, id: None, written: 0, late: false, queue: None };
        if !enabled {
            return r;
        }
        match learning_queue(data_dir, Some(session.scenario())) {
            Ok(q) => r.queue = q,
            Err(e) => r.problem = Some(e),
        }
        let mut db = match db::open_for_writing(data_dir) {
            Ok(db) => db,
            Err(e) => {
                r.problem = Some(format!("this session is not being saved to your history: {e}"));
                return r;
            }
        };
        // A replay starts with the decisions it replays already made: they are part of it.
        let report = report_of(session);
        let now = record::now_unix();
        let mut id = None;
        let queue = &mut r.queue;
        let result = write(&mut db, |tx| {
            let new = record::insert_session(tx, &report, now, replay_of)?;
            record::insert_decisions(tx, new, &report, 0, now)?;
            if let Some(q) = queue {
                q.started(tx, new, &report, replay_of, now)?;
            }
            id = Some(new);
            Ok(())
        });
        match result {
            Ok(()) => {
                r.id = id;
                r.written = report.decisions.len();
                r.db = Some(db);
            }
            Err(e) => {
                r.problem = Some(format!(
                    "this session is not being saved to your history: {}",
                    StoreError::sqlite(&db.path, e)
                ))
            }
        }
        r
    }

    /// Call after each `Session::choose`.
    pub fn decision(&mut self, session: &Session) {
        let report = report_of(session);
        self.store(&report, false);
    }

    /// Call once when the session ends or is left; `report.finished` tells which.
    pub fn finish(&mut self, report: &Report) {
        self.store(report, true);
        // Closing checkpoints the log into the main file; nothing more is written.
        self.db = None;
    }

    fn store(&mut self, report: &Report, finish: bool) {
        let (Some(db), Some(id)) = (self.db.as_mut(), self.id) else { return };
        let from = self.written;
        if !finish && report.decisions.len() <= from {
            return;
        }
        let now = record::now_unix();
        let queue = &self.queue;
        let result = write(db, |tx| {
            record::insert_decisions(tx, id, report, from, now)?;
            if let Some(q) = queue {
                q.decided(tx, id, report, from, now)?;
            }
            if finish {
                record::finish(tx, id, report, now)?;
                if let Some(q) = queue {
                    q.finished(tx, id, report, now)?;
                }
                Ok(())
            } else {
                record::update_scores(tx, id, report)
            }
        });
        match result {
            Ok(()) => self.written = report.decisions.len().max(from),
            Err(e) => {
                // Later decisions would leave a gap after the one that failed: stop here. What is
                // stored stays, as a session left early.
                self.problem = Some(format!(
                    "the rest of this session is not being saved to your history: {}",
                    StoreError::sqlite(&db.path, e)
                ));
                self.db = None;
                self.late = true;
            }
        }
    }

    /// One line for the user when history could not be used.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// The problem, if it arose after `start` (a front end that showed `problem` only at the
    /// start shows this at the end: the session was not saved to the end).
    pub fn late_problem(&self) -> Option<&str> {
        self.problem.as_deref().filter(|_| self.late)
    }

    /// The stored id of this session, once written.
    pub fn session_id(&self) -> Option<i64> {
        self.id
    }
}

/// The engine's report of a session under way. Its scores are the ones the trainee would see
/// if they left now; the moment only matters to the transcript, which is not stored.
fn report_of(session: &Session) -> Report {
    session.report(session.turn().end)
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
    /// A replay from a decision: the id of the session it replayed (docs/history.md). Replays are listed
    /// as such and left out of trends.
    pub replay_of: Option<i64>,
}

/// Read access to the history.
pub struct History {
    /// `None` when there is no history file yet.
    db: Option<Db>,
}

impl History {
    /// Opens `<data dir>/hearken.db` for reading. The error is one line for the user.
    pub fn open(data_dir: Option<&Path>) -> Result<History, String> {
        db::open_for_reading(data_dir).map(|db| History { db }).map_err(|e| read_error(&e))
    }

    /// Most recent first; `scenario` filters by id.
    pub fn sessions(&self, scenario: Option<&str>, limit: usize) -> Result<Vec<SessionSummary>, String> {
        Ok(self.stored_sessions(scenario, limit)?.into_iter().map(|s| s.summary).collect())
    }

    /// Like `sessions`, with everything stored about each session but its decisions.
    pub fn stored_sessions(&self, scenario: Option<&str>, limit: usize) -> Result<Vec<StoredSession>, String> {
        self.read(|c| query::sessions(c, scenario, query::Which::All, query::Order::NewestFirst, limit))
    }

    /// For the home screen: per scenario id, (best overall score, last overall score) over
    /// finished first attempts.
    pub fn best_and_last(&self) -> Result<BestAndLast, String> {
        self.read(query::best_and_last)
    }

    /// For the history screen: per-rubric trends over finished first attempts, oldest first;
    /// `scenario` filters by id.
    pub fn progress(&self, scenario: Option<&str>) -> Result<Progress, String> {
        self.read(|c| query::trend_points(c, scenario)).map(Progress::from_sessions)
    }

    /// The scenario ids with stored sessions.
    pub fn scenario_ids(&self) -> Result<Vec<String>, String> {
        self.read(query::scenario_ids)
    }

    fn read<T: Default>(&self, f: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<T>) -> Result<T, String> {
        match &self.db {
            None => Ok(T::default()),
            Some(db) => f(&db.conn).map_err(|e| read_error(&StoreError::sqlite(&db.path, e))),
        }
    }
}

fn read_error(e: &StoreError) -> String {
    format!("cannot read your history: {e}")
}
