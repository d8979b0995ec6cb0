//! `hearken export --xapi`: every stored session as xAPI statements. A session whose statements
//! were queued is exported as exactly those texts (so an LRS that imports the file and later
//! receives them from `hearken sync` sees the same statements). A session recorded while no LRS
//! was configured is rebuilt from the history, with the configured learner: its interactions
//! then carry their option wording only when the scenario is still in the library unchanged.

use crate::learning_record::config::Profile;
use crate::learning_record::statement::{self, DecisionFacts, EndFacts, ResultFacts, SessionFacts};
use crate::store::rebuild::{self, SessionRow};
use hearken_engine::rubric::DEFAULT_PASS_SCORE;
use hearken_engine::rubric::Rubric;
use hearken_engine::scenario::library::Library;
use hearken_engine::scenario::{EndingKind, Scenario};
use hearken_engine::session::report::SessionResult;
use rusqlite::Connection;
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
    let mut missing_profile = false;
    for row in rebuild::sessions(conn).map_err(err)? {
        if have.contains(&row.id) {
            out.extend(by_session.remove(&row.id).unwrap_or_default());
            continue;
        }
        let Some(profile) = profile else {
            missing_profile = true;
            continue;
        };
        let decisions = rebuild::decisions(conn, row.id).map_err(err)?;
        out.extend(rebuilt(profile, library, &row, decisions));
    }
    if missing_profile {
        return Err("some sessions were recorded with no LRS configured, and statements about them need the trainee's account: set `learner` and `homepage` under [lrs] in config.toml (see docs/learning-records.md)".into());
    }
    out.extend(orphans);
    Ok(out)
}

/// The result as far as the history keeps it: the ending, the overall score and, from scoring
/// model 2 on, whether it was met; which critical moment was missed is not kept.
fn stored_result(row: &SessionRow) -> ResultFacts {
    let kind = row.ending_kind.as_deref().and_then(|k| match k {
        "good" => Some(EndingKind::Good),
        "mixed" => Some(EndingKind::Mixed),
        "poor" => Some(EndingKind::Poor),
        _ => None,
    });
    let r = SessionResult::of(kind, row.scores.overall, DEFAULT_PASS_SCORE, &[]);
    match row.met {
        Some(met) if !met && r.met => {
            ResultFacts { met, reasons: vec!["missed a critical moment (the history does not keep which)".into()] }
        }
        Some(met) => ResultFacts { met, reasons: if met { Vec::new() } else { r.reasons } },
        None => ResultFacts { met: r.met, reasons: r.reasons },
    }
}

fn rebuilt(p: &Profile, library: &Library, row: &SessionRow, decisions: Vec<rebuild::DecisionRow>) -> Vec<String> {
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
    let last_decided = decisions.iter().map(|d| d.decided_at).max();
    let n = decisions.len();
    for d in decisions {
        let choices = scenario
            .and_then(|s| s.find(&d.node).map(|n| s.node(n)))
            .map(|node| {
                node.replies()
                    .iter()
                    .enumerate()
                    .map(|(k, r)| statement::ChoiceFacts { option: k + 1, text: r.text.clone() })
                    .collect()
            })
            .unwrap_or_default();
        let facts_d = DecisionFacts {
            ordinal: d.ordinal,
            decided_at: d.decided_at,
            choices,
            was_best: d.best_option == d.option,
            node: d.node,
            option: d.option,
            skills: d.skills,
            interrupted: d.interrupted,
            response_ms: d.response_ms,
            hint_used: d.hint_used,
            best_option: d.best_option,
            typed_text: None,
            heard: None,
            quality: None,
            mark: d.mark,
        };
        out.push(statement::responded(p, &facts, &facts_d).json);
    }
    // A session never ended (the program was stopped) is exported as left at its last decision.
    let ended_at = row.ended_at.or(last_decided).unwrap_or(row.started_at);
    let end = EndFacts {
        finished: row.finished,
        ended_at,
        ending: row.ending.clone(),
        ending_kind: row.ending_kind.clone(),
        rubrics: Rubric::ALL.iter().map(|r| (r.key().to_string(), row.scores.get(*r))).collect(),
        overall: row.scores.overall,
        band: crate::learning_record::band_name(row.scores.overall),
        result: row.finished.then(|| stored_result(row)),
        critical: Vec::new(),
        trust: row.trust,
        decisions: n,
    };
    out.extend(statement::ended(p, &facts, &end).into_iter().map(|b| b.json));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(ending_kind: &str, overall: u8, met: Option<bool>) -> SessionRow {
        SessionRow {
            id: 1,
            registration: String::new(),
            scenario: "s".into(),
            content_hash: String::new(),
            seed: 0,
            started_at: 0,
            ended_at: Some(1),
            finished: true,
            ending: Some("end".into()),
            ending_kind: Some(ending_kind.into()),
            scores: hearken_engine::rubric::Scores {
                rubrics: [None, None, None, None, Some(0)],
                overall: Some(overall),
            },
            met,
            trust: 0,
            replay_of: None,
        }
    }

    #[test]
    fn a_rebuilt_result_keeps_what_the_history_stored() {
        // A good ending and a high score, yet not met: a critical moment was missed.
        let r = stored_result(&row("good", 95, Some(false)));
        assert!(!r.met && r.reasons[0].contains("critical moment"), "{r:?}");
        // Met as stored.
        assert_eq!(stored_result(&row("good", 95, Some(true))), ResultFacts { met: true, reasons: vec![] });
        // Scored before the result was kept: from the ending and the score, with their reasons.
        let old = stored_result(&row("poor", 95, None));
        assert!(!old.met && old.reasons.iter().any(|x| x.contains("poor ending")), "{old:?}");
    }

    #[test]
    fn a_rebuilt_session_reports_all_five_rubrics() {
        let r = row("good", 95, Some(true));
        let p = Profile {
            learner: crate::learning_record::config::Learner { homepage: "https://x.org/".into(), name: "t".into() },
            activity_base: "urn:hearken:".into(),
            include_typed_text: false,
        };
        let texts = rebuilt(&p, &Library::default(), &r, Vec::new());
        assert!(texts.iter().any(|t| t.contains("rubric:safety_boundaries")), "{texts:?}");
    }
}
