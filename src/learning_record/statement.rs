//! xAPI statements for one session, built from plain facts (docs/learning-records.md lists every
//! verb, activity type and extension used here). Pure: no clock, no database, no network. The
//! same facts always give the same bytes, so a statement rebuilt or re-sent is identical.
//!
//! The types are our own (no xAPI crate): only the properties Hearken sends, in xAPI 1.0.3's
//! names, valid under 2.0.0 too.

use super::config::Profile;
use serde::Serialize;
use std::collections::BTreeMap;
use uuid::Uuid;

/// The ADL verbs (xAPI vocabulary registry).
pub mod verb {
    pub const INITIALIZED: &str = "http://adlnet.gov/expapi/verbs/initialized";
    pub const RESPONDED: &str = "http://adlnet.gov/expapi/verbs/responded";
    pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
    pub const PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
    pub const FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
    pub const TERMINATED: &str = "http://adlnet.gov/expapi/verbs/terminated";
}

/// The ADL activity types.
pub mod activity_type {
    pub const SIMULATION: &str = "http://adlnet.gov/expapi/activities/simulation";
    pub const INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";
}

/// Hearken's extension keys. Fixed whatever `activity_base` is, so one dashboard reads every
/// organisation's records.
pub mod ext {
    /// Context, every statement: the scenario file's content hash.
    pub const CONTENT_HASH: &str = "urn:hearken:ext:content-hash";
    /// Context, every statement: "choose" or "type".
    pub const MODE: &str = "urn:hearken:ext:mode";
    /// Context, every statement: the seed that ordered the options.
    pub const SEED: &str = "urn:hearken:ext:seed";
    /// Context, every statement of a replay: the registration of the session it replays.
    pub const REPLAY_OF: &str = "urn:hearken:ext:replay-of";
    /// Result of `responded`: the chosen (or matched) option's skill codes.
    pub const SKILLS: &str = "urn:hearken:ext:skills";
    /// Result of `responded`: true when the trainee cut in while the peer was speaking.
    pub const INTERRUPTED: &str = "urn:hearken:ext:interrupted";
    /// Result of `responded`: true when the trainee asked for the hint first.
    pub const HINT_USED: &str = "urn:hearken:ext:hint-used";
    /// Result of `responded`: the option the choice was measured against (its choice id).
    pub const BEST_OPTION: &str = "urn:hearken:ext:best-option";
    /// Result of `responded`, type mode: the skill codes heard in the typed answer.
    pub const HEARD_SKILLS: &str = "urn:hearken:ext:heard-skills";
    /// Result of `responded`, type mode, only with `include_typed_text = true`: the words typed.
    pub const TYPED_TEXT: &str = "urn:hearken:ext:typed-text";
    /// Result of `responded`: the decision's quality q as an exact fraction ("1/2").
    pub const QUALITY: &str = "urn:hearken:ext:quality";
    /// Result of `responded`: "best", "helpful" or "harmful" (docs/scoring.md).
    pub const MARK: &str = "urn:hearken:ext:mark";
    /// Result of `completed`: one per rubric, its score 0–100; absent = not assessed.
    pub const RUBRIC_PREFIX: &str = "urn:hearken:ext:rubric:";
    /// Result of `completed`: the overall band (Beginning, Developing, Proficient, Exemplary).
    pub const BAND: &str = "urn:hearken:ext:band";
    /// Result of `completed`: the ending node's id, and its kind (good, mixed, poor).
    pub const ENDING: &str = "urn:hearken:ext:ending";
    pub const ENDING_KIND: &str = "urn:hearken:ext:ending-kind";
    /// Result of `completed` and `terminated`: how many decisions were made.
    pub const DECISIONS: &str = "urn:hearken:ext:decisions";
    /// Result of `completed`: rapport at the end, -5..=5.
    pub const TRUST: &str = "urn:hearken:ext:trust";
    /// Result of `passed`/`failed`: why the result is "not yet" (empty when met).
    pub const REASONS: &str = "urn:hearken:ext:reasons";
    /// Result of `passed`/`failed`: the critical moments reached, `[{"node", "handled"}]`.
    pub const CRITICAL: &str = "urn:hearken:ext:critical";
}

