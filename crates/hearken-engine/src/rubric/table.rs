//! The rubric table: what each skill code is worth. The default is compiled in; `--rubric FILE`
//! replaces it and is checked with the same located diagnostics as a scenario.

use super::{Points, Rubric, Skill};
use crate::diagnostic::{Code, Diagnostic, Sink};
use crate::rapport;
use crate::source::{Origin, SourceFile};
use crate::text::did_you_mean;
use crate::toml_read::{self, FileKind, Table, What};
use std::sync::{Arc, OnceLock};

const DEFAULT_TABLE: &str = include_str!("default.toml");

#[derive(Clone, Debug, PartialEq)]
pub struct SkillEntry {
    pub name: String,
    pub about: String,
    pub points: Points,
    pub trust: i32,
}

#[derive(Clone, Debug)]
pub struct RubricTable {
    /// Non-interruption points every decision makes available for letting the peer finish.
    pub speech_points: i32,
    /// The overall score a session needs, with a good or mixed ending and every critical moment
    /// handled, for the result "met" (docs/scoring.md).
    pub pass_score: u8,
    entries: Vec<SkillEntry>,
    pub source: Arc<SourceFile>,
}

const RUBRIC_FILE: FileKind = FileKind {
    noun: "rubric table",
    start_from: "copy the default table from the appendix of docs/scoring.md and change the points",
};

/// The pass score when a table does not set one.
pub const DEFAULT_PASS_SCORE: u8 = 70;

/// Largest number of points one skill may carry on one rubric, either way.
const MAX_POINTS: i64 = 10;

impl RubricTable {
    /// The table compiled into the binary.
    pub fn builtin() -> Arc<RubricTable> {
        static TABLE: OnceLock<Arc<RubricTable>> = OnceLock::new();
        TABLE
            .get_or_init(|| {
                let src = SourceFile::new(Origin::BuiltIn("rubric.toml"), DEFAULT_TABLE.to_string());
                Arc::new(RubricTable::parse(&src).expect("the built-in rubric table is valid (checked by tests)"))
            })
            .clone()
    }

    /// Reads a `--rubric FILE` whose text the caller has read, every problem named with the file.
    pub fn from_source(src: &Arc<SourceFile>) -> Result<RubricTable, crate::diagnostic::FileDiagnostics> {
        RubricTable::parse(src).map_err(|diagnostics| crate::diagnostic::FileDiagnostics {
            name: src.name(),
            source: Some(src.clone()),
            diagnostics,
        })
    }

    pub fn default_text() -> &'static str {
        DEFAULT_TABLE
    }

    /// Reads a table, reporting every problem at once.
    pub fn parse(source: &Arc<SourceFile>) -> Result<RubricTable, Vec<Diagnostic>> {
        let mut sink = Sink::default();
        let table = read(source, &mut sink);
        match table {
            Some(t) if !sink.has_errors() => Ok(t),
            _ => Err(sink.diagnostics),
        }
    }

    pub fn entry(&self, skill: Skill) -> &SkillEntry {
        &self.entries[skill as usize]
    }

    pub fn points(&self, skills: &[Skill]) -> Points {
        skills.iter().fold(Points::default(), |acc, s| acc.plus(self.entry(*s).points))
    }

    pub fn trust(&self, skills: &[Skill]) -> i32 {
        skills.iter().map(|s| self.entry(*s).trust).sum()
    }

    /// An option is a pitfall when its skills cost more than they earn.
    pub fn is_pitfall(&self, skills: &[Skill]) -> bool {
        self.points(skills).total() < 0
    }
}

