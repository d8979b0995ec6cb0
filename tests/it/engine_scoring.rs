//! Scoring model 2 end to end: small scenarios played through `script::play_text`, every expected
//! number worked out by hand in the comments (default rubric table, docs/scoring.md). Also checks that
//! docs/scoring.md agrees with the code: its worked example, its tables and its quoted report.

use hearken_engine::rubric::{Band, Mark, Rubric, RubricTable, Skill};
use hearken_engine::scenario::Scenario;
use hearken_engine::session::{Report, script};
use std::path::Path;
use std::sync::Arc;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> Arc<Scenario> {
    let path = root().join("tests/fixtures/engine").join(format!("{name}.toml"));
    let entry = hearken::library::entry_from_path(&path, &RubricTable::builtin());
    entry.scenario.unwrap_or_else(|| panic!("{name}.toml does not load: {:?}", entry.report.diagnostics))
}

fn play(name: &str, choices: &str, animate: bool) -> Report {
    let s = script::play_text(fixture(name), RubricTable::builtin(), script::scripted_options(0, animate), choices)
        .unwrap_or_else(|e| panic!("{choices}: {}", e.0));
    assert!(s.is_over(), "{choices} should reach an ending");
    s.report(script::end_time(&s))
}

/// [reflective listening, open questions, non-interruption, validation, safety], then overall.
fn scores(r: &Report) -> ([Option<u8>; 5], Option<u8>) {
    (Rubric::ALL.map(|x| r.scores.get(x)), r.scores.overall)
}

fn qualities(r: &Report) -> Vec<String> {
    r.decisions.iter().map(|d| d.quality.to_string()).collect()
}

// scoring.toml, default table:
//   first:  1 reflection (RL +2) | 2 open-question (OQ +2) | 3 advice (RL -1, V -2)
//   second: 1 summary (RL +3)    | 2 minimizing (V -3)     | 3 attentive-silence (NI +2)
// Every decision also offers S = +2 non-interruption for letting Lee finish. q = V(c) / V(ref),
// V = value + S (value - S after an interruption).

#[test]
fn the_best_path_earns_everything_it_was_offered() {
    // d1: available RL 2, NI 2; earned the same. d2: available RL 3, NI 2; earned the same.
    // RL 5/5, NI 4/4; nothing offered open questions or validation: not assessed.
    let r = play("scoring", "1 1", true);
    assert_eq!(scores(&r), ([Some(100), None, Some(100), None, None], Some(100)));
    assert_eq!(qualities(&r), ["1/1", "1/1"]);
    assert!(r.decisions.iter().all(|d| d.mark == Mark::Best));
    assert!(r.result.met);
    assert_eq!(r.band, Some(Band::Exemplary));
    assert_eq!(r.decisions[0].best_option, 1);
    assert!(r.decisions.iter().all(|d| d.better.is_none()));
}

#[test]
fn a_tied_best_option_is_measured_against_itself() {
    // d1: the open question ties the reflection at +2; chosen, so it is its own reference:
    // available OQ 2, NI 2. d2 as on the best path. RL 3/3, OQ 2/2, NI 4/4: all 100.
    let r = play("scoring", "2 1", true);
    assert_eq!(scores(&r), ([Some(100), Some(100), Some(100), None, None], Some(100)));
    assert_eq!(r.decisions[0].best_option, 2);
    assert!(r.decisions[0].better.is_none());
}

#[test]
fn a_pitfall_is_measured_against_the_first_best_and_costs_where_nothing_was_offered() {
    // d1: advice; the best are options 1 and 2 (+2 each), so the reference is option 1, the first.
    //   available RL 2, NI 2; earned RL -1, V -2, NI +2.
    // d2: summary: available RL 3, NI 2; earned RL 3, NI 2.
    // RL: (-1 + 3) / 5 = 40. OQ: the reference was the reflection, so not assessed.
    // NI: 4/4 = 100. V: nothing offered, but advice lost 2 there: 0, not "not assessed".
    // q: advice V = -3 + 2 = -1 against 2 + 2 = 4: 0; the summary 1. Overall 100 x 1/2 = 50.
    let r = play("scoring", "3 1", true);
    assert_eq!(scores(&r), ([Some(40), None, Some(100), Some(0), None], Some(50)));
    assert_eq!(qualities(&r), ["0/1", "1/1"]);
    assert_eq!(r.decisions[0].mark, Mark::Harmful);
    assert_eq!(r.band, Some(Band::Developing));
    assert!(!r.result.met);
    let d = &r.decisions[0];
    assert_eq!(d.best_option, 1);
    assert_eq!(d.better.as_ref().map(|b| b.option), Some(1));
    assert_eq!((d.earned.get(Rubric::ReflectiveListening), d.earned.get(Rubric::Validation)), (-1, -2));
    assert_eq!(d.available.get(Rubric::Validation), 0);
    assert_eq!(r.counts.roadblocks, 1);
}

