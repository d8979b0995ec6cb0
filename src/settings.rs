//! What the command line decided, in plain values the front ends and the store receive: where
//! scenarios and the history live, whether to use colour, and how a session is played. The CLI
//! builds these from its arguments; nothing here parses arguments or reads files.

use std::path::PathBuf;

/// Where things are, for every command.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// `--scenarios DIR` folders, in the order given.
    pub scenario_dirs: Vec<PathBuf>,
    /// `--data-dir`, else `HEARKEN_DATA_DIR`, else the platform's data folder (none if unknown).
    pub data_dir: Option<PathBuf>,
    pub color: bool,
}

impl Settings {
    /// `--scenarios` folders, then `<data dir>/scenarios` when it exists.
    pub fn user_scenario_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = self.scenario_dirs.clone();
        if let Some(d) = &self.data_dir {
            let s = d.join("scenarios");
            if s.is_dir() {
                dirs.push(s);
            }
        }
        dirs
    }
}

/// When feedback is shown: after each choice, or all of it in the report.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum FeedbackMode {
    /// After every choice
    #[default]
    Immediate,
    /// All together in the report
    End,
}

/// How sessions are played (`hearken play` options), for the TUI and `--plain` alike.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaySettings {
    pub feedback: FeedbackMode,
    /// `--pace`: a multiplier on the peer's own speed.
    pub speed: f64,
    pub animate: bool,
    /// `--seed`: every session uses it. Without it each new session takes the next seed after
    /// `base_seed`, and the report shows it so the session can be repeated.
    pub seed: Option<u64>,
    pub base_seed: u64,
    pub color: bool,
    /// Sessions are recorded (not `--no-history`, not `--from`).
    pub history: bool,
    /// `--from NODE`: start at this node of the scenario instead of its `start` (for authors).
    pub from: Option<String>,
    /// `--type`: the trainee writes their own answers (docs/typed-answers.md).
    pub typed: bool,
}

impl PlaySettings {
    /// The seed of the `n`th session started with these settings (counting from 0).
    pub fn seed_for(&self, n: u64) -> u64 {
        self.seed.unwrap_or(self.base_seed.wrapping_add(n))
    }
}

impl Default for PlaySettings {
    fn default() -> Self {
        PlaySettings {
            feedback: FeedbackMode::Immediate,
            speed: 1.0,
            animate: true,
            seed: Some(0),
            base_seed: 0,
            color: false,
            history: true,
            from: None,
            typed: false,
        }
    }
}

/// A seed from the clock when none was given; reports show it, so `--seed` repeats a session.
pub fn seed_from_clock() -> u64 {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    (nanos % 1_000_000) as u64
}
