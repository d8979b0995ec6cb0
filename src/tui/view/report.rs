//! The report: the ending, the four rubric scores with bars and bands, MITI-style counts against
//! their thresholds, and the transcript reviewed decision by decision, from which any decision
//! can be replayed.

use super::feedback::decision_lines;
use super::{hanging, keys, safe, screen, scrolled, scrolled_by, section, with_note};
use crate::report_text as text_report;
use crate::tui::app::{App, ReportPage};
use crate::tui::theme::{Theme, Tone, ending_symbol, ending_tone, level_symbol, level_tone, rapport_words};
use crate::tui::update::report_is_wide;
use crate::tui::wrap::{truncate, width};
use hearken_engine::rubric::Band;
use hearken_engine::session::report::Report;
use hearken_engine::session::{Line as Said, Speaker};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, r: &Report, page: ReportPage, selected: usize, scroll: u16) {
    let t = &app.theme;
    let wide = report_is_wide((area.width, area.height));
    let mut right = Vec::new();
    if !wide {
        for (p, name) in [(ReportPage::Scores, "Scores"), (ReportPage::Review, "Review")] {
            let style = if p == page { t.selected() } else { t.dim() };
            let label = if p == page { format!("[{name}]") } else { format!(" {name} ") };
            right.push(Span::styled(label, style));
            right.push(Span::raw(" "));
        }
    } else {
        right.push(Span::styled(format!("seed {} ", r.seed), t.dim()));
    }
    let [body, foot] =
        screen(app, frame, area, &format!("Report · {} · with {}", safe(&r.title), safe(&r.peer)), right);
    let body = with_note(app, frame, body);
    let review_keys: &[(&str, &str)] = &[
        ("↑↓", "decision"),
        ("Enter", "replay from it"),
        ("Esc", "home"),
        ("PgUp/PgDn", "scroll"),
        ("?", "help"),
        ("p", "progress"),
        ("q", "quit"),
    ];
    if wide {
        let [left, right] = Layout::horizontal([Constraint::Length(60), Constraint::Min(40)]).areas(body);
        let left = Rect { x: left.x + 1, width: left.width.saturating_sub(2), ..left };
        scrolled(frame, left, score_lines(t, r, left.width as usize), 0);
        review(app, frame, right, r, selected, scroll);
        keys(app, frame, foot, review_keys);
        return;
    }
    match page {
        ReportPage::Scores => {
            let inner = Rect { x: body.x + 1, width: body.width.saturating_sub(2), ..body };
            scrolled(frame, inner, score_lines(t, r, inner.width as usize), scroll);
            keys(
                app,
                frame,
                foot,
                &[
                    ("Tab", "review & replay"),
                    ("↑↓", "scroll"),
                    ("p", "progress"),
                    ("?", "help"),
                    ("Esc", "home"),
                    ("q", "quit"),
                ],
            );
        }
        ReportPage::Review => {
            review(app, frame, body, r, selected, scroll);
            let mut k = vec![("Tab", "scores")];
            k.extend_from_slice(review_keys);
            keys(app, frame, foot, &k);
        }
    }
}

