//! Whether the answer is English talk at all (docs/classifier.md, "Not recognised"). Another
//! language, gibberish or only emoji gets "not recognised", never a wild guess.

use crate::text::{Answer, Context};

pub(crate) fn unrecognised(answer: &Answer, _context: &Context) -> Option<&'static str> {
    let script = answer.script;
    if answer.word_count == 0 {
        return Some(if script.other > 0 {
            "not recognised: not written in English"
        } else {
            "not recognised: no words to classify (empty, or only symbols or emoji)"
        });
    }
    if script.other > script.ascii_letters {
        return Some("not recognised: not written in English");
    }
    let n = answer.word_count;
    if answer.foreign > 0 && answer.foreign * 2 >= n {
        return Some("not recognised: looks like another language, not English");
    }
    if (answer.unknown + answer.foreign) * 2 > n || (script.accented > 0 && (answer.unknown + answer.foreign) * 3 > n) {
        return Some("not recognised: these don't look like English words");
    }
    None
}
