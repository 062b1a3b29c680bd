//! The attributes a link check reads in HTML: `href`, `src` and `id`, found by one pass
//! over the text (the same reading as `render::urls`: a name standing alone before `=`
//! and a quoted value). Not a parser: text in a page never holds a bare `"` after
//! `href=`, since both Markdown and Tera escape quotes in text.

use std::ops::Range;

/// One attribute: its name and the byte range of its value (inside the quotes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    pub name: &'static str,
    pub value: Range<usize>,
}

const NAMES: [&str; 3] = ["href", "src", "id"];

/// Every `href`, `src` and `id` attribute of `html`, in order.
pub fn attributes(html: &str) -> Vec<Attr> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find('=') {
        let eq = from + at;
        from = eq + 1;
        let before = &bytes[..eq];
        let Some(name) = NAMES.into_iter().find(|n| before.ends_with(n.as_bytes())) else {
            continue;
        };
        let standing_alone = eq
            .checked_sub(name.len() + 1)
            .and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_whitespace);
        let quote = bytes.get(eq + 1).copied();
        if !standing_alone || !matches!(quote, Some(b'"' | b'\'')) {
            continue;
        }
        let start = eq + 2;
        let Some(length) = bytes[start..].iter().position(|b| Some(*b) == quote) else {
            break;
        };
        found.push(Attr {
            name,
            value: start..start + length,
        });
        from = start + length;
    }
    found
}

/// An attribute value as the browser reads it: the character references HTML writers put
/// in URLs (`&amp;`, quotes) turned back into characters.
pub fn unescape(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(html: &str) -> Vec<(&'static str, &str)> {
        attributes(html)
            .into_iter()
            .map(|a| (a.name, &html[a.value]))
            .collect()
    }

    #[test]
    fn names_must_stand_alone_and_values_be_quoted() {
        assert_eq!(
            values("<a href=\"x/\" id='y'><img src=\"a.png\"><p data-href=\"no\" x=1>"),
            [("href", "x/"), ("id", "y"), ("src", "a.png")]
        );
        assert_eq!(values("<a href=x>"), []);
        assert_eq!(values("<a\nhref=\"z\">"), [("href", "z")]);
    }

    #[test]
    fn broken_markup_never_panics() {
        for html in ["=", "href=", " href=\"", " id='", "é=\"", " src=\"ü"] {
            let _ = attributes(html);
        }
        assert_eq!(unescape("?a=1&amp;b=2"), "?a=1&b=2");
    }
}
