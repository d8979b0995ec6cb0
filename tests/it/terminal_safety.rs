//! Scenario text is untrusted: no escape sequence or control character in a file may reach the
//! terminal. First line of defence: the loader refuses them (H016), wherever they stand, and the
//! diagnostics that say so do not echo them. Second line: every front end that prints scenario
//! text — the script transcript, `--plain`, the TUI — makes it safe again, so a scenario altered
//! after loading (its fields are public) still cannot drive the terminal.

use hearken_engine::diagnostic::{Code, FileDiagnostics, render};
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::library::{Entry, Library};
use hearken_engine::scenario::{Beat, NodeKind, Scenario, load};
use hearken_engine::session::script::{end_time, play, scripted_options};
use hearken_engine::source::{Origin, SourceFile};
use hearken_engine::text::{SafeWriter, is_forbidden_char};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a hostile file might carry, by name.
const HOSTILE: &[(&str, &str)] = &[
    ("ESC colour (SGR)", "\u{1b}[31m"),
    ("OSC window title", "\u{1b}]0;pwned\u{7}"),
    ("BEL", "\u{7}"),
    ("8-bit CSI", "\u{9b}2J"),
    ("8-bit OSC", "\u{9d}0;x\u{9c}"),
    ("backspace", "x\u{8}\u{8}"),
    ("carriage return", "\rover"),
    ("NUL", "\u{0}"),
    ("DEL", "\u{7f}"),
    ("right-to-left override", "\u{202e}txt.exe"),
    ("direction isolate", "\u{2067}x\u{2069}"),
];

/// Every place in a scenario that holds text someone will read.
const PLACES: &[&str] = &[
    "title",
    "summary",
    "tag",
    "name",
    "about",
    "says",
    "hint",
    "interrupted",
    "text",
    "feedback",
    "reaction",
    "outcome",
    "test",
];

const TEMPLATE: &str = r#"
format = 1
id = "hostile"
title = "{title}"
summary = "{summary}"
difficulty = "beginner"
tags = ["{tag}"]
start = "opening"

[peer]
name = "{name}"
about = "{about}"

[nodes.opening]
says = ["{says}", { pause = 1 }, "Anyway."]
hint = "{hint}"
interrupted = ["{interrupted}"]

[[nodes.opening.options]]
text = "{text}"
skills = ["open-question"]
feedback = "{feedback}"
reaction = ["{reaction}"]
after = 1
next = "end"

[[nodes.opening.options]]
text = "You sound unsure."
skills = ["reflection", "validation"]
feedback = "Reflecting and validating."
next = "end"

[nodes.end]
says = ["Thanks."]
ending = "good"
outcome = "{outcome}"

[[tests]]
name = "{test}"
choices = [1]
"#;

/// The template with `bad` at `place` and ordinary words everywhere else.
fn file_with(place: &str, bad: &str) -> String {
    let mut text = TEMPLATE.replace(&format!("{{{place}}}"), &format!("Before {bad} after"));
    for p in PLACES {
        text = text.replace(&format!("{{{p}}}"), &format!("Some {p}"));
    }
    text
}

/// `s` as a TOML basic-string escape (`\u001B`), so the file itself is plain ASCII.
fn escaped(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_graphic() || c == ' ' { c.to_string() } else { format!("\\u{:04X}", c as u32) })
        .collect()
}

fn assert_safe(what: &str, text: &str) {
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| is_forbidden_char(c)) {
        let from = hearken_engine::source::floor_char_boundary(text, i.saturating_sub(60));
        panic!("{what}: U+{:04X} reached the output near {:?}", c as u32, &text[from..(i + 4).min(text.len())]);
    }
}

fn load_str(text: String) -> hearken_engine::scenario::Loaded {
    load(SourceFile::new(Origin::BuiltIn("hostile.toml"), text))
}

#[test]
fn the_template_is_valid_when_nothing_is_hostile() {
    let loaded = load_str(file_with("title", "plain"));
    assert!(loaded.scenario.is_some(), "{:?}", loaded.diagnostics);
}

