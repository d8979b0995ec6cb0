//! The measured figures stay above a floor, so a regression fails the build
//! (docs/classifier.md, "Measured results").

#[path = "../examples/support/mod.rs"]
mod support;

use support::{Labels, classify_item, corpus_dir, load_items, load_labels, report};

fn part(name: &str) -> support::Report {
    let dir = corpus_dir();
    let items = load_items(&dir.join("answers.jsonl"));
    let coder_a = load_labels(&dir.join("labels-coder-a.jsonl"));
    let chosen: Vec<_> = items.iter().filter(|i| i.part() == name).collect();
    let predicted: Vec<Labels> = chosen.iter().map(|i| classify_item(i)).collect();
    let pairs: Vec<(&Labels, &Labels)> = chosen.iter().zip(&predicted).map(|(i, p)| (&coder_a[&i.id], p)).collect();
    report(&pairs)
}

fn f1(r: &support::Report, skill: &str) -> f64 {
    r.skills.iter().find(|(s, _)| *s == skill).map(|(_, p)| p.f1).unwrap()
}

#[test]
fn corpus_is_well_formed() {
    let dir = corpus_dir();
    let items = load_items(&dir.join("answers.jsonl"));
    let labels = load_labels(&dir.join("labels-coder-a.jsonl"));
    let blind = load_items(&dir.join("for-coder-b.jsonl"));
    assert_eq!(items.len(), labels.len());
    assert_eq!(items.len(), blind.len());
    assert!(items.iter().all(|i| labels.contains_key(&i.id)));
    for part in ["heldout-1", "heldout-2"] {
        assert!(items.iter().filter(|i| i.part() == part).count() >= 150, "{part}");
    }
    for l in labels.values() {
        assert!(l.skills.iter().all(|s| hearken_classifier::SKILL_ORDER.contains(&s.as_str())), "{l:?}");
    }
}

#[test]
fn heldout_scores_stay_above_their_floor() {
    for name in ["heldout-1", "heldout-2"] {
        let r = part(name);
        assert!(r.question_kappa >= 0.80, "{name} question kappa {}", r.question_kappa);
        assert!(r.reflection_kappa >= 0.60, "{name} reflection kappa {}", r.reflection_kappa);
        for skill in ["advice", "minimizing", "why-question"] {
            assert!(f1(&r, skill) >= 0.75, "{name} {skill} F1 {}", f1(&r, skill));
        }
    }
}

#[test]
fn dev_scores_stay_above_their_floor() {
    let r = part("dev");
    assert!(r.question_kappa >= 0.90 && r.reflection_kappa >= 0.85);
}
