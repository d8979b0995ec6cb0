//! The statements themselves (no network): valid xAPI for a strict LRS, the right verbs and
//! results, stable ids, built once, exported byte for byte; nothing queued without an LRS.

use super::lrs_common::{self as lc, check_statement};
use super::store_common::{self as sc, fixture};
use hearken::learning_record::statement::{ext, verb};
use serde_json::Value;

/// An endpoint nothing listens on: statements stay queued.
fn offline(dir: &std::path::Path) {
    lc::configure(dir, &format!("http://127.0.0.1:{}/xAPI/", lc::free_port()), "u", "s3cret-Pa55", "trainee-1");
}

fn parsed(dir: &std::path::Path) -> Vec<Value> {
    lc::outbox_statements(dir).iter().map(|s| serde_json::from_str(s).unwrap()).collect()
}

fn verbs(statements: &[Value]) -> Vec<String> {
    statements.iter().map(|s| s["verb"]["id"].as_str().unwrap().rsplit('/').next().unwrap().to_string()).collect()
}

#[test]
fn a_finished_session_is_initialized_responded_completed_and_passed_or_failed() {
    let f = fixture();
    let tmp = tempfile::tempdir().unwrap();
    offline(tmp.path());
    let good = lc::record(&f, tmp.path(), "1 1 1");
    assert_eq!(good.code, 0, "{}", good.stderr);
    let poor = lc::record(&f, tmp.path(), "2 2 2");
    assert_eq!(poor.code, 0, "{}", poor.stderr);
    let all = parsed(tmp.path());
    assert_eq!(all.len(), 12);
    for s in &all {
        assert_eq!(check_statement(s), Vec::<String>::new(), "{s:#}");
    }
    assert_eq!(verbs(&all[..6]), ["initialized", "responded", "responded", "responded", "completed", "passed"]);
    assert_eq!(verbs(&all[6..]), ["initialized", "responded", "responded", "responded", "completed", "failed"]);

    let regs = lc::registrations(tmp.path());
    assert_eq!(regs.len(), 2);
    assert_ne!(regs[0], regs[1]);
    for (i, s) in all.iter().enumerate() {
        assert_eq!(s["context"]["registration"], regs[i / 6].as_str());
        assert!(s["context"]["extensions"][ext::CONTENT_HASH].is_string(), "content hash on every statement");
        assert_eq!(s["actor"]["account"]["name"], "trainee-1");
        assert!(s["actor"].get("mbox").is_none());
    }
    // The scenario is a simulation activity under activity_base, with its revision.
    assert_eq!(all[0]["object"]["id"], "urn:hearken:scenario:practice-run");
    assert_eq!(all[0]["object"]["definition"]["type"], "http://adlnet.gov/expapi/activities/simulation");
    assert_eq!(all[0]["context"]["revision"], all[0]["context"]["extensions"][ext::CONTENT_HASH]);
    // A decision is a choice interaction with the options as choices.
    let r = &all[1];
    assert_eq!(r["verb"]["id"], verb::RESPONDED);
    assert_eq!(r["object"]["definition"]["interactionType"], "choice");
    assert_eq!(r["object"]["definition"]["type"], "http://adlnet.gov/expapi/activities/cmi.interaction");
    assert_eq!(r["object"]["definition"]["choices"].as_array().unwrap().len(), 2);
    assert_eq!(r["result"]["response"], "1");
    assert_eq!(r["result"]["extensions"][ext::SKILLS], serde_json::json!(["reflection"]));
    assert_eq!(r["result"]["extensions"][ext::INTERRUPTED], false);
    assert!(r["context"].get("revision").is_none(), "revision only where the object is the scenario");
    assert_eq!(r["context"]["contextActivities"]["parent"][0]["id"], "urn:hearken:scenario:practice-run");
    // completed: the score, scaled, the duration, one extension per assessed rubric.
    let report: Value = serde_json::from_str(good.stdout.trim()).unwrap();
    let c = &all[4]["result"];
    let overall = report["scores"]["overall"].as_u64().unwrap();
    assert_eq!(c["score"]["raw"], overall);
    assert_eq!(c["score"]["scaled"].as_f64().unwrap(), overall as f64 / 100.0);
    assert_eq!((c["score"]["min"].as_u64(), c["score"]["max"].as_u64()), (Some(0), Some(100)));
    assert!(c["duration"].as_str().unwrap().starts_with("PT"));
    for (key, score) in report["scores"].as_object().unwrap() {
        if key == "overall" {
            continue;
        }
        let e = &c["extensions"][format!("{}{key}", ext::RUBRIC_PREFIX)];
        if score.is_null() {
            assert!(e.is_null(), "a rubric not assessed is left out: {key}");
        } else {
            assert_eq!(e, score, "{key}");
        }
    }
    assert_eq!(all[5]["result"]["success"], true);
    assert_eq!(all[11]["result"]["success"], false);
    assert!(!all[11]["result"]["extensions"][ext::REASONS].as_array().unwrap().is_empty());
}

