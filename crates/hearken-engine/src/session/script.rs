//! Playing a fixed list of choices (`play --script`, `[[tests]]`), in file order, with no clock.

use super::{ChooseError, Phase, Session, SessionOptions, TypedError};
use crate::rubric::RubricTable;
use crate::scenario::{Scenario, TestChoice};
use std::sync::Arc;

/// Why a script does not fit the conversation. Every variant names the decision (1-based) and
/// what the script gave there; the session it comes with is waiting at that decision, so a front
/// end can list the options that were available.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptError {
    /// A number that names no option at this decision (0, or more than there are).
    NoSuchOption { decision: usize, node: String, given: String, available: usize },
    /// Something that is not an option number at all: a word, a lone `!`, `1.5`.
    NotAChoice { decision: usize, node: String, given: String, available: usize },
    /// The conversation ended with choices left over.
    TooManyChoices { decision: usize, given: String, total: usize, ending: String },
    /// `!N` with animation off.
    CannotInterrupt { decision: usize, node: String, given: String },
    /// `!N` for an option that appears only when the peer has finished.
    CannotCutIn { decision: usize, node: String, given: String, peer: String },
    /// `>` with no words after it.
    EmptyAnswer { decision: usize, node: String },
}

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let safe = |s: &str| crate::text::terminal_safe(s).into_owned();
        match self {
            ScriptError::NoSuchOption { decision, node, given, available } => write!(
                f,
                "decision {decision} (at `{node}`): `{}` is not one of the options there; {}",
                safe(given),
                options_range(*available)
            ),
            ScriptError::NotAChoice { decision, node, given, available } if given == "!" => write!(
                f,
                "decision {decision} (at `{node}`): a `!` on its own names no option; write it joined to a number, like !2, to interrupt with option 2 ({})",
                options_range(*available)
            ),
            ScriptError::NotAChoice { decision, node, given, available } => write!(
                f,
                "decision {decision} (at `{node}`): `{}` is not an option number; write a plain number, or !N to interrupt with option N ({})",
                safe(given),
                options_range(*available)
            ),
            ScriptError::TooManyChoices { decision, given, total, ending } => write!(
                f,
                "decision {decision}: `{}` was given, but the conversation had already reached the ending `{ending}` after {} choices, so there were no options left ({total} choices were given)",
                safe(given),
                decision - 1
            ),
            ScriptError::CannotInterrupt { decision, node, given } => write!(
                f,
                "decision {decision} (at `{node}`): `{}` interrupts the peer, but with --no-animation the peer's words appear at once, so nobody can interrupt; write {} instead",
                safe(given),
                given.trim_start_matches('!')
            ),
            ScriptError::CannotCutIn { decision, node, given, peer } => {
                let n = given.trim_start_matches('!');
                write!(
                    f,
                    "decision {decision} (at `{node}`): `{}` cuts in with option {n}, but option {n} appears only when {} has finished, so it cannot cut in; write {n}, or give option {n} an `after` so it appears earlier",
                    safe(given),
                    safe(peer)
                )
            }
            ScriptError::EmptyAnswer { decision, node } => write!(
                f,
                "decision {decision} (at `{node}`): `>` has no words after it; write the typed answer on the same line, like > that sounds exhausting"
            ),
        }
    }
}

fn options_range(n: usize) -> String {
    match n {
        1 => "it has only option 1".to_string(),
        n => format!("it has options 1 to {n}"),
    }
}

/// Options for scripted play: file order, speech counted, a fixed seed.
pub fn scripted_options(seed: u64, animate: bool) -> SessionOptions {
    SessionOptions { seed, speed: 1.0, animate, shuffle: false, start: None }
}

/// A script that did not fit, with the session as far as it got (for the message).
pub type Misfit = Box<(ScriptError, Session)>;

/// One word of a script as written, and what it asks for when it is a choice at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub given: String,
    /// `(option number, interrupt)`; the number may be 0 or too large: that is found out only
    /// at its decision. `None` when the word is not a choice (`x`, `!`, `1.5`).
    pub choice: Option<(usize, bool)>,
    /// `> words` (the rest of the line) or `!> words` (cutting in): a typed answer.
    pub typed: Option<(String, bool)>,
}

