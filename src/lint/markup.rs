//! Rule E20: no active code in the text of a public plan. Plan texts are Markdown rendered
//! with raw HTML shown as text and unsafe links dropped (`markdown::render_untrusted`), so
//! this rule is not what keeps script out of the page: it tells the author, at the line,
//! that what they wrote will not work, and refuses text that would be dangerous anywhere
//! else it is pasted.
//!
//! Every match is on an ASCII-lowercased copy of the text, which has the same byte layout
//! as the text itself: a position found in the copy is a position in the text, whatever
//! letters it holds (full lowercasing turns `İ` into two characters and shifts every
//! position after it).

use std::ops::Range;

use crate::diag::{Code, Diagnostic};
use crate::resolve::markdown;

const HELP: &str =
    "los textos del plan son Markdown sin HTML activo: quite scripts, iframes y atributos on…=";

/// Every E20 finding in `text`, as byte ranges of `text` with their diagnostic.
pub fn findings(text: &str) -> Vec<(Range<usize>, Diagnostic)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    if bytes.iter().any(|b| matches!(b, b'<' | b':' | b'=')) {
        let lower = text.to_ascii_lowercase();
        for needle in ["<script", "<iframe", "javascript:"] {
            for (at, _) in lower.match_indices(needle) {
                found.push((at..at + needle.len(), unsafe_markup(needle)));
            }
        }
        for range in event_handlers(&lower) {
            found.push((range, unsafe_markup("on…=")));
        }
    }
    // Links need `]` (`[x](…)`, `[x]: …`), autolinks `<`: other texts hold none.
    if bytes.iter().any(|b| matches!(b, b']' | b'<')) {
        for range in markdown::unsafe_destinations(text) {
            // `[x](javascript:…)` is already reported for its scheme.
            if !found
                .iter()
                .any(|(f, _)| f.start < range.end && range.start < f.end)
            {
                found.push((range, unsafe_destination()));
            }
        }
    }
    found
}

fn unsafe_markup(what: &str) -> Diagnostic {
    Diagnostic::error(format!("el texto contiene código no permitido (`{what}`)"))
        .code(Code::E20)
        .help(HELP)
}

fn unsafe_destination() -> Diagnostic {
    Diagnostic::error("el enlace o la imagen lleva a una dirección no permitida")
        .code(Code::E20)
        .help("los enlaces de los textos del plan van a direcciones https:// o http://, a mailto:, a páginas del portal (`@/…`) o a `#…`; quite el enlace o corrija la dirección")
}

/// `onclick=`, `onerror =`… inside something that looks like a tag. Browsers also accept
/// a newline, a tab, a slash or a closing quote before the attribute (`<img/onerror=…>`).
fn event_handlers(lower: &str) -> Vec<Range<usize>> {
    let bytes = lower.as_bytes();
    let mut found = Vec::new();
    let starts = lower.match_indices("on").filter_map(|(on, _)| {
        let before = *bytes.get(on.checked_sub(1)?)?;
        (before.is_ascii_whitespace() || matches!(before, b'/' | b'"' | b'\'')).then_some(on - 1)
    });
    for at in starts {
        let name_end = at
            + 3
            + bytes[at + 3..]
                .iter()
                .take_while(|b| b.is_ascii_lowercase())
                .count();
        let rest = lower[name_end..].trim_start();
        let inside_tag = lower[..at]
            .rfind('<')
            .is_some_and(|lt| !lower[lt..at].contains('>'));
        if name_end > at + 3 && rest.starts_with('=') && inside_tag {
            found.push(at + 1..name_end);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        findings(text)
            .into_iter()
            .map(|(range, d)| {
                assert_eq!(d.code, Some(Code::E20));
                &text[range]
            })
            .collect()
    }

    #[test]
    fn finds_active_markup() {
        assert_eq!(found("<script>x</script>"), ["<script"]);
        assert_eq!(found("<img src=x onerror=alert(1)>"), ["onerror"]);
        assert_eq!(found("reunión on line = sí"), Vec::<&str>::new());
        // Browsers take a line break, a slash or a closing quote before an attribute too.
        for text in [
            "<img src=x\nonerror=alert(1)>",
            "<img/onerror=alert(1)>",
            "<img src=\"x\"onerror=alert(1)>",
        ] {
            assert_eq!(found(text), ["onerror"], "{text:?}");
        }
    }

    /// `İ` lowercases to two characters; it used to switch the rule off for the string.
    #[test]
    fn works_on_text_whose_lowercase_is_longer() {
        assert_eq!(found("İzmir <script>alert(1)</script>"), ["<script"]);
        assert_eq!(found("DİRECCİÓN [x](javascript:alert(1))"), ["javascript:"]);
        assert_eq!(found("İ ẞ <IMG SRC=x OnError=alert(1)>"), ["OnError"]);
    }

    #[test]
    fn finds_destinations_the_renderer_would_drop() {
        assert_eq!(
            found("Ver [x](jav&#x61;script:alert(1)) hoy"),
            ["[x](jav&#x61;script:alert(1))"]
        );
        assert_eq!(
            found("![x](data:image/png;base64,AAAA)"),
            ["data:image/png;base64,AAAA"]
        );
        // Reported once, for its scheme.
        assert_eq!(found("[x](javascript:alert(1))"), ["javascript:"]);
        assert_eq!(
            found("[minedu](https://www.minedu.gob.pe) y [guía](@/guias/x.md)"),
            Vec::<&str>::new()
        );
    }
}
