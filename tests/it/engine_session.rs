//! The conversation state machine, driven by an explicit clock: when the peer is still speaking,
//! what an interruption cuts, what plays next, hints, response times, rapport, replay and the
//! seeded option order. Fixtures: tests/fixtures/engine/timing.toml and rapport.toml.

use hearken::clock::{Clock, FakeClock};
use hearken_engine::rubric::{Rubric, RubricTable};
use hearken_engine::scenario::Scenario;
use hearken_engine::session::{BeatSource, ChooseError, Line, Phase, Progress, Session, SessionOptions, script};
use std::path::Path;
use std::sync::Arc;

fn fixture(name: &str) -> Arc<Scenario> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/engine").join(format!("{name}.toml"));
    let entry = hearken::library::entry_from_path(&path, &RubricTable::builtin());
    entry.scenario.unwrap_or_else(|| panic!("{name}.toml does not load: {:?}", entry.report.diagnostics))
}

fn options(animate: bool, shuffle: bool, seed: u64) -> SessionOptions {
    SessionOptions { seed, speed: 1.0, animate, shuffle, start: None }
}

/// timing.toml in file order, its first turn starting at `clock`'s time.
fn timing(clock: &FakeClock) -> Session {
    Session::new(fixture("timing"), RubricTable::builtin(), options(true, false, 0), clock.now())
}

fn peer(text: &str, cut: bool) -> Line {
    let mut l = Line::peer(text);
    l.cut = cut;
    l
}

// The opening turn from 1000 ms: "0123456789" 1000-1500, pause 1500-2500, "Done." 2500-2750.
const T0: u64 = 1000;

#[test]
fn the_peer_is_still_speaking_until_the_last_beat_is_out() {
    let clock = FakeClock::new(T0);
    let s = timing(&clock);
    let turn = s.turn();
    assert_eq!((turn.start, turn.end), (1000, 2750));
    assert_eq!(
        turn.beats.iter().map(|b| (b.start, b.end)).collect::<Vec<_>>(),
        [(1000, 1500), (1500, 2500), (2500, 2750)]
    );
    assert_eq!(turn.progress(0, 1250), Progress::Saying(5));
    assert_eq!(turn.progress(1, 1600), Progress::Pausing);
    assert_eq!(turn.progress(2, 1600), Progress::Pending);
    // The pause holds the turn: still speaking, and the next change is the pause's end.
    assert!(s.is_speaking(2000));
    assert_eq!(s.next_change(2000), Some(2500));
    assert!(s.is_speaking(2749));
    assert!(!s.is_speaking(2750));
    assert_eq!(s.next_change(2750), None);
    assert_eq!(s.phase(), Phase::Deciding);
}

#[test]
fn cutting_in_mid_line_keeps_what_was_said_then_plays_interrupted_reaction_and_next_says() {
    let clock = FakeClock::new(T0);
    let mut s = timing(&clock);
    // Option 1 appears after the first line (1500); "Done." is said 2500-2750.
    clock.set(2600); // 100 ms into "Done." at 20 characters a second: "Do"
    let d = s.choose(0, clock.now()).unwrap();
    assert!(d.interrupted);
    assert_eq!(d.cut_after, Some(1600));
    assert_eq!(d.response_ms, None, "an interruption has no response time");
    // Waiting would have earned +2 on non-interruption; cutting in earns -2.
    assert_eq!(d.score.earned.get(Rubric::NonInterruption), -2);
    assert_eq!(d.score.available.get(Rubric::NonInterruption), 2);
    assert_eq!(s.phase(), Phase::Answered);
    let mut pause = Line::pause(1000);
    pause.cut = false;
    assert_eq!(
        s.transcript(),
        [peer("0123456789", false), pause, peer("Do", true), Line::trainee("It sounds like a lot.", 0)]
    );

    clock.set(2700);
    s.proceed(clock.now());
    // "Oh. Go on." 500 ms, "Yes." 200 ms, "Second turn." 600 ms.
    let beats: Vec<_> = s.turn().beats.iter().map(|b| (b.source, b.start, b.end)).collect();
    assert_eq!(
        beats,
        [(BeatSource::Interrupted, 2700, 3200), (BeatSource::Reaction, 3200, 3400), (BeatSource::Says, 3400, 4000)]
    );
    assert_eq!(s.node().id, "middle");
    assert_eq!(s.counts().interruptions, 1);
}

