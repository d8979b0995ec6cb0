//! `--plain` driven by a fake clock: the same conversation driver as the TUI, so the peer's
//! pace, interruptions and the ending are tested without sleeping.

use crate::tui_common::{scenario, table};
use hearken::clock::FakeClock;
use hearken::conversation::Conversation;
use hearken::plain::{ScriptedLines, play};
use hearken::settings::{FeedbackMode, PlaySettings};
use hearken::store::Recorder;

/// Plays the late-shift scenario in plain mode with `lines` typed after the given delays.
fn plain(lines: &[(u64, &str)], feedback: FeedbackMode) -> (String, Conversation) {
    let clock = FakeClock::new(0);
    let settings = PlaySettings { seed: Some(7), feedback, ..PlaySettings::default() };
    let mut conv = Conversation::start(scenario(), table(), &settings, 0, 0);
    let mut recorder = Recorder::start(None, &conv.session, false, None);
    let mut input = ScriptedLines::new(&clock, lines);
    let mut out = Vec::new();
    play(&mut conv, &clock, &mut input, &mut out, feedback, &mut recorder).expect("writes to memory");
    (String::from_utf8(out).expect("plain output is UTF-8"), conv)
}

fn shown_number(conv: &Conversation, decision: usize, file_index: usize) -> usize {
    let d = &conv.session.decisions()[decision];
    d.shown.iter().position(|&i| i == file_index).expect("shown") + 1
}

#[test]
fn the_peer_speaks_at_their_pace_and_options_come_back_when_they_finish() {
    // Sam's first turn lasts about 6.2 s; answers come well after each turn.
    let (text, conv) = plain(&[(20_000, "1"), (20_000, "1")], FeedbackMode::Immediate);
    let first = text.find("Sam: Can I stay a minute?").expect("the first line");
    let pause = text.find("(Sam pauses.)").expect("the pause");
    let last = text.find("Sam: Work has been a lot lately.").expect("the last line");
    let finished = text.find("(Sam has finished.)").expect("the finish is said in words");
    assert!(first < pause && pause < last && last < finished, "{text}");
    // An option is listed as soon as Sam has said what it answers: the reflection of the first
    // line before the pause, alone; the rest only once Sam has finished, when all are listed.
    let early = text.find("  1. You'd rather be here than at home right now.\n").expect("listed early");
    assert!(first < early && early < pause, "{text}");
    assert!(text[..finished].contains("(Sam is still talking: answering now cuts in.)"), "{text}");
    assert!(!text[..finished].contains("Of course. What's been happening at work?"), "{text}");
    assert_eq!(text.matches("1. You'd rather be here than at home right now.\n").count(), 2, "{text}");
    assert_eq!(text.matches(". Of course. What's been happening at work?\n").count(), 1, "{text}");
    assert_eq!(text.matches("(Sam has finished.)").count(), 1, "{text}");
    assert!(conv.session.decisions().iter().all(|d| !d.interrupted), "{text}");
    assert!(conv.session.is_over(), "{text}");
    assert!(text.contains("Ending ("), "{text}");
    assert!(text.contains("Rapport: "), "rapport is given in words after each choice:\n{text}");
}

#[test]
fn answering_while_the_peer_speaks_cuts_them_off() {
    // One second in, Sam is still on the first line: nothing is shown, so a number is refused.
    // Three seconds in, Sam pauses after the first line, and option 1 (answering it) is shown.
    let (text, conv) = plain(&[(1_000, "1"), (2_000, "1")], FeedbackMode::Immediate);
    assert!(text.contains("Wait for the options, h for a hint, or q to leave."), "{text}");
    assert!(text.contains("(Sam is cut off.)"), "{text}");
    assert!(!text.contains("Work has been a lot lately."), "what Sam had not said yet is lost:\n{text}");
    assert!(conv.session.decisions()[0].interrupted, "{text}");
    assert!(text.contains("You cut in while Sam was still speaking"), "{text}");
    // The input ended at the next decision: the trainee left, and the summary says so once.
    assert_eq!(text.matches("You left the conversation before it ended.").count(), 1, "{text}");
}

#[test]
fn numbers_follow_the_order_shown_and_bad_input_is_explained() {
    let (text, conv) = plain(&[(20_000, "9"), (10, "h"), (10, "3"), (20_000, "q")], FeedbackMode::End);
    assert!(text.contains("Type a number from 1 to 3, h for a hint, or q to leave."), "{text}");
    assert!(text.contains("Hint: Sam has opened the door a little."), "{text}");
    let d = &conv.session.decisions()[0];
    assert_eq!(shown_number(&conv, 0, d.chosen), 3, "the third option shown was chosen");
    // With feedback at the end, the transcript with feedback comes when the trainee leaves.
    assert!(text.contains("You left the conversation before it ended."), "{text}");
}

#[test]
fn the_driver_tells_each_option_once_as_it_appears_and_numbers_never_change() {
    use hearken::conversation::News;
    let settings = PlaySettings { seed: Some(7), ..PlaySettings::default() };
    let mut conv = Conversation::start(scenario(), table(), &settings, 0, 0);
    // Sam's first line ends at 2800 ms; the pause ends at 4800; the turn at 6150.
    assert_eq!(conv.news(1000), [News::Beat(0)]);
    assert!(conv.visible(2799).is_empty());
    // The reflection of the first line appears as the pause starts, told before the pause.
    assert_eq!(conv.news(2800), [News::Options { from: 1 }, News::Beat(1)]);
    let first = conv.visible(2800)[0].0;
    assert_eq!(first, 2, "the reflection, `after = 1`");
    assert_eq!(conv.news(4000), []);
    // With the end of the turn, the other two: the peer has finished, the list is whole.
    assert_eq!(conv.news(6150), [News::Beat(2), News::Finished]);
    assert_eq!(conv.options_shown(), 3);
    assert_eq!(conv.visible(6150)[0].0, first, "number 1 is still the option first shown as 1");
    // Numbers go through the visible list: 3 exists now, not before.
    assert!(conv.choose(4, 6150).is_err());
    assert_eq!(conv.choose(1, 6150).unwrap().chosen, first);
}

#[test]
fn the_driver_refuses_a_number_not_shown_yet() {
    let settings = PlaySettings { seed: Some(7), ..PlaySettings::default() };
    let mut conv = Conversation::start(scenario(), table(), &settings, 0, 0);
    assert!(conv.choose(1, 1000).is_err(), "nothing is shown a second in");
    assert!(conv.choose(2, 3000).is_err(), "only one option is shown in the pause");
    assert!(conv.session.decisions().is_empty());
    assert!(conv.choose(1, 3000).unwrap().interrupted);
}
