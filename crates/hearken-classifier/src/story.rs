//! The listener's own story: self-disclosure when it is short and hands the turn back, hijacking
//! when the conversation becomes about the speaker (docs/classifier.md, "Own story").

use crate::lexicon;
use crate::text::{Phrases, Sentence};

/// Phrases that tell the listener's own experience wherever they stand.
#[rustfmt::skip]
const STORY_LIST: &[&str] = &[
    "happened to me", "me too", "same here", "same thing happened", "i know exactly", "i went through",
    "i remember when", "i remember my", "i used to", "ive been there", "ive been through", "i have been through",
    "when i was", "when my", "i had the same", "i was the same", "i did the same", "i know what thats like",
    "i know how you feel", "i know what its like", "happened with my", "my own", "im the same", "same with me", "same for me", "ive been in",
];
static STORY: Phrases = Phrases::new(STORY_LIST);

/// "I …" openers that are about listening to the peer, not the listener's life.
#[rustfmt::skip]
const STANCES: &[&str] = &[
    "i hear", "im sorry", "im so sorry", "im really sorry", "i understand", "i get", "i can", "i think", "i wonder",
    "im wondering", "im here", "im glad", "im really glad", "im so glad", "im sure", "i promise", "i wont", "i will",
    "im not", "i dont know", "im worried", "i care", "i want", "id like", "id love", "i feel for", "i notice",
    "i noticed", "i see", "i appreciate", "im curious", "i wanted to", "i need to", "im going to", "i have to ask",
    "im asking", "i just want", "i guess", "i imagine", "i mean", "ill", "i would", "id", "im proud", "i believe",
    "i love", "i didnt hear", "i didnt mean", "i shouldnt", "i jumped", "i was wondering", "i heard you", "i know",
    "i really", "i am", "i do", "i didnt", "i couldnt", "im listening", "im with you",
];

const SECOND_PERSON: &[&str] = &["you", "youre", "your", "youve", "youd", "youll", "yourself", "yours"];

fn about_peer(s: &Sentence) -> bool {
    s.words.iter().any(|w| SECOND_PERSON.contains(&w.as_str()))
}

fn is_story(s: &Sentence) -> bool {
    if STORY.find(&s.words).is_some() && !s.has("when you") {
        return true;
    }
    let b = s.body();
    let first = b.first().map_or("", String::as_str);
    let when_i = first == "when" && b.get(1).is_some_and(|w| w == "i" || w == "my");
    if !(matches!(first, "i" | "ive" | "my" | "im" | "me" | "we" | "mine") || when_i) || about_peer(s) {
        return false;
    }
    if STANCES.iter().any(|p| s.starts(p)) && !s.has("too") {
        return false;
    }
    b.iter().any(|w| {
        lexicon::PAST.contains(&w.as_str())
            || (w.len() >= 5 && w.ends_with("ed") && !lexicon::is_feeling(w))
            || matches!(w.as_str(), "too" | "also")
    })
}

/// Hijacking or self-disclosure, with the cue, if the answer tells the listener's own story.
pub(crate) fn own_story(sentences: &[Sentence]) -> Option<(&'static str, String)> {
    let stories: Vec<bool> = sentences.iter().map(is_story).collect();
    let start = stories.iter().position(|s| *s)?;
    let opening: Vec<&str> = sentences[start].body().iter().take(4).map(String::as_str).collect();
    let mut story_words = 0;
    let mut returns = false;
    let mut in_story = true;
    for (s, story) in sentences[start..].iter().zip(&stories[start..]) {
        if *story || (in_story && !about_peer(s) && !s.question_mark) {
            story_words += s.words.len();
        } else {
            in_story = false;
            returns |= about_peer(s) || s.question_mark;
        }
    }
    let trails = sentences.last().is_some_and(|s| s.trails_off && !s.question_mark);
    let insists = sentences[start..].iter().any(|s| s.has("exactly") || s.has("exact same") || s.has("same thing"));
    let hijack =
        if returns { story_words >= 35 } else { story_words >= 19 || trails || (insists && story_words >= 10) };
    let quote = opening.join(" ");
    if hijack {
        Some(("hijacking", format!("turns the conversation to the speaker's own story ('{quote}')")))
    } else {
        Some(("self-disclosure", format!("shares a little of the speaker's own experience ('{quote}')")))
    }
}

pub(crate) const PHRASES: &[&[&str]] = &[STORY_LIST, STANCES];
