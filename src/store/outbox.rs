//! The outbox: statements waiting for the LRS, in `hearken.db` beside the sessions they record
//! (docs/history.md, docs/learning-records.md). A statement is written in the same transaction as
//! the session data it describes, as the exact JSON it will be sent as; delivery only ever
//! changes its state. Nothing is deleted unsent.

use crate::learning_record::config::{LrsConfig, Profile};
use crate::learning_record::statement::{self, Built, SessionFacts};
use crate::learning_record::{decision_facts, end_facts, session_facts};
use hearken_engine::scenario::Scenario;
use hearken_engine::session::Report;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use std::sync::Arc;
use uuid::Uuid;

/// The migration step that adds the outbox: one self-contained SQL batch, appended to
/// `store::schema::MIGRATIONS`.
///
/// - `sessions.registration`: each session's UUID (xAPI `context.registration`), given to every
///   session, old and new, by SQLite itself (a random version-4 UUID), so it travels with the
///   database file and a copy re-sends the same statements, not new ones.
/// - `outbox`: one row per statement; `state` is `pending`, `sent`, `conflict` (the LRS holds a
///   different statement with this id) or `rejected` (the LRS refused it as invalid).
/// - `outbox_delivery`: one row: after a failure, when automatic sending may next try
///   (`not_before`, backing off) and until when the LRS asked to be left alone (`wait_until`,
///   its `Retry-After`), and why.
pub const MIGRATION: &str = "
    ALTER TABLE sessions ADD COLUMN registration TEXT;
    UPDATE sessions SET registration = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
            || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
    CREATE UNIQUE INDEX sessions_by_registration ON sessions (registration);
    CREATE TRIGGER sessions_registration AFTER INSERT ON sessions WHEN NEW.registration IS NULL
    BEGIN
        UPDATE sessions SET registration = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
            || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id;
    END;
    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY,
        statement_id TEXT NOT NULL UNIQUE,
        session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
        event TEXT NOT NULL,
        statement TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'conflict', 'rejected')),
        queued_at INTEGER NOT NULL,
        sent_at INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        problem TEXT
    ) STRICT;
    CREATE INDEX outbox_pending ON outbox (state, seq);
    CREATE INDEX outbox_by_session ON outbox (session_id, seq);
    CREATE TABLE outbox_delivery (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        failures INTEGER NOT NULL DEFAULT 0,
        not_before INTEGER NOT NULL DEFAULT 0,
        wait_until INTEGER NOT NULL DEFAULT 0,
        problem TEXT
    ) STRICT;
";

/// A session's registration UUID.
pub fn registration(tx: &Connection, session_id: i64) -> rusqlite::Result<Uuid> {
    let text: String = tx.query_row("SELECT registration FROM sessions WHERE id = ?1", [session_id], |r| r.get(0))?;
    Uuid::parse_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// Queues statements. One already queued (same id) is left as it is: a statement is built once.
pub fn queue(tx: &Transaction, session_id: i64, statements: &[Built], now: i64) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO outbox (statement_id, session_id, event, statement, queued_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for b in statements {
        stmt.execute(params![b.id.to_string(), session_id, b.event, b.json, now])?;
    }
    Ok(())
}

/// A queued statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Queued {
    pub seq: i64,
    pub id: String,
    pub json: String,
}

/// The oldest `limit` pending statements.
pub fn pending(conn: &Connection, limit: usize) -> rusqlite::Result<Vec<Queued>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, statement_id, statement FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| Ok(Queued { seq: r.get(0)?, id: r.get(1)?, json: r.get(2)? }))?;
    rows.collect()
}

pub fn mark_sent(conn: &mut Connection, items: &[Queued], now: i64) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    {
        let mut stmt = tx.prepare_cached(
            "UPDATE outbox SET state = 'sent', sent_at = ?2, attempts = attempts + 1, problem = NULL
             WHERE seq = ?1 AND state = 'pending'",
        )?;
        for q in items {
            stmt.execute(params![q.seq, now])?;
        }
    }
    tx.commit()
}

/// Sets a statement aside (`conflict` or `rejected`) with the LRS's reason: kept, never re-sent
/// automatically, listed by `hearken sync --status`.
pub fn set_aside(conn: &Connection, item: &Queued, state: &str, problem: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE outbox SET state = ?2, attempts = attempts + 1, problem = ?3 WHERE seq = ?1 AND state = 'pending'",
        params![item.seq, state, problem],
    )?;
    Ok(())
}

/// Counts by state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub pending: u64,
    pub sent: u64,
    pub conflict: u64,
    pub rejected: u64,
}

