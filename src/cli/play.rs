//! `hearken play`: the TUI by default, `--script` headless, `--plain` line by line.

use super::args::PlayArgs;
use crate::failure::{Failure, Outcome, write_stdout};
use crate::library::{resolve_scenario, rubric_table};
use crate::settings::Settings;
use hearken_engine::session::script;
use std::io::Read;

pub fn run(ctx: &Settings, args: &PlayArgs) -> Outcome {
    if args.script.is_some() {
        return run_script(ctx, args);
    }
    let table = rubric_table(args.rubric.as_deref())?;
    let play = args.play_settings(ctx.color);
    if args.plain {
        let name = args
            .scenario
            .as_deref()
            .ok_or_else(|| Failure::usage("--plain needs a scenario: hearken play SCENARIO --plain"))?;
        let scenario = resolve_scenario(ctx, name, &table)?;
        start_node(&scenario, args.from.as_deref())?;
        return run_plain(ctx, &play, table, scenario);
    }
    if args.watch {
        return super::watch::run(ctx, args);
    }
    match &args.scenario {
        Some(name) => {
            let scenario = resolve_scenario(ctx, name, &table)?;
            start_node(&scenario, args.from.as_deref())?;
            crate::tui::run_play(ctx, &play, table, scenario)
        }
        None => crate::tui::run_home(ctx, &play, table),
    }
}

fn run_plain(
    ctx: &Settings,
    play: &crate::settings::PlaySettings,
    table: std::sync::Arc<hearken_engine::rubric::RubricTable>,
    scenario: std::sync::Arc<hearken_engine::scenario::Scenario>,
) -> Outcome {
    let clock = crate::clock::SystemClock::new();
    let mut conv = crate::conversation::Conversation::start(scenario, table, play, 0, crate::clock::Clock::now(&clock));
    let mut recorder = crate::store::Recorder::start(ctx.data_dir.as_deref(), &conv.session, play.history, None);
    // Scenario text is checked when loaded; this makes sure again that none of it can drive the terminal.
    let mut out = hearken_engine::text::SafeWriter(std::io::stdout().lock());
    let played = crate::plain::play(
        &mut conv,
        &clock,
        &mut crate::plain::StdinLines::spawn(),
        &mut out,
        play.feedback,
        &mut recorder,
    );
    drop(out);
    if play.history {
        send_records_briefly(ctx);
    }
    crate::failure::ignore_broken_pipe(played)
}

/// How long a command that has printed its report waits for the background send before it exits.
pub const BACKGROUND_JOIN: std::time::Duration = std::time::Duration::from_secs(3);

/// Background sending after a session: each request at most 2 s, all of it at most 3 s.
pub fn background_options() -> crate::delivery::Options {
    let mut o = crate::delivery::Options::background();
    o.timeout = std::time::Duration::from_secs(2);
    o.deadline = Some(std::time::Instant::now() + BACKGROUND_JOIN);
    o
}

/// After the report is out: a short, bounded try at sending learning records (the rest goes on
/// `hearken sync` or the next start).
fn send_records_briefly(ctx: &Settings) {
    if let Some(send) = crate::delivery::send_in_background(ctx.data_dir.clone(), background_options()) {
        send.join_for(BACKGROUND_JOIN);
    }
}

fn run_script(ctx: &Settings, args: &PlayArgs) -> Outcome {
    let name = args
        .scenario
        .as_deref()
        .ok_or_else(|| Failure::usage("--script needs a scenario: hearken play SCENARIO --script FILE"))?;
    let table = rubric_table(args.rubric.as_deref())?;
    let scenario = resolve_scenario(ctx, name, &table)?;
    let path = args.script.as_deref().expect("checked by the caller");
    let mut text = String::new();
    let read = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    read.map_err(|e| Failure::usage(format!("cannot read the script {path}: {}", crate::io_error::plain(&e))))?;
    let mut options = script::scripted_options(args.seed.unwrap_or(0), !args.no_animation);
    options.start = start_node(&scenario, args.from.as_deref())?;
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
        crate::store::record_scripted(ctx.data_dir.as_deref(), Some(session.scenario()), &report);
    }
    let text = if args.json {
        report.to_json_string() + "\n"
    } else {
        use crate::report_text::{Numbers, transcript};
        transcript(&report, session.scenario(), &table, Numbers::File, args.seed)
    };
    let written = write_stdout(&text);
    if args.record {
        send_records_briefly(ctx);
    }
    written
}

/// The node `--from` names, if given: an unknown name is a usage error with a did-you-mean.
fn start_node(
    scenario: &hearken_engine::scenario::Scenario,
    from: Option<&str>,
) -> Result<Option<hearken_engine::scenario::NodeId>, Failure> {
    let Some(name) = from else { return Ok(None) };
    if let Some(id) = scenario.find(name) {
        return Ok(Some(id));
    }
    let ids = scenario.nodes.iter().map(|n| n.id.as_str());
    let hint = match hearken_engine::text::did_you_mean(name, ids) {
        Some(s) => format!("; did you mean `{}`?", hearken_engine::text::terminal_safe(s)),
        None => String::new(),
    };
    Err(Failure::usage(format!(
        "--from: there is no node `{}` in {}{hint}",
        hearken_engine::text::terminal_safe(name),
        hearken_engine::text::terminal_safe(&scenario.id)
    )))
}
