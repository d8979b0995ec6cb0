//! The scenario model: a conversation graph of nodes, each either a decision (the peer speaks,
//! the trainee chooses) or an ending. Loading keeps the source spans so every later check can
//! point at the exact place in the instructor's file.

pub mod graph;
pub mod library;
mod load;
mod load_node;
pub mod validate;

pub use load::{Loaded, load};

use crate::rubric::Skill;
use crate::source::{SourceFile, Span};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Largest number of nodes in one scenario (docs/scenario-format.md).
pub const MAX_NODES: usize = 10_000;
/// Longest pause, in seconds.
pub const MAX_PAUSE_SECONDS: f64 = 30.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub usize);

#[derive(Debug)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub difficulty: Difficulty,
    pub tags: Vec<String>,
    pub peer: Peer,
    pub start: NodeId,
    /// In file order.
    pub nodes: Vec<Node>,
    pub tests: Vec<ScenarioTest>,
    pub source: Arc<SourceFile>,
    /// SHA-256 of the file, worked out on first use: only history needs it, validation never.
    content_hash: std::sync::OnceLock<String>,
    pub id_span: Span,
    /// What a file with errors could not give this model (empty for a scenario that loaded).
    pub gaps: Gaps,
}

/// The parts of a file with errors that did not load, so the checks that run on the rest (graph,
/// rubric and test checks: every problem in one run, docs/diagnostics/) neither guess nor cascade: each
/// check either allows for a gap or says once that it could not run (H091).
#[derive(Clone, Debug, Default)]
pub struct Gaps {
    /// The file had errors: this model is partial and is never played.
    pub partial: bool,
    /// `start` did not load, so nothing can be said about which nodes are reached.
    pub start: bool,
    /// Nodes with a way on that did not load (a `next` naming no node, options that did not
    /// read). Those edges are left out of the graph, and the node counts as able to reach an
    /// ending, so one misspelt name never turns into "no ending can be reached" before it.
    pub open_ends: HashSet<usize>,
    /// Open ends with a way on that no did-you-mean could place: which nodes are reached past
    /// them is unknown.
    pub blind: HashSet<usize>,
    /// A misspelt node name the did-you-mean could place: (from, meant). Counted for which
    /// nodes are reached only, so the node it meant is not also called unreachable.
    pub guessed: Vec<(NodeId, NodeId)>,
    /// Nodes where a skill code or an option did not load: whether they are all pitfalls, or
    /// which rubrics they train, would be a guess.
    pub unsure_skills: HashSet<usize>,
    /// Nodes that only hold options and whose name is a near miss of another node's
    /// (`[[nodes.openng.options]]`): their options belong to that node.
    pub misnamed: HashMap<usize, NodeId>,
}

impl Gaps {
    pub fn is_empty(&self) -> bool {
        !self.partial
    }
}

impl Scenario {
    /// SHA-256 of the file, so history can tell which version of a scenario was practised.
    pub fn content_hash(&self) -> &str {
        self.content_hash.get_or_init(|| {
            use sha2::{Digest, Sha256};
            use std::fmt::Write;
            Sha256::digest(self.source.text.as_bytes()).iter().fold(String::with_capacity(64), |mut out, b| {
                let _ = write!(out, "{b:02x}");
                out
            })
        })
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.0]
    }

    pub fn find(&self, name: &str) -> Option<NodeId> {
        self.nodes.iter().position(|n| n.id == name).map(NodeId)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Beginner,
    Intermediate,
    Advanced,
}

