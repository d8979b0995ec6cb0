//! `hearken explain CODE` prints docs/diagnostics/CODE.md. Every one has a bad example that
//! raises exactly its code and a fixed one that raises nothing; the codes one file cannot show
//! are proven here with generated input, each at its place.

use super::support::*;
use hearken_engine::decode;
use hearken_engine::diagnostic::{Code, Severity};
use hearken_engine::rubric::{RubricTable, Skill};
use hearken_engine::source::{Origin, SourceFile};
use std::path::Path;

/// Codes whose example cannot be one scenario file passed to `hearken validate`.
const GENERATED: &[&str] =
    &["H002", "H003", "H004", "H005", "H006", "H009", "H034", "H037", "H058", "H060", "H090", "H091", "H092", "H093"];
/// Codes that only `hearken test` can find: the file is valid, the test does not fit it.
const TEST_RUN: &[&str] = &["H053", "H054", "H055", "H056", "H057"];

struct Doc {
    text: &'static str,
    example: String,
    fixed: String,
}

fn doc(code: Code) -> Doc {
    let text = code.explanation();
    let (_, rest) = text.split_once("\nExample\n").unwrap_or_else(|| panic!("{code}: no Example section"));
    let (example, fixed) = rest.split_once("\nFixed\n").unwrap_or_else(|| panic!("{code}: no Fixed section"));
    Doc { text, example: example.to_string(), fixed: fixed.to_string() }
}

/// The ```toml blocks of a section, in order.
fn toml_blocks(section: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut rest = section;
    while let Some(start) = rest.find("```toml\n") {
        let body = &rest[start + 8..];
        let end = body.find("\n```").expect("a closed block");
        blocks.push(format!("{}\n", &body[..end]));
        rest = &body[end + 4..];
    }
    blocks
}

fn only_block(code: Code, section: &str, which: &str) -> String {
    let blocks = toml_blocks(section);
    assert_eq!(blocks.len(), 1, "{code}: the {which} section should have one ```toml block");
    blocks.into_iter().next().unwrap()
}

#[test]
fn every_code_has_a_doc_with_its_title_an_example_and_a_fix() {
    for &code in Code::ALL {
        let d = doc(code);
        let severity = match code.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let first = d.text.lines().next().unwrap();
        assert_eq!(first, format!("{code} ({severity}): {}", code.title()), "{code}: title line");
        assert!(d.text.contains("\nHow to fix it: "), "{code}: says how to fix it");
        assert!(!d.text.contains("(to be written)"), "{code}: still a placeholder");
        // Read in a terminal: prose fits 80 columns; examples of output may be as wide as the
        // output itself (source excerpts are cut at 100 characters).
        let mut in_block = false;
        for line in d.text.lines() {
            in_block ^= line.starts_with("```");
            let limit = if in_block { 120 } else { 80 };
            assert!(line.chars().count() <= limit, "{code}: line too wide for a terminal: {line}");
        }
        let on_disk = std::fs::read_to_string(docs_dir().join(format!("{code}.md"))).unwrap();
        assert_eq!(on_disk, d.text, "{code}: the binary prints the file as it is");
    }
}

#[test]
fn every_example_raises_exactly_its_code_and_every_fix_raises_nothing() {
    for &code in Code::ALL {
        let name = code.as_str();
        if GENERATED.contains(&name) || TEST_RUN.contains(&name) {
            continue;
        }
        let d = doc(code);
        let bad = check_text(&only_block(code, &d.example, "Example"));
        assert!(!bad.is_empty(), "{code}: the example raises nothing");
        assert!(bad.iter().all(|f| f.code == name), "{code}: the example raises {:?}", codes(&bad));
        let good = check_text(&only_block(code, &d.fixed, "Fixed"));
        assert_eq!(good, vec![], "{code}: the fixed example still raises something");
    }
}

