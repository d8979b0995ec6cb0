//! Every screen as drawn at 80×24 and at 120×40 (`cargo insta review` after a deliberate
//! change). The content comes from the test scenario, so edits to the built-in library do not
//! move these.

use crate::tui_common;

use hearken::settings::FeedbackMode;
use hearken::settings::PlaySettings as Settings;
use hearken::store::{Progress, SessionSummary, TrendPoint};
use hearken::tui::{App, HistoryData, Key, Msg, update};
use hearken_engine::rubric::Scores;
use tui_common::*;

const T0: u64 = 10_000;

/// Snapshots the app at both sizes (the app is told its size first, as the loop does).
fn snap(name: &str, app: &mut App, now: u64) {
    for (w, h) in [(80, 24), (120, 40)] {
        update(app, Msg::Resize(w, h), now);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h, now));
    }
}

#[test]
fn home() {
    let mut app = app();
    app.scores.insert("late-shift".into(), (Some(88), Some(71)));
    snap("home", &mut app, 0);
    press(&mut app, Key::End, 0);
    snap("home_broken_file", &mut app, 0);
    app.set_note("cannot read your history: the file hearken.db is not a history database".into());
    snap("home_history_problem", &mut app, 0);
}

#[test]
fn briefing() {
    let mut app = app();
    press(&mut app, Key::Enter, 0);
    snap("briefing", &mut app, 0);
}

#[test]
fn conversation() {
    let mut app = conversation_at(settings(), T0);
    snap("conversation_speaking", &mut app, T0 + 1500);
    snap("conversation_pausing", &mut app, T0 + 2800 + 500);
    let end = turn_end(&app);
    press(&mut app, Key::Char('h'), end);
    press(&mut app, Key::Down, end);
    snap("conversation_your_turn_with_hint", &mut app, end);
}

#[test]
fn conversation_later_and_at_the_end() {
    let mut app = conversation_at(settings(), T0);
    // Cut in during the pause with the reflection of the first line, the one option shown then.
    let reflection = shown_as(&app, 2);
    press(&mut app, Key::Char(reflection), T0 + 3000);
    press(&mut app, Key::Enter, T0 + 3100);
    let end = turn_end(&app);
    snap("conversation_after_an_interruption", &mut app, end);
    let best = shown_as(&app, 0);
    answer(&mut app, best, T0);
    let end = turn_end(&app);
    snap("conversation_ended", &mut app, end);
}

#[test]
fn feedback() {
    let mut app = conversation_at(settings(), T0);
    // Cut in during the pause with the reflection of the first line, the one option shown then.
    let reflection = shown_as(&app, 2);
    press(&mut app, Key::Char(reflection), T0 + 3000);
    snap("feedback_interrupted", &mut app, T0 + 3000);

    let mut app = conversation_at(settings(), T0);
    let best = shown_as(&app, 0);
    let end = turn_end(&app);
    press(&mut app, Key::Char(best), end + 2000);
    snap("feedback_best_choice", &mut app, end + 2000);
}

fn report_app() -> (App, u64) {
    let mut app = conversation_at(settings(), T0);
    // Cut in during the pause with the reflection of the first line, the one option shown then.
    let reflection = shown_as(&app, 2);
    press(&mut app, Key::Char(reflection), T0 + 3000);
    let now = T0 + 3100;
    press(&mut app, Key::Enter, now);
    // A closed question: it helped, and the complex reflection would have helped more.
    let closed = shown_as(&app, 2);
    answer(&mut app, closed, now);
    let end = turn_end(&app);
    press(&mut app, Key::Enter, end);
    (app, end)
}

#[test]
fn report() {
    let (mut app, now) = report_app();
    snap("report_scores", &mut app, now);
    update(&mut app, Msg::Resize(80, 24), now);
    press(&mut app, Key::Tab, now);
    snap("report_review", &mut app, now);
    press(&mut app, Key::Down, now);
    press(&mut app, Key::Down, now);
    snap("report_review_ending", &mut app, now);
}

