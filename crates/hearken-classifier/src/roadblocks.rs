//! Gordon's roadblocks and their relatives: advice, minimizing, judgment, diagnosing, false
//! promises, formal language, changing the subject (docs/classifier.md, "Roadblocks").
//! Each rule returns the plain-words cue a trainee sees.

use crate::lexicon;
use crate::text::{Context, Phrases, Sentence};

/// Advice anywhere in a sentence, including advice phrased as a question.
#[rustfmt::skip]
pub(crate) const ADVICE_LIST: &[&str] = &[
    "you should", "you need to", "you have to", "you must", "you got to", "you ought to", "youd better",
    "you had better", "if i were you", "my advice", "i suggest", "i would suggest", "id suggest", "i recommend",
    "i would recommend", "id recommend", "i would try", "id try", "it might help to", "it would help to",
    "it might help if you", "it would help if you", "might be worth", "it might be good to", "might be a good idea",
    "would be a good idea", "its a good idea to", "the best thing", "the first thing", "what you need is",
    "maybe you should", "maybe you could", "maybe try", "you could try", "you could go", "you could call",
    "you could talk", "you could ask", "you could get", "you could see", "you could look", "you could join",
    "you could apply", "you could write", "you could just", "you could maybe", "you could always",
    "you might want to", "you may want to", "you might try", "how about you", "how about trying", "what about trying",
    "have you tried", "have you thought about", "have you thought of", "have you considered",
    "have you ever thought about", "have you ever considered", "have you looked into", "have you ever tried",
    "could you maybe", "could you try", "can you try", "would you consider", "ever thought about", "try to",
    "try and", "would you be willing to", "would you be open to", "are you willing to", "can help to", "often helps",
    "thing that helps", "thing that might help", "what helps is", "helps to", "you can try", "you can join",
    "you can ask", "you can call", "you can go", "you can get", "maybe you can", "you must to", "youd benefit", "you would benefit", "id encourage you", "i would encourage you",
    "i encourage you", "i want you to", "id like you to",
    "would do you good", "it would be good to", "it would be good for you", "you just have to", "you need some", "you need a", "you need an", "you need more", "you need help", "make sure", "remember to", "dont forget to", "you just need", "just need to", "should try",
    "its important that you", "its important to", "dont you think you should", "shouldnt you",
];
pub(crate) static ADVICE: Phrases = Phrases::new(ADVICE_LIST);

/// Verbs that give an instruction when they open a sentence ("Call your sponsor.").
#[rustfmt::skip]
const IMPERATIVES: &[&str] = &[
    "call", "ring", "text", "go", "get", "try", "take", "talk", "tell", "ask", "stop", "start", "block", "leave",
    "kick", "apply", "join", "book", "check", "contact", "email", "write", "make", "put", "give", "find", "focus",
    "breathe", "relax", "drink", "eat", "sleep", "exercise", "pray", "meditate", "quit", "move", "report", "delete",
    "ignore", "avoid", "cut", "switch", "use", "visit", "download", "reach", "consider", "dress", "set", "wear",
    "plan", "list", "remember", "accept", "forgive", "sit", "distract", "treat", "spend", "save", "update", "speak",
    "promise", "let", "see", "keep", "look", "be", "stay", "walk", "throw", "drop", "hold", "change", "buy", "sign",
    "lock", "hide", "limit", "cancel", "delete", "unfollow", "read", "watch", "listen", "journal", "write",
];

/// Instructions not to do something; "don't worry" and its kin are minimizing instead.
#[rustfmt::skip]
const DONT_DO: &[&str] = &[
    "stop", "put", "go", "give", "use", "drink", "call", "text", "reply", "answer", "leave", "quit", "tell", "do",
    "sign", "agree", "sell", "lend", "drive", "wait", "ignore", "delay", "rush", "skip", "miss", "get", "touch",
];

/// Openers that look like instructions but hold the door open ("take your time", "go on").
#[rustfmt::skip]
const NOT_ADVICE: &[&str] = &[
    "take your time", "take care", "go on", "keep going", "see you", "tell me", "talk me", "walk me", "give me",
    "let me", "feel free", "look at you", "look on", "be honest with me", "stay with me", "listen to you",
    "keep talking", "let it out", "see you", "get over", "look after yourself", "say more", "be kind to yourself",
    "get that", "ask me", "call me", "stay safe", "let us",
];

