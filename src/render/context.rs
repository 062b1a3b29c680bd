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
    authors: &'a [String],
    updated: Option<&'a str>,
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
    subsections: Vec<SubsectionView<'a>>,
    /// Whether the section has its own `atom.xml` (its front matter's `generate_feeds`).
    generate_feeds: bool,
}

/// A subsection as Zola templates read it: a link with the subsection's own pages.
#[derive(Serialize)]
pub(super) struct SubsectionView<'a> {
    #[serde(flatten)]
    link: LinkView<'a>,
    pages: Vec<LinkView<'a>>,
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
        authors: &doc.meta.authors,
        updated: doc.meta.updated.as_deref(),
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
    let links = |ids: Vec<PageId>| -> Vec<LinkView<'_>> {
        ids.iter()
            .map(|p| link_view(&site.config, &site.pages[*p].doc))
            .collect()
    };
    SectionView {
        doc: document_view(site, &section.doc, section.parent),
        pages: links(listed_pages(site, id)),
        subsections: section
            .subsections
            .iter()
            .map(|s| SubsectionView {
                link: link_view(&site.config, &site.sections[*s].doc),
                pages: links(listed_pages(site, *s)),
            })
            .collect(),
        generate_feeds: section.doc.meta.generate_feeds,
    }
}

/// The pages a section lists: its own, and those of its `transparent` subsections (theirs
/// in turn), in the section's order.
pub(super) fn listed_pages(site: &Site, id: SectionId) -> Vec<PageId> {
    let section = &site.sections[id];
    let mut ids = section.pages.clone();
    let transparent = section
        .subsections
        .iter()
        .filter(|s| site.sections[**s].doc.meta.section.transparent);
    let mut merged = false;
    for sub in transparent {
        ids.extend(listed_pages(site, *sub));
        merged = true;
    }
    if merged {
        let sort_by = section.doc.meta.section.sort_by;
        crate::load::tree::sort_pages(&mut ids, &site.pages, sort_by);
    }
    ids
}

/// Zola's `paginator`: one pager's pages and the URLs of the others. Pager 1 is the
/// section's own URL; pager `n` is at `<section>/page/<n>/`.
#[derive(Serialize)]
pub(super) struct PaginatorView<'a> {
    paginate_by: usize,
    base_url: String,
    number_pagers: usize,
    first: String,
    last: String,
    previous: Option<String>,
    next: Option<String>,
    pages: Vec<LinkView<'a>>,
    current_index: usize,
    total_pages: usize,
}

/// The site path of pager `n` (1-based) of the section at `path`.
pub(super) fn pager_path(path: &str, n: usize) -> String {
    if n <= 1 {
        path.to_string()
    } else {
        format!("{path}page/{n}/")
    }
}

/// How many pagers a section has: at least one, even with no pages.
pub(super) fn pager_count(site: &Site, id: SectionId) -> usize {
    match site.sections[id].doc.meta.section.paginate_by {
        Some(by) => listed_pages(site, id).len().div_ceil(by).max(1),
        None => 1,
    }
}

pub(super) fn paginator_view(site: &Site, id: SectionId, n: usize) -> Option<PaginatorView<'_>> {
    let section = &site.sections[id];
    let by = section.doc.meta.section.paginate_by?;
    let ids = listed_pages(site, id);
    let number_pagers = ids.len().div_ceil(by).max(1);
    let url = |n: usize| site.config.url(&pager_path(&section.doc.path, n));
    Some(PaginatorView {
        paginate_by: by,
        base_url: site.config.url(&format!("{}page/", section.doc.path)),
        number_pagers,
        first: url(1),
        last: url(number_pagers),
        previous: (n > 1).then(|| url(n - 1)),
        next: (n < number_pagers).then(|| url(n + 1)),
        pages: ids
            .iter()
            .skip((n - 1) * by)
            .take(by)
            .map(|p| link_view(&site.config, &site.pages[*p].doc))
            .collect(),
        current_index: n,
        total_pages: ids.len(),
    })
}
