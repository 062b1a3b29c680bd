//! What the last `senda build` into an output made of each plan, and from what, so the next
//! build carries unchanged plans' files over (hard links) instead of making them again.
//!
//! The manifest lives beside the output, `.<name>.senda-manifest` (the names `write` keeps
//! for itself), so it is never published nor uploaded with the site. It is never trusted
//! blindly: it is used only when the site key (senda's version and binary, the
//! configuration, every template, theme, page and static file, the year) is the one it was
//! written with; a plan only when its own bytes and its private companion's hash alike; and
//! a plan's file only when the one in the output still has the size, modification time and
//! inode it was written with (so a file edited, replaced or deleted by hand is made again).
//! Only plans that passed with no diagnostic at all are recorded, so a plan's warnings are
//! reported on every build.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::plan::view::PlanSummary;
use crate::search::SearchDoc;

/// Raised whenever what the manifest holds, or how it is read, changes.
const FORMAT: u32 = 1;

/// The manifest's path: beside the output, like the build lock.
pub fn path_for(output: &Path) -> PathBuf {
    let name = output.file_name().unwrap_or_default().to_string_lossy();
    output.with_file_name(format!(".{name}.senda-manifest"))
}

/// A file's size, modification time and inode: what a hand edit, a replacement or a copy
/// changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp(u64, i64, u32, u64);

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        if !meta.is_file() {
            return None;
        }
        let modified = meta.modified().ok()?;
        let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
        let secs = i64::try_from(since.as_secs()).ok()?;
        Some(Stamp(meta.len(), secs, since.subsec_nanos(), inode(&meta)))
    }
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.ino()
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

/// Hashes what a build's output depends on, a piece at a time. Stable across runs of one
/// binary, and the binary is part of every site key.
#[derive(Default)]
pub struct Key(DefaultHasher);

impl Key {
    pub fn text(&mut self, text: &str) -> &mut Key {
        self.bytes(text.as_bytes())
    }

    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Key {
        self.0.write_usize(bytes.len());
        self.0.write(bytes);
        self
    }

    /// A file's bytes, or a mark that it could not be read; returns the bytes.
    pub fn file(&mut self, path: &Path) -> Option<Vec<u8>> {
        match std::fs::read(path) {
            Ok(bytes) => {
                self.bytes(&bytes);
                Some(bytes)
            }
            Err(_) => {
                self.text("\u{0}unreadable");
                None
            }
        }
    }

    /// A file by its stamp only (static files: copied, never read by a plan's pages).
    pub fn stamp(&mut self, path: &Path) -> &mut Key {
        let stamp = Stamp::of(path);
        self.text(&format!("{stamp:?}"))
    }

    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}

/// This binary: its version, and its size and time, so a rebuilt senda trusts no manifest.
pub fn binary_key(key: &mut Key) {
    key.text(env!("CARGO_PKG_VERSION"));
    match std::env::current_exe() {
        Ok(exe) => key.stamp(&exe),
        Err(_) => key.text("\u{0}no binary"),
    };
}

/// One plan as the manifest records it.
#[derive(Serialize, Deserialize)]
pub struct PlanEntry<S> {
    pub id: String,
    /// The hash of the plan file's bytes and its private companion's, if any.
    pub input: u64,
    pub outputs: Vec<(String, Stamp)>,
    /// `None` for a plan that made nothing (a draft) and said nothing.
    pub summary: Option<S>,
    pub search: Option<SearchDoc>,
}

#[derive(Serialize, Deserialize)]
struct Manifest<S> {
    format: u32,
    site: u64,
    plans: Vec<PlanEntry<S>>,
}

/// The plans of the last build that may be carried over, by id.
#[derive(Default)]
pub struct Previous {
    plans: HashMap<String, PlanEntry<super::summary::Stored>>,
}

