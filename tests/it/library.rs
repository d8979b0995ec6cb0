//! The built-in library meets the bar set for content (issue 5): every rule that can be
//! checked mechanically is checked here, so a later edit cannot quietly weaken a scenario.

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
fn there_are_at_least_twelve_scenarios_spread_across_difficulties() {
    let lib = library();
    assert!(lib.len() >= 12, "only {} scenarios", lib.len());
    let count = |d: Difficulty| lib.iter().filter(|s| s.difficulty == d).count();
    assert!(count(Difficulty::Beginner) >= 3);
    assert!(count(Difficulty::Intermediate) >= 3);
    assert!(count(Difficulty::Advanced) >= 2);
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
