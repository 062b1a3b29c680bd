//! What a rebuild may reuse from the builds before it.
//!
//! Every entry is keyed by everything its value was computed from, so using it gives the
//! same bytes as computing it again: the output of `senda serve` after any sequence of
//! edits is the output of a clean build (tests/testsuite/incremental.rs checks it).
//! `build` and `check` start from an empty cache; `serve` keeps one across rebuilds and
//! tells it which files changed.

use std::collections::HashSet;
use std::hash::{BuildHasher, Hash};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::diag::Diagnostic;
use crate::linkcheck::Ledger;
use crate::load::retained::Tree;
use crate::model::{Document, Rendered, Site};
use crate::resolve::links::LinkIndex;

#[derive(Default)]
pub struct Cache {
    /// By content path (`guias/que-es.md`).
    pub(crate) documents: FastMap<String, Arc<CachedDocument>>,
    /// The content folder the keys are relative to, set by the first build.
    pub(crate) content_dir: Option<PathBuf>,
    /// Rendered pages by output path.
    pub(crate) pages: FastMap<String, CachedPage>,
    /// The files of `content/` at the last load.
    pub(crate) content_files: ContentFiles,
    /// What the watcher reported changed since the last load (`forget`); `None` when no
    /// one reported, and then nothing is trusted: the next load walks and stats every file.
    pub(crate) reported: Option<HashSet<PathBuf>>,
    /// The fingerprint of the shortcode templates the rendered Markdown was expanded with.
    pub(crate) shortcodes: Option<u64>,
    /// The last load's tree, and the site once the run that used it gave it back.
    pub(crate) tree: Option<Tree>,
    /// The documents whose Markdown this run rendered afresh, sorted: their anchors and
    /// links may have changed. Searched for every link of every document, and after a save
    /// one or two long, so a sorted list rather than a set to hash each link into.
    pub(crate) rerendered: Vec<String>,
    /// Each document's `@/` link and heading id problems as the last run found them, under
    /// the link index of the fingerprint beside them.
    pub(crate) link_problems: (u64, FastMap<String, Arc<Vec<Diagnostic>>>),
    /// The last run's ledger of the rendered pages' ids and links.
    pub(crate) ledger: Option<Ledger>,
}

/// A rendered page, with the fingerprint of all its template read.
#[derive(Clone)]
pub(crate) struct CachedPage {
    pub fingerprint: u64,
    pub bytes: Arc<Vec<u8>>,
    /// Its ids and links as the link check read them (`None`: it read none), added to the
    /// next build's ledger when the page is reused, instead of scanning the bytes again.
    pub found: Option<Arc<crate::linkcheck::Found>>,
}

/// Files as (path relative to `content/`, absolute path).
pub(crate) type ContentFiles = Vec<(String, PathBuf)>;

/// A 64-bit hash, for fingerprints. The same in every run of one senda build (a fixed
/// seed), which the manifest of builds across runs and the image cache's names need; a
/// new hash function only makes them look changed, so they are made again.
pub fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    // foldhash's quality variant: a fingerprint collision would serve a stale page.
    const SEED: u64 = 0x5e4d_a000_0000_0001;
    foldhash::quality::FixedState::with_seed(SEED).hash_one(value)
}

/// A hash map for lookups that every rebuild makes once per page: keyed by the fast
/// variant of the same hash, seeded per map, since keys come from users' files.
pub type FastMap<K, V> = foldhash::HashMap<K, V>;
/// The set of `FastMap`.
pub type FastSet<K> = foldhash::HashSet<K>;

/// One Markdown file as it was read, checked and rendered.
#[derive(Clone)]
pub(crate) struct CachedDocument {
    pub stamp: Stamp,
    /// The parsed document, or why it could not be parsed.
    pub document: Result<Document, Vec<Diagnostic>>,
    /// What the privacy lint found in it, once the pipeline's lint stage has looked.
    pub lint: std::sync::OnceLock<Vec<Diagnostic>>,
    /// Its rendered Markdown, with how each `@/` link resolved at the time: reused only
    /// while every link still resolves the same way.
    pub rendered: Option<Rendering>,
}

/// A document's rendered Markdown, and what it was rendered with.
#[derive(Clone)]
pub(crate) struct Rendering {
    /// Each `@/` target, with the URL it resolved to.
    pub links: LinkResolutions,
    pub html: Arc<Rendered>,
    /// The fingerprint of the link index `links` were last found to hold under: under an
    /// index with the same one (every URL the same), they still hold, without a lookup.
    pub checked_for: u64,
}

/// Each `@/` target of a document, with the URL it resolved to (`None`: broken).
pub(crate) type LinkResolutions = Vec<(String, Option<String>)>;

/// A file's size and modification time: a cheap sign that it changed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    /// Equal to no file's stamp.
    pub const NEVER: Stamp = Stamp {
        len: u64::MAX,
        modified: None,
    };

    pub fn of(path: &Path) -> Option<Stamp> {
        let metadata = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: metadata.len(),
            modified: metadata.modified().ok(),
        })
    }
}

