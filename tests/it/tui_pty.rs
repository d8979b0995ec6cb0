//! End to end: the real binary in a pseudo-terminal, read back through a terminal emulator
//! (vt100). A built-in scenario is played to its report and quit; Ctrl-C leaves mid-sentence; a
//! too-small window recovers on resize. After each, the terminal must be as it was: main screen,
//! cursor shown, line editing and echo back on (checked with `stty -a` in the same terminal).

#![cfg(unix)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Term {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    _data: tempfile::TempDir,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }
}

impl Term {
    /// Runs `hearken ARGS`, then prints its exit code and the terminal's settings.
    fn start(args: &str, cols: u16, rows: u16) -> Term {
        let pair = native_pty_system().openpty(size(cols, rows)).expect("a pseudo-terminal");
        let data = tempfile::tempdir().expect("a temp dir");
        let mut cmd = CommandBuilder::new("sh");
        cmd.arg("-c");
        cmd.arg(format!("\"$HEARKEN_BIN\" {args}; echo \"exit=$?\"; stty -a; echo END-OF-TEST"));
        cmd.env("HEARKEN_BIN", env!("CARGO_BIN_EXE_hearken"));
        cmd.env("HEARKEN_DATA_DIR", data.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("the binary starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let writer = pair.master.take_writer().expect("a writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).unwrap(),
            std::num::NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Term { parser, raw, writer, master: pair.master, child, _data: data }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows any of `needles`; returns which.
    fn wait_for(&self, needles: &[&str]) -> usize {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let s = self.screen();
            if let Some(i) = needles.iter().position(|n| s.contains(n)) {
                return i;
            }
            assert!(Instant::now() < deadline, "waited for {needles:?}; the screen shows:\n{s}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the shell to finish, then checks the terminal was restored.
    fn assert_restored(mut self) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !String::from_utf8_lossy(&self.raw.lock().unwrap()).contains("END-OF-TEST") {
            assert!(Instant::now() < deadline, "the program did not exit; the screen shows:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.wait();
        let raw = String::from_utf8_lossy(&self.raw.lock().unwrap()).to_string();
        let parser = self.parser.lock().unwrap();
        assert!(!parser.screen().alternate_screen(), "still on the alternate screen");
        assert!(!parser.screen().hide_cursor(), "the cursor is still hidden");
        let words: Vec<&str> = raw.split_whitespace().collect();
        for mode in ["icanon", "echo", "icrnl", "opost"] {
            assert!(words.contains(&mode), "`{mode}` is off after exit (raw mode left on):\n{raw}");
        }
        raw
    }
}

#[test]
fn a_built_in_scenario_plays_to_its_report_and_quits_cleanly() {
    let mut t = Term::start("play back-after-relapse --seed 1 --pace 10", 80, 24);
    t.wait_for(&["Who you are talking to: Dana"]);
    t.send("\r");
    let mut decisions = 0;
    // Answer with the first option shown until the ending has played.
    while t.wait_for(&["Your turn: choose", "Press Enter to see your report"]) == 0 {
        t.send("1");
        t.wait_for(&["Enter continue"]);
        t.send("\r");
        decisions += 1;
        assert!(decisions < 30, "no ending after 30 decisions");
    }
    t.send("\r");
    t.wait_for(&["Report · Back after a relapse"]);
    let report = t.screen();
    assert!(report.contains("Result: "), "the result comes first: {report}");
    assert!(report.contains("Scores"), "{report}");
    // The rest of the report is below: Page Down until the overall score shows.
    for _ in 0..6 {
        t.send("\x1b[6~");
    }
    t.wait_for(&["Overall"]);
    t.send("q");
    let raw = t.assert_restored();
    assert!(raw.contains("exit=0"), "{raw}");
}

#[test]
fn ctrl_c_mid_sentence_leaves_and_restores_the_terminal() {
    let mut t = Term::start("play back-after-relapse --seed 1", 80, 24);
    t.wait_for(&["Who you are talking to"]);
    t.send("\r");
    t.wait_for(&["Dana is speaking"]);
    t.send("\x03");
    let raw = t.assert_restored();
    assert!(raw.contains("exit=0"), "{raw}");
}

#[test]
fn a_too_small_window_says_so_and_recovers_on_resize() {
    let mut t = Term::start("", 60, 15);
    t.wait_for(&["Hearken needs at least"]);
    // The emulator grows first: whatever the program draws after the resize must be read at
    // the new size, however late the reader thread gets to it on a busy machine.
    t.parser.lock().unwrap().set_size(std::num::NonZeroU16::new(24).unwrap(), std::num::NonZeroU16::new(80).unwrap());
    t.master.resize(size(80, 24)).expect("resize");
    t.wait_for(&["Choose a scenario"]);
    t.send("q");
    t.assert_restored();
}
