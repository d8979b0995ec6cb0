//! The answer and the peer's words, read once into sentences of corrected words.

use crate::lexicon;
use crate::normalize::{self, Script};

/// What the peer has said: the words and stems an answer can say back.
pub(crate) struct Context {
    words: Vec<String>,
    stems: Vec<String>,
    /// The peer talked about dying, pills, harm: "is anyone with you?" is then a safety question.
    pub risk: bool,
}

impl Context {
    pub(crate) fn new(lines: &[&str]) -> Context {
        let mut words = Vec::new();
        for line in lines {
            let (chunks, _) = normalize::read(&normalize::clean(line));
            for mut chunk in chunks {
                normalize::canonical_pairs(&mut chunk.words);
                words.extend(chunk.words.into_iter().map(|w| w.text));
            }
        }
        let risk = crate::safety::peer_at_risk(&words);
        let mut stems: Vec<String> =
            words.iter().filter(|w| !lexicon::is_stopword(w)).map(|w| normalize::stem(w)).collect();
        words.sort_unstable();
        words.dedup();
        stems.sort_unstable();
        stems.dedup();
        Context { words, stems, risk }
    }

    pub(crate) fn has_word(&self, w: &str) -> bool {
        self.words.binary_search_by(|x| x.as_str().cmp(w)).is_ok()
    }

    /// Whether the peer said this word or one with the same stem.
    pub(crate) fn said(&self, w: &str) -> bool {
        self.has_word(w) || self.stems.binary_search(&normalize::stem(w)).is_ok()
    }

    fn correct(&self, w: &str) -> Option<String> {
        if w.len() < 4 {
            return None;
        }
        self.words
            .iter()
            .find(|c| {
                c.len() >= 4
                    && c.as_bytes()[0] == w.as_bytes()[0]
                    && if w.len() < 5 { normalize::is_transposition(w, c) } else { normalize::within_one_edit(w, c) }
            })
            .cloned()
    }
}

/// One sentence or clause of the answer.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sentence {
    pub words: Vec<String>,
    pub question_mark: bool,
    pub exclamation: bool,
    pub trails_off: bool,
    /// Index of the first word after discourse markers ("so", "okay", "well", "hey").
    pub lead: usize,
    /// It began with "so" — "so you…" is how reflections and summaries often start.
    pub so_lead: bool,
    /// Commas and "and"s: the items of a list, as a summary gathers them.
    pub list_items: u32,
    /// Where each clause after a comma, colon or dash begins (indices into `words`).
    pub clauses: Vec<usize>,
}

impl Sentence {
    /// The words after the discourse markers.
    pub(crate) fn body(&self) -> &[String] {
        &self.words[self.lead..]
    }

    pub(crate) fn has(&self, phrase: &str) -> bool {
        find(&self.words, phrase).is_some()
    }

    pub(crate) fn starts(&self, phrase: &str) -> bool {
        matches_at(self.body(), 0, phrase)
    }

    pub(crate) fn has_word(&self, w: &str) -> bool {
        self.words.iter().any(|x| x == w)
    }
}

/// The typed answer, cleaned and split.
pub(crate) struct Answer {
    pub sentences: Vec<Sentence>,
    pub script: Script,
    /// Words, in order, over all sentences.
    pub word_count: usize,
    /// Words that are neither known English nor the peer's own words, nor a typo of either.
    pub unknown: usize,
    /// Words of another language's common vocabulary.
    pub foreign: usize,
}

#[rustfmt::skip]
const MARKERS: &[&str] = &[
    "so", "and", "but", "ok", "well", "hey", "um", "uh", "umm", "oh", "right", "yeah", "yes", "alright", "hmm", "mm",
    "honestly", "listen", "now", "then", "wow", "gosh", "ah", "aw", "mate", "bro", "dude", "hun", "babe", "hi",
    "hello", "look", "also", "plus", "anyway", "sure", "yep",
];

impl Answer {
    pub(crate) fn new(text: &str, context: &Context) -> Answer {
        let (chunks, script) = normalize::read(&normalize::clean(text));
        let mut sentences = Vec::new();
        let (mut word_count, mut unknown, mut foreign) = (0, 0, 0);
        for mut chunk in chunks {
            normalize::canonical_pairs(&mut chunk.words);
            drop_fillers(&mut chunk.words);
            for w in &mut chunk.words {
                word_count += 1;
                if lexicon::is_known(&w.text) || context.has_word(&w.text) {
                    continue;
                }
                if let Some(c) = context.correct(&w.text) {
                    w.text = c;
                } else if let Some(c) = lexicon::correct(&w.text) {
                    w.text = c.to_owned();
                } else if lexicon::FOREIGN.contains(&w.text.as_str()) {
                    foreign += 1;
                } else if !w.text.bytes().all(|b| b.is_ascii_digit()) {
                    unknown += 1;
                }
            }
            split_run_ons(chunk, &mut sentences);
        }
        Answer { sentences, script, word_count, unknown, foreign }
    }
}

