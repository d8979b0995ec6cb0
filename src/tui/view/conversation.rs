//! The conversation: the peer's words appearing at their pace, a line saying whether they are
//! still speaking, the options (each appearing once the peer has said what it answers), the hint
//! and the rapport meter.

use super::{keys, rapport, safe, screen, section, with_note};
use crate::tui::app::{App, PAUSE_DOT_MS, Play};
use crate::tui::theme::{Theme, Tone};
use crate::tui::wrap::{truncate, width, wrap};
use hearken_engine::scenario::Beat;
use hearken_engine::session::{Line as Said, Phase, Progress, Session, Speaker};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Fewest transcript rows kept however tall the options are.
const MIN_TRANSCRIPT: u16 = 4;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, now: u64) {
    let Some(play) = &app.play else { return };
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
    let body = with_note(app, frame, body);
    let w = body.width as usize;

    let hint = hint_lines(t, play, w);
    let max = body.height.saturating_sub(MIN_TRANSCRIPT + 2 + hint.len() as u16);
    let options = if play.conv.typed { input_lines(t, play, w, max) } else { option_lines(t, play, w, now, max) };
    let opt_h = if options.is_empty() { 0 } else { options.len() as u16 + 1 };
    let [transcript, status, hint_area, opt_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(hint.len() as u16),
        Constraint::Length(opt_h),
    ])
    .areas(body);

    // Newest words at the bottom, next to the options.
    let inner = super::prose(transcript);
    let rows = transcript_rows(t, s, inner.width as usize, inner.height as usize, play.scroll as usize, now);
    let h = (rows.len() as u16).min(inner.height);
    frame.render_widget(Paragraph::new(rows), Rect { y: inner.y + inner.height - h, height: h, ..inner });
    frame.render_widget(Paragraph::new(status_line(t, play, now)), status);
    frame.render_widget(Paragraph::new(hint), hint_area);
    if opt_h > 0 {
        let title = match (play.conv.typed, s.is_speaking(now)) {
            (true, true) => "Your answer · sending now interrupts",
            (true, false) => "Your answer · in your own words",
            (false, true) => "Your options · answering now interrupts",
            (false, false) => "Your options",
        };
        let block = section(t, title);
        let inner = block.inner(opt_area);
        frame.render_widget(block, opt_area);
        frame.render_widget(Paragraph::new(options), inner);
    }

    let hints = s.counts().hints + u32::from(s.hint_used());
    let hint_label = format!("hint ({hints} used)");
    let pairs: Vec<(&str, &str)> = if s.phase() == Phase::Ended {
        vec![("Enter", "see your report"), ("PgUp/PgDn", "read back"), ("?", "help"), ("q", "quit")]
    } else if play.conv.typed && play.writing {
        vec![
            ("Enter", "send"),
            ("Esc", "keys on"),
            ("Alt+h", &hint_label),
            ("Alt+?", "help"),
            ("PgUp/PgDn", "read back"),
        ]
    } else if play.conv.typed {
        vec![
            ("Enter", "write"),
            ("h", &hint_label),
            ("?", "help"),
            ("Esc", "leave"),
            ("PgUp/PgDn", "read back"),
            ("q", "quit"),
        ]
    } else {
        vec![
            ("1-9", "choose"),
            ("↑↓", "move"),
            ("Enter", "confirm"),
            ("h", &hint_label),
            ("?", "help"),
            ("Esc", "leave"),
            ("PgUp/PgDn", "read back"),
            ("q", "quit"),
        ]
    };
    keys(app, frame, foot, &pairs);
}

fn status_line(t: &Theme, play: &Play, now: u64) -> Line<'static> {
    let s = &play.conv.session;
    let peer = safe(&s.scenario().peer.name);
    let turn = s.turn();
    let pausing = (0..turn.beats.len()).any(|i| turn.progress(i, now) == Progress::Pausing);
    let deciding = s.phase() == Phase::Deciding;
    let can_cut_in = deciding && (play.conv.typed || !play.conv.visible(now).is_empty());
    let cut = match (can_cut_in, play.conv.typed) {
        (false, _) => "",
        (true, false) => " (choosing now cuts in)",
        (true, true) => " (sending now cuts in)",
    };
    let turn_words = if play.conv.typed { "write your answer" } else { "choose a response" };
    let (symbol, text, tone) = match (s.is_speaking(now), pausing) {
        (true, true) => ("…", format!("{peer} pauses…{cut}"), Tone::Fair),
        (true, false) => ("●", format!("{peer} is speaking{cut}"), Tone::Fair),
        (false, _) if deciding => ("✓", format!("{peer} has finished. Your turn: {turn_words}."), Tone::Good),
        (false, _) => ("■", "The conversation has ended. Press Enter to see your report.".to_string(), Tone::Neutral),
    };
    let mut spans =
        vec![Span::styled(format!(" {symbol} {text}"), t.tone(tone).add_modifier(ratatui::style::Modifier::BOLD))];
    if play.scroll > 0 {
        spans.push(Span::styled("  ↑ reading back: End returns", t.dim()));
    }
    Line::from(spans)
}

fn hint_lines(t: &Theme, play: &Play, w: usize) -> Vec<Line<'static>> {
    let s = &play.conv.session;
    if let Some(notice) = &play.notice {
        return super::hanging(notice, " ", w, t.dim());
    }
    match s.hint() {
        Some(h) if s.hint_used() && s.phase() == Phase::Deciding => super::hanging(&safe(h), " Hint: ", w, t.hint()),
        _ => Vec::new(),
    }
}

