//! Reading a parsed TOML tree into Hearken's types while keeping every key's and value's place.
//!
//! Serde stops at the first problem; instructors need all of them at once, each pointing at the
//! exact key or value. So files are parsed into toml's spanned tree and read by hand, with every
//! problem pushed to a `Sink` and reading carrying on.

use crate::diagnostic::{Code, Diagnostic, Sink};
use crate::source::Span;
use crate::text::{describe_char, did_you_mean, has_forbidden_char, is_forbidden_char};
use std::borrow::Cow;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

pub type Value<'i> = Spanned<DeValue<'i>>;

/// Longest text value accepted, in characters: far above any line of dialogue, far below
/// anything that could make a screen or a report unusable.
pub const MAX_TEXT_CHARS: usize = 5_000;

/// What kind of file is being read, for the messages about the file as a whole.
pub struct FileKind {
    /// "scenario", "rubric table".
    pub noun: &'static str,
    /// Where to start from, for the help on an empty file.
    pub start_from: &'static str,
}

/// The steps every Hearken file takes before its own keys are read: it is not empty (H007), it
/// parses (H001, H005), it holds more than comments (H007), and its `format`, if given, is one
/// this version knows (H013). `text` has had its control characters blanked already.
/// `repaired` holds the text as read when a trap had to be repaired (see `parse`).
pub fn document<'i>(
    text: &'i str,
    repaired: &'i mut Option<String>,
    kind: &FileKind,
    sink: &mut Sink,
) -> Option<DeTable<'i>> {
    if text.trim().is_empty() {
        sink.push(Diagnostic::new(Code::H007, 0..0, "this file is empty").help(kind.start_from));
        return None;
    }
    if text.starts_with('\u{feff}') {
        sink.push(
            Diagnostic::new(Code::H009, 0..0, "this file starts with a byte-order mark (an invisible U+FEFF)")
                .help("save the file as \"UTF-8\", not \"UTF-8 with BOM\": Hearken reads it, but taplo (Even Better TOML) and JSON-Schema tools refuse the file"),
        );
    }
    let root = parse(text, repaired, sink)?;
    if root.is_empty() {
        sink.push(
            Diagnostic::new(Code::H007, 0..0, format!("this file has only comments in it, no {}", kind.noun))
                .help(kind.start_from),
        );
        return None;
    }
    let top = Table::new(&root, 0..0, What::Named("the file"));
    if let Some(v) = top.int("format", false, sink)
        && *v.get_ref() != 1
    {
        sink.push(
            Diagnostic::new(
                Code::H013,
                v.span(),
                format!("format {} is not one this version of Hearken knows", v.get_ref()),
            )
            .help("the only format today is 1: write `format = 1`, or leave the line out"),
        );
    }
    Some(root)
}

