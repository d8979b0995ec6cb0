//! `update`: what each key does on each screen (README.md). Pure: the time is passed in, and
//! anything touching the history is left in `app.effects` for the loop.

use super::app::{App, Effect, HomeEntry, Overlay, Play, ReportPage, Screen};
use super::event::{Key, Msg};
use crate::settings::FeedbackMode;
use hearken_engine::session::Phase;

/// What the loop should do after an update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Nothing visible changed.
    Nothing,
    Redraw,
    Quit,
}

/// Rows a page key scrolls.
const PAGE: u16 = 5;

/// The report shows scores and review side by side from this width; below it, one at a time.
pub fn report_is_wide(size: (u16, u16)) -> bool {
    size.0 >= 110 && size.1 >= 28
}

/// `wall` is the clock's time; the conversation sees it less the time it stood still
/// (`App::play_time`), and its clock stops and starts with what is on screen.
pub fn update(app: &mut App, msg: Msg, wall: u64) -> Action {
    let action = handle(app, msg, app.play_time(wall));
    app.sync_pause(wall);
    action
}

fn handle(app: &mut App, msg: Msg, now: u64) -> Action {
    let key = match msg {
        Msg::Resize(w, h) => {
            app.size = (w, h);
            return Action::Redraw;
        }
        Msg::Tick => return tick(app, now),
        Msg::Key(Key::Interrupt) => return quit(app),
        Msg::Key(k) => k,
    };
    if app.too_small() {
        // Nothing else can be seen to work, so only leaving does.
        return if matches!(key, Key::Char('q' | 'Q')) { quit(app) } else { Action::Nothing };
    }
    if let Some(overlay) = app.overlay {
        return overlay_key(app, overlay, key);
    }
    let writing = matches!(app.screen, Screen::Conversation) && app.play.as_ref().is_some_and(|p| p.writing_now());
    if key == Key::Char('?') && !writing {
        app.overlay = Some(Overlay::Help);
        return Action::Redraw;
    }
    match app.screen {
        Screen::Home => home_key(app, key, now),
        Screen::Briefing { .. } => briefing_key(app, key, now),
        Screen::Conversation => conversation_key(app, key, now),
        Screen::Heard { .. } => heard_key(app, key, now),
        Screen::Feedback { .. } => feedback_key(app, key, now),
        Screen::Report { .. } => report_key(app, key, now),
        Screen::History { .. } => history_key(app, key),
    }
}

fn tick(app: &mut App, now: u64) -> Action {
    if !matches!(app.screen, Screen::Conversation) {
        return Action::Nothing;
    }
    let Some(play) = &mut app.play else { return Action::Nothing };
    let speaking = play.conv.session.is_speaking(now);
    // The frame after the peer stops matters too: it shows it is the trainee's turn.
    let changed = speaking || play.was_speaking;
    play.was_speaking = speaking;
    if changed { Action::Redraw } else { Action::Nothing }
}

/// Leaves the program; a session cut short is recorded as unfinished.
fn quit(app: &mut App) -> Action {
    if app.mid_scenario() {
        end_session(app);
    }
    Action::Quit
}

fn end_session(app: &mut App) {
    if let Some(play) = &mut app.play
        && !play.ended
    {
        play.ended = true;
        app.effects.push(Effect::Ended);
    }
}

fn overlay_key(app: &mut App, overlay: Overlay, key: Key) -> Action {
    let yes = matches!(key, Key::Char('y' | 'Y') | Key::Enter);
    let no = matches!(key, Key::Char('n' | 'N') | Key::Esc);
    match overlay {
        Overlay::Help => {
            if matches!(key, Key::Esc | Key::Enter | Key::Char('?' | 'q' | 'Q')) {
                app.overlay = None;
                return Action::Redraw;
            }
            Action::Nothing
        }
        Overlay::ConfirmQuit if yes || key == Key::Char('q') => quit(app),
        Overlay::ConfirmLeave if yes => {
            app.overlay = None;
            end_session(app);
            go_home(app);
            Action::Redraw
        }
        _ if no => {
            app.overlay = None;
            Action::Redraw
        }
        _ => Action::Nothing,
    }
}

fn go_home(app: &mut App) {
    app.screen = Screen::Home;
    app.effects.push(Effect::RefreshScores);
}

fn open_history(app: &mut App) -> Action {
    let back = std::mem::replace(&mut app.screen, Screen::Home);
    app.screen = Screen::History { back: Box::new(back), scroll: 0 };
    app.effects.push(Effect::LoadHistory);
    Action::Redraw
}

fn digit(key: Key) -> Option<usize> {
    match key {
        Key::Char(c @ '1'..='9') => Some(c as usize - '1' as usize),
        _ => None,
    }
}

