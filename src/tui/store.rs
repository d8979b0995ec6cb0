//! Carries out the history side of the UI: the effects `update` asks for, against
//! `crate::store`. Any failure there becomes one line on screen; practice goes on.

use super::app::{App, Effect};
use crate::cli::Context;
use crate::store::{History, Progress, Recorder, SessionSummary};

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

pub struct Store<'c> {
    ctx: Option<&'c Context>,
    enabled: bool,
    recorder: Option<Recorder>,
    /// Learning records being sent in the background (never waited for while the UI runs).
    sending: Option<crate::learning_record::Background>,
}

impl<'c> Store<'c> {
    /// `enabled` is false for `--no-history`: nothing is written, and past results are still shown.
    pub fn new(ctx: &'c Context, enabled: bool) -> Store<'c> {
        Store { ctx: Some(ctx), enabled, recorder: None, sending: None }
    }

    /// No history at all (tests, benchmarks).
    pub fn none() -> Store<'static> {
        Store { ctx: None, enabled: false, recorder: None, sending: None }
    }

    /// Starts sending queued learning records in the background, if an LRS is configured; returns
    /// at once.
    pub fn send_records(&mut self) {
        let Some(ctx) = self.ctx else { return };
        let opts = crate::learning_record::delivery::Options::background();
        if let Some(b) = crate::learning_record::send_in_background(ctx.data_dir.clone(), opts) {
            self.sending = Some(b);
        }
    }

    /// On the way out, after the terminal is restored: gives a send under way at most `limit` to
    /// finish. What it had not sent goes next time.
    pub fn finish_sending(&mut self, limit: std::time::Duration) {
        if let Some(b) = self.sending.take() {
            b.join_for(limit);
        }
    }

    /// Best and last scores for the home screen.
    pub fn load_scores(&mut self, app: &mut App) {
        let Some(ctx) = self.ctx else { return };
        match History::open(ctx).and_then(|h| h.best_and_last()) {
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
        let Some(ctx) = self.ctx else {
            if effect == Effect::LoadHistory {
                app.set_history(Err("history is not kept in this session".into()));
            }
            return;
        };
        match effect {
            Effect::Started { replay } => {
                let Some(play) = &app.play else { return };
                let replay_of = if replay { self.recorder.as_ref().and_then(|r| r.session_id()) } else { None };
                let recorder = Recorder::start(ctx, &play.session, self.enabled, replay_of);
                if let Some(p) = recorder.problem() {
                    app.set_note(p.to_string());
                }
                self.recorder = Some(recorder);
            }
            Effect::Decided => {
                if let (Some(r), Some(play)) = (&mut self.recorder, &app.play) {
                    r.decision(&play.session);
                    if let Some(p) = r.problem() {
                        app.set_note(p.to_string());
                    }
                }
            }
            Effect::Ended => {
                if let (Some(r), Some(play)) = (&mut self.recorder, &app.play) {
                    r.finish(&play.session.report(now));
                    if let Some(p) = r.problem() {
                        app.set_note(p.to_string());
                    }
                }
                // The report is on screen already; the send runs beside it.
                self.send_records();
            }
            Effect::LoadHistory => {
                let data = History::open(ctx)
                    .and_then(|h| Ok(HistoryData { progress: h.progress(None)?, sessions: h.sessions(None, RECENT)? }));
                app.set_history(data);
            }
            Effect::RefreshScores => self.load_scores(app),
        }
    }
}