/// Reports forbidden characters at their exact place and returns the text with each replaced
/// by spaces of the same byte length, so parsing can go on and spans stay true.
pub fn blank_forbidden_chars<'a>(text: &'a str, sink: &mut Sink) -> Cow<'a, str> {
    if !has_forbidden_char(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut reported = 0;
    for (i, c) in text.char_indices() {
        // Windows line endings are ordinary text, not a control sequence.
        let crlf = c == '\r' && text[i + 1..].starts_with('\n');
        if is_forbidden_char(c) && !crlf {
            if reported < 20 {
                sink.push(
                    Diagnostic::new(
                        Code::H016,
                        i..i + c.len_utf8(),
                        format!("this file contains {}", describe_char(c)),
                    )
                    .help("delete it: Hearken files may hold text, tabs and line breaks, but no control characters"),
                );
            }
            reported += 1;
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Parses TOML text, reporting syntax errors as H001 (or H005 for nesting that is too deep).
///
/// One trap is repaired rather than only reported: a double quote inside text (`"She said "no"."`)
/// ends the text early, and the TOML reader then loses its way on that line and, inside a list,
/// on every line after it. Each such quote is found on the lines the reader tripped on, reported
/// once in an author's words (H008), and replaced by a `'` of the same length in a copy of the
/// text kept in `repaired`; the copy is parsed again. Nothing moves, so every later span is
/// still true, and the rest of the file is checked as if the quotes had been written right.
pub fn parse<'i>(text: &'i str, repaired: &'i mut Option<String>, sink: &mut Sink) -> Option<DeTable<'i>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Some(table.into_inner());
    }
    let mut current = std::borrow::Cow::Borrowed(text);
    let mut errors = errors;
    // A repair can uncover the next trap a list had hidden; three rounds find them all in any
    // real file, and bound the cost on a hostile one.
    for _ in 0..3 {
        let lines = error_lines(&current, &errors);
        let mut fixed = current.clone().into_owned();
        let mut any = false;
        for line in lines {
            for (first, quotes) in inner_quotes(&current[line.clone()]) {
                any = true;
                let at = line.start + first;
                sink.push(quote_in_text(&current, line.start, quotes.first().map_or(at, |&q| line.start + q), &quotes));
                for q in quotes {
                    fixed.replace_range(line.start + q..line.start + q + 1, "'");
                }
            }
        }
        if !any {
            break;
        }
        let (_, again) = DeTable::parse_recoverable(&fixed);
        current = std::borrow::Cow::Owned(fixed);
        errors = again;
        if errors.is_empty() {
            break;
        }
    }
    if let std::borrow::Cow::Owned(fixed) = current {
        let fixed: &'i str = repaired.insert(fixed);
        if errors.is_empty() {
            return Some(DeTable::parse_recoverable(fixed).0.into_inner());
        }
        report_syntax(fixed, errors, sink);
        return None;
    }
    report_syntax(text, errors, sink);
    None
}

/// The byte ranges of the lines holding an error, in order, each once.
fn error_lines(text: &str, errors: &[toml::de::Error]) -> Vec<Range<usize>> {
    let mut starts: Vec<usize> = errors.iter().filter_map(|e| e.span()).map(|s| s.start.min(text.len())).collect();
    starts.sort_unstable();
    let mut lines: Vec<Range<usize>> = Vec::new();
    for at in starts {
        if lines.last().is_some_and(|l| l.contains(&at) || l.end == at) {
            continue;
        }
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        if lines.last().is_some_and(|l| l.start == start) {
            continue;
        }
        lines.push(start..end);
    }
    lines
}

/// Double quotes inside one-line basic strings of a line: for each string holding any, the
/// offset of its opening quote and of each inner quote. A quote is taken as inner when what
/// follows it could not follow the end of a text (a letter, a full stop, another quote
/// straight after it) and a later quote on the line can close the text instead. A quote followed
/// by spaces and another string is left alone: that is a missing comma, not a quote in text.
fn inner_quotes(line: &str) -> Vec<(usize, Vec<usize>)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => break,
            b'\'' => {
                if line[i..].starts_with("'''") {
                    break;
                }
                i = line[i + 1..].find('\'').map_or(b.len(), |j| i + 1 + j + 1);
            }
            b'"' => {
                if line[i..].starts_with("\"\"\"") {
                    break;
                }
                let open = i;
                let mut inner = Vec::new();
                let mut j = i + 1;
                let mut closed = None;
                while j < b.len() {
                    match b[j] {
                        b'\\' => j += 2,
                        b'"' => {
                            let after = &line[j + 1..];
                            let rest = after.trim_start_matches([' ', '\t', '\r']);
                            let spaced = rest.len() < after.len();
                            let ends = rest.is_empty()
                                || rest.starts_with([',', ']', '}', '#'])
                                || (spaced && rest.starts_with('"'));
                            if ends || !after.contains('"') {
                                closed = Some(j);
                                break;
                            }
                            inner.push(j);
                            j += 1;
                        }
                        _ => j += 1,
                    }
                }
                if !inner.is_empty() && closed.is_some() {
                    out.push((open, inner));
                }
                i = closed.map_or(b.len(), |c| c + 1);
            }
            _ => i += 1,
        }
    }
    out
}

/// H008 for a text with double quotes inside it, with the text written both ways that work.
fn quote_in_text(text: &str, line_start: usize, first_inner: usize, quotes: &[usize]) -> Diagnostic {
    let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
    let line = &text[line_start..line_end];
    // The text as written: from its opening quote to the quote after the last inner one.
    let open = line[..first_inner - line_start].rfind('"').unwrap_or(0);
    let last = quotes.last().copied().unwrap_or(first_inner - line_start);
    let close = line[last + 1..].find('"').map_or(line.len(), |i| last + 1 + i);
    let inside = &line[open + 1..close.min(line.len())];
    let escaped = inside.replace('"', "\\\"");
    let short = |s: &str| {
        if s.chars().count() > 60 { format!("{}...", s.chars().take(57).collect::<String>()) } else { s.to_string() }
    };
    let help = if inside.contains('\'') {
        format!("write each quote inside the text as \\\": \"{}\"", safe(&short(&escaped)))
    } else {
        format!(
            "write each quote inside the text as \\\", \"{}\", or put the whole text in single quotes: '{}'",
            safe(&short(&escaped)),
            safe(&short(inside))
        )
    };
    Diagnostic::new(
        Code::H008,
        first_inner..first_inner + 1,
        "this text contains a double quote, which TOML reads as the end of the text",
    )
    .help(help)
}