fn read(source: &Arc<SourceFile>, sink: &mut Sink) -> Option<RubricTable> {
    let text = toml_read::blank_forbidden_chars(&source.text, sink);
    let mut repaired = None;
    let root = toml_read::document(&text, &mut repaired, &RUBRIC_FILE, sink)?;
    let top = Table::new(&root, 0..0, What::Named("the rubric table"));
    top.check_keys(&["format", "speech", "result", "skills"], sink);
    let mut speech_points = 0;
    if let Some(speech) = top.table("speech", What::Named("`[speech]`"), true, sink) {
        speech.check_keys(&["non_interruption"], sink);
        if let Some(n) = speech.int("non_interruption", true, sink) {
            speech_points =
                toml_read::int_in(n, "non_interruption", 0, MAX_POINTS, sink).map_or(0, |n| *n.get_ref() as i32);
        }
    }
    let mut pass_score = DEFAULT_PASS_SCORE;
    if let Some(result) = top.table("result", What::Named("`[result]`"), false, sink) {
        result.check_keys(&["pass_score"], sink);
        if let Some(n) = result.int("pass_score", true, sink) {
            pass_score =
                toml_read::int_in(n, "pass_score", 0, 100, sink).map_or(DEFAULT_PASS_SCORE, |n| *n.get_ref() as u8);
        }
    }
    let skills = top.table("skills", What::Named("`[skills]`"), true, sink)?;
    let mut entries: Vec<Option<SkillEntry>> = vec![None; Skill::ALL.len()];
    for (key, value) in skills.inner.iter() {
        let code: &str = key.get_ref().as_ref();
        let Some(skill) = Skill::from_code(code) else {
            sink.push(
                Diagnostic::new(Code::H031, key.span(), format!("unknown skill code `{}`", toml_read::safe(code)))
                    .maybe_help(did_you_mean(code, Skill::codes()).map(|s| format!("did you mean `{s}`?"))),
            );
            continue;
        };
        let Some(t) = toml_read::table(value, code, What::Skill(code), sink) else { continue };
        let mut allowed = vec!["name", "about", "trust"];
        allowed.extend(Rubric::ALL.iter().map(|r| r.key()));
        t.check_keys(&allowed, sink);
        let name = t.text("name", false, sink).map_or_else(|| code.to_string(), |s| s.into_inner());
        let about = t.text("about", true, sink).map(|s| s.into_inner()).unwrap_or_default();
        let mut points = Points::default();
        for r in Rubric::ALL {
            if let Some(n) =
                t.int(r.key(), false, sink).and_then(|n| toml_read::int_in(n, r.key(), -MAX_POINTS, MAX_POINTS, sink))
            {
                points.add(r, *n.get_ref() as i32);
            }
        }
        let trust = t
            .int("trust", false, sink)
            .and_then(|n| toml_read::int_in(n, "trust", rapport::MIN.into(), rapport::MAX.into(), sink))
            .map_or(0, |n| *n.get_ref() as i32);
        entries[skill as usize] = Some(SkillEntry { name, about, points, trust });
    }
    let missing: Vec<&str> = Skill::ALL.iter().filter(|s| entries[**s as usize].is_none()).map(|s| s.code()).collect();
    if !missing.is_empty() {
        sink.push(
            Diagnostic::new(
                Code::H060,
                skills.span.clone(),
                format!("the rubric table has no entry for {}", toml_read::list(&missing)),
            )
            .help("every skill code needs a `[skills.CODE]` table, so every option can be scored"),
        );
        return None;
    }
    Some(RubricTable {
        speech_points,
        pass_score,
        entries: entries.into_iter().flatten().collect(),
        source: source.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(Code, usize)> {
        let src = SourceFile::new(Origin::BuiltIn("t"), text.into());
        RubricTable::parse(&src).unwrap_err().iter().map(|d| (d.code, d.span.clone().unwrap_or(0..0).start)).collect()
    }

    #[test]
    fn a_raw_control_character_in_a_rubric_file_is_named_where_it_stands() {
        // The same document checks as a scenario: H016 at the ESC byte, not a syntax error.
        let text = RubricTable::default_text().replacen("Reflection\"", "Reflection\u{1b}[31m\"", 1);
        let at = text.find('\u{1b}').unwrap();
        assert_eq!(codes(&text), vec![(Code::H016, at)]);
    }

    #[test]
    fn an_empty_or_all_comment_rubric_file_is_h007() {
        assert_eq!(codes("  \n"), vec![(Code::H007, 0)]);
        assert_eq!(codes("# my table\n# to do\n"), vec![(Code::H007, 0)]);
        assert_eq!(codes(&RubricTable::default_text().replacen("format = 1", "format = 3", 1)).len(), 1);
    }

    #[test]
    fn builtin_table_is_valid_and_matches_the_documented_shape() {
        let t = RubricTable::builtin();
        assert_eq!(t.speech_points, 2);
        assert_eq!(t.pass_score, 70);
        // No positive skill lowers rapport, no pitfall raises it (docs/scoring.md: crossing a boundary
        // and a false promise leave it where it is: in the moment the peer is often grateful).
        for s in Skill::ALL {
            let e = t.entry(*s);
            let total = e.points.total();
            if total > 0 {
                assert!(e.trust >= 0, "{s} earns points but lowers rapport");
            } else if total < 0 {
                assert!(e.trust <= 0, "{s} is a pitfall but raises rapport");
            }
            assert!(!e.about.is_empty());
        }
        assert!(t.is_pitfall(&[Skill::Advice]));
        assert!(
            !t.is_pitfall(&[Skill::Reflection, Skill::Advice])
                || t.points(&[Skill::Reflection, Skill::Advice]).total() < 0
        );
    }

    #[test]
    fn a_table_missing_skills_names_them() {
        let src = SourceFile::new(
            Origin::BuiltIn("t"),
            "[speech]\nnon_interruption = 1\n[skills.reflection]\nabout = \"x\"\n".into(),
        );
        let errs = RubricTable::parse(&src).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].code, Code::H060);
        assert!(errs[0].message.contains("`complex-reflection`"));
    }
}

#[cfg(test)]
mod pass_score_tests {
    use super::*;

    #[test]
    fn the_pass_score_is_read_and_checked() {
        let with = |line: &str| RubricTable::default_text().replacen("pass_score = 70", line, 1);
        let src = SourceFile::new(Origin::BuiltIn("t"), with("pass_score = 85"));
        assert_eq!(RubricTable::parse(&src).unwrap().pass_score, 85);
        let src = SourceFile::new(Origin::BuiltIn("t"), with("pass_score = 101"));
        let errs = RubricTable::parse(&src).unwrap_err();
        assert_eq!(errs.iter().map(|d| d.code).collect::<Vec<_>>(), [Code::H015]);
        // Without a [result] table the default applies.
        let text = RubricTable::default_text();
        let start = text.find("[result]").unwrap();
        let end = start + text[start..].find("\n\n").unwrap();
        let src = SourceFile::new(Origin::BuiltIn("t"), format!("{}{}", &text[..start], &text[end..]));
        assert_eq!(RubricTable::parse(&src).unwrap().pass_score, DEFAULT_PASS_SCORE);
    }
}
