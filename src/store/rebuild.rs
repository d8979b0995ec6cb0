//! What `export --xapi` reads to rebuild statements about a session recorded while no LRS was
//! configured (docs/learning-records.md). The SQL stays here, in the store; building statements
//! from these plain rows is `delivery::export`'s.

use hearken_engine::rubric::Scores;
use rusqlite::{Connection, params};

/// One stored session, as export needs it.
pub struct SessionRow {
    pub id: i64,
    pub registration: String,
    pub scenario: String,
    pub content_hash: String,
    pub seed: i64,
    pub started_at: i64,
    pub ended_at: Option<i64>,
    pub finished: bool,
    pub ending: Option<String>,
    pub ending_kind: Option<String>,
    /// All five rubrics and the overall; `None` where not assessed (or not kept, for model 1).
    pub scores: Scores,
    /// The stored result (scoring model 2 on); `None` for sessions scored before it.
    pub met: Option<bool>,
    pub trust: i32,
    /// The registration of the session this one replayed.
    pub replay_of: Option<String>,
}

/// One stored decision.
pub struct DecisionRow {
    pub ordinal: usize,
    pub decided_at: i64,
    pub node: String,
    /// 1-based, file order.
    pub option: usize,
    pub skills: Vec<String>,
    pub interrupted: bool,
    pub response_ms: Option<u64>,
    pub hint_used: bool,
    pub best_option: usize,
    /// `best`, `helpful` or `harmful` (scoring model 2 on).
    pub mark: Option<String>,
}

fn score(v: Option<i64>) -> Option<u8> {
    v.and_then(|v| u8::try_from(v).ok()).filter(|&v| v <= 100)
}

/// Every stored session, oldest first.
pub fn sessions(conn: &Connection) -> rusqlite::Result<Vec<SessionRow>> {
    let mut stmt = conn.prepare(
        "SELECT id, registration, scenario, content_hash, seed, started_at, ended_at, finished, ending,
            ending_kind, reflective_listening, open_questions, non_interruption, validation, safety_boundaries,
            overall, met, trust, (SELECT registration FROM sessions r WHERE r.id = s.replay_of)
         FROM sessions s ORDER BY started_at, id",
    )?;
    stmt.query_map([], |r| {
        Ok(SessionRow {
            id: r.get(0)?,
            registration: r.get(1)?,
            scenario: r.get(2)?,
            content_hash: r.get(3)?,
            seed: r.get(4)?,
            started_at: r.get(5)?,
            ended_at: r.get(6)?,
            finished: r.get(7)?,
            ending: r.get(8)?,
            ending_kind: r.get(9)?,
            scores: Scores {
                rubrics: [
                    score(r.get(10)?),
                    score(r.get(11)?),
                    score(r.get(12)?),
                    score(r.get(13)?),
                    score(r.get(14)?),
                ],
                overall: score(r.get(15)?),
            },
            met: r.get(16)?,
            trust: r.get(17)?,
            replay_of: r.get(18)?,
        })
    })?
    .collect()
}

/// A session's decisions, in order.
pub fn decisions(conn: &Connection, session_id: i64) -> rusqlite::Result<Vec<DecisionRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ordinal, decided_at, node, option, skills, interrupted, response_ms, hint_used, best_option, mark
         FROM decisions WHERE session_id = ?1 ORDER BY ordinal",
    )?;
    stmt.query_map(params![session_id], |r| {
        let skills: String = r.get(4)?;
        Ok(DecisionRow {
            ordinal: r.get::<_, i64>(0)? as usize,
            decided_at: r.get(1)?,
            node: r.get(2)?,
            option: r.get::<_, i64>(3)? as usize,
            skills: skills.split_whitespace().map(str::to_string).collect(),
            interrupted: r.get(5)?,
            response_ms: r.get::<_, Option<i64>>(6)?.map(|m| m.max(0) as u64),
            hint_used: r.get(7)?,
            best_option: r.get::<_, i64>(8)? as usize,
            mark: r.get(9)?,
        })
    })?
    .collect()
}
