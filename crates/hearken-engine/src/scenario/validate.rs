//! Checks that need the whole scenario, the graph or the rubric table (SPEC §6).

use super::graph::Analysis;
use super::{NodeKind, Scenario};
use crate::diagnostic::{Code, Diagnostic};
use crate::rubric::{Rubric, RubricTable};

/// Graph and rubric checks on a scenario that loaded without errors.
pub fn validate(s: &Scenario, table: &RubricTable) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let analysis = Analysis::of(s);
    for (i, node) in s.nodes.iter().enumerate() {
        if !analysis.reachable[i] {
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
        out.extend(best_with_pitfall(node, table));
    }
    // Safety and boundaries is assessed only where a scenario's options carry points on it
    // (SPEC §3.2): a conversation with no risk or boundary moment is not missing anything.
    for r in Rubric::ALL.into_iter().filter(|r| *r != Rubric::SafetyBoundaries) {
        let assessed = s.nodes.iter().enumerate().any(|(i, node)| {
            analysis.reachable[i]
                && !node.replies().is_empty()
                && (node.replies().iter().any(|reply| table.points(&reply.skills).get(r) > 0)
                    || (r == Rubric::NonInterruption && table.speech_points > 0))
        });
        if !assessed {
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
