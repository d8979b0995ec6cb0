//! The terminal UI (README.md): home, briefing, conversation, feedback, report, history and help.
//!
//! The shape is model–update–view. `App` holds everything on screen; `update` turns a key, a
//! tick or a resize into a new state (pure: time comes in as `now`); `view` draws the state
//! (pure). The loop in between is generic over the ratatui backend and the event source, so
//! tests drive the real loop headless with a `TestBackend`, scripted events and a fake clock.
//! Side effects (history) leave `update` as `Effect`s that the loop carries out.

mod app;
mod event;
mod store;
mod theme;
mod update;
pub mod view;
mod wrap;

pub use app::{App, Effect, HomeEntry, Overlay, Play, ReportPage, Screen};
#[cfg(any(test, feature = "testing"))]
pub use event::ScriptedEvents;
pub use event::{CrosstermEvents, EventSource, Key, Msg};
pub use store::{HistoryData, Store};
pub use theme::Theme;
pub use update::{Action, update};
pub use view::view;

use crate::clock::{Clock, SystemClock};
use crate::failure::{Failure, Outcome};
use crate::settings::{PlaySettings, Settings};
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::Scenario;
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::time::Duration;

/// `hearken` and `hearken play` without a scenario: the home screen.
pub fn run_home(settings: &Settings, play: &PlaySettings, table: Arc<RubricTable>) -> Outcome {
    let app = App::new(crate::library::for_practice(settings, &table), table, play.clone());
    run_terminal(settings, app)
}

/// `hearken play SCENARIO`: straight to that scenario's briefing.
pub fn run_play(settings: &Settings, play: &PlaySettings, table: Arc<RubricTable>, scenario: Arc<Scenario>) -> Outcome {
    let mut app = App::new(crate::library::for_practice(settings, &table), table, play.clone());
    app.open_briefing(scenario);
    run_terminal(settings, app)
}

fn run_terminal(settings: &Settings, mut app: App) -> Outcome {
    if !io::stdout().is_terminal() {
        return Err(Failure::usage(
            "the full-screen player needs a terminal; off one, use `hearken play SCENARIO --plain` for line-by-line play or `hearken play SCENARIO --script FILE` for headless play",
        ));
    }
    let history = app.settings.history;
    let mut store = Store::new(settings.data_dir.as_deref(), history);
    store.load_scores(&mut app);
    store.send_records();
    let clock = SystemClock::new();
    let mut guard = TerminalGuard::enter().map_err(|e| Failure::usage(format!("cannot set up the terminal: {e}")))?;
    let result = run_loop(&mut guard.terminal, &mut app, &mut CrosstermEvents, &clock, &mut store);
    drop(guard);
    store.finish_sending(Duration::from_secs(2));
    result.map(|_| ()).map_err(|e| Failure::usage(format!("the terminal stopped working: {e}")))
}

/// Raw mode and the alternate screen for as long as it lives; restored on every way out,
/// including `?` returns. A panic is covered by the hook `ratatui::try_init` installs, plus ours
/// for the cursor.
struct TerminalGuard {
    terminal: ratatui::DefaultTerminal,
}

impl TerminalGuard {
    fn enter() -> io::Result<TerminalGuard> {
        let terminal = ratatui::try_init().inspect_err(|_| ratatui::restore())?;
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            show_cursor();
            previous(info);
        }));
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        ratatui::restore();
        show_cursor();
    }
}

fn show_cursor() {
    use ratatui::crossterm::{cursor::Show, execute};
    let _ = execute!(io::stdout(), Show);
}

/// What a run of the loop did, for tests: how often it drew and how often it woke up on its own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoopStats {
    pub frames: usize,
    pub ticks: usize,
}

/// The event loop. It sleeps until input arrives or, while the peer is speaking, until the next
/// moment something visible changes; nothing animating means it blocks on input (no CPU), and
/// it draws only when `update` says something changed.
pub fn run_loop<B: Backend, E: EventSource>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut E,
    clock: &dyn Clock,
    store: &mut Store,
) -> io::Result<LoopStats>
where
    B::Error: Send + Sync + 'static,
{
    let mut stats = LoopStats::default();
    let size = terminal.size().map_err(io::Error::other)?;
    update(app, Msg::Resize(size.width, size.height), clock.now());
    let mut dirty = true;
    loop {
        // One reading of the clock for the frame and for the wake-up that follows it: what the
        // screen shows decides when it must next change. Reading the clock again for the wake
        // would miss a change that fell between the two readings (the peer's last character),
        // and the screen would stay one step behind until a key was pressed.
        let now = clock.now();
        store.apply(app, now);
        if dirty {
            terminal.draw(|frame| view(app, frame, now)).map_err(io::Error::other)?;
            stats.frames += 1;
            dirty = false;
        }
        let timeout = app.next_wake(now).map(|at| Duration::from_millis(at.saturating_sub(clock.now())));
        let msg = match events.next(timeout)? {
            Some(msg) => msg,
            None => {
                stats.ticks += 1;
                Msg::Tick
            }
        };
        match update(app, msg, clock.now()) {
            Action::Nothing => {}
            Action::Redraw => dirty = true,
            Action::Quit => {
                store.apply(app, clock.now());
                return Ok(stats);
            }
        }
    }
}
