//! The pipeline's Markdown stage: every document's shortcodes expanded and its Markdown
//! rendered, reusing the cached HTML of a document that did not change.

use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::{Cache, LinkResolutions};
use crate::diag::Diagnostic;
use crate::model::{Document, Rendered, Site};
use crate::resolve::links::LinkIndex;
use crate::resolve::markdown;
use crate::resolve::shortcodes::{self, Renderer};

/// Renders every document's Markdown, reusing the cached HTML of a document that did not
/// change while each of its links still resolves as it did and the shortcode templates are
/// the same. Returns the shortcode errors; a document with one is rendered without its
/// shortcodes expanded (so later stages still look at it) and never cached.
pub fn render_markdown(
    site: &mut Site,
    index: &LinkIndex,
    shortcodes: &crate::render::Shortcodes,
    cache: &mut Cache,
) -> Vec<Diagnostic> {
    let resolve = |path: &str| index.resolve(path);
    // What a shortcode's output may read besides its call: its template, the interface
    // strings, and every URL (`get_url`). When any changes, pages that call one are redone.
    let inputs = crate::cache::hash_of(&(
        shortcodes.fingerprint,
        index.fingerprint(),
        &site.config.strings,
    ));
    if cache.shortcodes != Some(inputs) {
        for entry in cache.documents.values_mut() {
            let calls = entry
                .document
                .as_ref()
                .is_ok_and(|doc| may_call_shortcodes(doc.body()));
            if calls && entry.rendered.is_some() {
                Arc::make_mut(entry).rendered = None;
            }
        }
        cache.shortcodes = Some(inputs);
    }
    let cached = &cache.documents;
    let documents = site
        .sections
        .par_iter_mut()
        .map(|s| &mut s.doc)
        .chain(site.pages.par_iter_mut().map(|p| &mut p.doc));
    type Fresh = (
        Option<(String, LinkResolutions, Arc<Rendered>)>,
        Vec<Diagnostic>,
    );
    let fresh: Vec<Fresh> = documents
        .filter_map(|doc| {
            let reusable = cached
                .get(&doc.source)
                .and_then(|entry| entry.rendered.as_ref())
                .filter(|(links, _)| {
                    links
                        .iter()
                        .all(|(target, url)| index.url(target) == url.as_deref())
                });
            if let Some((_, rendered)) = reusable {
                doc.rendered = Arc::clone(rendered);
                return None;
            }
            let (rendered, problems) = render_document(doc, &resolve, shortcodes);
            doc.rendered = Arc::new(rendered);
            if !problems.is_empty() {
                return Some((None, problems));
            }
            let links = doc
                .rendered
                .links
                .iter()
                .filter_map(|link| link.target.clone())
                .map(|target| {
                    let url = index.resolve(&target);
                    (target, url)
                })
                .collect();
            let entry = (doc.source.clone(), links, Arc::clone(&doc.rendered));
            Some((Some(entry), Vec::new()))
        })
        .collect();
    let mut all_problems = Vec::new();
    for (entry, problems) in fresh {
        all_problems.extend(problems);
        let Some((source, links, rendered)) = entry else {
            continue;
        };
        if let Some(entry) = cache.documents.get_mut(&source) {
            Arc::make_mut(entry).rendered = Some((links, rendered));
        }
    }
    all_problems
}

/// One document's HTML, its shortcodes expanded first.
fn render_document(
    doc: &Document,
    resolve: &dyn Fn(&str) -> Option<String>,
    shortcodes: &dyn Renderer,
) -> (Rendered, Vec<Diagnostic>) {
    let body = doc.body();
    if !may_call_shortcodes(body) {
        return (markdown::render(body, resolve), Vec::new());
    }
    let code = markdown::code_ranges(body);
    match shortcodes::expand(doc, &code, shortcodes) {
        Ok(None) => (markdown::render(body, resolve), Vec::new()),
        Ok(Some(expanded)) => {
            let mut rendered = markdown::render(&expanded.text, resolve);
            expanded.map_back(&mut rendered);
            (rendered, Vec::new())
        }
        Err(problems) => (markdown::render(body, resolve), problems),
    }
}

fn may_call_shortcodes(body: &str) -> bool {
    body.contains("{{") || body.contains("{%")
}
