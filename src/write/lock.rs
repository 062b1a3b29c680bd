//! One build at a time per output folder.
//!
//! Two builds into one output once deleted each other's staging folders, and one of them
//! swapped in a half-written site with exit 0. So a build holds an exclusive OS advisory
//! lock (`flock` on Unix, `LockFileEx` on Windows) on a lock file beside the output,
//! `.<name>.senda-lock`, from before it reads the output until after the swap. A build that
//! finds the lock held fails at once rather than waiting: it says which build is in its way,
//! and nothing that scripts it can hang. The OS releases the lock of a build that dies, so
//! a killed build never blocks the next one.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

/// The held lock; released (and its file removed, on Unix) when dropped.
#[derive(Debug)]
pub struct BuildLock {
    file: File,
    path: PathBuf,
}

impl BuildLock {
    /// The lock file of the output `name` in `parent`.
    pub fn path(parent: &Path, name: &str) -> PathBuf {
        parent.join(format!(".{name}.senda-lock"))
    }

    /// Takes the lock at `path`; `Ok(None)` when a live build holds it.
    pub fn acquire(path: PathBuf) -> io::Result<Option<BuildLock>> {
        // A holder removes the file as it lets go: a lock taken on the file it removed would
        // guard nothing, so the lock counts only if `path` still names the locked file.
        loop {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Ok(None),
                Err(TryLockError::Error(e)) => return Err(e),
            }
            if is_same_file(&file, &path) {
                return Ok(Some(BuildLock { file, path }));
            }
        }
    }
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        // Removed while still locked, so no other build can hold it and lose it to this.
        // On Windows an open file cannot be removed: the file stays, empty and harmless.
        if cfg!(unix) {
            let _ = fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

#[cfg(unix)]
fn is_same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(held), Ok(named)) => held.dev() == named.dev() && held.ino() == named.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_same_file(_: &File, _: &Path) -> bool {
    // The file is never removed there (see `Drop`), so it is always the one named.
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_output_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = BuildLock::path(dir.path(), "public");
        let first = BuildLock::acquire(path.clone()).unwrap();
        assert!(first.is_some());
        assert!(BuildLock::acquire(path.clone()).unwrap().is_none());
        drop(first);
        assert!(!path.exists() || cfg!(not(unix)), "the lock file was left");
        assert!(BuildLock::acquire(path).unwrap().is_some());
    }
}
