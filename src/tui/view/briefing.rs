//! The briefing: who the peer is, what to practise, and how the conversation works.

use super::{hanging, keys, safe, screen, scrolled, with_note};
use crate::settings::FeedbackMode;
use crate::tui::app::App;
use crate::tui::wrap::wrap;
use hearken_engine::scenario::Scenario;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn draw(app: &App, frame: &mut Frame, area: Rect, s: &Scenario, scroll: u16) {
    let t = &app.theme;
    let [body, foot] = screen(
        app,
        frame,
        area,
        &safe(&s.title),
        vec![Span::styled(s.difficulty.name(), t.difficulty(s.difficulty)), Span::styled(" · briefing ", t.dim())],
    );
    let body = with_note(app, frame, body);
    let body = super::prose(body);
    let w = body.width as usize;
    let peer = safe(&s.peer.name);

    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!("Who you are talking to: {peer}"), t.title()));
    lines.extend(wrap(&safe(&s.peer.about), w).into_iter().map(Line::raw));
    lines.push(Line::raw(""));
    lines.push(Line::styled("The situation", t.title()));
    lines.extend(wrap(&safe(&s.summary), w).into_iter().map(Line::raw));
    lines.push(Line::raw(""));
    lines.push(Line::styled("How this works", t.title()));
    let mut points = vec![format!(
        "{peer} speaks at a natural pace, with pauses. Your options are shown while {peer} talks, so you can think as you listen."
    )];
    if app.settings.animate {
        points.push(format!(
            "Choosing before {peer} has finished cuts in: it counts against non-interruption, and {peer} will react to being cut off."
        ));
    } else {
        points.push(format!(
            "Animation is off: {peer}'s words appear at once, so nobody can interrupt and non-interruption counts only your choices."
        ));
    }
    points.push(match app.settings.feedback {
        FeedbackMode::Immediate => "After each choice you see the skills it showed, why it helps or hurts, and a better option when there was one.".into(),
        FeedbackMode::End => "Feedback on every choice is kept for the report at the end.".into(),
    });
    points.push(if app.settings.typed {
        format!("Type mode is on (t turns it off): write what you would say to {peer} and press Enter. Hearken says what it heard and why, and which option it is closest to.")
    } else {
        "You choose from options. Press t for type mode, to write your own answers instead.".into()
    });
    points.push("Press h for a hint when you are stuck (hints are counted in the report), and ? for every key.".into());
    for p in points {
        lines.extend(hanging(&p, "• ", w, t.plain()));
    }
    scrolled(frame, body, lines, scroll);
    let mode = if app.settings.typed { "type mode: on" } else { "type mode: off" };
    keys(
        app,
        frame,
        foot,
        &[("Enter", "start"), ("t", mode), ("↑↓", "scroll"), ("Esc", "back"), ("?", "help"), ("q", "quit")],
    );
}
