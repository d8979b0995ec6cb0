//! The history file's schema: created from nothing, brought forward from every earlier version,
//! and never touched when it is not ours to change.

use crate::store_common;

use hearken::store::schema::{APPLICATION_ID, MIGRATIONS, VERSION};
use hearken::store::{History, Recorder};
use store_common::*;

fn version_of(dir: &std::path::Path) -> (i64, i32) {
    let c = connect(dir);
    let v = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    let app = c.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    (v, app)
}

fn record_one(dir: &std::path::Path) -> Recorder {
    let sc = scenario();
    let mut s = session(&sc);
    let mut rec = Recorder::start(Some(dir), &s, true, None);
    answer(&mut s, 1, 500);
    rec.decision(&s);
    rec.finish(&s.report(s.turn().end));
    rec
}

#[test]
fn a_data_folder_without_a_history_gets_a_current_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("not/yet/there");
    let rec = record_one(&dir);
    assert_eq!(rec.problem(), None);
    assert_eq!(version_of(&dir), (VERSION, APPLICATION_ID));
    assert_eq!(count(&dir, "SELECT count(*) FROM sessions"), 1);
}

#[test]
fn an_empty_file_becomes_a_current_history() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(db_path(tmp.path()), b"").unwrap();
    let rec = record_one(tmp.path());
    assert_eq!(rec.problem(), None);
    assert_eq!(version_of(tmp.path()), (VERSION, APPLICATION_ID));
    assert_eq!(integrity(tmp.path()), "ok");
}

/// A session as every version from 1 on can hold it; returns its id.
fn insert_fixture_session(c: &rusqlite::Connection) -> i64 {
    c.execute(
        "INSERT INTO sessions (scenario, content_hash, seed, started_at, ended_at, finished, ending, ending_kind,
             reflective_listening, open_questions, non_interruption, validation, overall, trust, speech_counted)
         VALUES ('practice-run', 'abc', 7, 1700000000, 1700000300, 1, 'heard', 'good', 90, NULL, 100, 80, 90, 3, 1)",
        [],
    )
    .unwrap();
    c.last_insert_rowid()
}

#[test]
fn every_earlier_version_is_brought_up_to_date_and_keeps_its_sessions() {
    // Version 0 is a file no Hearken has written to yet; each later one is built with the
    // migrations as they were released.
    for from in 0..VERSION {
        let tmp = tempfile::tempdir().unwrap();
        let c = connect(tmp.path());
        for step in &MIGRATIONS[..from as usize] {
            c.execute_batch(step).unwrap();
        }
        let old = if from > 0 {
            c.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {from};"))
                .unwrap();
            Some(insert_fixture_session(&c))
        } else {
            None
        };
        drop(c);

        let rec = record_one(tmp.path());
        assert_eq!(rec.problem(), None, "from version {from}");
        assert_eq!(version_of(tmp.path()).0, VERSION, "from version {from}");
        let history = History::open(Some(tmp.path())).unwrap();
        let sessions = history.sessions(None, 100).unwrap();
        assert_eq!(sessions.len(), 1 + old.is_some() as usize, "from version {from}");
        if let Some(id) = old {
            let s = sessions.iter().find(|s| s.id == id).expect("the old session is still there");
            assert_eq!((s.finished, s.scores.overall, s.started_at), (true, Some(90), 1_700_000_000));
        }
    }
}

#[test]
fn opening_a_current_history_again_changes_nothing_stored() {
    let tmp = tempfile::tempdir().unwrap();
    record_one(tmp.path());
    record_one(tmp.path());
    assert_eq!(version_of(tmp.path()).0, VERSION);
    assert_eq!(count(tmp.path(), "SELECT count(*) FROM sessions WHERE finished = 0"), 2);
    assert_eq!(count(tmp.path(), "SELECT count(*) FROM decisions"), 2);
}

