//! The report at the end of a session: the data behind the report screen, the headless
//! transcript and `play --json` (SPEC §5).

use super::transcript::{Line, commit_turn};
use super::{Phase, Session};
use crate::rubric::{Band, Counts, Points, Rubric, Scores, Skill};
use crate::scenario::EndingKind;
use serde::Serialize;
use serde::ser::SerializeMap;

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub scenario: String,
    pub title: String,
    pub peer: String,
    pub content_hash: String,
    pub seed: u64,
    /// False when the session was left before an ending.
    pub finished: bool,
    pub ending: Option<String>,
    pub ending_kind: Option<EndingKind>,
    pub outcome: Option<String>,
    pub scores: Scores,
    pub band: Option<Band>,
    pub counts: Counts,
    pub trust: i32,
    /// Whether non-interruption counted the peer's speech (not with animation off).
    pub speech_counted: bool,
    pub decisions: Vec<DecisionReport>,
    pub transcript: Vec<Line>,
    pub mean_response_ms: Option<u64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DecisionReport {
    pub node: String,
    /// 1-based, file order.
    pub option: usize,
    pub text: String,
    pub skills: Vec<Skill>,
    pub feedback: String,
    pub interrupted: bool,
    pub earned: Points,
    pub available: Points,
    /// The option this choice was measured against (1-based): itself when it was among the best.
    pub best_option: usize,
    /// The better option, when the chosen one was not among the best.
    pub better: Option<Alternative>,
    pub response_ms: Option<u64>,
    pub hint_used: bool,
    pub trust_after: i32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    pub option: usize,
    pub text: String,
    pub skills: Vec<Skill>,
    pub feedback: String,
}

impl Report {
    pub(super) fn build(s: &Session, now: u64) -> Report {
        let scenario = &s.scenario;
        let mut transcript = s.transcript.clone();
        // The turn under way: all of it at an ending; as far as it got if the session was left.
        let cut = (s.phase != Phase::Ended && s.turn.is_speaking(now)).then_some(now);
        if s.phase != Phase::Answered {
            commit_turn(&mut transcript, &s.turn, &scenario.peer.name, cut);
        }
        let decisions: Vec<DecisionReport> = s
            .decisions
            .iter()
            .map(|d| {
                let replies = scenario.node(d.node).replies();
                let chosen = &replies[d.chosen];
                let reference = &replies[d.score.reference];
                DecisionReport {
                    node: scenario.node(d.node).id.clone(),
                    option: d.chosen + 1,
                    text: chosen.text.clone(),
                    skills: chosen.skills.clone(),
                    feedback: chosen.feedback.clone(),
                    interrupted: d.interrupted,
                    earned: d.score.earned,
                    available: d.score.available,
                    best_option: d.score.reference + 1,
                    better: (!d.score.was_best()).then(|| Alternative {
                        option: d.score.reference + 1,
                        text: reference.text.clone(),
                        skills: reference.skills.clone(),
                        feedback: reference.feedback.clone(),
                    }),
                    response_ms: d.response_ms,
                    hint_used: d.hint_used,
                    trust_after: d.trust_after,
                }
            })
            .collect();
        let scores = Scores::from_decisions(&s.decisions.iter().map(|d| d.score.clone()).collect::<Vec<_>>());
        let times: Vec<u64> = s.decisions.iter().filter_map(|d| d.response_ms).collect();
        let ending = s.ending();
        Report {
            scenario: scenario.id.clone(),
            title: scenario.title.clone(),
            peer: scenario.peer.name.clone(),
            content_hash: scenario.content_hash.clone(),
            seed: s.options.seed,
            finished: s.is_over(),
            ending: ending.map(|_| s.node().id.clone()),
            ending_kind: ending.map(|e| e.0),
            outcome: ending.map(|e| e.1.to_string()),
            band: scores.overall.map(Band::of),
            scores,
            counts: s.counts(),
            trust: s.trust,
            speech_counted: s.options.animate,
            decisions,
            transcript,
            mean_response_ms: (!times.is_empty()).then(|| times.iter().sum::<u64>() / times.len() as u64),
        }
    }

    /// The JSON object of SPEC §5 (keys stable; extra keys may be added).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(JsonReport(self)).expect("a report always serialises")
    }
}

struct JsonReport<'a>(&'a Report);

struct RubricMap<'a>(&'a Points);

impl Serialize for RubricMap<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.nonzero().len()))?;
        for r in Rubric::ALL {
            if self.0.get(r) != 0 {
                m.serialize_entry(r.key(), &self.0.get(r))?;
            }
        }
        m.end()
    }
}

impl Serialize for JsonReport<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut scores = serde_json::Map::new();
        for rubric in Rubric::ALL {
            scores.insert(rubric.key().into(), r.scores.get(rubric).into());
        }
        scores.insert("overall".into(), r.scores.overall.into());
        let decisions: Vec<serde_json::Value> = r
            .decisions
            .iter()
            .map(|d| {
                serde_json::json!({
                    "node": d.node,
                    "option": d.option,
                    "text": d.text,
                    "skills": d.skills,
                    "interrupted": d.interrupted,
                    "earned": RubricMap(&d.earned),
                    "available": RubricMap(&d.available),
                    "best_option": d.best_option,
                    "response_ms": d.response_ms,
                    "hint_used": d.hint_used,
                    "trust": d.trust_after,
                })
            })
            .collect();
        let thresholds: Vec<serde_json::Value> = r
            .counts
            .thresholds()
            .iter()
            .map(|t| serde_json::json!({"measure": t.name, "value": t.value.map(|v| (v * 10.0).round() / 10.0), "fair": t.fair, "good": t.good, "level": t.level()}))
            .collect();
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("scenario", &r.scenario)?;
        m.serialize_entry("seed", &r.seed)?;
        m.serialize_entry("finished", &r.finished)?;
        m.serialize_entry("ending", &r.ending)?;
        m.serialize_entry("ending_kind", &r.ending_kind)?;
        m.serialize_entry("outcome", &r.outcome)?;
        m.serialize_entry("scores", &scores)?;
        m.serialize_entry("band", &r.band)?;
        m.serialize_entry("counts", &r.counts)?;
        m.serialize_entry("miti", &thresholds)?;
        m.serialize_entry("trust", &r.trust)?;
        m.serialize_entry("speech_counted", &r.speech_counted)?;
        m.serialize_entry("mean_response_ms", &r.mean_response_ms)?;
        m.serialize_entry("decisions", &decisions)?;
        m.end()
    }
}
