//! `hearken schema` and the loader agree: a file an editor's JSON-Schema check passes is one
//! `hearken validate` reads, and the other way round, for the mistakes authors make. Editors
//! (taplo / Even Better TOML) turn the TOML into JSON and check it with the schema; this does the
//! same with a small checker for the JSON-Schema keywords the schema uses, as draft 7 defines
//! them (there, 1.0 is an integer: which is why the loader reads `trust = -1.0` as -1).

use super::support::*;
use serde_json::Value;

/// Whether `v` satisfies `schema` (draft 7, the keywords Hearken's schema uses; an unknown
/// keyword that constrains values fails the test, so the checker cannot silently fall behind).
fn valid(root: &Value, schema: &Value, v: &Value) -> bool {
    let Some(s) = schema.as_object() else { return schema.as_bool().unwrap_or(true) };
    for (key, want) in s {
        let ok = match key.as_str() {
            "$ref" => {
                let name = want.as_str().unwrap().strip_prefix("#/definitions/").expect("a local definition");
                valid(root, &root["definitions"][name], v)
            }
            "type" => match want.as_str().unwrap() {
                "string" => v.is_string(),
                "integer" => v.as_f64().is_some_and(|x| x.fract() == 0.0),
                "number" => v.is_number(),
                "array" => v.is_array(),
                "object" => v.is_object(),
                "boolean" => v.is_boolean(),
                other => panic!("type {other}"),
            },
            "enum" => want.as_array().unwrap().iter().any(|e| same(e, v)),
            "const" => same(want, v),
            "minimum" => v.as_f64().is_none_or(|x| x >= want.as_f64().unwrap()),
            "maximum" => v.as_f64().is_none_or(|x| x <= want.as_f64().unwrap()),
            "exclusiveMinimum" => v.as_f64().is_none_or(|x| x > want.as_f64().unwrap()),
            "minLength" => v.as_str().is_none_or(|t| t.chars().count() as u64 >= want.as_u64().unwrap()),
            "maxLength" => v.as_str().is_none_or(|t| t.chars().count() as u64 <= want.as_u64().unwrap()),
            "pattern" => v.as_str().is_none_or(|t| pattern(want.as_str().unwrap(), t)),
            "minItems" => v.as_array().is_none_or(|a| a.len() as u64 >= want.as_u64().unwrap()),
            "uniqueItems" => v.as_array().is_none_or(|a| {
                !want.as_bool().unwrap() || a.iter().enumerate().all(|(i, x)| a[..i].iter().all(|y| !same(x, y)))
            }),
            "items" => v.as_array().is_none_or(|a| a.iter().all(|i| valid(root, want, i))),
            "required" => v
                .as_object()
                .is_none_or(|o| want.as_array().unwrap().iter().all(|k| o.contains_key(k.as_str().unwrap()))),
            "properties" | "additionalProperties" | "propertyNames" => v.as_object().is_none_or(|o| {
                o.iter().all(|(k, x)| match s.get("properties").and_then(|p| p.get(k)) {
                    Some(p) => key != "properties" || valid(root, p, x),
                    None if key == "additionalProperties" => valid(root, want, x),
                    None => true,
                } && (key != "propertyNames" || valid(root, want, &Value::String(k.clone()))))
            }),
            "oneOf" => want.as_array().unwrap().iter().filter(|o| valid(root, o, v)).count() == 1,
            "anyOf" => want.as_array().unwrap().iter().any(|o| valid(root, o, v)),
            "not" => !valid(root, want, v),
            "maxProperties" => v.as_object().is_none_or(|o| o.len() as u64 <= want.as_u64().unwrap()),
            "$schema"
            | "$id"
            | "title"
            | "description"
            | "default"
            | "definitions"
            | "enumDescriptions"
            | "markdownEnumDescriptions" => true,
            other => panic!("the checker does not know the keyword `{other}`"),
        };
        if !ok {
            return false;
        }
    }
    true
}

