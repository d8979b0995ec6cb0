//! Progress over time: has each skill moved? Scores vary from one scenario to the next, so a
//! single session says little; the average of the first few finished sessions is set against the
//! average of the latest few, and only a clear difference is called a change.

use hearken_engine::rubric::{Rubric, Scores};

/// Sessions averaged at each end of the series (fewer when there are fewer than twice this).
pub const WINDOW: usize = 3;

/// Points of difference, on the 0–100 scale, before a change is called a change.
pub const CLEAR_CHANGE: i32 = 5;

/// One finished session, as a point on the charts.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendPoint {
    pub id: i64,
    pub scenario: String,
    /// Unix seconds.
    pub started_at: i64,
    pub scores: Scores,
}

/// Per-rubric progress over finished sessions.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// Finished sessions in the order they were played.
    pub sessions: Vec<TrendPoint>,
    /// In `Rubric::ALL` order.
    pub rubrics: [Trend; hearken_engine::rubric::RUBRICS],
    pub overall: Trend,
}

impl Progress {
    pub fn from_sessions(sessions: Vec<TrendPoint>) -> Progress {
        let series = |f: &dyn Fn(&Scores) -> Option<u8>| -> Trend {
            Trend::of(&sessions.iter().filter_map(|p| f(&p.scores)).collect::<Vec<_>>())
        };
        let rubrics = Rubric::ALL.map(|r| series(&|s: &Scores| s.get(r)));
        let overall = series(&|s: &Scores| s.overall);
        Progress { sessions, rubrics, overall }
    }

    pub fn rubric(&self, r: Rubric) -> &Trend {
        &self.rubrics[r.index()]
    }

    /// A rubric's chart: (unix seconds, score) for each session that assessed it, oldest first.
    pub fn series(&self, r: Rubric) -> Vec<(i64, u8)> {
        self.sessions.iter().filter_map(|p| p.scores.get(r).map(|s| (p.started_at, s))).collect()
    }

    pub fn overall_series(&self) -> Vec<(i64, u8)> {
        self.sessions.iter().filter_map(|p| p.scores.overall.map(|s| (p.started_at, s))).collect()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Fewer than two sessions assessed it.
    TooFew,
    Improved,
    NoClearChange,
    Dropped,
}

impl Change {
    /// For JSON and CSV.
    pub fn key(self) -> &'static str {
        match self {
            Change::TooFew => "too_few",
            Change::Improved => "improved",
            Change::NoClearChange => "no_clear_change",
            Change::Dropped => "dropped",
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            Change::TooFew => "not enough sessions yet",
            Change::Improved => "improved",
            Change::NoClearChange => "no clear change",
            Change::Dropped => "dropped",
        }
    }

    /// A symbol that carries the meaning without colour.
    pub fn arrow(self) -> &'static str {
        match self {
            Change::TooFew => " ",
            Change::Improved => "↑",
            Change::NoClearChange => "→",
            Change::Dropped => "↓",
        }
    }
}

/// The trend of one series of scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trend {
    /// Sessions that assessed it.
    pub assessed: usize,
    /// Sessions averaged at each end.
    pub window: usize,
    /// Average of the first `window` scores (with two or more).
    pub first: Option<u8>,
    /// Average of the last `window` scores (the only score, with one).
    pub recent: Option<u8>,
    /// `recent - first`.
    pub delta: Option<i32>,
    pub change: Change,
}

impl Trend {
    /// `scores` oldest first.
    pub fn of(scores: &[u8]) -> Trend {
        let n = scores.len();
        if n < 2 {
            let recent = scores.first().copied();
            return Trend { assessed: n, window: n, first: None, recent, delta: None, change: Change::TooFew };
        }
        let window = (n / 2).clamp(1, WINDOW);
        let first = mean(&scores[..window]);
        let recent = mean(&scores[n - window..]);
        let delta = recent as i32 - first as i32;
        let change = if delta >= CLEAR_CHANGE {
            Change::Improved
        } else if delta <= -CLEAR_CHANGE {
            Change::Dropped
        } else {
            Change::NoClearChange
        };
        Trend { assessed: n, window, first: Some(first), recent: Some(recent), delta: Some(delta), change }
    }
}

/// Rounded half up, like every score.
fn mean(xs: &[u8]) -> u8 {
    let n = xs.len() as u32;
    let sum: u32 = xs.iter().map(|&x| x as u32).sum();
    ((2 * sum + n) / (2 * n)) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clear_rise_is_an_improvement_and_a_wobble_is_not() {
        let t = Trend::of(&[40, 50, 45, 60, 80, 85, 90]);
        assert_eq!((t.window, t.first, t.recent, t.change), (3, Some(45), Some(85), Change::Improved));
        assert_eq!(Trend::of(&[70, 72, 68, 71]).change, Change::NoClearChange);
        assert_eq!(Trend::of(&[90, 60]).change, Change::Dropped);
    }

    #[test]
    fn one_session_is_not_a_trend() {
        let t = Trend::of(&[77]);
        assert_eq!((t.first, t.recent, t.change), (None, Some(77), Change::TooFew));
        assert_eq!(Trend::of(&[]).recent, None);
    }

    #[test]
    fn the_windows_never_overlap() {
        // Three sessions: first against last, the middle one counts for neither.
        let t = Trend::of(&[50, 0, 60]);
        assert_eq!((t.window, t.first, t.recent), (1, Some(50), Some(60)));
    }
}