#[test]
fn report_with_animation_off_and_feedback_at_the_end() {
    let mut app = conversation_at(Settings { animate: false, feedback: FeedbackMode::End, ..settings() }, T0);
    let reflect = shown_as(&app, 2);
    press(&mut app, Key::Char(reflect), T0 + 4000);
    let best = shown_as(&app, 0);
    press(&mut app, Key::Char(best), T0 + 9000);
    press(&mut app, Key::Enter, T0 + 9000);
    snap("report_no_animation", &mut app, T0 + 9000);
}

fn summary(
    id: i64,
    scenario: &str,
    day: i64,
    finished: bool,
    overall: Option<u8>,
    rubrics: [Option<u8>; 4],
) -> SessionSummary {
    SessionSummary {
        id,
        scenario: scenario.into(),
        started_at: 1_735_689_600 + day * 86_400,
        ended_at: Some(1_735_689_600 + day * 86_400 + 600),
        finished,
        ending_kind: finished.then(|| if overall.unwrap_or(0) >= 70 { "good" } else { "mixed" }.to_string()),
        scores: Scores { rubrics: [rubrics[0], rubrics[1], rubrics[2], rubrics[3], None], overall },
        decisions: 6,
        interruptions: if finished { 1 } else { 0 },
        replay_of: None,
    }
}

#[test]
fn history() {
    let mut app = app();
    press(&mut app, Key::Char('p'), 0);
    snap("history_loading", &mut app, 0);
    let sessions = vec![
        SessionSummary {
            replay_of: Some(4),
            ..summary(7, "late-shift", 9, true, Some(95), [Some(100), Some(100), Some(100), Some(80)])
        },
        summary(6, "late-shift", 9, true, Some(91), [Some(100), Some(83), Some(100), Some(80)]),
        summary(5, "moving-out", 7, false, Some(40), [Some(40), None, None, None]),
        summary(4, "late-shift", 6, true, Some(78), [Some(83), Some(67), Some(100), Some(60)]),
        summary(3, "moving-out", 4, true, Some(70), [Some(67), None, Some(50), Some(92)]),
        summary(2, "late-shift", 2, true, Some(55), [Some(50), Some(50), Some(67), Some(53)]),
        summary(1, "late-shift", 0, true, Some(41), [Some(33), Some(40), Some(50), Some(40)]),
    ];
    let points = sessions
        .iter()
        .rev()
        .filter(|s| s.finished && s.replay_of.is_none())
        .map(|s| TrendPoint { id: s.id, scenario: s.scenario.clone(), started_at: s.started_at, scores: s.scores })
        .collect();
    app.set_history(Ok(HistoryData { progress: Progress::from_sessions(points), sessions }));
    snap("history", &mut app, 0);
    app.set_history(Ok(HistoryData { progress: Progress::from_sessions(Vec::new()), sessions: Vec::new() }));
    snap("history_empty", &mut app, 0);
    app.set_history(Err("cannot read your history: the file hearken.db is damaged (file is not a database)".into()));
    snap("history_unreadable", &mut app, 0);
}

#[test]
fn overlays() {
    let mut app = conversation_at(settings(), T0);
    let end = turn_end(&app);
    press(&mut app, Key::Char('?'), end);
    snap("help_over_conversation", &mut app, end);
    press(&mut app, Key::Esc, end);
    press(&mut app, Key::Char('q'), end);
    snap("confirm_quit", &mut app, end);
    press(&mut app, Key::Esc, end);
    press(&mut app, Key::Esc, end);
    snap("confirm_leave", &mut app, end);
}

#[test]
fn help_over_the_report() {
    let (mut app, now) = report_app();
    press(&mut app, Key::Char('?'), now);
    snap("help_over_report", &mut app, now);
}

#[test]
fn too_small() {
    let mut app = conversation_at(settings(), T0);
    update(&mut app, Msg::Resize(60, 15), T0);
    insta::assert_snapshot!("too_small_60x15", screen(&app, 60, 15, T0));
}
