//! Reports as plain text: the `--script` transcript, `--plain` mode and the test runner share it.
//! Meaning is in words and symbols, never in colour. Everything returned is terminal-safe: the
//! loader refuses control characters, and these functions make sure of it again.

use hearken_engine::rubric::{Mark, Points, Rubric, RubricTable, Skill};
use hearken_engine::scenario::Scenario;
use hearken_engine::session::report::{DecisionReport, LEFT_BEFORE_ENDING, Report, TypedReport};
use hearken_engine::session::{Line, Speaker};
use hearken_engine::text::into_terminal_safe;
use std::fmt::Write;

pub fn skill_names(table: &RubricTable, skills: &[Skill]) -> String {
    skills.iter().map(|s| table.entry(*s).name.clone()).collect::<Vec<_>>().join(" + ")
}

/// "validation +2, non-interruption +2"
pub fn points(p: &Points) -> String {
    let parts: Vec<String> = Rubric::ALL
        .iter()
        .filter(|r| p.get(**r) != 0)
        .map(|r| format!("{} {:+}", r.name().to_lowercase(), p.get(*r)))
        .collect();
    if parts.is_empty() { "no points either way".into() } else { parts.join(", ") }
}

pub fn peer_line(peer: &str, line: &Line) -> String {
    into_terminal_safe(match line.pause_ms {
        Some(ms) if line.cut => format!("{peer}: (pauses, {} — cut off)", seconds(ms)),
        Some(ms) => format!("{peer}: (pauses, {})", seconds(ms)),
        None if line.cut => format!("{peer}: {}", cut_off(&line.text)),
        None => format!("{peer}: {}", line.text),
    })
}

/// What was said of a line before the trainee cut in, marked as cut off: a dash where a word
/// was broken off ("Work has b— (cut off)"), none after a finished sentence ("It was fun.
/// (cut off)"), where a dash after the full stop would read as a typo.
pub fn cut_off(said: &str) -> String {
    let said = said.trim_end();
    match said.chars().last() {
        None => "(cut off)".to_string(),
        Some(c) if c.is_alphanumeric() || c == ',' => format!("{said}— (cut off)"),
        Some(_) => format!("{said} (cut off)"),
    }
}

fn seconds(ms: u32) -> String {
    if ms.is_multiple_of(1000) { format!("{} s", ms / 1000) } else { format!("{:.1} s", ms as f64 / 1000.0) }
}

/// "✓ best", "◐ helpful", "✗ harmful": the mark in symbol and word (README.md).
pub fn mark(m: Mark) -> String {
    format!("{} {}", m.symbol(), m.word())
}

/// How a text report numbers options: as a script does (file order, docs/command-line.md), or as a front end
/// showed them (the order they appeared in, seeded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Numbers {
    File,
    Shown,
}

impl Numbers {
    /// The number of `option` (1-based, file order) at decision `d`.
    pub fn of(self, d: &DecisionReport, option: usize) -> usize {
        match self {
            Numbers::File => option,
            Numbers::Shown => d.shown.iter().position(|&o| o == option).map_or(option, |p| p + 1),
        }
    }
}

/// The options on show when the choice at `d` was made, numbered as `numbers` says, one a line:
/// what the trainee (or the script) chose from. Fewer than all when the choice cut in.
pub fn offered(numbers: Numbers, scenario: &Scenario, d: &DecisionReport) -> String {
    let replies = scenario.nodes.get(d.node_id.0).filter(|n| n.id == d.node).map_or(&[][..], |n| n.replies());
    let mut listed: Vec<(usize, &str)> =
        d.offered.iter().filter_map(|&o| Some((numbers.of(d, o), replies.get(o - 1)?.text.as_str()))).collect();
    listed.sort_by_key(|(n, _)| *n);
    let mut out = String::new();
    let head = if d.offered.len() < d.shown.len() { "Options on show when you cut in:" } else { "Options:" };
    writeln!(out, "  {head}").unwrap();
    for (n, text) in listed {
        writeln!(out, "    {n}. {text}").unwrap();
    }
    into_terminal_safe(out)
}

