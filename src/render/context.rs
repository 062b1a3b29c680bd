//! What templates read, in Zola's names: `page`, `section`, their links, and the menu.

use std::borrow::Cow;

use serde::Serialize;

use super::html::adapt_content;
use crate::load::config::Config;
use crate::model::{Document, PageId, ROOT, SectionId, Site, TocEntry};

/// The top-level sections, for every page's menu: serialized once, not per page.
pub(super) fn nav(site: &Site) -> tera::Value {
    let nav: Vec<LinkView> = site.sections[ROOT]
        .subsections
        .iter()
        .map(|s| link_view(&site.config, &site.sections[*s].doc))
        .collect();
    tera::Value::from_serializable(&nav)
}

/// A link to another page or section, as breadcrumbs, listings and previous/next use it.
#[derive(Serialize)]
pub(super) struct LinkView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    date: Option<&'a str>,
    weight: Option<i64>,
    extra: &'a toml::Table,
    path: String,
    url: String,
    permalink: String,
    relative_path: &'a str,
    word_count: usize,
    reading_time: usize,
}

#[derive(Serialize)]
pub(super) struct DocumentView<'a> {
    #[serde(flatten)]
    link: LinkView<'a>,
    content: Cow<'a, str>,
    toc: &'a [TocEntry],
    /// Sections from the home page down to the parent, for breadcrumbs.
    ancestors: Vec<LinkView<'a>>,
}

#[derive(Serialize)]
pub(super) struct PageView<'a> {
    #[serde(flatten)]
    doc: DocumentView<'a>,
    section: LinkView<'a>,
    /// The previous page in the section's order (Zola's name).
    lower: Option<LinkView<'a>>,
    /// The next page in the section's order (Zola's name).
    higher: Option<LinkView<'a>>,
    /// Zola's `page.taxonomies`: taxonomy name -> the page's terms, as written.
    taxonomies: &'a std::collections::BTreeMap<String, Vec<String>>,
}

#[derive(Serialize)]
pub(super) struct SectionView<'a> {
    #[serde(flatten)]
    doc: DocumentView<'a>,
    pages: Vec<LinkView<'a>>,
    subsections: Vec<LinkView<'a>>,
    /// Whether the section has its own `atom.xml` (its front matter's `generate_feeds`).
    generate_feeds: bool,
}

pub(super) fn link_view<'a>(config: &Config, doc: &'a Document) -> LinkView<'a> {
    LinkView {
        title: &doc.meta.title,
        description: doc.meta.description.as_deref(),
        date: doc.meta.date.as_deref(),
        weight: doc.meta.weight,
        extra: &doc.meta.extra,
        path: format!("/{}", doc.path),
        url: config.url(&doc.path),
        permalink: config.permalink(&doc.path),
        relative_path: &doc.source,
        word_count: doc.rendered.word_count,
        // About 200 words a minute, rounded up, as people read instructional Spanish.
        reading_time: doc.rendered.word_count.div_ceil(200),
    }
}

fn document_view<'a>(
    site: &'a Site,
    doc: &'a Document,
    parent: Option<SectionId>,
) -> DocumentView<'a> {
    let mut ancestors = Vec::new();
    let mut next = parent;
    while let Some(id) = next {
        ancestors.push(link_view(&site.config, &site.sections[id].doc));
        next = site.sections[id].parent;
    }
    ancestors.reverse();
    DocumentView {
        link: link_view(&site.config, doc),
        content: adapt_content(
            &doc.rendered.html,
            site.config
                .strings
                .get("table")
                .map_or("Tabla", String::as_str),
        ),
        toc: &doc.rendered.toc,
        ancestors,
    }
}

pub(super) fn page_view(site: &Site, id: PageId) -> PageView<'_> {
    let page = &site.pages[id];
    let neighbour =
        |other: Option<PageId>| other.map(|p| link_view(&site.config, &site.pages[p].doc));
    PageView {
        doc: document_view(site, &page.doc, Some(page.section)),
        section: link_view(&site.config, &site.sections[page.section].doc),
        lower: neighbour(page.lower),
        higher: neighbour(page.higher),
        taxonomies: &page.doc.meta.taxonomies,
    }
}

pub(super) fn section_view(site: &Site, id: SectionId) -> SectionView<'_> {
    let section = &site.sections[id];
    SectionView {
        doc: document_view(site, &section.doc, section.parent),
        pages: section
            .pages
            .iter()
            .map(|p| link_view(&site.config, &site.pages[*p].doc))
            .collect(),
        subsections: section
            .subsections
            .iter()
            .map(|s| link_view(&site.config, &site.sections[*s].doc))
            .collect(),
        generate_feeds: section.doc.meta.generate_feeds,
    }
}
