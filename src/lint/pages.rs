//! The privacy lint of every Markdown file a run read, drafts included: its front matter
//! as well as its body, since a page publishes both (title, description and `[extra]` reach
//! the page, the listings, `<meta>` and the search index).

use std::path::Path;

use rayon::prelude::*;

use super::privacy;
use crate::cache::Cache;
use crate::diag::Diagnostics;
use crate::load::content::CONTENT_DIR;
use crate::load::front_matter;
use crate::load::toml_input::Source;
use crate::model::Document;

/// Lints each document the load put in `cache`, keeping the findings in its entry so a
/// rebuild lints only what changed, and reports them all.
pub fn lint_pages(cache: &Cache, diagnostics: &mut Diagnostics) {
    let found: Vec<_> = cache
        .documents
        .par_iter()
        .filter_map(|(_, entry)| {
            let doc = entry.document.as_ref().ok()?;
            let found = entry.lint.get_or_init(|| findings(doc));
            (!found.is_empty()).then(|| found.clone())
        })
        .collect();
    diagnostics.extend(found.into_iter().flatten());
}

fn findings(doc: &Document) -> Vec<crate::diag::Diagnostic> {
    let mut found = Diagnostics::default();
    let path = Path::new(CONTENT_DIR).join(&doc.source);
    if let Ok((front, _)) = front_matter::split(&doc.text, &path) {
        let source = Source {
            path: &path,
            file_text: &doc.text,
            offset: front.start,
            toml: &doc.text[front],
        };
        privacy::lint_front_matter(&source, &mut found);
    }
    privacy::lint_markdown(&path, &doc.text, doc.body_start, &mut found);
    found.into_iter().collect()
}