/// Adverbs that may stand between "you" and its modal: "you really need to", "you just should".
const MODAL_ADVERBS: &[&str] =
    &["really", "just", "definitely", "honestly", "seriously", "actually", "absolutely", "totally", "probably", "so"];

/// Verbs after "would you be willing to" that ask to talk, not to act: asking permission.
const TALK_VERBS: &[&str] = &["talk", "hear", "discuss", "look", "explore", "share", "think", "chat", "go", "spend"];

/// The sentence's words with adverbs after "you" left out, so "you really need to" reads as
/// "you need to".
fn without_modal_adverbs(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for w in words {
        if MODAL_ADVERBS.contains(&w.as_str()) && out.last().is_some_and(|p| p == "you" || p == "youd") {
            continue;
        }
        out.push(w.clone());
    }
    out
}

pub(crate) fn advice(s: &Sentence) -> Option<String> {
    let b = s.body();
    let first = b.first().map_or("", String::as_str);
    if crate::question::why_suggestion(s) {
        return Some("'why don't you' is a suggestion, not a question about them".into());
    }
    if crate::question::what_if_suggestion(s) {
        return Some("'what if you…' offers a suggestion".into());
    }
    let words = without_modal_adverbs(&s.words);
    for (p, i) in ADVICE.all(&words) {
        {
            // "what you have to say", "you must be exhausted", "you should be proud" are not advice.
            let before = if i > 0 { words[i - 1].as_str() } else { "" };
            let after = words.get(i + p.split(' ').count()).map_or("", String::as_str);
            let reflective = matches!(p, "you must" | "you have to" | "you should")
                && matches!(after, "be" | "have" | "feel" | "know" | "of" | "hear" | "say");
            // "what else have you tried", "when did you last try to quit": asking, not advising.
            let asking = matches!(before, "else" | "how" | "which" | "when" | "where" | "who" | "why")
                || (matches!(p, "try to" | "try and")
                    && matches!(
                        before,
                        "did"
                            | "do"
                            | "does"
                            | "you"
                            | "i"
                            | "we"
                            | "they"
                            | "he"
                            | "she"
                            | "last"
                            | "ever"
                            | "first"
                            | "to"
                            | "will"
                            | "would"
                            | "might"
                            | "tried"
                            | "trying"
                            | "still"
                    ));
            let after2 = words.get(i + p.split(' ').count() + 1).map_or("", String::as_str);
            let to_talk = matches!(p, "would you be willing to" | "would you be open to" | "are you willing to")
                && TALK_VERBS.contains(&after)
                && (after != "talk" || matches!(after2, "about" | "through" | "a" | "more" | "with"));
            // "so you can get a break", "if you need to talk": a purpose or condition, not an instruction.
            let subordinate = p.starts_with("you ")
                && matches!(before, "so" | "if" | "when" | "until" | "because" | "where" | "whether" | "unless");
            if matches!(before, "what" | "whatever" | "all" | "everything" | "dont" | "not")
                || reflective
                || asking
                || to_talk
                || subordinate
            {
                continue;
            }
            return Some(format!("'{p}' offers a fix the peer didn't ask for"));
        }
    }
    if let Some(cue) = imperative_at(s, s.lead) {
        return Some(cue);
    }
    // An instruction after a comma: "he'll come around, give him time".
    for &c in &s.clauses {
        if c > s.lead
            && let Some(cue) = imperative_at(s, c)
        {
            return Some(cue);
        }
    }
    let _ = first;
    None
}

