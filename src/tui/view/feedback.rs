//! Feedback after a choice: the skills it showed, why it helps or hurts, and the better option
//! when one scored higher. The report's review shows the same lines for each decision.

use super::{hanging, header, keys, rapport, safe, scrolled, with_note};
use crate::cli::text_report;
use crate::session::report::DecisionReport;
use crate::tui::app::App;
use crate::tui::theme::{Theme, Tone, rapport_words};
use crate::tui::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

pub fn draw(app: &App, frame: &mut Frame, area: Rect, d: &DecisionReport, trust_before: i32, scroll: u16) {
    let Some(play) = &app.play else { return };
    let t = &app.theme;
    let scenario = play.session.scenario();
    let [top, body, foot] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    header(
        app,
        frame,
        top,
        &format!("{} · with {}", safe(&scenario.title), safe(&scenario.peer.name)),
        rapport(t, play.session.trust()),
    );
    let body = with_note(app, frame, body);
    let body = Rect { x: body.x + 1, width: body.width.saturating_sub(2), ..body };
    let w = body.width as usize;
    let mut lines = vec![Line::raw("")];
    lines.extend(decision_lines(app, d, &scenario.peer.name, w));
    lines.push(Line::raw(""));
    let (word, tone) = rapport_words(d.trust_after);
    let change = match d.trust_after - trust_before {
        0 => "unchanged".to_string(),
        n if n > 0 => format!("up {n}"),
        n => format!("down {}", -n),
    };
    lines.push(Line::from(vec![
        Span::styled("Rapport ", t.title()),
        Span::styled(format!("{trust_before:+} → {:+} ({change}): {word}", d.trust_after), t.tone(tone)),
    ]));
    scrolled(frame, body, lines, scroll);
    keys(app, frame, foot, &[("Enter", "continue"), ("↑↓", "scroll"), ("?", "help"), ("Esc", "leave"), ("q", "quit")]);
}

/// What one decision showed, scored and missed.
pub(super) fn decision_lines(app: &App, d: &DecisionReport, peer: &str, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let peer = safe(peer);
    let mut lines = hanging(&format!("\"{}\"", safe(&d.text)), "You said: ", w, t.you());
    lines.push(Line::raw(""));
    lines.push(verdict(t, d.better.is_none()));
    lines.extend(skills(app, "Skills shown: ", &d.skills, w));
    lines.extend(hanging(&text_report::points(&d.earned), "You earned: ", w, t.plain()));
    if d.better.is_some() || d.earned != d.available {
        lines.extend(hanging(&text_report::points(&d.available), "Available:  ", w, t.dim()));
    }
    if d.interrupted {
        lines.extend(hanging(
            &format!(
                "You cut in while {peer} was still speaking: the rest of what {peer} was going to say was lost, and so were the non-interruption points."
            ),
            "✂ ",
            w,
            t.tone(Tone::Poor),
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Why", t.title()));
    lines.extend(wrap(&safe(&d.feedback), w).into_iter().map(Line::raw));
    if let Some(b) = &d.better {
        lines.push(Line::raw(""));
        lines.push(Line::styled("A better option here", t.title()));
        lines.extend(hanging(&format!("\"{}\"", safe(&b.text)), "", w, t.tone(Tone::Good)));
        lines.extend(skills(app, "Skills: ", &b.skills, w));
        lines.extend(wrap(&safe(&b.feedback), w).into_iter().map(Line::raw));
    }
    lines
}

fn verdict(t: &Theme, best: bool) -> Line<'static> {
    if best {
        Line::styled("✓ One of the best choices at this moment", t.tone(Tone::Good).add_modifier(ratatui::style::Modifier::BOLD))
    } else {
        Line::styled("✗ Another option would have helped more", t.tone(Tone::Poor).add_modifier(ratatui::style::Modifier::BOLD))
    }
}

/// The skills, each with what it is and why it earns or costs points.
fn skills(app: &App, label: &str, skills: &[crate::rubric::Skill], w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = hanging(&text_report::skill_names(&app.table, skills), label, w, t.plain());
    for s in skills {
        let e = app.table.entry(*s);
        let pitfall = app.table.is_pitfall(&[*s]);
        let mark = if pitfall { "  − " } else { "  + " };
        lines.extend(hanging(&format!("{}: {}", safe(&e.name), safe(&e.about)), mark, w, t.dim()));
    }
    lines
}
