//! Reading the history back.

use super::SessionSummary;
use super::trend::TrendPoint;
use hearken_engine::rubric::Scores;
use rusqlite::{Connection, Row, params};
use std::collections::HashMap;

/// Everything stored about a session but its decisions: what `hearken history --format json|csv`
/// exports.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredSession {
    pub summary: SessionSummary,
    pub content_hash: String,
    pub seed: u64,
    /// The ending node, when it reached one.
    pub ending: Option<String>,
    pub trust: i32,
    /// Whether non-interruption counted the peer's speech (not with animation off).
    pub speech_counted: bool,
    /// The scoring model that scored it (docs/scoring.md): 1 for sessions stored before model 2, which
    /// keep the scores they were shown.
    pub scoring_model: u8,
    /// The result (docs/scoring.md): `None` for sessions scored by model 1, which had none.
    pub met: Option<bool>,
}

const COLUMNS: &str = "s.id, s.scenario, s.started_at, s.ended_at, s.finished, s.ending_kind,
    s.reflective_listening, s.open_questions, s.non_interruption, s.validation, s.overall,
    (SELECT count(*) FROM decisions d WHERE d.session_id = s.id),
    (SELECT count(*) FROM decisions d WHERE d.session_id = s.id AND d.interrupted = 1),
    s.content_hash, s.seed, s.ending, s.trust, s.speech_counted, s.replay_of, s.safety_boundaries,
    s.scoring_model, s.met";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Order {
    NewestFirst,
    OldestFirst,
}

/// Which sessions a query reads.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Which {
    All,
    /// Finished first attempts: what progress counts (a replay of a decision is not progress).
    FinishedFirstAttempts,
}

/// Sessions, optionally of one scenario, at most `limit`.
pub fn sessions(
    conn: &Connection,
    scenario: Option<&str>,
    which: Which,
    order: Order,
    limit: usize,
) -> rusqlite::Result<Vec<StoredSession>> {
    let mut filters = vec!["(?1 IS NULL OR s.scenario = ?1)"];
    if which == Which::FinishedFirstAttempts {
        filters.push("s.finished = 1 AND s.replay_of IS NULL");
    }
    let dir = if order == Order::NewestFirst { "DESC" } else { "ASC" };
    let sql = format!(
        "SELECT {COLUMNS} FROM sessions s WHERE {} ORDER BY s.started_at {dir}, s.id {dir} LIMIT ?2",
        filters.join(" AND ")
    );
    let limit = i64::try_from(limit).unwrap_or(-1);
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![scenario, limit], stored)?;
    rows.collect()
}

fn stored(row: &Row) -> rusqlite::Result<StoredSession> {
    let score = |i: usize| -> rusqlite::Result<Option<u8>> {
        Ok(row.get::<_, Option<i64>>(i)?.and_then(|v| u8::try_from(v).ok()).filter(|&v| v <= 100))
    };
    let scores = Scores { rubrics: [score(6)?, score(7)?, score(8)?, score(9)?, score(19)?], overall: score(10)? };
    let count = |i: usize| -> rusqlite::Result<u32> { Ok(u32::try_from(row.get::<_, i64>(i)?).unwrap_or(u32::MAX)) };
    Ok(StoredSession {
        summary: SessionSummary {
            id: row.get(0)?,
            scenario: row.get(1)?,
            started_at: row.get(2)?,
            ended_at: row.get(3)?,
            finished: row.get(4)?,
            ending_kind: row.get(5)?,
            scores,
            decisions: count(11)?,
            interruptions: count(12)?,
            replay_of: row.get(18)?,
        },
        content_hash: row.get(13)?,
        seed: row.get::<_, i64>(14)? as u64,
        ending: row.get(15)?,
        trust: row.get(16)?,
        speech_counted: row.get(17)?,
        scoring_model: u8::try_from(row.get::<_, i64>(20)?).unwrap_or(1),
        met: row.get(21)?,
    })
}

/// Per scenario id: (best, last) overall score of its finished sessions.
pub type BestAndLast = HashMap<String, (Option<u8>, Option<u8>)>;

/// Per scenario: the best and the latest overall score of its finished first attempts (a
/// replay of one decision is not a new attempt).
pub fn best_and_last(conn: &Connection) -> rusqlite::Result<BestAndLast> {
    let mut stmt = conn.prepare(
        "SELECT s.scenario, max(s.overall),
            (SELECT l.overall FROM sessions l
             WHERE l.scenario = s.scenario AND l.finished = 1 AND l.replay_of IS NULL
             ORDER BY l.started_at DESC, l.id DESC LIMIT 1)
         FROM sessions s WHERE s.finished = 1 AND s.replay_of IS NULL GROUP BY s.scenario",
    )?;
    let score = |v: Option<i64>| v.and_then(|v| u8::try_from(v).ok());
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, (score(r.get(1)?), score(r.get(2)?)))))?;
    rows.collect()
}

/// Finished first attempts, oldest first, as points for the trend charts: replays are left out
/// (docs/history.md).
pub fn trend_points(conn: &Connection, scenario: Option<&str>) -> rusqlite::Result<Vec<TrendPoint>> {
    Ok(sessions(conn, scenario, Which::FinishedFirstAttempts, Order::OldestFirst, usize::MAX)?
        .into_iter()
        .map(|s| TrendPoint {
            id: s.summary.id,
            scenario: s.summary.scenario,
            started_at: s.summary.started_at,
            scores: s.summary.scores,
        })
        .collect())
}

/// The scenario ids that have sessions, for did-you-mean.
pub fn scenario_ids(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT DISTINCT scenario FROM sessions ORDER BY scenario")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    rows.collect()
}
