//! What personal data looks like in free text, as people in Peru write it: DNI numbers (P1),
//! mobile numbers and personal e-mail addresses (P2). `privacy` turns the matches into
//! diagnostics.
//!
//! Numbers are found as runs of digits joined by single spaces, hyphens or dots
//! (`987 654 321`, `45.678.912`), then judged by their digits and the shape of their groups.
//! A mobile is 9 digits starting with 9, written whole, in threes or as `987 65 43 21`, or
//! grouped any way after the country code (`+51`, `0051`). A DNI is 8 digits, written whole,
//! as `45.678.912` or with its check digit (`45678912-3`), after the word DNI or inside a
//! person's data. Other shapes are codes, and stay: plan ids (`ie-90123-2024`), resolutions
//! (`RD N° 0123-2024-UGEL-P`), códigos modulares (7 digits), years, dates, page ranges and
//! amounts (`S/ 10.000.000`).

use std::ops::Range;

/// Domains of personal mailboxes; an institution's own domain is public.
const PERSONAL_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "hotmail.com",
    "hotmail.es",
    "outlook.com",
    "outlook.es",
    "yahoo.com",
    "yahoo.es",
    "ymail.com",
    "live.com",
    "msn.com",
    "icloud.com",
    "aol.com",
    "protonmail.com",
    "proton.me",
    "pm.me",
];

/// Words that, glued to a number, label it rather than make it a code: `DNI45678912`,
/// `cel987654321`. Any other letters glued to digits (`ie70999`, `RD0123`) make a code.
const GLUED_LABELS: &[&str] = &[
    "dni", "nro", "cel", "celular", "movil", "tel", "telf", "telef", "wsp",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    Dni,
    Mobile,
    /// The mailbox's domain, lowercased.
    Mail(String),
}

#[derive(Debug)]
pub(super) struct Found {
    pub range: Range<usize>,
    pub kind: Kind,
}

/// Every DNI, mobile number and personal e-mail address in `text`. `identity` says the text
/// is a person's data (a teacher's table, a `dni` key), where any DNI-shaped number is one.
pub(super) fn find(text: &str, identity: bool) -> Vec<Found> {
    let mut found = Vec::new();
    for run in digit_runs(text) {
        let number = &text[run.clone()];
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        let groups: Vec<usize> = number.split(is_separator).map(str::len).collect();
        if is_amount(text, &run) {
            continue;
        }
        if is_dni(&groups) && (identity || names_dni(text, run.start)) {
            found.push(Found {
                range: run,
                kind: Kind::Dni,
            });
        } else if is_mobile(&digits, &groups, text, run.start) {
            // `+51…` is underlined whole, the plus included.
            let start = if text[..run.start].ends_with('+') {
                run.start - 1
            } else {
                run.start
            };
            found.push(Found {
                range: start..run.end,
                kind: Kind::Mobile,
            });
        }
    }
    for (range, domain) in emails(text) {
        if PERSONAL_MAIL.contains(&domain.as_str()) {
            found.push(Found {
                range,
                kind: Kind::Mail(domain),
            });
        }
    }
    found
}

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '.')
}

/// 8 digits whole, as `45.678.912` / `45 678 912`, or with a check digit `45678912-3`.
/// Two fours (`0123-2024`) are a resolution's number and year, not a DNI.
fn is_dni(groups: &[usize]) -> bool {
    matches!(groups, [8] | [2, 3, 3] | [8, 1])
}

/// 9 digits starting with 9 as phones are written, or any grouping of them after the
/// country code: before the run (`(+51) 9876 54321`) or inside it (`+51 987654321`,
/// `0051 987 654 321`, `51987654321` as in a `wa.me/` link).
fn is_mobile(digits: &str, groups: &[usize], text: &str, start: usize) -> bool {
    let phone_shape = |groups: &[usize]| matches!(groups, [9] | [3, 3, 3] | [3, 2, 2, 2]);
    match digits.len() {
        9 if digits.starts_with('9') => phone_shape(groups) || country_code_before(text, start),
        11 if digits.starts_with("519") => {
            text[..start].ends_with('+')
                || groups == [11]
                || (groups.first() == Some(&2) && phone_shape(&groups[1..]))
        }
        13 => digits.starts_with("00519"),
        _ => false,
    }
}

/// `+51`, `(+51)`, `0051` or `(51)` just before `at`, with spaces, hyphens or dots between.
fn country_code_before(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '-', '.', ')']);
    let digit_before = |prefix: &str| {
        before[..before.len() - prefix.len()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
    };
    before.ends_with("+51")
        || before.ends_with("(51")
        || (before.ends_with("0051") && !digit_before("0051"))
}

/// A sum of money: after `S/`, `$` or `€`, or before `soles` or `%` (`S/ 10.000.000` has a
/// DNI's shape).
fn is_amount(text: &str, run: &Range<usize>) -> bool {
    let before = text[..run.start].trim_end().as_bytes();
    let after = text[run.end..].trim_start().as_bytes();
    let ends = |suffix: &str| {
        before.len() >= suffix.len()
            && before[before.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    ["s/", "s/.", "$", "€"].into_iter().any(ends)
        || after
            .get(.."soles".len())
            .is_some_and(|w| w.eq_ignore_ascii_case(b"soles"))
        || after.first() == Some(&b'%')
}

/// Whether "DNI", "D.N.I." or "documento" is written in the 40 or so bytes before `at`.
fn names_dni(text: &str, at: usize) -> bool {
    let mut start = at.saturating_sub(40);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = text[start..at].to_lowercase();
    before.contains("dni") || before.contains("d.n.i") || before.contains("documento")
}

/// Runs of digits joined by single spaces, hyphens or dots (`987 654 321`, `45.678.912`).
/// A run glued to letters (`ie70999`, `2024a`) is part of a code, unless the letters before
/// it are a label (`DNI45678912`).
fn digit_runs(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < bytes.len()
            && (bytes[end].is_ascii_digit()
                || (is_separator(bytes[end] as char)
                    && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)))
        {
            end += 1;
        }
        let glued_after = bytes.get(end).is_some_and(u8::is_ascii_alphanumeric);
        let glued_before =
            start > 0 && bytes[start - 1].is_ascii_alphanumeric() && !label_before(text, start);
        if !glued_after && !glued_before {
            runs.push(start..end);
        }
        i = end;
    }
    runs
}

