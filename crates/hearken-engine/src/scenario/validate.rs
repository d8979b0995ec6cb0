//! Checks that need the whole scenario, the graph or the rubric table (docs/diagnostics/).

use super::graph::Analysis;
use super::{NodeKind, Scenario};
use crate::diagnostic::{Code, Diagnostic};
use crate::rubric::{Rubric, RubricTable};
use crate::scenario::{EndingKind, Next, Node};

/// Graph, rubric and test checks on a scenario: one that loaded, or the partial model of a file
/// with errors (every problem in one run, docs/diagnostics/). On a partial model each check allows for
/// what did not load (`s.gaps`); a check that cannot run at all is named in one note (H091).
pub fn validate(s: &Scenario, table: &RubricTable) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let gaps = &s.gaps;
    // No node loaded (none written, or more than the limit): the error that says so is the news,
    // and every check here would only echo it.
    if gaps.partial && s.nodes.is_empty() {
        return out;
    }
    let analysis = Analysis::of(s);
    // Checks that cannot run on this partial model, and why, for the one note at the end.
    // A check that would report something it cannot be sure of says so there instead, once.
    let mut skipped: Vec<(&str, &str)> = Vec::new();
    let mut skip = |check: &'static str, why: &'static str| {
        if !skipped.contains(&(check, why)) {
            skipped.push((check, why));
        }
    };
    // Past a way on that did not load, which nodes are reached is unknown.
    let blind = gaps.partial && gaps.blind.iter().any(|&i| analysis.reachable[i]);
    let unsure = |i: usize| gaps.partial && gaps.unsure_skills.contains(&i);
    for (i, node) in s.nodes.iter().enumerate() {
        let misnamed = gaps.partial && gaps.misnamed.contains_key(&i);
        if !analysis.reachable[i] && !misnamed && blind {
            skip("which nodes no path reaches", "an option's `next` did not load");
        } else if !analysis.reachable[i] && !misnamed {
            out.push(
                Diagnostic::new(
                    Code::H040,
                    node.span.clone(),
                    format!("no path from `start` leads to node `{}`", node.id),
                )
                .help("point an option's `next` at it, or remove it"),
            );
        }
        if !analysis.reaches_ending[i] {
            out.push(
                Diagnostic::new(
                    Code::H041,
                    node.span.clone(),
                    format!("from node `{}` no ending can be reached: the conversation would never finish", node.id),
                )
                .help(
                    "make at least one option's `next` lead, directly or through other nodes, to a node with `ending`",
                ),
            );
        }
        if let NodeKind::Decision { replies } = &node.kind
            && !replies.is_empty()
            && replies.iter().all(|r| table.is_pitfall(&r.skills))
            && unsure(i)
        {
            skip("whether every option at a node is a pitfall", "a skill code or an option did not load");
        } else if let NodeKind::Decision { replies } = &node.kind
            && !replies.is_empty()
            && replies.iter().all(|r| table.is_pitfall(&r.skills))
        {
            out.push(
                Diagnostic::new(
                    Code::H042,
                    node.span.clone(),
                    format!("every option at node `{}` is a pitfall", node.id),
                )
                .help("add at least one helpful option, so the trainee can get this decision right"),
            );
        }
        if !unsure(i) {
            out.extend(best_with_pitfall(node, table));
            out.extend(pitfalls_to_good_endings(s, node, table));
            out.extend(critical_without_single_best(node, table));
        }
    }
    // The test-wise cue reads every decision's best option: it waits for every skill to load.
    if gaps.unsure_skills.is_empty() {
        out.extend(longest_is_best(s, table));
    }
    let rubrics_known = !gaps.partial || gaps.unsure_skills.is_empty();
    // Safety and boundaries is assessed only where a scenario's options carry points on it
    // (docs/scoring.md): a conversation with no risk or boundary moment is not missing anything.
    for r in Rubric::ALL.into_iter().filter(|r| *r != Rubric::SafetyBoundaries) {
        let assessed = s.nodes.iter().enumerate().any(|(i, node)| {
            analysis.reachable[i]
                && !node.replies().is_empty()
                && (node.replies().iter().any(|reply| table.points(&reply.skills).get(r) > 0)
                    || (r == Rubric::NonInterruption && table.speech_points > 0))
        });
        if !assessed && !rubrics_known {
            skip("which rubrics the scenario can train", "a skill code or an option did not load");
        } else if !assessed {
            out.push(
                Diagnostic::new(
                    Code::H045,
                    s.id_span.clone(),
                    format!(
                        "no decision in this scenario can earn points on {}, so the scenario cannot train that skill",
                        r.name().to_lowercase()
                    ),
                )
                .help(rubric_help(r)),
            );
        }
    }
    for test in &s.tests {
        if let (Some(id), Some(span)) = (test.ending, &test.ending_span)
            && !s.node(id).is_ending()
        {
            out.push(
                Diagnostic::new(
                    Code::H051,
                    span.clone(),
                    format!("test \"{}\" expects to end at `{}`, which is not an ending", test.name, s.node(id).id),
                )
                .help("name a node that has `ending = ...`"),
            );
        }
    }
    if !skipped.is_empty() {
        let what: Vec<String> = skipped.iter().map(|(check, why)| format!("{check}, because {why}")).collect();
        out.push(
            Diagnostic::new(Code::H091, None, format!("not checked yet: {}", what.join("; ")))
                .help("these checks run once the errors in this file are fixed"),
        );
    }
    out
}