/// Hesitations of speech that carry nothing ("um", "uh", "erm").
const HESITATIONS: &[&str] = &["um", "umm", "uh", "uhm", "er", "erm", "ehm", "hm", "uhh"];

/// Words before "kind of" / "sort of" that make it a noun phrase ("what kind of"), not a hedge.
const KIND_OWNERS: &[&str] = &[
    "what", "which", "a", "the", "this", "that", "any", "some", "every", "no", "same", "one", "another", "his", "her",
    "my", "your", "their", "our", "its", "whatever",
];

/// Spoken fillers removed before reading: hesitations anywhere, "you know" and "I mean" used as
/// fillers, hedging "kind of" / "sort of", and a word or two repeated as speakers restart
/// ("it hasn't, it hasn't really happened", "that's, that's hard").
fn drop_fillers(words: &mut Vec<normalize::Word>) {
    let mut out: Vec<normalize::Word> = Vec::with_capacity(words.len());
    let mut carry_break = false;
    let n = words.len();
    let mut i = 0;
    while i < n {
        let w = words[i].text.as_str();
        let next = words.get(i + 1);
        let next_breaks = next.is_none_or(|x| x.after_break);
        let skip = if HESITATIONS.contains(&w) {
            1
        } else if w == "you" && next.is_some_and(|x| x.text == "know") {
            // "you know, …", "…, you know" and a sentence-initial "you know it sounds like…".
            let after = words.get(i + 2);
            let filler = after.is_none_or(|x| x.after_break)
                || words[i].after_break
                || (out.is_empty() && after.is_some_and(|x| matches!(x.text.as_str(), "it" | "its" | "thats" | "i")));
            if filler { 2 } else { 0 }
        } else if w == "i" && next.is_some_and(|x| x.text == "mean") && out.is_empty() {
            let after = words.get(i + 2).map_or("", |x| x.text.as_str());
            if matches!(after, "it" | "that" | "what" | "") { 0 } else { 2 }
        } else if matches!(w, "kind" | "sort")
            && next.is_some_and(|x| x.text == "of")
            && !out.last().is_some_and(|p: &normalize::Word| KIND_OWNERS.contains(&p.text.as_str()))
            && !out.is_empty()
        {
            2
        } else if words[i].after_break && out.last().is_some_and(|p| p.text == w) {
            1
        } else if words[i].after_break
            && i >= 2
            && next.is_some()
            && out.len() >= 2
            && out[out.len() - 2].text == w
            && out[out.len() - 1].text == words[i + 1].text
        {
            2
        } else {
            0
        };
        // A restart ("you, you tried") is no clause boundary; a filler ("you know, it…") may be.
        let restart = words[i].after_break
            && (out.last().is_some_and(|p| p.text == w)
                || (out.len() >= 2
                    && out[out.len() - 2].text == w
                    && next.is_some_and(|x| x.text == out[out.len() - 1].text)));
        if skip > 0 && restart {
            i += skip;
            continue;
        }
        if skip > 0 {
            carry_break |= words[i].after_break || (skip == 1 && next_breaks && out.is_empty());
            i += skip;
            continue;
        }
        let mut word = words[i].clone();
        word.after_break |= carry_break && !out.is_empty();
        carry_break = false;
        out.push(word);
        i += 1;
    }
    // Only fillers ("um", "uh"): keep them, so the answer reads as heard-but-empty.
    if !out.is_empty() {
        *words = out;
    }
}

/// Words after which a wh-word is part of the sentence, not a new question ("I know what…").
#[rustfmt::skip]
const EMBEDDING: &[&str] = &[
    "know", "wonder", "wondering", "see", "is", "that", "about", "mean", "matter", "matters", "of", "for", "on", "to",
    "understand", "hear", "tell", "sure", "exactly", "no", "remember", "ask", "asking", "asked", "with", "from",
    "imagine", "curious", "explain", "describe", "idea", "thats", "its", "by", "into", "at", "in", "like", "than",
    "care", "decide", "figure", "show", "notice", "noticed", "realise", "realize", "learn", "forget", "love", "want",
    "depends", "unsure", "me", "and", "knows", "hearing", "saying", "said", "say", "out", "where", "nowhere",
    "somewhere", "anywhere", "everywhere", "over", "just", "what", "how", "why", "dont", "didnt", "heard", "is",
    "was", "be", "feel", "felt", "feeling", "think", "thought", "believe", "makes", "made", "doing",
];