/// Statement text uses this language for every language map.
pub const LANGUAGE: &str = "en-US";

/// What is known about a session from its start.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionFacts {
    /// The session's UUID: `context.registration`, and the namespace of its statement ids.
    pub registration: Uuid,
    pub scenario: String,
    /// The scenario's title; its id when unknown (a session rebuilt from history whose file is gone).
    pub title: String,
    pub content_hash: String,
    pub seed: u64,
    pub typed: bool,
    pub replay_of: Option<Uuid>,
    /// Unix seconds.
    pub started_at: i64,
}

/// One option offered at a decision: `choices` in the interaction's definition.
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceFacts {
    /// 1-based, file order: the choice's id.
    pub option: usize,
    pub text: String,
}

/// One decision.
#[derive(Clone, Debug, PartialEq)]
pub struct DecisionFacts {
    /// 1-based position in the session.
    pub ordinal: usize,
    pub node: String,
    /// The option chosen (in type mode, the matched one), 1-based file order.
    pub option: usize,
    /// Empty when unknown (rebuilt from history, whose rows do not keep option wording).
    pub choices: Vec<ChoiceFacts>,
    pub skills: Vec<String>,
    pub interrupted: bool,
    pub hint_used: bool,
    pub response_ms: Option<u64>,
    pub best_option: usize,
    /// Whether the choice was among the best.
    pub was_best: bool,
    /// Type mode: the words typed and the skills heard in them.
    pub typed_text: Option<String>,
    pub heard: Option<Vec<String>>,
    /// Scoring model 2: the exact fraction q and the mark.
    pub quality: Option<String>,
    pub mark: Option<String>,
    /// Unix seconds.
    pub decided_at: i64,
}

/// A critical moment reached.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CriticalFacts {
    pub node: String,
    pub handled: bool,
}

/// The session's result (docs/scoring.md): met, or not yet with reasons.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultFacts {
    pub met: bool,
    pub reasons: Vec<String>,
}

/// How a session ended.
#[derive(Clone, Debug, PartialEq)]
pub struct EndFacts {
    /// False: left before an ending (`terminated`).
    pub finished: bool,
    /// Unix seconds.
    pub ended_at: i64,
    pub ending: Option<String>,
    pub ending_kind: Option<String>,
    /// (rubric key, score): every rubric, `None` when not assessed.
    pub rubrics: Vec<(String, Option<u8>)>,
    pub overall: Option<u8>,
    pub band: Option<String>,
    pub result: Option<ResultFacts>,
    pub critical: Vec<CriticalFacts>,
    pub trust: i32,
    pub decisions: usize,
}

/// One statement: its id and its exact JSON text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    pub id: Uuid,
    /// The event it records, as in the id's name ("initialized", "responded/3", ...).
    pub event: String,
    pub json: String,
}

/// The id of a session's statement for `event`: a UUID v5 in the session's namespace, so the
/// same event of the same session always has the same id, on any machine.
pub fn statement_id(registration: &Uuid, event: &str) -> Uuid {
    Uuid::new_v5(registration, event.as_bytes())
}

pub fn initialized(p: &Profile, s: &SessionFacts) -> Built {
    let st = Statement {
        object: scenario_activity(p, s),
        result: None,
        context: context(p, s, true),
        ..base(p, s, "initialized", verb::INITIALIZED, "initialized", s.started_at)
    };
    finish(st)
}

