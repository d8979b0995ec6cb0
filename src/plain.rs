//! `hearken play --plain`: line by line on standard input and output, for screen readers and
//! simple terminals. The same conversation driver as the TUI: the peer's lines arrive at their
//! pace, and answering before the peer has finished is an interruption. The loop is generic over
//! the clock and the input, so tests play it with a fake clock.

use crate::clock::Clock;
use crate::conversation::{Conversation, News};
use crate::report_text;
use crate::settings::FeedbackMode;
use crate::store::Recorder;
use hearken_engine::scenario::Beat;
use hearken_engine::session::Phase;
use std::io::{self, BufRead, Write};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// One thing read from the trainee.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Line(String),
    /// Nothing arrived before the time given.
    Timeout,
    /// The input ended (end of file, or the terminal closed).
    Closed,
}

/// Where `--plain` reads the trainee's lines.
pub trait LineSource {
    /// The next line, waiting at most `timeout` (`None`: as long as it takes).
    fn next_line(&mut self, timeout: Option<Duration>) -> Input;
}

/// Standard input, read on its own thread so the peer can go on talking while we wait.
pub struct StdinLines(mpsc::Receiver<String>);

impl StdinLines {
    pub fn spawn() -> StdinLines {
        let (tx, rx) = mpsc::channel::<String>();
        std::thread::spawn(move || {
            for line in io::stdin().lock().lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        StdinLines(rx)
    }
}

impl LineSource for StdinLines {
    fn next_line(&mut self, timeout: Option<Duration>) -> Input {
        match timeout {
            Some(t) => match self.0.recv_timeout(t) {
                Ok(l) => Input::Line(l),
                Err(RecvTimeoutError::Timeout) => Input::Timeout,
                Err(RecvTimeoutError::Disconnected) => Input::Closed,
            },
            None => self.0.recv().map_or(Input::Closed, Input::Line),
        }
    }
}

/// Plays `conv` to its ending or until the trainee leaves, writing everything to `out`.
pub fn play(
    conv: &mut Conversation,
    clock: &dyn Clock,
    input: &mut dyn LineSource,
    out: &mut dyn Write,
    feedback: FeedbackMode,
    recorder: &mut Recorder,
) -> io::Result<()> {
    let scenario = conv.session.scenario().clone();
    let peer = &scenario.peer.name;
    writeln!(out, "{}", scenario.title)?;
    writeln!(out, "{}", scenario.peer.about)?;
    if conv.typed {
        writeln!(
            out,
            "Type mode: write your answer in your own words and press Enter. /h: hint. /q: leave. /?: help. You can answer while {peer} is still talking, but that is interrupting."
        )?;
    } else {
        writeln!(
            out,
            "Type the number of your answer and press Enter. h: hint. q: leave. You can answer while {peer} is still talking, but that is interrupting."
        )?;
    }
    if let Some(p) = recorder.problem() {
        writeln!(out, "Note: {p}")?;
    }
    writeln!(out)?;
    loop {
        let now = clock.now();
        tell(out, conv, now)?;
        if conv.session.phase() == Phase::Ended && conv.next_wake(now).is_none() {
            break;
        }
        // Wake for the next thing to say, computed from the same moment just told: if the peer
        // moved on meanwhile, the wait is zero and the loop tells it at once.
        let wait = conv.next_wake(now).map(|at| Duration::from_millis(at.saturating_sub(now)));
        if conv.session.phase() == Phase::Ended {
            // The ending plays out; `q` skips to the report, and closed input just waits.
            match input.next_line(wait) {
                Input::Line(l) if l.trim().eq_ignore_ascii_case("q") || l.trim().eq_ignore_ascii_case("/q") => break,
                Input::Closed => std::thread::sleep(wait.unwrap_or_default().min(Duration::from_secs(1))),
                _ => {}
            }
            continue;
        }
        let line = match input.next_line(wait) {
            Input::Timeout => continue,
            Input::Closed => return leave(out, conv, recorder, clock),
            Input::Line(l) => l,
        };
        if conv.typed {
            if !answer_typed(conv, clock, input, out, feedback, recorder, line.trim())? {
                return leave(out, conv, recorder, clock);
            }
            continue;
        }
        match line.trim() {
            "" => {}
            "h" | "H" => match conv.session.use_hint() {
                Some(h) => writeln!(out, "Hint: {h}")?,
                None => writeln!(out, "There is no hint for this moment.")?,
            },
            "q" | "Q" => return leave(out, conv, recorder, clock),
            "?" => writeln!(out, "Type an option number and press Enter. h shows a hint, q leaves the conversation.")?,
            answer => {
                let shown = conv.options_shown();
                let Some(n) = answer.parse::<usize>().ok().filter(|n| (1..=shown).contains(n)) else {
                    match shown {
                        0 => writeln!(out, "Wait for the options, h for a hint, or q to leave.")?,
                        _ => writeln!(out, "Type a number from 1 to {shown}, h for a hint, or q to leave.")?,
                    }
                    continue;
                };
                let now = clock.now();
                let cut = conv.session.is_speaking(now);
                if cut {
                    // Finish telling what was said before the cut, so the transcript reads right.
                    tell(out, conv, now)?;
                    writeln!(out, "({peer} is cut off.)")?;
                }
                conv.choose(n, now).map_err(|e| io::Error::other(e.to_string()))?;
                recorder.decision(&conv.session);
                let report = conv.session.report(now);
                let d = report.decisions.last().expect("a decision was just made");
                writeln!(out, "You: {}", d.text)?;
                if feedback == FeedbackMode::Immediate {
                    write!(
                        out,
                        "{}",
                        report_text::feedback(conv.session.table(), peer, d, report_text::Numbers::Shown)
                    )?;
                    let trust = conv.session.trust();
                    writeln!(out, "   Rapport: {:+}, {}.", trust, hearken_engine::rapport::word(trust))?;
                }
                writeln!(out)?;
                conv.proceed(clock.now());
            }
        }
    }
    let report = conv.session.report(clock.now());
    recorder.finish(&report);
    writeln!(out)?;
    if let Some(p) = recorder.late_problem() {
        writeln!(out, "Note: {p}")?;
    }
    match feedback {
        FeedbackMode::End => {
            let s = &conv.session;
            let seed = Some(s.options().seed);
            write!(
                out,
                "{}",
                report_text::transcript(&report, s.scenario(), s.table(), report_text::Numbers::Shown, seed)
            )?
        }
        FeedbackMode::Immediate => write!(out, "{}", report_text::summary(&report))?,
    }
    out.flush()
}

/// Writes whatever became visible by `now`.
fn tell(out: &mut dyn Write, conv: &mut Conversation, now: u64) -> io::Result<()> {
    for news in conv.news(now) {
        let s = &conv.session;
        let peer = &s.scenario().peer.name;
        match news {
            News::Beat(i) => match &s.turn().beats[i].beat {
                Beat::Line(text) => writeln!(out, "{peer}: {text}")?,
                Beat::Pause { .. } => writeln!(out, "({peer} pauses.)")?,
            },
            News::Options { .. } | News::Finished if conv.typed => {
                // Type mode: an input line instead of options (README.md).
                if !conv.session.is_speaking(now) {
                    writeln!(out, "({peer} has finished.) Your answer, in your own words:")?;
                }
            }
            News::Options { from } => {
                list_options(out, conv, from)?;
                if conv.session.is_speaking(now) {
                    writeln!(out, "({peer} is still talking: answering now cuts in.)")?;
                } else {
                    writeln!(out, "Your answer:")?;
                }
            }
            News::Finished => {
                // The options were listed while the peer spoke and have scrolled away since: a
                // screen reader user should not have to go back for them.
                writeln!(out, "({peer} has finished.)")?;
                list_options(out, conv, 1)?;
                writeln!(out, "Your answer:")?;
            }
        }
    }
    out.flush()
}

/// Type mode: one line from the trainee, while deciding. A command (`/h`, `/q`, `/?`), or an
/// answer: heard, matched, shown with the closest option, which the trainee may re-pick before
/// the feedback. Returns false when the trainee leaves.
fn answer_typed(
    conv: &mut Conversation,
    clock: &dyn Clock,
    input: &mut dyn LineSource,
    out: &mut dyn Write,
    feedback: FeedbackMode,
    recorder: &mut Recorder,
    line: &str,
) -> io::Result<bool> {
    let peer = conv.session.scenario().peer.name.clone();
    match line {
        "/h" | "/H" => {
            match conv.session.use_hint() {
                Some(h) => writeln!(out, "Hint: {h}")?,
                None => writeln!(out, "There is no hint for this moment.")?,
            }
            return Ok(true);
        }
        "/q" | "/Q" => return Ok(false),
        "/?" => {
            writeln!(
                out,
                "Write what you would say and press Enter. /h shows a hint, /q leaves the conversation. After each answer you see what Hearken heard and the closest option, and can pick a different one."
            )?;
            return Ok(true);
        }
        _ => {}
    }
    let now = clock.now();
    if conv.session.is_speaking(now) && hearken_engine::typed::clean(line).is_ok() {
        tell(out, conv, now)?;
        writeln!(out, "({peer} is cut off.)")?;
    }
    let decision = match conv.submit(line, now) {
        Ok(d) => d.clone(),
        Err(e) => {
            writeln!(out, "{}.", capitalised(&e.to_string()))?;
            return Ok(true);
        }
    };
    let t = decision.typed.as_ref().expect("a typed answer");
    writeln!(out, "You: {}", t.text)?;
    if let Some(n) = t.cut_from {
        let cleaned = hearken_engine::typed::Cleaned { text: String::new(), cut_from: Some(n) };
        writeln!(out, "({})", cleaned.cut_message().unwrap_or_default())?;
    }
    writeln!(out, "{}", hearken_engine::text::terminal_safe(&t.heard.line()))?;
    let options = conv.all_options();
    let number = |index: usize| options.iter().position(|(i, _)| *i == index).map_or(index + 1, |p| p + 1);
    let loose = if t.loose { " (a loose match: no option was close to your words)" } else { "" };
    let reply = &conv.session.node().replies()[decision.chosen];
    writeln!(out, "Closest option: {}. {}{loose}", number(decision.chosen), reply.text)?;
    writeln!(out, "Press Enter to go on, or type the number of an option closer to what you meant:")?;
    for (n, (_, r)) in options.iter().enumerate() {
        writeln!(out, "  {}. {}", n + 1, r.text)?;
    }
    out.flush()?;
    let count = options.len();
    loop {
        match input.next_line(None) {
            Input::Line(l) if l.trim().is_empty() => break,
            Input::Line(l) => match l.trim().parse::<usize>().ok().filter(|n| (1..=count).contains(n)) {
                Some(n) => {
                    conv.correct(n).map_err(|e| io::Error::other(e.to_string()))?;
                    writeln!(
                        out,
                        "Closest option is now {n}. The score stays as it was: it comes from what you said."
                    )?;
                    break;
                }
                None => writeln!(out, "Press Enter to go on, or type a number from 1 to {count}.")?,
            },
            Input::Timeout => {}
            Input::Closed => break,
        }
    }
    recorder.decision(&conv.session);
    let now = clock.now();
    let report = conv.session.report(now);
    let d = report.decisions.last().expect("a decision was just made");
    if feedback == FeedbackMode::Immediate {
        write!(out, "{}", report_text::feedback(conv.session.table(), &peer, d, report_text::Numbers::Shown))?;
        let trust = conv.session.trust();
        writeln!(out, "   Rapport: {:+}, {}.", trust, hearken_engine::rapport::word(trust))?;
    }
    writeln!(out)?;
    conv.proceed(clock.now());
    Ok(true)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn list_options(out: &mut dyn Write, conv: &Conversation, from: usize) -> io::Result<()> {
    for (n, (_, reply)) in conv.session.shown_replies().iter().enumerate().take(conv.options_shown()).skip(from - 1) {
        writeln!(out, "  {}. {}", n + 1, reply.text)?;
    }
    if conv.session.hint().is_some() {
        writeln!(out, "  (h for a hint)")?;
    }
    Ok(())
}

fn leave(out: &mut dyn Write, conv: &Conversation, recorder: &mut Recorder, clock: &dyn Clock) -> io::Result<()> {
    let report = conv.session.report(clock.now());
    recorder.finish(&report);
    if let Some(p) = recorder.late_problem() {
        writeln!(out, "\nNote: {p}")?;
    }
    // The summary says that the trainee left, once.
    writeln!(out)?;
    write!(out, "{}", report_text::summary(&report))?;
    out.flush()
}

/// A test's input: each line after a delay, on a fake clock that moves only as the player waits.
/// When the lines run out the input is closed, as when a piped file ends.
#[cfg(any(test, feature = "testing"))]
pub struct ScriptedLines<'c>(crate::clock::Script<'c, String>);

#[cfg(any(test, feature = "testing"))]
impl<'c> ScriptedLines<'c> {
    pub fn new(clock: &'c crate::clock::FakeClock, script: &[(u64, &str)]) -> ScriptedLines<'c> {
        ScriptedLines(crate::clock::Script::new(clock, script.iter().map(|(d, l)| (*d, l.to_string()))))
    }
}

#[cfg(any(test, feature = "testing"))]
impl LineSource for ScriptedLines<'_> {
    fn next_line(&mut self, timeout: Option<Duration>) -> Input {
        use crate::clock::Scripted;
        match self.0.next(timeout) {
            Scripted::Item(line) => Input::Line(line),
            Scripted::Timeout => Input::Timeout,
            Scripted::Ended => Input::Closed,
        }
    }
}
