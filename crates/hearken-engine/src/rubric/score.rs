//! Scoring (SPEC §3): every choice is measured against the best option at its decision.
//! Integer arithmetic throughout, so an instructor can check each number by hand
//! (docs/scoring.md walks through an example).

use super::{Points, Rubric, RubricTable, Skill};
use serde::Serialize;

/// How one decision was scored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionScore {
    /// Index (0-based, file order) of the option chosen.
    pub chosen: usize,
    /// Indices of the options with the most points.
    pub best: Vec<usize>,
    /// The option the choice is measured against: the chosen one if it is among the best, else
    /// the first best in file order.
    pub reference: usize,
    pub earned: Points,
    pub available: Points,
}

impl DecisionScore {
    pub fn was_best(&self) -> bool {
        self.reference == self.chosen
    }
}

/// Scores one decision. `options` holds each option's skills, in file order.
pub fn score_decision(
    table: &RubricTable,
    options: &[&[Skill]],
    chosen: usize,
    interrupted: bool,
    speech_counted: bool,
) -> DecisionScore {
    let totals: Vec<i32> = options.iter().map(|s| table.points(s).total()).collect();
    let max = totals.iter().copied().max().unwrap_or(0);
    let best: Vec<usize> = (0..options.len()).filter(|&i| totals[i] == max).collect();
    let reference = if best.contains(&chosen) { chosen } else { best.first().copied().unwrap_or(chosen) };
    let reference_points = table.points(options[reference]);
    let mut available = Points::default();
    for r in Rubric::ALL {
        available.add(r, reference_points.get(r).max(0));
    }
    let mut earned = table.points(options[chosen]);
    if speech_counted {
        let speech = table.speech_points;
        available.add(Rubric::NonInterruption, speech);
        earned.add(Rubric::NonInterruption, if interrupted { -speech } else { speech });
    }
    DecisionScore { chosen, best, reference, earned, available }
}

/// Per-rubric scores (0..=100, `None` = not assessed) and the overall mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Scores {
    pub rubrics: [Option<u8>; super::RUBRICS],
    pub overall: Option<u8>,
}

impl Scores {
    pub fn get(&self, r: Rubric) -> Option<u8> {
        self.rubrics[r.index()]
    }

    pub fn from_decisions(decisions: &[DecisionScore]) -> Scores {
        let mut rubrics = [None; super::RUBRICS];
        for r in Rubric::ALL {
            let earned: i64 = decisions.iter().map(|d| d.earned.get(r) as i64).sum();
            let available: i64 = decisions.iter().map(|d| d.available.get(r) as i64).sum();
            rubrics[r.index()] = if available > 0 {
                Some(percent(earned.clamp(0, available), available))
            } else if decisions.iter().any(|d| d.earned.get(r) < 0) {
                // Nothing to earn here, but a pitfall still cost points: that is a zero, not a blank.
                Some(0)
            } else {
                None
            };
        }
        let assessed: Vec<i64> = rubrics.iter().flatten().map(|&s| s as i64).collect();
        let overall = if assessed.is_empty() {
            None
        } else {
            let n = assessed.len() as i64;
            Some(((2 * assessed.iter().sum::<i64>() + n) / (2 * n)) as u8)
        };
        Scores { rubrics, overall }
    }
}

/// `100 × part / whole`, rounded half up; `part` is within `0..=whole`, `whole > 0`.
fn percent(part: i64, whole: i64) -> u8 {
    ((200 * part + whole) / (2 * whole)) as u8
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

/// MITI-style counts, per skill chosen (an option with two codes counts for both).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub reflections: u32,
    pub complex_reflections: u32,
    pub summaries: u32,
    pub questions: u32,
    pub open_questions: u32,
    pub closed_questions: u32,
    pub why_questions: u32,
    pub roadblocks: u32,
    pub interruptions: u32,
    pub hints: u32,
}

