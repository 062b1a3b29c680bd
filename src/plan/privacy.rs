//! The privacy lint (rules P1–P4), run on the raw text of public plans and of every
//! Markdown page, so personal data is caught wherever it was typed; and, in plans only,
//! the check for active code (E20, `plan::markup`).

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::toml_input::Source;

/// Keys of the private vocabulary: per-teacher follow-up that belongs in `*.privado.toml`.
pub const PRIVATE_KEYS: &[&str] = &[
    "seguimiento",
    "nivel_logro",
    "fortalezas",
    "aspectos_criticos",
    "compromisos",
    "necesidades_formacion",
    "acuerdos",
];

const PERSONAL_MAIL: &[&str] = &[
    "gmail.com",
    "hotmail.com",
    "hotmail.es",
    "outlook.com",
    "outlook.es",
    "yahoo.com",
    "yahoo.es",
    "live.com",
    "msn.com",
    "icloud.com",
    "aol.com",
    "protonmail.com",
    "proton.me",
];

/// Lints every key and string of a public plan file.
pub fn lint_table(source: &Source, table: &DeTable, out: &mut Diagnostics) {
    let private_file = source
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".toml"))
        .map_or("<id>.privado.toml".to_string(), |id| {
            format!("{id}.privado.toml")
        });
    let walker = Walker {
        source,
        private_file: &private_file,
    };
    walker.table(table, &mut String::new(), out);
}

/// Walks a public plan's keys and strings.
struct Walker<'a> {
    source: &'a Source<'a>,
    /// The plan's private companion, named in P3's help.
    private_file: &'a str,
}

impl Walker<'_> {
    /// `path` is the dotted key path so far (`docentes.nombre`), one buffer for the walk.
    fn table(&self, table: &DeTable, path: &mut String, out: &mut Diagnostics) {
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            let parent = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(name);
            if PRIVATE_KEYS.contains(&name) {
                out.push(
                Diagnostic::error(format!("la clave `{name}` es seguimiento individual de docentes y no puede estar en un archivo público"))
                    .code("P3")
                    .at(self.source.locate(key.span()))
                    .help(format!("mueva ese dato al archivo privado `{}`, que nunca se publica", self.private_file)),
            );
            }
            self.value(value.get_ref(), value.span(), path, out);
            path.truncate(parent);
        }
    }

    fn value(&self, value: &DeValue, span: Range<usize>, path: &mut String, out: &mut Diagnostics) {
        let source = self.source;
        match value {
            DeValue::Table(table) => self.table(table, path, out),
            DeValue::Array(items) => {
                for item in items.iter() {
                    self.value(item.get_ref(), item.span(), path, out);
                }
            }
            // Institutional contact data is public on purpose.
            DeValue::String(text) if !path.starts_with("institucion.contacto") => {
                {
                    let in_teacher_table = path.starts_with("docentes");
                    for finding in scan(text, in_teacher_table, Markup::Checked) {
                        // The span covers the quoted value; point inside it when the string has
                        // no escapes (the common case), else at the whole value.
                        let raw = &source.toml[span.clone()];
                        let range = raw
                            .find(&text[finding.range.clone()])
                            .map_or(span.clone(), |at| {
                                span.start + at..span.start + at + finding.range.len()
                            });
                        out.push(finding.diagnostic.at(source.locate(range)));
                    }
                }
            }
            _ => {}
        }
    }
}

/// Lints a Markdown page body (P1, P2, P4). Raw HTML is allowed in pages, so E20 is not.
pub fn lint_markdown(path: &std::path::Path, text: &str, body_start: usize, out: &mut Diagnostics) {
    for finding in scan(&text[body_start..], false, Markup::Allowed) {
        let range = body_start + finding.range.start..body_start + finding.range.end;
        out.push(
            finding
                .diagnostic
                .at(Location::from_range(path, text, range)),
        );
    }
}

struct Finding {
    range: Range<usize>,
    diagnostic: Diagnostic,
}

/// Whether `scan` looks for active markup (E20): plan texts must have none; raw HTML is
/// allowed in Markdown pages.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Markup {
    Checked,
    Allowed,
}

