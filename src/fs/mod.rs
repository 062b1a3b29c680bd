//! The file system as senda sees it: the only module that walks or lists folders, and the
//! reader of every text file a site is made of.
//!
//! - `walk` (the only walkdir user): every entry below a folder, depth first, each folder
//!   sorted by name, so a build's order never depends on the disk. A symbolic link is an
//!   entry of its own and is never followed; only the walked folder itself is, if it is one.
//! - `list` (the only `std::fs::read_dir` user): one folder's entries, sorted by name.
//! - `site_files`: the files of a site folder (`content/`, `static/`): hidden files and
//!   editor leftovers skipped (`is_ignored`), each symbolic link skipped with a warning,
//!   names with `\` refused.
//! - `read_text`: a UTF-8 text file, its byte order mark dropped; a file that is not UTF-8
//!   is reported at its first bad byte.
//! - `tree`: a whole output folder's files, or its removal, its subfolders in parallel.
//!
//! Every error names the path it is about.

// The one walker and lister (clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Location, display_path};
use crate::messages::Site as Text;
use crate::names;
use crate::tr;

pub mod tree;

/// A failed operation on the file system, with the path it failed on.
#[derive(Debug)]
pub struct Error {
    path: PathBuf,
    source: io::Error,
}

impl Error {
    fn new(path: &Path, source: io::Error) -> Error {
        Error {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A walk's error: walkdir knows the path of the entry that failed.
    fn from_walk(error: walkdir::Error, root: &Path) -> Error {
        let path = error.path().unwrap_or(root).to_path_buf();
        let source = match error.into_io_error() {
            Some(source) => source,
            // Only a walk that follows links meets a loop, and none does.
            None => io::Error::other("file system loop"),
        };
        Error { path, source }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // walkdir's wording, which messages about an unreadable folder have always used.
        write!(
            f,
            "IO error for operation on {}: {}",
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Every entry below `dir` (and `dir` itself first), depth first, each folder's entries
/// sorted by name. Symbolic links are entries, never followed, except `dir` itself.
pub fn walk(dir: &Path) -> Walk {
    Walk {
        inner: walkdir::WalkDir::new(dir).sort_by_file_name().into_iter(),
        root: Arc::from(dir),
        skip: None,
    }
}

/// The iterator `walk` returns.
pub struct Walk {
    inner: walkdir::IntoIter,
    root: Arc<Path>,
    skip: Option<fn(&str) -> bool>,
}

impl Walk {
    /// Leaves out every entry below the walked folder whose name `skip` accepts, and all a
    /// folder so left out holds.
    pub fn skipping(mut self, skip: fn(&str) -> bool) -> Walk {
        self.skip = Some(skip);
        self
    }

    /// Leaves out what is left of the folder last returned.
    pub fn skip_current_dir(&mut self) {
        self.inner.skip_current_dir();
    }
}

impl Iterator for Walk {
    type Item = Result<Entry, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let entry = match self.inner.next()? {
                Ok(entry) => entry,
                Err(error) => return Some(Err(Error::from_walk(error, &self.root))),
            };
            let skipped = entry.depth() > 0
                && self
                    .skip
                    .is_some_and(|skip| skip(&entry.file_name().to_string_lossy()));
            if skipped {
                if entry.file_type().is_dir() {
                    self.inner.skip_current_dir();
                }
                continue;
            }
            return Some(Ok(Entry {
                inner: entry,
                root: Arc::clone(&self.root),
            }));
        }
    }
}

/// One entry of a walk.
pub struct Entry {
    inner: walkdir::DirEntry,
    root: Arc<Path>,
}

impl Entry {
    pub fn path(&self) -> &Path {
        self.inner.path()
    }

    /// The path below the walked folder, with `/` separators; empty for the folder itself.
    pub fn rel(&self) -> String {
        display_path(self.path().strip_prefix(&self.root).unwrap_or(self.path()))
    }

    /// The file name, any invalid Unicode replaced.
    pub fn name(&self) -> Cow<'_, str> {
        self.inner.file_name().to_string_lossy()
    }

    /// 0 for the walked folder, 1 for its entries, and so on.
    pub fn depth(&self) -> usize {
        self.inner.depth()
    }

    /// A regular file (never a link to one).
    pub fn is_file(&self) -> bool {
        self.inner.file_type().is_file()
    }

    /// A folder (never a link to one, except the walked folder).
    pub fn is_dir(&self) -> bool {
        self.inner.file_type().is_dir()
    }

    /// Whether the path is a symbolic link: true of the walked folder too if it is one,
    /// though the walk followed it.
    pub fn is_symlink(&self) -> bool {
        self.inner.path_is_symlink()
    }
}

/// One entry of `list`.
pub struct Listed {
    /// The file name, any invalid Unicode replaced.
    pub name: String,
    pub path: PathBuf,
    /// Its own type: a link is neither a file nor a folder here.
    pub file_type: std::fs::FileType,
}

/// The entries of `dir`, sorted by name.
pub fn list(dir: &Path) -> Result<Vec<Listed>, Error> {
    let mut listed = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::new(dir, e))? {
        let entry = entry.map_err(|e| Error::new(dir, e))?;
        let path = entry.path();
        let file_type = entry.file_type().map_err(|e| Error::new(&path, e))?;
        listed.push(Listed {
            name: entry.file_name().to_string_lossy().into_owned(),
            path,
            file_type,
        });
    }
    listed.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(listed)
}

/// Whether `dir` has no entry, reading no more of it than the first.
pub fn is_empty(dir: &Path) -> Result<bool, Error> {
    let mut entries = std::fs::read_dir(dir).map_err(|e| Error::new(dir, e))?;
    Ok(entries.next().is_none())
}

/// Hidden files and editor leftovers (`.#x`, `x~`, `.x.swp`) are never part of a site.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#')
}

