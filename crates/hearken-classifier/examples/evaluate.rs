//! Classifier against the reference labels, part by part.
//!
//! `cargo run --example evaluate` prints every part (dev, heldout-1, heldout-2 against coder A;
//! fresh-dev, fresh-heldout against the second author's labels); naming parts (`-- dev fresh-dev`)
//! prints those; `--errors` lists every disagreement of the named parts. Never list errors of a
//! held-out part: its figures are honest only while nobody has read its items against the output.

mod support;

use support::{Labels, PARTS, classify_item, load_part, print_report, report};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--errors");
    let named: Vec<&str> = args.iter().filter(|a| !a.starts_with("--")).map(String::as_str).collect();
    let parts: Vec<&str> = if named.is_empty() { PARTS.iter().map(|p| p.0).collect() } else { named };
    for part in parts {
        let (chosen, reference) = load_part(part);
        let predicted: Vec<Labels> = chosen.iter().map(classify_item).collect();
        let pairs: Vec<(&Labels, &Labels)> =
            chosen.iter().zip(&predicted).filter_map(|(i, p)| reference.get(&i.id).map(|a| (a, p))).collect();
        print_report(&format!("{part}: classifier vs reference"), &report(&pairs));
        if show_errors {
            for (item, p) in chosen.iter().zip(&predicted) {
                let Some(a) = reference.get(&item.id) else { continue };
                if a != p {
                    println!(
                        "  {} {:?}\n     ctx: {:?}\n     reference: {}/{} {:?}\n     heard:     {}/{} {:?}",
                        item.id,
                        item.text,
                        item.context.last().map_or("", String::as_str),
                        a.reflection,
                        a.question,
                        a.skills,
                        p.reflection,
                        p.question,
                        p.skills
                    );
                }
            }
        }
    }
}
