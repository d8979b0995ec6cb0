//! The revision-2 keys as the loader reads them: `after`, `critical`, `paraphrases`, and the
//! nine new skill codes with their default points.

use crate::diagnostics::support::{BASE, check_text, replace};
use hearken_engine::rubric::{Rubric, RubricTable, Skill};
use hearken_engine::scenario::library::Entry;
use hearken_engine::source::{Origin, SourceFile};

fn load(text: &str) -> std::sync::Arc<hearken_engine::scenario::Scenario> {
    let e = Entry::from_source(SourceFile::new(Origin::BuiltIn("t.toml"), text.to_string()), &RubricTable::builtin());
    e.scenario.unwrap_or_else(|| panic!("{:?}", e.report.diagnostics))
}

#[test]
fn after_critical_and_paraphrases_are_read() {
    let text = replace(
        BASE,
        "says = [\"I don't really know why I came.\"]",
        "says = [\"I don't really know why I came.\", { pause = 1 }, \"My sister made me.\"]\ncritical = \"Sam decides here whether to stay.\"",
    );
    let text = replace(
        &text,
        "feedback = \"You put Sam's doubt into words without judging it.\"",
        "feedback = \"You put Sam's doubt into words without judging it.\"\nafter = 2\nparaphrases = [\"You weren't sure about coming.\", \"Part of you nearly stayed home.\"]",
    );
    let s = load(&text);
    let opening = s.node(s.start);
    assert_eq!(opening.line_count(), 2);
    assert_eq!(opening.critical.as_deref(), Some("Sam decides here whether to stay."));
    let first = &opening.replies()[0];
    assert_eq!(first.after, Some(2));
    assert_eq!(first.paraphrases.len(), 2);
    assert_eq!(opening.replies()[1].after, None);
}

#[test]
fn bad_revision_2_keys_are_located_errors() {
    let says2 = "says = [\"I don't really know why I came.\", { pause = 1 }, \"My sister made me.\"]";
    let base = replace(BASE, "says = [\"I don't really know why I came.\"]", says2);
    let at = "feedback = \"You put Sam's doubt into words without judging it.\"";
    for (extra, code) in [
        ("after = 0", "H025"),
        ("after = 3", "H025"),
        ("after = -1", "H025"),
        ("after = \"1\"", "H011"),
        ("paraphrases = [\"\"]", "H018"),
        ("paraphrases = \"one\"", "H011"),
    ] {
        let text = replace(&base, at, &format!("{at}\n{extra}"));
        let found = check_text(&text);
        assert_eq!(found.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), [code], "{extra}: {found:?}");
        let line = text.lines().position(|l| l == extra).unwrap() + 1;
        assert_eq!(found[0].line, line, "{extra}");
    }
    // `after` on a decision node rather than an option: named, with where it belongs.
    let text = replace(&base, says2, &format!("{says2}\nafter = 1"));
    let found = check_text(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "H010");
    assert!(found[0].help.as_deref().unwrap().contains("[[nodes.opening.options]]"));
}

#[test]
fn the_nine_new_codes_have_the_points_of_spec_3_2() {
    let t = RubricTable::builtin();
    // (code, [reflective, open, non-interruption, validation, safety], trust)
    let want: [(&str, [i32; 5], i32); 9] = [
        ("repair", [0, 0, 0, 2, 0], 1),
        ("safety-question", [0, 0, 0, 0, 3], 1),
        ("connecting-support", [0, 0, 0, 0, 2], 1),
        ("boundary-holding", [0, 0, 0, 0, 2], 0),
        ("avoidance", [0, 0, 0, -2, 0], -1),
        ("rushing", [0, 0, -2, 0, 0], -1),
        ("boundary-crossing", [0, 0, 0, 0, -3], 0),
        ("false-promise", [0, 0, 0, -1, -2], 0),
        ("leaving-at-risk", [0, 0, 0, 0, -5], -1),
    ];
    for (code, points, trust) in want {
        let e = t.entry(Skill::from_code(code).unwrap());
        assert_eq!(Rubric::ALL.map(|r| e.points.get(r)), points, "{code}");
        assert_eq!(e.trust, trust, "{code}");
    }
    assert_eq!(Rubric::SafetyBoundaries.key(), "safety_boundaries");
}
