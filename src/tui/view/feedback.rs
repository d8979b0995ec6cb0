//! Feedback after a choice: the skills it showed, why it helps or hurts, and the better option
//! when one scored higher. The report's review shows the same lines for each decision.

use super::{hanging, keys, rapport, safe, screen, scrolled, with_note};
use crate::report_text as text_report;
use crate::tui::app::App;
use crate::tui::theme::{Theme, Tone, rapport_words};
use crate::tui::wrap::wrap;
use hearken_engine::rubric::Mark;
use hearken_engine::session::report::DecisionReport;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn draw(app: &App, frame: &mut Frame, area: Rect, d: &DecisionReport, trust_before: i32, scroll: u16) {
    let Some(play) = &app.play else { return };
    let t = &app.theme;
    let scenario = play.conv.session.scenario();
    let [body, foot] = screen(
        app,
        frame,
        area,
        &format!("{} · with {}", safe(&scenario.title), safe(&scenario.peer.name)),
        rapport(t, play.conv.session.trust()),
    );
    let body = super::prose(with_note(app, frame, body));
    let w = body.width as usize;
    let mut lines = vec![Line::raw("")];
    lines.extend(decision_lines(app, d, &scenario.peer.name, Some(trust_before), w));
    scrolled(frame, body, lines, scroll);
    keys(app, frame, foot, &[("Enter", "continue"), ("↑↓", "scroll"), ("?", "help"), ("Esc", "leave"), ("q", "quit")]);
}

/// What one decision showed, scored and missed: the verdict, the skills and the reason first,
/// then the better option, then the numbers and what each skill means.
pub(super) fn decision_lines(
    app: &App,
    d: &DecisionReport,
    peer: &str,
    trust_before: Option<i32>,
    w: usize,
) -> Vec<Line<'static>> {
    let t = &app.theme;
    let peer = safe(peer);
    let said = d.typed.as_ref().map_or(&d.text, |typed| &typed.text);
    let mut lines = hanging(&format!("\"{}\"", safe(said)), "You said: ", w, t.you());
    lines.push(Line::raw(""));
    lines.push(verdict(t, d));
    match &d.typed {
        Some(typed) => lines.extend(super::heard::heard_lines(app, &typed.heard, w)),
        None => lines.extend(hanging(
            &safe(&text_report::skill_names(&app.table, &d.skills)),
            "Skills shown: ",
            w,
            t.plain(),
        )),
    }
    if d.interrupted {
        lines.extend(hanging(
            &format!("You cut in while {peer} was still speaking: the rest of what {peer} was going to say was lost."),
            "✂ ",
            w,
            t.tone(Tone::Poor),
        ));
    }
    if let Some((text, handled)) = &d.critical {
        let (symbol, how, tone) = if *handled { ("✓", "handled", Tone::Good) } else { ("✗", "missed", Tone::Poor) };
        lines.extend(hanging(
            &format!("A critical moment, {how}: {}", safe(text)),
            &format!("{symbol} "),
            w,
            t.tone(tone),
        ));
    }
    if let Some(typed) = &d.typed {
        // The closest option and its feedback, then the best option (docs/typed-answers.md).
        lines.push(Line::raw(""));
        let how = match (typed.corrected, typed.loose) {
            (true, _) => "The closest option, as you picked it",
            (false, true) => "The closest option (a loose match: no option was close to your words)",
            (false, false) => "The closest option",
        };
        lines.extend(hanging(how, "", w, t.title()));
        lines.extend(hanging(&format!("\"{}\"", safe(&d.text)), "", w, t.plain()));
        lines.extend(hanging(&safe(&text_report::skill_names(&app.table, &d.skills)), "Skills: ", w, t.plain()));
        lines.extend(wrap(&safe(&d.feedback), w).into_iter().map(Line::raw));
        lines.push(Line::raw(""));
        if typed.best.option == d.option {
            lines.push(Line::styled("That is also the best option here.", t.tone(Tone::Good)));
        } else {
            let b = &typed.best;
            lines.push(Line::styled("The best option here", t.title()));
            lines.extend(hanging(&format!("\"{}\"", safe(&b.text)), "", w, t.tone(Tone::Good)));
            lines.extend(hanging(&safe(&text_report::skill_names(&app.table, &b.skills)), "Skills: ", w, t.plain()));
            lines.extend(wrap(&safe(&b.feedback), w).into_iter().map(Line::raw));
        }
    } else {
        lines.extend(wrap(&safe(&d.feedback), w).into_iter().map(Line::raw));
    }
    if let Some(b) = d.better.as_ref().filter(|_| d.typed.is_none()) {
        lines.push(Line::raw(""));
        lines.push(Line::styled("A better option here", t.title()));
        lines.extend(hanging(&format!("\"{}\"", safe(&b.text)), "", w, t.tone(Tone::Good)));
        lines.extend(hanging(&safe(&text_report::skill_names(&app.table, &b.skills)), "Skills: ", w, t.plain()));
        lines.extend(wrap(&safe(&b.feedback), w).into_iter().map(Line::raw));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("The numbers", t.title()));
    lines.extend(hanging(&text_report::points(&d.earned), "You earned: ", w, t.plain()));
    if d.earned != d.available {
        lines.extend(hanging(&text_report::points(&d.available), "Available:  ", w, t.plain()));
    }
    if let Some(before) = trust_before {
        let (word, tone) = rapport_words(d.trust_after);
        let change = match d.trust_after - before {
            0 => "unchanged".to_string(),
            n if n > 0 => format!("up {n}"),
            n => format!("down {}", -n),
        };
        lines.push(Line::from(vec![
            Span::raw("Rapport:    "),
            Span::styled(format!("{before:+} → {:+} ({change}), {word}", d.trust_after), t.tone(tone)),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("The skills", t.title()));
    let mut seen = Vec::new();
    let heard = d.typed.iter().flat_map(|typed| typed.heard.skills.iter());
    for s in heard.chain(d.skills.iter()).chain(d.better.iter().flat_map(|b| b.skills.iter())) {
        if seen.contains(s) {
            continue;
        }
        seen.push(*s);
        let e = app.table.entry(*s);
        let mark = if app.table.is_pitfall(&[*s]) { "− " } else { "+ " };
        lines.extend(hanging(&format!("{}: {}", safe(&e.name), safe(&e.about)), mark, w, t.dim()));
    }
    lines
}

/// The mark in symbol and word (README.md), then what it means: never colour alone.
fn verdict(t: &Theme, d: &DecisionReport) -> Line<'static> {
    let style = t.mark(d.mark).add_modifier(ratatui::style::Modifier::BOLD);
    let meaning = match d.mark {
        Mark::Best => "one of the best choices at this moment",
        Mark::Helpful => "it helped; another option helped more",
        Mark::Harmful => "this worked against the conversation",
    };
    Line::from(vec![
        Span::styled(format!("{} {}", d.mark.symbol(), d.mark.word()), style),
        Span::styled(format!(" — {meaning}"), style),
    ])
}
