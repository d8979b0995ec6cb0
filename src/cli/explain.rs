//! `hearken explain CODE`: the long form of a diagnostic; with no code, the list of codes.

use crate::failure::{Failure, Outcome};
use hearken_engine::diagnostic::{Code, Severity};

pub fn run(code: Option<&str>) -> Outcome {
    let Some(code) = code else {
        print!("{}", list());
        return Ok(());
    };
    let parsed: Result<Code, ()> = code.parse();
    match parsed {
        Ok(c) => {
            print!("{}", c.explanation());
            Ok(())
        }
        Err(()) => {
            let all: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
            let hint = hearken_engine::text::did_you_mean(code, all.iter().copied())
                .map(|s| format!(" Did you mean {s}?"))
                .unwrap_or_default();
            Err(Failure::usage(format!(
                "there is no diagnostic code `{}`.{hint} `hearken explain` with no code lists them all.",
                hearken_engine::text::terminal_safe(code)
            )))
        }
    }
}

/// Every code, its severity and what it is about, one a line.
pub fn list() -> String {
    let mut out = String::from("Diagnostic codes (`hearken explain CODE` for one in full):\n\n");
    for c in Code::ALL {
        let severity = match c.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!("  {c}  {severity:<7}  {}\n", c.title()));
    }
    out
}
