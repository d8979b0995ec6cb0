//! What a trainee would notice: each label heard on a typical answer, and not heard on its
//! near-miss. Rules and examples: docs/classifier.md.

use hearken_classifier::{Question, Reflection, classify};

fn skills(text: &str, context: &[&str]) -> Vec<&'static str> {
    classify(text, context).skills
}

fn has(text: &str, context: &[&str], skill: &str) -> bool {
    skills(text, context).contains(&skill)
}

const RELAPSE: &[&str] = &["I almost didn't come in today.", "I... used again. Last weekend."];
const TIRED: &[&str] = &["I haven't slept properly in weeks.", "I'm exhausted all the time."];
const CRISIS: &[&str] = &["I don't see the point anymore.", "Everyone would be better off without me."];

#[test]
fn open_questions_by_their_first_words_with_or_without_a_question_mark() {
    for text in [
        "What happened last weekend?",
        "what happened",
        "How has this week been?",
        "Tell me more.",
        "Can you tell me more about that?",
        "whats been going on",
        "how r u feeling",
    ] {
        let c = classify(text, RELAPSE);
        assert_eq!(c.question, Question::Open, "{text}: {c:?}");
        assert!(c.skills.contains(&"open-question"), "{text}: {c:?}");
    }
}

#[test]
fn closed_questions_ask_for_yes_no_or_one_fact() {
    for text in [
        "Do you have family nearby?",
        "Are you going to tell Jo?",
        "is it every night",
        "What time did it happen?",
        "How many drinks did you have?",
        "How old are your kids?",
        "When did it start?",
        "did u eat today",
        "you ok?",
    ] {
        let c = classify(text, TIRED);
        assert_eq!(c.question, Question::Closed, "{text}: {c:?}");
        assert!(c.skills.contains(&"closed-question"), "{text}: {c:?}");
    }
}

#[test]
fn why_questions_including_how_come_but_not_what_made_you() {
    assert!(has("Why did you use again?", RELAPSE, "why-question"));
    assert!(has("how come you went back", RELAPSE, "why-question"));
    assert!(has("y did u do that", RELAPSE, "why-question"));
    assert_eq!(classify("Why did you use again?", RELAPSE).question, Question::Open);
    let near = classify("What made you come in today?", RELAPSE);
    assert!(!near.skills.contains(&"why-question"), "{near:?}");
    assert!(near.skills.contains(&"open-question"));
}

#[test]
fn a_simple_reflection_says_back_the_peers_words() {
    let c = classify("You used again last weekend.", RELAPSE);
    assert_eq!(c.reflection, Reflection::Simple, "{c:?}");
    assert_eq!(c.skills, vec!["reflection"]);
    assert!(c.cues[0].contains("says back"), "{:?}", c.cues);
    assert_eq!(classify("so you're exhausted", TIRED).reflection, Reflection::Simple);
}

#[test]
fn a_complex_reflection_names_what_was_not_said() {
    for text in [
        "Sounds like you're ashamed of it.",
        "Part of you wanted to stay away.",
        "It's like you're running on empty.",
        "You're scared we'll judge you.",
    ] {
        let c = classify(text, RELAPSE);
        assert_eq!(c.reflection, Reflection::Complex, "{text}: {c:?}");
        assert!(c.skills.contains(&"complex-reflection"), "{text}");
    }
}

#[test]
fn a_reflection_with_a_question_mark_is_still_a_reflection() {
    let c = classify("You're exhausted?", TIRED);
    assert_eq!(c.reflection, Reflection::Simple, "{c:?}");
    assert_eq!(c.question, Question::None);
    assert!(!c.skills.contains(&"closed-question"));
}

#[test]
fn a_reflection_and_a_question_in_one_answer() {
    let c = classify("It sounds exhausting. What's been hardest?", TIRED);
    assert_ne!(c.reflection, Reflection::None, "{c:?}");
    assert_eq!(c.question, Question::Open);
    assert!(c.skills.contains(&"open-question"));
}

