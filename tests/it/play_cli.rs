//! `hearken play --script`, `hearken play --plain` and `hearken test` through the binary, as
//! instructors and CI use them: transcripts and JSON (golden files), bad scripts, determinism,
//! rubric files, line-by-line play with and without animation, and the test runner's report.

use crate::common::{stderr, stdout};
use hearken_engine::rubric::RubricTable;
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixture(name: &str) -> String {
    fixture_path(name).display().to_string()
}

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/engine").join(name)
}

/// Runs `hearken ARGS` with `stdin`, in an empty data folder, without colour.
fn hearken(args: &[&str], stdin: &str) -> Output {
    let data = tempfile::tempdir().unwrap();
    crate::common::run(crate::common::hearken().args(args).env("HEARKEN_DATA_DIR", data.path()), stdin.as_bytes())
}

fn script(scenario: &str, choices: &str, extra: &[&str]) -> Output {
    let mut args = vec!["play", scenario, "--script", "-"];
    args.extend_from_slice(extra);
    hearken(&args, choices)
}

/// The choices of a built-in scenario's first `[[tests]]` block: its listening path.
fn listening_path(id: &str) -> String {
    let lib = hearken::library::built_in(&RubricTable::builtin());
    let scenario = lib.find(id).unwrap_or_else(|| panic!("no built-in scenario {id}"));
    let test = scenario.tests.first().unwrap_or_else(|| panic!("{id} has no [[tests]]"));
    test.choices.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(" ")
}

// --- Golden transcripts ------------------------------------------------------------------------

#[test]
fn golden_worked_example_transcript_and_json() {
    let text = script(&fixture("worked-example.toml"), "1 2 !3", &[]);
    assert!(text.status.success(), "{}", stderr(&text));
    insta::assert_snapshot!("worked_example_transcript", stdout(&text));
    let json = script(&fixture("worked-example.toml"), "1 2 !3", &["--json"]);
    assert!(json.status.success());
    insta::assert_snapshot!("worked_example_json", stdout(&json));
}

#[test]
fn golden_built_in_listening_paths() {
    for id in ["back-after-relapse", "cant-switch-off"] {
        let choices = listening_path(id);
        let text = script(id, &choices, &[]);
        assert!(text.status.success(), "{id} {choices}: {}", stderr(&text));
        insta::assert_snapshot!(format!("{id}_listening_transcript"), stdout(&text));
        let json = script(id, &choices, &["--json"]);
        assert!(json.status.success());
        insta::assert_snapshot!(format!("{id}_listening_json"), stdout(&json));
    }
}

#[test]
fn every_built_in_listening_path_plays_headless_to_a_good_ending() {
    let lib = hearken::library::built_in(&RubricTable::builtin());
    for scenario in lib.scenarios() {
        let choices = listening_path(&scenario.id);
        let out = script(&scenario.id, &choices, &["--json"]);
        assert!(out.status.success(), "{} {choices}: {}", scenario.id, stderr(&out));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(v["scenario"], scenario.id.as_str());
        if scenario.tests[0].name.contains("listening path") {
            assert_eq!(v["ending_kind"], "good", "{}: the listening path ends well", scenario.id);
        }
        for key in ["reflective_listening", "open_questions", "non_interruption", "validation", "overall"] {
            let s = &v["scores"][key];
            assert!(s.is_null() || s.as_u64().is_some_and(|n| n <= 100), "{}: {key} = {s}", scenario.id);
        }
    }
}

// --- Determinism and naming ------------------------------------------------------------------

#[test]
fn the_same_seed_and_choices_give_byte_identical_output() {
    for extra in [&["--seed", "99"][..], &["--seed", "99", "--json"][..]] {
        let a = script(&fixture("worked-example.toml"), "2 3 2", extra);
        let b = script(&fixture("worked-example.toml"), "2 3 2", extra);
        assert!(a.status.success());
        assert_eq!(a.stdout, b.stdout);
    }
    let json = stdout(&script(&fixture("worked-example.toml"), "2 3 2", &["--seed", "99", "--json"]));
    assert!(json.starts_with("{\"scenario\":\"worked-example\",\"seed\":99,"), "{json}");
    let text = stdout(&script(&fixture("worked-example.toml"), "2 3 2", &["--seed", "99"]));
    assert!(text.starts_with("The letter (worked example), with Jordan (seed 99)\n"), "{text}");
}

