//! The command line (docs/command-line.md). Each command turns arguments into engine calls and prints the
//! result; none of them scores or walks graphs itself.

mod args;
mod classify;
mod explain;
mod graph;
mod history;
mod new;
mod play;
mod records;
mod schema;
mod test;
mod validate;
pub mod watch;

pub use args::{Cli, Command, HistoryArgs, HistoryFormat, PlayArgs};

use crate::failure::{EXIT_OK, Outcome, color_wanted};
use crate::settings::Settings;
use clap::Parser;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(f) => {
            if !f.message.is_empty() {
                eprintln!("hearken: {}", hearken_engine::text::terminal_safe(&f.message));
            }
            ExitCode::from(f.code)
        }
    }
}

pub fn run(cli: Cli) -> Outcome {
    let ctx = settings(&cli);
    match cli.command {
        None => crate::tui::run_home(
            &ctx,
            &PlayArgs::default().play_settings(ctx.color),
            hearken_engine::rubric::RubricTable::builtin(),
        ),
        Some(Command::Play(args)) => play::run(&ctx, &args),
        Some(Command::Validate(args)) => validate::run(&ctx, &args),
        Some(Command::Test(args)) => test::run(&ctx, &args),
        Some(Command::Explain { code }) => explain::run(code.as_deref()),
        Some(Command::Graph(args)) => graph::run(&ctx, &args),
        Some(Command::New { id, dir }) => new::run(&id, &dir),
        Some(Command::Schema) => schema::run(),
        Some(Command::Classify(args)) => classify::run(&args),
        Some(Command::History(args)) => history::run(&ctx, &args),
        Some(Command::Sync { status }) => records::sync(&ctx, status),
        Some(Command::Export { xapi: _, output }) => records::export(&ctx, &output),
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "hearken", &mut std::io::stdout());
            Ok(())
        }
    }
}

/// Where things are, from `--scenarios`, `--data-dir` and the environment.
fn settings(cli: &Cli) -> Settings {
    let data_dir = cli
        .data_dir
        .clone()
        .or_else(|| std::env::var_os("HEARKEN_DATA_DIR").filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(|| directories::ProjectDirs::from("", "", "hearken").map(|d| d.data_dir().to_path_buf()));
    Settings { scenario_dirs: cli.scenarios.clone(), data_dir, color: color_wanted(std::io::stdout().is_terminal()) }
}
