//! Validation speed against its floor: parsing the same TOML with the toml crate alone.
//!
//! `cargo bench --bench validate`. Figures and how to read them: docs/performance.md.

use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::{load, validate::validate};
use hearken_engine::source::{Origin, SourceFile};
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

#[allow(dead_code)]
mod common;

/// What `hearken validate` does with a file once it is read: load, then the whole-graph checks.
fn load_and_validate(src: &Arc<SourceFile>, table: &RubricTable) -> usize {
    let loaded = load(src.clone());
    let mut n = loaded.diagnostics.len();
    if let Some(s) = &loaded.scenario {
        n += validate(s, table).len();
    }
    n
}

fn detable_floor(text: &str) -> usize {
    toml::de::DeTable::parse(text).map(|t| t.get_ref().len()).unwrap_or(0)
}

fn table_floor(text: &str) -> usize {
    text.parse::<toml::Table>().map(|t| t.len()).unwrap_or(0)
}

fn sources(texts: &[String]) -> Vec<Arc<SourceFile>> {
    texts.iter().enumerate().map(|(i, t)| SourceFile::new(Origin::BuiltIn(name(i)), t.clone())).collect()
}

fn name(i: usize) -> &'static str {
    // Origins want a 'static name; a handful of leaked strings per run is harmless.
    Box::leak(format!("generated-{i}.toml").into_boxed_str())
}

/// 1,000 files shaped like the built-in scenarios.
fn typical_files(c: &mut Criterion) {
    let table = RubricTable::builtin();
    let texts = common::typical_batch(1000);
    let bytes: usize = texts.iter().map(String::len).sum();
    let srcs = sources(&texts);
    // A benchmark of a failing validation would measure the wrong path.
    for s in &srcs {
        assert_eq!(load_and_validate(s, &table), 0, "a generated file has diagnostics:\n{}", s.text);
    }

    let mut g = c.benchmark_group("typical_1000_files");
    g.sampling_mode(SamplingMode::Flat).sample_size(10).measurement_time(Duration::from_secs(6));
    g.warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("floor_detable_parse", |b| {
        b.iter(|| texts.iter().map(|t| detable_floor(black_box(t))).sum::<usize>())
    });
    g.bench_function("floor_toml_table", |b| b.iter(|| texts.iter().map(|t| table_floor(black_box(t))).sum::<usize>()));
    g.bench_function("validate", |b| {
        b.iter(|| srcs.iter().map(|s| load_and_validate(black_box(s), &table)).sum::<usize>())
    });
    // As above, plus making the source file (copying the text and indexing its lines), which
    // `hearken validate` also does for every file it reads.
    g.bench_function("validate_with_source", |b| {
        b.iter_batched(
            || texts.clone(),
            |texts| {
                texts
                    .into_iter()
                    .map(|t| load_and_validate(&SourceFile::new(Origin::BuiltIn("generated.toml"), t), &table))
                    .sum::<usize>()
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

/// One file of 1,000 and one of 10,000 nodes (the limit), to show cost grows linearly.
fn large_files(c: &mut Criterion) {
    let table = RubricTable::builtin();
    let mut g = c.benchmark_group("nodes");
    g.sampling_mode(SamplingMode::Flat).sample_size(10).measurement_time(Duration::from_secs(4));
    g.warm_up_time(Duration::from_secs(1));
    for n in [1_000usize, 10_000] {
        let text = common::big(n, Some(5));
        assert!(text.len() <= 1024 * 1024, "{n} nodes take {} bytes, over the file limit", text.len());
        let src = SourceFile::new(Origin::BuiltIn("big.toml"), text.clone());
        let loaded = load(src.clone());
        assert!(loaded.scenario.is_some(), "the {n}-node file does not load: {:?}", loaded.diagnostics.first());
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("floor_detable_parse", n), &text, |b, t| {
            b.iter(|| detable_floor(black_box(t)))
        });
        g.bench_with_input(BenchmarkId::new("floor_toml_table", n), &text, |b, t| b.iter(|| table_floor(black_box(t))));
        g.bench_with_input(BenchmarkId::new("validate", n), &src, |b, s| {
            b.iter(|| load_and_validate(black_box(s), &table))
        });
    }
    g.finish();
}

criterion_group!(benches, typical_files, large_files);
criterion_main!(benches);
