//! Matching a typed answer to the closest option by wording.

use hearken_classifier::wording_similarity;

#[test]
fn a_paraphrase_ranks_above_an_unrelated_option() {
    let typed = "it must have taken a lot to come back in here";
    let paraphrase = "That must have been hard to come back.";
    let option = "It took a lot to walk back in here today.";
    let unrelated = "Why did you use again?";
    let why = wording_similarity(typed, unrelated);
    assert!(wording_similarity(typed, paraphrase) > why);
    assert!(wording_similarity(typed, option) > why);
}

#[test]
fn typos_and_word_forms_still_match() {
    let a = wording_similarity("you sound exhuasted", "You sound exhausted.");
    let b = wording_similarity("you sound exhuasted", "Have you tried meditation?");
    assert!(a > 600 && a > b, "{a} vs {b}");
    assert!(wording_similarity("exhausting week", "an exhausted week") > 500);
}

#[test]
fn bounds_and_symmetry() {
    assert_eq!(wording_similarity("What happened?", "what happened"), 1000);
    assert_eq!(wording_similarity("", "anything"), 0);
    assert_eq!(wording_similarity("", ""), 0);
    let (x, y) = ("Tell me about her.", "What was Ruth like?");
    assert_eq!(wording_similarity(x, y), wording_similarity(y, x));
    assert!(wording_similarity(x, y) <= 1000);
}
