//! The home screen: every scenario with its difficulty and the trainee's best and last score,
//! and files that could not be loaded, each with its first problem.

use super::{header, keys, safe, section, with_note};
use crate::tui::app::{App, HomeEntry};
use crate::tui::theme::Tone;
use crate::tui::wrap::{truncate, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let detail_h = if area.height >= 32 { 12 } else { 8 };
    let [top, list, detail, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(detail_h),
        Constraint::Length(1),
    ])
    .areas(area);
    let playable = app.home.iter().filter(|e| matches!(e, HomeEntry::Scenario(_))).count();
    header(
        app,
        frame,
        top,
        "Hearken · practise active listening",
        vec![Span::styled(format!("{playable} scenarios "), t.dim())],
    );

    let block = section(t, "Choose a scenario");
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let inner = Rect { x: inner.x + 1, width: inner.width.saturating_sub(2), ..inner };
    let rows = inner.height as usize;
    let offset = app.home_selected.saturating_sub(rows.saturating_sub(1));
    let w = inner.width as usize;
    let title_w = w.saturating_sub(2 + 1 + 12 + 1 + 19).clamp(10, 60);
    let lines: Vec<Line> = app
        .home
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, entry)| {
            let selected = i == app.home_selected;
            let marker = if selected { "› " } else { "  " };
            let line = match entry {
                HomeEntry::Scenario(s) => {
                    let score = match app.scores.get(&s.id) {
                        Some((best, last)) => format!("best {}  last {}", num(*best), num(*last)),
                        None => "not practised yet".to_string(),
                    };
                    Line::from(vec![
                        Span::raw(marker),
                        Span::raw(format!("{:<title_w$} ", truncate(&safe(&s.title), title_w))),
                        Span::styled(format!("{:<12} ", s.difficulty.name()), t.difficulty(s.difficulty)),
                        Span::raw(score),
                    ])
                }
                HomeEntry::Invalid { file, .. } => Line::from(vec![
                    Span::raw(marker),
                    Span::styled("✗ ", t.tone(Tone::Poor)),
                    Span::styled(
                        truncate(&format!("{}  (cannot be played)", safe(file)), w.saturating_sub(4)),
                        t.tone(Tone::Poor),
                    ),
                ]),
            };
            if selected { line.style(t.selected()) } else { line }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);

    let detail = with_note(app, frame, detail);
    draw_detail(app, frame, detail);
    keys(
        app,
        frame,
        foot,
        &[("↑↓", "move"), ("Enter", "open"), ("1-9", "pick"), ("p", "your progress"), ("?", "help"), ("q", "quit")],
    );
}

fn num(n: Option<u8>) -> String {
    n.map_or("—".into(), |n| format!("{n:>3}"))
}

fn draw_detail(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let Some(entry) = app.selected_entry() else {
        let msg = "No scenarios were found. Add .toml files with --scenarios DIR, or write one with `hearken new ID`.";
        let block = section(t, "About");
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(
            Paragraph::new(wrap(msg, inner.width as usize).into_iter().map(Line::raw).collect::<Vec<_>>()),
            inner,
        );
        return;
    };
    let (title, lines) = match entry {
        HomeEntry::Scenario(s) => {
            let w = area.width.saturating_sub(2) as usize;
            let mut lines: Vec<Line> = wrap(&safe(&s.summary), w).into_iter().map(Line::raw).collect();
            let mut facts = vec![
                Span::styled("With ", t.dim()),
                Span::styled(safe(&s.peer.name), t.peer()),
                Span::styled(" · ", t.dim()),
                Span::styled(s.difficulty.name(), t.difficulty(s.difficulty)),
            ];
            if !s.tags.is_empty() {
                let tags: Vec<String> = s.tags.iter().map(|x| safe(x)).collect();
                facts.push(Span::styled(format!(" · {}", tags.join(", ")), t.dim()));
            }
            lines.push(Line::from(facts));
            ("About this scenario".to_string(), lines)
        }
        HomeEntry::Invalid { file, problem } => {
            let w = area.width.saturating_sub(2) as usize;
            let mut lines =
                vec![Line::styled("✗ This file has a problem, so it cannot be played:", t.tone(Tone::Poor))];
            lines.extend(wrap(&safe(problem), w.saturating_sub(2)).into_iter().map(|r| Line::raw(format!("  {r}"))));
            lines.extend(
                wrap(&format!("See every problem and how to fix it with: hearken validate {}", safe(file)), w)
                    .into_iter()
                    .map(|r| Line::styled(r, t.dim())),
            );
            (truncate(&safe(file), 50), lines)
        }
    };
    let block = section(t, &title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), Rect { x: inner.x + 1, width: inner.width.saturating_sub(2), ..inner });
}
