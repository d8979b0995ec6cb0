//! Reflections, simple and complex, by the MITI definitions (docs/classifier.md,
//! "Reflections"). A simple reflection says back what the peer said; a complex one adds
//! meaning: a feeling they did not name, a metaphor, both sides, what it means to them.

use crate::Reflection;
use crate::lexicon;
use crate::text::{Context, Phrases, Sentence};

/// Openers that frame what follows as the listener's reading of the peer.
#[rustfmt::skip]
pub(crate) const STEMS: &[&str] = &[
    "sounds like", "it sounds", "that sounds", "sounds as", "sounds", "seems like", "it seems", "seems",
    "it looks like", "looks like", "feels like", "it feels", "its like", "its as if", "as if", "as though",
    "like you", "what i hear", "what im hearing", "i hear", "im hearing", "i can hear", "i can see", "i can tell",
    "i get the sense", "i get the feeling", "i sense", "i imagine", "i guess", "im guessing", "in other words",
    "what youre saying", "youre saying", "you mean", "it must", "must be", "that must", "must have", "part of you",
    "a part of you", "on one hand", "on the one hand", "if i understand", "if ive got", "let me see if",
    "youre wondering", "you wonder", "its been", "thats a lot", "what a", "such a", "feeling", "i wonder if you",
    "from where youre", "from where you", "the way you see it", "from your point of view", "in your eyes", "for you",
    "to you", "i understand", "i can understand", "you sound", "you seem", "youre telling me", "you said",
];

/// Going beyond the words: metaphor, both sides, what it means to them.
#[rustfmt::skip]
pub(crate) const COMPLEX_LIST: &[&str] = &[
    "part of you", "on one hand", "on the other", "as if", "as though", "its like", "feels like", "like a",
    "like you", "even though", "even if", "and yet", "at the same time", "stuck between", "torn between",
    "caught between", "both", "not just", "more than", "matters to you", "important to you", "means a lot",
    "you care", "you love", "you want", "you wish", "you hoped", "you hope", "on your own", "by yourself",
    "all at once", "carrying", "holding", "weight", "a lot on", "every direction", "thrown away",
];
pub(crate) static COMPLEX: Phrases = Phrases::new(COMPLEX_LIST);

/// Listener stances that open with "I" and still reflect.
#[rustfmt::skip]
const I_STEMS: &[&str] = &[
    "i hear", "im hearing", "i can hear", "i can see", "i can tell", "i get the sense", "i get the feeling",
    "i sense", "i imagine", "i guess", "im guessing", "i wonder if you", "i understand", "i can understand",
];

/// Words a statement opens with when it is about the listener, not the peer.
const SELF_OPENERS: &[&str] = &["i", "im", "ive", "id", "my", "me", "ill", "we", "lets", "mine", "when"];

/// Feeling words the peer did not say, with the first such word.
fn new_feeling<'a>(words: &'a [String], context: &Context) -> Option<&'a str> {
    words.iter().map(String::as_str).find(|w| lexicon::is_feeling(w) && !context.said(w))
}

fn content(words: &[String]) -> impl Iterator<Item = &str> {
    words.iter().map(String::as_str).filter(|w| w.len() >= 3 && !lexicon::is_stopword(w) && !w.starts_with("sound"))
}

/// Reflective frames that may stand anywhere in the sentence ("after all those years it feels
/// like you've been thrown away").
#[rustfmt::skip]
const INNER_STEMS_LIST: &[&str] = &[
    "it feels like", "feels like you", "sounds like you", "it sounds like", "it seems like", "seems like you",
    "part of you", "on one hand", "its like you", "as if you", "as though you", "feels like its",
];
static INNER_STEMS: Phrases = Phrases::new(INNER_STEMS_LIST);

const SECOND_PERSON: &[&str] = &["you", "youre", "your", "youve", "youd", "yourself"];

/// Words after "you" that do not state the peer's experience: modals of advice and futures
/// (the roadblock rules hear those), "you know" as a filler, "you guys".
#[rustfmt::skip]
const NOT_STATE_VERBS: &[&str] = &[
    "can", "could", "will", "would", "should", "might", "may", "must", "need", "have", "got", "ought", "better",
    "guys", "know", "all", "too", "and", "or", "ok", "there", "here", "again", "go", "try", "get", "just",
];

