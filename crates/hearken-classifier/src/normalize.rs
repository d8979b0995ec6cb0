//! From what a trainee really types to clean words: control characters and emoji dropped,
//! lowercase, apostrophes removed ("don't" and "dont" become one word), text-speak spelled out,
//! and a few two-word forms joined ("you are" reads like "you're").

/// One word as the classifier reads it, with the punctuation that stood just before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub text: String,
    /// A comma, colon or dash stood between this word and the one before.
    pub after_break: bool,
}

/// A run of words up to a full stop, question mark, exclamation mark, semicolon or line end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Chunk {
    pub words: Vec<Word>,
    pub question_mark: bool,
    pub exclamation: bool,
    /// Ends with "..." or "…": the speaker trails off, as a story that goes on does.
    pub trails_off: bool,
    /// Any sentence punctuation at all closed it (a run-on with none is typed in one breath).
    pub punctuated: bool,
}

/// Letters seen while reading, for recognising another language or script.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Script {
    pub ascii_letters: u32,
    /// Latin letters with accents (é, ñ, ü) and Spanish marks (¿ ¡).
    pub accented: u32,
    /// Letters of other scripts: CJK, Cyrillic, Arabic, …
    pub other: u32,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{b4}')
}

fn is_latin_accented(c: char) -> bool {
    matches!(c, '\u{c0}'..='\u{24f}') && c.is_alphabetic()
}

/// Splits cleaned text into chunks of words, counting the script of its letters.
pub(crate) fn read(text: &str) -> (Vec<Chunk>, Script) {
    let mut chunks = Vec::new();
    let mut script = Script::default();
    let mut current = Chunk::default();
    let mut word = String::new();
    let mut pending_break = false;
    let mut dots = 0u32;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            if c.is_ascii_alphabetic() {
                script.ascii_letters += 1;
            } else if is_latin_accented(c) {
                script.accented += 1;
            } else if c.is_alphabetic() {
                script.other += 1;
            }
            word.extend(c.to_lowercase());
            dots = 0;
            continue;
        }
        // An apostrophe inside a word joins it ("don't" → "dont"); elsewhere it is a quote.
        if is_apostrophe(c) && !word.is_empty() && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()) {
            continue;
        }
        flush_word(&mut word, &mut current, &mut pending_break);
        match c {
            '.' | '\u{2026}' => {
                dots += if c == '.' { 1 } else { 3 };
                current.trails_off = dots >= 3;
                end_chunk(&mut current, &mut chunks);
            }
            '?' | '!' | ';' => {
                current.question_mark |= c == '?';
                current.exclamation |= c == '!';
                end_chunk(&mut current, &mut chunks);
            }
            '\n' | '\r' => end_chunk_unpunctuated(&mut current, &mut chunks),
            ',' | ':' | '\u{2014}' | '\u{2013}' | '(' | ')' | '"' | '\u{201c}' | '\u{201d}' => pending_break = true,
            '-' if word.is_empty() => pending_break = true,
            '\u{bf}' | '\u{a1}' => script.accented += 1,
            _ => {}
        }
    }
    flush_word(&mut word, &mut current, &mut pending_break);
    end_chunk_unpunctuated(&mut current, &mut chunks);
    // Punctuation that follows a finished chunk ("what?!", "really...?") belongs to it.
    (chunks, script)
}

fn flush_word(word: &mut String, chunk: &mut Chunk, pending_break: &mut bool) {
    if word.is_empty() {
        return;
    }
    let text = std::mem::take(word);
    let after_break = std::mem::take(pending_break) && !chunk.words.is_empty();
    for (n, part) in expand(&text).into_iter().enumerate() {
        chunk.words.push(Word { text: part, after_break: after_break && n == 0 });
    }
}

fn end_chunk(chunk: &mut Chunk, chunks: &mut Vec<Chunk>) {
    if chunk.words.is_empty() {
        // "what?!" or "so...?" — the mark belongs to the chunk just closed.
        if let Some(last) = chunks.last_mut() {
            last.question_mark |= chunk.question_mark;
            last.exclamation |= chunk.exclamation;
            last.trails_off |= chunk.trails_off;
        }
        *chunk = Chunk::default();
        return;
    }
    chunk.punctuated = true;
    chunks.push(std::mem::take(chunk));
}