#[test]
fn a_scenario_is_named_by_id_or_by_path() {
    let by_id = script("back-after-relapse", &listening_path("back-after-relapse"), &["--json"]);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/back-after-relapse.toml");
    let by_path = script(&path.display().to_string(), &listening_path("back-after-relapse"), &["--json"]);
    assert!(by_id.status.success() && by_path.status.success());
    assert_eq!(by_id.stdout, by_path.stdout);

    let unknown = script("back-after-relaps", "1", &[]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("mean `back-after-relapse`?"), "{}", stderr(&unknown));
}

// --- Scripts that do not fit ------------------------------------------------------------------

/// Exit 1, one message on standard error naming the decision and what was given, the options
/// there listed, nothing on standard output, no panic.
fn refused(choices: &str, extra: &[&str], expect: &[&str]) -> String {
    let out = script(&fixture("worked-example.toml"), choices, extra);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{choices}: {err}");
    assert!(out.stdout.is_empty(), "{choices}: nothing is printed when the script does not fit");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.matches("hearken:").count(), 1, "one message: {err}");
    for e in expect {
        assert!(err.contains(e), "{choices}: expected {e:?} in\n{err}");
    }
    err
}

const MIDDLE_OPTIONS: &str = "The options there are:
  1. What has it been like, telling people?
  2. Have you told your mum yet?
  3. Of course it stings, with everyone waiting to hear.
";

#[test]
fn an_unknown_option_number_names_the_decision_and_the_options() {
    let err = refused("1 4 1", &[], &["decision 2 (at `middle`)", "`4` is not one of the options", "options 1 to 3"]);
    assert!(err.ends_with(MIDDLE_OPTIONS), "{err}");
    refused("1 0", &[], &["decision 2 (at `middle`)", "`0` is not one of the options"]);
    refused("1 !7", &[], &["decision 2", "`!7`"]);
    refused("99999999999999999999999", &[], &["decision 1 (at `opening`)", "`99999999999999999999999`"]);
}

#[test]
fn a_non_number_names_the_decision_and_the_options() {
    let err = refused("1 two", &[], &["decision 2 (at `middle`)", "`two` is not an option number", "options 1 to 3"]);
    assert!(err.ends_with(MIDDLE_OPTIONS), "{err}");
    refused("1 1.5", &[], &["decision 2", "`1.5` is not an option number"]);
    refused("-1", &[], &["decision 1 (at `opening`)", "`-1`"]);
}

