//! A practice session killed part way: the database stays sound, every earlier session is
//! intact, and the killed one keeps the decisions it had made.

use crate::store_common;

use std::io::Write;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};
use store_common::*;

/// Every stored row of the sessions before `below`, as text, to compare before and after.
fn snapshot(dir: &std::path::Path, below: i64) -> Vec<String> {
    let c = connect(dir);
    let mut rows = Vec::new();
    for sql in [
        "SELECT * FROM sessions WHERE id < ?1 ORDER BY id",
        "SELECT * FROM decisions WHERE session_id < ?1 ORDER BY session_id, ordinal",
    ] {
        let mut stmt = c.prepare(sql).unwrap();
        let n = stmt.column_count();
        let mut q = stmt.query([below]).unwrap();
        while let Some(r) = q.next().unwrap() {
            let cells: Vec<String> = (0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect();
            rows.push(cells.join("|"));
        }
    }
    rows
}

fn spawn_plain(fixture: &Fixture, dir: &std::path::Path) -> Child {
    hearken()
        .args(["play", ID, "--plain", "--pace", "10", "--seed", "3", "--data-dir"])
        .arg(dir)
        .arg("--scenarios")
        .arg(fixture.dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn latest_decisions(dir: &std::path::Path) -> i64 {
    count(dir, "SELECT count(*) FROM decisions WHERE session_id = (SELECT max(id) FROM sessions)")
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(30), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_killed_session_keeps_its_decisions_and_harms_nothing_before_it() {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = fixture();
    for script in ["1 1 1", "2 1 1"] {
        assert_eq!(record_script(&fixture, tmp.path(), script).0, 0);
    }
    let before = snapshot(tmp.path(), 3);
    assert_eq!(before.len(), 2 + 6);

    let mut child = spawn_plain(&fixture, tmp.path());
    let mut stdin = child.stdin.take().unwrap();
    // Answer only when asked: a number typed before the options appear is refused (docs/scenario-format.md).
    let (tx, asked) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.starts_with("Your answer:") && tx.send(()).is_err() {
                break;
            }
        }
    });
    wait_for("the session to start", || count(tmp.path(), "SELECT count(*) FROM sessions") == 3);
    for n in 1..=2 {
        asked.recv_timeout(Duration::from_secs(30)).expect("the options are listed");
        writeln!(stdin, "1").unwrap();
        wait_for("the decision to be stored", || latest_decisions(tmp.path()) == n);
    }
    child.kill().unwrap();
    child.wait().unwrap();

    assert_eq!(integrity(tmp.path()), "ok");
    assert_eq!(snapshot(tmp.path(), 3), before, "an earlier session changed");
    let (finished, ended, overall): (bool, Option<i64>, Option<i64>) = connect(tmp.path())
        .query_row("SELECT finished, ended_at, overall FROM sessions WHERE id = 3", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((finished, ended), (false, None));
    assert!(overall.is_some(), "the killed session shows what its two decisions earned");
    assert_eq!(latest_decisions(tmp.path()), 2);

    // The history goes on after it.
    assert_eq!(record_script(&fixture, tmp.path(), "1 1 1"), (0, String::new()));
    let out = hearken().arg("history").arg("--data-dir").arg(tmp.path()).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("left after 2 choices"));
}

#[test]
fn killing_at_any_moment_leaves_a_sound_database() {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = fixture();
    assert_eq!(record_script(&fixture, tmp.path(), "1 1 1").0, 0);
    let before = snapshot(tmp.path(), 2);
    // Kill a few milliseconds apart after an answer, so some kills land while it is writing.
    for (n, delay_ms) in [0, 1, 2, 3, 5, 8].into_iter().enumerate() {
        let mut child = spawn_plain(&fixture, tmp.path());
        let mut stdin = child.stdin.take().unwrap();
        wait_for("the session to start", || count(tmp.path(), "SELECT count(*) FROM sessions") == n as i64 + 2);
        writeln!(stdin, "1").unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(integrity(tmp.path()), "ok", "after a kill {delay_ms} ms after the answer");
    }
    assert_eq!(snapshot(tmp.path(), 2), before);
}