/// Reports the syntax errors left after any repair: one per line, in file order.
fn report_syntax(text: &str, mut errors: Vec<toml::de::Error>, sink: &mut Sink) {
    errors.sort_by_key(|e| e.span().map(|s| s.start));
    let mut last_line = None;
    let mut repeated_table_ends = 0;
    // (byte, line there): the errors are in order, so each stretch of text is counted once and a
    // file with an error on every line costs linear time, not quadratic.
    let mut counted = (0, 0);
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        let at = span.start.min(text.len());
        if at < counted.0 {
            counted = (0, 0);
        }
        counted = (at, counted.1 + text.as_bytes()[counted.0..at].iter().filter(|&&b| b == b'\n').count());
        let line = counted.1;
        // One syntax error per line: what follows on the same line is the reader losing its way
        // after the first one (an unclosed quote, a Windows line ending after it...).
        if last_line == Some(line) {
            continue;
        }
        last_line = Some(line);
        let message = e.message().trim().to_string();
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let on_header = text[line_start..].trim_start().starts_with('[');
        // A list left open swallows the lines after it, and the reader reports each of them as a
        // missing comma (or worse). One error at the `[` that was never closed says what happened;
        // the rest would only bury it.
        if let Some(open) = unclosed_list_before(text, line_start, at) {
            let next_line = text[line_start..].lines().next().unwrap_or("").trim();
            sink.push(
                Diagnostic::new(Code::H001, open..open + 1, "this list is never closed: its `]` is missing")
                    .help(format!(
                        "end the list with ] after its last item; without it, the line `{}` was read as part of the list. Other syntax problems after this point are shown once it is fixed",
                        safe(&next_line.chars().take(40).collect::<String>())
                    )),
            );
            break;
        }
        // Text in triple quotes that is never closed runs to the end of the file, where the
        // reader notices: the place to fix is where it opens.
        if message.contains("invalid multi-line basic string") || message.contains("invalid multi-line literal string")
        {
            let delim = if message.contains("literal") { "\'\'\'" } else { "\"\"\"" };
            if let Some(open) = unclosed_triple_quote(text, delim, at) {
                sink.push(
                    Diagnostic::new(Code::H001, open..open + 3, format!("this text is never closed: its closing {delim} is missing"))
                        .help(format!("end text that spans several lines with {delim}; without it, everything to the end of the file was read as this text")),
                );
                break;
            }
        }
        if message.contains("duplicate key") && on_header && text.get(span.clone()) == Some("options") {
            // `[nodes.x.options]` where `[[…]]` was meant: the reader trips on whichever header
            // comes second, but the one to fix is the one with single brackets.
            let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            let header = text[line_start..line_end].split('#').next().unwrap_or("").trim();
            let path = header.trim_start_matches('[').trim_end_matches(']').trim();
            if let Some(single) = single_bracket_header(text, path) {
                let end = single + 2 + path.len();
                let mut d = Diagnostic::new(Code::H001, single..end, "this option is written with single brackets, [...], so TOML reads it as a table rather than an option")
                    .help(format!("write it as [[{}]], with double brackets, like every option", safe(path)));
                if !(single..end).contains(&at) {
                    d = d.related(span.clone(), "the reader stopped here, at the next header for the same options");
                }
                sink.push(d);
                repeated_table_ends = text[at..].find("\n[").map_or(text.len(), |i| at + i);
                continue;
            }
        }
        if message.contains("duplicate key") {
            if on_header {
                // A table written twice: the keys under the second header repeat the first's,
                // and saying so for each of them would bury the one real mistake.
                repeated_table_ends = text[at..].find("\n[").map_or(text.len(), |i| at + i);
            } else if at < repeated_table_ends {
                continue;
            }
        }
        let d = if message.contains("recurs") {
            Diagnostic::new(Code::H005, span, "values are nested too deeply to read")
                .help("scenario files never need lists or tables nested more than a few levels deep")
        } else {
            let at = text.get(span.clone()).unwrap_or("");
            let (message, help) = syntax_problem(first_line(&message), at, on_header);
            Diagnostic::new(Code::H001, span, message).help(help)
        };
        sink.push(d);
    }
}

