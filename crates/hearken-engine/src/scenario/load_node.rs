//! Reading nodes, options, beats and tests.

use super::load::choice;
use super::{
    Beat, Branch, EndingKind, Gaps, MAX_PAUSE_SECONDS, Next, Node, NodeId, NodeKind, Reply, ScenarioTest, TestChoice,
};
use crate::diagnostic::{Code, Diagnostic, Sink};
use crate::rapport;
use crate::rubric::Skill;
use crate::text::did_you_mean;
use crate::toml_read::{self, Table, Value, What};
use std::collections::HashMap;
use toml::Spanned;
use toml::de::DeValue;

const NODE_KEYS: &[&str] = &["says", "hint", "interrupted", "critical", "options", "ending", "outcome"];
const REPLY_KEYS: &[&str] = &["text", "skills", "feedback", "reaction", "after", "paraphrases", "next"];
const BRANCH_KEYS: &[&str] = &["trust_at_least", "go"];
const TEST_KEYS: &[&str] = &["name", "choices", "ending", "min_score", "max_score", "met"];

/// Node ids by name, so references resolve wherever the node stands in the file.
pub(super) struct NodeRefs {
    names: Vec<String>,
    index: HashMap<String, usize>,
    /// Node names still to compare against in did-you-mean searches. Each search compares with
    /// every node, so without a cap a large file full of misspelt names would take quadratic time.
    suggestions_left: std::cell::Cell<usize>,
}

/// Name comparisons allowed for did-you-mean in one file: hundreds of searches on any real
/// scenario, a fraction of a second on a hostile one.
const SUGGESTION_BUDGET: usize = 200_000;

impl NodeRefs {
    pub(super) fn new(names: Vec<String>) -> NodeRefs {
        let index = names.iter().enumerate().map(|(i, n)| (n.clone(), i)).collect();
        NodeRefs { names, index, suggestions_left: std::cell::Cell::new(SUGGESTION_BUDGET) }
    }

    /// Whether one more did-you-mean search fits the budget (and spends it).
    pub(super) fn may_suggest(&self) -> bool {
        let left = self.suggestions_left.get();
        self.suggestions_left.set(left.saturating_sub(self.names.len()));
        left >= self.names.len()
    }

    pub(super) fn get(&self, name: &str) -> Option<NodeId> {
        self.index.get(name).copied().map(NodeId)
    }

    pub(super) fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    pub(super) fn len(&self) -> usize {
        self.names.len()
    }
}