fn scan(text: &str, in_teacher_table: bool, markup: Markup) -> Vec<Finding> {
    let mut findings = Vec::new();
    // Most texts are plain prose: only file names need the lowercased copy, and it is most
    // of the cost of the lint. ASCII lowercasing keeps every byte where it was, so positions
    // found in the copy are positions in `text` (full lowercasing turns `İ` into two
    // characters and shifts them).
    let lower = if needs_lowercase(text) {
        text.to_ascii_lowercase()
    } else {
        String::new()
    };
    for run in digit_runs(text) {
        let digits: String = text[run.clone()]
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let before = words_before(text, run.start);
        if digits.len() == 8
            && !text[run.clone()].contains([' ', '-'])
            && (in_teacher_table
                || before.contains("dni")
                || before.contains("d.n.i")
                || before.contains("documento"))
        {
            findings.push(Finding {
                range: run.clone(),
                diagnostic: Diagnostic::error("parece un número de DNI")
                    .code("P1")
                    .help("un DNI es un dato personal: quítelo; los planes públicos no llevan documentos de identidad"),
            });
        } else if digits.len() == 9
            && digits.starts_with('9')
            && written_as_phone(&text[run.clone()])
        {
            findings.push(Finding {
                range: run,
                diagnostic: Diagnostic::error("parece un número de celular personal")
                    .code("P2")
                    .help("quítelo; solo el teléfono institucional puede publicarse, en `institucion.contacto`"),
            });
        }
    }
    for (range, domain) in emails(text) {
        if PERSONAL_MAIL.contains(&domain.as_str()) {
            findings.push(Finding {
                range,
                diagnostic: Diagnostic::error(format!("parece un correo personal (@{domain})"))
                    .code("P2")
                    .help("quítelo; solo el correo institucional puede publicarse, en `institucion.contacto`"),
            });
        }
    }
    if markup == Markup::Checked {
        findings.extend(
            super::markup::findings(text)
                .into_iter()
                .map(|(range, diagnostic)| Finding { range, diagnostic }),
        );
    }
    // A reference names a file (`ie-1.privado.toml`); explaining the suffix is not one.
    let names_a_file = |at: usize| {
        lower[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    for (at, _) in lower
        .match_indices(".privado.toml")
        .filter(|(at, _)| names_a_file(*at))
    {
        // Underline and name the whole file name, `ie-1.privado.toml`.
        let start = lower[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .last()
            .map_or(at, |(i, _)| i);
        let end = at + ".privado.toml".len();
        findings.push(Finding {
            range: start..end,
            diagnostic: Diagnostic::error(format!(
                "se hace referencia al archivo privado `{}`",
                &text[start..end]
            ))
            .code("P4")
            .help("los archivos privados nunca se publican ni se enlazan: quite la referencia"),
        });
    }
    findings
}

/// Mobile numbers are written whole or in threes (`987654321`, `987 654 321`, `987-654-321`);
/// other groupings of nine digits are codes, like a school's number and a year in a plan id
/// (`ie-90123-2024`).
fn written_as_phone(run: &str) -> bool {
    let groups: Vec<usize> = run.split([' ', '-']).map(str::len).collect();
    groups == [9] || groups == [3, 3, 3]
}

/// Whether `text` could name a private file: every such finding needs these bytes.
fn needs_lowercase(text: &str) -> bool {
    text.as_bytes()
        .windows(".privado.".len())
        .any(|w| w.eq_ignore_ascii_case(b".privado."))
}

/// The 40 or so bytes before `at`, lowercased: where "DNI" or "documento" would be written.
fn words_before(text: &str, at: usize) -> String {
    let mut start = at.saturating_sub(40);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    text[start..at].to_lowercase()
}

/// Runs of digits, allowing single spaces or hyphens inside (`987 654 321`).
fn digit_runs(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let continues = |at: usize| {
            bytes[at].is_ascii_digit()
                || (matches!(bytes[at], b' ' | b'-')
                    && at > start
                    && bytes.get(at + 1).is_some_and(u8::is_ascii_digit))
        };
        while end < bytes.len() && continues(end) {
            end += 1;
        }
        // A decimal or a longer code (1.50, 2024-03-04) is not a phone or a DNI.
        let glued = bytes.get(end).is_some_and(|b| {
            b.is_ascii_alphanumeric()
                || *b == b'.' && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
        });
        if !glued
            && !(start > 0
                && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'.'))
        {
            runs.push(start..end);
        }
        i = end.max(i + 1);
    }
    runs
}

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
        let domain = text[at + 1..end].trim_end_matches('.').to_lowercase();
        if start < at && domain.contains('.') {
            found.push((start..end, domain));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str, teacher: bool) -> Vec<(&'static str, String)> {
        let code = |f: &Finding| {
            ["P1", "P2", "P4", "E20"]
                .into_iter()
                .find(|c| f.diagnostic.code.as_deref() == Some(c))
                .unwrap_or("?")
        };
        scan(text, teacher, Markup::Checked)
            .into_iter()
            .map(|f| (code(&f), text[f.range].to_string()))
            .collect()
    }

    #[test]
    fn finds_dni_phones_and_personal_mail() {
        assert_eq!(
            codes("DNI N° 45678912", false),
            [("P1", "45678912".to_string())]
        );
        assert_eq!(codes("45678912", true), [("P1", "45678912".to_string())]);
        assert_eq!(codes("45678912", false), []);
        assert_eq!(
            codes("cel. 987 654 321.", false),
            [("P2", "987 654 321".to_string())]
        );
        assert_eq!(
            codes("escriba a ana.q@gmail.com", false),
            [("P2", "ana.q@gmail.com".to_string())]
        );
        assert_eq!(codes("mesadepartes@ie70999.edu.pe", false), []);
        assert_eq!(
            codes("987-654-321", false),
            [("P2", "987-654-321".to_string())]
        );
        assert_eq!(codes("987654321", false), [("P2", "987654321".to_string())]);
        assert_eq!(codes("id = \"ie-90123-2024\"", false), []);
        assert_eq!(codes("IE 9012 34567", false), []);
    }

    #[test]
    fn ordinary_numbers_are_not_personal_data() {
        for text in [
            "RD N° 012-2024-DIE",
            "código 0452912",
            "S/ 1.50",
            "2024-03-04",
            "051-555000",
            "10 000 000 soles",
        ] {
            assert_eq!(codes(text, false), [], "{text}");
        }
    }

    #[test]
    fn names_the_private_file_referenced() {
        assert_eq!(
            codes("ver ie-1-2024.privado.toml", false),
            [("P4", "ie-1-2024.privado.toml".to_string())]
        );
        assert_eq!(codes("los archivos .privado.toml", false), []);
    }

    /// A letter whose lowercase is longer (`İ`) before a private file name used to shift
    /// the name's position and slice the text out of bounds.
    #[test]
    fn a_private_file_name_after_a_longer_lowercase_letter() {
        assert_eq!(
            codes("İ ver a.privado.toml", false),
            [("P4", "a.privado.toml".to_string())]
        );
        assert_eq!(
            codes("DİRECCİÓN: ie-1.PRIVADO.toml", false),
            [("P4", "ie-1.PRIVADO.toml".to_string())]
        );
    }
}