/// Numbers compare by value (1 and 1.0 are the same JSON number).
fn same(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// The patterns the schema uses, each written out (the test has no regex engine).
fn pattern(p: &str, t: &str) -> bool {
    let kebab = |t: &str| {
        !t.is_empty()
            && t.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
    };
    match p {
        "^[a-z0-9]+(-[a-z0-9]+)*$" => kebab(t),
        "^!?[1-9][0-9]*$" => {
            let d = t.strip_prefix('!').unwrap_or(t);
            !d.is_empty() && !d.starts_with('0') && d.bytes().all(|b| b.is_ascii_digit())
        }
        "\\S" => t.chars().any(|c| !c.is_whitespace()),
        other => panic!("the checker does not know the pattern {other}"),
    }
}

fn to_json(text: &str) -> Value {
    let v: toml::Value = toml::from_str(text).expect("the cases are TOML");
    serde_json::to_value(v).unwrap()
}

#[test]
fn the_schema_and_the_loader_accept_and_refuse_the_same_files() {
    let schema: Value = serde_json::from_str(&run(["schema"]).stdout).unwrap();
    let with = |from: &str, to: &str| replace(BASE, from, to);
    let about = "about = \"Sam, 28, has come to the peer group for the first time.\"";
    // (what, the file, whether both accept it)
    let cases: Vec<(&str, String, bool)> = vec![
        ("the base", BASE.to_string(), true),
        ("trust = -1.0", with(about, &format!("{about}\ntrust = -1.0")), true),
        ("format = 1.0", with("id = ", "format = 1.0\nid = "), true),
        ("format = 1", with("id = ", "format = 1\nid = "), true),
        ("format = 2", with("id = ", "format = 2\nid = "), false),
        ("trust = 8", with(about, &format!("{about}\ntrust = 8")), false),
        ("trust = 2.5", with(about, &format!("{about}\ntrust = 2.5")), false),
        ("pace = 0", with(about, &format!("{about}\npace = 0")), false),
        ("pace = \"20\"", with(about, &format!("{about}\npace = \"20\"")), false),
        ("whitespace-only text", with("text = \"What made you decide to come?\"", "text = \"   \""), false),
        ("whitespace-only title", with("title = \"First visit\"", "title = \" \""), false),
        ("an empty line of says", with("says = [\"Thanks. That helps.\"]", "says = [\"\\t\"]"), false),
        ("a misspelt skill", with("skills = [\"open-question\"]", "skills = [\"open-questions\"]"), false),
        ("a skill as a number", with("skills = [\"open-question\"]", "skills = [\"open-question\", 3]"), false),
        ("skills as text", with("skills = [\"open-question\"]", "skills = \"open-question\""), false),
        ("no skills", with("skills = [\"open-question\"]", "skills = []"), false),
        ("an unknown key", with("title = \"First visit\"", "title = \"First visit\"\ncolour = \"red\""), false),
        (
            "a node key under an option",
            with("next = \"thanks\"\n\n[nodes", "next = \"thanks\"\nhint = \"x\"\n\n[nodes"),
            false,
        ),
        ("an id not in kebab-case", with("id = \"first-visit\"", "id = \"First Visit\""), false),
        ("an unknown difficulty", with("\"beginner\"", "\"easy\""), false),
        ("an unknown ending", with("ending = \"good\"", "ending = \"great\""), false),
        ("no start", with("start = \"opening\"\n", ""), false),
        (
            "a decimal condition",
            with(
                "next = \"thanks\"\n\n[nodes",
                "next = [ { trust_at_least = 2.5, go = \"thanks\" }, { go = \"thanks\" } ]\n\n[nodes",
            ),
            false,
        ),
        (
            "a whole decimal condition",
            with(
                "next = \"thanks\"\n\n[nodes",
                "next = [ { trust_at_least = 2.0, go = \"thanks\" }, { go = \"thanks\" } ]\n\n[nodes",
            ),
            true,
        ),
        ("a pause of 0", with("says = [\"Thanks. That helps.\"]", "says = [\"Thanks.\", { pause = 0 }]"), false),
        ("a pause of 2.5", with("says = [\"Thanks. That helps.\"]", "says = [\"Thanks.\", { pause = 2.5 }]"), true),
        ("a test choice \"!2\"", format!("{BASE}\n[[tests]]\nname = \"t\"\nchoices = [\"!2\"]\n"), true),
        ("a test choice 0", format!("{BASE}\n[[tests]]\nname = \"t\"\nchoices = [0]\n"), false),
        ("a test choice 1.0", format!("{BASE}\n[[tests]]\nname = \"t\"\nchoices = [1.0]\n"), true),
        ("a blank test name", format!("{BASE}\n[[tests]]\nname = \"  \"\nchoices = [1]\n"), false),
        ("a score over 100", format!("{BASE}\n[[tests]]\nname = \"t\"\nchoices = [1]\nmin_score = 101\n"), false),
    ];
    let mut disagree = Vec::new();
    for (what, text, want) in &cases {
        let loader =
            !check_text(text).iter().any(|f| code(&f.code).severity() == hearken_engine::diagnostic::Severity::Error);
        let by_schema = valid(&schema, &schema, &to_json(text));
        if (loader, by_schema) != (*want, *want) {
            disagree.push(format!("{what}: the loader {}, the schema {}", verdict(loader), verdict(by_schema)));
        }
    }
    assert!(disagree.is_empty(), "{}", disagree.join("\n"));
}

fn verdict(accepts: bool) -> &'static str {
    if accepts { "accepts it" } else { "refuses it" }
}

#[test]
fn every_skill_code_has_a_description_in_the_schema() {
    let schema: Value = serde_json::from_str(&run(["schema"]).stdout).unwrap();
    let items = &schema["properties"]["nodes"]["additionalProperties"]["properties"]["options"]["items"]["properties"]
        ["skills"]["items"];
    let codes = items["enum"].as_array().unwrap();
    for key in ["enumDescriptions", "markdownEnumDescriptions"] {
        let d = items[key].as_array().unwrap_or_else(|| panic!("{key}"));
        assert_eq!(d.len(), codes.len(), "{key}: one per code");
        assert!(d.iter().all(|x| x.as_str().is_some_and(|s| s.len() > 10)), "{key}");
    }
}
