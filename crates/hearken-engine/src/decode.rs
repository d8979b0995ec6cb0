//! Turning a file's bytes into text Hearken can read: the size limit (H003) and the encoding
//! (H002, saying UTF-16 where that is what it is). The binary reads the bytes; this decides.

use crate::source::{Origin, SourceFile, floor_char_boundary};
use std::sync::Arc;

/// Largest file accepted, scenario or rubric (docs/scenario-format.md).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A file that could not become text, with what to tell the user.
#[derive(Debug)]
pub struct ReadFailure {
    /// The text as far as it could be read, so the diagnostic can still show the place.
    pub source: Option<Arc<SourceFile>>,
    pub diagnostic: Box<crate::diagnostic::Diagnostic>,
    /// True when the file could not be read at all (an I/O error: exit code 2, not 1).
    pub io: bool,
}

/// Turns bytes into a source file: size limit (H003) and UTF-8 (H002) checked.
pub fn from_bytes(origin: Origin, bytes: Vec<u8>) -> Result<Arc<SourceFile>, ReadFailure> {
    use crate::diagnostic::{Code, Diagnostic};
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadFailure {
            source: None,
            diagnostic: Box::new(
                Diagnostic::new(Code::H003, None, "this file is larger than 1 MiB, the most Hearken reads").help(
                    "a scenario this large is almost certainly not a scenario file; split a very long one into several",
                ),
            ),
            io: false,
        });
    }
    if is_utf16(&bytes) {
        return Err(ReadFailure {
            source: None,
            diagnostic: Box::new(Diagnostic::new(Code::H002, None, "this file is UTF-16 text; save it as UTF-8").help(
                "in your editor, save the file again with the encoding UTF-8 (Notepad: Save as, then Encoding: UTF-8)",
            )),
            io: false,
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(origin, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // The lossy text replaces bad bytes with U+FFFD, so offsets after `at` may move; the
            // first bad byte itself stays at `at`.
            let binary = e.as_bytes().iter().take(8192).any(|&b| b == 0);
            let message = if binary {
                "this is not a text file (it looks like binary data)"
            } else {
                "this file is not UTF-8 text"
            };
            let source = SourceFile::new(origin, text);
            let end = floor_char_boundary(&source.text, at + 1).max(at);
            let end = (at + source.text[at..].chars().next().map_or(0, char::len_utf8)).max(end);
            Err(ReadFailure {
                source: Some(source),
                diagnostic: Box::new(
                    Diagnostic::new(Code::H002, at..end, message).help(
                        "save the file as UTF-8 in your editor (most editors offer it under 'Save with encoding')",
                    ),
                ),
                io: false,
            })
        }
    }
}

/// Text saved as UTF-16 (as Windows tools sometimes do): a UTF-16 byte-order mark, or, without
/// one, a zero byte beside nearly every character of the first line's worth of text.
fn is_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(200) & !1];
    if head.len() < 8 {
        return false;
    }
    let zeros_at = |parity: usize| head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let half = head.len() / 2;
    let (even, odd) = (zeros_at(0), zeros_at(1));
    (odd * 10 >= half * 9 && even == 0) || (even * 10 >= half * 9 && odd == 0)
}
