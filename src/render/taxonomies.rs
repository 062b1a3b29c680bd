//! What templates read of taxonomies, in Zola's names: `taxonomy`, `terms` and `term` on
//! the list and term pages, and the values of `get_taxonomy` and `get_taxonomy_url`.

use std::collections::HashMap;

use serde::Serialize;

use super::context::{LinkView, link_view};
use crate::load::taxonomies::TaxonomyConfig;
use crate::model::{Site, Taxonomy, Term};

/// A term as templates see it (Zola's `TaxonomyTerm`), with `url` as senda's links have.
#[derive(Serialize)]
pub(super) struct TermView<'a> {
    name: &'a str,
    slug: &'a str,
    path: String,
    url: String,
    permalink: String,
    pages: Vec<LinkView<'a>>,
    page_count: usize,
}

/// What `get_taxonomy(kind=…)` returns (Zola's shape).
#[derive(Serialize)]
struct TaxonomyValue<'a> {
    kind: &'a TaxonomyConfig,
    items: Vec<TermView<'a>>,
    permalink: String,
    url: String,
    lang: &'a str,
}

pub(super) fn term_view<'a>(site: &'a Site, term: &'a Term) -> TermView<'a> {
    let config = &site.config;
    TermView {
        name: &term.name,
        slug: &term.slug,
        path: format!("/{}", term.path),
        url: config.url(&term.path),
        permalink: config.permalink(&term.path),
        pages: term
            .pages
            .iter()
            .map(|p| link_view(config, &site.pages[*p].doc))
            .collect(),
        page_count: term.pages.len(),
    }
}

pub(super) fn terms_view<'a>(site: &'a Site, taxonomy: &'a Taxonomy) -> Vec<TermView<'a>> {
    taxonomy.terms.iter().map(|t| term_view(site, t)).collect()
}

/// What the taxonomy functions answer, computed once per run.
#[derive(Default)]
pub struct TaxonomyData {
    /// Taxonomy name -> `get_taxonomy`'s value.
    pub(super) values: HashMap<String, tera::Value>,
    /// (taxonomy name, term slug) -> the term page's root-relative URL.
    pub(super) urls: HashMap<(String, String), String>,
}

impl TaxonomyData {
    pub fn new(site: &Site) -> TaxonomyData {
        let config = &site.config;
        let mut data = TaxonomyData::default();
        for taxonomy in &site.taxonomies {
            let kind = &config.taxonomies[taxonomy.config];
            let value = TaxonomyValue {
                kind,
                items: terms_view(site, taxonomy),
                permalink: config.permalink(&taxonomy.path),
                url: config.url(&taxonomy.path),
                lang: &config.language,
            };
            data.values
                .insert(kind.name.clone(), tera::Value::from_serializable(&value));
            for term in &taxonomy.terms {
                data.urls.insert(
                    (kind.name.clone(), term.slug.clone()),
                    config.url(&term.path),
                );
            }
        }
        data
    }

    /// A hash of every term and its pages, for the fingerprint of pages that may call the
    /// functions.
    pub(super) fn fingerprint(site: &Site) -> u64 {
        let terms: Vec<(&str, &str, &[usize])> = site
            .taxonomies
            .iter()
            .flat_map(|t| t.terms.iter())
            .map(|t| (t.name.as_str(), t.path.as_str(), t.pages.as_slice()))
            .collect();
        crate::cache::hash_of(&terms)
    }
}
