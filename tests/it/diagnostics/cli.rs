//! What CI and instructors see: the three output formats of docs/command-line.md, the exit codes of docs/command-line.md,
//! and the authoring commands around validation (explain, new, schema, graph).

use super::support::*;
use hearken_engine::diagnostic::Code;
use hearken_engine::rubric::Skill;
use std::collections::BTreeSet;
use std::path::Path;

/// A fixture as an author would save it: in a file named after its id, so the output shows only
/// what the fixture is about (fixtures are named after their code, which would raise H037).
fn fixture(name: &str) -> std::path::PathBuf {
    as_named_by_id(&fixtures_dir().join(format!("{name}.toml")))
}

/// A valid scenario with one warning (an unreachable ending).
fn with_warning() -> String {
    format!("{BASE}\n[nodes.left-early]\nsays = [\"Bye.\"]\nending = \"poor\"\noutcome = \"Sam left.\"\n")
}

#[test]
fn human_output_reads_like_rustc() {
    let path = fixture("H030-next");
    let r = run(["validate".as_ref(), path.as_os_str()]);
    assert_eq!(r.code, 1);
    let expected = format!(
        "error[H030]: `next` names `thank`, but there is no such node
   --> {}:19:8
   |
19 | next = \"thank\"
   |        ^^^^^^^
   |
   = help: did you mean `thanks`?

1 file checked: 1 error, 0 warnings.
",
        path.display()
    );
    assert_eq!(r.stdout, expected);
    assert!(!r.stdout.contains('\x1b'), "no colour when NO_COLOR is set and output is not a terminal");
}

#[test]
fn human_output_lists_problems_in_file_order_and_sums_them_up() {
    let path = fixture("many-problems");
    let r = run(["validate".as_ref(), path.as_os_str()]);
    assert_eq!(r.code, 1);
    let lines: Vec<usize> = r
        .stdout
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .filter_map(|l| l.rsplit(':').nth(1)?.parse().ok())
        .collect();
    assert_eq!(lines.len(), 11, "{}", r.stdout);
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "in file order: {lines:?}");
    // Ten errors; the rubric check runs on what loaded (H045); the note on the check that cannot.
    assert!(r.stdout.ends_with("1 file checked: 10 errors, 2 warnings.\n"), "{}", r.stdout);
}

#[test]
fn hostile_text_never_reaches_the_terminal_and_long_lines_are_cut() {
    let dir = tempfile::tempdir().unwrap();
    let escape = write(dir.path(), "first-visit.toml", replace(BASE, "Thanks.", "\x1b]0;owned\x07\x1b[2JThanks."));
    let mut garbage = b"id = \"x\"\n".to_vec();
    garbage.extend((0..4000u32).map(|i| (i * 7919 % 251) as u8));
    let binary = write(dir.path(), "binary.toml", garbage);
    let long = write(
        &tempfile::tempdir_in(dir.path()).unwrap().keep(),
        "first-visit.toml",
        replace(BASE, "Sam, 28,", &"Sam talks. ".repeat(600)),
    );
    let r = run(["validate".as_ref(), escape.as_os_str(), binary.as_os_str(), long.as_os_str()]);
    assert_eq!(r.code, 1);
    assert!(!r.stdout.contains(['\x1b', '\x07']), "{:?}", r.stdout);
    assert!(r.stdout.contains("error[H016]: this file contains ESC (escape), character U+001B"), "{}", r.stdout);
    assert!(r.stdout.contains("error[H002]: this is not a text file (it looks like binary data)"), "{}", r.stdout);
    assert!(r.stdout.contains("error[H006]: `about` is 6647 characters long; the limit is 5000"), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("8 | about = \"{}Sam...\n", "Sam talks. ".repeat(8))), "{}", r.stdout);
    for line in r.stdout.lines() {
        assert!(line.chars().count() <= 120, "a line of {} characters: {line:?}", line.chars().count());
    }
    let r = run(["validate".as_ref(), "--format".as_ref(), "github".as_ref(), escape.as_os_str()]);
    assert!(!r.stdout.contains(['\x1b', '\x07']));
}

