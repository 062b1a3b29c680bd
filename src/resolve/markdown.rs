//! Markdown to HTML. The only module that knows pulldown-cmark.
//!
//! 1. Parse the body into events, keeping each event's byte range.
//! 2. Give every heading a unique id (explicit `{#id}` first, then folded heading text),
//!    never one of the theme's own ids (`THEME_IDS`).
//! 3. Rewrite `@/path.md#anchor` links through the resolver and record every internal link
//!    with its range, so `links` can report a broken one at its line and column.
//! 4. Serialize to HTML and nest the headings into a table of contents.

// The only pulldown-cmark user (clippy.toml).
#![allow(clippy::disallowed_types)]

mod untrusted;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

pub use self::untrusted::{is_safe_destination, render_untrusted, unsafe_destinations};
use crate::model::{IdProblem, ImageRef, InternalLink, Rendered, SourceUrl, TocEntry};
use crate::resolve::slug::slugify;

/// Every literal `id="…"` of the senda theme's templates, reserved whatever theme a site
/// uses, so content moves between themes unchanged. A heading with one of these ids would
/// give two elements of a page one id, and the skip link, the table of contents or a
/// script would find the wrong one. A generated id that would be one of them gets a
/// suffix (`## Contenido` gets `#contenido-1`); an explicit `{#contenido}` is an error.
/// `theme_ids_cover_the_templates` keeps this list in step with the templates.
pub const THEME_IDS: &[&str] = &[
    "buscar-campo",
    "buscar-estado",
    "buscar-resultados",
    "contenido",
    "conteo",
    "descargas-titulo",
    "en-esta-seccion",
    "entradas",
    "filtros",
    "filtros-titulo",
    "gantt-leyenda",
    "indice-titulo",
    "paginas",
    "plan-titulo",
    "por-anio",
    "por-ugel",
    "rd-titulo",
    "secciones",
    "toc-title",
];

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
    let (headings, id_problems) = assign_heading_ids(&mut events, body);
    let images = collect_images(&events, body);
    let (links, urls) = rewrite_internal_links(&mut events, body, resolve);
    let images = images
        .into_iter()
        .map(|mut image| {
            if let Some(url) = image.dest.strip_prefix(INTERNAL_PREFIX).and_then(resolve) {
                image.src = url;
            }
            image
        })
        .collect();
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
        urls,
        id_problems,
        word_count,
        images,
    }
}

/// The byte ranges of `body`'s code blocks and code spans, where shortcodes are text.
pub fn code_ranges(body: &str) -> Vec<Range<usize>> {
    Parser::new_ext(body, options())
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Code(_) | Event::Start(Tag::CodeBlock(_))))
        .map(|(_, range)| range)
        .collect()
}

/// Every image with its alt text (the text between `![` and `]`) and its source range.
fn collect_images(events: &[(Event, Range<usize>)], body: &str) -> Vec<ImageRef> {
    let mut images = Vec::new();
    for (index, (event, range)) in events.iter().enumerate() {
        let Event::Start(Tag::Image { dest_url, .. }) = event else {
            continue;
        };
        let mut alt = String::new();
        for (event, _) in &events[index + 1..] {
            match event {
                Event::End(TagEnd::Image) => break,
                Event::Text(t) | Event::Code(t) => alt.push_str(t),
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                _ => {}
            }
        }
        let start = body
            .get(range.clone())
            .and_then(|s| s.find("!["))
            .map_or(range.start, |at| range.start + at);
        images.push(ImageRef {
            dest: dest_url.to_string(),
            src: dest_url.to_string(),
            alt: alt.trim().to_string(),
            range: start..range.end,
        });
    }
    images
}

/// Gives every heading an id and collects the headings for the TOC. Explicit ids are kept
/// as written (a repeated or theme-owned one is reported); generated ones avoid every
/// explicit id and theme id, taking the first free `-1`, `-2`… suffix.
fn assign_heading_ids(
    events: &mut [(Event, Range<usize>)],
    body: &str,
) -> (Vec<TocEntry>, Vec<IdProblem>) {
    let mut ids = IdAllocator::default();
    ids.used.extend(THEME_IDS.iter().map(|id| id.to_string()));
    let mut problems = Vec::new();
    let mut explicit: HashMap<&str, Range<usize>> = HashMap::new();
    for (event, range) in events.iter() {
        let Event::Start(Tag::Heading { id: Some(id), .. }) = event else {
            continue;
        };
        let at = explicit_id_range(body, range, id);
        let first = explicit.get(id.as_ref()).cloned();
        if first.is_some() || THEME_IDS.contains(&id.as_ref()) {
            problems.push(IdProblem {
                id: id.to_string(),
                range: at,
                first,
            });
        } else {
            explicit.insert(id, at);
        }
    }
    ids.used.extend(explicit.keys().map(|id| id.to_string()));
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
                let id = ids.unique(&slugify(&title));
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
    (headings, problems)
}

/// Where `{#id}` is written in a heading's source, for the caret; the whole heading if the
/// id cannot be found there.
fn explicit_id_range(body: &str, heading: &Range<usize>, id: &str) -> Range<usize> {
    body.get(heading.clone())
        .and_then(|source| source.rfind(&format!("#{id}")))
        .map_or(heading.clone(), |at| {
            let start = heading.start + at + 1;
            start..start + id.len()
        })
}

