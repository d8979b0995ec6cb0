//! The three ways diagnostics are shown: rustc-style for people, JSON for tools, and GitHub
//! workflow commands for pull-request annotations (docs/command-line.md).

use super::{Diagnostic, FileDiagnostics, Severity};
use crate::source::{SourceFile, Span};
use crate::text::terminal_safe;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{self, Files};
use codespan_reporting::term::{self, Chars, Config};
use serde::Serialize;
use std::io::{self, Write};
use std::ops::Range;

/// Widest excerpt of one source line, in characters, when the width of the terminal is not
/// known. Longer lines (minified or binary files, very long dialogue) are cut around the span, so
/// one bad line cannot flood the terminal.
pub const DEFAULT_WIDTH: usize = 100;
/// A span over more lines than this is shown by its first line only.
const MAX_EXCERPT_LINES: usize = 6;
/// Room the gutter (`123 | `) and a margin take from the terminal's width.
const GUTTER: usize = 10;

/// Most diagnostics shown for one file in human output. Past this a person is better served by
/// fixing the first ones (the rest are often the same slip repeated); JSON and GitHub output
/// still list every one.
pub const MAX_HUMAN_PER_FILE: usize = 200;

/// rustc-style output: code, message, `--> file:line:col`, the source line, a caret, the related
/// places, help. Source lines are cut to fit `DEFAULT_WIDTH` columns.
pub fn human(out: &mut dyn Write, files: &[FileDiagnostics], color: bool) -> io::Result<()> {
    human_width(out, files, color, DEFAULT_WIDTH + GUTTER)
}

/// As `human`, with source lines cut to fit a terminal `width` columns wide.
pub fn human_width(out: &mut dyn Write, files: &[FileDiagnostics], color: bool, width: usize) -> io::Result<()> {
    let config = Config { chars: Chars::ascii(), ..Config::default() };
    let max_chars = width.saturating_sub(GUTTER).max(30);
    for file in files {
        let name = terminal_safe(&file.name).into_owned();
        if file.diagnostics.len() > MAX_HUMAN_PER_FILE {
            let more = file.diagnostics.len() - MAX_HUMAN_PER_FILE;
            writeln!(
                out,
                "note: {name} has {} problems; the first {MAX_HUMAN_PER_FILE} are shown, {more} more are not. Fix these first, or use --format json to list them all.\n",
                file.diagnostics.len()
            )?;
        }
        for d in file.diagnostics.iter().take(MAX_HUMAN_PER_FILE) {
            let mut buf = Vec::new();
            match (&d.span, &file.source) {
                (Some(span), Some(src)) => {
                    // Each place is its own excerpt: the primary one first, then the related
                    // places (in this file or another) as secondary labels.
                    let mut excerpts = Excerpts(vec![Excerpt::new(name.clone(), src, span.clone(), max_chars)]);
                    let mut labels = vec![{
                        let mut label = Label::primary(0, excerpts.0[0].span.clone());
                        if let Some(l) = &d.label {
                            label = label.with_message(terminal_safe(l).into_owned());
                        }
                        label
                    }];
                    let mut notes = Vec::new();
                    for r in &d.related {
                        let rsrc = r.source.as_deref().unwrap_or(src);
                        let rname = terminal_safe(&rsrc.name()).into_owned();
                        match &r.span {
                            Some(rspan) => {
                                excerpts.0.push(Excerpt::new(rname, rsrc, rspan.clone(), max_chars));
                                let id = excerpts.0.len() - 1;
                                labels.push(
                                    Label::secondary(id, excerpts.0[id].span.clone())
                                        .with_message(terminal_safe(&r.message).into_owned()),
                                );
                            }
                            None => notes.push(format!("note: {}: {rname}", terminal_safe(&r.message))),
                        }
                    }
                    let cs = to_codespan(d, labels, notes);
                    let result = if color {
                        let mut ansi = term::termcolor::Ansi::new(&mut buf);
                        let styles = term::Styles::default();
                        let mut w = term::StylesWriter::new(&mut ansi, &styles);
                        term::emit_to_write_style(&mut w, &config, &excerpts, &cs)
                    } else {
                        term::emit_to_io_write(&mut buf, &config, &excerpts, &cs)
                    };
                    result.map_err(io::Error::other)?;
                }
                _ => whole_file(&mut buf, d, &name, color)?,
            }
            out.write_all(&buf)?;
        }
    }
    Ok(())
}

fn to_codespan(d: &Diagnostic, labels: Vec<Label<usize>>, mut notes: Vec<String>) -> CsDiagnostic<usize> {
    let severity = match d.severity() {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
    };
    let cs =
        CsDiagnostic::new(severity).with_code(d.code.as_str()).with_message(terminal_safe(&d.message).into_owned());
    if let Some(help) = &d.help {
        notes.push(format!("help: {}", terminal_safe(help)));
    }
    cs.with_labels(labels).with_notes(notes)
}

