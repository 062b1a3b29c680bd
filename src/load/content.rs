//! Loading `content/`: which files are sections, pages and assets, their front matter, and
//! the URL each one gets. The only module that walks the content folder.
//!
//! Conventions are Zola's: `_index.md` makes its folder a section, `index.md` makes its
//! folder a page bundle (the other files in it are the page's assets), every other `.md`
//! is a page. TOML files in `content/` are data (school plans) and are never copied; nor is
//! any file named like a private file or a copy of one (`ie-1.privado.toml.bak`), reported
//! instead (P6).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;

use crate::cache::{Cache, CachedDocument, Stamp};
use crate::diag::{Diagnostic, Diagnostics, Location, display_path};
use crate::lint::privacy;
use crate::load::config::Config;
use crate::load::toml_input::{self, Language, Source};
use crate::model::{Asset, Document, FrontMatter, Page, ROOT, Section, SectionId, Site};
use crate::names;
use crate::plan::private;
use crate::resolve::slug::{self, NameError};

pub const CONTENT_DIR: &str = "content";
const FENCE: &str = "+++";

/// Reads every file under `content/` into a `Site`. Problems are pushed into `diagnostics`;
/// the site is still returned with whatever could be read, so later stages find more errors.
pub fn load(
    config: Config,
    include_drafts: bool,
    cache: &mut Cache,
    diagnostics: &mut Diagnostics,
) -> Site {
    let content_dir = config.root.join(CONTENT_DIR);
    // Under `serve`, the watcher says which files changed: if they are only edits, the list
    // of files stands and only the edited ones are looked at again.
    let trusted = cache.trusted_content_files(&content_dir);
    cache.content_dir = Some(content_dir.clone());
    let (files, edited) = match trusted {
        Some((files, edited)) => (files, Some(edited)),
        None => (
            walk(&content_dir, diagnostics)
                .into_iter()
                .map(|f| (f.rel, f.absolute))
                .collect(),
            None,
        ),
    };
    cache.content_files = files.clone();
    let files: Vec<ContentFile> = files
        .into_iter()
        .map(|(rel, absolute)| ContentFile { rel, absolute })
        .collect();
    let bundles: HashSet<&str> = files
        .iter()
        .filter_map(|f| f.rel.strip_suffix("index.md"))
        .filter(|dir| dir.is_empty() || dir.ends_with('/'))
        .filter(|dir| !dir.is_empty())
        .collect();

    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    for file in &files {
        match classify(&file.rel, &bundles) {
            Kind::Markdown => markdown.push(file),
            Kind::Asset => assets.push(file),
            Kind::Data => {}
            Kind::Private => diagnostics.push(private::not_published(&content_path(&file.rel))),
            Kind::NestedInBundle(bundle) => diagnostics.push(
                Diagnostic::error(format!(
                    "`{}` is inside the page bundle `{bundle}` (a folder with index.md), which cannot hold other pages",
                    file.rel
                ))
                .at(Location::file(&content_path(&file.rel)))
                .help(format!(
                    "move it out of {bundle}, or rename {bundle}index.md to _index.md to make the folder a section"
                )),
            ),
        }
    }

    // Files whose stamp is unchanged are taken from the cache; the rest are read again.
    let previous = std::mem::take(&mut cache.documents);
    let entries: Vec<(String, Arc<CachedDocument>)> = markdown
        .par_iter()
        .map(|file| {
            // An edited file was dropped from the cache by `Cache::forget`; every other one
            // the watcher vouches for needs no stat.
            let unchanged = edited.as_ref().is_some_and(|e| !e.contains(&file.rel));
            if unchanged && let Some(cached) = previous.get(&file.rel) {
                return (file.rel.clone(), Arc::clone(cached));
            }
            let stamp = Stamp::of(&file.absolute);
            let entry = match (previous.get(&file.rel), stamp) {
                (Some(cached), Some(stamp)) if cached.stamp == stamp => Arc::clone(cached),
                _ => Arc::new(read_and_check(file, stamp)),
            };
            (file.rel.clone(), entry)
        })
        .collect();
    let mut loaded = Vec::new();
    for (rel, entry) in entries {
        diagnostics.extend(entry.lint.iter().cloned());
        match &entry.document {
            Ok(doc) => loaded.push(doc.clone()),
            Err(errors) => diagnostics.extend(errors.iter().cloned()),
        }
        cache.documents.insert(rel, entry);
    }
    assemble(config, loaded, assets, include_drafts, diagnostics)
}

