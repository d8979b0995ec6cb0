//! How a command ends: the exit codes of `docs/architecture.md` (0 success, 1 invalid input or a
//! failed test, 2 usage or I/O), the one message the user is told, and the few ways every front
//! end writes to the terminal's standard streams.

use hearken_engine::diagnostic::{FileDiagnostics, render};
use std::io::{IsTerminal, Write};

pub const EXIT_OK: u8 = 0;
pub const EXIT_INVALID: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// A failure that ends the command: what to tell the user, and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure { code: EXIT_USAGE, message: message.into() }
    }

    pub fn invalid(message: impl Into<String>) -> Failure {
        Failure { code: EXIT_INVALID, message: message.into() }
    }

    /// The exit code alone: the command already printed what went wrong.
    pub fn silent(code: u8) -> Failure {
        Failure { code, message: String::new() }
    }
}

pub type Outcome = Result<(), Failure>;

/// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
pub fn color_wanted(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Diagnostics for the user on standard error, in colour where that stream is a terminal.
pub fn diagnostics_to_stderr(reports: &[FileDiagnostics]) {
    // Nothing better can be done if standard error itself is gone.
    let _ = render::human(&mut std::io::stderr(), reports, color_wanted(std::io::stderr().is_terminal()));
}

/// Writes to standard output; a reader that stops early (`| head`) is not an error.
pub fn write_stdout(text: &str) -> Outcome {
    let mut out = std::io::stdout().lock();
    ignore_broken_pipe(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

/// A write's result as an outcome: a closed pipe means the reader has what it wanted.
pub fn ignore_broken_pipe(written: std::io::Result<()>) -> Outcome {
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::usage(format!("cannot write the output: {}", crate::io_error::plain(&e))))
        }
        _ => Ok(()),
    }
}
