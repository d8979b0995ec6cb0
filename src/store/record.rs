//! Writing sessions. Everything is written from the engine's `Report`, so the stored scores are
//! exactly the ones the trainee was shown; nothing here scores anything.

use hearken_engine::rubric::{Rubric, Scores};
use hearken_engine::session::Report;
use hearken_engine::session::report::DecisionReport;
use rusqlite::{Transaction, params};

/// Unix seconds now. Taken here, not in the engine: the engine's clock is milliseconds since the
/// session began, which says nothing about which week it was.
pub fn now_unix() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// The session row, not yet finished. A replay is linked to the original session: the one
/// `replay_of` names, or the one that session replayed in turn. A `replay_of` that names no
/// stored session is dropped rather than failing the write.
pub fn insert_session(tx: &Transaction, r: &Report, started_at: i64, replay_of: Option<i64>) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO sessions (scenario, content_hash, seed, started_at, finished, trust, speech_counted, replay_of,
             scoring_model)
         VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6,
             (SELECT coalesce(o.replay_of, o.id) FROM sessions o WHERE o.id = ?7), ?8)",
        params![
            r.scenario,
            r.content_hash,
            r.seed as i64,
            started_at,
            r.trust,
            r.speech_counted,
            replay_of,
            super::schema::SCORING_MODEL
        ],
    )?;
    let id = tx.last_insert_rowid();
    update_scores(tx, id, r)?;
    Ok(id)
}

/// Writes `r.decisions[from..]` (ordinals are 1-based positions in the session).
pub fn insert_decisions(tx: &Transaction, id: i64, r: &Report, from: usize, at: i64) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO decisions (session_id, ordinal, decided_at, node, option, skills, interrupted, response_ms,
             hint_used, best_option, trust_after,
             earned_reflective_listening, earned_open_questions, earned_non_interruption, earned_validation,
             available_reflective_listening, available_open_questions, available_non_interruption,
             available_validation, earned_safety_boundaries, available_safety_boundaries, mark,
             typed, heard, corrected)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
             ?20, ?21, ?22, ?23, ?24, ?25)",
    )?;
    for (i, d) in r.decisions.iter().enumerate().skip(from) {
        let e = |rubric: Rubric| d.earned.get(rubric);
        let a = |rubric: Rubric| d.available.get(rubric);
        stmt.execute(params![
            id,
            i as i64 + 1,
            at,
            d.node,
            d.option as i64,
            skills_text(d),
            d.interrupted,
            d.response_ms.map(|ms| ms.min(i64::MAX as u64) as i64),
            d.hint_used,
            d.best_option as i64,
            d.trust_after,
            e(Rubric::ReflectiveListening),
            e(Rubric::OpenQuestions),
            e(Rubric::NonInterruption),
            e(Rubric::Validation),
            a(Rubric::ReflectiveListening),
            a(Rubric::OpenQuestions),
            a(Rubric::NonInterruption),
            a(Rubric::Validation),
            e(Rubric::SafetyBoundaries),
            a(Rubric::SafetyBoundaries),
            d.mark.word(),
            d.typed.as_ref().map(|t| t.text.as_str()),
            d.typed.as_ref().map(|t| t.heard.skills.iter().map(|s| s.code()).collect::<Vec<_>>().join(" ")),
            d.typed.as_ref().map(|t| t.corrected),
        ])?;
        if d.typed.is_some() {
            tx.execute("UPDATE sessions SET mode = 'type' WHERE id = ?1", params![id])?;
        }
    }
    Ok(())
}

/// The scores so far: a session that never reaches `finish` (the program was killed) still
/// shows what its decisions earned.
pub fn update_scores(tx: &Transaction, id: i64, r: &Report) -> rusqlite::Result<()> {
    let s = score_params(&r.scores);
    tx.execute(
        "UPDATE sessions SET reflective_listening = ?2, open_questions = ?3, non_interruption = ?4,
             validation = ?5, overall = ?6, trust = ?7, safety_boundaries = ?8, met = ?9 WHERE id = ?1",
        params![id, s[0], s[1], s[2], s[3], s[4], r.trust, r.scores.get(Rubric::SafetyBoundaries), r.result.met],
    )?;
    Ok(())
}

pub fn finish(tx: &Transaction, id: i64, r: &Report, ended_at: i64) -> rusqlite::Result<()> {
    update_scores(tx, id, r)?;
    tx.execute(
        "UPDATE sessions SET finished = ?2, ended_at = ?3, ending = ?4, ending_kind = ?5 WHERE id = ?1",
        params![id, r.finished, ended_at, r.ending, r.ending_kind.map(|k| k.name())],
    )?;
    Ok(())
}

/// A whole session at once (`play --script --record`).
pub fn whole(tx: &Transaction, r: &Report, at: i64) -> rusqlite::Result<i64> {
    let id = insert_session(tx, r, at, None)?;
    insert_decisions(tx, id, r, 0, at)?;
    finish(tx, id, r, at)?;
    Ok(id)
}

/// Space-separated skill codes, in the option's order.
fn skills_text(d: &DecisionReport) -> String {
    d.skills.iter().map(|s| s.code()).collect::<Vec<_>>().join(" ")
}

fn score_params(s: &Scores) -> [Option<u8>; 5] {
    [
        s.get(Rubric::ReflectiveListening),
        s.get(Rubric::OpenQuestions),
        s.get(Rubric::NonInterruption),
        s.get(Rubric::Validation),
        s.overall,
    ]
}
