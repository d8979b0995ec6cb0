//! Any input, however odd, gives a well-formed answer, the same one every time.

use hearken_classifier::{MAX_ANSWER_CHARS, SKILL_ORDER, classify, wording_similarity};
use proptest::prelude::*;

fn well_formed(text: &str, context: &[&str]) {
    let c = classify(text, context);
    let positions: Vec<usize> =
        c.skills.iter().map(|s| SKILL_ORDER.iter().position(|o| o == s).expect("known code")).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "canonical order, no duplicates: {:?}", c.skills);
    assert_eq!(c.skills.len(), c.cues.len().min(c.skills.len()));
    assert!(c.skills.is_empty() || c.skills.len() == c.cues.len(), "one cue per label: {c:?}");
    assert!(c.recognised || c.skills.is_empty());
    assert!(c.cues.iter().all(|cue| !cue.chars().any(|ch| ch.is_control())), "cues are safe to print: {c:?}");
    assert_eq!(c, classify(text, context), "deterministic");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>(), ctx in any::<String>()) {
        well_formed(&text, &[&ctx]);
        prop_assert!(wording_similarity(&text, &ctx) <= 1000);
    }

    #[test]
    fn english_like_strings_with_control_characters(
        words in prop::collection::vec("[a-zA-Z']{1,9}|[\\x00-\\x1f\\x7f]|[?.!,]|\u{1b}\\[[0-9;]{0,4}m", 0..60)
    ) {
        let text = words.join(" ");
        well_formed(&text, &["I used again last weekend.", "I'm so tired"]);
    }
}

#[test]
fn very_long_input_is_cut_not_choked_on() {
    let long = "you sound exhausted and ".repeat(500) + "what happened?";
    assert!(long.chars().count() > 10_000);
    well_formed(&long, &["I'm exhausted."]);
    let cut = classify(&long, &["I'm exhausted."]);
    // The question beyond the limit is not read.
    assert_eq!(cut.question, hearken_classifier::Question::None, "{cut:?}");
    const { assert!(MAX_ANSWER_CHARS >= 500) };
    well_formed(&"\u{0}".repeat(20_000), &[]);
    well_formed(&"é".repeat(20_000), &[]);
}

#[test]
fn odd_unicode_is_handled() {
    for text in [
        "\u{feff}what happened",
        "what\u{200b}happened",
        "w\u{301}hat",
        "\u{202e}what happened",
        "𝔀𝓱𝓪𝓽 𝓱𝓪𝓹𝓹𝓮𝓷𝓮𝓭",
        "\u{fffd}\u{fffd}",
        "ǅ ǈ ǋ",
        "İstanbul",
        "ß",
        "'''",
        "-",
        "—",
    ] {
        well_formed(text, &["I used again."]);
    }
}

#[test]
fn the_same_text_gives_the_same_labels_with_the_same_context() {
    let ctx = ["My mum died in March.", "Everyone says I should be over it."];
    let a = classify("It's like everyone's put a clock on your grief. What was she like?", &ctx);
    for _ in 0..50 {
        assert_eq!(a, classify("It's like everyone's put a clock on your grief. What was she like?", &ctx));
    }
}
