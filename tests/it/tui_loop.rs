//! The real event loop, headless: a `TestBackend`, scripted keys and a fake clock that moves
//! only while the loop waits. It checks the loop plays a scenario through, wakes only while
//! something animates, and draws only when something changed.

use crate::tui_common;

use hearken::clock::FakeClock;
use hearken::tui::{Key, LoopStats, Msg, ScriptedEvents, Store, run_loop};
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
    assert!(screen.contains("Result: "), "the result comes first: {screen}");
    let play = app.play.as_ref().expect("the session is kept for replay");
    assert_eq!(play.conv.session.decisions().len(), 2);
    assert!(play.conv.session.decisions().iter().all(|d| !d.interrupted), "every answer came after Sam finished");
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

/// A clock that moves on by `step` ms every time it is read, as a busy machine's clock does
/// between two readings; waits move it as `ScriptedEvents` says.
struct Jumpy<'c> {
    clock: &'c FakeClock,
    step: u64,
}

impl hearken::clock::Clock for Jumpy<'_> {
    fn now(&self) -> u64 {
        let t = hearken::clock::Clock::now(self.clock);
        self.clock.advance(self.step);
        t
    }
}

/// Ends the loop with an error the moment it would wait for a key with nothing animating.
struct StopWhenIdle<'c>(ScriptedEvents<'c>);

impl hearken::tui::EventSource for StopWhenIdle<'_> {
    fn next(&mut self, timeout: Option<std::time::Duration>) -> std::io::Result<Option<Msg>> {
        if timeout.is_none() && self.0.is_empty() {
            return Err(std::io::Error::new(std::io::ErrorKind::WouldBlock, "idle"));
        }
        self.0.next(timeout)
    }
}

#[test]
fn the_peer_never_stalls_one_character_short_when_time_moves_between_frame_and_wait() {
    // Whatever falls between the frame and the wait, once the loop goes idle the screen must
    // show the whole turn and that it is the trainee's turn.
    for step in [1, 7, 13, 29, 50, 61] {
        let clock = FakeClock::new(1_000);
        let jumpy = Jumpy { clock: &clock, step };
        let mut events = StopWhenIdle(ScriptedEvents::new(&clock, vec![key(10, Key::Enter), key(10, Key::Enter)]));
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
        let mut app = app();
        let err = run_loop(&mut terminal, &mut app, &mut events, &jumpy, &mut Store::none()).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::WouldBlock);
        let screen = text(terminal.backend().buffer());
        assert!(screen.contains("Work has been a lot lately."), "step {step}:\n{screen}");
        assert!(
            screen.contains("Sam has finished"),
            "step {step}: idle while the screen says Sam is speaking\n{screen}"
        );
    }
}
