//! What a session leaves in the history: every decision as it was made, and the scores the
//! trainee was shown — for finished sessions, sessions left early and sessions cut off.

use crate::store_common;

use hearken::store::{Change, History, Recorder, record_report};
use hearken_engine::rubric::Rubric;
use hearken_engine::session::script;
use store_common::*;

struct DecisionRow {
    ordinal: i64,
    node: String,
    option: i64,
    skills: String,
    interrupted: bool,
    response_ms: Option<i64>,
    hint_used: bool,
    earned: [i32; 4],
    available: [i32; 4],
}

fn decision_rows(dir: &std::path::Path, session: i64) -> Vec<DecisionRow> {
    let c = connect(dir);
    let mut stmt = c
        .prepare(
            "SELECT ordinal, node, option, skills, interrupted, response_ms, hint_used,
                earned_reflective_listening, earned_open_questions, earned_non_interruption, earned_validation,
                available_reflective_listening, available_open_questions, available_non_interruption,
                available_validation
             FROM decisions WHERE session_id = ? ORDER BY ordinal",
        )
        .unwrap();
    stmt.query_map([session], |r| {
        Ok(DecisionRow {
            ordinal: r.get(0)?,
            node: r.get(1)?,
            option: r.get(2)?,
            skills: r.get(3)?,
            interrupted: r.get(4)?,
            response_ms: r.get(5)?,
            hint_used: r.get(6)?,
            earned: [r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?],
            available: [r.get(11)?, r.get(12)?, r.get(13)?, r.get(14)?],
        })
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

#[test]
fn a_finished_session_comes_back_as_it_was_played() {
    let tmp = tempfile::tempdir().unwrap();
    let sc = scenario();
    let mut s = session(&sc);
    let mut rec = Recorder::start(Some(tmp.path()), &s, true, None);
    assert_eq!(rec.problem(), None);
    let id = rec.session_id().expect("the session row is written at the start");

    s.use_hint();
    // Cuts Sam off in the pause after the first line, when option 1 has appeared.
    let cut = s.turn().start + 2_000;
    s.choose(0, cut).unwrap();
    s.proceed(cut);
    rec.decision(&s);
    answer(&mut s, 2, 1_200);
    rec.decision(&s);
    answer(&mut s, 1, 700);
    rec.decision(&s);
    assert!(s.is_over());
    let report = s.report(s.turn().end);
    rec.finish(&report);
    assert_eq!(rec.problem(), None);

    let history = History::open(Some(tmp.path())).unwrap();
    let listed = history.stored_sessions(None, 10).unwrap();
    assert_eq!(listed.len(), 1);
    let got = &listed[0];
    assert_eq!(got.summary.id, id);
    assert_eq!(got.summary.scenario, ID);
    assert!(got.summary.finished);
    assert_eq!(got.summary.ending_kind.as_deref(), report.ending_kind.map(|k| k.name()));
    assert_eq!(got.ending, report.ending);
    assert_eq!(got.summary.scores, report.scores);
    assert_eq!((got.summary.decisions, got.summary.interruptions), (3, 1));
    assert_eq!(got.content_hash, sc.content_hash());
    assert_eq!((got.seed, got.trust, got.speech_counted, got.summary.replay_of), (42, report.trust, true, None));
    let ended = got.summary.ended_at.expect("a finished session has an end time");
    assert!(got.summary.started_at <= ended && ended <= got.summary.started_at + 60);

    let rows = decision_rows(tmp.path(), id);
    let summary: Vec<_> = rows
        .iter()
        .map(|d| (d.ordinal, d.node.as_str(), d.option, d.skills.as_str(), d.interrupted, d.response_ms, d.hint_used))
        .collect();
    assert_eq!(
        summary,
        [
            (1, "opening", 1, "reflection", true, None, true),
            (2, "middle", 2, "minimizing", false, Some(1_200), false),
            (3, "closing", 1, "attentive-silence", false, Some(700), false),
        ]
    );
    for (row, d) in rows.iter().zip(&report.decisions) {
        assert_eq!(row.earned[..], Rubric::ALL.map(|r| d.earned.get(r))[..4]);
        assert_eq!(row.available[..], Rubric::ALL.map(|r| d.available.get(r))[..4]);
    }
}

#[test]
fn a_session_left_early_keeps_the_scores_of_the_decisions_made() {
    let tmp = tempfile::tempdir().unwrap();
    let sc = scenario();
    let mut s = session(&sc);
    let mut rec = Recorder::start(Some(tmp.path()), &s, true, None);
    answer(&mut s, 1, 300);
    rec.decision(&s);
    answer(&mut s, 2, 300);
    rec.decision(&s);
    let report = s.report(s.turn().start + 50);
    assert!(!report.finished);
    rec.finish(&report);

    let got = &History::open(Some(tmp.path())).unwrap().sessions(None, 10).unwrap()[0];
    assert!(!got.finished);
    assert!(got.ended_at.is_some());
    assert_eq!(got.ending_kind, None);
    assert_eq!(got.decisions, 2);
    assert_eq!(got.scores, report.scores);
    assert_eq!(got.scores.get(Rubric::Validation), Some(0), "the minimizing answer shows");
}

#[test]
fn a_session_that_never_finishes_still_shows_what_its_decisions_earned() {
    let tmp = tempfile::tempdir().unwrap();
    let sc = scenario();
    let mut s = session(&sc);
    let mut rec = Recorder::start(Some(tmp.path()), &s, true, None);
    answer(&mut s, 2, 300);
    rec.decision(&s);
    // The program dies here: no finish.
    drop(rec);

    let got = &History::open(Some(tmp.path())).unwrap().sessions(None, 10).unwrap()[0];
    assert_eq!((got.finished, got.ended_at, got.decisions), (false, None, 1));
    assert_eq!(got.scores, s.report(s.turn().end).scores);
    assert_eq!(got.scores.get(Rubric::ReflectiveListening), Some(0));
}

#[test]
fn no_history_writes_nothing_at_all() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let sc = scenario();
    let mut s = session(&sc);
    let mut rec = Recorder::start(Some(&dir), &s, false, None);
    answer(&mut s, 1, 300);
    rec.decision(&s);
    rec.finish(&s.report(s.turn().end));
    assert_eq!((rec.problem(), rec.session_id()), (None, None));
    assert!(!dir.exists(), "--no-history created {}", dir.display());
}

#[test]
fn a_replay_records_its_replayed_decisions_and_where_it_came_from() {
    let tmp = tempfile::tempdir().unwrap();
    let sc = scenario();
    let mut s = session(&sc);
    let mut first = Recorder::start(Some(tmp.path()), &s, true, None);
    for option in [2, 2, 1] {
        answer(&mut s, option, 300);
        first.decision(&s);
    }
    first.finish(&s.report(s.turn().end));
    let first_id = first.session_id().unwrap();

    // Replay from decision 2: the first answer (topic change) is kept, the rest is played again.
    let mut replay = s.replay_to(1, 0);
    let mut rec = Recorder::start(Some(tmp.path()), &replay, true, Some(first_id));
    answer(&mut replay, 1, 300);
    rec.decision(&replay);
    answer(&mut replay, 1, 300);
    rec.decision(&replay);
    let report = replay.report(replay.turn().end);
    rec.finish(&report);

    let history = History::open(Some(tmp.path())).unwrap();
    let got = &history.stored_sessions(None, 1).unwrap()[0];
    assert_eq!(got.summary.replay_of, Some(first_id));
    assert_eq!(got.summary.decisions, 3);
    assert_eq!(got.summary.scores, report.scores);
    let rows = decision_rows(tmp.path(), got.summary.id);
    assert_eq!(rows.iter().map(|d| d.option).collect::<Vec<_>>(), [2, 1, 1]);

    // A replay of the replay is linked to the original session, not to the replay.
    let again = replay.replay_to(2, 0);
    let rec = Recorder::start(Some(tmp.path()), &again, true, Some(got.summary.id));
    assert_eq!(history.stored_sessions(None, 1).unwrap()[0].summary.replay_of, Some(first_id));
    drop(rec);

    // Replays are listed, and left out of the trends and of best and last: progress counts
    // first attempts (docs/history.md).
    let progress = history.progress(None).unwrap();
    assert_eq!(progress.sessions.iter().map(|p| p.id).collect::<Vec<_>>(), [first_id]);
    let (best, last) = history.best_and_last().unwrap()["practice-run"];
    let first_overall = history.sessions(None, 100).unwrap().iter().find(|s| s.id == first_id).unwrap().scores.overall;
    assert_eq!((best, last), (first_overall, first_overall));

    // A replay of a session the history does not hold (from another data folder) is still saved.
    let other = s.replay_to(0, 0);
    let rec = Recorder::start(Some(tmp.path()), &other, true, Some(9_999));
    assert_eq!(rec.problem(), None);
    assert_eq!(history.stored_sessions(None, 1).unwrap()[0].summary.replay_of, None);
}

fn scripted(choices: &str) -> hearken_engine::session::Report {
    let table = hearken_engine::rubric::RubricTable::builtin();
    let s = script::play_text(scenario(), table, script::scripted_options(0, true), choices)
        .map_err(|e| e.0.to_string())
        .unwrap();
    s.report(script::end_time(&s))
}

#[test]
fn a_recorded_script_is_stored_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let done = scripted("1 1 1");
    let partial = scripted("1 2");
    record_report(Some(tmp.path()), &done);
    record_report(Some(tmp.path()), &partial);

    let got = History::open(Some(tmp.path())).unwrap().sessions(None, 10).unwrap();
    assert_eq!(got.len(), 2);
    // Newest first.
    assert_eq!((got[0].finished, got[0].decisions, got[0].scores), (false, 2, partial.scores));
    assert_eq!((got[1].finished, got[1].decisions, got[1].scores), (true, 3, done.scores));
    assert_eq!(got[1].ending_kind.as_deref(), Some("good"));
    assert_eq!(count(tmp.path(), "SELECT count(*) FROM decisions WHERE response_ms IS NOT NULL"), 0);
}

#[test]
fn best_and_last_count_finished_sessions_only() {
    let tmp = tempfile::tempdir().unwrap();
    for script in ["2 1 1", "1 1 1", "1 2 1", "1"] {
        record_report(Some(tmp.path()), &scripted(script));
    }
    let history = History::open(Some(tmp.path())).unwrap();
    let map = history.best_and_last().unwrap();
    // 67, then 100, then 67 finished; the last one was left after one answer.
    assert_eq!(map.get(ID), Some(&(Some(100), Some(67))));
    assert_eq!(map.len(), 1);
}

#[test]
fn progress_shows_which_skill_moved() {
    let tmp = tempfile::tempdir().unwrap();
    // Early on: changes the topic but validates. Later: reflects, but minimizes.
    for script in ["2 1 1", "2 1 1", "2 1 1", "1 2 1", "1 2 1", "1 2 1", "1 2"] {
        record_report(Some(tmp.path()), &scripted(script));
    }
    let history = History::open(Some(tmp.path())).unwrap();
    let p = history.progress(None).unwrap();
    assert_eq!(p.sessions.len(), 6, "the unfinished session is not part of the trend");
    let rl = p.rubric(Rubric::ReflectiveListening);
    assert_eq!((rl.first, rl.recent, rl.change), (Some(0), Some(100), Change::Improved));
    assert_eq!(p.rubric(Rubric::Validation).change, Change::Dropped);
    assert_eq!(p.rubric(Rubric::NonInterruption).change, Change::NoClearChange);
    assert_eq!(p.rubric(Rubric::OpenQuestions).change, Change::TooFew);
    assert_eq!(p.series(Rubric::ReflectiveListening).iter().map(|x| x.1).collect::<Vec<_>>(), [0, 0, 0, 100, 100, 100]);
    assert!(history.progress(Some("another-scenario")).unwrap().sessions.is_empty());
}

#[test]
fn reading_a_data_folder_without_history_finds_nothing_and_creates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let history = History::open(Some(tmp.path())).unwrap();
    assert!(history.sessions(None, 10).unwrap().is_empty());
    assert!(history.best_and_last().unwrap().is_empty());
    assert!(!db_path(tmp.path()).exists());
}
