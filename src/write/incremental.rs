//! One `senda build`'s use of the manifest (`manifest`): which plans it carries over from
//! the last build, their files linked into the staging folder, the summaries and search
//! documents of every plan in site order, and the manifest of what it made.
//!
//! Only a plan's own files (`planes/<id>/...`: its page, print page and exports) are
//! carried; every page, listing, `planes.json`, the sitemap and the search index are made
//! on every build, from the carried plans' stored summaries and search documents.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::manifest::{self, Key, PlanEntry, Previous, Stamp};
use super::{MARKER, OutputFile, PRIVATE_MARKER, Sink};
use crate::BuildOptions;
use crate::diag::Diagnostics;
use crate::load::config::Config;
use crate::plan::view::PlanSummary;
use crate::plan::{Listing, paths};
use crate::search::SearchDoc;

pub struct Incremental {
    output: PathBuf,
    site: u64,
    /// Each public plan's input hash (its bytes and its companion's), by id.
    inputs: HashMap<String, u64>,
    carried: HashMap<String, PlanEntry<PlanSummary>>,
    /// The files this build made of each plan it did not carry.
    made: HashMap<String, Vec<String>>,
    /// The plans of the manifest to write, filled by `merge`.
    entries: Vec<PlanEntry<PlanSummary>>,
}

/// What the site key is made of.
struct Inputs<'a> {
    config: &'a Config,
    include_drafts: bool,
    /// Every file of `content/`, as the load found it.
    content_files: &'a [(String, PathBuf)],
    listing: &'a Listing,
    /// The claimed output, resolved.
    output: &'a Path,
}

impl Incremental {
    /// The site key and every plan's input hash, and the plans the last build's manifest
    /// lets this one carry over.
    /// (`--clean`, in `options`, carries nothing, and still writes the manifest.)
    pub fn start(
        config: &Config,
        options: &BuildOptions,
        content_files: &[(String, PathBuf)],
        listing: &Listing,
        output: &Path,
    ) -> Incremental {
        let inputs = Inputs {
            config,
            include_drafts: options.include_drafts,
            content_files,
            listing,
            output,
        };
        let site = site_key(&inputs);
        let search = config.build_search_index;
        let hashed: Vec<(String, u64)> = listing
            .plans()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(id, plan, companion)| {
                let mut key = Key::default();
                key.file(plan);
                if let Some(companion) = companion {
                    key.text("\u{0}privado").file(companion);
                }
                (id.to_string(), key.finish())
            })
            .collect();
        let mut carried = if options.clean {
            HashMap::new()
        } else {
            Previous::load(output, site).carry(output, &hashed)
        };
        carried.retain(|_, entry| entry.summary.is_none() || entry.search.is_some() == search);
        Incremental {
            output: output.to_path_buf(),
            site,
            inputs: hashed.into_iter().collect(),
            carried,
            made: HashMap::new(),
            entries: Vec::new(),
        }
    }

    /// Every file of the carried plans, linked from the previous output into the sink's
    /// staging folder; returns the plans of `listing` left to make.
    pub fn link_into(&self, sink: &Sink, listing: &Listing) -> Listing {
        let files: Vec<&str> = self
            .carried
            .values()
            .flat_map(|entry| entry.outputs.iter().map(|(path, _)| path.as_str()))
            .collect();
        sink.carry(&self.output, &files);
        listing.without(&self.carried.keys().cloned().collect())
    }

    /// Notes which plan each of `files` (a chunk's pages and exports) belongs to.
    pub fn record(&mut self, files: &[OutputFile]) {
        for file in files {
            let id = file
                .path
                .strip_prefix(paths::INDEX)
                .and_then(|p| p.split('/').next());
            if let Some(id) = id {
                let made = self.made.entry(id.to_string()).or_default();
                made.push(file.path.clone());
            }
        }
    }

    /// Every plan's summary and (with `search`) search document, in site order: the
    /// carried plans' from the manifest, the others' from this build (`fresh`, in the order
    /// they were made, one document a summary).
    pub fn merge(
        &mut self,
        listing: &Listing,
        fresh: Vec<PlanSummary>,
        fresh_search: Vec<SearchDoc>,
    ) -> (Vec<PlanSummary>, Vec<SearchDoc>) {
        let search = !fresh_search.is_empty() || self.carried.values().any(|e| e.search.is_some());
        let mut search_of: HashMap<String, SearchDoc> = fresh
            .iter()
            .map(|s| s.id.clone())
            .zip(fresh_search)
            .collect();
        let mut fresh_of: HashMap<String, PlanSummary> =
            fresh.into_iter().map(|s| (s.id.clone(), s)).collect();
        let (mut summaries, mut documents) = (Vec::new(), Vec::new());
        for (id, _, _) in listing.plans() {
            // A plan that made no summary is a draft (or failed, and then the build did).
            let entry = match (self.carried.remove(id), fresh_of.remove(id)) {
                (Some(entry), _) => entry,
                (None, summary) => PlanEntry {
                    id: id.to_string(),
                    input: self.inputs.get(id).copied().unwrap_or_default(),
                    outputs: Vec::new(),
                    summary,
                    search: search_of.remove(id),
                },
            };
            if let Some(summary) = &entry.summary {
                summaries.push(summary.clone());
                if search && let Some(doc) = &entry.search {
                    documents.push(doc.clone());
                }
            }
            self.entries.push(entry);
        }
        (summaries, documents)
    }

    /// After the swap: the manifest of the new output, with every plan that passed without
    /// a diagnostic and whose files are all in place. One that cannot be written is removed:
    /// the next build then makes every plan again.
    pub fn finish(self, diagnostics: &Diagnostics) {
        let output = self.output.clone();
        if self.write_manifest(diagnostics).is_err() {
            manifest::remove(&output);
        }
    }

    fn write_manifest(mut self, diagnostics: &Diagnostics) -> io::Result<()> {
        let mentioned: HashSet<String> = diagnostics
            .iter()
            .filter_map(|d| d.location.as_ref())
            .filter_map(|l| l.path.file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .collect();
        let clean_plan = |id: &str| {
            !mentioned.contains(&format!("{id}.toml"))
                && !mentioned.contains(&format!("{id}{}", paths::PRIVATE_SUFFIX))
        };
        let output = &self.output;
        let made = &self.made;
        let entries: Vec<PlanEntry<PlanSummary>> = std::mem::take(&mut self.entries)
            .into_par_iter()
            .filter_map(|mut entry| {
                // A draft is recorded only while it has nothing to say.
                if entry.summary.is_none() {
                    return clean_plan(&entry.id).then_some(entry);
                }
                if !entry.outputs.is_empty() {
                    return Some(entry);
                }
                if !clean_plan(&entry.id) {
                    return None;
                }
                let files = made.get(&entry.id)?;
                entry.outputs = files
                    .iter()
                    .map(|path| Some((path.clone(), Stamp::of(&output.join(path))?)))
                    .collect::<Option<_>>()?;
                Some(entry)
            })
            .collect();
        manifest::write(output, self.site, entries)
    }
}

