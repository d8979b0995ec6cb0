//! Shared by the learning-record tests: a real LRS (Ralph, see tests/lrs/README.md), a small
//! fault-injecting HTTP server on 127.0.0.1 for the answers Ralph never gives, a TCP relay that
//! can be down and then up, and a strict xAPI 1.0.3 statement checker.
#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

// --- Configuration ----------------------------------------------------------------------------

/// Writes `<data_dir>/config.toml` for an LRS at `endpoint`.
pub fn configure(data_dir: &Path, endpoint: &str, username: &str, password: &str, learner: &str) {
    configure_with(data_dir, endpoint, username, password, learner, "");
}

pub fn configure_with(data_dir: &Path, endpoint: &str, username: &str, password: &str, learner: &str, extra: &str) {
    std::fs::create_dir_all(data_dir).unwrap();
    let text = format!(
        "[lrs]\nendpoint = \"{endpoint}\"\nusername = \"{username}\"\npassword = \"{password}\"\nlearner = \"{learner}\"\nhomepage = \"https://org.example/\"\n{extra}"
    );
    std::fs::write(data_dir.join("config.toml"), text).unwrap();
}

/// `hearken` with no LRS variables from the environment.
pub fn hearken() -> Command {
    let mut c = super::store_common::hearken();
    for v in ["HEARKEN_LRS_ENDPOINT", "HEARKEN_LRS_USERNAME", "HEARKEN_LRS_PASSWORD", "HEARKEN_LEARNER"] {
        c.env_remove(v);
    }
    c
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub took: Duration,
}

pub fn run(data_dir: &Path, args: &[&str], stdin: &str) -> Run {
    let started = Instant::now();
    let mut child = hearken()
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        took: started.elapsed(),
    }
}

/// Plays the history tests' scenario with `choices`, recorded: 6 statements (initialized, three
/// responded, completed, passed or failed).
pub fn record(fixture: &super::store_common::Fixture, data_dir: &Path, choices: &str) -> Run {
    let scenarios = fixture.dir.path().to_str().unwrap().to_string();
    run(
        data_dir,
        &["--scenarios", &scenarios, "play", super::store_common::ID, "--script", "-", "--record", "--json"],
        choices,
    )
}

/// Outbox counts by state: (pending, sent, conflict, rejected).
pub fn outbox(data_dir: &Path) -> (i64, i64, i64, i64) {
    let c = super::store_common::connect(data_dir);
    let n =
        |s: &str| -> i64 { c.query_row("SELECT count(*) FROM outbox WHERE state = ?1", [s], |r| r.get(0)).unwrap() };
    (n("pending"), n("sent"), n("conflict"), n("rejected"))
}