#[test]
fn an_option_cannot_be_chosen_before_it_appears() {
    let clock = FakeClock::new(T0);
    let mut s = timing(&clock);
    // Mid first line: options 1 and 2 appear only once it is said (1500), option 3 at the end.
    assert!(s.visible_replies(1250).is_empty());
    assert_eq!(s.choose(0, 1250).unwrap_err(), ChooseError::NotShownYet);
    assert_eq!(s.visible_replies(1500).iter().map(|(i, _)| *i).collect::<Vec<_>>(), [0, 1]);
    assert_eq!(s.choose(2, 2000).unwrap_err(), ChooseError::NotShownYet);
    assert!(s.decisions().is_empty(), "a refused choice changes nothing");
    assert_eq!(s.visible_replies(2750).len(), 3);
}

#[test]
fn cutting_in_during_a_pause_cuts_after_the_last_full_line() {
    let clock = FakeClock::new(T0);
    let mut s = timing(&clock);
    let d = s.choose(1, 2000).unwrap();
    assert!(d.interrupted);
    assert_eq!(s.transcript(), [peer("0123456789", true), Line::trainee("You should rest.", 0)]);
    s.proceed(2000);
    // No reaction on option 2: the interrupted beats, then the next node.
    let sources: Vec<_> = s.turn().beats.iter().map(|b| b.source).collect();
    assert_eq!(sources, [BeatSource::Interrupted, BeatSource::Says]);
}

#[test]
fn cutting_in_as_a_line_starts_cuts_after_the_pause() {
    let clock = FakeClock::new(T0);
    let mut s = timing(&clock);
    assert!(s.choose(0, 2500).unwrap().interrupted);
    let mut pause = Line::pause(1000);
    pause.cut = true;
    assert_eq!(s.transcript()[..2], [peer("0123456789", false), pause]);
}

#[test]
fn choosing_exactly_at_the_end_of_the_turn_is_not_an_interruption() {
    let clock = FakeClock::new(T0);
    let mut s = timing(&clock);
    let d = s.choose(0, 2750).unwrap();
    assert!(!d.interrupted);
    assert_eq!(d.response_ms, Some(0));
    assert_eq!(d.score.earned.get(Rubric::NonInterruption), 2);
    assert_eq!(
        s.transcript(),
        [peer("0123456789", false), Line::pause(1000), peer("Done.", false), Line::trainee("It sounds like a lot.", 0)]
    );
    s.proceed(2750);
    let sources: Vec<_> = s.turn().beats.iter().map(|b| b.source).collect();
    assert_eq!(sources, [BeatSource::Reaction, BeatSource::Says], "no `interrupted` beats after a full turn");
}

#[test]
fn one_millisecond_before_the_end_is_still_an_interruption() {
    let clock = FakeClock::new(T0);
    let mut s = timing(&clock);
    // 249 ms into "Done." at 20 characters a second: 4.98 characters, so "Done".
    assert!(s.choose(0, 2749).unwrap().interrupted);
    assert_eq!(s.transcript()[2], peer("Done", true));
}

#[test]
fn response_times_run_from_the_end_of_the_turn_and_average_in_the_report() {
    let clock = FakeClock::new(T0);
    let mut s = timing(&clock);
    clock.set(3750);
    assert_eq!(s.choose(2, clock.now()).unwrap().response_ms, Some(1000));
    s.proceed(clock.now());
    // "Second turn." runs 3750-4350; answering at 4851 is 501 ms after it.
    clock.set(4851);
    assert_eq!(s.choose(0, clock.now()).unwrap().response_ms, Some(501));
    s.proceed(clock.now());
    // (1000 + 501) / 2 = 750.5, rounded half up.
    assert_eq!(s.report(clock.now()).mean_response_ms, Some(751));

    // A script has no clock: no response times at all.
    let scripted =
        script::play_text(fixture("timing"), RubricTable::builtin(), script::scripted_options(0, true), "3 1").unwrap();
    assert!(scripted.decisions().iter().all(|d| d.response_ms.is_none()));
    assert_eq!(scripted.report(script::end_time(&scripted)).mean_response_ms, None);
}

#[test]
fn a_hint_is_counted_once_per_decision_and_only_while_deciding() {
    let clock = FakeClock::new(T0);
    let mut s = timing(&clock);
    assert_eq!(s.use_hint(), Some("Let Sam finish."));
    assert_eq!(s.use_hint(), Some("Let Sam finish."));
    assert!(s.hint_used());
    s.choose(0, 3000).unwrap();
    // Looking at the hint between decisions does not count against the next one.
    s.use_hint();
    s.proceed(3000);
    assert!(!s.hint_used());
    s.choose(0, 5000).unwrap();
    s.proceed(5000);
    assert!(s.is_over());
    let report = s.report(6000);
    assert_eq!(report.counts.hints, 1);
    assert_eq!(report.decisions.iter().map(|d| d.hint_used).collect::<Vec<_>>(), [true, false]);
}

