//! `<data dir>/config.toml`, table `[lrs]`: where learning records go and who they are about
//! (docs/learning-records.md, "Configuring"). Environment variables override the file.
//!
//! The password is a `Secret`: it has no `Display`, its `Debug` prints stars, and nothing here
//! puts it in a message.

use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "config.toml";
pub const DEFAULT_ACTIVITY_BASE: &str = "urn:hearken:";

/// The `X-Experience-API-Version` header sent. LRSs disagree on which they accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XapiVersion {
    V1_0_3,
    V2_0_0,
}

impl XapiVersion {
    pub fn header(self) -> &'static str {
        match self {
            XapiVersion::V1_0_3 => "1.0.3",
            XapiVersion::V2_0_0 => "2.0.0",
        }
    }
}

/// A password. Never printed: `Debug` shows stars, and there is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(****)")
    }
}

/// Who the statements are about: an xAPI `account` actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Learner {
    /// The organisation's URL for accounts (`homePage`).
    pub homepage: String,
    /// The trainee's account name there.
    pub name: String,
}

/// Where statements are sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The xAPI base URL, ending in `/`; statements go to `url + "statements"`.
    pub url: String,
    pub username: Option<String>,
    pub password: Option<Secret>,
    /// `password_env` names a variable that is not set here. Statements are still queued (they
    /// need the learner, not the password); sending waits until the variable is set.
    pub password_env_unset: Option<String>,
}

impl Endpoint {
    pub fn statements_url(&self) -> String {
        format!("{}statements", self.url)
    }
}

/// What `[lrs]` says, after the environment's overrides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LrsConfig {
    /// `None`: nothing is queued and nothing is sent.
    pub endpoint: Option<Endpoint>,
    /// Required with an endpoint; `hearken export --xapi` needs it too.
    pub learner: Option<Learner>,
    pub activity_base: String,
    pub version: XapiVersion,
    /// Whether a typed answer's words go into its `responded` statement (default: no).
    pub include_typed_text: bool,
}

impl Default for LrsConfig {
    fn default() -> Self {
        LrsConfig {
            endpoint: None,
            learner: None,
            activity_base: DEFAULT_ACTIVITY_BASE.to_string(),
            version: XapiVersion::V1_0_3,
            include_typed_text: false,
        }
    }
}

/// What statements are built with: present only when records are queued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub learner: Learner,
    pub activity_base: String,
    pub include_typed_text: bool,
}

impl LrsConfig {
    /// The profile to build statements with, when an LRS is configured (nothing is queued
    /// otherwise).
    pub fn queueing(&self) -> Option<Profile> {
        self.endpoint.as_ref()?;
        self.profile()
    }

    /// The profile, whenever a learner is configured (for `export`).
    pub fn profile(&self) -> Option<Profile> {
        Some(Profile {
            learner: self.learner.clone()?,
            activity_base: self.activity_base.clone(),
            include_typed_text: self.include_typed_text,
        })
    }
}

