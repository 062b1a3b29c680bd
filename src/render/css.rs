//! The `css_string` filter: any text as one CSS string token, for the few places templates
//! put data into CSS (the running header of the printed plan, `@top-left { content: … }`).

/// `text` as a double-quoted CSS string that nothing in it can end early. Quotes,
/// backslashes, line breaks and every control character become hex escapes, as do `<`, `>`
/// and `&`, so the string is also inert inside a `<style>` element (`</style>` cannot
/// close it) or a `style` attribute. Each escape is six hex digits and a space, which CSS
/// reads as part of the escape: the next character can be anything, a digit included.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c.is_control()
            || matches!(
                c,
                '"' | '\'' | '\\' | '<' | '>' | '&' | '\u{2028}' | '\u{2029}'
            )
        {
            // CSS turns the escape of U+0000 into U+FFFD anyway: say so.
            let code = if c == '\0' { 0xFFFD } else { u32::from(c) };
            out.push_str(&format!("\\{code:06X} "));
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_in_the_text_ends_the_string_or_the_style_element() {
        let escaped = css_string("a\"b'c\\d\ne\r}</style><script>&\u{0}\u{7f}");
        assert_eq!(
            escaped,
            "\"a\\000022 b\\000027 c\\00005C d\\00000A e\\00000D }\\00003C /style\\00003E \\00003C script\\00003E \\000026 \\00FFFD \\00007F \""
        );
        let inner = &escaped[1..escaped.len() - 1];
        assert!(!inner.contains(['"', '\'', '\n', '\r', '<', '>', '&']));
    }

    #[test]
    fn ordinary_text_is_kept() {
        assert_eq!(
            css_string("IE N° 70001 «Zeta» · Plan 2024"),
            "\"IE N° 70001 «Zeta» · Plan 2024\""
        );
    }
}
