//! Shared by the TUI tests: a small scenario of their own (so edits to the built-in library
//! cannot move these tests' screens), an app built on it, and ways to look at what is drawn.
#![allow(dead_code)]

use hearken::settings::PlaySettings as Settings;
use hearken::tui::{Action, App, Key, Msg, update, view};
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::Scenario;
use hearken_engine::scenario::library::{Entry, Library};
use hearken_engine::source::{Origin, SourceFile};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::path::PathBuf;
use std::sync::Arc;

/// Two decisions, then an ending that depends on rapport. At 20 characters a second the first
/// turn is: a 56-character line (2800 ms), a 2 s pause, a 27-character line (1350 ms). The
/// reflection of the first line (`after = 1`) appears once that line is said, so it is the
/// option shown as 1 and the one to cut in with; the other two appear when Sam has finished.
pub const SCENARIO: &str = r#"
format = 1
id = "late-shift"
title = "After the late shift"
summary = "Sam, a night-shift nurse, stays behind after the group and says work is getting to them."
difficulty = "beginner"
tags = ["work", "grief"]
start = "opening"

[peer]
name = "Sam"
about = "Sam, 41, has worked nights on a hospital ward for nine years. Tonight they stayed behind after the peer group. Practise: open questions, reflecting what Sam says, and letting Sam finish."
pace = 20

[nodes.opening]
says = ["Can I stay a minute? I don't really want to go home yet.", { pause = 2 }, "Work has been a lot lately."]
hint = "Sam has opened the door a little. What would invite more?"
interrupted = ["Oh. Sorry. Go ahead."]

[[nodes.opening.options]]
text = "Of course. What's been happening at work?"
skills = ["open-question"]
feedback = "An open question hands Sam the lead and says you have time."
reaction = ["Where do I even start."]
next = "ward"

[[nodes.opening.options]]
text = "Work stress is really common. Have you tried a mindfulness app?"
skills = ["minimizing", "advice"]
feedback = "It files Sam's week under a common problem and offers a fix before you know what happened."
next = "ward"

[[nodes.opening.options]]
text = "You'd rather be here than at home right now."
skills = ["reflection"]
feedback = "Reflecting the wish to stay tells Sam you noticed what was said first."
after = 1
next = "ward"

[nodes.ward]
says = ["We lost a patient on Tuesday. I was the one with him.", "Everyone keeps telling me I did everything right."]
hint = "Everyone is reassuring Sam. What has nobody said yet?"
interrupted = ["...Right."]

[[nodes.ward.options]]
text = "Everyone says you did it right, and it still sits heavy with you. That makes sense after being the one with him."
skills = ["complex-reflection", "validation"]
feedback = "You named what the reassurance misses, and told Sam the weight is understandable."
next = [ { trust_at_least = 2, go = "lighter" }, { go = "flat" } ]

[[nodes.ward.options]]
text = "At least you know you did everything right."
skills = ["minimizing"]
feedback = "One more person telling Sam how to feel about it."
next = "flat"

[[nodes.ward.options]]
text = "Did you talk to occupational health?"
skills = ["closed-question"]
feedback = "A referral before Sam has said how it feels moves the talk to logistics."
next = "flat"

[nodes.lighter]
says = ["Thanks. Nobody's let me just say it's heavy.", "Same time next week?"]
ending = "good"
outcome = "Sam felt heard and plans to come back next week."

[nodes.flat]
says = ["Yeah. Anyway. I should get the bus."]
ending = "mixed"
outcome = "Sam left politely, without saying what was weighing on them."
"#;

/// A second, valid scenario, so the home list has more than one row.
pub const OTHER: &str = r#"
format = 1
id = "moving-out"
title = "Moving out"
summary = "Jo is leaving supported housing next week and says it is fine."
difficulty = "intermediate"
start = "a"

[peer]
name = "Jo"
about = "Jo, 19, is moving into a flat of their own."

[nodes.a]
says = ["It's fine. Honestly."]

[[nodes.a.options]]
text = "Fine, and moving is a big change."
skills = ["reflection"]
feedback = "Reflects both."
next = "b"

[[nodes.a.options]]
text = "Great, you'll love it."
skills = ["minimizing"]
feedback = "Closes it down."
next = "b"

[nodes.b]
says = ["Thanks."]
ending = "good"
outcome = "Jo talked about the move."
"#;

/// A file with an error, as an instructor might leave it.
pub const BROKEN: &str = "format = 1\nid = \"half-done\"\ntitle = \"Half done\"\nsumary = \"oops\"\n";

pub fn table() -> Arc<RubricTable> {
    RubricTable::builtin()
}

fn entry(name: &str, text: &str) -> Entry {
    Entry::from_source(SourceFile::new(Origin::Path(PathBuf::from(name)), text.to_string()), &table())
}

pub fn scenario() -> Arc<Scenario> {
    entry("my-scenarios/late-shift.toml", SCENARIO).scenario.expect("the test scenario is valid")
}

/// The test library: two scenarios and a broken file.
pub fn library() -> Library {
    Library {
        entries: vec![
            entry("my-scenarios/late-shift.toml", SCENARIO),
            entry("my-scenarios/moving-out.toml", OTHER),
            entry("my-scenarios/half-done.toml", BROKEN),
        ],
    }
}

pub fn settings() -> Settings {
    Settings { seed: Some(7), ..Settings::default() }
}

pub fn app_with(settings: Settings) -> App {
    App::new(library(), table(), settings)
}

pub fn app() -> App {
    app_with(settings())
}

pub fn press(app: &mut App, key: Key, now: u64) -> Action {
    update(app, Msg::Key(key), now)
}

/// An app in the conversation, the late-shift turn starting at `now`.
pub fn conversation_at(settings: Settings, now: u64) -> App {
    let mut app = app_with(settings);
    press(&mut app, Key::Enter, now); // home → briefing
    press(&mut app, Key::Enter, now); // briefing → conversation
    app
}

pub fn draw(app: &App, w: u16, h: u16, now: u64) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    terminal.draw(|f| view(app, f, now)).expect("draws");
    terminal
}

/// The screen as text, one line per row, trailing spaces trimmed.
pub fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut row = String::new();
        for x in 0..area.width {
            row.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

pub fn screen(app: &App, w: u16, h: u16, now: u64) -> String {
    text(draw(app, w, h, now).backend().buffer())
}

/// When the current turn ends.
pub fn turn_end(app: &App) -> u64 {
    app.play.as_ref().expect("a session is under way").conv.session.turn().end
}

/// Plays the display option `n` (1-based) once the peer has finished, and continues past the
/// feedback. Returns the time after.
pub fn answer(app: &mut App, n: char, now: u64) -> u64 {
    let at = turn_end(app).max(now) + 500;
    press(app, Key::Char(n), at);
    press(app, Key::Enter, at + 100);
    at + 100
}

/// The display position (1-based) of the option with file index `file` at this decision.
pub fn shown_as(app: &App, file: usize) -> char {
    let play = app.play.as_ref().expect("a session is under way");
    let pos = play.conv.session.shown_replies().iter().position(|(i, _)| *i == file).expect("the option is shown");
    char::from(b'1' + pos as u8)
}
