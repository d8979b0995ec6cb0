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
