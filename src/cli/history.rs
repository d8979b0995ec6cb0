//! `hearken history`: past sessions and per-rubric trends, as a table for people or JSON / CSV
//! for spreadsheets and scripts (columns documented in docs/history.md).

use super::{HistoryArgs, HistoryFormat};
use crate::failure::{Failure, Outcome, write_stdout};
use crate::settings::Settings;
use crate::store::trend::{CLEAR_CHANGE, Change, Progress, Trend, WINDOW};
use crate::store::{History, StoredSession, time};
use hearken_engine::rubric::{Band, Rubric, Scores};
use hearken_engine::text::terminal_safe;
use std::fmt::Write as _;

/// Sessions listed under the trends in the table.
const LATEST: usize = 10;

pub fn run(ctx: &Settings, args: &HistoryArgs) -> Outcome {
    let history = History::open(ctx.data_dir.as_deref()).map_err(Failure::usage)?;
    let scenario = args.scenario.as_deref();
    let mut sessions = history.stored_sessions(scenario, usize::MAX).map_err(Failure::usage)?;
    let progress = history.progress(scenario).map_err(Failure::usage)?;
    let text = match args.format {
        HistoryFormat::Table => {
            let known = if sessions.is_empty() { history.scenario_ids().map_err(Failure::usage)? } else { Vec::new() };
            table(&sessions, &progress, scenario, &known, ctx.color)
        }
        HistoryFormat::Json => {
            sessions.reverse();
            format!("{}\n", json(&sessions, &progress, scenario))
        }
        HistoryFormat::Csv => {
            sessions.reverse();
            csv(&sessions)
        }
    };
    write_stdout(&text)
}

/// `sessions` newest first; `known` lists the stored scenario ids when `sessions` is empty.
fn table(
    sessions: &[StoredSession],
    progress: &Progress,
    scenario: Option<&str>,
    known: &[String],
    color: bool,
) -> String {
    let mut out = String::new();
    if sessions.is_empty() {
        match scenario {
            None => out.push_str(
                "No practice sessions are saved yet. Practise with `hearken` or `hearken play SCENARIO`,\nand your scores will show here.\n",
            ),
            Some(id) => {
                let _ = writeln!(out, "No sessions of `{}` are saved yet.", terminal_safe(id));
                if let Some(s) = hearken_engine::text::did_you_mean(id, known.iter().map(String::as_str)) {
                    let _ = writeln!(out, "Did you mean `{}`?", terminal_safe(s));
                }
            }
        }
        return out;
    }
    trends_table(&mut out, progress, scenario, color);
    sessions_table(&mut out, sessions);
    out
}

fn trends_table(out: &mut String, progress: &Progress, scenario: Option<&str>, color: bool) {
    let n = progress.sessions.len();
    let of = match scenario {
        Some(id) => format!("of `{}`", terminal_safe(id)),
        None => "across all scenarios".to_string(),
    };
    if n == 0 {
        let _ = writeln!(out, "No finished sessions {of} yet: your progress shows once you finish one.\n");
        return;
    }
    let span = {
        let (a, b) = (progress.sessions[0].started_at, progress.sessions[n - 1].started_at);
        if time::date(a) == time::date(b) {
            format!("on {}", time::date(a))
        } else {
            format!("from {} to {}", time::date(a), time::date(b))
        }
    };
    let plural = if n == 1 { "" } else { "s" };
    let _ = writeln!(out, "Your progress {of}: {n} finished session{plural}, {span} (replays not counted)\n");
    let _ = writeln!(out, "{:<22} {:>5}  {:>6}  Change", "Skill", "First", "Recent");
    // Safety and boundaries only once some session assessed it: most scenarios never do.
    let rows = Rubric::ALL
        .iter()
        .filter(|&&r| r != Rubric::SafetyBoundaries || progress.rubric(r).assessed > 0)
        .map(|r| (r.name(), progress.rubric(*r)))
        .chain([("Overall", &progress.overall)]);
    for (name, t) in rows {
        let _ = writeln!(out, "{name:<22} {:>5}  {:>6}  {}", score(t.first), score(t.recent), change(t, color));
    }
    let _ = writeln!(
        out,
        "\nFirst is the average of your first {WINDOW} finished sessions, Recent of your latest {WINDOW}\n\
         (fewer while you have fewer than {}). A difference under {CLEAR_CHANGE} points is no clear change.\n",
        2 * WINDOW
    );
}

