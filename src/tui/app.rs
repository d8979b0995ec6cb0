//! Everything the UI shows, in one value: which screen, the scenario list, the session under
//! way, the report. `update` changes it; `view` reads it.

use super::store::HistoryData;
use super::theme::Theme;
use crate::conversation::Conversation;
use crate::settings::PlaySettings;
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::Scenario;
use hearken_engine::scenario::library::Library;
use hearken_engine::session::report::{DecisionReport, Report};
use hearken_engine::session::{Progress, Session};
use std::collections::HashMap;
use std::sync::Arc;

/// Smallest terminal the screens are laid out for; below it the UI says so.
pub const MIN_WIDTH: u16 = 70;
pub const MIN_HEIGHT: u16 = 20;

/// How long each dot of a pause under way lasts.
pub const PAUSE_DOT_MS: u64 = 400;

/// One row of the home screen: a scenario, or a file that could not be loaded.
#[derive(Clone, Debug)]
pub enum HomeEntry {
    Scenario(Arc<Scenario>),
    Invalid { file: String, problem: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportPage {
    Scores,
    Review,
}

#[derive(Clone, Debug)]
pub enum Screen {
    Home,
    Briefing {
        scenario: Arc<Scenario>,
        scroll: u16,
    },
    Conversation,
    /// Straight after a typed answer: what was heard, and the closest option, which the trainee
    /// may re-pick before going on (docs/typed-answers.md).
    Heard {
        decision: Box<DecisionReport>,
        trust_before: i32,
        /// The option under the cursor (display order): the closest, until the trainee moves.
        selected: usize,
    },
    /// Straight after a choice (`--feedback immediate`).
    Feedback {
        decision: Box<DecisionReport>,
        trust_before: i32,
        scroll: u16,
    },
    Report {
        report: Box<Report>,
        page: ReportPage,
        /// The decision under the cursor in the review (`decisions.len()` = the ending).
        selected: usize,
        scroll: u16,
    },
    History {
        back: Box<Screen>,
        scroll: u16,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// `q` mid-scenario.
    ConfirmQuit,
    /// `Esc` mid-scenario: back to the scenario list.
    ConfirmLeave,
}

/// Asked of the loop, which talks to the history store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// A session began (`replay`: from a decision of the previous one).
    Started {
        replay: bool,
    },
    /// A choice was made.
    Decided,
    /// The session reached its ending, or was left before it.
    Ended,
    LoadHistory,
    RefreshScores,
}

/// A session being played, with what the conversation screen remembers about it.
#[derive(Clone, Debug)]
pub struct Play {
    /// The conversation, driven as `--plain` drives it.
    pub conv: Conversation,
    /// The option under the cursor (display order).
    pub selected: usize,
    /// Rows the transcript is scrolled back from its end.
    pub scroll: u16,
    /// A short message under the options ("there is no hint here").
    pub notice: Option<String>,
    /// Whether the last frame showed the peer speaking, so the frame after they stop is drawn.
    pub was_speaking: bool,
    /// The session's end was reported to the history.
    pub ended: bool,
    /// Type mode: the answer being written.
    pub input: String,
    /// Type mode: keys go to the answer (true), or work as commands after Esc (false).
    pub writing: bool,
}

impl Play {
    pub fn new(session: Session) -> Play {
        Play {
            conv: Conversation::from_session(session),
            selected: 0,
            scroll: 0,
            notice: None,
            was_speaking: true,
            ended: false,
            input: String::new(),
            writing: true,
        }
    }

    /// Type mode, at a decision, with keys going to the answer: letters, digits and `?`, `h`,
    /// `q` are text, not commands (README.md).
    pub fn writing_now(&self) -> bool {
        self.conv.typed && self.writing && self.conv.session.phase() == hearken_engine::session::Phase::Deciding
    }
}

pub struct App {
    pub settings: PlaySettings,
    pub theme: Theme,
    pub table: Arc<RubricTable>,
    pub home: Vec<HomeEntry>,
    pub home_selected: usize,
    /// Best and last overall score per scenario id.
    pub scores: HashMap<String, (Option<u8>, Option<u8>)>,
    /// One line about a problem with the history, shown at the foot of the screen.
    pub note: Option<String>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub play: Option<Play>,
    /// The history screen's data, or the one line saying why it cannot be read.
    pub history: Option<Result<HistoryData, String>>,
    pub sessions_started: u64,
    pub size: (u16, u16),
    pub effects: Vec<Effect>,
    /// When the conversation's clock was stopped (wall time), while it stands still.
    pub paused_since: Option<u64>,
    /// How long the conversation's clock has stood still in all.
    pub paused_ms: u64,
}

/// The first error in a file, in one line: where, the code, what, and the fix if there is one.
fn first_problem(e: &hearken_engine::scenario::library::Entry) -> String {
    let Some(d) = e.first_error() else { return "this file could not be loaded".into() };
    let place = match (&d.span, &e.report.source) {
        (Some(span), Some(src)) => format!("line {}: ", src.location(span.start).line),
        _ => String::new(),
    };
    let help = d.help.as_ref().map(|h| format!(" ({h})")).unwrap_or_default();
    format!("{place}{} {}{help}", d.code.as_str(), d.message)
}

impl App {
    pub fn new(library: Library, table: Arc<RubricTable>, settings: PlaySettings) -> App {
        let home = library
            .entries
            .iter()
            .map(|e| match &e.scenario {
                Some(s) => HomeEntry::Scenario(s.clone()),
                None => HomeEntry::Invalid { file: e.report.name.clone(), problem: first_problem(e) },
            })
            .collect();
        App {
            theme: Theme::new(settings.color),
            settings,
            table,
            home,
            home_selected: 0,
            scores: HashMap::new(),
            note: None,
            screen: Screen::Home,
            overlay: None,
            play: None,
            history: None,
            sessions_started: 0,
            size: (80, 24),
            effects: Vec::new(),
            paused_since: None,
            paused_ms: 0,
        }
    }

    pub fn open_briefing(&mut self, scenario: Arc<Scenario>) {
        if let Some(i) = self.home.iter().position(|e| matches!(e, HomeEntry::Scenario(s) if Arc::ptr_eq(s, &scenario)))
        {
            self.home_selected = i;
        }
        self.screen = Screen::Briefing { scenario, scroll: 0 };
    }

    /// Starts a fresh session of `scenario` at `now`.
    pub fn start_session(&mut self, scenario: Arc<Scenario>, now: u64) {
        let conv = Conversation::start(scenario, self.table.clone(), &self.settings, self.sessions_started, now);
        self.sessions_started += 1;
        let mut play = Play::new(conv.session);
        play.conv.typed = self.settings.typed;
        self.play = Some(play);
        self.screen = Screen::Conversation;
        self.effects.push(Effect::Started { replay: false });
    }

    /// A session is under way and not over: leaving it needs a confirmation.
    pub fn mid_scenario(&self) -> bool {
        matches!(self.screen, Screen::Conversation | Screen::Heard { .. } | Screen::Feedback { .. })
            && self.play.as_ref().is_some_and(|p| !p.conv.session.is_over())
    }

    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    /// When the screen next changes by itself, if anything is animating (else the loop sleeps
    /// until input arrives).
    /// The conversation's clock: wall time less the time it stood still. The peer does not talk
    /// on behind the help, a confirmation, or a window too small to read, so nothing is missed
    /// and no answer given after it counts as cutting in.
    pub fn play_time(&self, wall: u64) -> u64 {
        wall.min(self.paused_since.unwrap_or(wall)).saturating_sub(self.paused_ms)
    }

    /// Stops or restarts the conversation's clock to match what is on screen.
    pub fn sync_pause(&mut self, wall: u64) {
        let hold = matches!(self.screen, Screen::Conversation) && (self.overlay.is_some() || self.too_small());
        match (hold, self.paused_since) {
            (true, None) => self.paused_since = Some(wall),
            (false, Some(since)) => {
                self.paused_ms += wall.saturating_sub(since);
                self.paused_since = None;
            }
            _ => {}
        }
    }

    /// When the screen next needs drawing, in wall time; `None` while nothing moves.
    pub fn next_wake(&self, wall: u64) -> Option<u64> {
        if self.paused_since.is_some() {
            return None;
        }
        let now = self.play_time(wall);
        self.next_wake_in_play_time(now).map(|at| at + (wall - now))
    }

    fn next_wake_in_play_time(&self, now: u64) -> Option<u64> {
        if !matches!(self.screen, Screen::Conversation) {
            return None;
        }
        let play = self.play.as_ref()?;
        let speech = play.conv.next_wake(now);
        let turn = play.conv.session.turn();
        // While a pause is on screen its dots move.
        let dots = (0..turn.beats.len()).find(|&i| turn.progress(i, now) == Progress::Pausing).map(|i| {
            let start = turn.beats[i].start;
            now + PAUSE_DOT_MS - (now - start) % PAUSE_DOT_MS
        });
        match (speech, dots) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    pub fn set_note(&mut self, note: String) {
        self.note = Some(note);
    }

    pub fn set_history(&mut self, data: Result<HistoryData, String>) {
        self.history = Some(data);
    }

    pub fn selected_entry(&self) -> Option<&HomeEntry> {
        self.home.get(self.home_selected)
    }
}
