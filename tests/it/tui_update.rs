//! `update` and `view` driven with chosen times, as a fake clock would: how the peer's words
//! appear, pauses, interrupting, feedback, hints, leaving, and replaying from the report.

use crate::tui_common;

use hearken::settings::FeedbackMode;
use hearken::settings::PlaySettings as Settings;
use hearken::tui::{Action, Effect, Key, Msg, Overlay, ReportPage, Screen, update};
use hearken_engine::session::Phase;
use tui_common::*;

const T0: u64 = 10_000;

#[test]
fn the_peers_words_appear_at_their_pace() {
    let app = conversation_at(settings(), T0);
    // 20 characters a second: after one second, the first 20 characters.
    let s = screen(&app, 80, 24, T0 + 1000);
    assert!(s.contains("Can I stay a minute?▍"), "{s}");
    assert!(!s.contains("don't really"), "{s}");
    assert!(s.contains("● Sam is speaking"), "{s}");
    // No option answers what Sam has said so far, so none is shown (docs/scenario-format.md).
    assert!(!s.contains("1. ") && !s.contains("Your options"), "{s}");
    assert!(!s.contains("cuts in") && !s.contains("interrupts"), "{s}");

    let s = screen(&app, 80, 24, T0 + 2800);
    assert!(s.contains("Can I stay a minute? I don't really want to go home yet."), "{s}");
}

#[test]
fn an_option_appears_when_the_peer_has_said_what_it_answers_and_keeps_its_number() {
    let app = conversation_at(settings(), T0);
    // The first line ends at T0 + 2800: the reflection of it (`after = 1`) appears, as 1.
    let s = screen(&app, 80, 24, T0 + 2799);
    assert!(!s.contains("1. "), "{s}");
    let s = screen(&app, 80, 24, T0 + 2800);
    assert!(s.contains("1. You'd rather be here than at home right now."), "{s}");
    assert!(!s.contains("2. "), "the others answer what Sam has not said yet:\n{s}");
    assert!(s.contains("Your options · answering now interrupts"), "{s}");
    assert!(s.contains("(choosing now cuts in)"), "{s}");
    // The loop wakes when the line ends, so the option appears on time.
    assert_eq!(app.next_wake(T0 + 2799), Some(T0 + 2800));
    // When Sam has finished, the other two follow it; the first keeps its number.
    let s = screen(&app, 80, 24, turn_end(&app));
    assert!(s.contains("1. You'd rather be here than at home right now."), "{s}");
    assert!(s.contains("2. ") && s.contains("3. "), "{s}");
    assert_eq!(shown_as(&app, 2), '1');
}

#[test]
fn choosing_an_option_the_moment_it_appears_is_an_interruption() {
    let mut app = conversation_at(settings(), T0);
    // Before it appears, its number does nothing; numbers not shown yet do nothing either.
    assert_eq!(press(&mut app, Key::Char('1'), T0 + 2000), Action::Nothing);
    assert_eq!(press(&mut app, Key::Char('2'), T0 + 3000), Action::Nothing);
    assert!(app.play.as_ref().unwrap().conv.session.decisions().is_empty());
    // Shown at T0 + 2800, chosen during the pause that follows: Sam had more to say.
    assert_eq!(press(&mut app, Key::Char('1'), T0 + 2800), Action::Redraw);
    let d = &app.play.as_ref().unwrap().conv.session.decisions()[0];
    assert_eq!(d.chosen, 2);
    assert!(d.interrupted);
    assert_eq!(d.cut_after, Some(2800));
    let s = screen(&app, 80, 24, T0 + 2800);
    assert!(s.contains("✂ You cut in while Sam was still speaking"), "{s}");
}

