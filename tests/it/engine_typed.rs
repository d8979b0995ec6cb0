//! Typed answers in a session (docs/typed-answers.md), driven by an explicit clock: heard against
//! what the peer had said by then, matched to the closest option shown by then, scored from what
//! was heard, corrected without changing the score, and played from scripts (`> words`).
//! Fixture: tests/fixtures/engine/typed.toml.

use hearken_engine::rubric::score::score_decision;
use hearken_engine::rubric::{Mark, RubricTable, Skill};
use hearken_engine::scenario::Scenario;
use hearken_engine::session::script::{self, ScriptError};
use hearken_engine::session::{CorrectError, Phase, Session, SessionOptions, Speaker, TypedError};
use std::path::Path;
use std::sync::Arc;

fn fixture() -> Arc<Scenario> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/engine/typed.toml");
    let entry = hearken::library::entry_from_path(&path, &RubricTable::builtin());
    entry.scenario.unwrap_or_else(|| panic!("typed.toml does not load: {:?}", entry.report.diagnostics))
}

const T0: u64 = 1000;

fn session() -> Session {
    Session::new(
        fixture(),
        RubricTable::builtin(),
        SessionOptions { seed: 0, speed: 1.0, animate: true, shuffle: false, start: None },
        T0,
    )
}

#[test]
fn an_answer_after_the_peer_finished_is_heard_matched_and_scored_from_what_was_heard() {
    let mut s = session();
    let end = s.turn().end;
    let d = s.submit("it feels like it all lands on you and nobody notices", end + 500).unwrap().clone();
    assert!(!d.interrupted);
    let t = d.typed.as_ref().unwrap();
    assert_eq!(t.text, "it feels like it all lands on you and nobody notices");
    assert_eq!(d.chosen, 1, "the paraphrase of option 2 is the closest");
    assert_eq!(t.suggested, 1);
    assert!(!t.loose && !t.corrected);
    assert!(t.heard.recognised);
    assert!(t.heard.skills.iter().any(|s| s.is_reflection()), "{:?}", t.heard);
    // Scored as one more option carrying the heard skills, against the decision's options.
    let table = RubricTable::builtin();
    let node = s.scenario().node(s.scenario().start);
    let mut options: Vec<&[Skill]> = node.replies().iter().map(|r| r.skills.as_slice()).collect();
    options.push(&t.heard.skills);
    let heard_at = options.len() - 1;
    let direct = score_decision(&table, &options, heard_at, false, true);
    assert_eq!((d.score.earned, d.score.available, d.score.quality), (direct.earned, direct.available, direct.quality));
    assert_eq!(d.score.mark, direct.mark);
    // The transcript keeps the typed words.
    let last = s.transcript().last().unwrap();
    assert_eq!((last.speaker.clone(), last.text.as_str()), (Speaker::Trainee, t.text.as_str()));
    assert_eq!(s.phase(), Phase::Answered);
}

