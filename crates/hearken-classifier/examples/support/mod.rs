//! Corpus loading and agreement statistics shared by `evaluate`, `agreement` and the held-out
//! floor test. Floats appear only here, in reporting, never in the classifier.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One coder's (or the classifier's) labels for one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    pub reflection: String,
    pub question: String,
    pub skills: Vec<String>,
}

/// One corpus answer.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub context: Vec<String>,
    pub text: String,
}

impl Item {
    /// The corpus part, by the id's first letter (docs/classifier.md, "The corpus"): `d` dev,
    /// `h` held-out 1, `u` held-out 2; `f001`–`f150` fresh-dev, `f151` on fresh-heldout.
    pub fn part(&self) -> &'static str {
        match self.id.as_bytes().first() {
            Some(b'h') => "heldout-1",
            Some(b'u') => "heldout-2",
            Some(b'f') if self.id[1..].parse::<u32>().is_ok_and(|n| n <= 150) => "fresh-dev",
            Some(b'f') => "fresh-heldout",
            _ => "dev",
        }
    }
}

/// Every corpus part: its name, answers file and coder A's labels file.
pub const PARTS: &[(&str, &str, &str)] = &[
    ("dev", "answers.jsonl", "labels-coder-a.jsonl"),
    ("heldout-1", "answers.jsonl", "labels-coder-a.jsonl"),
    ("heldout-2", "answers.jsonl", "labels-coder-a.jsonl"),
    ("fresh-dev", "fresh.jsonl", "labels-fresh.jsonl"),
    ("fresh-heldout", "fresh.jsonl", "labels-fresh.jsonl"),
];

/// The answers of one part and their reference labels.
pub fn load_part(name: &str) -> (Vec<Item>, BTreeMap<String, Labels>) {
    let (_, answers, labels) = PARTS.iter().find(|p| p.0 == name).unwrap_or_else(|| panic!("no part {name}"));
    let dir = corpus_dir();
    let items = load_items(&dir.join(answers)).into_iter().filter(|i| i.part() == name).collect();
    (items, load_labels(&dir.join(labels)))
}

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn lines(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(n, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("{}:{}: invalid JSON: {e}", path.display(), n + 1))
        })
        .collect()
}

fn string(v: &serde_json::Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_owned()
}

pub fn load_items(path: &Path) -> Vec<Item> {
    lines(path)
        .iter()
        .map(|v| Item {
            id: string(v, "id"),
            context: v["context"]
                .as_array()
                .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
                .unwrap_or_default(),
            text: string(v, "text"),
        })
        .collect()
}

pub fn load_labels(path: &Path) -> BTreeMap<String, Labels> {
    lines(path)
        .iter()
        .map(|v| {
            let skills = v["skills"]
                .as_array()
                .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
                .unwrap_or_default();
            (string(v, "id"), Labels { reflection: string(v, "reflection"), question: string(v, "question"), skills })
        })
        .collect()
}

pub fn classify_item(item: &Item) -> Labels {
    let context: Vec<&str> = item.context.iter().map(String::as_str).collect();
    let c = hearken_classifier::classify(&item.text, &context);
    Labels {
        reflection: c.reflection.as_str().to_owned(),
        question: c.question.as_str().to_owned(),
        skills: c.skills.iter().map(|s| (*s).to_owned()).collect(),
    }
}

/// Cohen's kappa over paired category labels.
pub fn kappa(pairs: &[(String, String)]) -> f64 {
    let n = pairs.len() as f64;
    if pairs.is_empty() {
        return f64::NAN;
    }
    let mut cats: Vec<&String> = pairs.iter().flat_map(|(a, b)| [a, b]).collect();
    cats.sort();
    cats.dedup();
    let observed = pairs.iter().filter(|(a, b)| a == b).count() as f64 / n;
    let expected: f64 = cats
        .iter()
        .map(|c| {
            let pa = pairs.iter().filter(|(a, _)| a == *c).count() as f64 / n;
            let pb = pairs.iter().filter(|(_, b)| b == *c).count() as f64 / n;
            pa * pb
        })
        .sum();
    if (1.0 - expected).abs() < 1e-12 { 1.0 } else { (observed - expected) / (1.0 - expected) }
}

/// Precision, recall, F1 and support of one skill, `reference` being the coder.
#[derive(Debug, Clone, Copy)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
    pub kappa: f64,
}

pub fn prf(skill: &str, pairs: &[(&Labels, &Labels)]) -> Prf {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut yes_no = Vec::new();
    for (reference, predicted) in pairs {
        let r = reference.skills.iter().any(|s| s == skill);
        let p = predicted.skills.iter().any(|s| s == skill);
        match (r, p) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            _ => {}
        }
        yes_no.push((r.to_string(), p.to_string()));
    }
    let precision = if tp + fp == 0 { 1.0 } else { tp as f64 / (tp + fp) as f64 };
    let recall = if tp + fn_ == 0 { 1.0 } else { tp as f64 / (tp + fn_) as f64 };
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    Prf { precision, recall, f1, support: tp + fn_, kappa: kappa(&yes_no) }
}

pub fn present(l: &Labels) -> String {
    (l.reflection != "none").to_string()
}

/// The agreement figures the issue asks for, between a reference and another labelling.
pub struct Report {
    pub n: usize,
    pub question_kappa: f64,
    pub reflection_kappa: f64,
    pub reflection_type_kappa: f64,
    pub skills: Vec<(&'static str, Prf)>,
}

pub const REPORTED_SKILLS: &[&str] = &[
    "advice",
    "minimizing",
    "why-question",
    "hijacking",
    "safety-question",
    "validation",
    "affirmation",
    "open-question",
    "closed-question",
    "judgment",
    "diagnosing",
    "reflection",
    "complex-reflection",
    "asking-permission",
    "self-disclosure",
    "false-promise",
    "formal-language",
];

pub fn report(pairs: &[(&Labels, &Labels)]) -> Report {
    let q: Vec<(String, String)> = pairs.iter().map(|(a, b)| (a.question.clone(), b.question.clone())).collect();
    let r: Vec<(String, String)> = pairs.iter().map(|(a, b)| (present(a), present(b))).collect();
    let rt: Vec<(String, String)> = pairs.iter().map(|(a, b)| (a.reflection.clone(), b.reflection.clone())).collect();
    Report {
        n: pairs.len(),
        question_kappa: kappa(&q),
        reflection_kappa: kappa(&r),
        reflection_type_kappa: kappa(&rt),
        skills: REPORTED_SKILLS.iter().map(|s| (*s, prf(s, pairs))).collect(),
    }
}

pub fn print_report(title: &str, r: &Report) {
    println!("== {title} (n = {}) ==", r.n);
    println!("  question type (none/open/closed)   kappa {:.3}", r.question_kappa);
    println!("  reflection present (yes/no)        kappa {:.3}", r.reflection_kappa);
    println!("  reflection type (none/simple/cx)   kappa {:.3}", r.reflection_type_kappa);
    println!("  {:<20} {:>9} {:>9} {:>7} {:>7} {:>7}", "skill", "precision", "recall", "F1", "kappa", "support");
    for (skill, p) in &r.skills {
        println!(
            "  {:<20} {:>9.3} {:>9.3} {:>7.3} {:>7.3} {:>7}",
            skill, p.precision, p.recall, p.f1, p.kappa, p.support
        );
    }
}
