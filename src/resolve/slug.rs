//! Turning human text into URL-safe ids, for page URLs and heading anchors.
//!
//! Spanish accents are folded (`acompañamiento` -> `acompanamiento`) so that URLs survive
//! being typed on a phone keyboard, copied into WhatsApp or printed on paper.

/// Folds `text` to lowercase ASCII, with every run of other characters turned into one `-`.
pub fn slugify(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_lowercase();
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Why a file or folder name cannot become part of a URL.
#[derive(Debug, PartialEq, Eq)]
pub enum NameError {
    /// The name has a character that is not a letter, digit, space, `-`, `_` or `.`.
    Character(char),
    /// Nothing is left of the name once folded.
    Empty,
}

/// The slug of a file or folder name. Only letters, digits, spaces, `-`, `_` and `.` are
/// accepted: anything else (`?`, `#`, `%`, quotes…) would make a URL that breaks when it is
/// shared, so it is refused rather than silently dropped.
pub fn slug_for_name(name: &str) -> Result<String, NameError> {
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.')))
    {
        return Err(NameError::Character(bad));
    }
    let slug = slugify(name);
    if slug.is_empty() {
        Err(NameError::Empty)
    } else {
        Ok(slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_spanish_accents_and_punctuation() {
        assert_eq!(
            slugify("Acompañamiento pedagógico"),
            "acompanamiento-pedagogico"
        );
        assert_eq!(slugify("¿Qué es la evaluación?"), "que-es-la-evaluacion");
        assert_eq!(slugify("  GIA / RTC  "), "gia-rtc");
        assert_eq!(slugify("—"), "");
    }

    #[test]
    fn names_with_unsafe_characters_are_refused() {
        assert_eq!(slug_for_name("Visita en aula"), Ok("visita-en-aula".into()));
        assert_eq!(slug_for_name("que_es"), Ok("que-es".into()));
        assert_eq!(slug_for_name("que?es"), Err(NameError::Character('?')));
        assert_eq!(slug_for_name("--"), Err(NameError::Empty));
    }
}
