//! The built-in library meets the bar set for content: every rule that can be checked
//! mechanically is checked here, so a later edit cannot quietly weaken a scenario, and no
//! test-taking trick (always the longest option, random play) can do well.

use hearken_engine::rubric::{RubricTable, Skill};
use hearken_engine::scenario::{Difficulty, EndingKind, NodeId, Scenario};
use std::collections::{HashSet, VecDeque};
use std::sync::Arc;

fn library() -> Vec<Arc<Scenario>> {
    let lib = hearken::library::built_in(&RubricTable::builtin());
    for e in &lib.entries {
        assert!(e.scenario.is_some(), "{} has errors: {:?}", e.report.name, e.first_error());
    }
    lib.scenarios().cloned().collect()
}

/// Fewest decisions from the start to any node satisfying `goal`.
fn fewest_decisions(s: &Scenario, goal: impl Fn(NodeId) -> bool) -> Option<usize> {
    let mut dist = vec![usize::MAX; s.nodes.len()];
    let mut queue = VecDeque::from([s.start]);
    dist[s.start.0] = 0;
    while let Some(id) = queue.pop_front() {
        if goal(id) {
            return Some(dist[id.0]);
        }
        for reply in s.node(id).replies() {
            for t in reply.next.targets() {
                if dist[t.0] == usize::MAX {
                    dist[t.0] = dist[id.0] + 1;
                    queue.push_back(t);
                }
            }
        }
    }
    None
}

#[test]
fn there_are_at_least_twenty_scenarios_spread_across_difficulties() {
    let lib = library();
    assert!(lib.len() >= 20, "only {} scenarios", lib.len());
    let count = |d: Difficulty| lib.iter().filter(|s| s.difficulty == d).count();
    assert!(count(Difficulty::Beginner) >= 5, "{} beginner", count(Difficulty::Beginner));
    assert!(count(Difficulty::Intermediate) >= 6, "{} intermediate", count(Difficulty::Intermediate));
    assert!(count(Difficulty::Advanced) >= 4, "{} advanced", count(Difficulty::Advanced));
}

#[test]
fn the_crisis_and_boundary_scenarios_are_tagged() {
    let lib = library();
    for tag in ["crisis", "boundaries"] {
        assert!(lib.iter().any(|s| s.tags.iter().any(|t| t == tag)), "no scenario tagged {tag}");
    }
}

#[test]
fn the_crisis_scenario_connects_to_crisis_support_on_its_good_path() {
    let lib = library();
    let crisis = lib.iter().find(|s| s.tags.iter().any(|t| t == "crisis")).expect("a crisis scenario");
    let text: String = crisis.source.text.to_lowercase();
    assert!(text.contains("988"), "the crisis scenario never mentions the 988 line");
    assert!(
        text.contains("killing yourself") || text.contains("ending your life"),
        "the good path must ask directly about suicide"
    );
}

#[test]
fn every_scenario_has_the_shape_of_a_real_practice_conversation() {
    for s in library() {
        let id = &s.id;
        let endings: HashSet<EndingKind> = s.nodes.iter().filter_map(|n| n.ending().map(|e| e.0)).collect();
        for kind in [EndingKind::Good, EndingKind::Mixed, EndingKind::Poor] {
            assert!(endings.contains(&kind), "{id} has no {} ending", kind.name());
        }
        let to_any = fewest_decisions(&s, |n| s.node(n).is_ending()).unwrap();
        assert!(to_any >= 3, "{id}: an ending after only {to_any} decisions");
        let to_good = fewest_decisions(&s, |n| matches!(s.node(n).ending(), Some((EndingKind::Good, _)))).unwrap();
        assert!(to_good >= 6, "{id}: the good ending after only {to_good} decisions");

        let decisions: Vec<_> = s.nodes.iter().filter(|n| !n.is_ending()).collect();
        let with_three = decisions.iter().filter(|n| n.replies().len() >= 3).count();
        assert!(with_three * 4 >= decisions.len() * 3, "{id}: fewer than three options at most decisions");
        let paused = s
            .nodes
            .iter()
            .filter(|n| n.says.iter().any(|b| matches!(b, hearken_engine::scenario::Beat::Pause { .. })))
            .count();
        assert!(paused >= 3, "{id}: pauses on only {paused} nodes");
        let interruptible = decisions.iter().filter(|n| !n.interrupted.is_empty()).count();
        assert!(interruptible >= 3, "{id}: `interrupted` on only {interruptible} nodes");
        assert!(decisions.iter().any(|n| n.hint.is_some()), "{id}: no hints");
    }
}

#[test]
fn every_scenario_tests_its_listening_path_and_a_pitfall_path() {
    for s in library() {
        let kinds: Vec<Option<EndingKind>> =
            s.tests.iter().map(|t| t.ending.and_then(|e| s.node(e).ending()).map(|e| e.0)).collect();
        assert!(s.tests.len() >= 2, "{}: fewer than two tests", s.id);
        assert!(kinds.contains(&Some(EndingKind::Good)), "{}: no test reaches the good ending", s.id);
        assert!(kinds.contains(&Some(EndingKind::Poor)), "{}: no test reaches a poor ending", s.id);
        assert!(
            s.tests.iter().all(|t| t.min_score.is_some() || t.max_score.is_some()),
            "{}: a test without a score range",
            s.id
        );
    }
}

