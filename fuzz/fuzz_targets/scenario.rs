//! Any bytes, as a scenario file: read, load, validate, show the diagnostics in every format,
//! and when the file validates, play it — its own tests, then a walk steered by the input — and
//! print the report. Nothing may panic, loop or overflow the stack, and no text shown to a person
//! may carry a control character.
//!
//! Run: see fuzz/README.md.

#![no_main]

use hearken::report_text;
use hearken_engine::diagnostic::render;
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::library::Entry;
use hearken_engine::session::script::{end_time, play, scripted_options};
use hearken_engine::session::{Phase, Session, SessionOptions};
use hearken_engine::decode;
use hearken_engine::source::Origin;
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

/// A conversation can loop; the walk stops after this many decisions.
const MAX_STEPS: usize = 200;

fuzz_target!(|data: &[u8]| {
    let table = RubricTable::builtin();
    let entry = match decode::from_bytes(Origin::BuiltIn("fuzz.toml"), data.to_vec()) {
        Ok(src) => Entry::from_source(src, &table),
        Err(failure) => Entry {
            scenario: None,
            report: hearken_engine::diagnostic::FileDiagnostics {
                name: "fuzz.toml".into(),
                source: failure.source,
                diagnostics: vec![failure.diagnostic],
            },
            io_error: false,
        },
    };
    let files = [entry.report.clone()];
    let mut human = Vec::new();
    render::human(&mut human, &files, false).expect("writing to memory");
    assert_terminal_safe("human diagnostics", &String::from_utf8_lossy(&human));
    let mut github = Vec::new();
    render::github(&mut github, &files).expect("writing to memory");
    assert_terminal_safe("github diagnostics", &String::from_utf8_lossy(&github));
    let mut json = Vec::new();
    render::json(&mut json, &files).expect("writing to memory");
    serde_json_check(&json);

    let Some(scenario) = entry.scenario else { return };
    // What `hearken test` does: every [[tests]] block, animated and not.
    for test in &scenario.tests {
        for animate in [true, false] {
            let s = match play(scenario.clone(), table.clone(), scripted_options(1, animate), &test.choices) {
                Ok(s) => s,
                Err(misfit) => misfit.1,
            };
            let report = s.report(end_time(&s));
            assert_terminal_safe("test transcript", &text_report::transcript(&report, &table));
        }
    }
    walk(scenario, table, data);
});

/// Plays the conversation choosing by the input's bytes: which option, and whether to cut in.
fn walk(scenario: Arc<hearken_engine::scenario::Scenario>, table: Arc<RubricTable>, data: &[u8]) {
    let seed = data.iter().fold(0u64, |h, &b| h.wrapping_mul(31).wrapping_add(b as u64));
    let options = SessionOptions { seed, speed: 1.5, animate: true, shuffle: true };
    let mut s = Session::new(scenario, table.clone(), options, 0);
    let mut now = 0;
    for step in 0..MAX_STEPS {
        if s.phase() == Phase::Ended {
            break;
        }
        let byte = data.get(step % data.len().max(1)).copied().unwrap_or(0);
        let shown = s.shown_replies();
        let index = shown[byte as usize % shown.len()].0;
        if byte & 0x80 != 0 {
            s.use_hint();
        }
        // Cut in a quarter of the time; otherwise answer when the peer has finished.
        now = if byte & 0x60 == 0x60 { s.turn().interruption_point() } else { s.turn().end.max(now) };
        s.choose(index, now).expect("a shown option at a decision can be chosen");
        s.proceed(now);
    }
    let report = s.report(end_time(&s));
    assert_terminal_safe("walk transcript", &text_report::transcript(&report, &table));
    if s.decisions().len() > 1 {
        let again = s.replay_to(1, now);
        assert_eq!(again.decisions().len(), 1);
    }
}

fn assert_terminal_safe(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| hearken_engine::text::is_forbidden_char(c)) {
        panic!("{what} carries U+{:04X}:\n{text}", c as u32);
    }
}

fn serde_json_check(bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).expect("JSON output is UTF-8");
    assert!(text.starts_with('{') && text.ends_with("}\n"), "JSON output is one object: {text}");
}
