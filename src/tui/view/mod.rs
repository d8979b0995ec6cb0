//! `view`: draws the app. Pure: the same app and time give the same frame.

mod briefing;
mod conversation;
mod feedback;
mod heard;
mod help;
mod history;
mod home;
mod report;

use super::app::{App, MIN_HEIGHT, MIN_WIDTH, Overlay, Screen};
use super::theme::{Theme, Tone, rapport_words};
use super::wrap::{truncate, width, wrap};
use hearken_engine::text::terminal_safe;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn view(app: &App, frame: &mut Frame, wall: u64) {
    let now = app.play_time(wall);
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, frame, area);
        return;
    }
    match &app.screen {
        Screen::Home => home::draw(app, frame, area),
        Screen::Briefing { scenario, scroll } => briefing::draw(app, frame, area, scenario, *scroll),
        Screen::Conversation => conversation::draw(app, frame, area, now),
        Screen::Heard { decision, selected, .. } => heard::draw(app, frame, area, decision, *selected),
        Screen::Feedback { decision, trust_before, scroll } => {
            feedback::draw(app, frame, area, decision, *trust_before, *scroll)
        }
        Screen::Report { report, page, selected, scroll } => {
            report::draw(app, frame, area, report, *page, *selected, *scroll)
        }
        Screen::History { scroll, .. } => history::draw(app, frame, area, *scroll),
    }
    let kept = if app.settings.history {
        "What you have done so far is kept in your history as unfinished."
    } else {
        "History is off for this run (--no-history), so nothing is kept."
    };
    match app.overlay {
        Some(Overlay::Help) => help::draw(app, frame, area),
        Some(Overlay::ConfirmQuit) => confirm(
            app,
            frame,
            area,
            "Quit Hearken?",
            &format!("You are in the middle of a conversation. {kept}"),
            "quit",
        ),
        Some(Overlay::ConfirmLeave) => confirm(
            app,
            frame,
            area,
            "Leave this conversation?",
            &format!("You will go back to the list of scenarios. {kept}"),
            "leave",
        ),
        None => {}
    }
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let text = format!(
        "This window is {}×{}. Hearken needs at least {MIN_WIDTH}×{MIN_HEIGHT}: make the window larger (or the font smaller) and it will carry on where you were. Press q to quit.",
        area.width, area.height
    );
    let lines: Vec<Line> =
        wrap(&text, area.width.max(1) as usize).into_iter().map(|r| Line::styled(r, t.plain())).collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// Widest a column of prose gets: longer lines are hard to read.
pub(super) const READABLE: u16 = 100;

/// `area` with a one-column margin each side, at most `READABLE` wide.
pub(super) fn prose(area: Rect) -> Rect {
    Rect { x: area.x + 1, width: area.width.saturating_sub(2).min(READABLE), ..area }
}

/// Untrusted scenario text, made safe to put on screen.
pub(super) fn safe(s: &str) -> String {
    terminal_safe(s).into_owned()
}

/// The key bar at the bottom: `key label` pairs, as many as fit. The last pair (quit) always
/// stays, so there is always a visible way out.
pub(super) fn keys(app: &App, frame: &mut Frame, area: Rect, pairs: &[(&str, &str)]) {
    let t = &app.theme;
    let w = |(k, label): &(&str, &str)| width(k) + width(label) + 3;
    let Some((last, rest)) = pairs.split_last() else { return };
    let mut room = (area.width as usize).saturating_sub(w(last));
    let mut shown: Vec<&(&str, &str)> =
        rest.iter().take_while(|p| room.checked_sub(w(p)).map(|r| room = r).is_some()).collect();
    shown.push(last);
    let spans: Vec<Span> = shown
        .into_iter()
        .flat_map(|(k, label)| [Span::styled(format!(" {k}"), t.key()), Span::styled(format!(" {label} "), t.dim())])
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The one-line history note, when there is one, above the key bar. Returns the rows left.
pub(super) fn with_note(app: &App, frame: &mut Frame, area: Rect) -> Rect {
    let Some(note) = &app.note else { return area };
    let [rest, line] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let text = truncate(&format!(" ! History: {}", safe(note)), line.width as usize);
    frame.render_widget(Paragraph::new(Line::styled(text, app.theme.tone(Tone::Fair))), line);
    rest
}

/// A section with a rule and a title on top (no side borders: they cost columns at 80×24).
pub(super) fn section<'a>(t: &Theme, title: &'a str) -> Block<'a> {
    Block::new().borders(Borders::TOP).title(Span::styled(format!(" {title} "), t.title())).border_style(t.dim())
}