#[test]
fn test_failures_are_shown_by_hearken_test_as_documented_and_their_fixes_pass() {
    for name in TEST_RUN {
        let code = code(name);
        let d = doc(code);
        let dir = tempfile::tempdir().unwrap();
        let bad = write(dir.path(), "first-visit.toml", only_block(code, &d.example, "Example"));
        assert_eq!(check_path(&bad), vec![], "{code}: the example file itself is valid");
        let in_dir = |args: &[&str]| hearken().args(args).current_dir(dir.path()).output().unwrap();
        let out = in_dir(&["test", "first-visit.toml"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{code}: {stdout}");
        assert!(stdout.contains(&format!("error[{name}]")), "{code}: {stdout}");
        // The doc shows exactly what the command prints.
        let shown = d.example.split("$ hearken test first-visit.toml\n").nth(1).expect("the output is shown");
        assert_eq!(&shown[..shown.find("```").unwrap()], stdout, "{code}: the doc's output is out of date");
        // The failure points into the [[tests]] block (at the choice or the ending concerned).
        let text = std::fs::read_to_string(&bad).unwrap();
        let header_line = text.lines().position(|l| l == "[[tests]]").unwrap() + 1;
        let at = stdout.lines().find_map(|l| l.trim().strip_prefix("--> first-visit.toml:")).expect("a location");
        let line: usize = at.split(':').next().unwrap().parse().unwrap();
        assert!((header_line..=text.lines().count()).contains(&line), "{code}: {at}");

        write(dir.path(), "first-visit.toml", only_block(code, &d.fixed, "Fixed"));
        let out = in_dir(&["test", "first-visit.toml"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            (out.status.code(), stdout.trim_end().lines().last()),
            (Some(0), Some("1 passed, 0 failed")),
            "{code}"
        );
    }
}

#[test]
fn h002_a_file_in_another_encoding_is_located_at_its_first_bad_byte() {
    // "Café" saved as Windows-1252: the é is the single byte 0xE9.
    let text = replace(BASE, "title = \"First visit\"", "title = \"Caf\u{e9} chat\"");
    let latin1: Vec<u8> = text.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
    let failure = decode::from_bytes(Origin::BuiltIn("latin1.toml"), latin1).unwrap_err();
    assert_eq!(failure.diagnostic.code, Code::H002);
    assert!(!failure.io, "a bad encoding is invalid input (exit 1), not an I/O error");
    let src = failure.source.expect("the text is kept to show the place");
    let at = src.location(failure.diagnostic.span.clone().unwrap().start);
    assert_eq!((at.line, at.column), (2, 13));
    assert_eq!(failure.diagnostic.message, "this file is not UTF-8 text");

    // Binary data is named as such, and the fix (the same text as UTF-8) raises nothing.
    let mut binary = b"\x7fELF\x02\x01\x01\0\0\0".to_vec();
    binary.extend([0xff, 0xfe, 0, 0]);
    let failure = decode::from_bytes(Origin::BuiltIn("a.out"), binary).unwrap_err();
    assert_eq!(failure.diagnostic.code, Code::H002);
    assert!(failure.diagnostic.message.contains("not a text file"), "{}", failure.diagnostic.message);
    assert_eq!(check_text(&text), vec![]);

    // UTF-16, with and without its byte-order mark, is text in the wrong encoding: said so.
    for (name, bom, le) in [("utf16le", true, true), ("utf16be", true, false), ("utf16-no-bom", false, true)] {
        let mut bytes: Vec<u8> = if !bom {
            vec![]
        } else if le {
            vec![0xff, 0xfe]
        } else {
            vec![0xfe, 0xff]
        };
        for unit in BASE.encode_utf16() {
            bytes.extend(if le { unit.to_le_bytes() } else { unit.to_be_bytes() });
        }
        let failure = decode::from_bytes(Origin::BuiltIn("utf16.toml"), bytes).unwrap_err();
        assert_eq!(failure.diagnostic.code, Code::H002, "{name}");
        assert_eq!(failure.diagnostic.message, "this file is UTF-16 text; save it as UTF-8", "{name}");
    }
}

#[test]
fn h003_one_byte_over_a_mebibyte_is_refused_and_exactly_one_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let limit = 1024 * 1024;
    let mut fits = BASE.to_string();
    while fits.len() < limit {
        let line = "# padding to the size limit\n";
        fits.push_str(&line[..line.len().min(limit - fits.len())]);
    }
    // The last padding line may have been cut before its newline: it is still a comment.
    assert_eq!(fits.len(), limit);
    let path = write(dir.path(), "first-visit.toml", &fits);
    assert_eq!(check_path(&path), vec![]);

    let path = write(dir.path(), "over.toml", format!("{fits}#"));
    let found = check_path(&path);
    assert_eq!(codes(&found), ["H003"]);
    assert_eq!((found[0].line, found[0].column), (0, 0), "about the whole file, with no place in it");
}

#[test]
fn h004_ten_thousand_nodes_is_the_limit() {
    let mut fits = BASE.to_string();
    for i in 0..9_998 {
        fits.push_str(&format!("\n[nodes.spare-{i}]\nsays = [\"...\"]\nending = \"mixed\"\noutcome = \"-\"\n"));
    }
    let found = check_text(&fits);
    assert!(found.iter().all(|f| f.code == "H040"), "10,000 nodes are read; spare endings are unreachable");
    assert_eq!(found.len(), 9_998);

    let over = format!("{fits}\n[nodes.one-too-many]\nsays = [\"...\"]\nending = \"mixed\"\noutcome = \"-\"\n");
    let found = check_text(&over);
    assert_eq!(codes(&found), ["H004"]);
    // Pointed at `nodes` in the first node header: where the [nodes] table begins.
    assert_eq!((found[0].line, found[0].column), (10, 2));
    assert!(found[0].message.contains("10001 nodes"), "{}", found[0].message);
}

#[test]
fn h005_deep_nesting_is_refused_where_it_becomes_too_deep() {
    let tags = |nesting: usize| {
        replace(BASE, "difficulty", &format!("tags = {}{}\ndifficulty", "[".repeat(nesting), "]".repeat(nesting)))
    };
    let found = check_text(&tags(200));
    assert_eq!(codes(&found), ["H005"]);
    assert_eq!(found[0].line, 3, "on the line with the brackets");
    // A few levels of nesting is an ordinary type mistake, not H005.
    let shallow = tags(3);
    assert_eq!(codes(&check_text(&shallow)), ["H011"]);
}

#[test]
fn h006_five_thousand_characters_is_the_limit_of_one_text() {
    let at = |n: usize| replace(BASE, "about = \"Sam, 28,", &format!("about = \"{} Sam, 28,", "é".repeat(n)));
    let base_len = "Sam, 28, has come to the peer group for the first time.".chars().count() + 1;
    assert_eq!(check_text(&at(5_000 - base_len)), vec![], "5,000 characters (not bytes) fit");
    let found = check_text(&at(5_001 - base_len));
    assert_eq!(codes(&found), ["H006"]);
    assert_eq!((found[0].line, found[0].column), (8, 9));
    assert_eq!(found[0].message, "`about` is 5001 characters long; the limit is 5000");
}

#[test]
fn h007_a_file_with_nothing_in_it() {
    for empty in ["", "\n\n", "   \n\t\n"] {
        let found = check_text(empty);
        assert_eq!(codes(&found), ["H007"], "{empty:?}");
        assert_eq!((found[0].line, found[0].column), (1, 1));
    }
}

#[test]
fn h034_two_files_with_one_id_name_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(dir.path(), "first-visit.toml", BASE);
    let copy = write(dir.path(), "first-visit.tuesday.toml", BASE);
    let lib = hearken::library::load(&[dir.path().to_path_buf()], false, &table());
    assert_eq!(lib.entries[0].report.name, first.display().to_string());
    assert_eq!(found(&lib.entries[0].report), vec![], "the first file keeps its id");
    let second = found(&lib.entries[1].report);
    assert_eq!(codes(&second), ["H034", "H037"], "and the copy is not named after its id");
    assert_eq!((second[0].line, second[0].column), (1, 6), "at the id");
    assert!(second[0].message.contains(&first.display().to_string()), "names the other file: {}", second[0].message);
    assert_eq!(lib.entries[1].report.name, copy.display().to_string());
    // The first file is the related place, at its id.
    let h034 = lib.entries[1].report.diagnostics.iter().find(|d| d.code == Code::H034).unwrap();
    let related = &h034.related[0];
    assert_eq!(related.source.as_ref().unwrap().name(), first.display().to_string());
    assert_eq!(related.span, Some(5..18));

    std::fs::remove_file(&copy).unwrap();
    let copy = dir.path().join("first-visit-copy.toml");
    std::fs::write(&copy, replace(BASE, "id = \"first-visit\"", "id = \"first-visit-copy\"")).unwrap();
    let lib = hearken::library::load(&[dir.path().to_path_buf()], false, &table());
    assert!(lib.entries.iter().all(|e| e.report.diagnostics.is_empty()));
}

#[test]
fn h060_a_rubric_table_must_cover_every_skill() {
    let example = only_block(Code::H060, &doc(Code::H060).example, "Example");
    let src = SourceFile::new(Origin::BuiltIn("rubric.toml"), example);
    let errors = RubricTable::parse(&src).unwrap_err();
    assert_eq!(errors.iter().map(|d| d.code).collect::<Vec<_>>(), [Code::H060]);
    assert!(errors[0].message.contains("`diagnosing`"));
    assert!(!errors[0].message.contains("`reflection`"), "reflection is there");

    // The default table less one skill names exactly that skill, at the [skills...] tables.
    let default = RubricTable::default_text();
    let start = default.find("[skills.summary]").unwrap();
    let end = start + default[start..].find("\n[skills.open-question]").unwrap();
    let less = format!("{}{}", &default[..start], &default[end..]);
    let src = SourceFile::new(Origin::BuiltIn("rubric.toml"), less);
    let errors = RubricTable::parse(&src).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].message, "the rubric table has no entry for `summary`");
    let at = src.location(errors[0].span.clone().unwrap().start);
    let first_skill = default.lines().position(|l| l.starts_with("[skills.")).unwrap() + 1;
    assert_eq!((at.line, at.column), (first_skill, 2), "at `skills` in the first [skills.CODE] header");

    let full = SourceFile::new(Origin::BuiltIn("rubric.toml"), default.to_string());
    assert!(RubricTable::parse(&full).is_ok());
    assert_eq!(Skill::ALL.len(), 28);
}