#[test]
fn feedback_is_written_for_its_place_never_copied() {
    let mut seen = HashSet::new();
    for s in library() {
        for node in &s.nodes {
            for reply in node.replies() {
                assert!(
                    seen.insert(reply.feedback.trim().to_lowercase()),
                    "{}: feedback used twice: {}",
                    s.id,
                    reply.feedback
                );
                assert!(
                    reply.feedback.split_whitespace().count() >= 8,
                    "{}: feedback too thin to explain why: {}",
                    s.id,
                    reply.feedback
                );
            }
        }
    }
}

#[test]
fn every_skill_code_is_used_somewhere_in_the_library() {
    let used: HashSet<Skill> = library()
        .iter()
        .flat_map(|s| {
            s.nodes.iter().flat_map(|n| n.replies().iter().flat_map(|r| r.skills.clone())).collect::<Vec<_>>()
        })
        .collect();
    for s in Skill::ALL {
        assert!(used.contains(s), "no option in the library uses `{s}`");
    }
}

#[test]
fn a_broken_link_is_reported_and_the_files_beside_it_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), "id = 1\n").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("missing.toml"), dir.path().join("sub/broken.toml")).unwrap();
    let found = hearken::library::collect_toml_files(dir.path());
    let (files, problems) = (found.files, found.problems);
    assert!(problems.is_empty());
    let names: Vec<String> = files.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert!(names.contains(&"a.toml".to_string()));
    #[cfg(unix)]
    {
        // The broken link is listed, so loading it reports why instead of skipping it silently.
        assert!(names.contains(&"broken.toml".to_string()));
        let lib = hearken::library::load(&[dir.path().to_path_buf()], false, &RubricTable::builtin());
        let broken = lib.entries.iter().find(|e| e.report.name.ends_with("broken.toml")).unwrap();
        assert_eq!(broken.report.diagnostics[0].code, hearken_engine::diagnostic::Code::H090);
        assert!(broken.io_error);
        // ...and the good-or-bad file beside it is still checked.
        assert!(lib.entries.iter().any(|e| e.report.name.ends_with("a.toml") && !e.report.diagnostics.is_empty()));
    }
}

// --- Test-taking tricks do not pay ---------------------------------------------------------------

use hearken_engine::session::{Phase, Report, Session, SessionOptions, script};

fn table() -> Arc<RubricTable> {
    RubricTable::builtin()
}

/// The value of an option: the sum of its points over the rubrics (docs/scoring.md).
fn value(table: &RubricTable, reply: &hearken_engine::scenario::Reply) -> i32 {
    table.points(&reply.skills).total()
}

/// The first best option (file order) at a decision.
fn best(table: &RubricTable, node: &hearken_engine::scenario::Node) -> usize {
    let replies = node.replies();
    let top = replies.iter().map(|r| value(table, r)).max().expect("a decision has options");
    replies.iter().position(|r| value(table, r) == top).unwrap()
}

/// The first longest option (file order, in characters).
fn longest(node: &hearken_engine::scenario::Node) -> usize {
    let replies = node.replies();
    let top = replies.iter().map(|r| r.text.chars().count()).max().expect("a decision has options");
    replies.iter().position(|r| r.text.chars().count() == top).unwrap()
}

/// Plays `s` to an ending, answering each decision with `pick` once the peer has finished.
fn play(s: &Arc<Scenario>, mut pick: impl FnMut(&Session) -> usize) -> Report {
    let options = SessionOptions { seed: 0, speed: 1.0, animate: true, shuffle: false, ..SessionOptions::default() };
    let mut session = Session::new(s.clone(), table(), options, 0).untimed();
    for _ in 0..500 {
        if session.phase() != Phase::Deciding {
            break;
        }
        let i = pick(&session);
        let at = session.choose_scripted(i, false).expect("every option can be chosen at the end of a turn");
        session.proceed(at);
    }
    assert!(session.is_over(), "{}: the conversation never ended", s.id);
    session.report(script::end_time(&session))
}

fn overall(r: &Report) -> u32 {
    r.scores.overall.unwrap_or(0) as u32
}

#[test]
fn the_listening_path_meets_the_standard_everywhere() {
    let t = table();
    for s in library() {
        let r = play(&s, |session| best(&t, session.node()));
        assert!(r.result.met, "{}: the best option every time does not meet the standard: {:?}", s.id, r.result);
        assert_eq!(r.scores.overall, Some(100), "{}", s.id);
    }
}

#[test]
fn the_best_option_is_the_longest_at_no_more_than_two_decisions_in_five() {
    let t = table();
    let (mut decisions, mut longest_is_best) = (0, 0);
    for s in library() {
        for node in s.nodes.iter().filter(|n| !n.is_ending()) {
            decisions += 1;
            let top = node.replies().iter().map(|r| value(&t, r)).max().unwrap();
            longest_is_best += (value(&t, &node.replies()[longest(node)]) == top) as usize;
        }
    }
    eprintln!("the longest option is a best one at {longest_is_best} of {decisions} decisions");
    assert!(
        longest_is_best * 5 <= decisions * 2,
        "the longest option is a best one at {longest_is_best} of {decisions} decisions"
    );
}

