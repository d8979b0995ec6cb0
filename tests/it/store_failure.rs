//! A history that cannot be used — damaged, locked, unwritable — is reported in one line,
//! practice goes on, and nothing already stored is lost or overwritten.

use crate::store_common;

use hearken::store::{History, Recorder};
use store_common::*;

fn one_line(s: &str) {
    assert!(!s.trim_end().contains('\n'), "not one line: {s:?}");
}

/// Plays the whole fixture with `--plain` (no animation, so it needs no waiting) and returns
/// the exit code and standard output.
fn play_plain(fixture: &Fixture, data_dir: &std::path::Path) -> (i32, String) {
    let out = crate::common::run(
        hearken()
            .args(["play", ID, "--plain", "--no-animation", "--seed", "1", "--data-dir"])
            .arg(data_dir)
            .arg("--scenarios")
            .arg(fixture.dir.path()),
        b"1\n1\n1\n",
    );
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Options are shuffled in `--plain`, so either ending may be reached.
fn reached_an_ending(stdout: &str) -> bool {
    stdout.contains("Sam felt heard") || stdout.contains("Sam left early")
}

fn recorded_session(dir: &std::path::Path) {
    let sc = scenario();
    let mut s = session(&sc);
    let mut rec = Recorder::start(Some(dir), &s, true, None);
    for option in [1, 1, 1] {
        answer(&mut s, option, 300);
        rec.decision(&s);
    }
    rec.finish(&s.report(s.turn().end));
    assert_eq!(rec.problem(), None);
}

#[test]
fn a_file_that_is_not_a_database_is_reported_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = fixture();
    let garbage = "my shopping list: eggs, milk, bread\n".repeat(300);
    std::fs::write(db_path(tmp.path()), &garbage).unwrap();

    let sc = scenario();
    let mut s = session(&sc);
    let mut rec = Recorder::start(Some(tmp.path()), &s, true, None);
    let problem = rec.problem().expect("reported").to_string();
    assert!(problem.contains("is damaged"), "{problem}");
    assert_eq!(rec.late_problem(), None, "shown at the start already");
    one_line(&problem);
    answer(&mut s, 1, 100);
    rec.decision(&s);
    rec.finish(&s.report(s.turn().end));
    assert_eq!(rec.session_id(), None);

    let err = History::open(Some(tmp.path())).err().expect("reading it fails");
    assert!(err.contains("is damaged"), "{err}");

    let out = hearken().arg("history").arg("--data-dir").arg(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("hearken: cannot read your history:") && stderr.contains("damaged"), "{stderr}");
    one_line(&stderr);

    let (code, stderr) = record_script(&fixture, tmp.path(), "1 1 1");
    assert_eq!(code, 0, "a scripted play still succeeds");
    assert!(stderr.contains("not saved to your history"), "{stderr}");
    one_line(&stderr);

    let (code, stdout) = play_plain(&fixture, tmp.path());
    assert_eq!(code, 0);
    assert!(stdout.contains("Note: this session is not being saved to your history"), "{stdout}");
    assert!(reached_an_ending(&stdout), "the session went on to its ending:\n{stdout}");

    assert_eq!(std::fs::read_to_string(db_path(tmp.path())).unwrap(), garbage, "the file was changed");
}

#[test]
fn a_damaged_page_is_reported_and_nothing_is_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    for _ in 0..3 {
        recorded_session(tmp.path());
    }
    // The last connection closed, so everything is in the main file; break a table page there.
    let path = db_path(tmp.path());
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    assert!(bytes.len() >= 3 * page);
    bytes[page..page + 8].copy_from_slice(&[0xff; 8]);
    std::fs::write(&path, &bytes).unwrap();

    let rec = Recorder::start(Some(tmp.path()), &session(&scenario()), true, None);
    let problem = rec.problem().expect("reported");
    assert!(problem.contains("is damaged"), "{problem}");
    assert!(History::open(Some(tmp.path())).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "the file was changed");
}

#[test]
fn a_data_folder_that_cannot_be_written_is_reported_and_practice_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let fixture = fixture();
    let data = tmp.path().join("data");
    let enforced = permissions_are_enforced();
    if enforced {
        std::fs::create_dir(&data).unwrap();
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o555)).unwrap();
    } else {
        // Running as root, permission bits are not enforced: make the folder impossible to
        // create instead, with a file where it should be.
        std::fs::write(&data, "in the way").unwrap();
    }

    let rec = Recorder::start(Some(&data), &session(&scenario()), true, None);
    let problem = rec.problem().expect("reported").to_string();
    one_line(&problem);
    let expected = if enforced { "cannot be written" } else { "cannot be created" };
    assert!(problem.contains(expected), "{problem}");

    let (code, stdout) = play_plain(&fixture, &data);
    assert_eq!(code, 0);
    assert!(stdout.contains(&format!("Note: {problem}")), "{stdout}");
    assert!(reached_an_ending(&stdout), "{stdout}");

    if enforced {
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    } else {
        assert_eq!(std::fs::read_to_string(&data).unwrap(), "in the way");
    }
}

#[test]
fn a_history_in_a_read_only_folder_can_still_be_read() {
    use std::os::unix::fs::PermissionsExt;
    if !permissions_are_enforced() {
        // As root a read-only folder is writable, so there is nothing to test here.
        eprintln!("skipped: permission bits are not enforced for this user");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    recorded_session(tmp.path());
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let read = History::open(Some(tmp.path())).and_then(|h| h.sessions(None, 10));
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(read.unwrap().len(), 1);
}

#[test]
fn a_history_locked_by_another_program_stops_the_recording_but_keeps_what_was_stored() {
    let tmp = tempfile::tempdir().unwrap();
    recorded_session(tmp.path());
    let sc = scenario();
    let mut s = session(&sc);
    let mut rec = Recorder::start(Some(tmp.path()), &s, true, None);
    answer(&mut s, 1, 300);
    rec.decision(&s);
    assert_eq!(rec.problem(), None);

    let other = connect(tmp.path());
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    answer(&mut s, 1, 300);
    rec.decision(&s); // waits out the busy timeout
    let problem = rec.problem().expect("reported").to_string();
    assert!(problem.contains("locked by another program"), "{problem}");
    assert_eq!(rec.late_problem(), Some(problem.as_str()), "--plain shows it again at the end");
    one_line(&problem);
    other.execute_batch("ROLLBACK").unwrap();
    // Nothing more is written for this session, so it cannot end up with a gap.
    answer(&mut s, 1, 300);
    rec.decision(&s);
    rec.finish(&s.report(s.turn().end));

    assert_eq!(integrity(tmp.path()), "ok");
    let got = History::open(Some(tmp.path())).unwrap().sessions(None, 10).unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!((got[0].finished, got[0].decisions), (false, 1));
    assert_eq!((got[1].finished, got[1].decisions), (true, 3));
}
