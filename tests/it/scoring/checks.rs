//! The scoring checks of docs/diagnostics/: a pitfall leading straight to a good ending (H047), the
//! test-wise cue (H048) and a critical moment without a single best option (H049), at their
//! edges. The plain cases are the fixtures in tests/fixtures/diagnostics and the pages in
//! docs/diagnostics.

use crate::diagnostics::support::{Found, check_text};

/// An option: (text, skills, next).
type Opt<'a> = (&'a str, &'a str, &'a str);
/// A decision: extra keys for the node, and its options.
type Decision<'a> = (&'a str, &'a [Opt<'a>]);

/// A scenario of decisions in a row. Each option is (text, skills, next); `next` may be "" for
/// the next decision (or the good ending after the last). Endings: `good`, `mixed`.
fn scenario(decisions: &[Decision]) -> String {
    let mut t = String::from(
        "id = \"t\"\ntitle = \"T\"\ndifficulty = \"beginner\"\nstart = \"d0\"\n\n[peer]\nname = \"Sam\"\nabout = \"Sam.\"\n\n",
    );
    for (i, (extra, options)) in decisions.iter().enumerate() {
        let forward = if i + 1 == decisions.len() { "good".to_string() } else { format!("d{}", i + 1) };
        t.push_str(&format!("[nodes.d{i}]\nsays = [\"Line {i}.\"]\n{extra}\n"));
        for (text, skills, next) in options.iter() {
            let next = if next.is_empty() { format!("\"{forward}\"") } else { next.to_string() };
            t.push_str(&format!(
                "[[nodes.d{i}.options]]\ntext = \"{text}\"\nskills = {skills}\nfeedback = \"F.\"\nnext = {next}\n\n"
            ));
        }
    }
    t.push_str("[nodes.good]\nsays = [\"Thanks.\"]\nending = \"good\"\noutcome = \"Good.\"\n\n");
    t.push_str("[nodes.mixed]\nsays = [\"Bye.\"]\nending = \"mixed\"\noutcome = \"Mixed.\"\n");
    t
}

/// Every rubric has a chance somewhere, so H045 stays out of the way.
const OPEN: Decision = (
    "",
    &[
        ("What happened?", "[\"open-question\"]", ""),
        ("That makes sense, and it sounds heavy.", "[\"reflection\", \"validation\"]", ""),
    ],
);

fn codes_of(found: &[Found], code: &str) -> Vec<Found> {
    found.iter().filter(|f| f.code == code).cloned().collect()
}

#[test]
fn h047_only_a_pitfall_going_straight_to_a_good_ending() {
    let straight = [("x", "[\"advice\"]", "\"good\"")];
    let found = check_text(&scenario(&[OPEN, ("", &[("A reflection.", "[\"reflection\"]", ""), straight[0]])]));
    let h047 = codes_of(&found, "H047");
    assert_eq!(h047.len(), 1, "{found:?}");
    assert!(h047[0].message.contains("option 2 at node `d1` is a pitfall (`advice`)"), "{}", h047[0].message);

    // The unconditional last branch is straight too; a branch with a condition is earned rapport.
    let fallback = ("x", "[\"minimizing\"]", "[{ trust_at_least = 3, go = \"mixed\" }, { go = \"good\" }]");
    let earned = ("y", "[\"minimizing\"]", "[{ trust_at_least = 3, go = \"good\" }, { go = \"mixed\" }]");
    let found = check_text(&scenario(&[OPEN, ("", &[("A reflection.", "[\"reflection\"]", ""), fallback, earned])]));
    let h047 = codes_of(&found, "H047");
    assert_eq!(h047.len(), 1, "{found:?}");
    assert!(h047[0].message.starts_with("option 2 "), "{}", h047[0].message);

    // A helpful option to a good ending, or a pitfall to a mixed one, is what endings are for.
    let found = check_text(&scenario(&[
        OPEN,
        ("", &[("A reflection.", "[\"reflection\"]", ""), ("x", "[\"advice\"]", "\"mixed\"")]),
    ]));
    assert!(codes_of(&found, "H047").is_empty(), "{found:?}");
}

/// A decision with three options whose best is `best_len` characters long and the others 20.
fn three(best_len: usize) -> String {
    format!(
        "[[O]]\ntext = \"{}\"\nskills = [\"complex-reflection\"]\n[[O]]\ntext = \"{}\"\nskills = [\"reflection\"]\n[[O]]\ntext = \"{}\"\nskills = [\"advice\"]\n",
        "b".repeat(best_len),
        "r".repeat(20),
        "a".repeat(20)
    )
}

