//! The report at the end of a session: the data behind the report screen, the headless
//! transcript and `play --json` (docs/command-line.md).

use super::transcript::{Line, commit_turn};
use super::{Phase, Session};
use crate::rubric::{Band, Counts, Mark, Points, Quality, Rubric, Scores, Skill};
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
    /// Met or not yet, with the reasons (docs/scoring.md).
    pub result: SessionResult,
    /// The critical moments reached, in the order they were reached.
    pub critical: Vec<CriticalMoment>,
    pub pass_score: u8,
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
    /// The same node, as the scenario's index of it.
    pub node_id: crate::scenario::NodeId,
    /// 1-based, file order.
    pub option: usize,
    pub text: String,
    pub skills: Vec<Skill>,
    pub feedback: String,
    pub interrupted: bool,
    pub earned: Points,
    pub available: Points,
    /// Decision quality q, exact (docs/scoring.md).
    pub quality: Quality,
    pub mark: Mark,
    /// The option this choice was measured against (1-based): itself when it was among the best.
    pub best_option: usize,
    /// The author's text when this decision was a critical moment, and whether it was handled.
    pub critical: Option<(String, bool)>,
    /// The better option, when the chosen one was not among the best.
    pub better: Option<Alternative>,
    pub response_ms: Option<u64>,
    pub hint_used: bool,
    pub trust_after: i32,
    /// The options in the order they were shown (1-based file numbers): with `--seed`, the
    /// order the trainee saw them in. Feedback names options by their place in this order.
    pub shown: Vec<usize>,
    /// The options on show when the choice was made (1-based file numbers, in the order shown):
    /// the start of `shown`, all of it unless the trainee cut in before the rest appeared.
    pub offered: Vec<usize>,
    /// When the trainee typed their answer: what they wrote, what was heard, the match.
    pub typed: Option<TypedReport>,
}

/// A typed decision in the report (docs/typed-answers.md): `option` is the matched option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedReport {
    pub text: String,
    pub heard: crate::typed::Heard,
    /// Hearken's own match (1-based), which the trainee may have corrected.
    pub suggested: usize,
    pub loose: bool,
    pub corrected: bool,
    /// The best option at the decision (the first in file order when several tie).
    pub best: Alternative,
}

/// The result of a session: met, or not yet with each reason in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionResult {
    pub met: bool,
    pub reasons: Vec<String>,
}

/// A critical moment reached (docs/scoring.md): handled when a best option was given there without
/// interrupting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CriticalMoment {
    pub node: String,
    pub text: String,
    pub handled: bool,
    /// Which decision (0-based) it was.
    pub decision: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alternative {
    pub option: usize,
    pub text: String,
    pub skills: Vec<Skill>,
    pub feedback: String,
}

/// The reason a session left before an ending is not met.
pub const LEFT_BEFORE_ENDING: &str = "the conversation was left before an ending";

/// Handled: a best option, given without interrupting (docs/scoring.md). A typed answer heard as
/// less than the best option in some respect still handles the moment when, on safety and
/// boundaries, it is heard doing all that the best option does there (asking directly,
/// connecting to support, holding the boundary): that one thing is what such a moment is about,
/// and "Are you thinking about killing yourself?" must not miss it for lacking a reflection
/// (docs/typed-answers.md).
fn handled(d: &super::Decision, replies: &[crate::scenario::Reply], table: &crate::rubric::RubricTable) -> bool {
    if d.interrupted {
        return false;
    }
    if d.score.was_best() {
        return true;
    }
    let Some(t) = &d.typed else { return false };
    let safety = |skills: &[crate::rubric::Skill]| table.points(skills).get(crate::rubric::Rubric::SafetyBoundaries);
    let wanted = safety(&replies[d.score.reference].skills);
    wanted > 0 && safety(&t.heard.skills) >= wanted
}

impl SessionResult {
    /// Met when the conversation reached an ending that is not poor, the overall score is at
    /// least the pass score, and every critical moment reached was handled (docs/scoring.md).
    pub fn of(ending: Option<EndingKind>, overall: Option<u8>, pass: u8, critical: &[CriticalMoment]) -> SessionResult {
        let mut reasons = Vec::new();
        match ending {
            None => reasons.push(LEFT_BEFORE_ENDING.to_string()),
            Some(EndingKind::Poor) => reasons.push("the conversation reached a poor ending".to_string()),
            Some(_) => {}
        }
        for c in critical.iter().filter(|c| !c.handled) {
            reasons.push(format!("missed a critical moment: {}", c.text));
        }
        match overall {
            Some(o) if o >= pass => {}
            Some(o) => reasons.push(format!("the overall score, {o}, is below the pass score of {pass}")),
            None => reasons.push("no decision was scored".to_string()),
        }
        SessionResult { met: reasons.is_empty(), reasons }
    }
}

