//! A peer's turn laid out in time: each beat gets a start and an end, so what is visible at any
//! moment is a pure function of the clock.

use crate::scenario::Beat;

/// Where a beat in a turn came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BeatSource {
    /// The previous node's `interrupted` beats: the peer reacting to being cut off.
    Interrupted,
    /// The chosen option's `reaction`.
    Reaction,
    /// The node's `says`.
    Says,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimedBeat {
    pub beat: Beat,
    pub source: BeatSource,
    /// Milliseconds, on the session's clock.
    pub start: u64,
    pub end: u64,
    /// Characters per second (lines only).
    cps: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Turn {
    pub beats: Vec<TimedBeat>,
    pub start: u64,
    pub end: u64,
}

/// What of a turn is visible at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Fully shown.
    Done,
    /// A line partly said: this many characters so far.
    Saying(usize),
    /// A pause under way.
    Pausing,
    /// Not reached yet.
    Pending,
}

impl Turn {
    /// Lays out `beats` from `start`. `cps` is the peer's pace times the speed multiplier;
    /// without animation every beat is shown at once.
    pub fn new(beats: Vec<(Beat, BeatSource)>, start: u64, cps: f64, speed: f64, animate: bool) -> Turn {
        let mut t = start;
        let beats: Vec<TimedBeat> = beats
            .into_iter()
            .map(|(beat, source)| {
                let duration = if !animate {
                    0
                } else {
                    match &beat {
                        Beat::Line(text) => (text.chars().count() as f64 * 1000.0 / cps).ceil() as u64,
                        Beat::Pause { millis } => (*millis as f64 / speed).round() as u64,
                    }
                };
                let tb = TimedBeat { beat, source, start: t, end: t + duration, cps };
                t += duration;
                tb
            })
            .collect();
        Turn { beats, start, end: t }
    }

    pub fn is_speaking(&self, now: u64) -> bool {
        now < self.end
    }

    pub fn progress(&self, i: usize, now: u64) -> Progress {
        let b = &self.beats[i];
        if now >= b.end {
            Progress::Done
        } else if now < b.start {
            Progress::Pending
        } else {
            match &b.beat {
                Beat::Line(_) => Progress::Saying(b.chars_at(now)),
                Beat::Pause { .. } => Progress::Pausing,
            }
        }
    }

    /// When what is visible next changes, if the turn is still going.
    pub fn next_change(&self, now: u64) -> Option<u64> {
        let b = self.beats.iter().find(|b| now < b.end)?;
        if now < b.start {
            return Some(b.start);
        }
        Some(match &b.beat {
            Beat::Line(_) => {
                let shown = b.chars_at(now);
                let next = b.start + ((shown + 1) as f64 * 1000.0 / b.cps).ceil() as u64;
                next.clamp(now + 1, b.end)
            }
            Beat::Pause { .. } => b.end,
        })
    }

    /// The moment a typed answer scripted as `!> words` cuts in (docs/command-line.md): after the turn's first
    /// beat, or mid-line when the turn has only one beat. (A scripted `!N` cuts in the moment
    /// option N appears instead: `Session::choose_scripted`.)
    pub fn interruption_point(&self) -> u64 {
        match self.beats.as_slice() {
            [] => self.start,
            [only] => only.start + (only.end - only.start) / 2,
            [first, ..] => first.end,
        }
    }
}

impl TimedBeat {
    fn chars_at(&self, now: u64) -> usize {
        let Beat::Line(text) = &self.beat else { return 0 };
        let n = text.chars().count();
        let elapsed = now.saturating_sub(self.start) as f64;
        ((elapsed * self.cps / 1000.0).floor() as usize).min(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turn() -> Turn {
        // 10 chars at 20 cps = 500 ms; a 1 s pause; 4 chars = 200 ms.
        Turn::new(
            vec![
                (Beat::Line("I almost d".into()), BeatSource::Says),
                (Beat::Pause { millis: 1000 }, BeatSource::Says),
                (Beat::Line("Yes.".into()), BeatSource::Says),
            ],
            1000,
            20.0,
            1.0,
            true,
        )
    }

    #[test]
    fn beats_are_revealed_at_the_peers_pace() {
        let t = turn();
        assert_eq!(t.end, 1000 + 500 + 1000 + 200);
        assert_eq!(t.progress(0, 1000), Progress::Saying(0));
        assert_eq!(t.progress(0, 1250), Progress::Saying(5));
        assert_eq!(t.progress(0, 1500), Progress::Done);
        assert_eq!(t.progress(1, 1600), Progress::Pausing);
        assert_eq!(t.progress(2, 1600), Progress::Pending);
        assert!(t.is_speaking(2699));
        assert!(!t.is_speaking(2700));
    }

    #[test]
    fn next_change_is_the_next_character_or_the_end_of_a_pause() {
        let t = turn();
        assert_eq!(t.next_change(1000), Some(1050));
        assert_eq!(t.next_change(1520), Some(2500));
        assert_eq!(t.next_change(2700), None);
    }

    #[test]
    fn a_scripted_interruption_lands_after_the_first_beat() {
        assert_eq!(turn().interruption_point(), 1500);
        let one = Turn::new(vec![(Beat::Line("0123456789".into()), BeatSource::Says)], 0, 20.0, 1.0, true);
        assert_eq!(one.interruption_point(), 250);
    }

    #[test]
    fn without_animation_everything_is_shown_at_once() {
        let t = Turn::new(
            vec![(Beat::Line("Hello".into()), BeatSource::Says), (Beat::Pause { millis: 3000 }, BeatSource::Says)],
            7,
            20.0,
            1.0,
            false,
        );
        assert_eq!(t.end, 7);
        assert!(!t.is_speaking(7));
        assert_eq!(t.next_change(7), None);
    }
}
