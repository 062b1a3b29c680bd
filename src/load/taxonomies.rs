//! Taxonomies (Zola's): `taxonomies` of site.toml resolved, each page's `[taxonomies]` checked against what `site.toml`
//! declares, and the terms gathered, each with its pages and its URL.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Diagnostics, Location, suggest};
use crate::load::config::CONFIG_FILE;
use crate::load::toml_input::{Source, table_keys};
use crate::messages::Site as Text;
use crate::model::{Document, PageId, Site, Taxonomy, Term};
use crate::resolve::slug::slugify;
use crate::tr;

/// One entry of `taxonomies`, with Zola's key names.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTaxonomy {
    name: String,
    /// Zola's `render`: `false` keeps the terms for templates but writes no pages for them.
    #[serde(default = "yes")]
    render: bool,
}

fn yes() -> bool {
    true
}

/// A declared taxonomy, as `config.taxonomies` shows it to templates (Zola's names).
#[derive(Debug, Clone, PartialEq, Serialize, Hash)]
pub struct TaxonomyConfig {
    pub name: String,
    /// The URL part of its pages: `nivel` gives `/nivel/` and `/nivel/primaria/`.
    pub slug: String,
    pub render: bool,
}

/// The declared taxonomies, each with a name that gives a URL part of its own.
pub(super) fn resolve_taxonomies(
    raw: Vec<RawTaxonomy>,
    at: Location,
    errors: &mut Vec<Diagnostic>,
) -> Vec<TaxonomyConfig> {
    let mut taxonomies: Vec<TaxonomyConfig> = Vec::new();
    for RawTaxonomy { name, render } in raw {
        let slug = crate::resolve::slug::slugify(&name);
        if slug.is_empty() {
            errors.push(
                Diagnostic::error(tr!(Text::TaxonomyNoName, name))
                    .at(at.clone())
                    .help(tr!(Text::TaxonomyNoNameHelp)),
            );
        } else if taxonomies.iter().any(|t| t.slug == slug) {
            errors.push(
                Diagnostic::error(tr!(Text::TaxonomyTwice, name))
                    .at(at.clone())
                    .help(tr!(Text::TaxonomyTwiceHelp)),
            );
        } else {
            taxonomies.push(TaxonomyConfig { name, slug, render });
        }
    }
    taxonomies
}

/// The site's taxonomies and their terms. Every use of a taxonomy `site.toml` does not
/// declare, an empty term, and a section with `[taxonomies]` is reported.
pub(super) fn collect(site: &Site, diagnostics: &mut Diagnostics) -> Vec<Taxonomy> {
    let declared = &site.config.taxonomies;
    let mut taxonomies: Vec<Taxonomy> = declared
        .iter()
        .enumerate()
        .map(|(i, t)| Taxonomy {
            config: i,
            path: format!("{}/", t.slug),
            terms: Vec::new(),
        })
        .collect();
    for section in &site.sections {
        if !section.doc.meta.taxonomies.is_empty() {
            diagnostics.push(
                Diagnostic::error(tr!(Text::TaxonomyOnSection))
                    .at(key_locations(&section.doc)
                        .into_values()
                        .next()
                        .unwrap_or_else(|| {
                            Location::file(&Path::new("content").join(&section.doc.source))
                        }))
                    .help(tr!(Text::TaxonomyOnSectionHelp)),
            );
        }
    }
    // slug -> index into the taxonomy's terms, per taxonomy.
    let mut term_index: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); declared.len()];
    for (id, page) in site.pages.iter().enumerate() {
        let doc = &page.doc;
        if doc.meta.taxonomies.is_empty() {
            continue;
        }
        let locations = key_locations(doc);
        for (name, terms) in &doc.meta.taxonomies {
            let at = locations
                .get(name)
                .cloned()
                .unwrap_or_else(|| Location::file(&Path::new("content").join(&doc.source)));
            let Some(t) = declared.iter().position(|t| &t.name == name) else {
                diagnostics.push(undeclared(site, name, at));
                continue;
            };
            for term in terms {
                let slug = slugify(term);
                if slug.is_empty() {
                    diagnostics.push(
                        Diagnostic::error(tr!(Text::TermEmpty, term, name))
                            .at(at.clone())
                            .help(tr!(Text::TermEmptyHelp)),
                    );
                    continue;
                }
                add(&mut taxonomies[t], &mut term_index[t], term, slug, id);
            }
        }
    }
    for taxonomy in &mut taxonomies {
        // Slugs sort as readers expect: accents folded, `¿` and quotes ignored.
        let title = |p: &PageId| slugify(&site.pages[*p].doc.meta.title);
        for term in &mut taxonomy.terms {
            term.pages.dedup();
            term.pages.sort_by_cached_key(title);
        }
        taxonomy.terms.sort_by(|a, b| a.slug.cmp(&b.slug));
    }
    check_clashes(site, &taxonomies, diagnostics);
    taxonomies
}

