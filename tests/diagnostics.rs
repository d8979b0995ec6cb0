//! Every diagnostic proven (issue 2): each code's documented example raises exactly that code
//! and its fix raises nothing; fixtures are located to the line and column; the JSON and GitHub
//! outputs and the exit codes are those of the SPEC; `hearken new`, `schema` and `graph` do what
//! they promise; and no input, however broken, makes the loader or validator panic.

#[path = "diagnostics/cli.rs"]
mod cli;
#[path = "diagnostics/docs.rs"]
mod docs;
#[path = "diagnostics/fixtures.rs"]
mod fixtures;
#[path = "diagnostics/fuzz.rs"]
mod fuzz;
#[path = "diagnostics/guide.rs"]
mod guide;
#[path = "diagnostics/support.rs"]
mod support;