pub fn responded(p: &Profile, s: &SessionFacts, d: &DecisionFacts) -> Built {
    let mut extensions = BTreeMap::new();
    extensions.insert(ext::SKILLS.to_string(), serde_json::json!(d.skills));
    extensions.insert(ext::INTERRUPTED.to_string(), d.interrupted.into());
    extensions.insert(ext::HINT_USED.to_string(), d.hint_used.into());
    extensions.insert(ext::BEST_OPTION.to_string(), d.best_option.to_string().into());
    if let Some(heard) = &d.heard {
        extensions.insert(ext::HEARD_SKILLS.to_string(), serde_json::json!(heard));
    }
    if p.include_typed_text
        && let Some(t) = &d.typed_text
    {
        extensions.insert(ext::TYPED_TEXT.to_string(), t.clone().into());
    }
    if let Some(q) = &d.quality {
        extensions.insert(ext::QUALITY.to_string(), q.clone().into());
    }
    if let Some(m) = &d.mark {
        extensions.insert(ext::MARK.to_string(), m.clone().into());
    }
    let choices = (!d.choices.is_empty()).then(|| {
        d.choices.iter().map(|c| Component { id: c.option.to_string(), description: lang(&c.text) }).collect()
    });
    let object = Activity {
        object_type: "Activity",
        id: decision_iri(p, s, &d.node),
        definition: Some(Definition {
            name: Some(lang(&format!("{}: {}", s.title, d.node))),
            kind: activity_type::INTERACTION,
            interaction_type: Some("choice"),
            choices,
        }),
    };
    let mut context = context(p, s, false);
    context.context_activities = Some(ContextActivities { parent: vec![scenario_activity(p, s)] });
    let st = Statement {
        object,
        result: Some(ResultObj {
            response: Some(d.option.to_string()),
            success: Some(d.was_best),
            duration: d.response_ms.map(duration_ms),
            extensions: Some(extensions),
            ..ResultObj::default()
        }),
        context,
        ..base(p, s, &format!("responded/{}", d.ordinal), verb::RESPONDED, "responded", d.decided_at)
    };
    finish(st)
}

/// `completed` and `passed`/`failed` at an ending; `terminated` for a session left before one.
/// One extension per rubric that was assessed. Not assessed: left out (docs/learning-records.md),
/// so a chart never reads it as 0.
fn rubric_extensions(e: &EndFacts) -> BTreeMap<String, serde_json::Value> {
    let mut extensions = BTreeMap::new();
    for (key, value) in &e.rubrics {
        if let Some(v) = value {
            extensions.insert(format!("{}{key}", ext::RUBRIC_PREFIX), (*v).into());
        }
    }
    extensions
}

pub fn ended(p: &Profile, s: &SessionFacts, e: &EndFacts) -> Vec<Built> {
    let duration = Some(duration_ms(((e.ended_at - s.started_at).max(0) as u64).saturating_mul(1000)));
    let score = e.overall.map(|o| Score { scaled: f64::from(o) / 100.0, raw: o, min: 0, max: 100 });
    if !e.finished {
        // What the decisions made so far earned, and the critical moments reached: a supervisor
        // must see a missed safety moment in a session that was left early, too.
        let mut extensions = rubric_extensions(e);
        extensions.insert(ext::DECISIONS.to_string(), e.decisions.into());
        extensions.insert(ext::CRITICAL.to_string(), serde_json::json!(e.critical));
        let st = Statement {
            object: scenario_activity(p, s),
            result: Some(ResultObj {
                score,
                completion: Some(false),
                duration,
                extensions: Some(extensions),
                ..ResultObj::default()
            }),
            context: context(p, s, true),
            ..base(p, s, "terminated", verb::TERMINATED, "terminated", e.ended_at)
        };
        return vec![finish(st)];
    }
    let mut extensions = rubric_extensions(e);
    if let Some(b) = &e.band {
        extensions.insert(ext::BAND.to_string(), b.clone().into());
    }
    if let Some(x) = &e.ending {
        extensions.insert(ext::ENDING.to_string(), x.clone().into());
    }
    if let Some(x) = &e.ending_kind {
        extensions.insert(ext::ENDING_KIND.to_string(), x.clone().into());
    }
    extensions.insert(ext::DECISIONS.to_string(), e.decisions.into());
    extensions.insert(ext::TRUST.to_string(), e.trust.into());
    let completed = Statement {
        object: scenario_activity(p, s),
        result: Some(ResultObj {
            score: score.clone(),
            completion: Some(true),
            duration: duration.clone(),
            extensions: Some(extensions),
            ..ResultObj::default()
        }),
        context: context(p, s, true),
        ..base(p, s, "completed", verb::COMPLETED, "completed", e.ended_at)
    };
    let mut out = vec![finish(completed)];
    if let Some(r) = &e.result {
        let mut extensions = BTreeMap::new();
        extensions.insert(ext::REASONS.to_string(), serde_json::json!(r.reasons));
        extensions.insert(ext::CRITICAL.to_string(), serde_json::json!(e.critical));
        let (event, iri, word) =
            if r.met { ("passed", verb::PASSED, "passed") } else { ("failed", verb::FAILED, "failed") };
        let st = Statement {
            object: scenario_activity(p, s),
            result: Some(ResultObj {
                score,
                success: Some(r.met),
                completion: Some(true),
                duration,
                extensions: Some(extensions),
                ..ResultObj::default()
            }),
            context: context(p, s, true),
            ..base(p, s, event, iri, word, e.ended_at)
        };
        out.push(finish(st));
    }
    out
}