impl Report {
    pub(super) fn build(s: &Session, now: u64) -> Report {
        let scenario = &s.scenario;
        let mut transcript = s.transcript.clone();
        // The turn under way: all of it at an ending; as far as it got if the session was left.
        let cut = (s.phase != Phase::Ended && s.turn.is_speaking(now)).then_some(now);
        if s.phase != Phase::Answered {
            commit_turn(&mut transcript, &s.turn, cut);
        }
        let decisions: Vec<DecisionReport> = s
            .decisions
            .iter()
            .map(|d| {
                let replies = scenario.node(d.node).replies();
                let chosen = &replies[d.chosen];
                let reference = &replies[d.score.reference];
                let critical = scenario.node(d.node).critical.clone().map(|text| (text, handled(d, replies, &s.table)));
                DecisionReport {
                    node: scenario.node(d.node).id.clone(),
                    node_id: d.node,
                    option: d.chosen + 1,
                    text: chosen.text.clone(),
                    skills: chosen.skills.clone(),
                    feedback: chosen.feedback.clone(),
                    interrupted: d.interrupted,
                    earned: d.score.earned,
                    available: d.score.available,
                    quality: d.score.quality,
                    mark: d.score.mark,
                    critical,
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
                    shown: d.shown.iter().map(|i| i + 1).collect(),
                    offered: d.shown.iter().take(d.visible).map(|i| i + 1).collect(),
                    typed: d.typed.as_ref().map(|t| TypedReport {
                        text: t.text.clone(),
                        heard: t.heard.clone(),
                        suggested: t.suggested + 1,
                        loose: t.loose,
                        corrected: t.corrected,
                        best: Alternative {
                            option: d.score.reference + 1,
                            text: reference.text.clone(),
                            skills: reference.skills.clone(),
                            feedback: reference.feedback.clone(),
                        },
                    }),
                }
            })
            .collect();
        let scores = Scores::from_decisions(&s.decisions.iter().map(|d| d.score.clone()).collect::<Vec<_>>());
        let times: Vec<u64> = s.decisions.iter().filter_map(|d| d.response_ms).collect();
        let ending = s.ending();
        let critical: Vec<CriticalMoment> = decisions
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let (text, handled) = d.critical.clone()?;
                Some(CriticalMoment { node: d.node.clone(), text, handled, decision: i })
            })
            .collect();
        let pass_score = s.table.pass_score;
        let result = SessionResult::of(ending.map(|e| e.0), scores.overall, pass_score, &critical);
        Report {
            scenario: scenario.id.clone(),
            title: scenario.title.clone(),
            peer: scenario.peer.name.clone(),
            content_hash: scenario.content_hash().to_string(),
            seed: s.options.seed,
            finished: s.is_over(),
            ending: ending.map(|_| s.node().id.clone()),
            ending_kind: ending.map(|e| e.0),
            outcome: ending.map(|e| e.1.to_string()),
            band: scores.overall.map(Band::of),
            scores,
            result,
            critical,
            pass_score,
            counts: s.counts(),
            trust: s.trust,
            speech_counted: s.options.animate,
            decisions,
            transcript,
            // Rounded half up, like the scores.
            mean_response_ms: (!times.is_empty())
                .then(|| (times.iter().sum::<u64>() + times.len() as u64 / 2) / times.len() as u64),
        }
    }

    /// The JSON object of docs/command-line.md (keys stable; extra keys may be added).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(JsonReport::of(self)).expect("a report always serialises")
    }

    /// `play --json`: the same object on one line, its keys in the order docs/command-line.md lists them.
    pub fn to_json_string(&self) -> String {
        serde_json::to_string(&JsonReport::of(self)).expect("a report always serialises")
    }
}

/// Points keyed by rubric, the zeros left out, in the rubrics' fixed order.
struct RubricMap(Points);