#[test]
fn the_loader_refuses_control_characters_in_every_text_field_written_as_escapes() {
    for (name, bad) in HOSTILE {
        for place in PLACES {
            let loaded = load_str(file_with(place, &escaped(bad)));
            assert!(loaded.scenario.is_none(), "{name} in {place} was accepted");
            assert!(
                loaded.diagnostics.iter().any(|d| d.code == Code::H016),
                "{name} in {place}: {:?}",
                loaded.diagnostics.iter().map(|d| (d.code, &d.message)).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn the_loader_refuses_raw_control_characters_and_points_at_them() {
    for (name, bad) in HOSTILE {
        for place in PLACES {
            let text = file_with(place, bad);
            let loaded = load_str(text.clone());
            assert!(loaded.scenario.is_none(), "{name} in {place} was accepted");
            let h016: Vec<_> = loaded.diagnostics.iter().filter(|d| d.code == Code::H016).collect();
            assert!(!h016.is_empty(), "{name} in {place}: {:?}", loaded.diagnostics);
            // The first H016 points at the first forbidden character itself.
            let first_bad = text.char_indices().find(|&(_, c)| is_forbidden_char(c)).unwrap().0;
            assert_eq!(h016[0].span.as_ref().map(|s| s.start), Some(first_bad), "{name} in {place}");
        }
    }
}

#[test]
fn quoted_node_ids_and_keys_with_escapes_are_refused_and_quoted_safely() {
    let text = file_with("title", "fine")
        .replace("[nodes.end]", "[nodes.\"end\\u001B[2J\"]")
        .replace("ending = \"good\"", "ending = \"good\"\n\"x\\u009B\\u0007\" = 1");
    let entry = Entry::from_source(SourceFile::new(Origin::BuiltIn("ids.toml"), text), &RubricTable::builtin());
    assert!(entry.scenario.is_none());
    let codes: Vec<_> = entry.report.diagnostics.iter().map(|d| d.code).collect();
    assert!(codes.contains(&Code::H014) && codes.contains(&Code::H010), "{codes:?}");
    assert_safe("human diagnostics", &human(std::slice::from_ref(&entry.report)));
    assert_safe("github diagnostics", &github(&[entry.report]));
}

fn human(files: &[FileDiagnostics]) -> String {
    let mut out = Vec::new();
    render::human(&mut out, files, false).unwrap();
    String::from_utf8(out).unwrap()
}

fn github(files: &[FileDiagnostics]) -> String {
    let mut out = Vec::new();
    render::github(&mut out, files).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn diagnostics_about_a_file_full_of_escapes_do_not_echo_them() {
    let table = RubricTable::builtin();
    for (name, bad) in HOSTILE {
        // Every place at once, raw in the file: the excerpts under the carets quote these lines.
        let mut text = TEMPLATE.to_string();
        for p in PLACES {
            text = text.replace(&format!("{{{p}}}"), &format!("{p} {bad} {p}"));
        }
        let src = SourceFile::new(Origin::Path(PathBuf::from(format!("dir/{bad}.toml"))), text);
        let entry = Entry::from_source(src, &table);
        assert!(entry.scenario.is_none(), "{name}");
        let files = [entry.report];
        assert_safe(&format!("{name}: human"), &human(&files));
        assert_safe(&format!("{name}: github"), &github(&files));
        let mut json = Vec::new();
        render::json(&mut json, &files).unwrap();
        let json = String::from_utf8(json).unwrap();
        assert!(!json.bytes().any(|b| b < 0x20 && b != b'\n'), "{name}: JSON carries a raw control byte");
        serde_json::from_str::<serde_json::Value>(&json).expect("still valid JSON");
    }
}

fn hearken(args: &[&str], dir: &Path) -> (Option<i32>, String) {
    let out = crate::common::run(crate::common::hearken().args(args).env("HEARKEN_DATA_DIR", dir.join("data")), b"");
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

/// The binary, end to end: hostile files and a hostile file name, through validate, test,
/// `play --script` and `play --plain`. Every command refuses the file and prints nothing unsafe.
#[test]
fn no_command_echoes_escapes_from_a_hostile_file_or_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    std::fs::create_dir(&files).unwrap();
    for (i, (_, bad)) in HOSTILE.iter().enumerate() {
        let mut text = TEMPLATE.to_string();
        for p in PLACES {
            text = text.replace(&format!("{{{p}}}"), &format!("{p} {bad}"));
        }
        std::fs::write(files.join(format!("raw-{i}.toml")), text).unwrap();
        std::fs::write(files.join(format!("escaped-{i}.toml")), file_with("says", &escaped(bad))).unwrap();
    }
    // A file name that is itself an escape sequence (file names are bytes: anything goes).
    let evil_name = files.join("evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}.toml");
    std::fs::write(&evil_name, "title = 3\n").unwrap();
    let folder = files.to_str().unwrap();
    for format in ["human", "json", "github"] {
        let (code, out) = hearken(&["validate", "--format", format, folder], dir.path());
        assert_eq!(code, Some(1), "{out}");
        assert!(out.contains("H016"), "{format}: {out}");
        assert_safe(&format!("validate --format {format}"), &out);
        if format == "human" {
            assert!(out.contains("evil?]0;pwned?"), "the name is shown, made safe: {out}");
        }
    }
    let (code, out) = hearken(&["test", folder], dir.path());
    assert_eq!(code, Some(1), "{out}");
    assert_safe("test", &out);

    let one = files.join("raw-0.toml");
    for mode in [&["--script", "-"][..], &["--plain"][..], &["--script", "-", "--json"][..]] {
        let mut args = vec!["play", one.to_str().unwrap()];
        args.extend_from_slice(mode);
        let (code, out) = hearken(&args, dir.path());
        assert_eq!(code, Some(1), "{mode:?}: {out}");
        assert!(out.contains("H016"), "{mode:?}: {out}");
        assert_safe(&format!("play {mode:?}"), &out);
    }
    let (_, out) = hearken(&["play", evil_name.to_str().unwrap(), "--script", "-"], dir.path());
    assert_safe("play with a hostile file name", &out);
}

/// A valid scenario with `bad` put into every string a person can read, as a front end might
/// receive it if the loader ever let something through.
fn poisoned(bad: &str) -> Arc<Scenario> {
    let loaded = load_str(file_with("title", "fine"));
    let mut s = loaded.scenario.expect("the template is valid");
    let p = |t: &mut String| *t = format!("{t} {bad} {t}");
    let beats = |bs: &mut Vec<Beat>| {
        for b in bs {
            if let Beat::Line(t) = b {
                *t = format!("{t} {bad}");
            }
        }
    };
    p(&mut s.title);
    p(&mut s.summary);
    s.tags.iter_mut().for_each(p);
    p(&mut s.peer.name);
    p(&mut s.peer.about);
    for node in &mut s.nodes {
        p(&mut node.id);
        beats(&mut node.says);
        beats(&mut node.interrupted);
        if let Some(h) = node.hint.as_mut() {
            p(h);
        }
        match &mut node.kind {
            NodeKind::Decision { replies } => {
                for r in replies {
                    p(&mut r.text);
                    p(&mut r.feedback);
                    beats(&mut r.reaction);
                }
            }
            NodeKind::Ending { outcome, .. } => p(outcome),
        }
    }
    for t in &mut s.tests {
        p(&mut t.name);
    }
    Arc::new(s)
}

#[test]
fn the_script_transcript_is_safe_even_for_a_scenario_altered_after_loading() {
    use hearken::report_text::Numbers;
    let table = RubricTable::builtin();
    for (name, bad) in HOSTILE {
        let s = poisoned(bad);
        // The better option is chosen second time round, so "Better: ..." is printed too; the
        // interruption prints the cut-off line and the `interrupted` beats.
        for script in [vec![(1, false)], vec![(2, false)], vec![(1, true)]] {
            let choices: Vec<_> = script
                .iter()
                .map(|&(option, interrupt)| hearken_engine::scenario::TestChoice { option, interrupt, span: 0..0 })
                .collect();
            let session = play(s.clone(), table.clone(), scripted_options(1, true), &choices)
                .unwrap_or_else(|e| panic!("{name}: {}", e.0));
            let report = session.report(end_time(&session));
            let text = hearken::report_text::transcript(&report, session.scenario(), &table, Numbers::File, Some(1));
            assert!(text.contains("You: "), "the transcript was printed: {text}");
            assert_safe(&format!("{name}: transcript"), &text);
            assert_safe(&format!("{name}: summary"), &hearken::report_text::summary(&report));
            for d in &report.decisions {
                assert_safe(name, &hearken::report_text::feedback(&table, &report.peer, d, Numbers::File));
            }
        }
    }
}

#[test]
fn the_plain_mode_writer_makes_anything_written_through_it_safe() {
    // `--plain` prints through this writer; it cannot be reached with a hostile file, because
    // the loader refuses one before plain mode starts (see the end-to-end test above).
    for (name, bad) in HOSTILE {
        let mut out = SafeWriter(Vec::new());
        writeln!(out, "Dana: {bad} and more").unwrap();
        write!(out, "  1. {bad}").unwrap();
        out.flush().unwrap();
        let text = String::from_utf8(out.0).unwrap();
        assert_safe(name, &text);
        assert!(text.starts_with("Dana: ") && text.contains("and more\n  1. "), "{text:?}");
    }
}

#[test]
fn tui_frames_are_safe_even_for_a_scenario_altered_after_loading() {
    use hearken::settings::PlaySettings as Settings;
    use hearken::tui::{App, Key, Msg, update, view};
    use ratatui::{Terminal, backend::TestBackend};

    let table = RubricTable::builtin();
    for (name, bad) in HOSTILE {
        let s = poisoned(bad);
        // A broken file whose name and first problem carry the sequence too, for the home list.
        let broken = Entry {
            scenario: None,
            report: FileDiagnostics {
                name: format!("broken {bad}.toml"),
                source: None,
                diagnostics: vec![hearken_engine::diagnostic::Diagnostic::new(Code::H001, None, format!("bad {bad}"))],
            },
            io_error: false,
        };
        let placeholder =
            Entry::from_source(SourceFile::new(Origin::BuiltIn("hostile.toml"), file_with("title", "fine")), &table);
        let good = Entry { scenario: Some(s.clone()), ..placeholder };
        let library = Library { entries: vec![good, broken] };
        let mut app = App::new(library, table.clone(), Settings { seed: Some(1), ..Settings::default() });
        let mut frames = 0;
        let mut check = |app: &App, now: u64| {
            for (w, h) in [(100, 40), (60, 20)] {
                let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                terminal.draw(|f| view(app, f, now)).unwrap();
                let buffer = terminal.backend().buffer();
                let text: String = buffer.content().iter().map(|c| c.symbol()).collect();
                assert_safe(&format!("{name}: TUI frame {frames} at {w}x{h}"), &text);
            }
            frames += 1;
        };
        let mut now = 0;
        check(&app, now); // home
        let _ = update(&mut app, Msg::Key(Key::Down), now);
        check(&app, now); // the broken file selected
        let _ = update(&mut app, Msg::Key(Key::Up), now);
        let _ = update(&mut app, Msg::Key(Key::Enter), now);
        check(&app, now); // briefing
        let _ = update(&mut app, Msg::Key(Key::Enter), now);
        for _ in 0..10 {
            let Some(play) = &app.play else { break };
            if play.conv.session.is_over() {
                break;
            }
            let end = play.conv.session.turn().end;
            check(&app, now + 500); // mid-speech
            now = end;
            let _ = update(&mut app, Msg::Key(Key::Char('h')), now);
            check(&app, now); // options and hint
            let _ = update(&mut app, Msg::Key(Key::Char('1')), now);
            check(&app, now); // feedback
            let _ = update(&mut app, Msg::Key(Key::Enter), now);
        }
        now += 60_000;
        let _ = update(&mut app, Msg::Tick, now);
        check(&app, now); // ending / report
        for key in [Key::Enter, Key::Tab, Key::Down, Key::Enter] {
            let _ = update(&mut app, Msg::Key(key), now);
            check(&app, now);
        }
        assert!(frames >= 8, "{name}: only {frames} frames were drawn");
    }
}

#[test]
fn the_fast_check_for_forbidden_characters_agrees_with_the_rule_on_every_character() {
    use hearken_engine::text::has_forbidden_char;
    for c in (0..=0x10ffff).filter_map(char::from_u32) {
        let alone = c.to_string();
        assert_eq!(has_forbidden_char(&alone), is_forbidden_char(c), "U+{:04X}", c as u32);
        // In context too: after a multi-byte character, before a truncated sequence.
        let framed = format!("é{c}\u{2028}");
        assert_eq!(has_forbidden_char(&framed), is_forbidden_char(c), "U+{:04X} framed", c as u32);
    }
    // Wherever it stands in a long text (the check reads in blocks).
    for c in ['\u{1b}', '\u{9b}', '\u{202e}', '\u{2069}', '\u{7f}', '\u{2014}', '\u{a3}', 'é'] {
        for at in 0..70 {
            let text = format!("{}{c}{}", "a".repeat(at), "b".repeat(70 - at));
            assert_eq!(has_forbidden_char(&text), is_forbidden_char(c), "U+{:04X} at {at}", c as u32);
        }
    }
}