#[test]
fn h090_a_path_that_cannot_be_read_exits_2_and_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("firts-visit.toml");
    let (exit, json) = validate_json(&[&missing], &[]);
    assert_eq!(exit, 2);
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "H090");
    assert_eq!(d["file"], missing.display().to_string());
    assert!(d["line"].is_null(), "no place in a file that cannot be read");
    assert_eq!(d["message"], format!("cannot read {}: no such file or folder", missing.display()));

    // Through a file as if it were a folder: unreadable even for root.
    let file = write(dir.path(), "a.toml", BASE);
    let through = file.join("b.toml");
    let (exit, json) = validate_json(&[Path::new(&through)], &[]);
    assert_eq!(exit, 2);
    assert_eq!(json["diagnostics"][0]["code"], "H090");
    assert!(json["diagnostics"][0]["message"].as_str().unwrap().ends_with("part of the path is a file, not a folder"));
}

/// The first ```text block of a doc's Example, without a leading `$ command` line and without
/// anything from a later `$ ` line on.
fn shown_output(code: Code) -> (Option<String>, String) {
    let example = doc(code).example;
    let start = example.find("```text\n").unwrap_or_else(|| panic!("{code}: no output shown")) + 8;
    let block = &example[start..start + example[start..].find("```").unwrap()];
    let mut lines = block.lines().peekable();
    let command = lines.next_if(|l| l.starts_with("$ ")).map(|l| l[2..].to_string());
    let output: Vec<&str> = lines.take_while(|l| !l.starts_with("$ ")).collect();
    (command, output.join("\n"))
}

