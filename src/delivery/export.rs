//! `hearken export --xapi`: every stored session as xAPI statements. A session whose statements
//! were queued is exported as exactly those texts (so an LRS that imports the file and later
//! receives them from `hearken sync` sees the same statements). A session recorded while no LRS
//! was configured is rebuilt from the history, with the configured learner: its interactions
//! then carry their option wording only when the scenario is still in the library unchanged.

use crate::learning_record::config::Profile;
use crate::learning_record::statement::{self, DecisionFacts, EndFacts, SessionFacts};
use hearken_engine::rubric::Rubric;
use hearken_engine::scenario::Scenario;
use hearken_engine::scenario::library::Library;
use rusqlite::{Connection, params};
use std::collections::{BTreeMap, BTreeSet};

/// The statements' texts, oldest session first.
pub fn statements(conn: &Connection, profile: Option<&Profile>, library: &Library) -> Result<Vec<String>, String> {
    let err = |e: rusqlite::Error| e.to_string();
    let queued = crate::store::outbox::all_by_session(conn).map_err(err)?;
    let mut by_session: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    let mut orphans = Vec::new();
    for (session, text) in queued {
        match session {
            Some(id) => by_session.entry(id).or_default().push(text),
            None => orphans.push(text),
        }
    }
    let have: BTreeSet<i64> = by_session.keys().copied().collect();
    let mut out = Vec::new();
    let mut stmt = conn
        .prepare(
            "SELECT id, registration, scenario, content_hash, seed, started_at, ended_at, finished, ending,
                ending_kind, reflective_listening, open_questions, non_interruption, validation, overall, trust,
                (SELECT registration FROM sessions r WHERE r.id = s.replay_of)
             FROM sessions s ORDER BY started_at, id",
        )
        .map_err(err)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Row {
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
                scores: [r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?],
                overall: r.get(14)?,
                trust: r.get(15)?,
                replay_of: r.get(16)?,
            })
        })
        .map_err(err)?
        .collect::<Result<Vec<Row>, _>>()
        .map_err(err)?;
    let mut missing_profile = false;
    for row in rows {
        if have.contains(&row.id) {
            out.extend(by_session.remove(&row.id).unwrap_or_default());
            continue;
        }
        let Some(profile) = profile else {
            missing_profile = true;
            continue;
        };
        out.extend(rebuild(conn, profile, library, &row).map_err(err)?);
    }
    if missing_profile {
        return Err("some sessions were recorded with no LRS configured, and statements about them need the trainee's account: set `learner` and `homepage` under [lrs] in config.toml (see docs/learning-records.md)".into());
    }
    out.extend(orphans);
    Ok(out)
}

struct Row {
    id: i64,
    registration: String,
    scenario: String,
    content_hash: String,
    seed: i64,
    started_at: i64,
    ended_at: Option<i64>,
    finished: bool,
    ending: Option<String>,
    ending_kind: Option<String>,
    scores: [Option<u8>; 4],
    overall: Option<u8>,
    trust: i32,
    replay_of: Option<String>,
}

fn rebuild(conn: &Connection, p: &Profile, library: &Library, row: &Row) -> rusqlite::Result<Vec<String>> {
    let found = library.find(&row.scenario).filter(|s| s.content_hash() == row.content_hash);
    let scenario: Option<&Scenario> = found.as_deref();
    let facts = SessionFacts {
        registration: uuid::Uuid::parse_str(&row.registration).unwrap_or_default(),
        scenario: row.scenario.clone(),
        title: scenario.map(|s| s.title.clone()).unwrap_or_else(|| row.scenario.clone()),
        content_hash: row.content_hash.clone(),
        seed: row.seed as u64,
        typed: false,
        replay_of: row.replay_of.as_deref().and_then(|r| uuid::Uuid::parse_str(r).ok()),
        started_at: row.started_at,
    };
    let mut out = vec![statement::initialized(p, &facts).json];
    let mut stmt = conn.prepare_cached(
        "SELECT ordinal, decided_at, node, option, skills, interrupted, response_ms, hint_used, best_option
         FROM decisions WHERE session_id = ?1 ORDER BY ordinal",
    )?;
    let decisions = stmt
        .query_map(params![row.id], |r| {
            let node: String = r.get(2)?;
            let option: i64 = r.get(3)?;
            let best: i64 = r.get(8)?;
            let skills: String = r.get(4)?;
            Ok(DecisionFacts {
                ordinal: r.get::<_, i64>(0)? as usize,
                decided_at: r.get(1)?,
                choices: Vec::new(),
                node,
                option: option as usize,
                skills: skills.split_whitespace().map(str::to_string).collect(),
                interrupted: r.get(5)?,
                response_ms: r.get::<_, Option<i64>>(6)?.map(|m| m.max(0) as u64),
                hint_used: r.get(7)?,
                best_option: best as usize,
                was_best: best == option,
                typed_text: None,
                heard: None,
                quality: None,
                mark: None,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let last_decided = decisions.iter().map(|d| d.decided_at).max();
    for mut d in decisions {
        if let Some(s) = scenario
            && let Some(n) = s.find(&d.node)
        {
            d.choices = s
                .node(n)
                .replies()
                .iter()
                .enumerate()
                .map(|(k, r)| statement::ChoiceFacts { option: k + 1, text: r.text.clone() })
                .collect();
        }
        out.push(statement::responded(p, &facts, &d).json);
    }
    let n = out.len() - 1;
    // A session never ended (the program was stopped) is exported as left at its last decision.
    let ended_at = row.ended_at.or(last_decided).unwrap_or(row.started_at);
    let kind = row.ending_kind.as_deref().and_then(|k| match k {
        "good" => Some(hearken_engine::scenario::EndingKind::Good),
        "mixed" => Some(hearken_engine::scenario::EndingKind::Mixed),
        "poor" => Some(hearken_engine::scenario::EndingKind::Poor),
        _ => None,
    });
    let end = EndFacts {
        finished: row.finished,
        ended_at,
        ending: row.ending.clone(),
        ending_kind: row.ending_kind.clone(),
        rubrics: Rubric::ALL.iter().zip(row.scores).map(|(r, s)| (r.key().to_string(), s)).collect(),
        overall: row.overall,
        band: crate::learning_record::band_name(row.overall),
        // The history keeps the ending and the scores but not which critical moments were
        // missed, so a session rebuilt here has its result from those two (docs/learning-records.md).
        result: row.finished.then(|| crate::learning_record::provisional_result(kind, row.overall)),
        critical: Vec::new(),
        trust: row.trust,
        decisions: n,
    };
    out.extend(statement::ended(p, &facts, &end).into_iter().map(|b| b.json));
    Ok(out)
}