/// Where `[PATH]` (single brackets, alone on its line but for a comment) first stands.
fn single_bracket_header(text: &str, path: &str) -> Option<usize> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let code = line.split('#').next().unwrap_or("").trim();
        if let Some(inner) = code.strip_prefix('[').and_then(|c| c.strip_suffix(']'))
            && !inner.starts_with('[')
            && inner.trim() == path
        {
            return Some(start + line.find('[').unwrap_or(0));
        }
        start += line.len();
    }
    None
}

/// The `"""` (or `'''`) before `at` that opens a text never closed: the last of an odd count.
fn unclosed_triple_quote(text: &str, delim: &str, at: usize) -> Option<usize> {
    let mut open = None;
    let mut i = 0;
    let end = at.min(text.len());
    while let Some(j) = text[i..end].find(delim) {
        let pos = i + j;
        open = if open.is_some() { None } else { Some(pos) };
        // A run of quotes closing a text may be longer than three ("""" ends with a quote in it).
        i = pos + 3;
        while i < end && text.as_bytes()[i] == delim.as_bytes()[0] {
            i += 1;
        }
    }
    open
}

/// Where an unclosed `[` stands, when the reader tripped at `at`, the first thing on its line, and
/// that thing is plainly the start of a new entry (`key =` or a `[header]`) rather than a list
/// item: then the list before it was never closed. Looks back at most 200 lines.
fn unclosed_list_before(text: &str, line_start: usize, at: usize) -> Option<usize> {
    if !text[line_start..at].trim().is_empty() {
        return None;
    }
    let rest = &text[at..];
    let key_len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
    let starts_entry = rest.starts_with('[') || (key_len > 0 && rest[key_len..].trim_start().starts_with('='));
    if !starts_entry {
        return None;
    }
    let mut depth = 0i32;
    let mut end = line_start;
    for _ in 0..200 {
        if end == 0 {
            return None;
        }
        let start = text[..end - 1].rfind('\n').map_or(0, |i| i + 1);
        let brackets = brackets_outside_text(&text[start..end]);
        for &(offset, open) in brackets.iter().rev() {
            depth += if open { 1 } else { -1 };
            if depth > 0 {
                return Some(start + offset);
            }
        }
        // A header line closes any list before it: nothing to find further up.
        if text[start..end].trim_start().starts_with('[') && !text[start..end].contains('=') {
            return None;
        }
        end = start;
    }
    None
}

/// The `[` and `]` of a line that are not inside quoted text or a comment: (offset, is_open).
fn brackets_outside_text(line: &str) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '"' | '\'' => quote = Some(c),
                '#' => break,
                '[' => out.push((i, true)),
                ']' => out.push((i, false)),
                _ => {}
            },
        }
    }
    out
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

