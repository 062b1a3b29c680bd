//! Internal links: which content path has which URL, whether every `@/` link and
//! `#anchor` in the site points at something that exists, and whether every explicit
//! heading id a link could point at is one of a kind.
//!
//! Lookups go through hash maps, never scans, so checking is linear in the number of links.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::{Cache, FastMap, FastSet};
use crate::diag::{Diagnostic, Diagnostics, Location, suggest};
use crate::load::config::Config;
use crate::messages::Site as Text;
use crate::model::{Document, IdProblem, InternalLink, Site};
use crate::tr;

/// Content path (`guias/que-es.md`) to root-relative URL (`/portal/guias/que-es/`).
#[derive(Debug, Default, Clone)]
pub struct LinkIndex {
    urls: FastMap<String, String>,
    /// Of every (content path, URL) pair, computed once: each rebuild asks several times.
    fingerprint: u64,
}

impl LinkIndex {
    pub fn build(site: &Site) -> LinkIndex {
        let config = &site.config;
        let mut urls: FastMap<String, String> = site
            .documents()
            .map(|doc| (doc.source.clone(), config.url(&doc.path)))
            .collect();
        for asset in &site.assets {
            urls.insert(
                asset.source.clone(),
                config.url(&percent_encode(&asset.output)),
            );
        }
        let mut pairs: Vec<(&String, &String)> = urls.iter().collect();
        pairs.sort_unstable();
        let fingerprint = crate::cache::hash_of(&pairs);
        LinkIndex { urls, fingerprint }
    }

    /// A hash of every (content path, URL) pair: changes when any page's URL does.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    pub fn resolve(&self, content_path: &str) -> Option<String> {
        self.url(content_path).map(str::to_string)
    }

    /// `resolve` without a copy, for comparing and hashing.
    pub fn url(&self, content_path: &str) -> Option<&str> {
        self.urls.get(content_path).map(String::as_str)
    }

    /// `get_url` for templates: `@/x.md` is a content path, anything else a site file
    /// such as `css/senda.css`.
    pub fn url_for(&self, config: &Config, path: &str) -> Option<String> {
        match path.strip_prefix("@/") {
            Some(content_path) => self.resolve(content_path),
            None => Some(config.url(path)),
        }
    }
}

/// Reports every internal link whose page or anchor does not exist, and every explicit
/// heading id that repeats one of its page or belongs to the theme. A document's findings of
/// the last run stand while the link index is the same and neither it nor a page it links
/// to was rendered afresh (`Cache::rerendered`): nothing they are made of changed.
pub fn check(site: &Site, index: &LinkIndex, cache: &mut Cache, diagnostics: &mut Diagnostics) {
    // Made only when a link checked again points at a heading of another document.
    let anchors = std::sync::OnceLock::new();
    let anchors = || {
        anchors.get_or_init(|| -> FastMap<&str, &[String]> {
            site.documents()
                .map(|doc| (doc.source.as_str(), doc.rendered.anchors.as_slice()))
                .collect()
        })
    };
    let (checked_under, mut known) = std::mem::take(&mut cache.link_problems);
    if checked_under != index.fingerprint() {
        known.clear();
    }
    let fresh = &cache.rerendered;
    let is_fresh = |source: &String| fresh.binary_search(source).is_ok();
    let stands = |doc: &Document| {
        !is_fresh(&doc.source)
            && !doc
                .rendered
                .links
                .iter()
                .any(|l| l.target.as_ref().is_some_and(is_fresh))
    };
    let documents: Vec<&Document> = site.documents().collect();
    // Each document's findings, and whether they are new.
    let found: Vec<(Arc<Vec<Diagnostic>>, bool)> = documents
        .par_iter()
        .map(|doc| {
            if stands(doc)
                && let Some(known) = known.get(&doc.source)
            {
                return (Arc::clone(known), false);
            }
            let ids = doc.rendered.id_problems.iter().map(|p| id_problem(doc, p));
            let links = doc.rendered.links.iter();
            let found = ids
                .chain(links.filter_map(|link| check_link(doc, link, site, index, &anchors)))
                .collect();
            (Arc::new(found), true)
        })
        .collect();
    for (doc, (found, new)) in documents.iter().zip(found) {
        diagnostics.extend(found.iter().cloned());
        if new {
            known.insert(doc.source.clone(), found);
        }
    }
    // Only what this run checked or found standing is known: a document away from this
    // run (a draft, a file that no longer parses) is looked at again when it is back.
    if known.len() > documents.len() {
        let current: FastSet<&str> = documents.iter().map(|d| d.source.as_str()).collect();
        known.retain(|source, _| current.contains(source.as_str()));
    }
    cache.link_problems = (index.fingerprint(), known);
}

