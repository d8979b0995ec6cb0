//! `docs/architecture.md` is true: every `crate::module` a shell or engine module uses is listed
//! there, the arrows form no cycle, and the engine does no I/O and has no terminal, database or
//! CLI crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file below `dir`, with the top-level module it belongs to.
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(dir).unwrap();
                let top =
                    rel.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
                out.push((top, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out
}

/// Which top-level modules each module uses (`crate::x`, and `hearken_engine` as "engine").
fn actual(dir: &Path) -> Graph {
    let mut g = Graph::new();
    for (top, text) in files(dir) {
        if top == "lib" || top == "main" {
            continue;
        }
        let uses = g.entry(top.clone()).or_default();
        for part in text.split("crate::").skip(1) {
            let name: String = part.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
            if !name.is_empty() && name != top {
                uses.insert(name);
            }
        }
        if text.contains("hearken_engine") {
            uses.insert("engine".into());
        }
    }
    g
}

/// The "may use" column of the table that lists `first` in the doc.
fn documented(first: &str) -> Graph {
    let doc = std::fs::read_to_string(root().join("docs/architecture.md")).unwrap();
    let mut g = Graph::new();
    let rows: Vec<&str> = doc.lines().filter(|l| l.starts_with("| `")).collect();
    let start = rows.iter().position(|r| r.starts_with(&format!("| `{first}`"))).expect("the table is in the doc");
    for row in &rows[start..] {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let module = cells[1].trim_matches('`').to_string();
        let may: BTreeSet<String> = if cells[3] == "everything above" {
            g.keys().cloned().chain(["engine".to_string()]).collect()
        } else {
            cells[3]
                .split(',')
                .map(|c| c.trim().trim_matches('`').to_string())
                .filter(|c| !c.is_empty() && c != "—")
                .collect()
        };
        g.insert(module, may);
        if row.contains("| everything above |") {
            break;
        }
    }
    g
}

fn check(actual: &Graph, documented: &Graph) {
    for (module, uses) in actual {
        let allowed = documented.get(module).unwrap_or_else(|| panic!("`{module}` is not in docs/architecture.md"));
        for u in uses {
            assert!(allowed.contains(u), "`{module}` uses `{u}`, which docs/architecture.md does not allow");
        }
    }
}

#[test]
fn the_shell_modules_use_only_what_the_architecture_page_allows() {
    check(&actual(&root().join("src")), &documented("settings"));
}

#[test]
fn the_engine_modules_use_only_what_the_architecture_page_allows() {
    check(&actual(&root().join("crates/hearken-engine/src")), &documented("text"));
}

#[test]
fn the_module_arrows_form_no_cycle() {
    for g in [actual(&root().join("src")), actual(&root().join("crates/hearken-engine/src"))] {
        // The one pair the page names is set aside; any other way back is a cycle.
        let uses = |m: &str| -> Vec<String> {
            g.get(m)
                .map(|u| u.iter().filter(|t| !(m == "diagnostic" && *t == "source")).cloned().collect())
                .unwrap_or_default()
        };
        // Depth-first search, colouring modules on the path (1) and done (2).
        fn visit(
            m: &str,
            uses: &dyn Fn(&str) -> Vec<String>,
            state: &mut BTreeMap<String, u8>,
            path: &mut Vec<String>,
        ) {
            path.push(m.to_string());
            state.insert(m.to_string(), 1);
            for t in uses(m) {
                match state.get(&t) {
                    Some(1) => panic!("a cycle between modules: {} -> {t}", path.join(" -> ")),
                    Some(_) => {}
                    None => visit(&t, uses, state, path),
                }
            }
            state.insert(m.to_string(), 2);
            path.pop();
        }
        let mut state = BTreeMap::new();
        for m in g.keys() {
            if !state.contains_key(m) {
                visit(m, &uses, &mut state, &mut Vec::new());
            }
        }
    }
}

#[test]
fn the_engine_does_no_io_and_has_no_terminal_database_or_cli_crate() {
    let manifest = std::fs::read_to_string(root().join("crates/hearken-engine/Cargo.toml")).unwrap();
    for forbidden in ["ratatui", "crossterm", "rusqlite", "clap", "ureq", "directories"] {
        assert!(!manifest.contains(forbidden), "the engine depends on {forbidden}");
    }
    for (module, text) in files(&root().join("crates/hearken-engine/src")) {
        for io in ["std::fs", "std::net", "Instant::now", "SystemTime", "std::env::var", "std::process"] {
            assert!(!text.contains(io), "engine module `{module}` uses {io}");
        }
    }
}

#[test]
fn only_the_engine_reaches_the_classifier() {
    // The shell renders what the engine heard; it never classifies a typed answer itself.
    for (module, text) in files(&root().join("src")) {
        assert!(!text.contains("hearken_classifier"), "shell module `{module}` uses the classifier directly");
    }
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let deps = manifest.split("[dependencies]").nth(1).unwrap().split("\n[").next().unwrap();
    assert!(!deps.contains("hearken-classifier"), "the binary depends on the classifier directly");
}