/// Hands out unique ids in time linear in the number of headings: each base id remembers
/// the next suffix to try, so 10,000 headings named alike do not try 1, 2, 3… each time.
/// A suffix is skipped only when that exact id is taken, and every taken id is `base-n` for
/// at most one base and one `n`, so all the skipping together is bounded by the ids taken.
#[derive(Default)]
struct IdAllocator {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl IdAllocator {
    fn unique(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "seccion" } else { base };
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        let n = self.next.entry(base.to_string()).or_insert(1);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
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

fn rewrite_internal_links(
    events: &mut [(Event, Range<usize>)],
    body: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> (Vec<InternalLink>, Vec<SourceUrl>) {
    let mut links = Vec::new();
    let mut urls = Vec::new();
    for (event, range) in events.iter_mut() {
        let dest = match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
            Event::Html(html) | Event::InlineHtml(html) => {
                urls.extend(raw_html_urls(html, body, range));
                continue;
            }
            _ => continue,
        };
        let at = destination_range(body, range, dest);
        let Some(link) = parse_internal(dest, at.clone()) else {
            if !dest.is_empty() {
                urls.push(SourceUrl {
                    url: dest.to_string(),
                    range: at,
                });
            }
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
    (links, urls)
}

/// The `href` and `src` values of a piece of raw HTML, the event at `range` of the body.
/// An event's text is usually its source; inside a container (`> <a href=…>`) the prefix
/// is left out of the text, so a value not found at its offset is looked for in the range.
fn raw_html_urls(html: &str, body: &str, range: &Range<usize>) -> Vec<SourceUrl> {
    let mut urls = Vec::new();
    for attr in crate::linkcheck::scan::attributes(html) {
        let value = &html[attr.value.clone()];
        if attr.name == "id" || value.is_empty() {
            continue;
        }
        let at = range.start + attr.value.start;
        let start = if body.get(at..).is_some_and(|rest| rest.starts_with(value)) {
            at
        } else {
            body.get(range.clone())
                .and_then(|source| source.find(value))
                .map_or(range.start, |i| range.start + i)
        };
        urls.push(SourceUrl {
            url: crate::linkcheck::scan::unescape(value),
            range: start..start + value.len(),
        });
    }
    urls
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
    fn thirty_thousand_identical_headings_get_distinct_ids() {
        let out = render(&"## Visita\n\n".repeat(30_000), &no_links);
        assert_eq!(out.anchors.len(), 30_000);
        assert_eq!(out.anchors[0], "visita");
        assert_eq!(out.anchors[29_999], "visita-29999");
        let distinct: HashSet<&String> = out.anchors.iter().collect();
        assert_eq!(distinct.len(), 30_000);
    }

    #[test]
    fn generated_ids_skip_taken_suffixes() {
        let out = render(
            "## A\n\n## A {#a-2}\n\n## A\n\n## A 1\n\n## A\n\n## A 1\n",
            &no_links,
        );
        assert_eq!(out.anchors, ["a", "a-2", "a-1", "a-1-1", "a-3", "a-1-2"]);
        assert!(out.id_problems.is_empty());
    }

    #[test]
    fn repeated_explicit_ids_are_reported_at_the_second() {
        let body = "## Uno {#ciclo}\n\n## Dos {#ciclo}\n";
        let out = render(body, &no_links);
        assert_eq!(out.id_problems.len(), 1);
        let problem = &out.id_problems[0];
        assert_eq!(problem.id, "ciclo");
        assert_eq!(problem.range.start, body.rfind("ciclo").unwrap());
        assert_eq!(&body[problem.range.clone()], "ciclo");
        assert_eq!(problem.first, Some(9..14));
    }

    #[test]
    fn theme_ids_are_never_generated_and_reported_when_explicit() {
        let out = render("## Contenido\n\n## Índice {#toc-title}\n", &no_links);
        assert_eq!(out.anchors, ["contenido-1", "toc-title"]);
        assert!(out.html.contains("<h2 id=\"contenido-1\">"));
        assert_eq!(out.id_problems.len(), 1);
        assert_eq!(out.id_problems[0].id, "toc-title");
        assert_eq!(out.id_problems[0].first, None);
    }

    /// Every literal id in the senda theme's templates is in `THEME_IDS`, so a template
    /// that gains an id cannot forget to reserve it.
    #[test]
    fn theme_ids_cover_the_templates() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/senda/templates");
        let mut found = Vec::new();
        // Shortcodes too: their output lands in pages as HTML.
        for entry in crate::fs::walk(&dir).flatten().filter(|e| e.is_file()) {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for (at, _) in text.match_indices(" id=\"") {
                let rest = &text[at + 5..];
                let id = &rest[..rest.find('"').unwrap()];
                // `anexo-{{ a.id }}` and the plan's section ids are on plan pages only,
                // where no Markdown heading gets an id.
                if !id.contains("{{") {
                    found.push(id.to_string());
                }
            }
        }
        assert!(found.len() > 10, "{found:?}");
        for id in &found {
            assert!(
                THEME_IDS.contains(&id.as_str()),
                "`{id}` is not in THEME_IDS"
            );
        }
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
