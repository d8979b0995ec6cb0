//! The engine's speed: one decision, a whole scripted conversation, and the longest allowed one.
//!
//! `cargo bench --bench session`. Figures: docs/performance.md.

use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::{Scenario, TestChoice, load};
use hearken_engine::session::script::{end_time, play, scripted_options};
use hearken_engine::session::{Phase, Session, SessionOptions};
use hearken_engine::source::{Origin, SourceFile};
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

#[allow(dead_code)]
mod common;

const SCENARIO: &str = "back-after-relapse";

fn built_in(table: &RubricTable) -> Arc<Scenario> {
    hearken::library::built_in(table).find(SCENARIO).expect("the built-in scenario loads")
}

/// The scenario's own listening-path test: what `hearken test` and `play --script` replay.
fn listening_path(s: &Scenario) -> Vec<TestChoice> {
    let test = s.tests.iter().find(|t| t.name.contains("listening")).unwrap_or(&s.tests[0]);
    test.choices.clone()
}

fn step(c: &mut Criterion) {
    let table = RubricTable::builtin();
    let scenario = built_in(&table);
    let options = SessionOptions { seed: 7, speed: 1.0, animate: true, shuffle: true, start: None };
    let session = Session::new(scenario, table, options, 0);
    let at = session.turn().end;
    c.bench_function("engine/choose_and_proceed", |b| {
        b.iter_batched(
            || session.clone(),
            |mut s| {
                s.choose(black_box(0), at).expect("option 1 exists");
                s.proceed(at);
                s
            },
            BatchSize::SmallInput,
        )
    });
}

fn scripted(c: &mut Criterion) {
    let table = RubricTable::builtin();
    let scenario = built_in(&table);
    let choices = listening_path(&scenario);
    let options = scripted_options(7, true);
    let check =
        play(scenario.clone(), table.clone(), options, &choices).unwrap_or_else(|e| panic!("path plays: {}", e.0));
    assert_eq!(check.phase(), Phase::Ended, "the listening path reaches an ending");

    let mut g = c.benchmark_group("engine");
    g.bench_function("scripted_play", |b| {
        b.iter(|| {
            let s = play(scenario.clone(), table.clone(), options, black_box(&choices))
                .unwrap_or_else(|e| panic!("path plays: {}", e.0));
            s.decisions().len()
        })
    });
    // What `hearken play --script` does after playing: the report and its text.
    g.bench_function("scripted_play_and_transcript", |b| {
        b.iter(|| {
            let s = play(scenario.clone(), table.clone(), options, black_box(&choices))
                .unwrap_or_else(|e| panic!("path plays: {}", e.0));
            let report = s.report(end_time(&s));
            hearken::report_text::transcript(&report, s.scenario(), &table, hearken::report_text::Numbers::File, None)
                .len()
        })
    });
    g.finish();
}

/// 9,999 decisions in a row: the engine's cost per step must not grow with the conversation.
fn longest(c: &mut Criterion) {
    let table = RubricTable::builtin();
    let loaded = load(SourceFile::new(Origin::BuiltIn("chain.toml"), common::big(10_000, None)));
    let scenario = Arc::new(loaded.scenario.expect("the chain loads"));
    let choices: Vec<TestChoice> = (0..9_999).map(|_| TestChoice { option: 1, interrupt: false, span: 0..0 }).collect();
    let options = scripted_options(1, true);

    let mut g = c.benchmark_group("engine");
    g.sampling_mode(SamplingMode::Flat).sample_size(10).measurement_time(Duration::from_secs(4));
    g.bench_function("scripted_play_10000_nodes", |b| {
        b.iter(|| {
            let s = play(scenario.clone(), table.clone(), options, black_box(&choices))
                .unwrap_or_else(|e| panic!("chain plays: {}", e.0));
            assert!(s.is_over());
            s.report(end_time(&s)).decisions.len()
        })
    });
    g.finish();
}

criterion_group!(benches, step, scripted, longest);
criterion_main!(benches);
