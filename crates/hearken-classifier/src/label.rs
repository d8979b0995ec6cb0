//! Puts the rules together into one answer's labels (docs/classifier.md, "Decision rules").

use crate::question::Form;
use crate::text::{Answer, Context};
use crate::{Classification, Question, Reflection};
use crate::{affirming, question, reflection, roadblocks, safety, story};

/// Every skill code, in the canonical order of the skill vocabulary.
pub const SKILL_ORDER: [&str; 28] = [
    "reflection",
    "complex-reflection",
    "summary",
    "open-question",
    "closed-question",
    "why-question",
    "validation",
    "affirmation",
    "attentive-silence",
    "asking-permission",
    "self-disclosure",
    "repair",
    "safety-question",
    "connecting-support",
    "boundary-holding",
    "advice",
    "minimizing",
    "judgment",
    "topic-change",
    "hijacking",
    "formal-language",
    "interrupting",
    "diagnosing",
    "avoidance",
    "rushing",
    "boundary-crossing",
    "false-promise",
    "leaving-at-risk",
];

/// Every phrase list, so the vocabulary knows their words (typos of them get corrected).
pub(crate) const ALL_PHRASES: &[&[&[&str]]] = &[
    roadblocks::PHRASES,
    affirming::PHRASES,
    reflection::PHRASES,
    safety::PHRASES,
    story::PHRASES,
    &[question::OPEN_REQUESTS],
];

/// The first cue heard for each skill code.
#[derive(Default)]
struct Heard {
    cues: [Option<String>; SKILL_ORDER.len()],
}

impl Heard {
    fn add(&mut self, code: &'static str, cue: Option<String>) {
        if let (Some(i), Some(cue)) = (SKILL_ORDER.iter().position(|c| *c == code), cue) {
            self.cues[i].get_or_insert(cue);
        }
    }

    fn has(&self, code: &str) -> bool {
        SKILL_ORDER.iter().position(|c| *c == code).is_some_and(|i| self.cues[i].is_some())
    }
}

pub(crate) fn label(answer: &Answer, context: &Context) -> Classification {
    let mut heard = Heard::default();
    let mut reflection = Reflection::None;
    let mut reflection_cue = None;
    let mut summary = None;
    let (mut open, mut closed) = (false, false);
    let mut safety_topic = None;
    let mut asked = false;
    for s in &answer.sentences {
        let form = question::form(s);
        let topic = safety::topic(s, context);
        let asks = form.is_question() || form == Form::Rising || safety::announces_question(s);
        asked |= asks;
        if topic.is_some() && safety_topic.is_none() {
            safety_topic = topic;
        }
        let advice = if topic.is_some() && asks { None } else { roadblocks::advice(s) };
        // Inside a reflective frame, the peer's own view is reported, not endorsed.
        let framed = reflection::framed(s);
        let minimizing = roadblocks::minimizing(s).filter(|_| !framed && !form.is_question());
        let judgment = roadblocks::judgment(s, context).filter(|_| !framed);
        let validation = affirming::validation(s);
        let diagnosing = roadblocks::diagnosing(s, context);
        let promise = roadblocks::false_promise(s);
        let formal = roadblocks::formal(s, context);
        let permission = affirming::asking_permission(s).filter(|_| asks || s.has("if"));
        let affirmation = if minimizing.is_some() || form.is_question() { None } else { affirming::affirmation(s) };
        let roadblock = advice.is_some()
            || minimizing.is_some()
            || judgment.is_some()
            || diagnosing.is_some()
            || promise.is_some()
            || formal.is_some();
        let reflects = match form {
            Form::Statement | Form::Rising if !roadblock && permission.is_none() => {
                let also = reflection::Also { validating: validation.is_some(), affirming: affirmation.is_some() };
                reflection::reflect(s, context, also)
            }
            _ => None,
        };
        if let Some((kind, cue)) = reflects {
            let cue = if form == Form::Rising {
                format!("{cue}; worded as a statement, so the '?' keeps it a reflection")
            } else {
                cue
            };
            if kind > reflection {
                reflection = kind;
                reflection_cue = Some(cue);
            }
            summary = summary.or_else(|| reflection::summary(s, context));
        } else {
            match &form {
                Form::Open(cue) => {
                    open = true;
                    heard.add("open-question", Some(cue.clone()));
                }
                Form::Why(cue) => {
                    open = true;
                    heard.add("why-question", Some(cue.clone()));
                }
                Form::Closed(cue) => {
                    closed = true;
                    if permission.is_none() {
                        heard.add("closed-question", Some(cue.clone()));
                    }
                }
                Form::Rising => {
                    closed = true;
                    if permission.is_none() {
                        let cue = if question::has_tag(s) {
                            "a statement with a tag ('…, right?') asks for a yes or no"
                        } else {
                            "ends with '?': a check that invites a yes or no"
                        };
                        heard.add("closed-question", Some(cue.into()));
                    }
                }
                Form::Statement => {}
            }
        }
        heard.add("asking-permission", permission);
        heard.add("validation", validation);
        heard.add("affirmation", affirmation);
        heard.add("advice", advice);
        heard.add("minimizing", minimizing);
        heard.add("judgment", judgment);
        heard.add("diagnosing", diagnosing);
        heard.add("false-promise", promise);
        heard.add("formal-language", formal);
        heard.add("topic-change", roadblocks::topic_change(s));
        heard.add("connecting-support", safety::connects(s));
    }
    if let (Some(topic), true) = (safety_topic, asked) {
        heard.add("safety-question", Some(format!("asks directly about safety ('{topic}')")));
    }
    if let Some((code, cue)) = story::own_story(&answer.sentences) {
        heard.add(code, Some(cue));
    }
    match (reflection, summary) {
        (Reflection::None, _) => {}
        (_, Some(cue)) => heard.add("summary", Some(cue)),
        (Reflection::Simple, None) => heard.add("reflection", reflection_cue),
        (Reflection::Complex, None) => heard.add("complex-reflection", reflection_cue),
    }
    let question = if open {
        Question::Open
    } else if closed {
        Question::Closed
    } else {
        Question::None
    };
    finish(heard, reflection, question)
}

fn finish(heard: Heard, reflection: Reflection, question: Question) -> Classification {
    let mut skills = Vec::new();
    let mut cues = Vec::new();
    let any_question = heard.has("open-question") || heard.has("closed-question") || heard.has("why-question");
    for (code, cue) in SKILL_ORDER.iter().zip(heard.cues) {
        if let Some(cue) = cue {
            skills.push(*code);
            cues.push(cue);
        }
    }
    if skills.is_empty() && question == Question::None && !any_question {
        cues.push("heard no reflection, question or other listening skill".to_owned());
    }
    Classification { reflection, question, skills, cues, recognised: true }
}
