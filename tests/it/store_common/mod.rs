//! Shared by the history tests: a small scenario of their own (so edits to the built-in library
//! cannot move these tests' numbers), sessions played on it, and a look into the database.
#![allow(dead_code)]

use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::Scenario;
use hearken_engine::session::{Session, SessionOptions};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Three decisions. The first trains reflective listening (1 reflects, 2 changes the topic), the
/// second validation (1 validates, 2 minimizes), the third non-interruption. Option 1 of the
/// opening appears after its first line (1750 ms at 20 characters a second), so it can cut in.
pub const SCENARIO: &str = r#"
format = 1
id = "practice-run"
title = "Practice run"
summary = "A short conversation the history tests play."
difficulty = "beginner"
start = "opening"

[peer]
name = "Sam"
about = "Sam, 28, stays behind after the group."

[nodes.opening]
says = ["I don't really know where to start.", { pause = 1 }, "It's been a rough few weeks."]
interrupted = ["Oh. Sorry. Go ahead."]
hint = "Sam is unsure where to begin. What would help them keep going?"

[[nodes.opening.options]]
text = "It sounds like it's been hard for a while."
skills = ["reflection"]
feedback = "You gave Sam's words back to them."
after = 1
next = "middle"

[[nodes.opening.options]]
text = "Anyway, how was the group today?"
skills = ["topic-change"]
feedback = "You steered away from what Sam raised."
next = "middle"

[nodes.middle]
says = ["Work's been piling up.", "I feel like I'm letting everyone down."]

[[nodes.middle.options]]
text = "With that much on you, it makes sense you'd feel stretched thin."
skills = ["validation"]
feedback = "You said the feeling makes sense."
next = "closing"

[[nodes.middle.options]]
text = "Everyone feels like that sometimes."
skills = ["minimizing"]
feedback = "That brushes the feeling aside."
next = "closing"

[nodes.closing]
says = ["Anyway. That's where I am."]

[[nodes.closing.options]]
text = "(Nod, and wait.)"
skills = ["attentive-silence"]
feedback = "Silence with attention gives Sam room."
next = [ { trust_at_least = 1, go = "heard" }, { go = "guarded" } ]

[[nodes.closing.options]]
text = "We should wrap up."
skills = ["topic-change"]
feedback = "You closed the conversation on Sam."
next = [ { trust_at_least = 1, go = "heard" }, { go = "guarded" } ]

[nodes.heard]
says = ["Thanks. It helps to say it out loud."]
ending = "good"
outcome = "Sam felt heard."

[nodes.guarded]
says = ["Yeah, I guess. I should go."]
ending = "poor"
outcome = "Sam left early."
"#;

pub const ID: &str = "practice-run";

/// A temporary folder holding the scenario file; `path` is the file.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("practice-run.toml");
    std::fs::write(&path, SCENARIO).unwrap();
    Fixture { dir, path }
}

pub fn scenario() -> Arc<Scenario> {
    let f = fixture();
    let entry = hearken::library::entry_from_path(&f.path, &RubricTable::builtin());
    entry.scenario.unwrap_or_else(|| panic!("the fixture scenario is invalid: {:?}", entry.report.diagnostics))
}

/// A fresh session in file order, with the peer speaking.
pub fn session(scenario: &Arc<Scenario>) -> Session {
    let options = SessionOptions { seed: 42, speed: 1.0, animate: true, shuffle: false, start: None };
    Session::new(scenario.clone(), RubricTable::builtin(), options, 0)
}

/// Chooses `option` (1-based, file order) `wait_ms` after the peer finishes, and moves on.
pub fn answer(s: &mut Session, option: usize, wait_ms: u64) {
    let at = s.turn().end + wait_ms;
    s.choose(option - 1, at).unwrap();
    s.proceed(at);
}

pub fn db_path(data_dir: &Path) -> PathBuf {
    data_dir.join("hearken.db")
}

pub fn connect(data_dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(db_path(data_dir)).unwrap()
}

pub fn integrity(data_dir: &Path) -> String {
    connect(data_dir).query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

pub fn count(data_dir: &Path, sql: &str) -> i64 {
    connect(data_dir).query_row(sql, [], |r| r.get(0)).unwrap()
}

pub use crate::common::hearken;

/// `hearken play practice-run --script - --record`, returning the exit code and standard error.
pub fn record_script(fixture: &Fixture, data_dir: &Path, script: &str) -> (i32, String) {
    let out = crate::common::run(
        hearken()
            .args(["play", ID, "--script", "-", "--record", "--data-dir"])
            .arg(data_dir)
            .arg("--scenarios")
            .arg(fixture.dir.path()),
        script.as_bytes(),
    );
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Whether this process can write into a folder it made read-only (root can): tests of an
/// unwritable data folder then need another way to make it unwritable.
pub fn permissions_are_enforced() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let enforced = std::fs::write(dir.path().join("probe"), "x").is_err();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    enforced
}
