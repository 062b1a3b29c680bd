//! Dates as readers of the site's language write them: the `date_long` template filter.

/// `2024-07-12` (a front-matter date, maybe with a time after it) in the words of
/// `language`, a BCP 47 tag from `site.toml`: "12 de julio de 2024" for Spanish (`es*`;
/// `es-PE` writes "setiembre" as Peru's official documents do), "July 12, 2024" for
/// English (`en*`). Other languages, and text that is not such a date, get the ISO date
/// back as written.
pub fn long_date(text: &str, language: &str) -> String {
    let Some((year, month, day)) = parse_iso(text) else {
        return text.to_string();
    };
    let language = language.to_ascii_lowercase();
    let primary = language.split(['-', '_']).next().unwrap_or("");
    match primary {
        "es" => {
            let month = if month == 9 && language != "es-pe" {
                "septiembre"
            } else {
                crate::plan::vocab::MONTH_NAMES[month - 1]
            };
            format!("{day} de {month} de {year}")
        }
        "en" => format!("{} {day}, {year}", ENGLISH_MONTHS[month - 1]),
        _ => text.get(..10).unwrap_or(text).to_string(),
    }
}

const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Year, month (1–12) and day of `YYYY-MM-DD`, ignoring a time after it.
fn parse_iso(text: &str) -> Option<(u32, usize, u32)> {
    let date = text.get(..10)?;
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    let mut parts = date.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let year: u32 = year.parse().ok()?;
    let month: usize = month.parse().ok()?;
    let day: u32 = day.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
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