/// The screen title row: `left` at the left, `right` at the right.
/// The frame every screen shares: a header line (title on the left, `right` on the right), the
/// body, and a footer line for keys. Draws the header; returns [body, footer].
pub(super) fn screen(app: &App, frame: &mut Frame, area: Rect, left: &str, right: Vec<Span<'static>>) -> [Rect; 2] {
    let [top, body, foot] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    header(app, frame, top, left, right);
    [body, foot]
}

fn header(app: &App, frame: &mut Frame, area: Rect, left: &str, right: Vec<Span<'static>>) {
    let t = &app.theme;
    let right_w: usize = right.iter().map(|s| s.width()).sum();
    let left = truncate(left, (area.width as usize).saturating_sub(right_w + 2));
    let gap = (area.width as usize).saturating_sub(width(&left) + 1 + right_w);
    let mut spans = vec![Span::styled(format!(" {left}"), t.title()), Span::raw(" ".repeat(gap))];
    spans.extend(right);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The rapport meter: a bar from -5 to +5 with a mark at 0, the number, and a word.
pub(super) fn rapport(t: &Theme, trust: i32) -> Vec<Span<'static>> {
    let (word, tone) = rapport_words(trust);
    let mut bar = String::new();
    for i in hearken_engine::rapport::MIN..=hearken_engine::rapport::MAX {
        bar.push(match i {
            0 => '│',
            i if (i < 0 && trust <= i) || (i > 0 && trust >= i) => '■',
            _ => '·',
        });
    }
    vec![
        Span::styled("Rapport ", t.dim()),
        Span::styled(bar, t.tone(tone)),
        Span::styled(format!(" {trust:+} {word} "), t.tone(tone)),
    ]
}

/// A box in the middle of `area`, cleared, with a border and title.
pub(super) fn popup(frame: &mut Frame, area: Rect, w: u16, h: u16, title: &str, t: &Theme) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    let r = Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h };
    frame.render_widget(Clear, r);
    let block = Block::bordered().title(Span::styled(format!(" {title} "), t.title()));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    inner
}

fn confirm(app: &App, frame: &mut Frame, area: Rect, title: &str, body: &str, verb: &str) {
    let t = &app.theme;
    let w = 56u16;
    let mut lines: Vec<Line> = wrap(body, (w - 4) as usize).into_iter().map(|r| Line::raw(format!(" {r}"))).collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(" y", t.key()),
        Span::raw(format!(" {verb}    ")),
        Span::styled("n", t.key()),
        Span::raw(" stay"),
    ]));
    let inner = popup(frame, area, w, lines.len() as u16 + 2, title, t);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Rows of wrapped text, each row prefixed (the first with `first`, the rest with spaces of the
/// same width), all in one style.
pub(super) fn hanging(text: &str, first: &str, w: usize, style: Style) -> Vec<Line<'static>> {
    let indent = width(first);
    wrap(text, w.saturating_sub(indent).max(1))
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let p = if i == 0 { first.to_string() } else { " ".repeat(indent) };
            Line::styled(format!("{p}{r}"), style)
        })
        .collect()
}

/// A paragraph of lines shown from row `scroll`, clamped so the last page stays full. When it
/// does not all fit, the last row says there is more and which way.
pub(super) fn scrolled(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>, scroll: u16) {
    scrolled_by(frame, area, lines, scroll, ("↓ or PgDn", "↑ or PgUp"));
}

/// As `scrolled`, for a pane whose arrow keys do something else (they move between decisions in
/// the review): `keys` names the keys that scroll it, down then up.
pub(super) fn scrolled_by(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>, scroll: u16, keys: (&str, &str)) {
    let fits = lines.len() <= area.height as usize;
    let rows = if fits { area.height } else { area.height.saturating_sub(1) };
    let max = (lines.len() as u16).saturating_sub(rows);
    let from = scroll.min(max) as usize;
    let shown: Vec<Line> = lines.into_iter().skip(from).take(rows as usize).collect();
    frame.render_widget(Paragraph::new(shown), area);
    if !fits && rows > 0 {
        let mark = if (from as u16) < max {
            format!("↓ more below ({})", keys.0)
        } else {
            format!("↑ more above ({})", keys.1)
        };
        let r = Rect { y: area.y + rows, height: 1, ..area };
        frame.render_widget(Paragraph::new(Line::raw(mark)).alignment(ratatui::layout::Alignment::Right), r);
    }
}
