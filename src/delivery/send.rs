//! Sending queued statements to the LRS: the only code here that touches the network
//! (docs/learning-records.md, "Delivery").
//!
//! Batches of at most `BATCH` are POSTed to `endpoint + "statements"`. 200/204: sent. 400 (and
//! 413): the batch is halved until the statement the LRS refuses stands alone, which is set
//! aside; the rest are sent. 409: halved the same way; a single statement the LRS still calls a
//! conflict is looked up there, and counts as sent when the LRS holds the same statement (an LRS
//! may answer 409 to a re-send of what it already has), else set aside. 401/403: stop, nothing
//! marked. 408/429/5xx, timeouts and refused connections: retry later with backoff, honouring
//! `Retry-After`. Nothing is ever deleted.

use crate::learning_record::config::{Endpoint, XapiVersion};
use crate::learning_record::{display_endpoint, now_unix};
use crate::store::outbox::{self, DeliveryState, Queued};
use rusqlite::Connection;
use std::time::{Duration, Instant};

/// The most statements in one POST.
pub const BATCH: usize = 50;

/// How hard to try.
#[derive(Clone, Debug)]
pub struct Options {
    /// For one request, from connecting to the end of the answer.
    pub timeout: Duration,
    /// No new request starts after this.
    pub deadline: Option<Instant>,
    /// Further tries of a batch that failed for a passing reason, in this run.
    pub retries: u32,
    /// The wait before the first such retry; doubles each time.
    pub backoff: Duration,
    /// The longest `Retry-After` waited for in this run; a longer one ends the run.
    pub max_wait: Duration,
}

impl Options {
    /// `hearken sync`: someone is waiting, and wants it done.
    pub fn sync() -> Options {
        Options {
            timeout: Duration::from_secs(30),
            deadline: None,
            retries: 3,
            backoff: Duration::from_secs(1),
            max_wait: Duration::from_secs(60),
        }
    }

    /// After a session and at start: short, once, never in anyone's way.
    pub fn background() -> Options {
        Options {
            timeout: Duration::from_secs(5),
            deadline: Some(Instant::now() + Duration::from_secs(20)),
            retries: 0,
            backoff: Duration::ZERO,
            max_wait: Duration::ZERO,
        }
    }
}

/// Why a run stopped before the queue was empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// 401 or 403.
    Credentials(u16),
    /// `password_env` names a variable that is not set: nothing was sent.
    NoPassword(String),
    /// A passing failure (unreachable, timed out, 408/429/5xx); `wait` is the LRS's Retry-After.
    Retry { why: String, wait: Option<Duration> },
    /// Another answer that will not change by itself (404, a redirect, ...).
    Refused { why: String },
    /// The database could not be read or written.
    Store(String),
    /// The run's deadline came first (background sending); the rest goes next time.
    OutOfTime,
}

impl Stop {
    /// One plain sentence for the trainee.
    pub fn message(&self, endpoint: &str) -> String {
        match self {
            Stop::NoPassword(var) => format!(
                "the password for the LRS at {endpoint} is to come from the variable {var}, which is not set here: set it and run `hearken sync`. Nothing was sent; the statements stay queued"
            ),
            Stop::Credentials(code) => format!(
                "the LRS at {endpoint} refused the credentials (HTTP {code}): check `username` and `password` in config.toml (or HEARKEN_LRS_USERNAME / HEARKEN_LRS_PASSWORD). Nothing was marked as sent"
            ),
            Stop::Retry { why, wait: Some(w) } => format!(
                "the LRS at {endpoint} asked Hearken to wait {} s before sending more ({why}); the statements stay queued",
                w.as_secs()
            ),
            Stop::Retry { why, wait: None } => {
                format!(
                    "the LRS at {endpoint} could not take the statements now ({why}); they stay queued and are sent later"
                )
            }
            Stop::Refused { why } => format!("the LRS at {endpoint} refused the statements ({why}); they stay queued"),
            Stop::Store(why) => format!("the queue could not be read or updated: {why}"),
            Stop::OutOfTime => "time ran out; the rest stays queued for later".to_string(),
        }
    }
}

/// What one run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub sent: u64,
    /// Set aside in this run: (statement id, `conflict` or `rejected`, the LRS's reason).
    pub set_aside: Vec<(String, String, String)>,
    pub stop: Option<Stop>,
    /// Still pending afterwards.
    pub pending: u64,
}

impl Outcome {
    /// Whether everything queued got a final answer (`hearken sync` exits 0).
    pub fn delivered(&self) -> bool {
        self.stop.is_none() && self.set_aside.is_empty() && self.pending == 0
    }
}