/// `cued` decisions whose best is the longest, `plain` whose best is the shortest, and two-option
/// decisions (which do not count), as a scenario.
fn cue_scenario(cued: usize, plain: usize, tied: usize, two_option: usize) -> String {
    let mut decisions: Vec<String> = Vec::new();
    decisions.extend(std::iter::repeat_n(three(40), cued));
    decisions.extend(std::iter::repeat_n(three(5), plain));
    // A best option exactly as long as the longest other is no cue.
    decisions.extend(std::iter::repeat_n(three(20), tied));
    decisions.extend(std::iter::repeat_n(
        "[[O]]\ntext = \"A much longer best option than the other.\"\nskills = [\"reflection\"]\n[[O]]\ntext = \"Short.\"\nskills = [\"open-question\", \"closed-question\"]\n"
            .to_string(),
        two_option,
    ));
    let n = decisions.len();
    let mut t = String::from(
        "id = \"t\"\ntitle = \"T\"\ndifficulty = \"beginner\"\nstart = \"d0\"\n\n[peer]\nname = \"Sam\"\nabout = \"Sam.\"\n\n",
    );
    for (i, d) in decisions.iter().enumerate() {
        let next = if i + 1 == n { "good".to_string() } else { format!("d{}", i + 1) };
        t.push_str(&format!("[nodes.d{i}]\nsays = [\"Line.\"]\n"));
        let d = d.replace("[[O]]", &format!("[[nodes.d{i}.options]]"));
        // Every option goes on (pitfalls too: the next decision is no ending).
        let d =
            d.replace("skills = ", "feedback = \"F.\"\nNEXTskills = ").replace("NEXT", &format!("next = \"{next}\"\n"));
        t.push_str(&d);
        t.push('\n');
    }
    // (Other checks may fire on this skeleton; the test looks at H048 only.)
    t.push_str("[nodes.good]\nsays = [\"Thanks.\"]\nending = \"good\"\noutcome = \"Good.\"\n");
    t
}

#[test]
fn h048_fires_above_half_of_the_decisions_with_three_or_more_options() {
    let h048 = |cued, plain, tied, two| codes_of(&check_text(&cue_scenario(cued, plain, tied, two)), "H048");
    // 2 of 3: more than half.
    let found = h048(2, 1, 0, 0);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].line, found[0].column), (1, 6), "at the scenario's id");
    assert!(found[0].message.starts_with("at 2 of the 3 decisions with three or more options"), "{}", found[0].message);
    assert!(found[0].message.contains("(`d0`, `d1`)"), "{}", found[0].message);
    // Exactly half is not more than half; ties for longest are no cue; two-option decisions
    // do not count, however long their best option.
    assert!(h048(2, 2, 0, 0).is_empty());
    assert!(h048(1, 0, 3, 0).is_empty());
    assert!(h048(1, 1, 0, 5).is_empty());
    // Many decisions: five are named, then how many more.
    let found = h048(8, 0, 0, 0);
    assert!(found[0].message.contains("`d4` and 3 more"), "{}", found[0].message);
}

#[test]
fn h049_a_critical_moment_needs_one_best_option() {
    let critical = "critical = \"What matters here.\"";
    let tie = (
        critical,
        &[("A.", "[\"reflection\"]", ""), ("B.", "[\"validation\"]", ""), ("C.", "[\"open-question\"]", "")][..],
    );
    let found = check_text(&scenario(&[OPEN, tie]));
    let h049 = codes_of(&found, "H049");
    assert_eq!(h049.len(), 1, "{found:?}");
    assert!(h049[0].message.contains("options 1, 2 and 3 tie for best, so any of them counts"), "{}", h049[0].message);
    // On the `critical` value.
    assert_eq!(h049[0].column, 12);

    let single = (critical, &[("A.", "[\"complex-reflection\"]", ""), ("B.", "[\"validation\"]", "")][..]);
    assert!(codes_of(&check_text(&scenario(&[OPEN, single])), "H049").is_empty());
    // Ties away from a critical moment are ordinary.
    let plain = ("", &[("A.", "[\"reflection\"]", ""), ("B.", "[\"validation\"]", "")][..]);
    assert!(codes_of(&check_text(&scenario(&[OPEN, plain])), "H049").is_empty());
}
