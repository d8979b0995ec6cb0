//! One conversation as a front end drives it, shared by the TUI and `--plain`: starting a
//! session with the play settings, telling what became visible since the front end last looked
//! (a beat started, options appeared, the peer finished), choosing by the number on screen, and
//! when to wake next. Front ends only render what this says; neither scores nor times anything.

use crate::settings::PlaySettings;
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::{Reply, Scenario};
use hearken_engine::session::{ChooseError, CorrectError, Decision, Phase, Session, SessionOptions, TypedError};
use std::sync::Arc;

/// Something that became visible, in the order it happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum News {
    /// Beat `n` of the turn (`Session::turn().beats[n]`) started.
    Beat(usize),
    /// Options from this display number on (1-based) can now be chosen.
    Options { from: usize },
    /// The peer finished a turn during which options appeared: it is now the trainee's turn, and
    /// every option can be listed from 1 (those that came with the end of the turn included).
    Finished,
}

/// A session with what the front end has already been told about its current turn.
#[derive(Clone, Debug)]
pub struct Conversation {
    pub session: Session,
    /// Type mode: the trainee writes their own answers (docs/typed-answers.md).
    pub typed: bool,
    beats_told: usize,
    options_told: usize,
    finish_told: bool,
}

impl Conversation {
    /// The `n`th session played with `settings` (counting from 0), starting at `now`.
    pub fn start(scenario: Arc<Scenario>, table: Arc<RubricTable>, settings: &PlaySettings, n: u64, now: u64) -> Self {
        let options = SessionOptions {
            seed: settings.seed_for(n),
            speed: settings.speed,
            animate: settings.animate,
            shuffle: true,
            // `--from` is checked against the scenario when the command starts.
            start: settings.from.as_deref().and_then(|node| scenario.find(node)),
        };
        let mut conv = Conversation::from_session(Session::new(scenario, table, options, now));
        conv.typed = settings.typed;
        conv
    }

    pub fn from_session(session: Session) -> Conversation {
        Conversation { session, typed: false, beats_told: 0, options_told: 0, finish_told: false }
    }

    /// What became visible since the last call, in the order it happened: a beat that started,
    /// options that appeared (docs/scenario-format.md: as the peer reaches what they answer), the peer finishing.
    /// Options appearing at the moment a beat starts are told before that beat, since they
    /// answer what came before it.
    pub fn news(&mut self, now: u64) -> Vec<News> {
        let mut news = Vec::new();
        let deciding = self.session.phase() == Phase::Deciding;
        let turn = self.session.turn();
        loop {
            let beat = turn.beats.get(self.beats_told).map(|b| b.start).filter(|&start| start <= now);
            let upto = beat.unwrap_or(now);
            let visible = if deciding { self.session.visible_replies(upto).len() } else { 0 };
            if visible > self.options_told {
                let finished = !self.session.is_speaking(upto);
                if finished && self.options_told > 0 && !self.finish_told {
                    // The last options came with the end of the turn: one "finished" for both.
                    news.push(News::Finished);
                } else {
                    news.push(News::Options { from: self.options_told + 1 });
                }
                self.options_told = visible;
                // Options that appear after the peer finished need no "finished" beside them.
                self.finish_told |= finished;
            } else if beat.is_some() {
                news.push(News::Beat(self.beats_told));
                self.beats_told += 1;
            } else {
                break;
            }
        }
        if self.options_told > 0 && !self.finish_told && !self.session.is_speaking(now) {
            self.finish_told = true;
            news.push(News::Finished);
        }
        news
    }

    /// The options the trainee can choose at `now`, in display order, numbered from 1: the
    /// engine's visible options, so a number never changes once shown. (file index, option)
    pub fn visible(&self, now: u64) -> Vec<(usize, &Reply)> {
        if self.session.phase() != Phase::Deciding {
            return Vec::new();
        }
        self.session.visible_replies(now)
    }

    /// How many options the front end has been told about (by `news`), by display number.
    pub fn options_shown(&self) -> usize {
        self.options_told
    }

    /// Chooses the option shown as `number` (1-based) at `now`, numbered as `visible(now)`;
    /// choosing while the peer is still speaking is an interruption.
    pub fn choose(&mut self, number: usize, now: u64) -> Result<&Decision, ChooseError> {
        let visible = self.visible(now);
        let Some(&(index, _)) = number.checked_sub(1).and_then(|i| visible.get(i)) else {
            return Err(ChooseError::NoSuchOption { given: number, available: visible.len() });
        };
        self.session.choose(index, now)
    }

    /// Submits a typed answer at `now` (docs/typed-answers.md); while the peer is still speaking
    /// that is an interruption. The answer goes on as the closest option until `proceed`.
    pub fn submit(&mut self, text: &str, now: u64) -> Result<&Decision, TypedError> {
        self.session.submit(text, now)
    }

    /// Every option of the decision just answered, numbered as the trainee would have seen them
    /// (display order, from 1): what a typed answer's closest option can be re-picked from.
    pub fn all_options(&self) -> Vec<(usize, &Reply)> {
        self.session.shown_replies_of_last()
    }

    /// Re-picks the closest option to the typed answer just given, by its number in
    /// `all_options`; the score stays as it was.
    pub fn correct(&mut self, number: usize) -> Result<(), CorrectError> {
        let all = self.all_options();
        let Some(&(index, _)) = number.checked_sub(1).and_then(|i| all.get(i)) else {
            return Err(CorrectError::NoSuchOption { given: number, available: all.len() });
        };
        self.session.correct_match(index)
    }

    /// Starts the next turn after a choice.
    pub fn proceed(&mut self, now: u64) {
        self.session.proceed(now);
        self.beats_told = 0;
        self.options_told = 0;
        self.finish_told = false;
    }

    /// When something next becomes visible by itself; `None` while nothing is moving.
    pub fn next_wake(&self, now: u64) -> Option<u64> {
        self.session.next_change(now)
    }
}
