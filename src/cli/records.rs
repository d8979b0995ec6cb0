//! `hearken sync [--status]` and `hearken export --xapi [FILE|-]` (docs/learning-records.md).

use crate::delivery::{self, Options};
use crate::failure::{Failure, Outcome};
use crate::learning_record::config::{self, LrsConfig};
use crate::learning_record::{display_endpoint, now_unix};
use crate::settings::Settings as Context;
use crate::store::outbox;
use std::fmt::Write as _;

/// Set-aside statements listed by `sync --status`.
const LISTED: usize = 20;

fn load(ctx: &Context) -> Result<LrsConfig, Failure> {
    config::load(ctx.data_dir.as_deref()).map_err(|e| Failure::usage(e.to_string()))
}

pub fn sync(ctx: &Context, status: bool) -> Outcome {
    let cfg = load(ctx)?;
    if status {
        return print(&status_text(ctx, &cfg)?);
    }
    let Some(endpoint) = cfg.endpoint.clone() else {
        return Err(Failure::usage(no_endpoint(ctx)));
    };
    let shown = display_endpoint(&endpoint.url);
    let Some(mut conn) = crate::store::open_outbox(ctx.data_dir.as_deref()).map_err(Failure::usage)? else {
        return print(&format!("Nothing to send to {shown}: no sessions are saved yet.\n"));
    };
    let state = outbox::delivery_state(&conn).map_err(|e| Failure::usage(e.to_string()))?;
    let now = now_unix();
    if state.wait_until > now {
        return Err(Failure::invalid(format!(
            "the LRS at {shown} asked Hearken to wait until {} (Retry-After); nothing was sent. Try again then",
            crate::store::time::iso(state.wait_until)
        )));
    }
    let before = outbox::counts(&conn).map_err(|e| Failure::usage(e.to_string()))?;
    if before.pending == 0 {
        return print(&format!("Nothing to send to {shown}: every queued statement has been sent.\n"));
    }
    let out = delivery::deliver(&mut conn, &endpoint, cfg.version, &Options::sync());
    let mut text = format!("Sent {} of {} statements to {shown}.\n", out.sent, before.pending);
    for (id, state, why) in &out.set_aside {
        let what = if state == "conflict" { "conflicting" } else { "rejected" };
        let _ = writeln!(text, "Set aside as {what}: statement {id}: {why}");
    }
    if out.pending > 0 {
        let _ = writeln!(text, "{} statements are still queued.", out.pending);
    }
    print(&text)?;
    match &out.stop {
        Some(stop) => Err(Failure::invalid(stop.message(&shown))),
        None if !out.set_aside.is_empty() => Err(Failure::invalid(format!(
            "{} statements were set aside; `hearken sync --status` lists them",
            out.set_aside.len()
        ))),
        None => Ok(()),
    }
}

fn no_endpoint(ctx: &Context) -> String {
    let path = ctx.data_dir.as_ref().map(|d| d.join(config::FILE_NAME).display().to_string());
    format!(
        "no Learning Record Store is configured: set `endpoint`, `learner` and `homepage` under [lrs] in {} (or HEARKEN_LRS_ENDPOINT); see docs/learning-records.md",
        path.as_deref().unwrap_or("config.toml in your data folder")
    )
}

fn status_text(ctx: &Context, cfg: &LrsConfig) -> Result<String, Failure> {
    let mut text = String::new();
    match (&cfg.endpoint, &cfg.learner) {
        (Some(e), Some(l)) => {
            let user = e.username.as_deref().map(|u| format!(", signing in as {u}")).unwrap_or_default();
            let _ = writeln!(
                text,
                "Learning records go to {} (xAPI {}{user}), about {} at {}.",
                display_endpoint(&e.url),
                cfg.version.header(),
                l.name,
                display_endpoint(&l.homepage)
            );
        }
        _ => {
            let _ = writeln!(text, "No Learning Record Store is configured: sessions are not queued.");
        }
    }
    let conn = crate::store::open_outbox(ctx.data_dir.as_deref()).map_err(Failure::usage)?;
    let Some(conn) = conn else {
        let _ = writeln!(text, "No sessions are saved yet.");
        return Ok(text);
    };
    let err = |e: rusqlite::Error| Failure::usage(e.to_string());
    let c = outbox::counts(&conn).map_err(err)?;
    let _ = writeln!(text, "Pending:   {}", c.pending);
    let _ = writeln!(text, "Sent:      {}", c.sent);
    let _ =
        writeln!(text, "Set aside: {} ({} conflicting, {} rejected)", c.conflict + c.rejected, c.conflict, c.rejected);
    let state = outbox::delivery_state(&conn).map_err(err)?;
    if let Some(p) = &state.problem {
        let _ = writeln!(text, "Last attempt failed: {p}.");
        if state.not_before > now_unix() {
            let _ = writeln!(
                text,
                "Automatic sending tries again after {}; `hearken sync` tries now.",
                crate::store::time::iso(state.not_before)
            );
        }
    }
    for s in outbox::set_aside_list(&conn, LISTED).map_err(err)? {
        let _ = writeln!(
            text,
            "  {} {} ({}): {}",
            s.state,
            s.id,
            s.event,
            hearken_engine::text::terminal_safe(s.problem.as_deref().unwrap_or("no reason given"))
        );
    }
    Ok(text)
}

pub fn export(ctx: &Context, target: &str) -> Outcome {
    let cfg = load(ctx)?;
    let statements = match crate::store::open_outbox(ctx.data_dir.as_deref()).map_err(Failure::usage)? {
        None => Vec::new(),
        Some(conn) => {
            let library = crate::library::for_practice(ctx, &hearken_engine::rubric::RubricTable::builtin());
            crate::delivery::export::statements(&conn, cfg.profile().as_ref(), &library).map_err(Failure::usage)?
        }
    };
    let mut text = String::from("[");
    for (i, s) in statements.iter().enumerate() {
        text.push_str(if i == 0 { "\n" } else { ",\n" });
        text.push_str(s);
    }
    text.push_str(if statements.is_empty() { "]\n" } else { "\n]\n" });
    if target == "-" {
        return print(&text);
    }
    std::fs::write(target, text)
        .map_err(|e| Failure::usage(format!("cannot write {target}: {}", crate::io_error::plain(&e))))?;
    eprintln!("hearken: wrote {} statements to {target}", statements.len());
    Ok(())
}

fn print(text: &str) -> Outcome {
    crate::failure::write_stdout(text)
}
