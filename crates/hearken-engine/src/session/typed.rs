//! Typed answers in a session (docs/typed-answers.md): the trainee writes their own words at a
//! decision, at any moment. What the peer had said by then is the context the answer is heard
//! against; the answer goes on as the closest option, and is scored from what was heard.

use super::transcript::{Line, Speaker, commit_turn};
use super::{Decision, Phase, Session};
use crate::scenario::Beat;
use crate::session::speech::BeatSource;
use crate::typed::{self, AnswerError, Heard};

/// How many of the peer's lines before this turn the answer is also heard against.
pub const RECENT_LINES: usize = 6;

/// A typed answer, as it was heard and matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedAnswer {
    /// The words, cleaned (docs/typed-answers.md, "Submitting").
    pub text: String,
    /// How long the answer was when it was cut to `MAX_ANSWER_CHARS`.
    pub cut_from: Option<usize>,
    pub heard: Heard,
    /// The option Hearken matched (0-based, file order), before any correction.
    pub suggested: usize,
    /// Nothing was close: the match is the option whose skills match best.
    pub loose: bool,
    /// The trainee picked a different option as closest.
    pub corrected: bool,
}

/// Why a typed answer was not taken. Nothing is recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypedError {
    NotDeciding,
    Empty,
    /// `!> words` with animation off.
    CannotInterrupt,
}

impl std::fmt::Display for TypedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TypedError::NotDeciding => write!(f, "the conversation is not waiting for an answer"),
            TypedError::Empty => write!(f, "{}", AnswerError::Empty),
            TypedError::CannotInterrupt => {
                write!(f, "with animation off the peer's turn is shown at once, so nobody can interrupt")
            }
        }
    }
}

/// Why a correction of the closest option was not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CorrectError {
    /// Only straight after a typed answer, before the conversation goes on.
    NothingToCorrect,
    NoSuchOption {
        given: usize,
        available: usize,
    },
}

impl std::fmt::Display for CorrectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CorrectError::NothingToCorrect => write!(f, "there is no typed answer waiting to be matched"),
            CorrectError::NoSuchOption { given, available } => {
                write!(f, "there is no option {given}: this decision has options 1 to {available}")
            }
        }
    }
}

impl Session {
    /// What the peer had said by `now`, oldest first: their last lines before this turn, then
    /// this turn as far as it had got (a line cut mid-way counts as far as it got).
    pub fn heard_context(&self, now: u64) -> Vec<String> {
        let mut this_turn = Vec::new();
        commit_turn(&mut this_turn, &self.turn, self.turn.is_speaking(now).then_some(now));
        let peer = |l: &&Line| l.speaker == Speaker::Peer && !l.text.is_empty();
        let before: Vec<&Line> = self.transcript.iter().filter(peer).collect();
        let skip = before.len().saturating_sub(RECENT_LINES);
        let now_said = this_turn.iter().filter(|l| l.speaker == Speaker::Peer && !l.text.is_empty());
        before[skip..].iter().copied().chain(now_said).map(|l| l.text.clone()).collect()
    }

    /// The options on show at `now` (file indices, in display order): an option with
    /// `after = N` appears once line N of the node's `says` was spoken, the others when the peer
    /// has finished (`display_order`).
    pub fn options_shown_at(&self, now: u64) -> Vec<usize> {
        self.shown.iter().filter(|(at, _)| *at <= now).map(|&(_, i)| i).collect()
    }

    /// Submits a typed answer at `now`. Submitting while the peer still has more to say is an
    /// interruption. The answer is heard against what the peer had said by then, matched to the
    /// closest option shown by then (any option, if none was), and scored from what was heard.
    pub fn submit(&mut self, raw: &str, now: u64) -> Result<&Decision, TypedError> {
        if self.phase != Phase::Deciding {
            return Err(TypedError::NotDeciding);
        }
        let cleaned = typed::clean(raw).map_err(|_| TypedError::Empty)?;
        let context = self.heard_context(now);
        let lines: Vec<&str> = context.iter().map(String::as_str).collect();
        let mut heard = typed::hear(&cleaned.text, &lines);
        let m = typed::closest(&cleaned.text, &heard, self.node().replies(), &self.options_shown_at(now));
        typed::own_words_of_an_option(&mut heard, &self.node().replies()[m.option], m.wording);
        self.typing = Some(TypedAnswer {
            text: cleaned.text,
            cut_from: cleaned.cut_from,
            heard,
            suggested: m.option,
            loose: m.loose,
            corrected: false,
        });
        let interrupted = self.turn.is_speaking(now);
        let cut_after = interrupted.then(|| now.saturating_sub(self.turn.start));
        let response_ms = (self.timed && !interrupted).then(|| now.saturating_sub(self.turn.end));
        self.commit(m.option, cut_after, response_ms, self.hint_used, now);
        Ok(self.decisions.last().expect("just committed"))
    }

    /// Submits as a script does (`> words`, `!> words`): at the end of the turn, or with
    /// `interrupt` after the turn's first line. Returns the time the answer was given at.
    pub fn submit_scripted(&mut self, raw: &str, interrupt: bool) -> Result<u64, TypedError> {
        if self.phase != Phase::Deciding {
            return Err(TypedError::NotDeciding);
        }
        if interrupt && !self.options.animate {
            return Err(TypedError::CannotInterrupt);
        }
        let at = if interrupt { self.turn.interruption_point() } else { self.turn.end };
        self.submit(raw, at)?;
        Ok(at)
    }

    /// Picks a different option as closest to the typed answer just given (file order, 0-based),
    /// before the conversation goes on. The conversation follows it; the score does not change.
    pub fn correct_match(&mut self, option: usize) -> Result<(), CorrectError> {
        let available = self.node().replies().len();
        let ok = self.phase == Phase::Answered && self.decisions.last().is_some_and(|d| d.typed.is_some());
        if !ok {
            return Err(CorrectError::NothingToCorrect);
        }
        if option >= available {
            return Err(CorrectError::NoSuchOption { given: option.saturating_add(1), available });
        }
        let scenario = self.scenario.clone();
        let node = scenario.node(self.node);
        let reply = &node.replies()[option];
        let d = self.decisions.last_mut().expect("checked above");
        d.chosen = option;
        d.score.chosen = option;
        let t = d.typed.as_mut().expect("checked above");
        t.corrected = option != t.suggested;
        let mut beats: Vec<(Beat, BeatSource)> = Vec::new();
        if d.interrupted {
            beats.extend(node.interrupted.iter().cloned().map(|b| (b, BeatSource::Interrupted)));
        }
        beats.extend(reply.reaction.iter().cloned().map(|b| (b, BeatSource::Reaction)));
        self.pending = Some((reply.next.resolve(self.trust), beats));
        Ok(())
    }

    /// Every option of the decision just answered, in the order they were shown: (file index,
    /// option). Empty unless a decision was just made and the conversation has not gone on.
    pub fn shown_replies_of_last(&self) -> Vec<(usize, &crate::scenario::Reply)> {
        match (self.phase, self.decisions.last()) {
            (Phase::Answered, Some(d)) => {
                let replies = self.node().replies();
                d.shown.iter().map(|&i| (i, &replies[i])).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The typed answer of the decision just made, while it can still be corrected.
    pub fn last_typed(&self) -> Option<&TypedAnswer> {
        if self.phase == Phase::Deciding { None } else { self.decisions.last().and_then(|d| d.typed.as_ref()) }
    }
}
