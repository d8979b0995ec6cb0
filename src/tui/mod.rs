//! The terminal UI (being built).

use crate::cli::{Context, Failure, Outcome, PlayArgs};

pub fn run_home(ctx: &Context, _args: &PlayArgs) -> Outcome {
    let lib = ctx.library(&crate::rubric::RubricTable::builtin());
    println!("Hearken scenarios:");
    for s in lib.scenarios() {
        println!("  {:<24} {:<13} {}", s.id, s.difficulty.name(), s.title);
    }
    println!("\nPlay one with: hearken play ID --plain");
    Ok(())
}

pub fn run_play(ctx: &Context, args: &PlayArgs) -> Outcome {
    let _ = ctx;
    let _ = args;
    Err(Failure::usage("the full-screen player is not built yet: add --plain"))
}