/// Every file below the site folder `dir`, sorted, as (path relative to `dir` with `/`,
/// absolute path); diagnostics name `dir` as `shown` (`content`). Hidden files and editor
/// leftovers are skipped, whole folders included. So are symbolic links, with a warning
/// each: a link may point outside the site (a home folder, another school's private
/// files), and nothing outside the site is ever read or published.
pub fn site_files(
    dir: &Path,
    shown: &Path,
    diagnostics: &mut Diagnostics,
) -> Vec<(String, PathBuf)> {
    let mut walker = walk(dir).skipping(is_ignored);
    let mut files = Vec::new();
    while let Some(entry) = walker.next() {
        match entry {
            // A `\` is a folder separator on Windows and in URLs, and `display_path` would
            // read it as one here: such a name is refused, and a folder's files with it.
            Ok(entry) if entry.depth() > 0 && entry.name().contains('\\') => {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                let folder = shown.join(rel.parent().unwrap_or(Path::new("")));
                diagnostics.push(
                    Diagnostic::error(tr!(
                        Text::BadName,
                        entry.name(),
                        names::Problem::Character('\\').describe()
                    ))
                    .at(Location::file(&folder))
                    .help(tr!(Text::BackslashHelp)),
                );
                if entry.is_dir() {
                    walker.skip_current_dir();
                }
            }
            Ok(entry) if entry.is_file() => {
                files.push((entry.rel(), entry.path().to_path_buf()));
            }
            Ok(entry) if entry.is_symlink() => {
                let path = shown.join(entry.rel());
                diagnostics.push(
                    Diagnostic::warning(tr!(Text::Symlink, display_path(&path)))
                        .at(Location::file(&path))
                        .help(tr!(Text::SymlinkHelp)),
                );
            }
            Ok(_) => {}
            Err(e) => diagnostics.push(Diagnostic::error(tr!(
                Text::CannotRead,
                display_path(dir),
                e
            ))),
        }
    }
    files
}

/// Why a text file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The system's error; `shown` is the file as diagnostics name it.
    Io { shown: PathBuf, error: io::Error },
    /// The file is not UTF-8: located at its first bad byte.
    NotUtf8(Diagnostic),
}

impl ReadError {
    /// The error as a diagnostic at the file, a system error said as `cannot_read: <error>`
    /// (`cannot read file`, in the language of the caller's messages).
    pub fn diagnostic(self, cannot_read: &str) -> Diagnostic {
        match self {
            ReadError::Io { shown, error } => {
                Diagnostic::error(format!("{cannot_read}: {error}")).at(Location::file(&shown))
            }
            ReadError::NotUtf8(diagnostic) => diagnostic,
        }
    }
}

/// The text of the file at `path`, without a byte order mark; `shown` is its path as
/// diagnostics name it (`content/guias/que-es.md`).
pub fn read_text(path: &Path, shown: &Path) -> Result<String, ReadError> {
    let bytes = std::fs::read(path).map_err(|error| ReadError::Io {
        shown: shown.to_path_buf(),
        error,
    })?;
    decode_utf8(bytes, shown).map_err(ReadError::NotUtf8)
}

fn decode_utf8(bytes: Vec<u8>, path: &Path) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(text)
        }
        Err(e) => {
            let bytes = e.as_bytes();
            let valid = e.utf8_error().valid_up_to();
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let location = Location::from_range(path, prefix, valid..valid);
            Err(Diagnostic::error(tr!(
                Text::NotUtf8,
                format!("{:02X}", bytes[valid]),
                location.line,
                location.column
            ))
            .at(location)
            .help(tr!(Text::NotUtf8Help)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_loses_its_byte_order_mark_and_bad_bytes_are_located() {
        let shown = Path::new("content/a.md");
        let text = decode_utf8("\u{feff}+++\n".into(), shown).expect("UTF-8");
        assert_eq!(text, "+++\n");
        let error = decode_utf8(b"+++\ntitle = \"x\xf3\"\n".to_vec(), shown).expect_err("latin-1");
        assert_eq!(
            error.message,
            "el archivo no es texto UTF-8 (byte 0xF3 en la línea 2, columna 11)"
        );
        let missing = read_text(Path::new("/no/such/file"), shown).expect_err("missing");
        let diagnostic = missing.diagnostic("cannot read file");
        assert!(diagnostic.message.starts_with("cannot read file: "));
        assert_eq!(
            diagnostic.location.map(|l| l.path),
            Some(shown.to_path_buf())
        );
    }

    #[test]
    fn walks_are_sorted_skip_what_they_are_told_and_never_follow_links() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        for file in ["b/z.md", "b/a.md", "a.md", ".hidden/x.md", "c~"] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, "").expect("write");
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("b"), root.join("link")).expect("symlink");
        let walked: Vec<(String, bool)> = walk(root)
            .skipping(is_ignored)
            .map(|e| e.expect("entry"))
            .map(|e| (e.rel(), e.is_file()))
            .collect();
        let mut expected = vec![
            ("".to_string(), false),
            ("a.md".to_string(), true),
            ("b".to_string(), false),
            ("b/a.md".to_string(), true),
            ("b/z.md".to_string(), true),
        ];
        if cfg!(unix) {
            expected.push(("link".to_string(), false));
        }
        assert_eq!(walked, expected);
        let names: Vec<String> = list(root)
            .expect("list")
            .into_iter()
            .map(|l| l.name)
            .collect();
        let mut expected = vec![".hidden", "a.md", "b", "c~"];
        if cfg!(unix) {
            expected.push("link");
        }
        assert_eq!(names, expected);
        assert!(!is_empty(root).expect("readable"));
        assert!(is_empty(&root.join(".hidden/x.md")).is_err());
    }
}
