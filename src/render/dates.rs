//! Dates as readers of the site's language write them: the `date_long` template filter.

use crate::plan::calendar::{self, Fecha, MonthNames};

/// `2024-07-12` (a front-matter date, maybe with a time after it) in the words of
/// `language`, a BCP 47 tag from `site.toml`: "12 de julio de 2024" for Spanish (`es*`;
/// `es-PE` writes "setiembre" as Peru's official documents do), "July 12, 2024" for
/// English (`en*`). Other languages, and text that is not such a date, get the ISO date
/// back as written. The words are `plan::calendar`'s, as for every date senda writes.
pub fn long_date(text: &str, language: &str) -> String {
    let Some(date) = Fecha::parse_start(text) else {
        return text.to_string();
    };
    match MonthNames::of_language(language) {
        Some(names) => calendar::long_date(date, names),
        None => text.get(..10).unwrap_or(text).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_and_english_long_dates() {
        assert_eq!(long_date("2024-07-12", "es-PE"), "12 de julio de 2024");
        assert_eq!(long_date("2024-07-01", "es"), "1 de julio de 2024");
        assert_eq!(long_date("2024-09-30", "es-PE"), "30 de setiembre de 2024");
        assert_eq!(long_date("2024-09-30", "es-ES"), "30 de septiembre de 2024");
        assert_eq!(long_date("2024-07-12", "en"), "July 12, 2024");
        assert_eq!(long_date("2024-07-02", "en-GB"), "July 2, 2024");
        assert_eq!(
            long_date("2024-07-12T08:30:00", "ES-pe"),
            "12 de julio de 2024"
        );
    }

    #[test]
    fn other_languages_and_other_text_keep_the_iso_date() {
        assert_eq!(long_date("2024-07-12", "qu"), "2024-07-12");
        assert_eq!(long_date("2024-07-12T08:30:00", "pt-BR"), "2024-07-12");
        for text in [
            "",
            "2024",
            "2024-13-01",
            "2024-7-12",
            "12/07/2024",
            "2024-07-12x",
            "ñññññññññññ",
        ] {
            assert_eq!(long_date(text, "es"), text);
        }
    }
}
