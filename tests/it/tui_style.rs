//! Where colour or emphasis carries meaning, it is checked on the styled buffer; and with
//! `NO_COLOR` no colour reaches the screen while every meaning is still there in words and
//! symbols.

use crate::tui_common;

use hearken::settings::PlaySettings as Settings;
use hearken::tui::{App, Key, Msg, update};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use tui_common::*;

const T0: u64 = 10_000;

/// The style of every cell of the first occurrence of `needle` on screen.
fn styles_of(buffer: &Buffer, needle: &str) -> Vec<Style> {
    let area = buffer.area;
    for y in 0..area.height {
        let cells: Vec<(u16, &str)> = (0..area.width).map(|x| (x, buffer[(x, y)].symbol())).collect();
        let row: String = cells.iter().map(|c| c.1).collect();
        if let Some(byte) = row.find(needle) {
            // Map the byte offset back to cells.
            let mut at = 0;
            let mut first = None;
            for (x, sym) in &cells {
                if at == byte {
                    first = Some(*x);
                }
                at += sym.len();
            }
            let x0 = first.expect("the match starts at a cell");
            let n = needle.chars().count() as u16;
            return (x0..x0 + n).map(|x| buffer[(x, y)].style()).collect();
        }
    }
    panic!("`{needle}` is not on screen:\n{}", text(buffer));
}

fn colored(s: &Style) -> bool {
    s.fg.is_some_and(|c| c != Color::Reset) || s.bg.is_some_and(|c| c != Color::Reset)
}

fn color() -> Settings {
    Settings { color: true, ..settings() }
}

/// Every screen and overlay, for the colour checks.
fn every_screen(settings: Settings) -> Vec<(String, App, u64)> {
    let mut out = Vec::new();
    let mut app = app_with(settings.clone());
    out.push(("home".into(), app_with(settings.clone()), 0));
    press(&mut app, Key::End, 0);
    out.push(("home with a broken file".into(), app, 0));
    let mut app = app_with(settings.clone());
    press(&mut app, Key::Enter, 0);
    out.push(("briefing".into(), app, 0));
    let app = conversation_at(settings.clone(), T0);
    out.push(("speaking".into(), app.clone_for_test(), T0 + 1000));
    out.push(("pausing".into(), app.clone_for_test(), T0 + 3000));
    let mut app = conversation_at(settings.clone(), T0);
    let end = turn_end(&app);
    press(&mut app, Key::Char('h'), end);
    out.push(("your turn".into(), app.clone_for_test(), end));
    let pitfall = shown_as(&app, 1);
    press(&mut app, Key::Char(pitfall), end);
    out.push(("feedback".into(), app.clone_for_test(), end));
    let now = answer(&mut app, '1', end);
    let now = turn_end(&app).max(now);
    press(&mut app, Key::Enter, now);
    out.push(("report".into(), app.clone_for_test(), now));
    press(&mut app, Key::Tab, now);
    out.push(("review".into(), app.clone_for_test(), now));
    press(&mut app, Key::Char('?'), now);
    out.push(("help".into(), app.clone_for_test(), now));
    let mut app = conversation_at(settings.clone(), T0);
    press(&mut app, Key::Char('q'), T0);
    out.push(("confirm".into(), app, T0));
    let mut app = app_with(settings);
    press(&mut app, Key::Char('p'), 0);
    app.set_history(Err("cannot read your history".into()));
    out.push(("history".into(), app, 0));
    out
}

trait CloneForTest {
    fn clone_for_test(&self) -> App;
}

impl CloneForTest for App {
    /// The parts of the app the view reads.
    fn clone_for_test(&self) -> App {
        let mut a = App::new(library(), table(), self.settings.clone());
        a.screen = self.screen.clone();
        a.play = self.play.clone();
        a.overlay = self.overlay;
        a.home_selected = self.home_selected;
        a
    }
}

#[test]
fn with_no_color_nothing_is_coloured_on_any_screen() {
    for (name, mut app, now) in every_screen(settings()) {
        for (w, h) in [(80, 24), (120, 40)] {
            update(&mut app, Msg::Resize(w, h), now);
            let t = draw(&app, w, h, now);
            let buffer = t.backend().buffer();
            let coloured: Vec<_> = buffer.content().iter().filter(|c| colored(&c.style())).collect();
            assert!(coloured.is_empty(), "{name} at {w}x{h} has colour: {:?}", coloured.first());
        }
    }
}

#[test]
fn with_colour_on_every_screen_draws_at_both_sizes() {
    for (name, mut app, now) in every_screen(color()) {
        for (w, h) in [(80, 24), (120, 40)] {
            update(&mut app, Msg::Resize(w, h), now);
            let s = text(draw(&app, w, h, now).backend().buffer());
            assert!(!s.trim().is_empty(), "{name} at {w}x{h} is blank");
        }
    }
}

#[test]
fn the_selected_option_is_reversed_and_marked() {
    for settings in [settings(), color()] {
        let mut app = conversation_at(settings, T0);
        let end = turn_end(&app);
        press(&mut app, Key::Down, end);
        let t = draw(&app, 80, 24, end);
        let b = t.backend().buffer();
        assert!(styles_of(b, "› 2.").iter().all(|s| s.add_modifier.contains(Modifier::REVERSED)));
        assert!(styles_of(b, "  1.").iter().all(|s| !s.add_modifier.contains(Modifier::REVERSED)));
    }
}

