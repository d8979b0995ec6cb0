//! Scoring model 2 (docs/scoring.md–3.6, docs/scoring.md): at each decision a choice earns on a rubric
//! only what that moment offered there, and its decision quality is its value as an exact
//! fraction of the best option's; the overall score is the mean quality. Integer and exact
//! fraction arithmetic throughout, rounded once, halves up, so an instructor can check every
//! number by hand.

use super::{Points, RUBRICS, Rubric, RubricTable, Skill};
use serde::Serialize;

/// What the trainee is told about a choice (docs/scoring.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    /// Among the options worth the most here.
    Best,
    /// It helped, and another option helped more.
    Helpful,
    /// It carries a pitfall, or is worth nothing or less.
    Harmful,
}

impl Mark {
    pub fn symbol(self) -> &'static str {
        match self {
            Mark::Best => "✓",
            Mark::Helpful => "◐",
            Mark::Harmful => "✗",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Mark::Best => "best",
            Mark::Helpful => "helpful",
            Mark::Harmful => "harmful",
        }
    }
}

/// An exact fraction in 0..=1, in lowest terms: a decision's quality q.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Quality {
    pub num: u64,
    pub den: u64,
}

impl Quality {
    pub const ZERO: Quality = Quality { num: 0, den: 1 };
    pub const ONE: Quality = Quality { num: 1, den: 1 };

    /// `clamp(n / d, 0, 1)` for `d > 0`, in lowest terms.
    pub fn clamped(n: i64, d: i64) -> Quality {
        debug_assert!(d > 0);
        if n <= 0 {
            Quality::ZERO
        } else if n >= d {
            Quality::ONE
        } else {
            let g = gcd(n as u64, d as u64);
            Quality { num: n as u64 / g, den: d as u64 / g }
        }
    }
}

impl std::fmt::Display for Quality {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}

impl Serialize for Quality {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

/// How one decision was scored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionScore {
    /// Index (0-based, file order) of the option chosen.
    pub chosen: usize,
    /// Indices of the options with the highest value (the sum of their points).
    pub best: Vec<usize>,
    /// The option the choice is measured against: the chosen one if it is among the best, else
    /// the first best in file order.
    pub reference: usize,
    pub earned: Points,
    pub available: Points,
    /// Decision quality q: V(chosen) / V(reference), held within 0..=1.
    pub quality: Quality,
    pub mark: Mark,
}

impl DecisionScore {
    pub fn was_best(&self) -> bool {
        self.mark == Mark::Best
    }
}

/// Scores one decision (docs/scoring.md). `options` holds each option's skills, in file order;
/// `speech_counted` is false with animation off, when nobody can interrupt and S is 0.
pub fn score_decision(
    table: &RubricTable,
    options: &[&[Skill]],
    chosen: usize,
    interrupted: bool,
    speech_counted: bool,
) -> DecisionScore {
    let values: Vec<i32> = options.iter().map(|s| table.points(s).total()).collect();
    let max = values.iter().copied().max().unwrap_or(0);
    let best: Vec<usize> = (0..options.len()).filter(|&i| values[i] == max).collect();
    let is_best = best.contains(&chosen);
    let reference = if is_best { chosen } else { best.first().copied().unwrap_or(chosen) };
    let reference_points = table.points(options[reference]);
    let chosen_points = table.points(options[chosen]);
    let mut available = Points::default();
    let mut earned = Points::default();
    for r in Rubric::ALL {
        let offered = reference_points.get(r).max(0);
        available.add(r, offered);
        earned.add(r, chosen_points.get(r).min(offered));
    }
    let speech = if speech_counted { table.speech_points } else { 0 };
    available.add(Rubric::NonInterruption, speech);
    earned.add(Rubric::NonInterruption, if interrupted { -speech } else { speech });

    let v_chosen = values[chosen] as i64 + if interrupted { -(speech as i64) } else { speech as i64 };
    let v_reference = values[reference] as i64 + speech as i64;
    let quality = if v_reference <= 0 {
        if is_best && !interrupted { Quality::ONE } else { Quality::ZERO }
    } else {
        Quality::clamped(v_chosen, v_reference)
    };
    let mark = if is_best {
        Mark::Best
    } else if values[chosen] <= 0 || options[chosen].iter().any(|s| table.is_pitfall(&[*s])) {
        Mark::Harmful
    } else {
        Mark::Helpful
    };
    DecisionScore { chosen, best, reference, earned, available, quality, mark }
}

/// Per-rubric scores (0..=100, `None` = not assessed) and the overall score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Scores {
    pub rubrics: [Option<u8>; RUBRICS],
    pub overall: Option<u8>,
}

impl Scores {
    pub fn get(&self, r: Rubric) -> Option<u8> {
        self.rubrics[r.index()]
    }

