//! The history screen: how each rubric has moved over finished first attempts, and the recent
//! sessions themselves (by scenario title; replays marked as such).

use super::{keys, safe, screen, scrolled, with_note};
use crate::store::Change;
use crate::store::time::{date, short};
use crate::tui::app::{App, HomeEntry};
use crate::tui::store::HistoryData;
use crate::tui::theme::{Theme, Tone};
use crate::tui::wrap::{truncate, wrap};
use hearken_engine::rubric::Rubric;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

pub fn draw(app: &App, frame: &mut Frame, area: Rect, scroll: u16) {
    let t = &app.theme;
    let count = match &app.history {
        Some(Ok(h)) => match h.progress.sessions.len() {
            1 => "1 finished session ".to_string(),
            n => format!("{n} finished sessions "),
        },
        _ => String::new(),
    };
    let [body, foot] = screen(app, frame, area, "Your progress", vec![Span::styled(count, t.dim())]);
    let body = with_note(app, frame, body);
    let body = Rect { x: body.x + 1, width: body.width.saturating_sub(2), ..body };
    let w = body.width as usize;
    let lines = match &app.history {
        None => vec![Line::raw(""), Line::raw("Reading your history…")],
        Some(Err(e)) => {
            let mut l = vec![Line::raw("")];
            l.extend(
                wrap(&format!("Your history cannot be shown: {}", safe(e)), w)
                    .into_iter()
                    .map(|r| Line::styled(r, t.tone(Tone::Fair))),
            );
            l.push(Line::styled("Practice works as usual.", t.dim()));
            l
        }
        Some(Ok(h)) if h.sessions.is_empty() => vec![
            Line::raw(""),
            Line::raw("No sessions yet. Finish a scenario and your scores will appear here, session by session."),
        ],
        Some(Ok(h)) => progress_lines(t, h, w, &|id| title_of(app, id)),
    };
    scrolled(frame, body, lines, scroll);
    keys(app, frame, foot, &[("↑↓", "scroll"), ("Esc", "back"), ("?", "help"), ("q", "quit")]);
}

/// A scenario's title, for people; its id when the scenario is not loaded any more.
fn title_of(app: &App, id: &str) -> String {
    app.home
        .iter()
        .find_map(|e| match e {
            HomeEntry::Scenario(s) if s.id == id => Some(s.title.clone()),
            _ => None,
        })
        .unwrap_or_else(|| id.to_string())
}

fn progress_lines(t: &Theme, h: &HistoryData, w: usize, title: &dyn Fn(&str) -> String) -> Vec<Line<'static>> {
    let longest =
        Rubric::ALL.iter().map(|&r| h.progress.series(r).len()).chain([h.progress.overall_series().len()]).max();
    let spark_w = longest.unwrap_or(0).clamp(4, w.saturating_sub(2 + 22 + 2 + 34).clamp(4, 60));
    let mut lines = vec![Line::raw("")];
    lines.push(Line::styled(
        "Each rubric over your finished sessions (oldest → newest; replays not counted)",
        t.title(),
    ));
    // Safety and boundaries only once some session assessed it: most scenarios never do.
    let rows = Rubric::ALL
        .iter()
        .filter(|&&r| r != Rubric::SafetyBoundaries || h.progress.rubric(r).assessed > 0)
        .map(|&r| (r.name(), h.progress.series(r), h.progress.rubric(r)))
        .chain(std::iter::once(("Overall", h.progress.overall_series(), &h.progress.overall)));
    for (name, series, trend) in rows {
        let shown = &series[series.len().saturating_sub(spark_w)..];
        let spark: String = shown.iter().map(|&(_, v)| LEVELS[(v as usize * (LEVELS.len() - 1) + 50) / 100]).collect();
        let summary = match (trend.change, trend.recent) {
            (Change::TooFew, Some(r)) => format!("  {r:>3}  (one session so far)"),
            (Change::TooFew, None) => "  not assessed yet".to_string(),
            (change, recent) => {
                let recent = recent.map_or("—".into(), |r| format!("{r:>3}"));
                format!("{} {recent}  {} ({:+})", change.arrow(), change.words(), trend.delta.unwrap_or(0))
            }
        };
        let tone = match trend.change {
            Change::Improved => Tone::Good,
            Change::Dropped => Tone::Poor,
            _ => Tone::Neutral,
        };
        lines.push(Line::from(vec![
            Span::raw(format!("  {name:<22}")),
            Span::styled(format!("{spark:<spark_w$}"), t.tone(Tone::Good)),
            Span::styled(format!("  {summary}"), t.tone(tone)),
        ]));
    }
    lines.extend(super::hanging(
        "▁ low … █ high. The number is your recent average; a change counts only when the average of your latest sessions differs clearly from your first ones.",
        "  ",
        w,
        t.dim(),
    ));
    lines.push(Line::raw(""));
    lines.push(Line::styled("Recent sessions", t.title()));
    let when = if w >= 100 { "Started (UTC)   " } else { "Date      " };
    lines.push(Line::styled(format!("  {when}  {:<24} {:<14} Overall", "Scenario", "Ending"), t.dim()));
    for s in &h.sessions {
        let (symbol, tone, ending) = match (s.finished, s.ending_kind.as_deref()) {
            (false, _) => ("○", Tone::Fair, "unfinished".to_string()),
            (true, Some("good")) => ("●", Tone::Good, "good ending".to_string()),
            (true, Some("poor")) => ("○", Tone::Poor, "poor ending".to_string()),
            (true, Some(k)) => ("◐", Tone::Fair, format!("{} ending", safe(k))),
            (true, None) => ("●", Tone::Neutral, "finished".to_string()),
        };
        let overall = s.scores.overall.map_or("  —".to_string(), |o| format!("{o:>3}"));
        let when = if w >= 100 { short(s.started_at) } else { date(s.started_at) };
        // A replay from a decision is shown as one, and is not counted in the progress above.
        let (symbol, replay) = if s.replay_of.is_some() { ("↺", " replay") } else { (symbol, "") };
        let text = format!(
            "{when}  {:<24} {symbol} {ending:<12} {overall}{replay}  {} decision{}, {} cut in",
            truncate(&safe(&title(&s.scenario)), 24),
            s.decisions,
            if s.decisions == 1 { "" } else { "s" },
            s.interruptions
        );
        lines.push(Line::styled(format!("  {}", truncate(&text, w.saturating_sub(2))), t.tone(tone)));
    }
    if h.sessions.iter().any(|s| s.replay_of.is_some()) {
        lines.extend(super::hanging(
            "↺ replay: played again from a decision of an earlier session; not counted in your progress.",
            "  ",
            w,
            t.dim(),
        ));
    }
    lines
}
