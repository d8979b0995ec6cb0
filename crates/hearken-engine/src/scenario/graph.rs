//! Graph analysis of a conversation: which nodes can be reached, and from which an ending can
//! be reached. Both are single breadth-first searches, so the cost is linear in nodes + options
//! however many paths the conversation has.

use super::{Branch, NodeId, Scenario};
use std::collections::VecDeque;

#[derive(Debug, Clone)]
pub struct Analysis {
    /// Reachable from `start`, taking any branch of a conditional `next`.
    pub reachable: Vec<bool>,
    /// Some ending can be reached from here.
    pub reaches_ending: Vec<bool>,
}

impl Analysis {
    pub fn of(s: &Scenario) -> Analysis {
        let n = s.nodes.len();
        // Forward edges are read straight off the options; reverse edges are laid out in one
        // flat array (compressed adjacency) to keep the walk allocation-light on 10,000 nodes.
        let mut reachable = vec![false; n];
        let mut queue = VecDeque::new();
        // In a file with errors (`gaps`), a misspelt name counts as the node its did-you-mean
        // names, for reachability only; with no `start`, nothing is known to be unreachable.
        let gaps = &s.gaps;
        let guessed: std::collections::HashMap<usize, Vec<NodeId>> =
            gaps.guessed.iter().fold(Default::default(), |mut m, (from, to)| {
                m.entry(from.0).or_default().push(*to);
                m
            });
        if gaps.start {
            reachable.fill(true);
        } else if n > 0 {
            reachable[s.start.0] = true;
            queue.push_back(s.start);
        }
        while let Some(id) = queue.pop_front() {
            for reply in s.node(id).replies() {
                for t in reply.next.targets() {
                    if !reachable[t.0] {
                        reachable[t.0] = true;
                        queue.push_back(t);
                    }
                }
            }
            if let Some(guesses) = (!guessed.is_empty()).then(|| guessed.get(&id.0)).flatten() {
                for &t in guesses {
                    if !reachable[t.0] {
                        reachable[t.0] = true;
                        queue.push_back(t);
                    }
                }
            }
        }

        let mut in_degree = vec![0usize; n + 1];
        for node in &s.nodes {
            for reply in node.replies() {
                for t in reply.next.targets() {
                    in_degree[t.0 + 1] += 1;
                }
            }
        }
        for i in 0..n {
            in_degree[i + 1] += in_degree[i];
        }
        let offsets = in_degree;
        let mut fill = offsets.clone();
        let mut sources = vec![0usize; offsets[n]];
        for (from, node) in s.nodes.iter().enumerate() {
            for reply in node.replies() {
                for t in reply.next.targets() {
                    sources[fill[t.0]] = from;
                    fill[t.0] += 1;
                }
            }
        }
        let mut reaches_ending = vec![false; n];
        for (i, node) in s.nodes.iter().enumerate() {
            // A node whose way on did not load is given the benefit of the doubt: its own
            // error says what is wrong, and "no ending can be reached" would only echo it.
            if node.is_ending() || (gaps.partial && gaps.open_ends.contains(&i)) {
                reaches_ending[i] = true;
                queue.push_back(NodeId(i));
            }
        }
        while let Some(id) = queue.pop_front() {
            for &from in &sources[offsets[id.0]..offsets[id.0 + 1]] {
                if !reaches_ending[from] {
                    reaches_ending[from] = true;
                    queue.push_back(NodeId(from));
                }
            }
        }
        Analysis { reachable, reaches_ending }
    }
}

/// The rapport range each branch of a conditional `next` really takes: the first branch whose
/// condition holds wins, so `[ {trust_at_least = 3}, {trust_at_least = 0}, {} ]` means 3..5,
/// 0..2 and -5..-1. `None` for a branch no rapport reaches.
pub fn branch_ranges(branches: &[Branch]) -> Vec<Option<(i32, i32)>> {
    let mut upper = 5;
    branches
        .iter()
        .map(|b| {
            let lower = b.trust_at_least.unwrap_or(-5).max(-5);
            let range = (lower <= upper).then_some((lower, upper));
            upper = upper.min(lower - 1);
            range
        })
        .collect()
}