fn end_chunk_unpunctuated(chunk: &mut Chunk, chunks: &mut Vec<Chunk>) {
    if !chunk.words.is_empty() {
        chunks.push(std::mem::take(chunk));
    }
}

/// Text-speak and common misspellings spelled out; a few become two words.
fn expand(word: &str) -> Vec<String> {
    let out: &[&str] = match word {
        "u" | "ya" | "yu" | "yoo" => &["you"],
        "r" => &["are"],
        "yr" => &["your"],
        "urself" => &["yourself"],
        "wat" | "wut" | "wht" | "wot" | "whta" | "waht" => &["what"],
        "wats" | "whatcha" => &["whats"],
        "hw" => &["how"],
        "wen" => &["when"],
        "y" => &["why"],
        "wher" => &["where"],
        "abt" | "bout" => &["about"],
        "bc" | "cuz" | "coz" | "cos" | "bcos" | "becuase" | "becasue" => &["because"],
        "wud" => &["would"],
        "shud" | "shld" => &["should"],
        "cud" => &["could"],
        "cn" => &["can"],
        "dnt" => &["dont"],
        "ppl" => &["people"],
        "pls" | "plz" => &["please"],
        "thx" | "thnx" | "tnx" => &["thanks"],
        "rn" => &["right", "now"],
        "idk" | "dunno" => &["i", "dont", "know"],
        "tbh" => &["honestly"],
        "imo" => &["i", "think"],
        "gonna" => &["going", "to"],
        "wanna" => &["want", "to"],
        "gotta" => &["got", "to"],
        "kinda" => &["kind", "of"],
        "k" | "kk" | "okey" | "okk" => &["ok"],
        "okay" => &["ok"],
        "hapend" | "hapened" | "happend" | "happenned" => &["happened"],
        "feelin" => &["feeling"],
        "tlk" | "tawk" => &["talk"],
        "somthing" | "sumthing" => &["something"],
        "evry" => &["every"],
        "bein" => &["being"],
        "doin" => &["doing"],
        "goin" => &["going"],
        "wif" => &["with"],
        "nd" | "n" => &["and"],
        "cannot" => &["cant"],
        "ull" => &["youll"],
        "ty" => &["thank", "you"],
        _ => return vec![word.to_owned()],
    };
    out.iter().map(|s| (*s).to_owned()).collect()
}

/// Joins two-word forms into the contracted form, so "you are" and "you're" read alike, and
/// settles "ur" as "your" or "you're" by what follows.
pub(crate) fn canonical_pairs(words: &mut Vec<Word>) {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = words[i].text.as_str();
        let next = words.get(i + 1).map(|n| n.text.as_str());
        if w == "ur" {
            let youre = matches!(
                next,
                Some("doing" | "being" | "not" | "so" | "going" | "feeling" | "really" | "safe" | "ok" | "still")
            ) || next.is_some_and(|n| crate::lexicon::is_feeling(n) || n.ends_with("ing"));
            out.push(Word { text: if youre { "youre" } else { "your" }.to_owned(), ..words[i].clone() });
            i += 1;
            continue;
        }
        let joined = match (w, next) {
            ("you", Some("are")) => Some("youre"),
            ("i", Some("am")) => Some("im"),
            ("it", Some("is")) => Some("its"),
            ("that", Some("is")) => Some("thats"),
            ("do", Some("not")) => Some("dont"),
            ("does", Some("not")) => Some("doesnt"),
            ("did", Some("not")) => Some("didnt"),
            ("is", Some("not")) => Some("isnt"),
            ("are", Some("not")) => Some("arent"),
            ("was", Some("not")) => Some("wasnt"),
            ("can", Some("not")) => Some("cant"),
            ("will", Some("not")) => Some("wont"),
            ("you", Some("will")) => Some("youll"),
            ("it", Some("will")) => Some("itll"),
            ("what", Some("is")) => Some("whats"),
            _ => None,
        };
        // "are you" stays as it is: only a subject before its verb is joined.
        if let Some(j) = joined {
            let prev_is_aux = out.last().is_some_and(|p| crate::lexicon::is_aux(&p.text));
            if !prev_is_aux {
                out.push(Word { text: j.to_owned(), after_break: words[i].after_break });
                i += 2;
                continue;
            }
        }
        out.push(words[i].clone());
        i += 1;
    }
    *words = out;
}