struct ContentFile {
    /// Relative to `content/`, with `/` separators.
    rel: String,
    absolute: PathBuf,
}

enum Kind {
    Markdown,
    Asset,
    /// TOML, and copies of it (`ie-1.toml.bak`): read by `plan` or not at all, never copied.
    Data,
    /// Named like a private file but not a plan's companion: a copy of one (`.bak`, `(copia)`),
    /// or one in the wrong place. Never copied or read, and reported.
    Private,
    NestedInBundle(String),
}

fn classify(rel: &str, bundles: &HashSet<&str>) -> Kind {
    if private::looks_private(rel) {
        return if private::is_companion(rel) {
            Kind::Data
        } else {
            Kind::Private
        };
    }
    let own_bundle = rel
        .strip_suffix("index.md")
        .filter(|dir| dir.ends_with('/'));
    let enclosing = ancestors(rel)
        .filter(|dir| Some(*dir) != own_bundle)
        .find(|dir| bundles.contains(dir));
    let is_markdown = rel.ends_with(".md");
    match enclosing {
        Some(bundle) if is_markdown => Kind::NestedInBundle(bundle.to_string()),
        _ if is_markdown => Kind::Markdown,
        _ if is_data(rel) => Kind::Data,
        _ => Kind::Asset,
    }
}

/// TOML in any case, and the copies tools make of it (`ie-1.toml.bak`, `ie-1.toml (copia)`):
/// a public plan's raw text names teachers in full, which its pages mask.
fn is_data(rel: &str) -> bool {
    const EXTENSION: &[u8] = b".toml";
    let name = rel.rsplit('/').next().unwrap_or(rel).as_bytes();
    name.windows(EXTENSION.len())
        .enumerate()
        .any(|(at, window)| {
            window.eq_ignore_ascii_case(EXTENSION)
                && !name
                    .get(at + EXTENSION.len())
                    .is_some_and(u8::is_ascii_alphanumeric)
        })
}

/// The folders that contain `rel`, innermost first, each ending in `/`: `a/b/c.md` gives
/// `a/b/`, `a/`.
fn ancestors(rel: &str) -> impl Iterator<Item = &str> {
    rel.char_indices()
        .filter(|(_, c)| *c == '/')
        .map(move |(i, _)| &rel[..=i])
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
}

fn content_path(rel: &str) -> PathBuf {
    Path::new(CONTENT_DIR).join(rel)
}

fn walk(content_dir: &Path, diagnostics: &mut Diagnostics) -> Vec<ContentFile> {
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::error("the site has no content/ folder")
                .help("create content/_index.md for the home page"),
        );
        return Vec::new();
    }
    files_under_shown(content_dir, Path::new(CONTENT_DIR), diagnostics)
        .into_iter()
        .map(|(rel, absolute)| ContentFile { rel, absolute })
        .collect()
}

/// Every file below `dir`, sorted, as (path relative to `dir` with `/`, absolute path).
/// Hidden files and editor leftovers are skipped, whole folders included. So are symbolic
/// links, with a warning each: a link may point outside the site (a home folder, another
/// school's private files), and nothing outside the site is ever read or published.
pub fn files_under(dir: &Path, diagnostics: &mut Diagnostics) -> Vec<(String, PathBuf)> {
    files_under_shown(dir, dir, diagnostics)
}

/// `files_under`, its warnings naming `dir` as `shown` (`content`).
fn files_under_shown(
    dir: &Path,
    shown: &Path,
    diagnostics: &mut Diagnostics,
) -> Vec<(String, PathBuf)> {
    let mut walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    let mut files = Vec::new();
    while let Some(entry) = walker.next() {
        match entry {
            // A `\` is a folder separator on Windows and in URLs, and `display_path` would
            // read it as one here: such a name is refused, and a folder's files with it.
            Ok(entry)
                if entry.depth() > 0 && entry.file_name().to_string_lossy().contains('\\') =>
            {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                let folder = shown.join(rel.parent().unwrap_or(Path::new("")));
                diagnostics.push(
                    Diagnostic::error(format!(
                        "the name `{}` cannot be a file of the site: {}",
                        entry.file_name().to_string_lossy(),
                        names::Problem::Character('\\').describe()
                    ))
                    .at(Location::file(&folder))
                    .help("rename it, e.g. with `-` in place of `\\`"),
                );
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
            }
            Ok(entry) if entry.file_type().is_file() => {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                files.push((display_path(rel), entry.path().to_path_buf()));
            }
            Ok(entry) if entry.path_is_symlink() => {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                let path = shown.join(rel);
                diagnostics.push(
                    Diagnostic::warning(format!(
                        "`{}` is a symbolic link: skipped",
                        display_path(&path)
                    ))
                    .at(Location::file(&path))
                    .help("senda never follows links, which may point outside the site: put the file itself here"),
                );
            }
            Ok(_) => {}
            Err(e) => diagnostics.push(Diagnostic::error(format!(
                "cannot read {}: {e}",
                display_path(dir)
            ))),
        }
    }
    files
}

