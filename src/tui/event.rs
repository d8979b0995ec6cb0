//! Input: what the loop reads, from the real terminal or from a test's script.

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::io;
use std::time::Duration;

/// The keys the UI knows (README.md), already told apart from their terminal encodings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Enter,
    Esc,
    Tab,
    Backspace,
    /// A character with Alt held: in type mode, a command while letters go to the answer.
    Alt(char),
    /// Ctrl-C: in raw mode it arrives as a key, and it leaves at once.
    Interrupt,
}

/// What `update` reacts to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    Key(Key),
    /// Time passed: the moment the loop asked to be woken at has come.
    Tick,
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
}

impl Key {
    pub fn from_crossterm(k: KeyEvent) -> Option<Key> {
        if k.kind == KeyEventKind::Release {
            return None;
        }
        if k.modifiers.contains(KeyModifiers::CONTROL) {
            return matches!(k.code, KeyCode::Char('c' | 'C')).then_some(Key::Interrupt);
        }
        if k.modifiers.contains(KeyModifiers::ALT)
            && let KeyCode::Char(c) = k.code
        {
            return Some(Key::Alt(c));
        }
        Some(match k.code {
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Esc,
            KeyCode::Tab | KeyCode::BackTab => Key::Tab,
            _ => return None,
        })
    }
}

/// Where the loop gets its input.
pub trait EventSource {
    /// The next message, waiting at most `timeout` (`None`: as long as it takes). `Ok(None)`
    /// means the time ran out with nothing to report.
    fn next(&mut self, timeout: Option<Duration>) -> io::Result<Option<Msg>>;
}

/// The real terminal.
pub struct CrosstermEvents;

impl EventSource for CrosstermEvents {
    fn next(&mut self, timeout: Option<Duration>) -> io::Result<Option<Msg>> {
        if let Some(t) = timeout
            && !event::poll(t)?
        {
            return Ok(None);
        }
        // Anything we do not use (a key release, focus, paste) counts as a tick: `update`
        // redraws on a tick only when something visible moved.
        Ok(match event::read()? {
            Event::Key(k) => Key::from_crossterm(k).map(Msg::Key),
            Event::Resize(w, h) => Some(Msg::Resize(w, h)),
            _ => None,
        })
    }
}

/// A test's input: each message after a delay, on a fake clock that moves only as the loop
/// waits. A loop that would block with no input left gets an error, so a script that forgets to
/// quit fails instead of hanging.
#[cfg(any(test, feature = "testing"))]
pub struct ScriptedEvents<'c>(crate::clock::Script<'c, Msg>);

#[cfg(any(test, feature = "testing"))]
impl<'c> ScriptedEvents<'c> {
    pub fn new(clock: &'c crate::clock::FakeClock, script: impl IntoIterator<Item = (u64, Msg)>) -> ScriptedEvents<'c> {
        ScriptedEvents(crate::clock::Script::new(clock, script))
    }

    /// Keys pressed one after another with `gap` milliseconds between them.
    pub fn keys(
        clock: &'c crate::clock::FakeClock,
        gap: u64,
        keys: impl IntoIterator<Item = Key>,
    ) -> ScriptedEvents<'c> {
        ScriptedEvents::new(clock, keys.into_iter().map(|k| (gap, Msg::Key(k))))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(any(test, feature = "testing"))]
impl EventSource for ScriptedEvents<'_> {
    fn next(&mut self, timeout: Option<Duration>) -> io::Result<Option<Msg>> {
        use crate::clock::Scripted;
        match self.0.next(timeout) {
            Scripted::Item(msg) => Ok(Some(msg)),
            Scripted::Timeout => Ok(None),
            Scripted::Ended => {
                Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the script ended and the UI is waiting"))
            }
        }
    }
}
