//! The help overlay (`?`): every key, and a word on what matters on this screen.

use super::popup;
use crate::tui::app::{App, Screen};
use crate::tui::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const KEYS: &[(&str, &str)] = &[
    ("1-9", "choose that option (or open that scenario)"),
    ("↑ ↓  j k", "move; Enter confirms"),
    ("h", "a hint for this moment (counted in the report)"),
    ("t", "on the briefing: type mode on or off (your own words)"),
    ("Esc, Alt", "type mode: Esc turns keys on; Alt+key while writing"),
    ("PgUp PgDn", "scroll back through what was said"),
    ("Tab", "switch between scores and review in the report"),
    ("p", "your progress over past sessions"),
    ("Esc", "back"),
    ("q", "quit (asks first in a conversation)"),
    ("?", "this help"),
];

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let w = area.width.saturating_sub(4).min(72);
    let text_w = (w as usize).saturating_sub(4);
    let about = match app.screen {
        Screen::Conversation | Screen::Heard { .. } | Screen::Feedback { .. }
            if app.play.as_ref().is_some_and(|p| p.conv.typed) =>
        {
            "Type mode: letters, digits and symbols go to your answer; Enter sends it, Backspace deletes. Esc turns the keys back on (h hint, ? help, q quit, Esc leave); Enter, Tab or a letter returns to writing. While writing, Alt+h, Alt+? and Alt+q work too. Sending while the peer is still talking interrupts. Then you see what Hearken heard and why, and the closest option: pick another with ↑↓ or its number if it is closer to what you meant."
        }
        Screen::Conversation | Screen::Heard { .. } | Screen::Feedback { .. } => {
            "The peer talks at their own pace. Each option appears once the peer has said what it answers, keeping its number; choosing before the peer has finished is an interruption and costs non-interruption points. ● speaking, … a pause, ✓ your turn."
        }
        Screen::Report { .. } => {
            "Every choice is measured against the best option at that moment. In the review, ✓ best is one of the best choices, ◐ helpful helped while another option helped more, ✗ harmful worked against the conversation, ✂ cut the peer off. Pick a decision and press Enter to play again from there (a replay, not counted in your progress)."
        }
        Screen::History { .. } => {
            "Trends show each rubric's score over your finished sessions, oldest first; replays (↺) are listed but not counted."
        }
        Screen::Home | Screen::Briefing { .. } => {
            "Pick a scenario, read the briefing, then listen and respond. On the briefing, t switches type mode: write your own answers instead of choosing. Files with problems are listed with their first problem; `hearken validate` shows them all."
        }
    };
    let mut lines: Vec<Line> = Vec::new();
    for (k, what) in KEYS {
        lines.push(Line::from(vec![Span::styled(format!(" {k:<11}"), t.key()), Span::raw(what.to_string())]));
    }
    lines.push(Line::raw(""));
    lines.extend(wrap(about, text_w).into_iter().map(|r| Line::raw(format!(" {r}"))));
    lines.push(Line::raw(""));
    lines.push(Line::styled(" Esc or ? closes this help.", t.dim()));
    let inner = popup(frame, area, w, lines.len() as u16 + 2, "Help", t);
    frame.render_widget(Paragraph::new(lines), inner);
}
