//! Word lists shared by the rules: feelings, function words, diagnoses, risk words, verbs.
//! All words are lowercase with apostrophes removed, as `normalize` leaves them.

use std::sync::OnceLock;

const ENGLISH: &str = include_str!("english.txt");

/// Auxiliary and modal verbs: a question inverts one of these before its subject.
#[rustfmt::skip]
pub(crate) const AUX: &[&str] = &[
    "do", "does", "did", "are", "is", "was", "were", "have", "has", "had", "can", "could", "would", "will", "should",
    "shall", "may", "might", "dont", "doesnt", "didnt", "arent", "isnt", "wasnt", "werent", "havent", "hasnt", "cant",
    "couldnt", "wouldnt", "wont", "shouldnt", "am",
];

pub(crate) fn is_aux(w: &str) -> bool {
    AUX.contains(&w)
}

/// Words that can stand as the subject after an inverted auxiliary ("are *you*", "is *it*").
#[rustfmt::skip]
pub(crate) const SUBJECTS: &[&str] = &[
    "you", "he", "she", "it", "they", "we", "i", "there", "that", "this", "anyone", "anybody", "someone", "somebody",
    "your", "the", "my", "his", "her", "their", "any", "anything", "everything", "things", "people", "everyone",
    "she", "ya", "u", "things", "something", "nobody", "no", "what",
];

/// Words that start a question: the wh-words.
pub(crate) const WH: &[&str] =
    &["what", "whats", "how", "hows", "why", "when", "where", "who", "whos", "which", "whose", "wheres", "whens"];

/// Function words and light verbs: they carry no content of their own, so they never count as
/// "saying back" the peer's words.
#[rustfmt::skip]
pub(crate) const STOPWORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "arent", "as", "at", "be",
    "because", "been", "before", "being", "but", "by", "can", "cant", "could", "couldnt", "did", "didnt", "do",
    "does", "doesnt", "doing", "dont", "even", "ever", "every", "for", "from", "get", "gets", "getting", "go", "goes",
    "going", "got", "had", "has", "have", "having", "he", "hed", "her", "here", "hers", "hes", "him", "his", "how",
    "i", "id", "if", "im", "in", "into", "is", "isnt", "it", "its", "itll", "ive", "just", "kind", "know", "like",
    "lot", "make", "me", "more", "much", "my", "myself", "no", "not", "now", "of", "off", "oh", "ok", "on", "one",
    "only", "or", "other", "our", "out", "over", "pretty", "quite", "really", "right", "said", "say", "says", "she",
    "shes", "should", "so", "some", "something", "still", "such", "than", "that", "thats", "the", "their", "them",
    "then", "there", "theres", "these", "they", "theyre", "thing", "things", "think", "this", "those", "to", "too",
    "up", "us", "very", "was", "wasnt", "way", "we", "well", "were", "what", "whats", "when", "where", "which",
    "while", "who", "why", "will", "with", "wont", "would", "wouldnt", "yeah", "yes", "you", "youd", "youll", "your",
    "youre", "yours", "yourself", "youve", "feel", "feels", "feeling", "felt", "sounds", "sound", "seems", "seem",
    "must", "guess", "maybe", "bit", "mean", "anything", "everything", "nothing", "someone", "anyone", "everyone",
    "though", "would", "ll", "s", "t", "ve", "re", "d", "m", "been", "made",
];

/// Feeling and felt-experience words. Naming one the peer did not say is the clearest sign of a
/// complex reflection; saying back one they did is a simple one.
#[rustfmt::skip]
pub(crate) const FEELINGS: &[&str] = &[
    "sad", "sadness", "angry", "anger", "mad", "furious", "rage", "resentful", "resentment", "bitter", "scared",
    "afraid", "fear", "frightened", "frightening", "terrified", "terrifying", "terror", "anxious", "worried", "worry",
    "worrying", "nervous", "panicky", "panicking", "dread", "dreading", "lonely", "loneliness", "alone", "isolated",
    "isolating", "ashamed", "shame", "guilty", "guilt", "embarrassed", "humiliated", "humiliating", "hurt", "hurting",
    "hurts", "pain", "painful", "exhausted", "exhausting", "exhaustion", "tired", "worn", "drained", "draining",
    "overwhelmed", "overwhelming", "stressed", "stressful", "frustrated", "frustrating", "fed", "hopeless",
    "helpless", "powerless", "trapped", "stuck", "torn", "confused", "confusing", "lost", "empty", "numb",
    "heartbroken", "heartbreaking", "devastated", "devastating", "grief", "grieving", "betrayed", "betrayal",
    "rejected", "abandoned", "unwanted", "invisible", "unheard", "judged", "misunderstood", "jealous", "proud",
    "pride", "relieved", "relief", "happy", "hopeful", "hope", "excited", "grateful", "surprised", "shocked", "shock",
    "disappointed", "disappointment", "desperate", "upset", "upsetting", "scary", "heavy", "burden", "torture",
    "unsafe", "insecure", "worthless", "failure", "small", "panic", "miss", "missing", "longing", "regret", "tough",
    "rough", "awful", "horrible", "grim", "crushing", "homesick", "restless", "tense", "irritated", "annoyed",
    "shaken", "reeling", "raw", "unsettled", "uneasy", "vulnerable", "exposed", "defeated", "demoralised",
    "demoralized", "hard", "difficult", "frightening", "lonely", "heartbreak", "distressing", "distressed", "sick",
    "broken", "crushed", "bewildered", "furious", "livid", "gutted", "miserable", "unhappy", "depressed", "low",
    "down", "blue", "terrible", "nightmare", "agony", "afraid", "worn", "weary", "fragile", "shut", "ignored",
    "dismissed", "unfair", "guilty", "conflicted", "ambivalent", "unsure", "uncertain", "pressure", "pressured",
    "blindsided", "cheated", "robbed", "punished", "powerless", "invisible", "trapped", "helpless", "grieve",
    "mourning", "love", "loved", "care", "cares", "caring", "frozen", "discouraging", "discouraged", "disheartening",
    "insulting", "insulted", "stress", "humiliation", "afraid", "gutting", "crushing", "wiped", "fear",
];

