//! Dates and months, in one place: the one date type (`Fecha`) and its one parser, the
//! month tokens and names, long dates in words, and the rule that gives a month token its
//! year. Rules, the view, the exports, the `date_long` filter and front matter all come here,
//! so no two of them can disagree about a date.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use toml::Spanned;

use super::vocab;

mod school_year;
mod written;

pub use school_year::{
    SchoolYear, When, active_months, period, plan_year, visit_when, year_stays_in_calendar,
};
pub use written::{Written, read_written};

/// A calendar date (no time). Plans use TOML local dates: `fecha = 2024-04-09`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fecha {
    pub anio: i32,
    pub mes: u8,
    pub dia: u8,
}

/// How many days month 1–12 of `anio` has (February by the Gregorian leap years).
pub fn days_in_month(anio: i32, mes: u8) -> Option<u8> {
    Some(match mes {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if anio % 4 == 0 && (anio % 100 != 0 || anio % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    })
}

impl Fecha {
    pub fn new(anio: i32, mes: u8, dia: u8) -> Option<Fecha> {
        (1..=days_in_month(anio, mes)?)
            .contains(&dia)
            .then_some(Fecha { anio, mes, dia })
    }

    /// The one parser of dates written as text: exactly `YYYY-MM-DD`, digits only, a day
    /// the month has.
    pub fn parse(text: &str) -> Option<Fecha> {
        let bytes = text.as_bytes();
        let shape = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape {
            return None;
        }
        let number = |range: std::ops::Range<usize>| text[range].parse::<u16>().ok();
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        Fecha::new(i32::from(number(0..4)?), month, day)
    }

    /// `YYYY-MM-DD` at the start of `text`, which may go on with a time (`T08:30:00`).
    pub fn parse_start(text: &str) -> Option<Fecha> {
        let date = text.get(..10)?;
        let rest = &text[10..];
        if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
            return None;
        }
        Fecha::parse(date)
    }

    /// A TOML date, from a local date or the date part of a date-time.
    pub fn from_toml(date: toml::value::Date) -> Option<Fecha> {
        Fecha::new(i32::from(date.year), date.month, date.day)
    }

    /// A front matter `date`: a TOML date (also with a time) or the same as a string.
    pub fn from_front_matter(value: &toml::Value) -> Option<Fecha> {
        match value {
            toml::Value::Datetime(dt) => Fecha::from_toml(dt.date?),
            toml::Value::String(s) => Fecha::parse(s.trim()),
            _ => None,
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    pub fn days(self) -> i64 {
        let y = i64::from(self.anio) - i64::from(self.mes <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.mes);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.dia) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
    pub fn from_days(days: i64) -> Fecha {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        Fecha {
            anio: (yoe + era * 400 + i64::from(month <= 2)) as i32,
            mes: month as u8,
            dia: day as u8,
        }
    }

    /// 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday.
        ((self.days() + 3).rem_euclid(7) + 1) as u8
    }

    /// The same day `years` later (or earlier); 29 February becomes 28 February in a year
    /// that has no 29th.
    pub fn plus_years(self, years: i32) -> Fecha {
        let anio = self.anio + years;
        Fecha::new(anio, self.mes, self.dia).unwrap_or(Fecha {
            anio,
            mes: self.mes,
            dia: 28,
        })
    }

    pub fn next_day(self) -> Fecha {
        Fecha::new(self.anio, self.mes, self.dia + 1)
            .or_else(|| Fecha::new(self.anio, self.mes + 1, 1))
            .unwrap_or(Fecha {
                anio: self.anio + 1,
                mes: 1,
                dia: 1,
            })
    }
}

impl fmt::Display for Fecha {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.anio, self.mes, self.dia)
    }
}

