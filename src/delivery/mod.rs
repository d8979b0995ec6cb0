//! Sending learning records to the organisation's Learning Record Store: the only code in
//! Hearken that touches the network (docs/learning-records.md). It reads the outbox that
//! `store` keeps and changes only the states of its rows; nothing is ever deleted unsent.

pub mod export;
pub mod send;

pub use send::{Options, Outcome, Stop, deliver, due};

use crate::learning_record::config;
use crate::store::outbox;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

/// A send running on its own thread, so no one waits for the LRS.
pub struct Background {
    rx: mpsc::Receiver<send::Outcome>,
}

impl Background {
    /// Waits at most `limit` for the send to end: `None` if it has not (it goes on, and is cut
    /// off when the process ends; what was not marked sent goes next time).
    pub fn join_for(&self, limit: Duration) -> Option<send::Outcome> {
        self.rx.recv_timeout(limit).ok()
    }
}

/// Starts sending what is pending, in the background, if an LRS is configured and automatic
/// sending is not backing off. Returns at once.
pub fn send_in_background(data_dir: Option<PathBuf>, opts: send::Options) -> Option<Background> {
    let config = config::load(data_dir.as_deref()).ok()?;
    let endpoint = config.endpoint.clone()?;
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("hearken-lrs".into())
        .spawn(move || {
            let Ok(Some(mut conn)) = crate::store::open_outbox(data_dir.as_deref()) else { return };
            if !send::due(&conn) {
                return;
            }
            if outbox::counts(&conn).map(|c| c.pending).unwrap_or(0) == 0 {
                return;
            }
            let out = send::deliver(&mut conn, &endpoint, config.version, &opts);
            let _ = tx.send(out);
        })
        .ok()?;
    Some(Background { rx })
}
