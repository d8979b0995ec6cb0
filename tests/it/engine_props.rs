//! Properties of the engine over generated scenarios: layered conversation graphs (every path
//! reaches an ending after one decision per layer) with random skills, beats, reactions,
//! rapport branches, pace and starting rapport, written out as TOML and loaded through the real
//! loader and validator, then played with random choices.

use hearken_engine::rubric::{Band, Rubric, RubricTable, Skill};
use hearken_engine::scenario::EndingKind;
use hearken_engine::scenario::Scenario;
use hearken_engine::scenario::library::Entry;
use hearken_engine::session::{Session, SessionOptions, script};
use hearken_engine::source::{Origin, SourceFile};
use proptest::prelude::*;
use std::fmt::Write;
use std::sync::Arc;

#[derive(Clone, Debug)]
enum BeatSpec {
    Line(String),
    /// Tenths of a second, 1..=300.
    Pause(u16),
}

#[derive(Clone, Debug)]
struct OptionSpec {
    skills: Vec<usize>,
    reaction: Vec<BeatSpec>,
    /// Conditional branches (threshold, target), then the unconditional target. Targets are
    /// taken modulo the size of the next layer.
    branches: Vec<(i8, usize)>,
    go: usize,
    /// `after`: the line (taken modulo the node's lines) the option appears after, if any.
    after: Option<usize>,
}

#[derive(Clone, Debug)]
struct NodeSpec {
    says: Vec<BeatSpec>,
    interrupted: Vec<BeatSpec>,
    hint: bool,
    /// A critical moment (docs/scoring.md).
    critical: bool,
    options: Vec<OptionSpec>,
}

#[derive(Clone, Debug)]
struct ScenarioSpec {
    pace: u8,
    trust: i8,
    layers: Vec<Vec<NodeSpec>>,
    endings: Vec<u8>,
}

fn beat() -> impl Strategy<Value = BeatSpec> {
    prop_oneof![
        3 => "[A-Za-z][A-Za-z ,.'?]{0,30}".prop_map(BeatSpec::Line),
        1 => (1u16..=300).prop_map(BeatSpec::Pause),
    ]
}

fn option() -> impl Strategy<Value = OptionSpec> {
    (
        proptest::collection::btree_set(0..Skill::ALL.len(), 1..=3),
        proptest::collection::vec(beat(), 0..=2),
        proptest::collection::vec((-5i8..=5, any::<usize>()), 0..=2),
        any::<usize>(),
        proptest::option::of(any::<usize>()),
    )
        .prop_map(|(skills, reaction, branches, go, after)| OptionSpec {
            skills: skills.into_iter().collect(),
            reaction,
            branches,
            go,
            after,
        })
}

fn node() -> impl Strategy<Value = NodeSpec> {
    (
        proptest::collection::vec(beat(), 1..=4),
        proptest::collection::vec(beat(), 0..=2),
        any::<bool>(),
        proptest::bool::weighted(0.25),
        proptest::collection::vec(option(), 1..=4),
    )
        .prop_map(|(says, interrupted, hint, critical, options)| NodeSpec {
            says,
            interrupted,
            hint,
            critical,
            options,
        })
}

fn scenario_spec() -> impl Strategy<Value = ScenarioSpec> {
    (
        1u8..=200,
        -5i8..=5,
        proptest::collection::vec(proptest::collection::vec(node(), 1..=3), 1..=4),
        proptest::collection::vec(0u8..3, 1..=3),
    )
        .prop_map(|(pace, trust, layers, endings)| ScenarioSpec { pace, trust, layers, endings })
}

fn beats_toml(beats: &[BeatSpec]) -> String {
    let items: Vec<String> = beats
        .iter()
        .map(|b| match b {
            BeatSpec::Line(t) => format!("{t:?}"),
            BeatSpec::Pause(tenths) => format!("{{ pause = {} }}", *tenths as f64 / 10.0),
        })
        .collect();
    format!("[{}]", items.join(", "))
}

fn node_id(layer: usize, i: usize) -> String {
    format!("n{layer}-{i}")
}