fn up(key: Key) -> bool {
    matches!(key, Key::Up | Key::Char('k'))
}

fn down(key: Key) -> bool {
    matches!(key, Key::Down | Key::Char('j'))
}

fn home_key(app: &mut App, key: Key, now: u64) -> Action {
    let n = app.home.len();
    let before = app.home_selected;
    match key {
        k if up(k) => app.home_selected = app.home_selected.saturating_sub(1),
        k if down(k) => app.home_selected = (app.home_selected + 1).min(n.saturating_sub(1)),
        Key::Home => app.home_selected = 0,
        Key::End => app.home_selected = n.saturating_sub(1),
        Key::Enter => return open_selected(app, now),
        Key::Char('p') => return open_history(app),
        Key::Char('q' | 'Q') => return Action::Quit,
        k => {
            if let Some(i) = digit(k).filter(|&i| i < n) {
                app.home_selected = i;
                return open_selected(app, now);
            }
        }
    }
    if app.home_selected != before { Action::Redraw } else { Action::Nothing }
}

fn open_selected(app: &mut App, _now: u64) -> Action {
    match app.selected_entry() {
        Some(HomeEntry::Scenario(s)) => {
            let s = s.clone();
            app.open_briefing(s);
            Action::Redraw
        }
        // The detail pane already says what is wrong with the file.
        _ => Action::Redraw,
    }
}

fn briefing_key(app: &mut App, key: Key, now: u64) -> Action {
    let Screen::Briefing { scenario, scroll } = &mut app.screen else { return Action::Nothing };
    match key {
        Key::Enter | Key::Char(' ') => {
            let s = scenario.clone();
            app.start_session(s, now);
        }
        Key::Char('t' | 'T') => app.settings.typed = !app.settings.typed,
        Key::Esc => go_home(app),
        Key::Char('q' | 'Q') => return Action::Quit,
        k => return scroll_key(scroll, k),
    }
    Action::Redraw
}

fn scroll_key(scroll: &mut u16, key: Key) -> Action {
    let before = *scroll;
    match key {
        k if up(k) => *scroll = scroll.saturating_sub(1),
        k if down(k) => *scroll = scroll.saturating_add(1),
        Key::PageUp => *scroll = scroll.saturating_sub(PAGE),
        Key::PageDown | Key::Char(' ') => *scroll = scroll.saturating_add(PAGE),
        Key::Home => *scroll = 0,
        _ => {}
    }
    if *scroll != before { Action::Redraw } else { Action::Nothing }
}

fn conversation_key(app: &mut App, key: Key, now: u64) -> Action {
    let Some(play) = &mut app.play else { return Action::Nothing };
    let over = play.conv.session.phase() == Phase::Ended;
    if over {
        return match key {
            Key::Enter | Key::Esc | Key::Char(' ') => open_report(app, now),
            Key::Char('q' | 'Q') => Action::Quit,
            Key::PageUp => scroll_transcript(play, PAGE as i32),
            Key::PageDown => scroll_transcript(play, -(PAGE as i32)),
            _ => Action::Nothing,
        };
    }
    if play.conv.typed {
        return typed_key(app, key, now);
    }
    let n = play.conv.visible(now).len();
    match key {
        k if up(k) => play.selected = play.selected.saturating_sub(1),
        k if down(k) => play.selected = (play.selected + 1).min(n.saturating_sub(1)),
        Key::Enter => {
            let i = play.selected;
            return choose(app, i, now);
        }
        Key::Char('h' | 'H') => {
            play.notice = match play.conv.session.use_hint() {
                Some(_) => None,
                None => Some("There is no hint for this moment: trust what you have heard.".into()),
            };
        }
        Key::PageUp => return scroll_transcript(play, PAGE as i32),
        Key::PageDown => return scroll_transcript(play, -(PAGE as i32)),
        Key::End => play.scroll = 0,
        Key::Esc => app.overlay = Some(Overlay::ConfirmLeave),
        Key::Char('q' | 'Q') => app.overlay = Some(Overlay::ConfirmQuit),
        k => match digit(k).filter(|&i| i < n) {
            Some(i) => return choose(app, i, now),
            None => return Action::Nothing,
        },
    }
    Action::Redraw
}

