//! The site a preview keeps from one run to the next, patched for saves that change no
//! front matter.
//!
//! The tree (sections, pages, their URLs and order, neighbours, taxonomies, drafts left
//! out) is made from the file list, each document's front matter and the configuration,
//! never from a body. A save that keeps all three leaves it as it was: the kept site only
//! takes the edited documents' new text, instead of every document being cloned and the
//! tree assembled again. Anything else (a new or removed file, a changed front matter, a
//! document that does not parse, another configuration) assembles the tree afresh.

use std::collections::HashSet;
use std::sync::Arc;

use crate::cache::CachedDocument;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::config::Config;
use crate::load::content::is_markdown;
use crate::model::{Document, Site};
use crate::resolve::links::LinkIndex;

/// What the next load may start from.
pub(crate) struct Tree {
    /// The site as the last run left it; `None` while a run holds it.
    pub site: Option<Site>,
    /// What loading it reported (files, front matter, assembly, taxonomies): a load that
    /// reuses the tree reports them again, as a fresh one would.
    pub diagnostics: Vec<Diagnostic>,
    pub include_drafts: bool,
    /// Every content path's URL, made from the tree alone: kept with it.
    pub index: Option<Arc<LinkIndex>>,
}

/// The documents a patch puts in, read afresh: (content path, cache entry).
pub(super) type Read = Vec<(String, Arc<CachedDocument>)>;

/// The kept site with the edited documents' new text, when no edit can change the tree;
/// with the entries read for them, for the cache. `read` reads one content file. The site
/// is taken out of `tree` either way.
pub(super) fn patch(
    tree: &mut Tree,
    config: &Config,
    include_drafts: bool,
    edited: &HashSet<String>,
    read: impl Fn(&str) -> CachedDocument,
    diagnostics: &mut Diagnostics,
) -> Option<(Site, Read)> {
    let mut site = tree.site.take()?;
    let patched = replace_edited(
        &mut site,
        config,
        include_drafts == tree.include_drafts,
        edited,
        read,
    );
    let Some(entries) = patched else {
        crate::pipeline::drop_later(site);
        return None;
    };
    diagnostics.extend(tree.diagnostics.iter().cloned());
    Some((site, entries))
}

/// The edited documents' new text put in `site`, unless one could change its tree.
fn replace_edited(
    site: &mut Site,
    config: &Config,
    same_drafts: bool,
    edited: &HashSet<String>,
    read: impl Fn(&str) -> CachedDocument,
) -> Option<Read> {
    if !same_drafts || site.config != *config {
        return None;
    }
    let mut entries = Vec::new();
    let mut replaced = 0;
    for doc in documents_mut(site) {
        if !edited.contains(&doc.source) {
            continue;
        }
        let entry = read(&doc.source);
        let Ok(new) = &entry.document else {
            return None;
        };
        if !same_front_matter(doc, new) {
            return None;
        }
        *doc = Document {
            text: Arc::clone(&new.text),
            hash: new.hash,
            rendered: Default::default(),
            // The URL path and the front matter as the tree made them (they are the same).
            ..doc.clone()
        };
        entries.push((doc.source.clone(), Arc::new(entry)));
        replaced += 1;
    }
    // An edited Markdown file the tree does not hold (a draft, one that did not parse)
    // may join it now.
    let markdown = edited.iter().filter(|rel| is_markdown(rel)).count();
    (replaced == markdown).then_some(entries)
}

fn documents_mut(site: &mut Site) -> impl Iterator<Item = &mut Document> {
    site.sections
        .iter_mut()
        .map(|s| &mut s.doc)
        .chain(site.pages.iter_mut().map(|p| &mut p.doc))
}

/// Byte for byte the same lines up to the body: the same front matter, parsed the same.
fn same_front_matter(old: &Document, new: &Document) -> bool {
    old.body_start == new.body_start && old.text[..old.body_start] == new.text[..new.body_start]
}
