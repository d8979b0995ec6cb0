//! Validation against its parse floor, counted in instructions rather than seconds, so the ratio
//! does not move with whatever else the machine is doing. Run each mode under callgrind:
//!
//! ```sh
//! cargo build --release --example validation_cost
//! for mode in generate parse validate; do
//!   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/validation_cost $mode 2>&1 | grep Collected
//! done
//! ```
//!
//! The validator's cost is (validate - generate) / (parse - generate): generating the 1,000
//! files is common to both and is taken off. docs/performance.md has the figures.

use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::{load, validate::validate};
use hearken_engine::source::{Origin, SourceFile};
use std::hint::black_box;

#[path = "../benches/common/mod.rs"]
#[allow(dead_code)]
mod common;

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let table = RubricTable::builtin();
    let texts = common::typical_batch(1000);
    // Sources are made in every mode, so only parsing and checking differ between them.
    let sources: Vec<_> = texts.iter().map(|t| SourceFile::new(Origin::BuiltIn("generated.toml"), t.clone())).collect();
    let mut n = 0usize;
    match mode.as_str() {
        "generate" => n = sources.len(),
        "parse" => {
            for s in &sources {
                n += toml::de::DeTable::parse(black_box(&s.text)).map(|t| t.get_ref().len()).unwrap_or(0);
            }
        }
        "validate" => {
            for s in &sources {
                let loaded = load(black_box(s.clone()));
                n += loaded.diagnostics.len();
                if let Some(sc) = &loaded.scenario {
                    n += validate(sc, &table).len();
                }
            }
        }
        _ => {
            eprintln!("usage: validation_cost generate|parse|validate");
            std::process::exit(2);
        }
    }
    println!("{n}");
}