/// Words that name a diagnosis or a clinical label.
#[rustfmt::skip]
pub(crate) const DIAGNOSES: &[&str] = &[
    "depression", "ptsd", "bipolar", "adhd", "ocd", "psychosis", "psychotic", "schizophrenia", "schizophrenic",
    "narcissist", "narcissistic", "codependent", "codependency", "alcoholic", "addict", "borderline", "bpd",
    "dementia", "anorexia", "anorexic", "bulimia", "bulimic", "manic", "mania", "paranoid", "paranoia", "delusional",
    "insomnia", "sociopath", "psychopath", "autistic", "autism", "disorder", "postnatal", "postpartum", "agoraphobia",
    "hypochondriac", "trauma", "dependence", "dependency", "traumatised", "traumatized", "burnout",
];

/// Words in the peer's talk that raise risk: a safety question is then what "is anyone with
/// you" or "do you have a plan" is.
#[rustfmt::skip]
pub(crate) const RISK: &[&str] = &[
    "die", "dying", "dead", "kill", "killing", "suicide", "suicidal", "pills", "overdose", "cutting", "cut", "harm",
    "hurt", "end", "point", "better", "wall", "bridge", "rope", "gun", "jump", "disappear", "gone",
];

/// Irregular past-tense verbs: a first-person sentence with one tells a story.
#[rustfmt::skip]
pub(crate) const PAST: &[&str] = &[
    "was", "were", "had", "did", "went", "got", "lost", "felt", "came", "took", "left", "saw", "thought", "knew",
    "found", "spent", "stole", "sold", "told", "said", "made", "gave", "kept", "became", "began", "broke", "brought",
    "bought", "fell", "fought", "heard", "met", "paid", "quit", "ran", "sat", "slept", "spoke", "stood", "threw",
    "woke", "won", "wore", "wrote", "drank", "drove", "ate", "hit", "cried", "died", "tried", "used", "couldnt",
    "didnt", "wasnt", "hadnt", "wouldnt",
];

/// Sorted, deduplicated: the common-word list plus every word the rules mention.
fn vocabulary() -> &'static [&'static str] {
    static VOCAB: OnceLock<Vec<&'static str>> = OnceLock::new();
    VOCAB.get_or_init(|| {
        let mut v: Vec<&'static str> =
            ENGLISH.lines().filter(|l| !l.starts_with('#')).flat_map(str::split_whitespace).collect();
        for list in [AUX, SUBJECTS, WH, STOPWORDS, FEELINGS, DIAGNOSES, RISK, PAST] {
            v.extend_from_slice(list);
        }
        for group in crate::label::ALL_PHRASES {
            for list in group.iter() {
                for p in list.iter() {
                    v.extend(p.split(' ').filter(|w| *w != "*" && !w.is_empty()));
                }
            }
        }
        v.sort_unstable();
        v.dedup();
        v
    })
}

/// Whether a word is in the English vocabulary the classifier knows.
pub(crate) fn is_known(w: &str) -> bool {
    vocabulary().binary_search(&w).is_ok()
}

/// The vocabulary word a typo most likely meant, if exactly one edit away (a neighbouring-letter
/// swap only, for words under five letters, where any other edit makes another real word).
/// Deterministic: the first match in alphabetical order.
pub(crate) fn correct(w: &str) -> Option<&'static str> {
    if w.len() < 3 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let first = w.as_bytes()[0];
    let second = w.as_bytes()[1];
    vocabulary().iter().copied().find(|v| {
        let vb = v.as_bytes();
        vb.len().abs_diff(w.len()) <= 1
            && vb.len() >= 3
            && (vb[0] == first || (vb[0] == second && vb.len() > 1 && vb[1] == first))
            && if w.len() < 5 || v.len() < 5 {
                crate::normalize::is_transposition(w, v)
            } else {
                crate::normalize::within_one_edit(w, v)
            }
    })
}

/// A list sorted once, for binary search: these lookups run for every word of every answer.
fn sorted(cell: &'static OnceLock<Vec<&'static str>>, list: &'static [&'static str]) -> &'static [&'static str] {
    cell.get_or_init(|| {
        let mut v = list.to_vec();
        v.sort_unstable();
        v.dedup();
        v
    })
}

pub(crate) fn is_feeling(w: &str) -> bool {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    sorted(&CELL, FEELINGS).binary_search(&w).is_ok()
}

pub(crate) fn is_stopword(w: &str) -> bool {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    sorted(&CELL, STOPWORDS).binary_search(&w).is_ok()
}

/// Words of another language that a short answer in that language is made of.
#[rustfmt::skip]
pub(crate) const FOREIGN: &[&str] = &[
    "que", "como", "estas", "esta", "hola", "gracias", "muy", "pero", "por", "para", "siento", "mucho", "tal", "bien",
    "eres", "tienes", "wie", "geht", "es", "dir", "ich", "du", "und", "nicht", "das", "ist", "der", "die", "verstehe",
    "dich", "heute", "je", "tu", "comprends", "cest", "est", "pas", "et", "vous", "suis", "ca", "le", "la", "les",
    "des", "une", "difficile", "bonjour", "merci", "ciao", "sei", "stai", "come", "tudo", "voce", "obrigado", "nao",
    "ne", "jak", "sie", "masz", "el", "los", "las", "una", "del", "con", "lo",
];
