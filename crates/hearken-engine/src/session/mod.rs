//! The conversation state machine. A session walks one scenario: the peer's turn plays out over
//! time, the trainee chooses (perhaps too early: an interruption), the choice is scored against
//! the best option, rapport moves, and the conversation goes on until an ending.
//!
//! Pure: every method that depends on time takes `now` in milliseconds, and option order comes
//! from a seeded generator, so the same scenario, seed and choices give the same session.

pub mod report;
pub mod script;
mod shuffle;
pub mod speech;
mod transcript;
mod typed;

pub use report::{Report, TypedReport};
pub use speech::{BeatSource, Progress, Turn};
pub use transcript::{Line, Speaker};
pub use typed::{CorrectError, RECENT_LINES, TypedAnswer, TypedError};

use crate::rubric::{
    Counts, RubricTable,
    score::{DecisionScore, score_decision},
};
use crate::scenario::{Beat, EndingKind, Node, NodeId, Reply, Scenario};
use shuffle::Shuffler;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SessionOptions {
    pub seed: u64,
    /// Speed multiplier on the peer's pace and pauses.
    pub speed: f64,
    /// Reveal speech over time. Without it nobody can interrupt, so speech is not scored.
    pub animate: bool,
    /// Show options in a seeded random order (scripts and tests use file order).
    pub shuffle: bool,
    /// Start at this node instead of the scenario's `start` (`play --from`, for authors).
    pub start: Option<NodeId>,
}

impl Default for SessionOptions {
    fn default() -> Self {
        SessionOptions { seed: 0, speed: 1.0, animate: true, shuffle: true, start: None }
    }
}

/// Where the conversation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// At a decision: the peer's turn is playing or done, and the trainee may choose.
    Deciding,
    /// A choice was made; the next turn starts when the front end calls `proceed`.
    Answered,
    /// At an ending: the last turn plays and the report is ready.
    Ended,
}

/// One decision as it was made.
#[derive(Clone, Debug)]
pub struct Decision {
    pub node: NodeId,
    /// 0-based, file order. For a typed answer, the option it was matched to.
    pub chosen: usize,
    /// The trainee's own words, when they typed the answer (docs/typed-answers.md).
    pub typed: Option<TypedAnswer>,
    pub interrupted: bool,
    /// How far into the turn the trainee cut in, when they did.
    pub cut_after: Option<u64>,
    /// From the end of the peer's turn to the choice, when the clock is real.
    pub response_ms: Option<u64>,
    pub hint_used: bool,
    pub score: DecisionScore,
    pub trust_after: i32,
    /// The order the options were shown in (0-based file indices).
    pub shown: Vec<usize>,
    /// How many of them (the first in `shown`) were on show when the choice was made: fewer
    /// than all when the trainee cut in before the rest appeared.
    pub visible: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub enum ChooseError {
    NotDeciding,
    NoSuchOption {
        given: usize,
        available: usize,
    },
    CannotInterrupt,
    /// The option exists but has not appeared yet: the peer has not reached what it answers.
    NotShownYet,
    /// A scripted cut-in (`!N`) with an option that appears only when the peer has finished
    /// (no `after`, or `after` the last thing the peer says).
    CannotCutIn,
}

impl std::fmt::Display for ChooseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChooseError::NotDeciding => write!(f, "the conversation is not waiting for a choice"),
            ChooseError::NoSuchOption { given, available } => {
                write!(f, "there is no option {given}: this decision has options 1 to {available}")
            }
            ChooseError::CannotInterrupt => {
                write!(f, "with animation off the peer's turn is shown at once, so nobody can interrupt")
            }
            ChooseError::NotShownYet => write!(f, "that option has not appeared yet"),
            ChooseError::CannotCutIn => {
                write!(f, "that option appears only when the peer has finished, so it cannot cut in")
            }
        }
    }
}