#[test]
fn a_pause_shows_the_peer_pausing() {
    let app = conversation_at(settings(), T0);
    let pause_start = T0 + 2800;
    let s = screen(&app, 80, 24, pause_start + 100);
    // Words that need no pronoun the scenario does not give.
    assert!(s.contains("… Sam pauses… (choosing now cuts in)"), "{s}");
    assert!(s.contains("(pause ·)"), "{s}");
    assert!(!s.contains("their thoughts"), "{s}");
    assert!(!s.contains("Work has been"), "{s}");
    // The dots move while the pause lasts, and the loop is woken for each.
    let s = screen(&app, 80, 24, pause_start + 900);
    assert!(s.contains("(pause · · ·)"), "{s}");
    assert_eq!(app.next_wake(pause_start + 100), Some(pause_start + 400));
    // After the pause, the last line.
    let s = screen(&app, 80, 24, pause_start + 2000 + 500);
    assert!(s.contains("(pause)") && s.contains("Work has"), "{s}");
}

#[test]
fn when_the_peer_finishes_it_is_the_trainees_turn_and_nothing_animates() {
    let mut app = conversation_at(settings(), T0);
    let end = turn_end(&app);
    assert_eq!(end, T0 + 2800 + 2000 + 1350);
    assert!(app.next_wake(end - 1).is_some());
    assert_eq!(app.next_wake(end), None, "idle: the loop should block on input");
    let s = screen(&app, 80, 24, end);
    assert!(s.contains("✓ Sam has finished. Your turn"), "{s}");
    assert!(!s.contains("interrupts"), "{s}");
    // One redraw to show the turn is over, then ticks change nothing.
    assert_eq!(update(&mut app, Msg::Tick, end), Action::Redraw);
    assert_eq!(update(&mut app, Msg::Tick, end + 5000), Action::Nothing);
}

#[test]
fn choosing_while_the_peer_speaks_interrupts_and_the_peer_reacts() {
    let mut app = conversation_at(settings(), T0);
    let reflection = shown_as(&app, 2);
    // "Work has been a lot lately." starts at T0 + 4800: half a second in, "Work has b".
    assert_eq!(press(&mut app, Key::Char(reflection), T0 + 5300), Action::Redraw);
    let play = app.play.as_ref().unwrap();
    let d = &play.conv.session.decisions()[0];
    assert!(d.interrupted);
    assert_eq!(d.chosen, 2);
    assert!(app.effects.contains(&Effect::Decided));
    // The feedback says so.
    let s = screen(&app, 80, 24, T0 + 5300);
    assert!(s.contains("✂ You cut in while Sam was still speaking"), "{s}");
    // The next turn opens with Sam reacting to being cut off.
    press(&mut app, Key::Enter, T0 + 6000);
    assert!(matches!(app.screen, Screen::Conversation));
    let s = screen(&app, 80, 24, T0 + 6000 + 1000);
    assert!(s.contains("Work has b— (cut off)"), "{s}");
    assert!(s.contains("Oh. Sorry. Go ahead."), "{s}");
}

#[test]
fn after_each_choice_the_feedback_names_the_skills_the_reason_and_a_better_option() {
    let mut app = conversation_at(settings(), T0);
    let end = turn_end(&app);
    let pitfall = shown_as(&app, 1);
    press(&mut app, Key::Char(pitfall), end + 1000);
    let Screen::Feedback { decision, .. } = &app.screen else { panic!("feedback expected") };
    assert!(!decision.interrupted);
    let s = screen(&app, 100, 40, end + 1000);
    assert!(s.contains("You said: \"Work stress is really common."), "{s}");
    assert!(s.contains("✗ harmful — this worked against the conversation"), "{s}");
    assert!(s.contains("Skills shown: Minimizing + Unasked-for advice"), "{s}");
    assert!(s.contains("It files Sam's week under a common problem"), "{s}");
    assert!(s.contains("A better option here"), "{s}");
    assert!(s.contains("Of course. What's been happening at work?"), "{s}");
    assert!(s.contains("Rapport:    +0 → -3 (down 3), guarded"), "{s}");

    // The best choice: no better option.
    let mut app = conversation_at(settings(), T0);
    let best = shown_as(&app, 0);
    press(&mut app, Key::Char(best), end + 1000);
    let s = screen(&app, 100, 40, end + 1000);
    assert!(s.contains("✓ best — one of the best choices at this moment"), "{s}");
    assert!(!s.contains("A better option here"), "{s}");
}

