//! Markdown typed by many hands: the prose fields of school plans.
//!
//! Guidance pages are written by the site's maintainers and may hold raw HTML and heading
//! attributes on purpose; plan prose is data, so it gets neither, and its link and image
//! destinations are filtered after parsing, when entities are already decoded
//! (`jav&#x61;script:` is `javascript:` to the browser, and to the filter).

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

use super::{destination_range, rewrite_internal_links};

/// The page options without `ENABLE_HEADING_ATTRIBUTES`: `## T {autofocus onfocus=…}` would
/// put any attribute on the heading. Without it the braces stay heading text.
fn options() -> Options {
    super::options() - Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders Markdown from a plan file: the same syntax and `@/` links as pages, but raw HTML
/// is shown as text, headings take no attributes, and a link or image whose destination
/// `is_safe_destination` refuses is reduced to its text (rule E20 reports it beforehand).
pub fn render_untrusted(text: &str, resolve: &dyn Fn(&str) -> Option<String>) -> String {
    let mut events: Vec<(Event, Range<usize>)> =
        drop_unsafe_links(Parser::new_ext(text, options()).into_offset_iter().map(
            |(event, range)| match event {
                Event::Html(raw) | Event::InlineHtml(raw) => (Event::Text(raw), range),
                other => (other, range),
            },
        ));
    rewrite_internal_links(&mut events, text, resolve);
    let mut html = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut html, events.into_iter().map(|(event, _)| event));
    html
}

/// The byte ranges of the link and image destinations in `text` that `render_untrusted`
/// would drop, for rule E20 to point at.
pub fn unsafe_destinations(text: &str) -> Vec<Range<usize>> {
    Parser::new_ext(text, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !is_safe_destination(&dest_url) =>
            {
                Some(destination_range(text, &range, &dest_url))
            }
            _ => None,
        })
        .collect()
}

/// Keeps the text of an unsafe link or image and drops its start and end. Links and images
/// nest (an image inside a link), so each end closes the innermost start.
fn drop_unsafe_links<'a>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> Vec<(Event<'a>, Range<usize>)> {
    let mut open: Vec<bool> = Vec::new();
    events
        .filter(|(event, _)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let keep = is_safe_destination(dest_url);
                open.push(keep);
                keep
            }
            Event::End(TagEnd::Link | TagEnd::Image) => open.pop().unwrap_or(true),
            _ => true,
        })
        .collect()
}

/// Whether a destination from untrusted text may be published: an `http:`, `https:` or
/// `mailto:` URL, a relative path, an `@/` content path or a `#` fragment. The scheme is read
/// as browsers read it: in any case, with tabs and newlines anywhere and spaces and control
/// characters around the URL ignored. Anything with another scheme (`javascript:`, `data:`,
/// `vbscript:`), or with a control character left inside, is refused; so is a relative path
/// with a `:` before its first `/`, which a browser could read as a scheme.
pub fn is_safe_destination(dest: &str) -> bool {
    let cleaned: String = dest
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if cleaned.chars().any(char::is_control) {
        return false;
    }
    match cleaned.find([':', '/', '?', '#']) {
        Some(at) if cleaned[at..].starts_with(':') => {
            let scheme = cleaned[..at].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_links(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn untrusted_text_shows_html_as_text() {
        let html = render_untrusted(
            "Hola <b onclick=x>mundo</b>\n\n<script>alert(1)</script>\n\n<div onmouseover=x>\n",
            &no_links,
        );
        assert!(
            !html.contains("<script>") && !html.contains("<b ") && !html.contains("<div"),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn untrusted_headings_take_no_attributes() {
        let html = render_untrusted("## T {autofocus onfocus=alert(1) #x .y}\n", &no_links);
        assert!(!html.contains("onfocus=\""), "{html}");
        assert!(!html.contains("autofocus=\""), "{html}");
        assert!(html.starts_with("<h2>T {autofocus"), "{html}");
    }

    #[test]
    fn script_destinations_are_dropped_however_they_are_spelled() {
        for text in [
            "[x](jav&#x61;script:alert(1))",
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](&#106;avascript&colon;alert(1))",
            "[x](<java\tscript:alert(1)>)",
            "[x](<java&#x0A;script:alert(1)>)",
            "[x](vbscript:msgbox)",
            "[x](data:text/html,<script>alert(1)</script>)",
            "İ [x](javascript:alert(1))",
            "![x](javascript:alert(1))",
            "[x][r]\n\n[r]: javascript:alert(1)\n",
            "<javascript:alert(1)>",
            "[![i](data:image/svg+xml,x)](javascript:alert(1))",
        ] {
            let html = render_untrusted(text, &no_links);
            assert!(
                !html.contains("href") && !html.contains("src"),
                "{text:?} -> {html}"
            );
            assert!(!unsafe_destinations(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn ordinary_destinations_are_kept() {
        for (text, href) in [
            (
                "[a](https://www.minedu.gob.pe/x)",
                "https://www.minedu.gob.pe/x",
            ),
            ("[a](HTTP://example.pe)", "HTTP://example.pe"),
            ("[a](mailto:mesa@ie.edu.pe)", "mailto:mesa@ie.edu.pe"),
            ("[a](#objetivos)", "#objetivos"),
            ("[a](../guias/)", "../guias/"),
            ("[a](@/guias/x.md)", "@/guias/x.md"),
            ("[a](ficha.pdf?v=1#p:2)", "ficha.pdf?v=1#p:2"),
            ("<mesa@ie.edu.pe>", "mailto:mesa@ie.edu.pe"),
        ] {
            let html = render_untrusted(text, &no_links);
            assert!(
                html.contains(&format!("href=\"{href}\"")),
                "{text} -> {html}"
            );
            assert!(unsafe_destinations(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn control_characters_and_schemes_hidden_by_them_are_refused() {
        assert!(!is_safe_destination(" \u{1}javascript:alert(1)"));
        assert!(!is_safe_destination("ja\u{0}vascript:alert(1)"));
        assert!(!is_safe_destination("java\u{85}script:alert(1)"));
        assert!(!is_safe_destination("\u{7f}x"));
        assert!(!is_safe_destination("localhost:8080/x"));
        assert!(is_safe_destination(" https://a.pe "));
        assert!(is_safe_destination("//a.pe/x"));
        assert!(is_safe_destination(""));
    }

    #[test]
    fn unsafe_destinations_are_located() {
        let text = "Ver [esto](data:text/html,x) y [lo otro](https://a.pe).";
        let ranges = unsafe_destinations(text);
        assert_eq!(ranges.len(), 1);
        assert_eq!(&text[ranges[0].clone()], "data:text/html,x");
    }
}
