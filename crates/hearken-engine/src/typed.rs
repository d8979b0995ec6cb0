//! A typed answer (docs/typed-answers.md): cleaning what the trainee wrote, hearing it with the
//! offline classifier (`hearken-classifier`, docs/classifier.md), matching it to the closest
//! option, and scoring what was heard as an option with those skills (docs/scoring.md).
//!
//! The front ends never classify or match themselves: they call this module, through the
//! session (`Session::submit`) or, for `hearken classify` and the validator, directly.

use crate::rubric::score::{DecisionScore, score_decision};
use crate::rubric::{RubricTable, Skill};
use crate::scenario::Reply;

pub use hearken_classifier::{MAX_ANSWER_CHARS, Question, Reflection};

/// What the trainee wrote, made safe: no control characters or escape sequences, one line,
/// at most `MAX_ANSWER_CHARS` characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    /// How many characters were written, when the answer was cut to `MAX_ANSWER_CHARS`.
    pub cut_from: Option<usize>,
}

impl Cleaned {
    /// The message a front end shows when the answer was cut.
    pub fn cut_message(&self) -> Option<String> {
        self.cut_from.map(|n| {
            format!(
                "Your answer was {n} characters long; Hearken keeps the first {MAX_ANSWER_CHARS} (a typed answer is a sentence or three)."
            )
        })
    }
}

/// Why a typed answer was not accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerError {
    /// Nothing to hear (empty, or only spaces and control characters). Nothing is recorded.
    Empty,
}

impl std::fmt::Display for AnswerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerError::Empty => write!(f, "write something first: your answer is empty"),
        }
    }
}

/// Removes control characters and terminal escape sequences (CSI `ESC [ … final`, OSC
/// `ESC ] … BEL/ST`, two-character escapes, C1 controls, text-direction overrides), turns line
/// breaks and tabs into spaces, squeezes runs of spaces, and cuts at `MAX_ANSWER_CHARS`.
pub fn clean(raw: &str) -> Result<Cleaned, AnswerError> {
    let mut out = String::with_capacity(raw.len().min(MAX_ANSWER_CHARS * 4));
    let mut chars = raw.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => {
                match chars.next() {
                    // CSI: parameters and intermediates up to a final byte.
                    Some('[') => {
                        for p in chars.by_ref() {
                            if ('\u{40}'..='\u{7e}').contains(&p) {
                                break;
                            }
                        }
                    }
                    // OSC, DCS, SOS, PM, APC: a string up to BEL or ST (ESC \).
                    Some(']' | 'P' | 'X' | '^' | '_') => {
                        while let Some(p) = chars.next() {
                            if p == '\u{7}' || p == '\u{9c}' {
                                break;
                            }
                            if p == '\u{1b}' {
                                chars.next_if_eq(&'\\');
                                break;
                            }
                        }
                    }
                    _ => {} // a two-character escape: both dropped
                }
            }
            '\u{9b}' => {
                for p in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&p) {
                        break;
                    }
                }
            }
            '\n' | '\t' | '\r' | ' ' | '\u{a0}' => space = true,
            c if crate::text::is_forbidden_char(c) => {}
            c => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }
    if out.is_empty() {
        return Err(AnswerError::Empty);
    }
    let n = out.chars().count();
    if n <= MAX_ANSWER_CHARS {
        return Ok(Cleaned { text: out, cut_from: None });
    }
    let text: String = out.chars().take(MAX_ANSWER_CHARS).collect();
    Ok(Cleaned { text: text.trim_end().to_string(), cut_from: Some(n) })
}

/// What Hearken heard in a typed answer, as skills of the vocabulary, each with its cue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heard {
    pub reflection: Reflection,
    pub question: Question,
    /// Canonical order, each at most once.
    pub skills: Vec<Skill>,
    /// One plain-words cue per skill, in the order of `skills`; when nothing was heard, one line
    /// saying so (or why the answer was not recognised).
    pub cues: Vec<String>,
    /// False for another language, gibberish or only emoji: then nothing is heard.
    pub recognised: bool,
}