/// The TOML reader's message, said in the words of someone editing text rather than a parser,
/// with the fix. `at` is the text the error points at.
fn syntax_problem(message: &str, at: &str, on_header: bool) -> (String, String) {
    let quotes = "put text in double quotes: key = \"text\"";
    let (m, h): (&str, &str) = if message.contains("duplicate key") && on_header && at == "options" {
        (
            "these options are already written above as a single [table]",
            "write every option with double brackets, [[nodes.NAME.options]], the first one included",
        )
    } else if message.contains("duplicate key") && on_header {
        (
            "this table is already written earlier in the file",
            "each [table] appears once: merge the two (or, for two different nodes, give each its own name)",
        )
    } else if message.contains("duplicate key") {
        (
            "this key is already set earlier in the same table",
            "each key can appear only once in a table: remove one of them; for several options use several [[nodes.ID.options]] blocks",
        )
    } else if message.contains("string values must be quoted")
        && at.contains(['\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}'])
    {
        (
            "this text is in curly quotes, which TOML does not read as quotes",
            "use straight double quotes \"...\" (word processors turn them curly: write scenarios in a plain text editor)",
        )
    } else if message.contains("string values must be quoted") {
        ("this text is not in quotes", quotes)
    } else if message.contains("invalid multi-line basic string")
        || message.contains("invalid multi-line literal string")
    {
        ("this text has no closing triple quotes", "end text that spans several lines with \"\"\"")
    } else if message.contains("invalid basic string") {
        (
            "this text has no closing quote",
            "end the text with \" on the same line; for text over several lines, use triple quotes \"\"\"...\"\"\"",
        )
    } else if message.contains("invalid literal string") {
        ("this text has no closing quote", "end the text with ' on the same line")
    } else if message.contains("missing escaped value") || message.contains("unicode value digits") {
        (
            "a backslash in text must start an escape such as \\n (new line) or \\\" (a quote)",
            "write a backslash as \\\\, or put the text in single quotes 'like this', where backslashes are plain",
        )
    } else if message.contains("key with no value") || message.contains("missing assignment") {
        ("this key has no `=` and value after it", "write key = value, e.g. title = \"Back after a relapse\"")
    } else if message.contains("missing value") {
        ("this key has no value after `=`", "write the value after `=`, e.g. title = \"Back after a relapse\"")
    } else if message.contains("missing comma between array") {
        (
            "a comma is missing before this item of the list",
            "separate the items of a list with commas: [\"one\", \"two\"]",
        )
    } else if message.contains("extra comma") {
        ("two commas in a row", "remove one of the commas")
    } else if message.contains("missing comma between key-value") {
        (
            "a comma is missing between two entries of a { ... } table",
            "separate the entries with commas: { trust_at_least = 2, go = \"a\" }",
        )
    } else if message.contains("unclosed array table") {
        ("this [[...]] header has no closing `]]`", "write the header as [[nodes.ID.options]]")
    } else if message.contains("unclosed table") {
        ("this [...] header has no closing `]`", "write the header as [nodes.ID]")
    } else if message.contains("unclosed array") {
        ("this list has no closing `]`", "end the list with ], after its last item")
    } else if message.contains("unclosed inline table") {
        ("this { ... } has no closing `}`", "end it with }; a { ... } table must stay on one line")
    } else if message.contains("unexpected key or value") || message.contains("unexpected content") {
        (
            "there is something after the value on this line",
            "put each key = value on its own line; a comment after a value starts with #",
        )
    } else if message.contains("invalid unquoted key") || message.contains("invalid key") {
        (
            "this is not a valid key or node name",
            "names use letters, digits, - and _ only; write node names in kebab-case, e.g. [nodes.what-happened]",
        )
    } else if message.contains("leading zero") {
        ("a number cannot start with 0", "remove the leading 0")
    } else {
        return (
            format!("this is not valid TOML: {message}"),
            "check this line for a missing quote, bracket, comma or `=`".into(),
        );
    };
    (m.to_string(), h.to_string())
}

/// What a table is called in messages ("node `opening`"). Built only when a message needs it:
/// formatting a name for every node and option up front was a measurable share of validation.
#[derive(Clone, Copy, Debug)]
pub enum What<'a> {
    Named(&'static str),
    Node(&'a str),
    Option { node: &'a str, number: usize },
    Branch(usize),
    Test(usize),
    Skill(&'a str),
}

impl std::fmt::Display for What<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            What::Named(name) => f.write_str(name),
            What::Node(id) => write!(f, "node `{}`", safe(id)),
            What::Option { node, number } => write!(f, "option {number} of node `{}`", safe(node)),
            What::Branch(n) => write!(f, "branch {n} of `next`"),
            What::Test(n) => write!(f, "test {n}"),
            What::Skill(code) => write!(f, "skill `{}`", safe(code)),
        }
    }
}

/// A table being read, with what to call it in messages and where to point when a key is missing.
pub struct Table<'t, 'i> {
    pub inner: &'t DeTable<'i>,
    pub span: Span,
    pub what: What<'t>,
    /// Keys `check_keys` found unknown: a near miss among them explains a missing key.
    unknown: std::cell::RefCell<Vec<&'t str>>,
    /// This table's keys that were written under a later header (H019, reported there): they
    /// count as present, so the one mistake is not also "missing `says`".
    elsewhere: std::cell::RefCell<Vec<(&'t str, &'t Value<'i>)>>,
    /// Keys reported already as belonging to another table (H019): not also unknown here.
    excused: &'static [&'static str],
}