pub fn counts(conn: &Connection) -> rusqlite::Result<Counts> {
    let mut c = Counts::default();
    let mut stmt = conn.prepare("SELECT state, count(*) FROM outbox GROUP BY state")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))?;
    for row in rows {
        let (state, n) = row?;
        match state.as_str() {
            "pending" => c.pending = n,
            "sent" => c.sent = n,
            "conflict" => c.conflict = n,
            _ => c.rejected = n,
        }
    }
    Ok(c)
}

/// A statement set aside, for `sync --status`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    pub id: String,
    pub event: String,
    pub state: String,
    pub problem: Option<String>,
}

pub fn set_aside_list(conn: &Connection, limit: usize) -> rusqlite::Result<Vec<SetAside>> {
    let mut stmt = conn.prepare(
        "SELECT statement_id, event, state, problem FROM outbox WHERE state IN ('conflict', 'rejected')
         ORDER BY seq LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| {
        Ok(SetAside { id: r.get(0)?, event: r.get(1)?, state: r.get(2)?, problem: r.get(3)? })
    })?;
    rows.collect()
}

/// After a failure: when automatic sending may try again, and why it stopped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeliveryState {
    pub failures: u32,
    pub not_before: i64,
    pub wait_until: i64,
    pub problem: Option<String>,
}

pub fn delivery_state(conn: &Connection) -> rusqlite::Result<DeliveryState> {
    Ok(conn
        .query_row("SELECT failures, not_before, wait_until, problem FROM outbox_delivery WHERE id = 1", [], |r| {
            Ok(DeliveryState { failures: r.get(0)?, not_before: r.get(1)?, wait_until: r.get(2)?, problem: r.get(3)? })
        })
        .optional()?
        .unwrap_or_default())
}

pub fn set_delivery_state(conn: &Connection, s: &DeliveryState) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO outbox_delivery (id, failures, not_before, wait_until, problem) VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET failures = ?1, not_before = ?2, wait_until = ?3, problem = ?4",
        params![s.failures, s.not_before, s.wait_until, s.problem],
    )?;
    Ok(())
}

/// Every stored statement's text, session by session in the order they were queued, for
/// `hearken export --xapi`; and the ids of sessions that have any.
pub fn all_by_session(conn: &Connection) -> rusqlite::Result<Vec<(Option<i64>, String)>> {
    let mut stmt = conn.prepare("SELECT session_id, statement FROM outbox ORDER BY session_id, seq")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// Queues one session's statements as it is stored (see `store::Recorder`). Each call runs in
/// the transaction that stores the session data the statements record.
pub struct Queue {
    profile: Profile,
    /// The scenario played, for the options' wording (`None`: interactions without `choices`).
    scenario: Option<Arc<Scenario>>,
    session: Option<SessionFacts>,
}

impl Queue {
    /// `None` when no LRS is configured: nothing is queued.
    pub fn new(config: &LrsConfig, scenario: Option<Arc<Scenario>>) -> Option<Queue> {
        Some(Queue { profile: config.queueing()?, scenario, session: None })
    }

    /// The session row and its first decisions (a replay starts with some) were just inserted.
    pub fn started(
        &mut self,
        tx: &Transaction,
        session_id: i64,
        report: &Report,
        replay_of: Option<i64>,
        started_at: i64,
    ) -> rusqlite::Result<()> {
        let this = registration(tx, session_id)?;
        let replay_of = replay_of.and_then(|id| registration(tx, id).ok());
        let facts = session_facts(report, self.scenario.as_deref(), this, replay_of, started_at);
        let mut built = vec![statement::initialized(&self.profile, &facts)];
        for i in 0..report.decisions.len() {
            built.push(statement::responded(
                &self.profile,
                &facts,
                &decision_facts(report, self.scenario.as_deref(), i, started_at),
            ));
        }
        queue(tx, session_id, &built, started_at)?;
        self.session = Some(facts);
        Ok(())
    }

    /// `report.decisions[from..]` were just stored.
    pub fn decided(
        &self,
        tx: &Transaction,
        session_id: i64,
        report: &Report,
        from: usize,
        at: i64,
    ) -> rusqlite::Result<()> {
        let Some(facts) = &self.session else { return Ok(()) };
        let built: Vec<_> = (from..report.decisions.len())
            .map(|i| {
                statement::responded(&self.profile, facts, &decision_facts(report, self.scenario.as_deref(), i, at))
            })
            .collect();
        queue(tx, session_id, &built, at)
    }

    /// The session ended or was left, and that was just stored.
    pub fn finished(&self, tx: &Transaction, session_id: i64, report: &Report, at: i64) -> rusqlite::Result<()> {
        let Some(facts) = &self.session else { return Ok(()) };
        let built = statement::ended(&self.profile, facts, &end_facts(report, at));
        queue(tx, session_id, &built, at)
    }
}
