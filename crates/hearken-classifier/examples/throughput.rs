//! Answers per second of CPU time, for a machine shared with other work where wall-clock
//! benchmarks understate it: run under `perf stat -e task-clock` (docs/classifier.md,
//! "Speed and size"). Each answer is classified and matched against 4 options x 3 wordings.

use hearken_classifier::{classify, wording_similarity};
use std::hint::black_box;

const CONTEXT: &[&str] = &["I almost didn't come in today.", "I... used again. Last weekend."];
const ANSWERS: &[&str] = &[
    "you almost didnt come in today",
    "It took real courage to walk back in here. What happened last weekend?",
    "Why did you use again?",
    "Have you called your sponsor yet? You really should, dont worry it'll be ok",
    "When I relapsed I went on a three week bender and my sponsor had to come find me at my cousins, it was awful",
    "sounds like part of you wanted to stay away and part of you knew you needed to be here",
    "wow",
    "¿Cómo estás?",
];
const OPTIONS: [[&str; 3]; 4] = [
    ["You nearly stayed away.", "You almost didn't come.", "Part of you wanted to stay home."],
    ["It took a lot to walk back in here today.", "That must have been hard to come back.", "Coming in took courage."],
    ["Why did you use again?", "What made you use?", "How come you used?"],
    ["(Nod, and wait quietly.)", "Take your time.", "I'm here, no rush."],
];

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(5_000);
    let mut sum = 0usize;
    for _ in 0..rounds {
        for a in ANSWERS {
            sum += classify(black_box(a), CONTEXT).skills.len();
            for o in &OPTIONS {
                for w in o {
                    sum += wording_similarity(black_box(a), w) as usize;
                }
            }
        }
    }
    println!("{} answers (checksum {sum})", rounds * ANSWERS.len());
}