/// The feedback on one decision, indented under the trainee's line; a better option is named by
/// its number as `numbers` says.
pub fn feedback(table: &RubricTable, peer: &str, d: &DecisionReport, numbers: Numbers) -> String {
    if let Some(t) = &d.typed {
        return typed_feedback(table, peer, d, t, |o| numbers.of(d, o));
    }
    let mut out = String::new();
    let gloss = match d.mark {
        Mark::Best => "",
        Mark::Helpful => " (it helped; another option helped more)",
        Mark::Harmful => "",
    };
    writeln!(out, "   {}{gloss}: {} ({})", mark(d.mark), skill_names(table, &d.skills), points(&d.earned)).unwrap();
    if d.interrupted {
        writeln!(out, "   You cut in while {peer} was still speaking: the rest of what {peer} was saying was lost.")
            .unwrap();
    }
    if let Some((text, handled)) = &d.critical {
        let how = if *handled { "handled" } else { "missed" };
        writeln!(out, "   A critical moment, {how}: {text}").unwrap();
    }
    writeln!(out, "   {}", d.feedback).unwrap();
    if let Some(b) = &d.better {
        // Named by its number: file order in a script, the order shown in --plain.
        let place = numbers.of(d, b.option);
        writeln!(out, "   Better: \"{}\" (option {place}: {})", b.text, skill_names(table, &b.skills)).unwrap();
        writeln!(out, "   {}", b.feedback).unwrap();
    }
    into_terminal_safe(out)
}

/// The whole session as text: transcript, the options at each decision, feedback, ending and
/// scores, for the session played on `scenario`. The header names the seed only when one was
/// given (`seed`): without it there is nothing to repeat.
pub fn transcript(
    report: &Report,
    scenario: &Scenario,
    table: &RubricTable,
    numbers: Numbers,
    seed: Option<u64>,
) -> String {
    let mut out = String::new();
    match seed {
        Some(seed) => writeln!(out, "{}, with {} (seed {seed})", report.title, report.peer).unwrap(),
        None => writeln!(out, "{}, with {}", report.title, report.peer).unwrap(),
    }
    writeln!(out).unwrap();
    for line in &report.transcript {
        match line.speaker {
            Speaker::Peer => writeln!(out, "{}", peer_line(&report.peer, line)).unwrap(),
            Speaker::Trainee => {
                let decision = line.decision.and_then(|i| report.decisions.get(i));
                if let Some(d) = decision {
                    out.push_str(&offered(numbers, scenario, d));
                }
                writeln!(out, "You: {}", line.text).unwrap();
                if let Some(d) = decision {
                    out.push_str(&feedback(table, &report.peer, d, numbers));
                }
            }
        }
    }
    writeln!(out).unwrap();
    out.push_str(&summary(report));
    into_terminal_safe(out)
}

/// The result first, then the ending, the critical moments, the scores and the mix of what
/// was said (README.md).
pub fn summary(report: &Report) -> String {
    let mut out = String::new();
    // Leaving is said once, here, not again as a reason below it.
    if !report.finished {
        writeln!(out, "You left the conversation before it ended.").unwrap();
    }
    if report.result.met {
        writeln!(out, "Result: met").unwrap();
    } else {
        writeln!(out, "Result: not yet").unwrap();
        for reason in report.result.reasons.iter().filter(|r| r.as_str() != LEFT_BEFORE_ENDING) {
            writeln!(out, "  - {reason}").unwrap();
        }
    }
    if let (Some(kind), Some(outcome)) = (&report.ending_kind, &report.outcome) {
        writeln!(out).unwrap();
        writeln!(out, "Ending ({}): {outcome}", kind.name()).unwrap();
    }
    if !report.critical.is_empty() {
        writeln!(out).unwrap();
        writeln!(out, "Critical moments").unwrap();
        for c in &report.critical {
            let how = if c.handled { "✓ handled" } else { "✗ missed " };
            writeln!(out, "  {how}  {}", c.text).unwrap();
        }
    }
    writeln!(out).unwrap();
    writeln!(out, "Scores").unwrap();
    for r in shown_rubrics(&report.scores) {
        writeln!(out, "  {}", score_line(r.name(), report.scores.get(r))).unwrap();
    }
    writeln!(out, "  {}", score_line("Overall", report.scores.overall)).unwrap();
    writeln!(
        out,
        "  (Overall: the mean quality of your {} decision{}; the pass score is {}.)",
        report.decisions.len(),
        if report.decisions.len() == 1 { "" } else { "s" },
        report.pass_score
    )
    .unwrap();
    if !report.speech_counted {
        writeln!(out, "  (Non-interruption is scored from skills alone: with animation off the peer's words appear at once, so nobody can cut in.)").unwrap();
    }
    let c = &report.counts;
    writeln!(out).unwrap();
    writeln!(out, "The mix of what was said (MITI-style counts, not scores)").unwrap();
    writeln!(
        out,
        "  Reflections {} (complex {}), questions {} (open {}), roadblocks {}, safety questions {}, boundary crossings {}",
        c.reflections, c.complex_reflections, c.questions, c.open_questions, c.roadblocks, c.safety_questions, c.boundary_crossings
    )
    .unwrap();
    writeln!(out, "  Interruptions {}, hints {}", c.interruptions, c.hints).unwrap();
    for t in c.thresholds() {
        writeln!(out, "  {}: {} — {} ({})", t.name, t.shown(), t.level().word(), t.goal()).unwrap();
    }
    writeln!(
        out,
        "  Rapport at the end: {:+}, {} (on a scale from {} to {:+})",
        report.trust,
        hearken_engine::rapport::word(report.trust),
        hearken_engine::rapport::MIN,
        hearken_engine::rapport::MAX
    )
    .unwrap();
    if let Some(ms) = report.mean_response_ms {
        writeln!(out, "  Mean response time: {:.1} s", ms as f64 / 1000.0).unwrap();
    }
    into_terminal_safe(out)
}