/// An instruction opening the words at `at` ("Call your sponsor", "just breathe").
fn imperative_at(s: &Sentence, at: usize) -> Option<String> {
    let b = &s.words[at..];
    let first = b.first().map_or("", String::as_str);
    if NOT_ADVICE.iter().any(|p| crate::text::matches_at(b, 0, p)) {
        return None;
    }
    let (verb, rest) = match first {
        "just" | "maybe" | "please" | "definitely" | "honestly" => (b.get(1).map_or("", String::as_str), 2),
        _ => (first, 1),
    };
    let next = b.get(rest).map_or("", String::as_str);
    let imperative = match verb {
        "dont" => DONT_DO.contains(&next),
        "see" | "have" => matches!(next, "a" | "your" | "someone" | "the" | "if"),
        "keep" => matches!(next, "a" | "your" | "busy" | "trying" | "away" | "it"),
        "look" => matches!(next, "into" | "for" | "up" | "online"),
        "be" => matches!(next, "strong" | "positive" | "honest" | "careful" | "grateful" | "brave"),
        "stay" => matches!(next, "strong" | "positive" | "busy" | "away" | "off"),
        "let" => matches!(next, "it" | "go" | "them" | "him" | "her"),
        "" => false,
        v => IMPERATIVES.contains(&v),
    };
    // A bare verb before "you" is a question missing its auxiliary, not an instruction.
    if imperative && (next != "you" || matches!(verb, "tell" | "let")) && !s.question_mark {
        let shown = if verb == "dont" { format!("don't {next}") } else { verb.to_owned() };
        return Some(format!("starts with an instruction ('{shown}')"));
    }
    if imperative && s.question_mark && first == "just" {
        return Some(format!("'just {verb}' tells the peer what to do"));
    }
    None
}

#[rustfmt::skip]
pub(crate) const MINIMIZING_LIST: &[&str] = &[
    "at least", "dont worry", "do not worry", "dont stress", "no need to worry", "nothing to worry", "wouldnt worry",
    "not that bad", "cant be that bad", "not so bad", "isnt so bad", "isnt that bad", "could be worse",
    "could have been worse", "couldve been worse", "a lot worse", "everything will be", "everything is going to be",
    "everythings going to be", "everything is gonna be", "itll be fine", "itll be ok", "itll be alright", "itll all",
    "itll pass", "it will pass", "will get better", "itll get better", "things will work out", "it all works out",
    "youll be fine", "youll be ok", "youll be alright", "youll get over", "get over it", "youll feel better",
    "youll find another", "youll find someone", "youll get used", "get used to it", "plenty more", "fish in the sea",
    "better off without", "better place", "bright side", "cheer up", "look on the", "no big deal", "not a big deal",
    "its nothing", "probably nothing", "just a phase", "a phase", "everything happens", "has a plan", "time heals",
    "stay positive", "think positive", "be positive", "dont be sad", "dont cry", "dont take it personally",
    "dont let them get", "dont let it get", "try not to take", "try not to think", "dont feel guilty",
    "dont feel bad", "dont be so hard", "dont be too hard", "too hard on yourself", "dont be silly", "thats silly",
    "dont talk like that", "so much to live for", "nobody thinks that", "no one thinks that",
    "of course they wouldnt", "you dont really", "you wouldnt do that", "too strong to", "youre too strong",
    "way too strong", "not your fault", "nothing you could", "im sure", "im certain", "probably just", "its probably",
    "harmless", "meant well", "dont mean anything", "didnt mean anything", "doesnt undo", "doesnt change anything",
    "will turn up", "always does", "come around", "be back", "settle down", "wear off", "go away",
    "not the end of the world", "not a death sentence", 
    "enjoy the", "youve got me", "you have me", "not alone anymore", "isnt everything", "rules are rules",
    "make the rules", "the expert", "knows best", "are like that", "is like that", "do that all the time", "just a",
    "its just", "are just", "its only", "only a", "just stress", "cold feet", "everyone has", "everyone gets",
    "everyone goes", "everyone feels", "everyone forgets", "everybody has", "everybody gets", "everybody goes",
    "every new", "all parents", "all couples", "happens to everyone", "lots of people are", "loads of people",
    "plenty of people", "people do fine", "get a new", "still doing great", "its fine", "youre fine", "it gets easier", "gets better", "for the best", "chin up", "nothing to be scared", "got nothing to worry", "isnt that much", "not that much", "a blessing", "even better", "normal lives", "live normal", "jump to conclusions", "overthink", "youll smash", "youll nail", "youll ace", "grow out of", "will have forgotten", "youll forget", "no one will remember", "nobody will remember", "could be a blessing", "silver lining", "happens for a reason", "going to be ok", "gonna be ok", "going to be fine", "overthinking",
    "it happens", "on their own timeline", "could always be worse", "others have it worse", "people have it worse",
    "worse off", "be grateful", "count your blessings", "look at the positives", "for sure", "always next",
    "youre lucky", "lucky it", "you got this", "youve got this", "dont read into", "always say that",
];
pub(crate) static MINIMIZING: Phrases = Phrases::new(MINIMIZING_LIST);