/// As written in TOML and read by people: `2024-04-09`.
impl Serialize for Fecha {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Fecha {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Fecha, D::Error> {
        use serde::de::Error;
        let value = toml::value::Datetime::deserialize(deserializer)?;
        let not_a_date = || D::Error::custom("se esperaba una fecha sin hora, como 2024-04-09");
        let date = value
            .date
            .filter(|_| value.time.is_none())
            .ok_or_else(not_a_date)?;
        Fecha::from_toml(date).ok_or_else(not_a_date)
    }
}

/// The current date, from the system clock (UTC).
pub fn today() -> Fecha {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Fecha::from_days((seconds / 86_400) as i64)
}

/// The current calendar year (for rules E3 and E17, and the template of `senda new plan`).
pub fn current_year() -> i32 {
    today().anio
}

// ---- months ------------------------------------------------------------------------------

/// Month tokens, January first. Peru writes "setiembre", hence `set`.
pub const MONTH_TOKENS: [&str; 12] = [
    "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "set", "oct", "nov", "dic",
];

/// Month names as Peru writes them, the language of plans.
const PERU_MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "setiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

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

/// The number (1–12) of a month as plans write it: its token (`oct`) or its name
/// (`octubre`), case and accents aside (`vocab::fold`); `sep` and `septiembre` are the
/// other spellings of `set` and `setiembre`.
pub fn month_number(text: &str) -> Option<u8> {
    let folded = vocab::fold(text.trim());
    (1..=12u8).find(|&m| month_spellings(m).any(|s| s == folded))
}

/// Every way a plan may write month 1–12, in lower case without accents.
fn month_spellings(month: u8) -> impl Iterator<Item = &'static str> {
    let i = usize::from(month) - 1;
    let september: &[&str] = if month == 9 {
        &["sep", "septiembre"]
    } else {
        &[]
    };
    [MONTH_TOKENS[i], PERU_MONTHS[i]]
        .into_iter()
        .chain(september.iter().copied())
}

/// The token of the month `text` is probably a typo of (`octubree` -> `oct`), if any.
pub fn nearest_month(text: &str) -> Option<&'static str> {
    let spellings = (1..=12u8).flat_map(month_spellings);
    let near = vocab::nearest(text.trim(), spellings)?;
    month_number(near).map(month_token)
}

/// Reads a visit's `mes` as its token (`Setiembre` is `set`), so nothing after the load sees
/// another spelling; a text that is no month is kept as written, for rule E8 to report.
pub fn read_month<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Spanned<String>>, D::Error> {
    Ok(Option::<Spanned<String>>::deserialize(deserializer)?.map(as_token))
}

/// Reads an activity's `meses`, each as `read_month` reads one.
pub fn read_months<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Spanned<String>>, D::Error> {
    let months = Vec::<Spanned<String>>::deserialize(deserializer)?;
    Ok(months.into_iter().map(as_token).collect())
}

fn as_token(month: Spanned<String>) -> Spanned<String> {
    match month_number(month.get_ref()) {
        Some(number) => Spanned::new(month.span(), month_token(number).to_string()),
        None => month,
    }
}

/// The token of month 1–12.
pub fn month_token(month: u8) -> &'static str {
    MONTH_TOKENS[usize::from(month) - 1]
}

/// The name of month 1–12 as plans write it: "setiembre".
pub fn month_name(month: u8) -> &'static str {
    MonthNames::Peru.name(month)
}

/// The words dates are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthNames {
    /// Spanish as Peru's official documents write it: "setiembre". Plans use it.
    Peru,
    /// Spanish elsewhere: "septiembre".
    Spanish,
    English,
}

impl MonthNames {
    /// For a BCP 47 tag from `site.toml`: `es-PE` is Peru's, other `es*` Spanish, `en*`
    /// English; other languages have no month names here.
    pub fn of_language(tag: &str) -> Option<MonthNames> {
        let tag = tag.to_ascii_lowercase();
        match tag.split(['-', '_']).next().unwrap_or("") {
            "es" if tag == "es-pe" => Some(MonthNames::Peru),
            "es" => Some(MonthNames::Spanish),
            "en" => Some(MonthNames::English),
            _ => None,
        }
    }

    /// The name of month 1–12.
    pub fn name(self, month: u8) -> &'static str {
        match (self, month) {
            (MonthNames::Spanish, 9) => "septiembre",
            (MonthNames::English, _) => ENGLISH_MONTHS[usize::from(month) - 1],
            _ => PERU_MONTHS[usize::from(month) - 1],
        }
    }
}

/// "11 de marzo de 2024", or "March 11, 2024" in English.
pub fn long_date(date: Fecha, names: MonthNames) -> String {
    let month = names.name(date.mes);
    match names {
        MonthNames::English => format!("{month} {}, {}", date.dia, date.anio),
        _ => format!("{} de {month} de {}", date.dia, date.anio),
    }
}

/// "9 de abril": a day of the plan's year.
pub fn day_and_month(date: Fecha) -> String {
    format!("{} de {}", date.dia, month_name(date.mes))
}

