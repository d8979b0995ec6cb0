//! `hearken test`: runs every `[[tests]]` block and says, for each failure, the path taken and
//! what differed. The last line is `N passed, N failed` (docs/command-line.md).

use super::args::{DiagnosticFormat, TestArgs};
use crate::failure::{EXIT_INVALID, EXIT_USAGE, Failure, Outcome};
use crate::library::rubric_table;
use crate::settings::Settings;
use hearken_engine::diagnostic::{Code, Diagnostic, FileDiagnostics, render};
use hearken_engine::rubric::RubricTable;
use hearken_engine::scenario::{Scenario, ScenarioTest};
use hearken_engine::session::{Session, script};
use std::io::Write;
use std::sync::Arc;

/// Why a test failed.
#[derive(Debug, PartialEq, Eq)]
pub struct TestFailure {
    pub code: Code,
    pub message: String,
    pub path: String,
    /// Where the failure points: the choice that did not fit, or the ending expected; else the
    /// test's `[[tests]]` header.
    pub at: Option<hearken_engine::source::Span>,
}

/// Runs one test. `Ok` carries the overall score reached; `Err`, every expectation not met.
pub fn run_test(
    scenario: &Arc<Scenario>,
    table: &Arc<RubricTable>,
    test: &ScenarioTest,
) -> Result<Option<u8>, Vec<TestFailure>> {
    let options = script::scripted_options(0, true);
    let session = match script::play(scenario.clone(), table.clone(), options, &test.choices) {
        Ok(s) => s,
        Err(misfit) => {
            let (e, s) = *misfit;
            let decision = match &e {
                script::ScriptError::NoSuchOption { decision, .. }
                | script::ScriptError::NotAChoice { decision, .. }
                | script::ScriptError::TooManyChoices { decision, .. }
                | script::ScriptError::CannotInterrupt { decision, .. }
                | script::ScriptError::CannotCutIn { decision, .. }
                | script::ScriptError::EmptyAnswer { decision, .. } => *decision,
            };
            let at = test.choices.get(decision - 1).map(|c| c.span.clone());
            return Err(vec![TestFailure { code: Code::H053, message: e.to_string(), path: path_taken(&s), at }]);
        }
    };
    let path = path_taken(&session);
    if !session.is_over() {
        return Err(vec![TestFailure {
            code: Code::H054,
            message: format!(
                "the choices ran out after {} decision{}, at node `{}`, before an ending",
                test.choices.len(),
                if test.choices.len() == 1 { "" } else { "s" },
                session.node().id
            ),
            path,
            at: None,
        }]);
    }
    // Every expectation is checked: a wrong ending does not hide a score out of its range.
    let mut failures = Vec::new();
    if let Some(expected) = test.ending
        && expected != node_id(&session)
    {
        let (kind, _) = session.ending().expect("over");
        failures.push(TestFailure {
            code: Code::H055,
            message: format!(
                "expected the ending `{}`, but reached `{}` ({})",
                scenario.node(expected).id,
                session.node().id,
                kind.name()
            ),
            path: path.clone(),
            at: test.ending_span.clone(),
        });
    }
    let report = session.report(script::end_time(&session));
    let overall = report.scores.overall;
    let (lo, hi) = (test.min_score.unwrap_or(0), test.max_score.unwrap_or(100));
    if test.min_score.is_some() || test.max_score.is_some() {
        match overall {
            Some(score) if (lo..=hi).contains(&score) => {}
            Some(score) => failures.push(TestFailure {
                code: Code::H056,
                message: format!("the overall score was {score}, outside the expected {lo} to {hi}"),
                path: path.clone(),
                at: None,
            }),
            None => failures.push(TestFailure {
                code: Code::H056,
                message: format!("no rubric was assessed, so there is no overall score to check against {lo} to {hi}"),
                path: path.clone(),
                at: None,
            }),
        }
    }
    if let Some(expected) = test.met
        && expected != report.result.met
    {
        let message = if expected {
            format!("expected the result \"met\", but it was \"not yet\": {}", report.result.reasons.join("; "))
        } else {
            "expected the result \"not yet\", but it was \"met\"".to_string()
        };
        failures.push(TestFailure { code: Code::H057, message, path: path.clone(), at: test.met_span.clone() });
    }
    if failures.is_empty() { Ok(overall) } else { Err(failures) }
}

