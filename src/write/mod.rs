//! Writing the built site without ever losing data, and never where it does not belong.
//!
//! The site is written into a staging folder beside the output and swapped in only when
//! every file is written, so a failed or interrupted build leaves the previous output as it
//! was. Before anything is read, a build claims its output (`safety::claim`): the folder must
//! be one senda may replace, and no other build may be writing there (`lock`).
//!
//! - `safety`: path resolution through symbolic links, and every refusal.
//! - `lock`: the one-build-at-a-time lock beside the output.
//! - `staging`: the staging folder, its check before the swap, the atomic swap, and the
//!   recovery of an output lost by a build killed half-way.
//! - `manifest`, `incremental`, `summary`: what the last build made of each plan and from
//!   what, so the next carries unchanged plans' files over instead of making them again.

pub mod incremental;
mod lock;
pub mod manifest;
mod safety;
mod staging;
mod summary;
pub mod zip;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use std::collections::BTreeMap;

use crate::diag::Diagnostics;
use crate::load::config::Config;

pub use safety::{Claim, check_location, claim, home_dir, resolve};
pub use staging::Staging;

/// The marker of a public site: a folder holding it was written by `senda build`, and a
/// public build may replace it. A private build never does, nor writes inside it.
pub const MARKER: &str = ".senda-output";
/// The marker of private planners (`senda build --private`): personal data. A private build
/// may replace a folder holding it; a public build only with `--force`. A folder never holds
/// both markers. Folders marked by senda before private markers existed hold `MARKER`, and
/// count as public: a private build refusing an old folder of planners is the safe mistake.
pub const PRIVATE_MARKER: &str = ".senda-private";

/// What a build writes: the public site, or private planners.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Public,
    Private,
}

impl Kind {
    /// The marker file this kind of build writes into its output.
    pub fn marker(self) -> &'static str {
        match self {
            Kind::Public => MARKER,
            Kind::Private => PRIVATE_MARKER,
        }
    }

    fn marker_text(self) -> &'static str {
        match self {
            Kind::Public => "This folder is written by senda and replaced on every build.\n",
            Kind::Private => {
                "This folder holds private planners written by `senda build --private`: \
                 personal data, never to be published. senda replaces it on every private build.\n"
            }
        }
    }
}

/// A file to write, relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    /// Shared, so a page reused from an earlier build is not copied.
    pub bytes: Arc<Vec<u8>>,
}

impl OutputFile {
    pub fn new(path: String, bytes: Vec<u8>) -> OutputFile {
        OutputFile {
            path,
            bytes: Arc::new(bytes),
        }
    }
}

/// A file copied as is (theme static files, content assets).
#[derive(Debug, Clone)]
pub struct CopiedFile {
    pub from: PathBuf,
    pub to: String,
}

/// Static files to copy: the theme's `static/`, then the site's `static/` over it.
pub fn static_files(config: &Config, diagnostics: &mut Diagnostics) -> Vec<CopiedFile> {
    let mut dirs = Vec::new();
    if let Some(theme) = &config.theme {
        dirs.push(config.root.join("themes").join(theme).join("static"));
    }
    dirs.push(config.root.join("static"));
    let mut by_path: BTreeMap<String, PathBuf> = BTreeMap::new();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        // A private file or a copy of one is never published, wherever it was put (P6).
        let shown = dir.strip_prefix(&config.root).unwrap_or(dir);
        for (rel, from) in crate::fs::site_files(dir, dir, diagnostics) {
            if crate::plan::private::looks_private(&rel) {
                diagnostics.push(crate::plan::private::not_published(&shown.join(&rel)));
            } else {
                by_path.insert(rel, from);
            }
        }
    }
    by_path
        .into_iter()
        .map(|(to, from)| CopiedFile { from, to })
        .collect()
}

/// Writes `files` and `copies` into a staging folder, then swaps it in place of the
/// claimed output.
pub fn write_site(claim: Claim, files: &[OutputFile], copies: &[CopiedFile]) -> io::Result<()> {
    let staging = Staging::create(claim)?;
    files.par_iter().try_for_each(|f| staging.write(f))?;
    staging.commit(copies)
}

/// Where a run's files go as they are made: kept in memory (`senda serve`), written into
/// a staging folder (`senda build`), or only counted (`senda check`). Every path is
/// remembered, to find two sources writing the same file.
pub struct Sink {
    keep: bool,
    staging: Option<Staging>,
    kept: Mutex<Vec<OutputFile>>,
    paths: Mutex<Vec<String>>,
    failure: Mutex<Option<io::Error>>,
}

impl Sink {
    pub fn keep() -> Sink {
        Sink::new(true, None)
    }

