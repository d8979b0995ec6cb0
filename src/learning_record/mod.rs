//! Learning records: xAPI statements about each session, queued in the history database and
//! sent to the organisation's Learning Record Store (docs/learning-records.md).
//!
//! - `config`: `[lrs]` in `<data dir>/config.toml`, and the environment's overrides;
//! - `statement`: the statements, built from plain facts (pure);
//! - `outbox`: the queue in `hearken.db`, written in the session's own transactions;
//! - `delivery`: sending, the only code that touches the network;
//! - `cli`: `hearken sync` and `hearken export --xapi`.
//!
//! This module turns the engine's `Report` into facts; nothing here scores anything.

pub mod cli;
pub mod config;
pub mod delivery;
pub mod export;
pub mod outbox;
pub mod statement;

use config::{LrsConfig, Profile};
use hearken_engine::rubric::{Band, Rubric};
use hearken_engine::scenario::{EndingKind, Scenario};
use hearken_engine::session::Report;
use rusqlite::Transaction;
use statement::{ChoiceFacts, DecisionFacts, EndFacts, ResultFacts, SessionFacts};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

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
        let registration = outbox::registration(tx, session_id)?;
        let replay_of = match replay_of {
            Some(id) => outbox::registration(tx, id).ok(),
            None => None,
        };
        let facts = session_facts(report, self.scenario.as_deref(), registration, replay_of, started_at);
        let mut built = vec![statement::initialized(&self.profile, &facts)];
        for i in 0..report.decisions.len() {
            built.push(statement::responded(
                &self.profile,
                &facts,
                &decision_facts(report, self.scenario.as_deref(), i, started_at),
            ));
        }
        outbox::queue(tx, session_id, &built, started_at)?;
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
        outbox::queue(tx, session_id, &built, at)
    }

    /// The session ended or was left, and that was just stored.
    pub fn finished(&self, tx: &Transaction, session_id: i64, report: &Report, at: i64) -> rusqlite::Result<()> {
        let Some(facts) = &self.session else { return Ok(()) };
        let built = statement::ended(&self.profile, facts, &end_facts(report, at));
        outbox::queue(tx, session_id, &built, at)
    }
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
        // TODO(scoring-model-2): `quality` (the exact fraction q) and `mark` from the decision report.
        quality: None,
        mark: None,
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
        result: r.finished.then(|| provisional_result(r.ending_kind, r.scores.overall)),
        // TODO(scoring-model-2): the critical moments reached, from `report.critical`.
        critical: Vec::new(),
        trust: r.trust,
        decisions: r.decisions.len(),
    }
}

/// TODO(scoring-model-2): replace with the engine's `report.result` (met, reasons). Until then:
/// SPEC §3.6 without critical moments, which this engine does not have yet: an ending that is not
/// poor and an overall score of at least 70.
pub fn provisional_result(ending_kind: Option<EndingKind>, overall: Option<u8>) -> ResultFacts {
    let mut reasons = Vec::new();
    if ending_kind == Some(EndingKind::Poor) {
        reasons.push("the conversation reached a poor ending".to_string());
    }
    match overall {
        Some(o) if o >= 70 => {}
        Some(o) => reasons.push(format!("the overall score {o} is below the pass score 70")),
        None => reasons.push("no decision was scored".to_string()),
    }
    ResultFacts { met: reasons.is_empty(), reasons }
}

/// The band's name for a score (used when rebuilding from history).
pub fn band_name(overall: Option<u8>) -> Option<String> {
    overall.map(|o| Band::of(o).name().to_string())
}

/// A send running on its own thread, so no one waits for the LRS.
pub struct Background {
    rx: mpsc::Receiver<delivery::Outcome>,
}

impl Background {
    /// Waits at most `limit` for the send to end: `None` if it has not (it goes on, and is cut
    /// off when the process ends; what was not marked sent goes next time).
    pub fn join_for(&self, limit: Duration) -> Option<delivery::Outcome> {
        self.rx.recv_timeout(limit).ok()
    }
}

/// Starts sending what is pending, in the background, if an LRS is configured and automatic
/// sending is not backing off. Returns at once.
pub fn send_in_background(data_dir: Option<PathBuf>, opts: delivery::Options) -> Option<Background> {
    let config = config::load(data_dir.as_deref()).ok()?;
    let endpoint = config.endpoint.clone()?;
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("hearken-lrs".into())
        .spawn(move || {
            let Ok(Some(mut conn)) = crate::store::open_outbox(data_dir.as_deref()) else { return };
            if !delivery::due(&conn) {
                return;
            }
            if outbox::counts(&conn).map(|c| c.pending).unwrap_or(0) == 0 {
                return;
            }
            let out = delivery::deliver(&mut conn, &endpoint, config.version, &opts);
            let _ = tx.send(out);
        })
        .ok()?;
    Some(Background { rx })
}