fn node_id(s: &Session) -> hearken_engine::scenario::NodeId {
    let id = &s.node().id;
    s.scenario().find(id).expect("the current node exists")
}

/// "opening -1-> what-happened -!3-> defensive"
pub fn path_taken(s: &Session) -> String {
    let scenario = s.scenario();
    let mut out = String::new();
    for d in s.decisions() {
        out.push_str(&scenario.node(d.node).id);
        out.push_str(&format!(" -{}{}-> ", if d.interrupted { "!" } else { "" }, d.chosen + 1));
    }
    out.push_str(&s.node().id);
    out
}

pub fn run(ctx: &Settings, args: &TestArgs) -> Outcome {
    let table = rubric_table(args.rubric.as_deref())?;
    let lib = crate::library::for_checking(ctx, &args.paths, &table);
    let human = matches!(args.format, DiagnosticFormat::Human);
    let mut out = std::io::stdout().lock();
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut io_error = false;
    // Failed tests as located diagnostics, one report per file, for JSON and GitHub output.
    let mut reports: Vec<FileDiagnostics> = Vec::new();
    for entry in &lib.entries {
        let name = &entry.report.name;
        let Some(scenario) = &entry.scenario else {
            io_error |= entry.io_error;
            failed += 1;
            let first = entry.first_error().map(|d| format!("[{}] {}", d.code, d.message)).unwrap_or_default();
            if human {
                let _ = writeln!(out, "FAIL  {name}: the file has errors, so its tests cannot run: {first}");
                let _ = writeln!(out, "      run `hearken validate {name}` for every problem");
            }
            let d = Diagnostic::new(Code::H058, None, format!("the file has errors, so its tests cannot run: {first}"))
                .help(format!("run `hearken validate {name}` for every problem"));
            reports.push(FileDiagnostics {
                source: entry.report.source.clone(),
                name: name.clone(),
                diagnostics: vec![d],
            });
            continue;
        };
        let mut report =
            FileDiagnostics { source: Some(scenario.source.clone()), name: name.clone(), diagnostics: Vec::new() };
        for test in &scenario.tests {
            match run_test(scenario, &table, test) {
                Ok(score) => {
                    passed += 1;
                    let score = score.map(|s| format!(" (score {s})")).unwrap_or_default();
                    if human {
                        let _ = writeln!(out, "ok    {}: {}{score}", scenario.id, test.name);
                    }
                }
                Err(failures) => {
                    failed += 1;
                    if human {
                        let _ = writeln!(out, "FAIL  {}: {}", scenario.id, test.name);
                    }
                    for f in failures {
                        let at = f.at.clone().unwrap_or(test.span.clone());
                        if human {
                            let loc = scenario.source.location(at.start);
                            let _ = writeln!(out, "      error[{}]: {}", f.code, f.message);
                            let _ = writeln!(out, "      --> {name}:{}:{}", loc.line, loc.column);
                            let _ = writeln!(out, "      path taken: {}", f.path);
                        }
                        report.diagnostics.push(
                            Diagnostic::new(f.code, at, format!("test \"{}\": {}", test.name, f.message))
                                .help(format!("path taken: {}", f.path)),
                        );
                    }
                }
            }
        }
        reports.push(report);
    }
    let written = match args.format {
        DiagnosticFormat::Human => writeln!(out, "{passed} passed, {failed} failed"),
        DiagnosticFormat::Json => render::json(&mut out, &reports),
        DiagnosticFormat::Github => render::github(&mut out, &reports),
    };
    crate::failure::ignore_broken_pipe(written)?;
    if io_error {
        Err(Failure::silent(EXIT_USAGE))
    } else if failed > 0 {
        // JSON and GitHub output stay one format on stdout: the tally goes to stderr.
        if human {
            Err(Failure::silent(EXIT_INVALID))
        } else {
            Err(Failure::invalid(format!("{passed} passed, {failed} failed")))
        }
    } else {
        Ok(())
    }
}