    pub fn write_to(staging: Staging) -> Sink {
        Sink::new(false, Some(staging))
    }

    pub fn discard() -> Sink {
        Sink::new(false, None)
    }

    fn new(keep: bool, staging: Option<Staging>) -> Sink {
        Sink {
            keep,
            staging,
            kept: Mutex::default(),
            paths: Mutex::default(),
            failure: Mutex::default(),
        }
    }

    pub fn put(&self, files: Vec<OutputFile>) {
        if self.staging.is_some() {
            files.into_par_iter().for_each(|file| self.put_one(file));
            return;
        }
        // Nothing to write: the paths, and the files if kept, taken under one lock each.
        if let Ok(mut paths) = self.paths.lock() {
            paths.extend(files.iter().map(|f| f.path.clone()));
        }
        if self.keep
            && let Ok(mut kept) = self.kept.lock()
        {
            kept.extend(files);
        }
    }

    pub fn put_one(&self, file: OutputFile) {
        // The first failure is the one to report; later ones are its consequences.
        if let Some(staging) = &self.staging
            && let Err(e) = staging.write(&file)
            && let Ok(mut failure) = self.failure.lock()
            && failure.is_none()
        {
            *failure = Some(e);
        }
        if let Ok(mut paths) = self.paths.lock() {
            paths.push(file.path.clone());
        }
        if self.keep
            && let Ok(mut kept) = self.kept.lock()
        {
            kept.push(file);
        }
    }

    /// Files of the previous output (`previous`) carried into the staging folder as they
    /// are (`incremental`); a sink with no staging folder only counts their paths.
    pub fn carry(&self, previous: &std::path::Path, files: &[&str]) {
        files.par_iter().for_each(|path| {
            if let Some(staging) = &self.staging
                && let Err(e) = staging.carry(previous, path)
                && let Ok(mut failure) = self.failure.lock()
                && failure.is_none()
            {
                *failure = Some(e);
            }
        });
        if let Ok(mut paths) = self.paths.lock() {
            paths.extend(files.iter().map(|p| p.to_string()));
        }
    }

    pub fn finish(self) -> Finished {
        Finished {
            kept: self.kept.into_inner().unwrap_or_default(),
            paths: self.paths.into_inner().unwrap_or_default(),
            staging: self.staging,
            failure: self.failure.into_inner().unwrap_or_default(),
        }
    }
}

/// What a `Sink` holds at the end of a run.
pub struct Finished {
    /// The files, when kept (`serve`).
    pub kept: Vec<OutputFile>,
    /// Every path put, to find two sources writing the same file.
    pub paths: Vec<String>,
    /// The staging folder (`build`): deleted if dropped, swapped in by `commit`.
    pub staging: Option<Staging>,
    /// The first write that failed.
    pub failure: Option<io::Error>,
}

/// Every output path: no two files at one (unless `distinct` says so, known from the link
/// check's set of them), and each a name every disk takes under the output folder. Copied
/// files are named from the site's folder, as every other file of it is.
pub fn check_paths(
    config: &Config,
    (files, copies): (&[String], &[CopiedFile]),
    distinct: bool,
    diagnostics: &mut Diagnostics,
) {
    if !distinct {
        check_clashes(files, copies, &config.root, diagnostics);
    }
    crate::names::check_output_paths(config, files, copies, diagnostics);
}

/// Two sources that would write the same output file (a static `index.html` over the home
/// page, an asset named like a page) are an error rather than a silent overwrite.
fn check_clashes(
    files: &[String],
    copies: &[CopiedFile],
    root: &Path,
    diagnostics: &mut Diagnostics,
) {
    // Where each path comes from: a rendered page (`None`), or the file copied there.
    let mut seen: crate::cache::FastMap<&str, Option<&Path>> = crate::cache::FastMap::default();
    let origins = files.iter().map(|f| (f.as_str(), None)).chain(
        copies
            .iter()
            .map(|c| (c.to.as_str(), Some(c.from.as_path()))),
    );
    let name = |origin: Option<&Path>| match origin {
        Some(from) => crate::diag::display_path(from.strip_prefix(root).unwrap_or(from)),
        None => crate::tr!(crate::messages::Site::TwoFilesRendered),
    };
    for (path, origin) in origins {
        if let Some(first) = seen.get(path) {
            diagnostics.push(
                crate::diag::Diagnostic::error(crate::tr!(
                    crate::messages::Site::TwoFiles,
                    path,
                    name(*first),
                    name(origin)
                ))
                .help(crate::tr!(crate::messages::Site::TwoFilesHelp)),
            );
        } else {
            seen.insert(path, origin);
        }
    }
}
