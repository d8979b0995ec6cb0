//! Drawing speed of the terminal UI: the conversation screen at the end of a 200-decision
//! session (goal: ≤ 1 ms a frame), and the report of the same session.
//!
//! `cargo bench --bench render`. A frame is `Terminal::draw` on a `TestBackend`: the view,
//! ratatui's diff against the previous frame, and the write to the backend.

use criterion::{Criterion, criterion_group, criterion_main};
use hearken::settings::PlaySettings as Settings;
use hearken::tui::{App, Msg, update, view};
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::library::Library;
use hearken_engine::scenario::load;
use hearken_engine::session::Phase;
use hearken_engine::source::{Origin, SourceFile};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::fmt::Write;
use std::hint::black_box;
use std::sync::Arc;

const DECISIONS: usize = 200;

/// A chain of `DECISIONS` decisions written like the built-in scenarios: three lines and a
/// pause a turn, four options of a sentence or two, a reaction on each.
fn long_scenario() -> String {
    let line = |i: usize, k: usize| {
        format!(
            "Turn {i}, line {k}: I keep going over it in my head, and every time I think I have worked it out, something else comes up that I had not seen."
        )
    };
    let mut s = String::from(
        "format = 1\nid = \"long-talk\"\ntitle = \"A long talk\"\nsummary = \"Sam talks for a long time.\"\n\
         difficulty = \"advanced\"\nstart = \"n0\"\n\n[peer]\nname = \"Sam\"\nabout = \"Sam talks for a long time.\"\n\n",
    );
    let skills = [["reflection"], ["open-question"], ["advice"], ["validation"]];
    for i in 0..DECISIONS {
        writeln!(s, "[nodes.n{i}]").unwrap();
        writeln!(s, "says = [\"{}\", {{ pause = 2 }}, \"{}\", \"{}\"]", line(i, 1), line(i, 2), line(i, 3)).unwrap();
        writeln!(s, "hint = \"Stay with what Sam just said.\"").unwrap();
        for (k, skill) in skills.iter().enumerate() {
            writeln!(
                s,
                "[[nodes.n{i}.options]]\ntext = \"Option {k} at turn {i}: it sounds like this has been building up for a while, and you are tired of carrying it.\"\nskills = [\"{}\"]\nfeedback = \"Because.\"\nreaction = [\"Yeah. That's it.\"]\nnext = \"n{}\"",
                skill[0],
                i + 1
            )
            .unwrap();
        }
    }
    writeln!(s, "[nodes.n{DECISIONS}]\nsays = [\"Thanks.\"]\nending = \"good\"\noutcome = \"Sam felt heard.\"")
        .unwrap();
    s
}

/// An app in the conversation screen at the last decision of a long session, the peer mid-line.
fn app_at_decision_200() -> (App, u64) {
    let table = RubricTable::builtin();
    let loaded = load(SourceFile::new(Origin::BuiltIn("long-talk.toml"), long_scenario()));
    let scenario = Arc::new(loaded.scenario.unwrap_or_else(|| panic!("{:?}", loaded.diagnostics)));
    let settings = Settings { feedback: hearken::settings::FeedbackMode::End, ..Settings::default() };
    let mut app = App::new(Library::default(), table, settings);
    let mut now = 0;
    app.start_session(scenario, now);
    for _ in 0..DECISIONS - 1 {
        let play = app.play.as_mut().expect("a session is under way");
        now = play.conv.session.turn().end;
        let first = play.conv.session.shown_replies()[0].0;
        play.conv.session.choose(first, now).expect("a choice fits");
        play.conv.session.proceed(now);
    }
    let play = app.play.as_ref().expect("a session is under way");
    assert_eq!(play.conv.session.phase(), Phase::Deciding);
    assert_eq!(play.conv.session.decisions().len(), DECISIONS - 1);
    // Halfway through the first line of the last turn.
    let at = play.conv.session.turn().start + 1500;
    (app, at)
}

fn conversation(c: &mut Criterion) {
    let (mut app, now) = app_at_decision_200();
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        update(&mut app, Msg::Resize(w, h), now);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
        let mut t = now;
        c.bench_function(&format!("conversation frame, {DECISIONS} decisions, {w}x{h}"), |b| {
            b.iter(|| {
                // A new moment each frame, so each draw has a changed character to write.
                t += 60;
                terminal.draw(|f| view(black_box(&app), f, t)).expect("draws");
            })
        });
    }
}

fn report(c: &mut Criterion) {
    let (mut app, now) = app_at_decision_200();
    let play = app.play.as_mut().expect("a session is under way");
    let first = play.conv.session.shown_replies()[0].0;
    let end = play.conv.session.turn().end;
    play.conv.session.choose(first, end).expect("a choice fits");
    play.conv.session.proceed(end);
    let done = play.conv.session.turn().end;
    update(&mut app, Msg::Resize(120, 40), now);
    update(&mut app, Msg::Key(hearken::tui::Key::Enter), done);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    c.bench_function(&format!("report frame, {DECISIONS} decisions, 120x40"), |b| {
        b.iter(|| {
            terminal.draw(|f| view(black_box(&app), f, done)).expect("draws");
        })
    });
}

criterion_group!(benches, conversation, report);
criterion_main!(benches);
