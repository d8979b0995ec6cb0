//! Opening `hearken.db`, and saying in one plain line why it could not be used.
//!
//! The order of the first steps matters for "nothing stored is ever lost or overwritten": the file
//! is checked (readable, not damaged, ours, not from a newer Hearken) before anything is written
//! to it — even the switch to write-ahead logging changes its header.

use super::schema::{self, MigrateError};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const FILE_NAME: &str = "hearken.db";

/// How long to wait for another running copy to finish its write. Writes take milliseconds, so
/// this only runs out when something holds the file locked for good.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Db {
    pub conn: Connection,
    pub path: PathBuf,
}

/// Why the history cannot be used. `Display` gives the reason as a clause for one line.
#[derive(Debug)]
pub struct StoreError {
    pub path: Option<PathBuf>,
    pub kind: Kind,
}

#[derive(Debug)]
pub enum Kind {
    NoDataDir,
    Folder(String),
    NotAFile,
    Damaged,
    Busy,
    ReadOnly,
    DiskFull,
    DiskError,
    Newer(i64),
    Foreign,
    OutOfDate,
    Other(String),
}

impl StoreError {
    fn at(path: &Path, kind: Kind) -> StoreError {
        StoreError { path: Some(path.to_path_buf()), kind }
    }

    pub fn sqlite(path: &Path, e: rusqlite::Error) -> StoreError {
        let kind = match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => Kind::Damaged,
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Kind::Busy,
            Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => Kind::ReadOnly,
            Some(ErrorCode::DiskFull) => Kind::DiskFull,
            Some(ErrorCode::SystemIoFailure) => Kind::DiskError,
            _ => Kind::Other(e.to_string()),
        };
        StoreError::at(path, kind)
    }

    fn migrate(path: &Path, e: MigrateError) -> StoreError {
        match e {
            MigrateError::Newer(v) => StoreError::at(path, Kind::Newer(v)),
            MigrateError::Foreign => StoreError::at(path, Kind::Foreign),
            MigrateError::Sqlite(e) => StoreError::sqlite(path, e),
        }
    }

    /// Whether opening read-only might still work.
    fn is_read_only(&self) -> bool {
        matches!(self.kind, Kind::ReadOnly)
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path =
            self.path.as_deref().map(|p| hearken_engine::text::terminal_safe(&p.display().to_string()).into_owned());
        let path = path.as_deref().unwrap_or("the history file");
        match &self.kind {
            Kind::NoDataDir => {
                write!(f, "no data folder is known; give one with --data-dir DIR or the HEARKEN_DATA_DIR variable")
            }
            Kind::Folder(why) => write!(f, "the folder {path} cannot be created: {why}"),
            Kind::NotAFile => write!(f, "{path} is a folder, not a history file"),
            Kind::Damaged => write!(
                f,
                "{path} is damaged. It has been left as it is; move it aside and Hearken will start a new history"
            ),
            Kind::Busy => write!(
                f,
                "{path} is locked by another program and did not come free within {} seconds",
                BUSY_TIMEOUT.as_secs()
            ),
            Kind::ReadOnly => write!(f, "{path} cannot be written (the file or its folder is read-only)"),
            Kind::DiskFull => write!(f, "the disk that holds {path} is full"),
            Kind::DiskError => write!(f, "the disk reported an error while reading or writing {path}"),
            Kind::Newer(v) => write!(
                f,
                "{path} was saved by a newer version of Hearken (history format {v}; this version knows up to {}). It has been left as it is",
                schema::VERSION
            ),
            Kind::Foreign => write!(f, "{path} is not a Hearken history file. It has been left as it is"),
            Kind::OutOfDate => {
                write!(f, "{path} is from an older version of Hearken and needs updating, but it cannot be written")
            }
            Kind::Other(why) => write!(f, "{path}: {}", hearken_engine::text::terminal_safe(why)),
        }
    }
}