#[test]
fn always_choosing_the_longest_option_does_not_pay() {
    let lib = library();
    let reports: Vec<(String, Report)> = lib.iter().map(|s| (s.id.clone(), play(s, |x| longest(x.node())))).collect();
    let mean = reports.iter().map(|(_, r)| overall(r)).sum::<u32>() / reports.len() as u32;
    let met: Vec<&str> = reports.iter().filter(|(_, r)| r.result.met).map(|(id, _)| id.as_str()).collect();
    eprintln!("always the longest option: mean overall {mean}, standard met in {met:?}");
    assert!(mean < 60, "always the longest option averages {mean}");
    assert!(met.len() <= 2, "always the longest option meets the standard in {met:?}");
}

#[test]
fn always_choosing_the_shortest_option_does_not_pay_either() {
    // Length must tell nothing either way: short best answers must not make "the shortest" a trick.
    let shortest = |node: &hearken_engine::scenario::Node| {
        let replies = node.replies();
        let low = replies.iter().map(|r| r.text.chars().count()).min().expect("a decision has options");
        replies.iter().position(|r| r.text.chars().count() == low).unwrap()
    };
    let lib = library();
    let reports: Vec<(String, Report)> = lib.iter().map(|s| (s.id.clone(), play(s, |x| shortest(x.node())))).collect();
    let mean = reports.iter().map(|(_, r)| overall(r)).sum::<u32>() / reports.len() as u32;
    let met: Vec<&str> = reports.iter().filter(|(_, r)| r.result.met).map(|(id, _)| id.as_str()).collect();
    eprintln!("always the shortest option: mean overall {mean}, standard met in {met:?}");
    assert!(mean < 60, "always the shortest option averages {mean}");
    assert!(met.len() <= 2, "always the shortest option meets the standard in {met:?}");
}

#[test]
fn random_play_averages_below_half() {
    // A seeded generator (SplitMix64), so the figure is the same on every run and machine.
    let mut state = 0x5EED_u64;
    let mut next = move |n: usize| {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    };
    let (mut total, mut runs) = (0u32, 0u32);
    for s in library() {
        for _ in 0..50 {
            let r = play(&s, |x| next(x.node().replies().len()));
            total += overall(&r);
            runs += 1;
        }
    }
    let mean = total / runs;
    eprintln!("random play: mean overall {mean} over {runs} runs");
    assert!(mean < 50, "random play averages {mean}");
}

#[test]
fn no_pitfall_as_the_last_choice_reaches_a_good_ending() {
    let t = table();
    for s in library() {
        for node in s.nodes.iter().filter(|n| !n.is_ending()) {
            for (i, reply) in node.replies().iter().enumerate() {
                if !t.is_pitfall(&reply.skills) {
                    continue;
                }
                for target in reply.next.targets() {
                    assert!(
                        !matches!(s.node(target).ending(), Some((EndingKind::Good, _))),
                        "{}: option {} at `{}` is a pitfall and leads straight to the good ending `{}`",
                        s.id,
                        i + 1,
                        node.id,
                        s.node(target).id
                    );
                }
            }
        }
    }
}

#[test]
fn every_scenario_validates_without_a_warning() {
    let lib = hearken::library::built_in(&RubricTable::builtin());
    for e in &lib.entries {
        assert!(e.report.diagnostics.is_empty(), "{}: {:?}", e.report.name, e.report.diagnostics);
    }
}

#[test]
fn every_scenario_has_early_options_and_tests_each_kind_of_path() {
    for s in library() {
        let early = s.nodes.iter().filter(|n| n.replies().iter().any(|r| r.after.is_some())).count();
        assert!(early >= 3, "{}: early options (`after`) on only {early} nodes", s.id);
        let kind = |t: &hearken_engine::scenario::ScenarioTest| t.ending.and_then(|e| s.node(e).ending()).map(|e| e.0);
        assert!(
            s.tests.iter().any(|t| t.met == Some(true) && kind(t) == Some(EndingKind::Good)),
            "{}: no test of the listening path (met, good ending)",
            s.id
        );
        assert!(s.tests.iter().any(|t| t.met == Some(false)), "{}: no test of a path that is not yet met", s.id);
        let critical = s.nodes.iter().any(|n| n.critical.is_some());
        if critical {
            assert!(
                s.tests.iter().any(|t| t.met == Some(false) && kind(t).is_some_and(|k| k != EndingKind::Poor)),
                "{}: no test of a path that misses a critical moment but ends well",
                s.id
            );
        }
        let wanted = if critical { 4 } else { 3 };
        assert!(
            s.tests.len() >= wanted,
            "{}: only {} tests (listening, pitfall, mixed, and critical)",
            s.id,
            s.tests.len()
        );
    }
}
