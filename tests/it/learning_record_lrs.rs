//! Delivery to a real LRS (Ralph, tests/lrs/README.md), counting what the LRS holds after
//! each fault: every statement exactly once.

use super::lrs_common::{self as lc, Relay};
use super::store_common::{self as sc, fixture};
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::Instant;

macro_rules! lrs_or_skip {
    () => {
        match lc::lrs() {
            Some(l) => l,
            None => return,
        }
    };
}

fn learner(tag: &str) -> String {
    format!("{tag}-{}", uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, format!("{tag}{:?}", Instant::now()).as_bytes()))
}

/// Each session's statements in the LRS: exactly the outbox's, once each.
fn assert_exactly_once(lrs: &lc::Lrs, dir: &Path) {
    let ours: HashSet<String> = lc::outbox_statements(dir)
        .iter()
        .map(|s| serde_json::from_str::<serde_json::Value>(s).unwrap()["id"].as_str().unwrap().to_string())
        .collect();
    let mut held = Vec::new();
    for reg in lc::registrations(dir) {
        held.extend(lrs.by_registration(&reg).into_iter().map(|s| s["id"].as_str().unwrap().to_string()));
    }
    let distinct: HashSet<String> = held.iter().cloned().collect();
    assert_eq!(held.len(), distinct.len(), "the LRS holds a statement twice");
    assert_eq!(distinct, ours);
}

