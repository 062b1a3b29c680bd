//! Markdown's HTML as the theme shows it: string fixes on the rendered body.

use std::borrow::Cow;

/// Markdown's HTML as the theme shows it: tables in scrollable regions, an empty header
/// cell (a table's corner) as the data cell it is, and task-list boxes as the printed
/// ☐ / ☑ of a form (a disabled checkbox has no label to give, and prints grey).
pub(super) fn adapt_content<'a>(html: &'a str, table_label: &str) -> Cow<'a, str> {
    const UNCHECKED: &str = "<input disabled=\"\" type=\"checkbox\"/>";
    const CHECKED: &str = "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>";
    let mut wrapped = wrap_tables(html, table_label);
    if contains(&wrapped, "<th></th>") {
        wrapped = Cow::Owned(wrapped.replace("<th></th>", "<td></td>"));
    }
    if !contains(&wrapped, "<input disabled=\"\" type=\"checkbox\"") {
        return wrapped;
    }
    Cow::Owned(
        wrapped
            .replace(
                UNCHECKED,
                "<span class=\"task\" aria-hidden=\"true\">☐</span>",
            )
            .replace(
                CHECKED,
                "<span class=\"task\" aria-hidden=\"true\">☑</span>",
            ),
    )
}

/// Puts each Markdown table in a labelled region that can be focused and scrolled sideways,
/// so a wide table never makes a narrow screen scroll the whole page. The regions are
/// numbered ("Tabla 2") to keep their names unique on the page.
fn wrap_tables<'a>(html: &'a str, label: &str) -> Cow<'a, str> {
    const OPEN: &str = "<table>";
    const CLOSE: &str = "</table>";
    if !contains(html, OPEN) {
        return Cow::Borrowed(html);
    }
    let label = label
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    let mut out = String::with_capacity(html.len() + 128);
    let mut rest = html;
    let mut count = 0;
    while let Some(open) = find(rest, OPEN) {
        let Some(close) = find(&rest[open..], CLOSE).map(|i| open + i + CLOSE.len()) else {
            break;
        };
        count += 1;
        out.push_str(&rest[..open]);
        out.push_str(&format!(
            "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{label} {count}\">"
        ));
        out.push_str(&rest[open..close]);
        out.push_str("</div>");
        rest = &rest[close..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Where `needle` (ASCII) first is in `haystack`. Every page's HTML is searched several
/// times on every render: memchr's searcher is several times std's.
fn find(haystack: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(haystack.as_bytes(), needle.as_bytes())
}

fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_tables_are_wrapped_in_numbered_regions() {
        assert!(matches!(wrap_tables("<p>x</p>", "Tabla"), Cow::Borrowed(_)));
        assert_eq!(
            wrap_tables(
                "<table><tr><td>a</td></tr></table><p>x</p><table></table>",
                "T\"a"
            ),
            concat!(
                "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"T&quot;a 1\">",
                "<table><tr><td>a</td></tr></table></div><p>x</p>",
                "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"T&quot;a 2\">",
                "<table></table></div>",
            )
        );
        assert_eq!(
            adapt_content(
                "<li><input disabled=\"\" type=\"checkbox\"/>\nA</li><li><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\nB</li>",
                "Tabla"
            ),
            "<li><span class=\"task\" aria-hidden=\"true\">☐</span>\nA</li><li><span class=\"task\" aria-hidden=\"true\">☑</span>\nB</li>"
        );
        assert!(
            adapt_content("<table><thead><tr><th></th><th>A</th>", "T")
                .contains("<tr><td></td><th>A</th>")
        );
        // An unclosed table (raw HTML) is left as written.
        assert_eq!(wrap_tables("<table><tr>", "Tabla"), "<table><tr>");
    }
}
