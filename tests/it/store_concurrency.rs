//! Two copies of Hearken writing the same history at once (two terminals, or a script running
//! beside a practice session): neither fails, and nothing is lost.

use crate::store_common;

use hearken::store::{History, Recorder};
use std::sync::{Arc, Barrier};
use store_common::*;

#[test]
fn two_recorders_in_step_on_a_new_history_both_store_everything() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = Arc::new(tmp.path().join("fresh"));
    let barrier = Arc::new(Barrier::new(2));
    let threads: Vec<_> = (0..2)
        .map(|_| {
            let (dir, barrier) = (dir.clone(), barrier.clone());
            std::thread::spawn(move || {
                let sc = scenario();
                let mut problems = Vec::new();
                for _ in 0..15 {
                    let mut s = session(&sc);
                    // Both open (and the first time, create) the database at the same moment.
                    barrier.wait();
                    let mut rec = Recorder::start(Some(&dir), &s, true, None);
                    for option in [1, 2, 1] {
                        answer(&mut s, option, 100);
                        barrier.wait();
                        rec.decision(&s);
                    }
                    rec.finish(&s.report(s.turn().end));
                    problems.extend(rec.problem().map(str::to_string));
                }
                problems
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), Vec::<String>::new());
    }
    assert_eq!(integrity(&dir), "ok");
    let sessions = History::open(Some(&dir)).unwrap().sessions(None, 100).unwrap();
    assert_eq!(sessions.len(), 30);
    assert!(sessions.iter().all(|s| s.finished && s.decisions == 3));
}

#[test]
fn two_processes_recording_at_once_both_store_everything() {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = Arc::new(fixture());
    let dir = Arc::new(tmp.path().to_path_buf());
    let threads: Vec<_> = (0..2)
        .map(|_| {
            let (dir, fixture) = (dir.clone(), fixture.clone());
            std::thread::spawn(move || {
                (0..8).map(|_| record_script(&fixture, &dir, "1 2 1")).filter(|r| r.0 != 0 || !r.1.is_empty()).count()
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), 0, "a recording failed or reported a problem");
    }
    assert_eq!(integrity(&dir), "ok");
    assert_eq!(count(&dir, "SELECT count(*) FROM sessions WHERE finished = 1"), 16);
    assert_eq!(count(&dir, "SELECT count(*) FROM decisions"), 48);
}