#[test]
fn rapport_moves_with_each_choice_and_conditional_next_reads_it() {
    let play = |choices: &str| {
        let s =
            script::play_text(fixture("timing"), RubricTable::builtin(), script::scripted_options(0, true), choices)
                .unwrap();
        (s.node().id.clone(), s.trust())
    };
    // reflection +1, validation +1: 2, so `trust_at_least = 2` holds.
    assert_eq!(play("1 1"), ("warm".to_string(), 2));
    // attentive silence +1, validation +1: 2 as well.
    assert_eq!(play("3 1"), ("warm".to_string(), 2));
    // advice -1, validation +1: 0.
    assert_eq!(play("2 1"), ("cool".to_string(), 0));
    // reflection +1, judgment -2: -1.
    assert_eq!(play("1 2"), ("cool".to_string(), -1));
}

#[test]
fn rapport_stops_at_plus_and_minus_five_at_every_step() {
    // rapport.toml starts at 4; "Up" is +2 and "Down" is -4. The last node branches:
    // at least 5 -> top, at least -4 -> middle, else bottom.
    let play = |choices: &str| {
        let s =
            script::play_text(fixture("rapport"), RubricTable::builtin(), script::scripted_options(0, true), choices)
                .unwrap();
        let steps: Vec<i32> = s.decisions().iter().map(|d| d.trust_after).collect();
        (steps, s.node().id.clone())
    };
    assert_eq!(play("1 1 1 1"), (vec![5, 5, 5, 5], "top".to_string()));
    // 6 stops at 5, so one step down lands on 1, not 2.
    assert_eq!(play("1 2 2 2"), (vec![5, 1, -3, -5], "bottom".to_string()));
    // -8 stops at -5 and the next +2 starts from there: -3, not -5 (as summing first would give).
    assert_eq!(play("2 2 2 1"), (vec![0, -4, -5, -3], "middle".to_string()));
    assert_eq!(play("1 1 1 2"), (vec![5, 5, 5, 1], "middle".to_string()));
}

#[test]
fn scripted_interruptions_land_the_moment_the_option_appears() {
    let s =
        script::play_text(fixture("timing"), RubricTable::builtin(), script::scripted_options(0, true), "!1").unwrap();
    // Option 1 of the opening has `after = 1`: it cuts in right after "0123456789", at 500 ms.
    assert_eq!(s.decisions()[0].cut_after, Some(500));
    assert_eq!(s.transcript()[0], peer("0123456789", true));
    // Option 3 appears only when Sam has finished, and so do the options of `middle` (one line):
    // a `!N` with them is an error naming the decision, not a silent wait.
    for (choices, decision) in [("!3", 1), ("3 !1", 2)] {
        let e =
            script::play_text(fixture("timing"), RubricTable::builtin(), script::scripted_options(0, true), choices)
                .unwrap_err();
        assert!(
            matches!(&e.0, script::ScriptError::CannotCutIn { decision: d, .. } if *d == decision),
            "{choices}: {}",
            e.0
        );
        assert!(e.0.to_string().contains("cannot cut in"), "{}", e.0);
    }
}

#[test]
fn without_animation_the_turn_is_shown_at_once_and_nobody_can_interrupt() {
    let mut s = Session::new(fixture("timing"), RubricTable::builtin(), options(false, false, 0), T0);
    assert_eq!((s.turn().start, s.turn().end), (T0, T0));
    assert!(!s.is_speaking(T0));
    assert_eq!(s.choose_scripted(0, true), Err(ChooseError::CannotInterrupt));
    let d = s.choose(0, T0).unwrap();
    assert!(!d.interrupted);
    // Speech is not counted: non-interruption offers nothing here.
    assert_eq!(d.score.available.get(Rubric::NonInterruption), 0);
    assert!(!s.report(T0).speech_counted);
}

#[test]
fn choices_that_do_not_fit_are_refused_without_changing_anything() {
    let mut s = timing(&FakeClock::new(T0));
    assert_eq!(s.choose(3, 3000).unwrap_err(), ChooseError::NoSuchOption { given: 4, available: 3 });
    assert!(matches!(s.choose(usize::MAX, 3000), Err(ChooseError::NoSuchOption { .. })));
    assert!(s.decisions().is_empty());
    s.choose(0, 3000).unwrap();
    assert_eq!(s.choose(0, 3000).unwrap_err(), ChooseError::NotDeciding);
    s.proceed(3000);
    s.choose(0, 5000).unwrap();
    s.proceed(5000);
    assert!(s.is_over());
    assert_eq!(s.choose(0, 6000).unwrap_err(), ChooseError::NotDeciding);
    assert_eq!(s.decisions().len(), 2);
}

