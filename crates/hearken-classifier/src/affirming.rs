//! Validation, affirmation and asking permission (docs/classifier.md, "Affirming skills").

use crate::text::{Phrases, Sentence};

#[rustfmt::skip]
pub(crate) const VALIDATION_LIST: &[&str] = &[
    "makes sense", "lot of sense", "would * anyone", "shake anyone", "total sense", "complete sense", "perfect sense", "much sense", "make sense", "made sense", "understandable", "no wonder", "of course you", "of course youre",
    "of course youd", "of course its", "of course thats", "anyone would", "anybody would", "anyone in your",
    "anyones heart", "hurt anyone", "break anyone", "for anyone", "who wouldnt", "its ok to", "its alright to",
    "ok to not", "ok not to", "ok to feel", "ok to be", "natural to", "normal to feel", "normal to be",
    "its normal to", "not stupid", "not silly", "not daft", "not weird", "not crazy", "isnt stupid", "isnt silly",
    "isnt weird", "isnt daft", "isnt crazy", "every right", "valid", "thats fair", "fair enough", "not alone in",
    "common to feel", "really common", "lots of people feel", "a lot of people feel", "many people feel",
    "lots of new parents", "nobody deserves", "no one deserves", "deserve better", "deserved better", "deserve to be",
    "thats not ok", "its not ok", "thats outrageous", "so unfair", "thats unfair", "really unfair", "thats not fair",
    "real grief", "whatever youre feeling", "your feelings", "i get why", "i can see why", "i understand why",
    "i can understand why", "totally get", "no timetable", "no right way", "no one gets to", "nobody gets to",
    "nothing wrong with", "not weak", "human reaction", "perfectly normal to", "sense to feel", "doesnt mean youre",
    "doesnt mean you", "doesnt make you", "dont make you", "so common", "very common", "is common", "pretty common",
    "no timeline", "have a timeline", "not allowed to", "likes being told", "would feel the same", "didnt deserve",
    "dont deserve", "doesnt deserve",
];
pub(crate) static VALIDATION: Phrases = Phrases::new(VALIDATION_LIST);

pub(crate) fn validation(s: &Sentence) -> Option<String> {
    VALIDATION
        .all(&s.words)
        .into_iter()
        // "it doesn't make sense to keep taking them" says back the peer's reasoning.
        .find(|(p, i)| {
            !(p.ends_with("sense") && *i > 0 && matches!(s.words[i - 1].as_str(), "doesnt" | "dont" | "didnt" | "not"))
        })
        .map(|(p, _)| format!("'{p}' tells the peer their feeling makes sense"))
}

#[rustfmt::skip]
pub(crate) const AFFIRMATION_LIST: &[&str] = &[
    "took courage", "took guts", "took real courage", "took a lot", "takes courage", "takes guts", "takes a lot",
    "takes something", "honest of you", "says a lot about", "first step", "big step", "a big deal", "you worked for", "worked for that", "you earned", "come a long way", "come so far", "how far youve", "shows real", "that shows", "took something", "took strength", "takes strength", "takes real", "took real", "brave",
    "courage", "courageous", "guts", "proud of you", "proud of yourself", "should be proud", "well done",
    "good on you", "good for you", "achievement", "thats huge", "is huge", "thats massive", "counts for",
    "that counts", "that matters", "says a lot about you", "shows how much you", "the fact you", "the fact that you",
    "thank you for", "thanks for", "im glad you", "im really glad you", "im so glad you", "glad you came",
    "glad you told", "glad you reached", "doing really well", "doing so well", "doing well", "doing great",
    "doing amazing", "lucky to have", 
    "youve kept", "you kept going", "still showing up", "you got yourself", "you managed", "despite",
    "you reached out", "reaching out", "being honest", "being so honest", "being really honest",
    "honest with yourself", "taking it seriously", "resilient", "determined", "hard work", "put in the work",
    "worked hard", "thats love", "credit to you", "impressive", "incredible", "strength", "strong", "you still came",
    "still came in", "you showed up", "showing up", "not nothing", "you care so much", "how much you care",
    "how much you love", "thats something", "effort", "persistence", "persistent", "commitment", "dedication",
    "not easy to", "kept trying", "keep trying", "keep going back", "you put yourself", "did the right thing",
];
pub(crate) static AFFIRMATION: Phrases = Phrases::new(AFFIRMATION_LIST);

pub(crate) fn affirmation(s: &Sentence) -> Option<String> {
    let (p, i) = AFFIRMATION.find(&s.words)?;
    // "you're too strong to relapse" dismisses; it is not recognition.
    if p == "strong" && i > 0 && s.words[i - 1] == "too" {
        return None;
    }
    Some(format!("'{p}' recognises the peer's strength or effort"))
}

#[rustfmt::skip]
pub(crate) const PERMISSION_LIST: &[&str] = &[
    "would it be ok if i", "would it be alright if i", "would it be all right", "is it ok if i", "is it alright if i",
    "can i share", "can i suggest", "can i tell you", "can i offer", "can i give", "can i mention", "could i share",
    "could i suggest", "could i tell you", "could i offer", "may i", "do you mind if i", "would you mind if i",
    "would you like me to", "would you like to hear", "would you like some", "would you like a few",
    "would you like to know", "would you want me to", "do you want me to", "want me to", "would it help if i",
    "would it help to hear", "would it help to talk", "would it help to think", "would it help if we",
    "would you be willing to talk about", "would you be willing to talk a", "would you be willing to hear", "would you be willing to look",
    "would you be willing to discuss", "would you be open to talking", "would you be open to hearing",
    "would you be up for talking", "would that be ok", "if its ok with you", "would it be okay if we",
    "would it be ok if we", "would it be helpful if i", "would it be useful if i", "is it ok if we",
    "if youd like", "only if you want", "if you want to hear", "if thats ok", "would it help if",
];
pub(crate) static PERMISSION: Phrases = Phrases::new(PERMISSION_LIST);

pub(crate) fn asking_permission(s: &Sentence) -> Option<String> {
    PERMISSION.find(&s.words).map(|(p, _)| format!("'{p}' asks before offering"))
}

pub(crate) const PHRASES: &[&[&str]] = &[VALIDATION_LIST, AFFIRMATION_LIST, PERMISSION_LIST];