/// Hears `text` against what the peer had said by then (`context`, oldest first).
pub fn hear(text: &str, context: &[&str]) -> Heard {
    let c = hearken_classifier::classify(text, context);
    // Every code the classifier knows is a code of the vocabulary (the same list, docs/scoring.md);
    // one that were not would be left out rather than guessed.
    let mut skills = Vec::with_capacity(c.skills.len());
    let mut cues = Vec::with_capacity(c.cues.len());
    if c.skills.is_empty() {
        cues = c.cues;
    } else {
        for (code, cue) in c.skills.iter().zip(c.cues) {
            if let Some(s) = Skill::from_code(code) {
                skills.push(s);
                cues.push(cue);
            }
        }
    }
    Heard { reflection: c.reflection, question: c.question, skills, cues, recognised: c.recognised }
}

/// A skill in the words a trainee reads after "Heard:" ("simple reflection", "open question").
pub fn skill_words(s: Skill) -> &'static str {
    match s {
        Skill::Reflection => "simple reflection",
        Skill::ComplexReflection => "complex reflection",
        Skill::OpenQuestion => "open question",
        Skill::ClosedQuestion => "closed question",
        Skill::WhyQuestion => "why question",
        Skill::AttentiveSilence => "attentive silence",
        Skill::AskingPermission => "asking permission",
        Skill::SelfDisclosure => "self-disclosure",
        Skill::SafetyQuestion => "safety question",
        Skill::ConnectingSupport => "connecting to support",
        Skill::BoundaryHolding => "holding a boundary",
        Skill::TopicChange => "topic change",
        Skill::FormalLanguage => "formal language",
        Skill::BoundaryCrossing => "crossing a boundary",
        Skill::FalsePromise => "false promise",
        Skill::LeavingAtRisk => "leaving someone at risk",
        other => other.code(),
    }
}

impl Heard {
    /// "simple reflection, open question"; "no listening skill" (recognised, nothing heard);
    /// "nothing" (not recognised).
    pub fn summary(&self) -> String {
        if !self.recognised {
            "nothing".to_string()
        } else if self.skills.is_empty() {
            "no listening skill".to_string()
        } else {
            self.skills.iter().map(|s| skill_words(*s)).collect::<Vec<_>>().join(", ")
        }
    }

    /// The cues, one sentence: "starts with 'what'; says back 'exhausted'".
    pub fn because(&self) -> String {
        self.cues.join("; ")
    }

    /// "Heard: simple reflection, open question — because …".
    pub fn line(&self) -> String {
        if self.recognised && !self.skills.is_empty() {
            format!("Heard: {} — because {}", self.summary(), self.because())
        } else if self.recognised {
            format!("Heard: no listening skill — {}", self.because())
        } else {
            format!("Heard: nothing — {}", self.because())
        }
    }
}

/// `hearken classify --format json` (docs/command-line.md): one object, keys in this order.
#[derive(serde::Serialize)]
struct ClassifyJson<'a> {
    text: &'a str,
    question: &'static str,
    reflection: &'static str,
    skills: &'a [Skill],
    cues: &'a [String],
}

impl Heard {
    /// The `hearken classify --format json` object for the answer `text`, on one line.
    pub fn to_json_string(&self, text: &str) -> String {
        serde_json::to_string(&ClassifyJson {
            text,
            question: self.question.as_str(),
            reflection: self.reflection.as_str(),
            skills: &self.skills,
            cues: &self.cues,
        })
        .expect("strings and codes always serialise")
    }
}

/// The closest option to a typed answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    /// 0-based, file order.
    pub option: usize,
    /// Nothing was close: this is the option whose skills match best.
    pub loose: bool,
    /// How alike the skills are, 0..=1000.
    pub skills: u32,
    /// How alike the wording is (the option's text or its closest paraphrase), 0..=1000.
    pub wording: u32,
}

/// A match is close when the mean of the two measures reaches this (of 1000)…
pub const CLOSE: u32 = 450;
/// …or when the wording alone reaches this: about half the content words in common, which
/// holds even when nothing was heard (the classifier missed a skill the words plainly show).
pub const CLOSE_WORDING: u32 = 500;