#[derive(Clone, Debug)]
pub struct Session {
    scenario: Arc<Scenario>,
    table: Arc<RubricTable>,
    options: SessionOptions,
    rng: Shuffler,
    node: NodeId,
    phase: Phase,
    turn: Turn,
    /// The options in display order, each with the moment it appears: (appears at, file index).
    /// Sorted by that moment, so a number shown never changes as more options appear.
    shown: Vec<(u64, usize)>,
    trust: i32,
    hint_used: bool,
    /// Whether response times mean anything (false for scripts, which have no real clock).
    timed: bool,
    decisions: Vec<Decision>,
    transcript: Vec<Line>,
    pending: Option<(NodeId, Vec<(Beat, BeatSource)>)>,
    /// The typed answer being committed (set by `submit`, taken by `commit`).
    typing: Option<TypedAnswer>,
}

impl Session {
    pub fn new(scenario: Arc<Scenario>, table: Arc<RubricTable>, options: SessionOptions, now: u64) -> Session {
        let start = options.start.unwrap_or(scenario.start);
        let trust = scenario.peer.trust;
        let mut s = Session {
            rng: Shuffler::new(options.seed),
            node: start,
            phase: Phase::Deciding,
            turn: Turn::new(Vec::new(), now, 1.0, 1.0, false),
            shown: Vec::new(),
            trust,
            hint_used: false,
            timed: true,
            decisions: Vec::new(),
            transcript: Vec::new(),
            pending: None,
            typing: None,
            scenario,
            table,
            options,
        };
        s.enter(start, Vec::new(), now);
        s
    }

