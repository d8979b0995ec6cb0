//! The limits a scenario file is held to (docs/scenario-format.md): each is refused with its own diagnostic and
//! a plain message, never a crash, a hang or a stack overflow; and files at the limits still
//! work. Also the regression tests for what fuzzing found (fuzz/README.md).

use hearken_engine::decode::{self, MAX_FILE_BYTES};
use hearken_engine::diagnostic::{Code, Diagnostic};
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::graph::Analysis;
use hearken_engine::scenario::library::Entry;
use hearken_engine::scenario::validate::validate;
use hearken_engine::scenario::{Loaded, MAX_NODES, TestChoice, load};
use hearken_engine::session::script::{end_time, play, scripted_options};
use hearken_engine::source::{Origin, SourceFile};
use hearken_engine::toml_read::MAX_TEXT_CHARS;

#[path = "../../benches/common/mod.rs"]
#[allow(dead_code)]
mod common;

fn load_text(text: String) -> Loaded {
    load(SourceFile::new(Origin::BuiltIn("limits.toml"), text))
}

fn codes(ds: &[Diagnostic]) -> Vec<Code> {
    ds.iter().map(|d| d.code).collect()
}

fn hearken(args: &[&str]) -> (i32, String) {
    let data = tempfile::tempdir().unwrap();
    let out = crate::common::run(crate::common::hearken().args(args).env("HEARKEN_DATA_DIR", data.path()), b"");
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

/// A valid little scenario with `value` (already TOML-quoted) as the text of `key` in its first
/// option, or anywhere else the caller puts `{SLOT}`.
fn scenario_with(slot: &str) -> String {
    BASE.replace("{SLOT}", slot)
}

const BASE: &str = r#"
id = "limits"
title = "Limits"
difficulty = "beginner"
start = "opening"

[peer]
name = "Dana"
about = "Dana is testing the limits."

[nodes.opening]
says = ["Hello."]
{SLOT}

[[nodes.opening.options]]
text = "Go on."
skills = ["open-question"]
feedback = "Good."
next = "end"

[[nodes.opening.options]]
text = "You sound unsure."
skills = ["reflection", "validation"]
feedback = "Good."
next = "end"

[nodes.end]
says = ["Thanks."]
ending = "good"
outcome = "Dana felt heard."
"#;

#[test]
fn the_base_file_is_valid() {
    let loaded = load_text(scenario_with(""));
    assert!(loaded.scenario.is_some(), "{:?}", loaded.diagnostics);
}

#[test]
fn a_file_over_one_mebibyte_is_refused_before_it_is_read() {
    let mut text = scenario_with("");
    text.push_str(&format!("# {}\n", "x".repeat(MAX_FILE_BYTES as usize)));
    let failure = decode::from_bytes(Origin::BuiltIn("big.toml"), text.into_bytes()).expect_err("too large");
    assert_eq!(failure.diagnostic.code, Code::H003);
    assert!(failure.diagnostic.message.contains("1 MiB"), "{}", failure.diagnostic.message);
    assert!(!failure.io, "an oversized file is invalid input (exit 1), not an I/O error (exit 2)");

    // Exactly at the limit is accepted as far as size goes.
    let at_limit = vec![b'#'; MAX_FILE_BYTES as usize];
    assert!(decode::from_bytes(Origin::BuiltIn("edge.toml"), at_limit).is_ok());
}

#[test]
fn validate_names_an_oversized_file_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.toml");
    std::fs::write(&path, vec![b'#'; MAX_FILE_BYTES as usize + 10]).unwrap();
    let (code, out) = hearken(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("H003") && out.contains("huge.toml") && out.contains("1 MiB"), "{out}");
}

#[test]
fn more_than_ten_thousand_nodes_is_refused_with_h004() {
    let text = common::big(MAX_NODES + 1, None);
    assert!(text.len() as u64 <= MAX_FILE_BYTES, "the file must fail on node count, not size");
    let loaded = load_text(text);
    assert!(loaded.scenario.is_none());
    let h004: Vec<_> = loaded.diagnostics.iter().filter(|d| d.code == Code::H004).collect();
    assert_eq!(h004.len(), 1, "{:?}", codes(&loaded.diagnostics));
    let message = h004[0].message.replace(',', "");
    assert!(message.contains("10001") && message.contains("10000"), "{message}");
}

