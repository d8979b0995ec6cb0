//! Scenario files are untrusted: whatever they hold, loading, validating and showing the
//! problems never panics, and every problem points inside the file.

use hearken_engine::decode;
use hearken_engine::diagnostic::{FileDiagnostics, render};
use hearken_engine::scenario::{load, validate::validate};
use hearken_engine::source::{Origin, SourceFile};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use std::sync::Arc;

/// Load, validate and render in all three formats, checking every span on the way.
fn check_everything(source: Arc<SourceFile>, diagnostics: Vec<hearken_engine::diagnostic::Diagnostic>) {
    let text = &source.text;
    for d in &diagnostics {
        if let Some(span) = &d.span {
            assert!(span.start <= span.end && span.end <= text.len(), "{:?} {span:?} in {} bytes", d.code, text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{:?} {span:?}", d.code);
        }
        assert!(!d.message.is_empty());
    }
    let report = FileDiagnostics { name: "fuzz.toml".into(), source: Some(source), diagnostics };
    let files = [report];
    let mut out = Vec::new();
    render::human(&mut out, &files, true).unwrap();
    render::human(&mut out, &files, false).unwrap();
    render::json(&mut out, &files).unwrap();
    render::github(&mut out, &files).unwrap();
    let shown = String::from_utf8(out).unwrap();
    // Colour codes are ours; nothing from the file may add others (OSC, BEL, cursor moves).
    assert!(!shown.contains(['\x07', '\u{9b}', '\u{9d}']) && !shown.contains("\x1b]"));
}

fn load_and_validate(text: String) {
    let source = SourceFile::new(Origin::BuiltIn("fuzz.toml"), text);
    let loaded = load(source.clone());
    let mut diagnostics = loaded.diagnostics;
    if let Some(s) = &loaded.scenario {
        diagnostics.extend(validate(s, &hearken_engine::rubric::RubricTable::builtin()));
    }
    check_everything(source, diagnostics);
}

fn from_bytes(bytes: Vec<u8>) {
    match decode::from_bytes(Origin::BuiltIn("fuzz.toml"), bytes) {
        Ok(src) => load_and_validate(src.text.clone()),
        Err(failure) => {
            if let Some(src) = failure.source {
                check_everything(src, vec![*failure.diagnostic]);
            }
        }
    }
}

// ---- random scenario graphs, written as TOML text

/// A TOML basic string for any text, control characters included (as escapes).
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Node names: mostly from a small pool (so `next` usually finds its node), sometimes not
/// kebab-case or not there at all.
const NAMES: [&str; 7] = ["opening", "middle", "after", "good-end", "poor-end", "n-5", "n-6"];

fn node_ref(clean: bool, count: usize) -> BoxedStrategy<String> {
    // Clean files only name nodes that exist; the others may name any in the pool.
    let pool = prop::sample::select(NAMES[..if clean { count } else { NAMES.len() }].to_vec()).prop_map(str::to_string);
    if clean {
        return pool.boxed();
    }
    prop_oneof![
        8 => pool,
        1 => "[a-z]{1,6}(-[a-z0-9]{1,3})?",
        1 => prop_oneof![Just("Bad_Id".to_string()), Just("a--b".to_string()), Just("ü".to_string())],
    ]
    .boxed()
}

fn words(clean: bool) -> BoxedStrategy<String> {
    let plain = "[A-Za-z][A-Za-z ,.'?]{0,30}";
    if clean {
        return prop_oneof![4 => plain, 1 => Just("Café ☕ — “quoted”\ttab\nnew line".to_string())].boxed();
    }
    prop_oneof![
        6 => plain,
        1 => Just(String::new()),
        1 => Just("   ".to_string()),
        1 => Just("\u{1b}[31mred\u{7}".to_string()),
        1 => Just("same text".to_string()),
    ]
    .boxed()
}

fn skill(clean: bool) -> BoxedStrategy<String> {
    let codes: Vec<&'static str> = hearken_engine::rubric::Skill::codes().collect();
    let valid = prop::sample::select(codes).prop_map(str::to_string);
    if clean {
        return valid.boxed();
    }
    prop_oneof![8 => valid, 1 => Just("reflektion".to_string()), 1 => Just(String::new())].boxed()
}

fn beats(clean: bool) -> BoxedStrategy<String> {
    let beat = if clean {
        prop_oneof![4 => words(true).prop_map(|w| quoted(&w)), 1 => (0.1f64..30.0).prop_map(|p| format!("{{ pause = {p:.2} }}"))]
            .boxed()
    } else {
        prop_oneof![
            4 => words(false).prop_map(|w| quoted(&w)),
            1 => (-2.0f64..40.0).prop_map(|p| format!("{{ pause = {p:.2} }}")),
            1 => Just("{ pause = 2, paws = 1 }".to_string()),
            1 => Just("7".to_string()),
        ]
        .boxed()
    };
    prop::collection::vec(beat, if clean { 1..4 } else { 0..4 }).prop_map(|b| format!("[{}]", b.join(", "))).boxed()
}

fn next(clean: bool, count: usize) -> BoxedStrategy<String> {
    let branches =
        prop::collection::vec((prop::option::of(-8i64..8), node_ref(clean, count)), if clean { 1..4 } else { 0..4 })
            .prop_map(move |bs| {
                let last = bs.len().saturating_sub(1);
                let items: Vec<String> = bs
                    .iter()
                    .enumerate()
                    .map(|(i, (t, go))| match t {
                        // Clean files keep the rules: conditions in range, none on the last branch.
                        Some(t) if !clean || i < last => {
                            format!(
                                "{{ trust_at_least = {}, go = {} }}",
                                if clean { t.clamp(&-5, &5) } else { t },
                                quoted(go)
                            )
                        }
                        _ => format!("{{ go = {} }}", quoted(go)),
                    })
                    .collect();
                format!("[{}]", items.join(", "))
            });
    if clean {
        return prop_oneof![3 => node_ref(true, count).prop_map(|n| quoted(&n)), 1 => branches].boxed();
    }
    prop_oneof![4 => node_ref(false, count).prop_map(|n| quoted(&n)), 2 => branches, 1 => Just("42".to_string())]
        .boxed()
}

fn option(node: String, clean: bool, count: usize) -> impl Strategy<Value = String> {
    let typo = if clean { Just(false).boxed() } else { prop::bool::weighted(0.1).boxed() };
    let skills = prop::collection::vec(skill(clean), if clean { 1..3 } else { 0..3 });
    let next = if clean {
        next(true, count).prop_map(Some).boxed()
    } else {
        prop::option::weighted(0.9, next(false, count)).boxed()
    };
    (words(clean), skills, words(clean), prop::option::of(beats(clean)), next, typo).prop_map(
        move |(text, skills, feedback, reaction, next, typo)| {
            let mut o = format!("\n[[nodes.{node}.options]]\ntext = {}\n", quoted(&text));
            let skills: Vec<String> = skills.iter().map(|s| quoted(s)).collect();
            o.push_str(&format!("skills = [{}]\nfeedback = {}\n", skills.join(", "), quoted(&feedback)));
            if let Some(r) = reaction {
                o.push_str(&format!("reaction = {r}\n"));
            }
            if let Some(n) = next {
                o.push_str(&format!("next = {n}\n"));
            }
            if typo {
                o.push_str("feedbak = \"x\"\n");
            }
            o
        },
    )
}

/// Node `index` of a scenario: its name is unique (a repeated [nodes.X] header is a syntax error
/// that would hide everything else), it is an ending or a decision with options.
fn node(index: usize, clean: bool, count: usize) -> impl Strategy<Value = String> {
    let kinds = if clean { 0..2u8 } else { 0..4u8 };
    let options = if clean { 1..4usize } else { 0..5usize };
    (beats(clean), prop::option::of(words(clean)), kinds, options).prop_flat_map(move |(says, hint, kind, n)| {
        let name = quoted(NAMES[index]);
        let header = format!("\n[nodes.{name}]\nsays = {says}\n");
        let hint = hint.filter(|_| kind != 0 || !clean).map(|h| format!("hint = {}\n", quoted(&h))).unwrap_or_default();
        let n = if kind == 0 { 0 } else { n };
        prop::collection::vec(option(name.clone(), clean, count), n).prop_map(move |opts| {
            let mut s = format!("{header}{hint}");
            match kind {
                0 => s.push_str("ending = \"good\"\noutcome = \"It went well.\"\n"),
                1 => {}
                2 => s.push_str("ending = \"maybe\"\n"),
                _ => s.push_str("outcome = \"Misplaced.\"\n"),
            }
            for o in &opts {
                s.push_str(o);
            }
            s
        })
    })
}

fn scenario() -> impl Strategy<Value = String> {
    (any::<bool>(), 1..=NAMES.len()).prop_flat_map(|(clean, n)| {
        let nodes: Vec<_> = (0..n).map(|i| node(i, clean, n).boxed()).collect();
        let choice = prop_oneof![4 => (1..4i64).prop_map(|n| n.to_string()), 1 => Just("\"!2\"".into()), 1 => Just("0".into()), 1 => Just("\"x\"".into())];
        (
            if clean { Just(Some(1)).boxed() } else { prop::option::of(0..3i64).boxed() },
            node_ref(clean, n),
            if clean { (-5..=5i64).boxed() } else { (-7..7i64).boxed() },
            if clean { (1..=200i64).boxed() } else { (-1..300i64).boxed() },
            nodes,
            prop::collection::vec(prop::collection::vec(choice, 0..5), if clean { 0..1 } else { 0..3 }),
        )
            .prop_map(|(format, start, trust, pace, nodes, tests)| {
                let mut s = String::new();
                if let Some(f) = format {
                    s.push_str(&format!("format = {f}\n"));
                }
                s.push_str(&format!(
                    "id = \"fuzz\"\ntitle = \"Fuzz\"\ndifficulty = \"beginner\"\nstart = {}\n\n[peer]\nname = \"P\"\nabout = \"A.\"\ntrust = {trust}\npace = {pace}\n",
                    quoted(&start)
                ));
                for n in &nodes {
                    s.push_str(n);
                }
                for t in &tests {
                    s.push_str(&format!("\n[[tests]]\nname = \"t\"\nchoices = [{}]\nending = \"good-end\"\n", t.join(", ")));
                }
                s
            })
    })
}

// ---- random damage to real scenarios

fn built_in() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")).map(|p| std::fs::read(p).unwrap()).collect()
}

