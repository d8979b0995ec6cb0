//! The scenarios a trainee can practise: the built-in ones, `--scenarios DIR` folders and
//! `<data dir>/scenarios`. Every file is loaded and validated; files with errors stay in the
//! library with their diagnostics, so the home screen can show what is wrong instead of crashing.

use super::{Scenario, load, validate::validate};
use crate::diagnostic::{Code, Diagnostic, FileDiagnostics};
use crate::rubric::RubricTable;
use crate::source::{self, Origin, SourceFile};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

include!(concat!(env!("OUT_DIR"), "/built_in_scenarios.rs"));

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

    pub fn from_path(path: &Path, table: &RubricTable) -> Entry {
        match source::read_path(path) {
            Ok(src) => Entry::from_source(src, table),
            Err(f) => Entry {
                scenario: None,
                report: FileDiagnostics {
                    name: Origin::Path(path.to_path_buf()).to_string(),
                    source: f.source,
                    diagnostics: vec![f.diagnostic],
                },
                io_error: f.io,
            },
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
    pub fn built_in(table: &RubricTable) -> Library {
        let entries = BUILT_IN
            .iter()
            .map(|(name, text)| Entry::from_source(SourceFile::new(Origin::BuiltIn(name), text.to_string()), table))
            .collect();
        let mut lib = Library { entries };
        lib.check_duplicate_ids();
        lib
    }

    /// Built-in scenarios (if `built_in`), then every `*.toml` under `paths`.
    pub fn load(paths: &[PathBuf], built_in: bool, table: &RubricTable) -> Library {
        let mut lib = if built_in { Library::built_in(table) } else { Library::default() };
        for path in paths {
            let (files, problems) = collect_toml_files(path);
            lib.entries.extend(problems);
            lib.entries.extend(files.iter().map(|f| Entry::from_path(f, table)));
        }
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

/// Every `*.toml` file at or below `path`, sorted so output is the same on every machine, and
/// an entry for each folder that could not be read: one unreadable subfolder must not hide the
/// problems in the rest. The walk is iterative and does not follow links to folders, so no tree
/// can make it loop. A link named `*.toml` is kept even when broken, so reading it reports why.
pub fn collect_toml_files(path: &Path) -> (Vec<PathBuf>, Vec<Entry>) {
    let unreadable = |p: &Path, e: &std::io::Error| Entry {
        scenario: None,
        report: FileDiagnostics {
            name: Origin::Path(p.to_path_buf()).to_string(),
            source: None,
            diagnostics: vec![Diagnostic::new(
                Code::H090,
                None,
                format!("cannot read {}: {}", Origin::Path(p.to_path_buf()), source::plain_io_error(e)),
            )],
        },
        io_error: true,
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return (Vec::new(), vec![unreadable(path, &e)]),
    };
    if !meta.is_dir() {
        return (vec![path.to_path_buf()], Vec::new());
    }
    let (mut files, mut problems) = (Vec::new(), Vec::new());
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let rd = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) => {
                problems.push(unreadable(&dir, &e));
                continue;
            }
        };
        for entry in rd {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    problems.push(unreadable(&dir, &e));
                    continue;
                }
            };
            let p = entry.path();
            let Ok(ft) = entry.file_type() else {
                files.push(p);
                continue;
            };
            if ft.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "toml") && (ft.is_file() || ft.is_symlink()) {
                if ft.is_symlink() && p.is_dir() {
                    continue;
                }
                files.push(p);
            }
        }
    }
    files.sort();
    problems.sort_by(|a, b| a.report.name.cmp(&b.report.name));
    (files, problems)
}
