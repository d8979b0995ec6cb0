//! `hearken new ID`: a commented starter scenario that validates and passes its own tests.

use crate::failure::{Failure, Outcome};
use std::io::Write;
use std::path::Path;

pub const STARTER: &str = include_str!("starter.toml");

/// The starter text for a scenario id.
pub fn starter(id: &str) -> String {
    let title: String = id
        .split('-')
        .enumerate()
        .map(|(i, w)| {
            let mut c = w.chars();
            match (i, c.next()) {
                (0, Some(f)) => f.to_uppercase().chain(c).collect(),
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    STARTER.replace("{id}", id).replace("{title}", &title)
}

pub fn run(id: &str, dir: &Path) -> Outcome {
    if !hearken_engine::text::is_kebab_case(id) {
        let fixed = hearken_engine::text::to_kebab_case(id);
        return Err(Failure::usage(format!(
            "`{id}` is not a kebab-case id: use lowercase letters, digits and single hyphens, such as `{}`",
            if fixed.is_empty() { "talking-about-work" } else { &fixed }
        )));
    }
    let path = dir.join(format!("{id}.toml"));
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::usage(format!("cannot create {}: {}", dir.display(), crate::io_error::plain(&e))))?;
    // create_new: never overwrite an instructor's work.
    let mut file =
        std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                Failure::usage(format!("{} already exists; choose another id or --dir", path.display()))
            }
            _ => Failure::usage(format!("cannot write {}: {}", path.display(), crate::io_error::plain(&e))),
        })?;
    file.write_all(starter(id).as_bytes())
        .map_err(|e| Failure::usage(format!("cannot write {}: {e}", path.display())))?;
    println!("Wrote {}.", path.display());
    println!("Next: edit it, then `hearken validate {0}`, `hearken test {0}` and `hearken play {0}`.", path.display());
    Ok(())
}
