//! Playing a fixed list of choices (`play --script`, `[[tests]]`), in file order, with no clock.

use super::{ChooseError, Phase, Session, SessionOptions};
use crate::rubric::RubricTable;
use crate::scenario::{Scenario, TestChoice};
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptError {
    /// Choice number `decision` (1-based) names an option the node does not have.
    NoSuchOption { decision: usize, node: String, given: String, available: usize },
    /// The conversation ended with choices left over.
    TooManyChoices { given: usize, used: usize, ending: String },
    /// `!N` with animation off.
    CannotInterrupt { decision: usize },
}

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScriptError::NoSuchOption { decision, node, given, available } => write!(
                f,
                "decision {decision} (node `{node}`): `{given}` is not one of its options; it has options 1 to {available}"
            ),
            ScriptError::TooManyChoices { given, used, ending } => {
                write!(f, "{given} choices were given, but the conversation reached the ending `{ending}` after {used}")
            }
            ScriptError::CannotInterrupt { decision } => write!(
                f,
                "decision {decision}: `!` interrupts the peer, but with --no-animation the peer's words appear at once, so nobody can interrupt"
            ),
        }
    }
}

/// Options for scripted play: file order, speech counted, a fixed seed.
pub fn scripted_options(seed: u64, animate: bool) -> SessionOptions {
    SessionOptions { seed, speed: 1.0, animate, shuffle: false }
}

/// A script that did not fit, with the session as far as it got (for the message).
pub type Misfit = Box<(ScriptError, Session)>;

/// Plays `choices` from the start. On success the session is at an ending, or waiting at the
/// decision after the last choice when the script was shorter than the conversation.
pub fn play(
    scenario: Arc<Scenario>,
    table: Arc<RubricTable>,
    options: SessionOptions,
    choices: &[TestChoice],
) -> Result<Session, Misfit> {
    let mut s = Session::new(scenario, table, options, 0).untimed();
    for (i, c) in choices.iter().enumerate() {
        if s.phase() == Phase::Ended {
            let ending = s.node().id.clone();
            return Err(Box::new((ScriptError::TooManyChoices { given: choices.len(), used: i, ending }, s)));
        }
        match s.choose_scripted(c.option - 1, c.interrupt) {
            Ok(at) => s.proceed(at),
            Err(ChooseError::NoSuchOption { available, .. }) => {
                let node = s.node().id.clone();
                return Err(Box::new((
                    ScriptError::NoSuchOption { decision: i + 1, node, given: c.to_string(), available },
                    s,
                )));
            }
            Err(ChooseError::CannotInterrupt) => {
                return Err(Box::new((ScriptError::CannotInterrupt { decision: i + 1 }, s)));
            }
            Err(ChooseError::NotDeciding) => unreachable!("checked for an ending above"),
        }
    }
    Ok(s)
}

/// The moment a script's session is read at: the end of whatever turn is playing.
pub fn end_time(s: &Session) -> u64 {
    s.turn().end
}

/// Reads a script: whitespace-separated option numbers, `!N` to interrupt. `#` starts a comment.
pub fn parse(text: &str) -> Result<Vec<TestChoice>, String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        for token in line.split_whitespace() {
            let n = out.len() + 1;
            match TestChoice::parse(token) {
                Some((option, interrupt)) => out.push(TestChoice { option, interrupt, span: 0..0 }),
                None if token == "!" => {
                    return Err(format!("decision {n}: a lone `!` must be followed by an option number, like !2"));
                }
                None => {
                    return Err(format!(
                        "decision {n}: `{}` is not an option number; write numbers like 2, or !2 to interrupt with option 2",
                        crate::text::terminal_safe(token)
                    ));
                }
            }
        }
    }
    Ok(out)
}