#[test]
fn the_report_of_a_session_left_mid_turn_keeps_what_was_heard() {
    let s = timing(&FakeClock::new(T0));
    let report = s.report(1250);
    assert!(!report.finished);
    assert_eq!(report.ending, None);
    assert_eq!(report.transcript, [peer("01234", true)]);
    assert_eq!(report.scores.overall, None, "nothing was decided, so nothing is assessed");
}

#[test]
fn the_report_at_an_ending_has_the_whole_last_turn() {
    let clock = FakeClock::new(T0);
    let mut s = timing(&clock);
    s.choose(0, 3000).unwrap();
    s.proceed(3000);
    s.choose(0, 5000).unwrap();
    s.proceed(5000);
    // Read while the ending's line is still being said: it is shown whole.
    let report = s.report(5001);
    assert!(report.finished);
    assert_eq!(report.ending.as_deref(), Some("warm"));
    assert_eq!(report.outcome.as_deref(), Some("Sam felt heard."));
    assert_eq!(report.transcript.last(), Some(&peer("Thanks.", false)));
}

#[test]
fn the_same_seed_gives_the_same_option_order_and_different_seeds_differ() {
    let order = |seed: u64| {
        let s = Session::new(fixture("timing"), RubricTable::builtin(), options(true, true, seed), 0);
        s.shown_replies().iter().map(|(i, _)| *i).collect::<Vec<_>>()
    };
    assert_eq!(order(7), order(7));
    // Options 1 and 2 appear together after the first line and are shuffled between themselves;
    // option 3 appears when Sam has finished, so it is always numbered last (a number never
    // changes once shown).
    let orders: std::collections::BTreeSet<Vec<usize>> = (0..32).map(order).collect();
    assert_eq!(orders, [vec![0, 1, 2], vec![1, 0, 2]].into_iter().collect(), "32 seeds gave {orders:?}");
    // Scripts and tests use file order.
    let s = Session::new(fixture("timing"), RubricTable::builtin(), script::scripted_options(7, true), 0);
    assert_eq!(s.shown_replies().iter().map(|(i, _)| *i).collect::<Vec<_>>(), [0, 1, 2]);
}

#[test]
fn replay_reproduces_the_first_decisions_and_the_order_they_were_shown_in() {
    let clock = FakeClock::new(T0);
    let mut s = Session::new(fixture("rapport"), RubricTable::builtin(), options(true, true, 42), clock.now());
    s.use_hint();
    // Cut in at decision 1, wait at the others; vary the answers.
    // Option 1 of `one` appears after "Hm." (1150); "One." is said 1150-1350.
    for (i, (option, at)) in [(0, 1250), (1, 4000), (1, 6000), (0, 8000)].into_iter().enumerate() {
        clock.set(at + i as u64);
        s.choose(option, clock.now()).unwrap();
        s.proceed(clock.now());
    }
    assert!(s.is_over());
    assert!(s.decisions()[0].interrupted);

    for k in 0..=4 {
        let r = s.replay_to(k, 100_000);
        assert_eq!(r.decisions().len(), k);
        for (a, b) in r.decisions().iter().zip(s.decisions()) {
            assert_eq!(
                (a.node, a.chosen, a.interrupted, a.cut_after, a.hint_used, a.trust_after),
                (b.node, b.chosen, b.interrupted, b.cut_after, b.hint_used, b.trust_after)
            );
            assert_eq!(a.shown, b.shown);
            assert_eq!(a.score, b.score);
        }
        if k < 4 {
            // Waiting at decision k, with the options in the order they were shown the first time.
            assert_eq!(r.phase(), Phase::Deciding);
            assert_eq!(r.shown_replies().iter().map(|(i, _)| *i).collect::<Vec<_>>(), s.decisions()[k].shown);
            assert_eq!(r.turn().start, 100_000);
            // What was heard before decision k is the same, cut line included.
            let heard = r.transcript().len();
            assert_eq!(r.transcript(), &s.transcript()[..heard]);
        } else {
            assert!(r.is_over());
            assert_eq!(r.report(200_000).scores, s.report(200_000).scores);
        }
    }
    assert_eq!(s.transcript()[1], peer("On", true), "the second line was cut 100 ms in");
}
