//! Styles. Colour only adds to what words and symbols already say: with `NO_COLOR` (or off a
//! terminal) every style is plain or bold, reversed or dim, and nothing is lost.

use hearken_engine::rubric::Band;
use hearken_engine::rubric::score::Level;
use hearken_engine::scenario::EndingKind;
use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

/// How good something is, for colour: the words beside it say the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Good,
    Fair,
    Poor,
    Neutral,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    pub fn plain(&self) -> Style {
        Style::new()
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn peer(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn you(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    /// Secondary text: pauses, explanations, the key bar.
    pub fn dim(&self) -> Style {
        if self.color { Style::new().fg(Color::DarkGray) } else { Style::new() }
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// The option or row under the cursor (also marked with `›`).
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn hint(&self) -> Style {
        self.fg(Color::Magenta)
    }

    pub fn tone(&self, tone: Tone) -> Style {
        match tone {
            Tone::Good => self.fg(Color::Green),
            Tone::Fair => self.fg(Color::Yellow),
            Tone::Poor => self.fg(Color::Red),
            Tone::Neutral => Style::new(),
        }
    }

    /// A scenario's difficulty: readable on dark and light themes alike (never dark grey), and
    /// always written out in words beside it.
    pub fn difficulty(&self, d: hearken_engine::scenario::Difficulty) -> Style {
        use hearken_engine::scenario::Difficulty;
        match d {
            Difficulty::Beginner => self.fg(Color::Green),
            Difficulty::Intermediate => self.fg(Color::Yellow),
            Difficulty::Advanced => self.fg(Color::Magenta),
        }
    }

    /// A decision's mark (docs/scoring.md): green best, yellow helpful, red harmful; the symbol and
    /// the word beside it carry the meaning.
    pub fn mark(&self, m: hearken_engine::rubric::Mark) -> Style {
        use hearken_engine::rubric::Mark;
        match m {
            Mark::Best => self.tone(Tone::Good),
            Mark::Helpful => self.tone(Tone::Fair),
            Mark::Harmful => self.tone(Tone::Poor),
        }
    }

    pub fn band(&self, band: Band) -> Style {
        let c = match band {
            Band::Beginning => Color::Red,
            Band::Developing => Color::Yellow,
            Band::Proficient => Color::Blue,
            Band::Exemplary => Color::Green,
        };
        self.fg(c).add_modifier(Modifier::BOLD)
    }
}

pub fn level_tone(level: Level) -> Tone {
    match level {
        Level::Good => Tone::Good,
        Level::Fair => Tone::Fair,
        Level::BelowFair => Tone::Poor,
        Level::NotApplicable => Tone::Neutral,
    }
}

/// A symbol for a MITI level, so it reads without colour.
pub fn level_symbol(level: Level) -> &'static str {
    match level {
        Level::Good => "✓✓",
        Level::Fair => "✓ ",
        Level::BelowFair => "✗ ",
        Level::NotApplicable => "– ",
    }
}

pub fn ending_tone(kind: EndingKind) -> Tone {
    match kind {
        EndingKind::Good => Tone::Good,
        EndingKind::Mixed => Tone::Fair,
        EndingKind::Poor => Tone::Poor,
    }
}

pub fn ending_symbol(kind: EndingKind) -> &'static str {
    match kind {
        EndingKind::Good => "●",
        EndingKind::Mixed => "◐",
        EndingKind::Poor => "○",
    }
}

/// Rapport in words: the meter's number and these words carry its meaning, not its colour.
pub fn rapport_words(trust: i32) -> (&'static str, Tone) {
    let tone = match trust {
        i32::MIN..=-3 => Tone::Poor,
        -2..=-1 => Tone::Fair,
        0 => Tone::Neutral,
        _ => Tone::Good,
    };
    (hearken_engine::rapport::word(trust), tone)
}
