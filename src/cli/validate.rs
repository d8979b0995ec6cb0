//! `hearken validate`: every problem in every file, in one run.

use super::args::{DiagnosticFormat, ValidateArgs};
use crate::failure::{EXIT_INVALID, EXIT_USAGE, Failure, Outcome};
use crate::library::rubric_table;
use crate::settings::Settings;
use hearken_engine::diagnostic::render;
use std::io::Write;

pub fn run(ctx: &Settings, args: &ValidateArgs) -> Outcome {
    let table = rubric_table(args.rubric.as_deref())?;
    let lib = crate::library::for_checking(ctx, &args.paths, &table);
    let mut reports = lib.reports();
    // File order, as an editor shows them: whole-file problems first, then by position.
    for r in &mut reports {
        r.diagnostics.sort_by_key(|d| d.span.as_ref().map(|s| (s.start, s.end)));
    }
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        DiagnosticFormat::Human => {
            render::human(&mut out, &reports, ctx.color).and_then(|_| writeln!(out, "{}", render::summary(&reports)))
        }
        DiagnosticFormat::Json => render::json(&mut out, &reports),
        DiagnosticFormat::Github => render::github(&mut out, &reports),
    };
    match written {
        // Piped into `head` or similar: the reader has what it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(Failure::usage(format!("cannot write the output: {e}"))),
        Ok(()) => {}
    }
    let errors: usize = reports.iter().map(|r| r.errors()).sum();
    let warnings: usize = reports.iter().map(|r| r.warnings()).sum();
    if lib.entries.iter().any(|e| e.io_error) {
        Err(Failure::silent(EXIT_USAGE))
    } else if errors > 0 || (args.deny_warnings && warnings > 0) {
        Err(Failure::silent(EXIT_INVALID))
    } else {
        Ok(())
    }
}
