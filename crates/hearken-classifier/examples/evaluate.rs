//! Classifier against coder A's labels, dev and held-out separately.
//!
//! `cargo run --example evaluate` prints every part (dev, heldout-1, heldout-2); naming a part
//! (`-- dev`) prints that one; `-- dev --errors` lists every dev answer where the classifier and
//! coder A differ.

mod support;

use support::{Labels, classify_item, corpus_dir, load_items, load_labels, print_report, report};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--errors");
    let parts: Vec<&str> = match args.iter().find(|a| !a.starts_with("--")).map(String::as_str) {
        Some(p @ ("dev" | "heldout-1" | "heldout-2")) => vec![p],
        _ => vec!["dev", "heldout-1", "heldout-2"],
    };
    let dir = corpus_dir();
    let items = load_items(&dir.join("answers.jsonl"));
    let coder_a = load_labels(&dir.join("labels-coder-a.jsonl"));
    for part in parts {
        let chosen: Vec<_> = items.iter().filter(|i| i.part() == part).collect();
        let predicted: Vec<Labels> = chosen.iter().map(|i| classify_item(i)).collect();
        let pairs: Vec<(&Labels, &Labels)> =
            chosen.iter().zip(&predicted).filter_map(|(i, p)| coder_a.get(&i.id).map(|a| (a, p))).collect();
        print_report(&format!("{part}: classifier vs coder A"), &report(&pairs));
        if show_errors {
            for (item, p) in chosen.iter().zip(&predicted) {
                let Some(a) = coder_a.get(&item.id) else { continue };
                if a != p {
                    println!(
                        "  {} {:?}\n     coder A: {}/{} {:?}\n     heard:   {}/{} {:?}",
                        item.id, item.text, a.reflection, a.question, a.skills, p.reflection, p.question, p.skills
                    );
                }
            }
        }
    }
}