#[test]
fn number_keys_follow_the_order_shown_and_arrows_with_enter_confirm() {
    let mut app = conversation_at(settings(), T0);
    let end = turn_end(&app);
    let shown: Vec<usize> = app.play.as_ref().unwrap().conv.session.shown_replies().iter().map(|(i, _)| *i).collect();
    press(&mut app, Key::Down, end);
    press(&mut app, Key::Char('j'), end);
    press(&mut app, Key::Char('k'), end);
    assert_eq!(app.play.as_ref().unwrap().selected, 1);
    let s = screen(&app, 80, 24, end);
    assert!(s.contains("› 2."), "{s}");
    press(&mut app, Key::Enter, end + 10);
    assert_eq!(app.play.as_ref().unwrap().conv.session.decisions()[0].chosen, shown[1]);
}

#[test]
fn a_hint_is_shown_on_request_and_counted() {
    let mut app = conversation_at(settings(), T0);
    let end = turn_end(&app);
    assert!(!screen(&app, 80, 24, end).contains("Hint:"));
    press(&mut app, Key::Char('h'), end);
    let s = screen(&app, 80, 24, end);
    assert!(s.contains("Hint: Sam has opened the door a little."), "{s}");
    assert!(s.contains("hint (1 used)"), "{s}");
    let now = answer(&mut app, '1', end);
    let report = app.play.as_ref().unwrap().conv.session.report(now);
    assert_eq!(report.counts.hints, 1);
    assert!(report.decisions[0].hint_used);
}

#[test]
fn quitting_mid_scenario_asks_first_and_records_the_session_as_left() {
    let mut app = conversation_at(settings(), T0);
    assert_eq!(press(&mut app, Key::Char('q'), T0 + 10), Action::Redraw);
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    assert!(screen(&app, 80, 24, T0 + 10).contains("Quit Hearken?"));
    // "No" stays.
    press(&mut app, Key::Char('n'), T0 + 20);
    assert_eq!(app.overlay, None);
    assert!(!app.effects.contains(&Effect::Ended));
    // "Yes" quits, and the unfinished session is handed to the history.
    press(&mut app, Key::Char('q'), T0 + 30);
    assert_eq!(press(&mut app, Key::Char('y'), T0 + 40), Action::Quit);
    assert!(app.effects.contains(&Effect::Ended));
}

#[test]
fn ctrl_c_leaves_at_once_from_anywhere() {
    let mut app = conversation_at(settings(), T0);
    assert_eq!(update(&mut app, Msg::Key(Key::Interrupt), T0 + 5), Action::Quit);
    assert!(app.effects.contains(&Effect::Ended));
    let mut home = app_with(settings());
    assert_eq!(update(&mut home, Msg::Key(Key::Interrupt), 0), Action::Quit);
    assert!(home.effects.is_empty());
}

#[test]
fn escape_mid_scenario_asks_then_goes_back_to_the_list() {
    let mut app = conversation_at(settings(), T0);
    press(&mut app, Key::Esc, T0);
    assert_eq!(app.overlay, Some(Overlay::ConfirmLeave));
    press(&mut app, Key::Char('y'), T0);
    assert!(matches!(app.screen, Screen::Home));
    assert!(app.effects.contains(&Effect::Ended));
    assert!(app.effects.contains(&Effect::RefreshScores));
}

#[test]
fn with_feedback_at_the_end_choices_go_straight_on_and_the_report_keeps_it_all() {
    let mut app = conversation_at(Settings { feedback: FeedbackMode::End, ..settings() }, T0);
    let end = turn_end(&app);
    let pitfall = shown_as(&app, 1);
    press(&mut app, Key::Char(pitfall), end + 100);
    assert!(matches!(app.screen, Screen::Conversation), "no feedback screen");
    let s = screen(&app, 80, 24, end + 100);
    assert!(s.contains("You  Work stress is really common."), "{s}");
    let end = turn_end(&app);
    press(&mut app, Key::Char('1'), end + 100);
    let end = turn_end(&app);
    press(&mut app, Key::Enter, end);
    let Screen::Report { report, .. } = &app.screen else { panic!("report expected") };
    assert!(report.decisions[0].better.is_some());
    assert_eq!(
        report.decisions[0].feedback,
        "It files Sam's week under a common problem and offers a fix before you know what happened."
    );
}

