//! The content tree: every document given its URL and its section, drafts dropped,
//! sections linked to their pages and subsections in order, assets given their output
//! names. Each name must become a URL part (`slug`) that every disk can hold (`names`).

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::config::Config;
use crate::load::content::{ContentFile, ancestors, content_path};
use crate::messages::Site as Text;
use crate::model::{Asset, Document, FrontMatter, Page, ROOT, Section, SectionId, Site, SortBy};
use crate::names;
use crate::resolve::slug::{self, NameError};
use crate::tr;

/// Gives every document its URL and section, drops drafts, and links sections to pages.
pub(super) fn assemble(
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
        data_files: Vec::new(),
        skipped_drafts: HashSet::new(),
        taxonomies: Vec::new(),
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
        let Some(path) = page_path(&doc, diagnostics) else {
            continue;
        };
        doc.path = path;
        if claim_url(&mut urls, &doc, diagnostics) {
            let section = nearest_section(&doc.source, &section_by_dir, false);
            site.sections[section].pages.push(site.pages.len());
            site.pages.push(Page {
                doc,
                section,
                lower: None,
                higher: None,
            });
        }
    }
    put_in_order(&mut site);

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

/// Each section's pages in its order, subsections in senda's, and each page's neighbours.
fn put_in_order(site: &mut Site) {
    let section_keys: Vec<_> = site.sections.iter().map(|s| order_key(&s.doc)).collect();
    for section in &mut site.sections {
        sort_pages(
            &mut section.pages,
            &site.pages,
            section.doc.meta.section.sort_by,
        );
        section
            .subsections
            .sort_by(|a, b| section_keys[*a].cmp(&section_keys[*b]));
    }
    site.link_neighbours();
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

/// A page's URL path: from its file name, or Zola's `path` (the whole of it) or `slug`
/// (its last part).
fn page_path(doc: &Document, diagnostics: &mut Diagnostics) -> Option<String> {
    let (dir, stem) = split_page_source(&doc.source);
    match (&doc.meta.url_path, &doc.meta.slug) {
        (Some(path), _) => url_path(path, None, &doc.source, diagnostics),
        (None, Some(slug)) => url_path(dir, Some(slug), &doc.source, diagnostics),
        (None, None) => url_path(dir, stem, &doc.source, diagnostics),
    }
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
    let message = if name == output {
        tr!(Text::BadName, name, problem.describe())
    } else {
        tr!(Text::BadNameWritten, name, output, problem.describe())
    };
    Diagnostic::error(message)
        .at(Location::file(&content_path(source)))
        .help(match problem {
            names::Problem::TooLong(_) => tr!(Text::ShortenIt),
            _ => tr!(Text::RenameDevice),
        })
}

fn bad_name(name: &str, source: &str, error: NameError) -> Diagnostic {
    let problem = match error {
        NameError::Character(c) => tr!(Text::NameHasCharacter, c),
        NameError::Empty => tr!(Text::NameEmpty),
    };
    Diagnostic::error(tr!(Text::NotUrlName, name, problem))
        .at(Location::file(&content_path(source)))
        .help(tr!(Text::NotUrlNameHelp))
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
                Diagnostic::error(tr!(Text::SameUrl, doc.source, first, doc.path))
                    .at(Location::file(&content_path(&doc.source)))
                    .help(tr!(Text::SameUrlHelp)),
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

/// Pages in a section's order: senda's (`order_key`) unless the section has Zola's
/// `sort_by`. By date newest first and by weight lightest first, pages without one last;
/// by title in slug order (accents and case aside); `none` in file name order.
pub(crate) fn sort_pages(ids: &mut [usize], pages: &[Page], sort_by: Option<SortBy>) {
    let doc = |id: &usize| &pages[*id].doc;
    match sort_by {
        None => ids.sort_by_cached_key(|id| order_key(doc(id))),
        Some(SortBy::Date) => ids.sort_by_cached_key(|id| {
            let date = doc(id).meta.date.clone();
            (
                date.is_none(),
                std::cmp::Reverse(date),
                doc(id).source.clone(),
            )
        }),
        Some(SortBy::Weight) => ids.sort_by_cached_key(|id| {
            let weight = doc(id).meta.weight;
            (weight.is_none(), weight, doc(id).source.clone())
        }),
        Some(SortBy::Title) => ids
            .sort_by_cached_key(|id| (slug::slugify(&doc(id).meta.title), doc(id).source.clone())),
        Some(SortBy::None) => ids.sort_by_cached_key(|id| doc(id).source.clone()),
    }
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
    fn page_sources_split_into_folder_and_stem() {
        assert_eq!(split_page_source("a/b.md"), ("a/", Some("b")));
        assert_eq!(split_page_source("b.md"), ("", Some("b")));
        assert_eq!(split_page_source("a/b/index.md"), ("a/b/", None));
    }
}
