//! `hearken classify`: what Hearken hears in a typed answer, for instructors and tools
//! (docs/typed-answers.md). One answer from the command line, in words or as JSON; or a batch
//! of JSON lines on standard input, one JSON result a line.

use super::args::{ClassifyArgs, ClassifyFormat};
use crate::failure::{EXIT_INVALID, Failure, Outcome, ignore_broken_pipe, write_stdout};
use hearken_engine::text::terminal_safe;
use hearken_engine::typed::{self, Heard};
use std::io::{BufRead, IsTerminal, Write};

pub fn run(args: &ClassifyArgs) -> Outcome {
    if args.jsonl {
        return run_jsonl(std::io::stdin().lock(), &mut std::io::stdout().lock());
    }
    let raw = match &args.text {
        Some(t) => t.clone(),
        None if std::io::stdin().is_terminal() => {
            return Err(Failure::usage(
                "give the answer to classify: hearken classify \"you sound exhausted\" (or --jsonl to read a batch on standard input)",
            ));
        }
        None => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
                .map_err(|e| Failure::usage(format!("cannot read standard input: {}", crate::io_error::plain(&e))))?;
            String::from_utf8(bytes).map_err(|_| {
                Failure::invalid("standard input is not UTF-8 text; save the answer as UTF-8 and try again")
            })?
        }
    };
    let context: Vec<String> = args.context.iter().filter_map(|c| typed::clean(c).ok().map(|c| c.text)).collect();
    let (text, heard) = hear(&raw, &context);
    if let Some(message) = text.cut_message() {
        eprintln!("hearken: {message}");
    }
    match args.format {
        ClassifyFormat::Json => write_stdout(&format!("{}\n", heard.to_json_string(&text.text))),
        ClassifyFormat::Human => write_stdout(&human(&heard)),
    }
}

/// Cleans and hears one answer; an empty answer is heard as nothing, with the reason.
fn hear(raw: &str, context: &[String]) -> (typed::Cleaned, Heard) {
    let lines: Vec<&str> = context.iter().map(String::as_str).collect();
    let text = typed::clean(raw).unwrap_or(typed::Cleaned { text: String::new(), cut_from: None });
    let heard = typed::hear(&text.text, &lines);
    (text, heard)
}

/// The human form: what was heard, each skill with the cue it rests on, and the two fields.
fn human(heard: &Heard) -> String {
    let mut out = format!("Heard: {}\n", heard.summary());
    if heard.skills.is_empty() {
        for cue in &heard.cues {
            out.push_str(&format!("  {}\n", terminal_safe(cue)));
        }
    } else {
        for (skill, cue) in heard.skills.iter().zip(&heard.cues) {
            out.push_str(&format!("  {} ({}): {}\n", typed::skill_words(*skill), skill, terminal_safe(cue)));
        }
    }
    out.push_str(&format!("Reflection: {}. Question: {}.\n", heard.reflection.as_str(), heard.question.as_str()));
    out
}

/// One line of `--jsonl` input.
struct Request {
    context: Vec<String>,
    text: String,
}

fn parse_line(line: &[u8]) -> Result<Request, String> {
    let text = std::str::from_utf8(line).map_err(|_| "is not valid UTF-8 text".to_string())?;
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("is not valid JSON ({e}); write one object a line, like {{\"context\": \"I'm so tired\", \"text\": \"you sound exhausted\"}}"))?;
    let obj = value.as_object().ok_or("is not a JSON object; write {\"context\": \"…\", \"text\": \"…\"}")?;
    let text = match obj.get("text") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(_) => return Err("has a `text` that is not a string".into()),
        None => return Err("has no `text`: the answer to classify".into()),
    };
    let context = match obj.get("context") {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .ok_or("has a `context` list holding something other than strings")?,
        Some(_) => return Err("has a `context` that is neither a string nor a list of strings".into()),
    };
    if let Some(other) = obj.keys().find(|k| *k != "text" && *k != "context") {
        return Err(format!("has an unknown key `{}`; the keys are `context` and `text`", terminal_safe(other)));
    }
    Ok(Request { context, text })
}

/// `--jsonl`: one result a line, in input order; blank lines are skipped. The first line that is
/// not UTF-8 or not a request stops the batch with an error naming it (exit 1).
pub fn run_jsonl(input: impl BufRead, out: &mut impl Write) -> Outcome {
    for (i, line) in input.split(b'\n').enumerate() {
        let line =
            line.map_err(|e| Failure::usage(format!("cannot read standard input: {}", crate::io_error::plain(&e))))?;
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let request = parse_line(line).map_err(|why| Failure {
            code: EXIT_INVALID,
            message: format!("line {} of standard input {why}", i + 1),
        })?;
        let context: Vec<String> =
            request.context.iter().filter_map(|c| typed::clean(c).ok().map(|c| c.text)).collect();
        let (text, heard) = hear(&request.text, &context);
        if let Some(message) = text.cut_message() {
            eprintln!("hearken: line {} of standard input: {message}", i + 1);
        }
        ignore_broken_pipe(writeln!(out, "{}", heard.to_json_string(&text.text)))?;
    }
    ignore_broken_pipe(out.flush())
}