#[test]
fn a_script_cannot_send_escape_sequences_to_the_terminal() {
    let err = refused("1 \u{1b}[2J", &[], &["decision 2 (at `middle`)", "is not an option number"]);
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

#[test]
fn a_stray_bang_names_the_decision_and_the_options() {
    let err = refused("1 ! 2", &[], &["decision 2 (at `middle`)", "a `!` on its own", "like !2"]);
    assert!(err.ends_with(MIDDLE_OPTIONS), "{err}");
    refused("1 !!2", &[], &["decision 2", "`!!2` is not an option number"]);
}

#[test]
fn too_many_choices_name_the_ending_reached() {
    refused(
        "1 2 3 1",
        &[],
        &[
            "decision 4: `1` was given",
            "already reached the ending `holds-back` after 3 choices",
            "4 choices were given",
        ],
    );
}

#[test]
fn an_interruption_with_no_animation_is_refused() {
    let err = refused(
        "1 !2",
        &["--no-animation"],
        &["decision 2 (at `middle`)", "`!2` interrupts", "--no-animation", "write 2 instead"],
    );
    assert!(err.ends_with(MIDDLE_OPTIONS), "{err}");
}

#[test]
fn comments_and_line_breaks_in_a_script_are_fine_and_a_short_script_stops_early() {
    let out = script(&fixture("worked-example.toml"), "# the worked example\n1   # a reflection\n2\n!3\n", &["--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("\"overall\":54"));
    let short = script(&fixture("worked-example.toml"), "1", &[]);
    assert!(short.status.success());
    // Said once: not again as a reason for "not yet".
    assert_eq!(stdout(&short).matches("before it ended").count(), 1, "{}", stdout(&short));
    assert!(!stdout(&short).contains("left before an ending"), "{}", stdout(&short));
}

#[test]
fn an_unreadable_script_is_a_usage_error() {
    let out = hearken(&["play", &fixture("worked-example.toml"), "--script", "no-such-script.txt"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read the script no-such-script.txt"), "{}", stderr(&out));
}

// --- Rubric files ------------------------------------------------------------------------------

#[test]
fn a_rubric_file_changes_the_scores() {
    // The default table with no speech points: non-interruption only scores skills, and in
    // "2 3 2" the reference options carry none, so it is not assessed (as with --no-animation).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quiet.toml");
    let text = RubricTable::default_text().replace("[speech]\n", "[speech]\n# no speech points\n");
    let text = text.replacen("non_interruption = 2\n", "non_interruption = 0\n", 1);
    std::fs::write(&path, text).unwrap();
    let out = script(&fixture("worked-example.toml"), "2 3 2", &["--json", "--rubric", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["scores"]["non_interruption"], serde_json::Value::Null);
    // q: 1, 1 and (2 + 0) / (3 + 0) = 2/3: overall 100 x 8/9 = 88.9 -> 89.
    assert_eq!(v["scores"]["overall"], 89);
}

#[test]
fn a_bad_rubric_file_is_reported_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    let text = RubricTable::default_text().replace("[skills.summary]", "[skills.sumary]");
    std::fs::write(&path, text).unwrap();
    let out = script(&fixture("worked-example.toml"), "1 2 3", &["--rubric", path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty());
    let line = RubricTable::default_text().lines().position(|l| l == "[skills.summary]").unwrap() + 1;
    assert!(err.contains("unknown skill code `sumary`"), "{err}");
    assert!(err.contains("did you mean `summary`?"), "{err}");
    assert!(err.contains(&format!("bad.toml:{line}:9")), "{err}");
    assert!(err.contains("has no entry for `summary`"), "{err}");
}

// --- hearken test ---------------------------------------------------------------------------------

#[test]
fn test_reports_each_failure_with_the_path_taken_and_what_differed() {
    let out = hearken(&["test", &fixture("test-command/failing-tests.toml")], "");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let file = fixture("test-command/failing-tests.toml");
    let expected = format!(
        "\
ok    failing-tests: the listening path passes (score 100)
FAIL  failing-tests: advice does not reach the warm ending
      error[H055]: expected the ending `warm`, but reached `cool` (poor)
      --> {file}:73:10
      path taken: opening -2-> middle -1-> cool
FAIL  failing-tests: a judgment scores more than this test allows
      error[H056]: the overall score was 50, outside the expected 0 to 40
      --> {file}:75:1
      path taken: opening -1-> middle -2-> cool
FAIL  failing-tests: one choice is not enough
      error[H054]: the choices ran out after 1 decision, at node `middle`, before an ending
      --> {file}:80:1
      path taken: opening -1-> middle
FAIL  failing-tests: three choices are too many
      error[H053]: decision 3: `1` was given, but the conversation had already reached the ending `warm` after 2 choices, so there were no options left (3 choices were given)
      --> {file}:86:18
      path taken: opening -1-> middle -1-> warm
FAIL  failing-tests: there is no option 4
      error[H053]: decision 1 (at `opening`): `4` is not one of the options there; it has options 1 to 3
      --> {file}:90:12
      path taken: opening
1 passed, 5 failed
"
    );
    assert_eq!(text, expected);
}

#[test]
fn test_passes_on_the_worked_example_and_exits_0() {
    let out = hearken(&["test", &fixture("worked-example.toml")], "");
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).ends_with("2 passed, 0 failed\n"), "{}", stdout(&out));
}

#[test]
fn test_runs_every_built_in_scenario_and_ends_with_the_tally() {
    let out = hearken(&["test"], "");
    let text = stdout(&out);
    let last = text.lines().last().unwrap_or_default();
    let (passed, failed) = last.split_once(" passed, ").expect("the last line is the tally");
    let passed: usize = passed.parse().unwrap();
    let failed: usize = failed.strip_suffix(" failed").unwrap().parse().unwrap();
    let lib = hearken::library::built_in(&RubricTable::builtin());
    let tests: usize = lib.scenarios().map(|s| s.tests.len()).sum();
    assert_eq!(passed + failed, tests);
    for s in lib.scenarios() {
        assert!(text.contains(&format!("  {}: ", s.id)), "{} is not in the run", s.id);
    }
    assert_eq!(out.status.code(), Some(if failed == 0 { 0 } else { 1 }));
    assert_eq!(failed, 0, "every built-in scenario's tests pass:\n{text}");
}

// --- hearken play --plain ------------------------------------------------------------------------

#[test]
fn plain_without_animation_plays_line_by_line_and_names_options_as_shown() {
    let out = hearken(
        &["play", &fixture("worked-example.toml"), "--plain", "--no-animation", "--seed", "10", "--no-history"],
        "h\n1\n1\n1\n",
    );
    let text = stdout(&out);
    assert!(out.status.success(), "{}{}", text, stderr(&out));
    assert!(text.starts_with("The letter (worked example)\nJordan, 22,"), "{text}");
    assert!(text.contains("Jordan: I got the letter today.\n(Jordan pauses.)\nJordan: I didn't get in. Again.\n"));
    assert!(text.contains("Hint: Jordan has said two things: the news, and 'again'."));
    assert!(!text.contains("cut off"), "nobody can interrupt without animation");
    assert!(text.contains("Ending ("), "{text}");
    assert!(text.contains("(Non-interruption is scored from skills alone"), "{text}");
    assert!(text.contains("Interruptions 0, hints 1"), "{text}");
    // "Better: ... (option N" names the option by where it was shown, not by file order.
    let mut menu: Vec<String> = Vec::new();
    let mut checked = 0;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("  ").filter(|l| l.as_bytes().first().is_some_and(u8::is_ascii_digit)) {
            if rest.starts_with("1. ") {
                menu.clear();
            }
            menu.push(rest.to_string());
        }
        if let Some(better) = line.trim_start().strip_prefix("Better: \"") {
            let (said, rest) = better.split_once("\" (option ").unwrap();
            let n: usize = rest.split(':').next().unwrap().parse().unwrap();
            assert_eq!(menu[n - 1], format!("{n}. {said}"), "{text}");
            checked += 1;
        }
    }
    assert_eq!(checked, 2, "{text}");
    // With seed 10 the open question, option 1 in the file, was shown third.
    assert!(text.contains("telling people?\" (option 3: Open question)"), "{text}");
}

#[test]
fn plain_with_animation_cuts_the_peer_off_when_the_answer_comes_early() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    // timing.toml at half speed: "0123456789" 0-1 s, a 2 s pause, "Done." 3-3.5 s. Option 1
    // (`after = 1`) is listed when the first line is said; answering it then, during the pause,
    // cuts Sam off. An answer typed before any option is shown would be refused, so the test
    // answers only once it has read the option.
    let data = tempfile::tempdir().unwrap();
    let mut child = crate::common::hearken()
        .args(["play", &fixture("timing.toml"), "--plain", "--pace", "0.5", "--seed", "3", "--no-history"])
        .env("HEARKEN_DATA_DIR", data.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the hearken binary starts");
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut text = String::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        text.push_str(&line);
        text.push('\n');
        if line.starts_with("(Sam is still talking") {
            break;
        }
    }
    assert!(text.contains("Sam: 0123456789\n"), "{text}");
    assert!(!text.contains("Done."), "only the first line is said when the option appears:\n{text}");
    writeln!(stdin, "1").unwrap();
    drop(stdin);
    for line in lines {
        text.push_str(&line.unwrap());
        text.push('\n');
    }
    assert!(child.wait().unwrap().success(), "{text}");
    assert!(text.contains("(Sam is cut off.)"), "{text}");
    assert!(text.contains("You cut in while Sam was still speaking"), "{text}");
    assert!(!text.contains("Sam: Done."), "what Sam had not said yet is lost:\n{text}");
    assert_eq!(text.matches("You left the conversation before it ended.").count(), 1, "{text}");
    assert!(text.contains("Interruptions 1"), "{text}");
}

