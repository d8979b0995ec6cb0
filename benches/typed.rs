//! Typed answers a second on one core (docs/typed-answers.md, docs/performance.md): hearing an
//! answer with the classifier AND matching it against a real decision's options and their
//! paraphrases (the opening of the revised back-after-relapse: five options, four paraphrases),
//! then the whole `Session::submit` (cleaning, context, hearing, matching, scoring, committing).
//!
//! `cargo bench --bench typed`.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::{Scenario, load};
use hearken_engine::session::{Session, SessionOptions};
use hearken_engine::source::{Origin, SourceFile};
use hearken_engine::typed;
use std::hint::black_box;
use std::sync::Arc;

const ANSWERS: &[&str] = &[
    "you almost didnt come in today",
    "It took real courage to walk back in here. What happened last weekend?",
    "Why did you use again?",
    "Have you called your sponsor yet? You really should, dont worry it'll be ok",
    "When I relapsed I went on a three week bender and my sponsor had to come find me at my cousins, it was awful",
    "sounds like part of you wanted to stay away and part of you knew you needed to be here",
    "wow",
    "¿Cómo estás?",
];

fn decision() -> Arc<Scenario> {
    let text = include_str!("fixtures/typed-decision.toml");
    let loaded = load(SourceFile::new(Origin::BuiltIn("typed-decision.toml"), text.to_string()));
    Arc::new(loaded.scenario.expect("the bench fixture loads"))
}

fn bench(c: &mut Criterion) {
    let scenario = decision();
    let node = scenario.node(scenario.start);
    let replies = node.replies();
    assert!(replies.iter().map(|r| r.paraphrases.len()).sum::<usize>() >= 4, "a decision with paraphrases");
    let table = RubricTable::builtin();
    let session = Session::new(
        scenario.clone(),
        table,
        SessionOptions { seed: 0, speed: 1.0, animate: true, shuffle: false, start: None },
        0,
    );
    let at = session.turn().end;
    let context = session.heard_context(at);
    let lines: Vec<&str> = context.iter().map(String::as_str).collect();

    let mut group = c.benchmark_group("typed answer");
    group.throughput(Throughput::Elements(ANSWERS.len() as u64));
    group.bench_function("hear + closest option (real decision, paraphrases)", |b| {
        b.iter(|| {
            ANSWERS
                .iter()
                .map(|a| {
                    let heard = typed::hear(black_box(a), &lines);
                    typed::closest(a, &heard, replies, &[]).option
                })
                .sum::<usize>()
        })
    });
    group.bench_function("Session::submit (clean, hear, match, score, commit)", |b| {
        b.iter_batched(
            || vec![session.clone(); ANSWERS.len()],
            |mut sessions| {
                for (s, a) in sessions.iter_mut().zip(ANSWERS) {
                    black_box(s.submit(black_box(a), at).expect("an answer").chosen);
                }
                sessions
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