/// Type mode at a decision (docs/typed-answers.md): keys go to the answer; Esc turns the
/// command keys back on (h, ?, q, Esc), and Enter, Tab or any other letter returns to writing;
/// Alt with h, q or ? works while writing.
fn typed_key(app: &mut App, key: Key, now: u64) -> Action {
    let Some(play) = &mut app.play else { return Action::Nothing };
    let command = match key {
        Key::Alt(c) => Some(c.to_ascii_lowercase()),
        Key::Char(c) if !play.writing && matches!(c, 'h' | 'H' | 'q' | 'Q') => Some(c.to_ascii_lowercase()),
        _ => None,
    };
    match (command, key) {
        (Some('h'), _) => {
            play.notice = match play.conv.session.use_hint() {
                Some(_) => None,
                None => Some("There is no hint for this moment: trust what you have heard.".into()),
            };
        }
        (Some('q'), _) => app.overlay = Some(Overlay::ConfirmQuit),
        (Some('?'), _) => app.overlay = Some(Overlay::Help),
        (Some(_), _) => return Action::Nothing,
        (None, Key::PageUp) => return scroll_transcript(play, PAGE as i32),
        (None, Key::PageDown) => return scroll_transcript(play, -(PAGE as i32)),
        (None, Key::End) => play.scroll = 0,
        (None, Key::Esc) if play.writing => {
            play.writing = false;
            play.notice =
                Some("Keys are on: h hint, ? help, q quit, Esc leave. Enter, Tab or a letter: back to writing.".into());
        }
        (None, Key::Esc) => app.overlay = Some(Overlay::ConfirmLeave),
        (None, Key::Enter | Key::Tab) if !play.writing => {
            play.writing = true;
            play.notice = None;
        }
        (None, Key::Enter) => return submit(app, now),
        (None, Key::Backspace) => {
            play.writing = true;
            play.input.pop();
        }
        (None, Key::Char(c)) => {
            play.writing = true;
            play.notice = None;
            // A paste longer than an answer is cut when sent, with a message; keep no more.
            if play.input.chars().count() <= hearken_engine::typed::MAX_ANSWER_CHARS * 2 {
                play.input.push(c);
            }
        }
        _ => return Action::Nothing,
    }
    Action::Redraw
}

/// Sends the answer written so far: heard, matched, then the screen that shows what was heard
/// and the closest option. An empty answer is refused and nothing is recorded.
fn submit(app: &mut App, now: u64) -> Action {
    let Some(play) = &mut app.play else { return Action::Nothing };
    let trust_before = play.conv.session.trust();
    let input = std::mem::take(&mut play.input);
    if let Err(e) = play.conv.submit(&input, now) {
        play.input = input;
        play.notice = Some(match e {
            hearken_engine::session::TypedError::Empty => "Write something first: your answer is empty.".into(),
            other => other.to_string(),
        });
        return Action::Redraw;
    }
    play.scroll = 0;
    play.notice = None;
    let decision = play.conv.session.report(now).decisions.pop().expect("a decision was just made");
    let selected = play.conv.all_options().iter().position(|(i, _)| *i + 1 == decision.option).unwrap_or(0);
    app.screen = Screen::Heard { decision: Box::new(decision), trust_before, selected };
    Action::Redraw
}

/// After a typed answer: ↑↓ or a number picks a different option as closest; Enter goes on.
fn heard_key(app: &mut App, key: Key, now: u64) -> Action {
    let Some(play) = &mut app.play else { return Action::Nothing };
    let Screen::Heard { selected, trust_before, .. } = &mut app.screen else { return Action::Nothing };
    let n = play.conv.all_options().len();
    match key {
        k if up(k) => *selected = selected.saturating_sub(1),
        k if down(k) => *selected = (*selected + 1).min(n.saturating_sub(1)),
        Key::Enter => {
            let (pick, trust_before) = (*selected, *trust_before);
            if play.conv.correct(pick + 1).is_err() {
                return Action::Nothing;
            }
            app.effects.push(Effect::Decided);
            play.writing = true;
            match app.settings.feedback {
                FeedbackMode::Immediate => {
                    let decision = play.conv.session.report(now).decisions.pop().expect("a decision was just made");
                    app.screen = Screen::Feedback { decision: Box::new(decision), trust_before, scroll: 0 };
                }
                FeedbackMode::End => proceed(app, now),
            }
        }
        Key::Esc => app.overlay = Some(Overlay::ConfirmLeave),
        Key::Char('q' | 'Q') => app.overlay = Some(Overlay::ConfirmQuit),
        k => match digit(k).filter(|&i| i < n) {
            Some(i) => *selected = i,
            None => return Action::Nothing,
        },
    }
    Action::Redraw
}

fn scroll_transcript(play: &mut Play, by: i32) -> Action {
    // The view clamps this to the transcript's height.
    play.scroll = (play.scroll as i32 + by).clamp(0, u16::MAX as i32) as u16;
    Action::Redraw
}

