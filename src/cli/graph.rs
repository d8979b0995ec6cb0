//! `hearken graph`: the conversation map, with endings, unreachable nodes and dead ends marked.
//! The graph facts come from `scenario::graph`; this file only draws them.

use super::args::{GraphArgs, GraphFormat};
use crate::failure::{EXIT_INVALID, Failure, Outcome};
use crate::settings::Settings;
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::graph::{Analysis, branch_ranges};
use hearken_engine::scenario::{EndingKind, Next, Scenario, load};
use std::fmt::Write;
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
            crate::failure::diagnostics_to_stderr(&[report]);
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
                crate::failure::diagnostics_to_stderr(&[report]);
                return Err(Failure::invalid("the file has errors, so its map cannot be drawn"));
            }
        }
    } else {
        crate::library::resolve_scenario(ctx, &args.scenario, &RubricTable::builtin())
            .map_err(|f| beside_you(&args.scenario, f))?
    };
    let table = RubricTable::builtin();
    let text = match args.format {
        GraphFormat::Dot => dot(&scenario, &table),
        GraphFormat::Mermaid => mermaid(&scenario, &table),
    };
    print!("{text}");
    Ok(())
}

/// One arrow: from, to, whether its options are pitfalls, and a line for each option on it.
struct Arrow {
    from: usize,
    to: usize,
    pitfall: bool,
    options: Vec<String>,
}

/// One arrow per target (two when good options and pitfalls both lead there: pitfalls are
/// drawn dashed), listing the options that take it, with the real rapport range of a branch.
fn arrows(s: &Scenario, table: &RubricTable) -> Vec<Arrow> {
    let mut out: Vec<Arrow> = Vec::new();
    for (i, node) in s.nodes.iter().enumerate() {
        let first = out.len();
        for (k, reply) in node.replies().iter().enumerate() {
            let codes: Vec<&str> = reply.skills.iter().map(|k| k.code()).collect();
            let pitfall = table.is_pitfall(&reply.skills);
            let mark = if pitfall { "✗ " } else { "" };
            let targets: Vec<(usize, String)> = match &reply.next {
                Next::Go(t) => vec![(t.0, String::new())],
                Next::Branches(bs) => bs
                    .iter()
                    .zip(branch_ranges(bs))
                    .map(|(b, range)| {
                        let when = match range {
                            Some((lo, hi)) => format!(" (trust {lo}..{hi})"),
                            None => " (never: an earlier branch always wins)".to_string(),
                        };
                        (b.go.0, when)
                    })
                    .collect(),
            };
            for (to, when) in targets {
                let line = format!("{mark}{}: {}{when}", k + 1, codes.join(", "));
                match out[first..].iter_mut().find(|a| a.to == to && a.pitfall == pitfall) {
                    Some(a) => a.options.push(line),
                    None => out.push(Arrow { from: i, to, pitfall, options: vec![line] }),
                }
            }
        }
    }
    out
}

/// The author's text for a critical moment (docs/scoring.md), when the node has one.
///
/// The author's text when the node is a critical moment: the map marks it (a `[CRITICAL]` tag and
/// a heavy border).
fn critical(node: &hearken_engine::scenario::Node) -> Option<&str> {
    node.critical.as_deref()
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
    if critical(node).is_some() {
        m.push("CRITICAL".to_string());
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

pub fn dot(s: &Scenario, table: &RubricTable) -> String {
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
        if critical(node).is_some() {
            attrs.push("penwidth=3, color=purple".into());
        } else if i == s.start.0 {
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
    for a in arrows(s, table) {
        let label = a.options.iter().map(|o| quote(o)).collect::<Vec<_>>().join("\\n");
        let style = if a.pitfall { ", style=dashed, color=red3, fontcolor=red3" } else { "" };
        writeln!(
            out,
            "  \"{}\" -> \"{}\" [label=\"{label}\"{style}];",
            quote(&s.nodes[a.from].id),
            quote(&s.nodes[a.to].id),
        )
        .unwrap();
    }
    out.push_str("}\n");
    out
}

pub fn mermaid(s: &Scenario, table: &RubricTable) -> String {
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
    for a in arrows(s, table) {
        let label = a.options.iter().map(|o| text(o)).collect::<Vec<_>>().join("<br/>");
        let arrow = if a.pitfall { "-.->" } else { "-->" };
        writeln!(out, "  n{} {arrow}|\"{label}\"| n{}", a.from, a.to).unwrap();
    }
    for (i, node) in s.nodes.iter().enumerate() {
        let class = match node.ending() {
            Some((EndingKind::Good, _)) => Some("good"),
            Some((EndingKind::Mixed, _)) => Some("mixed"),
            Some((EndingKind::Poor, _)) => Some("poor"),
            None if !a.reaches_ending[i] => Some("deadend"),
            None if !a.reachable[i] => Some("unreachable"),
            None if critical(node).is_some() => Some("critical"),
            None => None,
        };
        if let Some(c) = class {
            writeln!(out, "  class n{i} {c}").unwrap();
        }
    }
    out.push_str("  classDef good stroke:#1a7f37,stroke-width:3px\n  classDef mixed stroke:#bf8700,stroke-width:3px\n  classDef poor stroke:#cf222e,stroke-width:3px\n  classDef deadend stroke:#cf222e,stroke-dasharray:4\n  classDef unreachable stroke-dasharray:6,color:#6e7781\n  classDef critical stroke:#8250df,stroke-width:4px\n");
    out
}

/// A scenario asked for by id that is not in the library may be a file in the current folder:
/// say how to use it (`hearken graph ID.toml`, or `--scenarios .`).
fn beside_you(name: &str, f: Failure) -> Failure {
    let file = format!("{name}.toml");
    let here: Vec<String> = std::fs::read_dir(".")
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .filter(|n| n.ends_with(".toml") && !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    let stems: Vec<&str> = here.iter().map(|n| n.trim_end_matches(".toml")).collect();
    let found = if here.contains(&file) {
        Some(name.to_string())
    } else {
        hearken_engine::text::did_you_mean(name, stems.iter().copied()).map(str::to_string)
    };
    match found {
        Some(stem) => Failure {
            code: f.code,
            message: format!(
                "there is no scenario called `{}` in the library, but `{stem}.toml` is in this folder: run `hearken graph {stem}.toml`, or `hearken --scenarios . graph {stem}` to load the scenarios here by id",
                hearken_engine::text::terminal_safe(name)
            ),
        },
        None => f,
    }
}
