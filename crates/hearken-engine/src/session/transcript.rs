//! The record of what was said, as it was heard: an interrupted line is kept as far as it got.

use super::speech::{Progress, Turn};
use crate::scenario::Beat;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Speaker {
    Peer,
    Trainee,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Line {
    pub speaker: Speaker,
    /// Empty for a pause.
    pub text: String,
    /// A pause, in milliseconds (peer only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pause_ms: Option<u32>,
    /// The line was cut off here by the trainee.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cut: bool,
    /// For the trainee's lines: which decision (0-based) it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<usize>,
}

impl Line {
    pub fn peer(text: &str) -> Line {
        Line { speaker: Speaker::Peer, text: text.to_string(), pause_ms: None, cut: false, decision: None }
    }

    pub fn pause(ms: u32) -> Line {
        Line { speaker: Speaker::Peer, text: String::new(), pause_ms: Some(ms), cut: false, decision: None }
    }

    pub fn trainee(text: &str, decision: usize) -> Line {
        Line { speaker: Speaker::Trainee, text: text.to_string(), pause_ms: None, cut: false, decision: Some(decision) }
    }
}

/// Appends what of `turn` was heard: all of it, or up to `cut_at` when the trainee cut in.
pub(super) fn commit_turn(out: &mut Vec<Line>, turn: &Turn, cut_at: Option<u64>) {
    let at = cut_at.unwrap_or(u64::MAX);
    for (i, tb) in turn.beats.iter().enumerate() {
        let progress = if cut_at.is_some() { turn.progress(i, at) } else { Progress::Done };
        match (&tb.beat, progress) {
            (_, Progress::Pending) => break,
            (Beat::Line(text), Progress::Done) => out.push(Line::peer(text)),
            (Beat::Line(text), Progress::Saying(n)) if n > 0 => {
                let mut l = Line::peer(&text.chars().take(n).collect::<String>());
                l.cut = true;
                out.push(l);
                break;
            }
            (Beat::Pause { millis }, Progress::Done) => out.push(Line::pause(*millis)),
            _ => {
                // Cut in during a pause or between lines: the cut falls after what was said last.
                if let Some(last) = out.last_mut().filter(|l| l.speaker == super::Speaker::Peer) {
                    last.cut = true;
                }
                break;
            }
        }
    }
}
