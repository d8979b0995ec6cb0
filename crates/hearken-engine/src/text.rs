//! Small text rules shared by the loader and every front end.
//!
//! Scenario files are untrusted: whatever they hold must never be able to drive the terminal.
//! The loader rejects control characters outright; `terminal_safe` is the second line of defence
//! for the places that echo raw file content back (diagnostic source excerpts, file names).

use std::borrow::Cow;

/// Characters a scenario's text may not contain: C0/C1 controls (other than newline and tab),
/// DEL, and the Unicode bidirectional overrides that can make text display differently from
/// what it says.
pub fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `s` holds any forbidden character: `s.chars().any(is_forbidden_char)`, but read byte
/// by byte without decoding, since every file and every text value goes through it.
pub fn has_forbidden_char(s: &str) -> bool {
    let b = s.as_bytes();
    // Most text is plain: a check the compiler can vectorise finds the 32-byte blocks that hold a
    // control byte or the lead byte of a C1 control or a direction override; only those are read closely.
    let suspicious = |x: u8| ((x < 0x20) & (x != b'\n') & (x != b'\t')) | (x == 0x7f) | (x == 0xc2) | (x == 0xe2);
    b.chunks(32).enumerate().any(|(k, chunk)| {
        chunk.iter().fold(false, |acc, &x| acc | suspicious(x)) && (0..chunk.len()).any(|j| forbidden_at(b, k * 32 + j))
    })
}

/// Whether a forbidden character starts at byte `i`.
fn forbidden_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\n' | b'\t' => false,
        0..=0x1f | 0x7f => true,
        // U+0080..=U+009F (C1 controls) are C2 80..C2 9F in UTF-8.
        0xc2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        // U+202A..=U+202E are E2 80 AA..AE; U+2066..=U+2069 are E2 81 A6..A9.
        0xe2 => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(n)) => (0xaa..=0xae).contains(n),
            (Some(0x81), Some(n)) => (0xa6..=0xa9).contains(n),
            _ => false,
        },
        _ => false,
    }
}

/// A plain name for a forbidden character, for messages: "ESC (escape), character U+001B".
pub fn describe_char(c: char) -> String {
    let name = match c {
        '\u{0}' => "NUL",
        '\u{7}' => "BEL (bell)",
        '\u{8}' => "backspace",
        '\u{b}' => "vertical tab",
        '\u{c}' => "form feed",
        '\r' => "carriage return",
        '\u{1b}' => "ESC (escape)",
        '\u{7f}' => "DEL",
        '\u{9b}' => "CSI",
        '\u{9d}' => "OSC",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "a text-direction override",
        _ => "a control character",
    };
    format!("{name}, character U+{:04X}", c as u32)
}

/// Replaces every forbidden character with a visible one **of the same UTF-8 length**, so byte
/// offsets and column numbers computed on the original text stay valid on the result.
pub fn terminal_safe(s: &str) -> Cow<'_, str> {
    if !has_forbidden_char(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_forbidden_char(c) {
            out.push(match c.len_utf8() {
                1 if c == '\r' => ' ',
                1 => '?',
                2 => '\u{bf}',   // ¿
                _ => '\u{fffd}', // �
            });
        } else {
            out.push(c);
        }
    }
    debug_assert_eq!(out.len(), s.len());
    Cow::Owned(out)
}

/// `terminal_safe` for an owned string: no copy when there is nothing to replace.
pub fn into_terminal_safe(s: String) -> String {
    match terminal_safe(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(safe) => safe,
    }
}

/// A writer that passes everything through `terminal_safe`, for front ends that print scenario
/// text as it comes (`--plain`): whatever reaches one, nothing it prints can drive the terminal.
/// Each write is expected to be whole UTF-8 text, as `write!` gives; stray bytes become U+FFFD.
pub struct SafeWriter<W: std::io::Write>(pub W);

impl<W: std::io::Write> std::io::Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(terminal_safe(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// `[a-z0-9]+(-[a-z0-9]+)*`
pub fn is_kebab_case(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The kebab-case spelling closest to `s`, offered as a fix ("Opening Scene" -> "opening-scene").
pub fn to_kebab_case(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The candidate closest to `word`, if it is close enough to be what was meant.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for cand in candidates {
        let distance = strsim::damerau_levenshtein(&word_lower, &cand.to_lowercase());
        let allowed = (cand.chars().count().max(word.chars().count()) / 3).max(1);
        let related = cand.starts_with(&word_lower) || word_lower.starts_with(cand);
        if (distance <= allowed || (related && word_lower.len() >= 3)) && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, cand));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_safe_keeps_byte_length_and_removes_escapes() {
        let hostile = "hi\u{1b}[31mred\u{7}\u{9b}x\u{202e}y\r\n";
        let safe = terminal_safe(hostile);
        assert_eq!(safe.len(), hostile.len());
        assert!(!safe.chars().any(is_forbidden_char));
        assert!(safe.contains("hi?[31mred?"));
    }

    #[test]
    fn kebab_case_rule() {
        for ok in ["a", "what-happened", "node-2", "x1-y2"] {
            assert!(is_kebab_case(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a--b", "Opening", "what_happened", "é"] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
        assert_eq!(to_kebab_case("What Happened?"), "what-happened");
    }

    #[test]
    fn suggestions_are_close_words_only() {
        let keys = ["says", "hint", "interrupted", "options", "ending", "outcome"];
        assert_eq!(did_you_mean("say", keys), Some("says"));
        assert_eq!(did_you_mean("optoins", keys), Some("options"));
        assert_eq!(did_you_mean("interupted", keys), Some("interrupted"));
        assert_eq!(did_you_mean("colour", keys), None);
    }
}
