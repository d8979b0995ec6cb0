//! `hearken validate`: every problem in every file, in one run.

use super::args::{DiagnosticFormat, ValidateArgs};
use crate::failure::{EXIT_INVALID, EXIT_USAGE, Failure, Outcome};
use crate::library::rubric_table;
use crate::settings::Settings;
use hearken_engine::diagnostic::{Code, render};
use std::io::Write;

pub fn run(ctx: &Settings, args: &ValidateArgs) -> Outcome {
    let table = rubric_table(args.rubric.as_deref())?;
    let mut lib = crate::library::for_checking(ctx, &args.paths, &table);
    if !args.no_classifier_check {
        hearken_engine::typed::check_library(&mut lib);
    }
    let mut reports = lib.reports();
    // File order, as an editor shows them: whole-file problems first, then by position.
    for r in &mut reports {
        // The note on checks that could not run (H091) comes last, after the errors it waits on.
        r.diagnostics.sort_by_key(|d| (d.code == Code::H091, d.span.as_ref().map(|s| (s.start, s.end))));
    }
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        DiagnosticFormat::Human => render::human_width(&mut out, &reports, ctx.color, terminal_width())
            .and_then(|_| writeln!(out, "{}", render::summary(&reports)))
            .and_then(|_| {
                let (errors, warnings) = counts(&reports);
                if args.deny_warnings && errors == 0 && warnings > 0 {
                    writeln!(out, "Failed: warnings count as errors here (--deny-warnings).")
                } else {
                    Ok(())
                }
            }),
        DiagnosticFormat::Json => render::json(&mut out, &reports),
        DiagnosticFormat::Github => render::github(&mut out, &reports),
    };
    crate::failure::ignore_broken_pipe(written)?;
    let (errors, warnings) = counts(&reports);
    if lib.entries.iter().any(|e| e.io_error) {
        Err(Failure::silent(EXIT_USAGE))
    } else if errors > 0 || (args.deny_warnings && warnings > 0 && matches!(args.format, DiagnosticFormat::Human)) {
        // (Human output has said why already: "warnings count as errors here".)
        Err(Failure::silent(EXIT_INVALID))
    } else if args.deny_warnings && warnings > 0 {
        // JSON and GitHub output stay one format on stdout: the reason goes to stderr.
        Err(Failure::invalid(format!(
            "{warnings} {} and no errors, but warnings count as errors here (--deny-warnings)",
            render::plural(warnings, "warning", "warnings")
        )))
    } else {
        Ok(())
    }
}

fn counts(reports: &[hearken_engine::diagnostic::FileDiagnostics]) -> (usize, usize) {
    (reports.iter().map(|r| r.errors()).sum(), reports.iter().map(|r| r.warnings()).sum())
}

/// Columns to fit source excerpts in: the terminal's width when writing to one, else `COLUMNS`,
/// else a width that reads well in CI logs.
pub fn terminal_width() -> usize {
    use std::io::IsTerminal;
    let from_terminal = std::io::stdout()
        .is_terminal()
        .then(|| ratatui::crossterm::terminal::size().ok())
        .flatten()
        .map(|(w, _)| w as usize);
    let from_env = || std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok());
    from_terminal.or_else(from_env).filter(|&w| w >= 20).unwrap_or(render::DEFAULT_WIDTH + 10)
}