    /// docs/scoring.md: a rubric scores `100 × clamp(Σ earned / Σ available, 0, 1)`, not assessed
    /// (`None`) where nothing was available unless a pitfall still cost points there (0); the
    /// overall is `100 × mean(q)`, rounded once.
    pub fn from_decisions(decisions: &[DecisionScore]) -> Scores {
        let mut rubrics = [None; RUBRICS];
        for r in Rubric::ALL {
            let earned: i64 = decisions.iter().map(|d| d.earned.get(r) as i64).sum();
            let available: i64 = decisions.iter().map(|d| d.available.get(r) as i64).sum();
            rubrics[r.index()] = if available > 0 {
                Some(percent(earned.clamp(0, available) as u128, available as u128))
            } else if decisions.iter().any(|d| d.earned.get(r) < 0) {
                // Nothing to earn here, but a pitfall still cost points: that is a zero, not a blank.
                Some(0)
            } else {
                None
            };
        }
        Scores { rubrics, overall: overall(decisions.iter().map(|d| d.quality)) }
    }
}

/// `100 × mean(q)`, rounded half up, exactly: the qualities are added as fractions.
pub fn overall(qualities: impl Iterator<Item = Quality>) -> Option<u8> {
    let (mut num, mut den, mut n) = (0u128, 1u128, 0u128);
    let mut exact = true;
    let mut approx = 0f64;
    for q in qualities {
        n += 1;
        approx += q.num as f64 / q.den as f64;
        if exact {
            // num/den + q.num/q.den, kept in lowest terms.
            let (qn, qd) = (q.num as u128, q.den as u128);
            let g = gcd128(den, qd);
            match (den / g).checked_mul(qd).and_then(|d| {
                num.checked_mul(qd / g)
                    .and_then(|a| qn.checked_mul(den / g).and_then(|b| a.checked_add(b)))
                    .map(|s| (s, d))
            }) {
                Some((s, d)) => {
                    let g = gcd128(s, d);
                    (num, den) = (s / g, d / g);
                }
                // Only a rubric table with huge, unusual values gets here: the mean is then
                // worked out in floating point, which differs only in the last digits.
                None => exact = false,
            }
        }
    }
    if n == 0 {
        return None;
    }
    Some(match den.checked_mul(n) {
        Some(whole) if exact => percent(num, whole),
        _ => ((approx / n as f64) * 100.0 + 0.5).floor().clamp(0.0, if approx < n as f64 { 99.0 } else { 100.0 }) as u8,
    })
}

fn gcd128(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

/// `100 × part / whole`, rounded half up; `part` is within `0..=whole`, `whole > 0`. Only the
/// whole is 100: short of it, however little, is at most 99, so a 100 always means everything
/// available was earned (a session with one interruption never reads 100 on non-interruption).
fn percent(part: u128, whole: u128) -> u8 {
    let rounded = match part.checked_mul(200) {
        Some(p) => ((p + whole) / (2 * whole)) as u8,
        None => ((part as f64 / whole as f64) * 100.0 + 0.5).floor() as u8,
    };
    if part < whole { rounded.min(99) } else { rounded }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Band {
    Beginning,
    Developing,
    Proficient,
    Exemplary,
}

impl Band {
    pub fn of(score: u8) -> Band {
        match score {
            0..=49 => Band::Beginning,
            50..=69 => Band::Developing,
            70..=84 => Band::Proficient,
            _ => Band::Exemplary,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Band::Beginning => "Beginning",
            Band::Developing => "Developing",
            Band::Proficient => "Proficient",
            Band::Exemplary => "Exemplary",
        }
    }
}

/// MITI-style counts, per skill chosen (an option with two codes counts for both). The first
/// nine are `play --json`'s `counts`, in its order (docs/command-line.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub reflections: u32,
    pub complex_reflections: u32,
    pub questions: u32,
    pub open_questions: u32,
    /// Every pitfall code chosen: a code whose points total is negative in the table in use.
    pub roadblocks: u32,
    pub safety_questions: u32,
    pub boundary_crossings: u32,
    pub interruptions: u32,
    pub hints: u32,
    pub summaries: u32,
    pub closed_questions: u32,
    pub why_questions: u32,
}

impl Counts {
    pub fn add_skills(&mut self, table: &RubricTable, skills: &[Skill]) {
        for &s in skills {
            self.reflections += s.is_reflection() as u32;
            self.complex_reflections += (s == Skill::ComplexReflection) as u32;
            self.summaries += (s == Skill::Summary) as u32;
            self.questions += s.is_question() as u32;
            self.open_questions += (s == Skill::OpenQuestion) as u32;
            self.closed_questions += (s == Skill::ClosedQuestion) as u32;
            self.why_questions += (s == Skill::WhyQuestion) as u32;
            self.roadblocks += table.is_pitfall(&[s]) as u32;
            self.safety_questions += (s == Skill::SafetyQuestion) as u32;
            self.boundary_crossings += (s == Skill::BoundaryCrossing) as u32;
        }
    }

    /// The MITI summary measures, each set against its fair and good thresholds.
    pub fn thresholds(&self) -> [Threshold; 3] {
        let ratio = |a: u32, b: u32| (b > 0).then(|| a as f64 / b as f64);
        [
            Threshold {
                name: "Reflections per question",
                value: ratio(self.reflections, self.questions),
                fair: 1.0,
                good: 2.0,
                percent: false,
            },
            Threshold {
                name: "Complex reflections",
                value: ratio(self.complex_reflections, self.reflections).map(|r| r * 100.0),
                fair: 40.0,
                good: 50.0,
                percent: true,
            },
            Threshold {
                name: "Open questions",
                value: ratio(self.open_questions, self.questions).map(|r| r * 100.0),
                fair: 50.0,
                good: 70.0,
                percent: true,
            },
        ]
    }
}

/// A MITI measure against its thresholds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Threshold {
    pub name: &'static str,
    /// `None` when it cannot be computed (no questions asked, say).
    pub value: Option<f64>,
    pub fair: f64,
    pub good: f64,
    pub percent: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    BelowFair,
    Fair,
    Good,
    NotApplicable,
}