fn change(t: &Trend, color: bool) -> String {
    let words = match (t.change, t.delta) {
        (Change::Improved, Some(d)) => format!("improved by {d}"),
        (Change::Dropped, Some(d)) => format!("dropped by {}", -d),
        (Change::TooFew, _) if t.assessed == 0 => "not assessed yet".to_string(),
        (Change::TooFew, _) => "one session so far".to_string(),
        (c, _) => c.words().to_string(),
    };
    let now = match (t.change, t.recent) {
        (Change::TooFew, _) | (_, None) => String::new(),
        (_, Some(s)) => format!(" (now {})", Band::of(s).name()),
    };
    let text = format!("{} {words}{now}", t.change.arrow());
    let code = match t.change {
        Change::Improved => "32",
        Change::Dropped => "31",
        _ => return text,
    };
    if color { format!("\x1b[{code}m{text}\x1b[0m") } else { text }
}

fn sessions_table(out: &mut String, sessions: &[StoredSession]) {
    let shown = &sessions[..sessions.len().min(LATEST)];
    let which = if shown.len() < sessions.len() {
        format!("the latest {} of {}", shown.len(), sessions.len())
    } else {
        "newest first".to_string()
    };
    let _ = writeln!(out, "Sessions ({which}; times in UTC)");
    let width = shown.iter().map(|s| s.summary.scenario.chars().count()).max().unwrap_or(0).max("Scenario".len());
    let results: Vec<String> = shown.iter().map(result).collect();
    let rwidth = results.iter().map(|r| r.chars().count()).max().unwrap_or(0).max("Result".len());
    let _ = writeln!(
        out,
        "{:>4}  {:<16}  {:<width$}  {:<rwidth$}  {:>7}  {:>10}  {:>4}  {:>8}  {:>10}  {:>6}",
        "#", "When", "Scenario", "Result", "Overall", "Reflective", "Open", "Non-int.", "Validation", "Safety"
    );
    for (s, result) in shown.iter().zip(&results) {
        let sc = &s.summary.scores;
        // Sessions scored by model 1 keep the scores they were shown, marked with *.
        let old = if s.scoring_model < 2 { "*" } else { "" };
        let _ = writeln!(
            out,
            "{:>4}  {:<16}  {:<width$}  {:<rwidth$}  {:>7}  {:>10}  {:>4}  {:>8}  {:>10}  {:>6}",
            s.summary.id,
            time::short(s.summary.started_at),
            terminal_safe(&s.summary.scenario),
            result,
            format!("{}{old}", score(sc.overall)),
            score(sc.get(Rubric::ReflectiveListening)),
            score(sc.get(Rubric::OpenQuestions)),
            score(sc.get(Rubric::NonInterruption)),
            score(sc.get(Rubric::Validation)),
            score(sc.get(Rubric::SafetyBoundaries)),
        );
    }
    let mut notes = Vec::new();
    if shown.iter().any(|s| s.summary.replay_of.is_some()) {
        notes.push("A replay plays again from a decision of session #N; replays are not counted in your progress.");
    }
    if shown.iter().any(|s| s.scoring_model < 2) {
        notes.push("* scored by the earlier scoring model, as shown at the time.");
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "\n{}", notes.join("\n"));
    }
}

fn result(s: &StoredSession) -> String {
    let n = s.summary.decisions;
    let how = match (s.summary.finished, s.summary.ending_kind.as_deref()) {
        (true, Some(kind)) => format!("{} ending", terminal_safe(kind)),
        (true, None) => "finished".to_string(),
        (false, _) if n == 0 => "left at the start".to_string(),
        (false, _) => format!("left after {n} choice{}", if n == 1 { "" } else { "s" }),
    };
    let met = match s.met {
        Some(true) if s.summary.finished => ", met",
        Some(false) if s.summary.finished => ", not yet",
        _ => "",
    };
    match s.summary.replay_of {
        Some(of) => format!("replay of #{of}: {how}{met}"),
        None => format!("{how}{met}"),
    }
}

fn score(s: Option<u8>) -> String {
    s.map_or_else(|| "-".to_string(), |s| s.to_string())
}