/// The parts of the site folder a build reads besides `content/`.
const SITE_PARTS: [&str; 4] = [
    crate::load::config::CONFIG_FILE,
    "themes",
    "templates",
    "static",
];

/// Template functions that may read any file of the site folder: with one in a template,
/// every file there counts.
const READS_ANY_FILE: [&str; 2] = ["load_data", "resize_image"];

/// Everything a plan's files may depend on besides the plan: senda itself, the
/// configuration, the year (rules read it), and every file of the site a build reads but
/// the plans: templates, themes and pages by their bytes, `static/` by its stamps; and when
/// a template may read any file (`READS_ANY_FILE`), all the others of the site folder by
/// their stamps.
fn site_key(inputs: &Inputs) -> u64 {
    let mut key = Key::default();
    manifest::binary_key(&mut key);
    key.text(&format!("{:?}", inputs.config))
        .text(&format!("{}", inputs.include_drafts))
        .text(&crate::plan::calendar::current_year().to_string());
    let root = &inputs.config.root;
    let site_part = |name: &str| SITE_PARTS.contains(&name);
    let mut files = files_of(root, site_part, |name| name == "static", inputs.output);
    let plans: HashSet<&Path> = inputs
        .listing
        .plans()
        .flat_map(|(_, plan, companion)| [Some(plan), companion])
        .flatten()
        .collect();
    for (rel, absolute) in inputs.content_files {
        if !plans.contains(absolute.as_path()) {
            files.push(SiteFile::new(
                format!("content/{rel}"),
                absolute.clone(),
                false,
            ));
        }
    }
    let hashed: Vec<(u64, bool)> = files.par_iter().map(SiteFile::hash).collect();
    if hashed.iter().any(|(_, reads_any)| *reads_any) {
        let others = |name: &str| name != "content" && !SITE_PARTS.contains(&name);
        let rest = files_of(root, others, |_| true, inputs.output);
        key.text("\u{0}every file");
        for hash in rest
            .par_iter()
            .map(|file| file.hash().0)
            .collect::<Vec<_>>()
        {
            key.bytes(&hash.to_le_bytes());
        }
    }
    for (hash, _) in hashed {
        key.bytes(&hash.to_le_bytes());
    }
    key.finish()
}

/// A file of the site folder as the site key takes it.
struct SiteFile {
    rel: String,
    absolute: PathBuf,
    by_stamp: bool,
}

impl SiteFile {
    fn new(rel: String, absolute: PathBuf, by_stamp: bool) -> SiteFile {
        SiteFile {
            rel,
            absolute,
            by_stamp,
        }
    }

    /// Its hash, and whether it is a template that may read any file of the site folder.
    fn hash(&self) -> (u64, bool) {
        let mut key = Key::default();
        key.text(&self.rel);
        if self.by_stamp {
            key.stamp(&self.absolute);
            return (key.finish(), false);
        }
        let bytes = key.file(&self.absolute);
        let template = self.rel.ends_with(".html") && !self.rel.starts_with("content/");
        let reads_any = template
            && bytes.is_some_and(|b| {
                let text = String::from_utf8_lossy(&b);
                READS_ANY_FILE.iter().any(|f| text.contains(f))
            });
        (key.finish(), reads_any)
    }
}

/// Every file below the entries of the site folder `root` whose names `take` accepts, by
/// stamp below those `by_stamp` names: hidden entries, the output and other builds'
/// folders are never taken.
fn files_of(
    root: &Path,
    take: impl Fn(&str) -> bool,
    by_stamp: impl Fn(&str) -> bool,
    output: &Path,
) -> Vec<SiteFile> {
    let mut files = Vec::new();
    for entry in crate::fs::list(root).into_iter().flatten() {
        let hidden = entry.name.starts_with('.');
        let is_output = super::resolve(&entry.path) == output;
        let a_build = entry.path.join(MARKER).exists() || entry.path.join(PRIVATE_MARKER).exists();
        if hidden || is_output || a_build || !take(&entry.name) {
            continue;
        }
        let stamped = by_stamp(&entry.name);
        for found in crate::fs::walk(&entry.path).flatten() {
            if found.is_file() {
                let rel = found.path().strip_prefix(root).unwrap_or(found.path());
                let rel = crate::diag::display_path(rel);
                files.push(SiteFile::new(rel, found.path().to_path_buf(), stamped));
            }
        }
    }
    files
}
