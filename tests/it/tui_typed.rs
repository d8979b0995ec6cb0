//! Type mode in the TUI (docs/typed-answers.md), with chosen times as a fake clock would give:
//! the switch on the briefing, an input line that takes every letter, Esc and Alt for the keys,
//! what was heard and the closest option, re-picking it, and the feedback; snapshots of the
//! typed screens.

use crate::tui_common;

use hearken::settings::PlaySettings as Settings;
use hearken::tui::{Action, App, Effect, Key, Overlay, Screen};
use hearken_engine::session::Phase;
use tui_common::*;

const T0: u64 = 10_000;

fn typed() -> Settings {
    Settings { typed: true, ..settings() }
}

fn write(app: &mut App, text: &str, now: u64) {
    for c in text.chars() {
        press(app, Key::Char(c), now);
    }
}

/// The late-shift app in type mode, after Sam's first turn, with `text` written and sent.
fn sent(text: &str) -> (App, u64) {
    let mut app = conversation_at(typed(), T0);
    let end = turn_end(&app);
    write(&mut app, text, end);
    press(&mut app, Key::Enter, end);
    (app, end)
}

#[test]
fn the_briefing_switches_type_mode_with_t() {
    let mut app = app();
    press(&mut app, Key::Enter, T0);
    assert!(screen(&app, 80, 24, T0).contains("t type mode: off"), "{}", screen(&app, 80, 24, T0));
    assert_eq!(press(&mut app, Key::Char('t'), T0), Action::Redraw);
    assert!(app.settings.typed);
    let s = screen(&app, 80, 24, T0);
    assert!(s.contains("Type mode is on"), "{s}");
    press(&mut app, Key::Enter, T0);
    assert!(app.play.as_ref().unwrap().conv.typed);
}

#[test]
fn every_letter_goes_to_the_answer_even_the_command_keys() {
    let mut app = conversation_at(typed(), T0);
    let end = turn_end(&app);
    write(&mut app, "q? h1 jk", end);
    let play = app.play.as_ref().unwrap();
    assert_eq!(play.input, "q? h1 jk");
    assert_eq!(app.overlay, None, "neither q nor ? opened anything");
    assert!(!play.conv.session.hint_used());
    press(&mut app, Key::Backspace, end);
    assert_eq!(app.play.as_ref().unwrap().input, "q? h1 j");
    let s = screen(&app, 80, 24, end);
    assert!(s.contains("› q? h1 j▏"), "{s}");
    assert!(s.contains("Your answer · in your own words"), "{s}");
    assert!(s.contains("Your turn: write your answer."), "{s}");
}

#[test]
fn esc_turns_the_keys_back_on_and_alt_works_while_writing() {
    let mut app = conversation_at(typed(), T0);
    let end = turn_end(&app);
    press(&mut app, Key::Alt('h'), end);
    assert!(app.play.as_ref().unwrap().conv.session.hint_used());
    press(&mut app, Key::Alt('?'), end);
    assert_eq!(app.overlay, Some(Overlay::Help));
    let s = screen(&app, 100, 40, end);
    assert!(s.contains("Type mode: letters, digits and symbols go to your answer"), "{s}");
    press(&mut app, Key::Esc, end);
    assert_eq!(app.overlay, None);
    press(&mut app, Key::Esc, end);
    assert!(!app.play.as_ref().unwrap().writing);
    press(&mut app, Key::Char('q'), end);
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    press(&mut app, Key::Char('n'), end);
    // A letter goes back to writing.
    press(&mut app, Key::Char('s'), end);
    let play = app.play.as_ref().unwrap();
    assert!(play.writing);
    assert_eq!(play.input, "s");
}

#[test]
fn an_empty_answer_is_refused_and_nothing_is_recorded() {
    let mut app = conversation_at(typed(), T0);
    let end = turn_end(&app);
    write(&mut app, "   ", end);
    press(&mut app, Key::Enter, end);
    assert!(matches!(app.screen, Screen::Conversation));
    let play = app.play.as_ref().unwrap();
    assert!(play.conv.session.decisions().is_empty());
    assert_eq!(play.notice.as_deref(), Some("Write something first: your answer is empty."));
    assert!(!app.effects.contains(&Effect::Decided));
}

