//! Delivery against a fault-injecting LRS on 127.0.0.1: the answers a real LRS gives rarely
//! (500, 409, 400, 401, 429 with Retry-After, slowness), each followed by a count of what was
//! sent, set aside and still queued. Nothing is lost and nothing is sent twice as new.

use super::lrs_common::{self as lc, FaultServer, Reply, Request};
use super::store_common::fixture;
use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};

const PASSWORD: &str = "s3cret-Pa55";

/// Records `n` sessions while the LRS cannot be reached (6 statements each), then points the
/// configuration at `endpoint`.
fn queued(n: usize, endpoint: &str) -> tempfile::TempDir {
    let f = fixture();
    let tmp = tempfile::tempdir().unwrap();
    lc::configure(tmp.path(), &format!("http://127.0.0.1:{}/xAPI/", lc::free_port()), "u", PASSWORD, "trainee-1");
    for _ in 0..n {
        assert_eq!(lc::record(&f, tmp.path(), "1 1 1").code, 0);
    }
    assert_eq!(lc::outbox(tmp.path()).0, 6 * n as i64);
    lc::configure(tmp.path(), endpoint, "u", PASSWORD, "trainee-1");
    tmp
}

fn sync(dir: &Path) -> lc::Run {
    let r = lc::run(dir, &["sync"], "");
    assert!(!r.stdout.contains(PASSWORD) && !r.stderr.contains(PASSWORD), "the password was printed");
    r
}

/// Distinct statement ids the server answered 200 to.
fn accepted(server: &FaultServer, ok: impl Fn(usize, &Request) -> bool) -> HashSet<String> {
    let all = server.requests.lock().unwrap().clone();
    all.iter().enumerate().filter(|(i, r)| r.method == "POST" && ok(*i, r)).flat_map(|(_, r)| r.ids()).collect()
}

#[test]
fn batches_carry_the_version_header_basic_auth_and_at_most_50_statements() {
    let server = FaultServer::start(|_, r| Reply::ok(r));
    let tmp = queued(11, &server.endpoint);
    let r = sync(tmp.path());
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(lc::outbox(tmp.path()), (0, 66, 0, 0));
    let posts = server.posts();
    assert_eq!(posts.iter().map(|p| p.ids().len()).collect::<Vec<_>>(), [50, 16]);
    for p in &posts {
        assert_eq!(p.target, "/xAPI/statements");
        assert_eq!(p.header("X-Experience-API-Version"), Some("1.0.3"));
        assert_eq!(p.header("Content-Type"), Some("application/json"));
        assert_eq!(
            p.header("Authorization").unwrap(),
            format!("Basic {}", lc::base64(format!("u:{PASSWORD}").as_bytes()))
        );
    }
    // The bodies are the stored texts, byte for byte.
    let stored = lc::outbox_statements(tmp.path());
    assert_eq!(posts[0].body, format!("[{}]", stored[..50].join(",")));

    // 2.0.0 when configured.
    let server2 = FaultServer::start(|_, r| Reply::ok(r));
    let tmp2 = queued(1, &server2.endpoint);
    lc::configure_with(tmp2.path(), &server2.endpoint, "u", PASSWORD, "trainee-1", "version = \"2.0.0\"\n");
    assert_eq!(sync(tmp2.path()).code, 0);
    assert_eq!(server2.posts()[0].header("X-Experience-API-Version"), Some("2.0.0"));
}

#[test]
fn a_500_then_success_sends_everything_once() {
    let server = FaultServer::start(|n, r| if n == 0 { Reply::status(500) } else { Reply::ok(r) });
    let tmp = queued(2, &server.endpoint);
    let r = sync(tmp.path());
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(lc::outbox(tmp.path()), (0, 12, 0, 0));
    let posts = server.posts();
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[0].body, posts[1].body, "a re-send is byte-identical");
}