#[test]
fn advice_including_advice_as_a_question() {
    for text in [
        "You should call your sponsor.",
        "Have you tried meditation?",
        "Why don't you call your sister?",
        "Could you maybe move back for a while?",
        "call the helpline tonight",
        "u shud tlk to ur doctr",
    ] {
        assert!(has(text, TIRED, "advice"), "{text}: {:?}", classify(text, TIRED));
    }
    assert_eq!(classify("Have you tried meditation?", TIRED).question, Question::Closed);
    // Near misses: a question about what they did, and a wish to hear more.
    assert!(!has("Have you talked to anyone about it?", TIRED, "advice"));
    assert!(!has("Take your time.", TIRED, "advice"));
    assert!(!has("Why don't you think it helped?", TIRED, "advice"));
}

#[test]
fn minimizing_reassurance_and_at_least() {
    for text in [
        "Don't worry, it'll be fine.",
        "At least you have a job.",
        "everything will be okay",
        "It could be worse.",
        "dont wory itll be fine",
        "Cheer up!",
    ] {
        assert!(has(text, TIRED, "minimizing"), "{text}: {:?}", classify(text, TIRED));
    }
    assert!(!has("It makes sense you're worried.", TIRED, "minimizing"));
    assert!(!has("Is she going to be ok?", TIRED, "minimizing"));
}

#[test]
fn hijacking_versus_a_short_disclosure_that_returns_to_the_peer() {
    let long = "When my dad died I couldn't get out of bed for months, my wife had to do everything and then my brother started on about the house";
    assert!(has(long, &["My mum died in March."], "hijacking"));
    let short = "I've been through a relapse too. What's it been like for you since?";
    let c = classify(short, RELAPSE);
    assert!(c.skills.contains(&"self-disclosure") && !c.skills.contains(&"hijacking"), "{c:?}");
}

#[test]
fn judgment_diagnosing_validation_affirmation() {
    assert!(has("That was really selfish.", RELAPSE, "judgment"));
    assert!(!has("That's not stupid at all.", RELAPSE, "judgment"));
    assert!(has("That sounds like depression.", TIRED, "diagnosing"));
    assert!(has("Honestly it could be PTSD", TIRED, "diagnosing"));
    assert!(!has(
        "Living with depression for years sounds exhausting.",
        &["I've had depression for years."],
        "diagnosing"
    ));
    assert!(has("It makes sense you'd feel that way.", TIRED, "validation"));
    assert!(has("It took real courage to come back in.", RELAPSE, "affirmation"));
    assert!(!has("You're way too strong to relapse.", RELAPSE, "affirmation"));
}

#[test]
fn safety_questions_ask_directly() {
    for text in [
        "Are you thinking about killing yourself?",
        "Are you safe right now?",
        "are u thinking of killing urself",
        "Have you had thoughts of suicide?",
        "Is anyone with you right now?",
    ] {
        assert!(has(text, CRISIS, "safety-question"), "{text}: {:?}", classify(text, CRISIS));
    }
    assert!(!has("Don't talk like that, you have so much to live for!", CRISIS, "safety-question"));
    assert!(!has("Is anyone with you right now?", TIRED, "safety-question"), "no risk in what the peer said");
    assert!(!has("have you thought about how you would do it", CRISIS, "advice"));
}

#[test]
fn extras_permission_promise_topic_change_formal_summary() {
    assert!(has("Would it be okay if I shared something that helped me?", TIRED, "asking-permission"));
    assert!(!has("Would it be okay if I shared something that helped me?", TIRED, "closed-question"));
    assert!(has("Don't worry, I won't tell anyone.", TIRED, "false-promise"));
    assert!(has("Anyway, how's work going?", TIRED, "topic-change"));
    assert!(has("It is important that you remain compliant with your prescribed regimen.", TIRED, "formal-language"));
    let ctx = ["Work is insane.", "The kids are sick.", "And my car broke down."];
    assert!(has("So work is insane, the kids are sick, and the car broke down.", &ctx, "summary"));
}

