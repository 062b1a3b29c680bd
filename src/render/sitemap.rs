//! `sitemap.xml` (every page, plan and listing, with absolute URLs) and `robots.txt`.

use std::borrow::Cow;

use crate::load::config::Config;
use crate::model::Site;
use crate::plan::listings::Listings;
use crate::plan::paths;
use crate::plan::view::PlanSummary;
use crate::write::OutputFile;

pub(super) fn sitemap(site: &Site, plans: &[PlanSummary], listings: &Listings) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let documents = site
        .documents()
        // Zola's `render = false` and `redirect_to` sections have no page of their own.
        .filter(|doc| doc.meta.section.render && doc.meta.section.redirect_to.is_none())
        .map(|doc| (Cow::Borrowed(doc.path.as_str()), doc.meta.date.as_deref()));
    let plan_pages = plans.iter().map(|p| (Cow::Owned(paths::page(&p.id)), None));
    let listing_pages = listings
        .pages
        .iter()
        .map(|l| (Cow::Borrowed(l.path.as_str()), None));
    let taxonomy_pages = site
        .taxonomies
        .iter()
        .filter(|t| site.config.taxonomies[t.config].render)
        .flat_map(|t| std::iter::once(&t.path).chain(t.terms.iter().map(|term| &term.path)))
        .map(|path| (Cow::Borrowed(path.as_str()), None));
    let all = documents
        .chain(plan_pages)
        .chain(listing_pages)
        .chain(taxonomy_pages);
    // Written straight into the file: a national portal's sitemap has 300,000 entries, and
    // a rebuild under `serve` writes it on every save.
    let mut base = String::new();
    push_escaped(&mut base, &site.config.permalink(""));
    for (path, date) in all {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&base);
        push_escaped(&mut xml, path.trim_start_matches('/'));
        xml.push_str("</loc>\n");
        if let Some(date) = date {
            xml.push_str("    <lastmod>");
            xml.push_str(date);
            xml.push_str("</lastmod>\n");
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile::new("sitemap.xml".to_string(), xml.into_bytes())
}

/// By runs: a portal's sitemap is 10,000 paths, rewritten on every rebuild under `serve`.
fn push_escaped(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => "&gt;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

pub(super) fn robots(config: &Config) -> OutputFile {
    let text = format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        config.permalink("sitemap.xml")
    );
    OutputFile::new("robots.txt".to_string(), text.into_bytes())
}
