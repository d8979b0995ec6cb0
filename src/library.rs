//! Where scenarios and rubric tables come from on disk: the built-in library compiled into the
//! binary, `--scenarios DIR` folders, `<data dir>/scenarios` and `--rubric FILE`. The engine only
//! ever sees their text; this module is the one place that reads scenario files.

use crate::failure::{EXIT_INVALID, EXIT_USAGE, Failure, diagnostics_to_stderr};
use crate::settings::Settings;
use hearken_engine::diagnostic::{Code, Diagnostic, FileDiagnostics};
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::Scenario;
use hearken_engine::scenario::library::{Entry, Library};
use hearken_engine::source::{self, Origin, ReadFailure, SourceFile};
use std::path::{Path, PathBuf};
use std::sync::Arc;

include!(concat!(env!("OUT_DIR"), "/built_in_scenarios.rs"));

/// The scenarios compiled into the binary.
pub fn built_in(table: &RubricTable) -> Library {
    Library::from_entries(built_in_entries(table))
}

fn built_in_entries(table: &RubricTable) -> Vec<Entry> {
    BUILT_IN
        .iter()
        .map(|(name, text)| Entry::from_source(SourceFile::new(Origin::BuiltIn(name), text.to_string()), table))
        .collect()
}

/// Built-in scenarios (if `built_in`), then every `*.toml` under `paths`.
pub fn load(paths: &[PathBuf], built_in: bool, table: &RubricTable) -> Library {
    let mut entries = if built_in { built_in_entries(table) } else { Vec::new() };
    for path in paths {
        let (files, problems) = collect_toml_files(path);
        entries.extend(problems);
        entries.extend(files.iter().map(|f| entry_from_path(f, table)));
    }
    Library::from_entries(entries)
}

/// Reads, loads and validates one scenario file.
pub fn entry_from_path(path: &Path, table: &RubricTable) -> Entry {
    match read_path(path) {
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

/// Loads `--rubric FILE`.
pub fn rubric_from_path(path: &Path) -> Result<RubricTable, FileDiagnostics> {
    let src = read_path(path).map_err(|f| FileDiagnostics {
        name: Origin::Path(path.to_path_buf()).to_string(),
        source: f.source,
        diagnostics: vec![f.diagnostic],
    })?;
    RubricTable::from_source(&src)
}

/// Reads a file from disk, refusing files over the size limit before reading them whole.
pub fn read_path(path: &std::path::Path) -> Result<Arc<SourceFile>, ReadFailure> {
    let origin = Origin::Path(path.to_path_buf());
    let io_failure = |e: std::io::Error| ReadFailure {
        source: None,
        diagnostic: Diagnostic::new(Code::H090, None, format!("cannot read this file: {}", crate::io_error::plain(&e))),
        io: true,
    };
    let file = std::fs::File::open(path).map_err(io_failure)?;
    let mut bytes = Vec::new();
    // Read one byte past the limit: enough to know the file is too large, whatever its metadata says.
    std::io::Read::read_to_end(&mut std::io::Read::take(file, source::MAX_FILE_BYTES + 1), &mut bytes)
        .map_err(io_failure)?;
    source::from_bytes(origin, bytes)
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
                format!("cannot read {}: {}", Origin::Path(p.to_path_buf()), crate::io_error::plain(e)),
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

/// The library a trainee plays from: built-in and user scenarios.
pub fn for_practice(settings: &Settings, table: &RubricTable) -> Library {
    load(&settings.user_scenario_dirs(), true, table)
}

/// What `validate` and `test` check: the files and folders named, or, when none are, the
/// built-in library with any `--scenarios` folders.
pub fn for_checking(settings: &Settings, paths: &[PathBuf], table: &RubricTable) -> Library {
    if paths.is_empty() { load(&settings.scenario_dirs, true, table) } else { load(paths, false, table) }
}

/// A scenario named by id (from the library) or by path; its problems go to standard error.
pub fn resolve_scenario(settings: &Settings, name: &str, table: &RubricTable) -> Result<Arc<Scenario>, Failure> {
    let path = Path::new(name);
    if name.ends_with(".toml") || path.is_file() {
        let entry = entry_from_path(path, table);
        return match entry.scenario {
            Some(s) => Ok(s),
            None => {
                diagnostics_to_stderr(&[entry.report]);
                Err(Failure {
                    code: if entry.io_error { EXIT_USAGE } else { EXIT_INVALID },
                    message: format!("{name} has errors, so it cannot be played"),
                })
            }
        };
    }
    let lib = for_practice(settings, table);
    lib.find(name).ok_or_else(|| {
        let ids: Vec<&str> = lib.scenarios().map(|s| s.id.as_str()).collect();
        let hint = match hearken_engine::text::did_you_mean(name, ids.iter().copied()) {
            Some(s) => format!(" Did you mean `{s}`?"),
            None => " Run `hearken validate` to list problems, or give a path to a .toml file.".to_string(),
        };
        Failure::usage(format!("there is no scenario called `{name}`.{hint}"))
    })
}

/// `--rubric FILE`, or the built-in table; a bad file's problems go to standard error.
pub fn rubric_table(path: Option<&Path>) -> Result<Arc<RubricTable>, Failure> {
    match path {
        None => Ok(RubricTable::builtin()),
        Some(p) => rubric_from_path(p).map(Arc::new).map_err(|report| {
            let io = report.diagnostics.iter().any(|d| d.code == Code::H090);
            diagnostics_to_stderr(&[report]);
            Failure {
                code: if io { EXIT_USAGE } else { EXIT_INVALID },
                message: format!("the rubric table {} has errors", p.display()),
            }
        }),
    }
}