/// Sends what is pending, oldest first, and records each answer in the outbox.
pub fn deliver(conn: &mut Connection, endpoint: &Endpoint, version: XapiVersion, opts: &Options) -> Outcome {
    let mut out = Outcome::default();
    if let Some(var) = &endpoint.password_env_unset {
        out.pending = outbox::counts(conn).map(|c| c.pending).unwrap_or(0);
        out.stop = Some(Stop::NoPassword(var.clone()));
        return out;
    }
    let client = Client::new(endpoint, version, opts.timeout);
    let mut tries = 0;
    let mut delay = opts.backoff;
    loop {
        if opts.deadline.is_some_and(|d| Instant::now() >= d) {
            out.stop = Some(Stop::OutOfTime);
            break;
        }
        let batch = match outbox::pending(conn, BATCH) {
            Ok(b) => b,
            Err(e) => {
                out.stop = Some(Stop::Store(e.to_string()));
                break;
            }
        };
        if batch.is_empty() {
            break;
        }
        match client.send(conn, &batch, &mut out) {
            Ok(()) => {
                tries = 0;
                delay = opts.backoff;
            }
            Err(Stop::Retry { why, wait }) if tries < opts.retries => {
                let pause = match wait {
                    Some(w) if w > opts.max_wait => {
                        out.stop = Some(Stop::Retry { why, wait });
                        break;
                    }
                    Some(w) => w,
                    None => delay,
                };
                if opts.deadline.is_some_and(|d| Instant::now() + pause >= d) {
                    out.stop = Some(Stop::Retry { why, wait });
                    break;
                }
                std::thread::sleep(pause);
                tries += 1;
                delay = delay.saturating_mul(2);
            }
            Err(stop) => {
                out.stop = Some(stop);
                break;
            }
        }
    }
    out.pending = outbox::counts(conn).map(|c| c.pending).unwrap_or(0);
    record_state(conn, &out, endpoint);
    out
}

/// Keeps when automatic sending may try again: at once after a success; after a failure, later
/// each time (30 s, 1 min, 2 min, ... up to an hour), and never before the LRS's Retry-After.
fn record_state(conn: &Connection, out: &Outcome, endpoint: &Endpoint) {
    let now = now_unix();
    let mut state = outbox::delivery_state(conn).unwrap_or_default();
    match &out.stop {
        None | Some(Stop::OutOfTime) => state = DeliveryState::default(),
        Some(Stop::Store(_)) => return,
        Some(stop) => {
            state.failures = state.failures.saturating_add(1);
            let backoff = 30i64.saturating_mul(1 << state.failures.min(7).saturating_sub(1)).min(3600);
            let wait = match stop {
                Stop::Retry { wait: Some(w), .. } => w.as_secs().min(86_400) as i64,
                _ => 0,
            };
            state.not_before = now + backoff.max(wait);
            state.wait_until = if wait > 0 { now + wait } else { 0 };
            state.problem = Some(stop.message(&display_endpoint(&endpoint.url)));
        }
    }
    let _ = outbox::set_delivery_state(conn, &state);
}

/// Whether automatic sending should try now.
pub fn due(conn: &Connection) -> bool {
    outbox::delivery_state(conn).map(|s| now_unix() >= s.not_before).unwrap_or(true)
}

enum Answer {
    Ok,
    Status { code: u16, body: String, retry_after: Option<Duration>, location: Option<String> },
    Failed(String),
}

struct Client {
    agent: ureq::Agent,
    url: String,
    version: &'static str,
    auth: Option<String>,
}

