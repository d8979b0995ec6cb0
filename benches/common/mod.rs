//! Scenario files made to measure, shared by the benchmarks and the limit tests (which include
//! this file with `#[path]`), so the files that are timed are the same files that are checked
//! to validate.
//!
//! Deterministic: the same arguments always give the same text, so figures are comparable
//! between runs and machines.

use std::fmt::Write;

/// A small deterministic generator (64-bit LCG, high bits): enough to vary words and shapes.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407))
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() as usize) % (hi - lo + 1)
    }
}

const WORDS: &[&str] = &[
    "I",
    "just",
    "don't",
    "know",
    "what",
    "to",
    "do",
    "anymore",
    "it",
    "feels",
    "like",
    "everyone",
    "is",
    "watching",
    "me",
    "and",
    "waiting",
    "for",
    "the",
    "next",
    "time",
    "mess",
    "up",
    "my",
    "sister",
    "said",
    "she",
    "would",
    "call",
    "but",
    "never",
    "did",
    "work",
    "has",
    "been",
    "hard",
    "since",
    "moved",
    "out",
    "of",
    "flat",
    "last",
    "month",
    "sometimes",
    "sit",
    "in",
    "car",
    "before",
    "going",
    "inside",
    "you",
    "probably",
    "hear",
    "this",
    "all",
    "day",
    "honestly",
    "tired",
    "keep",
    "thinking",
    "about",
    "how",
    "things",
    "used",
    "be",
    "when",
    "we",
    "were",
    "younger",
    "can't",
    "sleep",
    "right",
    "mum",
    "worries",
    "a",
    "lot",
    "so",
    "tell",
    "her",
    "everything's",
    "fine",
    "that",
    "part",
    "that's",
    "hardest",
    "being",
    "strong",
    "people",
    "expect",
    "from",
];

/// Words joined into a sentence of `lo..=hi` characters or a word more, with a capital and a
/// full stop.
fn sentence(rng: &mut Lcg, lo: usize, hi: usize) -> String {
    let chars = rng.range(lo, hi);
    let mut s = String::new();
    while s.len() < chars {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(WORDS[rng.range(0, WORDS.len() - 1)]);
    }
    let mut c = s.chars();
    let first = c.next().map(|f| f.to_ascii_uppercase()).unwrap_or('I');
    format!("{first}{}.", c.as_str())
}

/// Helpful skill combinations (every rubric is assessed somewhere) and pitfalls.
const HELPFUL: &[&str] = &[
    r#"["reflection"]"#,
    r#"["complex-reflection"]"#,
    r#"["open-question"]"#,
    r#"["validation"]"#,
    r#"["attentive-silence"]"#,
    r#"["summary", "open-question"]"#,
    r#"["affirmation"]"#,
    r#"["validation", "reflection"]"#,
];
const PITFALLS: &[&str] = &[
    r#"["advice"]"#,
    r#"["why-question"]"#,
    r#"["minimizing"]"#,
    r#"["judgment"]"#,
    r#"["closed-question"]"#,
    r#"["hijacking"]"#,
    r#"["topic-change", "advice"]"#,
];

