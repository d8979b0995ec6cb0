//! Answers a second on one core: classifying a typed answer and matching it against four
//! options with two paraphrases each, as type mode does at every decision.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hearken_classifier::{classify, wording_similarity};
use std::hint::black_box;

const CONTEXT: &[&str] = &["I almost didn't come in today.", "I... used again. Last weekend."];

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

const OPTIONS: [[&str; 3]; 4] = [
    ["You nearly stayed away.", "You almost didn't come.", "Part of you wanted to stay home."],
    ["It took a lot to walk back in here today.", "That must have been hard to come back.", "Coming in took courage."],
    ["Why did you use again?", "What made you use?", "How come you used?"],
    ["(Nod, and wait quietly.)", "Take your time.", "I'm here, no rush."],
];

fn answer(text: &str) -> usize {
    let c = classify(text, CONTEXT);
    let best = OPTIONS
        .iter()
        .enumerate()
        .map(|(i, o)| (o.iter().map(|w| wording_similarity(text, w)).max().unwrap_or(0), i))
        .max()
        .map_or(0, |(_, i)| i);
    best + c.skills.len()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("typed answer");
    group.throughput(Throughput::Elements(ANSWERS.len() as u64));
    group.bench_function("classify only", |b| {
        b.iter(|| ANSWERS.iter().map(|a| classify(black_box(a), CONTEXT).skills.len()).sum::<usize>())
    });
    group.bench_function("classify + match 4 options x 3 wordings", |b| {
        b.iter(|| ANSWERS.iter().map(|a| answer(black_box(a))).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