#[test]
fn cutting_in_is_heard_against_what_was_said_by_then_and_matched_among_options_shown_by_then() {
    let mut s = session();
    // Line 1 ("I'm exhausted.", 14 characters at 20 a second) ends at T0 + 700; then a pause.
    assert_eq!(s.heard_context(T0 + 1000), vec!["I'm exhausted.".to_string()]);
    assert_eq!(s.options_shown_at(T0 + 1000), vec![0], "only the option with after = 1 is on show");
    let d = s.submit("youre exhausted", T0 + 1000).unwrap().clone();
    assert!(d.interrupted);
    let t = d.typed.unwrap();
    assert_eq!(t.heard.skills, vec![Skill::Reflection], "says back 'exhausted': {:?}", t.heard.cues);
    assert_eq!(d.chosen, 0);
    // The peer's reaction to being cut off, then the option's reaction, then the next node.
    s.proceed(T0 + 1000);
    let said: Vec<String> = s
        .turn()
        .beats
        .iter()
        .filter_map(|b| match &b.beat {
            hearken_engine::scenario::Beat::Line(l) => Some(l.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(said, ["Sorry, go on.", "Yeah.", "Thanks. It helps to say it."]);
}

#[test]
fn an_empty_answer_is_refused_and_nothing_is_recorded() {
    let mut s = session();
    let end = s.turn().end;
    for empty in ["", "   ", "\x1b[2J\n\t", "\u{7}"] {
        assert_eq!(s.submit(empty, end).unwrap_err(), TypedError::Empty);
    }
    assert!(s.decisions().is_empty());
    assert_eq!(s.phase(), Phase::Deciding);
    assert!(s.transcript().iter().all(|l| l.speaker == Speaker::Peer));
}

#[test]
fn control_characters_are_removed_before_anything_is_stored_and_a_paste_is_cut() {
    let mut s = session();
    let end = s.turn().end;
    let pasted = format!("what has \x1b[31mthe week\x1b[0m been like{}", " really".repeat(2000));
    let d = s.submit(&pasted, end).unwrap().clone();
    let t = d.typed.unwrap();
    assert!(t.text.starts_with("what has the week been like really"));
    assert!(!t.text.contains('\x1b'));
    assert_eq!(t.text.chars().count(), hearken_engine::typed::MAX_ANSWER_CHARS);
    assert!(t.cut_from.unwrap() > 10_000);
}

#[test]
fn correcting_the_match_changes_where_the_conversation_goes_never_the_score() {
    let mut s = session();
    let end = s.turn().end;
    let d = s.submit("what has the week been like for you", end).unwrap().clone();
    assert_eq!(d.chosen, 2);
    assert_eq!(s.correct_match(7), Err(CorrectError::NoSuchOption { given: 8, available: 5 }));
    s.correct_match(3).unwrap();
    let after = s.decisions().last().unwrap().clone();
    assert_eq!(after.chosen, 3);
    assert_eq!(
        (after.score.earned, after.score.quality, after.score.mark),
        (d.score.earned, d.score.quality, d.score.mark)
    );
    let t = after.typed.as_ref().unwrap();
    assert!(t.corrected);
    assert_eq!(t.suggested, 2);
    s.proceed(end);
    assert_eq!(s.node().id, "guarded", "the corrected option's `next`");
    assert_eq!(s.correct_match(0), Err(CorrectError::NothingToCorrect));

    let json = s.report(s.turn().end).to_json();
    let d = &json["decisions"][0];
    assert_eq!(d["option"], 4);
    assert_eq!(d["matched"], 4);
    assert_eq!(d["corrected"], true);
    assert_eq!(d["suggested"], 3);
    assert_eq!(d["typed"], "what has the week been like for you");
    assert_eq!(d["heard"], serde_json::json!(["open-question"]));
}

#[test]
fn picking_the_suggested_option_again_is_not_a_correction() {
    let mut s = session();
    let end = s.turn().end;
    s.submit("what has the week been like for you", end).unwrap();
    s.correct_match(3).unwrap();
    s.correct_match(2).unwrap();
    assert!(!s.decisions()[0].typed.as_ref().unwrap().corrected);
}

#[test]
fn rapport_and_counts_follow_what_was_heard() {
    let table = RubricTable::builtin();
    let mut s = session();
    let end = s.turn().end;
    // Heard as advice, matched (by wording) to the reflection that leads on by rapport.
    let d = s.submit("you should just talk to HR", end).unwrap().clone();
    let heard = d.typed.as_ref().unwrap().heard.skills.clone();
    assert!(heard.contains(&Skill::Advice), "{heard:?}");
    assert_eq!(s.trust(), hearken_engine::rapport::moved(0, table.trust(&heard)));
    let counts = s.counts();
    assert_eq!(counts.roadblocks, 1);
    assert_eq!(counts.reflections, 0);
    assert_eq!(d.score.mark, Mark::Harmful);
}

#[test]
fn an_answer_in_another_language_is_heard_as_nothing_and_scored_as_nothing() {
    let mut s = session();
    let end = s.turn().end;
    let d = s.submit("Je suis désolé, ça a l'air difficile", end).unwrap().clone();
    let t = d.typed.as_ref().unwrap();
    assert!(!t.heard.recognised);
    assert!(t.heard.skills.is_empty());
    assert!(t.heard.line().starts_with("Heard: nothing — not recognised"), "{}", t.heard.line());
    assert!(t.loose);
    assert_eq!(d.score.mark, Mark::Harmful);
}

#[test]
fn replaying_keeps_the_typed_answers_as_they_were() {
    let mut s = session();
    let end = s.turn().end;
    s.submit("what has the week been like for you", end).unwrap();
    s.correct_match(3).unwrap();
    s.proceed(end);
    let again = s.replay_to(1, 50_000);
    assert_eq!(again.decisions()[0].typed, s.decisions()[0].typed);
    assert_eq!(again.decisions()[0].chosen, 3);
    assert_eq!(again.node().id, "guarded");
}

#[test]
fn submitting_when_not_deciding_is_refused() {
    let mut s = session();
    let end = s.turn().end;
    s.submit("what has the week been like for you", end).unwrap();
    assert_eq!(s.submit("more", end).unwrap_err(), TypedError::NotDeciding);
}

// --- Scripts ---------------------------------------------------------------------------------

#[test]
fn scripts_read_typed_answers_as_the_rest_of_the_line() {
    let t = script::tokens("1 !2 # a comment\n> you sound exhausted # not a comment\n  !>what happened\n3#x 4\n>\n");
    type Seen = (String, Option<(usize, bool)>, Option<(String, bool)>);
    let seen: Vec<Seen> = t.into_iter().map(|t| (t.given, t.choice, t.typed)).collect();
    assert_eq!(
        seen,
        vec![
            ("1".into(), Some((1, false)), None),
            ("!2".into(), Some((2, true)), None),
            (
                "> you sound exhausted # not a comment".into(),
                None,
                Some(("you sound exhausted # not a comment".into(), false))
            ),
            ("!>what happened".into(), None, Some(("what happened".into(), true))),
            ("3".into(), Some((3, false)), None),
            (">".into(), None, Some((String::new(), false))),
        ]
    );
}

#[test]
fn a_script_plays_typed_answers_and_option_numbers_alike() {
    let opts = script::scripted_options(0, true);
    let s = script::play_text(fixture(), RubricTable::builtin(), opts, "!> you're exhausted\n").unwrap();
    assert!(s.is_over());
    let d = &s.decisions()[0];
    assert!(d.interrupted);
    assert_eq!(d.chosen, 0);
    let s = script::play_text(fixture(), RubricTable::builtin(), opts, "> what has the week been like\n").unwrap();
    assert_eq!(s.node().id, "more");
}

#[test]
fn a_script_with_an_empty_typed_answer_or_a_cut_in_without_animation_says_so() {
    let e =
        script::play_text(fixture(), RubricTable::builtin(), script::scripted_options(0, true), ">   \n").unwrap_err();
    assert!(matches!(e.0, ScriptError::EmptyAnswer { decision: 1, .. }));
    assert!(e.0.to_string().contains("`>` has no words after it"), "{}", e.0);
    let e = script::play_text(fixture(), RubricTable::builtin(), script::scripted_options(0, false), "!> hi there\n")
        .unwrap_err();
    assert!(matches!(e.0, ScriptError::CannotInterrupt { .. }), "{:?}", e.0);
}

#[test]
fn wording_alone_can_make_a_match_close_and_nothing_close_is_a_loose_match() {
    let mut s = session();
    let end = s.turn().end;
    // Close to a paraphrase of option 2 in wording, whatever was heard.
    let d = s.submit("youre carrying the whole load on your own", end).unwrap().clone();
    assert_eq!(d.chosen, 1);
    assert!(!d.typed.unwrap().loose);
    let mut s = session();
    let d = s.submit("the weather is nice", end).unwrap().clone();
    assert!(d.typed.unwrap().loose);
}

/// A critical moment whose best option asks directly and reflects: a typed answer that only asks
/// directly is heard as less than best, yet it does the one thing the moment is about.
const CRITICAL: &str = r#"
id = "asked"
title = "Asked"
difficulty = "advanced"
start = "hint"

[peer]
name = "Eli"
about = "Eli stayed behind after group."

[nodes.hint]
says = ["Everyone would be better off without me."]
critical = "Eli hints at suicide: ask him directly."

[[nodes.hint.options]]
text = "You feel like a burden. Are you thinking about killing yourself?"
skills = ["complex-reflection", "safety-question"]
feedback = "You named the feeling and asked directly, in plain words."
next = "safe"

[[nodes.hint.options]]
text = "Don't say that, everyone loves you."
skills = ["minimizing"]
feedback = "Reassurance closes the door he just opened."
next = "gone"

[[nodes.hint.options]]
text = "Things will look better tomorrow."
skills = ["false-promise"]
feedback = "A promise you cannot keep, and no question about his safety."
next = "gone"

[nodes.safe]
says = ["...Yeah. Sometimes."]
ending = "good"
outcome = "Eli told you."

[nodes.gone]
says = ["Forget it."]
ending = "poor"
outcome = "Eli left."
"#;

#[test]
fn asking_directly_in_your_own_words_handles_the_critical_moment() {
    use hearken_engine::scenario::library::Entry;
    use hearken_engine::source::{Origin, SourceFile};
    let entry =
        Entry::from_source(SourceFile::new(Origin::BuiltIn("asked.toml"), CRITICAL.into()), &RubricTable::builtin());
    let scenario = entry.scenario.unwrap_or_else(|| panic!("{:?}", entry.report.diagnostics));
    let run = |words: &str| {
        let mut s = Session::new(scenario.clone(), RubricTable::builtin(), SessionOptions::default(), T0).untimed();
        let at = s.submit_scripted(words, false).unwrap();
        s.proceed(at);
        s.report(script::end_time(&s))
    };
    let asked = run("Are you thinking about killing yourself?");
    assert_ne!(asked.decisions[0].mark, Mark::Best, "heard as less than the best option: no reflection");
    assert_eq!(asked.critical.len(), 1);
    assert!(asked.critical[0].handled, "asking directly is what the moment is about: {:?}", asked.critical);
    let reassured = run("don't say that, everyone loves you");
    assert!(!reassured.critical[0].handled, "{:?}", reassured.critical);
}
