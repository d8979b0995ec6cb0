//! After a typed answer (docs/typed-answers.md): what Hearken heard and why, and the closest
//! option, which the trainee may re-pick before the conversation goes on.

use super::{hanging, keys, rapport, safe, screen, scrolled, with_note};
use crate::tui::app::App;
use crate::tui::theme::Tone;
use hearken_engine::session::report::DecisionReport;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, d: &DecisionReport, selected: usize) {
    let Some(play) = &app.play else { return };
    let Some(typed) = &d.typed else { return };
    let t = &app.theme;
    let s = &play.conv.session;
    let scenario = s.scenario();
    let [body, foot] = screen(
        app,
        frame,
        area,
        &format!("{} · with {}", safe(&scenario.title), safe(&scenario.peer.name)),
        rapport(t, s.trust()),
    );
    let body = super::prose(with_note(app, frame, body));
    let w = body.width as usize;
    let mut lines = vec![Line::raw("")];
    lines.extend(hanging(&format!("\"{}\"", safe(&typed.text)), "You said: ", w, t.you()));
    if let Some(n) = s.last_typed().and_then(|a| a.cut_from) {
        let cut = hearken_engine::typed::Cleaned { text: String::new(), cut_from: Some(n) };
        lines.extend(hanging(&cut.cut_message().unwrap_or_default(), "", w, t.dim()));
    }
    lines.push(Line::raw(""));
    lines.extend(heard_lines(app, &typed.heard, w));
    lines.push(Line::raw(""));
    let options = play.conv.all_options();
    let closest = options.iter().position(|(i, _)| *i + 1 == d.option);
    let title = if typed.loose {
        "The closest option — a loose match: no option was close to your words"
    } else {
        "The closest option"
    };
    lines.extend(hanging(title, "", w, t.title()));
    lines.extend(hanging(
        "The conversation goes on as if you had said the option marked ●. If another is closer to what you meant, pick it: where the conversation goes changes, your score does not (it comes from what you said).",
        "",
        w,
        t.dim(),
    ));
    for (n, (_, reply)) in options.iter().enumerate() {
        let cursor = if n == selected { "› " } else { "  " };
        let dot = if Some(n) == closest { "●" } else { " " };
        let style = if n == selected { t.selected() } else { t.plain() };
        lines.extend(hanging(&safe(&reply.text), &format!("{cursor}{dot} {}. ", n + 1), w, style));
    }
    scrolled(frame, body, lines, 0);
    keys(
        app,
        frame,
        foot,
        &[
            ("Enter", "go on with the one under ›"),
            ("↑↓ 1-9", "pick another"),
            ("?", "help"),
            ("Esc", "leave"),
            ("q", "quit"),
        ],
    );
}

/// "Heard: simple reflection, open question" and each cue it rests on; or why nothing was heard.
pub(super) fn heard_lines(app: &App, heard: &hearken_engine::typed::Heard, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = hanging(&heard.summary(), "Heard: ", w, t.title());
    if heard.skills.is_empty() {
        for cue in &heard.cues {
            lines.extend(hanging(&safe(cue), "  because ", w, t.tone(Tone::Fair)));
        }
    } else {
        for (skill, cue) in heard.skills.iter().zip(&heard.cues) {
            lines.extend(hanging(
                &format!("{}: {}", hearken_engine::typed::skill_words(*skill), safe(cue)),
                "  because ",
                w,
                t.plain(),
            ));
        }
    }
    lines
}