#[test]
fn from_starts_at_a_node_for_authors_and_is_never_recorded() {
    // The worked example from `middle`: two decisions, the first of them at `middle`.
    let out = script(&fixture("worked-example.toml"), "3 2", &["--from", "middle", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let nodes: Vec<&str> = v["decisions"].as_array().unwrap().iter().map(|d| d["node"].as_str().unwrap()).collect();
    assert_eq!(nodes, ["middle", "closing"]);

    // An unknown node is a usage error with a did-you-mean.
    let out = script(&fixture("worked-example.toml"), "1", &["--from", "midle"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no node `midle`") && stderr(&out).contains("did you mean `middle`?"),
        "{}",
        stderr(&out)
    );

    // Never recorded: not with --record, and not from --plain.
    let out = script(&fixture("worked-example.toml"), "1", &["--from", "middle", "--record"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let data = tempfile::tempdir().unwrap();
    let out = crate::common::run(
        crate::common::hearken()
            .args(["play", &fixture("worked-example.toml"), "--plain", "--no-animation", "--from", "closing"])
            .env("HEARKEN_DATA_DIR", data.path()),
        b"2\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Jordan: I don't know what I'm going to do now."), "{}", stdout(&out));
    assert!(!stdout(&out).contains("I got the letter today."), "it starts at `closing`:\n{}", stdout(&out));
    assert!(!data.path().join(hearken::store::FILE_NAME).exists(), "a --from session is not recorded");
}