#[derive(Clone, Debug)]
enum Damage {
    Set(f64, u8),
    Insert(f64, u8),
    Delete(f64, usize),
    Duplicate(f64, usize),
    Truncate(f64),
}

fn damage() -> impl Strategy<Value = Damage> {
    let interesting = prop_oneof![any::<u8>(), prop::sample::select(b"[]{}\"'=,.#\n\\!-0123456789".to_vec())];
    prop_oneof![
        3 => (0.0..1.0f64, interesting.clone()).prop_map(|(at, b)| Damage::Set(at, b)),
        3 => (0.0..1.0f64, interesting).prop_map(|(at, b)| Damage::Insert(at, b)),
        2 => (0.0..1.0f64, 1..200usize).prop_map(|(at, n)| Damage::Delete(at, n)),
        1 => (0.0..1.0f64, 1..400usize).prop_map(|(at, n)| Damage::Duplicate(at, n)),
        1 => (0.0..1.0f64).prop_map(Damage::Truncate),
    ]
}

fn apply(mut bytes: Vec<u8>, damage: &[Damage]) -> Vec<u8> {
    for d in damage {
        let at = |f: f64, len: usize| ((f * len as f64) as usize).min(len);
        match *d {
            Damage::Set(f, b) if !bytes.is_empty() => {
                let i = at(f, bytes.len() - 1);
                bytes[i] = b;
            }
            Damage::Set(..) => {}
            Damage::Insert(f, b) => bytes.insert(at(f, bytes.len()), b),
            Damage::Delete(f, n) => {
                let i = at(f, bytes.len());
                bytes.drain(i..(i + n).min(bytes.len()));
            }
            Damage::Duplicate(f, n) => {
                let i = at(f, bytes.len());
                let piece = bytes[i..(i + n).min(bytes.len())].to_vec();
                bytes.splice(i..i, piece);
            }
            Damage::Truncate(f) => bytes.truncate(at(f, bytes.len())),
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_scenario_graphs_never_panic(text in scenario()) {
        load_and_validate(text);
    }

    #[test]
    fn damaged_real_scenarios_never_panic(which in any::<prop::sample::Index>(), damage in prop::collection::vec(damage(), 1..8)) {
        let files = built_in();
        let original = which.get(&files).clone();
        from_bytes(apply(original, &damage));
    }
}

#[test]
fn the_generators_reach_valid_scenarios_too() {
    // A property test that only ever sees broken files would not exercise validation: check the
    // undamaged built-in scenarios go through the same path and some random graphs load.
    for bytes in built_in() {
        from_bytes(bytes);
    }
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = scenario();
    let loaded = (0..300)
        .filter(|_| {
            let text = strategy.new_tree(&mut runner).unwrap().current();
            load(SourceFile::new(Origin::BuiltIn("fuzz.toml"), text)).scenario.is_some()
        })
        .count();
    assert!(loaded >= 60, "only {loaded} of 300 random scenarios loaded without errors: validation is barely tested");
}