impl Client {
    fn new(endpoint: &Endpoint, version: XapiVersion, timeout: Duration) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(format!("hearken/{}", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        let auth = endpoint.username.as_ref().map(|u| {
            let pw = endpoint.password.as_ref().map(|p| p.expose()).unwrap_or("");
            format!("Basic {}", base64(format!("{u}:{pw}").as_bytes()))
        });
        Client { agent, url: endpoint.statements_url(), version: version.header(), auth }
    }

    /// Sends `items` as one batch, halving on 400/409/413 until each statement has its answer.
    fn send(&self, conn: &mut Connection, items: &[Queued], out: &mut Outcome) -> Result<(), Stop> {
        match self.post(items) {
            Answer::Ok => {
                outbox::mark_sent(conn, items, now_unix()).map_err(|e| Stop::Store(e.to_string()))?;
                out.sent += items.len() as u64;
                Ok(())
            }
            Answer::Status { code: 400 | 409 | 413, .. } if items.len() > 1 => {
                let (a, b) = items.split_at(items.len() / 2);
                self.send(conn, a, out)?;
                self.send(conn, b, out)
            }
            Answer::Status { code: 409, body, .. } => {
                let item = &items[0];
                if self.holds_same(item) {
                    outbox::mark_sent(conn, items, now_unix()).map_err(|e| Stop::Store(e.to_string()))?;
                    out.sent += 1;
                } else {
                    let why = format!("HTTP 409: the LRS holds a different statement with this id. {}", excerpt(&body));
                    outbox::set_aside(conn, item, "conflict", why.trim()).map_err(|e| Stop::Store(e.to_string()))?;
                    out.set_aside.push((item.id.clone(), "conflict".into(), why.trim().to_string()));
                }
                Ok(())
            }
            Answer::Status { code: code @ (400 | 413), body, .. } => {
                let item = &items[0];
                let why = format!("HTTP {code}: {}", excerpt(&body));
                outbox::set_aside(conn, item, "rejected", why.trim()).map_err(|e| Stop::Store(e.to_string()))?;
                out.set_aside.push((item.id.clone(), "rejected".into(), why.trim().to_string()));
                Ok(())
            }
            Answer::Status { code: code @ (401 | 403), .. } => Err(Stop::Credentials(code)),
            Answer::Status { code: code @ (408 | 429 | 500..=599), retry_after, .. } => {
                Err(Stop::Retry { why: format!("HTTP {code}"), wait: retry_after })
            }
            Answer::Status { code: code @ 300..=399, location, .. } => Err(Stop::Refused {
                why: format!(
                    "HTTP {code}, a redirect to {}: set `endpoint` to the address the LRS names",
                    location.as_deref().map(display_endpoint).unwrap_or_else(|| "another address".into())
                ),
            }),
            Answer::Status { code: 404, .. } => Err(Stop::Refused {
                why: "HTTP 404: there is no xAPI statements resource at that address; check `endpoint` (it usually ends in /xAPI/)".into(),
            }),
            Answer::Status { code, body, .. } => Err(Stop::Refused { why: format!("HTTP {code}: {}", excerpt(&body)) }),
            Answer::Failed(why) => Err(Stop::Retry { why, wait: None }),
        }
    }

    fn post(&self, items: &[Queued]) -> Answer {
        // The stored texts, byte for byte: a re-send is identical.
        let mut body = String::with_capacity(items.iter().map(|q| q.json.len() + 1).sum::<usize>() + 2);
        body.push('[');
        for (i, q) in items.iter().enumerate() {
            if i > 0 {
                body.push(',');
            }
            body.push_str(&q.json);
        }
        body.push(']');
        let mut req = self
            .agent
            .post(&self.url)
            .header("X-Experience-API-Version", self.version)
            .header("Content-Type", "application/json");
        if let Some(a) = &self.auth {
            req = req.header("Authorization", a);
        }
        answer(req.send(body.as_bytes()))
    }

    /// Whether the LRS holds a statement with this id about the same thing (actor, verb, object
    /// and registration): then a 409 was the LRS refusing a re-send of what it already has.
    fn holds_same(&self, item: &Queued) -> bool {
        let mut req =
            self.agent.get(&self.url).query("statementId", &item.id).header("X-Experience-API-Version", self.version);
        if let Some(a) = &self.auth {
            req = req.header("Authorization", a);
        }
        let Ok(mut resp) = req.call() else { return false };
        if resp.status().as_u16() != 200 {
            return false;
        }
        let Ok(text) = resp.body_mut().read_to_string() else { return false };
        let (Ok(held), Ok(ours)) =
            (serde_json::from_str::<serde_json::Value>(&text), serde_json::from_str::<serde_json::Value>(&item.json))
        else {
            return false;
        };
        ["/actor/account", "/verb/id", "/object/id", "/context/registration", "/timestamp"]
            .iter()
            .all(|p| held.pointer(p).is_some() && same(held.pointer(p), ours.pointer(p), p))
    }
}

fn same(a: Option<&serde_json::Value>, b: Option<&serde_json::Value>, pointer: &str) -> bool {
    if pointer == "/timestamp" {
        // LRSs may rewrite the time's form (fractions, offset); compare the instant.
        let parse = |v: Option<&serde_json::Value>| {
            v.and_then(|v| v.as_str())
                .and_then(|s| time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok())
        };
        return parse(a).is_some() && parse(a) == parse(b);
    }
    a == b
}

fn answer(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    match result {
        Ok(mut resp) => {
            let code = resp.status().as_u16();
            if code == 200 || code == 204 {
                return Answer::Ok;
            }
            let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
            let retry_after = header("retry-after").and_then(|v| parse_retry_after(&v, now_unix()));
            let location = header("location");
            let body = resp.body_mut().with_config().limit(64 * 1024).read_to_string().unwrap_or_default();
            Answer::Status { code, body, retry_after, location }
        }
        Err(e) => Answer::Failed(transport_error(&e)),
    }
}

fn transport_error(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "no answer in time".into(),
        ureq::Error::ConnectionFailed => "the connection was refused".into(),
        ureq::Error::HostNotFound => "the host name was not found: offline, or a mistyped `endpoint`".into(),
        ureq::Error::Io(io) => crate::io_error::plain(io),
        other => other.to_string(),
    }
}

/// `Retry-After`: seconds, or an HTTP date (RFC 9110), as a wait from `now`.
pub fn parse_retry_after(value: &str, now: i64) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let at = time::PrimitiveDateTime::parse(value, &format).ok()?.assume_utc().unix_timestamp();
    Some(Duration::from_secs((at - now).max(0) as u64))
}

/// The start of the LRS's answer, for a message: one line, at most 200 characters.
fn excerpt(body: &str) -> String {
    let one: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = one.chars().take(200).collect();
    hearken_engine::text::terminal_safe(&short).into_owned()
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
    }

    #[test]
    fn retry_after_in_both_forms() {
        assert_eq!(parse_retry_after("120", 0), Some(Duration::from_secs(120)));
        // Wed, 21 Oct 2015 07:28:00 GMT is 1445412480.
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1_445_412_470), Some(Duration::from_secs(10)));
        assert_eq!(parse_retry_after("soon", 0), None);
    }
}
