//! Authoring without surprises (issue 13): what a CI job and a new instructor see from
//! `validate`, `test` and `explain` on the mistakes people really make. The single-file mistakes
//! are pinned to the line and column in the fixtures table (fixtures.rs); these are the ones that
//! need folders, several files or other commands.

use super::support::*;
use hearken_engine::diagnostic::Code;

/// BASE with a second, poor ending that option 2 leads to, and `tests` appended.
fn two_endings(tests: &str) -> String {
    let text = replace(
        BASE,
        "feedback = \"An open question lets Sam tell it their way.\"\nnext = \"thanks\"",
        "feedback = \"An open question lets Sam tell it their way.\"\nnext = \"left\"",
    );
    format!(
        "{text}\n[nodes.left]\nsays = [\"I should go.\"]\nending = \"poor\"\noutcome = \"Sam left early.\"\n{tests}"
    )
}

#[test]
fn a_folder_with_no_scenario_file_fails_and_names_the_look_alikes() {
    let dir = tempfile::tempdir().unwrap();
    let (exit, json) = validate_json(&[dir.path()], &[]);
    assert_eq!(exit, 1, "an empty folder is not a pass");
    assert_eq!(json["diagnostics"][0]["code"], "H092");
    assert_eq!(json["files"], 0);

    write(dir.path(), "x.toml.txt", BASE);
    write(dir.path(), "Broken.TOML", "id = \n");
    let r = run(["validate".as_ref(), dir.path().as_os_str()]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("error[H092]: no scenario files here: nothing was checked"), "{}", r.stdout);
    assert!(r.stdout.contains("rename `Broken.TOML`, `x.toml.txt`"), "{}", r.stdout);
    assert!(!r.stdout.contains("no problems found"), "{}", r.stdout);

    // Beside a real scenario, each look-alike is named in a warning of its own.
    write(dir.path(), "first-visit.toml", BASE);
    let (exit, json) = validate_json(&[dir.path()], &[]);
    assert_eq!(exit, 0);
    let codes: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["H093", "H093"]);
    assert_eq!(json["files"], 1, "the look-alikes were not checked");
}

#[test]
fn hidden_files_and_folders_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "first-visit.toml", BASE);
    write(dir.path(), ".taplo.toml", "[formatting]\nalign_entries = true\n");
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    write(&dir.path().join(".git"), "config.toml", "x = 1\n");
    let (exit, json) = validate_json(&[dir.path()], &[]);
    assert_eq!((exit, &json["files"], &json["diagnostics"]), (0, &1.into(), &serde_json::json!([])));
}

#[test]
fn a_copy_of_a_built_in_id_is_an_error_naming_the_built_in() {
    let dir = tempfile::tempdir().unwrap();
    let copy = write(dir.path(), "back-after-relapse.toml", replace(BASE, "first-visit", "back-after-relapse"));
    let (exit, json) = validate_json(&[&copy], &[]);
    assert_eq!(exit, 1);
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "H034");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(1), Some(6)), "the copy is the primary place");
    assert_eq!(d["related"][0]["file"], "(built-in) back-after-relapse.toml");
    assert_eq!(d["related"][0]["line"], 2);
    assert_eq!(d["related"][0]["message"], "the id is first used here");
}

#[test]
fn the_built_in_library_s_own_files_are_not_copies_of_themselves() {
    // CI validates the folder the built-in scenarios are compiled from: the same text is the
    // same scenario, not a second one with its id. An edited copy still is one (above).
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/back-after-relapse.toml");
    let (exit, json) = validate_json(&[&source], &[]);
    assert_eq!((exit, &json["diagnostics"]), (0, &serde_json::json!([])));
}

#[test]
fn an_id_that_is_not_the_file_name_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "evening.toml", BASE);
    let (exit, json) = validate_json(&[&path], &[]);
    assert_eq!(exit, 0, "a warning");
    assert_eq!(json["diagnostics"][0]["code"], "H037");
    assert_eq!(
        json["diagnostics"][0]["help"],
        "name the file first-visit.toml, or change the id to match the file: one name for both finds the file from the id"
    );
}

