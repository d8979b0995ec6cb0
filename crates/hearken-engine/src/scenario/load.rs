//! Reads a scenario file into the model, reporting every problem it finds (docs/scenario-format.md).

use super::load_node::{NodeRefs, read_node, read_tests};
use super::{Difficulty, EndingKind, Gaps, MAX_NODES, Node, NodeId, Peer, Scenario};
use crate::diagnostic::{Code, Diagnostic, Sink};
use crate::rapport;
use crate::source::{SourceFile, Span};
use crate::text::{did_you_mean, is_kebab_case, to_kebab_case};
use crate::toml_read::{self, FileKind, Table, What};
use std::sync::Arc;

/// The result of loading one file: the scenario when it has no errors, and everything found.
#[derive(Debug)]
pub struct Loaded {
    pub scenario: Option<Scenario>,
    /// What could be read of a file with errors (`gaps` says what could not), so the checks
    /// that need the whole conversation still run on it: every problem in one run (docs/diagnostics/).
    /// Never played.
    pub partial: Option<Scenario>,
    pub diagnostics: Vec<Diagnostic>,
}

const SCENARIO_FILE: FileKind =
    FileKind { noun: "scenario", start_from: "`hearken new ID` writes a starter scenario to begin from" };
const TOP_KEYS: &[&str] =
    &["format", "id", "title", "summary", "difficulty", "tags", "start", "peer", "nodes", "tests"];
/// The top-level keys that hold values rather than tables: written below a `[header]`, TOML reads
/// them as that table's (H019).
const TOP_VALUE_KEYS: &[&str] = &["format", "id", "title", "summary", "difficulty", "tags", "start"];
const PEER_KEYS: &[&str] = &["name", "about", "pace", "trust"];

pub fn load(source: Arc<SourceFile>) -> Loaded {
    let mut sink = Sink::default();
    let scenario = read(&source, &mut sink);
    let (scenario, partial) = if sink.has_errors() {
        (None, scenario.map(|s| Scenario { gaps: Gaps { partial: true, ..s.gaps }, ..s }))
    } else {
        (scenario, None)
    };
    Loaded { scenario, partial, diagnostics: sink.diagnostics }
}

/// Reads the file into a scenario. Whatever fails to load is reported and replaced by a
/// placeholder recorded in `gaps`, so a file with errors still gives the checks a model of all
/// that did load; `None` only when the file is not TOML at all.
fn read(source: &Arc<SourceFile>, sink: &mut Sink) -> Option<Scenario> {
    let text = toml_read::blank_forbidden_chars(&source.text, sink);
    let mut repaired = None;
    let root = toml_read::document(&text, &mut repaired, &SCENARIO_FILE, sink)?;
    let top = Table::new(&root, 0..0, What::Named("the scenario"));
    top.check_keys(TOP_KEYS, sink);
    let nodes_table = top.table("nodes", What::Named("`[nodes]`"), true, sink);
    misplaced_top_keys(&top, nodes_table.as_ref(), sink);
    let mut gaps = Gaps::default();

    let id = top.text("id", true, sink).and_then(|v| kebab_id(v, "scenario id", sink));
    let title = top.text("title", true, sink).and_then(|v| toml_read::nonblank(v, "title", sink));
    let summary = top.text("summary", false, sink).map(|s| s.into_inner()).unwrap_or_default();
    let difficulty = top.text("difficulty", true, sink).and_then(|v| {
        let d = choice(&v, "difficulty", &Difficulty::NAMES, sink)?;
        Some([Difficulty::Beginner, Difficulty::Intermediate, Difficulty::Advanced][d])
    });
    let tags = top.get("tags").map(|v| toml_read::text_list(v, "tags", sink)).unwrap_or_default();
    let peer = top
        .table("peer", What::Named("`[peer]`"), true, sink)
        .map(|t| read_peer(&t.excuse(TOP_VALUE_KEYS), sink))
        .unwrap_or_else(Peer::placeholder);

    let refs = nodes_table.as_ref().and_then(|t| node_refs(t, sink));
    let start = top.text("start", true, sink);
    // A misspelt `start` counts as the node its did-you-mean names, for the checks that follow.
    let start = match (&refs, start) {
        (Some(refs), Some(s)) => refs.resolve_guess(&s, "start", sink).map_or_else(|guess| guess, Some),
        _ => None,
    };
    let mut nodes = Vec::new();
    if let (Some(table), Some(refs)) = (&nodes_table, &refs) {
        misnamed_nodes(table, refs, &mut gaps, sink);
        for (i, (key, value)) in table.inner.iter().enumerate() {
            let id: &str = key.get_ref().as_ref();
            let node = match toml_read::table(value, id, What::Node(id), sink) {
                Some(t) => read_node(id, NodeId(i), &t.excuse(TOP_VALUE_KEYS), refs, &mut gaps, sink),
                None => {
                    // Not a table: a node with no way on keeps its place, so every id still
                    // names the right node.
                    gaps.open_ends.insert(i);
                    Node::placeholder(id, value.span())
                }
            };
            nodes.push(node);
        }
    }
    let tests = match (&refs, top.get("tests")) {
        (Some(refs), Some(v)) => read_tests(v, refs, sink),
        _ => Vec::new(),
    };
    let id_span = top.get("id").map(|v| v.span()).unwrap_or(0..0);
    gaps.start = start.is_none() || nodes.is_empty();
    Some(Scenario {
        id: id.map(|v| v.into_inner()).unwrap_or_default(),
        title: title.map(|v| v.into_inner()).unwrap_or_default(),
        summary,
        difficulty: difficulty.unwrap_or(Difficulty::Beginner),
        tags: tags.into_iter().map(|t| t.into_inner()).collect(),
        peer,
        start: start.unwrap_or(NodeId(0)),
        nodes,
        tests,
        source: source.clone(),
        content_hash: std::sync::OnceLock::new(),
        id_span,
        gaps,
    })
}

