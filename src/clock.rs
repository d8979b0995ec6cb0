//! Time for the front ends. The engine only ever sees milliseconds passed in; front ends read
//! them from a clock, and tests use a fake one that moves only when told.

use std::time::Instant;

pub trait Clock {
    /// Milliseconds since the clock started.
    fn now(&self) -> u64;
}

pub struct SystemClock(Instant);

impl SystemClock {
    pub fn new() -> SystemClock {
        SystemClock(Instant::now())
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> u64 {
        self.0.elapsed().as_millis() as u64
    }
}

/// A clock for tests: it stands still until `advance` or `set` moves it.
#[cfg(any(test, feature = "testing"))]
#[derive(Default)]
pub struct FakeClock(std::cell::Cell<u64>);

#[cfg(any(test, feature = "testing"))]
impl FakeClock {
    pub fn new(start: u64) -> FakeClock {
        FakeClock(std::cell::Cell::new(start))
    }

    pub fn advance(&self, ms: u64) {
        self.0.set(self.0.get() + ms);
    }

    pub fn set(&self, ms: u64) {
        self.0.set(ms);
    }
}

#[cfg(any(test, feature = "testing"))]
impl Clock for FakeClock {
    fn now(&self) -> u64 {
        self.0.get()
    }
}

/// What a test's scripted input gives when asked, on a `FakeClock` that moves only as the
/// front end waits: the next item once its delay has passed, or the time running out.
#[cfg(any(test, feature = "testing"))]
pub enum Scripted<T> {
    Item(T),
    /// The wait ended with nothing due (the clock moved on by the whole wait).
    Timeout,
    /// Nothing is left and the caller would wait for ever.
    Ended,
}

/// Items, each after a delay from the previous one, shared by the TUI's and `--plain`'s test
/// inputs so both wait exactly alike.
#[cfg(any(test, feature = "testing"))]
pub struct Script<'c, T> {
    clock: &'c FakeClock,
    /// (delay after the previous item, item)
    items: std::collections::VecDeque<(u64, T)>,
    /// When the next item is due, once its delay has started counting.
    due: Option<u64>,
}

#[cfg(any(test, feature = "testing"))]
impl<'c, T> Script<'c, T> {
    pub fn new(clock: &'c FakeClock, items: impl IntoIterator<Item = (u64, T)>) -> Script<'c, T> {
        Script { clock, items: items.into_iter().collect(), due: None }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The next item, waiting at most `timeout` of the fake clock (`None`: as long as it takes).
    pub fn next(&mut self, timeout: Option<std::time::Duration>) -> Scripted<T> {
        let now = self.clock.now();
        let Some(&(delay, _)) = self.items.front() else {
            return match timeout {
                Some(t) => {
                    self.clock.advance(t.as_millis() as u64);
                    Scripted::Timeout
                }
                None => Scripted::Ended,
            };
        };
        let due = *self.due.get_or_insert(now + delay);
        match timeout {
            Some(t) if now + (t.as_millis() as u64) < due => {
                self.clock.advance(t.as_millis() as u64);
                Scripted::Timeout
            }
            _ => {
                self.clock.set(due.max(now));
                self.due = None;
                Scripted::Item(self.items.pop_front().expect("checked above").1)
            }
        }
    }
}