fn rubric_help(r: Rubric) -> &'static str {
    match r {
        Rubric::ReflectiveListening => {
            "give some decisions an option with `reflection`, `complex-reflection` or `summary`"
        }
        Rubric::OpenQuestions => "give some decisions an option with `open-question`",
        Rubric::NonInterruption => "give some decisions an option with `attentive-silence`",
        Rubric::Validation => "give some decisions an option with `validation` or `affirmation`",
        Rubric::SafetyBoundaries => {
            "give a decision an option with `safety-question`, `connecting-support` or `boundary-holding`"
        }
    }
}

/// The best option at a decision should be one a trainee can choose without losing points:
/// when it also carries a pitfall skill, even the listening path cannot reach 100 (H046).
fn best_with_pitfall(node: &super::Node, table: &RubricTable) -> Option<Diagnostic> {
    let replies = node.replies();
    let best = replies.iter().map(|r| table.points(&r.skills).total()).max()?;
    // When even the best option costs points, every option is a pitfall: H042 says so already.
    if best <= 0 {
        return None;
    }
    let (i, reply) = replies.iter().enumerate().find(|(_, r)| table.points(&r.skills).total() == best)?;
    let pitfall = reply.skills.iter().find(|s| table.is_pitfall(&[**s]))?;
    let name = &table.entry(*pitfall).name;
    Some(
        Diagnostic::new(
            Code::H046,
            reply.span.clone(),
            format!(
                "option {} is the best at node `{}`, but it also shows `{pitfall}` ({name}), so even the best choice here loses points",
                i + 1,
                node.id
            ),
        )
        .help(format!(
            "if the option really is the one to choose, remove `{pitfall}` from its skills; if the pitfall is the point, add a better option without it"
        )),
    )
}