#[test]
fn two_pitfalls_score_zero_where_they_cost() {
    // d1 advice: RL -1, V -2 against available RL 2. d2 minimizing: V -3 against available RL 3.
    // RL: -1 of 5, held at 0 -> 0. NI 4/4 = 100. V: -5, nothing available -> 0.
    // q: 0 and (-3 + 2) / (3 + 2) -> 0. Two pitfalls politely timed: overall 0, not 33 as in model 1.
    let r = play("scoring", "3 2", true);
    assert_eq!(scores(&r), ([Some(0), None, Some(100), Some(0), None], Some(0)));
    assert_eq!(r.counts.roadblocks, 2);
    assert_eq!(r.trust, -3);
}

#[test]
fn an_interruption_loses_the_speech_points() {
    // d1 "!1": the reflection, cutting in after the first line: available RL 2, NI 2; earned
    //   RL 2, NI -2. q = (2 - 2) / (2 + 2) = 0.
    // d2 attentive silence, against the summary: available RL 3, NI 2; earned NI: the silence's
    //   own +2 capped at the 0 offered, + 2 for waiting = 2. q = (2 + 2) / (3 + 2) = 4/5.
    // RL 2/5 = 40. NI (-2 + 2) / 4 = 0. Overall 100 x (0 + 4/5) / 2 = 40.
    let r = play("scoring", "!1 3", true);
    assert_eq!(scores(&r), ([Some(40), None, Some(0), None, None], Some(40)));
    assert_eq!(qualities(&r), ["0/1", "4/5"]);
    assert_eq!(r.counts.interruptions, 1);
    assert!(r.decisions[0].interrupted);
    assert_eq!(r.decisions[0].earned.get(Rubric::NonInterruption), -2);
    // The cut comes after the first line; Lee's `interrupted` line plays, then the next node.
    let heard: Vec<(&str, bool)> = r.transcript.iter().map(|l| (l.text.as_str(), l.cut)).collect();
    assert_eq!(
        heard[..4],
        [("It's been a week.", true), ("A long week.", false), ("Right.", false), ("Work, mostly.", false)]
    );
}

#[test]
fn an_interruption_on_the_best_option_still_costs_non_interruption() {
    // d1 open question: available OQ 2, NI 2; earned the same.
    // d2 "!3" attentive silence cutting in, against the summary: available RL 3, NI 2;
    //   earned NI 0 (capped) - 2 (cut in) = -2. q = (2 - 2) / (3 + 2) = 0.
    // RL 0/3 = 0. OQ 2/2 = 100. NI 0/4 = 0. Overall 100 x (1 + 0) / 2 = 50.
    let r = play("scoring", "2 !3", true);
    assert_eq!(scores(&r), ([Some(0), Some(100), Some(0), None, None], Some(50)));
    assert_eq!(r.band, Some(Band::Developing));
}

#[test]
fn without_animation_speech_is_not_counted() {
    // d1 reflection: available RL 2; earned RL 2; q 1. d2 attentive silence against the summary:
    // available RL 3; earned NI 0 (capped); q 2/3. RL 2/5 = 40. NI: nothing available, nothing
    // lost: not assessed. Overall 100 x (1 + 2/3) / 2 = 83.33 -> 83.
    let r = play("scoring", "1 3", false);
    assert_eq!(scores(&r), ([Some(40), None, None, None, None], Some(83)));
    assert!(!r.speech_counted);
    // The same choices with animation: NI (2 + 2) / 4 -> 100; q 1 and 4/5: overall 90.
    let animated = play("scoring", "1 3", true);
    assert_eq!(scores(&animated), ([Some(40), None, Some(100), None, None], Some(90)));
}