/// A problem with the configuration, as one plain line (never containing the password).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: Option<PathBuf>,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line) {
            (Some(p), Some(l)) => write!(f, "{}, line {l}: {}", p.display(), self.message),
            (Some(p), None) => write!(f, "{}: {}", p.display(), self.message),
            (None, _) => f.write_str(&self.message),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct File {
    lrs: Option<LrsTable>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LrsTable {
    endpoint: Option<String>,
    username: Option<String>,
    password: Option<String>,
    password_env: Option<String>,
    learner: Option<String>,
    homepage: Option<String>,
    activity_base: Option<String>,
    version: Option<String>,
    include_typed_text: Option<bool>,
}

/// Reads `<data dir>/config.toml` (absent: no LRS) with the process environment's overrides.
pub fn load(data_dir: Option<&Path>) -> Result<LrsConfig, ConfigError> {
    load_with(data_dir, |name| std::env::var(name).ok())
}

/// `load`, reading variables through `env` (tests).
pub fn load_with(data_dir: Option<&Path>, env: impl Fn(&str) -> Option<String>) -> Result<LrsConfig, ConfigError> {
    let env = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    let path = data_dir.map(|d| d.join(FILE_NAME));
    let table = match &path {
        Some(p) => read_table(p)?,
        None => LrsTable::default(),
    };
    let at = |message: String| ConfigError { path: path.clone(), line: None, message };

    let endpoint_url = env("HEARKEN_LRS_ENDPOINT").or(table.endpoint);
    let username = env("HEARKEN_LRS_USERNAME").or(table.username).filter(|u| !u.is_empty());
    let mut password_env_unset = None;
    let password = match (env("HEARKEN_LRS_PASSWORD"), table.password, table.password_env) {
        (Some(p), _, _) => Some(p),
        (None, Some(_), Some(_)) => {
            return Err(at("[lrs] has both `password` and `password_env`: keep one".into()));
        }
        (None, Some(p), None) => Some(p),
        (None, None, Some(var)) => match env(&var) {
            Some(p) => Some(p),
            None => {
                password_env_unset = Some(var);
                None
            }
        },
        (None, None, None) => None,
    };
    let learner_name = env("HEARKEN_LEARNER").or(table.learner).filter(|l| !l.is_empty());
    let activity_base = table.activity_base.unwrap_or_else(|| DEFAULT_ACTIVITY_BASE.to_string());
    if !is_absolute_iri(&activity_base) {
        return Err(at(format!(
            "`activity_base` must be an absolute IRI such as `{DEFAULT_ACTIVITY_BASE}` or `https://example.org/hearken/`, not `{activity_base}`"
        )));
    }
    let version = match table.version.as_deref() {
        None | Some("1.0.3") => XapiVersion::V1_0_3,
        Some("2.0.0") => XapiVersion::V2_0_0,
        Some(v) => return Err(at(format!("`version` must be \"1.0.3\" or \"2.0.0\", not \"{v}\""))),
    };
    let learner = match (learner_name, table.homepage) {
        (Some(name), Some(homepage)) => {
            if !is_absolute_iri(&homepage) || !(homepage.starts_with("http://") || homepage.starts_with("https://")) {
                return Err(at(format!(
                    "`homepage` must be the organisation's web address, such as `https://example.org/`, not `{homepage}`"
                )));
            }
            Some(Learner { homepage, name })
        }
        (Some(_), None) => return Err(at("`learner` is set but `homepage` is not: give the organisation's web address for accounts, such as `homepage = \"https://example.org/\"`".into())),
        (None, Some(_)) if endpoint_url.is_some() => return Err(at("`learner` is not set: give the trainee's account name in [lrs] or the HEARKEN_LEARNER variable".into())),
        (None, _) => None,
    };
    let endpoint = match endpoint_url {
        None => None,
        Some(url) => {
            let url = url.trim().to_string();
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(at(format!(
                    "`endpoint` must be the LRS's xAPI address starting with https:// (or http://), such as `https://lrs.example.org/xAPI/`, not `{url}`"
                )));
            }
            let authority = url.split("://").nth(1).unwrap_or("").split('/').next().unwrap_or("");
            if authority.contains('@') {
                return Err(at(
                    "`endpoint` must not contain a user name or password: give them as `username` and `password` (or `password_env`)".into(),
                ));
            }
            if authority.is_empty() {
                return Err(at(format!("`endpoint` has no host name: `{url}`")));
            }
            if learner.is_none() {
                return Err(at(
                    "an `endpoint` is set but `learner` and `homepage` are not: statements need the trainee's account (see docs/learning-records.md)".into(),
                ));
            }
            let url = if url.ends_with('/') { url } else { format!("{url}/") };
            Some(Endpoint { url, username, password: password.map(Secret), password_env_unset })
        }
    };
    Ok(LrsConfig {
        endpoint,
        learner,
        activity_base,
        version,
        include_typed_text: table.include_typed_text.unwrap_or(false),
    })
}

fn read_table(path: &Path) -> Result<LrsTable, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(LrsTable::default()),
        Err(e) => {
            return Err(ConfigError {
                path: Some(path.to_path_buf()),
                line: None,
                message: format!("cannot be read: {}", crate::io_error::plain(&e)),
            });
        }
    };
    match toml::from_str::<File>(&text) {
        Ok(f) => Ok(f.lrs.unwrap_or_default()),
        Err(e) => {
            let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            // toml's message may quote the offending line, password and all: keep its first
            // sentence only.
            let message = e.message().lines().next().unwrap_or("is not valid TOML").trim().to_string();
            let message = if message.contains("password") && message.contains('"') {
                "a value in [lrs] is not valid".to_string()
            } else {
                message
            };
            Err(ConfigError { path: Some(path.to_path_buf()), line, message })
        }
    }
}

/// An absolute IRI: a scheme (a letter, then letters, digits, `+`, `-`, `.`), a colon, and at
/// least one more character, with no spaces or characters IRIs exclude.
pub fn is_absolute_iri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !s.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load_text(text: &str, vars: &[(&str, &str)]) -> Result<LrsConfig, ConfigError> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        load_with(Some(dir.path()), |n| vars.get(n).cloned()).map_err(|mut e| {
            e.path = None;
            e
        })
    }

    const FULL: &str = r#"