/// "marzo de 2024".
pub fn month_and_year(date: Fecha) -> String {
    format!("{} de {}", month_name(date.mes), date.anio)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Fecha {
        Fecha::parse(text).unwrap()
    }

    #[test]
    fn weekdays_and_day_arithmetic() {
        let day = Fecha::new(2024, 4, 9).unwrap();
        assert_eq!(day.weekday(), 2, "9 April 2024 was a Tuesday");
        assert_eq!(Fecha::new(2024, 7, 27).unwrap().weekday(), 6);
        assert_eq!(date("2024-02-29").next_day(), date("2024-03-01"));
        assert_eq!(date("2024-12-31").next_day(), date("2025-01-01"));
        assert!(Fecha::new(2023, 2, 29).is_none());
        for text in ["1970-01-01", "2024-02-29", "2000-03-01", "1899-12-31"] {
            assert_eq!(Fecha::from_days(date(text).days()), date(text), "{text}");
        }
    }

    #[test]
    fn dates_are_parsed_in_one_shape() {
        assert_eq!(Fecha::parse("2024-07-12"), Fecha::new(2024, 7, 12));
        for text in [
            "",
            "2024",
            "2024-7-12",
            "2024-13-01",
            "2024-02-30",
            "12/07/2024",
            "+024-07-12",
            "2024-07-12x",
            "2024-07-1२",
            "ñññññññññññ",
        ] {
            assert_eq!(Fecha::parse(text), None, "{text}");
        }
        assert_eq!(
            Fecha::parse_start("2024-07-12T08:30"),
            Fecha::new(2024, 7, 12)
        );
        assert_eq!(
            Fecha::parse_start("2024-07-12 08:30"),
            Fecha::new(2024, 7, 12)
        );
        assert_eq!(Fecha::parse_start("2024-07-12x"), None);
        assert_eq!(Fecha::parse_start("2024-07-12"), Fecha::new(2024, 7, 12));
    }

    #[test]
    fn front_matter_dates_are_toml_dates_or_strings() {
        let toml_date: toml::Value = "2024-07-12T08:30:00"
            .parse::<toml::value::Datetime>()
            .unwrap()
            .into();
        assert_eq!(
            Fecha::from_front_matter(&toml_date),
            Fecha::new(2024, 7, 12)
        );
        let text: toml::Value = " 2024-07-12 ".into();
        assert_eq!(Fecha::from_front_matter(&text), Fecha::new(2024, 7, 12));
        assert_eq!(Fecha::from_front_matter(&"2024-7-12".into()), None);
        assert_eq!(Fecha::from_front_matter(&toml::Value::Integer(2024)), None);
    }

    #[test]
    fn months_are_read_by_token_or_name_in_any_case() {
        let cases: &[(&str, Option<u8>)] = &[
            ("mar", Some(3)),
            ("MAR", Some(3)),
            ("marzo", Some(3)),
            ("Marzo", Some(3)),
            ("octubre", Some(10)),
            ("OCTUBRE", Some(10)),
            ("set", Some(9)),
            ("sep", Some(9)),
            ("Set", Some(9)),
            ("setiembre", Some(9)),
            ("Setiembre", Some(9)),
            ("septiembre", Some(9)),
            ("SEPTIEMBRE", Some(9)),
            ("Diciembre", Some(12)),
            (" abr ", Some(4)),
            ("ágo", Some(8)),
            ("M", None),
            ("", None),
            ("octubree", None),
            ("sept", None),
            ("13", None),
        ];
        for (text, expected) in cases {
            assert_eq!(month_number(text), *expected, "{text:?}");
        }
        assert_eq!((month_token(9), month_name(9)), ("set", "setiembre"));
    }

    #[test]
    fn a_misspelled_month_gets_the_nearest_token() {
        let cases: &[(&str, Option<&str>)] = &[
            ("octubree", Some("oct")),
            ("Octubree", Some("oct")),
            ("setiembr", Some("set")),
            ("sept", Some("set")),
            ("febreo", Some("feb")),
            ("juio", Some("jul")),
            ("xx", None),
            ("lunes", None),
        ];
        for (text, expected) in cases {
            assert_eq!(nearest_month(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn long_dates_in_the_sites_words() {
        let july = date("2024-07-12");
        let names = |tag| MonthNames::of_language(tag).unwrap();
        assert_eq!(long_date(july, names("es-PE")), "12 de julio de 2024");
        assert_eq!(long_date(july, names("ES-pe")), "12 de julio de 2024");
        assert_eq!(
            long_date(date("2024-09-30"), names("es")),
            "30 de septiembre de 2024"
        );
        assert_eq!(
            long_date(date("2024-09-30"), names("es_PE")),
            "30 de septiembre de 2024"
        );
        assert_eq!(
            long_date(date("2024-07-02"), names("en-GB")),
            "July 2, 2024"
        );
        assert_eq!(MonthNames::of_language("qu"), None);
        assert_eq!(day_and_month(date("2024-09-03")), "3 de setiembre");
        assert_eq!(month_and_year(date("2024-03-03")), "marzo de 2024");
    }

    #[test]
    fn the_current_year_is_plausible() {
        assert!((2025..2100).contains(&current_year()));
    }
}