#[test]
fn counts_follow_the_skills_chosen() {
    let r = play("scoring", "2 1", true);
    let c = r.counts;
    assert_eq!((c.reflections, c.complex_reflections, c.summaries), (1, 0, 1));
    assert_eq!((c.questions, c.open_questions, c.roadblocks, c.interruptions, c.hints), (1, 1, 0, 0, 0));
    // 1 reflection per question: fair. 0% complex: below fair. 100% open: good.
    let levels: Vec<&str> = c.thresholds().iter().map(|t| t.level().word()).collect();
    assert_eq!(levels, ["fair", "below fair", "good"]);
}

#[test]
fn json_gives_null_for_a_rubric_not_assessed_and_the_spec_keys() {
    let r = play("scoring", "3 1", true);
    let v: serde_json::Value = serde_json::from_str(&r.to_json_string()).unwrap();
    assert_eq!(v, r.to_json());
    assert_eq!(v["scores"]["open_questions"], serde_json::Value::Null);
    assert_eq!(v["scores"]["validation"], 0);
    assert_eq!(v["scores"]["overall"], 50);
    assert_eq!(v["scores"]["safety_boundaries"], serde_json::Value::Null);
    assert_eq!(v["band"], "Developing");
    assert_eq!(v["result"]["met"], false);
    assert_eq!(v["critical"], serde_json::json!([]));
    assert_eq!(v["ending"], "end");
    assert_eq!(v["ending_kind"], "mixed");
    assert_eq!(v["trust"], 0);
    let d = &v["decisions"][0];
    assert_eq!(d["node"], "first");
    assert_eq!(d["option"], 3);
    assert_eq!(d["skills"], serde_json::json!(["advice"]));
    assert_eq!(d["interrupted"], false);
    assert_eq!(d["earned"], serde_json::json!({"reflective_listening": -1, "non_interruption": 2, "validation": -2}));
    assert_eq!(d["best_option"], 1);
    assert_eq!(d["quality"], "0/1");
    assert_eq!(d["mark"], "harmful");
    assert_eq!(d["available"], serde_json::json!({"reflective_listening": 2, "non_interruption": 2}));
    // The keys of docs/command-line.md come first, in its order.
    let text = r.to_json_string();
    let at = |k: &str| text.find(&format!("\"{k}\":")).unwrap_or_else(|| panic!("no {k}"));
    let spec = [
        "scenario",
        "seed",
        "ending",
        "ending_kind",
        "scores",
        "band",
        "result",
        "critical",
        "counts",
        "trust",
        "decisions",
    ];
    let counts = [
        "reflections",
        "complex_reflections",
        "questions",
        "open_questions",
        "roadblocks",
        "safety_questions",
        "boundary_crossings",
        "interruptions",
        "hints",
    ];
    let within = |from: &str, k: &str| {
        let start = at(from);
        start + text[start..].find(&format!("\"{k}\":")).unwrap_or_else(|| panic!("no {k} after {from}"))
    };
    assert!(counts.windows(2).all(|w| within("counts", w[0]) < within("counts", w[1])), "{text}");
    let decision = ["node", "option", "skills", "interrupted", "earned", "available", "quality", "mark", "best_option"];
    assert!(decision.windows(2).all(|w| within("decisions", w[0]) < within("decisions", w[1])), "{text}");
    assert!(spec.windows(2).all(|w| at(w[0]) < at(w[1])), "{text}");
}

// --- docs/scoring.md -------------------------------------------------------------------------

fn doc() -> String {
    std::fs::read_to_string(root().join("docs/scoring.md")).expect("docs/scoring.md exists")
}

/// The fenced block of `lang` that follows `heading` in the doc.
fn block_after(doc: &str, heading: &str, lang: &str) -> String {
    let from = doc.find(heading).unwrap_or_else(|| panic!("no `{heading}` in docs/scoring.md"));
    let fence = format!("```{lang}\n");
    let start = from + doc[from..].find(&fence).expect("a fenced block") + fence.len();
    let len = doc[start..].find("```").expect("a closed block");
    doc[start..start + len].to_string()
}

