//! Whole folders of an output at once, their subfolders in parallel: the files of one
//! (`files`) and its removal (`remove`). A 100,000-plan output has half a million files, and
//! one thread listing or unlinking them was a third of a build that changed nothing.
//!
//! On Unix every step goes through the open folder (`openat`, `unlinkat` with
//! `O_NOFOLLOW`), so a folder replaced by a symbolic link half-way is never followed: what
//! it points to is neither listed nor removed (std's `remove_dir_all` does the same).

use std::io;
use std::path::{Path, PathBuf};

/// Every entry below `dir` that is not a folder (files and symbolic links, never
/// followed), as paths under `dir`, sorted. `dir` itself is followed if it is a link, like
/// `walk`'s; a folder that cannot be read is left out (nothing, if `dir` cannot be).
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = imp::files(dir);
    found.sort_unstable();
    found
}

/// Removes `dir` and everything in it; a symbolic link in it is removed, never followed.
pub fn remove(dir: &Path) -> io::Result<()> {
    imp::remove(dir)
}

#[cfg(unix)]
mod imp {
    use std::ffi::{CString, OsStr};
    use std::io;
    use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
    use std::os::unix::ffi::OsStrExt;
    use std::path::{Path, PathBuf};

    use rayon::prelude::*;
    use rustix::fs::{AtFlags, CWD, Dir, FileType, Mode, OFlags};

    const FOLDER: OFlags = OFlags::RDONLY
        .union(OFlags::DIRECTORY)
        .union(OFlags::NOFOLLOW)
        .union(OFlags::CLOEXEC);

    /// One entry of a folder: its name, and whether it is a folder (not a link to one).
    struct Named {
        name: CString,
        folder: bool,
    }

    fn open(at: BorrowedFd<'_>, name: &OsStr) -> io::Result<OwnedFd> {
        Ok(rustix::fs::openat(at, name, FOLDER, Mode::empty())?)
    }

    /// The entries of the open folder `fd`, `.` and `..` left out.
    fn entries(fd: &OwnedFd) -> io::Result<Vec<Named>> {
        let mut found = Vec::new();
        for entry in Dir::read_from(fd)? {
            let entry = entry?;
            let name = entry.file_name();
            if matches!(name.to_bytes(), b"." | b"..") {
                continue;
            }
            let folder = match entry.file_type() {
                FileType::Directory => true,
                // Some file systems do not say: ask without following a link.
                FileType::Unknown => {
                    let stat = rustix::fs::statat(fd, name, AtFlags::SYMLINK_NOFOLLOW)?;
                    FileType::from_raw_mode(stat.st_mode) == FileType::Directory
                }
                _ => false,
            };
            found.push(Named {
                name: name.to_owned(),
                folder,
            });
        }
        Ok(found)
    }

    fn os(name: &CString) -> &OsStr {
        OsStr::from_bytes(name.to_bytes())
    }

    pub fn files(dir: &Path) -> Vec<PathBuf> {
        let root = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        match rustix::fs::openat(CWD, dir.as_os_str(), root, Mode::empty()) {
            Ok(fd) => files_below(&fd, dir),
            Err(_) => Vec::new(),
        }
    }

    fn files_below(fd: &OwnedFd, path: &Path) -> Vec<PathBuf> {
        let listed = entries(fd).unwrap_or_default();
        let nested: Vec<Vec<PathBuf>> = listed
            .par_iter()
            .filter(|e| e.folder)
            .filter_map(|e| {
                let inner = open(fd.as_fd(), os(&e.name)).ok()?;
                Some(files_below(&inner, &path.join(os(&e.name))))
            })
            .collect();
        let here = listed.iter().filter(|e| !e.folder);
        let mut found: Vec<PathBuf> = here.map(|e| path.join(os(&e.name))).collect();
        found.extend(nested.into_iter().flatten());
        found
    }

    pub fn remove(dir: &Path) -> io::Result<()> {
        let fd = open(CWD, dir.as_os_str())?;
        empty(&fd)?;
        drop(fd);
        std::fs::remove_dir(dir)
    }

    fn empty(fd: &OwnedFd) -> io::Result<()> {
        entries(fd)?.par_iter().try_for_each(|entry| {
            let name = os(&entry.name);
            if entry.folder {
                match open(fd.as_fd(), name) {
                    Ok(inner) => empty(&inner)?,
                    // Replaced by a file or a link since it was listed: unlinked below.
                    Err(e) if not_a_folder(&e) => {
                        return Ok(rustix::fs::unlinkat(fd, name, AtFlags::empty())?);
                    }
                    Err(e) => return Err(e),
                }
                Ok(rustix::fs::unlinkat(fd, name, AtFlags::REMOVEDIR)?)
            } else {
                Ok(rustix::fs::unlinkat(fd, name, AtFlags::empty())?)
            }
        })
    }

    /// `open` with `O_NOFOLLOW | O_DIRECTORY` fails with ENOTDIR on a file, ELOOP on a link.
    fn not_a_folder(error: &io::Error) -> bool {
        use rustix::io::Errno;
        let code = error.raw_os_error();
        code == Some(Errno::NOTDIR.raw_os_error()) || code == Some(Errno::LOOP.raw_os_error())
    }
}

#[cfg(not(unix))]
mod imp {
    use std::io;
    use std::path::{Path, PathBuf};

    pub fn files(dir: &Path) -> Vec<PathBuf> {
        let entries = super::super::walk(dir).flatten();
        let files = entries.filter(|entry| !entry.is_dir());
        files.map(|entry| entry.path().to_path_buf()).collect()
    }

    pub fn remove(dir: &Path) -> io::Result<()> {
        std::fs::remove_dir_all(dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(root: &Path) {
        for (path, text) in [("a.html", "a"), ("b/c/d.html", "d"), ("b/e.csv", "e")] {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        std::fs::create_dir(root.join("vacía")).unwrap();
    }

    #[test]
    fn files_lists_every_file_below_sorted_and_no_folder() {
        let dir = tempfile::tempdir().unwrap();
        tree(dir.path());
        let names: Vec<String> = files(dir.path())
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.html", "b/c/d.html", "b/e.csv"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_listed_and_removed_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let (output, elsewhere) = (dir.path().join("o"), dir.path().join("otra"));
        tree(&output);
        tree(&elsewhere);
        std::os::unix::fs::symlink(&elsewhere, output.join("b/enlace")).unwrap();
        let listed = files(&output);
        assert!(listed.contains(&output.join("b/enlace")), "{listed:?}");
        assert_eq!(listed.len(), 4, "the link's folder was walked: {listed:?}");
        remove(&output).unwrap();
        assert!(!output.exists());
        assert_eq!(files(&elsewhere).len(), 3, "removed through the link");
    }

    #[test]
    fn remove_takes_the_folder_and_all_it_holds() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("o");
        tree(&output);
        remove(&output).unwrap();
        assert!(!output.exists());
        assert!(dir.path().exists());
    }
}
