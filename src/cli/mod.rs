//! The command line (SPEC §4). Each command turns arguments into engine calls and prints the
//! result; none of them scores or walks graphs itself.

mod args;
mod explain;
mod graph;
mod new;
mod plain;
mod play;
mod schema;
mod test;
pub mod text_report;
mod validate;
pub mod watch;

pub use args::{Cli, Command, FeedbackMode, HistoryArgs, HistoryFormat, PlayArgs};

use clap::Parser;
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::Scenario;
use hearken_engine::scenario::library::Library;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Exit codes (SPEC §4).
pub const EXIT_OK: u8 = 0;
pub const EXIT_INVALID: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// A failure that ends the command: what to tell the user, and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure { code: EXIT_USAGE, message: message.into() }
    }

    pub fn invalid(message: impl Into<String>) -> Failure {
        Failure { code: EXIT_INVALID, message: message.into() }
    }

    /// The exit code alone: the command already printed what went wrong.
    pub fn silent(code: u8) -> Failure {
        Failure { code, message: String::new() }
    }
}

pub type Outcome = Result<(), Failure>;

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
    let ctx = Context::new(&cli);
    match cli.command {
        None => crate::tui::run_home(&ctx, &PlayArgs::default()),
        Some(Command::Play(args)) => play::run(&ctx, &args),
        Some(Command::Validate(args)) => validate::run(&ctx, &args),
        Some(Command::Test(args)) => test::run(&ctx, &args),
        Some(Command::Explain { code }) => explain::run(code.as_deref()),
        Some(Command::Graph(args)) => graph::run(&ctx, &args),
        Some(Command::New { id, dir }) => new::run(&id, &dir),
        Some(Command::Schema) => schema::run(),
        Some(Command::History(args)) => crate::store::cli::run(&ctx, &args),
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "hearken", &mut std::io::stdout());
            Ok(())
        }
    }
}

/// What every command needs to know about where things are.
pub struct Context {
    pub scenario_dirs: Vec<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub color: bool,
}

impl Context {
    pub fn new(cli: &Cli) -> Context {
        let data_dir = cli
            .data_dir
            .clone()
            .or_else(|| std::env::var_os("HEARKEN_DATA_DIR").filter(|v| !v.is_empty()).map(PathBuf::from))
            .or_else(|| directories::ProjectDirs::from("", "", "hearken").map(|d| d.data_dir().to_path_buf()));
        Context { scenario_dirs: cli.scenarios.clone(), data_dir, color: color_wanted(std::io::stdout().is_terminal()) }
    }

    /// `--scenarios` folders, then `<data dir>/scenarios` when it exists.
    pub fn user_scenario_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = self.scenario_dirs.clone();
        if let Some(d) = &self.data_dir {
            let s = d.join("scenarios");
            if s.is_dir() {
                dirs.push(s);
            }
        }
        dirs
    }

    /// The library a trainee plays from: built-in and user scenarios.
    pub fn library(&self, table: &RubricTable) -> Library {
        crate::library::load(&self.user_scenario_dirs(), true, table)
    }

    /// What `validate` and `test` check: the files and folders named, or, when none are, the
    /// built-in library with any `--scenarios` folders.
    pub fn library_for(&self, paths: &[PathBuf], table: &RubricTable) -> Library {
        if paths.is_empty() {
            crate::library::load(&self.scenario_dirs, true, table)
        } else {
            crate::library::load(paths, false, table)
        }
    }

    /// A scenario named by id (from the library) or by path.
    pub fn resolve_scenario(&self, name: &str, table: &RubricTable) -> Result<Arc<Scenario>, Failure> {
        let path = Path::new(name);
        if name.ends_with(".toml") || path.is_file() {
            let entry = crate::library::entry_from_path(path, table);
            return match entry.scenario {
                Some(s) => Ok(s),
                None => {
                    let mut out = std::io::stderr();
                    hearken_engine::diagnostic::render::human(
                        &mut out,
                        &[entry.report],
                        color_wanted(std::io::stderr().is_terminal()),
                    )
                    .map_err(|e| Failure::usage(e.to_string()))?;
                    Err(Failure {
                        code: if entry.io_error { EXIT_USAGE } else { EXIT_INVALID },
                        message: format!("{name} has errors, so it cannot be played"),
                    })
                }
            };
        }
        let lib = self.library(table);
        lib.find(name).ok_or_else(|| {
            let ids: Vec<&str> = lib.scenarios().map(|s| s.id.as_str()).collect();
            let hint = match hearken_engine::text::did_you_mean(name, ids.iter().copied()) {
                Some(s) => format!(" Did you mean `{s}`?"),
                None => " Run `hearken validate` to list problems, or give a path to a .toml file.".to_string(),
            };
            Failure::usage(format!("there is no scenario called `{name}`.{hint}"))
        })
    }
}

/// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
pub fn color_wanted(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// `--rubric FILE`, or the built-in table.
pub fn rubric_table(path: Option<&Path>) -> Result<Arc<RubricTable>, Failure> {
    match path {
        None => Ok(RubricTable::builtin()),
        Some(p) => crate::library::rubric_from_path(p).map(Arc::new).map_err(|report| {
            let io = report.diagnostics.iter().any(|d| d.code == hearken_engine::diagnostic::Code::H090);
            let _ = hearken_engine::diagnostic::render::human(
                &mut std::io::stderr(),
                &[report],
                color_wanted(std::io::stderr().is_terminal()),
            );
            Failure {
                code: if io { EXIT_USAGE } else { EXIT_INVALID },
                message: format!("the rubric table {} has errors", p.display()),
            }
        }),
    }
}
