//! `hearken explain CODE`: the long form of a diagnostic.

use crate::failure::{Failure, Outcome};
use hearken_engine::diagnostic::Code;

pub fn run(code: &str) -> Outcome {
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
                "there is no diagnostic code `{code}`.{hint} The codes run from {} to {}.",
                all[0],
                all[all.len() - 1]
            )))
        }
    }
}
