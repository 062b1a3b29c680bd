//! What a rebuild may reuse from the builds before it.
//!
//! Every entry is keyed by everything its value was computed from, so using it gives the
//! same bytes as computing it again: the output of `senda serve` after any sequence of
//! edits is the output of a clean build (tests/testsuite/incremental.rs checks it).
//! `build` and `check` start from an empty cache; `serve` keeps one across rebuilds and
//! tells it which files changed.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::diagnostics::Diagnostic;
use crate::model::{Document, Rendered};

#[derive(Default)]
pub struct Cache {
    /// By content path (`guias/que-es.md`).
    pub(crate) documents: HashMap<String, Arc<CachedDocument>>,
    /// The content folder the keys are relative to, set by the first build.
    pub(crate) content_dir: Option<PathBuf>,
    /// Rendered pages by output path, with the fingerprint of all their template read.
    pub(crate) pages: HashMap<String, (u64, Arc<Vec<u8>>)>,
}

/// A 64-bit hash, for fingerprints. Stable within a process, which is all a cache needs.
pub fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// One Markdown file as it was read, checked and rendered.
#[derive(Clone)]
pub(crate) struct CachedDocument {
    pub stamp: Stamp,
    /// The parsed document, or why it could not be parsed.
    pub document: Result<Document, Vec<Diagnostic>>,
    /// What the privacy lint found in it.
    pub lint: Vec<Diagnostic>,
    /// Its rendered Markdown, with how each `@/` link resolved at the time: reused only
    /// while every link still resolves the same way.
    pub rendered: Option<(LinkResolutions, Arc<Rendered>)>,
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
    pub fn forget(&mut self, changed: &[PathBuf]) {
        let Some(content_dir) = &self.content_dir else {
            return;
        };
        for path in changed {
            if let Ok(relative) = path.strip_prefix(content_dir) {
                let key = crate::diagnostics::display_path(relative);
                self.documents.remove(&key);
            }
        }
    }

    /// Forgets everything, as when site.toml changes.
    pub fn clear(&mut self) {
        *self = Cache::default();
    }
}
