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
fn typing_an_option_s_own_words_is_heard_as_its_author_labelled_them() {
    // The classifier alone may hear a story about the speaker's family as a reflection with
    // self-disclosure; the scenario's author labelled these very words a hijack, and typing them
    // (or nearly them) must not score above choosing them.
    for words in [
        "My dad worked himself into the ground too. It was awful for my mum.",
        "my dad worked himself into the ground too, it was awful for my mum",
    ] {
        let o = script(&format!("> {words}\n"), &["--json"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        let d = &v["decisions"][0];
        assert_eq!(d["heard"], serde_json::json!(["hijacking"]), "{words}: {d}");
        assert_eq!(d["mark"], "harmful", "{words}: {d}");
        assert_eq!(d["matched"], 5, "{words}: {d}");
    }
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

// --- --plain --type, on a fake clock ------------------------------------------------------------

mod plain {
    use hearken::clock::FakeClock;
    use hearken::conversation::Conversation;
    use hearken::plain::{ScriptedLines, play};
    use hearken::settings::{FeedbackMode, PlaySettings};
    use hearken::store::Recorder;
    use hearken_engine::rubric::RubricTable;
    use std::path::Path;

    /// Plays typed.toml in plain type mode with `lines` typed after the given delays.
    pub fn typed(lines: &[(u64, &str)]) -> (String, Conversation) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(super::FIXTURE);
        let scenario = hearken::library::entry_from_path(&path, &RubricTable::builtin()).scenario.unwrap();
        let clock = FakeClock::new(0);
        let settings = PlaySettings { seed: Some(7), typed: true, ..PlaySettings::default() };
        let mut conv = Conversation::start(scenario, RubricTable::builtin(), &settings, 0, 0);
        let mut recorder = Recorder::start(None, &conv.session, false, None);
        let mut input = ScriptedLines::new(&clock, lines);
        let mut out = Vec::new();
        play(&mut conv, &clock, &mut input, &mut out, FeedbackMode::Immediate, &mut recorder).unwrap();
        (String::from_utf8(out).unwrap(), conv)
    }
}

#[test]
fn plain_type_mode_shows_an_input_line_not_options_then_what_was_heard_and_the_closest_option() {
    let (text, conv) = plain::typed(&[(10_000, "you should talk to HR about your manager"), (0, "")]);
    assert!(text.contains("Type mode: write your answer in your own words"), "{text}");
    assert!(text.contains("(Sam has finished.) Your answer, in your own words:"), "{text}");
    let finished = text.find("(Sam has finished.)").unwrap();
    assert!(!text[..finished].contains("You sound exhausted."), "no options are listed before the answer:\n{text}");
    assert!(text.contains("You: you should talk to HR about your manager\n"), "{text}");
    assert!(text.contains("Heard: advice — because 'you should'"), "{text}");
    let n = conv.session.decisions()[0].shown.iter().position(|&i| i == 3).unwrap() + 1;
    assert!(text.contains(&format!("Closest option: {n}. You should talk to HR about your manager.\n")), "{text}");
    assert!(text.contains("Press Enter to go on, or type the number of an option closer to what you meant:"), "{text}");
    assert!(text.contains("   ✗ harmful: Unasked-for advice"), "{text}");
    assert!(text.contains("   Best option: "), "{text}");
    assert!(conv.session.is_over());
    assert_eq!(conv.session.node().id, "guarded");
}

#[test]
fn plain_type_mode_lets_the_trainee_pick_a_different_closest_option_without_changing_the_score() {
    let shown_of = |conv: &hearken::conversation::Conversation, i: usize| {
        conv.session.decisions()[0].shown.iter().position(|&x| x == i).unwrap() + 1
    };
    let (_, first) = plain::typed(&[(10_000, "what has the week been like for you"), (0, "")]);
    let n = shown_of(&first, 1);
    let (text, conv) = plain::typed(&[(10_000, "what has the week been like for you"), (0, "9"), (0, &n.to_string())]);
    assert!(text.contains("Press Enter to go on, or type a number from 1 to 5."), "{text}");
    assert!(text.contains(&format!("Closest option is now {n}.")), "{text}");
    let (a, b) = (&first.session.decisions()[0], &conv.session.decisions()[0]);
    assert_eq!((a.chosen, b.chosen), (2, 1));
    assert_eq!((a.score.quality, a.score.earned), (b.score.quality, b.score.earned));
    assert!(b.typed.as_ref().unwrap().corrected);
}

#[test]
fn plain_type_mode_cuts_in_refuses_empty_answers_and_keeps_commands_behind_a_slash() {
    let (text, conv) = plain::typed(&[(1_000, "/h"), (0, "   "), (0, "/?"), (0, "you're exhausted\x1b[31m"), (0, "")]);
    assert!(text.contains("There is no hint for this moment."), "{text}");
    assert!(text.contains("Write something first: your answer is empty."), "{text}");
    assert!(text.contains("/h shows a hint, /q leaves"), "{text}");
    assert!(text.contains("(Sam is cut off.)"), "{text}");
    assert!(text.contains("You: you're exhausted\n"), "{text}");
    assert!(!text.contains('\x1b'));
    let d = &conv.session.decisions()[0];
    assert!(d.interrupted);
    assert_eq!(d.typed.as_ref().unwrap().heard.skills, vec![hearken_engine::rubric::Skill::Reflection]);
    assert_eq!(conv.session.decisions().len(), 1, "the empty answer recorded nothing");
}