#[test]
fn what_people_really_type() {
    assert_eq!(classify("WHAT HAPPENED", RELAPSE).question, Question::Open);
    assert_eq!(classify("whta happend", RELAPSE).question, Question::Open);
    assert!(has("youre exhuasted", TIRED, "reflection"), "{:?}", classify("youre exhuasted", TIRED));
    assert!(has("dont worry 😊 itll be ok", TIRED, "minimizing"));
    let c = classify("that sounds so hard what happened", TIRED);
    assert_eq!(c.question, Question::Open, "{c:?}");
    assert_ne!(c.reflection, Reflection::None);
    let one = classify("wow", TIRED);
    assert!(one.recognised && one.skills.is_empty() && one.cues.len() == 1, "{one:?}");
    let paragraph = "I hear how tired you are. ".repeat(30) + "What has the last week been like?";
    assert_eq!(classify(&paragraph, TIRED).question, Question::Open);
}

#[test]
fn not_recognised_is_never_a_guess() {
    for text in [
        "¿Cómo estás?",
        "Wie geht es dir?",
        "你还好吗？",
        "Je comprends, c'est difficile.",
        "asdfkj qwpoeiru zxcv",
        "😢😢😢",
        "",
        "   ",
        "??",
        "\u{1b}[31m\u{7}",
    ] {
        let c = classify(text, TIRED);
        assert!(!c.recognised, "{text:?}: {c:?}");
        assert!(c.skills.is_empty() && c.reflection == Reflection::None && c.question == Question::None);
        assert_eq!(c.cues.len(), 1);
        assert!(c.cues[0].starts_with("not recognised"), "{:?}", c.cues);
    }
}

#[test]
fn control_characters_and_escapes_do_not_change_the_labels() {
    let plain = classify("What happened last weekend?", RELAPSE);
    let dirty = classify("What\u{7} happ\u{0}ened \u{1b}[1mlast weekend?\u{1b}[0m", RELAPSE);
    assert_eq!(plain, dirty);
}

#[test]
fn every_label_has_a_cue_in_the_same_order() {
    let c = classify("Sounds exhausting. Have you tried meditation? At least you have a job.", TIRED);
    assert_eq!(c.skills.len(), c.cues.len(), "{c:?}");
    assert!(c.skills.contains(&"advice") && c.skills.contains(&"minimizing"));
}

#[test]
fn as_str_matches_the_json_names() {
    assert_eq!(Reflection::Complex.as_str(), "complex");
    assert_eq!(Reflection::Simple.as_str(), "simple");
    assert_eq!(Reflection::None.as_str(), "none");
    assert_eq!(Question::Open.as_str(), "open");
    assert_eq!(Question::Closed.as_str(), "closed");
    assert_eq!(Question::None.as_str(), "none");
}

#[test]
fn asking_about_means_after_the_peer_has_said_how_is_a_safety_question() {
    let ctx = ["I've thought about how.", "My dad's old revolver is in the closet."];
    assert!(has("Do you have a gun or anything at home?", &ctx, "safety-question"));
    assert!(has("is the gun somewhere you can get to tonight", &ctx, "safety-question"));
    // Without any talk of harm, a question about a gun is not a safety question.
    assert!(!has("Do you have a gun?", &["We went hunting last autumn."], "safety-question"));
}

#[test]
fn reaching_support_together_is_connecting_support_and_a_referral_handed_over_is_not() {
    let ctx = ["I can't do this anymore."];
    assert!(has("Can we call 988 together right now? I'll stay with you.", &ctx, "connecting-support"));
    assert!(has("Let's ring the Samaritans together, I'll sit with you.", &ctx, "connecting-support"));
    assert!(!has("Have you thought about calling the crisis line?", &ctx, "connecting-support"));
    assert!(!has("Can we call it a day?", &["I'm tired."], "connecting-support"));
    assert!(!has("Can you text me later?", &["I'm fine."], "connecting-support"));
}