pub(super) fn read_node(
    id: &str,
    at: NodeId,
    t: &Table<'_, '_>,
    refs: &NodeRefs,
    gaps: &mut Gaps,
    sink: &mut Sink,
) -> Node {
    // An option's `after` written on the node gets its own message below.
    t.check_keys_but(NODE_KEYS, &["after"], sink);
    node_keys_under_options(id, t, sink);
    let says = t.get("says");
    if says.is_none() && !gaps.misnamed.contains_key(&at.0) {
        t.required("says", sink);
    }
    let says = says.map(|v| beats(v, "says", true, sink)).unwrap_or_default();
    let hint = t.text("hint", false, sink).and_then(|v| toml_read::nonblank(v, "hint", sink)).map(Spanned::into_inner);
    let interrupted = t.get("interrupted").map(|v| beats(v, "interrupted", true, sink)).unwrap_or_default();
    let critical = t
        .text("critical", false, sink)
        .and_then(|v| toml_read::nonblank(v, "critical", sink))
        .map(|v| (v.span(), v.into_inner()));
    let ending = t.text("ending", false, sink);
    let kind = if let Some(ending) = ending {
        let kind = choice(&ending, "kind of ending", &EndingKind::NAMES, sink)
            .map(|i| [EndingKind::Good, EndingKind::Mixed, EndingKind::Poor][i]);
        if let Some(span) = t.key_span("options") {
            sink.push(
                Diagnostic::new(Code::H020, span, format!("node `{id}` is an ending, so it cannot have options"))
                    .help("remove `ending` and `outcome` to make it a decision, or remove its options"),
            );
        }
        for key in ["critical", "after"] {
            if let Some(span) = t.key_span(key) {
                let (message, help) = if key == "critical" {
                    (
                        format!("node `{id}` is an ending, so it cannot be a critical moment"),
                        "a critical moment is a decision the trainee must get right; put `critical` on the decision that leads here".to_string(),
                    )
                } else {
                    (
                        format!("node `{id}` is an ending, so it has no options to show after a line"),
                        "`after` belongs on an option of a decision: remove it here".to_string(),
                    )
                };
                sink.push(Diagnostic::new(Code::H026, span, message).help(help));
            }
        }
        for key in ["hint", "interrupted"] {
            if let Some(span) = t.key_span(key) {
                sink.push(
                    Diagnostic::new(Code::H024, span, format!("`{key}` does nothing on an ending"))
                        .help("an ending has no decision, so the trainee never needs a hint or gets the chance to interrupt: remove it"),
                );
            }
        }
        let outcome = match t.get("outcome") {
            Some(v) => toml_read::text(v, "outcome", sink).and_then(|v| toml_read::nonblank(v, "outcome", sink)),
            None => {
                sink.push(
                    Diagnostic::new(Code::H021, t.span.clone(), format!("the ending `{id}` has no `outcome`"))
                        .help("add `outcome = \"...\"`: a sentence on what happened to the person afterwards, shown in the report"),
                );
                None
            }
        };
        // A kind that did not load stands in as `mixed`: no check reads more into it.
        NodeKind::Ending {
            kind: kind.unwrap_or(EndingKind::Mixed),
            outcome: outcome.map(Spanned::into_inner).unwrap_or_default(),
        }
    } else {
        if let Some(span) = t.key_span("outcome") {
            sink.push(
                Diagnostic::new(Code::H023, span, format!("node `{id}` has an `outcome` but is not an ending")).help(
                    "add `ending = \"good\"` (or \"mixed\" or \"poor\") and remove its options, or remove the outcome",
                ),
            );
        }
        if let Some(span) = t.key_span("after") {
            sink.push(
                Diagnostic::new(Code::H010, span, format!("unknown key `after` in node `{id}`: it belongs on an option"))
                    .help(format!("write `after = N` in the [[nodes.{id}.options]] block of the option that may appear once line N has been spoken")),
            );
        }
        let lines = says.iter().filter(|b| matches!(b, Beat::Line(_))).count();
        let replies = read_replies(id, at, t, lines, refs, gaps, sink);
        NodeKind::Decision { replies }
    };
    let (critical_span, critical) = match critical {
        Some((span, text)) if matches!(kind, NodeKind::Decision { .. }) => (Some(span), Some(text)),
        _ => (None, None),
    };
    Node { id: id.to_string(), span: t.span.clone(), says, hint, interrupted, critical, critical_span, kind }
}

/// Keys of the node written below one of its `[[nodes.ID.options]]` headers: TOML reads every
/// key after a header as that header's, so `hint` there became part of the option (H019). Said
/// in those words, and the key still counts as the node's, so the one slip is one error.
fn node_keys_under_options(id: &str, t: &Table<'_, '_>, sink: &mut Sink) {
    let Some(DeValue::Array(items)) = t.inner.get("options").map(|v| v.get_ref()) else { return };
    let ending = t.inner.contains_key("ending");
    for (i, item) in items.iter().enumerate() {
        let DeValue::Table(option) = item.get_ref() else { continue };
        for (key, value) in option.iter() {
            let name: &str = key.get_ref().as_ref();
            if !NODE_KEYS.contains(&name) || name == "options" {
                continue;
            }
            let owner = if ending { format!("the ending `{id}`") } else { format!("node `{id}`") };
            sink.push(
                Diagnostic::new(
                    Code::H019,
                    key.span(),
                    format!(
                        "`{name}` belongs to {owner}, but it is written below a [[nodes.{id}.options]] header, so TOML reads it as part of option {}",
                        i + 1
                    ),
                )
                .help(format!("this key belongs to the node: move it above the first `[[nodes.{id}.options]]`")),
            );
            // Counted as the node's, so it is not also "missing"; but an `ending` found in an
            // option does not turn a decision into an ending: what was meant is not clear.
            if name != "ending" {
                t.found_elsewhere(name, value);
            }
        }
    }
}