#[test]
fn a_session_left_early_is_terminated() {
    use hearken::store::Recorder;
    let tmp = tempfile::tempdir().unwrap();
    offline(tmp.path());
    let scenario = sc::scenario();
    let mut s = sc::session(&scenario);
    let mut rec = Recorder::start(Some(tmp.path()), &s, true, None);
    assert_eq!(rec.problem(), None);
    sc::answer(&mut s, 1, 500);
    rec.decision(&s);
    rec.finish(&s.report(s.turn().end));
    let all = parsed(tmp.path());
    assert_eq!(verbs(&all), ["initialized", "responded", "terminated"]);
    assert_eq!(all[2]["result"]["completion"], false);
    // What the decisions so far earned goes too: a supervisor sees how a left session went.
    assert!(all[2]["result"]["score"]["scaled"].is_number(), "{:#}", all[2]);
    assert!(all[2]["result"]["extensions"].as_object().unwrap().keys().any(|k| k.contains("rubric")), "{:#}", all[2]);
    assert_eq!(all[1]["result"]["duration"], "PT0.5S", "the response time");
    for st in &all {
        assert_eq!(check_statement(st), Vec::<String>::new(), "{st:#}");
    }
}

#[test]
fn statement_ids_are_stable_and_each_is_built_once() {
    let f = fixture();
    let tmp = tempfile::tempdir().unwrap();
    offline(tmp.path());
    lc::record(&f, tmp.path(), "1 1 1");
    let c = sc::connect(tmp.path());
    let reg: String = c.query_row("SELECT registration FROM sessions", [], |r| r.get(0)).unwrap();
    let reg = uuid::Uuid::parse_str(&reg).unwrap();
    assert_eq!(reg.get_version_num(), 4);
    let ids: Vec<(String, String)> = c
        .prepare("SELECT statement_id, event FROM outbox ORDER BY seq")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (id, event) in &ids {
        assert_eq!(id, &hearken::learning_record::statement::statement_id(&reg, event).to_string());
    }
    let events: Vec<&str> = ids.iter().map(|(_, e)| e.as_str()).collect();
    assert_eq!(events, ["initialized", "responded/1", "responded/2", "responded/3", "completed", "passed"]);
}

#[test]
fn with_no_endpoint_nothing_is_queued_and_sync_says_how_to_configure() {
    let f = fixture();
    let tmp = tempfile::tempdir().unwrap();
    let r = lc::record(&f, tmp.path(), "1 1 1");
    assert_eq!(r.code, 0);
    assert_eq!(sc::count(tmp.path(), "SELECT count(*) FROM outbox"), 0);
    assert_eq!(sc::count(tmp.path(), "SELECT count(*) FROM sessions"), 1);
    let s = lc::run(tmp.path(), &["sync"], "");
    assert_eq!(s.code, 2, "{}", s.stderr);
    assert!(s.stderr.contains("endpoint") && s.stderr.contains("config.toml"), "{}", s.stderr);
}

#[test]
fn a_bad_config_is_named_with_its_line_and_the_session_is_still_saved() {
    let f = fixture();
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("config.toml"),
        "[lrs]\nendpoint = \"https://lrs.example.org/xAPI/\"\npasword = \"s3cret-Pa55\"\n",
    )
    .unwrap();
    let r = lc::record(&f, tmp.path(), "1 1 1");
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("config.toml, line 3") && r.stderr.contains("pasword"), "{}", r.stderr);
    assert!(!r.stderr.contains("s3cret"), "{}", r.stderr);
    assert_eq!(sc::count(tmp.path(), "SELECT count(*) FROM sessions"), 1);
    let s = lc::run(tmp.path(), &["sync", "--status"], "");
    assert_eq!(s.code, 2);
    assert!(s.stderr.contains("line 3"), "{}", s.stderr);
}

