//! A loaded file's text and how to turn byte offsets into the line:column people read.

use std::ops::Range;
use std::sync::Arc;

/// Byte range in a file's text.
pub type Span = Range<usize>;

/// Where a file came from, for messages: a path on disk, or a scenario built into the binary.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    Path(std::path::PathBuf),
    BuiltIn(&'static str),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Path(p) => write!(f, "{}", crate::text::terminal_safe(&p.display().to_string())),
            Origin::BuiltIn(name) => write!(f, "(built-in) {name}"),
        }
    }
}

/// A file's text, shared by the scenario loaded from it and the diagnostics that point into it.
#[derive(Debug)]
pub struct SourceFile {
    pub origin: Origin,
    pub text: String,
    line_starts: Vec<usize>,
}

/// A 1-based line and column (the column counts characters, as editors do).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(origin: Origin, text: String) -> Arc<SourceFile> {
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Arc::new(SourceFile { origin, text, line_starts })
    }

    pub fn name(&self) -> String {
        self.origin.to_string()
    }

    pub fn location(&self, byte: usize) -> Location {
        let byte = floor_char_boundary(&self.text, byte.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= byte) - 1;
        let column = self.text[self.line_starts[line]..byte].chars().count() + 1;
        Location { line: line + 1, column }
    }

    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }
}

/// The nearest char boundary at or before `i` (`str::floor_char_boundary` is not stable yet).
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_one_based_and_count_characters() {
        let f = SourceFile::new(Origin::BuiltIn("t"), "ab\nçé = 1\n".to_string());
        assert_eq!(f.location(0), Location { line: 1, column: 1 });
        assert_eq!(f.location(3), Location { line: 2, column: 1 });
        // "çé" is four bytes and two characters: the '=' is column 4.
        assert_eq!(f.location(8), Location { line: 2, column: 4 });
        assert_eq!(f.location(999), Location { line: 3, column: 1 });
    }
}