#[test]
fn the_worked_example_in_the_doc_is_the_fixture() {
    let fixture = std::fs::read_to_string(root().join("tests/fixtures/engine/worked-example.toml")).unwrap();
    assert_eq!(block_after(&doc(), "## Worked example", "toml"), fixture);
}

#[test]
fn the_worked_example_gives_the_numbers_in_the_doc() {
    let r = play("worked-example", "1 2 !3", true);
    // The doc's tables, decision by decision: (available, earned) as [RL, OQ, NI, V].
    let per_decision: Vec<([i32; 5], [i32; 5])> = r.decisions.iter().map(|d| (d.available.0, d.earned.0)).collect();
    assert_eq!(
        per_decision,
        [([3, 0, 2, 1, 0], [2, 0, 2, 0, 0]), ([0, 2, 2, 0, 0], [0, 1, 2, 0, 0]), ([3, 0, 2, 0, 0], [3, 0, -2, 0, 0])]
    );
    assert_eq!(r.decisions.iter().map(|d| d.best_option).collect::<Vec<_>>(), [2, 1, 3]);
    assert_eq!(r.decisions.iter().map(|d| d.trust_after).collect::<Vec<_>>(), [1, 1, 2]);
    assert_eq!(qualities(&r), ["2/3", "3/4", "1/5"]);
    assert_eq!(r.decisions.iter().map(|d| d.mark).collect::<Vec<_>>(), [Mark::Helpful, Mark::Helpful, Mark::Best]);
    assert_eq!(scores(&r), ([Some(83), Some(50), Some(33), Some(0), None], Some(54)));
    assert_eq!(r.band, Some(Band::Developing));
    assert_eq!(r.result.reasons, ["the overall score, 54, is below the pass score of 70"]);
    assert_eq!(r.ending.as_deref(), Some("holds-back"));
    let c = r.counts;
    assert_eq!((c.reflections, c.complex_reflections, c.questions, c.open_questions), (2, 0, 1, 0));
    assert_eq!((c.roadblocks, c.interruptions, c.hints), (0, 1, 0));
    assert!(r.transcript.iter().any(|l| l.cut && l.text == "I don't know what I'm going to do now."));
    assert!(!r.transcript.iter().any(|l| l.text.contains("cut out for it")), "never said");

    // The report the doc quotes is the report the code prints.
    assert_eq!(block_after(&doc(), "The report says:", "text"), hearken::report_text::summary(&r));
}

#[test]
fn the_second_path_in_the_doc_gives_its_numbers() {
    let r = play("worked-example", "2 3 2", true);
    assert_eq!(scores(&r), ([Some(50), None, Some(100), Some(100), None], Some(93)));
    assert_eq!(qualities(&r), ["1/1", "1/1", "4/5"]);
    assert!(r.result.met);
    assert_eq!(r.ending.as_deref(), Some("opens-up"));
    assert_eq!(r.decisions[1].available.get(Rubric::OpenQuestions), 0);
    let still = play("worked-example", "2 3 2", false);
    assert_eq!(scores(&still), ([Some(50), None, None, Some(100), None], Some(89)));
}

#[test]
fn the_docs_skill_table_is_the_default_table() {
    let doc = doc();
    let table = RubricTable::builtin();
    let signed = |n: i32| if n == 0 { "0".to_string() } else { format!("{n:+}") };
    for skill in Skill::ALL {
        let e = table.entry(*skill);
        let p: Vec<String> = Rubric::ALL.iter().map(|r| signed(e.points.get(*r))).collect();
        let row = format!(
            "| `{}` | {} | **{}** | {} |",
            skill.code(),
            p.join(" | "),
            signed(e.points.total()),
            signed(e.trust)
        );
        assert!(doc.contains(&row), "docs/scoring.md lacks the row {row}");
    }
    assert_eq!(table.speech_points, 2, "the doc says every decision offers +2 for letting the peer finish");
    assert!(doc.contains("**+2 on non-interruption**"));
    assert_eq!(block_after(&doc, "## The default rubric table", "toml"), RubricTable::default_text());
}
