//! The staging folder a build writes into, and the swap that puts it in place of the output.
//!
//! Every folder this module lists is the output's parent, and it only ever touches entries
//! of it named `.<name>.senda-staging-*` or `.<name>.senda-old-*` that are real folders (not
//! links): what a build of this same output left. The build lock (`lock`) makes the build
//! holding it the only writer, so any such folder it finds belongs to a build that died.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::{Claim, CopiedFile, Kind, OutputFile};
use crate::messages::Site as Text;
use crate::tr;

/// The folder a build writes into as it goes; swapped in place of the output by `commit`,
/// and deleted if dropped before, so a failed build leaves the previous output as it was.
pub struct Staging {
    dir: PathBuf,
    kind: Kind,
    /// Files written so far, to check before the swap that the folder holds just those.
    written: AtomicUsize,
    /// Folders made so far, so each file costs one `create_dir_all` at most once a folder.
    made: Mutex<HashSet<PathBuf>>,
    committed: bool,
    /// Held until the staging folder is swapped in or deleted; dropped after both.
    claim: Claim,
}

impl Staging {
    pub fn create(claim: Claim) -> io::Result<Staging> {
        let (parent, name) = (claim.parent(), claim.name());
        remove_leftovers(parent, name);
        let dir = parent.join(format!(".{name}.senda-staging-{}", std::process::id()));
        // `create_dir`, not `_all`: the folder must be this build's own, new.
        fs::create_dir(&dir)?;
        let kind = claim.kind();
        fs::write(dir.join(kind.marker()), kind.marker_text())?;
        Ok(Staging {
            dir,
            kind,
            written: AtomicUsize::new(0),
            made: Mutex::new(HashSet::new()),
            committed: false,
            claim,
        })
    }

