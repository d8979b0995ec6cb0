//! tests/fixtures/diagnostics/*.toml: each file's first lines say what it must raise and where
//! (`# expect: H030 at 19:8`, optionally followed by `# help: ...` for that diagnostic), or
//! `# expect: nothing`. The positions were worked out from the text, not from Hearken's output.

use super::support::*;
use hearken_engine::diagnostic::Code;
use std::path::PathBuf;

struct Expected {
    /// (code, line, column), sorted.
    at: Vec<(String, usize, usize)>,
    helps: Vec<((String, usize, usize), String)>,
}

fn expected(path: &PathBuf) -> Expected {
    let text = std::fs::read_to_string(path).unwrap();
    let mut at = Vec::new();
    let mut helps = Vec::new();
    let mut nothing = false;
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        if let Some(rest) = line.strip_prefix("# expect: ") {
            if rest == "nothing" {
                nothing = true;
                continue;
            }
            let (code, place) = rest.split_once(" at ").unwrap_or_else(|| panic!("{}: {line}", path.display()));
            let (l, c) = place.split_once(':').unwrap();
            at.push((code.to_string(), l.parse().unwrap(), c.parse().unwrap()));
        } else if let Some(help) = line.strip_prefix("# help: ") {
            let last = at.last().cloned().expect("a help follows an expect");
            helps.push((last, help.to_string()));
        }
    }
    assert!(nothing == at.is_empty(), "{}: say `# expect: nothing` or name the codes", path.display());
    at.sort();
    Expected { at, helps }
}

fn fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 40, "the fixtures are there");
    files
}

/// What `hearken validate` finds in a fixture. Fixtures are named after what they show, not
/// after their id, so the id-and-file-name warning (H037) counts only in the fixtures about it.
fn fixture_found(path: &std::path::Path) -> Vec<Found> {
    let about_h037 = path.file_name().unwrap().to_string_lossy().starts_with("H037");
    check_path(path).into_iter().filter(|f| about_h037 || f.code != "H037").collect()
}

fn positions(found: &[Found]) -> Vec<(String, usize, usize)> {
    let mut v: Vec<_> = found.iter().map(|f| (f.code.clone(), f.line, f.column)).collect();
    v.sort();
    v
}

#[test]
fn each_fixture_raises_exactly_what_it_says_at_the_line_and_column_it_says() {
    let mut failures = Vec::new();
    for path in fixtures() {
        let want = expected(&path);
        let got = fixture_found(&path);
        if positions(&got) != want.at {
            failures.push(format!("{}:\n  expected {:?}\n  got      {:?}", path.display(), want.at, positions(&got)));
        }
        for (place, help) in &want.helps {
            let d = got.iter().find(|f| (&f.code, f.line, f.column) == (&place.0, place.1, place.2));
            if d.and_then(|d| d.help.as_deref()) != Some(help.as_str()) {
                failures.push(format!("{}: help at {place:?}: expected {help:?}, got {:?}", path.display(), d));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_code_a_single_file_can_raise_has_a_fixture() {
    let expected_codes: Vec<String> =
        fixtures().iter().flat_map(|p| expected(p).at.into_iter().map(|(c, _, _)| c)).collect();
    // The rest are proven in docs.rs with generated input (sizes, encodings, several files,
    // rubric files, unreadable paths) or by `hearken test` runs.
    let elsewhere = [
        "H002", "H003", "H004", "H005", "H006", "H009", "H034", "H053", "H054", "H055", "H056", "H057", "H058", "H060",
        "H090", "H092", "H093",
    ];
    for code in Code::ALL {
        if !elsewhere.contains(&code.as_str()) {
            assert!(expected_codes.iter().any(|c| c == code.as_str()), "no fixture raises {code}");
        }
    }
}

#[test]
fn the_commonest_mistakes_have_several_fixtures() {
    let count = |code: &str| fixtures().iter().filter(|p| expected(p).at.iter().any(|(c, _, _)| c == code)).count();
    for (code, at_least) in [("H001", 4), ("H010", 6), ("H030", 4), ("H031", 3)] {
        assert!(count(code) >= at_least, "{code} has {} fixtures", count(code));
    }
}

#[test]
fn windows_line_endings_change_nothing() {
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).unwrap();
        if text.contains('\x1b') {
            continue; // the raw-escape fixture is about bytes, not lines
        }
        let crlf = text.replace('\n', "\r\n");
        // Checked as text, not as a file: no file name to compare the id with (H037).
        let want: Vec<_> = expected(&path).at.into_iter().filter(|(c, _, _)| c != "H037").collect();
        assert_eq!(positions(&check_text(&crlf)), want, "{} with CRLF", path.display());
    }
}

#[test]
fn a_byte_order_mark_at_the_start_is_read_with_a_warning() {
    // Some Windows editors start UTF-8 files with U+FEFF: read, but taplo and JSON-Schema tools
    // refuse such a file, so the author is told (H009).
    let found = check_text(&format!("\u{feff}{BASE}"));
    assert_eq!(positions(&found), [("H009".to_string(), 1, 1)]);
    assert!(found[0].help.as_deref().unwrap().contains("taplo"));
}