/// Reads a script: whitespace-separated option numbers, `!N` to interrupt, `> words` (the rest
/// of the line) for a typed answer and `!> words` to cut in with one. `#` starts a comment,
/// except inside a typed answer. Nothing is refused here: a bad word is reported at its
/// decision, where its options are known.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut rest = line;
        loop {
            rest = rest.trim_start();
            if rest.is_empty() || rest.starts_with('#') {
                break;
            }
            let typed = match rest.strip_prefix("!>") {
                Some(words) => Some((words, true)),
                None => rest.strip_prefix('>').map(|words| (words, false)),
            };
            if let Some((words, interrupt)) = typed {
                out.push(Token {
                    given: rest.trim_end().to_string(),
                    choice: None,
                    typed: Some((words.trim().to_string(), interrupt)),
                });
                break;
            }
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let (word, comment) = match rest[..end].split_once('#') {
                Some((before, _)) => (before, true),
                None => (&rest[..end], false),
            };
            if !word.is_empty() {
                out.push(word_token(word));
            }
            if comment {
                break;
            }
            rest = &rest[end..];
        }
    }
    out
}

fn word_token(word: &str) -> Token {
    let (interrupt, digits) = match word.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, word),
    };
    let choice = (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        // A number too large to hold names no option either way.
        .then(|| (digits.parse::<usize>().unwrap_or(usize::MAX), interrupt));
    Token { given: word.to_string(), choice, typed: None }
}

/// Plays `choices` from the start. On success the session is at an ending, or waiting at the
/// decision after the last choice when the script was shorter than the conversation.
pub fn play(
    scenario: Arc<Scenario>,
    table: Arc<RubricTable>,
    options: SessionOptions,
    choices: &[TestChoice],
) -> Result<Session, Misfit> {
    let tokens: Vec<Token> = choices
        .iter()
        .map(|c| Token { given: c.to_string(), choice: Some((c.option, c.interrupt)), typed: None })
        .collect();
    play_tokens(scenario, table, options, &tokens)
}

/// Plays a script's text (`play --script`): see `tokens`.
pub fn play_text(
    scenario: Arc<Scenario>,
    table: Arc<RubricTable>,
    options: SessionOptions,
    text: &str,
) -> Result<Session, Misfit> {
    play_tokens(scenario, table, options, &tokens(text))
}

pub fn play_tokens(
    scenario: Arc<Scenario>,
    table: Arc<RubricTable>,
    options: SessionOptions,
    tokens: &[Token],
) -> Result<Session, Misfit> {
    let mut s = Session::new(scenario, table, options, 0).untimed();
    for (i, t) in tokens.iter().enumerate() {
        let decision = i + 1;
        let given = t.given.clone();
        if s.phase() == Phase::Ended {
            let ending = s.node().id.clone();
            return Err(Box::new((ScriptError::TooManyChoices { decision, given, total: tokens.len(), ending }, s)));
        }
        let node = s.node().id.clone();
        let available = s.node().replies().len();
        if let Some((words, interrupt)) = &t.typed {
            match s.submit_scripted(words, *interrupt) {
                Ok(at) => s.proceed(at),
                Err(TypedError::Empty) => return Err(Box::new((ScriptError::EmptyAnswer { decision, node }, s))),
                Err(TypedError::CannotInterrupt) => {
                    return Err(Box::new((ScriptError::CannotInterrupt { decision, node, given }, s)));
                }
                Err(TypedError::NotDeciding) => unreachable!("checked for an ending above"),
            }
            continue;
        }
        let Some((option, interrupt)) = t.choice else {
            return Err(Box::new((ScriptError::NotAChoice { decision, node, given, available }, s)));
        };
        if option == 0 {
            return Err(Box::new((ScriptError::NoSuchOption { decision, node, given, available }, s)));
        }
        match s.choose_scripted(option - 1, interrupt) {
            Ok(at) => s.proceed(at),
            Err(ChooseError::NoSuchOption { .. }) => {
                return Err(Box::new((ScriptError::NoSuchOption { decision, node, given, available }, s)));
            }
            Err(ChooseError::CannotInterrupt) => {
                return Err(Box::new((ScriptError::CannotInterrupt { decision, node, given }, s)));
            }
            Err(ChooseError::CannotCutIn) => {
                let peer = s.scenario().peer.name.clone();
                return Err(Box::new((ScriptError::CannotCutIn { decision, node, given, peer }, s)));
            }
            Err(ChooseError::NotDeciding | ChooseError::NotShownYet) => {
                unreachable!("checked for an ending above; a scripted choice is made when its option is shown")
            }
        }
    }
    Ok(s)
}

/// The moment a script's session is read at: the end of whatever turn is playing.
pub fn end_time(s: &Session) -> u64 {
    s.turn().end
}
