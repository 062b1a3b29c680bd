//! Markdown to HTML. The only module that knows pulldown-cmark.
//!
//! 1. Parse the body into events, keeping each event's byte range.
//! 2. Give every heading a unique id (explicit `{#id}` first, then folded heading text).
//! 3. Rewrite `@/path.md#anchor` links through the resolver and record every internal link
//!    with its range, so `links` can report a broken one at its line and column.
//! 4. Serialize to HTML and nest the headings into a table of contents.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::model::{InternalLink, Rendered, TocEntry};
use crate::slug::slugify;

const INTERNAL_PREFIX: &str = "@/";

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `body`. `resolve` maps a content path (`guias/que-es.md`) to its URL, or `None`
/// when no such page exists; such links are still recorded so they can be reported.
pub fn render(body: &str, resolve: &dyn Fn(&str) -> Option<String>) -> Rendered {
    let mut events: Vec<(Event, Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let headings = assign_heading_ids(&mut events);
    let links = rewrite_internal_links(&mut events, body, resolve);
    let word_count = events
        .iter()
        .map(|(event, _)| match event {
            Event::Text(text) => text.split_whitespace().count(),
            _ => 0,
        })
        .sum();
    let mut html = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut html, events.into_iter().map(|(event, _)| event));
    Rendered {
        html: html.into(),
        anchors: headings.iter().map(|h| h.id.clone()).collect(),
        toc: nest(headings),
        links,
        word_count,
    }
}

/// Renders Markdown from a plan file: the same syntax and links, but raw HTML is shown as
/// text, never passed through, because plan prose is data typed by many hands (rule E20).
pub fn render_untrusted(text: &str, resolve: &dyn Fn(&str) -> Option<String>) -> String {
    let mut events: Vec<(Event, Range<usize>)> = Parser::new_ext(text, options())
        .into_offset_iter()
        .map(|(event, range)| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => (Event::Text(raw), range),
            other => (other, range),
        })
        .collect();
    rewrite_internal_links(&mut events, text, resolve);
    let mut html = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut html, events.into_iter().map(|(event, _)| event));
    html
}

fn assign_heading_ids(events: &mut [(Event, Range<usize>)]) -> Vec<TocEntry> {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|(event, _)| match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut headings = Vec::new();
    for index in 0..events.len() {
        let Event::Start(Tag::Heading { level, id, .. }) = &events[index].0 else {
            continue;
        };
        let level = heading_level(*level);
        let title = heading_text(&events[index + 1..]);
        let id = match id {
            Some(explicit) => explicit.to_string(),
            None => {
                let id = unique_id(&slugify(&title), &mut used);
                if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[index].0 {
                    *slot = Some(CowStr::from(id.clone()));
                }
                id
            }
        };
        headings.push(TocEntry {
            level,
            id,
            title,
            children: Vec::new(),
        });
    }
    headings
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The plain text of a heading, from the events after its start up to its end.
fn heading_text(events: &[(Event, Range<usize>)]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

fn unique_id(base: &str, used: &mut HashSet<String>) -> String {
    let base = if base.is_empty() { "seccion" } else { base };
    let mut id = base.to_string();
    let mut n = 1;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

fn rewrite_internal_links(
    events: &mut [(Event, Range<usize>)],
    body: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Vec<InternalLink> {
    let mut links = Vec::new();
    for (event, range) in events.iter_mut() {
        let dest = match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let Some(link) = parse_internal(dest, destination_range(body, range, dest)) else {
            continue;
        };
        if let Some(target) = &link.target
            && let Some(url) = resolve(target)
        {
            *dest = CowStr::from(match &link.anchor {
                Some(anchor) => format!("{url}#{anchor}"),
                None => url,
            });
        }
        links.push(link);
    }
    links
}

fn parse_internal(dest: &str, range: Range<usize>) -> Option<InternalLink> {
    let (target, anchor) = if let Some(rest) = dest.strip_prefix(INTERNAL_PREFIX) {
        match rest.split_once('#') {
            Some((path, anchor)) => (Some(path.to_string()), Some(anchor.to_string())),
            None => (Some(rest.to_string()), None),
        }
    } else if let Some(anchor) = dest.strip_prefix('#') {
        (None, Some(anchor.to_string()))
    } else {
        return None;
    };
    Some(InternalLink {
        target,
        anchor: anchor.filter(|a| !a.is_empty()),
        range,
    })
}

/// Narrows a link's range (`[text](dest)`) to the destination itself, for precise carets.
/// Reference-style links keep the whole range: their destination is written elsewhere.
fn destination_range(body: &str, link: &Range<usize>, dest: &str) -> Range<usize> {
    body.get(link.clone())
        .and_then(|source| source.rfind(dest))
        .map_or(link.clone(), |at| {
            link.start + at..link.start + at + dest.len()
        })
}

/// Nests a flat list of headings by level: an h3 after an h2 becomes its child.
fn nest(headings: Vec<TocEntry>) -> Vec<TocEntry> {
    let mut roots: Vec<TocEntry> = Vec::new();
    for heading in headings {
        insert(&mut roots, heading);
    }
    roots
}

fn insert(siblings: &mut Vec<TocEntry>, heading: TocEntry) {
    match siblings.last_mut() {
        Some(last) if last.level < heading.level => insert(&mut last.children, heading),
        _ => siblings.push(heading),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_links(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn heading_ids_are_folded_and_unique() {
        let out = render(
            "## Evaluación formativa\n\n## Evaluación formativa\n\n### ¿Qué es? {#que}\n",
            &no_links,
        );
        assert_eq!(
            out.anchors,
            ["evaluacion-formativa", "evaluacion-formativa-1", "que"]
        );
        assert!(out.html.contains("<h2 id=\"evaluacion-formativa-1\">"));
        assert_eq!(out.toc[1].children[0].id, "que");
        assert_eq!(out.toc[1].children[0].title, "¿Qué es?");
    }

    #[test]
    fn explicit_ids_are_not_reused_by_generated_ones() {
        let out = render("## Ciclo\n\n## Otro {#ciclo}\n", &no_links);
        assert_eq!(out.anchors, ["ciclo-1", "ciclo"]);
    }

    #[test]
    fn internal_links_are_resolved_and_located() {
        let body = "Ver [la guía](@/guias/que-es.md#ciclo) y [esto](#arriba).\n";
        let out = render(body, &|path| {
            (path == "guias/que-es.md").then(|| "/guias/que-es/".to_string())
        });
        assert!(out.html.contains("href=\"/guias/que-es/#ciclo\""));
        assert_eq!(out.links.len(), 2);
        assert_eq!(&body[out.links[0].range.clone()], "@/guias/que-es.md#ciclo");
        assert_eq!(out.links[1].target, None);
        assert_eq!(out.links[1].anchor.as_deref(), Some("arriba"));
    }

    #[test]
    fn untrusted_text_shows_html_as_text() {
        let html = render_untrusted(
            "Hola <b onclick=x>mundo</b>\n\n<script>alert(1)</script>\n",
            &no_links,
        );
        assert!(
            !html.contains("<script>") && !html.contains("<b "),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn extensions_are_on() {
        let out = render(
            "| a |\n|---|\n| b |\n\n- [x] hecho\n\n~~no~~ \"sí\"[^1]\n\n[^1]: nota\n",
            &no_links,
        );
        assert!(out.html.contains("<table>"));
        assert!(out.html.contains("checkbox"));
        assert!(out.html.contains("<del>no</del>"));
        assert!(out.html.contains("“sí”"));
        assert!(out.html.contains("footnote"));
    }
}