/// How alike two skill lists are, 0..=1000: a Dice coefficient where the same skill counts 1 and
/// a skill of the same family (the reflections; the open questions) counts ½.
pub fn skill_likeness(heard: &[Skill], option: &[Skill]) -> u32 {
    if heard.is_empty() || option.is_empty() {
        return 0;
    }
    let family = |s: Skill| match s {
        Skill::Reflection | Skill::ComplexReflection | Skill::Summary => 1,
        Skill::OpenQuestion | Skill::WhyQuestion => 2,
        Skill::Validation | Skill::Affirmation => 3,
        Skill::Minimizing | Skill::FalsePromise => 4,
        _ => 0,
    };
    let credit = |a: Skill, among: &[Skill]| -> u32 {
        if among.contains(&a) {
            2
        } else if family(a) != 0 && among.iter().any(|b| family(*b) == family(a)) {
            1
        } else {
            0
        }
    };
    // Halves, both ways, so the measure is symmetric.
    let halves: u32 =
        heard.iter().map(|a| credit(*a, option)).sum::<u32>() + option.iter().map(|b| credit(*b, heard)).sum::<u32>();
    (halves * 1000 / (2 * (heard.len() + option.len()) as u32)).min(1000)
}

/// How alike the wording of `text` is to an option: its text or its closest paraphrase.
pub fn wording_likeness(text: &str, reply: &Reply) -> u32 {
    std::iter::once(reply.text.as_str())
        .chain(reply.paraphrases.iter().map(String::as_str))
        .map(|w| hearken_classifier::wording_similarity(text, w))
        .max()
        .unwrap_or(0)
}

/// Matches a typed answer to the closest option among `candidates` (file indices into
/// `replies`; all of them when empty): by the mean of skill and wording likeness; ties go to
/// the better wording, then to file order. When that option is not close (`CLOSE`,
/// `CLOSE_WORDING`), the option whose skills match best (ties: wording, then file order),
/// marked loose.
pub fn closest(text: &str, heard: &Heard, replies: &[Reply], candidates: &[usize]) -> Match {
    let all: Vec<usize>;
    let candidates = if candidates.is_empty() {
        all = (0..replies.len()).collect();
        &all
    } else {
        candidates
    };
    let measured: Vec<Match> = candidates
        .iter()
        .map(|&i| Match {
            option: i,
            loose: false,
            skills: skill_likeness(&heard.skills, &replies[i].skills),
            wording: wording_likeness(text, &replies[i]),
        })
        .collect();
    let overall = |m: &Match| (m.skills + m.wording) / 2;
    // Highest first; on a tie the lower file index wins (`Reverse`).
    let best = measured
        .iter()
        .max_by_key(|m| (overall(m), m.wording, std::cmp::Reverse(m.option)))
        .copied()
        .expect("a decision has at least one option");
    if overall(&best) >= CLOSE || best.wording >= CLOSE_WORDING {
        return best;
    }
    let by_skills = measured
        .iter()
        .max_by_key(|m| (m.skills, m.wording, std::cmp::Reverse(m.option)))
        .copied()
        .expect("a decision has at least one option");
    Match { loose: true, ..by_skills }
}

/// Wording likeness (of 1000) from which a typed answer is taken to be the option's own words
/// (or one of its paraphrases), typos and all.
pub const SAME_WORDS: u32 = 900;

/// An answer that is, near enough word for word, one of the scenario's options is heard as the
/// skills the author gave those words: the author's labels, written for this moment, know more
/// than the classifier's general rules. Without this, typing a pitfall option's own words could
/// be heard as something better and score above the option itself (docs/typed-answers.md).
pub fn own_words_of_an_option(heard: &mut Heard, reply: &Reply, wording: u32) {
    let mut labelled = reply.skills.clone();
    labelled.sort();
    labelled.dedup();
    // Where the classifier already hears what the author labelled, its own cues say more.
    if wording < SAME_WORDS || labelled.is_empty() || labelled == heard.skills {
        return;
    }
    heard.skills = labelled;
    heard.recognised = true;
    heard.cues = heard
        .skills
        .iter()
        .enumerate()
        .map(|(i, _)| match i {
            0 => "nearly word for word one of this moment's options, so heard as its author labels it".to_string(),
            _ => "(the same option's label)".to_string(),
        })
        .collect();
}

