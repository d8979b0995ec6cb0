//! Asking directly about suicide, self-harm and safety (docs/classifier.md, "Safety
//! question"). Asking plainly does not put the idea in anyone's head; it is the skill.

use crate::text::{Context, Phrases, Sentence, find};

/// Words that name suicide, self-harm or danger whoever is speaking.
#[rustfmt::skip]
pub(crate) const TOPICS_LIST: &[&str] = &[
    "kill yourself", "killing yourself", "suicide", "suicidal", "end your life", "ending your life",
    "end your own life", "take your life", "take your own life", "taking your life", "thoughts of ending",
    "hurt yourself", "hurting yourself", "harm yourself", "harming yourself", "harming themselves",
    "hurting themselves", "killing themselves", "kill themselves", "self harm", "want to die", "wanting to die",
    "thoughts of dying", "wish you were dead", "better off dead", "not be here", "not want to be here",
    "not wanting to be here", "how you would do it", "how youd do it", "plan to end", "end it all", "are you safe",
    "you safe", "feel safe", "safe right now", "safe at home", "safe to", "safe going", "safe tonight", "safe where",
    "hurt you", "hurting you", "threatened to", "threatened you", "hit you",
];
pub(crate) static TOPICS: Phrases = Phrases::new(TOPICS_LIST);

/// Words that are a safety question only where the peer has talked about dying or harm.
#[rustfmt::skip]
const AT_RISK_TOPICS_LIST: &[&str] = &[
    "the pills", "take the pills", "anyone with you", "anybody with you", "someone with you", "anyone there with you",
    "a plan", "planning to", "planning on", "how many pills", "the gun", "do it tonight", "act on",
    "a gun", "any guns", "gun", "guns", "a weapon", "weapons", "firearm", "anything at home", "access to",
];
static AT_RISK_TOPICS: Phrases = Phrases::new(AT_RISK_TOPICS_LIST);

/// The peer's words that signal risk.
#[rustfmt::skip]
const PEER_RISK_LIST: &[&str] = &[
    "kill myself", "want to die", "wanna die", "better off without me", "the pills", "end it", "not be here",
    "point anymore", "driving my car into", "overdose", "cutting", "hurt myself", "suicide", "suicidal", "dead",
    "disappear", "thought about how", "how i would do it", "how id do it", "revolver", "gun",
];
static PEER_RISK: Phrases = Phrases::new(PEER_RISK_LIST);

pub(crate) fn peer_at_risk(words: &[String]) -> bool {
    PEER_RISK.find(words).is_some()
}

/// The safety topic a sentence names, if any.
pub(crate) fn topic(s: &Sentence, context: &Context) -> Option<&'static str> {
    if let Some((p, _)) = TOPICS.find(&s.words) {
        return Some(p);
    }
    if context.risk { AT_RISK_TOPICS.find(&s.words).map(|(p, _)| p) } else { None }
}

/// "I want to ask you directly…" introduces a question even without a question mark.
pub(crate) fn announces_question(s: &Sentence) -> bool {
    ["want to ask", "need to ask", "have to ask", "going to ask", "can i ask", "wanted to ask", "like to ask"]
        .iter()
        .any(|p| find(&s.words, p).is_some())
}

/// Connecting the person to support *with* them, not a referral handed over: a way of reaching
/// support, done together ("Can we call 988 together?", "Let's ring the line now, I'll stay").
pub(crate) fn connects(s: &Sentence) -> Option<String> {
    const REACH: &[&str] = &["call", "ring", "phone", "text", "dial", "contact"];
    const TOGETHER: &[&str] =
        &["together", "with you", "can we", "could we", "shall we", "lets", "let us", "we can", "we could"];
    const SUPPORT: &[&str] = &[
        "988",
        "911",
        "999",
        "111",
        "116 123",
        "line",
        "lifeline",
        "crisis",
        "samaritans",
        "helpline",
        "hotline",
        "doctor",
        "gp",
        "someone",
        "somebody",
        "counsellor",
        "counselor",
        "team",
        "supervisor",
        "support",
        "them",
    ];
    let reach = REACH.iter().find(|w| find(&s.words, w).is_some())?;
    let together = TOGETHER.iter().find(|w| find(&s.words, w).is_some())?;
    SUPPORT.iter().find(|w| find(&s.words, w).is_some())?;
    Some(format!("offers to {reach} for support together ('{together}')"))
}

pub(crate) const PHRASES: &[&[&str]] = &[TOPICS_LIST, AT_RISK_TOPICS_LIST, PEER_RISK_LIST];