#[test]
fn a_409_for_one_statement_sets_it_aside_and_sends_the_rest() {
    let tmp_ids = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let bad = tmp_ids.clone();
    let server = FaultServer::start(move |_, r| {
        let bad = bad.lock().unwrap().clone();
        if r.method == "GET" {
            return Reply::status(404);
        }
        if r.ids().contains(&bad) { Reply::status(409) } else { Reply::ok(r) }
    });
    let tmp = queued(3, &server.endpoint);
    let conflicting = lc::outbox_statements(tmp.path())[7].clone();
    let id = serde_json::from_str::<serde_json::Value>(&conflicting).unwrap()["id"].as_str().unwrap().to_string();
    *tmp_ids.lock().unwrap() = id.clone();
    let r = sync(tmp.path());
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains(&format!("Set aside as conflicting: statement {id}")), "{}", r.stdout);
    assert_eq!(lc::outbox(tmp.path()), (0, 17, 1, 0));
    let sent = accepted(&server, |_, _| true);
    assert!(sent.len() >= 17);
    let status = lc::run(tmp.path(), &["sync", "--status"], "");
    assert!(status.stdout.contains("Set aside: 1 (1 conflicting, 0 rejected)"), "{}", status.stdout);
    assert!(status.stdout.contains(&id), "{}", status.stdout);
    // Set aside is final: the next sync has nothing to send.
    let again = sync(tmp.path());
    assert_eq!(again.code, 0, "{}", again.stdout);
    assert!(again.stdout.contains("Nothing to send"), "{}", again.stdout);
}

#[test]
fn a_409_for_a_statement_the_lrs_already_holds_counts_as_sent() {
    // An LRS may answer 409 to a re-send of what it has: the statement is looked up, found the
    // same, and marked sent.
    let holds = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let h = holds.clone();
    let server = FaultServer::start(move |_, r| {
        let held = h.lock().unwrap().clone();
        if r.method == "GET" {
            let id = r.target.split("statementId=").nth(1).unwrap_or("");
            return match held.iter().find(|s| s.contains(id)) {
                Some(s) => Reply { body: s.clone(), ..Reply::status(200) },
                None => Reply::status(404),
            };
        }
        if r.ids().iter().any(|id| held.iter().any(|s| s.contains(id.as_str()))) {
            Reply::status(409)
        } else {
            Reply::ok(r)
        }
    });
    let tmp = queued(1, &server.endpoint);
    holds.lock().unwrap().push(lc::outbox_statements(tmp.path())[2].clone());
    let r = sync(tmp.path());
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(lc::outbox(tmp.path()), (0, 6, 0, 0));
}

#[test]
fn a_400_for_one_statement_is_isolated_and_the_rest_are_sent() {
    let bad = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let b = bad.clone();
    let server = FaultServer::start(move |_, r| {
        let bad = b.lock().unwrap().clone();
        if r.ids().contains(&bad) {
            Reply { body: "{\"message\": \"statement.result.score.scaled out of range\"}".into(), ..Reply::status(400) }
        } else {
            Reply::ok(r)
        }
    });
    let tmp = queued(10, &server.endpoint);
    let text = lc::outbox_statements(tmp.path())[33].clone();
    *bad.lock().unwrap() = serde_json::from_str::<serde_json::Value>(&text).unwrap()["id"].as_str().unwrap().into();
    let r = sync(tmp.path());
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("Set aside as rejected") && r.stdout.contains("out of range"), "{}", r.stdout);
    assert_eq!(lc::outbox(tmp.path()), (0, 59, 0, 1));
    // Halving finds it in a handful of requests, not one per statement.
    assert!(server.posts().len() <= 2 + 2 * 6, "{} requests", server.posts().len());
}

#[test]
fn a_401_stops_says_so_and_marks_nothing_sent() {
    let server = FaultServer::start(|_, _| Reply::status(401));
    let tmp = queued(2, &server.endpoint);
    let r = sync(tmp.path());
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("refused the credentials (HTTP 401)"), "{}", r.stderr);
    assert_eq!(server.posts().len(), 1, "stops at once");
    assert_eq!(lc::outbox(tmp.path()), (12, 0, 0, 0));
    let status = lc::run(tmp.path(), &["sync", "--status"], "");
    assert!(
        status.stdout.contains("Pending:   12") && status.stdout.contains("refused the credentials"),
        "{}",
        status.stdout
    );
    assert!(!status.stdout.contains(PASSWORD));
}

#[test]
fn retry_after_is_honoured_within_a_run_and_across_runs() {
    let server = FaultServer::start(|n, r| {
        if n == 0 {
            Reply { headers: vec![("Retry-After".into(), "1".into())], ..Reply::status(429) }
        } else {
            Reply::ok(r)
        }
    });
    let tmp = queued(1, &server.endpoint);
    let r = sync(tmp.path());
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.took >= Duration::from_secs(1), "waited {:?}", r.took);
    assert_eq!(lc::outbox(tmp.path()), (0, 6, 0, 0));

    // A wait longer than a run may take ends the run, and the next run keeps to it.
    let long =
        FaultServer::start(|_, _| Reply { headers: vec![("Retry-After".into(), "3600".into())], ..Reply::status(503) });
    let tmp = queued(1, &long.endpoint);
    let r = sync(tmp.path());
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("asked Hearken to wait 3600 s"), "{}", r.stderr);
    assert!(r.took < Duration::from_secs(10));
    let again = sync(tmp.path());
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("asked Hearken to wait until"), "{}", again.stderr);
    assert_eq!(long.posts().len(), 1, "no request before the time the LRS gave");
    assert_eq!(lc::outbox(tmp.path()), (6, 0, 0, 0));
}

