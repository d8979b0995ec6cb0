//! `hearken schema`: a JSON Schema of the scenario format for taplo / Even Better TOML.
//! The schema is a hand-written file; a test checks that it names exactly the keys the loader
//! accepts and every skill code.

use crate::failure::Outcome;

pub const SCHEMA: &str = include_str!("scenario.schema.json");

pub fn run() -> Outcome {
    print!("{SCHEMA}");
    Ok(())
}