/// The longest conversation allowed: a chain start → n1 → … → ending of 10,000 nodes. A recursive
/// graph walk would need a frame per node; this runs on a deliberately small stack to prove the
/// loader, the graph checks and the engine walk it iteratively.
#[test]
fn a_ten_thousand_node_chain_loads_validates_and_plays_on_a_small_stack() {
    let text = common::big(MAX_NODES, None);
    assert!(text.len() as u64 <= MAX_FILE_BYTES, "{} bytes", text.len());
    let worker = std::thread::Builder::new().stack_size(256 * 1024).spawn(move || {
        let loaded = load_text(text);
        let scenario = std::sync::Arc::new(loaded.scenario.expect("the chain loads"));
        assert_eq!(scenario.nodes.len(), MAX_NODES);
        let table = RubricTable::builtin();
        let found = validate(&scenario, &table);
        assert!(found.iter().all(|d| d.severity() == hearken_engine::diagnostic::Severity::Warning), "{found:?}");
        let analysis = Analysis::of(&scenario);
        assert!(analysis.reachable.iter().all(|&r| r), "every node of the chain is reachable");
        assert!(analysis.reaches_ending.iter().all(|&r| r), "every node of the chain leads to the ending");

        let choices = vec![TestChoice { option: 1, interrupt: false, span: 0..0 }; MAX_NODES - 1];
        let s = play(scenario, table.clone(), scripted_options(3, true), &choices)
            .unwrap_or_else(|e| panic!("the chain plays: {}", e.0));
        assert!(s.is_over());
        let report = s.report(end_time(&s));
        assert_eq!(report.decisions.len(), MAX_NODES - 1);
        assert_eq!(report.ending.as_deref(), Some("n9999"));
        hearken::report_text::transcript(&report, s.scenario(), &table, hearken::report_text::Numbers::File, None).len()
    });
    let printed = worker.unwrap().join().expect("no stack overflow or panic");
    assert!(printed > 0);
}

#[test]
fn a_ten_thousand_node_graph_with_cycles_validates_cleanly_apart_from_one_option_warnings() {
    let text = common::big(MAX_NODES, Some(5));
    assert!(text.len() as u64 <= MAX_FILE_BYTES, "{} bytes: the benchmark file must fit the limit", text.len());
    let entry = Entry::from_source(SourceFile::new(Origin::BuiltIn("big.toml"), text), &RubricTable::builtin());
    assert!(entry.scenario.is_some(), "{:?}", entry.first_error());
    assert!(codes(&entry.report.diagnostics).iter().all(|&c| c == Code::H043));
}

#[test]
fn generated_typical_files_validate_with_no_diagnostics_at_all() {
    // The benchmarks time these files; a file with problems would time the wrong path.
    let table = RubricTable::builtin();
    for (i, text) in common::typical_batch(40).into_iter().enumerate() {
        let entry = Entry::from_source(SourceFile::new(Origin::BuiltIn("typical.toml"), text.clone()), &table);
        assert!(entry.report.diagnostics.is_empty(), "file {i}: {:?}\n{text}", entry.report.diagnostics);
        let s = entry.scenario.unwrap();
        assert!((15..=25).contains(&s.nodes.len()), "file {i} has {} nodes", s.nodes.len());
        for test in &s.tests {
            let played = play(s.clone(), table.clone(), scripted_options(0, true), &test.choices)
                .unwrap_or_else(|e| panic!("file {i}, test {}: {}", test.name, e.0));
            assert_eq!(played.node().id, s.node(test.ending.unwrap()).id, "file {i}: {}", test.name);
        }
    }
}

#[test]
fn nesting_too_deep_is_h005_not_a_stack_overflow() {
    let deep_list = format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let deep_table = format!("x = {}1{}\n", "{a=".repeat(50_000), "}".repeat(50_000));
    let deep_key = format!("[{}]\n", vec!["a"; 100_000].join("."));
    let deep_dotted = format!("{} = 1\n", vec!["a"; 100_000].join("."));
    for (what, text) in
        [("list", deep_list), ("inline table", deep_table), ("header", deep_key), ("dotted", deep_dotted)]
    {
        // Nesting is bounded by the reader, so loading needs no more stack for 100,000 levels than
        // for 100: a small fixed stack is enough (a debug build's frames are large).
        let loaded = std::thread::Builder::new()
            .stack_size(1024 * 1024)
            .spawn(move || load_text(text))
            .unwrap()
            .join()
            .unwrap_or_else(|_| panic!("{what}: loading crashed"));
        assert!(loaded.scenario.is_none());
        let h005: Vec<_> = loaded.diagnostics.iter().filter(|d| d.code == Code::H005).collect();
        assert_eq!(h005.len(), 1, "{what}: {:?}", codes(&loaded.diagnostics));
        assert!(h005[0].message.contains("nested too deeply"), "{}", h005[0].message);
    }
    // Nesting a real file needs (a list of tables in a list) still reads.
    let loaded = load_text(scenario_with("reaction_like = [[{ a = [1] }]]"));
    assert!(!codes(&loaded.diagnostics).contains(&Code::H005));
}