/// A file shaped like the built-in scenarios: 15–25 nodes (three of them endings), three options
/// per decision, beats with pauses, reactions, hints, conditional `next` and two tests. It
/// validates with no diagnostics at all.
pub fn typical(seed: u64) -> String {
    let mut rng = Lcg::new(seed);
    let decisions = rng.range(12, 22);
    let mut out = String::with_capacity(32 * 1024);
    let id = format!("generated-{seed}");
    let decision_id = |i: usize| format!("d{i}");
    writeln!(out, "format = 1\nid = \"{id}\"").unwrap();
    writeln!(out, "title = \"{}\"", sentence(&mut rng, 30, 30)).unwrap();
    writeln!(out, "summary = \"{}\"", sentence(&mut rng, 120, 120)).unwrap();
    writeln!(out, "difficulty = \"intermediate\"\ntags = [\"generated\", \"benchmark\"]\nstart = \"d0\"\n").unwrap();
    writeln!(
        out,
        "[peer]\nname = \"Sam\"\nabout = \"\"\"\n{}\n\n{}\n\"\"\"",
        sentence(&mut rng, 400, 400),
        sentence(&mut rng, 200, 200)
    )
    .unwrap();
    writeln!(out, "pace = 18\ntrust = -1\n").unwrap();
    for i in 0..decisions {
        let last = i + 1 == decisions;
        let forward = if last { "good-end".to_string() } else { decision_id(i + 1) };
        let skip = if i + 2 >= decisions { "mixed-end".to_string() } else { decision_id(i + 2) };
        writeln!(out, "# --- Decision {} ---\n\n[nodes.{}]\nsays = [", i + 1, decision_id(i)).unwrap();
        writeln!(out, "  \"{}\",", sentence(&mut rng, 30, 90)).unwrap();
        writeln!(out, "  {{ pause = {} }},", rng.range(1, 4)).unwrap();
        writeln!(out, "  \"{}\",\n]", sentence(&mut rng, 60, 160)).unwrap();
        writeln!(out, "interrupted = [\"{}\"]", sentence(&mut rng, 30, 30)).unwrap();
        writeln!(out, "hint = \"{}\"\n", sentence(&mut rng, 60, 120)).unwrap();
        // Option 1 is the best and moves on; option 2 branches on rapport; option 3 is a pitfall
        // that ends badly at the third decision, mixed at the last, and otherwise goes on.
        let helpful = HELPFUL[i % HELPFUL.len()];
        let second = HELPFUL[(i + 3) % HELPFUL.len()];
        let pitfall = PITFALLS[i % PITFALLS.len()];
        let nexts = [
            format!("\"{forward}\""),
            format!("[{{ trust_at_least = 2, go = \"{forward}\" }}, {{ go = \"{skip}\" }}]"),
            if i == 2 {
                "\"poor-end\"".to_string()
            } else if last {
                // A pitfall never leads straight to the good ending (H047).
                "\"mixed-end\"".to_string()
            } else {
                format!("\"{forward}\"")
            },
        ];
        for (k, (skills, next)) in [helpful, second, pitfall].iter().zip(nexts).enumerate() {
            writeln!(out, "[[nodes.{}.options]]", decision_id(i)).unwrap();
            // At every other decision the pitfall is the longest option, so the best option is
            // not the longest at most decisions (no test-wise cue, H048).
            let (lo, hi) = if k == 2 && i % 2 == 0 { (175, 175) } else { (40, 150) };
            writeln!(out, "text = \"{} ({})\"", sentence(&mut rng, lo, hi), k + 1).unwrap();
            writeln!(out, "skills = {skills}").unwrap();
            writeln!(out, "feedback = \"{}\"", sentence(&mut rng, 120, 300)).unwrap();
            if k == 0 {
                writeln!(out, "reaction = [{{ pause = 1.5 }}, \"{}\"]", sentence(&mut rng, 25, 25)).unwrap();
            }
            writeln!(out, "next = {next}\n").unwrap();
        }
    }
    for (end, kind) in [("good-end", "good"), ("mixed-end", "mixed"), ("poor-end", "poor")] {
        writeln!(out, "[nodes.{end}]\nsays = [\"{}\"]", sentence(&mut rng, 80, 80)).unwrap();
        writeln!(out, "ending = \"{kind}\"\noutcome = \"{}\"\n", sentence(&mut rng, 120, 120)).unwrap();
    }
    let all_first = vec!["1"; decisions].join(", ");
    writeln!(out, "[[tests]]\nname = \"the listening path\"\nchoices = [{all_first}]\nending = \"good-end\"\n")
        .unwrap();
    writeln!(out, "[[tests]]\nname = \"a pitfall early\"\nchoices = [1, 1, 3]\nending = \"poor-end\"").unwrap();
    out
}

/// `count` typical files with different seeds.
pub fn typical_batch(count: usize) -> Vec<String> {
    (0..count as u64).map(typical).collect()
}

/// A large scenario of `nodes` nodes, written compactly (one inline table per node) so that the
/// largest allowed, 10,000 nodes, stays under the 1 MiB file limit. Every decision has an option
/// that goes on to the next node; every `branch_every`-th also has a pitfall option that jumps
/// back (a cycle, which the graph walks must handle) or with `None`, none: a plain chain
/// `n0 → n1 → … → ending`. The last node is the ending.
pub fn big(nodes: usize, branch_every: Option<usize>) -> String {
    assert!(nodes >= 2);
    let mut out = String::with_capacity(nodes * 100 + 512);
    out.push_str(
        "format = 1\nid = \"big\"\ntitle = \"A long conversation\"\ndifficulty = \"advanced\"\nstart = \"n0\"\n\n\
         [peer]\nname = \"Sam\"\nabout = \"Sam talks for a long time.\"\n\n[nodes]\n",
    );
    // Short words keep the largest allowed file under the size limit; every rubric is still
    // assessed (summary, open-question, validation; speech counts for non-interruption).
    const SKILLS: [&str; 3] = ["summary", "open-question", "validation"];
    for i in 0..nodes - 1 {
        let skill = SKILLS[i % SKILLS.len()];
        write!(
            out,
            "n{i}={{says=[\"Mm.\"],options=[{{text=\"a\",skills=[\"{skill}\"],feedback=\"b\",next=\"n{}\"}}",
            i + 1
        )
        .unwrap();
        if branch_every.is_some_and(|e| i % e == 0) {
            write!(out, ",{{text=\"c\",skills=[\"advice\"],feedback=\"d\",next=\"n{}\"}}", i / 2).unwrap();
        }
        out.push_str("]}\n");
    }
    writeln!(out, "n{}={{says=[\"Thanks.\"],ending=\"good\",outcome=\"Sam felt heard.\"}}", nodes - 1).unwrap();
    out
}
