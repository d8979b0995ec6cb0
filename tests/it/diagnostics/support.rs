//! What every part of the diagnostics suite needs: loading text the way `hearken validate`
//! does, running the binary, and a small valid scenario to break in known ways.

use hearken_engine::diagnostic::{Code, Diagnostic, FileDiagnostics};
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::library::Entry;
use hearken_engine::source::{Origin, SourceFile};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

/// A valid scenario with no warnings: two options touching all four rubrics, one ending.
pub const BASE: &str = r#"id = "first-visit"
title = "First visit"
difficulty = "beginner"
start = "opening"

[peer]
name = "Sam"
about = "Sam, 28, has come to the peer group for the first time."

[nodes.opening]
says = ["I don't really know why I came."]

[[nodes.opening.options]]
text = "Part of you wasn't sure about coming, and that makes sense."
skills = ["reflection", "validation"]
feedback = "You put Sam's doubt into words without judging it."
next = "thanks"

[[nodes.opening.options]]
text = "What made you decide to come?"
skills = ["open-question"]
feedback = "An open question lets Sam tell it their way."
next = "thanks"

[nodes.thanks]
says = ["Thanks. That helps."]
ending = "good"
outcome = "Sam stayed for the whole group."
"#;

/// One diagnostic as a user sees it: code, 1-based line and column, help.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub code: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
}

pub fn found(report: &FileDiagnostics) -> Vec<Found> {
    let mut out: Vec<Found> = report
        .diagnostics
        .iter()
        .map(|d: &Diagnostic| {
            let loc = match (&report.source, &d.span) {
                (Some(src), Some(span)) => src.location(span.start),
                _ => hearken_engine::source::Location { line: 0, column: 0 },
            };
            Found {
                code: d.code.to_string(),
                line: loc.line,
                column: loc.column,
                message: d.message.clone(),
                help: d.help.clone(),
            }
        })
        .collect();
    out.sort();
    out
}

/// Loads and validates scenario text exactly as `hearken validate` does a file.
pub fn check_text(text: &str) -> Vec<Found> {
    let mut entry = Entry::from_source(SourceFile::new(Origin::BuiltIn("example.toml"), text.to_string()), &table());
    // `hearken validate` also compares labels with what the classifier hears (H070).
    if let Some(s) = &entry.scenario {
        entry.report.diagnostics.extend(hearken_engine::typed::check_labels(s));
    }
    found(&entry.report)
}

pub fn check_path(path: &Path) -> Vec<Found> {
    let mut lib = hearken::library::load(&[path.to_path_buf()], false, &table());
    hearken_engine::typed::check_library(&mut lib);
    assert_eq!(lib.entries.len(), 1, "{} is one file", path.display());
    found(&lib.entries[0].report)
}

pub fn codes(found: &[Found]) -> Vec<&str> {
    found.iter().map(|f| f.code.as_str()).collect()
}

pub fn table() -> std::sync::Arc<RubricTable> {
    RubricTable::builtin()
}

pub fn code(s: &str) -> Code {
    s.parse().unwrap_or_else(|()| panic!("{s} is a code"))
}

/// The binary, with no colour and no user data in the way.
pub use crate::common::hearken;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out: Output = hearken().args(args).output().expect("the binary runs");
    Run {
        code: out.status.code().expect("exited normally, not by a signal"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `hearken validate --format json PATHS...`, parsed.
pub fn validate_json(paths: &[&Path], extra: &[&str]) -> (i32, serde_json::Value) {
    let mut args: Vec<std::ffi::OsString> = vec!["validate".into(), "--format".into(), "json".into()];
    args.extend(extra.iter().map(Into::into));
    args.extend(paths.iter().map(|p| p.as_os_str().to_owned()));
    let r = run(args);
    let json = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.stdout));
    (r.code, json)
}

pub fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diagnostics")
}

pub fn docs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics")
}

/// Replaces one exact piece of text, insisting it is there (so a test cannot silently go stale).
pub fn replace(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} is not in the text");
    text.replacen(from, to, 1)
}

/// The keys a table accepts, as the loader says them: an unknown key with no near match gets
/// a help listing every allowed key.
pub fn loader_keys() -> Vec<(&'static str, BTreeSet<String>)> {
    let junk = "qqqqqqqqqqqq = 1";
    let text = replace(BASE, "title = \"First visit\"", &format!("title = \"First visit\"\n{junk}"));
    let text = replace(&text, "name = \"Sam\"", &format!("name = \"Sam\"\n{junk}"));
    let text = replace(&text, "[[nodes.opening.options]]", &format!("{junk}\n\n[[nodes.opening.options]]"));
    let text = replace(&text, "next = \"thanks\"\n\n[[", &format!("next = \"thanks\"\n{junk}\n\n[["));
    let text = replace(
        &text,
        "next = \"thanks\"\n\n[nodes",
        "next = [ { trust_at_least = 1, go = \"thanks\", qqqqqqqqqqqq = 1 }, { go = \"thanks\" } ]\n\n[nodes",
    );
    let text =
        replace(&text, "says = [\"Thanks. That helps.\"]", "says = [\"Thanks.\", { pause = 1, qqqqqqqqqqqq = 1 }]");
    let text = format!("{text}\n[[tests]]\nname = \"t\"\nchoices = [1]\n{junk}\n");
    let found = check_text(&text);
    let lists: Vec<BTreeSet<String>> = found
        .iter()
        .filter(|f| f.code == "H010")
        .map(|f| {
            let help = f.help.as_deref().unwrap();
            let list = help.split(" can have are: ").nth(1).unwrap_or_else(|| panic!("{help}"));
            list.split(", ").map(|k| k.trim_matches('`').to_string()).collect()
        })
        .collect();
    assert_eq!(lists.len(), 7, "{found:?}");
    // In file order: top, peer, node, option, branch, pause, test.
    let names = ["top", "peer", "node", "option", "branch", "pause", "test"];
    names.into_iter().zip(lists).collect()
}

/// A copy of `path` in a file named after the id it holds (`first-visit.toml`), in a folder of
/// its own under the test binary's scratch space: how an author saves a scenario.
pub fn as_named_by_id(path: &Path) -> PathBuf {
    let text = std::fs::read(path).unwrap();
    let id = String::from_utf8_lossy(&text)
        .lines()
        .find_map(|l| l.strip_prefix("id = \"").and_then(|r| r.split('"').next()).map(str::to_string))
        .unwrap_or_else(|| "no-id".to_string());
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("by-id").join(path.file_stem().unwrap());
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join(format!("{id}.toml"));
    std::fs::write(&copy, text).unwrap();
    copy
}