fn score_lines(t: &Theme, r: &Report, w: usize) -> Vec<Line<'static>> {
    let bold = ratatui::style::Modifier::BOLD;
    let mut lines = vec![Line::raw("")];
    // The result first, in words, with its reasons (docs/scoring.md).
    if r.result.met {
        lines.push(Line::styled("✓ Result: met", t.tone(Tone::Good).add_modifier(bold)));
    } else {
        lines.push(Line::styled("○ Result: not yet", t.tone(Tone::Fair).add_modifier(bold)));
        for reason in &r.result.reasons {
            lines.extend(hanging(&safe(reason), "  - ", w, t.plain()));
        }
    }
    // Then each critical moment reached, handled or missed, in the author's words.
    if !r.critical.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Critical moments", t.title()));
        for c in &r.critical {
            let (lead, tone) =
                if c.handled { ("  ✓ handled: ", Tone::Good) } else { ("  ✗ missed:  ", Tone::Poor) };
            lines.extend(hanging(&safe(&c.text), lead, w, t.tone(tone)));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Scores", t.title()));
    let bar_w = if w >= 57 { 16 } else { 10 };
    for rubric in crate::report_text::shown_rubrics(&r.scores) {
        lines.push(score_row(t, rubric.name(), r.scores.get(rubric), bar_w));
    }
    lines.push(score_row(t, "Overall", r.scores.overall, bar_w));
    if !r.speech_counted {
        lines.extend(hanging(
            "Animation was off, so nobody could cut in: non-interruption counts only your choices.",
            "  ",
            w,
            t.dim(),
        ));
    }
    lines.extend(hanging(
        "Each choice is measured against the best option at that moment: a score is the points you earned as a share of the points available. 0–49 Beginning, 50–69 Developing, 70–84 Proficient, 85–100 Exemplary.",
        "  ",
        w,
        t.dim(),
    ));
    lines.push(Line::raw(""));
    lines.push(Line::styled("The mix of what was said (MITI-style counts, not scores)", t.title()));
    let c = &r.counts;
    lines.extend(hanging(
        &format!(
            "Reflections {} (complex {}) · questions {} (open {}) · roadblocks {} · interruptions {} · hints {}",
            c.reflections, c.complex_reflections, c.questions, c.open_questions, c.roadblocks, c.interruptions, c.hints
        ),
        "  ",
        w,
        t.plain(),
    ));
    for th in c.thresholds() {
        let level = th.level();
        let row = vec![
            Span::styled(format!("  {} ", level_symbol(level)), t.tone(level_tone(level))),
            Span::raw(format!("{:<25}{:>5}  ", th.name, th.shown())),
            Span::styled(level.word(), t.tone(level_tone(level))),
        ];
        let goal = format!("({})", th.goal());
        let row_w: usize = row.iter().map(|s| s.width()).sum();
        if row_w + 2 + width(&goal) <= w {
            let mut row = row;
            row.push(Span::styled(format!("  {goal}"), t.dim()));
            lines.push(Line::from(row));
        } else {
            lines.push(Line::from(row));
            lines.push(Line::styled(format!("       {goal}"), t.dim()));
        }
    }
    let (word, tone) = rapport_words(r.trust);
    let mut end =
        vec![Span::raw("  Rapport at the end: "), Span::styled(format!("{:+} {word}", r.trust), t.tone(tone))];
    if let Some(ms) = r.mean_response_ms {
        end.push(Span::raw(format!(" · mean response time {:.1} s", ms as f64 / 1000.0)));
    }
    lines.push(Line::from(end));
    // How it ended, last: the story behind the result.
    lines.push(Line::raw(""));
    match (&r.ending_kind, &r.outcome) {
        (Some(kind), Some(outcome)) => {
            let tone = t.tone(ending_tone(*kind));
            lines.push(Line::styled(
                format!("{} Ending: {}", ending_symbol(*kind), kind.name()),
                tone.add_modifier(bold),
            ));
            lines.extend(hanging(&safe(outcome), "  ", w, tone));
        }
        _ => lines.push(Line::styled("○ You left before the conversation reached an ending.", t.tone(Tone::Fair))),
    }
    lines
}

/// `Open questions  83  ██████████░░░  Proficient`: the band is named, never only coloured.
fn score_row(t: &Theme, name: &str, score: Option<u8>, bar_w: usize) -> Line<'static> {
    // The longest name, "Safety and boundaries", is 21 characters: one more keeps "100" apart from it.
    let label = Span::styled(format!("  {name:<22}"), if name == "Overall" { t.title() } else { t.plain() });
    match score {
        Some(s) => {
            let band = Band::of(s);
            let filled = (s as usize * bar_w + 50) / 100;
            Line::from(vec![
                label,
                Span::raw(format!("{s:>3}  ")),
                Span::styled("█".repeat(filled), t.band(band)),
                Span::styled("░".repeat(bar_w - filled), t.dim()),
                Span::styled(format!("  {}", band.name()), t.band(band)),
            ])
        }
        None => Line::from(vec![label, Span::styled("  —  not assessed on this path", t.dim())]),
    }
}

