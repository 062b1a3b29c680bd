//! Internal URLs in a rendered HTML page, rewritten relative to that page.
//!
//! Templates and Markdown produce internal URLs from `base_url`: absolute
//! (`https://example.org/portal/guias/`) or root-relative (`/portal/guias/`). Such a page
//! works only at that address. Rewritten relative to the page's own output file
//! (`../guias/`), the same files work at the domain root, under any sub-path, and opened
//! from a folder copy with `file://` (a USB stick in a school without internet).
//!
//! The one exception is `404.html`, which servers return for a missing URL at any depth:
//! there a relative URL would resolve against the missing URL, so its internal URLs become
//! root-relative (`/portal/senda.css`) instead.
//!
//! `<link rel="canonical">` keeps its absolute URL: it names the published address.
//! Only `href`, `src` and `srcset` attributes are touched, in one pass over the page.

use std::borrow::Cow;

/// How internal URLs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Relative to the page's output file: `../guias/`.
    Relative,
    /// From the domain root, with the base path: `/portal/guias/`.
    RootRelative,
}

/// What an internal URL starts with.
#[derive(Debug, Clone, Copy)]
pub struct Base<'a> {
    /// `base_url`, ending with `/`: `https://example.org/portal/`.
    pub url: &'a str,
    /// The path of `base_url`, starting and ending with `/`: `/portal/`.
    pub path: &'a str,
}

/// Rewrites every internal URL in the `href` and `src` attributes of `html`, the page
/// written to `page` (an output path such as `estrategias/gia/index.html`).
/// Returns the page unchanged (borrowed) when it holds no internal URL.
pub fn rewrite<'h>(html: &'h str, page: &str, base: Base, style: Style) -> Cow<'h, str> {
    let page_dir: Vec<&str> = match page.rsplit_once('/') {
        Some((dir, _)) => dir.split('/').collect(),
        None => Vec::new(),
    };
    let bytes = html.as_bytes();
    let mut out = String::new();
    // Everything before `copied` is already in `out`.
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = html[from..].find('=') {
        let eq = from + found;
        from = eq + 1;
        let Some((start, end, srcset)) = attribute_value(bytes, eq) else {
            continue;
        };
        from = end;
        let value = &html[start..end];
        if srcset {
            // A responsive image's candidates (`/portal/a-360.jpg 360w, …`), each rewritten.
            if out.is_empty() {
                out.reserve(html.len() + html.len() / 16);
            }
            out.push_str(&html[copied..start]);
            push_srcset(&mut out, value, &page_dir, base, style);
            copied = end;
            continue;
        }
        let Some(site_path) = site_path(value, base) else {
            continue;
        };
        if style == Style::Relative && is_canonical_link(html, eq, end) {
            continue;
        }
        if out.is_empty() {
            out.reserve(html.len() + html.len() / 16);
        }
        out.push_str(&html[copied..start]);
        match style {
            Style::Relative => push_relative(&mut out, &page_dir, site_path),
            Style::RootRelative => {
                out.push_str(base.path);
                out.push_str(site_path);
            }
        }
        copied = end;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// A `srcset` value, each candidate's URL written as `style` asks.
fn push_srcset(out: &mut String, value: &str, page_dir: &[&str], base: Base, style: Style) {
    for (i, candidate) in value.split(", ").enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let (url, width) = candidate.split_once(' ').unwrap_or((candidate, ""));
        match (site_path(url, base), style) {
            (Some(path), Style::Relative) => push_relative(out, page_dir, path),
            (Some(path), Style::RootRelative) => {
                out.push_str(base.path);
                out.push_str(path);
            }
            (None, _) => out.push_str(url),
        }
        if !width.is_empty() {
            out.push(' ');
            out.push_str(width);
        }
    }
}

/// For the `=` at `eq`: when it follows an `href`, `src` or `srcset` attribute name and
/// opens a quoted value, the byte range of that value, and whether it is a `srcset`.
fn attribute_value(bytes: &[u8], eq: usize) -> Option<(usize, usize, bool)> {
    let before = &bytes[..eq];
    let name_len = if before.ends_with(b"srcset") {
        6
    } else if before.ends_with(b"href") {
        4
    } else if before.ends_with(b"src") {
        3
    } else {
        return None;
    };
    // The name must stand alone: `<a href=`, not `data-href=`.
    let separator = *before.get(eq.checked_sub(name_len + 1)?)?;
    if !separator.is_ascii_whitespace() {
        return None;
    }
    let quote = *bytes.get(eq + 1)?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let start = eq + 2;
    let length = bytes[start..].iter().position(|b| *b == quote)?;
    Some((start, start + length, name_len == 6))
}

