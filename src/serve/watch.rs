//! Watching the site's sources with `notify`, and turning bursts of events into batches.
//!
//! Editors save in many ways (write in place, write a temp file and rename it, delete and
//! recreate) and a `git checkout` touches hundreds of files at once. Every event is kept,
//! deletions included, and events are gathered until the folder has been quiet for a
//! while: one burst, one batch, one rebuild. The while is `SETTLE` for a burst that so far
//! only wrote one file in place (the common save, done once its write lands), `QUIET` as
//! soon as it creates, removes or renames anything or touches a second file (the ways of
//! saving that take several steps, and checkouts). Each event restarts the wait. Events
//! that arrive during a rebuild wait in the channel, so no save is ever lost.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::fs::is_ignored;

/// How long the sources must be quiet before a burst counts as finished.
/// Editors finish a save within a few milliseconds; a git checkout keeps writing without
/// pausing this long. Long enough for a loaded machine's timer jitter, short for people.
pub const QUIET: Duration = Duration::from_millis(80);

/// The wait after an in-place write of one file: its data has landed, and a tool that
/// goes on to touch another file within this time turns the burst into a `QUIET` one.
pub const SETTLE: Duration = Duration::from_millis(20);

/// What the watcher's thread receives: the paths of one event, and whether it was an
/// in-place write (data or metadata modified) rather than a step of a longer save.
type Raw = (Vec<PathBuf>, bool);

/// The events gathered so far, and how long to wait for the next before ending the burst.
struct Burst {
    paths: BTreeSet<PathBuf>,
    /// Every event so far was an in-place write.
    in_place: bool,
}

impl Burst {
    fn start((paths, in_place): Raw) -> Burst {
        let mut burst = Burst {
            paths: BTreeSet::new(),
            in_place: true,
        };
        burst.add((paths, in_place));
        burst
    }

    fn add(&mut self, (paths, in_place): Raw) {
        self.in_place &= in_place;
        self.paths.extend(paths);
    }

    fn wait(&self) -> Duration {
        if self.in_place && self.paths.len() == 1 {
            SETTLE
        } else {
            QUIET
        }
    }
}

/// Whether an event is a write into an existing file, which ends a save made in place.
fn is_in_place(kind: &notify::EventKind) -> bool {
    use notify::event::ModifyKind;
    matches!(
        kind,
        notify::EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Metadata(_) | ModifyKind::Any)
    )
}

/// The folders of a site whose changes matter, besides `site.toml`.
const SOURCE_DIRS: [&str; 4] = ["content", "themes", "templates", "static"];

pub struct Watcher {
    inner: RecommendedWatcher,
    root: PathBuf,
    watched: BTreeSet<PathBuf>,
    /// Each item is one burst of changed source paths.
    pub batches: Receiver<Vec<PathBuf>>,
}

impl Watcher {
    pub fn start(root: &Path) -> notify::Result<Watcher> {
        let (raw_sender, raw_events) = mpsc::channel::<Raw>();
        // Rebuilds trust the watcher's list of changed files (`Cache::forget`). When the
        // system drops events (a queue overflow) or the watch fails, the list is incomplete:
        // reporting the content folder itself makes the next rebuild look at every file.
        let everything = vec![root.join("content")];
        let inner = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            match event {
                Ok(event) if event.need_rescan() => {
                    let _ = raw_sender.send((everything.clone(), false));
                }
                // Reading a file is an event too (the rebuild reads them all): only changes
                // count.
                Ok(event) if !matches!(event.kind, notify::EventKind::Access(_)) => {
                    let _ = raw_sender.send((event.paths, is_in_place(&event.kind)));
                }
                Ok(_) => {}
                Err(_) => {
                    let _ = raw_sender.send((everything.clone(), false));
                }
            }
        })?;
        let (batch_sender, batches) = mpsc::channel();
        let debounce_root = root.to_path_buf();
        std::thread::spawn(move || {
            while let Ok(first) = raw_events.recv() {
                let mut burst = Burst::start(first);
                loop {
                    match raw_events.recv_timeout(burst.wait()) {
                        Ok(more) => burst.add(more),
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                let relevant: Vec<PathBuf> = burst
                    .paths
                    .into_iter()
                    .filter(|p| is_source(&debounce_root, p))
                    .collect();
                if !relevant.is_empty() && batch_sender.send(relevant).is_err() {
                    return;
                }
            }
        });
        let mut watcher = Watcher {
            inner,
            root: root.to_path_buf(),
            watched: BTreeSet::new(),
            batches,
        };
        // The root itself, not recursively: for site.toml, and for source folders created
        // later. Its output folder and build caches (target/) are never watched.
        watcher.inner.watch(root, RecursiveMode::NonRecursive)?;
        watcher.watch_new_folders();
        Ok(watcher)
    }

    /// Starts watching source folders that exist now but did not when the watch began.
    pub fn watch_new_folders(&mut self) {
        for dir in SOURCE_DIRS.map(|d| self.root.join(d)) {
            if dir.is_dir()
                && !self.watched.contains(&dir)
                && self.inner.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watched.insert(dir);
            }
        }
    }
}

/// Whether a changed path is one of the site's sources: `site.toml`, or a file under a
/// source folder that is not hidden or an editor's leftover (`.x.swp`, `x~`, `#x#`).
pub fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [file] => file == crate::load::config::CONFIG_FILE || SOURCE_DIRS.contains(&file.as_str()),
        [dir, rest @ ..] => {
            SOURCE_DIRS.contains(&dir.as_str()) && !rest.iter().any(|p| is_ignored(p))
        }
        [] => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::EventKind;
    use notify::event::{CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode};

    /// Only a burst that so far wrote one file in place ends after the short wait: a second
    /// file, or any creation, removal or rename (a delete and recreate, a temp file renamed
    /// over the page, a checkout) keeps the full quiet window, so it stays one rebuild.
    #[test]
    fn only_an_in_place_write_of_one_file_settles_early() {
        let page = || vec![PathBuf::from("/sitio/content/guias/que-es.md")];
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let mut burst = Burst::start((page(), is_in_place(&write)));
        assert_eq!(burst.wait(), SETTLE);
        burst.add((page(), is_in_place(&write)));
        assert_eq!(burst.wait(), SETTLE, "the same file written twice");
        burst.add((vec![PathBuf::from("/sitio/content/otra.md")], true));
        assert_eq!(burst.wait(), QUIET, "a second file");

        for step in [
            EventKind::Create(CreateKind::File),
            EventKind::Remove(RemoveKind::File),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
        ] {
            assert!(!is_in_place(&step), "{step:?}");
            let burst = Burst::start((page(), is_in_place(&step)));
            assert_eq!(burst.wait(), QUIET, "{step:?} first");
            let mut burst = Burst::start((page(), true));
            burst.add((page(), is_in_place(&step)));
            assert_eq!(burst.wait(), QUIET, "{step:?} after a write");
        }
    }

    #[test]
    fn only_sources_trigger_rebuilds() {
        let root = Path::new("/sitio");
        for path in [
            "site.toml",
            "content/guias/que-es.md",
            "themes/senda/templates/page.html",
            "static/app.css",
            "templates",
            "content/planes/ie-1.privado.toml",
        ] {
            assert!(is_source(root, &root.join(path)), "{path}");
        }
        for path in [
            "public/index.html",
            "target/debug/senda",
            "content/.que-es.md.swp",
            "content/que-es.md~",
            "README.md",
            ".git/index",
        ] {
            assert!(!is_source(root, &root.join(path)), "{path}");
        }
        assert!(!is_source(root, Path::new("/otro/site.toml")));
    }
}
