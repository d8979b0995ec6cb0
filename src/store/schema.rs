//! The history schema and its forward migrations. `PRAGMA user_version` holds the number of
//! migrations applied; each step runs in the same transaction as the version bump, so a database
//! is always at exactly one version. docs/history.md describes the tables for people.

use rusqlite::{Connection, TransactionBehavior};

/// Marks a file as Hearken history (`PRAGMA application_id`, "Hrkn"), so a database some other
/// program left at the same path is recognised and left alone.
pub const APPLICATION_ID: i32 = 0x4872_6b6e;

/// `MIGRATIONS[n]` takes a database from version `n` to `n + 1`. Never edit a step once
/// released: add a new one, and a fixture for its predecessor to the migration tests.
pub const MIGRATIONS: &[&str] = &[
    // 1: sessions and their decisions.
    "
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        scenario TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        seed INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        finished INTEGER NOT NULL DEFAULT 0 CHECK (finished IN (0, 1)),
        ending TEXT,
        ending_kind TEXT CHECK (ending_kind IN ('good', 'mixed', 'poor')),
        reflective_listening INTEGER CHECK (reflective_listening BETWEEN 0 AND 100),
        open_questions INTEGER CHECK (open_questions BETWEEN 0 AND 100),
        non_interruption INTEGER CHECK (non_interruption BETWEEN 0 AND 100),
        validation INTEGER CHECK (validation BETWEEN 0 AND 100),
        overall INTEGER CHECK (overall BETWEEN 0 AND 100),
        trust INTEGER NOT NULL,
        speech_counted INTEGER NOT NULL CHECK (speech_counted IN (0, 1)),
        replay_of INTEGER REFERENCES sessions (id) ON DELETE SET NULL
    ) STRICT;
    CREATE INDEX sessions_by_time ON sessions (started_at, id);
    CREATE INDEX sessions_by_scenario ON sessions (scenario, started_at, id);
    CREATE TABLE decisions (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL CHECK (ordinal >= 1),
        decided_at INTEGER NOT NULL,
        node TEXT NOT NULL,
        option INTEGER NOT NULL CHECK (option >= 1),
        skills TEXT NOT NULL,
        interrupted INTEGER NOT NULL CHECK (interrupted IN (0, 1)),
        response_ms INTEGER,
        hint_used INTEGER NOT NULL CHECK (hint_used IN (0, 1)),
        best_option INTEGER NOT NULL,
        trust_after INTEGER NOT NULL,
        earned_reflective_listening INTEGER NOT NULL,
        earned_open_questions INTEGER NOT NULL,
        earned_non_interruption INTEGER NOT NULL,
        earned_validation INTEGER NOT NULL,
        available_reflective_listening INTEGER NOT NULL,
        available_open_questions INTEGER NOT NULL,
        available_non_interruption INTEGER NOT NULL,
        available_validation INTEGER NOT NULL,
        PRIMARY KEY (session_id, ordinal)
    ) STRICT, WITHOUT ROWID;
    ",
    // 2: scoring model 2 (docs/scoring.md): which model scored a session (1 for every session stored
    // before, which keeps the scores it was shown), the fifth rubric, the result, and each
    // decision's mark. Replays (`replay_of`) are left out of trends by the queries. Type mode
    // (docs/typed-answers.md): the session's mode, and per typed decision the words, the heard
    // skill codes and whether the trainee corrected the closest option (`option` is the match).
    "
    ALTER TABLE sessions ADD COLUMN scoring_model INTEGER NOT NULL DEFAULT 1 CHECK (scoring_model IN (1, 2));
    ALTER TABLE sessions ADD COLUMN safety_boundaries INTEGER CHECK (safety_boundaries BETWEEN 0 AND 100);
    ALTER TABLE sessions ADD COLUMN met INTEGER CHECK (met IN (0, 1));
    ALTER TABLE decisions ADD COLUMN earned_safety_boundaries INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE decisions ADD COLUMN available_safety_boundaries INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE decisions ADD COLUMN mark TEXT CHECK (mark IN ('best', 'helpful', 'harmful'));
    ALTER TABLE sessions ADD COLUMN mode TEXT NOT NULL DEFAULT 'choose' CHECK (mode IN ('choose', 'type'));
    ALTER TABLE decisions ADD COLUMN typed TEXT;
    ALTER TABLE decisions ADD COLUMN heard TEXT;
    ALTER TABLE decisions ADD COLUMN corrected INTEGER CHECK (corrected IN (0, 1));
    ",
    // 3: session registrations and the learning-record outbox (docs/learning-records.md).
    super::outbox::MIGRATION,
];

/// The scoring model this build stores its sessions under (docs/scoring.md).
pub const SCORING_MODEL: i64 = 2;

/// The version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Why a database cannot be brought to `VERSION`.
#[derive(Debug)]
pub enum MigrateError {
    /// Written by a newer Hearken: this build does not know its tables.
    Newer(i64),
    /// Some other program's database.
    Foreign,
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for MigrateError {
    fn from(e: rusqlite::Error) -> Self {
        MigrateError::Sqlite(e)
    }
}

pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the database to `VERSION`. The check and the steps run in one write transaction, so
/// two copies starting at once cannot both migrate; an error rolls everything back.
pub fn migrate(conn: &mut Connection) -> Result<(), MigrateError> {
    // Most opens find the database current: answer that without taking the write lock.
    check_ours(conn)?;
    if version(conn)? == VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    check_ours(&tx)?;
    let from = version(&tx)?;
    for step in &MIGRATIONS[from as usize..] {
        tx.execute_batch(step)?;
    }
    tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {VERSION};"))?;
    tx.commit()?;
    Ok(())
}

/// Refuses a database this build must not touch: another program's, or a newer Hearken's.
pub fn check_ours(conn: &Connection) -> Result<(), MigrateError> {
    let version = version(conn)?;
    let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if version == 0 {
        // A new (or empty) file has no tables; anything else at version 0 is not ours.
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if tables > 0 || app != 0 {
            return Err(MigrateError::Foreign);
        }
        return Ok(());
    }
    if app != APPLICATION_ID {
        return Err(MigrateError::Foreign);
    }
    if version > VERSION {
        return Err(MigrateError::Newer(version));
    }
    Ok(())
}
