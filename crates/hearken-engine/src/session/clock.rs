//! Time for front ends. The engine only ever sees milliseconds passed in; front ends read them
//! from a clock, and tests use a fake one that moves only when told.

use std::cell::Cell;
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
#[derive(Default)]
pub struct FakeClock(Cell<u64>);

impl FakeClock {
    pub fn new(start: u64) -> FakeClock {
        FakeClock(Cell::new(start))
    }

    pub fn advance(&self, ms: u64) {
        self.0.set(self.0.get() + ms);
    }

    pub fn set(&self, ms: u64) {
        self.0.set(ms);
    }
}

impl Clock for FakeClock {
    fn now(&self) -> u64 {
        self.0.get()
    }
}