impl Cache {
    /// Drops what depends on the changed files. A save within the clock's resolution can
    /// keep a file's stamp, so the watcher's word is taken over the stamp.
    ///
    /// Calling it is also a promise that `changed` is everything that changed since the last
    /// build: the next load then skips the walk and the stat of every other file, when the
    /// changes are edits of files it already knows (`trusted_edits`).
    pub fn forget(&mut self, changed: &[PathBuf]) {
        self.reported
            .get_or_insert_with(HashSet::new)
            .extend(changed.iter().cloned());
        let Some(content_dir) = &self.content_dir else {
            return;
        };
        for path in changed {
            if let Ok(relative) = path.strip_prefix(content_dir) {
                let key = crate::diag::display_path(relative);
                self.documents.remove(&key);
            }
        }
    }

    /// The content files edited since the last load, if the changes reported since are only
    /// edits of files it listed (no file added, removed or renamed, so `content_files` stands
    /// and no walk is needed). Takes the report: the next load trusts nothing unless told
    /// again.
    pub(crate) fn trusted_edits(&mut self, content_dir: &Path) -> Option<HashSet<String>> {
        let reported = self.reported.take()?;
        if self.content_dir.as_deref() != Some(content_dir) || self.content_files.is_empty() {
            return None;
        }
        // By their bytes: the watcher reports the paths the walk made. A path spelled
        // otherwise is only not trusted, and the load walks.
        let known: FastSet<&std::ffi::OsStr> = self
            .content_files
            .iter()
            .map(|(_, a)| a.as_os_str())
            .collect();
        let mut edited = HashSet::new();
        for path in &reported {
            let Ok(relative) = path.strip_prefix(content_dir) else {
                continue;
            };
            // A file replaced by a symbolic link is no edit: the walk skips links, and so
            // must a load that trusts the list (plans are read from it too).
            let is_file = path.symlink_metadata().is_ok_and(|m| m.is_file());
            if !known.contains(path.as_os_str()) || !is_file {
                return None;
            }
            edited.insert(crate::diag::display_path(relative));
        }
        Some(edited)
    }

    /// The link index of the last load's tree, made by `build` the first time it is asked.
    pub(crate) fn link_index(&mut self, build: impl FnOnce() -> LinkIndex) -> Arc<LinkIndex> {
        match &mut self.tree {
            Some(tree) => Arc::clone(tree.index.get_or_insert_with(|| Arc::new(build()))),
            None => Arc::new(build()),
        }
    }

    /// The ledger for a run of `pages` pages: the last run's, when there was one to keep.
    pub(crate) fn ledger(&mut self, pages: usize, keep: bool) -> Ledger {
        match self.ledger.take() {
            Some(ledger) if keep => ledger,
            _ => Ledger::new(pages, keep),
        }
    }

    /// Keeps the site and the ledger a run has finished with, for the next run to start
    /// from, if there is a next (`again`: a preview's); else frees them off the caller's path.
    pub(crate) fn keep_site(&mut self, site: Site, ledger: Ledger, again: bool) {
        if !again {
            return crate::pipeline::drop_later((site, ledger));
        }
        self.ledger = ledger.for_next_run();
        match &mut self.tree {
            Some(tree) => tree.site = Some(site),
            None => crate::pipeline::drop_later(site),
        }
    }

    /// Forgets everything, as when site.toml changes.
    pub fn clear(&mut self) {
        *self = Cache::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file list is trusted only when someone reported, and only for edits of files it
    /// holds: anything else (a new file, a deleted one, a folder, the whole content folder
    /// after lost events) sends the next load back to walking.
    #[test]
    fn the_file_list_is_trusted_only_for_reported_edits() {
        let dir = tempfile::tempdir().expect("temp dir");
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("guias")).expect("mkdir");
        let page = content.join("guias/que-es.md");
        std::fs::write(&page, "+++\n+++\n").expect("write");
        let loaded = |cache: &mut Cache| {
            cache.content_dir = Some(content.clone());
            cache.content_files = vec![("guias/que-es.md".to_string(), page.clone())];
        };

        let mut cache = Cache::default();
        loaded(&mut cache);
        assert!(cache.trusted_edits(&content).is_none(), "no report");

        cache.forget(std::slice::from_ref(&page));
        cache.forget(&[dir.path().join("themes/senda/templates/page.html")]);
        let edited = cache.trusted_edits(&content).expect("an edit");
        assert_eq!(edited, HashSet::from(["guias/que-es.md".to_string()]));
        assert!(
            cache.trusted_edits(&content).is_none(),
            "a report is used once"
        );

        for untrusted in [
            content.join("guias/nueva.md"),
            content.join("guias"),
            content.clone(),
        ] {
            loaded(&mut cache);
            cache.forget(std::slice::from_ref(&untrusted));
            assert!(
                cache.trusted_edits(&content).is_none(),
                "{untrusted:?} was trusted"
            );
        }
        std::fs::remove_file(&page).expect("remove");
        loaded(&mut cache);
        cache.forget(std::slice::from_ref(&page));
        assert!(
            cache.trusted_edits(&content).is_none(),
            "a deleted file was trusted"
        );
        #[cfg(unix)]
        {
            let elsewhere = dir.path().join("elsewhere.md");
            std::fs::write(&elsewhere, "+++\n+++\n").expect("write");
            std::os::unix::fs::symlink(&elsewhere, &page).expect("symlink");
            loaded(&mut cache);
            cache.forget(std::slice::from_ref(&page));
            assert!(
                cache.trusted_edits(&content).is_none(),
                "a file replaced by a link was trusted"
            );
        }
    }
}