/// A light stem so "exhausted", "exhausting" and "exhaustion" meet: common endings off, then
/// the first seven letters.
pub(crate) fn stem(word: &str) -> String {
    let w = word;
    let mut s: String = if let Some(b) = w.strip_suffix("iness").filter(|b| b.len() >= 3) {
        format!("{b}y")
    } else if let Some(b) = w.strip_suffix("ies").or_else(|| w.strip_suffix("ied")).filter(|b| b.len() >= 3) {
        format!("{b}y")
    } else if let Some(b) = w.strip_suffix("ing").filter(|b| b.len() >= 3) {
        b.to_owned()
    } else if let Some(b) = w.strip_suffix("ed").filter(|b| b.len() >= 3) {
        b.to_owned()
    } else if let Some(b) = w.strip_suffix("ness").filter(|b| b.len() >= 3) {
        b.to_owned()
    } else if let Some(b) = w.strip_suffix("ly").filter(|b| b.len() >= 4) {
        b.to_owned()
    } else if let Some(b) = w.strip_suffix("es").filter(|b| b.len() >= 3 && !b.ends_with('s')) {
        b.to_owned()
    } else if let Some(b) = w.strip_suffix('s').filter(|b| b.len() >= 3 && !b.ends_with('s')) {
        b.to_owned()
    } else {
        w.to_owned()
    };
    if s.len() > 3 && s.ends_with('e') {
        s.pop();
    }
    // Doubled final consonant of "stopped", "sitting".
    let b = s.as_bytes();
    if b.len() > 3 && b[b.len() - 1] == b[b.len() - 2] && !matches!(b[b.len() - 1], b'l' | b's') {
        s.pop();
    }
    s.chars().take(7).collect()
}

/// Optimal-string-alignment distance, stopping early once it must exceed 1.
pub(crate) fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a == b {
        return true;
    }
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    if a.len() == b.len() {
        let mut diffs = (0..a.len()).filter(|&i| a[i] != b[i]);
        return match (diffs.next(), diffs.next(), diffs.next()) {
            (Some(_), None, _) => true,
            (Some(i), Some(j), None) => j == i + 1 && a[i] == b[j] && a[j] == b[i],
            _ => false,
        };
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    let mut i = 0;
    while i < short.len() && short[i] == long[i] {
        i += 1;
    }
    short[i..] == long[i + 1..]
}

/// Transposition of two neighbouring letters only ("teh" → "the"), for short words where any
/// other single edit would make a different real word.
pub(crate) fn is_transposition(a: &str, b: &str) -> bool {
    a.len() == b.len() && a != b && within_one_edit(a, b) && {
        let diff = a.bytes().zip(b.bytes()).filter(|(x, y)| x != y).count();
        diff == 2
    }
}

/// Removes control characters and escape sequences, and cuts at `MAX_ANSWER_CHARS` characters.
pub(crate) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(crate::MAX_ANSWER_CHARS * 4));
    let mut chars = text.chars().peekable();
    let mut kept = 0usize;
    while let Some(c) = chars.next() {
        if kept >= crate::MAX_ANSWER_CHARS {
            break;
        }
        if c == '\u{1b}' {
            // An escape sequence: drop ESC and its CSI parameters up to the final byte.
            if chars.peek() == Some(&'[') {
                chars.next();
                while let Some(&p) = chars.peek() {
                    chars.next();
                    if ('\u{40}'..='\u{7e}').contains(&p) {
                        break;
                    }
                }
            }
            continue;
        }
        if c == '\n' || c == '\t' || !c.is_control() {
            out.push(if c == '\t' { ' ' } else { c });
            kept += 1;
        }
    }
    out
}