/// A problem with the whole file (it cannot be read, is too large...): no excerpt, but the
/// same shape as the others, so the eye finds the file name in the same place.
fn whole_file(buf: &mut Vec<u8>, d: &Diagnostic, name: &str, color: bool) -> io::Result<()> {
    let (level, paint) = match d.severity() {
        Severity::Error => ("error", "\x1b[1;91m"),
        Severity::Warning => ("warning", "\x1b[1;93m"),
    };
    let (paint, bold, blue, reset) = if color { (paint, "\x1b[1m", "\x1b[1;94m", "\x1b[0m") } else { ("", "", "", "") };
    writeln!(buf, "{paint}{level}[{}]{reset}{bold}: {}{reset}", d.code, terminal_safe(&d.message))?;
    writeln!(buf, "  {blue}-->{reset} {name}")?;
    for r in &d.related {
        let file = r.source.as_ref().map_or_else(|| name.to_string(), |s| terminal_safe(&s.name()).into_owned());
        let at = match (&r.span, r.source.as_deref()) {
            (Some(span), Some(src)) => {
                let loc = src.location(span.start);
                format!("{file}:{}:{}", loc.line, loc.column)
            }
            _ => file,
        };
        writeln!(buf, "  {blue}={reset} note: {}: {at}", terminal_safe(&r.message))?;
    }
    if let Some(help) = &d.help {
        writeln!(buf, "  {blue}|{reset}")?;
        writeln!(buf, "  {blue}={reset} help: {}", terminal_safe(help))?;
    }
    writeln!(buf)
}

/// The file as codespan sees it for one diagnostic: made terminal-safe, with the span's line cut
/// to a readable window when it is very long, while the `-->` header keeps the true location.
struct Excerpt {
    name: String,
    text: String,
    line_starts: Vec<usize>,
    span: Span,
    header: files::Location,
    /// The file's line number of the excerpt's first line.
    first_line: usize,
}

impl Excerpt {
    fn new(name: String, src: &SourceFile, span: Span, max_chars: usize) -> Excerpt {
        let full = &src.text;
        let start = crate::source::floor_char_boundary(full, span.start.min(full.len()));
        let end = crate::source::floor_char_boundary(full, span.end.clamp(start, full.len()));
        let loc = src.location(start);
        let header = files::Location { line_number: loc.line, column_number: loc.column };
        let line = line_range(full, start);
        let span_lines = full[start..end].matches('\n').count() + 1;
        let long = full[line.clone()].chars().count() > max_chars;
        // A span over many lines, or over any line too long to show whole, is shown by its
        // first line: a 150 KB text is one clipped line, not the whole text. Only the first few
        // lines are looked at, so the cost does not grow with the span.
        let any_long = span_lines > 1
            && full[start..end]
                .split('\n')
                .take(MAX_EXCERPT_LINES + 1)
                .any(|l| l.len() > max_chars && l.chars().count() > max_chars);
        let end = if span_lines > MAX_EXCERPT_LINES || any_long { end.min(line.end) } else { end };
        // Only the lines under the span are copied, so a file with thousands of problems costs
        // thousands of short excerpts, not thousands of copies of the file.
        let first = line.start;
        let last = full[end..].find('\n').map_or(full.len(), |i| end + i);
        let text = terminal_safe(&full[first..last]).into_owned();
        let span = (start - first)..(end - first);
        let line = (line.start - first)..(line.end - first);
        let (text, span) =
            if long && span.end <= line.end { clip_line(&text, line, span, max_chars) } else { (text, span) };
        let line_starts = files::line_starts(&text).collect();
        Excerpt { name, text, line_starts, span, header, first_line: loc.line }
    }
}

/// The byte range of the line holding `at`, without its line break.
fn line_range(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let end = if text[start..end].ends_with('\r') { end - 1 } else { end };
    start..end.max(start)
}

/// Replaces one long line with a window around `span` ("...middle of the line..."), and moves the
/// span to match. Only that line changes, so every line number stays true.
fn clip_line(text: &str, line: Range<usize>, span: Span, max_chars: usize) -> (String, Span) {
    let before = text[line.start..span.start].chars().count();
    let lead = max_chars / 3;
    let skip = before.saturating_sub(lead);
    let window_start = line.start + text[line.start..].char_indices().nth(skip).map_or(0, |(i, _)| i);
    // A span longer than the window is shown by its beginning; the caret marks that part.
    let window_end =
        text[window_start..line.end].char_indices().nth(max_chars).map_or(line.end, |(i, _)| window_start + i);
    let prefix = if window_start > line.start { "..." } else { "" };
    let suffix = if window_end < line.end { "..." } else { "" };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..line.start]);
    out.push_str(prefix);
    out.push_str(&text[window_start..window_end]);
    out.push_str(suffix);
    out.push_str(&text[line.end..]);
    let shift = line.start + prefix.len();
    let new_span = (span.start - window_start + shift)..(span.end.clamp(span.start, window_end) - window_start + shift);
    (out, new_span)
}

impl Excerpt {
    /// As codespan's own `SimpleFile`: one past the last line starts at the end of the text.
    fn line_start(&self, line_index: usize) -> Result<usize, files::Error> {
        match line_index.cmp(&self.line_starts.len()) {
            std::cmp::Ordering::Less => Ok(self.line_starts[line_index]),
            std::cmp::Ordering::Equal => Ok(self.text.len()),
            std::cmp::Ordering::Greater => {
                Err(files::Error::LineTooLarge { given: line_index, max: self.line_starts.len() - 1 })
            }
        }
    }
}

