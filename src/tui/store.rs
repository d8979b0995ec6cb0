//! Carries out the history side of the UI: the effects `update` asks for, against
//! `crate::store`. Any failure there becomes one line on screen; practice goes on.

use super::app::{App, Effect};
use crate::store::{History, Progress, Recorder, SessionSummary};
use std::path::{Path, PathBuf};

/// What the history screen shows.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryData {
    /// Per-rubric trends over finished sessions, oldest first.
    pub progress: Progress,
    /// Most recent first.
    pub sessions: Vec<SessionSummary>,
}

/// How many recent sessions the history screen lists.
const RECENT: usize = 50;

pub struct Store {
    /// Where the history is: `None` when none is kept at all (tests, benchmarks); inside, the
    /// data folder, which may be unknown on this platform.
    place: Option<Option<PathBuf>>,
    enabled: bool,
    recorder: Option<Recorder>,
}

impl Store {
    /// `enabled` is false for `--no-history`: nothing is written, and past results are still shown.
    pub fn new(data_dir: Option<&Path>, enabled: bool) -> Store {
        Store { place: Some(data_dir.map(Path::to_path_buf)), enabled, recorder: None }
    }

    /// No history at all, for tests.
    #[cfg(any(test, feature = "testing"))]
    pub fn none() -> Store {
        Store { place: None, enabled: false, recorder: None }
    }

    /// Best and last scores for the home screen.
    pub fn load_scores(&mut self, app: &mut App) {
        let Some(dir) = &self.place else { return };
        match History::open(dir.as_deref()).and_then(|h| h.best_and_last()) {
            Ok(scores) => app.scores = scores,
            Err(e) => app.set_note(e),
        }
    }

    /// Carries out what `update` asked for since the last call.
    pub fn apply(&mut self, app: &mut App, now: u64) {
        for effect in std::mem::take(&mut app.effects) {
            self.carry_out(app, effect, now);
        }
    }

    fn carry_out(&mut self, app: &mut App, effect: Effect, now: u64) {
        let Some(dir) = self.place.clone() else {
            if effect == Effect::LoadHistory {
                app.set_history(Err("history is not kept in this session".into()));
            }
            return;
        };
        match effect {
            Effect::Started { replay } => {
                let Some(play) = &app.play else { return };
                let replay_of = if replay { self.recorder.as_ref().and_then(|r| r.session_id()) } else { None };
                let recorder = Recorder::start(dir.as_deref(), &play.conv.session, self.enabled, replay_of);
                if let Some(p) = recorder.problem() {
                    app.set_note(p.to_string());
                }
                self.recorder = Some(recorder);
            }
            Effect::Decided => {
                if let (Some(r), Some(play)) = (&mut self.recorder, &app.play) {
                    r.decision(&play.conv.session);
                    if let Some(p) = r.problem() {
                        app.set_note(p.to_string());
                    }
                }
            }
            Effect::Ended => {
                if let (Some(r), Some(play)) = (&mut self.recorder, &app.play) {
                    r.finish(&play.conv.session.report(now));
                    if let Some(p) = r.problem() {
                        app.set_note(p.to_string());
                    }
                }
            }
            Effect::LoadHistory => {
                let data = History::open(dir.as_deref())
                    .and_then(|h| Ok(HistoryData { progress: h.progress(None)?, sessions: h.sessions(None, RECENT)? }));
                app.set_history(data);
            }
            Effect::RefreshScores => self.load_scores(app),
        }
    }
}