/// The part of an internal URL after the base: `guias/que-es/#ciclo` for
/// `https://example.org/portal/guias/que-es/#ciclo` or `/portal/guias/que-es/#ciclo`;
/// `None` for an external, relative or fragment-only URL.
fn site_path<'v>(value: &'v str, base: Base) -> Option<&'v str> {
    if let Some(rest) = value.strip_prefix(base.url) {
        return Some(rest);
    }
    if value.starts_with('/') && !value.starts_with("//") {
        if let Some(rest) = value.strip_prefix(base.path) {
            return Some(rest);
        }
        // `/portal` without its slash, maybe with a query or fragment.
        let bare = base.path.trim_end_matches('/');
        if let Some(rest) = value.strip_prefix(bare)
            && !bare.is_empty()
            && (rest.is_empty() || rest.starts_with(['?', '#']))
        {
            return Some(rest);
        }
        return None;
    }
    // `https://example.org/portal` without its slash.
    let bare = base.url.trim_end_matches('/');
    value
        .strip_prefix(bare)
        .filter(|rest| rest.is_empty() || rest.starts_with(['?', '#']))
}

/// Whether the attribute at `eq` (its value ending at `end`) is in a
/// `<link rel="canonical">` tag.
fn is_canonical_link(html: &str, eq: usize, end: usize) -> bool {
    let Some(tag_start) = html[..eq].rfind('<') else {
        return false;
    };
    let tag_end = html[end..].find('>').map_or(html.len(), |i| end + i);
    let tag = &html[tag_start..tag_end];
    tag.starts_with("<link")
        && (tag.contains("rel=\"canonical\"") || tag.contains("rel='canonical'"))
}

/// Appends the URL of `site_path` (`guias/que-es/#ciclo`) relative to a page in the
/// folder `page_dir` (`["guias", "visita"]`): `../que-es/#ciclo`.
/// `site_path` (`guias/`, no base path) as a URL relative to the output file `page`.
pub(super) fn relative(page: &str, site_path: &str) -> String {
    let page_dir: Vec<&str> = match page.rsplit_once('/') {
        Some((dir, _)) => dir.split('/').collect(),
        None => Vec::new(),
    };
    let mut out = String::new();
    push_relative(&mut out, &page_dir, site_path);
    out
}