impl Previous {
    /// The manifest beside `output`, if it was written with `site` and reads back whole;
    /// else nothing (a full build).
    pub fn load(output: &Path, site: u64) -> Previous {
        let Ok(bytes) = std::fs::read(path_for(output)) else {
            return Previous::default();
        };
        let manifest: Manifest<super::summary::Stored> = match serde_json::from_slice(&bytes) {
            Ok(m) => m,
            Err(_) => return Previous::default(),
        };
        if manifest.format != FORMAT || manifest.site != site {
            return Previous::default();
        }
        let plans = manifest
            .plans
            .into_iter()
            .map(|p| (p.id.clone(), p))
            .collect();
        Previous { plans }
    }

    /// The plans among `candidates` (id, input hash) whose every file in `output` is as
    /// the manifest recorded it: taken out of the manifest, with their summaries.
    pub fn carry(
        &mut self,
        output: &Path,
        candidates: &[(String, u64)],
    ) -> HashMap<String, PlanEntry<PlanSummary>> {
        let plans = &self.plans;
        let keep: Vec<&str> = candidates
            .par_iter()
            .filter(|(id, input)| {
                plans.get(id).is_some_and(|entry| {
                    entry.input == *input
                        && entry
                            .outputs
                            .iter()
                            .all(|(path, stamp)| Stamp::of(&output.join(path)) == Some(*stamp))
                })
            })
            .map(|(id, _)| id.as_str())
            .collect();
        let mut carried = HashMap::new();
        for id in keep {
            let Some(entry) = self.plans.remove(id) else {
                continue;
            };
            let summary = match entry.summary.map(super::summary::Stored::into_summary) {
                Some(None) => continue,
                summary => summary.flatten(),
            };
            let entry = PlanEntry {
                id: entry.id,
                input: entry.input,
                outputs: entry.outputs,
                summary,
                search: entry.search,
            };
            carried.insert(id.to_string(), entry);
        }
        carried
    }
}

/// Writes the manifest of a build beside `output`: a temporary file renamed over the old
/// one, so a killed build leaves the old manifest or the new, never half of one.
pub fn write(output: &Path, site: u64, plans: Vec<PlanEntry<PlanSummary>>) -> io::Result<()> {
    let manifest = Manifest {
        format: FORMAT,
        site,
        plans,
    };
    let bytes = serde_json::to_vec(&manifest).map_err(io::Error::other)?;
    let path = path_for(output);
    let mut temporary = path.clone().into_os_string();
    temporary.push(".tmp");
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, &path)
}

/// Removes the manifest beside `output` (a build that did not write one must not leave one
/// describing another output).
pub fn remove(output: &Path) {
    let _ = std::fs::remove_file(path_for(output));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_changes_with_an_edit_and_a_replacement() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.html");
        std::fs::write(&file, "uno").unwrap();
        let first = Stamp::of(&file).unwrap();
        assert_eq!(Stamp::of(&file), Some(first));
        std::fs::write(dir.path().join("b.html"), "dos").unwrap();
        std::fs::rename(dir.path().join("b.html"), &file).unwrap();
        assert_ne!(Stamp::of(&file), Some(first), "a file renamed over it");
        std::fs::remove_file(&file).unwrap();
        assert_eq!(Stamp::of(&file), None);
    }

    #[test]
    fn a_manifest_of_another_site_key_or_format_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let entry = |id: &str| PlanEntry::<serde_json::Value> {
            id: id.to_string(),
            input: 1,
            outputs: Vec::new(),
            summary: None,
            search: None,
        };
        let manifest = Manifest {
            format: FORMAT,
            site: 7,
            plans: vec![entry("ie-1")],
        };
        std::fs::write(path_for(&output), serde_json::to_vec(&manifest).unwrap()).unwrap();
        assert_eq!(Previous::load(&output, 8).plans.len(), 0);
        let older = Manifest {
            format: FORMAT + 1,
            ..manifest
        };
        std::fs::write(path_for(&output), serde_json::to_vec(&older).unwrap()).unwrap();
        assert_eq!(Previous::load(&output, 7).plans.len(), 0);
    }
}