/// `sessions` oldest first.
fn json(sessions: &[StoredSession], progress: &Progress, scenario: Option<&str>) -> serde_json::Value {
    let sessions: Vec<serde_json::Value> = sessions.iter().map(session_json).collect();
    let mut trends = serde_json::Map::new();
    for r in Rubric::ALL {
        let points: Vec<serde_json::Value> = progress
            .sessions
            .iter()
            .filter_map(|p| p.scores.get(r).map(|s| (p, s)))
            .map(|(p, s)| serde_json::json!({"session": p.id, "started_at": time::iso(p.started_at), "score": s}))
            .collect();
        trends.insert(r.key().into(), trend_json(progress.rubric(r), points));
    }
    let points: Vec<serde_json::Value> = progress
        .sessions
        .iter()
        .filter_map(|p| p.scores.overall.map(|s| (p, s)))
        .map(|(p, s)| serde_json::json!({"session": p.id, "started_at": time::iso(p.started_at), "score": s}))
        .collect();
    trends.insert("overall".into(), trend_json(&progress.overall, points));
    serde_json::json!({"scenario": scenario, "sessions": sessions, "trends": trends})
}

fn trend_json(t: &Trend, points: Vec<serde_json::Value>) -> serde_json::Value {
    serde_json::json!({
        "assessed": t.assessed,
        "window": t.window,
        "first": t.first,
        "recent": t.recent,
        "delta": t.delta,
        "change": t.change.key(),
        "scores": points,
    })
}

fn scores_json(s: &Scores) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    for r in Rubric::ALL {
        m.insert(r.key().into(), s.get(r).into());
    }
    m.insert("overall".into(), s.overall.into());
    m.into()
}

fn session_json(s: &StoredSession) -> serde_json::Value {
    let m = &s.summary;
    serde_json::json!({
        "id": m.id,
        "scenario": m.scenario,
        "content_hash": s.content_hash,
        "seed": s.seed,
        "started_at": time::iso(m.started_at),
        "ended_at": m.ended_at.map(time::iso),
        "finished": m.finished,
        "ending": s.ending,
        "ending_kind": m.ending_kind,
        "scores": scores_json(&m.scores),
        "band": m.scores.overall.map(|o| Band::of(o).name()),
        "trust": s.trust,
        "speech_counted": s.speech_counted,
        "decisions": m.decisions,
        "interruptions": m.interruptions,
        "replay_of": m.replay_of,
        "replay": m.replay_of.is_some(),
        "met": s.met,
        "scoring_model": s.scoring_model,
    })
}

/// The CSV header; docs/history.md documents each column.
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "started_at",
    "ended_at",
    "scenario",
    "content_hash",
    "seed",
    "finished",
    "ending",
    "ending_kind",
    "reflective_listening",
    "open_questions",
    "non_interruption",
    "validation",
    "overall",
    "trust",
    "speech_counted",
    "decisions",
    "interruptions",
    "replay_of",
    "safety_boundaries",
    "met",
    "scoring_model",
];

/// `sessions` oldest first; one row each, an empty field for "none".
fn csv(sessions: &[StoredSession]) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push('\n');
    let opt = |v: Option<String>| v.unwrap_or_default();
    for s in sessions {
        let m = &s.summary;
        let sc = &m.scores;
        let n = |v: Option<u8>| opt(v.map(|v| v.to_string()));
        let fields = [
            m.id.to_string(),
            time::iso(m.started_at),
            opt(m.ended_at.map(time::iso)),
            m.scenario.clone(),
            s.content_hash.clone(),
            s.seed.to_string(),
            m.finished.to_string(),
            opt(s.ending.clone()),
            opt(m.ending_kind.clone()),
            n(sc.get(Rubric::ReflectiveListening)),
            n(sc.get(Rubric::OpenQuestions)),
            n(sc.get(Rubric::NonInterruption)),
            n(sc.get(Rubric::Validation)),
            n(sc.overall),
            s.trust.to_string(),
            s.speech_counted.to_string(),
            m.decisions.to_string(),
            m.interruptions.to_string(),
            opt(m.replay_of.map(|v| v.to_string())),
            n(sc.get(Rubric::SafetyBoundaries)),
            opt(s.met.map(|v| v.to_string())),
            s.scoring_model.to_string(),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// RFC 4180 quoting. Text from the database is written as stored, except that a field a
/// spreadsheet would run as a formula is prefixed with `'`, and no escape sequence can reach a
/// terminal.
fn csv_field(f: &str) -> String {
    let f = terminal_safe(f);
    let f =
        if f.starts_with(['=', '+', '-', '@']) && f.parse::<f64>().is_err() { format!("'{f}") } else { f.to_string() };
    if f.contains([',', '"', '\n', '\r']) { format!("\"{}\"", f.replace('"', "\"\"")) } else { f }
}