#[test]
fn json_output_has_the_shape_of_spec_5() {
    let dir = tempfile::tempdir().unwrap();
    let warn = write(dir.path(), "first-visit.toml", with_warning());
    let valid = write(dir.path(), "second-visit.toml", replace(BASE, "first-visit", "second-visit"));
    let (exit, json) = validate_json(&[&fixture("H030-next"), &warn, &valid], &[]);
    assert_eq!(exit, 1);
    let top: BTreeSet<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(top, BTreeSet::from(["files", "errors", "warnings", "diagnostics"]));
    assert_eq!(
        (json["files"].as_u64(), json["errors"].as_u64(), json["warnings"].as_u64()),
        (Some(3), Some(1), Some(1))
    );
    let diags = json["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 2);
    for d in diags {
        let keys: BTreeSet<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        let want =
            ["code", "severity", "message", "file", "line", "column", "end_line", "end_column", "help", "related"];
        assert_eq!(keys, BTreeSet::from(want));
    }
    let e = &diags[0];
    assert_eq!(e["code"], "H030");
    assert_eq!(e["severity"], "error");
    assert_eq!(e["message"], "`next` names `thank`, but there is no such node");
    assert_eq!(e["file"], fixture("H030-next").display().to_string());
    assert_eq!((e["line"].as_u64(), e["column"].as_u64()), (Some(19), Some(8)));
    // The span is the value "thank", quotes included: 7 characters.
    assert_eq!((e["end_line"].as_u64(), e["end_column"].as_u64()), (Some(19), Some(15)));
    assert_eq!(e["help"], "did you mean `thanks`?");
    let w = &diags[1];
    assert_eq!((w["code"].as_str(), w["severity"].as_str()), (Some("H040"), Some("warning")));
    assert_eq!(w["file"], warn.display().to_string());
    assert_eq!((w["line"].as_u64(), w["column"].as_u64()), (Some(30), Some(1)));
}

#[test]
fn json_output_for_clean_files_is_still_one_object() {
    let dir = tempfile::tempdir().unwrap();
    let valid = write(dir.path(), "first-visit.toml", BASE);
    let (exit, json) = validate_json(&[&valid], &[]);
    assert_eq!(exit, 0);
    assert_eq!(json, serde_json::json!({"files": 1, "errors": 0, "warnings": 0, "diagnostics": []}));
}

#[test]
fn github_output_is_one_workflow_command_per_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let warn = write(dir.path(), "first-visit.toml", with_warning());
    let bad = fixture("H030-next");
    let missing = dir.path().join("missing.toml");
    let r = run([
        "validate".as_ref(),
        "--format".as_ref(),
        "github".as_ref(),
        bad.as_os_str(),
        warn.as_os_str(),
        missing.as_os_str(),
    ]);
    assert_eq!(r.code, 2, "an unreadable path wins: the job is set up wrong");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "::error file={},line=19,col=8,title=H030::`next` names `thank`, but there is no such node%0Ahelp: did you mean `thanks`?",
                bad.display()
            ),
            format!(
                "::warning file={},line=30,col=1,title=H040::no path from `start` leads to node `left-early`%0Ahelp: point an option's `next` at it, or remove it",
                warn.display()
            ),
            format!(
                "::error file={},title=H090::cannot read {}: no such file or folder",
                missing.display(),
                missing.display()
            ),
        ]
    );
}

#[test]
fn exit_codes_are_0_valid_1_invalid_2_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let valid = write(dir.path(), "first-visit.toml", BASE);
    let warn = write(dir.path(), "warned.toml", replace(&with_warning(), "first-visit", "warned"));
    let mut latin1 = replace(BASE, "Sam, 28", "Sam, 28 ").into_bytes();
    latin1[BASE.find("Sam, 28").unwrap() + 7] = 0xE9;
    let not_utf8 = write(dir.path(), "latin1.toml", latin1);
    let status = |args: &[&std::ffi::OsStr]| run(args).code;
    let v = |p: &Path| p.as_os_str().to_owned();

    assert_eq!(status(&["validate".as_ref(), &v(&valid)]), 0);
    assert_eq!(status(&["validate".as_ref(), &v(&warn)]), 0, "warnings alone pass");
    assert_eq!(status(&["validate".as_ref(), "--deny-warnings".as_ref(), &v(&warn)]), 1);
    assert_eq!(status(&["validate".as_ref(), "--deny-warnings".as_ref(), &v(&valid)]), 0);
    assert_eq!(status(&["validate".as_ref(), &v(&fixture("H031-plural"))]), 1);
    assert_eq!(status(&["validate".as_ref(), &v(&not_utf8)]), 1, "a bad encoding is invalid input");
    assert_eq!(status(&["validate".as_ref(), &v(&dir.path().join("nope.toml"))]), 2);
    assert_eq!(status(&["validate".as_ref(), "--format".as_ref(), "xml".as_ref(), &v(&valid)]), 2, "usage error");
    let (exit, json) = validate_json(&[&not_utf8], &[]);
    assert_eq!(exit, 1);
    assert_eq!(json["diagnostics"][0]["code"], "H002");
    assert_eq!(
        (json["diagnostics"][0]["line"].as_u64(), json["diagnostics"][0]["column"].as_u64()),
        (Some(8), Some(17))
    );
}