/// The rubrics a report lists: all five, "not assessed" where nothing was available.
pub fn shown_rubrics(_scores: &hearken_engine::rubric::Scores) -> impl Iterator<Item = Rubric> + '_ {
    Rubric::ALL.into_iter()
}

fn score_line(name: &str, score: Option<u8>) -> String {
    match score {
        Some(s) => {
            let filled = (s as usize + 5) / 10;
            format!(
                "{name:<22}{s:>4}  {:<11} [{}{}]",
                hearken_engine::rubric::Band::of(s).name(),
                "#".repeat(filled),
                ".".repeat(10 - filled)
            )
        }
        None => format!("{name:<22}   —  not assessed"),
    }
}

/// The feedback on a typed answer (docs/typed-answers.md): the mark and the points of what was
/// heard, what was heard and why, the closest option with its feedback, and the best option.
/// `number` names an option (1-based, file order) as the trainee saw it numbered.
pub fn typed_feedback(
    table: &RubricTable,
    peer: &str,
    d: &DecisionReport,
    t: &TypedReport,
    number: impl Fn(usize) -> usize,
) -> String {
    let mut out = String::new();
    let heard =
        if t.heard.skills.is_empty() { "nothing heard".to_string() } else { skill_names(table, &t.heard.skills) };
    writeln!(out, "   {}: {heard} ({})", mark(d.mark), points(&d.earned)).unwrap();
    writeln!(out, "   {}", t.heard.line()).unwrap();
    if d.interrupted {
        writeln!(out, "   You cut in while {peer} was still speaking: the rest of what {peer} was saying was lost.")
            .unwrap();
    }
    if let Some((text, handled)) = &d.critical {
        let how = if *handled { "handled" } else { "missed" };
        writeln!(out, "   A critical moment, {how}: {text}").unwrap();
    }
    let how = match (t.corrected, t.loose) {
        (true, _) => ", which you picked",
        (false, true) => ", a loose match: no option here was close to your words",
        (false, false) => "",
    };
    writeln!(
        out,
        "   Closest option: \"{}\" (option {}: {}){how}",
        d.text,
        number(d.option),
        skill_names(table, &d.skills)
    )
    .unwrap();
    writeln!(out, "   {}", d.feedback).unwrap();
    if t.best.option == d.option {
        writeln!(out, "   That is also the best option here.").unwrap();
    } else {
        let b = &t.best;
        writeln!(
            out,
            "   Best option: \"{}\" (option {}: {})",
            b.text,
            number(b.option),
            skill_names(table, &b.skills)
        )
        .unwrap();
        writeln!(out, "   {}", b.feedback).unwrap();
    }
    into_terminal_safe(out)
}