/// A pitfall option whose `next` goes straight to a `good` ending (H047): the conversation
/// rewards the mistake, and a trainee who makes it learns that it worked. "Straight" is `next`
/// itself or its unconditional last branch.
fn pitfalls_to_good_endings<'a>(
    s: &'a Scenario,
    node: &'a Node,
    table: &'a RubricTable,
) -> impl Iterator<Item = Diagnostic> + 'a {
    node.replies().iter().enumerate().filter(|(_, r)| table.is_pitfall(&r.skills)).filter_map(move |(i, reply)| {
        // Straight: `next` itself, or the branch taken whatever the rapport (the last). A branch
        // with a condition is earned by the rapport built before the mistake.
        let straight = match &reply.next {
            Next::Go(id) => *id,
            Next::Branches(branches) => branches.last()?.go,
        };
        let good = matches!(s.node(straight).ending(), Some((EndingKind::Good, _))).then_some(straight)?;
        let ending = &s.node(good).id;
        let pitfalls: Vec<String> =
            reply.skills.iter().filter(|k| table.is_pitfall(&[**k])).map(|k| format!("`{k}`")).collect();
        Some(
            Diagnostic::new(
                Code::H047,
                reply.next_span.clone(),
                format!(
                    "option {} at node `{}` is a pitfall ({}), but it leads straight to `{ending}`, a good ending",
                    i + 1,
                    node.id,
                    pitfalls.join(", ")
                ),
            )
            .help(format!(
                "let the mistake cost something: send it to a node where {} reacts to it, or to a `mixed` or `poor` ending",
                peer_word(s)
            )),
        )
    })
}

fn peer_word(s: &Scenario) -> String {
    if s.peer.name.is_empty() { "the peer".to_string() } else { s.peer.name.clone() }
}

/// The options with the highest value at a decision (file indices), and that value.
fn best_options(node: &Node, table: &RubricTable) -> (Vec<usize>, i32) {
    let totals: Vec<i32> = node.replies().iter().map(|r| table.points(&r.skills).total()).collect();
    let max = totals.iter().copied().max().unwrap_or(0);
    ((0..totals.len()).filter(|&i| totals[i] == max).collect(), max)
}

/// A critical moment is handled by giving a best option (docs/scoring.md): with several options tied
/// for best, the author's "one thing that matters" is not one thing (H049).
fn critical_without_single_best(node: &Node, table: &RubricTable) -> Option<Diagnostic> {
    let span = node.critical_span.clone()?;
    let (best, _) = best_options(node, table);
    if best.len() < 2 {
        return None;
    }
    let listed: Vec<String> = best.iter().map(|i| (i + 1).to_string()).collect();
    Some(
        Diagnostic::new(
            Code::H049,
            span,
            format!(
                "node `{}` is a critical moment, but options {} tie for best, so {} counts as handled",
                node.id,
                join_and(&listed),
                if best.len() == 2 { "either" } else { "any of them" }
            ),
        )
        .help(
            "make the one response that matters here score highest on its own (its skills, e.g. `safety-question`), or remove `critical`",
        ),
    )
}

/// The test-wise cue (H048): at more than half of the decisions with three or more options, a
/// best option is longer than every other option, so picking the longest answer wins without
/// listening. One pass over the options.
fn longest_is_best(s: &Scenario, table: &RubricTable) -> Option<Diagnostic> {
    let mut eligible = 0usize;
    let mut cued: Vec<&str> = Vec::new();
    for node in &s.nodes {
        let replies = node.replies();
        if replies.len() < 3 {
            continue;
        }
        eligible += 1;
        let (best, _) = best_options(node, table);
        let len = |i: usize| replies[i].text.chars().count();
        let longest_best = best.iter().map(|&i| len(i)).max().unwrap_or(0);
        let longest_other = (0..replies.len()).filter(|i| !best.contains(i)).map(len).max();
        if longest_other.is_some_and(|other| longest_best > other) {
            cued.push(&node.id);
        }
    }
    if cued.len() * 2 <= eligible {
        return None;
    }
    let named: Vec<String> = cued.iter().take(5).map(|id| format!("`{id}`")).collect();
    let more = if cued.len() > 5 { format!(" and {} more", cued.len() - 5) } else { String::new() };
    Some(
        Diagnostic::new(
            Code::H048,
            s.id_span.clone(),
            format!(
                "at {} of the {eligible} decisions with three or more options the best option is also the longest ({}{more}), so a trainee can win by picking the longest answer",
                cued.len(),
                named.join(", ")
            ),
        )
        .help("make some best options short (\"Go on.\" can be the best answer) or some weaker options as long as the best"),
    )
}

/// "1, 2 and 4"
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