fn to_toml(spec: &ScenarioSpec) -> String {
    let mut t = String::new();
    writeln!(t, "id = \"generated\"\ntitle = \"Generated\"\nsummary = \"A generated scenario.\"").unwrap();
    writeln!(t, "difficulty = \"beginner\"\nstart = \"n0-0\"\n").unwrap();
    writeln!(t, "[peer]\nname = \"Pat\"\nabout = \"Pat.\"\npace = {}\ntrust = {}\n", spec.pace, spec.trust).unwrap();
    for (l, layer) in spec.layers.iter().enumerate() {
        let target = |i: usize| match spec.layers.get(l + 1) {
            Some(next) => node_id(l + 1, i % next.len()),
            None => format!("end-{}", i % spec.endings.len()),
        };
        for (i, n) in layer.iter().enumerate() {
            let id = node_id(l, i);
            writeln!(t, "[nodes.{id}]\nsays = {}", beats_toml(&n.says)).unwrap();
            if !n.interrupted.is_empty() {
                writeln!(t, "interrupted = {}", beats_toml(&n.interrupted)).unwrap();
            }
            if n.hint {
                writeln!(t, "hint = \"A hint for {id}.\"").unwrap();
            }
            if n.critical {
                writeln!(t, "critical = \"What matters at {id}.\"").unwrap();
            }
            for (k, o) in n.options.iter().enumerate() {
                let skills: Vec<String> = o.skills.iter().map(|s| format!("{:?}", Skill::ALL[*s].code())).collect();
                writeln!(t, "\n[[nodes.{id}.options]]\ntext = \"Option {} at {id}.\"", k + 1).unwrap();
                writeln!(t, "skills = [{}]\nfeedback = \"Feedback.\"", skills.join(", ")).unwrap();
                if !o.reaction.is_empty() {
                    writeln!(t, "reaction = {}", beats_toml(&o.reaction)).unwrap();
                }
                let lines = n.says.iter().filter(|b| matches!(b, BeatSpec::Line(_))).count();
                if let Some(after) = o.after.filter(|_| lines > 0) {
                    writeln!(t, "after = {}", after % lines + 1).unwrap();
                }
                if o.branches.is_empty() {
                    writeln!(t, "next = \"{}\"", target(o.go)).unwrap();
                } else {
                    let mut b: Vec<String> = o
                        .branches
                        .iter()
                        .map(|(at, go)| format!("{{ trust_at_least = {at}, go = \"{}\" }}", target(*go)))
                        .collect();
                    b.push(format!("{{ go = \"{}\" }}", target(o.go)));
                    writeln!(t, "next = [{}]", b.join(", ")).unwrap();
                }
            }
            writeln!(t).unwrap();
        }
    }
    for (i, kind) in spec.endings.iter().enumerate() {
        let kind = ["good", "mixed", "poor"][*kind as usize];
        writeln!(t, "[nodes.end-{i}]\nsays = [\"Bye.\"]\nending = \"{kind}\"\noutcome = \"It ended.\"\n").unwrap();
    }
    t
}

fn load(text: &str) -> Arc<Scenario> {
    let entry = Entry::from_source(
        SourceFile::new(Origin::BuiltIn("generated.toml"), text.to_string()),
        &RubricTable::builtin(),
    );
    let errors: Vec<_> = entry
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity() == hearken_engine::diagnostic::Severity::Error)
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect();
    entry.scenario.unwrap_or_else(|| panic!("the generated scenario does not load: {errors:?}\n{text}"))
}

/// Whether option `index` can cut in: it appears while the peer still has more to say.
fn can_cut_in(s: &Session, index: usize) -> bool {
    s.node().replies()[index].after.is_some() && s.appears_at(index).is_some_and(|at| at < s.turn().end)
}

