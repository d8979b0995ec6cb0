//! `hearken history` (being built).

use crate::cli::{Context, Failure, Outcome};

pub fn run(_ctx: &Context, _args: &crate::cli::HistoryArgs) -> Outcome {
    Err(Failure::usage("history is not built yet"))
}
