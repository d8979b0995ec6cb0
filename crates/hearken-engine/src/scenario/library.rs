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

#[derive(Debug, Default, Clone)]
pub struct Library {
    pub entries: Vec<Entry>,
}

impl Library {
    /// A library of the given entries, with ids loaded twice reported (H034).
    pub fn from_entries(entries: Vec<Entry>) -> Library {
        let mut lib = Library { entries };
        lib.check_duplicate_ids();
        lib
    }

    /// A scenario id loaded twice is an error on the later file, naming both (H034).
    fn check_duplicate_ids(&mut self) {
        let mut seen: HashMap<String, String> = HashMap::new();
        for entry in &mut self.entries {
            let Some(s) = &entry.scenario else { continue };
            match seen.get(&s.id) {
                Some(first) if *first != entry.report.name => {
                    entry.report.diagnostics.push(
                        Diagnostic::new(
                            Code::H034,
                            s.id_span.clone(),
                            format!("the scenario id `{}` is already used by {first}", s.id),
                        )
                        .help("every scenario needs its own id: rename one of them"),
                    );
                    entry.scenario = None;
                }
                Some(_) => entry.scenario = None, // the same file named twice: keep the first
                None => {
                    seen.insert(s.id.clone(), entry.report.name.clone());
                }
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