fn read_replies(
    id: &str,
    at: NodeId,
    t: &Table<'_, '_>,
    lines: usize,
    refs: &NodeRefs,
    gaps: &mut Gaps,
    sink: &mut Sink,
) -> Vec<Reply> {
    let Some(v) = t.get("options") else {
        sink.push(
            Diagnostic::new(Code::H022, t.span.clone(), format!("node `{id}` has no options and is not an ending"))
                .help(format!(
                    "add options with [[nodes.{id}.options]] blocks, or make it an ending with `ending` and `outcome`"
                )),
        );
        gaps.open_ends.insert(at.0);
        return Vec::new();
    };
    if let DeValue::Table(_) = v.get_ref() {
        sink.push(
            Diagnostic::new(
                Code::H011,
                v.span(),
                format!("the options of node `{id}` are written as a single [table]"),
            )
            .help(format!("write each option as a [[nodes.{id}.options]] block, with double brackets")),
        );
        gaps.open_ends.insert(at.0);
        gaps.blind.insert(at.0);
        gaps.unsure_skills.insert(at.0);
        return Vec::new();
    }
    let Some((items, span)) = toml_read::array(v, "options", sink) else {
        gaps.open_ends.insert(at.0);
        gaps.blind.insert(at.0);
        gaps.unsure_skills.insert(at.0);
        return Vec::new();
    };
    if items.is_empty() {
        sink.push(
            Diagnostic::new(Code::H022, span.clone(), format!("node `{id}` has an empty list of options"))
                .help("add at least two options"),
        );
        gaps.open_ends.insert(at.0);
    }
    let mut replies: Vec<Reply> = Vec::new();
    // Option text -> its option number, so spotting duplicates stays linear however many options.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let what = What::Option { node: id, number: i + 1 };
        let Some(rt) = toml_read::table(item, "options", what, sink) else {
            gaps.open_ends.insert(at.0);
            gaps.blind.insert(at.0);
            gaps.unsure_skills.insert(at.0);
            continue;
        };
        let reply = read_reply(&rt.excuse(NODE_KEYS), id, at, lines, refs, gaps, sink);
        // A text that did not load is empty, and is not the same as another.
        if !reply.text.is_empty() {
            if let Some(&first) = seen.get(reply.text.trim()) {
                sink.push(
                    Diagnostic::new(
                        Code::H044,
                        reply.text_span.clone(),
                        format!("options {} and {} of node `{id}` have the same text", first + 1, i + 1),
                    )
                    .help("the trainee could not tell them apart: reword one, or remove it"),
                );
            } else {
                seen.insert(reply.text.trim().to_string(), i);
            }
        }
        replies.push(reply);
    }
    // Options written under a misspelt node name are this node's too (H030 says so there).
    let misplaced = gaps.misnamed.iter().filter(|(_, meant)| **meant == at).count();
    if items.len() == 1 && misplaced == 0 && !gaps.misnamed.contains_key(&at.0) {
        sink.push(Diagnostic::new(Code::H043, span, format!("node `{id}` has only one option")).help(
            "a decision with one option teaches nothing: add the things a new peer worker might really say instead",
        ));
    }
    replies
}