/// Outcomes promised by "you'll…", "it'll…", "things will…": reassurance about a future no one
/// can see brushes the present feeling aside.
const GOOD_OUTCOMES: &[&str] = &[
    "fine",
    "ok",
    "grand",
    "alright",
    "better",
    "easier",
    "great",
    "brilliant",
    "smash",
    "nail",
    "ace",
    "sorted",
    "forget",
    "forgotten",
    "over",
    "used",
    "through",
    "pass",
    "find",
    "around",
    "round",
    "happy",
];

pub(crate) fn minimizing(s: &Sentence) -> Option<String> {
    let b = s.body();
    let first = b.first().map_or("", String::as_str);
    // "It's normal, lots of people…" brushes aside; "it's normal to feel…" validates.
    if let Some(i) = crate::text::find(&s.words, "its normal")
        && !matches!(s.words.get(i + 2).map(String::as_str), Some("to" | "that" | "for" | "when" | "if"))
    {
        return Some("'it's normal' treats the problem as nothing special".into());
    }
    if matches!(first, "youll" | "itll" | "hell" | "shell" | "theyll" | "things" | "everything" | "everythings")
        && b.iter().take(5).any(|w| GOOD_OUTCOMES.contains(&w.as_str()))
        && !s.question_mark
    {
        return Some(format!(
            "'{first} … {}' promises it will pass, brushing the feeling aside",
            b[1..].iter().find(|w| GOOD_OUTCOMES.contains(&w.as_str())).map_or("", String::as_str)
        ));
    }
    // "Family is family", "rules are rules": a shrug, not an answer.
    if let [x, is, y, ..] = b
        && x == y
        && matches!(is.as_str(), "is" | "are" | "will")
        && !lexicon::is_stopword(x)
    {
        return Some(format!("'{x} {is} {y}' shrugs the problem off"));
    }
    let (p, i) = MINIMIZING.find(&s.words)?;
    // "it's normal" brushes aside; "it's normal to feel" validates.
    let after = s.words.get(i + p.split(' ').count()).map_or("", String::as_str);
    if p == "im sure" && matches!(after, "that" | "what" | "how" | "youre" | "you") && !s.has("youll") {
        return None;
    }
    if matches!(p, "just a" | "its just" | "are just") && s.has_word("not") {
        return None;
    }
    // "It's only been a few months" stresses how recent it is; it does not shrink it.
    if matches!(p, "its only" | "only a") && matches!(after, "been" | "natural" | "human") {
        return None;
    }
    // "…the worst of it happens while they're asleep": "it happens" is a shrug only as a close.
    if p == "it happens" && !matches!(after, "" | "to" | "sometimes" | "all" | "though" | "mate") {
        return None;
    }
    let _ = first;
    Some(format!("'{p}' brushes the feeling aside"))
}

#[rustfmt::skip]
pub(crate) const JUDGMENT_LIST: &[&str] = &[
    "what were you thinking", "how could you",
    "your own fault", "its your fault", "you brought", "yourself to blame", "ashamed of yourself", "a sin", "grow up",
    "man up", "too sensitive", "know better", "no excuse", "making excuses", "thats on you", "you chose",
    "enabling", "not love", "not healthy", "hard enough", "too many", "you know it", "you cant talk to",
    "calm down", "cocky", "should know", "were you not",
    "why would you", "someone like that", 
    "take responsibility", 
    "take this more seriously", "really not ok", "thats not right", "thats wrong", "was wrong", 
    "overreacting", "youre the one who", "thats what happens when", "what did you expect", "you cant expect", "how did you not", "have you not", "did you not", "strict enough", "your own doing", "asking for it", "should be ashamed", "your problem", "not normal", "over the top", "attention seeking", "bad choice", "bad decision",
    "poor choice", "only yourself", "blame yourself for", "you did commit", "you did do", "you did it",
    "still a problem", "cant keep telling yourself", "in denial", "no excuse", "not really an excuse",
    "responsible for your own",
];
pub(crate) static JUDGMENT: Phrases = Phrases::new(JUDGMENT_LIST);

