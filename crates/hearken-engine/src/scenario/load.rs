//! Reads a scenario file into the model, reporting every problem it finds (SPEC §2).

use super::load_node::{NodeRefs, read_node, read_tests};
use super::{Difficulty, MAX_NODES, NodeId, Peer, Scenario};
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
    pub diagnostics: Vec<Diagnostic>,
}

const SCENARIO_FILE: FileKind =
    FileKind { noun: "scenario", start_from: "`hearken new ID` writes a starter scenario to begin from" };
const TOP_KEYS: &[&str] =
    &["format", "id", "title", "summary", "difficulty", "tags", "start", "peer", "nodes", "tests"];
const PEER_KEYS: &[&str] = &["name", "about", "pace", "trust"];

pub fn load(source: Arc<SourceFile>) -> Loaded {
    let mut sink = Sink::default();
    let scenario = read(&source, &mut sink);
    let scenario = if sink.has_errors() { None } else { scenario };
    Loaded { scenario, diagnostics: sink.diagnostics }
}

fn read(source: &Arc<SourceFile>, sink: &mut Sink) -> Option<Scenario> {
    let text = toml_read::blank_forbidden_chars(&source.text, sink);
    let root = toml_read::document(&text, &SCENARIO_FILE, sink)?;
    let top = Table::new(&root, 0..0, What::Named("the scenario"));
    top.check_keys(TOP_KEYS, sink);

    let id = top.text("id", true, sink).and_then(|v| kebab_id(v, "scenario id", sink));
    let title = top.text("title", true, sink).and_then(|v| toml_read::nonblank(v, "title", sink));
    let summary = top.text("summary", false, sink).map(|s| s.into_inner()).unwrap_or_default();
    let difficulty = top.text("difficulty", true, sink).and_then(|v| {
        let d = choice(&v, "difficulty", &Difficulty::NAMES, sink)?;
        Some([Difficulty::Beginner, Difficulty::Intermediate, Difficulty::Advanced][d])
    });
    let tags = top.get("tags").map(|v| toml_read::text_list(v, "tags", sink)).unwrap_or_default();
    let peer = top.table("peer", What::Named("`[peer]`"), true, sink).and_then(|t| read_peer(&t, sink));

    let nodes_table = top.table("nodes", What::Named("`[nodes]`"), true, sink);
    let refs = nodes_table.as_ref().and_then(|t| node_refs(t, sink));
    let start = top.text("start", true, sink);
    let start = match (&refs, start) {
        (Some(refs), Some(s)) => refs.resolve(&s, "start", sink),
        _ => None,
    };
    let mut nodes = Vec::new();
    if let (Some(table), Some(refs)) = (&nodes_table, &refs) {
        for (key, value) in table.inner.iter() {
            let id: &str = key.get_ref().as_ref();
            let Some(t) = toml_read::table(value, id, What::Node(id), sink) else {
                continue;
            };
            if let Some(node) = read_node(id, &t, refs, sink) {
                nodes.push(node);
            }
        }
    }
    let tests = match (&refs, top.get("tests")) {
        (Some(refs), Some(v)) => read_tests(v, refs, sink),
        _ => Vec::new(),
    };
    let id_span = top.get("id").map(|v| v.span()).unwrap_or(0..0);
    Some(Scenario {
        id: id?.into_inner(),
        title: title?.into_inner(),
        summary,
        difficulty: difficulty?,
        tags: tags.into_iter().map(|t| t.into_inner()).collect(),
        peer: peer?,
        start: start?,
        nodes,
        tests,
        source: source.clone(),
        content_hash: std::sync::OnceLock::new(),
        id_span,
    })
}

fn read_peer(t: &Table<'_, '_>, sink: &mut Sink) -> Option<Peer> {
    t.check_keys(PEER_KEYS, sink);
    let name = t.text("name", true, sink).and_then(|v| toml_read::nonblank(v, "name", sink));
    let about = t.text("about", true, sink).and_then(|v| toml_read::nonblank(v, "about", sink));
    let pace = match t.int("pace", false, sink) {
        Some(v) => Some(*toml_read::int_in(v, "pace", 1, 200, sink)?.get_ref() as u32),
        None => Some(20),
    };
    let trust = match t.int("trust", false, sink) {
        Some(v) => {
            Some(*toml_read::int_in(v, "trust", rapport::MIN.into(), rapport::MAX.into(), sink)?.get_ref() as i32)
        }
        None => Some(0),
    };
    Some(Peer { name: name?.into_inner(), about: about?.into_inner(), pace: pace?, trust: trust? })
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
        if let Some(id) = self.get(name.get_ref()) {
            return Some(id);
        }
        let suggestion = if self.may_suggest() { did_you_mean(name.get_ref(), self.names()) } else { None };
        let help = match suggestion {
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
        None
    }
}