/// Plays `picks` (option selector, interrupt) through a scripted session and returns the script
/// text that was played: every pick fits, because it is reduced modulo the options shown, and
/// cuts in only with an option that appears before the peer has finished.
fn walk(scenario: &Arc<Scenario>, picks: &[(usize, bool)], animate: bool) -> String {
    let mut s =
        Session::new(scenario.clone(), RubricTable::builtin(), script::scripted_options(0, animate), 0).untimed();
    let mut words = Vec::new();
    for &(pick, interrupt) in picks {
        if s.is_over() {
            break;
        }
        let n = s.node().replies().len();
        let option = pick % n + 1;
        let interrupt = interrupt && animate && can_cut_in(&s, option - 1);
        let at = s.choose_scripted(option - 1, interrupt).expect("a pick that fits");
        s.proceed(at);
        words.push(format!("{}{option}", if interrupt { "!" } else { "" }));
    }
    words.join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn any_valid_play_ends_at_an_ending_with_scores_in_range(
        spec in scenario_spec(),
        picks in proptest::collection::vec((any::<usize>(), any::<bool>()), 4),
        animate in any::<bool>(),
    ) {
        let text = to_toml(&spec);
        let scenario = load(&text);
        let choices = walk(&scenario, &picks[..spec.layers.len()], animate);
        let s = script::play_text(scenario, RubricTable::builtin(), script::scripted_options(0, animate), &choices)
            .map_err(|e| TestCaseError::fail(e.0.to_string()))?;
        prop_assert!(s.is_over(), "one decision per layer reaches an ending: {choices}");
        let r = s.report(script::end_time(&s));
        prop_assert!(r.finished && r.ending.is_some());
        for rubric in Rubric::ALL {
            if let Some(score) = r.scores.get(rubric) {
                prop_assert!(score <= 100);
            }
        }
        // Non-interruption is offered at every decision when speech counts.
        if animate {
            prop_assert!(r.scores.get(Rubric::NonInterruption).is_some());
        }
        match r.scores.overall {
            Some(o) => {
                prop_assert!(o <= 100);
                prop_assert_eq!(r.band, Some(Band::of(o)));
            }
            None => prop_assert!(r.scores.rubrics.iter().all(Option::is_none)),
        }
        prop_assert!((-5..=5).contains(&r.trust));
        prop_assert!(r.decisions.iter().all(|d| (-5..=5).contains(&d.trust_after)));
        prop_assert_eq!(r.counts.interruptions as usize, choices.matches('!').count());
    }

    #[test]
    fn the_same_seed_and_choices_give_byte_identical_output(
        spec in scenario_spec(),
        picks in proptest::collection::vec((any::<usize>(), any::<bool>()), 4),
        seed in any::<u64>(),
        animate in any::<bool>(),
    ) {
        let text = to_toml(&spec);
        let choices = walk(&load(&text), &picks[..spec.layers.len()], animate);
        let table = RubricTable::builtin();
        let run = || {
            // A fresh load each time: nothing is shared between the two runs but the text.
            let s = script::play_text(load(&text), table.clone(), script::scripted_options(seed, animate), &choices)
                .expect("the script fits");
            let r = s.report(script::end_time(&s));
            (hearken::report_text::transcript(&r, s.scenario(), &table, hearken::report_text::Numbers::File, Some(seed)), r.to_json_string())
        };
        let (a, b) = (run(), run());
        prop_assert_eq!(&a.0, &b.0);
        prop_assert_eq!(&a.1, &b.1);
        let recorded = format!("\"seed\":{seed},");
        prop_assert!(a.1.contains(&recorded));
    }

    #[test]
    fn always_choosing_a_best_option_and_waiting_scores_100_on_every_rubric_assessed(
        spec in scenario_spec(),
        ties in proptest::collection::vec(any::<usize>(), 4),
        animate in any::<bool>(),
    ) {
        let table = RubricTable::builtin();
        let mut s = Session::new(load(&to_toml(&spec)), table.clone(), script::scripted_options(0, animate), 0);
        let mut mixed = false;
        for tie in ties.iter().take(spec.layers.len()) {
            let totals: Vec<i32> = s.node().replies().iter().map(|r| table.points(&r.skills).total()).collect();
            let max = *totals.iter().max().unwrap();
            let best: Vec<usize> = (0..totals.len()).filter(|&i| totals[i] == max).collect();
            let pick = best[tie % best.len()];
            // A best option that still loses points on some rubric cannot score 100 there.
            let p = table.points(&s.node().replies()[pick].skills);
            mixed |= Rubric::ALL.iter().any(|r| p.get(*r) < 0);
            let at = s.choose_scripted(pick, false).unwrap();
            s.proceed(at);
        }
        prop_assert!(s.is_over());
        let r = s.report(s.turn().end);
        prop_assert!(r.decisions.iter().all(|d| d.better.is_none()));
        if !mixed {
            for rubric in Rubric::ALL {
                prop_assert!(matches!(r.scores.get(rubric), None | Some(100)), "{:?}: {:?}", rubric, r.scores);
            }
        }
    }

    #[test]
    fn interrupting_costs_only_non_interruption(
        spec in scenario_spec(),
        picks in proptest::collection::vec((any::<usize>(), any::<bool>()), 4),
    ) {
        let scenario = load(&to_toml(&spec));
        let cut = walk(&scenario, &picks[..spec.layers.len()], true);
        let calm = cut.replace('!', "");
        let play = |choices: &str| {
            let s = script::play_text(scenario.clone(), RubricTable::builtin(), script::scripted_options(0, true), choices).unwrap();
            s.report(script::end_time(&s))
        };
        let (a, b) = (play(&calm), play(&cut));
        prop_assert_eq!(&a.ending, &b.ending, "an interruption does not change where the conversation goes");
        for rubric in [Rubric::ReflectiveListening, Rubric::OpenQuestions, Rubric::Validation] {
            prop_assert_eq!(a.scores.get(rubric), b.scores.get(rubric));
        }
        prop_assert!(b.scores.get(Rubric::NonInterruption) <= a.scores.get(Rubric::NonInterruption));
    }

    #[test]
    fn replay_reproduces_an_interactive_session(
        spec in scenario_spec(),
        picks in proptest::collection::vec((any::<usize>(), 0u64..5000), 4),
        seed in any::<u64>(),
    ) {
        let scenario = load(&to_toml(&spec));
        let options = SessionOptions { seed, speed: 1.0, animate: true, shuffle: true, start: None };
        let mut now = 0;
        let mut s = Session::new(scenario, RubricTable::builtin(), options, now);
        for &(pick, wait) in picks.iter().take(spec.layers.len()) {
            // Choose by the place the option was shown at, some time into the turn; with nothing
            // shown yet, when the peer has finished and every option is shown.
            now += wait;
            if s.visible_replies(now).is_empty() {
                now = s.turn().end;
            }
            let shown = s.visible_replies(now);
            let index = shown[pick % shown.len()].0;
            s.choose(index, now).unwrap();
            s.proceed(now);
        }
        prop_assert!(s.is_over());
        for k in 0..=s.decisions().len() {
            let r = s.replay_to(k, 0);
            for (a, b) in r.decisions().iter().zip(s.decisions()) {
                prop_assert_eq!((a.node, a.chosen, a.interrupted, a.cut_after), (b.node, b.chosen, b.interrupted, b.cut_after));
                prop_assert_eq!(&a.shown, &b.shown);
                prop_assert_eq!(&a.score, &b.score);
                prop_assert_eq!(a.trust_after, b.trust_after);
            }
            if let Some(d) = s.decisions().get(k) {
                let shown: Vec<usize> = r.shown_replies().iter().map(|(i, _)| *i).collect();
                prop_assert_eq!(&shown, &d.shown);
            }
        }
    }
}

