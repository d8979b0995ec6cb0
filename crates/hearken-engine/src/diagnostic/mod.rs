//! Problems found in scenario and rubric files, each with a stable code, a place and a fix.
//!
//! Codes are part of the contract: instructors search for them, CI pipelines filter on them and
//! `hearken explain CODE` documents each one, so a code is never renumbered or reused.

mod codes;
pub mod render;

pub use codes::Code;

use crate::source::{SourceFile, Span};
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem at one place.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub message: String,
    /// Where, in the file the diagnostic belongs to; `None` for a problem with the whole file.
    pub span: Option<Span>,
    /// A short label under the caret, where the message alone would leave it unclear.
    pub label: Option<String>,
    /// The fix, in plain words ("did you mean `what-happened`?").
    pub help: Option<String>,
    /// Other places that explain the problem (docs/command-line.md `related`), shown as secondary labels.
    pub related: Vec<Related>,
}

/// Another place that explains a diagnostic: "first used here".
#[derive(Clone, Debug)]
pub struct Related {
    /// The file the place is in; `None` for the diagnostic's own file.
    pub source: Option<Arc<SourceFile>>,
    pub span: Option<Span>,
    pub message: String,
}

impl PartialEq for Related {
    fn eq(&self, other: &Related) -> bool {
        self.source.as_ref().map(|s| &s.origin) == other.source.as_ref().map(|s| &s.origin)
            && self.span == other.span
            && self.message == other.message
    }
}

impl Diagnostic {
    pub fn new(code: Code, span: impl Into<Option<Span>>, message: impl Into<String>) -> Diagnostic {
        Diagnostic { code, message: message.into(), span: span.into(), label: None, help: None, related: Vec::new() }
    }

    /// Another place in the same file that explains this one.
    pub fn related(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.related.push(Related { source: None, span: Some(span), message: message.into() });
        self
    }

    /// A place in another file that explains this one.
    pub fn related_in(mut self, source: Arc<SourceFile>, span: Option<Span>, message: impl Into<String>) -> Diagnostic {
        self.related.push(Related { source: Some(source), span, message: message.into() });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn maybe_help(mut self, help: Option<String>) -> Diagnostic {
        self.help = help;
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
}

/// Everything found in one file. The source is kept so every front end can show the lines.
#[derive(Clone, Debug)]
pub struct FileDiagnostics {
    /// `None` when the file could not be read at all.
    pub source: Option<Arc<SourceFile>>,
    pub name: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileDiagnostics {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity() == Severity::Error).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity() == Severity::Warning).count()
    }
}

/// Collects diagnostics while a file is read, so every problem is reported in one run.
#[derive(Debug, Default)]
pub struct Sink {
    pub diagnostics: Vec<Diagnostic>,
}

impl Sink {
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity() == Severity::Error)
    }
}