/// Scores a typed answer (docs/typed-answers.md, docs/scoring.md "Typed answers"): the heard skills as one
/// more option at the decision, measured against the decision's options as §3.3 says. The
/// result names the matched option as the one chosen and the decision's own best options, so a
/// report reads like any other; correcting the match never changes it.
pub fn score(
    table: &RubricTable,
    options: &[&[Skill]],
    matched: usize,
    heard: &[Skill],
    interrupted: bool,
    speech_counted: bool,
) -> DecisionScore {
    let mut with_heard: Vec<&[Skill]> = options.to_vec();
    with_heard.push(heard);
    let typed = options.len();
    let mut s = score_decision(table, &with_heard, typed, interrupted, speech_counted);
    // The decision's own best options: the heard answer may tie them or beat them all.
    let values: Vec<i32> = options.iter().map(|o| table.points(o).total()).collect();
    let max = values.iter().copied().max().unwrap_or(0);
    s.best = (0..options.len()).filter(|&i| values[i] == max).collect();
    s.reference = s.best.first().copied().unwrap_or(matched);
    s.chosen = matched;
    s
}

/// Runs `check_labels` on every scenario of a library that loaded, adding its warnings to the
/// file's report: what `hearken validate` does unless told `--no-classifier-check`.
pub fn check_library(lib: &mut crate::scenario::library::Library) {
    for e in &mut lib.entries {
        if let Some(s) = &e.scenario {
            e.report.diagnostics.extend(check_labels(s));
        }
    }
}

/// The instructor's second pair of eyes (H070, docs/diagnostics/H070.md): options whose labelled
/// skills and what the classifier hears in their words clearly disagree. Conservative on
/// purpose: only three disagreements are reported, each only when the classifier recognised the
/// text and heard something definite. `hearken validate --no-classifier-check` turns it off.
pub fn check_labels(s: &crate::scenario::Scenario) -> Vec<crate::diagnostic::Diagnostic> {
    use crate::scenario::Beat;
    let mut out = Vec::new();
    for node in &s.nodes {
        let lines: Vec<&str> =
            node.says.iter().filter_map(|b| if let Beat::Line(l) = b { Some(l.as_str()) } else { None }).collect();
        for (i, reply) in node.replies().iter().enumerate() {
            // What the peer had said when the option appears.
            let context = &lines[..reply.after.unwrap_or(lines.len()).min(lines.len())];
            if let Some(d) = label_disagreement(&reply.text, &reply.skills, context) {
                out.push(
                    crate::diagnostic::Diagnostic::new(
                        crate::diagnostic::Code::H070,
                        reply.text_span.clone(),
                        format!("option {} at node `{}` {d}", i + 1, node.id),
                    )
                    .help(
                        "check the option's `skills` against its words; if the words are right and Hearken is wrong, \
                         run `hearken validate --no-classifier-check`",
                    ),
                );
            }
        }
    }
    out
}