/// Splits a chunk typed in one breath where a new question begins ("that sounds hard what
/// happened next", "thats rough do you have anyone"), so word order can show it is a question.
fn split_run_ons(chunk: normalize::Chunk, out: &mut Vec<Sentence>) {
    let words: Vec<String> = chunk.words.iter().map(|w| w.text.clone()).collect();
    let mut start = 0;
    let mut cuts = Vec::new();
    for i in 2..words.len() {
        let (prev, w) = (words[i - 1].as_str(), words[i].as_str());
        let next = words.get(i + 1).map_or("", String::as_str);
        if i - start < 2 || EMBEDDING.contains(&prev) {
            continue;
        }
        let wh_start = matches!(w, "what" | "whats" | "how" | "hows" | "why")
            && (lexicon::is_aux(next)
                || lexicon::SUBJECTS.contains(&next)
                || matches!(next, "happened" | "made" | "helps" | "helped" | "else" | "about" | "kind" | "come"));
        let segment = &words[start..i];
        let subordinate = segment.iter().any(|s| lexicon::WH.contains(&s.as_str()) || s == "if" || s == "because");
        let aux_start = matches!(w, "do" | "did" | "are" | "have" | "has" | "is" | "can" | "could" | "would" | "does")
            && matches!(next, "you" | "he" | "she" | "they" | "anyone" | "there")
            && !subordinate
            && (chunk.words[i].after_break || !chunk.punctuated);
        if wh_start || aux_start {
            cuts.push(i);
            start = i;
        }
    }
    let mut bounds = vec![0];
    bounds.extend(cuts);
    bounds.push(words.len());
    for (n, pair) in bounds.windows(2).enumerate() {
        let last = n + 2 == bounds.len();
        let part = &chunk.words[pair[0]..pair[1]];
        let words: Vec<String> = part.iter().map(|w| w.text.clone()).collect();
        let list_items = part.iter().skip(1).filter(|w| w.after_break || w.text == "and").count() as u32;
        let clauses = part.iter().enumerate().skip(1).filter(|(_, w)| w.after_break).map(|(i, _)| i).collect();
        let mut s = Sentence {
            clauses,
            words,
            question_mark: last && chunk.question_mark,
            exclamation: last && chunk.exclamation,
            trails_off: last && chunk.trails_off,
            list_items,
            ..Sentence::default()
        };
        while s.lead + 1 < s.words.len() && MARKERS.contains(&s.words[s.lead].as_str()) {
            s.so_lead |= s.words[s.lead] == "so";
            s.lead += 1;
        }
        out.push(s);
    }
}

/// Whether `phrase` (space-separated words, `*` for any one word) matches `words` at `at`.
pub(crate) fn matches_at(words: &[String], at: usize, phrase: &str) -> bool {
    let mut i = at;
    for p in phrase.split(' ') {
        match words.get(i) {
            Some(w) if p == "*" || w == p => i += 1,
            _ => return false,
        }
    }
    true
}

/// Where `phrase` first matches in `words`.
pub(crate) fn find(words: &[String], phrase: &str) -> Option<usize> {
    let first = phrase.split(' ').next().unwrap_or("");
    (0..words.len()).find(|&i| (first == "*" || words[i] == first) && matches_at(words, i, phrase))
}

/// A phrase list indexed by first word, so a sentence is matched against hundreds of phrases
/// in a few binary searches. Results are as if the list were tried in order.
pub(crate) struct Phrases {
    pub list: &'static [&'static str],
    index: std::sync::OnceLock<Vec<(u64, usize)>>,
}

/// FNV-1a of a word: integer keys make the first-word lookup cheap.
fn key(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

impl Phrases {
    pub(crate) const fn new(list: &'static [&'static str]) -> Phrases {
        Phrases { list, index: std::sync::OnceLock::new() }
    }

    fn index(&self) -> &[(u64, usize)] {
        self.index.get_or_init(|| {
            let mut v: Vec<(u64, usize)> =
                self.list.iter().enumerate().map(|(i, p)| (key(p.split(' ').next().unwrap_or("")), i)).collect();
            v.sort_unstable();
            v
        })
    }

    /// Every match as (phrase, position), in list order, then by position.
    pub(crate) fn all(&self, words: &[String]) -> Vec<(&'static str, usize)> {
        let index = self.index();
        let mut hits: Vec<(usize, usize)> = Vec::new();
        for (pos, w) in words.iter().enumerate() {
            let k = key(w);
            let start = index.partition_point(|(f, _)| *f < k);
            for &(f, i) in &index[start..] {
                if f != k {
                    break;
                }
                if matches_at(words, pos, self.list[i]) {
                    hits.push((i, pos));
                }
            }
        }
        hits.sort_unstable();
        hits.into_iter().map(|(i, pos)| (self.list[i], pos)).collect()
    }

    /// The first phrase of the list found in the words, with where it starts.
    pub(crate) fn find(&self, words: &[String]) -> Option<(&'static str, usize)> {
        self.all(words).into_iter().next()
    }
}