impl Counts {
    pub fn add_skills(&mut self, skills: &[Skill]) {
        for &s in skills {
            self.reflections += s.is_reflection() as u32;
            self.complex_reflections += (s == Skill::ComplexReflection) as u32;
            self.summaries += (s == Skill::Summary) as u32;
            self.questions += s.is_question() as u32;
            self.open_questions += (s == Skill::OpenQuestion) as u32;
            self.closed_questions += (s == Skill::ClosedQuestion) as u32;
            self.why_questions += (s == Skill::WhyQuestion) as u32;
            self.roadblocks += s.is_roadblock() as u32;
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

    #[test]
    fn choosing_the_best_option_earns_everything_available() {
        let opts: [&[Skill]; 3] = [&[WhyQuestion], &[ComplexReflection], &[Advice]];
        let d = score_decision(&table(), &opts, 1, false, true);
        assert_eq!(d.best, vec![1]);
        assert!(d.was_best());
        let s = Scores::from_decisions(&[d]);
        // complex-reflection: RL 3, V 1; speech 2 on NI. Open questions: nothing available.
        assert_eq!(s.rubrics, [Some(100), None, Some(100), Some(100), None]);
        assert_eq!(s.overall, Some(100));
    }

    #[test]
    fn a_pitfall_is_measured_against_the_first_best_option() {
        // reflection (2) and open-question (2) tie for best; choosing advice is measured
        // against the first of them in file order: the reflection.
        let opts: [&[Skill]; 3] = [&[Advice], &[Reflection], &[OpenQuestion]];
        let d = score_decision(&table(), &opts, 0, false, true);
        assert_eq!(d.best, vec![1, 2]);
        assert_eq!(d.reference, 1);
        assert_eq!(d.available.get(Rubric::ReflectiveListening), 2);
        assert_eq!(d.earned.get(Rubric::ReflectiveListening), -1);
        assert_eq!(d.earned.get(Rubric::Validation), -2);
        let s = Scores::from_decisions(&[d]);
        // Validation had nothing available but advice cost points there: 0, not "not assessed".
        assert_eq!(s.get(Rubric::Validation), Some(0));
        assert_eq!(s.get(Rubric::OpenQuestions), None);
        assert_eq!(s.get(Rubric::ReflectiveListening), Some(0));
        assert_eq!(s.get(Rubric::NonInterruption), Some(100));
        assert_eq!(s.overall, Some(33)); // (0 + 100 + 0) / 3 = 33.3
    }

    #[test]
    fn choosing_a_tied_best_option_measures_it_against_itself() {
        let opts: [&[Skill]; 2] = [&[Reflection], &[OpenQuestion]];
        let d = score_decision(&table(), &opts, 1, false, false);
        assert_eq!(d.reference, 1);
        let s = Scores::from_decisions(&[d]);
        assert_eq!(s.rubrics, [None, Some(100), None, None, None]);
    }

    #[test]
    fn interrupting_loses_the_speech_points() {
        let opts: [&[Skill]; 2] = [&[Reflection], &[Advice]];
        let calm = score_decision(&table(), &opts, 0, false, true);
        let cut = score_decision(&table(), &opts, 0, true, true);
        assert_eq!(cut.earned.get(Rubric::NonInterruption), -2);
        // One calm decision and one interrupted: NI earned 2 - 2 = 0 of 4.
        let s = Scores::from_decisions(&[calm, cut]);
        assert_eq!(s.get(Rubric::NonInterruption), Some(0));
        assert_eq!(s.get(Rubric::ReflectiveListening), Some(100));
    }

    #[test]
    fn without_animation_speech_is_not_counted() {
        let opts: [&[Skill]; 2] = [&[Reflection], &[Advice]];
        let d = score_decision(&table(), &opts, 0, false, false);
        assert_eq!(d.available.get(Rubric::NonInterruption), 0);
        assert_eq!(Scores::from_decisions(&[d]).get(Rubric::NonInterruption), None);
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
        c.add_skills(&[Summary, OpenQuestion]);
        c.add_skills(&[WhyQuestion]);
        assert_eq!((c.reflections, c.questions, c.open_questions, c.roadblocks), (1, 2, 1, 1));
        let [ratio, complex, open] = c.thresholds();
        assert_eq!(ratio.level(), Level::BelowFair);
        assert_eq!(complex.shown(), "0%");
        assert_eq!(open.level(), Level::Fair);
    }
}