/// Files to write, by path in a fresh folder, and their bytes.
type Files = Vec<(&'static str, Vec<u8>)>;

#[test]
fn the_outputs_shown_for_generated_cases_are_what_hearken_prints() {
    let latin1: Vec<u8> =
        replace(BASE, "title = \"First visit\"", "title = \"Caf\u{e9} chat\"").chars().map(|c| c as u8).collect();
    let mut generated = BASE.to_string();
    for i in 0..9_999 {
        generated.push_str(&format!("\n[nodes.n{i}]\nsays = [\"...\"]\nending = \"mixed\"\noutcome = \"-\"\n"));
    }
    let cases: Vec<(Code, &str, Files)> = vec![
        (Code::H002, "validate scenarios/first-visit.toml", vec![("scenarios/first-visit.toml", latin1)]),
        (Code::H003, "validate big.toml", vec![("big.toml", vec![b'#'; 1_100_000])]),
        (Code::H004, "validate first-visit.toml", vec![("first-visit.toml", generated.into_bytes())]),
        (
            Code::H005,
            "validate broken.toml",
            vec![("broken.toml", format!("tags = {}{}\n{BASE}", "[".repeat(100), "]".repeat(100)).into_bytes())],
        ),
        (
            Code::H006,
            "validate first-visit.toml",
            vec![(
                "first-visit.toml",
                replace(BASE, "Sam, 28,", &format!("{}Sam, 28,", "Sam talks. ".repeat(560))).into_bytes(),
            )],
        ),
        (
            Code::H034,
            "validate scenarios/",
            vec![
                ("scenarios/first-visit.toml", BASE.as_bytes().to_vec()),
                ("scenarios/unit-2/first-visit.toml", BASE.as_bytes().to_vec()),
            ],
        ),
        (Code::H090, "validate scenarios/firts-visit.toml", vec![]),
    ];
    for (code, command, files) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("scenarios/unit-2")).unwrap();
        for (name, bytes) in files {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        let out = hearken().args(command.split_whitespace()).current_dir(dir.path()).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let (shown_command, shown) = shown_output(code);
        if let Some(c) = shown_command {
            assert_eq!(c, format!("hearken {command}"), "{code}");
        }
        // The doc may leave out the closing summary line.
        let without_summary = stdout.trim_end().rsplit_once("\n\n").map_or("", |(d, _)| d);
        assert!(
            shown == stdout.trim_end() || shown == without_summary,
            "{code}: the doc shows\n{shown}\nbut hearken prints\n{stdout}"
        );
    }
}