/// `activity_base` + `scenario:` + id.
pub fn scenario_iri(p: &Profile, scenario: &str) -> String {
    format!("{}scenario:{}", p.activity_base, iri_segment(scenario))
}

fn decision_iri(p: &Profile, s: &SessionFacts, node: &str) -> String {
    format!("{}/node/{}", scenario_iri(p, &s.scenario), iri_segment(node))
}

/// Percent-encodes what may not stand in an IRI path segment. Scenario and node ids are
/// kebab-case, so this changes nothing in practice; it keeps any id a valid IRI all the same.
fn iri_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~') || (!c.is_ascii() && !c.is_control()) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// ISO 8601 duration to the hundredth of a second (xAPI's precision): `PT1H2M3.5S`.
pub fn duration_ms(ms: u64) -> String {
    let centis = (ms + 5) / 10;
    let (h, rest) = (centis / 360_000, centis % 360_000);
    let (m, c) = (rest / 6000, rest % 6000);
    let mut out = String::from("PT");
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if m > 0 {
        out.push_str(&format!("{m}M"));
    }
    if c > 0 || (h == 0 && m == 0) {
        let (s, frac) = (c / 100, c % 100);
        if frac == 0 {
            out.push_str(&format!("{s}S"));
        } else if frac % 10 == 0 {
            out.push_str(&format!("{s}.{}S", frac / 10));
        } else {
            out.push_str(&format!("{s}.{frac:02}S"));
        }
    }
    out
}

/// RFC 3339 in UTC: `2025-05-28T14:02:11Z`.
pub fn timestamp(unix: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp(unix).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    t.format(&time::format_description::well_known::Rfc3339).expect("a UTC time always formats")
}

fn lang(text: &str) -> BTreeMap<&'static str, String> {
    BTreeMap::from([(LANGUAGE, text.to_string())])
}

fn base(p: &Profile, s: &SessionFacts, event: &str, verb: &'static str, word: &str, at: i64) -> Statement {
    Statement {
        id: statement_id(&s.registration, event).to_string(),
        actor: Actor {
            object_type: "Agent",
            account: Account { home_page: p.learner.homepage.clone(), name: p.learner.name.clone() },
        },
        verb: Verb { id: verb, display: lang(word) },
        object: scenario_activity(p, s),
        result: None,
        context: context(p, s, true),
        timestamp: timestamp(at),
        event: event.to_string(),
    }
}

fn scenario_activity(p: &Profile, s: &SessionFacts) -> Activity {
    Activity {
        object_type: "Activity",
        id: scenario_iri(p, &s.scenario),
        definition: Some(Definition {
            name: Some(lang(&s.title)),
            kind: activity_type::SIMULATION,
            interaction_type: None,
            choices: None,
        }),
    }
}