/// Plays the scenario to its report: the pitfall first, then the best option.
fn played_to_report() -> (hearken::tui::App, u64) {
    let mut app = conversation_at(settings(), T0);
    let pitfall = shown_as(&app, 1);
    let now = answer(&mut app, pitfall, T0);
    let best = shown_as(&app, 0);
    let now = answer(&mut app, best, now);
    let play = app.play.as_ref().unwrap();
    assert_eq!(play.conv.session.phase(), Phase::Ended);
    let s = screen(&app, 80, 24, now);
    assert!(s.contains("● Sam is speaking"), "the ending plays out: {s}");
    let end = turn_end(&app);
    let s = screen(&app, 80, 24, end);
    assert!(s.contains("■ The conversation has ended. Press Enter to see your report."), "{s}");
    assert!(app.effects.contains(&Effect::Ended), "the finished session is recorded");
    press(&mut app, Key::Enter, end + 10);
    (app, end + 10)
}

#[test]
fn the_report_opens_at_the_choice_to_replay_and_replays_from_it() {
    let (mut app, now) = played_to_report();
    let Screen::Report { report, page, selected, .. } = &app.screen else { panic!("report expected") };
    assert_eq!(*page, ReportPage::Scores);
    assert_eq!(report.ending.as_deref(), Some("flat"));
    assert_eq!(*selected, 0, "the review starts at the choice that had a better option");
    // Tab to the review; the selected decision is the one to replay.
    press(&mut app, Key::Tab, now);
    let s = screen(&app, 80, 24, now);
    assert!(s.contains("Decision 1 of 2 · Enter: replay from here"), "{s}");
    press(&mut app, Key::Down, now);
    press(&mut app, Key::Up, now);
    app.effects.clear();
    assert_eq!(press(&mut app, Key::Enter, now + 1), Action::Redraw);
    assert!(matches!(app.screen, Screen::Conversation));
    assert!(app.effects.contains(&Effect::Started { replay: true }));
    let play = app.play.as_ref().unwrap();
    assert!(play.conv.session.decisions().is_empty());
    assert_eq!(play.conv.session.node().id, "opening");
    let s = screen(&app, 80, 24, now + 1);
    assert!(s.contains("Starting again from the first decision."), "{s}");
}

#[test]
fn replaying_a_later_decision_keeps_the_choices_before_it() {
    let (mut app, now) = played_to_report();
    press(&mut app, Key::Tab, now);
    press(&mut app, Key::Down, now); // decision 2
    press(&mut app, Key::Enter, now);
    let play = app.play.as_ref().unwrap();
    assert_eq!(play.conv.session.decisions().len(), 1);
    assert_eq!(play.conv.session.decisions()[0].chosen, 1, "the first choice stands");
    assert_eq!(play.conv.session.node().id, "ward");
    // The peer's turn starts again from now, so it can be listened to (and interrupted).
    assert!(play.conv.session.is_speaking(now + 10));
    let s = screen(&app, 80, 24, turn_end(&app));
    assert!(s.contains("Replaying from decision 2"), "{s}");
    // Another answer this time reaches another ending.
    let best = shown_as(&app, 0);
    let now = answer(&mut app, best, now);
    assert_eq!(app.play.as_ref().unwrap().conv.session.report(now).ending.as_deref(), Some("flat"));
}

#[test]
fn below_the_minimum_size_it_says_so_and_recovers_on_resize() {
    let mut app = conversation_at(settings(), T0);
    update(&mut app, Msg::Resize(60, 15), T0);
    let s = screen(&app, 60, 15, T0);
    assert!(s.contains("This window is 60×15"), "{s}");
    assert!(s.contains("needs at least 70×20"), "{s}");
    // Keys that would act unseen do nothing; the session is untouched.
    assert_eq!(press(&mut app, Key::Char('1'), T0 + 10), Action::Nothing);
    assert!(app.play.as_ref().unwrap().conv.session.decisions().is_empty());
    assert_eq!(update(&mut app, Msg::Resize(80, 24), T0 + 20), Action::Redraw);
    let s = screen(&app, 80, 24, T0 + 20);
    assert!(s.contains("Sam is speaking"), "{s}");
}

