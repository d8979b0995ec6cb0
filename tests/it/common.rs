//! Running the real binary from the tests: one way to start it and one way to feed it, so every
//! test gets the same guarantees (no colour, no user data, a child that exits early is fine).

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// `hearken`, with no colour and no user data folder inherited from the environment.
pub fn hearken() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hearken"));
    cmd.env("NO_COLOR", "1").env_remove("HEARKEN_DATA_DIR").current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Runs `cmd` with `stdin` as its standard input and collects everything it printed. The input
/// is written from its own thread while the output is read, so neither side can block the other,
/// and a child that exits before reading it all (a broken pipe) is not an error: on a loaded
/// machine that is a race the test must not lose.
pub fn run(cmd: &mut Command, stdin: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the hearken binary starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // An early exit closes the pipe; what the child did read is what the test checks.
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("the hearken binary runs to the end");
    writer.join().expect("the writer thread does not panic");
    out
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