#[test]
fn text_over_five_thousand_characters_is_h006_wherever_it_is() {
    let long = "é".repeat(MAX_TEXT_CHARS + 1); // characters, not bytes, are counted
    let places = [
        ("says", scenario_with("").replace("says = [\"Hello.\"]", &format!("says = [\"{long}\"]"))),
        ("text", scenario_with("").replace("text = \"Go on.\"", &format!("text = \"{long}\""))),
        ("feedback", scenario_with("").replacen("feedback = \"Good.\"", &format!("feedback = \"{long}\""), 1)),
        ("outcome", scenario_with("").replace("outcome = \"Dana felt heard.\"", &format!("outcome = \"{long}\""))),
        ("about", scenario_with("").replace("about = \"Dana is testing the limits.\"", &format!("about = \"{long}\""))),
        ("hint", scenario_with(&format!("hint = \"{long}\""))),
        ("title", scenario_with("").replace("title = \"Limits\"", &format!("title = \"{long}\""))),
    ];
    for (key, text) in places {
        let loaded = load_text(text);
        assert!(loaded.scenario.is_none(), "{key}");
        let h006: Vec<_> = loaded.diagnostics.iter().filter(|d| d.code == Code::H006).collect();
        assert_eq!(h006.len(), 1, "{key}: {:?}", codes(&loaded.diagnostics));
        let message = h006[0].message.replace(',', "");
        assert!(message.contains("5001") && message.contains("5000"), "{key}: {message}");
    }
    let at_limit = "é".repeat(MAX_TEXT_CHARS);
    let loaded = load_text(scenario_with("").replace("says = [\"Hello.\"]", &format!("says = [\"{at_limit}\"]")));
    assert!(loaded.scenario.is_some(), "{:?}", codes(&loaded.diagnostics));
}

// --- Hostile shapes: each was slow (quadratic) before; now each is reported in full, quickly. --

#[test]
fn an_error_on_every_line_is_reported_once_per_line() {
    // 50,000 lines that are not TOML: the syntax errors are read in one pass, not one pass each.
    let loaded = load_text("a\n".repeat(50_000));
    assert_eq!(loaded.diagnostics.len(), 50_000);
    assert!(loaded.diagnostics.iter().all(|d| d.code == Code::H001));
}

#[test]
fn thousands_of_misspelt_node_names_are_all_reported_and_the_first_get_suggestions() {
    let text = common::big(MAX_NODES, None).replace("next=\"n", "next=\"m");
    let loaded = load_text(text);
    let h030: Vec<_> = loaded.diagnostics.iter().filter(|d| d.code == Code::H030).collect();
    assert_eq!(h030.len(), MAX_NODES - 1, "every unknown name is reported");
    let help = |d: &Diagnostic| d.help.clone().unwrap_or_default();
    assert!(help(h030[0]).starts_with("did you mean `n"), "{}", help(h030[0]));
    // Past the suggestion budget the help still says what to do.
    assert!(help(h030.last().unwrap()).contains("check the spelling"), "{}", help(h030.last().unwrap()));
}

#[test]
fn a_node_with_thousands_of_options_is_checked_for_duplicates_in_one_pass() {
    let mut text = scenario_with("");
    for i in 0..12_000 {
        let body = if i == 11_999 { "Go on.".to_string() } else { format!("Option {i}.") };
        text.push_str(&format!(
            "[[nodes.opening.options]]\ntext = \"{body}\"\nskills = [\"reflection\"]\nfeedback = \"f\"\nnext = \"end\"\n"
        ));
    }
    let loaded = load_text(text);
    let h044: Vec<_> = loaded.diagnostics.iter().filter(|d| d.code == Code::H044).collect();
    assert_eq!(h044.len(), 1, "{:?}", codes(&loaded.diagnostics));
    assert!(h044[0].message.contains("options 1 and 12002"), "{}", h044[0].message);
}

#[test]
fn human_output_shows_the_first_problems_of_a_flooded_file_and_says_how_many_more() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("limits.toml");
    // 300 unknown keys in one node: 300 H010s.
    let keys: String = (0..300).map(|i| format!("junk{i} = 1\n")).collect();
    std::fs::write(&path, scenario_with(&keys)).unwrap();
    let p = path.to_str().unwrap();
    let (code, human) = hearken(&["validate", p]);
    assert_eq!(code, 1);
    let max = hearken_engine::diagnostic::render::MAX_HUMAN_PER_FILE;
    assert_eq!(human.matches("error[").count(), max, "{human}");
    assert!(human.contains("more are not"), "{human}");
    let (_, json) = hearken(&["validate", "--format", "json", p]);
    let v: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert!(v["errors"].as_u64().unwrap() > max as u64, "JSON lists every problem");
}
