//! Scenario format revision 2 and scoring model 2 (docs/scenario-format.md): the new keys, the new skill
//! codes, decision quality, marks, critical moments and the result.

mod checks;
mod loader;
