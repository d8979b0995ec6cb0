//! Scenario format revision 2 and scoring model 2 (SPEC §2, §3): the new keys, the new skill
//! codes, decision quality, marks, critical moments and the result.

mod checks;
mod loader;