[lrs]
endpoint = "https://lrs.example.org/xAPI"
username = "hearken"
password = "s3cret-Pa55"
learner = "trainee-042"
homepage = "https://example.org/"
"#;

    #[test]
    fn no_file_or_no_endpoint_queues_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let c = load_with(Some(dir.path()), |_| None).unwrap();
        assert_eq!(c.queueing(), None);
        let c = load_text("[lrs]\nlearner = \"a\"\nhomepage = \"https://example.org/\"\n", &[]).unwrap();
        assert_eq!(c.queueing(), None);
        assert!(c.profile().is_some(), "export still knows the learner");
    }

    #[test]
    fn a_full_table_and_a_slash_added() {
        let c = load_text(FULL, &[]).unwrap();
        let e = c.endpoint.as_ref().unwrap();
        assert_eq!(e.statements_url(), "https://lrs.example.org/xAPI/statements");
        assert_eq!(e.password.as_ref().unwrap().expose(), "s3cret-Pa55");
        assert_eq!(c.version, XapiVersion::V1_0_3);
        assert_eq!(c.activity_base, "urn:hearken:");
        assert!(!c.include_typed_text);
        assert!(!format!("{c:?}").contains("s3cret"), "the password never shows in Debug");
    }

    #[test]
    fn the_environment_overrides_the_file() {
        let c = load_text(
            FULL,
            &[
                ("HEARKEN_LRS_ENDPOINT", "http://127.0.0.1:9/x/"),
                ("HEARKEN_LRS_USERNAME", "u2"),
                ("HEARKEN_LRS_PASSWORD", "p2"),
                ("HEARKEN_LEARNER", "t2"),
            ],
        )
        .unwrap();
        let e = c.endpoint.unwrap();
        assert_eq!(
            (e.url.as_str(), e.username.as_deref(), e.password.unwrap().expose()),
            ("http://127.0.0.1:9/x/", Some("u2"), "p2")
        );
        assert_eq!(c.learner.unwrap().name, "t2");
    }

    #[test]
    fn password_env_is_read() {
        let text = FULL.replace("password = \"s3cret-Pa55\"", "password_env = \"MY_LRS_SECRET\"");
        let c = load_text(&text, &[("MY_LRS_SECRET", "from-env")]).unwrap();
        assert_eq!(c.endpoint.unwrap().password.unwrap().expose(), "from-env");
        // Unset where this session runs (a shortcut without the variable): statements are still
        // queued, and sending says which variable to set.
        let c = load_text(&text, &[]).unwrap();
        assert!(c.queueing().is_some());
        let e = c.endpoint.unwrap();
        assert_eq!((e.password, e.password_env_unset.as_deref()), (None, Some("MY_LRS_SECRET")));
    }

    #[test]
    fn mistakes_are_named_with_their_line_and_never_show_the_password() {
        let e = load_text("[lrs]\nendpont = \"https://x/\"\n", &[]).unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.contains("endpont"), "{e}");
        let e = load_text("[lrs]\npassword = \"s3cret-Pa55\nlearner = 1\n", &[]).unwrap_err();
        assert!(!e.to_string().contains("s3cret"), "{e}");
        let e = load_text(&FULL.replace("https://lrs.example.org/xAPI", "lrs.example.org"), &[]).unwrap_err();
        assert!(e.message.contains("https://"), "{e}");
        let e = load_text(&FULL.replace("https://lrs.example.org/", "https://u:pw@lrs.example.org/"), &[]).unwrap_err();
        assert!(!e.message.contains("pw@"), "{e}");
        let e = load_text(&format!("{FULL}version = \"1.0\"\n"), &[]).unwrap_err();
        assert!(e.message.contains("2.0.0"), "{e}");
        let e = load_text(&FULL.replace("learner = \"trainee-042\"\n", ""), &[]).unwrap_err();
        assert!(e.message.contains("learner"), "{e}");
        let e = load_text(&format!("{FULL}activity_base = \"hearken\"\n"), &[]).unwrap_err();
        assert!(e.message.contains("activity_base"), "{e}");
    }

    #[test]
    fn iris() {
        for ok in [
            "urn:hearken:",
            "https://example.org/a?b#c",
            "http://adlnet.gov/expapi/verbs/completed",
            "urn:hearken:ext:x",
        ] {
            assert!(is_absolute_iri(ok), "{ok}");
        }
        for bad in ["hearken", ":x", "1a:b", "urn:", "https://a b", "urn:x<y"] {
            assert!(!is_absolute_iri(bad), "{bad}");
        }
    }
}