/// Talk that informs rather than reflects: general statements about people, research, how
/// things work ("Most of the salt people eat comes from bread", "Some people take them at
/// night"). Unless a reflective frame or a new feeling says otherwise, these are not reflections.
#[rustfmt::skip]
const INFORMING: &[&str] = &[
    "people", "most", "research", "studies", "study", "usually", "typically", "generally", "tends", "tend",
    "recommended", "guidelines", "percent", "per", "units", "means", "works", "doctors", "experts", "evidence",
    "common", "often", "actually", "legally", "law", "risk", "risks",
];

fn informs(s: &Sentence, context: &Context) -> bool {
    let b = s.body();
    let first = b.first().map_or("", String::as_str);
    let addressed_first = matches!(first, "you" | "youre" | "youve" | "youd" | "your");
    !addressed_first && b.len() >= 8 && b.iter().any(|w| INFORMING.contains(&w.as_str()) && !context.said(w))
}

/// "You're right", "you're welcome": second person, but nothing reflected.
const EMPTY_STATES: &[&str] = &["right", "welcome", "fine", "sure", "good", "amazing", "great", "ok", "here"];

/// Whether the sentence opens with a reflective frame ("sounds like", "part of you").
pub(crate) fn framed(s: &Sentence) -> bool {
    STEMS.iter().any(|p| s.starts(p))
}

/// "you're hurt", "you feel awful": the second person with a feeling, not negated.
fn you_feel(b: &[String]) -> bool {
    b.iter().enumerate().any(|(i, w)| {
        matches!(w.as_str(), "you" | "youre" | "youd")
            && b[i + 1..].iter().take(3).take_while(|n| n.as_str() != "not").any(|n| lexicon::is_feeling(n))
    })
}

/// How the rest of the sentence bears on a reflection.
#[derive(Clone, Copy, Default)]
pub(crate) struct Also {
    /// The sentence validates ("no wonder…"): it reflects only if it names the peer's feeling.
    pub validating: bool,
    /// The sentence affirms a strength: only a reflective frame makes it a reflection too.
    pub affirming: bool,
}