/// Labels for the person rather than the act; negated ("not stupid") they validate instead.
#[rustfmt::skip]
const JUDGING_WORDS: &[&str] = &[
    "selfish", "irresponsible", "careless", "reckless", "dumb", "lazy", "ungrateful", "pathetic", "ridiculous",
    "immature", "naive", "coward", "cowardly", "stupid", "unhealthy", "sinful", "disgusting", "shameful", "weak",
    "dramatic", "needy", "clingy", "idiot", "idiotic", "foolish",
];

/// Virtues that, denied of the peer's choices, judge them ("not a very responsible way").
const VIRTUES: &[&str] = &["responsible", "sensible", "mature", "wise", "smart", "acceptable", "reasonable", "clever"];

const NEGATORS: &[&str] =
    &["not", "isnt", "wasnt", "arent", "never", "no", "nothing", "doesnt", "dont", "didnt", "wont", "cant", "werent"];

pub(crate) fn judgment(s: &Sentence, context: &Context) -> Option<String> {
    if let Some((p, _)) = JUDGMENT.find(&s.words) {
        return Some(format!("'{p}' judges the peer"));
    }
    for (i, w) in s.words.iter().enumerate() {
        if VIRTUES.contains(&w.as_str())
            && s.words[i.saturating_sub(3)..i].iter().any(|n| NEGATORS.contains(&n.as_str()))
            && !s.words[..i].iter().any(|n| matches!(n.as_str(), "feel" | "feeling" | "felt" | "im" | "i"))
        {
            return Some(format!("'not … {w}' judges what the peer did"));
        }
    }
    // "You should have…" blames; said back from the peer's own "I should have", it reflects.
    for (i, w) in s.words.iter().enumerate() {
        let past = matches!(w.as_str(), "shouldve" | "shouldntve")
            || (matches!(w.as_str(), "should" | "shouldnt")
                && s.words.get(i + 1).is_some_and(|h| h == "have" || h == "of"));
        if past
            && s.words[i.saturating_sub(3)..i].iter().any(|y| y == "you")
            && !context.has_word("should")
            && !context.has_word("shouldve")
        {
            return Some(format!("'you {w} have' blames the peer for the past"));
        }
    }
    for (i, w) in s.words.iter().enumerate() {
        if JUDGING_WORDS.contains(&w.as_str()) && !context.has_word(w) {
            let window = &s.words[i.saturating_sub(3)..i];
            let negated = window.iter().any(|n| NEGATORS.contains(&n.as_str()));
            // "you feel stupid" reports a feeling; it does not call them stupid.
            let felt = window.iter().any(|n| matches!(n.as_str(), "feel" | "feeling" | "felt" | "feels"));
            if !negated && !felt {
                return Some(format!("'{w}' labels the peer or what they did"));
            }
        }
    }
    None
}

/// Words that attribute a label: with a diagnosis they diagnose.
pub(crate) fn diagnosing(s: &Sentence, context: &Context) -> Option<String> {
    let b = s.body();
    let first = b.first().map_or("", String::as_str);
    let about_self = matches!(first, "i" | "my" | "me" | "ive" | "im" | "when" | "mine")
        && !s.words.iter().any(|w| matches!(w.as_str(), "you" | "youre" | "your" | "youve"));
    if about_self {
        return None;
    }
    // "Loneliness can lead to depression" informs about a risk; it labels no one.
    s.words
        .iter()
        .enumerate()
        .find(|(i, w)| {
            let before = &s.words[i.saturating_sub(2)..*i];
            let risk = matches!(before, [x, t] if matches!(x.as_str(), "lead" | "leads" | "led" | "risk") && matches!(t.as_str(), "to" | "of"))
                || before.last().is_some_and(|x| matches!(x.as_str(), "cause" | "causes" | "trigger" | "triggers"));
            lexicon::DIAGNOSES.contains(&w.as_str()) && !context.said(w) && !risk
        })
        .map(|(_, w)| format!("puts a label on the peer ('{w}')"))
}

