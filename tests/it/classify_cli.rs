//! `hearken classify` through the binary: one answer in words and as JSON (docs/command-line.md), a batch of
//! JSON lines, and the bad input an instructor's file can hold.

use crate::common::{hearken, run, stderr, stdout};
use serde_json::Value;

fn classify(args: &[&str], stdin: &[u8]) -> std::process::Output {
    run(hearken().arg("classify").args(args), stdin)
}

#[test]
fn one_answer_in_words_names_each_skill_with_its_cue() {
    let o = classify(&["what happened last weekend? you should call your sponsor"], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Heard: open question, advice\n"), "{out}");
    assert!(out.contains("  open question (open-question): starts with 'what'"), "{out}");
    assert!(out.contains("  advice (advice): 'you should'"), "{out}");
    assert!(out.ends_with("Reflection: none. Question: open.\n"), "{out}");
}

#[test]
fn json_has_exactly_the_keys_of_the_contract_in_order() {
    let o = classify(
        &["so you're running on empty", "--context", "I'm running on empty, honestly.", "--format", "json"],
        b"",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1);
    assert!(out.starts_with(r#"{"text":"so you're running on empty","question":"none","reflection":"simple","skills":["reflection"],"cues":["#), "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_object().unwrap().len(), 5);
}

#[test]
fn the_context_changes_what_is_heard() {
    let with = classify(&["you're exhausted", "--context", "I'm exhausted.", "--format", "json"], b"");
    let without = classify(&["you're exhausted", "--format", "json"], b"");
    let r = |o: &std::process::Output| serde_json::from_str::<Value>(&stdout(o)).unwrap()["reflection"].clone();
    assert_eq!(r(&with), "simple");
    assert_eq!(r(&without), "complex");
}

#[test]
fn another_language_is_not_recognised_and_said_so_plainly() {
    let o = classify(&["Wie geht es dir?"], b"");
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.starts_with("Heard: nothing\n  not recognised"), "{out}");
}

#[test]
fn escape_sequences_never_reach_the_output() {
    let o = classify(&["you sound \x1b[31mexhausted\x1b]0;pwned\x07", "--format", "json"], b"");
    let out = stdout(&o);
    assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
    assert!(out.contains(r#""text":"you sound exhausted""#), "{out}");
}

#[test]
fn a_paste_is_cut_at_the_limit_with_a_message() {
    let long = "you sound tired ".repeat(700);
    let o = classify(&[&long, "--format", "json"], b"");
    assert!(o.status.success());
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["text"].as_str().unwrap().chars().count() <= hearken_engine::typed::MAX_ANSWER_CHARS);
    assert!(stderr(&o).contains("keeps the first 1000"), "{}", stderr(&o));
}

#[test]
fn a_batch_gives_one_result_a_line_in_order() {
    let input = concat!(
        r#"{"context": "I'm so tired of all of it.", "text": "you're tired of all of it"}"#,
        "\n\n",
        r#"{"context": ["I used again.", "Last weekend."], "text": "why did you use again"}"#,
        "\r\n",
        r#"{"text": "have you tried going for a walk?"}"#,
        "\n"
    );
    let o = classify(&["--jsonl"], input.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["skills"], serde_json::json!(["reflection"]));
    assert_eq!(lines[1]["skills"], serde_json::json!(["why-question"]));
    assert!(lines[2]["skills"].as_array().unwrap().contains(&"advice".into()));
}

#[test]
fn an_empty_batch_prints_nothing() {
    let o = classify(&["--jsonl"], b"");
    assert!(o.status.success());
    assert_eq!(stdout(&o), "");
    let o = classify(&["--jsonl"], b"\n  \n");
    assert!(o.status.success());
    assert_eq!(stdout(&o), "");
}

#[test]
fn invalid_utf8_or_json_names_the_line_and_exits_1() {
    let o = classify(&["--jsonl"], b"{\"text\": \"ok\"}\n{\"text\": \"caf\xe9\"}\n");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().count(), 1, "the good line before it is answered");
    assert!(stderr(&o).contains("line 2 of standard input is not valid UTF-8"), "{}", stderr(&o));

    for (input, says) in [
        (&b"{\"text\": \"ok\"}\n{\"text\": \n"[..], "line 2 of standard input is not valid JSON"),
        (b"[1, 2]\n", "line 1 of standard input is not a JSON object"),
        (b"{\"context\": \"hi\"}\n", "line 1 of standard input has no `text`"),
        (b"{\"text\": 3}\n", "`text` that is not a string"),
        (b"{\"text\": \"a\", \"context\": [1]}\n", "`context` list holding something other than strings"),
        (b"{\"text\": \"a\", \"contxt\": \"b\"}\n", "unknown key `contxt`"),
    ] {
        let o = classify(&["--jsonl"], input);
        assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(input));
        assert!(stderr(&o).contains(says), "{}", stderr(&o));
    }
}

#[test]
fn the_answer_can_come_on_standard_input() {
    let o = classify(&["--format", "json"], b"what was that like for you?\n");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(r#""question":"open""#), "{}", stdout(&o));
}

#[test]
fn the_same_answer_gives_the_same_bytes_every_time() {
    let a = classify(&["Sounds like part of you wanted to stay away", "--format", "json"], b"");
    let b = classify(&["Sounds like part of you wanted to stay away", "--format", "json"], b"");
    assert_eq!(a.stdout, b.stdout);
}

// --- The classifier check in `hearken validate` (H070) -------------------------------------------

#[test]
fn validate_warns_where_labels_and_words_disagree_unless_told_not_to() {
    let fixture = "tests/fixtures/diagnostics/H070-labels-and-words.toml";
    let o = run(hearken().args(["validate", "--format", "json", fixture]), b"");
    let mut v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    // Only the classifier's warnings (the fixture's name is not its id: H037 is not the point).
    v["diagnostics"].as_array_mut().unwrap().retain(|d| d["code"] == "H070");
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 3, "{v}");
    let first = &v["diagnostics"][0];
    assert_eq!(first["code"], "H070");
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .starts_with("option 1 at node `opening` is labelled `open-question`, but its words ask no question"),
        "{first}"
    );
    let o = run(hearken().args(["validate", "--format", "json", "--no-classifier-check", fixture]), b"");
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["diagnostics"].as_array().unwrap().iter().all(|d| d["code"] != "H070"), "{v}");
}

#[test]
fn the_built_in_library_raises_no_classifier_warning() {
    let o = run(hearken().args(["validate", "--format", "json", "scenarios/"]), b"");
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let h070: Vec<&Value> = v["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == "H070").collect();
    assert!(h070.is_empty(), "{h070:?}");
}
