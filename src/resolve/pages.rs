//! The pipeline's Markdown stage: every document's shortcodes expanded and its Markdown
//! rendered, reusing the cached HTML of a document that did not change.

use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::{Cache, CachedDocument, LinkResolutions, Rendering};
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
    let fingerprint = index.fingerprint();
    let documents = site
        .sections
        .par_iter_mut()
        .map(|s| &mut s.doc)
        .chain(site.pages.par_iter_mut().map(|p| &mut p.doc));
    let outcomes: Vec<Outcome> = documents
        .map(|doc| {
            let reusable = cached
                .get(&doc.source)
                .and_then(|entry| entry.rendered.as_ref())
                .filter(|r| r.checked_for == fingerprint || still_resolve(&r.links, index));
            if let Some(rendering) = reusable {
                doc.rendered = Arc::clone(&rendering.html);
                return match rendering.checked_for == fingerprint {
                    true => Outcome::Reused,
                    false => Outcome::Rechecked(doc.source.clone()),
                };
            }
            let (rendered, problems) = render_document(doc, &resolve, shortcodes);
            doc.rendered = Arc::new(rendered);
            if !problems.is_empty() {
                return Outcome::Failed(doc.source.clone(), problems);
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
            let rendering = Rendering {
                links,
                html: Arc::clone(&doc.rendered),
                checked_for: fingerprint,
            };
            Outcome::Rendered(doc.source.clone(), rendering)
        })
        .collect();
    let mut all_problems = Vec::new();
    cache.rerendered.clear();
    for outcome in outcomes {
        match outcome {
            Outcome::Reused => {}
            Outcome::Failed(source, problems) => {
                cache.rerendered.push(source);
                all_problems.extend(problems);
            }
            Outcome::Rechecked(source) => {
                let entry = entry_mut(cache, &source).and_then(|e| e.rendered.as_mut());
                if let Some(rendering) = entry {
                    rendering.checked_for = fingerprint;
                }
            }
            Outcome::Rendered(source, rendering) => {
                cache.rerendered.push(source.clone());
                if let Some(entry) = entry_mut(cache, &source) {
                    entry.rendered = Some(rendering);
                }
            }
        }
    }
    cache.rerendered.sort_unstable();
    all_problems
}

/// What the Markdown stage did with one document, for the cache.
enum Outcome {
    /// Its cached HTML, its links known to resolve under this very index.
    Reused,
    /// Its cached HTML, its links looked up again and found the same.
    Rechecked(String),
    /// Rendered afresh.
    Rendered(String, Rendering),
    /// Rendered without its shortcodes, which failed: not cached.
    Failed(String, Vec<Diagnostic>),
}

fn entry_mut<'a>(cache: &'a mut Cache, source: &str) -> Option<&'a mut CachedDocument> {
    cache.documents.get_mut(source).map(Arc::make_mut)
}

/// Whether every `@/` link still leads where it did.
fn still_resolve(links: &LinkResolutions, index: &LinkIndex) -> bool {
    links
        .iter()
        .all(|(target, url)| index.url(target) == url.as_deref())
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