/// One option. Whatever does not load is reported and left empty, and `gaps` records what the
/// graph and rubric checks cannot see.
fn read_reply(
    t: &Table<'_, '_>,
    node: &str,
    at: NodeId,
    lines: usize,
    refs: &NodeRefs,
    gaps: &mut Gaps,
    sink: &mut Sink,
) -> Reply {
    t.check_keys(REPLY_KEYS, sink);
    let text = t.text("text", true, sink).and_then(|v| toml_read::nonblank(v, "text", sink));
    let feedback = t.text("feedback", true, sink).and_then(|v| toml_read::nonblank(v, "feedback", sink));
    // `skills = "open-question"`: H011 asks for the brackets; the code still counts for the
    // checks on the rest of the file.
    let one = match t.get("skills").map(|v| v.get_ref()) {
        Some(DeValue::String(code)) => Skill::from_code(code.as_ref()),
        _ => None,
    };
    let skills = t.array("skills", true, sink).map(|(items, span)| {
        if items.is_empty() {
            sink.push(
                Diagnostic::new(Code::H018, span, "`skills` is empty")
                    .help("name at least one skill code, e.g. skills = [\"reflection\"]"),
            );
        }
        // A misspelt code counts as the one its did-you-mean names, for the checks on the
        // rest of the file; a code with no near match leaves the option's skills unknown.
        let mut complete = !items.is_empty();
        let mut skills = Vec::with_capacity(items.len());
        for v in items.iter() {
            match skill(v, sink) {
                Ok(s) if skills.contains(&s) => sink.push(
                    Diagnostic::new(Code::H035, v.span(), format!("`{s}` is listed twice in this option's skills"))
                        .help("list each skill once: an option shows a skill or it does not, and it is scored once"),
                ),
                Ok(s) | Err(Some(s)) => skills.push(s),
                Err(None) => complete = false,
            }
        }
        (skills, complete)
    });
    let skills = match (skills, one) {
        (_, Some(one)) => vec![one],
        (Some((skills, true)), None) => skills,
        (Some((skills, false)), None) => {
            gaps.unsure_skills.insert(at.0);
            skills
        }
        (None, None) => {
            gaps.unsure_skills.insert(at.0);
            Vec::new()
        }
    };
    let reaction = t.get("reaction").map(|v| beats(v, "reaction", true, sink)).unwrap_or_default();
    let after = t.int("after", false, sink).and_then(|n| after_line(n, node, lines, sink));
    let paraphrases = match t.array("paraphrases", false, sink) {
        Some((items, _)) => items
            .iter()
            .filter_map(|v| {
                toml_read::text(v, "paraphrases", sink).and_then(|v| toml_read::nonblank(v, "paraphrases", sink))
            })
            .map(Spanned::into_inner)
            .collect(),
        None => Vec::new(),
    };
    let next_value = t.required("next", sink);
    let next_span = next_value.map(|v| v.span()).unwrap_or(t.span.clone());
    let next = match next_value {
        Some(v) => read_next(v, at, refs, gaps, sink),
        None => {
            gaps.open_ends.insert(at.0);
            gaps.blind.insert(at.0);
            Next::Branches(Vec::new())
        }
    };
    let (text_span, text) = match text {
        Some(text) => (text.span(), text.into_inner()),
        None => (t.span.clone(), String::new()),
    };
    Reply {
        text_span,
        text,
        skills,
        feedback: feedback.map(Spanned::into_inner).unwrap_or_default(),
        reaction,
        after,
        paraphrases,
        next,
        next_span,
        span: t.span.clone(),
    }
}