/// Whether the letters just before `at` are a whole word of `GLUED_LABELS`.
fn label_before(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let word_start = before
        .rfind(|c: char| !c.is_ascii_alphabetic())
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    // A word that goes on with non-ASCII letters (`teléfono`) is not one of the labels.
    let whole = !before[..word_start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    whole && GLUED_LABELS.contains(&word.to_ascii_lowercase().as_str())
}

/// Every e-mail address in `text`, with its domain lowercased.
fn emails(text: &str) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let is_part = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+');
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_part(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = text[at + 1..]
            .char_indices()
            .take_while(|(_, c)| is_part(*c))
            .last()
            .map_or(at + 1, |(i, c)| at + 1 + i + c.len_utf8());
        // A full stop after the address ends the sentence.
        let end = at + 1 + text[at + 1..end].trim_end_matches('.').len();
        let domain = text[at + 1..end].to_lowercase();
        if start < at && domain.contains('.') {
            found.push((start..end, domain));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `find` reports in `text`: (kind, the text underlined).
    fn found(text: &str, identity: bool) -> Vec<(Kind, &str)> {
        find(text, identity)
            .into_iter()
            .map(|f| (f.kind, &text[f.range]))
            .collect()
    }

    #[test]
    fn mobile_numbers_as_people_write_them() {
        for (text, number) in [
            ("987654321", "987654321"),
            ("cel. 987 654 321.", "987 654 321"),
            ("987-654-321", "987-654-321"),
            ("987.654.321", "987.654.321"),
            ("987 65 43 21", "987 65 43 21"),
            ("+51 987654321", "+51 987654321"),
            ("+51987654321", "+51987654321"),
            ("+51 987 654 321", "+51 987 654 321"),
            ("+51-987-654-321", "+51-987-654-321"),
            ("(+51) 987 654 321", "987 654 321"),
            ("(+51) 9876 54321", "9876 54321"),
            ("(51) 9876-54321", "9876-54321"),
            ("0051 987 654 321", "0051 987 654 321"),
            ("51 987654321", "51 987654321"),
            ("https://wa.me/51987654321", "51987654321"),
            ("Cel.987654321", "987654321"),
            ("cel987654321", "987654321"),
            ("WSP:987654321", "987654321"),
        ] {
            assert_eq!(found(text, false), [(Kind::Mobile, number)], "{text:?}");
        }
    }

    #[test]
    fn dni_numbers_as_people_write_them() {
        for (text, identity, number) in [
            ("DNI N° 45678912", false, "45678912"),
            ("DNI: 45.678.912", false, "45.678.912"),
            ("D.N.I. 45 678 912", false, "45 678 912"),
            ("DNI45678912", false, "45678912"),
            ("dni:45678912", false, "45678912"),
            ("documento de identidad 45678912-3", false, "45678912-3"),
            ("Identificada con DNI Nro45678912", false, "45678912"),
            ("45678912", true, "45678912"),
            ("45.678.912", true, "45.678.912"),
        ] {
            assert_eq!(found(text, identity), [(Kind::Dni, number)], "{text:?}");
        }
    }

    #[test]
    fn personal_mail_but_not_institutional_mail() {
        assert_eq!(
            found("escriba a ana.q@gmail.com", false),
            [(Kind::Mail("gmail.com".into()), "ana.q@gmail.com")]
        );
        assert_eq!(
            found("ANA@HOTMAIL.COM.", false),
            [(Kind::Mail("hotmail.com".into()), "ANA@HOTMAIL.COM")]
        );
        assert_eq!(found("mesadepartes@ie70999.edu.pe", false), []);
    }

    #[test]
    fn codes_years_dates_and_amounts_are_not_personal_data() {
        for text in [
            "ie-90123-2024",
            "id = \"ie-90123-2024\"",
            "ie70999-2024",
            "IE 9012 34567",
            "RD N° 0123-2024-UGEL-P",
            "RD N° 012-2024-DIE",
            "DNI de la directora: ver RD N° 0123-2024-UGEL-P",
            "documento aprobado con RD N° 0123-2024",
            "código modular 0456789",
            "código 0452912",
            "código modular 0456789-0",
            "2024",
            "2023-2024",
            "2023 - 2024",
            "2024-03-04",
            "04/03/2024",
            "04.03.2024",
            "12 07 2024",
            "pp. 123-145",
            "páginas 9 a 12",
            "S/ 1.50",
            "S/ 10.000.000",
            "el documento asigna S/ 10.000.000",
            "el documento asigna 10 000 000 soles",
            "10 000 000 soles",
            "051-555000",
            "+51 1 4567890",
            "(01) 456-7890",
            "192.168.1.1",
            "3.14159265",
            "versión 1.2.3",
            "45678912",
            "hotel987654321",
            "hotel45678912",
        ] {
            assert_eq!(found(text, false), [], "{text:?}");
        }
        // Inside a teacher's data, dates and codes are still not DNIs.
        for text in ["2024-03-04", "0123-2024", "0456789", "d01"] {
            assert_eq!(found(text, true), [], "{text:?}");
        }
    }
}
