//! Typed answers per CPU-second, for a shared machine where wall-clock benchmarks are noisy:
//! hears and matches the answers of benches/typed.rs against the same real decision N times.
//!
//! `cargo build --release --example typed_throughput && time target/release/examples/typed_throughput 5000`
//! then divide the answers it prints by the *user* time.

use hearken_engine::scenario::load;
use hearken_engine::source::{Origin, SourceFile};
use hearken_engine::typed;

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

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let text = include_str!("../benches/fixtures/typed-decision.toml");
    let scenario = load(SourceFile::new(Origin::BuiltIn("typed-decision.toml"), text.to_string()))
        .scenario
        .expect("the bench fixture loads");
    let node = scenario.node(scenario.start);
    let context: Vec<&str> = node
        .says
        .iter()
        .filter_map(|b| if let hearken_engine::scenario::Beat::Line(l) = b { Some(l.as_str()) } else { None })
        .collect();
    let mut sum = 0usize;
    for _ in 0..rounds {
        for a in ANSWERS {
            let heard = typed::hear(a, &context);
            sum += typed::closest(a, &heard, node.replies(), &[]).option;
        }
    }
    println!("{} answers heard and matched (checksum {sum})", rounds * ANSWERS.len());
}