#[test]
fn deny_warnings_says_why_it_failed() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "evening.toml", BASE);
    let r = run(["validate".as_ref(), "--deny-warnings".as_ref(), path.as_os_str()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.ends_with(
            "1 file checked: 0 errors, 1 warning.\nFailed: warnings count as errors here (--deny-warnings).\n"
        ),
        "{}",
        r.stdout
    );
    let r =
        run(["validate".as_ref(), "--deny-warnings".as_ref(), "--format".as_ref(), "json".as_ref(), path.as_os_str()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("warnings count as errors here (--deny-warnings)"), "{}", r.stderr);
    serde_json::from_str::<serde_json::Value>(&r.stdout).expect("stdout stays one JSON object");
}

#[test]
fn test_failures_are_located_diagnostics_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let tests = "\n[[tests]]\nname = \"passes\"\nchoices = [1]\nending = \"thanks\"\n\n[[tests]]\nname = \"two things wrong\"\nchoices = [2]\nending = \"thanks\"\nmax_score = 10\n";
    let path = write(dir.path(), "first-visit.toml", two_endings(tests));
    let text = std::fs::read_to_string(&path).unwrap();
    let line_of =
        |needle: &str, nth: usize| text.lines().enumerate().filter(|(_, l)| l.contains(needle)).nth(nth).unwrap().0 + 1;

    // Human: both expectations that failed, each located; the last line is the tally.
    let r = run(["test".as_ref(), path.as_os_str()]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("error[H055]: expected the ending `thanks`, but reached `left` (poor)"), "{}", r.stdout);
    assert!(
        r.stdout.contains("error[H056]: the overall score was"),
        "a wrong ending does not hide the score: {}",
        r.stdout
    );
    assert!(r.stdout.ends_with("1 passed, 1 failed\n"), "{}", r.stdout);

    // JSON: the shape of `validate --format json`, each failure at its place in the test.
    let r = run(["test".as_ref(), "--format".as_ref(), "json".as_ref(), path.as_os_str()]);
    assert_eq!(r.code, 1);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!((json["files"].as_u64(), json["errors"].as_u64()), (Some(1), Some(2)));
    let d = json["diagnostics"].as_array().unwrap();
    assert_eq!(d[0]["code"], "H055");
    assert_eq!(
        (d[0]["line"].as_u64(), d[0]["column"].as_u64()),
        (Some(line_of("ending = \"thanks\"", 1) as u64), Some(10))
    );
    assert_eq!(d[0]["message"], "test \"two things wrong\": expected the ending `thanks`, but reached `left` (poor)");
    assert_eq!(d[0]["help"], "path taken: opening -2-> left");
    assert_eq!(d[1]["code"], "H056");
    assert_eq!(d[1]["line"].as_u64(), Some(line_of("[[tests]]", 1) as u64), "at the test's header");
    assert!(r.stderr.contains("1 passed, 1 failed"), "{}", r.stderr);

    // GitHub: one annotation per failure.
    let r = run(["test".as_ref(), "--format".as_ref(), "github".as_ref(), path.as_os_str()]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert!(
        lines[0].starts_with(&format!(
            "::error file={},line={},col=10,title=H055::test \"two things wrong\"",
            path.display(),
            line_of("ending = \"thanks\"", 1)
        )),
        "{}",
        lines[0]
    );
}

#[test]
fn tests_of_a_file_with_errors_fail_as_one_located_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "first-visit.toml", replace(BASE, "next = \"thanks\"", "next = \"thank\""));
    let r = run(["test".as_ref(), "--format".as_ref(), "json".as_ref(), path.as_os_str()]);
    assert_eq!(r.code, 1);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["code"], "H058");
    assert!(json["diagnostics"][0]["message"].as_str().unwrap().contains("[H030]"));
}

