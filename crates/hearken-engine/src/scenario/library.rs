//! The scenarios a trainee can practise. Every file is loaded and validated; files with errors stay
//! in the library with their diagnostics, so the home screen can show what is wrong instead of
//! crashing. Finding the files on disk is the binary's job (`hearken::library`).

use super::{Scenario, load, validate::validate};
use crate::diagnostic::{Code, Diagnostic, FileDiagnostics};
use crate::rubric::RubricTable;
use crate::source::SourceFile;
use std::collections::HashMap;
use std::sync::Arc;

/// One file in the library.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The scenario, when the file has no errors.
    pub scenario: Option<Arc<Scenario>>,
    pub report: FileDiagnostics,
    /// True when the file could not be read at all (exit code 2 rather than 1).
    pub io_error: bool,
}

impl Entry {
    /// Loads and validates one source.
    pub fn from_source(source: Arc<SourceFile>, table: &RubricTable) -> Entry {
        let loaded = load(source.clone());
        let mut diagnostics = loaded.diagnostics;
        // A file with errors is checked as far as it loaded: one run shows every problem.
        if let Some(partial) = &loaded.partial {
            diagnostics.extend(validate(partial, table));
        }
        if let Some(d) = loaded.scenario.as_ref().or(loaded.partial.as_ref()).and_then(id_and_file_name) {
            diagnostics.push(d);
        }
        let scenario = loaded.scenario.and_then(|s| {
            diagnostics.extend(validate(&s, table));
            let ok = !diagnostics.iter().any(|d| d.severity() == crate::diagnostic::Severity::Error);
            ok.then(|| Arc::new(s))
        });
        Entry {
            scenario,
            report: FileDiagnostics { name: source.name(), source: Some(source), diagnostics },
            io_error: false,
        }
    }

    /// The first problem, for one-line listings such as the home screen.
    pub fn first_error(&self) -> Option<&Diagnostic> {
        self.report.diagnostics.iter().find(|d| d.severity() == crate::diagnostic::Severity::Error)
    }
}

/// H037: a file on disk whose name is not its id. `hearken play ID` and the guide both expect
/// `back-after-relapse.toml` to hold `id = "back-after-relapse"`, so a copied file that kept the
/// old id is found before it shadows or is shadowed by the original.
fn id_and_file_name(s: &Scenario) -> Option<Diagnostic> {
    let crate::source::Origin::Path(path) = &s.source.origin else { return None };
    let stem = path.file_stem()?.to_str()?;
    if s.id.is_empty() || s.id == stem {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::H037,
            s.id_span.clone(),
            format!("the id `{}` differs from the file name `{}`", s.id, crate::text::terminal_safe(stem)),
        )
        .help(format!(
            "name the file {}.toml, or change the id to match the file: one name for both finds the file from the id",
            s.id
        )),
    )
}

#[derive(Debug, Default, Clone)]
pub struct Library {
    pub entries: Vec<Entry>,
}

/// H034 on `s`, with the place `first` uses the id as the related place.
fn duplicate(s: &Scenario, first: &Entry) -> Diagnostic {
    let d = Diagnostic::new(
        Code::H034,
        s.id_span.clone(),
        format!("the scenario id `{}` is already used by {}", s.id, first.report.name),
    )
    .help("every scenario needs its own id: rename this one (and its file)");
    match (&first.report.source, &first.scenario) {
        (Some(src), Some(f)) => d.related_in(src.clone(), Some(f.id_span.clone()), "the id is first used here"),
        _ => d,
    }
}

impl Library {
    /// A library of the given entries, with ids loaded twice reported (H034).
    pub fn from_entries(entries: Vec<Entry>) -> Library {
        let mut lib = Library { entries };
        lib.check_duplicate_ids();
        lib
    }

    /// A scenario id loaded twice is an error on the later file, naming both (H034): the later
    /// file is the primary place, the first one the related place.
    fn check_duplicate_ids(&mut self) {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for i in 0..self.entries.len() {
            let Some(s) = self.entries[i].scenario.clone() else { continue };
            match seen.get(&s.id) {
                Some(&first) if self.entries[first].report.name != self.entries[i].report.name => {
                    let d = duplicate(&s, &self.entries[first]);
                    self.entries[i].report.diagnostics.push(d);
                    self.entries[i].scenario = None;
                }
                Some(_) => self.entries[i].scenario = None, // the same file named twice: keep the first
                None => {
                    seen.insert(s.id.clone(), i);
                }
            }
        }
    }

    /// Reports the scenarios here whose id one in `earlier` already has (H034, naming the file
    /// there): a file checked on its own must still not copy a built-in scenario's id, which
    /// would otherwise pass validation and then lose to the built-in in play.
    pub fn check_against(&mut self, earlier: &Library) {
        let ids: HashMap<&str, &Entry> =
            earlier.entries.iter().filter_map(|e| e.scenario.as_ref().map(|s| (s.id.as_str(), e))).collect();
        for entry in &mut self.entries {
            let Some(s) = entry.scenario.clone() else { continue };
            // The very file an earlier entry was loaded from (validating the folder the
            // built-in library is compiled from) is not a second scenario with that id.
            let same_text = |first: &Entry| first.scenario.as_ref().is_some_and(|f| f.source.text == s.source.text);
            if let Some(first) = ids.get(s.id.as_str()).filter(|first| !same_text(first)) {
                entry.report.diagnostics.push(duplicate(&s, first));
                entry.scenario = None;
            }
        }
    }

    pub fn scenarios(&self) -> impl Iterator<Item = &Arc<Scenario>> {
        self.entries.iter().filter_map(|e| e.scenario.as_ref())
    }

    pub fn find(&self, id: &str) -> Option<Arc<Scenario>> {
        self.scenarios().find(|s| s.id == id).cloned()
    }

    pub fn reports(&self) -> Vec<FileDiagnostics> {
        self.entries.iter().map(|e| e.report.clone()).collect()
    }
}