/// The decisions, one row each, and the selected one in full below.
fn review(app: &App, frame: &mut Frame, area: Rect, r: &Report, selected: usize, scroll: u16) {
    let t = &app.theme;
    let n = r.decisions.len();
    let list_h = ((n + 1) as u16 + 1).min(area.height / 3).max(3);
    let [list, detail] = Layout::vertical([Constraint::Length(list_h), Constraint::Min(1)]).areas(area);
    let block = section(t, "Your decisions");
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let rows = inner.height as usize;
    let offset = selected.saturating_sub(rows.saturating_sub(1));
    let w = inner.width as usize;
    let mut lines = Vec::new();
    for k in offset..=n {
        if lines.len() >= rows {
            break;
        }
        let marker = if k == selected { "› " } else { "  " };
        let line = match r.decisions.get(k) {
            Some(d) => {
                // The mark in symbol and word, never colour alone.
                let cut = if d.interrupted { "✂" } else { " " };
                let text = truncate(&safe(&d.text), w.saturating_sub(18));
                Line::from(vec![
                    Span::raw(marker),
                    Span::styled(format!("{} {:<7} ", d.mark.symbol(), d.mark.word()), t.mark(d.mark)),
                    Span::styled(cut, t.tone(Tone::Poor)),
                    Span::raw(format!("{:>2}. {text}", k + 1)),
                ])
            }
            None => match r.ending_kind {
                Some(kind) => Line::from(vec![
                    Span::raw(marker),
                    Span::styled(format!("{} {:<7} ", ending_symbol(kind), kind.name()), t.tone(ending_tone(kind))),
                    Span::raw("    How it ended"),
                ]),
                None => Line::from(vec![Span::raw(marker), Span::raw("○ left         Left before the end")]),
            },
        };
        lines.push(if k == selected { line.style(t.selected()) } else { line });
    }
    frame.render_widget(Paragraph::new(lines), inner);

    let title = if selected < n {
        format!("Decision {} of {n} · Enter: replay from here", selected + 1)
    } else {
        "How it ended".to_string()
    };
    let block = section(t, &title);
    let inner = block.inner(detail);
    frame.render_widget(block, detail);
    let inner = Rect { x: inner.x + 1, width: inner.width.saturating_sub(2), ..inner };
    let w = inner.width as usize;
    let mut lines = Vec::new();
    for said in segment(&r.transcript, selected) {
        let text = text_report::peer_line(&safe(&r.peer), &Said { text: safe(&said.text), ..said.clone() });
        let style = if said.pause_ms.is_some() { t.dim() } else { t.peer() };
        lines.extend(hanging(&text, "", w, style));
    }
    lines.push(Line::raw(""));
    match r.decisions.get(selected) {
        Some(d) => {
            let before = match selected {
                0 => app.play.as_ref().map(|p| p.conv.session.scenario().peer.trust),
                k => r.decisions.get(k - 1).map(|p| p.trust_after),
            };
            lines.extend(decision_lines(app, d, &r.peer, before, w))
        }
        None => match (&r.ending_kind, &r.outcome) {
            (Some(kind), Some(outcome)) => {
                let tone = t.tone(ending_tone(*kind));
                lines.push(Line::styled(format!("{} Ending: {}", ending_symbol(*kind), kind.name()), tone));
                lines.extend(hanging(&safe(outcome), "  ", w, tone));
            }
            _ => lines.push(Line::raw("You left the conversation here.")),
        },
    }
    scrolled_by(frame, inner, lines, scroll, ("PgDn", "PgUp"));
}

/// What the peer said leading up to decision `k` (or, past the last, after it).
fn segment(transcript: &[Said], k: usize) -> impl Iterator<Item = &Said> {
    let start = match k {
        0 => 0,
        k => transcript.iter().position(|l| l.decision == Some(k - 1)).map_or(transcript.len(), |i| i + 1),
    };
    transcript[start..].iter().take_while(|l| l.speaker == Speaker::Peer)
}