#[test]
fn an_lrs_that_keeps_failing_leaves_everything_queued() {
    let server = FaultServer::start(|_, _| Reply::status(502));
    let tmp = queued(1, &server.endpoint);
    let r = sync(tmp.path());
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("HTTP 502") && r.stderr.contains("stay queued"), "{}", r.stderr);
    assert_eq!(server.posts().len(), 4, "one try and three retries with backoff (1 s, 2 s, 4 s)");
    assert_eq!(lc::outbox(tmp.path()), (6, 0, 0, 0));
}

#[test]
fn a_slow_lrs_never_holds_up_the_report() {
    let server = FaultServer::start(|_, r| Reply { delay: Duration::from_secs(30), ..Reply::ok(r) });
    let f = fixture();
    let tmp = tempfile::tempdir().unwrap();
    lc::configure(tmp.path(), &server.endpoint, "u", PASSWORD, "trainee-1");
    let r = lc::record(&f, tmp.path(), "1 1 1");
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("\"overall\""), "the report was printed");
    // The report first; then at most the bounded background join (3 s) before the exit.
    assert!(r.took < Duration::from_secs(6), "took {:?}", r.took);
    assert_eq!(lc::outbox(tmp.path()), (6, 0, 0, 0), "a send cut off is not marked sent");

    // The background sender itself returns at once, and gives up by its own timeout. (The run
    // above failed, so automatic sending is backing off: clear that first.)
    super::store_common::connect(tmp.path()).execute("DELETE FROM outbox_delivery", []).unwrap();
    let started = Instant::now();
    let mut opts = hearken::delivery::Options::background();
    opts.timeout = Duration::from_secs(1);
    let send =
        hearken::delivery::send_in_background(Some(tmp.path().to_path_buf()), opts).expect("an LRS is configured");
    assert!(started.elapsed() < Duration::from_millis(500), "spawning took {:?}", started.elapsed());
    let out = send.join_for(Duration::from_secs(10)).expect("the send ends by its timeout");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(out.sent, 0);
    assert!(matches!(out.stop, Some(hearken::delivery::Stop::Retry { .. })), "{out:?}");
    assert_eq!(lc::outbox(tmp.path()), (6, 0, 0, 0));
    // ...and then waits before trying automatically again.
    assert!(
        hearken::delivery::send_in_background(Some(tmp.path().to_path_buf()), hearken::delivery::Options::background())
            .is_some_and(|b| b.join_for(Duration::from_secs(2)).is_none())
    );
}

#[test]
fn a_password_variable_unset_where_the_session_ran_still_queues_and_sync_names_the_variable() {
    // From the LRS administrator's trial: a desktop shortcut without the variable must not lose
    // the sessions played from it.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("config.toml"),
        "[lrs]\nendpoint = \"http://127.0.0.1:9/xAPI/\"\nusername = \"u\"\npassword_env = \"HEARKEN_TEST_UNSET_SECRET\"\nlearner = \"ben\"\nhomepage = \"https://peers.example.org/\"\n",
    )
    .unwrap();
    let o = crate::common::run(
        crate::common::hearken()
            .args(["--data-dir"])
            .arg(tmp.path())
            .args(["play", "back-after-relapse", "--script", "-", "--record"])
            .env_remove("HEARKEN_TEST_UNSET_SECRET"),
        b"1",
    );
    assert!(o.status.success(), "{}", crate::common::stderr(&o));
    let status = crate::common::run(
        crate::common::hearken().args(["--data-dir"]).arg(tmp.path()).args(["sync", "--status"]),
        b"",
    );
    let text = crate::common::stdout(&status);
    let pending: usize = text
        .lines()
        .find_map(|l| l.strip_prefix("Pending:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a Pending line");
    assert!(pending > 0, "the session's statements are queued:\n{text}");
    let sync = crate::common::run(crate::common::hearken().args(["--data-dir"]).arg(tmp.path()).arg("sync"), b"");
    assert_eq!(sync.status.code(), Some(1));
    let said = crate::common::stdout(&sync) + &crate::common::stderr(&sync);
    assert!(said.contains("HEARKEN_TEST_UNSET_SECRET") && said.contains("Nothing was sent"), "{said}");
}