/// Commits the option shown at `shown` (display order). While the peer is still speaking this
/// is an interruption: the session cuts the turn, and the peer's `interrupted` beats come next.
fn choose(app: &mut App, shown: usize, now: u64) -> Action {
    let Some(play) = &mut app.play else { return Action::Nothing };
    let trust_before = play.conv.session.trust();
    if play.conv.choose(shown + 1, now).is_err() {
        return Action::Nothing;
    }
    app.effects.push(Effect::Decided);
    play.selected = 0;
    play.scroll = 0;
    play.notice = None;
    match app.settings.feedback {
        FeedbackMode::Immediate => {
            let decision = play.conv.session.report(now).decisions.pop().expect("a decision was just made");
            app.screen = Screen::Feedback { decision: Box::new(decision), trust_before, scroll: 0 };
        }
        FeedbackMode::End => proceed(app, now),
    }
    Action::Redraw
}

/// The next turn begins.
fn proceed(app: &mut App, now: u64) {
    let Some(play) = &mut app.play else { return };
    play.conv.proceed(now);
    play.was_speaking = true;
    app.screen = Screen::Conversation;
    if play.conv.session.is_over() {
        end_session(app);
    }
}

fn feedback_key(app: &mut App, key: Key, now: u64) -> Action {
    let Screen::Feedback { scroll, .. } = &mut app.screen else { return Action::Nothing };
    match key {
        Key::Enter | Key::Right => proceed(app, now),
        Key::Esc => app.overlay = Some(Overlay::ConfirmLeave),
        Key::Char('q' | 'Q') => app.overlay = Some(Overlay::ConfirmQuit),
        k => return scroll_key(scroll, k),
    }
    Action::Redraw
}

fn open_report(app: &mut App, now: u64) -> Action {
    let Some(play) = &app.play else { return Action::Nothing };
    let report = play.conv.session.report(now);
    // Start the review at the first choice that had a better alternative: the one to replay.
    let selected = report.decisions.iter().position(|d| d.better.is_some()).unwrap_or(0);
    app.screen = Screen::Report { report: Box::new(report), page: ReportPage::Scores, selected, scroll: 0 };
    Action::Redraw
}

fn report_key(app: &mut App, key: Key, now: u64) -> Action {
    let wide = report_is_wide(app.size);
    let Screen::Report { report, page, selected, scroll } = &mut app.screen else { return Action::Nothing };
    let last = report.decisions.len();
    let reviewing = wide || *page == ReportPage::Review;
    match key {
        Key::Tab | Key::Left | Key::Right if !wide => {
            *page = if *page == ReportPage::Scores { ReportPage::Review } else { ReportPage::Scores };
            *scroll = 0;
        }
        Key::Enter if !reviewing => {
            *page = ReportPage::Review;
            *scroll = 0;
        }
        Key::Enter if *selected < last => {
            let k = *selected;
            return replay(app, k, now);
        }
        k if reviewing && up(k) => {
            *selected = selected.saturating_sub(1);
            *scroll = 0;
        }
        k if reviewing && down(k) => {
            *selected = (*selected + 1).min(last);
            *scroll = 0;
        }
        Key::PageUp => *scroll = scroll.saturating_sub(PAGE),
        Key::PageDown => *scroll = scroll.saturating_add(PAGE),
        k if !reviewing && up(k) => *scroll = scroll.saturating_sub(1),
        k if !reviewing && down(k) => *scroll = scroll.saturating_add(1),
        Key::Char('p') => return open_history(app),
        Key::Esc => go_home(app),
        Key::Char('q' | 'Q') => return Action::Quit,
        _ => return Action::Nothing,
    }
    Action::Redraw
}

/// Plays the session again from decision `k`: the choices before it stand, and the trainee
/// answers decision `k` anew, with the peer's turn starting now.
fn replay(app: &mut App, k: usize, now: u64) -> Action {
    let Some(play) = &app.play else { return Action::Nothing };
    let session = play.conv.session.replay_to(k, now);
    let typed = play.conv.typed;
    let mut play = Play::new(session);
    play.conv.typed = typed;
    play.notice = Some(if k == 0 {
        "Starting again from the first decision.".to_string()
    } else {
        format!("Replaying from decision {}: your first {k} choices stand; try another answer here.", k + 1)
    });
    app.play = Some(play);
    app.screen = Screen::Conversation;
    app.effects.push(Effect::Started { replay: true });
    Action::Redraw
}

fn history_key(app: &mut App, key: Key) -> Action {
    let Screen::History { back, scroll } = &mut app.screen else { return Action::Nothing };
    match key {
        Key::Esc | Key::Enter => {
            let back = std::mem::replace(back.as_mut(), Screen::Home);
            app.screen = back;
            if matches!(app.screen, Screen::Home) {
                app.effects.push(Effect::RefreshScores);
            }
            Action::Redraw
        }
        Key::Char('q' | 'Q') => Action::Quit,
        k => scroll_key(scroll, k),
    }
}