/// An option's `after`: a line of the node's `says`, counted from 1 (H025 otherwise).
fn after_line(n: Spanned<i64>, node: &str, lines: usize, sink: &mut Sink) -> Option<usize> {
    let v = *n.get_ref();
    if v >= 1 && (v as u64) <= lines as u64 {
        return Some(v as usize);
    }
    let said = match lines {
        0 => "no lines, only pauses".to_string(),
        1 => "1 line".to_string(),
        n => format!("{n} lines"),
    };
    let (message, help) = if v < 1 {
        (
            format!("`after = {v}` names no line: lines of `says` are counted from 1"),
            match lines {
                0 => "the node says no lines yet: remove `after`, so the option appears when the peer has finished".to_string(),
                _ => "write `after = 1` to show the option once the first line has been said, or remove `after` to show it when the peer has finished".to_string(),
            },
        )
    } else {
        (
            format!("`after = {v}`, but the `says` of node `{node}` has {said}"),
            match lines {
                0 => "remove `after`: the option appears when the peer has finished".to_string(),
                n => format!(
                    "use a number from 1 to {n} (pauses are not counted), or remove `after` to show the option when the peer has finished"
                ),
            },
        )
    };
    sink.push(Diagnostic::new(Code::H025, n.span(), message).help(help));
    None
}

/// A skill code; an unknown one gives the code its did-you-mean suggests, if any.
fn skill(v: &Value<'_>, sink: &mut Sink) -> Result<Skill, Option<Skill>> {
    if !matches!(v.get_ref(), DeValue::String(_)) {
        sink.push(
            Diagnostic::new(
                Code::H011,
                v.span(),
                format!("this item of `skills` is {}: each skill is a quoted code", toml_read::type_name(v.get_ref())),
            )
            .help("write each skill code in double quotes, e.g. skills = [\"reflection\", \"open-question\"]"),
        );
        return Err(None);
    }
    let code = toml_read::text(v, "skills", sink).ok_or(None)?;
    if let Some(s) = Skill::from_code(code.get_ref()) {
        return Ok(s);
    }
    let meant = did_you_mean(code.get_ref(), Skill::codes());
    let help = match meant {
        Some(s) => format!("did you mean `{s}`?"),
        None => {
            "the skill codes are listed in docs/scenario-format.md; `hearken explain H031` lists them too".to_string()
        }
    };
    sink.push(
        Diagnostic::new(Code::H031, code.span(), format!("unknown skill code `{}`", toml_read::safe(code.get_ref())))
            .help(help),
    );
    Err(meant.and_then(Skill::from_code))
}

/// Looks up a node named in `next` or `go`; a name that names no node is left out of the graph
/// (with its did-you-mean kept for reachability) and the node becomes an open end.
fn target(
    name: &Spanned<String>,
    key: &str,
    at: NodeId,
    refs: &NodeRefs,
    gaps: &mut Gaps,
    sink: &mut Sink,
) -> Option<NodeId> {
    match refs.resolve_guess(name, key, sink) {
        Ok(id) => Some(id),
        Err(guess) => {
            gaps.open_ends.insert(at.0);
            match guess {
                Some(meant) => gaps.guessed.push((at, meant)),
                None => {
                    gaps.blind.insert(at.0);
                }
            }
            None
        }
    }
}