impl Serialize for RubricMap {
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

// The JSON shape, field order as in docs/command-line.md first, then the keys added since.
#[derive(Serialize)]
struct JsonReport<'a> {
    scenario: &'a str,
    seed: u64,
    ending: &'a Option<String>,
    ending_kind: &'a Option<EndingKind>,
    scores: JsonScores,
    band: &'a Option<Band>,
    result: JsonResult<'a>,
    critical: Vec<JsonCritical<'a>>,
    counts: &'a Counts,
    trust: i32,
    decisions: Vec<JsonDecision<'a>>,
    finished: bool,
    outcome: &'a Option<String>,
    pass_score: u8,
    miti: Vec<JsonThreshold>,
    speech_counted: bool,
    mean_response_ms: Option<u64>,
}

#[derive(Serialize)]
struct JsonResult<'a> {
    met: bool,
    reasons: &'a [String],
}

#[derive(Serialize)]
struct JsonCritical<'a> {
    node: &'a str,
    handled: bool,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonScores {
    reflective_listening: Option<u8>,
    open_questions: Option<u8>,
    non_interruption: Option<u8>,
    validation: Option<u8>,
    safety_boundaries: Option<u8>,
    overall: Option<u8>,
}

#[derive(Serialize)]
struct JsonDecision<'a> {
    node: &'a str,
    option: usize,
    skills: &'a [Skill],
    interrupted: bool,
    earned: RubricMap,
    available: RubricMap,
    quality: Quality,
    mark: Mark,
    best_option: usize,
    text: &'a str,
    shown: &'a [usize],
    offered: &'a [usize],
    response_ms: Option<u64>,
    hint_used: bool,
    trust: i32,
    // Typed answers (docs/command-line.md): only on typed decisions.
    #[serde(skip_serializing_if = "Option::is_none")]
    typed: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    heard: Option<&'a [Skill]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cues: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    matched: Option<usize>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    loose: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    corrected: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggested: Option<usize>,
}

#[derive(Serialize)]
struct JsonThreshold {
    measure: &'static str,
    value: Option<f64>,
    fair: f64,
    good: f64,
    level: crate::rubric::score::Level,
}

impl<'a> JsonReport<'a> {
    fn of(r: &'a Report) -> JsonReport<'a> {
        let sc = |rubric| r.scores.get(rubric);
        JsonReport {
            scenario: &r.scenario,
            seed: r.seed,
            ending: &r.ending,
            ending_kind: &r.ending_kind,
            scores: JsonScores {
                reflective_listening: sc(Rubric::ReflectiveListening),
                open_questions: sc(Rubric::OpenQuestions),
                non_interruption: sc(Rubric::NonInterruption),
                validation: sc(Rubric::Validation),
                safety_boundaries: sc(Rubric::SafetyBoundaries),
                overall: r.scores.overall,
            },
            band: &r.band,
            result: JsonResult { met: r.result.met, reasons: &r.result.reasons },
            critical: r
                .critical
                .iter()
                .map(|c| JsonCritical { node: &c.node, handled: c.handled, text: &c.text })
                .collect(),
            counts: &r.counts,
            trust: r.trust,
            decisions: r
                .decisions
                .iter()
                .map(|d| JsonDecision {
                    node: &d.node,
                    option: d.option,
                    skills: &d.skills,
                    interrupted: d.interrupted,
                    earned: RubricMap(d.earned),
                    available: RubricMap(d.available),
                    quality: d.quality,
                    mark: d.mark,
                    best_option: d.best_option,
                    text: &d.text,
                    shown: &d.shown,
                    offered: &d.offered,
                    response_ms: d.response_ms,
                    hint_used: d.hint_used,
                    trust: d.trust_after,
                    typed: d.typed.as_ref().map(|t| t.text.as_str()),
                    heard: d.typed.as_ref().map(|t| t.heard.skills.as_slice()),
                    cues: d.typed.as_ref().map(|t| t.heard.cues.as_slice()),
                    matched: d.typed.as_ref().map(|_| d.option),
                    loose: d.typed.as_ref().is_some_and(|t| t.loose),
                    corrected: d.typed.as_ref().is_some_and(|t| t.corrected),
                    suggested: d.typed.as_ref().filter(|t| t.corrected).map(|t| t.suggested),
                })
                .collect(),
            finished: r.finished,
            outcome: &r.outcome,
            pass_score: r.pass_score,
            miti: r
                .counts
                .thresholds()
                .iter()
                .map(|t| JsonThreshold {
                    measure: t.name,
                    // One decimal is all the thresholds need, and it keeps the output stable.
                    value: t.value.map(|v| (v * 10.0).round() / 10.0),
                    fair: t.fair,
                    good: t.good,
                    level: t.level(),
                })
                .collect(),
            speech_counted: r.speech_counted,
            mean_response_ms: r.mean_response_ms,
        }
    }
}
