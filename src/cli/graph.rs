//! `hearken graph`: the conversation map, with endings, unreachable nodes and dead ends marked.
//! The graph facts come from `scenario::graph`; this file only draws them.

use super::args::{GraphArgs, GraphFormat};
use crate::failure::{EXIT_INVALID, Failure, Outcome, color_wanted};
use crate::settings::Settings;
use hearken_engine::scenario::graph::Analysis;
use hearken_engine::scenario::{EndingKind, Next, Scenario, load};
use std::fmt::Write;
use std::io::IsTerminal;
use std::path::Path;

pub fn run(ctx: &Settings, args: &GraphArgs) -> Outcome {
    // Load without full validation: the map is most useful precisely when the graph is broken.
    let scenario = if args.scenario.ends_with(".toml") || Path::new(&args.scenario).is_file() {
        let src = crate::library::read_path(Path::new(&args.scenario)).map_err(|f| {
            let report = crate::library::entry_from_path(
                Path::new(&args.scenario),
                &hearken_engine::rubric::RubricTable::builtin(),
            )
            .report;
            let _ = hearken_engine::diagnostic::render::human(
                &mut std::io::stderr(),
                &[report],
                color_wanted(std::io::stderr().is_terminal()),
            );
            Failure::silent(if f.io { crate::failure::EXIT_USAGE } else { EXIT_INVALID })
        })?;
        let loaded = load(src.clone());
        match loaded.scenario {
            Some(s) => std::sync::Arc::new(s),
            None => {
                let report = hearken_engine::diagnostic::FileDiagnostics {
                    name: src.name(),
                    source: Some(src),
                    diagnostics: loaded.diagnostics,
                };
                let _ = hearken_engine::diagnostic::render::human(
                    &mut std::io::stderr(),
                    &[report],
                    color_wanted(std::io::stderr().is_terminal()),
                );
                return Err(Failure::invalid("the file has errors, so its map cannot be drawn"));
            }
        }
    } else {
        crate::library::resolve_scenario(ctx, &args.scenario, &hearken_engine::rubric::RubricTable::builtin())?
    };
    let text = match args.format {
        GraphFormat::Dot => dot(&scenario),
        GraphFormat::Mermaid => mermaid(&scenario),
    };
    print!("{text}");
    Ok(())
}

fn edge_label(option: usize, skills: &[hearken_engine::rubric::Skill], cond: Option<i32>) -> String {
    let codes: Vec<&str> = skills.iter().map(|k| k.code()).collect();
    match cond {
        Some(t) => format!("{option}: {} (trust ≥ {t})", codes.join(", ")),
        None => format!("{option}: {}", codes.join(", ")),
    }
}

/// Every edge: (from, to, label, conditional).
fn edges(s: &Scenario) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (i, node) in s.nodes.iter().enumerate() {
        for (k, reply) in node.replies().iter().enumerate() {
            match &reply.next {
                Next::Go(t) => out.push((i, t.0, edge_label(k + 1, &reply.skills, None))),
                Next::Branches(bs) => {
                    for b in bs {
                        let mut label = edge_label(k + 1, &reply.skills, b.trust_at_least);
                        if b.trust_at_least.is_none() {
                            label.push_str(" (otherwise)");
                        }
                        out.push((i, b.go.0, label));
                    }
                }
            }
        }
    }
    out
}

fn marks(s: &Scenario, a: &Analysis, i: usize) -> Vec<String> {
    let node = &s.nodes[i];
    let mut m = Vec::new();
    if i == s.start.0 {
        m.push("START".to_string());
    }
    if let Some((kind, _)) = node.ending() {
        m.push(format!("ENDING: {}", kind.name()));
    }
    if !a.reachable[i] {
        m.push("UNREACHABLE".to_string());
    }
    if !a.reaches_ending[i] {
        m.push("DEAD END: no ending reachable".to_string());
    }
    m
}

fn quote(s: &str) -> String {
    hearken_engine::text::terminal_safe(s).replace('\\', "\\\\").replace('"', "\\\"")
}

pub fn dot(s: &Scenario) -> String {
    let a = Analysis::of(s);
    let mut out = String::new();
    writeln!(out, "digraph \"{}\" {{", quote(&s.id)).unwrap();
    writeln!(out, "  label=\"{}\\n(peer: {})\"; labelloc=t; rankdir=TB;", quote(&s.title), quote(&s.peer.name))
        .unwrap();
    writeln!(out, "  node [shape=box, style=rounded, fontname=\"Helvetica\"];").unwrap();
    for (i, node) in s.nodes.iter().enumerate() {
        let m = marks(s, &a, i);
        let label = if m.is_empty() { quote(&node.id) } else { format!("{}\\n[{}]", quote(&node.id), m.join("] [")) };
        let mut attrs = vec![format!("label=\"{label}\"")];
        if let Some((kind, _)) = node.ending() {
            attrs.push("shape=doubleoctagon".into());
            attrs.push(format!(
                "color={}",
                match kind {
                    EndingKind::Good => "darkgreen",
                    EndingKind::Mixed => "darkorange",
                    EndingKind::Poor => "red3",
                }
            ));
        }
        if i == s.start.0 {
            attrs.push("penwidth=2".into());
        }
        if !a.reachable[i] {
            attrs.push("style=\"rounded,dashed\"".into());
        }
        if !a.reaches_ending[i] {
            attrs.push("color=red, fontcolor=red".into());
        }
        writeln!(out, "  \"{}\" [{}];", quote(&node.id), attrs.join(", ")).unwrap();
    }
    for (from, to, label) in edges(s) {
        writeln!(
            out,
            "  \"{}\" -> \"{}\" [label=\"{}\"];",
            quote(&s.nodes[from].id),
            quote(&s.nodes[to].id),
            quote(&label)
        )
        .unwrap();
    }
    out.push_str("}\n");
    out
}

pub fn mermaid(s: &Scenario) -> String {
    let a = Analysis::of(s);
    let mut out = String::from("flowchart TD\n");
    // Mermaid ids must be simple: use n0, n1, ... and put the node id in the label.
    let text = |t: &str| hearken_engine::text::terminal_safe(t).replace('"', "#quot;");
    for (i, node) in s.nodes.iter().enumerate() {
        let m = marks(s, &a, i);
        let label = if m.is_empty() { text(&node.id) } else { format!("{}<br/>[{}]", text(&node.id), m.join("] [")) };
        let shape = if node.is_ending() { format!("n{i}([\"{label}\"])") } else { format!("n{i}[\"{label}\"]") };
        writeln!(out, "  {shape}").unwrap();
    }
    for (from, to, label) in edges(s) {
        writeln!(out, "  n{from} -->|\"{}\"| n{to}", text(&label)).unwrap();
    }
    for (i, node) in s.nodes.iter().enumerate() {
        let class = match node.ending() {
            Some((EndingKind::Good, _)) => Some("good"),
            Some((EndingKind::Mixed, _)) => Some("mixed"),
            Some((EndingKind::Poor, _)) => Some("poor"),
            None if !a.reaches_ending[i] => Some("deadend"),
            None if !a.reachable[i] => Some("unreachable"),
            None => None,
        };
        if let Some(c) = class {
            writeln!(out, "  class n{i} {c}").unwrap();
        }
    }
    out.push_str("  classDef good stroke:#1a7f37,stroke-width:3px\n  classDef mixed stroke:#bf8700,stroke-width:3px\n  classDef poor stroke:#cf222e,stroke-width:3px\n  classDef deadend stroke:#cf222e,stroke-dasharray:4\n  classDef unreachable stroke-dasharray:6,color:#6e7781\n");
    out
}