/// The excerpts of one diagnostic, one per place, as codespan's files.
struct Excerpts(Vec<Excerpt>);

impl<'a> Files<'a> for Excerpts {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, files::Error> {
        Ok(&self.0[id].name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, files::Error> {
        Ok(&self.0[id].text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, files::Error> {
        Ok(self.0[id].line_starts.partition_point(|&s| s <= byte_index).saturating_sub(1))
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, files::Error> {
        let e = &self.0[id];
        Ok(e.line_start(line_index)?..e.line_start(line_index + 1)?)
    }

    fn line_number(&'a self, id: usize, line_index: usize) -> Result<usize, files::Error> {
        Ok(self.0[id].first_line + line_index)
    }

    /// The true place in the file, not the place in the cut excerpt (one label per excerpt).
    fn location(&'a self, id: usize, _byte_index: usize) -> Result<files::Location, files::Error> {
        Ok(self.0[id].header)
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    help: Option<&'a str>,
    related: Vec<JsonRelated>,
}

#[derive(Serialize)]
struct JsonRelated {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
}

fn json_related(file: &FileDiagnostics, d: &Diagnostic) -> Vec<JsonRelated> {
    d.related
        .iter()
        .map(|r| {
            let src = r.source.as_deref().or(file.source.as_deref());
            let loc = match (src, &r.span) {
                (Some(src), Some(span)) => Some(src.location(span.start)),
                _ => None,
            };
            JsonRelated {
                file: r.source.as_ref().map_or_else(|| file.name.clone(), |s| s.name()),
                line: loc.map(|l| l.line),
                column: loc.map(|l| l.column),
                message: r.message.clone(),
            }
        })
        .collect()
}

/// Positions of a diagnostic: (line, column, end line, end column), all 1-based.
pub fn position(source: Option<&SourceFile>, d: &Diagnostic) -> Option<(usize, usize, usize, usize)> {
    let src = source?;
    let span = d.span.clone().unwrap_or(0..0);
    let start = src.location(span.start);
    let end = src.location(span.end);
    Some((start.line, start.column, end.line, end.column))
}

/// One JSON object for the whole run (docs/command-line.md).
pub fn json(out: &mut dyn Write, files: &[FileDiagnostics]) -> io::Result<()> {
    let mut diagnostics = Vec::new();
    for file in files {
        for d in &file.diagnostics {
            let pos = position(file.source.as_deref(), d);
            diagnostics.push(JsonDiagnostic {
                code: d.code.as_str(),
                severity: d.severity(),
                message: &d.message,
                file: &file.name,
                line: pos.map(|p| p.0),
                column: pos.map(|p| p.1),
                end_line: pos.map(|p| p.2),
                end_column: pos.map(|p| p.3),
                help: d.help.as_deref(),
                related: json_related(file, d),
            });
        }
    }
    let report = JsonReport {
        files: checked(files),
        errors: files.iter().map(FileDiagnostics::errors).sum(),
        warnings: files.iter().map(FileDiagnostics::warnings).sum(),
        diagnostics,
    };
    serde_json::to_writer(&mut *out, &report)?;
    writeln!(out)
}

/// One GitHub Actions workflow command per diagnostic.
pub fn github(out: &mut dyn Write, files: &[FileDiagnostics]) -> io::Result<()> {
    for file in files {
        for d in &file.diagnostics {
            let level = match d.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut props = format!("file={}", escape_property(&file.name));
            // Exactly the properties of docs/command-line.md, in its order: CI scripts match on this line.
            if let Some((line, col, _, _)) = position(file.source.as_deref(), d) {
                props.push_str(&format!(",line={line},col={col}"));
            }
            props.push_str(&format!(",title={}", d.code));
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            writeln!(out, "::{level} {props}::{}", escape_data(&message))?;
        }
    }
    Ok(())
}

fn escape_data(s: &str) -> String {
    terminal_safe(s).replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// "2 errors and 1 warning in 3 files" — the closing line of human output.
pub fn summary(files: &[FileDiagnostics]) -> String {
    let errors: usize = files.iter().map(FileDiagnostics::errors).sum();
    let warnings: usize = files.iter().map(FileDiagnostics::warnings).sum();
    let n = checked(files);
    let files_word = plural(n, "file", "files");
    if errors == 0 && warnings == 0 {
        return format!("{n} {files_word} checked: no problems found.");
    }
    format!(
        "{n} {files_word} checked: {errors} {}, {warnings} {}.",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    )
}

/// Files checked: every report but those saying a path held no scenario file (H092) or naming a
/// file that was not read (H093).
fn checked(files: &[FileDiagnostics]) -> usize {
    use super::Code;
    files
        .iter()
        .filter(|f| {
            f.diagnostics.is_empty() || !f.diagnostics.iter().all(|d| matches!(d.code, Code::H092 | Code::H093))
        })
        .count()
}

pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