/// Every statement in the outbox, oldest first.
pub fn outbox_statements(data_dir: &Path) -> Vec<String> {
    let c = super::store_common::connect(data_dir);
    let mut st = c.prepare("SELECT statement FROM outbox ORDER BY seq").unwrap();
    st.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

pub fn registrations(data_dir: &Path) -> Vec<String> {
    let c = super::store_common::connect(data_dir);
    let mut st = c.prepare("SELECT registration FROM sessions ORDER BY id").unwrap();
    st.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

/// A port nothing listens on (bound, then released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

// --- The real LRS -----------------------------------------------------------------------------

pub struct Lrs {
    /// The xAPI base, ending in `/`.
    pub endpoint: String,
    pub username: String,
    pub password: String,
    agent: ureq::Agent,
}

struct Started {
    lrs: Option<Lrs>,
    _child: Option<Mutex<Child>>,
}

/// The LRS for the tests: `HEARKEN_TEST_LRS` (+ `_USERNAME`, `_PASSWORD`, as `.ci/run` sets them
/// from `tests/lrs/lrs.sh start`); else one started here with `tests/lrs/lrs.sh serve` when its
/// Python environment is installed (it stops when this test binary exits); else `None`, with
/// the reason printed — except under CI, where a missing LRS fails the test.
pub fn lrs() -> Option<&'static Lrs> {
    static LRS: OnceLock<Started> = OnceLock::new();
    let started = LRS.get_or_init(|| {
        if let Ok(endpoint) = std::env::var("HEARKEN_TEST_LRS") {
            let user = std::env::var("HEARKEN_TEST_LRS_USERNAME").unwrap_or_default();
            let pw = std::env::var("HEARKEN_TEST_LRS_PASSWORD").unwrap_or_default();
            return Started { lrs: Some(Lrs::new(endpoint, user, pw)), _child: None };
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let target = std::env::var("CARGO_TARGET_DIR").map(std::path::PathBuf::from).unwrap_or(root.join("target"));
        if !target.join("lrs/venv/.hearken-installed").exists() {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must provide the LRS: .ci/run starts it with tests/lrs/lrs.sh start"
            );
            eprintln!("SKIPPED: no LRS for this test: run `tests/lrs/lrs.sh install` once (about a minute), or set HEARKEN_TEST_LRS");
            return Started { lrs: None, _child: None };
        }
        let mut child = Command::new("bash")
            .arg(root.join("tests/lrs/lrs.sh"))
            .arg("serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tests/lrs/lrs.sh serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let parts: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(parts.first(), Some(&"READY"), "tests/lrs/lrs.sh serve said: {line}");
        let lrs = Lrs::new(parts[1].into(), parts[2].into(), parts[3].into());
        // The child keeps its standard input open for as long as this process lives.
        Started { lrs: Some(lrs), _child: Some(Mutex::new(child)) }
    });
    started.lrs.as_ref()
}

impl Lrs {
    fn new(endpoint: String, username: String, password: String) -> Lrs {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(60)))
            .http_status_as_error(false)
            .build()
            .into();
        Lrs { endpoint, username, password, agent }
    }

    fn get(&self, url: &str) -> (u16, String) {
        let auth = format!("Basic {}", base64(format!("{}:{}", self.username, self.password).as_bytes()));
        let mut resp = self
            .agent
            .get(url)
            .header("X-Experience-API-Version", "1.0.3")
            .header("Authorization", &auth)
            .call()
            .unwrap();
        let code = resp.status().as_u16();
        (code, resp.body_mut().with_config().limit(100 << 20).read_to_string().unwrap())
    }

    fn origin(&self) -> String {
        let rest = self.endpoint.split_once("://").unwrap().1;
        format!("http://{}", rest.split('/').next().unwrap())
    }

    /// Every statement matching `query` (e.g. `registration=…`), following `more`.
    pub fn statements(&self, query: &str) -> Vec<Value> {
        let mut out = Vec::new();
        let mut url = format!("{}statements?{query}&limit=1000", self.endpoint);
        for _ in 0..1000 {
            let (code, body) = self.get(&url);
            assert_eq!(code, 200, "{url}: {body}");
            let v: Value = serde_json::from_str(&body).unwrap();
            out.extend(v["statements"].as_array().unwrap().iter().cloned());
            match v.get("more").and_then(Value::as_str) {
                Some(m) if !m.is_empty() => url = format!("{}{m}", self.origin()),
                _ => return out,
            }
        }
        panic!("more than 1000 pages");
    }

    pub fn by_registration(&self, registration: &str) -> Vec<Value> {
        self.statements(&format!("registration={registration}"))
    }

    pub fn by_learner(&self, learner: &str) -> Vec<Value> {
        let agent = serde_json::json!({"objectType": "Agent", "account": {"homePage": "https://org.example/", "name": learner}});
        self.statements(&format!("agent={}", percent(&agent.to_string())))
    }
}

fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() { ABC[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

// --- A fault-injecting LRS --------------------------------------------------------------------

/// One request the fault server received.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The statement ids in a POSTed batch.
    pub fn ids(&self) -> Vec<String> {
        let v: Value = serde_json::from_str(&self.body).unwrap_or(Value::Null);
        v.as_array().map(|a| a.iter().map(|s| s["id"].as_str().unwrap_or("").to_string()).collect()).unwrap_or_default()
    }
}

/// What to answer: status, extra headers, body, and a delay before answering.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub delay: Duration,
}

impl Reply {
    pub fn status(status: u16) -> Reply {
        Reply { status, headers: Vec::new(), body: String::new(), delay: Duration::ZERO }
    }
    pub fn ok(req: &Request) -> Reply {
        Reply { body: serde_json::to_string(&req.ids()).unwrap(), ..Reply::status(200) }
    }
}

