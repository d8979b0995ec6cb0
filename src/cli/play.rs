//! `hearken play`: the TUI by default, `--script` headless, `--plain` line by line.

use super::args::PlayArgs;
use super::{Context, Failure, Outcome, rubric_table, text_report};
use hearken_engine::session::script;
use std::io::Read;

pub fn run(ctx: &Context, args: &PlayArgs) -> Outcome {
    if args.script.is_some() {
        return run_script(ctx, args);
    }
    if args.plain {
        return super::plain::run(ctx, args);
    }
    if args.watch {
        return super::watch::run(ctx, args);
    }
    match &args.scenario {
        Some(_) => crate::tui::run_play(ctx, args),
        None => crate::tui::run_home(ctx, args),
    }
}

/// A seed from the clock when none was given; it is printed in the report so any session can be
/// replayed exactly with `--seed`.
pub fn seed_or_clock(seed: Option<u64>) -> u64 {
    seed.unwrap_or_else(|| {
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        (nanos % 1_000_000) as u64
    })
}

fn run_script(ctx: &Context, args: &PlayArgs) -> Outcome {
    let name = args
        .scenario
        .as_deref()
        .ok_or_else(|| Failure::usage("--script needs a scenario: hearken play SCENARIO --script FILE"))?;
    let table = rubric_table(args.rubric.as_deref())?;
    let scenario = ctx.resolve_scenario(name, &table)?;
    let path = args.script.as_deref().expect("checked by the caller");
    let mut text = String::new();
    let read = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    read.map_err(|e| Failure::usage(format!("cannot read the script {path}: {}", crate::io_error::plain(&e))))?;
    let options = script::scripted_options(args.seed.unwrap_or(0), !args.no_animation);
    let session = match script::play_text(scenario, table.clone(), options, &text) {
        Ok(s) => s,
        Err(misfit) => {
            let (e, s) = *misfit;
            // The session waits at the decision that failed, so its options are the ones to list.
            let available = s
                .node()
                .replies()
                .iter()
                .enumerate()
                .map(|(i, r)| format!("  {}. {}", i + 1, r.text))
                .collect::<Vec<_>>()
                .join("\n");
            let detail =
                if available.is_empty() { String::new() } else { format!("\nThe options there are:\n{available}") };
            return Err(Failure::invalid(format!("the script does not fit {name}: {e}{detail}")));
        }
    };
    let report = session.report(script::end_time(&session));
    if args.record {
        crate::store::record_report(ctx, &report);
    }
    let text = if args.json { report.to_json_string() + "\n" } else { text_report::transcript(&report, &table) };
    write_stdout(&text)
}

/// Writes to standard output; a reader that stops early (`| head`) is not an error.
fn write_stdout(text: &str) -> Outcome {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::usage(format!("cannot write the output: {}", crate::io_error::plain(&e))))
        }
        _ => Ok(()),
    }
}
