//! A date written the way people write dates on paper (`08/04/2025`), or one the month does
//! not have (`2025-04-31`): TOML's own message for either ("los textos van entre comillas",
//! "la fecha no es válida") invites a quoted date and a second error, so they are told how
//! to write the date instead. What the text means is `plan::calendar`'s to read.

use crate::diag::Diagnostic;
use crate::plan::calendar::{Written, read_written};

/// The diagnostic for a value at the place of a TOML error, if the value is date-like: bare
/// (a syntax error) or quoted where a date is expected (`expects_date`).
pub(super) fn misdated(value: &str, message: &str, expects_date: bool) -> Option<Diagnostic> {
    let value = value.trim();
    let (text, quoted) = match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) if expects_date => (inner, true),
        Some(_) => return None,
        None if message.starts_with("invalid type") => return None,
        None => (value, false),
    };
    let diagnostic = match read_written(text)? {
        Written::Date(date) if quoted => Diagnostic::error(format!(
            "TOML inválido: la fecha `{text}` está entre comillas"
        ))
        .help(format!(
            "escriba la fecha como {date} (año-mes-día, sin comillas)"
        )),
        Written::Date(date) => {
            Diagnostic::error(format!("TOML inválido: `{text}` no es una fecha de TOML")).help(
                format!("escriba la fecha como {date} (año-mes-día, sin comillas)"),
            )
        }
        Written::NoSuchDay { anio, mes, dia: _ } => {
            let length = Written::month_length(anio, mes)?;
            let last = crate::plan::calendar::days_in_month(anio, mes)?;
            Diagnostic::error(format!(
                "TOML inválido: la fecha `{text}` no existe: {length}"
            ))
            .help(format!(
                "escriba un día del 1 al {last}, p. ej. {anio:04}-{mes:02}-{last:02}"
            ))
        }
    };
    Some(diagnostic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(value: &str, message: &str, expects_date: bool) -> Option<(String, String)> {
        misdated(value, message, expects_date).map(|d| (d.message, d.help.unwrap_or_default()))
    }

    #[test]
    fn date_like_values_are_told_how_to_be_written() {
        let quoted = "string values must be quoted";
        let expected_date = "invalid type: string \"08/04/2025\", expected a TOML datetime";
        type Case<'a> = (&'a str, &'a str, bool, Option<(&'a str, &'a str)>);
        let cases: &[Case] = &[
            (
                "08/04/2025",
                quoted,
                false,
                Some((
                    "TOML inválido: `08/04/2025` no es una fecha de TOML",
                    "escriba la fecha como 2025-04-08 (año-mes-día, sin comillas)",
                )),
            ),
            (
                "\"08/04/2025\"",
                expected_date,
                true,
                Some((
                    "TOML inválido: la fecha `08/04/2025` está entre comillas",
                    "escriba la fecha como 2025-04-08 (año-mes-día, sin comillas)",
                )),
            ),
            (
                "2025-04-31",
                "invalid date",
                false,
                Some((
                    "TOML inválido: la fecha `2025-04-31` no existe: abril tiene 30 días",
                    "escriba un día del 1 al 30, p. ej. 2025-04-30",
                )),
            ),
            (
                "2023-02-29",
                "invalid date",
                false,
                Some((
                    "TOML inválido: la fecha `2023-02-29` no existe: febrero de 2023 tiene 28 días",
                    "escriba un día del 1 al 28, p. ej. 2023-02-28",
                )),
            ),
            (
                "2024-02-30",
                "invalid date",
                false,
                Some((
                    "TOML inválido: la fecha `2024-02-30` no existe: febrero de 2024 tiene 29 días",
                    "escriba un día del 1 al 29, p. ej. 2024-02-29",
                )),
            ),
            // A quoted text where a text is expected is no date mistake, nor a number.
            ("\"08/04/2025\"", "invalid type: string", false, None),
            ("12", "invalid type: integer", true, None),
            ("si", quoted, false, None),
        ];
        for (value, message, expects_date, expected) in cases {
            let expected = expected.map(|(m, h)| (m.to_string(), h.to_string()));
            assert_eq!(said(value, message, *expects_date), expected, "{value}");
        }
    }
}