type Handler = dyn Fn(usize, &Request) -> Reply + Send + Sync;

/// An HTTP/1.1 server on 127.0.0.1 that answers each request with `handler(n, request)` (n
/// counts requests from 0) and keeps every request. It stops when dropped; each connection is
/// read with a timeout, so nothing here can hang a test.
pub struct FaultServer {
    pub endpoint: String,
    pub requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
}

impl FaultServer {
    pub fn start(handler: impl Fn(usize, &Request) -> Reply + Send + Sync + 'static) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests: Arc<Mutex<Vec<Request>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let (reqs, halt) = (requests.clone(), stop.clone());
        std::thread::spawn(move || {
            // At most ten minutes, whatever happens.
            let until = Instant::now() + Duration::from_secs(600);
            while !halt.load(Ordering::SeqCst) && Instant::now() < until {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (reqs, handler) = (reqs.clone(), handler.clone());
                        std::thread::spawn(move || serve(stream, &reqs, &*handler));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        FaultServer { endpoint: format!("http://127.0.0.1:{port}/xAPI/"), requests, stop }
    }

    pub fn posts(&self) -> Vec<Request> {
        self.requests.lock().unwrap().iter().filter(|r| r.method == "POST").cloned().collect()
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn serve(stream: TcpStream, reqs: &Mutex<Vec<Request>>, handler: &Handler) {
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut stream = stream;
    // Keep-alive: answer requests on this connection until it closes (at most 1000).
    for _ in 0..1000 {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let (method, target) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        let len: usize = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0u8; len];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let req = Request { method, target, headers, body: String::from_utf8_lossy(&body).into_owned() };
        let n = {
            let mut all = reqs.lock().unwrap();
            all.push(req.clone());
            all.len() - 1
        };
        let reply = handler(n, &req);
        std::thread::sleep(reply.delay);
        let mut head = format!("HTTP/1.1 {} X\r\nContent-Length: {}\r\n", reply.status, reply.body.len());
        if !reply.body.is_empty() {
            head.push_str("Content-Type: application/json\r\n");
        }
        for (k, v) in &reply.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        if stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(reply.body.as_bytes())).is_err() {
            return;
        }
    }
    let _ = stream.shutdown(Shutdown::Both);
}

// --- A relay that can be down, then up --------------------------------------------------------

/// Listens on `port` and relays each connection to `to` (host:port), byte for byte, until
/// dropped. `on_response` is called when the first bytes come back from `to` on a connection,
/// before they are passed on: a test can kill the client right there.
pub struct Relay {
    stop: Arc<AtomicBool>,
}

impl Relay {
    pub fn start(port: u16, to: String, on_response: impl Fn() -> bool + Send + Sync + 'static) -> Relay {
        let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let halt = stop.clone();
        let on_response: Arc<dyn Fn() -> bool + Send + Sync> = Arc::new(on_response);
        std::thread::spawn(move || {
            let until = Instant::now() + Duration::from_secs(600);
            while !halt.load(Ordering::SeqCst) && Instant::now() < until {
                match listener.accept() {
                    Ok((client, _)) => {
                        let to = to.clone();
                        let on_response = on_response.clone();
                        std::thread::spawn(move || relay(client, &to, &*on_response));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Relay { stop }
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn relay(client: TcpStream, to: &str, on_response: &(dyn Fn() -> bool + Send + Sync)) {
    client.set_nonblocking(false).ok();
    let Ok(server) = TcpStream::connect(to) else { return };
    for s in [&client, &server] {
        s.set_read_timeout(Some(Duration::from_secs(120))).ok();
    }
    let (mut c_read, mut s_write) = (client.try_clone().unwrap(), server.try_clone().unwrap());
    let up = std::thread::spawn(move || {
        let _ = std::io::copy(&mut c_read, &mut s_write);
        let _ = s_write.shutdown(Shutdown::Write);
    });
    let (mut s_read, mut c_write) = (server, client);
    let mut buf = [0u8; 16384];
    let mut first = true;
    while let Ok(n) = s_read.read(&mut buf) {
        if n == 0 {
            break;
        }
        if first {
            first = false;
            if !on_response() {
                // Swallow the answer: the client never learns the LRS took the batch.
                let _ = c_write.shutdown(Shutdown::Both);
                break;
            }
        }
        if c_write.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = c_write.shutdown(Shutdown::Both);
    let _ = up.join();
}

// --- A strict xAPI 1.0.3 checker --------------------------------------------------------------

/// Every way `s` breaks the xAPI 1.0.3 rules that matter to a strict LRS, as messages (empty:
/// valid). Checks properties Hearken may send; anything else is an unknown property.
pub fn check_statement(s: &Value) -> Vec<String> {
    let mut errs = Vec::new();
    let mut e = |m: String| errs.push(m);
    let Some(obj) = s.as_object() else { return vec!["not an object".into()] };
    allowed(obj, &["id", "actor", "verb", "object", "result", "context", "timestamp"], "statement", &mut e);
    for k in ["id", "actor", "verb", "object", "timestamp"] {
        if !obj.contains_key(k) {
            e(format!("statement lacks `{k}`"));
        }
    }
    if !obj.get("id").and_then(Value::as_str).is_some_and(is_uuid) {
        e("`id` is not a lowercase hyphenated UUID".into());
    }
    // Actor: an Agent identified by an account, never an mbox.
    match obj.get("actor").and_then(Value::as_object) {
        Some(a) => {
            allowed(a, &["objectType", "account"], "actor", &mut e);
            if a.get("objectType").and_then(Value::as_str) != Some("Agent") {
                e("actor.objectType is not Agent".into());
            }
            match a.get("account").and_then(Value::as_object) {
                Some(acc) => {
                    allowed(acc, &["homePage", "name"], "actor.account", &mut e);
                    if !acc.get("homePage").and_then(Value::as_str).is_some_and(|h| is_iri(h) && h.starts_with("http"))
                    {
                        e("actor.account.homePage is not an IRL".into());
                    }
                    if acc.get("name").and_then(Value::as_str).is_none_or(str::is_empty) {
                        e("actor.account.name is empty".into());
                    }
                }
                None => e("actor has no account".into()),
            }
        }
        None => e("actor is not an object".into()),
    }
    match obj.get("verb").and_then(Value::as_object) {
        Some(v) => {
            allowed(v, &["id", "display"], "verb", &mut e);
            if !v.get("id").and_then(Value::as_str).is_some_and(is_iri) {
                e("verb.id is not an IRI".into());
            }
            lang_map(v.get("display"), "verb.display", &mut e);
        }
        None => e("verb is not an object".into()),
    }
    if let Some(a) = obj.get("object") {
        activity(a, "object", &mut e);
    }
    if let Some(r) = obj.get("result") {
        match r.as_object() {
            Some(r) => {
                allowed(r, &["score", "success", "completion", "response", "duration", "extensions"], "result", &mut e);
                if let Some(sc) = r.get("score") {
                    let sc = sc.as_object().cloned().unwrap_or_default();
                    allowed(&sc, &["scaled", "raw", "min", "max"], "result.score", &mut e);
                    let num = |k: &str| sc.get(k).and_then(Value::as_f64);
                    if let Some(x) = num("scaled")
                        && !(-1.0..=1.0).contains(&x)
                    {
                        e(format!("result.score.scaled {x} is outside -1..1"));
                    }
                    if let (Some(raw), Some(min), Some(max)) = (num("raw"), num("min"), num("max"))
                        && !(min <= raw && raw <= max && min < max)
                    {
                        e("result.score raw is not within min..max".into());
                    }
                }
                for k in ["success", "completion"] {
                    if r.get(k).is_some_and(|v| !v.is_boolean()) {
                        e(format!("result.{k} is not a boolean"));
                    }
                }
                if r.get("response").is_some_and(|v| !v.is_string()) {
                    e("result.response is not a string".into());
                }
                if let Some(d) = r.get("duration")
                    && !d.as_str().is_some_and(is_duration)
                {
                    e(format!("result.duration {d} is not an ISO 8601 duration"));
                }
                extensions(r.get("extensions"), "result.extensions", &mut e);
            }
            None => e("result is not an object".into()),
        }
    }
    if let Some(c) = obj.get("context") {
        match c.as_object() {
            Some(c) => {
                allowed(
                    c,
                    &["registration", "revision", "platform", "language", "contextActivities", "extensions"],
                    "context",
                    &mut e,
                );
                if !c.get("registration").and_then(Value::as_str).is_some_and(is_uuid) {
                    e("context.registration is not a UUID".into());
                }
                let object_is_activity =
                    obj.get("object").and_then(|o| o.get("objectType")).and_then(Value::as_str) == Some("Activity");
                for k in ["revision", "platform"] {
                    if let Some(v) = c.get(k) {
                        if !v.is_string() {
                            e(format!("context.{k} is not a string"));
                        }
                        if !object_is_activity {
                            e(format!("context.{k} on a statement whose object is not an Activity"));
                        }
                    }
                }
                if let Some(l) = c.get("language")
                    && !l.as_str().is_some_and(is_language_tag)
                {
                    e("context.language is not an RFC 5646 tag".into());
                }
                if let Some(ca) = c.get("contextActivities") {
                    let ca = ca.as_object().cloned().unwrap_or_default();
                    allowed(&ca, &["parent", "grouping", "category", "other"], "context.contextActivities", &mut e);
                    for (k, v) in &ca {
                        match v.as_array() {
                            Some(list) => {
                                list.iter().for_each(|a| activity(a, &format!("contextActivities.{k}"), &mut e))
                            }
                            None => e(format!("contextActivities.{k} is not an array")),
                        }
                    }
                }
                extensions(c.get("extensions"), "context.extensions", &mut e);
            }
            None => e("context is not an object".into()),
        }
    }
    match obj.get("timestamp").and_then(Value::as_str) {
        Some(t) => {
            if time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).is_err() {
                e(format!("timestamp {t} is not RFC 3339 with a time zone"));
            }
        }
        None => e("timestamp is not a string".into()),
    }
    errs
}

fn allowed(o: &serde_json::Map<String, Value>, keys: &[&str], at: &str, e: &mut impl FnMut(String)) {
    for k in o.keys() {
        if !keys.contains(&k.as_str()) {
            e(format!("{at} has the unknown property `{k}`"));
        }
    }
}

fn activity(a: &Value, at: &str, e: &mut impl FnMut(String)) {
    let Some(a) = a.as_object() else { return e(format!("{at} is not an object")) };
    allowed(a, &["objectType", "id", "definition"], at, e);
    if a.get("objectType").and_then(Value::as_str) != Some("Activity") {
        e(format!("{at}.objectType is not Activity"));
    }
    if !a.get("id").and_then(Value::as_str).is_some_and(is_iri) {
        e(format!("{at}.id is not an IRI"));
    }
    if let Some(d) = a.get("definition") {
        let d = d.as_object().cloned().unwrap_or_default();
        allowed(
            &d,
            &["name", "description", "type", "interactionType", "choices", "correctResponsesPattern", "extensions"],
            &format!("{at}.definition"),
            e,
        );
        if let Some(n) = d.get("name") {
            lang_map(Some(n), &format!("{at}.definition.name"), e);
        }
        if !d.get("type").and_then(Value::as_str).is_some_and(is_iri) {
            e(format!("{at}.definition.type is not an IRI"));
        }
        let interaction = d.get("interactionType").and_then(Value::as_str);
        if let Some(t) = interaction
            && ![
                "true-false",
                "choice",
                "fill-in",
                "long-fill-in",
                "matching",
                "performance",
                "sequencing",
                "likert",
                "numeric",
                "other",
            ]
            .contains(&t)
        {
            e(format!("{at}.definition.interactionType {t} is not one of xAPI's"));
        }
        if let Some(choices) = d.get("choices") {
            if interaction != Some("choice") && interaction != Some("sequencing") {
                e(format!("{at}.definition.choices without a choice interaction"));
            }
            let mut ids = std::collections::HashSet::new();
            for c in choices.as_array().cloned().unwrap_or_default() {
                let c = c.as_object().cloned().unwrap_or_default();
                allowed(&c, &["id", "description"], &format!("{at}.definition.choices[]"), e);
                match c.get("id").and_then(Value::as_str) {
                    Some(id) if !id.is_empty() && !id.contains(char::is_whitespace) => {
                        if !ids.insert(id.to_string()) {
                            e(format!("{at}.definition.choices repeat the id {id}"));
                        }
                    }
                    _ => e(format!("{at}.definition.choices[].id is not a non-empty string without spaces")),
                }
                lang_map(c.get("description"), &format!("{at}.definition.choices[].description"), e);
            }
        }
    }
}

fn lang_map(v: Option<&Value>, at: &str, e: &mut impl FnMut(String)) {
    match v.and_then(Value::as_object) {
        Some(m) if !m.is_empty() => {
            for (k, v) in m {
                if !is_language_tag(k) {
                    e(format!("{at} has the key {k}, not a language tag"));
                }
                if !v.is_string() {
                    e(format!("{at}.{k} is not a string"));
                }
            }
        }
        _ => e(format!("{at} is not a non-empty language map")),
    }
}

fn extensions(v: Option<&Value>, at: &str, e: &mut impl FnMut(String)) {
    let Some(v) = v else { return };
    match v.as_object() {
        Some(m) => {
            for k in m.keys() {
                if !is_iri(k) {
                    e(format!("{at} key {k} is not an IRI"));
                }
            }
        }
        None => e(format!("{at} is not an object")),
    }
}

pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) { *c == b'-' } else { c.is_ascii_digit() || (b'a'..=b'f').contains(c) }
        })
}

pub fn is_iri(s: &str) -> bool {
    hearken::learning_record::config::is_absolute_iri(s)
}

fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    parts.next().is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()))
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// ISO 8601 duration in the designator form (`PnYnMnDTnHnMnS`; fractions on seconds only).
fn is_duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else { return false };
    let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
    if rest.is_empty() || (rest.contains('T') && time.is_empty()) {
        return false;
    }
    let ok = |part: &str, units: &str| {
        let mut num = String::new();
        let mut last = None;
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                num.push(c);
            } else {
                let Some(pos) = units.find(c) else { return false };
                if num.is_empty() || last.is_some_and(|l| pos <= l) || (num.contains('.') && c != 'S') {
                    return false;
                }
                last = Some(pos);
                num.clear();
            }
        }
        num.is_empty()
    };
    ok(date, "YMWD") && ok(time, "HMS")
}

#[test]
fn the_checker_catches_what_a_strict_lrs_refuses() {
    let good = serde_json::json!({
        "id": "0b2c7e0e-5c5e-4c4e-9a2b-1c2d3e4f5a6b",
        "actor": {"objectType": "Agent", "account": {"homePage": "https://org.example/", "name": "t"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}},
        "object": {"objectType": "Activity", "id": "urn:hearken:scenario:x"},
        "result": {"score": {"scaled": 0.9, "raw": 90, "min": 0, "max": 100}, "duration": "PT1M2.5S"},
        "context": {"registration": "0b2c7e0e-5c5e-4c4e-9a2b-1c2d3e4f5a6b", "revision": "h", "extensions": {"urn:hearken:ext:x": 1}},
        "timestamp": "2025-05-28T14:02:11Z"
    });
    assert_eq!(check_statement(&good), Vec::<String>::new());
    let bad = |path: &str, value: Value| {
        let mut s = good.clone();
        *s.pointer_mut(path).unwrap() = value;
        assert!(!check_statement(&s).is_empty(), "{path} = {s}");
    };
    bad("/timestamp", "2025-05-28T14:02:11".into());
    bad("/result/score/scaled", 1.5.into());
    bad("/verb/id", "completed".into());
    bad("/context/extensions", serde_json::json!({"x": 1}));
    bad("/verb/display", serde_json::json!({"english": "x"}));
    bad("/id", "0B2C7E0E-5C5E-4C4E-9A2B-1C2D3E4F5A6B".into());
    bad("/actor", serde_json::json!({"objectType": "Agent", "mbox": "mailto:a@b.c"}));
    bad("/result/duration", "PT1.5M".into());
    bad("/result/score", serde_json::json!({"scaled": 0.5, "grade": "B"}));
    assert!(is_duration("PT0S") && is_duration("PT1H2M3.25S") && !is_duration("P") && !is_duration("PT"));
}