/// Type mode: the answer being written, its last rows when long, with a cursor while writing.
fn input_lines(t: &Theme, play: &Play, w: usize, max: u16) -> Vec<Line<'static>> {
    if play.conv.session.phase() != Phase::Deciding {
        return Vec::new();
    }
    let cursor = if play.writing { "▏" } else { "" };
    let text = format!("{}{cursor}", safe(&play.input));
    let style = if play.writing { t.selected() } else { t.plain() };
    let mut lines = super::hanging(&text, "› ", w, style);
    if play.input.is_empty() && !play.writing {
        lines = vec![Line::styled("› (keys are on: Enter, Tab or a letter to write)", t.dim())];
    }
    let keep = (max.max(1) as usize).min(lines.len());
    lines.split_off(lines.len() - keep)
}

/// The options, wrapped; when they do not all fit in `max` rows, one row each (the selected
/// one in full).
fn option_lines(t: &Theme, play: &Play, w: usize, now: u64, max: u16) -> Vec<Line<'static>> {
    let s = &play.conv.session;
    if s.phase() != Phase::Deciding {
        return Vec::new();
    }
    // Only the options the peer has reached so far (docs/scenario-format.md), numbered in the order they appeared.
    let shown = play.conv.visible(now);
    let build = |full_for: &dyn Fn(usize) -> bool| -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        for (n, (_, reply)) in shown.iter().enumerate() {
            let selected = n == play.selected;
            let prefix = format!("{}{}. ", if selected { "› " } else { "  " }, n + 1);
            let style = if selected { t.selected() } else { t.plain() };
            let text = safe(&reply.text);
            if full_for(n) {
                lines.extend(super::hanging(&text, &prefix, w, style));
            } else {
                lines.push(Line::styled(
                    format!("{prefix}{}", truncate(&text, w.saturating_sub(width(&prefix)))),
                    style,
                ));
            }
        }
        lines
    };
    let full = build(&|_| true);
    if full.len() as u16 <= max.max(1) {
        return full;
    }
    build(&|n| n == play.selected)
}

/// The transcript's rows, newest at the bottom, `scroll` rows back from the end; only as much is
/// wrapped as fits, so a long session draws as fast as a short one.
fn transcript_rows(t: &Theme, s: &Session, w: usize, height: usize, scroll: usize, now: u64) -> Vec<Line<'static>> {
    let peer = safe(&s.scenario().peer.name);
    let name_w = width(&peer).clamp(3, 12);
    let peer_tag = format!("{:<name_w$}  ", truncate(&peer, name_w));
    let you_tag = format!("{:<name_w$}  ", "You");
    let want = height + scroll;
    let mut rows: Vec<Line<'static>> = Vec::with_capacity(want);

    // Newest first: the turn under way, then what was said before it.
    let turn = s.turn();
    let mut current: Vec<(Said, Option<Style>)> = Vec::new();
    for (i, tb) in turn.beats.iter().enumerate() {
        match (&tb.beat, turn.progress(i, now)) {
            (_, Progress::Pending) => break,
            (Beat::Line(text), Progress::Done) => current.push((Said::peer(text), None)),
            (Beat::Line(text), Progress::Saying(n)) => {
                let mut said: String = text.chars().take(n).collect();
                said.push('▍');
                current.push((Said::peer(&said), None));
            }
            (Beat::Pause { millis }, Progress::Done) => current.push((Said::pause(*millis), None)),
            (Beat::Line(_), Progress::Pausing) => break,
            (Beat::Pause { .. }, _) => {
                let dots = ((now - tb.start) / PAUSE_DOT_MS % 3 + 1) as usize;
                let mut l = Said::peer(&format!("(pause {})", "· ".repeat(dots).trim_end()));
                l.pause_ms = Some(0);
                current.push((l, Some(t.tone(Tone::Fair))));
            }
        }
    }
    let earlier = s.transcript().iter().rev().map(|l| (l.clone(), None));
    let mut items = current.into_iter().rev().chain(earlier).peekable();
    while let Some((line, style)) = items.next() {
        // The name starts each run of lines by one speaker.
        let first_of_run = items.peek().is_none_or(|(older, _)| older.speaker != line.speaker);
        let mut item = said_rows(t, &line, style, first_of_run, (&peer_tag, &you_tag), w);
        if line.speaker == Speaker::Trainee {
            item.insert(0, Line::raw(""));
            item.push(Line::raw(""));
        }
        rows.extend(item.into_iter().rev());
        if rows.len() >= want {
            break;
        }
    }
    rows.reverse();
    let end = rows.len().saturating_sub(scroll.min(rows.len().saturating_sub(height)));
    let start = end.saturating_sub(height);
    rows.drain(..start);
    rows.truncate(end - start);
    rows
}

fn said_rows(
    t: &Theme,
    line: &Said,
    style: Option<Style>,
    named: bool,
    (peer_tag, you_tag): (&str, &str),
    w: usize,
) -> Vec<Line<'static>> {
    let (tag, tag_style) = match line.speaker {
        Speaker::Peer => (peer_tag, t.peer()),
        Speaker::Trainee => (you_tag, t.you()),
    };
    let (text, text_style) = match (line.pause_ms, line.speaker == Speaker::Peer) {
        (Some(_), true) if line.text.is_empty() && line.cut => ("(pause — cut off)".to_string(), t.dim()),
        (Some(_), true) if line.text.is_empty() => ("(pause)".to_string(), t.dim()),
        _ if line.cut => (crate::report_text::cut_off(&safe(&line.text)), t.plain()),
        _ => (safe(&line.text), t.plain()),
    };
    let text_style = style.unwrap_or(text_style);
    let indent = width(tag);
    wrap(&text, w.saturating_sub(indent).max(1))
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let lead =
                if i == 0 && named { Span::styled(tag.to_string(), tag_style) } else { Span::raw(" ".repeat(indent)) };
            Line::from(vec![lead, Span::styled(r, text_style)])
        })
        .collect()
}
