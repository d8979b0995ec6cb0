//! The real event loop, headless: a `TestBackend`, scripted keys and a fake clock that moves
//! only while the loop waits. It checks the loop plays a scenario through, wakes only while
//! something animates, and draws only when something changed.

use crate::tui_common;

use hearken::tui::{Key, LoopStats, Msg, ScriptedEvents, Store, run_loop};
use hearken_engine::session::clock::FakeClock;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_common::*;

fn run(script: Vec<(u64, Msg)>) -> (LoopStats, String, hearken::tui::App) {
    let clock = FakeClock::new(1_000);
    let mut events = ScriptedEvents::new(&clock, script);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    let mut app = app();
    let stats =
        run_loop(&mut terminal, &mut app, &mut events, &clock, &mut Store::none()).expect("the loop ends with q");
    assert!(events.is_empty(), "the loop stopped before the script ended");
    (stats, text(terminal.backend().buffer()), app)
}

fn key(delay: u64, k: Key) -> (u64, Msg) {
    (delay, Msg::Key(k))
}

#[test]
fn the_loop_plays_a_scenario_to_its_report() {
    let script = vec![
        key(500, Key::Enter), // open the briefing
        key(500, Key::Enter), // start
        key(9_000, Key::Char('1')),
        key(2_000, Key::Enter), // past the feedback
        key(9_000, Key::Char('1')),
        key(2_000, Key::Enter),
        key(9_000, Key::Enter), // the ending has played: to the report
        key(2_000, Key::Char('q')),
    ];
    let (stats, screen, app) = run(script);
    assert!(screen.contains("Report · After the late shift · with Sam"), "{screen}");
    assert!(screen.contains("Ending:"), "{screen}");
    let play = app.play.as_ref().expect("the session is kept for replay");
    assert_eq!(play.session.decisions().len(), 2);
    assert!(play.session.decisions().iter().all(|d| !d.interrupted), "every answer came after Sam finished");
    assert!(stats.ticks > 0, "the peer's words were revealed over time");
}

#[test]
fn idle_time_costs_no_wakeups() {
    // Start the conversation, then sit without touching anything for a minute or for a day.
    let wakeups = |idle: u64| {
        let script =
            vec![key(100, Key::Enter), key(100, Key::Enter), key(idle, Key::Char('q')), key(100, Key::Char('y'))];
        run(script).0
    };
    let minute = wakeups(60_000);
    let day = wakeups(86_400_000);
    assert_eq!(minute, day, "once the peer has finished, waiting longer wakes the loop no more");
    // One wake-up per visible change of the turn: 83 characters and a few pause dots, not 60 a second.
    assert!(minute.ticks < 100, "{minute:?}");
}

#[test]
fn keys_that_change_nothing_draw_nothing() {
    let script = vec![key(10, Key::Char('x')), key(10, Key::Up), key(10, Key::Char('z')), key(10, Key::Char('q'))];
    let (stats, screen, _) = run(script);
    assert_eq!(stats, LoopStats { frames: 1, ticks: 0 });
    assert!(screen.contains("Choose a scenario"), "{screen}");
}

#[test]
fn a_script_that_never_quits_is_an_error_not_a_hang() {
    let clock = FakeClock::new(0);
    let mut events = ScriptedEvents::new(&clock, vec![key(10, Key::Enter)]);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    let mut app = app();
    let err = run_loop(&mut terminal, &mut app, &mut events, &clock, &mut Store::none()).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::UnexpectedEof);
}