fn check_link<'a>(
    doc: &Document,
    link: &InternalLink,
    site: &Site,
    index: &LinkIndex,
    anchors: &dyn Fn() -> &'a FastMap<&'a str, &'a [String]>,
) -> Option<Diagnostic> {
    // Locating means counting lines: done only for a link that is broken.
    let location = || {
        Location::from_range(
            &Path::new("content").join(&doc.source),
            &doc.text,
            doc.body_start + link.range.start..doc.body_start + link.range.end,
        )
    };
    let target = link.target.as_deref().unwrap_or(&doc.source);
    if link.target.is_some() && index.url(target).is_none() {
        return Some(missing_target(target, site, index).at(location()));
    }
    let anchor = link.anchor.as_deref()?;
    // Assets (a PDF, an image) have no headings we know of: their fragments are not checked.
    let ids = match target == doc.source {
        true => doc.rendered.anchors.as_slice(),
        false => anchors().get(target)?,
    };
    if ids.iter().any(|id| id == anchor) {
        return None;
    }
    let message = if link.target.is_some() {
        tr!(Text::NoAnchorThere, format!("@/{target}"), anchor)
    } else {
        tr!(Text::NoAnchorHere, anchor)
    };
    let diagnostic = Diagnostic::error(message).at(location());
    Some(match suggest(anchor, ids.iter().map(String::as_str)) {
        Some(right) => diagnostic.help(tr!(Text::DidYouMean, format!("#{right}"))),
        None if ids.is_empty() => diagnostic.help(tr!(Text::NoHeadings)),
        None => diagnostic.help(tr!(
            Text::IdsThere,
            ids.iter()
                .map(|id| format!("`#{id}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    })
}

/// Explicit ids are the author's choice, which links elsewhere may rely on: a clash is
/// reported rather than resolved by quietly renaming one of them.
fn id_problem(doc: &Document, problem: &IdProblem) -> Diagnostic {
    let path = Path::new("content").join(&doc.source);
    let body =
        |range: &std::ops::Range<usize>| doc.body_start + range.start..doc.body_start + range.end;
    let location = Location::from_range(&path, &doc.text, body(&problem.range));
    let id = &problem.id;
    match &problem.first {
        Some(first) => {
            let line = Location::from_range(&path, &doc.text, body(first)).line;
            Diagnostic::error(tr!(Text::IdTwice, id))
                .at(location)
                .help(tr!(Text::IdTwiceHelp, id, line))
        }
        None => Diagnostic::error(tr!(Text::IdReserved, id))
            .at(location)
            .help(tr!(Text::IdReservedHelp, id)),
    }
}

fn missing_target(target: &str, site: &Site, index: &LinkIndex) -> Diagnostic {
    if site.skipped_drafts.contains(target) {
        return Diagnostic::error(tr!(Text::LinkToDraft, target)).help(tr!(Text::LinkToDraftHelp));
    }
    let diagnostic = Diagnostic::error(tr!(Text::LinkMissing, target));
    match suggest(target, index.urls.keys().map(String::as_str)) {
        Some(right) => diagnostic.help(tr!(Text::DidYouMean, format!("@/{right}"))),
        None => diagnostic.help(tr!(Text::LinkMissingHelp)),
    }
}

/// Percent-encodes what may not stand in a URL path (spaces, accents in asset names).
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asset_names_are_encoded() {
        assert_eq!(
            percent_encode("guias/Ficha de observación.pdf"),
            "guias/Ficha%20de%20observaci%C3%B3n.pdf"
        );
    }
}