/// The scenario's own keys (`start`, `tags`...) written below `[peer]` or a `[nodes.ID]`
/// header: TOML reads every key after a header as part of that table, so they belong above the
/// first header (H019). They still count as given, so `start` is not also "missing".
fn misplaced_top_keys<'t, 'i>(top: &Table<'t, 'i>, nodes: Option<&Table<'t, 'i>>, sink: &mut Sink) {
    let peer = match top.inner.get("peer").map(|v| v.get_ref()) {
        Some(toml::de::DeValue::Table(peer)) => Some((None, peer)),
        _ => None,
    };
    let node_tables = nodes.into_iter().flat_map(|n| n.inner.iter()).filter_map(|(key, value)| match value.get_ref() {
        toml::de::DeValue::Table(t) => Some((Some(key.get_ref().as_ref()), t)),
        _ => None,
    });
    for (node, table) in peer.into_iter().chain(node_tables) {
        for (key, value) in table.iter() {
            let name: &'t str = key.get_ref().as_ref();
            if !TOP_VALUE_KEYS.contains(&name) {
                continue;
            }
            // Named only here: formatting a header for every node would cost a large file dearly.
            let header: String = match node {
                None => "[peer]".to_string(),
                Some(id) => format!("[nodes.{}]", toml_read::safe(id)),
            };
            sink.push(
                Diagnostic::new(
                    Code::H019,
                    key.span(),
                    format!("`{name}` belongs at the top of the file, but it is written below the {header} header, so TOML reads it as part of {header}"),
                )
                .help("move it above the first [header] in the file: every key after a header belongs to that header's table"),
            );
            if top.inner.get(name).is_none() {
                top.found_elsewhere(name, value);
            }
        }
    }
}

/// `[[nodes.openng.options]]`: a node that holds nothing but options, under a name that is a
/// near miss of another node's, is that node's options under a misspelt header. One error
/// names the node meant, instead of "missing `says`" here and "only one option" there.
fn misnamed_nodes(table: &Table<'_, '_>, refs: &NodeRefs, gaps: &mut Gaps, sink: &mut Sink) {
    for (i, (key, value)) in table.inner.iter().enumerate() {
        let toml::de::DeValue::Table(t) = value.get_ref() else { continue };
        if t.len() != 1 || t.get("options").is_none() {
            continue;
        }
        let id: &str = key.get_ref().as_ref();
        if !refs.may_suggest() {
            continue;
        }
        let Some(meant) = did_you_mean(id, refs.names().filter(|n| *n != id)) else { continue };
        let Some(meant_id) = refs.get(meant) else { continue };
        sink.push(
            Diagnostic::new(
                Code::H030,
                key.span(),
                format!(
                    "there is no node `{}`: these options are written under a misspelt node name",
                    toml_read::safe(id)
                ),
            )
            .help(format!("did you mean `{meant}`? write the header as [[nodes.{meant}.options]]")),
        );
        gaps.misnamed.insert(i, meant_id);
        gaps.guessed.push((meant_id, NodeId(i)));
    }
}

fn read_peer(t: &Table<'_, '_>, sink: &mut Sink) -> Peer {
    t.check_keys(PEER_KEYS, sink);
    let name = t.text("name", true, sink).and_then(|v| toml_read::nonblank(v, "name", sink));
    let about = t.text("about", true, sink).and_then(|v| toml_read::nonblank(v, "about", sink));
    // Each key is checked whatever the others hold: `pace = 0` must not hide `trust = 8`.
    let pace = t.int("pace", false, sink).and_then(|v| toml_read::int_in(v, "pace", 1, 200, sink));
    let trust = t
        .int("trust", false, sink)
        .and_then(|v| toml_read::int_in(v, "trust", rapport::MIN.into(), rapport::MAX.into(), sink));
    Peer {
        name: name.map(|v| v.into_inner()).unwrap_or_default(),
        about: about.map(|v| v.into_inner()).unwrap_or_default(),
        pace: pace.map_or(20, |v| *v.get_ref() as u32),
        trust: trust.map_or(0, |v| *v.get_ref() as i32),
    }
}