/// The reflection in one sentence, with its cue, if the sentence reflects.
pub(crate) fn reflect(s: &Sentence, context: &Context, also: Also) -> Option<(Reflection, String)> {
    let b = s.body();
    let first = b.first().map_or("", String::as_str);
    let stem = STEMS.iter().find(|p| s.starts(p)).copied().or_else(|| INNER_STEMS.find(b).map(|(p, _)| p));
    let i_stem = I_STEMS.iter().any(|p| s.starts(p));
    if SELF_OPENERS.contains(&first) && !i_stem && !(first == "when" && b.get(1).is_some_and(|w| w == "you")) {
        return None;
    }
    if also.validating && !you_feel(b) {
        return None;
    }
    if also.affirming && stem.is_none() {
        return None;
    }
    let words: Vec<&str> = content(b).collect();
    let said: Vec<&str> = words.iter().copied().filter(|w| context.said(w)).collect();
    let novel = words.len() - said.len();
    let feeling = new_feeling(b, context);
    let said_feeling = b.iter().map(String::as_str).find(|w| lexicon::is_feeling(w) && context.said(w));
    // A metaphor the peer used themselves ("like a zombie") is said back, not added.
    let marker = COMPLEX.all(b).into_iter().map(|(p, _)| p).find(|p| !p.split(' ').all(|w| context.has_word(w)));
    let second_person = matches!(first, "you" | "youre" | "youve" | "youd" | "your" | "yourself")
        || s.has("you feel")
        || s.has("youre feeling")
        || (s.has_word("youre") && (feeling.is_some() || said_feeling.is_some()));
    let second = b.get(1).map_or("", String::as_str);
    // "You don't like…", "you want…", "you love him…": the peer's inner life stated as fact.
    let you_verb = first == "you" && !second.is_empty() && !NOT_STATE_VERBS.contains(&second);
    let describes_state = matches!(first, "youre" | "youve" | "youd") || you_verb;
    let state = describes_state
        && (s.starts("you feel") || s.starts("you felt") || words.iter().any(|w| !EMPTY_STATES.contains(w)));
    let evaluative = matches!(first, "thats" | "its" | "that" | "it" | "this" | "what" | "such" | "how" | "must")
        && (feeling.is_some() || said_feeling.is_some());
    let fragment = b.len() <= 7 && !s.exclamation && !b.iter().any(|w| lexicon::is_aux(w)) && !said.is_empty();
    let addressed = b.iter().any(|w| SECOND_PERSON.contains(&w.as_str()));
    // Long sentences that share words with the peer but never address them inform or explain.
    let echo = words.len() >= 2
        && said.len() * 2 >= words.len()
        && !s.exclamation
        && (addressed || b.len() <= 10 || said.len() * 4 >= words.len() * 3);
    // "So the patches didn't touch the cravings": a "so" statement about what the peer said.
    let so_restates = s.so_lead && !said.is_empty();
    // "Everyone expects you to be over it": the peer's situation, in their words, addressed to them.
    let addressed_echo = addressed && said.len() >= 2 && !s.exclamation;
    // "It's the only thing that works, right?": a statement checked with a tag.
    let tagged = crate::question::has_tag(s) && b.len() >= 4;
    // Clauses after a comma: "…, that's really discouraging", "…, you must be gutted".
    let clause_evaluates = s.clauses.iter().any(|&c| {
        let w = &s.words[c..];
        matches!(w.first().map(String::as_str), Some("thats" | "its" | "that" | "how"))
            && w.iter().skip(1).take(3).any(|x| lexicon::is_feeling(x))
    });
    let reflective = match stem {
        Some(_) => !words.is_empty() || also.validating,
        None => {
            (second_person && (s.so_lead || !said.is_empty() || feeling.is_some() || said_feeling.is_some()))
                || state
                || evaluative
                || fragment
                || echo
                || so_restates
                || addressed_echo
                || tagged
                || clause_evaluates
        }
    };
    if !reflective || (stem.is_none() && feeling.is_none() && informs(s, context)) {
        return None;
    }
    if let Some(f) = feeling {
        return Some((Reflection::Complex, format!("names a feeling the peer did not say ('{f}')")));
    }
    if let Some(m) = marker {
        return Some((Reflection::Complex, format!("goes beyond the peer's words ('{m}')")));
    }
    if novel >= 3 && novel * 2 > words.len() {
        let w = words.iter().find(|w| !context.said(w)).copied().unwrap_or("");
        return Some((Reflection::Complex, format!("adds meaning to what the peer said ('{w}')")));
    }
    if let Some(w) = said_feeling.or_else(|| said.first().copied()) {
        return Some((Reflection::Simple, format!("says back what the peer said ('{w}')")));
    }
    let shown = stem.unwrap_or("you");
    if novel >= 1 {
        let w = words.iter().find(|w| !context.said(w)).copied().unwrap_or(shown);
        return Some((Reflection::Complex, format!("offers a reading of the peer's experience ('{w}')")));
    }
    Some((Reflection::Simple, format!("reflects back to the peer ('{shown}')")))
}

/// Explicit summary openers.
#[rustfmt::skip]
pub(crate) const SUMMARY_LIST: &[&str] = &[
    "to sum up", "let me see if", "so far youve", "if ive got this right", "let me check", "so youve told me",
    "what ive heard", "summing up", "to summarise", "to summarize", "let me make sure",
];
pub(crate) static SUMMARY: Phrases = Phrases::new(SUMMARY_LIST);

/// A reflection that gathers several things the peer said.
pub(crate) fn summary(s: &Sentence, context: &Context) -> Option<String> {
    if let Some((p, _)) = SUMMARY.find(&s.words) {
        return Some(format!("'{p}' gathers what the peer said"));
    }
    let said = content(s.body()).filter(|w| context.said(w)).count();
    ((s.so_lead && s.list_items >= 2 || s.list_items >= 3) && said >= 3)
        .then(|| "gathers several things the peer said into one".to_owned())
}

pub(crate) const PHRASES: &[&[&str]] = &[STEMS, COMPLEX_LIST, I_STEMS, SUMMARY_LIST, INNER_STEMS_LIST];
