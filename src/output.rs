//! Writing the built site without ever losing data.
//!
//! The site is written into a staging folder beside the output and swapped in only when
//! every file is written, so a failed or interrupted build leaves the previous output as it
//! was. A folder is replaced only if it is empty or carries senda's marker file: other
//! generators have deleted whole projects by writing into the wrong folder.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use std::collections::{BTreeMap, HashSet};

use crate::config::{Config, Overrides};
use crate::content::files_under;
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};

/// Written into every output folder; its presence means senda may replace the folder.
pub const MARKER: &str = ".senda-output";
const MARKER_TEXT: &str = "This folder is written by senda and replaced on every build.\n";

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
        for (rel, from) in files_under(dir, diagnostics) {
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

/// Refuses output folders whose replacement would destroy something that is not ours.
pub fn check_output_dir(root: &Path, output: &Path, force: bool) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let output = absolute(output);
    let shown = display_path(&output);
    let refuse = |why: &str| {
        Err(
            Diagnostic::error(format!("refusing to write the site into {shown}: {why}"))
                .help("choose an output folder of its own, e.g. `--output public`"),
        )
    };
    if output.parent().is_none() {
        return refuse("it is the root of the file system");
    }
    if home_dir().is_some_and(|home| absolute(&home) == output) {
        return refuse("it is your home folder");
    }
    if root.starts_with(&output) {
        return refuse("it is the site's folder or contains it");
    }
    for source in ["content", "themes", "templates", "static"] {
        if output.starts_with(root.join(source)) {
            return refuse(&format!("it is inside the site's {source}/ folder"));
        }
    }
    for marker in ["content", "themes", "site.toml"] {
        if output.join(marker).exists() {
            return refuse(&format!(
                "it contains {marker}, so it looks like a site, not an output"
            ));
        }
    }
    let is_ours = output.join(MARKER).is_file();
    let is_empty = fs::read_dir(&output).map_or(true, |mut entries| entries.next().is_none());
    if output.exists() && !output.is_dir() {
        return refuse("it is a file");
    }
    if !is_ours && !is_empty && !force {
        return Err(Diagnostic::error(format!(
            "refusing to replace {shown}: it is not empty and senda did not write it"
        ))
        .help("choose another --output folder, empty this one, or pass --force to replace it"));
    }
    Ok(())
}

/// `--private` output holds teachers' personal data: it must be named explicitly and lie
/// outside the site folder, so it is never committed, published or swept into the public
/// output.
pub fn check_private_output_dir(config: &Config, overrides: &Overrides) -> Result<(), Diagnostic> {
    let help = "pass --output with a folder outside the site, e.g. `--output ../planificadores`";
    let Some(output) = &overrides.output_dir else {
        return Err(Diagnostic::error("--private needs an explicit --output folder").help(help));
    };
    let output = absolute(output);
    if output.starts_with(absolute(&config.root)) {
        return Err(Diagnostic::error(format!(
            "refusing to write private planners into {}: it is inside the site, next to what gets published",
            display_path(&output)
        ))
        .help(help));
    }
    Ok(())
}

/// Writes `files` and `copies` into a staging folder, then swaps it in place of `output`.
pub fn write_site(output: &Path, files: &[OutputFile], copies: &[CopiedFile]) -> io::Result<()> {
    let staging = Staging::create(output)?;
    files.par_iter().try_for_each(|f| staging.write(f))?;
    staging.commit(copies)
}

/// The folder a build writes into as it goes; swapped in place of the output by `commit`,
/// and deleted if dropped before, so a failed build leaves the previous output as it was.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    name: String,
    /// Folders made so far, so each file costs one `create_dir_all` at most once a folder.
    made: Mutex<HashSet<PathBuf>>,
    committed: bool,
}

impl Staging {
    pub fn create(output: &Path) -> io::Result<Staging> {
        let output = absolute(output);
        let parent = output.parent().unwrap_or(Path::new("/")).to_path_buf();
        let name = output
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        fs::create_dir_all(&parent)?;
        remove_leftovers(&parent, &name);
        let dir = parent.join(format!(".{name}.senda-staging-{}", std::process::id()));
        fs::create_dir_all(&dir)?;
        fs::write(dir.join(MARKER), MARKER_TEXT)?;
        Ok(Staging {
            dir,
            output,
            name,
            made: Mutex::new(HashSet::new()),
            committed: false,
        })
    }

    pub fn write(&self, file: &OutputFile) -> io::Result<()> {
        let target = self.dir.join(&file.path);
        self.make_parent(&target)?;
        fs::write(target, file.bytes.as_slice())
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

    /// Copies `copies` in, then swaps the staging folder in place of the output.
    pub fn commit(mut self, copies: &[CopiedFile]) -> io::Result<()> {
        copies.par_iter().try_for_each(|c| {
            let target = self.dir.join(&c.to);
            self.make_parent(&target)?;
            fs::copy(&c.from, target).map(|_| ())
        })?;
        swap_in(&self.dir, &self.output, &self.name)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
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
        files.into_par_iter().for_each(|file| self.put_one(file));
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

/// Replaces `output` by `staging` with two renames; the old folder is deleted afterwards.
fn swap_in(staging: &Path, output: &Path, name: &str) -> io::Result<()> {
    if !output.exists() {
        return fs::rename(staging, output);
    }
    let parent = output.parent().unwrap_or(Path::new("/"));
    let old = parent.join(format!(".{name}.senda-old-{}", std::process::id()));
    fs::rename(output, &old)?;
    if let Err(e) = fs::rename(staging, output) {
        // Put the previous site back so the user is left with what they had.
        let _ = fs::rename(&old, output);
        return Err(e);
    }
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

/// Staging or old folders left by a build that was killed half-way.
fn remove_leftovers(parent: &Path, name: &str) {
    let prefixes = [
        format!(".{name}.senda-staging-"),
        format!(".{name}.senda-old-"),
    ];
    for entry in fs::read_dir(parent).into_iter().flatten().flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Lexically absolute: relative paths are joined to the current folder and `..` resolved,
/// without requiring the path to exist (the output folder usually does not yet).
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve symlinks where the path exists, so `out -> .` is seen for what it is.
    fs::canonicalize(&out).unwrap_or(out)
}

fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME").map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_resolves_parent_components() {
        assert_eq!(
            absolute(Path::new("/a/b/../c/./d")),
            PathBuf::from("/a/c/d")
        );
    }
}
