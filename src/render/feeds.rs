//! Atom feeds (RFC 4287): `atom.xml` of the whole site when `site.toml` says
//! `generate_feeds = true`, and `<section>/atom.xml` for each section whose front matter
//! says it, as Zola names both. Entries are the dated pages, newest first, at most
//! `feed_limit`. Every URL is absolute (from `base_url`): a feed is read away from the site.

use crate::load::config::{Config, FEED_FILE};
use crate::model::{Page, PageId, ROOT, Site};
use crate::write::OutputFile;

/// Every feed the site asks for.
pub(super) fn feeds(site: &Site) -> Vec<OutputFile> {
    let config = &site.config;
    let mut feeds = Vec::new();
    if config.generate_feeds {
        let all: Vec<PageId> = (0..site.pages.len()).collect();
        feeds.push(feed(site, ROOT, &all));
    }
    for (id, section) in site.sections.iter().enumerate() {
        if section.doc.meta.generate_feeds && !(id == ROOT && config.generate_feeds) {
            feeds.push(feed(site, id, &section.pages));
        }
    }
    feeds
}

/// The feed of `section` (the home page for the site's), of the dated ones of `pages`.
fn feed(site: &Site, section: usize, pages: &[PageId]) -> OutputFile {
    let config = &site.config;
    let section = &site.sections[section].doc;
    let mut dated: Vec<&Page> = pages
        .iter()
        .map(|id| &site.pages[*id])
        .filter(|page| page.doc.meta.date.is_some())
        .collect();
    // Newest first; pages of one day in their path order, so the bytes never vary.
    dated.sort_by(|a, b| {
        (b.doc.meta.date.as_deref(), &a.doc.path).cmp(&(a.doc.meta.date.as_deref(), &b.doc.path))
    });
    dated.truncate(config.feed_limit.unwrap_or(usize::MAX));
    let path = format!("{}{FEED_FILE}", section.path);
    let title = if section.path.is_empty() {
        config.title.clone()
    } else {
        format!("{} · {}", section.meta.title, config.title)
    };
    let updated = dated
        .first()
        .and_then(|page| page.doc.meta.date.as_deref())
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), timestamp);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&config.language)
    ));
    xml.push_str(&format!("  <title>{}</title>\n", escape(&title)));
    let description = section
        .meta
        .description
        .as_deref()
        .unwrap_or(&config.description);
    if !description.is_empty() {
        xml.push_str(&format!("  <subtitle>{}</subtitle>\n", escape(description)));
    }
    let feed_url = escape(&config.permalink(&path));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{feed_url}\"/>\n"
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&config.permalink(&section.path))
    ));
    xml.push_str("  <generator>senda</generator>\n");
    xml.push_str(&format!(
        "  <updated>{updated}</updated>\n  <id>{feed_url}</id>\n"
    ));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape(&config.title)
    ));
    for page in dated {
        xml.push_str(&entry(config, page));
    }
    xml.push_str("</feed>\n");
    OutputFile::new(path, xml.into_bytes())
}

fn entry(config: &Config, page: &Page) -> String {
    let doc = &page.doc;
    let permalink = escape(&config.permalink(&doc.path));
    let date = doc.meta.date.as_deref().map(timestamp).unwrap_or_default();
    let mut xml = String::from("  <entry>\n");
    xml.push_str(&format!("    <title>{}</title>\n", escape(&doc.meta.title)));
    xml.push_str(&format!(
        "    <published>{date}</published>\n    <updated>{date}</updated>\n"
    ));
    xml.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{permalink}\"/>\n"
    ));
    xml.push_str(&format!("    <id>{permalink}</id>\n"));
    if let Some(description) = &doc.meta.description {
        xml.push_str(&format!("    <summary>{}</summary>\n", escape(description)));
    }
    // The page's links are relative to it or to the site's root: `xml:base` is the page,
    // so readers resolve them as the browser would on the page itself.
    xml.push_str(&format!(
        "    <content type=\"html\" xml:base=\"{permalink}\">{}</content>\n",
        escape(&doc.rendered.html)
    ));
    xml.push_str("  </entry>\n");
    xml
}

/// A front matter date (`2026-03-20`) as an Atom timestamp. Noon UTC is the same calendar
/// day from UTC-12 to UTC+11, so no reader shows the day before (midnight UTC would be
/// the evening before in Peru).
fn timestamp(date: &str) -> String {
    format!("{date}T12:00:00Z")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