/// The way on from an option. What does not load is left out (see `target`), so the result
/// always holds every branch that did.
fn read_next(v: &Value<'_>, at: NodeId, refs: &NodeRefs, gaps: &mut Gaps, sink: &mut Sink) -> Next {
    let mut open = || {
        gaps.open_ends.insert(at.0);
        gaps.blind.insert(at.0);
        Next::Branches(Vec::new())
    };
    match v.get_ref() {
        DeValue::String(_) => {
            let Some(name) = toml_read::text(v, "next", sink) else { return open() };
            match target(&name, "next", at, refs, gaps, sink) {
                Some(id) => Next::Go(id),
                None => Next::Branches(Vec::new()),
            }
        }
        DeValue::Array(items) => {
            if items.is_empty() {
                sink.push(
                    Diagnostic::new(Code::H018, v.span(), "`next` is an empty list").help(
                        "name a node, or give branches like [ { trust_at_least = 3, go = \"a\" }, { go = \"b\" } ]",
                    ),
                );
                return open();
            }
            let mut branches = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let Some(bt) = toml_read::table(item, "next", What::Branch(i + 1), sink) else {
                    gaps.open_ends.insert(at.0);
                    gaps.blind.insert(at.0);
                    continue;
                };
                bt.check_keys(BRANCH_KEYS, sink);
                // A condition that is there but not a whole number is still a condition: H011
                // says what is wrong with it, and no "this branch has no condition" follows.
                let has_cond = bt.get("trust_at_least").is_some() || bt.has_misspelling_of("trust_at_least");
                let cond = bt
                    .int("trust_at_least", false, sink)
                    .map(|n| toml_read::int_in(n, "trust_at_least", rapport::MIN.into(), rapport::MAX.into(), sink));
                let go = bt.text("go", true, sink).and_then(|g| target(&g, "go", at, refs, gaps, sink));
                let last = i + 1 == items.len();
                match (has_cond, last) {
                    (true, true) if bt.get("trust_at_least").is_some() => sink.push(
                        Diagnostic::new(Code::H032, item.span(), "the last branch of `next` has a condition, so sometimes no branch would apply")
                            .help("remove `trust_at_least` from the last branch: it is where the conversation goes when no condition holds"),
                    ),
                    (false, false) => sink.push(
                        Diagnostic::new(Code::H033, item.span(), "this branch has no condition, so the branches after it are never taken")
                            .help("give it a `trust_at_least`, or move it to the end"),
                    ),
                    _ => {}
                }
                match (cond, go) {
                    (Some(Some(t)), Some(go)) => {
                        branches.push(Branch { trust_at_least: Some(*t.get_ref() as i32), go })
                    }
                    (None, Some(go)) if !has_cond => branches.push(Branch { trust_at_least: None, go }),
                    (_, Some(go)) => {
                        // The condition did not load: the branch still leads there.
                        branches.push(Branch { trust_at_least: Some(0), go });
                    }
                    (_, None) => {}
                }
            }
            Next::Branches(branches)
        }
        _ => {
            sink.push(toml_read::wrong_type(v, "next", "text (a node id) or a list of branches"));
            open()
        }
    }
}

