//! The skill vocabulary, the five rubrics, the rubric table and the scoring model (docs/scoring.md).

pub mod score;
mod table;

pub use score::{Band, Counts, DecisionScore, Mark, Quality, Scores, Threshold};
pub use table::{DEFAULT_PASS_SCORE, RubricTable, SkillEntry};

use serde::Serialize;

macro_rules! skills {
    ($($variant:ident $code:literal,)*) => {
        /// A skill code: what an option shows (or fails to show) about listening.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Skill { $($variant,)* }

        impl Skill {
            pub const ALL: &'static [Skill] = &[$(Skill::$variant,)*];

            pub fn code(self) -> &'static str {
                match self { $(Skill::$variant => $code,)* }
            }

            pub fn from_code(code: &str) -> Option<Skill> {
                match code { $($code => Some(Skill::$variant),)* _ => None }
            }
        }
    };
}

skills! {
    Reflection "reflection",
    ComplexReflection "complex-reflection",
    Summary "summary",
    OpenQuestion "open-question",
    ClosedQuestion "closed-question",
    WhyQuestion "why-question",
    Validation "validation",
    Affirmation "affirmation",
    AttentiveSilence "attentive-silence",
    AskingPermission "asking-permission",
    SelfDisclosure "self-disclosure",
    Advice "advice",
    Minimizing "minimizing",
    Judgment "judgment",
    TopicChange "topic-change",
    Hijacking "hijacking",
    FormalLanguage "formal-language",
    Interrupting "interrupting",
    Diagnosing "diagnosing",
    Repair "repair",
    SafetyQuestion "safety-question",
    ConnectingSupport "connecting-support",
    BoundaryHolding "boundary-holding",
    Avoidance "avoidance",
    Rushing "rushing",
    BoundaryCrossing "boundary-crossing",
    FalsePromise "false-promise",
    LeavingAtRisk "leaving-at-risk",
}

impl Skill {
    pub fn codes() -> impl Iterator<Item = &'static str> {
        Skill::ALL.iter().map(|s| s.code())
    }

    /// MITI reflections: counted toward the reflection-to-question ratio.
    pub fn is_reflection(self) -> bool {
        matches!(self, Skill::Reflection | Skill::ComplexReflection | Skill::Summary)
    }

    pub fn is_question(self) -> bool {
        matches!(self, Skill::OpenQuestion | Skill::ClosedQuestion | Skill::WhyQuestion)
    }
}

impl std::fmt::Display for Skill {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Skill {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// One of the five things a choice is scored on: the four listening rubrics, and safety and
/// boundaries, which is assessed only where a scenario's options carry points on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rubric {
    ReflectiveListening,
    OpenQuestions,
    NonInterruption,
    Validation,
    SafetyBoundaries,
}

/// How many rubrics there are.
pub const RUBRICS: usize = 5;

impl Rubric {
    pub const ALL: [Rubric; RUBRICS] = [
        Rubric::ReflectiveListening,
        Rubric::OpenQuestions,
        Rubric::NonInterruption,
        Rubric::Validation,
        Rubric::SafetyBoundaries,
    ];

    /// The key used in rubric tables and JSON output.
    pub fn key(self) -> &'static str {
        match self {
            Rubric::ReflectiveListening => "reflective_listening",
            Rubric::OpenQuestions => "open_questions",
            Rubric::NonInterruption => "non_interruption",
            Rubric::Validation => "validation",
            Rubric::SafetyBoundaries => "safety_boundaries",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Rubric::ReflectiveListening => "Reflective listening",
            Rubric::OpenQuestions => "Open questions",
            Rubric::NonInterruption => "Non-interruption",
            Rubric::Validation => "Validation",
            Rubric::SafetyBoundaries => "Safety and boundaries",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Points on each of the five rubrics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Points(pub [i32; RUBRICS]);

impl Points {
    pub fn get(&self, r: Rubric) -> i32 {
        self.0[r.index()]
    }

    pub fn add(&mut self, r: Rubric, n: i32) {
        self.0[r.index()] += n;
    }

    pub fn total(&self) -> i32 {
        self.0.iter().sum()
    }

    pub fn plus(mut self, other: Points) -> Points {
        for r in Rubric::ALL {
            self.add(r, other.get(r));
        }
        self
    }

    /// The non-zero entries, keyed by rubric key, for JSON.
    pub fn nonzero(&self) -> std::collections::BTreeMap<&'static str, i32> {
        Rubric::ALL.iter().filter(|r| self.get(**r) != 0).map(|r| (r.key(), self.get(*r))).collect()
    }
}
