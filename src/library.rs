//! Where scenarios and rubric tables come from on disk: the built-in library compiled into the
//! binary, `--scenarios DIR` folders, `<data dir>/scenarios` and `--rubric FILE`. The engine only
//! ever sees their text; this module is the one place that reads scenario files.

use crate::failure::{EXIT_INVALID, EXIT_USAGE, Failure, diagnostics_to_stderr};
use crate::settings::Settings;
use hearken_engine::decode::{self, ReadFailure};
use hearken_engine::diagnostic::{Code, Diagnostic, FileDiagnostics};
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::Scenario;
use hearken_engine::scenario::library::{Entry, Library};
use hearken_engine::source::{Origin, SourceFile};
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

/// Built-in scenarios (if `built_in`), then every `*.toml` under `paths`. A path that holds no
/// scenario file is an error (H092), and files that look like scenarios but will not be read
/// (`x.toml.txt`, `Broken.TOML`) are named (H093): a CI job must not pass a folder it never read.
pub fn load(paths: &[PathBuf], built_in: bool, table: &RubricTable) -> Library {
    let mut entries = if built_in { built_in_entries(table) } else { Vec::new() };
    for path in paths {
        let found = collect_toml_files(path);
        let read_any = !found.files.is_empty();
        if !read_any && found.problems.is_empty() {
            entries.push(no_scenario_files(path, &found.look_alikes));
        } else {
            entries.extend(found.look_alikes.iter().map(|p| look_alike(p)));
        }
        entries.extend(found.problems);
        entries.extend(found.files.iter().map(|f| entry_from_path(f, table)));
    }
    Library::from_entries(entries)
}

/// The files and folders named, checked as `hearken validate` and `hearken test` check them:
/// every id is also checked against the built-in scenarios, which win in play (H034).
pub fn load_checked(paths: &[PathBuf], table: &RubricTable) -> Library {
    let mut lib = load(paths, false, table);
    lib.check_against(&built_in(table));
    lib
}

fn whole_path_entry(path: &Path, d: Diagnostic) -> Entry {
    Entry {
        scenario: None,
        report: FileDiagnostics {
            name: Origin::Path(path.to_path_buf()).to_string(),
            source: None,
            diagnostics: vec![d],
        },
        io_error: false,
    }
}

/// H092: a folder (or a file given by name) with no `*.toml` scenario in it.
fn no_scenario_files(path: &Path, look_alikes: &[PathBuf]) -> Entry {
    let help = match look_alikes {
        [] => "scenario files end in .toml (lowercase); hidden files and folders (.name) are skipped".to_string(),
        some => format!(
            "only names ending in .toml (lowercase) are read; rename {}",
            some.iter().map(|p| format!("`{}`", shown_name(p))).collect::<Vec<_>>().join(", ")
        ),
    };
    whole_path_entry(path, Diagnostic::new(Code::H092, None, "no scenario files here: nothing was checked").help(help))
}

/// H093: a file that looks like a scenario but is not read.
fn look_alike(path: &Path) -> Entry {
    let name = shown_name(path);
    whole_path_entry(
        path,
        Diagnostic::new(Code::H093, None, format!("`{name}` looks like a scenario file, but it is not read"))
            .help(format!("only names ending in .toml (lowercase) are read: rename it to `{}`", toml_name(&name))),
    )
}

fn shown_name(p: &Path) -> String {
    hearken_engine::text::terminal_safe(&p.file_name().unwrap_or_default().to_string_lossy()).into_owned()
}

/// `x.toml.txt` -> `x.toml`, `Broken.TOML` -> `Broken.toml`.
fn toml_name(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let at = lower.rfind(".toml").unwrap_or(name.len());
    format!("{}.toml", &name[..at])
}

/// A name that looks like a scenario file but does not end in `.toml`: another case (`.TOML`),
/// or `.toml` with more after it (`.toml.txt`, as some editors save it).
fn looks_like_toml(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    !name.ends_with(".toml") && (lower.ends_with(".toml") || lower.contains(".toml."))
}

/// What a walk found: the files to read, the folders that could not be read, and the files that
/// look like scenarios but are not read.
pub struct Found {
    pub files: Vec<PathBuf>,
    pub problems: Vec<Entry>,
    pub look_alikes: Vec<PathBuf>,
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
                diagnostics: vec![*f.diagnostic],
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
        diagnostics: vec![*f.diagnostic],
    })?;
    RubricTable::from_source(&src)
}

/// Reads a file from disk, refusing files over the size limit before reading them whole.
pub fn read_path(path: &std::path::Path) -> Result<Arc<SourceFile>, ReadFailure> {
    let origin = Origin::Path(path.to_path_buf());
    let io_failure = |e: std::io::Error| ReadFailure {
        source: None,
        diagnostic: Box::new(Diagnostic::new(
            Code::H090,
            None,
            format!("cannot read this file: {}", crate::io_error::plain(&e)),
        )),
        io: true,
    };
    let file = std::fs::File::open(path).map_err(io_failure)?;
    let mut bytes = Vec::new();
    // Read one byte past the limit: enough to know the file is too large, whatever its metadata says.
    std::io::Read::read_to_end(&mut std::io::Read::take(file, decode::MAX_FILE_BYTES + 1), &mut bytes)
        .map_err(io_failure)?;
    decode::from_bytes(origin, bytes)
}

/// Every `*.toml` file at or below `path`, sorted so output is the same on every machine, and
/// an entry for each folder that could not be read: one unreadable subfolder must not hide the
/// problems in the rest. The walk is iterative and does not follow links to folders, so no tree
/// can make it loop. A link named `*.toml` is kept even when broken, so reading it reports why.
/// Hidden files and folders (`.taplo.toml`, `.git`) are skipped, as editors' own files; a path
/// named on the command line is read whatever its name.
pub fn collect_toml_files(path: &Path) -> Found {
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
        Err(e) => return Found { files: Vec::new(), problems: vec![unreadable(path, &e)], look_alikes: Vec::new() },
    };
    if !meta.is_dir() {
        return Found { files: vec![path.to_path_buf()], problems: Vec::new(), look_alikes: Vec::new() };
    }
    let (mut files, mut problems, mut look_alikes) = (Vec::new(), Vec::new(), Vec::new());
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
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
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
            } else if looks_like_toml(&name) && !ft.is_dir() {
                look_alikes.push(p);
            }
        }
    }
    files.sort();
    look_alikes.sort();
    problems.sort_by(|a, b| a.report.name.cmp(&b.report.name));
    Found { files, problems, look_alikes }
}

/// The library a trainee plays from: built-in and user scenarios.
pub fn for_practice(settings: &Settings, table: &RubricTable) -> Library {
    load(&settings.user_scenario_dirs(), true, table)
}

/// What `validate` and `test` check: the files and folders named, or, when none are, the
/// built-in library with any `--scenarios` folders.
pub fn for_checking(settings: &Settings, paths: &[PathBuf], table: &RubricTable) -> Library {
    if paths.is_empty() { load(&settings.scenario_dirs, true, table) } else { load_checked(paths, table) }
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