impl<'t, 'i> Table<'t, 'i> {
    pub fn new(inner: &'t DeTable<'i>, span: Span, what: What<'t>) -> Self {
        Table { inner, span, what, unknown: Default::default(), elsewhere: Default::default(), excused: &[] }
    }

    /// Keys of this table that belong to another (H019 is reported for them by the caller).
    pub fn excuse(mut self, keys: &'static [&'static str]) -> Self {
        self.excused = keys;
        self
    }

    /// Records a key of this table found written under another header (after H019 says so).
    pub fn found_elsewhere(&self, key: &'t str, value: &'t Value<'i>) {
        if self.inner.get(key).is_none() {
            self.elsewhere.borrow_mut().push((key, value));
        }
    }

    /// Reports every key not in `allowed` (H010), suggesting the closest allowed key.
    pub fn check_keys(&self, allowed: &[&str], sink: &mut Sink) {
        self.check_keys_but(allowed, &[], sink)
    }

    /// As `check_keys`, leaving out `reported_by_caller`: keys that belong elsewhere (an option's
    /// `after` written on a node), which the caller explains in its own words.
    pub fn check_keys_but(&self, allowed: &[&str], reported_by_caller: &[&str], sink: &mut Sink) {
        for (key, _) in self.inner.iter() {
            let name: &'t str = key.get_ref().as_ref();
            if !allowed.contains(&name) && !reported_by_caller.contains(&name) && !self.excused.contains(&name) {
                self.unknown.borrow_mut().push(name);
                let help = match did_you_mean(name, allowed.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("the keys {} can have are: {}", self.what, list(allowed)),
                };
                sink.push(
                    Diagnostic::new(Code::H010, key.span(), format!("unknown key `{}` in {}", safe(name), self.what))
                        .help(help),
                );
            }
        }
    }

    /// The value of `key`, or the one written for this table under a later header (H019).
    pub fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.inner.get(key).or_else(|| self.elsewhere.borrow().iter().find(|(k, _)| *k == key).map(|(_, v)| *v))
    }

    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.inner.get_key_value(key).map(|(k, _)| k.span())
    }

    /// The value of a key that must be present (H012 if it is not).
    /// Whether the table holds an unknown key that is a near miss of `key` (`feeback`): the
    /// unknown-key error already names the fix, so "missing `feedback`" would only be noise.
    pub fn has_misspelling_of(&self, key: &str) -> bool {
        self.unknown.borrow().iter().any(|k| did_you_mean(k, [key]).is_some())
    }

    pub fn required(&self, key: &str, sink: &mut Sink) -> Option<&'t Value<'i>> {
        let v = self.get(key);
        if v.is_none() && !self.has_misspelling_of(key) {
            let mut d = Diagnostic::new(Code::H012, self.span.clone(), format!("{} is missing `{key}`", self.what))
                .help({
                    let (example, why) = required_example(key);
                    format!("add `{example}` to {}{why}", self.what)
                });
            if self.span.is_empty() {
                d = d.label(format!("`{key}` belongs with the keys at the top of the file"));
            }
            sink.push(d);
        }
        v
    }

    pub fn text(&self, key: &str, required: bool, sink: &mut Sink) -> Option<Spanned<String>> {
        let v = if required { self.required(key, sink)? } else { self.get(key)? };
        text(v, key, sink)
    }

    pub fn int(&self, key: &str, required: bool, sink: &mut Sink) -> Option<Spanned<i64>> {
        let v = if required { self.required(key, sink)? } else { self.get(key)? };
        int(v, key, sink)
    }

    pub fn array(&self, key: &str, required: bool, sink: &mut Sink) -> Option<(&'t DeArray<'i>, Span)> {
        let v = if required { self.required(key, sink)? } else { self.get(key)? };
        array(v, key, sink)
    }

    pub fn table(&self, key: &str, what: What<'t>, required: bool, sink: &mut Sink) -> Option<Table<'t, 'i>> {
        let v = if required { self.required(key, sink)? } else { self.get(key)? };
        table(v, key, what, sink)
    }
}

