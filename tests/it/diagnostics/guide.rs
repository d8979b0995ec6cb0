//! docs/scenario-format.md is all an instructor has: its examples must be right, it must cover
//! every key and skill code, and its CI recipe must work as written.

use super::support::*;
use hearken_engine::diagnostic::Code;
use hearken_engine::rubric::Skill;

fn guide() -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/scenario-format.md")).unwrap()
}

fn blocks(text: &str, lang: &str) -> Vec<String> {
    let fence = format!("```{lang}\n");
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(&fence) {
        let body = &rest[start + fence.len()..];
        let end = body.find("```").expect("a closed block");
        out.push(body[..end].to_string());
        rest = &body[end + 3..];
    }
    out
}

#[test]
fn the_complete_example_validates_with_no_warnings_and_every_snippet_is_good_toml() {
    let toml = blocks(&guide(), "toml");
    let (complete, snippets): (Vec<String>, Vec<String>) =
        toml.into_iter().partition(|b| b.starts_with("id = ") && b.contains("[peer]"));
    assert_eq!(complete.len(), 1);
    for b in complete {
        assert_eq!(check_text(&b), vec![], "{b}");
    }
    assert!(snippets.len() >= 10);
    for b in snippets {
        let mut sink = hearken_engine::diagnostic::Sink::default();
        let parsed = hearken_engine::toml_read::parse(&b, &mut None, &mut sink).is_some();
        assert!(parsed && sink.diagnostics.is_empty(), "{b}\n{:?}", sink.diagnostics);
    }
}

#[test]
fn every_key_and_every_skill_code_is_explained() {
    let g = guide();
    for (table, keys) in loader_keys() {
        for key in keys {
            assert!(g.contains(&format!("`{key}`")), "the {table} key `{key}` is not in the guide");
        }
    }
    for code in Skill::codes() {
        assert!(g.contains(&format!("| `{code}` |")), "skill `{code}` has no row with an example");
    }
}

#[test]
fn the_codes_it_names_exist() {
    let g = guide();
    let mut named = 0;
    for (i, _) in g.match_indices("H0") {
        let word: String = g[i..].chars().take_while(char::is_ascii_alphanumeric).collect();
        assert!(word.parse::<Code>().is_ok(), "the guide names {word}, which is not a code");
        named += 1;
    }
    assert!(named >= 30, "the common mistakes are listed with their codes");
}

#[test]
fn the_ci_recipe_works_as_written() {
    let g = guide();
    let yaml = blocks(&g, "yaml").into_iter().next().expect("a GitHub Actions job");
    let mut commands: Vec<String> =
        yaml.lines().filter_map(|l| l.trim().strip_prefix("run: hearken ")).map(str::to_string).collect();
    assert_eq!(commands.len(), 2, "validate and test");
    assert!(commands[0].contains("--format github") && commands[0].contains("--deny-warnings"));
    let shell = g.lines().find(|l| l.starts_with("hearken validate --deny-warnings")).expect("a plain shell line");
    commands.extend(shell.split(" && ").map(|c| c.strip_prefix("hearken ").unwrap().to_string()));

    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir(repo.path().join("scenarios")).unwrap();
    let test = "\n[[tests]]\nname = \"reflecting ends well\"\nchoices = [1]\nending = \"thanks\"\n";
    let file = write(&repo.path().join("scenarios"), "first-visit.toml", format!("{BASE}{test}"));
    let in_repo = |command: &str| {
        let out = hearken().args(command.split_whitespace()).current_dir(repo.path()).output().unwrap();
        (out.status.code().unwrap(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    for c in &commands {
        assert_eq!(in_repo(c).0, 0, "`hearken {c}` on a good folder");
    }
    // A warning fails the validate steps; a wrong test fails the test steps.
    std::fs::write(&file, format!("{BASE}{}", test.replace("[1]", "[2, 1]"))).unwrap();
    for c in &commands {
        let (code, out) = in_repo(c);
        assert_eq!(code, if c.starts_with("test") { 1 } else { 0 }, "`hearken {c}`: {out}");
    }
    std::fs::write(&file, format!("{BASE}\n[nodes.spare]\nsays = [\"x\"]\nending = \"poor\"\noutcome = \"x\"\n"))
        .unwrap();
    let (code, out) = in_repo(&commands[0]);
    assert_eq!(code, 1);
    assert!(out.starts_with("::warning file=scenarios/first-visit.toml,line=30,col=1,title=H040::"), "{out}");
}

#[test]
fn the_validate_output_it_shows_is_what_hearken_prints() {
    let g = guide();
    let start = g.find("```text\nerror[H030]").expect("an example of human output") + 8;
    let shown = &g[start..start + g[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let bad = replace(BASE, "next = \"thanks\"", "next = \"thank\"");
    write(dir.path(), "first-visit.toml", bad);
    let out = hearken().args(["validate", "first-visit.toml"]).current_dir(dir.path()).output().unwrap();
    assert_eq!(shown, String::from_utf8_lossy(&out.stdout));
}

#[test]
fn the_points_it_gives_each_skill_are_the_default_tables() {
    use hearken_engine::rubric::{Rubric, RubricTable};
    let g = guide();
    let table = RubricTable::builtin();
    for &skill in Skill::ALL {
        let row = g.lines().find(|l| l.starts_with(&format!("| `{}` |", skill.code()))).unwrap();
        let cell = row.trim_end_matches('|').rsplit('|').next().unwrap().trim();
        let mut said = Vec::new();
        for part in cell.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
            let (name, n) = part.rsplit_once(' ').unwrap();
            said.push((name.to_string(), n.parse::<i32>().unwrap_or_else(|_| panic!("{row}"))));
        }
        let entry = table.entry(skill);
        let mut real: Vec<(String, i32)> = Rubric::ALL
            .iter()
            .filter(|&&r| entry.points.get(r) != 0)
            .map(|&r| (r.name().to_lowercase(), entry.points.get(r)))
            .collect();
        if entry.trust != 0 {
            real.push(("rapport".to_string(), entry.trust));
        }
        said.sort();
        real.sort();
        assert_eq!(said, real, "{}", skill.code());
    }
}