/// Beats: lines of speech and `{ pause = SECONDS }`.
pub(super) fn beats(v: &Value<'_>, key: &str, nonempty: bool, sink: &mut Sink) -> Vec<Beat> {
    let Some((items, span)) = toml_read::array(v, key, sink) else { return Vec::new() };
    if nonempty && items.is_empty() {
        sink.push(
            Diagnostic::new(Code::H018, span, format!("`{key}` is empty"))
                .help(format!("give at least one line, e.g. {key} = [\"...\"]")),
        );
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items.iter() {
        match item.get_ref() {
            DeValue::String(_) => {
                if let Some(line) = toml_read::text(item, key, sink).and_then(|s| toml_read::nonblank(s, key, sink)) {
                    out.push(Beat::Line(line.into_inner()));
                }
            }
            DeValue::Table(_) => {
                let Some(pt) = toml_read::table(item, key, What::Named("a pause"), sink) else { continue };
                pt.check_keys(&["pause"], sink);
                let Some(p) = pt.required("pause", sink).and_then(|p| toml_read::number(p, "pause", sink)) else {
                    continue;
                };
                let secs = *p.get_ref();
                if secs > 0.0 && secs <= MAX_PAUSE_SECONDS {
                    out.push(Beat::Pause { millis: (secs * 1000.0).round() as u32 });
                } else {
                    sink.push(
                        Diagnostic::new(
                            Code::H015,
                            p.span(),
                            format!("a pause of {secs} seconds is outside the allowed range"),
                        )
                        .help("a pause is more than 0 and at most 30 seconds, e.g. { pause = 2.5 }"),
                    );
                }
            }
            _ => sink.push(toml_read::wrong_type(item, key, "text (a line the peer says) or { pause = SECONDS }")),
        }
    }
    out
}

pub(super) fn read_tests(v: &Value<'_>, refs: &NodeRefs, sink: &mut Sink) -> Vec<ScenarioTest> {
    let Some((items, _)) = toml_read::array(v, "tests", sink) else { return Vec::new() };
    let mut tests = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(t) = toml_read::table(item, "tests", What::Test(i + 1), sink) else { continue };
        t.check_keys(TEST_KEYS, sink);
        let name = t.text("name", true, sink).and_then(|v| toml_read::nonblank(v, "name", sink));
        let choices = t
            .array("choices", true, sink)
            .map(|(items, _)| items.iter().filter_map(|c| test_choice(c, sink)).collect::<Vec<_>>());
        let ending =
            t.text("ending", false, sink).map(|e| refs.resolve(&e, "ending", sink).ok_or(()).map(|id| (id, e.span())));
        let score = |key: &str, sink: &mut Sink| {
            t.int(key, false, sink).map(|n| toml_read::int_in(n, key, 0, 100, sink).map(|n| *n.get_ref() as u8))
        };
        let min_score = score("min_score", sink);
        let max_score = score("max_score", sink);
        if let (Some(Some(lo)), Some(Some(hi))) = (min_score, max_score)
            && lo > hi
        {
            sink.push(
                Diagnostic::new(
                    Code::H052,
                    t.key_span("min_score").unwrap_or(t.span.clone()),
                    format!("`min_score` ({lo}) is above `max_score` ({hi}), so no score could pass"),
                )
                .help("swap them"),
            );
        }
        let met = match t.get("met") {
            Some(v) => match v.get_ref() {
                DeValue::Boolean(b) => Some(*b),
                _ => {
                    sink.push(toml_read::wrong_type(v, "met", "true or false"));
                    None
                }
            },
            None => None,
        };
        // A test with a part that did not load is kept with what did, so the checks on its
        // other parts still run (a bad ending name must not hide a swapped score range).
        let ending = match ending {
            Some(Ok((id, span))) => Some((id, span)),
            Some(Err(())) | None => None,
        };
        let (name, choices) = (name.map(Spanned::into_inner).unwrap_or_default(), choices.unwrap_or_default());
        // Whether `ending` names an ending node is checked in validation, once all nodes are read.
        tests.push(ScenarioTest {
            name,
            choices,
            ending: ending.clone().map(|e| e.0),
            ending_span: ending.map(|e| e.1),
            min_score: min_score.flatten(),
            max_score: max_score.flatten(),
            met,
            met_span: t.key_span("met"),
            span: t.span.clone(),
        });
    }
    tests
}

fn test_choice(v: &Value<'_>, sink: &mut Sink) -> Option<TestChoice> {
    let parsed = match v.get_ref() {
        DeValue::Integer(_) | DeValue::Float(_) => toml_read::int(v, "choices", &mut Sink::default())
            .and_then(|n| (*n.get_ref() >= 1).then(|| (*n.get_ref() as usize, false))),
        DeValue::String(s) => TestChoice::parse(s.as_ref()),
        _ => None,
    };
    if parsed.is_none() {
        let given = match v.get_ref() {
            DeValue::Integer(i) => format!("`{}` is not an option number", i.as_str()),
            DeValue::Float(f) => format!("`{}` is not an option number", f.as_str()),
            DeValue::String(s) => format!("\"{}\" is not an option number", toml_read::safe(s.as_ref())),
            other => format!("{} is not an option number", toml_read::type_name(other)),
        };
        sink.push(
            Diagnostic::new(
                Code::H050,
                v.span(),
                format!("{given}: a choice is a number like 2, or \"!2\" to interrupt with option 2"),
            )
            .help("option numbers count from 1, in the order the options appear in the file"),
        );
    }
    parsed.map(|(option, interrupt)| TestChoice { option, interrupt, span: v.span() })
}