#[test]
fn bands_are_coloured_and_named() {
    let mut app = conversation_at(color(), T0);
    let reflect = shown_as(&app, 2);
    let now = answer(&mut app, reflect, T0);
    let best = shown_as(&app, 0);
    let now = answer(&mut app, best, now);
    let end = turn_end(&app).max(now);
    press(&mut app, Key::Enter, end);
    let t = draw(&app, 80, 24, end);
    let b = t.backend().buffer();
    // Everything here was the best choice: exemplary, in green, in words.
    assert!(styles_of(b, "Exemplary").iter().all(|s| s.fg == Some(Color::Green)));
    assert!(styles_of(b, "████").iter().all(|s| s.fg == Some(Color::Green)));

    let mut app = conversation_at(color(), T0);
    let pitfall = shown_as(&app, 1);
    let now = answer(&mut app, pitfall, T0);
    let bad = shown_as(&app, 1);
    let now = answer(&mut app, bad, now);
    let end = turn_end(&app).max(now);
    press(&mut app, Key::Enter, end);
    let t = draw(&app, 80, 24, end);
    assert!(styles_of(t.backend().buffer(), "Beginning").iter().all(|s| s.fg == Some(Color::Red)));
}

#[test]
fn whether_the_peer_is_speaking_shows_in_a_symbol_and_words_as_well_as_colour() {
    let app = conversation_at(color(), T0);
    let t = draw(&app, 80, 24, T0 + 500);
    let speaking = styles_of(t.backend().buffer(), "● Sam is speaking");
    assert!(speaking.iter().all(|s| s.fg == Some(Color::Yellow) && s.add_modifier.contains(Modifier::BOLD)));
    let t = draw(&app, 80, 24, turn_end(&app));
    let done = styles_of(t.backend().buffer(), "✓ Sam has finished");
    assert!(done.iter().all(|s| s.fg == Some(Color::Green)));
}

#[test]
fn a_worse_choice_is_marked_with_a_cross_in_red_and_a_better_option_in_green() {
    let mut app = conversation_at(color(), T0);
    let pitfall = shown_as(&app, 1);
    let end = turn_end(&app);
    press(&mut app, Key::Char(pitfall), end);
    let t = draw(&app, 100, 40, end);
    let b = t.backend().buffer();
    assert!(styles_of(b, "✗ harmful").iter().all(|s| s.fg == Some(Color::Red)));
    assert!(styles_of(b, "\"Of course.").iter().all(|s| s.fg == Some(Color::Green)));
}

/// The marks of README.md carry a symbol and a word in the same style, in the feedback and in the
/// report's review: with colour, the colour only repeats what the symbol and word say; without
/// it, both are still there.
#[test]
fn marks_carry_a_symbol_and_a_word_not_colour_alone() {
    let ok = |coloured: bool, c: Color, s: &Style| if coloured { s.fg == Some(c) } else { !colored(s) };
    for (settings, coloured) in [(color(), true), (settings(), false)] {
        // Decision 1: the pitfall, "harmful"; decision 2: the closed question, "helpful" (the
        // complex reflection is worth more).
        let mut app = conversation_at(settings.clone(), T0);
        let end = turn_end(&app);
        let pitfall = shown_as(&app, 1);
        press(&mut app, Key::Char(pitfall), end);
        let t = draw(&app, 100, 40, end);
        let cells = styles_of(t.backend().buffer(), "✗ harmful");
        assert!(cells.iter().all(|s| ok(coloured, Color::Red, s)), "{cells:?}");
        press(&mut app, Key::Enter, end + 10);
        let end = turn_end(&app);
        let closed = shown_as(&app, 2);
        press(&mut app, Key::Char(closed), end);
        let t = draw(&app, 100, 40, end);
        let cells = styles_of(t.backend().buffer(), "◐ helpful");
        assert!(cells.iter().all(|s| ok(coloured, Color::Yellow, s)), "{cells:?}");
        press(&mut app, Key::Enter, end + 10);
        // The review lists both marks, each a symbol and a word in one style.
        let end = turn_end(&app);
        press(&mut app, Key::Enter, end);
        press(&mut app, Key::Tab, end);
        let t = draw(&app, 100, 40, end);
        let b = t.backend().buffer();
        for (mark, colour) in [("✗ harmful", Color::Red), ("◐ helpful", Color::Yellow)] {
            let cells = styles_of(b, mark);
            assert!(cells.iter().all(|s| ok(coloured, colour, s)), "{mark}: {cells:?}\n{}", text(b));
        }
    }
    let mut app = conversation_at(color(), T0);
    let end = turn_end(&app);
    let best = shown_as(&app, 2);
    press(&mut app, Key::Char(best), end);
    let t = draw(&app, 100, 40, end);
    assert!(styles_of(t.backend().buffer(), "✓ best").iter().all(|s| s.fg == Some(Color::Green)));
}

#[test]
fn difficulty_is_readable_on_a_dark_theme_and_written_out() {
    let app = app_with(color());
    let t = draw(&app, 100, 30, 0);
    for cell in styles_of(t.backend().buffer(), "beginner") {
        assert!(cell.fg.is_some_and(|c| c != Color::DarkGray && c != Color::Black), "{cell:?}");
    }
}