/// How a missing key is written, and what it is for, for the help of H012.
fn required_example(key: &str) -> (String, &'static str) {
    let (example, why) = match key {
        "id" => ("id = \"my-scenario\"", ": kebab-case, like the file name"),
        "title" => ("title = \"...\"", ": the name trainees see in the list"),
        "difficulty" => ("difficulty = \"beginner\"", " (or \"intermediate\" or \"advanced\")"),
        "start" => ("start = \"NODE\"", ": the node the conversation begins at"),
        "peer" => ("[peer]", ", a table with the peer's `name` and `about`"),
        "nodes" => ("[nodes.NAME]", " tables: the conversation itself"),
        "about" => ("about = \"...\"", ": the briefing the trainee reads first"),
        "says" => ("says = [\"...\"]", ": what the peer says at this point"),
        "text" => ("text = \"...\"", ": what the trainee says or does"),
        "skills" => ("skills = [\"reflection\"]", ": the skill codes this option shows"),
        "feedback" => ("feedback = \"...\"", ": why this option helps or hurts"),
        "next" => ("next = \"NODE\"", ": the node the conversation goes to after this option"),
        "go" => ("go = \"NODE\"", ""),
        "pause" => ("pause = 2", ": the pause in seconds"),
        "choices" => ("choices = [1, 2]", ": an option number for each decision"),
        _ => return (format!("{key} = ..."), ""),
    };
    (example.to_string(), why)
}

pub fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a number with a decimal point",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

pub fn wrong_type(v: &Value<'_>, key: &str, expected: &str) -> Diagnostic {
    let given = match v.get_ref() {
        DeValue::String(s) => Some(safe(s.as_ref())),
        _ => None,
    };
    let help = match (expected, given) {
        (e, Some(s)) if e.contains("number") && s.trim().parse::<f64>().is_ok() => {
            format!("remove the quotes: {key} = {}", s.trim())
        }
        (e, Some(s)) if e.starts_with("a list") && !s.contains(['"', '\n']) && s.chars().count() <= 60 => {
            format!("use square brackets, even for one item: {key} = [\"{s}\"]")
        }
        (e, _) if e == "a whole number" && matches!(v.get_ref(), DeValue::Float(_)) => {
            format!("use a whole number, without a decimal point, e.g. {key} = 3")
        }
        (e, _) if e.contains("pause") => {
            format!("each item of `{key}` is a line in double quotes, \"...\", or a pause, {{ pause = 2 }}")
        }
        (e, _) if e.starts_with("text") => format!("put the text in double quotes: {key} = \"...\""),
        (e, _) if e.starts_with("a list") => format!("use square brackets: {key} = [ ... ]"),
        (e, _) if e.contains("number") => format!("write a number without quotes, e.g. {key} = 3"),
        _ => format!("write `{key}` as {expected}"),
    };
    Diagnostic::new(
        Code::H011,
        v.span(),
        format!("`{key}` should be {expected}, but this is {}", type_name(v.get_ref())),
    )
    .help(help)
}

/// Text, checked for characters that could reach the terminal (H016) and for length (H006).
pub fn text(v: &Value<'_>, key: &str, sink: &mut Sink) -> Option<Spanned<String>> {
    let DeValue::String(s) = v.get_ref() else {
        sink.push(wrong_type(v, key, "text (in double quotes)"));
        return None;
    };
    // A file saved with Windows line endings keeps them inside multi-line text: they are line
    // breaks like any other, not stray carriage returns.
    let s: std::borrow::Cow<'_, str> =
        if s.contains('\r') && s.contains("\r\n") { s.replace("\r\n", "\n").into() } else { s.as_ref().into() };
    let s: &str = &s;
    if has_forbidden_char(s)
        && let Some(c) = s.chars().find(|&c| is_forbidden_char(c))
    {
        sink.push(
            Diagnostic::new(Code::H016, v.span(), format!("`{key}` contains {}", describe_char(c)))
                .help("remove it: text may hold letters, punctuation, tabs and line breaks, but no control characters or escape sequences"),
        );
        return None;
    }
    // No more characters than bytes: only a long text needs counting.
    let n = if s.len() > MAX_TEXT_CHARS { s.chars().count() } else { s.len() };
    if n > MAX_TEXT_CHARS {
        sink.push(
            Diagnostic::new(
                Code::H006,
                v.span(),
                format!("`{key}` is {n} characters long; the limit is {MAX_TEXT_CHARS}"),
            )
            .help("split it into several shorter beats or options"),
        );
        return None;
    }
    Some(Spanned::new(v.span(), s.to_string()))
}

