//! Is a sentence a question, and what kind (docs/classifier.md, "Questions")? Word order
//! decides, so "what happened" is a question without its "?", and "You're exhausted?" is a
//! statement with a rising tone — a reflection, if it says back what the peer said.

use crate::lexicon;
use crate::text::Sentence;

/// The grammatical form of one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Form {
    Statement,
    /// Statement word order with a "?": a reflection if it reflects, else a yes/no check.
    Rising,
    Open(String),
    Closed(String),
    /// "Why…?", "How come…?": asks the peer to justify themselves.
    Why(String),
}

impl Form {
    pub(crate) fn is_question(&self) -> bool {
        matches!(self, Form::Open(_) | Form::Closed(_) | Form::Why(_))
    }
}

/// Requests for a wide answer that need no question mark.
#[rustfmt::skip]
pub(crate) const OPEN_REQUESTS: &[&str] = &[
    "tell me", "talk me through", "walk me through", "help me understand", "describe", "say more", "explain",
    "fill me in", "share more", "id like to hear", "id love to hear", "i would like to hear", "i would love to hear",
    "im curious about", "im curious what", "im curious how", "im wondering what", "im wondering how", "i wonder what",
    "i wonder how", "can you tell me", "could you tell me", "would you tell me", "will you tell me",
    "can you say more", "could you say more", "would you say more", "can you describe", "could you describe",
    "can you talk", "could you talk", "can you share", "could you share", "can you explain", "could you explain",
    "can you walk me", "could you walk me", "i was wondering what", "i was wondering how", "i wonder if you could say", "i wonder if you could tell",
    "i wonder if you can say", "i wonder if you can tell",
];

/// "What …" and "How …" forms that ask for a single fact.
#[rustfmt::skip]
const FACT_QUESTIONS: &[&str] = &[
    "how many", "how much", "how long", "how old", "how often", "how far", "how soon", "how big", "how late",
    "how early", "what time", "what day", "what date", "what year", "what age", "what kind", "what type",
    "whats your name", "what is your name", "what number", "what school", "what size", "what medication",
    "what pills", "what dose",
];

/// Verbs after "what"/"how" that make it a question even without "?" ("what happened").
#[rustfmt::skip]
const WH_VERBS: &[&str] = &[
    "happened", "happens", "happening", "helps", "helped", "made", "makes", "else", "about", "kind", "went", "kept",
    "brought", "changed", "led", "matters", "worries", "scares", "feels", "came", "goes", "gets", "stops", "would",
    "might", "could", "do", "did", "does", "has", "have", "was", "were", "is", "are", "can", "will", "should", "r",
    "come", "hurts", "needs", "need", "got", "keeps", "s", "worked", "works",
];

/// Tags that turn a statement into a check: "…, right?", "…, isn't it?".
const TAGS: &[&str] =
    &["right", "yeah", "eh", "huh", "no", "ok", "isnt it", "wasnt it", "arent you", "dont you", "didnt you"];

/// Verbs after "why don't you" that keep it a real why question ("why don't you think…").
const MENTAL: &[&str] = &["think", "know", "feel", "believe", "want", "like", "trust", "remember", "understand"];

/// "Why don't you…" / "Why not…" with an action: a suggestion dressed as a question.
pub(crate) fn why_suggestion(s: &Sentence) -> bool {
    let b = s.body();
    if s.starts("why not") {
        return b.len() > 2;
    }
    if s.starts("why dont you") {
        return b.get(3).is_some_and(|v| !MENTAL.contains(&v.as_str()));
    }
    false
}

/// "What if you took it in the morning": a suggestion in the subjunctive, not a question.
pub(crate) fn what_if_suggestion(s: &Sentence) -> bool {
    s.starts("what if you")
        && s.body().get(3).is_some_and(|v| {
            v.ends_with("ed")
                || lexicon::PAST.contains(&v.as_str())
                || matches!(v.as_str(), "try" | "just" | "tried" | "set" | "put" | "started" | "asked" | "called")
        })
}

pub(crate) fn form(s: &Sentence) -> Form {
    let b = s.body();
    let Some(first) = b.first().map(String::as_str) else { return Form::Statement };
    let second = b.get(1).map_or("", String::as_str);
    if let Some(p) = OPEN_REQUESTS.iter().find(|p| s.starts(p)) {
        let after = b.get(p.split(' ').count()).map_or("", String::as_str);
        if !matches!(after, "if" | "whether") {
            return Form::Open(format!("asks them to say more ('{p}')"));
        }
        return Form::Closed(format!("asks for a yes or no ('{p} {after}')"));
    }
    if s.starts("how come") {
        return Form::Why("'how come' asks for reasons, like a 'why' question".into());
    }
    if first == "why" {
        if why_suggestion(s) {
            let p = if second == "not" { "why not" } else { "why don't you" };
            return Form::Closed(format!("'{p}' offers a suggestion as a yes-or-no question"));
        }
        return Form::Why("starts with 'why', which asks the peer to justify themselves".into());
    }
    if s.starts("how about") || s.starts("what about trying") || what_if_suggestion(s) {
        return Form::Closed("'how about' offers a suggestion".into());
    }
    if let Some(p) = FACT_QUESTIONS.iter().find(|p| s.starts(p)) {
        return Form::Closed(format!("'{p}' asks for one fact"));
    }
    if matches!(first, "what" | "whats" | "how" | "hows") {
        let verb_next = WH_VERBS.contains(&second) || lexicon::is_aux(second) || second.ends_with("ed");
        if s.question_mark || verb_next || matches!(first, "whats" | "hows") {
            if first.starts_with("how") && b.len() == 1 && !s.question_mark {
                return Form::Statement;
            }
            let w = if first.starts_with("what") { "what" } else { "how" };
            if s.starts("what a") || s.starts("how awful") || s.starts("how hard") {
                return Form::Statement;
            }
            return Form::Open(format!("starts with '{w}', which invites a wide answer"));
        }
        return Form::Statement;
    }
    if matches!(first, "when" | "whens" | "where" | "wheres" | "who" | "whos" | "which" | "whose") {
        if s.question_mark || lexicon::is_aux(second) || second == "r" {
            let w = first.trim_end_matches('s');
            let w = if w == "who" || first == "whose" { first } else { w };
            return Form::Closed(format!("'{w}' asks for one fact"));
        }
        return Form::Statement;
    }
    if lexicon::is_aux(first) && lexicon::SUBJECTS.contains(&second) {
        let pair = format!("{first} {second}");
        return Form::Closed(format!("starts with '{pair}', which invites a yes or no"));
    }
    if s.question_mark {
        if first == "any" || first == "anything" || first == "anyone" || first == "anybody" {
            return Form::Closed(format!("'{first} …?' invites a yes or no"));
        }
        return Form::Rising;
    }
    Form::Statement
}

/// Whether a sentence ends with a tag that makes a statement a check ("…, right?").
pub(crate) fn has_tag(s: &Sentence) -> bool {
    let n = s.words.len();
    s.question_mark
        && TAGS.iter().any(|t| {
            let k = t.split(' ').count();
            n > k && crate::text::matches_at(&s.words, n - k, t)
        })
}
