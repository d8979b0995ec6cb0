//! Offline, deterministic classifier of a trainee's typed peer-support answer.
//!
//! It hears reflections (none / simple / complex), questions (none / open / closed) and the skill
//! codes of the product's skill vocabulary, and says in plain words which cue it relied on. The
//! coding rules it implements are written for instructors in `docs/classifier.md`; every rule
//! here is a rule there.
//!
//! Everything is rules and small static word lists: no floating point, no hash-map iteration,
//! no I/O, so the same text and context give the same labels, byte for byte, on every machine.

mod affirming;
mod label;
mod lexicon;
mod normalize;
mod question;
mod recognise;
mod reflection;
mod roadblocks;
mod safety;
mod similarity;
mod story;
mod text;

pub use similarity::wording_similarity;

/// Longest accepted answer in characters. Peer-support answers are a sentence or three; a
/// thousand characters is several paragraphs, so anything longer is a paste, which callers cut
/// with a message (docs/classifier.md, "Limits").
pub const MAX_ANSWER_CHARS: usize = 1000;

/// Whether the answer says back what the peer said (MITI reflection), and how far it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reflection {
    None,
    /// Says back what the peer said, in their words or close to them.
    Simple,
    /// Adds meaning: names an unspoken feeling, a metaphor, both sides, what it means to them.
    Complex,
}

impl Reflection {
    pub fn as_str(self) -> &'static str {
        match self {
            Reflection::None => "none",
            Reflection::Simple => "simple",
            Reflection::Complex => "complex",
        }
    }
}

/// The grammatical kind of question asked, if any (MITI open / closed question).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Question {
    None,
    /// Invites a wide answer ("what", "how", "tell me more", and "why").
    Open,
    /// Invites yes/no or one fact ("do you", "are you", "how many", "when").
    Closed,
}

impl Question {
    pub fn as_str(self) -> &'static str {
        match self {
            Question::None => "none",
            Question::Open => "open",
            Question::Closed => "closed",
        }
    }
}

/// What Hearken heard in one typed answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    pub reflection: Reflection,
    pub question: Question,
    /// Skill codes in the canonical order of the skill vocabulary, each at most once.
    pub skills: Vec<&'static str>,
    /// Plain-words cues for trainees, one per label, in the order of `skills`.
    pub cues: Vec<String>,
    /// False when the text is not recognisable English peer-support talk; then `skills` is
    /// empty and the only cue says so.
    pub recognised: bool,
}

/// Labels a typed answer, given what the peer has said so far (lines, oldest first).
pub fn classify(text: &str, context: &[&str]) -> Classification {
    let context = text::Context::new(context);
    let answer = text::Answer::new(text, &context);
    if let Some(reason) = recognise::unrecognised(&answer, &context) {
        return Classification {
            reflection: Reflection::None,
            question: Question::None,
            skills: Vec::new(),
            cues: vec![reason.to_owned()],
            recognised: false,
        };
    }
    label::label(&answer, &context)
}

/// Every skill code in canonical order; `Classification::skills` follows it.
pub use label::SKILL_ORDER;