/// Non-blank text (H018 if empty or only spaces).
pub fn nonblank(v: Spanned<String>, key: &str, sink: &mut Sink) -> Option<Spanned<String>> {
    if v.get_ref().trim().is_empty() {
        sink.push(match key {
            "says" | "reaction" | "interrupted" => {
                Diagnostic::new(Code::H018, v.span(), format!("a line of `{key}` is empty"))
                    .help("write what the peer says here, or remove the empty line")
            }
            "hint" => Diagnostic::new(Code::H018, v.span(), "`hint` is empty")
                .help("write the hint between the quotes, or remove the line"),
            _ => Diagnostic::new(Code::H018, v.span(), format!("`{key}` is empty"))
                .help(format!("write the {key} between the quotes")),
        });
        return None;
    }
    Some(v)
}

pub fn int(v: &Value<'_>, key: &str, sink: &mut Sink) -> Option<Spanned<i64>> {
    match v.get_ref() {
        DeValue::Integer(i) => match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
            Ok(n) => Some(Spanned::new(v.span(), n)),
            Err(_) => {
                sink.push(Diagnostic::new(Code::H015, v.span(), format!("`{key}` is far too large a number")));
                None
            }
        },
        // `trust = -1.0` is the whole number -1: JSON-Schema tools (taplo, editors) cannot tell
        // 1.0 from 1, so neither does Hearken; a fraction (2.5) is still refused.
        DeValue::Float(f) => match f.as_str().replace('_', "").parse::<f64>() {
            Ok(x) if x.fract() == 0.0 && x.abs() < 1e15 => Some(Spanned::new(v.span(), x as i64)),
            _ => {
                sink.push(wrong_type(v, key, "a whole number"));
                None
            }
        },
        _ => {
            sink.push(wrong_type(v, key, "a whole number"));
            None
        }
    }
}

/// A whole number within `range` (H015 otherwise).
pub fn int_in(v: Spanned<i64>, key: &str, lo: i64, hi: i64, sink: &mut Sink) -> Option<Spanned<i64>> {
    if (lo..=hi).contains(v.get_ref()) {
        Some(v)
    } else {
        sink.push(
            Diagnostic::new(
                Code::H015,
                v.span(),
                format!("`{key}` is {}, outside the allowed {lo} to {hi}", v.get_ref()),
            )
            .help(format!("use a whole number from {lo} to {hi}")),
        );
        None
    }
}

/// A number, whole or decimal.
pub fn number(v: &Value<'_>, key: &str, sink: &mut Sink) -> Option<Spanned<f64>> {
    match v.get_ref() {
        DeValue::Float(f) => match f.as_str().replace('_', "").parse::<f64>() {
            Ok(x) => Some(Spanned::new(v.span(), x)),
            Err(_) => {
                sink.push(wrong_type(v, key, "a number"));
                None
            }
        },
        DeValue::Integer(_) => int(v, key, sink).map(|n| Spanned::new(n.span(), *n.get_ref() as f64)),
        _ => {
            sink.push(wrong_type(v, key, "a number"));
            None
        }
    }
}

pub fn array<'t, 'i>(v: &'t Value<'i>, key: &str, sink: &mut Sink) -> Option<(&'t DeArray<'i>, Span)> {
    match v.get_ref() {
        DeValue::Array(a) => Some((a, v.span())),
        _ => {
            sink.push(wrong_type(v, key, "a list [ ... ]"));
            None
        }
    }
}

pub fn table<'t, 'i>(v: &'t Value<'i>, key: &str, what: What<'t>, sink: &mut Sink) -> Option<Table<'t, 'i>> {
    match v.get_ref() {
        DeValue::Table(t) => Some(Table::new(t, v.span(), what)),
        _ => {
            sink.push(wrong_type(v, key, "a table"));
            None
        }
    }
}

/// A list of text values (tags and the like).
pub fn text_list(v: &Value<'_>, key: &str, sink: &mut Sink) -> Vec<Spanned<String>> {
    let Some((items, _)) = array(v, key, sink) else { return Vec::new() };
    items.iter().filter_map(|item| text(item, key, sink)).collect()
}

pub fn list(words: &[&str]) -> String {
    words.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ")
}

/// Keys from a file, made safe to quote in a message.
pub fn safe(s: &str) -> String {
    crate::text::terminal_safe(s).into_owned()
}
