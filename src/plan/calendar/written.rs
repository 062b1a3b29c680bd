//! Dates as people write them when they are not TOML dates: `08/04/2025`, `8-4-2025`,
//! `2025/04/08`, or the right shape with a day the month does not have (`2025-04-31`). Read
//! only to say how to write them (`load::toml_input`), never to accept them: a plan's dates
//! are TOML dates, and `Fecha::parse` reads one shape.

use super::{Fecha, days_in_month, month_name};

/// What a date-like text probably means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// A real date: `08/04/2025` is 2025-04-08, day first as Peru writes it.
    Date(Fecha),
    /// Year, month and a day past the month's last: 2025-04-31.
    NoSuchDay { anio: i32, mes: u8, dia: u8 },
}

impl Written {
    /// "abril tiene 30 días", "febrero de 2023 tiene 28 días": why the day does not exist.
    pub fn month_length(anio: i32, mes: u8) -> Option<String> {
        let days = days_in_month(anio, mes)?;
        Some(if mes == 2 {
            format!("febrero de {anio} tiene {days} días")
        } else {
            format!("{} tiene {days} días", month_name(mes))
        })
    }
}

/// `text` read as a day, a month and a year (in either order, the year written whole)
/// separated by one of `/`, `-` or `.`, the same each time; `None` if it is not date-like.
pub fn read_written(text: &str) -> Option<Written> {
    let separator = text.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let parts: Vec<&str> = text.split(separator).collect();
    let [a, b, c] = parts[..] else { return None };
    if [a, b, c]
        .iter()
        .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (year, month, day) = match (a.len(), c.len()) {
        (4, 1 | 2) if b.len() <= 2 => (a, b, c),
        (1 | 2, 4) if b.len() <= 2 => (c, b, a),
        _ => return None,
    };
    let (anio, mes, dia) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    match Fecha::new(anio, mes, dia) {
        Some(date) => Some(Written::Date(date)),
        None if (1..=12).contains(&mes) && (1..=31).contains(&dia) => {
            Some(Written::NoSuchDay { anio, mes, dia })
        }
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_like_texts_are_read_day_first_or_year_first() {
        let date = |y, m, d| Some(Written::Date(Fecha::new(y, m, d).unwrap()));
        let no_day = |anio, mes, dia| Some(Written::NoSuchDay { anio, mes, dia });
        let cases = [
            ("08/04/2025", date(2025, 4, 8)),
            ("8/4/2025", date(2025, 4, 8)),
            ("08-04-2025", date(2025, 4, 8)),
            ("08.04.2025", date(2025, 4, 8)),
            ("2025/04/08", date(2025, 4, 8)),
            ("2025-4-8", date(2025, 4, 8)),
            ("2025-04-08", date(2025, 4, 8)),
            ("2025-04-31", no_day(2025, 4, 31)),
            ("31/04/2025", no_day(2025, 4, 31)),
            ("2023-02-29", no_day(2023, 2, 29)),
            ("2024-02-30", no_day(2024, 2, 30)),
            ("2024-02-29", date(2024, 2, 29)),
            ("2024-13-01", None),
            ("2024-04-32", None),
            ("08/04/25", None),
            ("08/04-2025", None),
            ("1/2/3", None),
            ("abril", None),
            ("3.5", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(read_written(text), expected, "{text}");
        }
    }

    #[test]
    fn a_month_says_how_many_days_it_has() {
        let length = |anio, mes| Written::month_length(anio, mes).unwrap();
        assert_eq!(length(2025, 4), "abril tiene 30 días");
        assert_eq!(length(2025, 9), "setiembre tiene 30 días");
        assert_eq!(length(2023, 2), "febrero de 2023 tiene 28 días");
        assert_eq!(length(2024, 2), "febrero de 2024 tiene 29 días");
        assert_eq!(Written::month_length(2024, 13), None);
    }
}