#[test]
fn typed_words_stay_out_unless_the_config_allows_them() {
    use hearken::learning_record::config::{Learner, Profile};
    use hearken::learning_record::statement::{DecisionFacts, SessionFacts, responded};
    let s = SessionFacts {
        registration: uuid::Uuid::nil(),
        scenario: "x".into(),
        title: "X".into(),
        content_hash: "h".into(),
        seed: 0,
        typed: true,
        replay_of: None,
        started_at: 0,
    };
    let d = DecisionFacts {
        ordinal: 1,
        node: "n".into(),
        option: 1,
        choices: Vec::new(),
        skills: vec!["reflection".into()],
        interrupted: false,
        hint_used: false,
        response_ms: None,
        best_option: 1,
        was_best: true,
        typed_text: Some("so you're running on empty".into()),
        heard: Some(vec!["reflection".into()]),
        quality: None,
        mark: None,
        decided_at: 0,
    };
    let mut p = Profile {
        learner: Learner { homepage: "https://org.example/".into(), name: "t".into() },
        activity_base: "urn:hearken:".into(),
        include_typed_text: false,
    };
    let off: Value = serde_json::from_str(&responded(&p, &s, &d).json).unwrap();
    assert!(off["result"]["extensions"].get(ext::TYPED_TEXT).is_none());
    assert_eq!(off["result"]["extensions"][ext::HEARD_SKILLS], serde_json::json!(["reflection"]));
    assert_eq!(off["context"]["extensions"][ext::MODE], "type");
    p.include_typed_text = true;
    let on: Value = serde_json::from_str(&responded(&p, &s, &d).json).unwrap();
    assert_eq!(on["result"]["extensions"][ext::TYPED_TEXT], "so you're running on empty");
    assert_eq!(check_statement(&on), Vec::<String>::new());
}

#[test]
fn export_writes_the_queued_texts_and_rebuilds_sessions_kept_without_an_lrs() {
    let f = fixture();
    let tmp = tempfile::tempdir().unwrap();
    // One session with no LRS configured, then one with.
    lc::record(&f, tmp.path(), "1 1 1");
    offline(tmp.path());
    lc::record(&f, tmp.path(), "2 2 2");
    let scen = f.dir.path().to_str().unwrap().to_string();
    let out = tmp.path().join("records.json");
    let r = lc::run(tmp.path(), &["--scenarios", &scen, "export", "--xapi", out.to_str().unwrap()], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    let all: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(all.len(), 12);
    for s in &all {
        assert_eq!(check_statement(s), Vec::<String>::new(), "{s:#}");
    }
    // The queued session's statements are the outbox's texts, byte for byte.
    for queued in lc::outbox_statements(tmp.path()) {
        assert!(text.contains(&queued), "export changed a queued statement");
    }
    // The rebuilt session has the same shape, its options found in the library.
    assert_eq!(verbs(&all[..6]), ["initialized", "responded", "responded", "responded", "completed", "passed"]);
    assert_eq!(all[1]["object"]["definition"]["choices"].as_array().map(Vec::len), Some(2));
    let stdout = lc::run(tmp.path(), &["--scenarios", &scen, "export", "--xapi"], "");
    assert_eq!(stdout.stdout, text, "`-` (the default) writes the same to standard output");
}

#[test]
fn an_older_history_gets_a_registration_for_every_session() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let c = sc::connect(tmp.path());
        c.execute_batch(hearken::store::schema::MIGRATIONS[0]).unwrap();
        c.execute_batch(&format!(
            "PRAGMA application_id = {}; PRAGMA user_version = 1;",
            hearken::store::schema::APPLICATION_ID
        ))
        .unwrap();
        for i in 0..50 {
            c.execute(
                "INSERT INTO sessions (scenario, content_hash, seed, started_at, trust, speech_counted) VALUES ('x', 'h', 0, ?1, 0, 1)",
                [i],
            )
            .unwrap();
        }
    }
    let r = lc::run(tmp.path(), &["history", "--format", "csv"], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let regs = lc::registrations(tmp.path());
    assert_eq!(regs.len(), 50);
    let distinct: std::collections::HashSet<&String> = regs.iter().collect();
    assert_eq!(distinct.len(), 50);
    for reg in &regs {
        assert!(lc::is_uuid(reg), "{reg}");
        assert_eq!(uuid::Uuid::parse_str(reg).unwrap().get_version_num(), 4, "{reg}");
    }
}