#[test]
fn sending_shows_what_was_heard_and_the_closest_option_then_the_feedback() {
    let (mut app, end) = sent("what's been going on at work?");
    let Screen::Heard { decision, selected, .. } = &app.screen else { panic!("the heard screen") };
    assert_eq!(decision.option, 1, "the open question");
    assert_eq!(app.play.as_ref().unwrap().conv.all_options()[*selected].0, 0);
    let s = screen(&app, 80, 30, end);
    assert!(s.contains("Heard: open question"), "{s}");
    assert!(s.contains("because open question: starts with 'what'"), "{s}");
    assert!(s.contains("The closest option"), "{s}");
    assert!(!app.effects.contains(&Effect::Decided), "recorded once the match is settled");
    press(&mut app, Key::Enter, end);
    assert!(app.effects.contains(&Effect::Decided));
    let Screen::Feedback { decision, .. } = &app.screen else { panic!("feedback") };
    assert_eq!(decision.typed.as_ref().unwrap().text, "what's been going on at work?");
    let s = screen(&app, 80, 40, end);
    assert!(s.contains("You said: \"what's been going on at work?\""), "{s}");
    assert!(s.contains("That is also the best option here.") || s.contains("The best option here"), "{s}");
}

#[test]
fn the_trainee_can_pick_another_closest_option_and_the_score_stays() {
    let (mut app, end) = sent("what's been going on at work?");
    let before = app.play.as_ref().unwrap().conv.session.decisions()[0].score.clone();
    // The minimizing option, by its number as shown.
    let n = app.play.as_ref().unwrap().conv.all_options().iter().position(|(i, _)| *i == 1).unwrap();
    press(&mut app, Key::Char(char::from(b'1' + n as u8)), end);
    press(&mut app, Key::Enter, end);
    let d = &app.play.as_ref().unwrap().conv.session.decisions()[0];
    assert_eq!(d.chosen, 1);
    assert!(d.typed.as_ref().unwrap().corrected);
    assert_eq!((d.score.earned, d.score.quality, d.score.mark), (before.earned, before.quality, before.mark));
    press(&mut app, Key::Enter, end);
    assert!(matches!(app.screen, Screen::Conversation));
    assert_eq!(app.play.as_ref().unwrap().conv.session.node().id, "ward");
}

#[test]
fn sending_while_the_peer_speaks_is_an_interruption_judged_on_what_was_said_by_then() {
    let mut app = conversation_at(typed(), T0);
    // The first line ends at T0 + 2800; in the pause after it, Sam has more to say.
    write(&mut app, "you dont want to go home yet", T0 + 3000);
    press(&mut app, Key::Enter, T0 + 3000);
    let d = &app.play.as_ref().unwrap().conv.session.decisions()[0];
    assert!(d.interrupted);
    assert_eq!(d.chosen, 2, "only the reflection of the first line was on show");
    assert!(d.typed.as_ref().unwrap().heard.skills.iter().any(|s| s.is_reflection()));
    assert_eq!(app.play.as_ref().unwrap().conv.session.phase(), Phase::Answered);
}

// --- Snapshots -----------------------------------------------------------------------------------

fn snap(name: &str, app: &App, now: u64) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h, now));
    }
}

#[test]
fn snapshots_of_the_typed_screens() {
    let mut app = conversation_at(typed(), T0);
    let end = turn_end(&app);
    write(&mut app, "sounds like work has been a lot. what's been happening", end);
    snap("typed_writing", &app, end);
    press(&mut app, Key::Enter, end);
    snap("typed_heard", &app, end);
    press(&mut app, Key::Enter, end);
    snap("typed_feedback", &app, end);
    let (app, end) = sent("bonjour, ça va?");
    snap("typed_heard_nothing", &app, end);
}