/// Opens (creating it and its folder when needed) the history for writing, migrated to the
/// current version.
pub fn open_for_writing(data_dir: Option<&Path>) -> Result<Db, StoreError> {
    let dir = data_dir.ok_or(StoreError { path: None, kind: Kind::NoDataDir })?;
    std::fs::create_dir_all(dir).map_err(|e| {
        let why = if dir.exists() && !dir.is_dir() {
            "a file of that name is in the way".to_string()
        } else {
            crate::io_error::plain(&e)
        };
        StoreError::at(dir, Kind::Folder(why))
    })?;
    let path = dir.join(FILE_NAME);
    open_read_write(&path, true)
}

/// Opens the history for reading. `None` when there is none yet: reading never creates it.
pub fn open_for_reading(data_dir: Option<&Path>) -> Result<Option<Db>, StoreError> {
    let dir = data_dir.ok_or(StoreError { path: None, kind: Kind::NoDataDir })?;
    let path = dir.join(FILE_NAME);
    match std::fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::at(&path, Kind::Other(crate::io_error::plain(&e)))),
        Ok(_) => {}
    }
    // Read-write first, so a history from an older version is brought up to date.
    match open_read_write(&path, false) {
        Ok(db) => Ok(Some(db)),
        Err(e) if e.is_read_only() => open_read_only(&path),
        Err(e) => Err(e),
    }
}

fn open_read_write(path: &Path, create: bool) -> Result<Db, StoreError> {
    if path.is_dir() {
        return Err(StoreError::at(path, Kind::NotAFile));
    }
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let err = |e| StoreError::sqlite(path, e);
    let mut conn = Connection::open_with_flags(path, flags).map_err(err)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
    check_file(&conn, path)?;
    // WAL lets a reader (the history screen) and a writer (a session in another terminal) work
    // at once; FULL makes each commit durable before the call returns, at one sync per decision.
    conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)).map_err(err)?;
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;").map_err(err)?;
    schema::migrate(&mut conn).map_err(|e| StoreError::migrate(path, e))?;
    Ok(Db { conn, path: path.to_path_buf() })
}

/// For a history in a place that cannot be written: read it as it is, if it is current.
fn open_read_only(path: &Path) -> Result<Option<Db>, StoreError> {
    let err = |e| StoreError::sqlite(path, e);
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match Connection::open_with_flags(path, flags).and_then(|c| check_readable(&c).map(|_| c)) {
        Ok(c) => c,
        // A WAL database needs its shared-memory file, which cannot be made in a read-only
        // folder; nobody can be writing there, so reading the file as immutable is safe.
        Err(e) if matches!(e.sqlite_error_code(), Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly)) => {
            match immutable_uri(path) {
                Some(uri) => Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI).map_err(err)?,
                None => return Err(err(e)),
            }
        }
        Err(e) => return Err(err(e)),
    };
    conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
    check_file(&conn, path)?;
    match schema::version(&conn).map_err(err)? {
        0 => Ok(None),
        schema::VERSION => Ok(Some(Db { conn, path: path.to_path_buf() })),
        _ => Err(StoreError::at(path, Kind::OutOfDate)),
    }
}

fn check_readable(conn: &Connection) -> rusqlite::Result<()> {
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
}

/// Refuses a file that is damaged, another program's or from a newer Hearken, before any write.
fn check_file(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let first: String =
        conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|e| StoreError::sqlite(path, e))?;
    if first != "ok" {
        return Err(StoreError::at(path, Kind::Damaged));
    }
    schema::check_ours(conn).map_err(|e| StoreError::migrate(path, e))
}

fn immutable_uri(path: &Path) -> Option<String> {
    let abs = std::path::absolute(path).ok()?;
    let s = abs.to_str()?.replace('\\', "/");
    let mut uri = String::from(if s.starts_with('/') { "file:" } else { "file:/" });
    for c in s.chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    Some(uri)
}
