//! `hearken play FILE --watch`, for authors: the conversation restarts whenever the file is
//! saved, and while the file is broken its problems are shown instead, until the next save.
//!
//! Changes are found by polling the file's modification time and length a few times a second:
//! no extra dependency, and it works where file-system events do not (network drives, editors
//! that save by replacing the file, containers). The source of changes is a trait, so the
//! restart logic is tested with scripted changes and no waiting.

use super::PlayArgs;
use crate::failure::{Failure, Outcome};
use crate::library::rubric_table;
use crate::settings::Settings as Context;
use crate::tui::{App, EventSource, Key, Msg, Store};
use hearken_engine::diagnostic::FileDiagnostics;
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::Scenario;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

/// How often the file is looked at.
pub const POLL: Duration = Duration::from_millis(250);

/// Where news of a saved file comes from.
pub trait Changes {
    /// Whether the file changed since the last call (the first call only takes note of it).
    fn changed(&mut self) -> bool;
}

/// Polls a file's modification time and length.
pub struct Polling {
    path: PathBuf,
    last: Option<(Option<SystemTime>, u64)>,
}

impl Polling {
    pub fn new(path: &Path) -> Polling {
        let mut p = Polling { path: path.to_path_buf(), last: None };
        p.last = p.stamp();
        p
    }

    /// A missing file (an editor saving by delete-and-rename) has no stamp: not a change yet.
    fn stamp(&self) -> Option<(Option<SystemTime>, u64)> {
        std::fs::metadata(&self.path).ok().map(|m| (m.modified().ok(), m.len()))
    }
}

impl Changes for Polling {
    fn changed(&mut self) -> bool {
        let now = self.stamp();
        if now.is_some() && now != self.last {
            self.last = now;
            true
        } else {
            false
        }
    }
}

/// The terminal's events, with the file looked at between them: a save ends the session as
/// Ctrl-C would, and `saved` says it was a save.
pub struct WatchEvents<'c, E, C> {
    pub inner: E,
    pub changes: &'c mut C,
    pub saved: bool,
}

impl<E: EventSource, C: Changes> EventSource for WatchEvents<'_, E, C> {
    fn next(&mut self, timeout: Option<Duration>) -> io::Result<Option<Msg>> {
        let start = Instant::now();
        loop {
            let left = timeout.map(|t| t.saturating_sub(start.elapsed()));
            let slice = left.map_or(POLL, |l| l.min(POLL));
            if let Some(msg) = self.inner.next(Some(slice))? {
                return Ok(Some(msg));
            }
            if self.changes.changed() {
                self.saved = true;
                return Ok(Some(Msg::Key(Key::Interrupt)));
            }
            if left.is_some_and(|l| l <= slice) {
                return Ok(None);
            }
        }
    }
}

/// The file as it is now: a scenario to play, or the problems that stop it.
pub enum Now {
    Playable(Arc<Scenario>),
    Broken(FileDiagnostics),
}

pub fn read_now(path: &Path, table: &RubricTable) -> Now {
    let entry = crate::library::entry_from_path(path, table);
    match entry.scenario {
        Some(s) => Now::Playable(s),
        None => Now::Broken(entry.report),
    }
}

/// How one session ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    /// The author quit: stop watching.
    Quit,
    /// The file was saved: read it again and start over.
    Saved,
}

/// The watch loop, with its parts passed in: `play` runs one conversation, `broken` shows the
/// problems of a file that cannot be played, and `wait` returns once the file changed (or
/// `Ended::Quit` when the author gave up waiting). Restarts until a session ends with `Quit`.
pub fn watch<C: Changes>(
    path: &Path,
    table: &RubricTable,
    changes: &mut C,
    mut play: impl FnMut(Arc<Scenario>, &mut C) -> io::Result<Ended>,
    mut broken: impl FnMut(&FileDiagnostics) -> io::Result<()>,
    mut wait: impl FnMut(&mut C) -> io::Result<Ended>,
) -> io::Result<()> {
    loop {
        let ended = match read_now(path, table) {
            Now::Playable(s) => play(s, changes)?,
            Now::Broken(report) => {
                broken(&report)?;
                wait(changes)?
            }
        };
        if ended == Ended::Quit {
            return Ok(());
        }
    }
}

/// The node to start from, for authors trying one part of a conversation.
///
/// Hook: `play --from NODE` arrives with scoring model 2 (docs/command-line.md). Once `PlayArgs` has `from`,
/// return `args.from.as_deref()` here; every restart then begins at that node.
fn start_node(_args: &PlayArgs) -> Option<&str> {
    None
}

pub fn run(ctx: &Context, args: &PlayArgs) -> Outcome {
    let name = args.scenario.as_deref().unwrap_or_default();
    let path = Path::new(name);
    if !path.is_file() {
        return Err(Failure::usage(format!(
            "--watch needs the path of a scenario file, such as {name}.toml: it restarts when that file is saved"
        )));
    }
    if !io::stdout().is_terminal() {
        return Err(Failure::usage("--watch needs a terminal: it restarts the full-screen player on every save"));
    }
    let table = rubric_table(args.rubric.as_deref())?;
    let mut changes = Polling::new(path);
    let color = ctx.color;
    let result = watch(
        path,
        &table,
        &mut changes,
        |scenario, changes| {
            let mut app = App::new(Default::default(), table.clone(), args.play_settings(color));
            app.open_briefing(scenario);
            let _from = start_node(args);
            // An author's try-outs are never recorded.
            let mut store = Store::new(ctx.data_dir.as_deref(), false);
            let clock = crate::clock::SystemClock::new();
            let mut events = WatchEvents { inner: crate::tui::CrosstermEvents, changes, saved: false };
            let mut terminal = ratatui::try_init()?;
            let run = crate::tui::run_loop(&mut terminal, &mut app, &mut events, &clock, &mut store);
            ratatui::restore();
            run?;
            Ok(if events.saved { Ended::Saved } else { Ended::Quit })
        },
        |report| {
            let mut out = io::stdout().lock();
            hearken_engine::diagnostic::render::human_width(
                &mut out,
                std::slice::from_ref(report),
                color,
                super::validate::terminal_width(),
            )?;
            writeln!(out, "{} cannot be played yet. Waiting for it to be saved again (Ctrl-C to stop)...", report.name)
        },
        |changes| {
            while !changes.changed() {
                std::thread::sleep(POLL);
            }
            Ok(Ended::Saved)
        },
    );
    result.map_err(|e| Failure::usage(format!("the terminal stopped working: {e}")))
}