/// Collects node ids (so references can be resolved in any order) and checks their spelling.
fn node_refs(t: &Table<'_, '_>, sink: &mut Sink) -> Option<NodeRefs> {
    let count = t.inner.len();
    if count > MAX_NODES {
        sink.push(
            Diagnostic::new(
                Code::H004,
                t.span.clone(),
                format!("this scenario has {count} nodes; the most Hearken reads is {MAX_NODES}"),
            )
            .help("split the conversation into several scenarios"),
        );
        return None;
    }
    let mut ids = Vec::with_capacity(count);
    for (key, _) in t.inner.iter() {
        let id: &str = key.get_ref().as_ref();
        if !is_kebab_case(id) {
            sink.push(kebab_problem(id, key.span(), "node id"));
        }
        ids.push(id.to_string());
    }
    Some(NodeRefs::new(ids))
}

fn kebab_problem(id: &str, span: Span, what: &str) -> Diagnostic {
    let suggestion = to_kebab_case(id);
    let help = if suggestion.is_empty() {
        "use lowercase letters and digits, with single hyphens between words".to_string()
    } else {
        format!("write it as `{suggestion}`: lowercase letters and digits, with single hyphens between words")
    };
    Diagnostic::new(Code::H014, span, format!("the {what} `{}` is not kebab-case", toml_read::safe(id))).help(help)
}

fn kebab_id(v: toml::Spanned<String>, what: &str, sink: &mut Sink) -> Option<toml::Spanned<String>> {
    if is_kebab_case(v.get_ref()) {
        Some(v)
    } else {
        sink.push(kebab_problem(v.get_ref(), v.span(), what));
        None
    }
}

/// One of a fixed set of words (H017 otherwise); returns its index.
pub(super) fn choice(v: &toml::Spanned<String>, key: &str, allowed: &[&str], sink: &mut Sink) -> Option<usize> {
    if let Some(i) = allowed.iter().position(|a| a == v.get_ref()) {
        return Some(i);
    }
    let help = match did_you_mean(v.get_ref(), allowed.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("use one of {}", toml_read::list(allowed)),
    };
    sink.push(
        Diagnostic::new(
            Code::H017,
            v.span(),
            format!("`{}` is not a {key} Hearken knows", toml_read::safe(v.get_ref())),
        )
        .help(help),
    );
    None
}

impl NodeRefs {
    /// Looks up a node named in `start`, `next`, `go` or a test's `ending` (H030 if unknown).
    pub(super) fn resolve(&self, name: &toml::Spanned<String>, key: &str, sink: &mut Sink) -> Option<NodeId> {
        self.resolve_guess(name, key, sink).ok()
    }

    /// As `resolve`; an unknown name gives the node its did-you-mean suggests, if any.
    pub(super) fn resolve_guess(
        &self,
        name: &toml::Spanned<String>,
        key: &str,
        sink: &mut Sink,
    ) -> Result<NodeId, Option<NodeId>> {
        if let Some(id) = self.get(name.get_ref()) {
            return Ok(id);
        }
        let suggestion = if self.may_suggest() { did_you_mean(name.get_ref(), self.names()) } else { None };
        // A test's `ending` names a node, but a node's `ending` names a kind: an easy mix-up.
        let kind_for_node = key == "ending" && EndingKind::NAMES.contains(&name.get_ref().as_str());
        let help = match suggestion {
            _ if kind_for_node => format!(
                "a test's `ending` names the ending node the path should reach (the ID of its [nodes.ID] table), not its kind `{}`",
                toml_read::safe(name.get_ref())
            ),
            Some(s) => format!("did you mean `{s}`?"),
            None if self.len() == 0 => "there are no nodes yet: write them as [nodes.NAME] tables".to_string(),
            None if self.len() <= 12 => {
                format!("the nodes are: {}", toml_read::list(&self.names().collect::<Vec<_>>()))
            }
            None => "check the spelling against the `[nodes.ID]` headers".to_string(),
        };
        sink.push(
            Diagnostic::new(
                Code::H030,
                name.span(),
                format!("`{key}` names `{}`, but there is no such node", toml_read::safe(name.get_ref())),
            )
            .help(help),
        );
        Err(suggestion.and_then(|s| self.get(s)))
    }
}
