//! `hearken history`: after some practice, the table says which skill improved and which did
//! not; JSON and CSV hold the documented keys and columns.

use crate::store_common;

use std::path::Path;
use store_common::*;

fn history(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = hearken().arg("history").arg("--data-dir").arg(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Early sessions change the topic but validate; later ones reflect but minimize; the last is
/// left after one answer.
fn practised(fixture: &Fixture, dir: &Path) {
    for script in ["2 1 1", "2 1 1", "2 1 1", "1 2 1", "1 2 1", "1 2 1", "1"] {
        assert_eq!(record_script(fixture, dir, script), (0, String::new()));
    }
}

fn line_starting<'a>(text: &'a str, start: &str) -> &'a str {
    text.lines().find(|l| l.starts_with(start)).unwrap_or_else(|| panic!("no line starting {start:?} in\n{text}"))
}

#[test]
fn with_no_history_it_says_so_and_creates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (code, out, err) = history(&dir, &[]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("No practice sessions are saved yet"), "{out}");
    assert!(!dir.exists());
    let (code, out, _) = history(&dir, &["--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["sessions"], serde_json::json!([]));
}

#[test]
fn the_table_shows_which_skill_improved_and_which_did_not() {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = fixture();
    practised(&fixture, tmp.path());
    let (code, out, err) = history(tmp.path(), &[]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("6 finished sessions"), "{out}");
    let rl = line_starting(&out, "Reflective listening");
    assert!(rl.contains("↑ improved by 100 (now Exemplary)"), "{rl}");
    assert!(line_starting(&out, "Validation").contains("↓ dropped by 100 (now Beginning)"), "{out}");
    assert!(line_starting(&out, "Non-interruption").contains("→ no clear change"), "{out}");
    assert!(line_starting(&out, "Open questions").contains("not assessed yet"), "{out}");
    // Newest first, the unfinished one included.
    let first_session = out.lines().skip_while(|l| !l.trim_start().starts_with("#  When")).nth(1).unwrap();
    assert!(first_session.contains("practice-run") && first_session.contains("left after 1 choice "), "{out}");
    assert!(!out.contains('\x1b'), "colour without a terminal");
}

#[test]
fn json_lists_sessions_oldest_first_with_the_documented_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = fixture();
    practised(&fixture, tmp.path());
    let (code, out, _) = history(tmp.path(), &["--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let sessions = v["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 7);
    let ids: Vec<i64> = sessions.iter().map(|s| s["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5, 6, 7]);
    let keys: Vec<&str> = sessions[0].as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec![
        "id",
        "scenario",
        "content_hash",
        "seed",
        "started_at",
        "ended_at",
        "finished",
        "ending",
        "ending_kind",
        "scores",
        "band",
        "trust",
        "speech_counted",
        "decisions",
        "interruptions",
        "replay_of",
        "replay",
        "met",
        "scoring_model",
    ];
    expected.sort();
    assert_eq!(keys, expected);
    assert_eq!(
        sessions[0]["scores"],
        serde_json::json!({"reflective_listening": 0, "open_questions": null, "non_interruption": 100,
                           "validation": 100, "safety_boundaries": null, "overall": 67})
    );
    assert_eq!((sessions[0]["ending"].as_str(), sessions[6]["finished"].as_bool()), (Some("heard"), Some(false)));
    let started = sessions[0]["started_at"].as_str().unwrap();
    assert!(started.len() == 20 && started.ends_with('Z') && started.as_bytes()[10] == b'T', "{started}");

    let rl = &v["trends"]["reflective_listening"];
    assert_eq!(
        (rl["first"].as_i64(), rl["recent"].as_i64(), rl["change"].as_str()),
        (Some(0), Some(100), Some("improved"))
    );
    assert_eq!(rl["scores"].as_array().unwrap().len(), 6);
    assert_eq!(v["trends"]["validation"]["change"], "dropped");
    assert_eq!(v["trends"]["open_questions"]["change"], "too_few");
    assert_eq!(v["trends"]["overall"]["change"], "no_clear_change");
}

#[test]
fn csv_has_the_documented_header_and_a_row_per_session() {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = fixture();
    practised(&fixture, tmp.path());
    let (code, out, _) = history(tmp.path(), &["--format", "csv"]);
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some(
            "id,started_at,ended_at,scenario,content_hash,seed,finished,ending,ending_kind,reflective_listening,\
             open_questions,non_interruption,validation,overall,trust,speech_counted,decisions,interruptions,replay_of,\
             safety_boundaries,met,scoring_model"
        )
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 7);
    assert!(rows.iter().all(|r| r.len() == 22));
    assert_eq!(&rows[0][19..], ["", "false", "2"], "no safety score; not met; scored by model 2");
    assert_eq!(&rows[0][6..14], ["true", "heard", "good", "0", "", "100", "100", "67"]);
    assert_eq!(&rows[6][6..9], ["false", "", ""]);
}

#[test]
fn scenario_narrows_the_history_and_a_typo_gets_a_suggestion() {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = fixture();
    practised(&fixture, tmp.path());
    std::fs::write(fixture.dir.path().join("other.toml"), SCENARIO.replace("\"practice-run\"", "\"other-run\""))
        .unwrap();
    let out = crate::common::run(
        hearken()
            .args(["play", "other-run", "--script", "-", "--record", "--data-dir"])
            .arg(tmp.path())
            .arg("--scenarios")
            .arg(fixture.dir.path()),
        b"1 1 1",
    );
    assert!(out.status.success());

    let (_, all, _) = history(tmp.path(), &["--format", "csv"]);
    assert_eq!(all.lines().count(), 1 + 8);
    let (_, one, _) = history(tmp.path(), &["--format", "csv", "--scenario", "other-run"]);
    assert_eq!(one.lines().count(), 1 + 1);
    let (_, table, _) = history(tmp.path(), &["--scenario", "other-run"]);
    assert!(table.contains("of `other-run`: 1 finished session,"), "{table}");
    assert!(!table.contains("practice-run"), "{table}");

    let (code, out, _) = history(tmp.path(), &["--scenario", "practise-run"]);
    assert_eq!(code, 0);
    assert!(out.contains("No sessions of `practise-run` are saved yet.\nDid you mean `practice-run`?"), "{out}");
}

#[test]
fn a_replay_is_listed_as_one_and_left_out_of_the_trends() {
    use hearken::store::Recorder;
    let tmp = tempfile::tempdir().unwrap();
    let sc = scenario();
    let mut s = session(&sc);
    let mut first = Recorder::start(Some(tmp.path()), &s, true, None);
    for option in [2, 1, 1] {
        answer(&mut s, option, 300);
        first.decision(&s);
    }
    first.finish(&s.report(s.turn().end));
    // Replay from decision 2, answering better: not progress.
    let mut replay = s.replay_to(1, 0);
    let mut rec = Recorder::start(Some(tmp.path()), &replay, true, first.session_id());
    for option in [1, 1] {
        answer(&mut replay, option, 300);
        rec.decision(&replay);
    }
    rec.finish(&replay.report(replay.turn().end));

    let (code, out, _) = history(tmp.path(), &[]);
    assert_eq!(code, 0);
    assert!(out.contains("1 finished session"), "{out}");
    assert!(out.contains("(replays not counted)"), "{out}");
    let newest = out.lines().skip_while(|l| !l.trim_start().starts_with("#  When")).nth(1).unwrap();
    assert!(newest.contains("replay of #1: good ending"), "{out}");
    assert!(out.contains("replays are not counted in your progress"), "{out}");

    let (_, out, _) = history(tmp.path(), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let sessions = v["sessions"].as_array().unwrap();
    assert_eq!((sessions[1]["replay"].as_bool(), sessions[1]["replay_of"].as_i64()), (Some(true), Some(1)));
    assert_eq!(sessions[0]["replay"].as_bool(), Some(false));
    assert_eq!(v["trends"]["overall"]["scores"].as_array().unwrap().len(), 1, "the replay is not a point");

    let (_, out, _) = history(tmp.path(), &["--format", "csv"]);
    let replay_row: Vec<&str> = out.lines().nth(2).unwrap().split(',').collect();
    assert_eq!(replay_row[18], "1");
}
