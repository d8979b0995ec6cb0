//! Reading a parsed TOML tree into Hearken's types while keeping every key's and value's place.
//!
//! Serde stops at the first problem; instructors need all of them at once, each pointing at the
//! exact key or value. So files are parsed into toml's spanned tree and read by hand, with every
//! problem pushed to a `Sink` and reading carrying on.

use crate::diagnostic::{Code, Diagnostic, Sink};
use crate::source::Span;
use crate::text::{describe_char, did_you_mean, is_forbidden_char};
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

pub type Value<'i> = Spanned<DeValue<'i>>;

/// Longest text value accepted, in characters: far above any line of dialogue, far below
/// anything that could make a screen or a report unusable.
pub const MAX_TEXT_CHARS: usize = 5_000;

/// Parses TOML text, reporting syntax errors as H001 (or H005 for nesting that is too deep).
pub fn parse<'i>(text: &'i str, sink: &mut Sink) -> Option<DeTable<'i>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Some(table.into_inner());
    }
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim().to_string();
        let d = if message.contains("recurs") {
            Diagnostic::new(Code::H005, span, "values are nested too deeply to read")
                .help("scenario files never need lists or tables nested more than a few levels deep")
        } else {
            Diagnostic::new(Code::H001, span, format!("this is not valid TOML: {}", first_line(&message)))
                .help(syntax_help(&message))
        };
        sink.push(d);
    }
    None
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

fn syntax_help(message: &str) -> String {
    if message.contains("duplicate key") {
        "each key can appear only once in a table; for several options use [[nodes.ID.options]] blocks".into()
    } else if message.contains("string") || message.contains("quote") {
        "text goes in double quotes: key = \"text\"; for text over several lines use triple quotes \"\"\"".into()
    } else {
        "check the line for a missing quote, bracket, comma or `=`".into()
    }
}

/// A table being read, with what to call it in messages and where to point when a key is missing.
pub struct Table<'t, 'i> {
    pub inner: &'t DeTable<'i>,
    pub span: Span,
    pub what: String,
}

impl<'t, 'i> Table<'t, 'i> {
    pub fn new(inner: &'t DeTable<'i>, span: Span, what: impl Into<String>) -> Self {
        Table { inner, span, what: what.into() }
    }

    /// Reports every key not in `allowed` (H010), suggesting the closest allowed key.
    pub fn check_keys(&self, allowed: &[&str], sink: &mut Sink) {
        for (key, _) in self.inner.iter() {
            let name = key.get_ref().as_ref();
            if !allowed.contains(&name) {
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

    pub fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.inner.get(key)
    }

    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.inner.get_key_value(key).map(|(k, _)| k.span())
    }

    /// The value of a key that must be present (H012 if it is not).
    pub fn required(&self, key: &str, sink: &mut Sink) -> Option<&'t Value<'i>> {
        let v = self.get(key);
        if v.is_none() {
            sink.push(
                Diagnostic::new(Code::H012, self.span.clone(), format!("{} is missing `{key}`", self.what))
                    .help(format!("add `{key} = ...` to {}", self.what)),
            );
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

    pub fn table(&self, key: &str, what: impl Into<String>, required: bool, sink: &mut Sink) -> Option<Table<'t, 'i>> {
        let v = if required { self.required(key, sink)? } else { self.get(key)? };
        table(v, key, what, sink)
    }
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
    Diagnostic::new(
        Code::H011,
        v.span(),
        format!("`{key}` should be {expected}, but this is {}", type_name(v.get_ref())),
    )
    .help(match expected {
        e if e.starts_with("text") => format!("put the text in double quotes: {key} = \"...\""),
        e if e.starts_with("a list") => format!("use square brackets: {key} = [ ... ]"),
        e if e.contains("number") => format!("write a number without quotes: {key} = 3"),
        _ => format!("write `{key}` as {expected}"),
    })
}

/// Text, checked for characters that could reach the terminal (H016) and for length (H006).
pub fn text(v: &Value<'_>, key: &str, sink: &mut Sink) -> Option<Spanned<String>> {
    let DeValue::String(s) = v.get_ref() else {
        sink.push(wrong_type(v, key, "text (in double quotes)"));
        return None;
    };
    let s: &str = s.as_ref();
    if let Some(c) = s.chars().find(|&c| is_forbidden_char(c)) {
        sink.push(
            Diagnostic::new(Code::H016, v.span(), format!("`{key}` contains {}", describe_char(c)))
                .help("remove it: text may hold letters, punctuation, tabs and line breaks, but no control characters or escape sequences"),
        );
        return None;
    }
    let n = s.chars().count();
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
        sink.push(
            Diagnostic::new(Code::H018, v.span(), format!("`{key}` is empty"))
                .help(format!("write the {key}, or remove the key")),
        );
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

pub fn table<'t, 'i>(v: &'t Value<'i>, key: &str, what: impl Into<String>, sink: &mut Sink) -> Option<Table<'t, 'i>> {
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
