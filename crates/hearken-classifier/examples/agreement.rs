//! Agreement between two coders' label files: Cohen's kappa for question type (3-way) and
//! reflection present (yes/no), and per-skill kappa and F1 (coder A as reference).
//!
//! `cargo run --example agreement` compares corpus/labels-coder-a.jsonl with
//! corpus/labels-coder-b.jsonl, per corpus part; or give two paths:
//! `cargo run --example agreement -- A.jsonl B.jsonl`.

mod support;

use support::{Labels, corpus_dir, load_items, load_labels, print_report, report};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = corpus_dir();
    let (a, b) = match args.as_slice() {
        [a, b] => (a.into(), b.into()),
        _ => (dir.join("labels-coder-a.jsonl"), dir.join("labels-coder-b.jsonl")),
    };
    if !b.exists() {
        eprintln!("{} does not exist yet: coder B labels corpus/for-coder-b.jsonl blind first", b.display());
        std::process::exit(2);
    }
    let (la, lb) = (load_labels(&a), load_labels(&b));
    let items = load_items(&dir.join("answers.jsonl"));
    let missing = la.keys().filter(|id| !lb.contains_key(*id)).count();
    if missing > 0 {
        println!("note: {missing} answers coded by A are not in B's file; they are left out");
    }
    for part in ["dev", "heldout-1", "heldout-2", "all"] {
        let pairs: Vec<(&Labels, &Labels)> = items
            .iter()
            .filter(|i| part == "all" || i.part() == part)
            .filter_map(|i| Some((la.get(&i.id)?, lb.get(&i.id)?)))
            .collect();
        if !pairs.is_empty() {
            print_report(&format!("{part}: coder A vs coder B"), &report(&pairs));
        }
    }
}