#[rustfmt::skip]
pub(crate) const FALSE_PROMISES_LIST: &[&str] = &[
    "i promise", "promise you", "i guarantee", "guaranteed", "i swear", "wont tell anyone", "wont tell anybody",
    "wont tell a soul", "stays between us", "stay between us", "between you and me", "just between us",
    "nobody will know", "no one will know", "no one will find out", "nothing bad will happen",
    "ill make sure nothing", "ill make sure they", "ill make sure you", "ill fix", "youll definitely",
    "it will definitely", "i wont tell",
];
pub(crate) static FALSE_PROMISES: Phrases = Phrases::new(FALSE_PROMISES_LIST);

pub(crate) fn false_promise(s: &Sentence) -> Option<String> {
    FALSE_PROMISES.find(&s.words).map(|(p, _)| format!("'{p}' promises what can't be kept"))
}

#[rustfmt::skip]
pub(crate) const FORMAL: &[&str] = &[
    "individuals", "utilise", "utilize", "appropriate", "escalate", "compliant", "compliance", "regimen",
    "prescribed", "procedure", "eligibility", "determine", "sanctions", "claimants", "claimant", "pursuant",
    "accordance", "facilitate", "ascertain", "intervention", "protocol", "mandated", "required", "guidance",
    "presenting", "referral", "adhere", "adherence", "recurrence", "symptomatology", "therapeutic", "modality",
    "commence", "regarding", "furthermore", "hereby", "outcomes", "policy", "disorders", "assessment", "client",
    "service user", "substance use", "chronic", "prognosis", "cohort", "implement", "criteria", "obligations", "mandatory", "reconsideration", "calendar", "entitled", "entitlement", "eligible", "documentation", "submit", "submission",
];

/// Strong alone: bureaucratic set phrases.
const FORMAL_PHRASES_LIST: &[&str] =
    &["it is important that", "its important that you", "in accordance with", "appropriate channels", "in line with"];
static FORMAL_PHRASES: Phrases = Phrases::new(FORMAL_PHRASES_LIST);

pub(crate) fn formal(s: &Sentence, context: &Context) -> Option<String> {
    if let Some((p, _)) = FORMAL_PHRASES.find(&s.words) {
        return Some(format!("'{p}' sounds like an office, not a peer"));
    }
    let hits: Vec<&String> = s.words.iter().filter(|w| FORMAL.contains(&w.as_str()) && !context.said(w)).collect();
    if hits.len() >= 2 {
        return Some(format!("clinical or official words ('{}', '{}') put distance", hits[0], hits[1]));
    }
    None
}

#[rustfmt::skip]
const TOPIC_CHANGES_LIST: &[&str] = &[
    "on another note", "changing the subject", "change the subject", "by the way", "talk about something else",
    "enough about", "moving on", "on a lighter note", "speaking of", "something more cheerful",
    "lets talk about something",
];
static TOPIC_CHANGES: Phrases = Phrases::new(TOPIC_CHANGES_LIST);

pub(crate) fn topic_change(s: &Sentence) -> Option<String> {
    if matches!(s.words.first().map(String::as_str), Some("anyway" | "anyways")) {
        return Some("'anyway' steers away from what the peer raised".into());
    }
    TOPIC_CHANGES.find(&s.words).map(|(p, _)| format!("'{p}' steers away from what the peer raised"))
}

pub(crate) const PHRASES: &[&[&str]] = &[
    ADVICE_LIST,
    IMPERATIVES,
    DONT_DO,
    NOT_ADVICE,
    MINIMIZING_LIST,
    JUDGMENT_LIST,
    JUDGING_WORDS,
    FALSE_PROMISES_LIST,
    FORMAL,
    FORMAL_PHRASES_LIST,
    TOPIC_CHANGES_LIST,
];
