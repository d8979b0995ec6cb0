//! `hearken play FILE --watch`: the conversation restarts on every save, and a broken file shows
//! its problems instead of stopping. The change source is scripted, so no test waits on a timer;
//! one test checks the real polling against a real file, with a generous bound.

use crate::tui_common;

use hearken::cli::watch::{Changes, Ended, POLL, Polling, WatchEvents, watch};
use hearken::clock::FakeClock;
use hearken::tui::{Key, Msg, ScriptedEvents, Store, run_loop};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::cell::Cell;
use std::time::{Duration, Instant};

/// Reports a change on the calls listed (1-based), and counts the calls.
struct Scripted {
    on: Vec<usize>,
    calls: usize,
}

impl Changes for Scripted {
    fn changed(&mut self) -> bool {
        self.calls += 1;
        self.on.contains(&self.calls)
    }
}

const GOOD: &str = crate::diagnostics::support::BASE;

#[test]
fn a_save_restarts_the_conversation_and_a_broken_file_shows_its_problems_until_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("first-visit.toml");
    std::fs::write(&path, GOOD).unwrap();
    let table = hearken_engine::rubric::RubricTable::builtin();
    let mut changes = Scripted { on: vec![], calls: 0 };
    let log = std::cell::RefCell::new(Vec::<String>::new());
    let sessions = Cell::new(0);
    watch(
        &path,
        &table,
        &mut changes,
        |scenario, _| {
            sessions.set(sessions.get() + 1);
            log.borrow_mut().push(format!("play {}", scenario.title));
            match sessions.get() {
                // The author saves a new title: restart with it.
                1 => std::fs::write(&path, GOOD.replace("First visit", "First visit, take two")).unwrap(),
                // Then saves a mistake.
                2 => std::fs::write(&path, GOOD.replace("next = \"thanks\"", "next = \"thank\"")).unwrap(),
                _ => return Ok(Ended::Quit),
            }
            Ok(Ended::Saved)
        },
        |report| {
            let codes: Vec<String> = report.diagnostics.iter().map(|d| d.code.to_string()).collect();
            log.borrow_mut().push(format!("broken {}", codes.join(" ")));
            Ok(())
        },
        |_| {
            // The author fixes it and saves.
            std::fs::write(&path, GOOD).unwrap();
            Ok(Ended::Saved)
        },
    )
    .unwrap();
    assert_eq!(
        log.into_inner(),
        ["play First visit", "play First visit, take two", "broken H030 H030", "play First visit"],
    );
}

#[test]
fn a_save_ends_the_running_session_and_keys_still_work() {
    let clock = FakeClock::new(1_000);
    // Two keys, far apart: the file is saved while the loop waits for the second.
    let script = vec![(500, Msg::Key(Key::Enter)), (60_000, Msg::Key(Key::Char('q')))];
    let mut changes = Scripted { on: vec![4], calls: 0 };
    let mut events = WatchEvents { inner: ScriptedEvents::new(&clock, script), changes: &mut changes, saved: false };
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut app = tui_common::app();
    run_loop(&mut terminal, &mut app, &mut events, &clock, &mut Store::none()).unwrap();
    assert!(events.saved, "the loop ended because the file was saved");
    assert_eq!(events.changes.calls, 4, "the file is looked at between waits");
    assert!(!events.inner.is_empty(), "the quit key was never needed");
}

#[test]
fn polling_sees_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("first-visit.toml");
    std::fs::write(&path, GOOD).unwrap();
    let mut polling = Polling::new(&path);
    assert!(!polling.changed(), "nothing saved yet");
    std::fs::write(&path, format!("{GOOD}\n# saved again\n")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !polling.changed() {
        assert!(Instant::now() < deadline, "the save was not seen");
        std::thread::sleep(POLL);
    }
    assert!(!polling.changed(), "one save is one change");
}