fn context(_p: &Profile, s: &SessionFacts, object_is_scenario: bool) -> Context {
    let mut extensions = BTreeMap::new();
    extensions.insert(ext::CONTENT_HASH.to_string(), s.content_hash.clone().into());
    extensions.insert(ext::MODE.to_string(), (if s.typed { "type" } else { "choose" }).into());
    extensions.insert(ext::SEED.to_string(), s.seed.into());
    if let Some(r) = &s.replay_of {
        extensions.insert(ext::REPLAY_OF.to_string(), r.to_string().into());
    }
    Context {
        registration: s.registration.to_string(),
        revision: object_is_scenario.then(|| s.content_hash.clone()),
        platform: "Hearken",
        language: LANGUAGE,
        context_activities: None,
        extensions,
    }
}

fn finish(st: Statement) -> Built {
    let json = serde_json::to_string(&st).expect("a statement always serialises");
    Built { id: Uuid::parse_str(&st.id).expect("made from a Uuid"), event: st.event, json }
}

#[derive(Serialize)]
struct Statement {
    id: String,
    actor: Actor,
    verb: Verb,
    object: Activity,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<ResultObj>,
    context: Context,
    timestamp: String,
    #[serde(skip)]
    event: String,
}

#[derive(Serialize)]
struct Actor {
    #[serde(rename = "objectType")]
    object_type: &'static str,
    account: Account,
}

#[derive(Serialize)]
struct Account {
    #[serde(rename = "homePage")]
    home_page: String,
    name: String,
}

#[derive(Serialize)]
struct Verb {
    id: &'static str,
    display: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
struct Activity {
    #[serde(rename = "objectType")]
    object_type: &'static str,
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    definition: Option<Definition>,
}

#[derive(Serialize)]
struct Definition {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<BTreeMap<&'static str, String>>,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "interactionType", skip_serializing_if = "Option::is_none")]
    interaction_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    choices: Option<Vec<Component>>,
}

#[derive(Serialize)]
struct Component {
    id: String,
    description: BTreeMap<&'static str, String>,
}

#[derive(Serialize, Default)]
struct ResultObj {
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<Score>,
    #[serde(skip_serializing_if = "Option::is_none")]
    success: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    completion: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extensions: Option<BTreeMap<String, serde_json::Value>>,
}

#[derive(Serialize, Clone)]
struct Score {
    scaled: f64,
    raw: u8,
    min: u8,
    max: u8,
}

#[derive(Serialize)]
struct Context {
    registration: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    revision: Option<String>,
    platform: &'static str,
    language: &'static str,
    #[serde(rename = "contextActivities", skip_serializing_if = "Option::is_none")]
    context_activities: Option<ContextActivities>,
    extensions: BTreeMap<String, serde_json::Value>,
}

#[derive(Serialize)]
struct ContextActivities {
    parent: Vec<Activity>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration_ms(0), "PT0S");
        assert_eq!(duration_ms(2_500), "PT2.5S");
        assert_eq!(duration_ms(2_345), "PT2.35S");
        assert_eq!(duration_ms(60_000), "PT1M");
        assert_eq!(duration_ms(3_723_000), "PT1H2M3S");
        assert_eq!(duration_ms(3_600_000), "PT1H");
    }

    #[test]
    fn timestamps_are_utc() {
        assert_eq!(timestamp(1_748_440_931), "2025-05-28T14:02:11Z");
    }

    #[test]
    fn ids_are_stable_and_differ_by_event() {
        let r = Uuid::parse_str("0b2c7e0e-5c5e-4c4e-9a2b-1c2d3e4f5a6b").unwrap();
        assert_eq!(statement_id(&r, "completed"), statement_id(&r, "completed"));
        assert_ne!(statement_id(&r, "responded/1"), statement_id(&r, "responded/2"));
        assert_eq!(statement_id(&r, "completed").get_version_num(), 5);
    }

    #[test]
    fn odd_ids_still_make_iris() {
        assert_eq!(iri_segment("back-after-relapse"), "back-after-relapse");
        assert_eq!(iri_segment("a b/c"), "a%20b%2Fc");
    }
}