/// The codes whose points are negative: the roadblocks.
fn pitfall_codes(table: &RubricTable) -> Vec<usize> {
    (0..Skill::ALL.len()).filter(|&i| table.is_pitfall(&[Skill::ALL[i]])).collect()
}

/// `spec` with two more options at every decision: a single roadblock (a pitfall code alone),
/// and a reflection, so every decision has something to get right (where every option is a
/// pitfall, the least bad one is the best, docs/scoring.md, and H042 warns).
fn with_a_roadblock_everywhere(mut spec: ScenarioSpec, pick: usize) -> ScenarioSpec {
    let pitfalls = pitfall_codes(&RubricTable::builtin());
    let reflection = Skill::ALL.iter().position(|s| s.code() == "reflection").unwrap();
    for (i, node) in spec.layers.iter_mut().flatten().enumerate() {
        let code = pitfalls[(pick + i) % pitfalls.len()];
        for skills in [vec![code], vec![reflection]] {
            node.options.push(OptionSpec { skills, reaction: Vec::new(), branches: Vec::new(), go: i, after: None });
        }
    }
    spec
}

/// Plays the option chosen by `choose` (file index) at every decision, waiting for the peer.
fn play_by(scenario: Arc<Scenario>, animate: bool, choose: impl Fn(&Session) -> usize) -> Session {
    let mut s = Session::new(scenario, RubricTable::builtin(), script::scripted_options(0, animate), 0);
    while !s.is_over() {
        let pick = choose(&s);
        let at = s.choose_scripted(pick, false).expect("a file index that fits");
        s.proceed(at);
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// docs/scoring.md: a score of 85 or more on a rubric always means that skill was shown where it
    /// was called for.
    #[test]
    fn no_rubric_reads_85_unless_its_skill_was_chosen_where_it_was_offered(
        spec in scenario_spec(),
        picks in proptest::collection::vec((any::<usize>(), any::<bool>()), 4),
        animate in any::<bool>(),
    ) {
        let table = RubricTable::builtin();
        let choices = walk(&load(&to_toml(&spec)), &picks[..spec.layers.len()], animate);
        let s = script::play_text(load(&to_toml(&spec)), table.clone(), script::scripted_options(0, animate), &choices).unwrap();
        let r = s.report(script::end_time(&s));
        for rubric in Rubric::ALL {
            if r.scores.get(rubric).is_some_and(|score| score >= 85) {
                let shown = r.decisions.iter().any(|d| {
                    d.available.get(rubric) > 0
                        && (table.points(&d.skills).get(rubric) > 0
                            || (rubric == Rubric::NonInterruption && r.speech_counted && !d.interrupted))
                });
                prop_assert!(shown, "{:?} reads {:?} with no skill shown for it: {choices}\n{:?}", rubric, r.scores.get(rubric), r.decisions);
            }
        }
    }

    /// Cutting in once is enough to keep non-interruption below 100.
    #[test]
    fn non_interruption_is_below_100_whenever_there_was_an_interruption(
        spec in scenario_spec(),
        picks in proptest::collection::vec((any::<usize>(), any::<bool>()), 4),
    ) {
        let choices = walk(&load(&to_toml(&spec)), &picks[..spec.layers.len()], true);
        let s = script::play_text(load(&to_toml(&spec)), RubricTable::builtin(), script::scripted_options(0, true), &choices).unwrap();
        let r = s.report(script::end_time(&s));
        if r.counts.interruptions > 0 {
            prop_assert!(r.scores.get(Rubric::NonInterruption).is_some_and(|ni| ni < 100), "{choices}: {:?}", r.scores);
        }
    }

    /// A conversation of roadblocks scores near 0 however politely timed; one of best choices
    /// given after the peer finished scores 100.
    #[test]
    fn worst_options_score_at_most_10_and_best_options_100(
        spec in scenario_spec(),
        pick in any::<usize>(),
        animate in any::<bool>(),
    ) {
        let table = RubricTable::builtin();
        let scenario = load(&to_toml(&with_a_roadblock_everywhere(spec, pick)));
        let value = |s: &Session, i: usize| table.points(&s.node().replies()[i].skills).total();
        let by = |s: &Session, better: bool| {
            let n = s.node().replies().len();
            let key = |i: &usize| if better { value(s, *i) } else { -value(s, *i) };
            (0..n).max_by_key(key).unwrap()
        };
        let worst = play_by(scenario.clone(), animate, |s| by(s, false));
        let r = worst.report(worst.turn().end);
        prop_assert!(r.scores.overall.is_some_and(|o| o <= 10), "worst path: {:?}", r.scores);
        prop_assert!(r.decisions.iter().all(|d| d.mark == hearken_engine::rubric::Mark::Harmful));
        let best = play_by(scenario, animate, |s| by(s, true));
        let r = best.report(best.turn().end);
        prop_assert_eq!(r.scores.overall, Some(100), "best path: {:?}", r.decisions);
    }

    /// docs/scoring.md: "met" needs an ending that is not poor, the pass score, and every critical
    /// moment reached handled.
    #[test]
    fn a_poor_ending_or_a_missed_critical_moment_is_never_met(
        spec in scenario_spec(),
        picks in proptest::collection::vec((any::<usize>(), any::<bool>()), 4),
        animate in any::<bool>(),
    ) {
        let choices = walk(&load(&to_toml(&spec)), &picks[..spec.layers.len()], animate);
        let s = script::play_text(load(&to_toml(&spec)), RubricTable::builtin(), script::scripted_options(0, animate), &choices).unwrap();
        let r = s.report(script::end_time(&s));
        let poor = r.ending_kind == Some(EndingKind::Poor);
        let missed = r.critical.iter().any(|c| !c.handled);
        if poor || missed {
            prop_assert!(!r.result.met, "{choices}: {:?}", r.result);
            prop_assert!(!r.result.reasons.is_empty());
        }
        if r.result.met {
            prop_assert!(r.scores.overall.is_some_and(|o| o >= r.pass_score));
        }
        // Every critical moment reached is listed, handled exactly when a best option was given
        // without cutting in.
        for c in &r.critical {
            let d = &r.decisions[c.decision];
            prop_assert_eq!(c.handled, d.mark == hearken_engine::rubric::Mark::Best && !d.interrupted);
        }
    }
}
