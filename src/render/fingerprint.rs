//! What each page's template reads, hashed, so a rebuild renders only what changed.

use rayon::prelude::*;

use super::jobs::Job;
use super::templates::Templates;
use crate::cache::hash_of;
use crate::model::{Document, ROOT, Site};
use crate::plan::paths;
use crate::resolve::links::LinkIndex;

/// What each page's template reads, hashed, so a rebuild renders only pages whose inputs
/// changed. Plan pages and listings are always rendered: they are few, and their data is
/// the whole plan.
pub(super) struct Fingerprints {
    /// The site config, the templates, the menu and every URL (`get_url` reads them all).
    global: u64,
    sections: Vec<u64>,
    pages: Vec<u64>,
    /// The top sections every page's menu shows.
    nav: u64,
    /// Of each section and its ancestors' keys, innermost first: what a page shows of the
    /// sections it is in (its breadcrumbs).
    chains: Vec<u64>,
    has_plans: bool,
    reads_site: bool,
}

impl Fingerprints {
    pub(super) fn new(
        site: &Site,
        index: &LinkIndex,
        templates: &Templates,
        has_plans: bool,
    ) -> Fingerprints {
        // A document as others show it: its text and its URL. Where its links lead is in
        // `global`, with every URL (the link index's fingerprint).
        let key = |doc: &Document| hash_of(&(doc.hash, &doc.path));
        let sections: Vec<u64> = site.sections.par_iter().map(|s| key(&s.doc)).collect();
        let pages: Vec<u64> = site.pages.par_iter().map(|p| key(&p.doc)).collect();
        let config = serde_json::to_string(&site.config).unwrap_or_default();
        let global = hash_of(&(
            config,
            templates.fingerprint,
            index.fingerprint(),
            has_plans,
            site.config.language.as_str(),
            &site.config.strings,
            super::taxonomies::TaxonomyData::fingerprint(site),
        ));
        let nav: Vec<u64> = site.sections[ROOT]
            .subsections
            .iter()
            .map(|s| sections[*s])
            .collect();
        let chains = (0..site.sections.len())
            .map(|id| {
                let mut keys = Vec::new();
                let mut next = Some(id);
                while let Some(id) = next {
                    keys.push(sections[id]);
                    next = site.sections[id].parent;
                }
                hash_of(&keys)
            })
            .collect();
        Fingerprints {
            global,
            nav: hash_of(&nav),
            chains,
            sections,
            pages,
            has_plans,
            reads_site: templates.reads_site,
        }
    }

    pub(super) fn of(&self, site: &Site, job: Job) -> Option<u64> {
        let nav = self.nav;
        // Pages that read other pages (get_section, get_page, load_data, a paginator or a
        // transparent subsection) are rendered afresh every time.
        if self.reads_site {
            return None;
        }
        match job {
            Job::Pager(..) => None,
            Job::Section(id) => {
                let section = &site.sections[id];
                let keys = &section.doc.meta.section;
                let transparent = section
                    .subsections
                    .iter()
                    .any(|s| site.sections[*s].doc.meta.section.transparent);
                if (section.doc.path == paths::INDEX && self.has_plans)
                    || keys.paginate_by.is_some()
                    || transparent
                {
                    return None;
                }
                let pages: Vec<u64> = section.pages.iter().map(|p| self.pages[*p]).collect();
                let subsections: Vec<u64> = section
                    .subsections
                    .iter()
                    .map(|s| self.sections[*s])
                    .collect();
                Some(hash_of(&(
                    "section",
                    self.global,
                    &section.doc.meta.template,
                    self.sections[id],
                    pages,
                    subsections,
                    section.parent.map(|p| self.chains[p]),
                    nav,
                )))
            }
            Job::Page(id) => {
                let page = &site.pages[id];
                let (lower, higher) = (
                    page.lower.map(|p| self.pages[p]),
                    page.higher.map(|p| self.pages[p]),
                );
                Some(hash_of(&(
                    "page",
                    self.global,
                    &page.doc.meta.template,
                    self.pages[id],
                    lower,
                    higher,
                    self.chains[page.section],
                    nav,
                )))
            }
            Job::NotFound => Some(hash_of(&("404", self.global, nav))),
            Job::Plan(_)
            | Job::PlanPrint(_)
            | Job::PlanListing(_)
            | Job::TaxonomyList(_)
            | Job::TaxonomyTerm(..) => None,
        }
    }
}
