//! `hearken play --plain`: line by line on standard input and output, for screen readers and
//! simple terminals. The same engine as the TUI: the peer's lines arrive at their pace, and
//! answering before the peer has finished is an interruption.

use super::args::{FeedbackMode, PlayArgs};
use super::play::seed_or_clock;
use super::{Context, Failure, Outcome, rubric_table, text_report};
use crate::store::Recorder;
use hearken_engine::scenario::Beat;
use hearken_engine::session::clock::{Clock, SystemClock};
use hearken_engine::session::{Phase, Session, SessionOptions};
use std::io::{BufRead, Write};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

pub fn run(ctx: &Context, args: &PlayArgs) -> Outcome {
    let name = args
        .scenario
        .as_deref()
        .ok_or_else(|| Failure::usage("--plain needs a scenario: hearken play SCENARIO --plain"))?;
    let table = rubric_table(args.rubric.as_deref())?;
    let scenario = ctx.resolve_scenario(name, &table)?;
    let clock = SystemClock::new();
    let options =
        SessionOptions { seed: seed_or_clock(args.seed), speed: args.pace, animate: !args.no_animation, shuffle: true };
    let mut session = Session::new(scenario.clone(), table.clone(), options, clock.now());
    let mut recorder = Recorder::start(ctx, &session, !args.no_history, None);
    let stdout = std::io::stdout();
    // Scenario text is checked when loaded; this makes sure again that none of it can drive the terminal.
    let mut out = hearken_engine::text::SafeWriter(stdout.lock());
    let io = |e: std::io::Error| Failure::usage(format!("cannot write: {e}"));

    writeln!(out, "{}", scenario.title).map_err(io)?;
    writeln!(out, "{}", scenario.peer.about).map_err(io)?;
    writeln!(out, "Type the number of your answer and press Enter. h: hint. q: leave. You can answer while {} is still talking, but that is interrupting.", scenario.peer.name).map_err(io)?;
    if let Some(p) = recorder.problem() {
        writeln!(out, "Note: {p}").map_err(io)?;
    }
    writeln!(out).map_err(io)?;

    // Standard input is read on its own thread so the peer can go on talking while we wait.
    let (tx, rx) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });

    let mut printed = 0usize;
    let mut options_shown = false;
    let mut finish_noted = true;
    loop {
        let now = clock.now();
        printed = print_beats(&mut out, &session, printed, now).map_err(io)?;
        if session.phase() == Phase::Ended {
            if session.is_speaking(now) {
                std::thread::sleep(Duration::from_millis(
                    session.next_change(now).map_or(0, |t| t.saturating_sub(now)).min(1000),
                ));
                continue;
            }
            break;
        }
        // The options appear once the peer has started, as on the full screen, so the trainee can
        // think while listening; answering before the peer has finished is an interruption.
        if !options_shown && printed > 0 {
            print_options(&mut out, &session).map_err(io)?;
            options_shown = true;
            if session.is_speaking(now) {
                writeln!(out, "({} is still talking: answering now cuts in.)", scenario.peer.name).map_err(io)?;
                finish_noted = false;
            }
        }
        if !finish_noted && !session.is_speaking(now) {
            // The options were printed while the peer spoke and have scrolled away since: a
            // screen reader user should not have to go back for them.
            writeln!(out, "({} has finished.)", scenario.peer.name).map_err(io)?;
            print_options(&mut out, &session).map_err(io)?;
            writeln!(out, "Your answer:").map_err(io)?;
            finish_noted = true;
        }
        let wait = session.next_change(now).map(|t| Duration::from_millis(t.saturating_sub(now).max(1)));
        let input = match wait {
            Some(w) => match rx.recv_timeout(w) {
                Ok(l) => l,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return leave(&mut out, &session, &mut recorder, &clock),
            },
            None => match rx.recv() {
                Ok(l) => l,
                Err(_) => return leave(&mut out, &session, &mut recorder, &clock),
            },
        };
        let input = input.trim();
        match input {
            "" => continue,
            "h" | "H" => {
                match session.use_hint() {
                    Some(h) => writeln!(out, "Hint: {h}"),
                    None => writeln!(out, "There is no hint for this moment."),
                }
                .map_err(io)?;
            }
            "q" | "Q" => return leave(&mut out, &session, &mut recorder, &clock),
            "?" => writeln!(out, "Type an option number and press Enter. h shows a hint, q leaves the conversation.")
                .map_err(io)?,
            _ => {
                let shown = session.visible_replies(clock.now());
                let Some(index) =
                    input.parse::<usize>().ok().filter(|n| (1..=shown.len()).contains(n)).map(|n| shown[n - 1].0)
                else {
                    writeln!(out, "Type a number from 1 to {}, h for a hint, or q to leave.", shown.len())
                        .map_err(io)?;
                    continue;
                };
                let now = clock.now();
                if session.is_speaking(now) {
                    // Finish printing what was said before the cut, so the transcript reads right.
                    print_beats(&mut out, &session, printed, now).map_err(io)?;
                    writeln!(out, "({} is cut off.)", scenario.peer.name).map_err(io)?;
                }
                session.choose(index, now).map_err(|e| Failure::invalid(e.to_string()))?;
                recorder.decision(&session);
                let report = session.report(now);
                let d = report.decisions.last().expect("a decision was just made");
                writeln!(out, "You: {}", d.text).map_err(io)?;
                if args.feedback == FeedbackMode::Immediate {
                    write!(out, "{}", text_report::feedback(&table, &scenario.peer.name, d)).map_err(io)?;
                }
                writeln!(out).map_err(io)?;
                session.proceed(clock.now());
                printed = 0;
                options_shown = false;
            }
        }
    }
    let report = session.report(clock.now());
    recorder.finish(&report);
    writeln!(out).map_err(io)?;
    if let Some(p) = recorder.late_problem() {
        writeln!(out, "Note: {p}").map_err(io)?;
    }
    if args.feedback == FeedbackMode::End {
        write!(out, "{}", text_report::transcript(&report, &table)).map_err(io)?;
    } else {
        write!(out, "{}", text_report::summary(&report)).map_err(io)?;
    }
    Ok(())
}

/// Prints each beat of the current turn once, when it starts.
fn print_beats(out: &mut impl Write, s: &Session, from: usize, now: u64) -> std::io::Result<usize> {
    let peer = &s.scenario().peer.name;
    let turn = s.turn();
    let mut n = from;
    while n < turn.beats.len() && turn.beats[n].start <= now {
        match &turn.beats[n].beat {
            Beat::Line(text) => writeln!(out, "{peer}: {text}")?,
            Beat::Pause { .. } => writeln!(out, "({peer} pauses.)")?,
        }
        n += 1;
    }
    out.flush()?;
    Ok(n)
}

fn print_options(out: &mut impl Write, s: &Session) -> std::io::Result<()> {
    for (n, (_, reply)) in s.visible_replies(s.turn().end).iter().enumerate() {
        writeln!(out, "  {}. {}", n + 1, reply.text)?;
    }
    if s.hint().is_some() {
        writeln!(out, "  (h for a hint)")?;
    }
    out.flush()
}

fn leave(out: &mut impl Write, s: &Session, recorder: &mut Recorder, clock: &SystemClock) -> Outcome {
    let report = s.report(clock.now());
    recorder.finish(&report);
    if let Some(p) = recorder.late_problem() {
        let _ = writeln!(out, "\nNote: {p}");
    }
    let _ = writeln!(out, "\nYou left the conversation before it ended.");
    let _ = write!(out, "{}", text_report::summary(&report));
    Ok(())
}
