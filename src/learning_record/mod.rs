//! Learning records: xAPI statements about each session, queued in the history database and
//! sent to the organisation's Learning Record Store (docs/learning-records.md).
//!
//! - `config`: `[lrs]` in `<data dir>/config.toml`, and the environment's overrides;
//! - `statement`: the statements, built from plain facts (pure).
//!
//! The outbox that queues them lives in `store::outbox` (written in the session's own
//! transactions), sending in `delivery`, the commands in `cli::records`. This module turns the
//! engine's `Report` into facts; nothing here scores anything.

pub mod config;
pub mod statement;

use hearken_engine::rubric::{Band, Rubric};
use hearken_engine::scenario::Scenario;
use hearken_engine::session::Report;
use statement::{ChoiceFacts, CriticalFacts, DecisionFacts, EndFacts, ResultFacts, SessionFacts};

/// Unix seconds now.
pub fn now_unix() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// The endpoint as it may be shown: scheme, host and path, never a user name or password.
pub fn display_endpoint(url: &str) -> String {
    let shown = match url.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) =
                rest.split_once('/').map(|(a, p)| (a, format!("/{p}"))).unwrap_or((rest, String::new()));
            let host = authority.rsplit_once('@').map(|(_, h)| h).unwrap_or(authority);
            let path = path.split(['?', '#']).next().unwrap_or("").to_string();
            format!("{scheme}://{host}{path}")
        }
        None => url.to_string(),
    };
    hearken_engine::text::terminal_safe(&shown).into_owned()
}

pub fn session_facts(
    r: &Report,
    scenario: Option<&Scenario>,
    registration: uuid::Uuid,
    replay_of: Option<uuid::Uuid>,
    started_at: i64,
) -> SessionFacts {
    SessionFacts {
        registration,
        scenario: r.scenario.clone(),
        title: scenario.map(|s| s.title.clone()).unwrap_or_else(|| r.title.clone()),
        content_hash: r.content_hash.clone(),
        seed: r.seed,
        // TODO(type-mode): true for a session played in type mode, once the engine has it.
        typed: false,
        replay_of,
        started_at,
    }
}

pub fn decision_facts(r: &Report, scenario: Option<&Scenario>, i: usize, at: i64) -> DecisionFacts {
    let d = &r.decisions[i];
    let choices = scenario
        .and_then(|s| s.find(&d.node).map(|n| s.node(n)))
        .map(|node| {
            node.replies()
                .iter()
                .enumerate()
                .map(|(k, reply)| ChoiceFacts { option: k + 1, text: reply.text.clone() })
                .collect()
        })
        .unwrap_or_default();
    DecisionFacts {
        ordinal: i + 1,
        node: d.node.clone(),
        option: d.option,
        choices,
        skills: d.skills.iter().map(|s| s.code().to_string()).collect(),
        interrupted: d.interrupted,
        hint_used: d.hint_used,
        response_ms: d.response_ms,
        best_option: d.best_option,
        was_best: d.better.is_none(),
        // TODO(type-mode): the typed words and heard skills, once the engine reports them.
        typed_text: None,
        heard: None,
        quality: Some(d.quality.to_string()),
        mark: Some(d.mark.word().to_string()),
        decided_at: at,
    }
}

pub fn end_facts(r: &Report, ended_at: i64) -> EndFacts {
    EndFacts {
        finished: r.finished,
        ended_at,
        ending: r.ending.clone(),
        ending_kind: r.ending_kind.map(|k| k.name().to_string()),
        rubrics: Rubric::ALL.iter().map(|rb| (rb.key().to_string(), r.scores.get(*rb))).collect(),
        overall: r.scores.overall,
        band: r.band.map(|b| b.name().to_string()),
        result: r.finished.then(|| ResultFacts { met: r.result.met, reasons: r.result.reasons.clone() }),
        critical: r.critical.iter().map(|c| CriticalFacts { node: c.node.clone(), handled: c.handled }).collect(),
        trust: r.trust,
        decisions: r.decisions.len(),
    }
}

/// The band's name for a score (used when rebuilding from history).
pub fn band_name(overall: Option<u8>) -> Option<String> {
    overall.map(|o| Band::of(o).name().to_string())
}