#[test]
fn help_opens_and_closes_over_any_screen() {
    let mut app = conversation_at(settings(), T0);
    press(&mut app, Key::Char('?'), T0);
    assert_eq!(app.overlay, Some(Overlay::Help));
    let s = screen(&app, 80, 24, T0);
    assert!(s.contains("Help") && s.contains("a hint for this moment"), "{s}");
    press(&mut app, Key::Esc, T0);
    assert_eq!(app.overlay, None);
    assert!(matches!(app.screen, Screen::Conversation));
}

#[test]
fn without_animation_the_turn_is_shown_at_once_and_nothing_wakes_the_loop() {
    let app = conversation_at(Settings { animate: false, ..settings() }, T0);
    assert_eq!(app.next_wake(T0), None);
    let s = screen(&app, 80, 24, T0);
    assert!(s.contains("Work has been a lot lately."), "{s}");
    assert!(s.contains("✓ Sam has finished"), "{s}");
}

#[test]
fn home_keys_pick_scenarios_and_a_broken_file_cannot_be_opened() {
    let mut app = app();
    assert_eq!(press(&mut app, Key::Char('2'), 0), Action::Redraw);
    assert!(matches!(&app.screen, Screen::Briefing { scenario, .. } if scenario.id == "moving-out"));
    press(&mut app, Key::Esc, 0);
    assert!(matches!(app.screen, Screen::Home));
    press(&mut app, Key::End, 0);
    press(&mut app, Key::Enter, 0);
    assert!(matches!(app.screen, Screen::Home), "the broken file stays on the list");
    let s = screen(&app, 80, 24, 0);
    assert!(s.contains("✗ This file has a problem"), "{s}");
    assert_eq!(press(&mut app, Key::Char('q'), 0), Action::Quit);
}

#[test]
fn the_history_screen_opens_from_home_and_goes_back() {
    let mut app = app();
    press(&mut app, Key::Char('p'), 0);
    assert!(matches!(app.screen, Screen::History { .. }));
    assert!(app.effects.contains(&Effect::LoadHistory));
    app.set_history(Err("cannot read your history: the file is damaged".into()));
    let s = screen(&app, 80, 24, 0);
    assert!(s.contains("Your history cannot be shown: cannot read your history"), "{s}");
    press(&mut app, Key::Esc, 0);
    assert!(matches!(app.screen, Screen::Home));
}

#[test]
fn the_peer_waits_while_the_help_is_open() {
    let mut app = conversation_at(settings(), T0);
    // One second in, the trainee opens the help and reads it for a minute.
    press(&mut app, Key::Char('?'), T0 + 1000);
    assert_eq!(app.next_wake(T0 + 1000), None, "nothing animates behind the help");
    press(&mut app, Key::Esc, T0 + 61_000);
    assert_eq!(app.overlay, None);
    // Sam picks up where the help found them: twenty characters said, the rest still to come.
    let s = screen(&app, 80, 24, T0 + 61_000);
    assert!(s.contains("Can I stay a minute?▍"), "{s}");
    assert!(s.contains("● Sam is speaking"), "{s}");
    assert_eq!(app.next_wake(T0 + 61_000), Some(T0 + 61_050), "the next character, a twentieth of a second on");
    // The minute away does not count as the trainee's delay, nor make an answer now on time.
    press(&mut app, Key::Char('1'), T0 + 63_000);
    let play = app.play.as_ref().unwrap();
    assert!(play.conv.session.decisions()[0].interrupted, "Sam had not finished: answering is still cutting in");
}

#[test]
fn the_peer_waits_while_the_window_is_too_small_to_read() {
    let mut app = conversation_at(settings(), T0);
    update(&mut app, Msg::Resize(60, 15), T0 + 500);
    assert!(screen(&app, 60, 15, T0 + 30_000).contains("60×15"));
    update(&mut app, Msg::Resize(80, 24), T0 + 30_000);
    let s = screen(&app, 80, 24, T0 + 30_000);
    assert!(s.contains("Can I stay▍"), "ten characters, as when the window shrank: {s}");
}