    pub fn write(&self, file: &OutputFile) -> io::Result<()> {
        let target = self.dir.join(&file.path);
        self.make_parent(&target)?;
        fs::write(target, file.bytes.as_slice())?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Puts the file `path` of the previous output in, unchanged: a hard link (the previous
    /// output keeps its own name for it until the swap), or a copy where links fail (another
    /// file system). Nothing ever writes through the link: each path is written once.
    pub fn carry(&self, previous: &Path, path: &str) -> io::Result<()> {
        let target = self.dir.join(path);
        self.make_parent(&target)?;
        let from = previous.join(path);
        if fs::hard_link(&from, &target).is_err() {
            fs::copy(&from, &target)?;
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn make_parent(&self, target: &Path) -> io::Result<()> {
        let Some(parent) = target.parent() else {
            return Ok(());
        };
        if self.made.lock().is_ok_and(|made| made.contains(parent)) {
            return Ok(());
        }
        fs::create_dir_all(parent)?;
        if let Ok(mut made) = self.made.lock() {
            made.insert(parent.to_path_buf());
        }
        Ok(())
    }

    /// Copies `copies` in, checks the folder, then swaps it in place of the output.
    pub fn commit(mut self, copies: &[CopiedFile]) -> io::Result<()> {
        copies.par_iter().try_for_each(|c| {
            let target = self.dir.join(&c.to);
            self.make_parent(&target)?;
            fs::copy(&c.from, target)?;
            self.written.fetch_add(1, Ordering::Relaxed);
            Ok::<(), io::Error>(())
        })?;
        self.verify()?;
        swap_in(&self.dir, self.claim.output(), self.claim.name())?;
        self.committed = true;
        Ok(())
    }

    /// The folder must still be the one this build filled: its marker there, and exactly
    /// the files written (a folder emptied and refilled by something else is not a site).
    fn verify(&self) -> io::Result<()> {
        let shown = self.dir.display();
        let marker = fs::read_to_string(self.dir.join(self.kind.marker()));
        if marker.ok().as_deref() != Some(self.kind.marker_text()) {
            return Err(io::Error::other(tr!(Text::StagingMarkerLost, shown)));
        }
        let found = crate::fs::tree::files(&self.dir).len();
        let expected = self.written.load(Ordering::Relaxed) + 1;
        if found != expected {
            return Err(io::Error::other(tr!(
                Text::StagingChanged,
                shown,
                found,
                expected
            )));
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = crate::fs::tree::remove(&self.dir);
        }
    }
}

/// Replaces `output` by `staging`: in one atomic exchange where the system has one, else
/// with two renames (a kill between them is repaired by `restore_interrupted`).
fn swap_in(staging: &Path, output: &Path, name: &str) -> io::Result<()> {
    if fs::symlink_metadata(output).is_err() {
        return fs::rename(staging, output);
    }
    if exchange(staging, output).is_ok() {
        // `staging` now names the previous site.
        let _ = crate::fs::tree::remove(staging);
        return Ok(());
    }
    swap_by_renames(staging, output, name)
}

fn swap_by_renames(staging: &Path, output: &Path, name: &str) -> io::Result<()> {
    let parent = output.parent().unwrap_or(Path::new("/"));
    let old = parent.join(format!(".{name}.senda-old-{}", std::process::id()));
    fs::rename(output, &old)?;
    if let Err(e) = fs::rename(staging, output) {
        // Put the previous site back so the user is left with what they had.
        let _ = fs::rename(&old, output);
        return Err(e);
    }
    let _ = crate::fs::tree::remove(&old);
    Ok(())
}

/// Swaps two folders atomically: `renameat2(RENAME_EXCHANGE)` on Linux, `renameatx_np
/// (RENAME_SWAP)` on macOS. Fails where the file system has no such call (then nothing
/// was moved).
#[cfg(any(target_os = "linux", target_os = "android", target_os = "macos"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "macos")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// A build killed between the two renames of `swap_by_renames` leaves no output, and the
/// previous site in `.<name>.senda-old-<pid>`: put it back (the newest, if several), before
/// anything else looks at the output. Returns the name of the folder restored.
pub(super) fn restore_interrupted(
    parent: &Path,
    name: &str,
    output: &Path,
) -> io::Result<Option<String>> {
    if fs::symlink_metadata(output).is_ok() {
        return Ok(None);
    }
    let prefix = format!(".{name}.senda-old-");
    let newest = leftovers(parent, &[prefix])
        .into_iter()
        .filter_map(|path| {
            let modified = fs::metadata(&path).and_then(|m| m.modified()).ok()?;
            Some((modified, path))
        })
        .max();
    let Some((_, old)) = newest else {
        return Ok(None);
    };
    fs::rename(&old, output)?;
    Ok(old.file_name().map(|n| n.to_string_lossy().into_owned()))
}

/// Staging or old folders left by a build of this output that was killed half-way.
fn remove_leftovers(parent: &Path, name: &str) {
    let prefixes = [
        format!(".{name}.senda-staging-"),
        format!(".{name}.senda-old-"),
    ];
    for dir in leftovers(parent, &prefixes) {
        let _ = crate::fs::tree::remove(&dir);
    }
}

/// The real folders (never links) in `parent` whose names start with one of `prefixes`.
fn leftovers(parent: &Path, prefixes: &[String]) -> Vec<PathBuf> {
    crate::fs::list(parent)
        .into_iter()
        .flatten()
        .filter(|entry| entry.file_type.is_dir())
        .filter(|entry| prefixes.iter().any(|p| entry.name.starts_with(p.as_str())))
        .map(|entry| entry.path)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with(dir: &Path, file: &str, text: &str) {
        fs::create_dir_all(dir).unwrap();
        fs::write(dir.join(file), text).unwrap();
    }

    #[test]
    fn both_ways_of_swapping_leave_the_new_site_and_nothing_else() {
        type Swap = fn(&Path, &Path, &str) -> io::Result<()>;
        for swap in [swap_in as Swap, swap_by_renames as Swap] {
            let parent = tempfile::tempdir().unwrap();
            let (staging, output) = (parent.path().join(".o.s"), parent.path().join("o"));
            folder_with(&output, "viejo.html", "antes");
            folder_with(&staging, "nuevo.html", "después");
            swap(&staging, &output, "o").unwrap();
            assert_eq!(
                fs::read_to_string(output.join("nuevo.html")).unwrap(),
                "después"
            );
            assert!(!output.join("viejo.html").exists());
            let names: Vec<_> = crate::fs::list(parent.path())
                .unwrap()
                .into_iter()
                .map(|l| l.name)
                .collect();
            assert_eq!(names.len(), 1, "{names:?}");
        }
    }

    #[test]
    fn exchange_swaps_two_folders_or_moves_nothing() {
        let parent = tempfile::tempdir().unwrap();
        let (a, b) = (parent.path().join("a"), parent.path().join("b"));
        folder_with(&a, "f", "a");
        folder_with(&b, "f", "b");
        let (in_a, in_b) = match exchange(&a, &b) {
            Ok(()) => ("b", "a"),
            Err(_) => ("a", "b"),
        };
        assert_eq!(fs::read_to_string(a.join("f")).unwrap(), in_a);
        assert_eq!(fs::read_to_string(b.join("f")).unwrap(), in_b);
    }

    #[test]
    fn commit_swaps_in_the_files_written_and_the_marker_of_the_build_s_kind() {
        let parent = tempfile::tempdir().unwrap();
        let output = parent.path().join("o");
        folder_with(&output, "viejo.html", "antes");
        let staging = Staging::create(Claim::unchecked(&output, Kind::Private)).unwrap();
        staging
            .write(&OutputFile::new("a/b.html".into(), b"x".to_vec()))
            .unwrap();
        staging.commit(&[]).unwrap();
        assert!(output.join("a/b.html").is_file());
        assert!(output.join(super::super::PRIVATE_MARKER).is_file());
        assert!(!output.join("viejo.html").exists());
    }

    #[test]
    fn commit_refuses_a_staging_folder_changed_by_something_else() {
        let changes: [fn(&Path); 3] = [
            |dir| fs::remove_file(dir.join(super::super::MARKER)).unwrap(),
            |dir| fs::remove_file(dir.join("a/b.html")).unwrap(),
            |dir| fs::write(dir.join("intruso.html"), "?").unwrap(),
        ];
        for change in changes {
            let parent = tempfile::tempdir().unwrap();
            let output = parent.path().join("o");
            folder_with(&output, "viejo.html", "antes");
            let staging = Staging::create(Claim::unchecked(&output, Kind::Public)).unwrap();
            staging
                .write(&OutputFile::new("a/b.html".into(), b"x".to_vec()))
                .unwrap();
            change(&staging.dir);
            let error = staging.commit(&[]).unwrap_err().to_string();
            assert!(error.contains("otra cosa la cambió"), "{error}");
            assert_eq!(
                fs::read_to_string(output.join("viejo.html")).unwrap(),
                "antes"
            );
            let names: Vec<_> = crate::fs::list(parent.path())
                .unwrap()
                .into_iter()
                .map(|l| l.name)
                .collect();
            assert_eq!(names.len(), 1, "staging or lock left: {names:?}");
        }
    }

    #[test]
    fn only_a_missing_output_is_restored_and_only_from_its_own_old_folder() {
        let parent = tempfile::tempdir().unwrap();
        let output = parent.path().join("o");
        folder_with(&parent.path().join(".otro.senda-old-1"), "a", "ajeno");
        assert_eq!(
            restore_interrupted(parent.path(), "o", &output).unwrap(),
            None
        );
        folder_with(&parent.path().join(".o.senda-old-7"), "a", "mío");
        let restored = restore_interrupted(parent.path(), "o", &output).unwrap();
        assert_eq!(restored.as_deref(), Some(".o.senda-old-7"));
        assert_eq!(fs::read_to_string(output.join("a")).unwrap(), "mío");
        folder_with(&parent.path().join(".o.senda-old-8"), "a", "otro");
        assert_eq!(
            restore_interrupted(parent.path(), "o", &output).unwrap(),
            None
        );
        assert!(parent.path().join(".otro.senda-old-1").exists());
    }
}
