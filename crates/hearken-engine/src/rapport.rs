//! Rapport (`trust`): how open the peer feels towards the trainee, from -5 to +5 (see
//! `docs/scoring.md`, "Rapport and branching"). The range and the words for it live here, so the
//! loader, the session and every front end agree.

/// The lowest and highest rapport.
pub const MIN: i32 = -5;
pub const MAX: i32 = 5;

/// Moves rapport by `change`, stopping at the ends of the range.
pub fn moved(trust: i32, change: i32) -> i32 {
    trust.saturating_add(change).clamp(MIN, MAX)
}

/// A word a trainee understands at a glance: guarded, wary, neutral, warming or open.
pub fn word(trust: i32) -> &'static str {
    match trust {
        i32::MIN..=-3 => "guarded",
        -2..=-1 => "wary",
        0 => "neutral",
        1..=2 => "warming",
        _ => "open",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn rapport_stays_in_range_and_has_a_word_everywhere() {
        assert_eq!(super::moved(4, 3), 5);
        assert_eq!(super::moved(-4, -3), -5);
        let words: Vec<&str> = (super::MIN..=super::MAX).map(super::word).collect();
        assert_eq!(words.first(), Some(&"guarded"));
        assert_eq!(words.last(), Some(&"open"));
        assert_eq!(super::word(0), "neutral");
    }
}