/// What is wrong, when an option's labels and its words clearly disagree ("is labelled …, but …").
pub fn label_disagreement(text: &str, labels: &[Skill], context: &[&str]) -> Option<String> {
    // Stage directions ("(Nod, and wait quietly.)") are not words to hear.
    if text.trim_start().starts_with(['(', '[', '*']) || labels.contains(&Skill::AttentiveSilence) {
        return None;
    }
    // Only three kinds of label are checked: hear nothing for the rest (it costs ~50 µs).
    let checked = labels.iter().any(|s| matches!(s, Skill::OpenQuestion | Skill::WhyQuestion) || s.is_reflection())
        || labels == [Skill::Advice];
    if !checked {
        return None;
    }
    let heard = hear(text, context);
    if !heard.recognised {
        return None;
    }
    let has = |s: Skill| labels.contains(&s);
    let reflects = |s: Skill| s.is_reflection();
    let because = || {
        if heard.skills.is_empty() {
            "Hearken heard no listening skill in it".to_string()
        } else {
            format!("Hearken heard {} ({})", heard.summary(), heard.because())
        }
    };
    let lower = text.to_lowercase();
    // 1. Labelled an open (or why) question, no question is heard, and the words hold no "?" and
    //    none of the ways of asking for more the classifier might read as a statement.
    const ASKS_FOR_MORE: [&str; 9] =
        ["tell me", "like to hear", "hear more", "say more", "talk me", "wonder", "curious", "describe", "walk me"];
    if let Some(q) = [Skill::OpenQuestion, Skill::WhyQuestion].into_iter().find(|q| has(*q))
        && heard.question == Question::None
        && !heard.skills.iter().any(|s| s.is_question() || *s == Skill::AskingPermission || *s == Skill::SafetyQuestion)
        && !text.contains('?')
        && !ASKS_FOR_MORE.iter().any(|p| lower.contains(p))
    {
        return Some(format!("is labelled `{q}`, but its words ask no question: {}", because()));
    }
    // 2. Labelled a reflection (and no question or permission), and only an open question is
    //    heard: a "what"/"how" question, not a statement with a "?", which may still reflect.
    if labels.iter().any(|s| reflects(*s))
        && !labels.iter().any(|s| s.is_question() || *s == Skill::AskingPermission)
        && heard.reflection == Reflection::None
        && heard.question == Question::Open
        && heard.skills.iter().all(|s| s.is_question())
    {
        return Some(format!(
            "is labelled `{}`, but its words ask a question and say nothing back: {}",
            labels.iter().find(|s| reflects(**s)).expect("checked above"),
            because()
        ));
    }
    // 3. Labelled advice and nothing else, one sentence with none of advice's usual words, and
    //    only a simple reflection or only an open question heard. Advice is often indirect
    //    ("Maybe there's a club…", "you really need to…"), so anything less plain is left to the
    //    author.
    const ADVICE_WORDS: [&str; 12] = [
        "need to",
        "should",
        "have to",
        "must",
        "try",
        "could",
        "maybe",
        "how about",
        "what about",
        "let's",
        "why not",
        "why don't",
    ];
    if labels == [Skill::Advice]
        && sentences(text) == 1
        && !ADVICE_WORDS.iter().any(|w| lower.contains(w))
        && (heard.skills == [Skill::Reflection] || heard.skills == [Skill::OpenQuestion])
    {
        return Some(format!("is labelled `advice`, but its words offer no advice: {}", because()));
    }
    None
}

/// How many sentences a text has: runs ended by '.', '!' or '?' (ellipses and "?!" count once).
fn sentences(text: &str) -> usize {
    text.split(['.', '!', '?']).filter(|part| part.chars().any(char::is_alphanumeric)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_removes_escapes_and_controls_and_squeezes_space() {
        let c = clean("  you\x1b[31m sound\x1b]0;title\x07 tired\u{7}\n\tso tired\u{202e} ").unwrap();
        assert_eq!(c.text, "you sound tired so tired");
        assert_eq!(c.cut_from, None);
        assert_eq!(clean(" \x1b[2J \n"), Err(AnswerError::Empty));
        assert_eq!(clean(""), Err(AnswerError::Empty));
    }

    #[test]
    fn a_paste_is_cut_with_a_message() {
        let long = "a".repeat(10_000);
        let c = clean(&long).unwrap();
        assert_eq!(c.text.chars().count(), MAX_ANSWER_CHARS);
        assert_eq!(c.cut_from, Some(10_000));
        assert!(c.cut_message().unwrap().contains("first 1000"));
    }

    #[test]
    fn skill_likeness_is_symmetric_and_gives_families_half() {
        use Skill::*;
        assert_eq!(skill_likeness(&[Reflection], &[Reflection]), 1000);
        assert_eq!(skill_likeness(&[Reflection], &[ComplexReflection]), 500);
        assert_eq!(skill_likeness(&[Reflection, OpenQuestion], &[Reflection]), 666);
        assert_eq!(skill_likeness(&[Reflection], &[Reflection, OpenQuestion]), 666);
        assert_eq!(skill_likeness(&[Advice], &[Reflection]), 0);
        assert_eq!(skill_likeness(&[], &[Reflection]), 0);
    }
}