impl Difficulty {
    pub const NAMES: [&'static str; 3] = ["beginner", "intermediate", "advanced"];

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

#[derive(Clone, Debug)]
pub struct Peer {
    pub name: String,
    pub about: String,
    /// Characters per second the peer speaks at.
    pub pace: u32,
    /// Starting rapport, -5..=5.
    pub trust: i32,
}

impl Peer {
    /// Stands in for a `[peer]` that did not load, in the model of a file with errors.
    pub(crate) fn placeholder() -> Peer {
        Peer { name: String::new(), about: String::new(), pace: 20, trust: 0 }
    }
}

/// One thing the peer says or does in a turn.
#[derive(Clone, Debug, PartialEq)]
pub enum Beat {
    Line(String),
    /// The peer gathering their thoughts.
    Pause {
        millis: u32,
    },
}

#[derive(Debug)]
pub struct Node {
    pub id: String,
    /// The `[nodes.ID]` header.
    pub span: Span,
    pub says: Vec<Beat>,
    pub hint: Option<String>,
    /// What the peer says when cut off mid-turn.
    pub interrupted: Vec<Beat>,
    /// A critical moment (decisions only): what matters here, in the author's words (docs/scoring.md).
    pub critical: Option<String>,
    /// The `critical` value, when there is one.
    pub critical_span: Option<Span>,
    pub kind: NodeKind,
}

impl Node {
    /// Stands in for a node that is not a table, in the model of a file with errors.
    pub(crate) fn placeholder(id: &str, span: Span) -> Node {
        Node {
            id: id.to_string(),
            span,
            says: Vec::new(),
            hint: None,
            interrupted: Vec::new(),
            critical: None,
            critical_span: None,
            kind: NodeKind::Decision { replies: Vec::new() },
        }
    }
}

#[derive(Debug)]
pub enum NodeKind {
    Decision { replies: Vec<Reply> },
    Ending { kind: EndingKind, outcome: String },
}

impl Node {
    /// The options at this node, in file order (none for an ending).
    pub fn replies(&self) -> &[Reply] {
        match &self.kind {
            NodeKind::Decision { replies } => replies,
            NodeKind::Ending { .. } => &[],
        }
    }

    /// How many lines (not pauses) the node's `says` has: the range of an option's `after`.
    pub fn line_count(&self) -> usize {
        self.says.iter().filter(|b| matches!(b, Beat::Line(_))).count()
    }

    pub fn is_ending(&self) -> bool {
        matches!(self.kind, NodeKind::Ending { .. })
    }

    pub fn ending(&self) -> Option<(EndingKind, &str)> {
        match &self.kind {
            NodeKind::Ending { kind, outcome } => Some((*kind, outcome)),
            NodeKind::Decision { .. } => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EndingKind {
    Good,
    Mixed,
    Poor,
}

impl EndingKind {
    pub const NAMES: [&'static str; 3] = ["good", "mixed", "poor"];

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// An option: one thing the trainee can say or do at a decision.
#[derive(Debug)]
pub struct Reply {
    pub text: String,
    pub skills: Vec<Skill>,
    pub feedback: String,
    /// Beats the peer says straight after this option.
    pub reaction: Vec<Beat>,
    /// Shown once line N (1-based, lines only) of the node's `says` has been spoken; `None`:
    /// shown when the peer has finished the turn (docs/scenario-format.md).
    pub after: Option<usize>,
    /// Other ways of saying the same thing, for matching typed answers (docs/typed-answers.md).
    pub paraphrases: Vec<String>,
    pub next: Next,
    /// The `next` value.
    pub next_span: Span,
    /// The `[[nodes.ID.options]]` header.
    pub span: Span,
    pub text_span: Span,
}

#[derive(Clone, Debug)]
pub enum Next {
    Go(NodeId),
    /// The first branch whose condition holds wins; the last has no condition.
    Branches(Vec<Branch>),
}

#[derive(Clone, Copy, Debug)]
pub struct Branch {
    pub trust_at_least: Option<i32>,
    pub go: NodeId,
}

impl Next {
    pub fn resolve(&self, trust: i32) -> NodeId {
        match self {
            Next::Go(id) => *id,
            Next::Branches(branches) => branches
                .iter()
                .find(|b| b.trust_at_least.is_none_or(|t| trust >= t))
                .or(branches.last())
                .map(|b| b.go)
                .expect("the loader refuses an empty branch list"),
        }
    }

    /// Every node this can lead to, whatever the rapport.
    pub fn targets(&self) -> impl Iterator<Item = NodeId> + '_ {
        let (one, many) = match self {
            Next::Go(id) => (Some(*id), &[][..]),
            Next::Branches(b) => (None, &b[..]),
        };
        one.into_iter().chain(many.iter().map(|b| b.go))
    }
}

/// A `[[tests]]` block.
#[derive(Clone, Debug)]
pub struct ScenarioTest {
    pub name: String,
    pub choices: Vec<TestChoice>,
    pub ending: Option<NodeId>,
    pub ending_span: Option<Span>,
    pub min_score: Option<u8>,
    pub max_score: Option<u8>,
    /// The expected result: met (`true`) or not yet (`false`) (docs/scoring.md).
    pub met: Option<bool>,
    pub met_span: Option<Span>,
    pub span: Span,
}

/// One decision in a test or a script: an option number in file order (1-based), and whether
/// it cuts the peer off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestChoice {
    pub option: usize,
    pub interrupt: bool,
    pub span: Span,
}

impl TestChoice {
    /// Reads `3` or `!3`. Returns `None` for anything else.
    pub fn parse(s: &str) -> Option<(usize, bool)> {
        let (interrupt, digits) = match s.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: usize = digits.parse().ok()?;
        (n >= 1).then_some((n, interrupt))
    }
}

impl std::fmt::Display for TestChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.interrupt { write!(f, "!{}", self.option) } else { write!(f, "{}", self.option) }
    }
}
