//! The three ways diagnostics are shown: rustc-style for people, JSON for tools, and GitHub
//! workflow commands for pull-request annotations (SPEC §5).

use super::{Diagnostic, FileDiagnostics, Severity};
use crate::source::SourceFile;
use crate::text::terminal_safe;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};
use serde::Serialize;
use std::io::{self, Write};

/// rustc-style output: code, message, `--> file:line:col`, the source line, a caret, help.
pub fn human(out: &mut dyn Write, files: &[FileDiagnostics], color: bool) -> io::Result<()> {
    let config = Config::default();
    for file in files {
        // Same-length sanitising keeps every span valid while making sure the excerpt of a
        // hostile file cannot send escape sequences to the terminal.
        let (name, text) = match &file.source {
            Some(src) => (terminal_safe(&file.name).into_owned(), terminal_safe(&src.text).into_owned()),
            None => (terminal_safe(&file.name).into_owned(), String::new()),
        };
        let simple = SimpleFile::new(name.as_str(), text.as_str());
        for d in &file.diagnostics {
            let cs = to_codespan(d, file.source.is_some(), &name);
            let mut buf = Vec::new();
            if color {
                let mut ansi = term::termcolor::Ansi::new(&mut buf);
                let styles = term::Styles::default();
                let mut w = term::StylesWriter::new(&mut ansi, &styles);
                term::emit_to_write_style(&mut w, &config, &simple, &cs).map_err(io::Error::other)?;
            } else {
                term::emit_to_io_write(&mut buf, &config, &simple, &cs).map_err(io::Error::other)?;
            }
            out.write_all(&buf)?;
        }
    }
    Ok(())
}

fn to_codespan(d: &Diagnostic, has_source: bool, name: &str) -> CsDiagnostic<()> {
    let severity = match d.severity() {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
    };
    let mut cs =
        CsDiagnostic::new(severity).with_code(d.code.as_str()).with_message(terminal_safe(&d.message).into_owned());
    match (&d.span, has_source) {
        (Some(span), true) => {
            let mut label = Label::primary((), span.clone());
            if let Some(l) = &d.label {
                label = label.with_message(terminal_safe(l).into_owned());
            }
            cs = cs.with_labels(vec![label]);
        }
        _ => cs = cs.with_notes(vec![format!("in {name}")]),
    }
    if let Some(help) = &d.help {
        cs = cs.with_notes(vec![format!("help: {}", terminal_safe(help))]);
    }
    cs
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
}

/// Positions of a diagnostic: (line, column, end line, end column), all 1-based.
pub fn position(source: Option<&SourceFile>, d: &Diagnostic) -> Option<(usize, usize, usize, usize)> {
    let src = source?;
    let span = d.span.clone().unwrap_or(0..0);
    let start = src.location(span.start);
    let end = src.location(span.end);
    Some((start.line, start.column, end.line, end.column))
}

/// One JSON object for the whole run (SPEC §5).
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
            });
        }
    }
    let report = JsonReport {
        files: files.len(),
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
            if let Some((line, col, end_line, end_col)) = position(file.source.as_deref(), d) {
                props.push_str(&format!(",line={line},col={col},endLine={end_line},endColumn={end_col}"));
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
    let n = files.len();
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

pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