/// Hidden files and editor leftovers (`.#x`, `x~`, `.x.swp`) are never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#')
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    date: Option<toml::Spanned<toml::Value>>,
    #[serde(default)]
    weight: Option<i64>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    template: Option<String>,
    #[serde(default)]
    extra: toml::Table,
}

/// Reads, parses and lints one Markdown file, as a cache entry.
fn read_and_check(file: &ContentFile, stamp: Option<Stamp>) -> CachedDocument {
    let document = read_document(file);
    let lint = match &document {
        Ok(doc) => {
            let mut found = Diagnostics::default();
            let path = content_path(&doc.source);
            // Everything a page publishes is linted: its front matter as well as its body.
            if let Ok((front, _)) = split_front_matter(&doc.text, &path) {
                let source = Source {
                    path: &path,
                    file_text: &doc.text,
                    offset: front.start,
                    toml: &doc.text[front],
                };
                privacy::lint_front_matter(&source, &mut found);
            }
            privacy::lint_markdown(&path, &doc.text, doc.body_start, &mut found);
            found.into_iter().collect()
        }
        Err(_) => Vec::new(),
    };
    CachedDocument {
        // A file that vanished between the walk and the read gets no stamp: it is read
        // again next time, whatever happens.
        stamp: stamp.unwrap_or(Stamp::NEVER),
        document,
        lint,
        rendered: None,
    }
}

fn read_document(file: &ContentFile) -> Result<Document, Vec<Diagnostic>> {
    let path = content_path(&file.rel);
    let bytes = std::fs::read(&file.absolute).map_err(|e| {
        vec![Diagnostic::error(format!("cannot read file: {e}")).at(Location::file(&path))]
    })?;
    let text = decode_utf8(bytes, &path)?;
    let (front, body_start) = split_front_matter(&text, &path)?;
    let source = Source {
        path: &path,
        file_text: &text,
        offset: front.start,
        toml: &text[front.clone()],
    };
    let raw: RawFrontMatter = toml_input::parse(&source, Language::English)?;
    let meta = resolve_front_matter(raw, &source)?;
    Ok(Document {
        hash: crate::cache::hash_of(&(&file.rel, &text)),
        source: file.rel.clone(),
        text: text.into(),
        body_start,
        meta,
        path: String::new(),
        rendered: Default::default(),
    })
}

pub(crate) fn decode_utf8(bytes: Vec<u8>, path: &Path) -> Result<String, Vec<Diagnostic>> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(text)
        }
        Err(e) => {
            let bytes = e.as_bytes();
            let valid = e.utf8_error().valid_up_to();
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let location = Location::from_range(path, prefix, valid..valid);
            Err(vec![
                Diagnostic::error(format!(
                    "the file is not UTF-8 text (byte 0x{:02X} at line {}, column {})",
                    bytes[valid], location.line, location.column
                ))
                .at(location)
                .help("save the file with UTF-8 encoding (in most editors: Save as… > Encoding > UTF-8)"),
            ])
        }
    }
}