#[test]
fn sessions_reach_the_lrs_after_the_session_with_scores_and_rubrics() {
    let lrs = lrs_or_skip!();
    let f = fixture();
    let tmp = tempfile::tempdir().unwrap();
    lc::configure(tmp.path(), &lrs.endpoint, &lrs.username, &lrs.password, &learner("happy"));
    for choices in ["1 1 1", "2 2 2"] {
        let r = lc::record(&f, tmp.path(), choices);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    // Sent in the background after each session.
    assert_eq!(lc::outbox(tmp.path()), (0, 12, 0, 0));
    assert_exactly_once(lrs, tmp.path());
    let reg = &lc::registrations(tmp.path())[0];
    let held = lrs.by_registration(reg);
    let completed = held.iter().find(|s| s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed").unwrap();
    assert!(completed["result"]["score"]["scaled"].is_number());
    assert!(completed["result"]["extensions"]["urn:hearken:ext:rubric:reflective_listening"].is_number());
    let status = lc::run(tmp.path(), &["sync", "--status"], "");
    assert!(status.stdout.contains("Pending:   0") && status.stdout.contains("Sent:      12"), "{}", status.stdout);
    assert!(!status.stdout.contains(&lrs.password));
}

#[test]
fn the_lrs_down_at_session_end_then_up_gets_everything_on_the_next_sync() {
    let lrs = lrs_or_skip!();
    let f = fixture();
    let tmp = tempfile::tempdir().unwrap();
    let port = lc::free_port();
    lc::configure(
        tmp.path(),
        &format!("http://127.0.0.1:{port}/xAPI/"),
        &lrs.username,
        &lrs.password,
        &learner("down"),
    );
    for _ in 0..3 {
        assert_eq!(lc::record(&f, tmp.path(), "1 1 1").code, 0);
    }
    assert_eq!(lc::outbox(tmp.path()), (18, 0, 0, 0), "nothing lost while down");
    let down = lc::run(tmp.path(), &["sync"], "");
    assert_eq!(down.code, 1);
    assert!(down.stderr.contains("stay queued"), "{}", down.stderr);
    // The network comes back: the same address now reaches the LRS.
    let _relay = Relay::start(port, lrs_addr(lrs), || true);
    let up = lc::run(tmp.path(), &["sync"], "");
    assert_eq!(up.code, 0, "{}{}", up.stdout, up.stderr);
    assert_eq!(lc::outbox(tmp.path()), (0, 18, 0, 0));
    assert_exactly_once(lrs, tmp.path());
}

fn lrs_addr(lrs: &lc::Lrs) -> String {
    lrs.endpoint.split_once("://").unwrap().1.split('/').next().unwrap().to_string()
}

#[test]
fn a_sync_killed_mid_batch_resends_and_the_lrs_keeps_one_of_each() {
    let lrs = lrs_or_skip!();
    let f = fixture();
    let tmp = tempfile::tempdir().unwrap();
    let port = lc::free_port();
    lc::configure(tmp.path(), &format!("http://127.0.0.1:{}/xAPI/", lc::free_port()), "u", "p", &learner("killed"));
    for _ in 0..10 {
        assert_eq!(lc::record(&f, tmp.path(), "1 1 1").code, 0);
    }
    lc::configure(
        tmp.path(),
        &format!("http://127.0.0.1:{port}/xAPI/"),
        &lrs.username,
        &lrs.password,
        &learner("killed"),
    );
    // The relay lets the first batch reach the LRS, then kills `hearken sync` before the answer
    // gets back: the LRS has the batch, the outbox does not know.
    let pid = Arc::new(AtomicU32::new(0));
    let kill = Arc::new(AtomicBool::new(true));
    let (p, k) = (pid.clone(), kill.clone());
    let _relay = Relay::start(port, lrs_addr(lrs), move || {
        if !k.load(Ordering::SeqCst) {
            return true;
        }
        let _ = std::process::Command::new("kill").args(["-9", &p.load(Ordering::SeqCst).to_string()]).status();
        false
    });
    let child = lc::hearken().arg("--data-dir").arg(tmp.path()).arg("sync").spawn().unwrap();
    pid.store(child.id(), Ordering::SeqCst);
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success(), "the sync was killed");
    assert_eq!(lc::outbox(tmp.path()), (60, 0, 0, 0), "nothing marked sent");
    assert_eq!(sc::integrity(tmp.path()), "ok");
    kill.store(false, Ordering::SeqCst);
    let again = lc::run(tmp.path(), &["sync"], "");
    assert_eq!(again.code, 0, "{}{}", again.stdout, again.stderr);
    assert_eq!(lc::outbox(tmp.path()), (0, 60, 0, 0));
    assert_exactly_once(lrs, tmp.path());
}

#[test]
fn a_database_copied_to_another_machine_sends_no_duplicates() {
    let lrs = lrs_or_skip!();
    let f = fixture();
    let a = tempfile::tempdir().unwrap();
    let who = learner("copied");
    lc::configure(a.path(), &format!("http://127.0.0.1:{}/xAPI/", lc::free_port()), "u", "p", &who);
    for _ in 0..2 {
        assert_eq!(lc::record(&f, a.path(), "1 1 1").code, 0);
    }
    // The copy is taken while everything is still queued (the checkpoint puts it all in one file).
    sc::connect(a.path()).execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    let b = tempfile::tempdir().unwrap();
    std::fs::copy(sc::db_path(a.path()), sc::db_path(b.path())).unwrap();
    for dir in [a.path(), b.path()] {
        lc::configure(dir, &lrs.endpoint, &lrs.username, &lrs.password, &who);
        let r = lc::run(dir, &["sync"], "");
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
        assert_eq!(lc::outbox(dir), (0, 12, 0, 0));
    }
    assert_eq!(lc::registrations(a.path()), lc::registrations(b.path()));
    assert_exactly_once(lrs, a.path());
    assert_eq!(lrs.by_learner(&who).len(), 12);
}

#[test]
fn ten_thousand_queued_statements_are_delivered_in_batches() {
    let lrs = lrs_or_skip!();
    let tmp = tempfile::tempdir().unwrap();
    let who = learner("bulk");
    lc::configure(tmp.path(), &format!("http://127.0.0.1:{}/xAPI/", lc::free_port()), "u", "p", &who);
    // 1,667 sessions of 6 statements, queued through the library in one transaction (a
    // process per session would take minutes and test nothing more).
    let scenario = sc::scenario();
    let queueing = Instant::now();
    assert_eq!(lc::record(&fixture(), tmp.path(), "1 1 1").code, 0, "one session played for real makes the database");
    let config = hearken::learning_record::config::load(Some(tmp.path())).unwrap();
    let mut conn = sc::connect(tmp.path());
    let tx = conn.transaction().unwrap();
    for i in 0..1667i64 {
        let mut s = sc::session(&scenario);
        for choice in [1 + i as usize % 2, 1, 1] {
            sc::answer(&mut s, choice, 100);
        }
        let report = s.report(s.turn().end);
        tx.execute(
            "INSERT INTO sessions (scenario, content_hash, seed, started_at, trust, speech_counted) VALUES (?1, ?2, 42, ?3, 0, 1)",
            rusqlite::params![report.scenario, report.content_hash, 1_700_000_000 + i * 600],
        )
        .unwrap();
        let id = tx.last_insert_rowid();
        let mut q = hearken::store::outbox::Queue::new(&config, Some(scenario.clone())).unwrap();
        q.started(&tx, id, &report, None, 1_700_000_000 + i * 600).unwrap();
        q.finished(&tx, id, &report, 1_700_000_300 + i * 600).unwrap();
    }
    tx.commit().unwrap();
    let queued = lc::outbox(tmp.path()).0;
    assert!(queued >= 10_000, "{queued}");
    eprintln!("queued {queued} statements in {:.1} s", queueing.elapsed().as_secs_f64());
    lc::configure(tmp.path(), &lrs.endpoint, &lrs.username, &lrs.password, &who);
    let sending = Instant::now();
    let r = lc::run(tmp.path(), &["sync"], "");
    let took = sending.elapsed();
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    eprintln!("MEASURED: hearken sync delivered {queued} statements to Ralph in {:.1} s", took.as_secs_f64());
    assert_eq!(lc::outbox(tmp.path()), (0, queued, 0, 0));
    let held = lrs.by_learner(&who);
    let distinct: HashSet<&str> = held.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!((held.len(), distinct.len()), (queued as usize, queued as usize));
}