#[test]
fn explain_with_no_code_lists_every_code() {
    let r = run(["explain"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for c in Code::ALL {
        assert!(r.stdout.contains(&format!("  {c}  ")), "{c} is listed");
        assert!(r.stdout.contains(c.title()), "with its title");
    }
    let r = run(["explain", "H999"]);
    assert!(!r.stderr.contains("run from"), "no claim about a range of codes: {}", r.stderr);
    assert!(r.stderr.contains("`hearken explain` with no code lists them all"), "{}", r.stderr);
}

#[test]
fn a_huge_text_is_shown_as_one_clipped_line() {
    // 150 KB of dialogue over a few long lines: one H006, a few lines of output, not the text.
    let dir = tempfile::tempdir().unwrap();
    let long_line = "Sam talks and talks. ".repeat(1_400);
    let huge = format!("\"\"\"{}\n{long_line}\n{long_line}\n{long_line}\n{long_line}\"\"\"", long_line);
    let path = write(
        dir.path(),
        "first-visit.toml",
        replace(BASE, "\"Sam, 28, has come to the peer group for the first time.\"", &huge),
    );
    assert!(std::fs::metadata(&path).unwrap().len() > 140_000);
    let r = hearken().args(["validate".as_ref(), path.as_os_str()]).env("COLUMNS", "80").output().unwrap();
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert!(stdout.contains("error[H006]"), "{stdout}");
    assert!(stdout.len() < 2_000, "{} bytes of output", stdout.len());
    for line in stdout.lines() {
        assert!(line.chars().count() <= 80 + 40, "cut to the terminal's width: {line}");
    }
}

#[test]
fn the_map_draws_one_arrow_per_target_pitfalls_dashed_and_the_real_branch_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let text = replace(
        BASE,
        "next = \"thanks\"\n\n[nodes",
        "next = [ { trust_at_least = 3, go = \"thanks\" }, { trust_at_least = -5, go = \"left\" }, { go = \"thanks\" } ]\n\n[[nodes.opening.options]]\ntext = \"You should try harder.\"\nskills = [\"advice\"]\nfeedback = \"Advice.\"\nnext = \"thanks\"\n\n[nodes",
    );
    let text = format!("{text}\n[nodes.left]\nsays = [\"Bye.\"]\nending = \"poor\"\noutcome = \"Sam left.\"\n");
    let path = write(dir.path(), "first-visit.toml", text);
    let r = run(["graph".as_ref(), path.as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let arrows: Vec<&str> = r.stdout.lines().filter(|l| l.contains(" -> ")).collect();
    assert_eq!(
        arrows,
        [
            "  \"opening\" -> \"thanks\" [label=\"1: reflection, validation\\n2: open-question (trust 3..5)\\n2: open-question (never: an earlier branch always wins)\"];",
            "  \"opening\" -> \"left\" [label=\"2: open-question (trust -5..2)\"];",
            "  \"opening\" -> \"thanks\" [label=\"✗ 3: advice\", style=dashed, color=red3, fontcolor=red3];",
        ],
        "{}",
        r.stdout
    );
    let r = run(["graph".as_ref(), path.as_os_str(), "--format".as_ref(), "mermaid".as_ref()]);
    assert!(r.stdout.contains("  n0 -.->|\"✗ 3: advice\"| n1"), "{}", r.stdout);
}

#[test]
fn graph_by_id_points_at_the_file_beside_you() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "first-visit.toml", BASE);
    let out = hearken().args(["graph", "first-visti"]).current_dir(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`first-visit.toml` is in this folder"), "{err}");
    assert!(err.contains("hearken --scenarios . graph first-visit"), "{err}");
    let out = hearken().args(["--scenarios", ".", "graph", "first-visit"]).current_dir(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn branch_ranges_say_which_rapport_takes_each_branch() {
    use hearken_engine::scenario::graph::branch_ranges;
    use hearken_engine::scenario::{Branch, NodeId};
    let b = |t: Option<i32>| Branch { trust_at_least: t, go: NodeId(0) };
    assert_eq!(branch_ranges(&[b(Some(3)), b(None)]), [Some((3, 5)), Some((-5, 2))]);
    assert_eq!(branch_ranges(&[b(Some(0)), b(Some(3)), b(None)]), [Some((0, 5)), None, Some((-5, -1))]);
    assert_eq!(branch_ranges(&[b(Some(-5)), b(None)]), [Some((-5, 5)), None]);
}

#[test]
fn a_test_ending_written_as_a_kind_says_tests_name_the_ending_node() {
    // In a node `ending = "good"` is a kind; in a test `ending` names the node to reach.
    let dir = tempfile::tempdir().unwrap();
    let tests = "\n[[tests]]\nname = \"kind, not node\"\nchoices = [1]\nending = \"good\"\n";
    let path = write(dir.path(), "first-visit.toml", two_endings(tests));
    let (exit, json) = validate_json(&[&path], &[]);
    assert_eq!(exit, 1);
    let d = json["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "H030").expect("H030");
    let help = d["help"].as_str().unwrap();
    assert!(help.contains("names the ending node") && help.contains("not its kind `good`"), "{d}");
}