impl Threshold {
    pub fn level(&self) -> Level {
        match self.value {
            None => Level::NotApplicable,
            Some(v) if v >= self.good => Level::Good,
            Some(v) if v >= self.fair => Level::Fair,
            Some(_) => Level::BelowFair,
        }
    }

    pub fn shown(&self) -> String {
        match self.value {
            None => "n/a".into(),
            Some(v) if self.percent => format!("{v:.0}%"),
            Some(v) => format!("{v:.1}"),
        }
    }

    pub fn goal(&self) -> String {
        if self.percent {
            format!("fair ≥ {:.0}%, good ≥ {:.0}%", self.fair, self.good)
        } else {
            format!("fair ≥ {:.0}, good ≥ {:.0}", self.fair, self.good)
        }
    }
}

impl Level {
    pub fn word(self) -> &'static str {
        match self {
            Level::BelowFair => "below fair",
            Level::Fair => "fair",
            Level::Good => "good",
            Level::NotApplicable => "not enough to measure",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Skill::*;

    fn table() -> std::sync::Arc<RubricTable> {
        RubricTable::builtin()
    }

    fn q(num: u64, den: u64) -> Quality {
        Quality { num, den }
    }

    #[test]
    fn choosing_the_best_option_earns_everything_available() {
        let opts: [&[Skill]; 3] = [&[WhyQuestion], &[ComplexReflection], &[Advice]];
        let d = score_decision(&table(), &opts, 1, false, true);
        assert_eq!(d.best, vec![1]);
        assert_eq!((d.mark, d.quality), (Mark::Best, Quality::ONE));
        let s = Scores::from_decisions(&[d]);
        // complex-reflection: RL 3, V 1; speech 2 on NI. Open questions, safety: nothing available.
        assert_eq!(s.rubrics, [Some(100), None, Some(100), Some(100), None]);
        assert_eq!(s.overall, Some(100));
    }

    #[test]
    fn a_pitfall_is_measured_against_the_first_best_option_and_costs_its_full_points() {
        // reflection (2) and open-question (2) tie for best; advice is measured against the first.
        let opts: [&[Skill]; 3] = [&[Advice], &[Reflection], &[OpenQuestion]];
        let d = score_decision(&table(), &opts, 0, false, true);
        assert_eq!(d.best, vec![1, 2]);
        assert_eq!(d.reference, 1);
        assert_eq!(d.available.get(Rubric::ReflectiveListening), 2);
        assert_eq!(d.earned.get(Rubric::ReflectiveListening), -1);
        assert_eq!(d.earned.get(Rubric::Validation), -2);
        // V(advice) = -3 + 2 = -1; V(reference) = 2 + 2 = 4: q = 0.
        assert_eq!((d.mark, d.quality), (Mark::Harmful, Quality::ZERO));
        let s = Scores::from_decisions(&[d]);
        assert_eq!(s.get(Rubric::Validation), Some(0));
        assert_eq!(s.get(Rubric::OpenQuestions), None);
        assert_eq!(s.get(Rubric::ReflectiveListening), Some(0));
        assert_eq!(s.get(Rubric::NonInterruption), Some(100));
        assert_eq!(s.overall, Some(0));
    }

    #[test]
    fn a_skill_shown_where_another_was_called_for_earns_nothing_extra() {
        // The moment called for a complex reflection (RL 3, V 1); a validation (V 2) was chosen.
        let opts: [&[Skill]; 2] = [&[ComplexReflection], &[Validation]];
        let d = score_decision(&table(), &opts, 1, false, false);
        assert_eq!(d.earned.get(Rubric::Validation), 1, "capped at what the moment offered");
        assert_eq!(d.earned.get(Rubric::ReflectiveListening), 0);
        // q = 2 / 4 = 1/2, and it helped: helpful.
        assert_eq!((d.mark, d.quality), (Mark::Helpful, q(1, 2)));
    }

    #[test]
    fn choosing_a_tied_best_option_measures_it_against_itself() {
        let opts: [&[Skill]; 2] = [&[Reflection], &[OpenQuestion]];
        let d = score_decision(&table(), &opts, 1, false, false);
        assert_eq!(d.reference, 1);
        let s = Scores::from_decisions(&[d]);
        assert_eq!(s.rubrics, [None, Some(100), None, None, None]);
        assert_eq!(s.overall, Some(100));
    }

    #[test]
    fn interrupting_loses_the_speech_points_and_the_quality() {
        let opts: [&[Skill]; 2] = [&[Reflection], &[Advice]];
        let calm = score_decision(&table(), &opts, 0, false, true);
        let cut = score_decision(&table(), &opts, 0, true, true);
        assert_eq!(cut.earned.get(Rubric::NonInterruption), -2);
        // V = 2 - 2 = 0 against 2 + 2 = 4: q = 0, though the option was the best.
        assert_eq!((cut.mark, cut.quality), (Mark::Best, Quality::ZERO));
        let s = Scores::from_decisions(&[calm, cut]);
        assert_eq!(s.get(Rubric::NonInterruption), Some(0));
        assert_eq!(s.get(Rubric::ReflectiveListening), Some(100));
        assert_eq!(s.overall, Some(50));
    }

    #[test]
    fn where_even_the_best_is_worth_nothing_q_is_1_for_it_given_calmly() {
        let opts: [&[Skill]; 2] = [&[Advice], &[Minimizing]];
        let d = score_decision(&table(), &opts, 0, false, false);
        assert_eq!(d.quality, Quality::ONE);
        assert_eq!(score_decision(&table(), &opts, 1, true, true).quality, Quality::ZERO);
    }

    #[test]
    fn without_animation_speech_is_not_counted() {
        let opts: [&[Skill]; 2] = [&[Reflection], &[Advice]];
        let d = score_decision(&table(), &opts, 0, false, false);
        assert_eq!(d.available.get(Rubric::NonInterruption), 0);
        assert_eq!(Scores::from_decisions(&[d]).get(Rubric::NonInterruption), None);
    }

    #[test]
    fn the_overall_is_the_mean_quality_rounded_once() {
        assert_eq!(overall([q(1, 3), q(1, 3), q(1, 2)].into_iter()), Some(39)); // 7/18 = 38.9
        assert_eq!(overall([q(1, 2), Quality::ZERO, Quality::ZERO, Quality::ZERO].into_iter()), Some(13)); // 12.5
        assert_eq!(overall([q(2, 3)].into_iter()), Some(67));
        assert_eq!(overall(std::iter::empty()), None);
        assert_eq!(Quality::clamped(6, 4), Quality::ONE);
        assert_eq!(Quality::clamped(4, 6).to_string(), "2/3");
    }

    #[test]
    fn only_everything_is_100() {
        assert_eq!(super::percent(199, 200), 99, "99.5 would round to 100, but something was missed");
        assert_eq!(super::percent(200, 200), 100);
        assert_eq!(super::percent(1, 200), 1, "0.5 rounds up");
    }

    #[test]
    fn rounding_is_half_up() {
        assert_eq!(percent(1, 8), 13); // 12.5
        assert_eq!(percent(5, 6), 83); // 83.33
        assert_eq!(percent(2, 3), 67); // 66.67
    }

    #[test]
    fn bands_follow_the_contract() {
        assert_eq!(Band::of(49), Band::Beginning);
        assert_eq!(Band::of(50), Band::Developing);
        assert_eq!(Band::of(84), Band::Proficient);
        assert_eq!(Band::of(85), Band::Exemplary);
    }

    #[test]
    fn counts_are_per_skill() {
        let mut c = Counts::default();
        c.add_skills(&table(), &[Summary, OpenQuestion]);
        c.add_skills(&table(), &[WhyQuestion, SafetyQuestion]);
        c.add_skills(&table(), &[BoundaryCrossing]);
        assert_eq!((c.safety_questions, c.boundary_crossings), (1, 1));
        // Roadblocks: every pitfall code, the why-question and the boundary crossing.
        assert_eq!((c.reflections, c.questions, c.open_questions, c.roadblocks), (1, 2, 1, 2));
        let [ratio, complex, open] = c.thresholds();
        assert_eq!(ratio.level(), Level::BelowFair);
        assert_eq!(complex.shown(), "0%");
        assert_eq!(open.level(), Level::Fair);
    }
}