#[test]
fn every_problem_in_every_file_is_reported_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("unit-2/extra");
    std::fs::create_dir_all(&nested).unwrap();
    for name in ["many-problems", "H030-next", "H010-peer", "H041-loop"] {
        std::fs::copy(fixture(name), nested.join(format!("{name}.toml"))).unwrap();
    }
    write(dir.path(), "first-visit.toml", BASE);
    write(dir.path(), "notes.txt", "not a scenario: ignored");
    let missing = dir.path().join("missing-folder");
    let (exit, json) = validate_json(&[dir.path(), &missing], &[]);
    assert_eq!(exit, 2, "the missing folder makes it an I/O failure");
    assert_eq!(json["files"], 6, "five .toml files and the missing folder");
    let per_file = |name: &str| {
        json["diagnostics"].as_array().unwrap().iter().filter(|d| d["file"].as_str().unwrap().ends_with(name)).count()
    };
    // Each file is also checked as far as it loaded (H045, and H091 for what cannot be), and
    // files not named after their id say so (H037).
    assert_eq!(per_file("many-problems.toml"), 10 + 2);
    assert_eq!(per_file("H030-next.toml"), 1 + 1);
    assert_eq!(per_file("H010-peer.toml"), 1 + 1);
    assert_eq!(per_file("H041-loop.toml"), 2 + 1);
    assert_eq!(per_file("missing-folder"), 1);
    assert_eq!(json["errors"], 10 + 1 + 1 + 1 + 1);
    assert_eq!(json["warnings"], 1 + 2 + 3);
}

