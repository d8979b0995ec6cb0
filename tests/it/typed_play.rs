//! Type mode through the binary: `play --script` with typed answers (`> words`), and (below)
//! `--plain --type`. Fixture: tests/fixtures/engine/typed.toml.

use crate::common::{hearken, run, stderr, stdout};
use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/engine/typed.toml";

fn script(text: &str, extra: &[&str]) -> std::process::Output {
    let data = tempfile::tempdir().unwrap();
    run(
        hearken().args(["play", FIXTURE, "--script", "-"]).args(extra).env("HEARKEN_DATA_DIR", data.path()),
        text.as_bytes(),
    )
}

#[test]
fn the_script_transcript_shows_the_typed_words_what_was_heard_and_the_closest_and_best_options() {
    let o = script("> you should talk to HR about it\n", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("You: you should talk to HR about it\n"), "{out}");
    assert!(out.contains("   ✗ harmful: Unasked-for advice"), "{out}");
    assert!(out.contains("   Heard: advice — because 'you should'"), "{out}");
    assert!(out.contains("   Closest option: \"You should talk to HR about your manager.\" (option 4: "), "{out}");
    assert!(out.contains("   Best option: \"Sounds like you're carrying more than anyone could"), "{out}");
}

#[test]
fn the_json_report_has_the_typed_fields() {
    let o = script("!> you're exhausted\n", &["--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let d = &v["decisions"][0];
    assert_eq!(d["typed"], "you're exhausted");
    assert_eq!(d["heard"], serde_json::json!(["reflection"]));
    assert_eq!(d["matched"], 1);
    assert_eq!(d["option"], 1);
    assert_eq!(d["interrupted"], true);
    assert!(d.get("corrected").is_none());
    assert!(d["cues"][0].as_str().unwrap().contains("exhausted"));
}

#[test]
fn escape_sequences_in_a_typed_script_line_never_reach_the_output() {
    let o = script("> what has \x1b]0;pwned\x07the week been like\n", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!o.stdout.contains(&0x1b) && !o.stdout.contains(&0x07));
    assert!(stdout(&o).contains("You: what has the week been like\n"));
}

#[test]
fn a_recorded_typed_session_keeps_the_words_and_the_heard_skills() {
    let data = tempfile::tempdir().unwrap();
    let o = run(
        hearken().args(["play", FIXTURE, "--script", "-", "--record"]).env("HEARKEN_DATA_DIR", data.path()),
        b"> you should talk to HR about it\n",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let db = rusqlite::Connection::open(data.path().join(hearken::store::FILE_NAME)).unwrap();
    let (mode,): (String,) = db.query_row("SELECT mode FROM sessions", [], |r| Ok((r.get(0)?,))).unwrap();
    assert_eq!(mode, "type");
    let (typed, heard, corrected, option): (String, String, bool, i64) = db
        .query_row("SELECT typed, heard, corrected, option FROM decisions", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    assert_eq!(typed, "you should talk to HR about it");
    assert_eq!(heard, "advice");
    assert!(!corrected);
    assert_eq!(option, 4);
}