fn add(
    taxonomy: &mut Taxonomy,
    index: &mut BTreeMap<String, usize>,
    name: &str,
    slug: String,
    page: PageId,
) {
    let i = *index.entry(slug.clone()).or_insert_with(|| {
        taxonomy.terms.push(Term {
            name: name.to_string(),
            path: format!("{}{slug}/", taxonomy.path),
            slug,
            pages: Vec::new(),
        });
        taxonomy.terms.len() - 1
    });
    taxonomy.terms[i].pages.push(page);
}

fn undeclared(site: &Site, name: &str, at: Location) -> Diagnostic {
    let declared = &site.config.taxonomies;
    let error = Diagnostic::error(tr!(Text::TaxonomyUndeclared, name, CONFIG_FILE)).at(at);
    if declared.is_empty() {
        return error.help(tr!(Text::TaxonomyDeclareHelp, CONFIG_FILE, name));
    }
    match suggest(name, declared.iter().map(|t| t.name.as_str())) {
        Some(near) => error.help(tr!(Text::DidYouMean, near)),
        None => {
            let names: Vec<String> = declared.iter().map(|t| format!("`{}`", t.name)).collect();
            error.help(tr!(
                Text::TaxonomyKnownHelp,
                names.join(", "),
                CONFIG_FILE,
                name
            ))
        }
    }
}

/// Where each key of the document's `[taxonomies]` table is written.
fn key_locations(doc: &Document) -> BTreeMap<String, Location> {
    let path = Path::new("content").join(&doc.source);
    let (range, toml) = doc.front_matter();
    // `front_matter` ends with the closing fence, which is no TOML.
    let toml = toml.trim_end().strip_suffix("+++").unwrap_or(toml);
    let source = Source {
        path: &path,
        file_text: &doc.text,
        offset: range.start,
        toml,
    };
    table_keys(&source, "taxonomies").into_iter().collect()
}

/// A taxonomy's pages must not take the URL of a section or page of `content/`.
fn check_clashes(site: &Site, taxonomies: &[Taxonomy], diagnostics: &mut Diagnostics) {
    let taken: HashSet<&str> = site.documents().map(|d| d.path.as_str()).collect();
    let reserved = [crate::plan::paths::INDEX];
    for taxonomy in taxonomies {
        let paths = std::iter::once(&taxonomy.path).chain(taxonomy.terms.iter().map(|t| &t.path));
        for path in paths {
            if taken.contains(path.as_str()) || reserved.contains(&path.as_str()) {
                let name = &site.config.taxonomies[taxonomy.config].name;
                diagnostics.push(
                    Diagnostic::error(tr!(Text::TaxonomyClash, name, path))
                        .at(Location::file(Path::new(CONFIG_FILE)))
                        .help(tr!(Text::TaxonomyClashHelp)),
                );
            }
        }
    }
}