    /// A session whose response times are not real (scripted play).
    pub fn untimed(mut self) -> Session {
        self.timed = false;
        self
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    pub fn table(&self) -> &Arc<RubricTable> {
        &self.table
    }

    pub fn options(&self) -> &SessionOptions {
        &self.options
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    pub fn node(&self) -> &Node {
        self.scenario.node(self.node)
    }

    pub fn trust(&self) -> i32 {
        self.trust
    }

    pub fn turn(&self) -> &Turn {
        &self.turn
    }

    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    /// What has been said so far, not counting the turn under way.
    pub fn transcript(&self) -> &[Line] {
        &self.transcript
    }

    pub fn is_speaking(&self, now: u64) -> bool {
        self.turn.is_speaking(now)
    }

    /// When the screen next needs redrawing for speech, if anything is still being said.
    pub fn next_change(&self, now: u64) -> Option<u64> {
        self.turn.next_change(now)
    }

    /// Every option of this decision in display order, shown yet or not: (file index, option).
    pub fn shown_replies(&self) -> Vec<(usize, &Reply)> {
        let replies = self.node().replies();
        self.shown.iter().map(|&(_, i)| (i, &replies[i])).collect()
    }

    /// The options visible at `now`, in display order: what a front end lists, numbered from 1.
    /// Options appear as the peer reaches what they answer (docs/scenario-format.md); a number never changes once
    /// shown, because options are ordered by the moment they appear.
    pub fn visible_replies(&self, now: u64) -> Vec<(usize, &Reply)> {
        let replies = self.node().replies();
        self.shown.iter().take_while(|(at, _)| *at <= now).map(|&(_, i)| (i, &replies[i])).collect()
    }

    /// When option `index` (file order) appears in this turn, if this is a decision.
    pub fn appears_at(&self, index: usize) -> Option<u64> {
        self.shown.iter().find(|(_, i)| *i == index).map(|(at, _)| *at)
    }

    pub fn hint(&self) -> Option<&str> {
        self.node().hint.as_deref()
    }

    pub fn hint_used(&self) -> bool {
        self.hint_used
    }

    /// Reveals the hint for this decision; counted once per decision.
    pub fn use_hint(&mut self) -> Option<&str> {
        if self.phase == Phase::Deciding && self.node().hint.is_some() {
            self.hint_used = true;
        }
        self.hint()
    }

    pub fn is_over(&self) -> bool {
        self.phase == Phase::Ended
    }

    pub fn ending(&self) -> Option<(EndingKind, &str)> {
        if self.is_over() { self.node().ending() } else { None }
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for d in &self.decisions {
            // A typed answer counts what was heard (docs/scoring.md).
            let heard = d.typed.as_ref().map(|t| &t.heard.skills);
            c.add_skills(&self.table, heard.unwrap_or(&self.scenario.node(d.node).replies()[d.chosen].skills));
            c.interruptions += d.interrupted as u32;
            c.hints += d.hint_used as u32;
        }
        c
    }

    /// Chooses option `index` (0-based, file order) at `now`. Choosing while the peer is still
    /// speaking is an interruption: the rest of the turn is cut.
    pub fn choose(&mut self, index: usize, now: u64) -> Result<&Decision, ChooseError> {
        self.check_choice(index)?;
        if self.appears_at(index).is_some_and(|at| at > now) {
            return Err(ChooseError::NotShownYet);
        }
        let interrupted = self.turn.is_speaking(now);
        let cut_after = interrupted.then(|| now.saturating_sub(self.turn.start));
        let response_ms = (self.timed && !interrupted).then(|| now.saturating_sub(self.turn.end));
        self.commit(index, cut_after, response_ms, self.hint_used, now);
        Ok(self.decisions.last().expect("just committed"))
    }

    /// Chooses as a script does: at the end of the turn, or with `interrupt` (`!N`) the moment
    /// the option appears, right after line `after` (docs/scoring.md). Returns the time of the choice.
    pub fn choose_scripted(&mut self, index: usize, interrupt: bool) -> Result<u64, ChooseError> {
        self.check_choice(index)?;
        if interrupt && !self.options.animate {
            return Err(ChooseError::CannotInterrupt);
        }
        let at = if interrupt {
            let at = self.appears_at(index).unwrap_or(self.turn.end);
            if self.node().replies()[index].after.is_none() || at >= self.turn.end {
                return Err(ChooseError::CannotCutIn);
            }
            at
        } else {
            self.turn.end
        };
        self.choose(index, at)?;
        Ok(at)
    }

    fn check_choice(&self, index: usize) -> Result<(), ChooseError> {
        if self.phase != Phase::Deciding {
            return Err(ChooseError::NotDeciding);
        }
        let available = self.node().replies().len();
        if index >= available {
            return Err(ChooseError::NoSuchOption { given: index.saturating_add(1), available });
        }
        Ok(())
    }

    fn commit(&mut self, index: usize, cut_after: Option<u64>, response_ms: Option<u64>, hint_used: bool, now: u64) {
        let scenario = self.scenario.clone();
        let node = scenario.node(self.node);
        let replies = node.replies();
        let skills: Vec<&[crate::rubric::Skill]> = replies.iter().map(|r| r.skills.as_slice()).collect();
        let interrupted = cut_after.is_some();
        let typed = self.typing.take();
        let score = match &typed {
            Some(t) => {
                crate::typed::score(&self.table, &skills, index, &t.heard.skills, interrupted, self.options.animate)
            }
            None => score_decision(&self.table, &skills, index, interrupted, self.options.animate),
        };
        let reply = &replies[index];
        // Rapport moves by what was said: the heard skills of a typed answer.
        let said = typed.as_ref().map_or(&reply.skills, |t| &t.heard.skills);
        self.trust = crate::rapport::moved(self.trust, self.table.trust(said));
        let chosen_at = cut_after.map_or(self.turn.end, |c| self.turn.start + c);
        let visible = self.shown.iter().filter(|(at, _)| *at <= chosen_at).count();
        transcript::commit_turn(&mut self.transcript, &self.turn, cut_after.map(|c| self.turn.start + c));
        self.transcript.push(Line::trainee(typed.as_ref().map_or(&reply.text, |t| &t.text), self.decisions.len()));
        self.decisions.push(Decision {
            node: self.node,
            chosen: index,
            typed,
            interrupted,
            cut_after,
            response_ms,
            hint_used,
            score,
            trust_after: self.trust,
            shown: std::mem::take(&mut self.shown).into_iter().map(|(_, i)| i).collect(),
            visible,
        });
        let mut next_beats: Vec<(Beat, BeatSource)> = Vec::new();
        if interrupted {
            next_beats.extend(node.interrupted.iter().cloned().map(|b| (b, BeatSource::Interrupted)));
        }
        next_beats.extend(reply.reaction.iter().cloned().map(|b| (b, BeatSource::Reaction)));
        self.pending = Some((reply.next.resolve(self.trust), next_beats));
        self.phase = Phase::Answered;
        self.turn = Turn::new(Vec::new(), now, 1.0, 1.0, false);
    }

    /// Starts the next turn (after the feedback, in the TUI).
    pub fn proceed(&mut self, now: u64) {
        if let Some((next, beats)) = self.pending.take() {
            self.enter(next, beats, now);
        }
    }

    fn enter(&mut self, id: NodeId, mut beats: Vec<(Beat, BeatSource)>, now: u64) {
        self.node = id;
        self.hint_used = false;
        let node = self.scenario.node(id);
        beats.extend(node.says.iter().cloned().map(|b| (b, BeatSource::Says)));
        let cps = self.scenario.peer.pace as f64 * self.options.speed;
        self.turn = Turn::new(beats, now, cps, self.options.speed, self.options.animate);
        if node.is_ending() {
            self.phase = Phase::Ended;
            self.shown.clear();
        } else {
            self.phase = Phase::Deciding;
            self.shown = display_order(node, &self.turn, self.options.shuffle.then_some(&mut self.rng));
        }
    }

    /// A new session that replays this one's first `k` decisions as they were made, then waits
    /// at decision `k` with the peer's turn starting at `now`.
    pub fn replay_to(&self, k: usize, now: u64) -> Session {
        let mut s = Session::new(self.scenario.clone(), self.table.clone(), self.options, now);
        s.timed = self.timed;
        for d in self.decisions.iter().take(k) {
            s.typing = d.typed.clone();
            s.commit(d.chosen, d.cut_after, d.response_ms, d.hint_used, now);
            s.proceed(now);
        }
        s
    }

    /// The report: scores, counts and the annotated transcript.
    pub fn report(&self, now: u64) -> Report {
        Report::build(self, now)
    }
}

/// The order a decision's options are shown in, each with the moment it appears: options are
/// shuffled (seeded) when `rng` is given, then ordered by when they appear, so options that
/// appear together keep the shuffled order among themselves and the same seed gives the same
/// order. An option with `after = N` appears when line N of the node's `says` has been spoken;
/// the others when the turn ends (at once, with animation off). The one place option order is
/// decided.
pub fn display_order(node: &Node, turn: &Turn, rng: Option<&mut Shuffler>) -> Vec<(u64, usize)> {
    let replies = node.replies();
    let mut order: Vec<usize> = (0..replies.len()).collect();
    if let Some(rng) = rng {
        rng.shuffle(&mut order);
    }
    // The end of line N of `says` (the turn also holds reaction and interrupted beats before
    // them); most options have no `after`, and then nothing is looked up.
    let line_end = |n: usize| {
        turn.beats
            .iter()
            .filter(|b| b.source == BeatSource::Says && matches!(b.beat, Beat::Line(_)))
            .nth(n.checked_sub(1)?)
            .map(|b| b.end)
    };
    let mut shown: Vec<(u64, usize)> =
        order.into_iter().map(|i| (replies[i].after.and_then(line_end).unwrap_or(turn.end).min(turn.end), i)).collect();
    // Stable: options that appear together keep their (shuffled) order.
    shown.sort_by_key(|(at, _)| *at);
    shown
}