fn push_relative(out: &mut String, page_dir: &[&str], site_path: &str) {
    let (path, suffix) = match site_path.find(['?', '#']) {
        Some(at) => site_path.split_at(at),
        None => (site_path, ""),
    };
    let mut target: Vec<&str> = path.split('/').collect();
    // The file name, or "" for a folder (`guias/` splits into `["guias", ""]`).
    let file = target.pop().unwrap_or("");
    let common = page_dir
        .iter()
        .zip(&target)
        .take_while(|(a, b)| a == b)
        .count();
    let start = out.len();
    for _ in common..page_dir.len() {
        out.push_str("../");
    }
    for segment in &target[common..] {
        out.push_str(segment);
        out.push('/');
    }
    out.push_str(file);
    if out.len() == start {
        out.push_str("./");
    }
    out.push_str(suffix);
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT: Base = Base {
        url: "https://x.org/",
        path: "/",
    };
    const PORTAL: Base = Base {
        url: "https://x.org/portal/",
        path: "/portal/",
    };

    fn relative(html: &str, page: &str, base: Base) -> String {
        rewrite(html, page, base, Style::Relative).into_owned()
    }

    fn href(value: &str, page: &str, base: Base) -> String {
        relative(&format!("<a href=\"{value}\">x</a>"), page, base)
            .trim_start_matches("<a href=\"")
            .trim_end_matches("\">x</a>")
            .to_string()
    }

    #[test]
    fn root_page_links_go_down_into_folders() {
        assert_eq!(
            href("https://x.org/acompanamiento/", "index.html", ROOT),
            "acompanamiento/"
        );
        assert_eq!(
            href("/acompanamiento/", "index.html", ROOT),
            "acompanamiento/"
        );
        assert_eq!(href("/senda.css", "index.html", ROOT), "senda.css");
        assert_eq!(href("/", "index.html", ROOT), "./");
        assert_eq!(href("https://x.org/", "index.html", ROOT), "./");
        assert_eq!(href("https://x.org", "index.html", ROOT), "./");
    }

    #[test]
    fn nested_pages_climb_to_the_common_folder() {
        let page = "estrategias/gia/index.html";
        assert_eq!(
            href("https://x.org/acompanamiento/", page, ROOT),
            "../../acompanamiento/"
        );
        assert_eq!(href("/estrategias/rtc/", page, ROOT), "../rtc/");
        assert_eq!(href("/estrategias/", page, ROOT), "../");
        assert_eq!(href("/estrategias/gia/", page, ROOT), "./");
        assert_eq!(href("/", page, ROOT), "../../");
        assert_eq!(href("/senda.css", page, ROOT), "../../senda.css");
        assert_eq!(href("/estrategias/gia/ficha.pdf", page, ROOT), "ficha.pdf");
        assert_eq!(
            href("/estrategias/gia/anexos/a.pdf", page, ROOT),
            "anexos/a.pdf"
        );
        // A folder that merely shares a prefix of its name is not common.
        assert_eq!(href("/estrategias/gia2/", page, ROOT), "../gia2/");
    }

    #[test]
    fn a_sub_path_base_url_is_stripped_in_both_forms() {
        let page = "guias/que-es/index.html";
        assert_eq!(
            href("https://x.org/portal/guias/visita/", page, PORTAL),
            "../visita/"
        );
        assert_eq!(href("/portal/guias/visita/", page, PORTAL), "../visita/");
        assert_eq!(href("/portal/", page, PORTAL), "../../");
        assert_eq!(href("/portal", page, PORTAL), "../../");
        assert_eq!(href("https://x.org/portal", page, PORTAL), "../../");
        assert_eq!(href("/portal/senda.css", "index.html", PORTAL), "senda.css");
        // Outside the site: on the same host, but not under the base path.
        assert_eq!(href("/otro/", page, PORTAL), "/otro/");
        assert_eq!(href("/portalito/", page, PORTAL), "/portalito/");
        assert_eq!(
            href("https://x.org/otro/", page, PORTAL),
            "https://x.org/otro/"
        );
        assert_eq!(
            href("https://x.org/portalito", page, PORTAL),
            "https://x.org/portalito"
        );
    }

    #[test]
    fn anchors_and_query_strings_are_kept() {
        let page = "guias/que-es/index.html";
        assert_eq!(href("#ciclo", page, ROOT), "#ciclo");
        assert_eq!(
            href("/guias/visita/#antes-de-la-visita", page, ROOT),
            "../visita/#antes-de-la-visita"
        );
        assert_eq!(href("/guias/que-es/#ciclo", page, ROOT), "./#ciclo");
        assert_eq!(
            href("/buscar/?q=gia&amp;n=2#r", page, ROOT),
            "../../buscar/?q=gia&amp;n=2#r"
        );
        assert_eq!(href("/portal?x=1", page, PORTAL), "../../?x=1");
        assert_eq!(href("/portal/#arriba", "index.html", PORTAL), "./#arriba");
    }

    #[test]
    fn external_and_relative_links_are_untouched() {
        let html = concat!(
            "<a href=\"https://minedu.gob.pe/x/\">a</a><a href=\"http://x.org.pe/\">b</a>",
            "<a href=\"//x.org/cdn.js\">c</a><a href=\"mailto:ie@x.org\">d</a>",
            "<a href=\"ficha.pdf\">e</a><a href=\"../otra/\">f</a><a href=\"\">g</a>",
            "<p data-href=\"/guias/\">h</p><p>src=\"/guias/\" href=/guias/ en texto</p>",
        );
        let rewritten = rewrite(html, "guias/que-es/index.html", ROOT, Style::Relative);
        assert!(matches!(rewritten, Cow::Borrowed(_)), "{rewritten}");
    }

    #[test]
    fn src_attributes_and_single_quotes_are_rewritten() {
        assert_eq!(
            relative(
                "<img src=\"/guias/a.png\" alt=\"\"><script src='/senda.js' defer></script>",
                "guias/index.html",
                ROOT
            ),
            "<img src=\"a.png\" alt=\"\"><script src='../senda.js' defer></script>"
        );
        assert_eq!(
            relative("<a\nhref=\"/guias/\">x</a>", "index.html", ROOT),
            "<a\nhref=\"guias/\">x</a>"
        );
    }

    #[test]
    fn the_canonical_link_stays_absolute() {
        let html = concat!(
            "<link rel=\"canonical\" href=\"https://x.org/portal/planes/a/\">",
            "<link href=\"https://x.org/portal/planes/a/\" rel=\"canonical\">",
            "<link rel=\"stylesheet\" href=\"https://x.org/portal/senda.css\">",
        );
        assert_eq!(
            relative(html, "planes/a/imprimir/index.html", PORTAL),
            concat!(
                "<link rel=\"canonical\" href=\"https://x.org/portal/planes/a/\">",
                "<link href=\"https://x.org/portal/planes/a/\" rel=\"canonical\">",
                "<link rel=\"stylesheet\" href=\"../../../senda.css\">",
            )
        );
    }

    #[test]
    fn the_404_page_gets_root_relative_urls() {
        let html = "<link href=\"/portal/senda.css\"><a href=\"https://x.org/portal/guias/#a\">x</a><a href=\"#c\">c</a>";
        assert_eq!(
            rewrite(html, "404.html", PORTAL, Style::RootRelative),
            "<link href=\"/portal/senda.css\"><a href=\"/portal/guias/#a\">x</a><a href=\"#c\">c</a>"
        );
    }

    #[test]
    fn broken_markup_never_panics() {
        for html in [
            "=",
            "href=",
            "href=\"",
            " href=\"/x",
            " src='",
            "<a href=\"/\"",
            "é=\"/\"",
            " href=\"/ü/\"",
            "<link rel=\"canonical\" href=\"/x",
        ] {
            for page in ["index.html", "a/b/index.html", ""] {
                let _ = rewrite(html, page, ROOT, Style::Relative);
                let _ = rewrite(html, page, PORTAL, Style::RootRelative);
            }
        }
    }
}