#[test]
fn a_history_from_a_newer_hearken_is_refused_and_left_as_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    record_one(tmp.path());
    connect(tmp.path())
        .execute_batch(&format!(
            "PRAGMA journal_mode = DELETE; PRAGMA user_version = {}; CREATE TABLE later_things (x);",
            VERSION + 1
        ))
        .unwrap();
    let before = std::fs::read(db_path(tmp.path())).unwrap();

    let rec = record_one(tmp.path());
    let problem = rec.problem().expect("a newer history is reported");
    assert!(problem.contains("newer version of Hearken"), "{problem}");
    assert!(!problem.contains('\n'));
    let err = History::open(Some(tmp.path())).err().expect("and cannot be read");
    assert!(err.contains("newer version of Hearken"), "{err}");
    assert_eq!(std::fs::read(db_path(tmp.path())).unwrap(), before, "the file was changed");
}

#[test]
fn another_programs_database_is_refused_and_left_as_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    connect(tmp.path()).execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');").unwrap();
    let before = std::fs::read(db_path(tmp.path())).unwrap();

    let rec = record_one(tmp.path());
    let problem = rec.problem().expect("a foreign database is reported");
    assert!(problem.contains("is not a Hearken history file"), "{problem}");
    assert!(History::open(Some(tmp.path())).is_err());
    assert_eq!(std::fs::read(db_path(tmp.path())).unwrap(), before, "the file was changed");
}

#[test]
fn a_version_1_history_with_sessions_keeps_them_and_their_model_1_scores() {
    let tmp = tempfile::tempdir().unwrap();
    let c = connect(tmp.path());
    c.execute_batch(MIGRATIONS[0]).unwrap();
    c.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 1;")).unwrap();
    let finished = insert_fixture_session(&c);
    // A session left early, with a decision, and a replay of the finished one.
    c.execute(
        "INSERT INTO sessions (scenario, content_hash, seed, started_at, finished, overall, trust, speech_counted,
             replay_of)
         VALUES ('practice-run', 'abc', 7, 1700000400, 0, 40, -1, 1, ?1)",
        [finished],
    )
    .unwrap();
    let left = c.last_insert_rowid();
    c.execute(
        "INSERT INTO decisions VALUES (?1, 1, 1700000410, 'opening', 2, 'topic-change', 0, 900, 0, 1, -1,
             -2, 0, 2, 0, 2, 0, 2, 0)",
        [left],
    )
    .unwrap();
    drop(c);

    // Opening it to record migrates it to the current version in one step.
    let rec = record_one(tmp.path());
    assert_eq!(rec.problem(), None);
    assert_eq!(version_of(tmp.path()), (hearken::store::schema::VERSION, APPLICATION_ID));
    assert_eq!(integrity(tmp.path()), "ok");

    let history = History::open(Some(tmp.path())).unwrap();
    let stored = history.stored_sessions(None, 100).unwrap();
    assert_eq!(stored.len(), 3);
    let by_id = |id: i64| stored.iter().find(|s| s.summary.id == id).unwrap();
    // The old sessions, as they were: their scores are not recomputed, and say model 1 scored them.
    let old = by_id(finished);
    assert_eq!(old.scoring_model, 1);
    assert_eq!(old.met, None, "model 1 had no result");
    assert_eq!((old.summary.scores.overall, old.summary.scores.rubrics[0]), (Some(90), Some(90)));
    assert_eq!(old.summary.scores.rubrics[4], None, "no safety score before model 2");
    let old_left = by_id(left);
    assert_eq!(
        (old_left.scoring_model, old_left.summary.decisions, old_left.summary.replay_of),
        (1, 1, Some(finished))
    );
    assert_eq!(count(tmp.path(), "SELECT count(*) FROM decisions WHERE mark IS NULL"), 1);
    // The new one: model 2, with its result.
    let new = stored.iter().find(|s| s.summary.id != finished && s.summary.id != left).unwrap();
    assert_eq!(new.scoring_model, 2);
    assert!(new.met.is_some());
    assert_eq!(count(tmp.path(), "SELECT count(*) FROM decisions WHERE mark IS NOT NULL"), 1);
}