#[test]
fn explain_prints_the_doc_and_refuses_unknown_codes() {
    for code in [Code::H001, Code::H030, Code::H090] {
        let r = run(["explain", code.as_str()]);
        assert_eq!((r.code, r.stdout.as_str()), (0, code.explanation()));
    }
    assert_eq!(run(["explain", "h031"]).stdout, Code::H031.explanation(), "any case");
    assert_eq!(run(["explain", "H31"]).stdout, Code::H031.explanation(), "the leading zero is optional");
    assert_eq!(run(["explain", "31"]).stdout, Code::H031.explanation(), "so is the H");
    let r = run(["explain", "H999"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("there is no diagnostic code `H999`"), "{}", r.stderr);
}

#[test]
fn new_writes_a_starter_that_validates_cleanly_and_passes_its_tests() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(["new".as_ref(), "talking-about-work".as_ref(), "--dir".as_ref(), dir.path().as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let path = dir.path().join("talking-about-work.toml");
    let (exit, json) = validate_json(&[&path], &["--deny-warnings"]);
    assert_eq!((exit, &json["diagnostics"]), (0, &serde_json::json!([])));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("id = \"talking-about-work\""));
    assert!(text.contains("title = \"Talking about work\""));
    let r = run(["test".as_ref(), path.as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.ends_with("2 passed, 0 failed\n"), "{}", r.stdout);

    // It never overwrites, and refuses an id that is not kebab-case.
    std::fs::write(&path, "mine").unwrap();
    let r = run(["new".as_ref(), "talking-about-work".as_ref(), "--dir".as_ref(), dir.path().as_os_str()]);
    assert_eq!(r.code, 2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    let r = run(["new".as_ref(), "Talking About Work".as_ref(), "--dir".as_ref(), dir.path().as_os_str()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("`talking-about-work`"), "suggests the kebab-case id: {}", r.stderr);
}

#[test]
fn schema_is_json_schema_naming_exactly_the_keys_the_loader_accepts() {
    let r = run(["schema"]);
    assert_eq!(r.code, 0);
    let schema: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    assert!(schema["$schema"].as_str().unwrap().contains("json-schema.org"));
    let props = |v: &serde_json::Value| -> BTreeSet<String> {
        v["properties"].as_object().unwrap_or_else(|| panic!("no properties in {v}")).keys().cloned().collect()
    };
    let node = &schema["properties"]["nodes"]["additionalProperties"];
    let option = &node["properties"]["options"]["items"];
    let branch = &option["properties"]["next"]["oneOf"][1]["items"];
    let pause = &schema["definitions"]["beat"]["oneOf"][1];
    let test = &schema["properties"]["tests"]["items"];
    let from_schema = [
        ("top", props(&schema)),
        ("peer", props(&schema["properties"]["peer"])),
        ("node", props(node)),
        ("option", props(option)),
        ("branch", props(branch)),
        ("pause", props(pause)),
        ("test", props(test)),
    ];
    for ((name, loader), (_, schema)) in loader_keys().iter().zip(from_schema.iter()) {
        assert_eq!(loader, schema, "the keys of the {name} table");
    }
    for table in [&schema, node, option, branch, pause, test, &schema["properties"]["peer"]] {
        assert_eq!(table["additionalProperties"], false, "unknown keys are refused, as the loader does");
    }
    let skills: Vec<&str> = option["properties"]["skills"]["items"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(skills, Skill::codes().collect::<Vec<_>>());
}

const GRAPH: &str = r#"id = "map"
title = "A map with problems"
difficulty = "beginner"
start = "opening"

[peer]
name = "Sam"
about = "Sam."

[nodes.opening]
says = ["Hi."]

[[nodes.opening.options]]
text = "It sounds like a hard week."
skills = ["reflection", "validation"]
feedback = "A reflection."
next = "circle"

[[nodes.opening.options]]
text = "What happened?"
skills = ["open-question"]
feedback = "An open question."
next = [ { trust_at_least = 1, go = "good-end" }, { go = "circle" } ]

[nodes.circle]
says = ["Round we go."]

[[nodes.circle.options]]
text = "Again?"
skills = ["closed-question"]
feedback = "Round."
next = "circle"

[[nodes.circle.options]]
text = "(Wait.)"
skills = ["attentive-silence"]
feedback = "Round."
next = "circle"

[nodes.good-end]
says = ["Thanks."]
ending = "good"
outcome = "Good."

[nodes.forgotten]
says = ["Nobody comes here."]
ending = "poor"
outcome = "Never seen."
"#;

#[test]
fn graph_marks_endings_unreachable_nodes_and_dead_ends() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "map.toml", GRAPH);
    let found = check_path(&path);
    assert_eq!(codes(&found), ["H040", "H041"], "forgotten is unreachable, circle is a dead end");

    let r = run(["graph".as_ref(), path.as_os_str(), "--format".as_ref(), "dot".as_ref()]);
    assert_eq!(r.code, 0, "the map is drawn even when the graph is broken: {}", r.stderr);
    let node_line = |id: &str| r.stdout.lines().find(|l| l.trim_start().starts_with(&format!("\"{id}\" ["))).unwrap();
    assert!(node_line("opening").contains("[START]"));
    assert!(node_line("circle").contains("[DEAD END: no ending reachable]"));
    assert!(node_line("circle").contains("color=red"));
    assert!(node_line("forgotten").contains("[UNREACHABLE]"));
    assert!(node_line("forgotten").contains("dashed"));
    assert!(node_line("good-end").contains("[ENDING: good]"));
    assert!(node_line("forgotten").contains("[ENDING: poor]"));
    // One arrow per target, the options on it listed; a branch says the range it really takes.
    assert!(r.stdout.contains("\"opening\" -> \"good-end\" [label=\"2: open-question (trust 1..5)\"]"), "{}", r.stdout);
    assert!(
        r.stdout.contains(
            "\"opening\" -> \"circle\" [label=\"1: reflection, validation\\n2: open-question (trust -5..0)\"]"
        ),
        "{}",
        r.stdout
    );
    assert_eq!(r.stdout.matches("\"circle\" -> \"circle\"").count(), 1, "two options, one arrow");

    let r = run(["graph".as_ref(), path.as_os_str(), "--format".as_ref(), "mermaid".as_ref()]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("flowchart TD\n"));
    // Nodes are n0.. in file order: opening, circle, good-end, forgotten.
    assert!(r.stdout.contains("n1[\"circle<br/>[DEAD END: no ending reachable]\"]"), "{}", r.stdout);
    assert!(r.stdout.contains("n3([\"forgotten<br/>[ENDING: poor] [UNREACHABLE]\"])"), "{}", r.stdout);
    assert!(r.stdout.contains("class n1 deadend"));
    assert!(r.stdout.contains("n2([\"good-end<br/>[ENDING: good]\"])"));
    assert!(r.stdout.contains("class n2 good"));
}

#[test]
fn graph_of_a_file_with_errors_shows_the_errors_and_exits_1() {
    let r = run(["graph".as_ref(), fixture("H030-next").as_os_str()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("error[H030]"), "{}", r.stderr);
    assert_eq!(r.stdout, "");
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let r = run(["completions", shell]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("hearken") && r.stdout.contains("validate"), "{shell}: {}", r.stdout);
    }
    assert_eq!(run(["completions", "cmd.exe"]).code, 2, "an unknown shell is a usage error");
}