/// Finds the TOML between the `+++` fences. Returns its byte range and where the body starts.
fn split_front_matter(
    text: &str,
    path: &Path,
) -> Result<(std::ops::Range<usize>, usize), Vec<Diagnostic>> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != FENCE {
        return Err(vec![
            Diagnostic::error("missing front matter: the file must start with a `+++` line")
                .at(Location::from_range(path, text, 0..first_line.len()))
                .help("start the file with\n      +++\n      title = \"Título de la página\"\n      +++"),
        ]);
    }
    let front_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = front_start;
    for line in text[front_start..].split_inclusive('\n') {
        if line.trim_end() == FENCE {
            return Ok((front_start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    Err(vec![
        Diagnostic::error("the front matter is never closed: no second `+++` line")
            .at(Location::from_range(path, text, 0..FENCE.len()))
            .help("add a line with only `+++` after the last front matter key"),
    ])
}

fn resolve_front_matter(
    raw: RawFrontMatter,
    source: &Source,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let RawFrontMatter {
        title,
        description,
        date,
        weight,
        draft,
        template,
        extra,
    } = raw;
    let mut errors = Vec::new();
    if title.trim().is_empty() {
        errors.push(
            Diagnostic::error("`title` is empty")
                .at(source.locate(0..0))
                .help("write the page's title, e.g. `title = \"Visita en aula\"`"),
        );
    }
    let date = date.and_then(|spanned| match parse_date(spanned.get_ref()) {
        Some(date) => Some(date),
        None => {
            errors.push(
                Diagnostic::error("`date` is not a date")
                    .at(source.locate(spanned.span()))
                    .help("write it as year-month-day, e.g. `date = 2024-07-12`"),
            );
            None
        }
    });
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(FrontMatter {
        title,
        description,
        date,
        weight,
        draft,
        template,
        extra,
    })
}

/// Accepts a TOML date (`2024-07-12`, also with a time) or the same as a string.
fn parse_date(value: &toml::Value) -> Option<String> {
    crate::plan::calendar::Fecha::from_front_matter(value).map(|date| date.to_string())
}

/// Gives every document its URL and section, drops drafts, and links sections to pages.
fn assemble(
    config: Config,
    documents: Vec<Document>,
    asset_files: Vec<&ContentFile>,
    include_drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Site {
    let (mut section_docs, page_docs): (Vec<Document>, Vec<Document>) = documents
        .into_iter()
        .partition(|d| d.source == "_index.md" || d.source.ends_with("/_index.md"));
    section_docs.sort_by(|a, b| a.source.cmp(&b.source));
    if section_docs.first().is_none_or(|d| d.source != "_index.md") {
        section_docs.insert(0, default_home(&config));
    }

    // Folders (with trailing `/`, the root being "") left out because they are draft sections.
    let draft_dirs: Vec<String> = section_docs
        .iter()
        .filter(|d| d.meta.draft && !include_drafts)
        .map(|d| section_dir(&d.source).to_string())
        .collect();
    let in_draft_dir = |rel: &str| draft_dirs.iter().any(|dir| rel.starts_with(dir.as_str()));

    let mut site = Site {
        config,
        sections: Vec::new(),
        pages: Vec::new(),
        assets: Vec::new(),
        skipped_drafts: HashSet::new(),
    };
    let mut urls: HashMap<String, String> = HashMap::new();
    let mut section_by_dir: BTreeMap<String, SectionId> = BTreeMap::new();

    for mut doc in section_docs {
        if in_draft_dir(&doc.source) && doc.source != "_index.md" {
            site.skipped_drafts.insert(doc.source);
            continue;
        }
        let dir = section_dir(&doc.source).to_string();
        let Some(path) = url_path(&dir, None, &doc.source, diagnostics) else {
            continue;
        };
        doc.path = path;
        if claim_url(&mut urls, &doc, diagnostics) {
            section_by_dir.insert(dir, site.sections.len());
            site.sections.push(Section {
                doc,
                parent: None,
                pages: Vec::new(),
                subsections: Vec::new(),
            });
        }
    }
    for id in 1..site.sections.len() {
        let parent = nearest_section(&site.sections[id].doc.source, &section_by_dir, true);
        site.sections[id].parent = Some(parent);
        site.sections[parent].subsections.push(id);
    }

    for mut doc in page_docs {
        if (doc.meta.draft && !include_drafts) || in_draft_dir(&doc.source) {
            site.skipped_drafts.insert(doc.source);
            continue;
        }
        let (dir, stem) = split_page_source(&doc.source);
        let Some(path) = url_path(dir, stem, &doc.source, diagnostics) else {
            continue;
        };
        doc.path = path;
        if claim_url(&mut urls, &doc, diagnostics) {
            let section = nearest_section(&doc.source, &section_by_dir, false);
            site.sections[section].pages.push(site.pages.len());
            site.pages.push(Page { doc, section });
        }
    }
    let section_keys: Vec<_> = site.sections.iter().map(|s| order_key(&s.doc)).collect();
    for section in &mut site.sections {
        sort_pages(&mut section.pages, &site.pages);
        section
            .subsections
            .sort_by(|a, b| section_keys[*a].cmp(&section_keys[*b]));
    }

    for file in asset_files {
        if in_draft_dir(&file.rel) {
            continue;
        }
        if let Some(asset) = asset(file, diagnostics) {
            site.assets.push(asset);
        }
    }
    site
}

fn default_home(config: &Config) -> Document {
    Document {
        source: "_index.md".to_string(),
        text: "".into(),
        hash: crate::cache::hash_of(&(&config.title, &config.description)),
        body_start: 0,
        meta: FrontMatter {
            title: config.title.clone(),
            description: Some(config.description.clone()).filter(|d| !d.is_empty()),
            ..Default::default()
        },
        path: String::new(),
        rendered: Default::default(),
    }
}

/// `guias/_index.md` -> `guias/`; `_index.md` -> ``.
fn section_dir(source: &str) -> &str {
    source.strip_suffix("_index.md").unwrap_or(source)
}

/// Splits a page source into its folder and the file stem that names it; a bundle
/// (`guias/visita/index.md`) is named by its folder alone.
fn split_page_source(source: &str) -> (&str, Option<&str>) {
    if let Some(dir) = source.strip_suffix("index.md").filter(|d| d.ends_with('/')) {
        return (dir, None);
    }
    let (dir, file) = source
        .rsplit_once('/')
        .map_or(("", source), |(d, f)| (&source[..d.len() + 1], f));
    (dir, Some(file.strip_suffix(".md").unwrap_or(file)))
}

/// The URL path of a document in folder `dir` (ending in `/`), named `stem` unless a bundle.
fn url_path(
    dir: &str,
    stem: Option<&str>,
    source: &str,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let mut path = String::new();
    for name in dir.split('/').filter(|s| !s.is_empty()).chain(stem) {
        match slug::slug_for_name(name) {
            Ok(slug) => {
                if let Some(problem) = names::problem(&slug) {
                    diagnostics.push(unportable_name(name, &slug, source, problem));
                    return None;
                }
                path.push_str(&slug);
                path.push('/');
            }
            Err(error) => {
                diagnostics.push(bad_name(name, source, error));
                return None;
            }
        }
    }
    Some(path)
}

/// A name whose output file Windows (a reserved device name) or a file system (too long)
/// cannot hold: the site must open from a USB stick on any school computer.
fn unportable_name(name: &str, output: &str, source: &str, problem: names::Problem) -> Diagnostic {
    let becomes = if name == output {
        String::new()
    } else {
        format!(" (written as `{output}`)")
    };
    Diagnostic::error(format!(
        "the name `{name}`{becomes} cannot be a file of the site: {}",
        problem.describe()
    ))
    .at(Location::file(&content_path(source)))
    .help(match problem {
        names::Problem::TooLong(_) => "shorten it",
        _ => "rename it, e.g. with a word more (`consejo`, `aux-docente`)",
    })
}

fn bad_name(name: &str, source: &str, error: NameError) -> Diagnostic {
    let problem = match error {
        NameError::Character(c) => format!("it contains `{c}`"),
        NameError::Empty => "no letter or digit is left of it".to_string(),
    };
    Diagnostic::error(format!(
        "the name `{name}` cannot become part of a URL: {problem}"
    ))
    .at(Location::file(&content_path(source)))
    .help("rename it using only letters, digits, spaces, `-` and `_`, e.g. `visita-en-aula.md`")
}

/// Records that `doc` owns its URL; reports a clash with the file that owned it first.
fn claim_url(
    urls: &mut HashMap<String, String>,
    doc: &Document,
    diagnostics: &mut Diagnostics,
) -> bool {
    match urls.get(&doc.path) {
        Some(first) => {
            diagnostics.push(
                Diagnostic::error(format!(
                    "`content/{}` and `content/{first}` both become the URL /{}",
                    doc.source, doc.path
                ))
                .at(Location::file(&content_path(&doc.source)))
                .help("rename or move one of them; URLs are made from file names with accents and capitals folded"),
            );
            false
        }
        None => {
            urls.insert(doc.path.clone(), doc.source.clone());
            true
        }
    }
}

/// The section that owns `source`: the section of the nearest folder above it with an
/// `_index.md`. A section's own folder is skipped (`skip_own`) so it finds its parent.
fn nearest_section(
    source: &str,
    section_by_dir: &BTreeMap<String, SectionId>,
    skip_own: bool,
) -> SectionId {
    let own = section_dir(source);
    ancestors(source)
        .filter(|dir| !(skip_own && *dir == own))
        .find_map(|dir| section_by_dir.get(dir).copied())
        .unwrap_or(ROOT)
}

/// Pages with a `weight` come first, lightest first; then the rest by title.
fn order_key(doc: &Document) -> (bool, i64, String, String) {
    (
        doc.meta.weight.is_none(),
        doc.meta.weight.unwrap_or(0),
        slug::slugify(&doc.meta.title),
        doc.source.clone(),
    )
}

fn sort_pages(ids: &mut [usize], pages: &[Page]) {
    ids.sort_by_cached_key(|id| order_key(&pages[*id].doc));
}

fn asset(file: &ContentFile, diagnostics: &mut Diagnostics) -> Option<Asset> {
    let (dir, name) = file
        .rel
        .rsplit_once('/')
        .map_or(("", file.rel.as_str()), |(d, n)| (d, n));
    let mut output = String::new();
    for part in dir.split('/').filter(|s| !s.is_empty()) {
        match slug::slug_for_name(part) {
            Ok(slug) => {
                if let Some(problem) = names::problem(&slug) {
                    diagnostics.push(unportable_name(part, &slug, &file.rel, problem));
                    return None;
                }
                output.push_str(&slug);
                output.push('/');
            }
            Err(error) => {
                diagnostics.push(bad_name(part, &file.rel, error));
                return None;
            }
        }
    }
    // An asset keeps its name, so all of it must be portable (`\`, `:`, `nul.txt`…).
    if let Some(problem) = names::problem(name) {
        diagnostics.push(unportable_name(name, name, &file.rel, problem));
        return None;
    }
    output.push_str(name);
    Some(Asset {
        source: file.rel.clone(),
        absolute: file.absolute.clone(),
        output,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundles_pages_and_data_are_told_apart() {
        let bundles: HashSet<&str> = ["guias/visita/"].into_iter().collect();
        assert!(matches!(
            classify("guias/visita/index.md", &bundles),
            Kind::Markdown
        ));
        assert!(matches!(
            classify("guias/visita/ficha.pdf", &bundles),
            Kind::Asset
        ));
        assert!(matches!(
            classify("guias/visita/otra.md", &bundles),
            Kind::NestedInBundle(_)
        ));
        assert!(matches!(classify("planes/ie-1.toml", &bundles), Kind::Data));
        // Copies of a public plan name the teachers its pages mask.
        for copy in [
            "planes/ie-1.TOML",
            "planes/ie-1.toml.bak",
            "planes/ie-1.toml (copia)",
        ] {
            assert!(matches!(classify(copy, &bundles), Kind::Data), "{copy}");
        }
        assert!(matches!(
            classify("planes/ie-1.privado.toml", &bundles),
            Kind::Data
        ));
        for copy in [
            "planes/ie-1.privado.toml.bak",
            "guias/visita/ie-1.privado.toml",
            "guias/notas.privado.md",
        ] {
            assert!(matches!(classify(copy, &bundles), Kind::Private), "{copy}");
        }
        assert!(matches!(
            classify("guias/horario.tomlx", &bundles),
            Kind::Asset
        ));
        assert!(matches!(
            classify("guias/que-es.md", &bundles),
            Kind::Markdown
        ));
    }

    #[test]
    fn page_sources_split_into_folder_and_stem() {
        assert_eq!(split_page_source("a/b.md"), ("a/", Some("b")));
        assert_eq!(split_page_source("b.md"), ("", Some("b")));
        assert_eq!(split_page_source("a/b/index.md"), ("a/b/", None));
    }

    #[test]
    fn dates_accept_toml_dates_and_strings() {
        let date: toml::Value = "2024-07-12"
            .parse::<toml::value::Datetime>()
            .unwrap()
            .into();
        assert_eq!(parse_date(&date).as_deref(), Some("2024-07-12"));
        assert_eq!(parse_date(&"2024-7-12".into()), None);
        assert_eq!(parse_date(&"2024-13-01".into()), None);
    }
}
